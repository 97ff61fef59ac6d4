import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestContext, type Session, signInAs, type TestContext } from '../../../test/harness.ts';

let ctx: TestContext;
let queueId: string;
let agent: Session;
let otherAgent: Session;
let supervisor: Session;

const call = (session: Session | null, method: string, url: string, payload?: unknown, lang = 'en') =>
  ctx.app.http.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    payload: payload as object,
    headers: { ...(session ? as(session) : {}), 'accept-language': lang },
  });

const widget = (method: string, url: string, token: string | null, payload?: unknown, lang = 'en') =>
  ctx.app.http.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    payload: payload as object,
    headers: { 'accept-language': lang, ...(token ? { authorization: `Visitor ${token}` } : {}) },
  });

async function visitor(): Promise<string> {
  const res = await widget('POST', '/widget/sessions', null, { siteKey: 'transcript-bank', language: 'vi' });
  expect(res.statusCode).toBe(200);
  return res.json().visitorToken as string;
}

beforeAll(async () => {
  ctx = await createTestContext();
  queueId = await ctx.app.routing.createQueue(null, { code: 'chat_tr', name: 'Chat', channels: ['chat'] });
  await ctx.app.webchat.createSite({
    key: 'transcript-bank',
    name: 'Test Bank',
    queueByLanguage: { en: queueId, vi: queueId },
    greeting: { en: 'Hello', vi: 'Xin chào' },
  });
  agent = await signInAs(ctx, { username: 'tr.agent', roles: ['agent'] });
  otherAgent = await signInAs(ctx, { username: 'tr.other', roles: ['agent'] });
  supervisor = await signInAs(ctx, { username: 'tr.super', roles: ['supervisor'] });
  await ctx.app.routing.setCapacity(agent.userId, 'chat', 3);
  expect((await call(agent, 'PUT', '/desk/state', { state: 'available' })).statusCode).toBe(200);
});
afterAll(async () => ctx?.close());

/** A widget chat answered by `agent`, with a card number, an agent reply and an internal note. */
async function answeredChat(token: string) {
  const started = await widget('POST', '/widget/conversations', token, {
    name: 'Lan',
    email: 'Lan.Nguyen@Example.vn',
    language: 'vi',
  });
  expect(started.statusCode).toBeLessThan(300);
  const id = started.json().id as string;
  const posted = await widget('POST', `/widget/conversations/${id}/messages`, token, {
    clientId: 'c1',
    body: 'Thẻ của tôi 4111 1111 1111 1111 bị khoá',
  });
  expect(posted.statusCode).toBeLessThan(300);
  await ctx.app.routing.routeOnce(queueId);
  const offer = (await call(agent, 'GET', '/desk/offers')).json().items[0];
  expect((await call(agent, 'POST', `/desk/offers/${offer.itemId}/accept`)).statusCode).toBe(204);
  await ctx.app.events.dispatchPending();
  await call(agent, 'POST', `/conversations/${id}/messages`, { clientId: 'a1', body: 'Em đã mở khoá thẻ' });
  await call(agent, 'POST', `/conversations/${id}/messages`, {
    clientId: 'n1',
    body: 'INTERNAL: customer sounded unsure',
    kind: 'note',
  });
  return id;
}

