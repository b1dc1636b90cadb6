// Fixes applied to installed dependencies: run by npm after every install (`postinstall`), idempotent, plain
// Node without dependencies. Each patch names the upstream report and pins the version it was written for; a
// different version fails the install, so whoever upgrades looks at whether the release fixed it (then drops the
// patch) or whether it still applies.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const marker = '// omslink patch';

const patches = [
  {
    // postgres.js 3.4.9 loses its write scheduling when a connection closes (the database stopped or restarted):
    // - a write scheduled before the close still runs after it and calls `socket.write` on null: an uncaught
    //   TypeError that ends the process (porsager/postgres#1154, #1208; e.g. a transaction's ROLLBACK after its
    //   connection closed). Now the write settles its query with CONNECTION_CLOSED instead.
    // - the close cancels the scheduled write without forgetting it, so that connection never writes again: each
    //   later connect hangs until connect_timeout (LanternOps/breeze#3225). Now the close forgets it.
    name: 'postgres',
    version: '3.4.9',
    files: ['src/connection.js', 'cjs/src/connection.js'],
    edits: [
      {
        from: '  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)\n',
        to:
          '  function nextWrite(fn) {\n' +
          `    if (!socket) { ${marker}: closed while a write was scheduled (porsager/postgres#1208)\n` +
          '      chunk = nextWriteTimer = null\n' +
          "      error(Errors.connection('CONNECTION_CLOSED', options))\n" +
          '      return true\n' +
          '    }\n' +
          '    const x = socket.write(chunk, fn)\n',
        count: 1,
      },
      {
        from: '    clearImmediate(nextWriteTimer)\n',
        to: `    clearImmediate(nextWriteTimer)\n    nextWriteTimer = chunk = null ${marker}: a cleared write is forgotten\n`,
        count: 2,
      },
    ],
  },
  {
    // postgres.js 3.4.9 waits for BEGIN's answer before it runs a transaction's first statement: one round trip
    // more per transaction than needed (a single-record SOAP send is a few statements; at 2 cores every round trip
    // costs a wake-up on both sides). Now BEGIN goes out in the same write as the first statements when it got a
    // connection at once, as drivers that pipeline do (pgx sends BEGIN with the first query); when it waited in
    // the pool queue, it is awaited as before. (Dispatching BEGIN leaves its connection marked full, so the
    // transaction's statements would queue behind BEGIN's answer; it is marked reserved for the transaction at
    // once instead — the state a finished BEGIN leaves it in.) BEGIN fails only when the connection does, and
    // then so does everything after it on that connection.
    name: 'postgres',
    version: '3.4.9',
    files: ['src/index.js', 'cjs/src/index.js'],
    edits: [
      {
        from: "      await sql.unsafe('begin ' + options.replace(/[^a-z ]/ig, ''), [], { onexecute }).execute()\n",
        to:
          "      const began = sql.unsafe('begin ' + options.replace(/[^a-z ]/ig, ''), [], { onexecute }).execute()\n" +
          `      await null ${marker}: the query is dispatched a microtask after execute()\n` +
          `      connection ? (move(connection, reserved), began.catch(() => {})) : await began ${marker}: BEGIN pipelined with the first statement\n`,
        count: 1,
      },
    ],
  },
];

for (const patch of patches) {
  const dir = path.join(root, 'node_modules', patch.name);
  if (!existsSync(dir)) continue;
  const { version } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  if (version !== patch.version) {
    console.error(
      `infra/patch-dependencies.mjs: ${patch.name} is ${version}, the patch was written for ${patch.version}. ` +
        'Check whether the release fixes it (then remove the patch) or update the patch.',
    );
    process.exit(1);
  }
  for (const file of patch.files) {
    const target = path.join(dir, file);
    let text = readFileSync(target, 'utf8');
    if (text.includes(marker)) continue;
    for (const edit of patch.edits) {
      const found = text.split(edit.from).length - 1;
      if (found !== edit.count) {
        console.error(
          `infra/patch-dependencies.mjs: ${patch.name}/${file}: expected ${edit.count} × ${JSON.stringify(edit.from)}, found ${found}.`,
        );
        process.exit(1);
      }
      text = text.split(edit.from).join(edit.to);
    }
    writeFileSync(target, text);
    console.log(`Patched ${patch.name}/${file}.`);
  }
}
