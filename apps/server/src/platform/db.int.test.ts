import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/harness.ts';
import { createDb, createPool, runPrepared } from './db.ts';

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
