// A queue consumer in its own process, for a test to kill mid-import as the OS would: imports the registry
// package in REGISTRY_FILE (registered as REGISTRY_IMPORT_ID) as the МО account REGISTRY_USER of REGISTRY_ORG,
// through the application role at REGISTRY_DB_URL. Prints `READY <import id>` when it starts reading.
import { createReadStream } from 'node:fs';
import postgres from 'postgres';
import { baseOptions } from '../../shared/platform/db/connection';
import { importRegistryPackage } from '../../shared/registry/db/registry-import';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const sql = postgres(env('REGISTRY_DB_URL'), { ...baseOptions, max: 3 });
const id = Number(env('REGISTRY_IMPORT_ID'));
process.stdout.write(`READY ${id}\n`);
await importRegistryPackage(
  sql,
  createReadStream(env('REGISTRY_FILE'), { highWaterMark: 64 * 1024 }),
  id,
  {
    username: env('REGISTRY_USER'),
    role: 'mo_registrar',
    orgCode: env('REGISTRY_ORG'),
    orgKind: 'MO',
    channel: 'file',
    requestId: 'killed-consumer',
  },
  { progressEveryMs: 100, batchSize: 500 },
);
await sql.end();
