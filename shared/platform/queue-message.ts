import * as z from 'zod';
import { roleSchema } from './access/role-schema';

/** Who asked for the import: the consumer acts with this caller's rights (checked again when it runs). */
export const RequestedBy = z.object({
  username: z.string().min(1).max(64),
  role: roleSchema,
  orgCode: z.string().min(2).max(10),
  channel: z.enum(['web', 'rest', 'soap', 'file']),
});
export type RequestedBy = z.infer<typeof RequestedBy>;

/**
 * What every message of the import queue (SQS in AWS, pg-boss locally) carries: its kind and who asked. Each
 * area defines its kinds' full schemas and registers a job per kind (shared/platform/area.ts); the consumer
 * dispatches by kind.
 */
export const QueueMessage = z.looseObject({
  kind: z.string().min(1).max(64),
  requestedBy: RequestedBy,
});
export type QueueMessage = z.infer<typeof QueueMessage>;

/** A file in the inbox bucket, as most import messages name it. */
export const inboxFile = {
  bucket: z.literal('inbox'),
  key: z.string().min(1).max(512),
};
