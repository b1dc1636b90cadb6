import * as z from 'zod';
import { inboxFile, RequestedBy } from '../../platform/queue-message';

/** A new publication of a reference directory uploaded to the inbox. */
export const NsiDirectoryMessage = z.object({
  kind: z.literal('nsi-directory'),
  requestedBy: RequestedBy,
  directory: z.string().min(1).max(16),
  ...inboxFile,
});
export type NsiDirectoryMessage = z.infer<typeof NsiDirectoryMessage>;
