import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SQL } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres/session';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';

export type Db = NodePgDatabase<Record<string, never>> & { $client: pg.Pool };
/** A transaction handle; services accept either so callers can compose one transaction. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../db/migrations');

// int8 (bigint, count(*)) as JS number: our counters and sequences stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/**
 * How long an idle connection stays open. pg's default, 10 s, closed the pool down in any lull, and
 * the next burst (a phase of traffic after a quiet spell) paid for up to `max` new backends at once:
 * a fork each, cold catalog caches and every prepared statement planned again, on the same cores
 * that serve the burst (bench:chat, eighth session). An idle backend costs PostgreSQL little.
 */
const IDLE_CONNECTION_MS = 10 * 60_000;

export function createPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    application_name: 'banyan',
    idleTimeoutMillis: IDLE_CONNECTION_MS,
    // Idle connections never keep a finished command (a CLI, a script) from exiting.
    allowExitOnIdle: true,
  });
  // An idle client's error (e.g. the server restarted) must not crash the process.
  pool.on('error', () => undefined);
  const open = new Set<pg.ClientBase>();
  openConnections.set(pool, open);
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
    open.add(client);
    client.once('end', () => open.delete(client));
  });
  return pool;
}

/** Each pool's connections whose socket is still open (a client leaves the pool before it closes). */
const openConnections = new WeakMap<pg.Pool, Set<pg.ClientBase>>();
const CLOSE_WAIT_MS = 2000;

/**
 * Ends a pool and waits (at most 2 s) until its connections have closed: `pool.end()` resolves once
 * its clients have left it, while their sockets may still be closing. A server stopped right after
 * (the embedded PostgreSQL) would otherwise terminate them, and every client's error handler
 * reports it.
 */
export async function endPool(pool: pg.Pool): Promise<void> {
  await pool.end();
  const open = openConnections.get(pool);
  const deadline = Date.now() + CLOSE_WAIT_MS;
  while (open && open.size > 0 && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 10));
}

export function createDb(pool: pg.Pool): Db {
  return drizzle({ client: pool }) as unknown as Db;
}

const dialect = new PgDialect();

/**
 * A hot statement as a named prepared statement, on the database handle (autocommitted) or in a
 * transaction (on its own connection): parsed and planned once per connection instead of on every
 * call. The statement's text must not vary between calls (everything variable is a parameter), or
 * PostgreSQL refuses the second text under the same name. Not for a statement whose best plan
 * depends on its values or on a table's size: after five runs PostgreSQL may keep a generic plan,
 * chosen for the values and the table of that moment (the outbox's due query took 400 ms a call that
 * way, docs/performance.md § Cases, twelfth session; the dispatcher's lock of a group, named while
 * the outbox was nearly empty, made one run of `bench:cases` in three drain in 106 s instead of 0).
 */
export async function runPrepared<T>(db: DbOrTx, name: string, query: SQL): Promise<T[]> {
  // drizzle keeps the connection in its session: the pool for the database handle, the
  // transaction's client for a transaction. It offers no prepared raw statements of its own.
  const { client } = (db as unknown as { session: { client: pg.Pool | pg.PoolClient } }).session;
  const q = dialect.sqlToQuery(query);
  return (await client.query({ name, text: q.sql, values: q.params as unknown[] })).rows as T[];
}

/**
 * A transaction whose BEGIN travels with its first statement: one round trip less than
 * `db.transaction` for a short transaction on a hot path (each round trip wakes a PostgreSQL backend,
 * which on a small machine takes the CPU from this thread). `first` goes as `BEGIN; <first>` over
 * the simple query protocol, so it takes no parameters: only fixed text and values the caller has
 * made safe (integers it checked). `work` gets the transaction, as `db.transaction` gives it, and the
 * first statement's rows; it commits when `work` returns and rolls back when anything throws.
 */
export async function transactionFrom<R, T>(
  db: Db,
  first: string,
  work: (tx: Tx, rows: R[]) => Promise<T>,
): Promise<T> {
  const client = await db.$client.connect();
  let broken: Error | undefined;
  try {
    const results = (await client.query(`BEGIN; ${first}`)) as unknown as pg.QueryResult[];
    const tx = new NodePgTransaction(dialect, new NodePgSession(client, dialect, undefined), undefined);
    const result = await work(tx as unknown as Tx, (results[1]?.rows ?? []) as R[]);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // Also when the first statement failed after BEGIN: the transaction is open and aborted.
    await client.query('ROLLBACK').catch((lost: Error) => {
      broken = lost;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

/** Applies committed migrations; an advisory lock keeps concurrent starts from racing. */
export async function runMigrations(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(715001)');
    await migrate(drizzle({ client }), { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    await client.query('SELECT pg_advisory_unlock(715001)').catch(() => undefined);
    client.release();
  }
}

export function expectedMigrationCount(): number {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

export async function appliedMigrationCount(pool: pg.Pool): Promise<number> {
  const result = await pool
    .query<{ n: number }>('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations')
    .catch(() => ({ rows: [{ n: 0 }] }));
  return result.rows[0]?.n ?? 0;
}
