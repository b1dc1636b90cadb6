import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { AccessContext } from '../../platform/access/scoped';
import type { Sql } from '../../platform/db/connection';
import type { BlobPort, Bucket } from '../../platform/ports/blobs';
import { findDirectory } from '../domain/catalogue';
import { type DirectoryLoadResult, loadDirectory } from './nsi-loader';

export class UnknownDirectoryError extends Error {}

/**
 * Loads a directory publication uploaded to the inbox (a newer FFOMS release, say) through the same loader
 * the start-up uses. The blob is spooled to a temporary file; a publication already loaded is a no-op.
 */
export async function importPublication(
  sql: Sql,
  blobs: BlobPort,
  directory: string,
  bucket: Bucket,
  key: string,
  who: AccessContext,
): Promise<DirectoryLoadResult> {
  const spec = findDirectory(directory);
  if (!spec) throw new UnknownDirectoryError(`Unknown directory ${directory}`);
  const dir = await mkdtemp(path.join(tmpdir(), 'omslink-nsi-'));
  try {
    const file = path.join(dir, 'publication');
    await pipeline(await blobs.get(bucket, key), createWriteStream(file));
    return await loadDirectory(sql, spec, file, who);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
