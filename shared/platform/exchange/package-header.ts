import * as z from 'zod';
import { Refusal } from '../flk/refusal';
import { schemaIssues } from '../flk/schema-issues';

/**
 * The package header every write carries on every channel (ARCHITECTURE §2): the package id is the
 * idempotency key, so it must be present, not blank and at most 64 characters — a blank id would make every
 * next blank-id package from the sender a "duplicate" of the first and lose its records.
 */
export const PackageHeader = z.object({
  packageId: z
    .string({ error: 'Не указан идентификатор пакета' })
    .trim()
    .min(1, 'Не указан идентификатор пакета')
    .max(64, 'Идентификатор пакета длиннее 64 знаков'),
  senderCode: z
    .string({ error: 'Не указан код отправителя пакета' })
    .trim()
    .min(2, 'Не указан код отправителя пакета')
    .max(10, 'Код отправителя пакета длиннее 10 знаков'),
  createdAt: z.string().optional(),
});
export type PackageHeader = z.infer<typeof PackageHeader>;

/** The header checked the same way for SOAP, REST and files; a bad header refuses the whole package. */
export function parsePackageHeader(value: unknown): PackageHeader {
  const parsed = PackageHeader.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  const issues = schemaIssues(parsed.error).map((i) => ({
    ...i,
    field: i.field ? `header.${i.field}` : 'header',
  }));
  throw Refusal.invalid(issues, issues[0]?.message ?? 'Неверный заголовок пакета');
}
