import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';

let ctx: TestContext;
const ran: unknown[] = [];

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.app.jobs.define('test.remember', async (payload) => {
    ran.push(payload);
  });
  await ctx.app.jobs.start({ concurrency: 1 });
});
afterAll(async () => ctx?.close());

const waitFor = async (check: () => boolean, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe('jobs', () => {
  it('runs a job enqueued in a committed transaction, never one from a rolled-back transaction', async () => {
    await ctx.app.db
      .transaction(async (tx) => {
        await ctx.app.jobs.add(tx, 'test.remember', { n: 'rolled-back' });
        throw new Error('rollback');
      })
      .catch(() => undefined);
    await ctx.app.db.transaction((tx) => ctx.app.jobs.add(tx, 'test.remember', { n: 'committed' }));
    await waitFor(() => ran.length >= 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(ran).toEqual([{ n: 'committed' }]);
  });

  it('replaces a pending job with the same key (rescheduling a timer)', async () => {
    const later = new Date(Date.now() + 60_000);
    await ctx.app.db.transaction((tx) =>
      ctx.app.jobs.add(tx, 'test.remember', { n: 'first' }, { jobKey: 'timer-1', runAt: later }),
    );
    await ctx.app.db.transaction((tx) =>
      ctx.app.jobs.add(tx, 'test.remember', { n: 'second' }, { jobKey: 'timer-1', runAt: later }),
    );
    const { rows } = await ctx.pool.query("SELECT * FROM graphile_worker.jobs WHERE key = 'timer-1'");
    expect(rows).toHaveLength(1);
    expect(rows[0].revision).toBe(1);
  });
});
