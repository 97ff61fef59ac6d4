import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { seedDemoBank } from './seed.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

describe('demo email', () => {
  it('receives support@ and complaints@ in their queues and fills the mailbox in three languages', async () => {
    await seedDemoBank(ctx.app);
    const addresses = await ctx.pool.query(
      'SELECT a.address, q.code FROM email_addresses a JOIN routing_queues q ON q.id = a.queue_id ORDER BY a.address',
    );
    expect(addresses.rows).toEqual([
      { address: 'complaints@bank.example', code: 'email_complaints' },
      { address: 'support@bank.example', code: 'email_vi' },
    ]);
    await ctx.app.notifications.processDue();
    const mail = await ctx.pool.query('SELECT subject FROM mailbox_messages ORDER BY subject');
    expect(mail.rows).toHaveLength(3);
    expect(mail.rows.map((r) => r.subject).join(' ')).toMatch(/您的申请.*已更新/);
  }, 90_000); // seeds the whole demo bank (180 knowledge articles alone take ~16 s on a busy machine)
});
