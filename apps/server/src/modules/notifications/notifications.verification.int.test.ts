import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestContext, type Session, signInAs, type TestContext } from '../../../test/harness.ts';

let ctx: TestContext;
let queueId: string;
let agent: Session;
let otherAgent: Session;
let supervisor: Session;
let seq = 0;

const call = (session: Session | null, method: string, url: string, payload?: unknown, lang = 'en') =>
  ctx.app.http.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    payload: payload as object,
    headers: { ...(session ? as(session) : {}), 'accept-language': lang },
  });

beforeAll(async () => {
  ctx = await createTestContext();
  queueId = await ctx.app.routing.createQueue(null, { code: 'chat_otp', name: 'Chat', channels: ['chat'] });
  agent = await signInAs(ctx, { username: 'otp.agent', roles: ['agent'] });
  otherAgent = await signInAs(ctx, { username: 'otp.other', roles: ['agent'] });
  supervisor = await signInAs(ctx, { username: 'otp.super', roles: ['supervisor'] });
  await ctx.app.routing.setCapacity(agent.userId, 'chat', 5);
  expect((await call(agent, 'PUT', '/desk/state', { state: 'available' })).statusCode).toBe(200);
});
afterAll(async () => ctx?.close());

async function customer(extra: Record<string, unknown> = {}) {
  seq += 1;
  return ctx.app.customers.createCustomer({
    customerNo: `C80${String(seq).padStart(2, '0')}`,
    fullName: 'Trần Văn Minh',
    givenName: 'Minh',
    preferredLanguage: 'vi',
    emails: [`minh${seq}@example.vn`],
    ...extra,
  } as never);
}

/** A chat of `customerId` (or an unknown visitor) answered by `agent`. */
async function assignedChat(customerId: string | null): Promise<string> {
  const { id } = await ctx.app.conversations.startConversation({
    channel: 'chat',
    queueId,
    language: 'vi',
    customerId,
  });
  await ctx.app.routing.routeOnce(queueId);
  const offer = (await call(agent, 'GET', '/desk/offers'))
    .json()
    .items.find((o: { refId: string }) => o.refId === id);
  expect((await call(agent, 'POST', `/desk/offers/${offer.itemId}/accept`)).statusCode).toBe(204);
  await ctx.app.events.dispatchPending();
  return id;
}

/** Sends the queued mail and reads the code the customer got. */
async function codeOf(notificationId: string): Promise<string> {
  await ctx.app.notifications.processDue();
  const mail = await ctx.pool.query('SELECT text_body FROM mailbox_messages WHERE notification_id = $1', [
    notificationId,
  ]);
  return /\b(\d{6})\b/.exec(mail.rows[0].text_body)?.[1] as string;
}

const latestRow = async (conversationId: string) =>
  (
    await ctx.pool.query(
      'SELECT * FROM customer_verifications WHERE conversation_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1',
      [conversationId],
    )
  ).rows[0];

