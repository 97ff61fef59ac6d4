import { type SQL, sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Clock } from './clock.ts';
import { type Db, type DbOrTx, type Tx, transactionFrom } from './db.ts';
import type { Ids } from './ids.ts';
import type { Logger } from './logger.ts';

/**
 * Who may see an event pushed to staff clients. Empty = internal only (never pushed).
 * A viewer matches when any listed selector matches them.
 */
export interface Audience {
  users?: string[];
  roles?: string[];
  permissions?: string[];
  teams?: string[];
  branches?: string[];
  departments?: string[];
}

export interface DomainEvent<P = unknown> {
  id: string;
  type: string;
  payload: P;
  actorId: string | null;
  audience: Audience;
  createdAt: Date;
}

export interface StoredEvent<P = unknown> extends DomainEvent<P> {
  position: number;
  /** Transaction id (xid8) as a decimal string: with position, the commit-safe cursor. */
  txid: string;
}

export interface Cursor {
  txid: string;
  position: number;
}

export type Handler = (event: StoredEvent, tx: Tx) => Promise<void>;

/**
 * A family of durable handlers that can apply the events of a dispatch group together (e.g. one
 * statement for many rows): the first try of a group calls `handleMany` once per family with its
 * events in position order, where it would call each handler once per event. Each handler keeps
 * its own `handle` (and name, the idempotency key) for retries, which run event by event.
 * `handleMany` must do what the handlers would have done one event at a time, in that order.
 */
export interface HandlerBatch {
  family: string;
  handleMany: (events: StoredEvent[], tx: Tx) => Promise<void>;
}
export type Subscriber = (events: StoredEvent[]) => void;

export const CHANNEL = 'banyan_outbox';
const MAX_ATTEMPTS = 10;
/** The wait before the next try of an event whose handler failed `attempts` times before this one. */
const backoffMs = (attempts: number): number => Math.min(60_000, 500 * 2 ** attempts);
/** Events a follower reads at a time. */
const FOLLOW_BATCH = 500;
/** Events a dispatcher pass reads from the due list. */
const DISPATCH_BATCH = 100;
/** The follower's events waiting for their first try in this process, at most (`offerFresh`). */
const FRESH_MAX = 10_000;
/**
 * First tries handled in one transaction, at most, and the time after which it takes no more. A
 * group costs its round trips (three: `BEGIN` with the lock, the handlers' statements, `COMMIT`)
 * whatever its size, and each round trip stalls the event loop in `writev` while PostgreSQL's backend
 * takes the CPU. In `bench:cases` (about 4,300 events a second) groups of 16 left 6,500–7,400 events
 * behind the creates and 64 none (24 Nov); 128 lets a pass's arrivals (`DISPATCH_COALESCE_MS`) make
 * one group. The time limit still keeps a group of slow handlers short.
 */
const DISPATCH_GROUP = 128;
const DISPATCH_GROUP_MS = 5;
/**
 * While events keep coming, a dispatcher pass starts at most this often, so that what arrives
 * meanwhile makes one larger group: a group costs its round trips, its lock and its handlers'
 * statements whatever its size. At 2,000 new cases a second, a pass on every follower read (every
 * 4 ms) made groups of about 12 events. A lone event after a quiet spell is still dispatched at once.
 */
const DISPATCH_COALESCE_MS = 20;
/** Old events deleted per statement by `prune` (a short writer: see `prune`). */
const PRUNE_BATCH = 1000;
/**
 * While NOTIFYs keep coming (one per commit), the follower reads again at most this often: at 500
 * commits/s a read per commit would be 500 queries a second for one or two events each. A quiet
 * system's first NOTIFY is still read at once.
 */
const FOLLOW_COALESCE_MS = 4;
/**
 * A NOTIFY in a writing transaction takes one cluster-wide lock at commit and holds it through the
 * commit's WAL flush (PostgreSQL queues notifications in commit order), so every committing
 * transaction that notifies waits for the one before it: no group commit. At 500 chat lines a
 * second the message statements spent most of their time waiting on that lock (`Lock:object` in
 * pg_stat_activity). So a publisher notifies only when followers may be asleep: if this process's
 * follower read an event within `SKIP_NOTIFY_MS`, every follower is awake (they all read the same
 * log, each polls every `FOLLOW_COALESCE_MS` for `STAY_AWAKE_MS` after it last read an event), and
 * the commit will be read without a wake-up. A commit later than `STAY_AWAKE_MS − SKIP_NOTIFY_MS`
 * after its publish may wait for the 1 s poll: late, never lost (decision 0003, "Who wakes whom").
 */
