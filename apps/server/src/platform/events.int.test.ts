import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createTestDatabase, type TestContext } from '../../test/harness.ts';
import { systemClock } from './clock.ts';
import { createDb, createPool } from './db.ts';
import { CHANNEL, compareCursor, createEvents, type StoredEvent } from './events.ts';
import { systemIds } from './ids.ts';
import { createLogger } from './logger.ts';

let ctx: TestContext;
let peer: ChildProcess;
const peerSeen: number[] = [];

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.pool.query('CREATE TABLE event_test_effects (event_id uuid NOT NULL, process text NOT NULL)');
  ctx.app.events.on('test.ping', 'test.recorder', async (event, tx) => {
    await tx.execute(sql`INSERT INTO event_test_effects (event_id, process) VALUES (${event.id}, 'main')`);
  });
  peer = spawn(
    process.execPath,
    ['--import', 'tsx', path.resolve(import.meta.dirname, '../../test/event-peer.ts'), ctx.url],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve) => {
    let buffer = '';
    peer.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        const message = JSON.parse(line);
        if (message.ready) resolve();
        if (message.seen) peerSeen.push(message.seen);
      }
    });
  });
  await ctx.app.events.start({ pollMs: 200 });
}, 60_000);

afterAll(async () => {
  peer?.kill('SIGTERM');
  await ctx?.close();
});

const waitFor = async (check: () => Promise<boolean> | boolean, timeoutMs = 15_000) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out');
};

