import * as z from 'zod';
import { inboxFile, RequestedBy } from '../../platform/queue-message';

/** A registry-invoice package in the inbox, registered in the journal `registry.import`. */
export const RegistryPackageMessage = z.object({
  kind: z.literal('registry-package'),
  requestedBy: RequestedBy,
  importId: z.number().int().positive(),
  ...inboxFile,
});
export type RegistryPackageMessage = z.infer<typeof RegistryPackageMessage>;