describe('one-time passwords for customer verification', () => {
  it('sends a code through the pipeline, stores only its HMAC, and verifies the customer once', async () => {
    const c = await customer();
    const id = await assignedChat(c.id);

    expect((await call(otherAgent, 'POST', `/conversations/${id}/verification/code`)).statusCode).toBe(404);
    expect((await call(null, 'POST', `/conversations/${id}/verification/code`)).statusCode).toBe(401);
    expect((await call(otherAgent, 'GET', `/conversations/${id}/verification`)).statusCode).toBe(404);

    const sent = await call(agent, 'POST', `/conversations/${id}/verification/code`);
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toMatchObject({
      verified: false,
      customerId: c.id,
      pending: { attemptsLeft: 5, channel: 'email' },
    });
    const row = await latestRow(id);
    const notification = await ctx.app.notifications.getNotification(row.notification_id);
    // Transactional and urgent: due at once, never held for quiet hours.
    expect(notification).toMatchObject({
      purpose: 'transactional',
      templateKey: 'one_time_password',
      conversationId: id,
      status: 'queued',
    });
    expect(notification.nextAttemptAt.getTime()).toBeLessThanOrEqual(ctx.clock.now().getTime());
    const code = await codeOf(row.notification_id);
    expect(code).toMatch(/^\d{6}$/);
    // Sent: the plain code is gone from the queue, only its HMAC remains.
    const params = await ctx.pool.query('SELECT params FROM notifications WHERE id = $1', [
      row.notification_id,
    ]);
    expect(params.rows[0].params).toEqual({});
    expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.code_hash).not.toContain(code);
    expect(new Date(row.expires_at).getTime() - new Date(row.created_at).getTime()).toBe(5 * 60_000);

    const malformed = await call(agent, 'POST', `/conversations/${id}/verification/check`, {
      code: '12ab56',
    });
    expect(malformed.json().error.code).toBe('VALIDATION_FAILED');
    const wrong = code === '000000' ? '000001' : '000000';
    const invalid = await call(
      agent,
      'POST',
      `/conversations/${id}/verification/check`,
      { code: wrong },
      'zh-CN',
    );
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error).toMatchObject({
      code: 'OTP_INVALID',
      message: '验证码不正确，还剩 4 次机会。',
    });
    // Another agent cannot try codes on this conversation.
    expect(
      (await call(otherAgent, 'POST', `/conversations/${id}/verification/check`, { code })).statusCode,
    ).toBe(404);

    const ok = await call(agent, 'POST', `/conversations/${id}/verification/check`, { code: ` ${code} ` });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ verified: true, verifiedBy: agent.userId, pending: null });
    expect((await call(supervisor, 'GET', `/conversations/${id}/verification`)).json().verified).toBe(true);

    const replay = await call(agent, 'POST', `/conversations/${id}/verification/check`, { code }, 'vi');
    expect(replay.json().error).toMatchObject({
      code: 'OTP_ALREADY_USED',
      message: 'Mã này đã được sử dụng.',
    });

    const audit = await ctx.pool.query(
      "SELECT action FROM audit_log WHERE target_id = $1 AND action LIKE 'customer.verif%' ORDER BY seq",
      [c.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'customer.verification_code_sent',
      'customer.verification_failed',
      'customer.verified',
    ]);
    const events = await ctx.pool.query(
      "SELECT type FROM outbox WHERE type LIKE 'verification.%' AND payload->>'conversationId' = $1 ORDER BY position",
      [id],
    );
    expect(events.rows.map((r) => r.type)).toEqual([
      'verification.code_sent',
      'verification.failed',
      'verification.succeeded',
    ]);
  });

  it('expires codes after 5 minutes, limits attempts to 5 and sends to 3 per customer per 15 minutes', async () => {
    const c = await customer();
    const id = await assignedChat(c.id);

    await call(agent, 'POST', `/conversations/${id}/verification/code`);
    const first = await latestRow(id);
    const firstCode = await codeOf(first.notification_id);
    ctx.clock.advance(5 * 60_000 + 1000);
    const expired = await call(agent, 'POST', `/conversations/${id}/verification/check`, { code: firstCode });
    expect(expired.statusCode).toBe(410);
    expect(expired.json().error.code).toBe('OTP_EXPIRED');

    // A new code supersedes the one waiting: the old one no longer works.
    await call(agent, 'POST', `/conversations/${id}/verification/code`);
    const second = await latestRow(id);
    const secondCode = await codeOf(second.notification_id);
    expect((await call(supervisor, 'POST', `/conversations/${id}/verification/code`)).statusCode).toBe(201);
    const third = await latestRow(id);
    expect(
      (await ctx.pool.query('SELECT status FROM customer_verifications WHERE id = $1', [second.id])).rows[0],
    ).toEqual({ status: 'superseded' });
    if (secondCode !== (await codeOf(third.notification_id))) {
      const stale = await call(agent, 'POST', `/conversations/${id}/verification/check`, {
        code: secondCode,
      });
      expect(stale.json().error.code).toBe('OTP_INVALID');
    }

    const limited = await call(agent, 'POST', `/conversations/${id}/verification/code`, undefined, 'vi');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toMatchObject({
      code: 'OTP_RATE_LIMITED',
      message: 'Đã gửi quá nhiều mã cho khách hàng này. Vui lòng thử lại sau 15 phút.',
    });

    ctx.clock.advance(15 * 60_000);
    await call(agent, 'POST', `/conversations/${id}/verification/code`);
    const fourth = await latestRow(id);
    const code = await codeOf(fourth.notification_id);
    const wrong = code === '999999' ? '999998' : '999999';
    for (let i = 0; i < 4; i++) {
      const res = await call(agent, 'POST', `/conversations/${id}/verification/check`, { code: wrong });
      expect(res.json().error.code).toBe('OTP_INVALID');
    }
    const spent = await call(agent, 'POST', `/conversations/${id}/verification/check`, { code: wrong }, 'en');
    expect(spent.statusCode).toBe(429);
    expect(spent.json().error.code).toBe('OTP_TOO_MANY_ATTEMPTS');
    // Even the right code is refused once the attempts are used up.
    const late = await call(agent, 'POST', `/conversations/${id}/verification/check`, { code });
    expect(late.json().error.code).toBe('OTP_TOO_MANY_ATTEMPTS');
    expect((await latestRow(id)).status).toBe('failed');
  });

  it('refuses without a known customer, without an address, and on closed conversations', async () => {
    const anonymous = await assignedChat(null);
    const unknown = await call(agent, 'POST', `/conversations/${anonymous}/verification/code`);
    expect(unknown.statusCode).toBe(409);
    expect(unknown.json().error.code).toBe('OTP_CUSTOMER_UNKNOWN');
    expect(
      (await call(agent, 'POST', `/conversations/${anonymous}/verification/check`, { code: '123456' })).json()
        .error.code,
    ).toBe('OTP_NOT_FOUND');

    const unreachable = await customer({ emails: [] });
    const id = await assignedChat(unreachable.id);
    const noChannel = await call(agent, 'POST', `/conversations/${id}/verification/code`);
    expect(noChannel.json().error.code).toBe('OTP_NO_CHANNEL');
    expect(await latestRow(id)).toBeUndefined();
    const orphans = await ctx.pool.query(
      "SELECT count(*)::int AS n FROM notifications WHERE customer_id = $1 AND template_key = 'one_time_password'",
      [unreachable.id],
    );
    expect(orphans.rows[0].n).toBe(0);

    await ctx.app.conversations.close({ conversationId: id, by: 'customer' });
    expect((await call(agent, 'POST', `/conversations/${id}/verification/code`)).json().error.code).toBe(
      'OTP_CONVERSATION_CLOSED',
    );
  });
});
