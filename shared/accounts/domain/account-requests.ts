import * as z from 'zod';
import { roleSchema } from '../../platform/access/role-schema';
import { boundedInt, pageNumber, pageSize } from '../../platform/flk/edge-types';
import { passwordAcceptable, passwordRule, systemRateLimitRange } from './account-rules';
import { secretOverlap } from './system-secret';

/** User names as auth.account allows them (lower-case Latin letters, digits, `_ . -`, 3–64 characters). */
export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_.-]{3,64}$/, 'Имя пользователя: 3–64 символа — латинские буквы, цифры, «_», «.», «-»');

const FullName = z.string().trim().min(3).max(200);
const Email = z.email().max(254);
const OrgCode = z.string().regex(/^\d{2,6}$/);
export const Password = z.string().refine(passwordAcceptable, passwordRule.message);

export const AccountStatus = z.enum(['active', 'disabled']);
export type AccountStatus = z.infer<typeof AccountStatus>;

/** `POST /api/v1/accounts`. */
export const CreateAccountRequest = z.object({
  username: Username,
  kind: z.enum(['person', 'system']),
  fullName: FullName,
  role: roleSchema,
  orgCode: OrgCode,
  email: Email.optional(),
  /** People only; when omitted a temporary password is generated and returned once. */
  password: Password.optional(),
});
export type CreateAccountRequest = z.infer<typeof CreateAccountRequest>;

/**
 * `PATCH /api/v1/accounts/{username}`: only the fields sent change; `email: null` clears it. `rateLimitPerMinute`
 * (system accounts only): SOAP calls a minute, `null` returns the account to the system default.
 */
export const UpdateAccountRequest = z
  .object({
    fullName: FullName.optional(),
    role: roleSchema.optional(),
    status: AccountStatus.optional(),
    email: Email.nullable().optional(),
    rateLimitPerMinute: boundedInt(systemRateLimitRange.min, systemRateLimitRange.max).nullable().optional(),
  })
  .strict();
export type UpdateAccountRequest = z.infer<typeof UpdateAccountRequest>;

/** `POST /api/v1/accounts/{username}/password`. */
export const ResetPasswordRequest = z.object({ password: Password });

/** `POST /api/v1/accounts/{username}/secrets` (an empty body takes the defaults). */
export const IssueSecretRequest = z.preprocess(
  (body) => body ?? {},
  z.object({
    label: z.string().trim().min(1).max(100).optional(),
    overlapHours: boundedInt(0, secretOverlap.maxHours).default(secretOverlap.defaultHours),
  }),
);

/** `GET /api/v1/accounts`. */
export const AccountListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  orgCode: z
    .string()
    .regex(/^\d{2,6}$/)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  role: roleSchema.optional().or(z.literal('').transform(() => undefined)),
  kind: z
    .enum(['person', 'system'])
    .optional()
    .or(z.literal('').transform(() => undefined)),
  status: AccountStatus.optional().or(z.literal('').transform(() => undefined)),
  page: pageNumber(),
  pageSize: pageSize(500, 50),
  sort: z
    .enum([
      'username',
      '-username',
      'fullName',
      '-fullName',
      'role',
      '-role',
      'orgCode',
      '-orgCode',
      'lastSignInAt',
      '-lastSignInAt',
      'createdAt',
      '-createdAt',
    ])
    .default('username'),
});
export type AccountListQuery = z.infer<typeof AccountListQuery>;
export type AccountSort = AccountListQuery['sort'];
