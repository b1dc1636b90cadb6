import * as z from 'zod';
import { RequestedBy } from '../queue-message';

/**
 * Sent by the registry area's job once an import is done (also when a redelivered message finds it done): other
 * areas derive what they keep from its cases — prevention: participation steps from D-files, polyclinic cases
 * from H-files — without importing the registry area. No personal data; the receiving job reads the cases itself
 * with the uploader's rights, and derives idempotently.
 */
export const RegistryImportedMessage = z.object({
  kind: z.literal('registry-imported'),
  requestedBy: RequestedBy,
  importId: z.number().int().positive(),
});
export type RegistryImportedMessage = z.infer<typeof RegistryImportedMessage>;
