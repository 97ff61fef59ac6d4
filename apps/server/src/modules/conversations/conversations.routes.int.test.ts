import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestContext, type Session, signInAs, type TestContext } from '../../../test/harness.ts';

let ctx: TestContext;
let agent: Session;
let otherAgent: Session;
let supervisor: Session;
let backOffice: Session;
let queueId: string;

const call = (session: Session | null, method: string, url: string, payload?: unknown, lang = 'en') =>
  ctx.app.http.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    payload: payload as object,
    headers: { ...(session ? as(session) : {}), 'accept-language': lang },
  });

beforeAll(async () => {
  ctx = await createTestContext();
  queueId = crypto.randomUUID();
  await ctx.pool.query(
    `INSERT INTO routing_queues (id, code, name, channels) VALUES ($1, 'desk_chat', 'Chat', '{chat}')`,
    [queueId],
  );
  agent = await signInAs(ctx, { username: 'desk.agent', roles: ['agent'] });
  otherAgent = await signInAs(ctx, { username: 'other.agent', roles: ['agent'] });
  supervisor = await signInAs(ctx, { username: 'desk.super', roles: ['supervisor'] });
  backOffice = await signInAs(ctx, { username: 'desk.bo', roles: ['back_office'] });
  await ctx.app.routing.setCapacity(agent.userId, 'chat', 2);
});
afterAll(async () => ctx?.close());

describe('the agent desk API', () => {
  it('takes an offer, chats, wraps up and closes; retries are idempotent', async () => {
    const state = await call(agent, 'PUT', '/desk/state', { state: 'available' });
    expect(state.json()).toMatchObject({
      state: 'available',
      channels: [{ channel: 'chat', capacity: 2, load: 0 }],
    });
    const { id } = await ctx.app.conversations.startConversation({
      channel: 'chat',
      queueId,
      language: 'vi',
    });
    await ctx.app.routing.routeOnce(queueId);
    const offers = await call(agent, 'GET', '/desk/offers');
    expect(offers.json().items).toHaveLength(1);
    const offer = offers.json().items[0];
    expect(offer.refId).toBe(id);
    expect((await call(otherAgent, 'POST', `/desk/offers/${offer.itemId}/accept`)).json().error.code).toBe(
      'ROUTING_OFFER_GONE',
    );
    expect((await call(agent, 'POST', `/desk/offers/${offer.itemId}/accept`)).statusCode).toBe(204);
    await ctx.app.events.dispatchPending();

    const mine = await call(agent, 'GET', '/desk/conversations');
    expect(mine.json().items.map((c: { id: string }) => c.id)).toEqual([id]);
    const sent = await call(agent, 'POST', `/conversations/${id}/messages`, {
      clientId: 'm1',
      body: 'Xin chào anh/chị',
    });
    expect(sent.statusCode).toBe(201);
    const again = await call(agent, 'POST', `/conversations/${id}/messages`, {
      clientId: 'm1',
      body: 'Xin chào anh/chị',
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ duplicate: true, message: { id: sent.json().message.id } });
    const tooLong = await call(
      agent,
      'POST',
      `/conversations/${id}/messages`,
      { clientId: 'm2', body: 'x'.repeat(10_001) },
      'zh-CN',
    );
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.message).toBe('每条消息最多 10000 个字符。');
    const note = await call(agent, 'POST', `/conversations/${id}/messages`, {
      clientId: 'n1',
      body: 'internal',
      kind: 'note',
    });
    expect(note.json().message.kind).toBe('note');

    const detail = await call(supervisor, 'GET', `/conversations/${id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().messages.map((m: { kind: string }) => m.kind)).toEqual(['text', 'note']);

    expect((await call(agent, 'POST', `/conversations/${id}/close`, {})).statusCode).toBe(400);
    expect((await call(agent, 'POST', `/conversations/${id}/wrap-up`)).statusCode).toBe(204);
    expect(
      (await call(agent, 'POST', `/conversations/${id}/close`, { contactReasonId: crypto.randomUUID() }))
        .statusCode,
    ).toBe(204);
    const { rows } = await ctx.pool.query(
      'SELECT status, contact_reason_id FROM conversations WHERE id = $1',
      [id],
    );
    expect(rows[0].status).toBe('closed');
    expect(rows[0].contact_reason_id).toBeTruthy();
  });

  it('keeps other agents, the back office and signed-out callers out; supervisors read but do not write', async () => {
    const { id } = await ctx.app.conversations.startConversation({
      channel: 'chat',
      queueId,
      language: 'en',
    });
    await ctx.app.routing.routeOnce(queueId);
    const [offer] = (await call(agent, 'GET', '/desk/offers')).json().items;
    await call(agent, 'POST', `/desk/offers/${offer.itemId}/accept`);
    await ctx.app.events.dispatchPending();

    expect((await call(otherAgent, 'GET', `/conversations/${id}`)).statusCode).toBe(404);
    expect(
      (await call(otherAgent, 'POST', `/conversations/${id}/messages`, { clientId: 'x', body: 'hi' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await call(supervisor, 'POST', `/conversations/${id}/messages`, { clientId: 'x', body: 'hi' }))
        .statusCode,
    ).toBe(404);
    expect((await call(backOffice, 'GET', '/desk/offers')).statusCode).toBe(403);
    expect((await call(backOffice, 'GET', `/conversations/${id}`)).statusCode).toBe(403);
    expect((await call(null, 'GET', '/desk/conversations')).statusCode).toBe(401);
    const away = await call(agent, 'PUT', '/desk/state', { state: 'away' });
    expect(away.json().error.code).toBe('ROUTING_AWAY_REASON_REQUIRED');
    expect(
      (await call(agent, 'PUT', '/desk/state', { state: 'away', reason: 'lunch' })).json(),
    ).toMatchObject({ state: 'away', reason: 'lunch' });
    expect((await call(agent, 'PUT', '/desk/state', { state: 'asleep' })).statusCode).toBe(400);
  });
});
