import * as z from 'zod';
import { inboxFile, RequestedBy } from '../../platform/queue-message';

/** An uploaded ЕРЗ extract registered in the journal `ops.erz_import` (docs/formats/erz-extract.md). */
export const ErzExtractMessage = z.object({
  kind: z.literal('erz-extract'),
  requestedBy: RequestedBy,
  importId: z.number().int().positive(),
  ...inboxFile,
});
export type ErzExtractMessage = z.infer<typeof ErzExtractMessage>;