describe('chat transcripts by email', () => {
  it('lets the customer ask for it at the end of the chat, once per address, masked and without notes', async () => {
    const token = await visitor();
    const id = await answeredChat(token);
    const customer = await ctx.app.customers.createCustomer({
      customerNo: 'C7001',
      fullName: 'Nguyễn Thị Lan',
      givenName: 'Lan',
      preferredLanguage: 'vi',
      emails: ['lan.nguyen@example.vn'],
      marketingEmail: false,
    } as never);
    await ctx.app.conversations.linkCustomer(id, customer.id);

    const early = await widget('POST', `/widget/conversations/${id}/transcript`, token, {}, 'vi');
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('TRANSCRIPT_CONVERSATION_OPEN');

    expect((await widget('POST', `/widget/conversations/${id}/leave`, token)).statusCode).toBe(204);
    const suggestion = await widget('GET', `/widget/conversations/${id}/transcript`, token);
    expect(suggestion.json()).toEqual({ email: 'lan.nguyen@example.vn' });

    const invalid = await widget(
      'POST',
      `/widget/conversations/${id}/transcript`,
      token,
      { to: 'not-an-address' },
      'vi',
    );
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error).toMatchObject({
      code: 'TRANSCRIPT_ADDRESS_INVALID',
      message: 'Địa chỉ email này không hợp lệ.',
    });
    const injected = await widget('POST', `/widget/conversations/${id}/transcript`, token, {
      to: 'a@example.vn\r\nBcc: evil@example.com',
    });
    expect(injected.json().error.code).toBe('TRANSCRIPT_ADDRESS_INVALID');

    const sent = await widget('POST', `/widget/conversations/${id}/transcript`, token, {});
    expect(sent.statusCode).toBe(202);
    expect(sent.json()).toMatchObject({ status: 'queued', duplicate: false });
    const replay = await widget('POST', `/widget/conversations/${id}/transcript`, token, {
      to: 'LAN.NGUYEN@example.vn',
    });
    expect(replay.json()).toMatchObject({ notificationId: sent.json().notificationId, duplicate: true });

    // Another visitor, a staff member without a visitor token: no such conversation / not signed in.
    const stranger = await visitor();
    expect((await widget('POST', `/widget/conversations/${id}/transcript`, stranger, {})).statusCode).toBe(
      404,
    );
    expect((await call(agent, 'POST', `/widget/conversations/${id}/transcript`, {})).statusCode).toBe(401);

    const stored = await ctx.pool.query(
      'SELECT customer_id, conversation_id, purpose, template_key, recipient, channel FROM notifications WHERE id = $1',
      [sent.json().notificationId],
    );
    expect(stored.rows[0]).toEqual({
      customer_id: customer.id,
      conversation_id: id,
      purpose: 'service',
      template_key: 'chat_transcript',
      recipient: 'lan.nguyen@example.vn',
      channel: 'email',
    });

    expect((await ctx.app.notifications.processDue()).sent).toBe(1);
    const mail = await ctx.pool.query(
      'SELECT subject, text_body, to_addresses FROM mailbox_messages WHERE notification_id = $1',
      [sent.json().notificationId],
    );
    const { subject, text_body: text, to_addresses: to } = mail.rows[0];
    expect(to).toEqual(['lan.nguyen@example.vn']);
    expect(subject).toMatch(/^Cuộc trò chuyện của quý khách với Ngân hàng Banyan ngày /);
    expect(text).toContain('Lan: Thẻ của tôi');
    expect(text).toContain('tr.agent: Em đã mở khoá thẻ');
    expect(text).not.toContain('4111 1111 1111 1111');
    expect(text).not.toContain('INTERNAL');
    expect(text).toMatch(/\[\d\d:\d\d\] Lan:/);

    // On the customer's timeline with its delivery status, like every notification.
    const timeline = await call(supervisor, 'GET', `/customers/${customer.id}/notifications`);
    expect(timeline.json().items).toEqual([
      expect.objectContaining({ templateKey: 'chat_transcript', status: 'sent', channel: 'email' }),
    ]);
  });

  it('lets the assignee or a supervisor send it from the desk, not another agent, within a limit', async () => {
    const token = await visitor();
    const id = await answeredChat(token);
    const open = await call(agent, 'POST', `/conversations/${id}/transcript`, {});
    expect(open.json().error.code).toBe('TRANSCRIPT_CONVERSATION_OPEN');
    await widget('POST', `/widget/conversations/${id}/leave`, token);

    expect((await call(otherAgent, 'POST', `/conversations/${id}/transcript`, {})).statusCode).toBe(404);
    expect((await call(null, 'POST', `/conversations/${id}/transcript`, {})).statusCode).toBe(401);
    const bad = await call(agent, 'POST', `/conversations/${id}/transcript`, { to: 'x', extra: 1 });
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');

    const byAgent = await call(agent, 'POST', `/conversations/${id}/transcript`, {}, 'zh-CN');
    expect(byAgent.statusCode).toBe(202);
    const bySupervisor = await call(supervisor, 'POST', `/conversations/${id}/transcript`, {
      to: 'branch@example.vn',
    });
    expect(bySupervisor.statusCode).toBe(202);
    expect(
      (await call(agent, 'POST', `/conversations/${id}/transcript`, { to: 'c@example.vn' })).statusCode,
    ).toBe(202);
    const fourth = await call(
      agent,
      'POST',
      `/conversations/${id}/transcript`,
      { to: 'd@example.vn' },
      'zh-CN',
    );
    expect(fourth.statusCode).toBe(429);
    expect(fourth.json().error).toMatchObject({
      code: 'TRANSCRIPT_LIMIT_REACHED',
      message: '此聊天记录已发送到允许的最多邮箱数。',
    });
    // The first address again is still the first transcript, not over the limit.
    expect((await call(agent, 'POST', `/conversations/${id}/transcript`, {})).json()).toMatchObject({
      notificationId: byAgent.json().notificationId,
      duplicate: true,
    });

    const audit = await ctx.pool.query(
      "SELECT actor_id FROM audit_log WHERE action = 'conversation.transcript_sent' AND target_id = $1 ORDER BY seq",
      [id],
    );
    expect(audit.rows.map((r) => r.actor_id)).toEqual([agent.userId, supervisor.userId, agent.userId]);
  });

  it('never shows an anonymous visitor the address on file of the customer an agent linked', async () => {
    const token = await visitor();
    const started = await widget('POST', '/widget/conversations', token, { name: 'X', language: 'en' });
    const id = started.json().id as string;
    const linked = await ctx.app.customers.createCustomer({
      customerNo: 'C7003',
      fullName: 'Phạm Thu',
      givenName: 'Thu',
      preferredLanguage: 'en',
      emails: ['thu.private@example.vn'],
    } as never);
    await ctx.app.conversations.linkCustomer(id, linked.id);
    await widget('POST', `/widget/conversations/${id}/leave`, token);
    expect((await widget('GET', `/widget/conversations/${id}/transcript`, token)).json()).toEqual({
      email: null,
    });
    const blind = await widget('POST', `/widget/conversations/${id}/transcript`, token, {});
    expect(blind.json().error.code).toBe('TRANSCRIPT_ADDRESS_MISSING');
    // The desk may use it: the agent knows whom they linked.
    expect((await call(supervisor, 'POST', `/conversations/${id}/transcript`, {})).statusCode).toBe(202);
  });

  it("falls back to the known customer's address, and asks for one when there is none", async () => {
    const known = await ctx.app.customers.createCustomer({
      customerNo: 'C7002',
      fullName: 'Lê Văn Nam',
      givenName: 'Nam',
      preferredLanguage: 'en',
      emails: ['nam@example.vn'],
    } as never);
    const { id } = await ctx.app.conversations.startConversation({
      channel: 'chat',
      queueId,
      language: 'en',
      customerId: known.id,
    });
    await ctx.app.conversations.close({ conversationId: id, by: 'customer' });
    const sent = await call(supervisor, 'POST', `/conversations/${id}/transcript`, {});
    expect(sent.statusCode).toBe(202);
    const stored = await ctx.pool.query('SELECT recipient, locale FROM notifications WHERE id = $1', [
      sent.json().notificationId,
    ]);
    expect(stored.rows[0]).toEqual({ recipient: 'nam@example.vn', locale: 'en' });

    const anonymous = await ctx.app.conversations.startConversation({
      channel: 'chat',
      queueId,
      language: 'zh-CN',
    });
    await ctx.app.conversations.close({ conversationId: anonymous.id, by: 'customer' });
    const missing = await call(supervisor, 'POST', `/conversations/${anonymous.id}/transcript`, {}, 'zh-CN');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({
      code: 'TRANSCRIPT_ADDRESS_MISSING',
      message: '请输入接收聊天记录的电子邮箱。',
    });
  });
});