const SKIP_NOTIFY_MS = 250;
const STAY_AWAKE_MS = 1000;
/**
 * A follower that read nothing while committed events wait past its cursor (an older transaction is
 * still open: `heldBack`) reads again after this long, doubling up to `HELD_MAX_MS`, until they
 * arrive, instead of sleeping until the next NOTIFY or the poll.
 */
const HELD_FIRST_MS = 5;
const HELD_MAX_MS = 100;

/**
 * For a publisher that writes its change and its event in one statement (one round trip, e.g. the
 * branch's call-next): an `INSERT … SELECT` storing one event per row of `from` (payload and
 * audience are SQL over that row), to use as a data-modifying CTE. Wake the listeners in the same
 * statement with `events.wakeAfter(…)` over its result, as `publishMany` does.
 */
export function outboxInsertFrom(event: {
  id: string;
  type: string;
  actorId: string | null;
  createdAt: Date;
  payload: SQL;
  audience: SQL;
  from: SQL;
}): SQL {
  return sql`INSERT INTO outbox (id, type, payload, actor_id, audience, created_at)
    SELECT ${event.id}::uuid, ${event.type}, ${event.payload}, ${event.actorId}::uuid, ${event.audience},
      ${event.createdAt} FROM ${event.from} RETURNING 1`;
}

/**
 * Orders cursors by transaction id, then position. Transaction ids are decimal strings without
 * leading zeros, so the shorter is the smaller and equal lengths compare as text: no BigInt per
 * call (every staff socket compares every event it is offered).
 */
export const compareCursor = (a: Cursor, b: Cursor): number => {
  if (a.txid !== b.txid) {
    if (a.txid.length !== b.txid.length) return a.txid.length < b.txid.length ? -1 : 1;
    return a.txid < b.txid ? -1 : 1;
  }
  return a.position - b.position;
};

/** The events' positions as a PostgreSQL array literal (`{1,2,3}`): integers only, safe in a statement's text. */
const positionArray = (events: readonly StoredEvent[]): string =>
  `{${events.map((e) => e.position).join(',')}}`;

/** What a group's first try did: events handled, events its time limit left, whether it failed. */
interface FirstTry {
  done: number;
  left: StoredEvent[];
  failed: boolean;
}

interface Row {
  position: number;
  id: string;
  type: string;
  payload: unknown;
  actor_id: string | null;
  audience: Audience;
  txid: string;
  created_at: Date;
}

const toEvent = (r: Row): StoredEvent => ({
  position: Number(r.position),
  id: r.id,
  type: r.type,
  payload: r.payload,
  actorId: r.actor_id,
  audience: r.audience,
  txid: String(r.txid),
  createdAt: new Date(r.created_at),
});

/**
 * Domain events through a transactional outbox.
 * - `publish(tx, …)` writes the event in the caller's transaction and, unless followers are awake
 *   (`notifyNow`), NOTIFYs (delivered on commit).
 * - Durable handlers (`on`) run at least once per cluster, exactly once in effect: a first try commits
 *   its handlers' writes with the event's dispatched mark; a retry writes each handler's claim row
 *   (event_handled) in the same savepoint as that handler's writes.
 * - Subscribers (`subscribe`) are per process (realtime push, cache eviction) and see every event,
 *   in commit-safe order: rows are read only below the reader's snapshot xmin, so a transaction that
 *   commits late can never be skipped.
 */
