import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { resolveDataDir } from './paths';

/** `npm run db:reset`: deletes the local data (database, blobs, token secret); the next start regenerates it. */
const dataDir = resolveDataDir();
if (existsSync(path.join(dataDir, 'pgdata', 'postmaster.pid'))) {
  console.error(`omslink seems to be running (${dataDir}/pgdata/postmaster.pid exists): stop it first.`);
  process.exit(1);
}
await rm(dataDir, { recursive: true, force: true });
console.log(`Deleted ${dataDir}. The next npm start creates a fresh database and demo region.`);
