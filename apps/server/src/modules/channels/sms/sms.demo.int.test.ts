import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestContext, type Session, signInAs, type TestContext } from '../../../../test/harness.ts';

/**
 * The embedded demo: no SMSC configured, the app starts the built-in simulator on 127.0.0.1 and binds
 * to it, so notifications by SMS get receipts; an administrator can play a customer texting the bank.
 */
let ctx: TestContext;
let admin: Session;

async function until<T>(probe: () => Promise<T | null | undefined | false>, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  ctx = await createTestContext({ smsSimulator: true, smsSimulatorPort: 0 });
  // A weekday morning in Hanoi: service texts are held in quiet hours (21:00–08:00 local).
  ctx.clock.set('2026-03-02T02:00:00Z');
  await ctx.app.startSms();
  const queueId = await ctx.app.routing.createQueue(null, { code: 'sms', name: 'SMS', channels: ['sms'] });
  await ctx.app.smsChannel?.addNumber({ number: '8088', queueId });
  admin = await signInAs(ctx, { username: 'demo.admin', roles: ['admin'] });
});
afterAll(async () => {
  await ctx?.close();
});

describe('embedded SMSC simulator (demo)', () => {
  it('binds on its own and a case update by SMS comes back delivered', async () => {
    expect(ctx.app.smsSimulator).not.toBeNull();
    await until(async () => ctx.app.smsSimulator?.isBound(), 'bind');
    const c = await ctx.app.customers.createCustomer({
      customerNo: 'D0001',
      fullName: 'Trần Thị Demo',
      preferredLanguage: 'vi',
      phones: ['0912555001'],
    });
    const { notification } = await ctx.app.db.transaction((tx) =>
      ctx.app.notifications.queueNotification(tx, {
        customerId: c.id,
        purpose: 'service',
        templateKey: 'case_updated',
        params: { name: 'x', caseNo: 'CS-9', status: 'đã giải quyết' },
        idempotencyKey: 'demo-sms-1',
        preferredChannel: 'sms',
      }),
    );
    await ctx.app.notifications.processDue();
    // The demo simulator answers its receipts after half a second.
    await until(
      async () =>
        (await ctx.pool.query('SELECT status FROM notifications WHERE id = $1', [notification.id])).rows[0]
          ?.status === 'delivered',
      'delivered',
    );
  });

  it('an administrator plays a customer texting 8088: an sms conversation in the queue', async () => {
    const res = await ctx.app.http.inject({
      method: 'POST',
      url: '/api/v1/admin/sms/simulate-inbound',
      headers: as(admin),
      payload: { from: '0912 555 002', text: 'Tôi muốn khóa thẻ' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ outcome: 'delivered' });
    const conv = await until(async () => {
      const r = await ctx.pool.query(
        "SELECT channel, status FROM conversations WHERE contact_phone = '+84912555002'",
      );
      return r.rows[0];
    }, 'conversation');
    expect(conv.channel).toBe('sms');
  });

  it('refuses other roles, anonymous callers, invalid numbers and extra fields', async () => {
    const agent = await signInAs(ctx, { username: 'demo.agent', roles: ['agent'] });
    const supervisor = await signInAs(ctx, { username: 'demo.sup', roles: ['supervisor'] });
    const payload = { from: '0912555003', text: 'hi' };
    for (const s of [agent, supervisor]) {
      const denied = await ctx.app.http.inject({
        method: 'POST',
        url: '/api/v1/admin/sms/simulate-inbound',
        headers: as(s),
        payload,
      });
      expect(denied.statusCode).toBe(403);
    }
    const anonymous = await ctx.app.http.inject({
      method: 'POST',
      url: '/api/v1/admin/sms/simulate-inbound',
      payload,
    });
    expect(anonymous.statusCode).toBe(401);
    const invalid = await ctx.app.http.inject({
      method: 'POST',
      url: '/api/v1/admin/sms/simulate-inbound',
      headers: as(admin, { 'accept-language': 'vi' }),
      payload: { from: '12345', text: 'hi' },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error).toMatchObject({
      code: 'SMS_PHONE_INVALID',
      message: 'Số điện thoại này không hợp lệ để gửi tin nhắn.',
    });
    const extra = await ctx.app.http.inject({
      method: 'POST',
      url: '/api/v1/admin/sms/simulate-inbound',
      headers: as(admin),
      payload: { ...payload, evil: 1 },
    });
    expect(extra.statusCode).toBe(400);
    expect(
      (await ctx.pool.query("SELECT 1 FROM sms_messages WHERE phone = '+84912555003'")).rows,
    ).toHaveLength(0);
  });
});