describe('events across two processes', () => {
  it('handles each committed event exactly once per handler and shows it to the other process', async () => {
    const mainSeen: StoredEvent[] = [];
    ctx.app.events.subscribe((batch) => mainSeen.push(...batch));
    const published: string[] = [];
    // 60 events in 20 concurrent transactions, so commits interleave.
    await Promise.all(
      Array.from({ length: 20 }, (_, t) =>
        ctx.app.db.transaction(async (tx) => {
          for (let i = 0; i < 3; i++) {
            const e = await ctx.app.events.publish(tx, { type: 'test.ping', payload: { t, i } });
            published.push(e.id);
          }
        }),
      ),
    );
    // A rolled-back transaction's event never exists.
    await ctx.app.db
      .transaction(async (tx) => {
        await ctx.app.events.publish(tx, { type: 'test.ping', payload: { doomed: true } });
        throw new Error('rollback');
      })
      .catch(() => undefined);

    await waitFor(async () => {
      const { rows } = await ctx.pool.query('SELECT count(*)::int AS n FROM event_test_effects');
      return rows[0].n >= 60 && peerSeen.length >= 60 && mainSeen.length >= 60;
    });
    await new Promise((r) => setTimeout(r, 500));
    const { rows } = await ctx.pool.query(
      'SELECT event_id, count(*)::int AS n, array_agg(process) AS by FROM event_test_effects GROUP BY event_id',
    );
    expect(rows).toHaveLength(60);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    expect(new Set(rows.map((r) => r.event_id))).toEqual(new Set(published));
    const undispatched = await ctx.pool.query(
      'SELECT count(*)::int AS n FROM outbox WHERE dispatched_at IS NULL',
    );
    expect(undispatched.rows[0].n).toBe(0);
    expect(peerSeen).toHaveLength(60);
    expect(new Set(peerSeen).size).toBe(60);
    expect(mainSeen.map((e) => e.position).sort((a, b) => a - b)).toEqual(
      [...peerSeen].sort((a, b) => a - b),
    );
  });

  it('retries a failing handler with backoff and records the error', async () => {
    // Alone now: the peer does not know this handler.
    const exited = new Promise((r) => peer.once('exit', r));
    peer.kill('SIGTERM');
    await exited;
    let calls = 0;
    ctx.app.events.on('test.flaky', 'test.flaky_handler', async () => {
      calls++;
      if (calls === 1) throw new Error('transient');
    });
    await ctx.app.db.transaction((tx) => ctx.app.events.publish(tx, { type: 'test.flaky', payload: {} }));
    await waitFor(async () => {
      const { rows } = await ctx.pool.query(
        "SELECT dispatched_at, attempts, last_error FROM outbox WHERE type = 'test.flaky'",
      );
      return rows[0]?.dispatched_at !== null && rows[0]?.attempts === 2;
    });
    expect(calls).toBe(2);
  });

  it('rolls a failed first try back whole; the retries keep each handler apart', async () => {
    let badCalls = 0;
    ctx.app.events.on('test.pair', 'test.pair_good', async (event, tx) => {
      await tx.execute(sql`INSERT INTO event_test_effects (event_id, process) VALUES (${event.id}, 'good')`);
    });
    ctx.app.events.on('test.pair', 'test.pair_bad', async () => {
      badCalls++;
      throw new Error('always');
    });
    const event = await ctx.app.db.transaction((tx) =>
      ctx.app.events.publish(tx, { type: 'test.pair', payload: {} }),
    );
    // One snapshot: the event's tries, the good handler's effect and the claims, read together.
    const state = async () =>
      (
        await ctx.pool.query<{ attempts: number; dispatched: boolean; effects: number; claims: string[] }>(
          `SELECT o.attempts, o.dispatched_at IS NOT NULL AS dispatched,
                  (SELECT count(*)::int FROM event_test_effects e WHERE e.event_id = o.id) AS effects,
                  ARRAY(SELECT handler FROM event_handled h WHERE h.event_id = o.id ORDER BY handler) AS claims
             FROM outbox o WHERE o.id = $1`,
          [event.id],
        )
      ).rows[0];
    // The first try fails and backs off 500 ms: nothing of it is stored, not the good handler's work either.
    let afterFirst: Awaited<ReturnType<typeof state>> | undefined;
    await waitFor(async () => {
      const now = await state();
      if (now?.attempts === 1) afterFirst = now;
      return (now?.attempts ?? 0) >= 1;
    });
    expect(afterFirst).toEqual({ attempts: 1, dispatched: false, effects: 0, claims: [] });
    // The retries run each handler in its own savepoint: the good one commits once, the bad one keeps failing.
    await waitFor(async () => ((await state())?.attempts ?? 0) >= 3);
    expect(await state()).toMatchObject({ dispatched: false, effects: 1, claims: ['test.pair_good'] });
    expect(badCalls).toBeGreaterThanOrEqual(3);
    // Given up by hand, so the retention test below finds no event of this one pending.
    await ctx.pool.query('UPDATE outbox SET dispatched_at = now() WHERE id = $1', [event.id]);
  });

  it('commits a first try with its dispatched marks and no claim rows; a later pass runs nothing again', async () => {
    ctx.app.events.on('test.first', 'test.first_handler', async (event, tx) => {
      await tx.execute(sql`INSERT INTO event_test_effects (event_id, process) VALUES (${event.id}, 'first')`);
    });
    const published = await ctx.app.db.transaction((tx) =>
      ctx.app.events.publishMany(
        tx,
        Array.from({ length: 3 }, (_, i) => ({ type: 'test.first', payload: { i } })),
      ),
    );
    const ids = published.map((e) => e.id);
    const state = async () =>
      (
        await ctx.pool.query(
          `SELECT o.dispatched_at IS NOT NULL AS dispatched, o.attempts,
                  (SELECT count(*)::int FROM event_test_effects e WHERE e.event_id = o.id) AS effects,
                  (SELECT count(*)::int FROM event_handled h WHERE h.event_id = o.id) AS claims
             FROM outbox o WHERE o.id = ANY($1::uuid[]) ORDER BY o.position`,
          [ids],
        )
      ).rows;
    await ctx.app.events.dispatchPending();
    const once = { dispatched: true, attempts: 1, effects: 1, claims: 0 };
    expect(await state()).toEqual([once, once, once]);
    ctx.app.events.kick();
    await ctx.app.events.dispatchPending();
    expect(await state()).toEqual([once, once, once]);
  });

  it('dispatches first tries in groups; a failing or swallowing handler costs its own event only', async () => {
    ctx.app.events.on('test.group', 'test.group_handler', async (event, tx) => {
      const { i } = event.payload as { i: number };
      await tx.execute(
        sql`INSERT INTO event_test_effects (event_id, process) VALUES (${event.id}, ${`group-${i}`})`,
      );
      if (i === 2) throw new Error('refused');
      // A handler that swallows a failed statement leaves the transaction aborted for whoever runs next.
      if (i === 4) await tx.execute(sql`SELECT 1 / 0`).catch(() => undefined);
    });
    const published = await ctx.app.db.transaction((tx) =>
      ctx.app.events.publishMany(
        tx,
        Array.from({ length: 8 }, (_, i) => ({ type: 'test.group', payload: { i } })),
      ),
    );
    const ids = published.map((e) => e.id);
    const state = async () =>
      (
        await ctx.pool.query<{
          i: number;
          dispatched: boolean;
          attempts: number;
          failed: boolean;
          effects: number;
        }>(
          `SELECT (o.payload->>'i')::int AS i, o.dispatched_at IS NOT NULL AS dispatched, o.attempts,
                  o.last_error IS NOT NULL AS failed,
                  (SELECT count(*)::int FROM event_test_effects e WHERE e.event_id = o.id) AS effects
             FROM outbox o WHERE o.id = ANY($1::uuid[]) ORDER BY (o.payload->>'i')::int`,
          [ids],
        )
      ).rows;
    await waitFor(async () => (await state()).every((e) => e.dispatched || e.attempts >= 2));
    const rows = await state();
    const good = rows.filter((e) => e.i !== 2 && e.i !== 4);
    expect(good.map((e) => [e.i, e.dispatched, e.effects])).toEqual(good.map((e) => [e.i, true, 1]));
    expect(rows.filter((e) => e.i === 2 || e.i === 4)).toMatchObject([
      { i: 2, dispatched: false, failed: true, effects: 0 },
      { i: 4, dispatched: false, failed: true, effects: 0 },
    ]);
    // Given up by hand, so the retention test below finds none of these pending.
    await ctx.pool.query('UPDATE outbox SET dispatched_at = now() WHERE id = ANY($1::uuid[])', [ids]);
  });
});

