/**
 * CPU per search of two checkouts of the knowledge service, in one process, on a machine too busy
 * for two separate runs to compare (a run-to-run spread of 20–30 % was seen at load 8–12):
 *   node --import tsx bench/knowledge-ab.ts --before /path/to/other/checkout --database postgres://…/kb [--rounds 8]
 * The database is one `npm run bench:knowledge -- --database <url>` has loaded. Each side builds its
 * own index; rounds of the evaluation queries (twice each, 50 in flight, no locale, as the load
 * phase of bench/knowledge.ts) alternate between the sides, and the median of each side is printed:
 * Node CPU per search and the part of it spent ranking in the index (synchronous, timed by the
 * index itself: steadier from run to run than the whole search, which shares the machine).
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: { before: { type: 'string' }, database: { type: 'string' }, rounds: { type: 'string' } },
});
if (!values.before || !values.database)
  throw new Error('--before <checkout> and --database <url> are required');
const rounds = Number(values.rounds ?? 8);
const after = path.resolve(HERE, '..');

interface Side {
  search(actor: unknown, input: { q: string; limit: number; source: string }): Promise<unknown>;
  indexStats(): { rankingMs: number };
  startIndex(): Promise<void>;
  stopIndex(): Promise<void>;
}

async function service(root: string, pool: unknown): Promise<Side> {
  const from = (file: string) => import(path.join(root, 'apps/server/src', file));
  const { createKnowledgeService } = await from('modules/knowledge/index.ts');
  const { createAudit } = await from('platform/audit.ts');
  const { systemClock } = await from('platform/clock.ts');
  const { createDb } = await from('platform/db.ts');
  const { createEvents } = await from('platform/events.ts');
  const { systemIds } = await from('platform/ids.ts');
  const { createLogger } = await from('platform/logger.ts');
  const log = createLogger({ level: 'silent' });
  const db = createDb(pool);
  const events = createEvents({ db, pool, ids: systemIds, clock: systemClock, log });
  const audit = createAudit({ db, clock: systemClock, ids: systemIds });
  const knowledge = createKnowledgeService({ db, ids: systemIds, clock: systemClock, events, audit, log });
  await knowledge.startIndex();
  return knowledge;
}

const { createPool } = await import('../apps/server/src/platform/db.ts');
const { permissionsOf, serviceActor } = await import('../apps/server/src/platform/rbac.ts');
const pool = createPool(values.database, 20);
const sides = { before: await service(path.resolve(values.before), pool), after: await service(after, pool) };
const actor = serviceActor({
  userId: '00000000-0000-7000-8000-000000000001',
  username: 'bench.agent',
  displayName: 'Bench agent',
  roles: ['agent'],
  permissions: permissionsOf(['agent']),
});
const queries = (
  JSON.parse(readFileSync(path.join(HERE, 'knowledge-eval.json'), 'utf8')) as {
    queries: Array<{ q: string }>;
  }
).queries.map((q) => q.q);

/** Node CPU ms per search over the queries twice, 50 in flight, and the part spent ranking. */
async function round(side: Side) {
  const ranking = side.indexStats().rankingMs;
  const cpu = process.cpuUsage();
  let next = 0;
  const total = queries.length * 2;
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (next < total) {
        const q = queries[next++ % queries.length] as string;
        await side.search(actor, { q, limit: 10, source: 'kb' });
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  return {
    cpu: (used.user + used.system) / 1000 / total,
    ranking: (side.indexStats().rankingMs - ranking) / total,
  };
}

for (let i = 0; i < 2; i++) for (const side of Object.values(sides)) await round(side);
type Figure = Awaited<ReturnType<typeof round>>;
const figures = { before: [] as Figure[], after: [] as Figure[] };
for (let r = 0; r < rounds; r++) {
  figures.before.push(await round(sides.before));
  figures.after.push(await round(sides.after));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
// Ranking is synchronous CPU in the index (its own clock): steadier than the whole search's CPU,
// which also waits on PostgreSQL and shares the machine.
for (const [name, xs] of Object.entries(figures))
  process.stdout.write(
    `${name}: median ${median(xs.map((x) => x.cpu)).toFixed(3)} ms Node CPU per search, of which ranking ${median(
      xs.map((x) => x.ranking),
    ).toFixed(3)} (rounds ${xs.map((x) => x.cpu.toFixed(2)).join(' ')})\n`,
  );
process.stdout.write(
  `load average (1/5/15 min) ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ')}\n`,
);
for (const side of Object.values(sides)) await side.stopIndex();
await pool.end();
