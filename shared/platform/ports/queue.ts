import { z } from 'zod';
import { Role } from '../access/roles';

/** Who asked for the import: the consumer acts with this caller's rights (checked again when it runs). */
export const RequestedBy = z.object({
  username: z.string().min(1).max(64),
  role: Role,
  orgCode: z.string().min(2).max(10),
  channel: z.enum(['web', 'rest', 'soap', 'file']),
});
export type RequestedBy = z.infer<typeof RequestedBy>;

/** Messages of the import queue (SQS in AWS, pg-boss locally). Each names what to import and where it lies. */
export const ImportMessage = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('nsi-directory'),
    requestedBy: RequestedBy,
    directory: z.string().min(1).max(16),
    bucket: z.literal('inbox'),
    key: z.string().min(1).max(512),
  }),
  /** An uploaded ЕРЗ extract registered in the journal `ops.erz_import` (docs/formats/erz-extract.md). */
  z.object({
    kind: z.literal('erz-extract'),
    requestedBy: RequestedBy,
    importId: z.number().int().positive(),
    bucket: z.literal('inbox'),
    key: z.string().min(1).max(512),
  }),
  /** An uploaded T-file (T1–T6) registered in the journal `hosp.t_file` (docs/formats/t-family.md). */
  z.object({
    kind: z.literal('t-file'),
    requestedBy: RequestedBy,
    fileId: z.number().int().positive(),
    bucket: z.literal('inbox'),
    key: z.string().min(1).max(512),
  }),
]);
export type ImportMessage = z.infer<typeof ImportMessage>;

export interface QueueHealth {
  ok: boolean;
  adapter: 'sqs' | 'pg-boss';
  /** Messages waiting (approximate in SQS). */
  waiting?: number;
  /** Messages in the dead-letter queue. */
  deadLetters?: number;
  error?: string;
}

export interface QueuePort {
  /** Sends a message to the import queue; returns the message id. */
  send(message: ImportMessage): Promise<string>;
  health(): Promise<QueueHealth>;
}