describe('draining by hand', () => {
  it('waits for the pass of its own dispatcher that holds an event, and returns with its work committed', async () => {
    let started: () => void = () => undefined;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    ctx.app.events.on('test.slow', 'test.slow_handler', async (event, tx) => {
      started();
      await new Promise((r) => setTimeout(r, 300));
      await tx.execute(sql`INSERT INTO event_test_effects (event_id, process) VALUES (${event.id}, 'slow')`);
    });
    const event = await ctx.app.db.transaction((tx) =>
      ctx.app.events.publish(tx, { type: 'test.slow', payload: {} }),
    );
    // The background dispatcher has the event in its group transaction (locked: a drain skips it).
    await running;
    await ctx.app.events.dispatchPending();
    const { rows } = await ctx.pool.query(
      `SELECT o.dispatched_at IS NOT NULL AS dispatched,
              (SELECT count(*)::int FROM event_test_effects e WHERE e.event_id = o.id) AS effects
         FROM outbox o WHERE o.id = $1`,
      [event.id],
    );
    expect(rows[0]).toEqual({ dispatched: true, effects: 1 });
  });
});

describe('live pushes under load', () => {
  it('shows subscribers every event once, while handlers publish follow-ups and others commit around them', async () => {
    const seen: StoredEvent[] = [];
    const unsubscribe = ctx.app.events.subscribe((batch) => seen.push(...batch));
    // Like conversations following routing: a durable handler that publishes in its transaction.
    ctx.app.events.on('test.serve', 'test.serve_follow', async (event, tx) => {
      await ctx.app.events.publish(tx, { type: 'test.served', payload: { of: event.id } });
    });
    const published: string[] = [];
    for (let round = 0; round < 10; round++) {
      await Promise.all(
        Array.from({ length: 10 }, (_, t) =>
          ctx.app.db.transaction(async (tx) => {
            const e = await ctx.app.events.publish(tx, { type: 'test.serve', payload: { round, t } });
            published.push(e.id);
          }),
        ),
      );
    }
    await waitFor(() => seen.filter((e) => e.type === 'test.served').length >= 100);
    await new Promise((r) => setTimeout(r, 300));
    unsubscribe();
    const serves = seen.filter((e) => e.type === 'test.serve');
    const served = seen.filter((e) => e.type === 'test.served');
    // In commit-safe order, numerically: transaction ids cross a power of ten during this test
    // (999 → 1000 on a fresh database), where ordering them as text once skipped and repeated events.
    for (let i = 1; i < seen.length; i++) {
      expect(compareCursor(seen[i] as StoredEvent, seen[i - 1] as StoredEvent)).toBeGreaterThan(0);
    }
    expect(new Set(serves.map((e) => e.id))).toEqual(new Set(published));
    expect(serves).toHaveLength(100);
    expect(served).toHaveLength(100);
    expect(new Set(served.map((e) => (e.payload as { of: string }).of))).toEqual(new Set(published));
  });
});

describe('commit-safe order', () => {
  it('orders transaction ids as numbers, across a power of ten', async () => {
    // Text order puts "10" before "9": a follower once skipped and repeated events at 9,999 → 10,000.
    await ctx.pool.query(
      `INSERT INTO outbox (id, type, payload, audience, txid, created_at)
       SELECT gen_random_uuid(), 'test.order', jsonb_build_object('n', n), '{}', (CASE WHEN n < 3 THEN 10 ELSE 9 END)::text::xid8, now()
         FROM generate_series(1, 4) AS n`,
    );
    const read = await ctx.app.events.readAfter({ txid: '8', position: 0 }, 10);
    const ours = read.filter((e) => e.type === 'test.order');
    expect(ours.map((e) => e.txid)).toEqual(['9', '9', '10', '10']);
    const resumed = await ctx.app.events.readAfter(
      { txid: (ours[1] as StoredEvent).txid, position: (ours[1] as StoredEvent).position },
      10,
    );
    expect(resumed.filter((e) => e.type === 'test.order').map((e) => e.txid)).toEqual(['10', '10']);
  });
});

