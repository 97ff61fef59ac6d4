/** A router in another process, for the routing concurrency test: routes until nothing matches. */

import { createRoutingService } from '../src/modules/routing/index.ts';
import { createAudit } from '../src/platform/audit.ts';
import { systemClock } from '../src/platform/clock.ts';
import { createDb, createPool } from '../src/platform/db.ts';
import { createEvents } from '../src/platform/events.ts';
import { systemIds } from '../src/platform/ids.ts';
import { createLogger } from '../src/platform/logger.ts';

const [url, queueId] = process.argv.slice(2) as [string, string];
const pool = createPool(url, 4);
const db = createDb(pool);
const events = createEvents({
  db,
  pool,
  ids: systemIds,
  clock: systemClock,
  log: createLogger({ level: 'silent' }),
});
const routing = createRoutingService({
  db,
  ids: systemIds,
  clock: systemClock,
  events,
  audit: createAudit({ db, clock: systemClock, ids: systemIds }),
});
let offers = 0;
let misses = 0;
// Bounded: stop after 3 consecutive empty decisions or 2,000 decisions.
for (let i = 0; i < 2000 && misses < 3; i++) {
  const offer = await routing.routeOnce(queueId);
  if (offer) {
    offers++;
    misses = 0;
  } else misses++;
}
process.stdout.write(`${JSON.stringify({ offers })}\n`);
await pool.end();
