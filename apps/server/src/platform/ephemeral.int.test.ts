import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { createEphemeral, type EphemeralMessage } from './ephemeral.ts';
import { createLogger } from './logger.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

describe('ephemeral signals', () => {
  it('reach every process once, through NOTIFY, and are stored nowhere', async () => {
    const log = createLogger({ level: 'silent' });
    // Two "processes" on one database: each with its own LISTEN connection.
    const a = createEphemeral({ pool: ctx.pool, log });
    const b = createEphemeral({ pool: ctx.pool, log });
    await Promise.all([a.start(), b.start()]);
    const gotA: EphemeralMessage[] = [];
    const gotB: EphemeralMessage[] = [];
    a.subscribe((m) => gotA.push(m));
    b.subscribe((m) => gotB.push(m));
    const message = { type: 'conversation.typing', data: { typing: true }, users: ['u1'] };
    await a.publish(message);
    const deadline = Date.now() + 5000;
    while (gotB.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100));
    expect(gotA).toEqual([message]);
    expect(gotB).toEqual([message]);
    const outbox = await ctx.pool.query('SELECT count(*)::int AS n FROM outbox');
    expect(outbox.rows[0].n).toBe(0);
    await Promise.all([a.stop(), b.stop()]);
    // Stopped: only this process's own listeners hear it.
    await a.publish(message);
    expect(gotA).toHaveLength(2);
    expect(gotB).toHaveLength(1);
  });
});