describe('retention', () => {
  it('prunes dispatched events older than the window, never pending ones; resume past it asks for resync', async () => {
    await ctx.app.events.dispatchPending();
    await ctx.app.events.stop(); // no dispatcher racing the test from here on
    const pending = await ctx.app.db.transaction((tx) =>
      ctx.app.events.publish(tx, { type: 'test.unhandled_pending', payload: {} }),
    );
    // Many prune batches (1,000 each), and more events than one statement could name (65,535
    // parameters), each handled by a durable handler.
    await ctx.pool.query(`WITH e AS (
        INSERT INTO outbox (id, type, payload, dispatched_at)
        SELECT gen_random_uuid(), 'test.old', '{}', now() FROM generate_series(1, 66000) RETURNING id
      ) INSERT INTO event_handled (event_id, handler) SELECT id, 'test.handler' FROM e`);
    await ctx.pool.query("UPDATE outbox SET created_at = now() - interval '30 days'");
    await ctx.pool.query('UPDATE outbox SET dispatched_at = NULL WHERE id = $1', [pending.id]);
    const pruned = await ctx.app.events.prune(new Date(Date.now() - 7 * 86_400_000));
    expect(pruned).toBeGreaterThanOrEqual(66_000);
    const { rows } = await ctx.pool.query('SELECT id FROM outbox');
    expect(rows.map((r) => r.id)).toEqual([pending.id]);
    expect((await ctx.pool.query('SELECT count(*)::int AS n FROM event_handled')).rows[0].n).toBe(0);
    expect(await ctx.app.events.cursorAt(1)).toBeNull();
  });
});

describe('listener recovery', () => {
  it('listens again after its connection is killed', async () => {
    const fresh = await createTestContext();
    try {
      await fresh.app.events.start({ pollMs: 60_000 });
      const seen: string[] = [];
      fresh.app.events.subscribe((batch) => seen.push(...batch.map((e) => e.type)));
      const killed = await fresh.pool.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'banyan-events-listener'",
      );
      expect(killed.rows).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 1500));
      await fresh.app.db.transaction((tx) =>
        fresh.app.events.publish(tx, { type: 'test.after_reconnect', payload: {} }),
      );
      const deadline = Date.now() + 5000;
      // With a 60 s poll, only a working LISTEN delivers this within the deadline.
      while (!seen.includes('test.after_reconnect') && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      expect(seen).toContain('test.after_reconnect');
    } finally {
      await fresh.close();
    }
  });
});

describe('a commit held back by an older transaction', () => {
  it('reaches the follower as soon as that transaction ends, even in another database, without waiting for the poll', async () => {
    const fresh = await createTestContext();
    // Transaction ids are cluster-wide: an open transaction anywhere holds the commit-safe read back.
    const elsewhere = await createTestDatabase();
    const blocker = new pg.Client({ connectionString: elsewhere.url });
    try {
      await fresh.app.events.start({ pollMs: 60_000 });
      const seen = new Map<string, number>();
      fresh.app.events.subscribe((batch) => {
        for (const e of batch) seen.set(e.id, performance.now());
      });
      await blocker.connect();
      await blocker.query('BEGIN');
      await blocker.query('SELECT pg_current_xact_id()');
      const event = await fresh.app.db.transaction((tx) =>
        fresh.app.events.publish(tx, { type: 'test.held', payload: {} }),
      );
      // The NOTIFY came, the read found nothing it may return yet.
      await new Promise((r) => setTimeout(r, 1500));
      expect(seen.has(event.id)).toBe(false);
      await blocker.query('COMMIT');
      const released = performance.now();
      await waitFor(() => seen.has(event.id), 5000);
      // Read again every 100 ms at most while held: far sooner than the 60 s poll or a next NOTIFY.
      expect((seen.get(event.id) as number) - released).toBeLessThan(500);
    } finally {
      await blocker.end().catch(() => undefined);
      await fresh.close();
      await elsewhere.drop();
    }
  });
});

