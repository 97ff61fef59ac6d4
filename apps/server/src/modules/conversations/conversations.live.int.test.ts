import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { as, createTestContext, type Session, signInAs, type TestContext } from '../../../test/harness.ts';

let ctx: TestContext;
let queueId: string;
let port: number;
let agent: Session;
let consultant: Session;
let helper: Session;
let outsider: Session;
let teamSupervisor: Session;
let otherSupervisor: Session;
let backOffice: Session;

interface Pushed {
  type: string;
  seq?: number;
  data?: Record<string, unknown>;
  message?: { seq: number; kind: string; body: string; authorType: string };
  typing?: boolean;
  status?: string;
  agentReadSeq?: number;
}

const call = (session: Session | null, method: string, url: string, payload?: unknown) =>
  ctx.app.http.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    payload: payload as object,
    headers: { ...(session ? as(session) : {}), 'accept-language': 'en' },
  });
const widget = (method: string, url: string, token: string, payload?: unknown) =>
  ctx.app.http.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    payload: payload as object,
    headers: { authorization: `Visitor ${token}` },
  });

function listen(url: string, headers: Record<string, string> = {}) {
  const received: Pushed[] = [];
  const socket = new WebSocket(url, { headers });
  socket.on('message', (raw) => received.push(JSON.parse(String(raw))));
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  const until = async (check: (m: Pushed) => boolean) => {
    const deadline = Date.now() + 10_000;
    while (!received.some(check)) {
      if (Date.now() > deadline) throw new Error(`timed out: ${JSON.stringify(received)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return received.find(check) as Pushed;
  };
  return { socket, received, closed, until, send: (m: unknown) => socket.send(JSON.stringify(m)) };
}
const staffSocket = async (session: Session) => {
  const s = listen(`ws://127.0.0.1:${port}/api/v1/realtime`, { cookie: session.cookie });
  await s.until((m) => m.type === 'ready');
  return s;
};
const widgetSocket = async (token: string, conversationId: string) => {
  const s = listen(
    `ws://127.0.0.1:${port}/api/v1/widget/realtime?token=${encodeURIComponent(token)}&conversationId=${conversationId}`,
  );
  await s.until((m) => m.type === 'ready');
  return s;
};
const settle = () => new Promise((r) => setTimeout(r, 300));

/** A visitor's chat, taken by `agent` (the only one with chat capacity). */
async function activeChat(name: string) {
  const session = (
    await ctx.app.http.inject({
      method: 'POST',
      url: '/api/v1/widget/sessions',
      payload: { siteKey: 'live-bank', language: 'en' },
    })
  ).json() as { visitorToken: string };
  const { id } = (
    await widget('POST', '/widget/conversations', session.visitorToken, { name, language: 'en' })
  ).json() as { id: string };
  const offer = await ctx.app.routing.routeOnce(queueId);
  expect(offer?.agentId).toBe(agent.userId);
  expect((await call(agent, 'POST', `/desk/offers/${offer?.itemId}/accept`)).statusCode).toBe(204);
  await ctx.app.events.dispatchPending();
  return { id, token: session.visitorToken };
}

beforeAll(async () => {
  ctx = await createTestContext();
  queueId = await ctx.app.routing.createQueue(null, { code: 'live_chat', name: 'Chat', channels: ['chat'] });
  await ctx.app.webchat.createSite({
    key: 'live-bank',
    name: 'Live Bank',
    queueByLanguage: { en: queueId },
    greeting: {},
  });
  const [teamA, teamB] = [crypto.randomUUID(), crypto.randomUUID()];
  await ctx.pool.query(`INSERT INTO teams (id, name) VALUES ($1, 'Cards A'), ($2, 'Loans B')`, [
    teamA,
    teamB,
  ]);
  agent = await signInAs(ctx, { username: 'live.agent', roles: ['agent'], teamIds: [teamA] });
  consultant = await signInAs(ctx, { username: 'live.consultant', roles: ['agent'], teamIds: [teamA] });
  helper = await signInAs(ctx, { username: 'live.helper', roles: ['agent'], teamIds: [teamB] });
  outsider = await signInAs(ctx, { username: 'live.outsider', roles: ['agent'], teamIds: [teamB] });
  teamSupervisor = await signInAs(ctx, { username: 'live.super.a', roles: ['supervisor'], teamIds: [teamA] });
  otherSupervisor = await signInAs(ctx, {
    username: 'live.super.b',
    roles: ['supervisor'],
    teamIds: [teamB],
  });
  backOffice = await signInAs(ctx, { username: 'live.bo', roles: ['back_office'] });
  await ctx.app.routing.setCapacity(agent.userId, 'chat', 5);
  await call(agent, 'PUT', '/desk/state', { state: 'available' });
  await ctx.app.events.start({ pollMs: 50 });
  await ctx.app.http.listen({ host: '127.0.0.1', port: 0 });
  port = (ctx.app.http.server.address() as { port: number }).port;
});
afterAll(async () => ctx?.close());

describe('typing indicators', () => {
  it('go from the widget to the assignee and back, to nobody else, and are never stored', async () => {
    const { id, token } = await activeChat('Typist');
    const [agentDesk, outsiderDesk, supervisorDesk] = await Promise.all([
      staffSocket(agent),
      staffSocket(outsider),
      staffSocket(teamSupervisor),
    ]);
    const customer = await widgetSocket(token, id);
    const outboxBefore = (await ctx.pool.query('SELECT count(*)::int AS n FROM outbox')).rows[0].n;

    customer.send({ type: 'typing', typing: true });
    const shown = await agentDesk.until((m) => m.type === 'conversation.typing');
    expect(shown.data).toMatchObject({ conversationId: id, side: 'customer', typing: true });
    expect(shown.seq).toBeUndefined();
    customer.send({ type: 'typing', typing: false });
    await agentDesk.until((m) => m.type === 'conversation.typing' && m.data?.typing === false);

    expect((await call(agent, 'POST', `/conversations/${id}/typing`, { typing: true })).statusCode).toBe(204);
    expect((await customer.until((m) => m.type === 'typing')).typing).toBe(true);

    // Only the assignee signals; strangers cannot even tell the conversation exists.
    for (const session of [outsider, teamSupervisor, consultant]) {
      const refused = await call(session, 'POST', `/conversations/${id}/typing`, { typing: true });
      expect(refused.statusCode).toBe(404);
    }
    expect((await call(backOffice, 'POST', `/conversations/${id}/typing`, { typing: true })).statusCode).toBe(
      403,
    );
    expect((await call(null, 'POST', `/conversations/${id}/typing`, { typing: true })).statusCode).toBe(401);
    expect((await call(agent, 'POST', `/conversations/${id}/typing`, { typing: 'yes' })).statusCode).toBe(
      400,
    );

    await settle();
    for (const desk of [outsiderDesk, supervisorDesk])
      expect(desk.received.filter((m) => m.type === 'conversation.typing')).toEqual([]);
    const outboxAfter = (await ctx.pool.query('SELECT count(*)::int AS n FROM outbox')).rows[0].n;
    expect(outboxAfter).toBe(outboxBefore);
    const stored = await ctx.pool.query(
      'SELECT count(*)::int AS n FROM conversation_messages WHERE conversation_id = $1',
      [id],
    );
    expect(stored.rows[0].n).toBe(0);

    // A desk that keeps sending is cut off (the widget is throttled the same way, silently).
    const codes: number[] = [];
    for (let i = 0; i < 25; i++)
      codes.push((await call(agent, 'POST', `/conversations/${id}/typing`, { typing: true })).statusCode);
    expect(codes).toContain(429);
    for (const s of [agentDesk, outsiderDesk, supervisorDesk, customer]) s.socket.close();
  });
});

describe('read receipts', () => {
  it('move only forward, reach the other side, and only the assignee or the visitor sets them', async () => {
    const { id, token } = await activeChat('Reader');
    for (const [clientId, body] of [
      ['c1', 'first'],
      ['c2', 'second'],
    ])
      await widget('POST', `/widget/conversations/${id}/messages`, token, { clientId, body });
    await call(agent, 'POST', `/conversations/${id}/messages`, { clientId: 'a1', body: 'hello' });
    const list = async () =>
      (await call(agent, 'GET', '/desk/conversations')).json().items.find((c: { id: string }) => c.id === id);
    expect(await list()).toMatchObject({ unreadCount: 2, agentReadSeq: 0, customerReadSeq: 0 });

    const agentDesk = await staffSocket(agent);
    const customer = await widgetSocket(token, id);
    expect((await call(agent, 'POST', `/conversations/${id}/read`, { seq: 2 })).json()).toEqual({ seq: 2 });
    expect((await customer.until((m) => m.type === 'read')).seq).toBe(2);
    expect((await call(agent, 'POST', `/conversations/${id}/read`, { seq: 1 })).json()).toEqual({ seq: 2 });
    expect((await call(agent, 'POST', `/conversations/${id}/read`, { seq: 999 })).json()).toEqual({ seq: 3 });
    expect(await list()).toMatchObject({ unreadCount: 0, agentReadSeq: 3 });
    expect((await widget('GET', `/widget/conversations/${id}`, token)).json().agentReadSeq).toBe(3);

    customer.send({ type: 'read', seq: 3 });
    const seen = await agentDesk.until((m) => m.type === 'conversation.read' && m.data?.side === 'customer');
    expect(seen.data).toMatchObject({ conversationId: id, seq: 3 });
    customer.send({ type: 'read', seq: 1 });
    customer.send({ type: 'read', seq: 'x' });
    await settle();
    const { rows } = await ctx.pool.query(
      'SELECT customer_read_seq, agent_read_seq FROM conversations WHERE id = $1',
      [id],
    );
    expect(rows[0]).toEqual({ customer_read_seq: 3, agent_read_seq: 3 });
    // Our own reading is not echoed to the customer twice, and a reconnect learns the state at once.
    expect(customer.received.filter((m) => m.type === 'read').map((m) => m.seq)).toEqual([2, 3]);
    const again = await widgetSocket(token, id);
    expect(again.received.find((m) => m.type === 'ready')?.agentReadSeq).toBe(3);

    for (const session of [outsider, teamSupervisor])
      expect((await call(session, 'POST', `/conversations/${id}/read`, { seq: 3 })).statusCode).toBe(404);
    expect((await call(agent, 'POST', `/conversations/${id}/read`, { seq: -1 })).statusCode).toBe(400);
    // Another visitor cannot open this conversation's socket, so cannot mark it read either.
    const stranger = (
      await ctx.app.http.inject({
        method: 'POST',
        url: '/api/v1/widget/sessions',
        payload: { siteKey: 'live-bank' },
      })
    ).json() as { visitorToken: string };
    const refused = listen(
      `ws://127.0.0.1:${port}/api/v1/widget/realtime?token=${encodeURIComponent(stranger.visitorToken)}&conversationId=${id}`,
    );
    expect(await refused.closed).toBe(4401);
    for (const s of [agentDesk, customer, again]) s.socket.close();
  });
});

describe('consults', () => {
  it('invites an agent who reads, writes notes and leaves; the customer never sees any of it', async () => {
    const { id, token } = await activeChat('Consulted');
    const customer = await widgetSocket(token, id);
    const consultantDesk = await staffSocket(consultant);
    await widget('POST', `/widget/conversations/${id}/messages`, token, { clientId: 'q', body: 'limit?' });

    expect((await call(consultant, 'GET', `/conversations/${id}`)).statusCode).toBe(404);
    const candidates = await call(agent, 'GET', `/conversations/${id}/consults/candidates`);
    const ids = candidates.json().items.map((c: { userId: string }) => c.userId);
    expect(ids).toEqual(expect.arrayContaining([consultant.userId, helper.userId, teamSupervisor.userId]));
    expect(ids).not.toContain(agent.userId);
    expect(ids).not.toContain(backOffice.userId);

    const invited = await call(agent, 'POST', `/conversations/${id}/consults`, {
      userId: consultant.userId,
      note: 'Can we raise the limit for card 4111 1111 1111 1111?',
    });
    expect(invited.statusCode).toBe(201);
    expect(invited.json()).toMatchObject({ userId: consultant.userId, leftAt: null });
    expect(invited.json().note).toContain('4111 11** **** 1111');
    const notified = await consultantDesk.until((m) => m.type === 'conversation.consult_joined');
    expect(notified.data).toMatchObject({
      conversationId: id,
      userId: consultant.userId,
      assigneeId: agent.userId,
    });
    const requests = (await call(consultant, 'GET', '/desk/consults')).json().items;
    expect(requests).toEqual([
      expect.objectContaining({ conversationId: id, assigneeId: agent.userId, assigneeName: 'live.agent' }),
    ]);

    const detail = await call(consultant, 'GET', `/conversations/${id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().consultants).toEqual([expect.objectContaining({ userId: consultant.userId })]);
    expect(detail.json().assigneeName).toBe('live.agent');
    expect(detail.json().messages.at(-1)).toMatchObject({
      kind: 'note',
      authorType: 'system',
      authorId: consultant.userId,
      body: 'consult.joined',
    });
    const note = await call(consultant, 'POST', `/conversations/${id}/messages`, {
      clientId: 'n1',
      kind: 'note',
      body: '@live.agent yes, up to 50m',
      mentions: [agent.userId],
    });
    expect(note.statusCode).toBe(201);
    // The consultant advises; only the assignee talks to the customer and closes.
    expect(
      (await call(consultant, 'POST', `/conversations/${id}/messages`, { clientId: 't1', body: 'hi' }))
        .statusCode,
    ).toBe(404);
    expect((await call(consultant, 'POST', `/conversations/${id}/wrap-up`)).statusCode).toBe(404);
    expect((await call(consultant, 'POST', `/conversations/${id}/read`, { seq: 9 })).statusCode).toBe(404);
    await consultantDesk.until((m) => m.type === 'conversation.message_created' && m.data?.kind === 'note');

    // Authorization of the invite itself.
    const invite = (session: Session, userId: string) =>
      call(session, 'POST', `/conversations/${id}/consults`, { userId });
    expect((await invite(agent, consultant.userId)).json().error.code).toBe('CONVERSATION_CONSULT_EXISTS');
    expect((await invite(agent, agent.userId)).json().error.code).toBe('CONVERSATION_CONSULT_SELF');
    expect((await invite(agent, backOffice.userId)).json().error.code).toBe(
      'CONVERSATION_CONSULTANT_NOT_FOUND',
    );
    expect((await invite(outsider, helper.userId)).statusCode).toBe(404);
    expect((await invite(consultant, helper.userId)).statusCode).toBe(404);
    expect((await invite(otherSupervisor, helper.userId)).statusCode).toBe(404);
    expect((await invite(backOffice, helper.userId)).statusCode).toBe(403);
    expect((await call(outsider, 'GET', `/conversations/${id}/consults/candidates`)).statusCode).toBe(404);
    expect((await call(outsider, 'GET', `/conversations/${id}`)).statusCode).toBe(404);
    expect((await invite(teamSupervisor, helper.userId)).statusCode).toBe(201);
    const audited = await ctx.pool.query(
      `SELECT actor_id, details FROM audit_log WHERE action = 'conversation.consult_invited' AND target_id = $1 ORDER BY seq`,
      [id],
    );
    expect(audited.rows.map((r) => [r.actor_id, r.details.consultantId])).toEqual([
      [agent.userId, consultant.userId],
      [teamSupervisor.userId, helper.userId],
    ]);

    expect((await call(consultant, 'POST', `/conversations/${id}/consults/leave`)).statusCode).toBe(204);
    expect((await call(consultant, 'POST', `/conversations/${id}/consults/leave`)).statusCode).toBe(404);
    expect((await call(consultant, 'GET', `/conversations/${id}`)).statusCode).toBe(404);
    expect((await call(consultant, 'GET', '/desk/consults')).json().items).toEqual([]);
    const thread = (await call(agent, 'GET', `/conversations/${id}`)).json();
    expect(
      thread.messages
        .filter((m: { authorType: string }) => m.authorType === 'system')
        .map((m: { body: string }) => m.body),
    ).toEqual(['consult.joined', 'consult.joined', 'consult.left']);
    expect(
      thread.consultants.find((c: { userId: string }) => c.userId === consultant.userId).leftAt,
    ).not.toBeNull();

    // The customer: neither notes nor consult events, live or fetched.
    await call(agent, 'POST', `/conversations/${id}/messages`, { clientId: 'a1', body: 'Approved' });
    await customer.until((m) => m.message?.body === 'Approved');
    const fetched = (await widget('GET', `/widget/conversations/${id}`, token)).json();
    expect(fetched.messages.map((m: { body: string }) => m.body)).toEqual(['limit?', 'Approved']);
    expect(customer.received.filter((m) => m.type === 'message').map((m) => m.message?.body)).toEqual([
      'limit?',
      'Approved',
    ]);
    expect(JSON.stringify(customer.received)).not.toContain('consult');

    // Closing ends every consult at once.
    expect((await call(helper, 'GET', `/conversations/${id}`)).statusCode).toBe(200);
    await widget('POST', `/widget/conversations/${id}/leave`, token);
    expect((await call(helper, 'GET', `/conversations/${id}`)).statusCode).toBe(404);
    // The close handler runs in the background dispatcher (started above): wait for it.
    const stillOpen = async () =>
      (
        await ctx.pool.query(
          'SELECT count(*)::int AS n FROM conversation_participants WHERE conversation_id = $1 AND left_at IS NULL',
          [id],
        )
      ).rows[0].n as number;
    for (let i = 0; i < 100 && (await stillOpen()) > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await stillOpen()).toBe(0);
    expect((await call(helper, 'GET', '/desk/consults')).json().items).toEqual([]);
    expect((await invite(agent, consultant.userId)).json().error.code).toBe(
      'CONVERSATION_INVALID_TRANSITION',
    );
    customer.socket.close();
    consultantDesk.socket.close();
  });
});
