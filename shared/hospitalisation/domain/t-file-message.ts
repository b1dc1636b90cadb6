import * as z from 'zod';
import { inboxFile, RequestedBy } from '../../platform/queue-message';

/** An uploaded T-file (T1–T6) registered in the journal `hosp.t_file` (docs/formats/t-family.md). */
export const TFileMessage = z.object({
  kind: z.literal('t-file'),
  requestedBy: RequestedBy,
  fileId: z.number().int().positive(),
  ...inboxFile,
});
export type TFileMessage = z.infer<typeof TFileMessage>;
