/**
 * A second Banyan process for the knowledge index test: it joins the same database with its own
 * event follower and its own ranking index (no reconciliation timer, so only events can move it),
 * and answers searches given on stdin, one JSON line each: `{ "q": "…" }` → `{ "ids": [...] }`.
 */
import { createInterface } from 'node:readline';
import { createKnowledgeService } from '../src/modules/knowledge/index.ts';
import { createAudit } from '../src/platform/audit.ts';
import { systemClock } from '../src/platform/clock.ts';
import { createDb, createPool } from '../src/platform/db.ts';
import { createEvents } from '../src/platform/events.ts';
import { systemIds } from '../src/platform/ids.ts';
import { createLogger } from '../src/platform/logger.ts';

const url = process.argv[2] as string;
const pool = createPool(url, 4);
const db = createDb(pool);
const log = createLogger({ level: 'silent' });
const events = createEvents({ db, pool, ids: systemIds, clock: systemClock, log });
const audit = createAudit({ db, clock: systemClock, ids: systemIds });
const knowledge = createKnowledgeService({
  db,
  ids: systemIds,
  clock: systemClock,
  events,
  audit,
  log,
  indexReconcileMs: 0,
});
await events.start({ pollMs: 200 });
await knowledge.startIndex();
process.stdout.write(`${JSON.stringify({ ready: knowledge.indexStats().isReady })}\n`);
for await (const line of createInterface({ input: process.stdin })) {
  const { q } = JSON.parse(line) as { q: string };
  // As the public: only the index can answer (isReady), and only published public articles.
  const { items } = await knowledge.search(null, { q, isSuggestion: true });
  process.stdout.write(`${JSON.stringify({ ids: items.map((i) => i.id) })}\n`);
}
await knowledge.stopIndex();
await events.stop();
await pool.end();