describe('the follower feeds the dispatcher', () => {
  it('tries the events it reads at once, and a burst past its queue through the due list, each once', async () => {
    const own = await createTestContext();
    try {
      await own.pool.query('CREATE TABLE event_test_effects (event_id uuid NOT NULL, process text NOT NULL)');
      own.app.events.on('test.fed', 'test.fed_recorder', async (event, tx) => {
        await tx.execute(sql`INSERT INTO event_test_effects (event_id, process) VALUES (${event.id}, 'own')`);
      });
      // The poll is a minute away: only the follower's hand-over, or the due list it falls back to
      // when its queue of 5 would overflow, dispatches within the waits below.
      await own.app.events.start({ pollMs: 60_000, freshMax: 5 });
      const publish = (n: number) =>
        own.app.db.transaction(async (tx) => {
          for (let i = 0; i < n; i++) await own.app.events.publish(tx, { type: 'test.fed', payload: { i } });
        });
      const effects = async () =>
        (
          await own.pool.query<{ n: number; events: number }>(
            'SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS events FROM event_test_effects',
          )
        ).rows[0];
      await publish(3);
      await waitFor(async () => (await effects())?.n === 3, 5000);
      await publish(12);
      await waitFor(async () => (await effects())?.n === 15, 5000);
      await new Promise((r) => setTimeout(r, 200));
      expect(await effects()).toEqual({ n: 15, events: 15 });
      const { rows } = await own.pool.query(
        "SELECT count(*)::int AS n FROM outbox WHERE type = 'test.fed' AND (dispatched_at IS NULL OR attempts <> 1)",
      );
      expect(rows[0].n).toBe(0);
    } finally {
      await own.close();
    }
  });
});

describe('who wakes whom', () => {
  it('sends no NOTIFY while followers are awake, and every follower still reads each commit at once; a quiet spell ends with one', async () => {
    // A NOTIFY per commit serialises every commit behind one cluster-wide lock (decision 0003).
    const fresh = await createTestContext();
    const otherPool = createPool(fresh.url, 4);
    // A second process's follower: its own pool and LISTEN connection. Both poll once a minute, so
    // only a NOTIFY or a follower that stayed awake delivers within the deadlines below.
    const other = createEvents({
      db: createDb(otherPool),
      pool: otherPool,
      ids: systemIds,
      clock: systemClock,
      log: createLogger({ level: 'silent' }),
    });
    const counter = new pg.Client({ connectionString: fresh.url });
    try {
      await fresh.app.events.start({ pollMs: 60_000 });
      await other.start({ pollMs: 60_000 });
      await counter.connect();
      let notifications = 0;
      counter.on('notification', () => notifications++);
      await counter.query(`LISTEN ${CHANNEL}`);
      const seenHere = new Map<string, number>();
      const seenThere = new Map<string, number>();
      fresh.app.events.subscribe((batch) => {
        for (const e of batch) seenHere.set(e.id, performance.now());
      });
      other.subscribe((batch) => {
        for (const e of batch) seenThere.set(e.id, performance.now());
      });
      const publish = async () => {
        const event = await fresh.app.db.transaction((tx) =>
          fresh.app.events.publish(tx, { type: 'test.wake', payload: {} }),
        );
        return { id: event.id, committedAt: performance.now() };
      };
      const worstDelay = (sent: { id: string; committedAt: number }[]) =>
        Math.max(
          ...sent.flatMap((e) => [
            (seenHere.get(e.id) ?? Number.POSITIVE_INFINITY) - e.committedAt,
            (seenThere.get(e.id) ?? Number.POSITIVE_INFINITY) - e.committedAt,
          ]),
        );

      expect(fresh.app.events.notifyNow()).toBe(true);
      const burst: { id: string; committedAt: number }[] = [];
      for (let i = 0; i < 30; i++) {
        burst.push(await publish());
        await new Promise((r) => setTimeout(r, 10));
      }
      await waitFor(() => burst.every((e) => seenHere.has(e.id) && seenThere.has(e.id)), 5000);
      await new Promise((r) => setTimeout(r, 100));
      // The first commit woke the followers; the rest found them awake.
      expect(notifications).toBeGreaterThanOrEqual(1);
      expect(notifications).toBeLessThanOrEqual(5);
      expect(worstDelay(burst)).toBeLessThan(1000);

      // After a quiet spell the followers sleep, and the next commit wakes them again.
      await waitFor(() => fresh.app.events.notifyNow(), 5000);
      await new Promise((r) => setTimeout(r, 1200));
      const before = notifications;
      const late = await publish();
      await waitFor(() => seenHere.has(late.id) && seenThere.has(late.id), 5000);
      expect(notifications).toBe(before + 1);
      expect(worstDelay([late])).toBeLessThan(1000);
    } finally {
      await counter.end().catch(() => undefined);
      await other.stop();
      await otherPool.end();
      await fresh.close();
    }
  });
});
