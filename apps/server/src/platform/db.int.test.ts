import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/harness.ts';
import { createDb, createPool, runPrepared, transactionFrom } from './db.ts';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let pool: ReturnType<typeof createPool>;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = createPool(database.url, 2);
  await pool.query('CREATE TABLE prepared_test (n int NOT NULL)');
});

afterAll(async () => {
  await pool.end();
  await database.drop();
});

describe('runPrepared', () => {
  const insert = (n: number) => sql`INSERT INTO prepared_test (n) VALUES (${n}) RETURNING n`;

  it('runs in the caller’s transaction, as a statement prepared once per connection', async () => {
    const db = createDb(pool);
    await expect(
      db.transaction(async (tx) => {
        expect(await runPrepared(tx, 'prepared_test_insert', insert(1))).toEqual([{ n: 1 }]);
        await runPrepared(tx, 'prepared_test_insert', insert(2));
        // The transaction's own connection sees its rows; the statement is prepared there, once.
        const seen = await tx.execute(sql`SELECT count(*)::int AS n FROM prepared_test`);
        expect(seen.rows).toEqual([{ n: 2 }]);
        const prepared = await tx.execute(
          sql`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name = 'prepared_test_insert'`,
        );
        expect(prepared.rows).toEqual([{ n: 1 }]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    // Rolled back with the transaction: nothing was written outside it.
    expect((await pool.query('SELECT count(*)::int AS n FROM prepared_test')).rows).toEqual([{ n: 0 }]);
    // On the database handle it runs on the pool, autocommitted.
    await runPrepared(db, 'prepared_test_insert', insert(3));
    expect((await pool.query('SELECT n FROM prepared_test')).rows).toEqual([{ n: 3 }]);
  });
});

describe('transactionFrom', () => {
  const count = async () =>
    (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM prepared_test WHERE n >= 100')).rows[0]
      ?.n;

  it('sends BEGIN with its first statement, then commits the work with it', async () => {
    const db = createDb(pool);
    const result = await transactionFrom<{ n: number }, number>(
      db,
      'INSERT INTO prepared_test (n) VALUES (100), (101) RETURNING n',
      async (tx, rows) => {
        expect(rows).toEqual([{ n: 100 }, { n: 101 }]);
        // One transaction: the work sees the first statement's rows, and others do not yet.
        const inside = await tx.execute(sql`SELECT count(*)::int AS n FROM prepared_test WHERE n >= 100`);
        expect(inside.rows).toEqual([{ n: 2 }]);
        expect(await count()).toBe(0);
        await tx.execute(sql`INSERT INTO prepared_test (n) VALUES (${102})`);
        return rows.length;
      },
    );
    expect(result).toBe(2);
    expect(await count()).toBe(3);
    await pool.query('DELETE FROM prepared_test WHERE n >= 100');
  });

  it('rolls back whole when the work throws or the first statement fails, and the connection is reused clean', async () => {
    const db = createDb(pool);
    await expect(
      transactionFrom(db, 'INSERT INTO prepared_test (n) VALUES (110) RETURNING n', async (tx) => {
        await tx.execute(sql`INSERT INTO prepared_test (n) VALUES (${111})`);
        throw new Error('handler failed');
      }),
    ).rejects.toThrow('handler failed');
    await expect(
      transactionFrom(db, 'INSERT INTO prepared_test (n) VALUES (NULL) RETURNING n', async () => 'never'),
    ).rejects.toThrow(/null value/);
    expect(await count()).toBe(0);
    // Both pooled connections are back, outside any transaction.
    const states = await Promise.all(
      [0, 1].map(() =>
        pool.query<{ s: string }>(
          "SELECT current_setting('transaction_isolation') AS s, now() = statement_timestamp() AS fresh",
        ),
      ),
    );
    expect(states.map((r) => r.rows[0])).toEqual([
      { s: 'read committed', fresh: true },
      { s: 'read committed', fresh: true },
    ]);
  });
});
