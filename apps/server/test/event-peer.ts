/**
 * A second Banyan process for the multi-process events test: it joins the same database, registers
 * the same durable handler as the test process, and prints every event its subscribers see.
 */
import { sql } from 'drizzle-orm';
import { systemClock } from '../src/platform/clock.ts';
import { createDb, createPool } from '../src/platform/db.ts';
import { createEvents } from '../src/platform/events.ts';
import { systemIds } from '../src/platform/ids.ts';
import { createLogger } from '../src/platform/logger.ts';

const url = process.argv[2] as string;
const pool = createPool(url, 4);
const db = createDb(pool);
const events = createEvents({
  db,
  pool,
  ids: systemIds,
  clock: systemClock,
  log: createLogger({ level: 'silent' }),
});
events.on('test.ping', 'test.recorder', async (event, tx) => {
  await tx.execute(sql`INSERT INTO event_test_effects (event_id, process) VALUES (${event.id}, 'peer')`);
});
events.subscribe((batch) => {
  for (const e of batch) process.stdout.write(`${JSON.stringify({ seen: e.position, type: e.type })}\n`);
});
await events.start({ pollMs: 200 });
process.stdout.write('{"ready":true}\n');
process.on('SIGTERM', async () => {
  await events.stop();
  await pool.end();
  process.exit(0);
});
