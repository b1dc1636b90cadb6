// The ceiling of the exchange benchmarks: a bare Node HTTP server that, for each POST, reads the body and runs one
// INSERT of it on the same PostgreSQL through a pool of the runtime's size, then answers a short XML. Whatever a
// real request does beyond that (parsing, authentication, checks, writes, audit) is measured against it.
// Run as a child process (`node --import tsx test/bench/ceiling-server.ts`, env CEILING_DATABASE_URL); prints
// `READY <url>`.
import { createServer } from 'node:http';
import postgres from 'postgres';
import { baseOptions } from '../../shared/platform/db/connection';

const sql = postgres(process.env.CEILING_DATABASE_URL!, baseOptions(10));
await sql`create table if not exists public.bench_ceiling (id bigserial primary key, body text not null)`;

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    sql`insert into public.bench_ceiling (body) values (${Buffer.concat(chunks).toString('utf8')})`.then(
      () => {
        res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
        res.end('<ok/>');
      },
      () => {
        res.writeHead(500);
        res.end();
      },
    );
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`READY http://127.0.0.1:${port}\n`);
});
