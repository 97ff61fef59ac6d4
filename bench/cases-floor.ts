/**
 * What this machine allows for bench:cases' create target (≥ 2,000 creates/s, p95 ≤ 20 ms, 8
 * connections), measured with the same load generator (bench/http-load.ts, autocannon in its own
 * process) against servers that do less than a case create, on a fresh embedded PostgreSQL:
 *
 * - `noop`: Fastify parses the JSON body, validates it against a schema and answers 201;
 * - `select`: the same, plus one round trip to PostgreSQL (`SELECT $1`) through a pool of 8;
 * - `insert`: the same, plus one autocommitted INSERT of one row (primary key only) per request.
 *
 * A case create does all of that and more: a session check, its lookups, a row in each of five
 * tables with 14 indexes between them, and two events that the event follower pushes and the
 * durable handlers turn into analytics rows. Each level prints CPU ms per request of the server,
 * PostgreSQL and autocannon, and the ceiling that CPU allows on this machine's cores.
 *
 * `npm run bench:cases-floor -- --seconds 10 --connections 8`
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import Fastify from 'fastify';
import pg from 'pg';
import { startEmbeddedPostgres } from '../apps/server/src/platform/embedded-pg.ts';
import { freePort } from '../apps/server/src/platform/free-port.mjs';
import { createLogger } from '../apps/server/src/platform/logger.ts';
import type { LoadResult } from './http-load.ts';
import {
  bounded,
  makeDataDir,
  percentile,
  postgresCpuBetween,
  postgresCpuByPid,
  printMachine,
  printTable,
  removeDataDir,
  round,
  writeResults,
} from './lib.ts';
import { startLoadGenerator } from './load-generator.ts';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '8' } },
});
const SECONDS = bounded(values.seconds, 2, 60);
const CONNECTIONS = bounded(values.connections, 1, 64);
const LEVELS = ['noop', 'select', 'insert'] as const;

printMachine();
const dataDir = await makeDataDir();
const log = createLogger({ level: 'warn' });
const embedded = await startEmbeddedPostgres({ dataDir, log, database: 'postgres' });
const pool = new pg.Pool({ connectionString: embedded.socketUrl ?? embedded.url, max: CONNECTIONS });
pool.on('error', () => undefined); // idle connections closed by the stop at the end
await pool.query(
  'CREATE TABLE floor_case (id bigserial PRIMARY KEY, subject text NOT NULL, description text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())',
);

const app = Fastify({ logger: false });
const body = {
  type: 'object',
  required: ['type', 'subject'],
  properties: {
    type: { type: 'string', enum: ['inquiry', 'complaint'] },
    subject: { type: 'string', minLength: 1, maxLength: 200 },
    description: { type: 'string', maxLength: 10_000 },
  },
} as const;
type Body = { type: string; subject: string; description?: string };
let next = 0;
app.post<{ Body: Body }>('/noop', { schema: { body } }, async (_req, reply) =>
  reply.code(201).send({ id: ++next }),
);
app.post<{ Body: Body }>('/select', { schema: { body } }, async (req, reply) => {
  const { rows } = await pool.query('SELECT $1::text AS subject', [req.body.subject]);
  return reply.code(201).send({ id: ++next, subject: rows[0].subject });
});
app.post<{ Body: Body }>('/insert', { schema: { body } }, async (req, reply) => {
  const { rows } = await pool.query(
    'INSERT INTO floor_case (subject, description) VALUES ($1, $2) RETURNING id',
    [req.body.subject, req.body.description ?? ''],
  );
  return reply.code(201).send({ id: rows[0].id });
});
const port = await freePort();
await app.listen({ port, host: '127.0.0.1' });
// Every connection of the pool open before the readings, so PostgreSQL's CPU counts them all.
await Promise.all(Array.from({ length: CONNECTIONS }, () => pool.query('SELECT 1')));

async function load(url: string): Promise<LoadResult> {
  const loader = await startLoadGenerator();
  return loader.run({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'complaint', subject: 'Bench complaint', description: 'Fee charged twice' }),
  });
}

const cores = os.availableParallelism();
const rows: Record<string, string | number>[] = [];
try {
  for (const level of LEVELS) {
    const pgBefore = await postgresCpuByPid(dataDir);
    const cpuBefore = process.cpuUsage();
    const result = await load(`http://127.0.0.1:${port}/${level}`);
    const cpu = process.cpuUsage(cpuBefore);
    const pgMs = postgresCpuBetween(pgBefore, await postgresCpuByPid(dataDir)) * 1000;
    const per = (ms: number) => (result.ok ? ms / result.ok : 0);
    const server = per((cpu.user + cpu.system) / 1000);
    const postgres = per(pgMs);
    const loader = per(result.cpuMs);
    const total = server + postgres + loader;
    rows.push({
      level,
      'req/s': round(result.ok / result.duration, 0),
      'p50 ms': round(percentile(result.latencies, 50), 1),
      'p95 ms': round(percentile(result.latencies, 95), 1),
      'non-2xx': result.non2xx + result.errors,
      'server CPU ms/req': round(server, 3),
      'postgres CPU ms/req': round(postgres, 3),
      'autocannon CPU ms/req': round(loader, 3),
      'total CPU ms/req': round(total, 3),
      [`ceiling on ${cores} cores, req/s`]: total ? round((cores * 1000) / total, 0) : 0,
    });
  }
} finally {
  await app.close();
  await pool.end();
  await embedded.stop();
  await removeDataDir(dataDir);
}
printTable(
  `Floors for a create (${SECONDS} s each, ${CONNECTIONS} connections, load 1 min ${round(os.loadavg()[0] as number, 1)})`,
  rows,
);
process.stdout.write(
  '\nThe ceiling is the rate at which the three processes would use every core and nothing else ran;\n' +
    'a p95 of a few ms needs the cores well below that (queueing grows without bound near it).\n',
);
await writeResults('cases-floor', { seconds: SECONDS, connections: CONNECTIONS, levels: rows });