export function createEvents(deps: { db: Db; pool: pg.Pool; ids: Ids; clock: Clock; log: Logger }) {
  const { db, pool, ids, clock, log } = deps;
  type DurableHandler = { name: string; type: string; handle: Handler; batch?: HandlerBatch };
  const handlers: DurableHandler[] = [];
  const subscribers = new Set<Subscriber>();
  let cursor: Cursor | null = null;
  let listener: pg.PoolClient | null = null;
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let following: Promise<void> | null = null;
  let dispatching: Promise<void> | null = null;
  let again = { follow: false, dispatch: false, scan: false };
  /** The follower's current wait between reads while events are held back (`heldBack`); 0 when none are. */
  let heldDelay = 0;
  /** When this process's follower last read an event (performance.now()); -Infinity when stopped. */
  let lastReadEventAt = Number.NEGATIVE_INFINITY;
  /**
   * Whether a transaction publishing now should NOTIFY (see `SKIP_NOTIFY_MS`); not while events are
   * held back either: every follower sees the same held events and keeps reading (`heldBack`).
   * Statements pass it as a boolean parameter (`WHERE $n::boolean`), so a prepared statement's text
   * does not vary.
   */
  const notifyNow = (): boolean =>
    !running || (performance.now() - lastReadEventAt > SKIP_NOTIFY_MS && heldDelay === 0);
  /**
   * The wake-up of a statement that writes events through a data-modifying CTE named `rows`: a
   * NOTIFY when that CTE wrote something and followers may be asleep (`notifyNow`). Use it as
   * another CTE and read it (a SELECT CTE runs only when read): `woke AS (${events.wakeAfter('o')})`,
   * then `(SELECT count(*) FROM woke)` in the outer query — never a join, which would return no
   * rows when nothing was notified. Its text does not vary, so a prepared statement keeps one text.
   */
  const wakeAfter = (rows: string): SQL =>
    sql`SELECT pg_notify(${CHANNEL}, '') FROM (SELECT count(*) AS n FROM ${sql.raw(rows)}) AS done
         WHERE done.n > 0 AND ${notifyNow()}::boolean`;
  const awake = (): boolean => running && performance.now() - lastReadEventAt < STAY_AWAKE_MS;
  /**
   * Whether a durable handler wants events of this type (the follower wakes the dispatcher). A
   * publisher on a hot path may write an event no handler wants as dispatched already (saving the
   * dispatcher's update of its row), which is what a dispatcher that knows no handler does anyway.
   */
  const handlesType = (h: DurableHandler, type: string) => h.type === '*' || h.type === type;
  const wanted = (type: string) => handlers.some((h) => handlesType(h, type));

  async function publish<P>(tx: DbOrTx, event: NewEvent<P>): Promise<DomainEvent<P>> {
    return (await publishMany(tx, [event]))[0] as DomainEvent<P>;
  }

  /** Several events in one insert and one notify (the router's batches publish dozens at once). */
  async function publishMany<P>(tx: DbOrTx, batch: NewEvent<P>[]): Promise<DomainEvent<P>[]> {
    if (batch.length === 0) return [];
    const { stored, ctes } = outboxCtes(batch);
    // One round trip: the rows, and the wake-up that listeners get when the transaction commits.
    await tx.execute(sql`WITH ${ctes} SELECT count(*) FROM outbox_notified`);
    return stored;
  }

  /**
   * The same write as `publishMany`, as two CTEs (`outbox_rows`, `outbox_notified`) for a caller
   * that folds it into its own statement, to save a round trip on a hot path. The caller's
   * statement must read `outbox_notified` (a SELECT CTE runs only when read), e.g.
   * `WITH …, ${ctes} SELECT count(*) FROM outbox_notified`. `batch` must not be empty. With `when`
   * (a condition over the caller's CTEs), the events are written only if it holds.
   */
  function outboxCtes<P>(
    batch: NewEvent<P>[],
    options: { when?: SQL } = {},
  ): { stored: DomainEvent<P>[]; ctes: SQL } {
    const now = clock.now();
    const stored: DomainEvent<P>[] = batch.map((event) => ({
      id: ids.uuid(),
      type: event.type,
      payload: event.payload,
      actorId: event.actorId ?? null,
      audience: event.audience ?? {},
      createdAt: now,
    }));
    const rows = sql.join(
      stored.map(
        (e) =>
          sql`(${e.id}::uuid, ${e.type}::text, ${JSON.stringify(e.payload)}::jsonb, ${e.actorId}::uuid, ${JSON.stringify(e.audience)}::jsonb, ${e.createdAt}::timestamptz)`,
      ),
      sql`, `,
    );
    const ctes = sql`outbox_rows AS (
        INSERT INTO outbox (id, type, payload, actor_id, audience, created_at)
        SELECT * FROM (VALUES ${rows}) AS e WHERE ${options.when ?? sql`true`} RETURNING 1
      ), outbox_notified AS (${wakeAfter('outbox_rows')})`;
    return { stored, ctes };
  }

  /**
   * Registers a durable handler; `name` must stay stable (it is the idempotency key). Handlers
   * given the same `batch` family are applied together in a group's first try (`HandlerBatch`).
   */
  function on(type: string, name: string, handle: Handler, batch?: HandlerBatch): void {
    if (handlers.some((h) => h.name === name)) throw new Error(`event handler ${name} registered twice`);
    handlers.push({ name, type, handle, ...(batch ? { batch } : {}) });
  }

  function subscribe(subscriber: Subscriber): () => void {
    subscribers.add(subscriber);
    return () => subscribers.delete(subscriber);
  }

  async function headCursor(): Promise<Cursor> {
    const { rows } = await pool.query<{ txid: string; position: number }>(
      `SELECT txid::text AS txid, position FROM outbox
        WHERE txid < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY outbox.txid DESC, position DESC LIMIT 1`,
    );
    return rows[0] ? { txid: rows[0].txid, position: Number(rows[0].position) } : { txid: '0', position: 0 };
  }

  /** Events after `after`, in commit-safe order, at most `limit`. */
  async function readAfter(
    after: Cursor,
    limit = 500,
    on: pg.Pool | pg.PoolClient = pool,
  ): Promise<StoredEvent[]> {
    const { rows } = await on.query<Row>(
      `SELECT position, id, type, payload, actor_id, audience, txid::text AS txid, created_at FROM outbox
        WHERE (txid, position) > ($1::text::xid8, $2::bigint)
          AND txid < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY outbox.txid, position LIMIT $3`,
      [after.txid, after.position, limit],
    );
    return rows.map(toEvent);
  }

  /** Resolves a client's last seen position into a cursor; null when it is no longer retained. */
  async function cursorAt(position: number): Promise<Cursor | null> {
    const { rows } = await pool.query<{ txid: string }>(
      'SELECT txid::text AS txid FROM outbox WHERE position = $1',
      [position],
    );
    return rows[0] ? { txid: rows[0].txid, position } : null;
  }

  function currentCursor(): Cursor | null {
    return cursor;
  }

  /**
   * Whether committed events wait past the cursor that the commit-safe read does not return yet:
   * an older transaction is still open. Transaction ids are cluster-wide, so that may be a
   * transaction in another database of the same PostgreSQL. Asked only after a read found nothing
   * while the follower would sleep (one index probe on `(txid, position)`).
   */
  async function heldBack(): Promise<boolean> {
    if (!cursor) return false;
    const { rows } = await (listener ?? pool).query<{ held: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM outbox WHERE (txid, position) > ($1::text::xid8, $2::bigint)) AS held`,
      [cursor.txid, cursor.position],
    );
    return rows[0]?.held === true;
  }

  /** Reads every event committed below the oldest open transaction; returns how many. */
  async function follow(): Promise<number> {
    if (!cursor) cursor = await headCursor();
    let read = 0;
    for (;;) {
      // On the LISTEN connection when there is one: a follower that queued for the pool behind
      // busy request handlers would read late, and publishers would NOTIFY again (SKIP_NOTIFY_MS).
      const batch = await readAfter(cursor, FOLLOW_BATCH, listener ?? pool);
      if (batch.length === 0) return read;
      read += batch.length;
      lastReadEventAt = performance.now();
      cursor = { txid: (batch.at(-1) as StoredEvent).txid, position: (batch.at(-1) as StoredEvent).position };
      const forHandlers = batch.filter((e) => wanted(e.type));
      if (forHandlers.length > 0) {
        offerFresh(forHandlers);
        kickDispatch();
      }
      for (const subscriber of subscribers) {
        try {
          subscriber(batch);
        } catch (error) {
          log.error({ err: error }, 'event subscriber failed');
        }
      }
      // A short batch was all there was: no second read to learn that (the next NOTIFY wakes us).
      if (batch.length < FOLLOW_BATCH) return read;
    }
  }

  /**
   * The follower's events that a durable handler wants, for their first try in this process: the
   * dispatcher takes them from here without reading the outbox again (no due query, no second read
   * of the payloads). Every process's follower offers every event; whichever dispatcher locks an
   * event first tries it, the others skip it (`dispatchFirst`). Bounded: past `FRESH_MAX` (or
   * `start`'s `freshMax`) the follower offers nothing more until the queue has room, and the next
   * pass reads the due list instead (`dispatchDue`), as the poll's does every second (retries,
   * events another process left).
   */
  let fresh: StoredEvent[] = [];
  let freshMax = FRESH_MAX;
  function offerFresh(events: StoredEvent[]): void {
    if (fresh.length + events.length > freshMax) {
      again.scan = true;
      return;
    }
    for (const event of events) fresh.push(event);
  }

  /**
   * First tries of the follower's events queued when the pass began, in groups. What the follower
   * offers meanwhile waits for the next pass (`DISPATCH_COALESCE_MS`), so that it makes one group
   * rather than a small group per follower read.
   */
  async function dispatchFresh(): Promise<void> {
    let quota = fresh.length;
    while (quota > 0 && fresh.length > 0) {
      const group = fresh.slice(0, Math.min(DISPATCH_GROUP, quota));
      fresh = fresh.slice(group.length);
      quota -= group.length;
      const result = await dispatchFirst(group);
      // Cut short (its time was up): what is left keeps its place at the front, and is still this pass's.
      if (result.left.length > 0) {
        fresh = result.left.concat(fresh);
        quota += result.left.length;
      }
    }
  }

  /**
   * Runs durable handlers for up to `limit` pending events read from the outbox (the poll, a drain,
   * a follower that fell behind), in short transactions: first tries in groups (`dispatchFirst`),
   * retries one by one (`dispatchAgain`). Short on purpose: subscribers read only below the oldest
   * open transaction (commit-safe order), so one long dispatcher transaction would hold every live
   * push back for as long as it runs. Events no handler wants are marked in one statement.
   */
  async function dispatchDue(limit = DISPATCH_BATCH): Promise<{ done: number; more: boolean }> {
    // No lock and no transaction id here: which events are due, in order; those no handler wants
    // are marked dispatched in the same statement.
    const wantedTypes = [...new Set(handlers.map((h) => h.type))];
    const anyType = wantedTypes.includes('*');
    const due = await pool.query<Row & { attempts: number }>(
      `WITH due AS (
         SELECT position, id, type, payload, actor_id, audience, txid, created_at, attempts FROM outbox
          WHERE dispatched_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= now())
          ORDER BY position LIMIT $1
       ), unwanted AS (
         UPDATE outbox o SET dispatched_at = now(), attempts = o.attempts + 1 FROM due
          WHERE o.position = due.position AND o.dispatched_at IS NULL AND NOT ($3 OR due.type = ANY($2::text[]))
          RETURNING o.position
       )
       SELECT position, id, type, payload, actor_id, audience, txid::text AS txid, created_at, attempts
         FROM due ORDER BY position`,
      [limit, wantedTypes, anyType],
    );
    // Data-modifying CTEs run whether or not the outer query reads them: those are marked already.
    let done = due.rows.filter((r) => !wanted(r.type)).length;
    const rows = due.rows.filter((r) => wanted(r.type));
    for (let i = 0; i < rows.length; ) {
      const row = rows[i] as (typeof rows)[number];
      if (row.attempts > 0) {
        done += await dispatchAgain(Number(row.position));
        i++;
        continue;
      }
      // The first tries in a row, up to DISPATCH_GROUP of them, in one transaction.
      const group: StoredEvent[] = [];
      for (; i < rows.length && group.length < DISPATCH_GROUP && rows[i]?.attempts === 0; i++) {
        group.push(toEvent(rows[i] as Row));
      }
      const result = await dispatchFirst(group);
      done += result.done;
      // Cut short (its time was up, or a handler failed): read the due list again, so the events
      // left over keep their place before the later ones.
      if (result.left.length > 0 || result.failed) return { done, more: true };
    }
    // What others hold is theirs: the count is of what this call did, so draining never spins on it.
    return { done, more: due.rows.length === limit };
  }

  /**
   * The first tries of consecutive events (the common case) in one transaction. Its first statement
   * locks them (skipping what another process holds or has done) and marks them dispatched; then
   * their handlers run in position order while the transaction is younger than DISPATCH_GROUP_MS;
   * events the time limit left are unmarked and returned in `left`. Two round trips (the lock goes
   * with the BEGIN) plus the handlers' own statements for the whole group, where `dispatchAgain`
   * takes eight per event; one commit (one WAL flush) for them all. The time limit keeps the
   * transaction short: live pushes wait behind it (decision 0003). The marks are written first, in the statement that locks: `now()` is
   * the transaction's time either way, and a rollback takes them back with the handlers' work.
   * No claim rows: the group's handler work and its dispatched marks commit together or not at all,
   * and a dispatched event is never tried again, so nothing could read them. Claims matter only
   * between tries, where a retry's handlers succeed one by one (`dispatchAgain`).
   * If a handler throws, nothing of the group commits. A group of one records the failure with its
   * backoff; a larger one runs each of its events through `dispatchAgain`. Retries go through
   * `dispatchAgain`, which keeps each handler's work apart in a savepoint, so a failing handler
   * never holds the others back.
   */
  async function dispatchFirst(group: StoredEvent[]): Promise<FirstTry> {
    let failed: { position: number; handler: string; error: unknown } | null = null;
    const positions = group.map((e) => e.position);
    try {
      // Integers checked, so they can go in the text: the lock travels with the BEGIN (`transactionFrom`).
      if (!positions.every(Number.isSafeInteger))
        throw new Error(`event positions must be integers: ${positions}`);
      const lock = `UPDATE outbox o SET dispatched_at = now(), attempts = o.attempts + 1, last_error = NULL
          FROM (SELECT position FROM outbox
                 WHERE position = ANY('${positionArray(group)}'::bigint[]) AND dispatched_at IS NULL AND attempts = 0
                 ORDER BY position FOR UPDATE SKIP LOCKED) AS l
         WHERE o.position = l.position RETURNING o.position`;
      return await transactionFrom<{ position: string }, FirstTry>(db, lock, async (tx, locked) => {
        // The handlers' time counts from here: the lock may have waited for a CPU on a busy machine.
        const started = performance.now();
        const mine = new Set(locked.map((r) => Number(r.position)));
        const events = group.filter((e) => mine.has(e.position)).sort((a, b) => a.position - b.position);
        const handled: StoredEvent[] = [];
        // A family's events, applied together after the others (each family keeps their order).
        const batches = new Map<string, { batch: HandlerBatch; events: StoredEvent[] }>();
        for (const event of events) {
          if (handled.length > 0 && performance.now() - started > DISPATCH_GROUP_MS) break;
          for (const handler of handlers) {
            if (!handlesType(handler, event.type)) continue;
            if (handler.batch) {
              const family = batches.get(handler.batch.family);
              if (family) {
                if (family.events.at(-1) !== event) family.events.push(event);
              } else batches.set(handler.batch.family, { batch: handler.batch, events: [event] });
              continue;
            }
            try {
              await handler.handle(event, tx);
            } catch (error) {
              failed = { position: event.position, handler: handler.name, error };
              throw error;
            }
          }
          handled.push(event);
        }
        for (const { batch, events: some } of batches.values()) {
          try {
            await batch.handleMany(some, tx);
          } catch (error) {
            failed = { position: (some[0] as StoredEvent).position, handler: batch.family, error };
            throw error;
          }
        }
        const left = events.slice(handled.length);
        if (left.length > 0) {
          // Not tried after all: back as they were (locked until this commits, so nobody saw them).
          await tx.execute(sql`
            UPDATE outbox SET dispatched_at = NULL, attempts = attempts - 1
             WHERE position = ANY(${positionArray(left)}::bigint[])`);
        }
        return { done: handled.length, left, failed: false };
      });
    } catch (error) {
      if (failed !== null && group.length === 1) {
        const { handler, error: cause } = failed as { position: number; handler: string; error: unknown };
        log.error({ err: cause, position: positions[0], handler }, 'event handler failed');
        // Rolled back whole: this try counts, and the next is `dispatchAgain`'s, after the backoff.
        await pool.query(
          `UPDATE outbox SET attempts = attempts + 1, last_error = $2,
             next_attempt_at = now() + (${backoffMs(0)} * interval '1 millisecond')
            WHERE position = $1 AND dispatched_at IS NULL`,
          [positions[0], String(cause)],
        );
        return { done: 1, left: [], failed: true };
      }
      // Which event failed is not certain in a group (a handler that swallowed a statement's error
      // leaves the transaction aborted for the next one): each goes through the careful path.
      log.warn({ err: error, positions }, 'event group failed; dispatching its events one by one');
      let done = 0;
      for (const position of positions) done += await dispatchAgain(position);
      return { done, left: [], failed: true };
    }
  }

  /** A retry: each handler in its own savepoint, so those that succeed commit and are not run again. */
  async function dispatchAgain(position: number): Promise<number> {
    return db.transaction(async (tx) => {
      // Another process may have taken it meanwhile: skip what is locked or done.
      const result = await tx.execute(sql`
        SELECT position, id, type, payload, actor_id, audience, txid::text AS txid, created_at, attempts FROM outbox
         WHERE position = ${position} AND dispatched_at IS NULL FOR UPDATE SKIP LOCKED`);
      const row = result.rows[0] as unknown as (Row & { attempts: number }) | undefined;
      if (!row) return 0;
      const event = toEvent(row);
      let failure: unknown = null;
      for (const handler of handlers.filter((h) => handlesType(h, event.type))) {
        try {
          await tx.transaction(async (sp) => {
            const claimed = await sp.execute(sql`
              INSERT INTO event_handled (event_id, handler) VALUES (${event.id}, ${handler.name})
              ON CONFLICT DO NOTHING RETURNING event_id`);
            if (claimed.rows.length > 0) await handler.handle(event, sp);
          });
        } catch (error) {
          failure = error;
          log.error({ err: error, eventId: event.id, handler: handler.name }, 'event handler failed');
        }
      }
      if (failure === null || row.attempts + 1 >= MAX_ATTEMPTS) {
        await tx.execute(sql`UPDATE outbox SET dispatched_at = now(), attempts = attempts + 1,
          last_error = ${failure === null ? null : String(failure)} WHERE position = ${event.position}`);
      } else {
        await tx.execute(sql`UPDATE outbox SET attempts = attempts + 1, last_error = ${String(failure)},
          next_attempt_at = now() + (${backoffMs(row.attempts)} * interval '1 millisecond') WHERE position = ${event.position}`);
      }
      return 1;
    });
  }

  /**
   * Runs durable handlers: the follower's events first; then, with `scan`, every due event until
   * nothing is left that another transaction does not hold.
   */
  async function drain(scan: boolean): Promise<void> {
    await dispatchFresh();
    if (!scan) return;
    for (;;) {
      const { done, more } = await dispatchDue();
      if (done === 0 || !more) return;
    }
  }

  /**
   * Runs durable handlers until nothing is pending (tests and tools call this to drain). A pass of
   * this process's own dispatcher that is under way is awaited first: its group holds its events
   * locked, and a drain that skipped them would return before their handlers' work is committed.
   */
  async function dispatchPending(): Promise<void> {
    // A pass that starts during the drain may take what the drain skipped: await it too (bounded).
    for (let round = 0; round < 10; round++) {
      if (dispatching) await dispatching;
      await drain(true);
      if (!dispatching) return;
    }
  }

  /** Wakes the follower and the dispatcher (the poll, a start, a test). */
  function kick(): void {
    kickFollow();
    kickDispatch(true);
  }

  /**
   * A NOTIFY wakes the follower only. The dispatcher is woken by the follower when it reads an
   * event a durable handler wants, and by the poll (retries; and it marks the events no handler
   * wants in bulk): a chat message, which no handler wants, costs no dispatcher query of its own.
   */
  function kickFollow(): void {
    if (!running) return;
    if (following) {
      again.follow = true;
      return;
    }
    following = follow()
      .then(async (read) => {
        // About to sleep with nothing read: a commit that woke us (or that skipped its NOTIFY while
        // we were awake) may be held back by an older open transaction; if so, keep reading.
        return read === 0 && !again.follow && !awake() && running && (await heldBack());
      })
      .catch((error) => {
        log.error({ err: error }, 'event follower failed');
        return false;
      })
      .then((held) => {
        following = null;
        heldDelay = held ? Math.min(HELD_MAX_MS, 2 * heldDelay || HELD_FIRST_MS) : 0;
        // While events keep coming, read again shortly whether or not a NOTIFY came (publishers skip
        // it then: see SKIP_NOTIFY_MS).
        if (again.follow || awake() || held) {
          const delay = held ? heldDelay : FOLLOW_COALESCE_MS;
          // Held by a placeholder so that NOTIFYs meanwhile only set `again` (read once for all).
          following = new Promise<void>((resolve) =>
            setTimeout(() => {
              following = null;
              again.follow = false;
              resolve();
              kickFollow();
            }, delay),
          );
        }
      });
  }

  /** Starts a dispatcher pass: the follower's events, and with `scan` (the poll, a start) the due list. */
  function kickDispatch(scan = false): void {
    if (!running || handlers.length === 0) return;
    if (scan) again.scan = true;
    if (dispatching) {
      again.dispatch = true;
      return;
    }
    const started = performance.now();
    const scanNow = again.scan;
    again.scan = false;
    dispatching = drain(scanNow)
      .catch((error) => log.error({ err: error }, 'event dispatch failed'))
      .then(async () => {
        // Kicked meanwhile: the next pass starts DISPATCH_COALESCE_MS after this one did, so that
        // what arrives meanwhile forms one larger group (held by `dispatching`: kicks only set `again`).
        const wait = DISPATCH_COALESCE_MS - (performance.now() - started);
        if ((again.dispatch || again.scan) && running && wait > 0)
          await new Promise((r) => setTimeout(r, wait));
      })
      .finally(() => {
        dispatching = null;
        if (again.dispatch || again.scan) {
          again.dispatch = false;
          kickDispatch();
        }
      });
  }

  /**
   * What the durable handlers still owe, for monitoring: events not yet dispatched (those failed
   * at least once apart) and the age of the oldest. Reads the partial index of undispatched rows.
   */
  async function backlog(): Promise<{ pending: number; retrying: number; oldestSeconds: number }> {
    const { rows } = await pool.query<{ pending: number; retrying: number; oldest_seconds: number }>(
      `SELECT count(*)::int AS pending, (count(*) FILTER (WHERE attempts > 0))::int AS retrying,
              coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS oldest_seconds
         FROM outbox WHERE dispatched_at IS NULL`,
    );
    const row = rows[0] ?? { pending: 0, retrying: 0, oldest_seconds: 0 };
    return { pending: row.pending, retrying: row.retrying, oldestSeconds: Math.max(0, row.oldest_seconds) };
  }

  /**
   * Deletes dispatched events older than `before` (and their handler claims). Clients resuming from
   * an older position get `resync`. Undispatched events are never pruned.
   */
  async function prune(before: Date): Promise<number> {
    // In short batches, each its own statement: one transaction over a day of events would hold every
    // live push back while it ran (subscribers read below the oldest open writer), and its event ids
    // would not fit in one statement's parameters.
    let pruned = 0;
    for (;;) {
      const { rows } = await pool.query<{ n: number }>(
        `WITH doomed AS (
           SELECT position FROM outbox WHERE dispatched_at IS NOT NULL AND created_at < $1
            ORDER BY position LIMIT $2
         ), gone AS (
           DELETE FROM outbox o USING doomed WHERE o.position = doomed.position RETURNING o.id
         ), handled AS (
           DELETE FROM event_handled WHERE event_id IN (SELECT id FROM gone) RETURNING 1
         )
         SELECT (SELECT count(*) FROM gone)::int AS n, (SELECT count(*) FROM handled) AS h`,
        [before, PRUNE_BATCH],
      );
      const n = rows[0]?.n ?? 0;
      pruned += n;
      if (n < PRUNE_BATCH) return pruned;
    }
  }

  /** The LISTEN connection; when it drops (database restart), polling covers while we reconnect. */
  async function listen(): Promise<void> {
    const client = await pool.connect();
    client.on('notification', () => kickFollow());
    client.on('error', (error) => {
      log.warn({ err: error }, 'event listener connection lost; reconnecting');
      client.removeAllListeners('notification');
      client.release(true);
      if (listener === client) listener = null;
      const retry = () => {
        if (!running || listener) return;
        listen().catch(() => setTimeout(retry, 1000).unref());
      };
      setTimeout(retry, 1000).unref();
    });
    // Named, so an operator (and the recovery test) can tell it from the pool's connections.
    await client.query("SET application_name = 'banyan-events-listener'");
    await client.query(`LISTEN ${CHANNEL}`);
    listener = client;
    kick();
  }

  async function start(options: { pollMs?: number; freshMax?: number } = {}): Promise<void> {
    running = true;
    freshMax = options.freshMax ?? FRESH_MAX;
    again = { follow: false, dispatch: false, scan: false };
    fresh = [];
    cursor = await headCursor();
    await listen();
    // The poll catches what a NOTIFY cannot: retries, a follower that failed; held-back rows are
    // read again by the follower itself (`heldBack`).
    timer = setInterval(kick, options.pollMs ?? 1000);
    timer.unref();
    kick();
  }

  async function stop(): Promise<void> {
    running = false;
    lastReadEventAt = Number.NEGATIVE_INFINITY;
    heldDelay = 0;
    if (timer) clearInterval(timer);
    timer = null;
    await Promise.allSettled([following, dispatching]);
    if (listener) {
      // Destroy rather than return to the pool: a LISTEN connection is not a normal pooled one.
      listener.removeAllListeners('notification');
      listener.removeAllListeners('error');
      listener.on('error', () => undefined);
      listener.release(true);
      listener = null;
    }
  }

  return {
    publish,
    publishMany,
    outboxCtes,
    on,
    wanted,
    notifyNow,
    wakeAfter,
    subscribe,
    readAfter,
    cursorAt,
    currentCursor,
    dispatchPending,
    backlog,
    kick,
    prune,
    start,
    stop,
  };
}

export type Events = ReturnType<typeof createEvents>;

/** What a publisher gives; the id, time and defaults are added on publish. */
export interface NewEvent<P> {
  type: string;
  payload: P;
  actorId?: string | null;
  audience?: Audience;
}
