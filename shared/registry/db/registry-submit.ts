import type { Caller } from '../../platform/access/caller';
import type { Tx } from '../../platform/db/connection';
import type { QueuePort } from '../../platform/ports/queue';
import { type RegistryImport, registerRegistryImport } from './registry-journal';

/**
 * Registration of a received package (every channel): the journal entry (content already queued, in progress
 * or applied is a `duplicate` and goes no further) and the queue message for the import consumer.
 */
export interface ReceivedPackage {
  channel: 'web' | 'rest' | 'soap';
  fileName: string;
  size: number;
  sha256: string;
  blobKey: string;
}

export async function registerPackage(
  tx: Tx,
  received: ReceivedPackage,
): Promise<{ import: RegistryImport; duplicate: boolean }> {
  return registerRegistryImport(tx, {
    channel: received.channel,
    fileName: received.fileName,
    fileSize: received.size,
    sha256: received.sha256,
    blobKey: received.blobKey,
    status: 'queued',
  });
}

/** The consumer's message for a registered package. */
export function packageMessage(
  who: Caller,
  importId: number,
  blobKey: string,
): Parameters<QueuePort['send']>[0] {
  return {
    kind: 'registry-package',
    requestedBy: { username: who.username, role: who.role, orgCode: who.orgCode, channel: who.channel },
    importId,
    bucket: 'inbox',
    key: blobKey,
  };
}
