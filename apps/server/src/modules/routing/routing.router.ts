import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import type { Events } from '../../platform/events.ts';
import type { Logger } from '../../platform/logger.ts';
import { ROUTING_EVENTS } from './routing.events.ts';
import type { RoutingService } from './routing.service.ts';

/** Events after which a new match may be possible. */
const WAKE_ON = new Set<string>([
  ROUTING_EVENTS.queued,
  ROUTING_EVENTS.rejected,
  ROUTING_EVENTS.offerExpired,
  ROUTING_EVENTS.requeued,
  ROUTING_EVENTS.transferred,
  ROUTING_EVENTS.overflowed,
  ROUTING_EVENTS.ended,
  ROUTING_EVENTS.agentStateChanged,
]);

/**
 * The router loop of one process: woken by routing events (from any process) and by a tick that
 * also expires offers. Several processes may run it at once: every decision locks its rows.
 */
export function createRouter(deps: {
  db: Db;
  events: Events;
  routing: RoutingService;
  log: Logger;
  tickMs?: number;
  /** Agents whose desk is open in this process right now. */
  connectedAgents?: () => string[];
  deskGraceSeconds?: number;
}) {
  const { db, events, routing, log } = deps;
  let lastPresence = 0;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = true;

  async function pass(): Promise<void> {
    // Every 10 s: heartbeat this process's open desks, then take work back from desks gone too long.
    if (deps.connectedAgents && Date.now() - lastPresence >= 10_000) {
      lastPresence = Date.now();
      await routing.heartbeat(deps.connectedAgents());
      await routing.sweepDisconnected(deps.deskGraceSeconds ?? 60);
    }
    await routing.expireOffers();
    await routing.applyOverflow();
    const waiting = await db.execute(
      sql`SELECT DISTINCT queue_id FROM routing_work_items WHERE status = 'waiting'`,
    );
    for (const { queue_id } of waiting.rows as { queue_id: string }[]) {
      // Bounded: at most 20 batches of 25 decisions per queue per pass; the next wake continues.
      for (let i = 0; i < 20 && !stopped; i++) {
        if ((await routing.routeBatch(queue_id, 25)).length < 25) break;
      }
    }
  }

  function kick(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = pass()
      .catch((error) => log.error({ err: error }, 'routing pass failed'))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          kick();
        }
      });
  }

  const unsubscribe = events.subscribe((batch) => {
    if (batch.some((e) => WAKE_ON.has(e.type))) kick();
  });

  return {
    kick,
    start() {
      stopped = false;
      timer = setInterval(kick, deps.tickMs ?? 1000);
      timer.unref();
      kick();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      unsubscribe();
      await running;
    },
  };
}
