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
    const admin = await signInAs(ctx, { username: 'reasons.admin', roles: ['admin'] });
    const created = await call(admin, 'POST', '/admin/contact-reasons', {
      code: 'cards.lost',
      names: { en: 'Lost card', 'zh-CN': '挂失', vi: 'Báo mất thẻ' },
    });
    expect(created.statusCode).toBe(201);
    expect(
      (
        await call(agent, 'POST', '/admin/contact-reasons', {
          code: 'x',
          names: { en: 'x', 'zh-CN': 'x', vi: 'x' },
        })
      ).statusCode,
    ).toBe(403);
    const reasonId = created.json().id as string;
    expect(
      (await call(agent, 'GET', '/contact-reasons')).json().items.map((r: { code: string }) => r.code),
    ).toContain('cards.lost');
    expect((await call(agent, 'POST', `/conversations/${id}/wrap-up`)).statusCode).toBe(204);
    const unknown = await call(agent, 'POST', `/conversations/${id}/close`, {
      contactReasonId: crypto.randomUUID(),
    });
    expect(unknown.json().error.code).toBe('CONVERSATION_CONTACT_REASON_INVALID');
    const tooMany = await call(agent, 'POST', `/conversations/${id}/close`, {
      contactReasonId: reasonId,
      tags: Array.from({ length: 11 }, (_, i) => `t${i}`),
    });
    expect(tooMany.json().error.code).toBe('VALIDATION_FAILED');
    expect(
      (
        await call(agent, 'POST', `/conversations/${id}/close`, {
          contactReasonId: reasonId,
          tags: ['Fraud suspected', 'fraud-suspected', ' Thẻ '],
        })
      ).statusCode,
    ).toBe(204);
    const { rows } = await ctx.pool.query(
      'SELECT status, contact_reason_id, tags FROM conversations WHERE id = $1',
      [id],
    );
    expect(rows[0].status).toBe('closed');
    expect(rows[0].contact_reason_id).toBeTruthy();
    expect(rows[0].tags).toEqual(['fraud-suspected', 'thẻ']);
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
    expect(
      (await call(backOffice, 'POST', `/conversations/${id}/messages`, { clientId: 'x', body: 'hi' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await call(null, 'POST', `/conversations/${id}/messages`, { clientId: 'x', body: 'hi' })).statusCode,
    ).toBe(401);
    expect(
      (
        await call(agent, 'POST', `/conversations/${ctx.app.ids.uuid()}/messages`, {
          clientId: 'x',
          body: 'hi',
        })
      ).statusCode,
    ).toBe(404);
    // Nothing the refused ones sent was stored.
    expect(
      (await ctx.pool.query("SELECT count(*)::int AS n FROM conversation_messages WHERE client_id = 'x'"))
        .rows[0].n,
    ).toBe(0);
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

describe('transfers and the supervisor live view', () => {
  async function activeChat(session: Session) {
    await call(session, 'PUT', '/desk/state', { state: 'available' });
    const { id } = await ctx.app.conversations.startConversation({
      channel: 'chat',
      queueId,
      language: 'vi',
    });
    const offer = await ctx.app.routing.routeOnce(queueId);
    expect(offer?.agentId).toBe(session.userId);
    await call(session, 'POST', `/desk/offers/${offer?.itemId}/accept`);
    await ctx.app.events.dispatchPending();
    return id;
  }

  it('transfers to another agent with a note; the receiver owns it and sees the note', async () => {
    await call(otherAgent, 'PUT', '/desk/state', { state: 'offline' });
    await call(agent, 'PUT', '/desk/state', { state: 'available' });
    const id = await activeChat(agent);
    await ctx.app.routing.setCapacity(otherAgent.userId, 'chat', 2);
    // The receiver is offline: refused with a clear code.
    const refused = await call(agent, 'POST', `/conversations/${id}/transfer`, {
      toAgentId: otherAgent.userId,
    });
    expect(refused.json().error.code).toBe('ROUTING_AGENT_NO_CAPACITY');
    await call(otherAgent, 'PUT', '/desk/state', { state: 'available' });
    const loads = async () =>
      (
        await ctx.pool.query(
          `SELECT load FROM routing_agent_channels WHERE channel = 'chat' AND user_id IN ($1, $2) ORDER BY user_id = $1 DESC`,
          [agent.userId, otherAgent.userId],
        )
      ).rows.map((r) => r.load as number);
    const [agentBefore, otherBefore] = await loads();
    const moved = await call(agent, 'POST', `/conversations/${id}/transfer`, {
      toAgentId: otherAgent.userId,
      note: 'Customer wants a card limit raise',
    });
    expect(moved.statusCode).toBe(204);
    await ctx.app.events.dispatchPending();
    expect((await call(otherAgent, 'GET', `/conversations/${id}`)).json().messages.at(-1)).toMatchObject({
      kind: 'note',
      body: 'Customer wants a card limit raise',
    });
    expect((await call(agent, 'GET', `/conversations/${id}`)).statusCode).toBe(404);
    expect(await loads()).toEqual([(agentBefore as number) - 1, (otherBefore as number) + 1]);
    const events = await ctx.pool.query(
      "SELECT count(*)::int AS n FROM outbox WHERE type = 'conversation.transferred' AND payload->>'conversationId' = $1",
      [id],
    );
    expect(events.rows[0].n).toBe(1);
  });

  it('transfers to another queue, keeping priority and the original enqueue time', async () => {
    await call(otherAgent, 'PUT', '/desk/state', { state: 'offline' });
    const id = await activeChat(agent);
    const otherQueue = await ctx.app.routing.createQueue(null, {
      code: 'cards_team',
      name: 'Cards',
      channels: ['chat'],
    });
    const before = await ctx.pool.query('SELECT enqueued_at FROM routing_work_items WHERE ref_id = $1', [id]);
    expect(
      (await call(agent, 'POST', `/conversations/${id}/transfer`, { toQueueId: otherQueue })).statusCode,
    ).toBe(204);
    await ctx.app.events.dispatchPending();
    const after = await ctx.pool.query(
      'SELECT status, queue_id, enqueued_at FROM routing_work_items WHERE ref_id = $1',
      [id],
    );
    expect(after.rows[0]).toMatchObject({
      status: 'waiting',
      queue_id: otherQueue,
      enqueued_at: before.rows[0].enqueued_at,
    });
    const conv = await ctx.pool.query(
      'SELECT status, queue_id, assignee_id FROM conversations WHERE id = $1',
      [id],
    );
    expect(conv.rows[0]).toEqual({ status: 'queued', queue_id: otherQueue, assignee_id: null });
  });

  it('shows supervisors queues and agents, lets them reassign and set states; agents cannot', async () => {
    const queues = await call(supervisor, 'GET', '/supervisor/queues?timeZone=Asia/Ho_Chi_Minh');
    expect(queues.statusCode).toBe(200);
    const desk = queues.json().items.find((q: { code: string }) => q.code === 'desk_chat');
    expect(desk.answered).toBeGreaterThanOrEqual(3);
    expect(desk).toHaveProperty('serviceLevel20s');
    expect(
      (await call(supervisor, 'GET', '/supervisor/queues?timeZone=Nowhere/City')).json().error.code,
    ).toBe('STAFF_INVALID_TIME_ZONE');
    // A supervisor without teams sees no agents; an agent sees nothing at all.
    expect((await call(supervisor, 'GET', '/supervisor/agents')).json().items).toEqual([]);
    expect((await call(agent, 'GET', '/supervisor/queues')).statusCode).toBe(403);
    expect(
      (await call(agent, 'PUT', `/supervisor/agents/${otherAgent.userId}/state`, { state: 'offline' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await call(supervisor, 'PUT', `/supervisor/agents/${agent.userId}/state`, { state: 'offline' }))
        .statusCode,
    ).toBe(403);

    const team = await ctx.app.staff.createTeam(null, { name: 'Desk team' });
    const lead = await signInAs(ctx, { username: 'team.super', roles: ['supervisor'], teamIds: [team.id] });
    const member = await signInAs(ctx, { username: 'team.agent', roles: ['agent'], teamIds: [team.id] });
    await ctx.app.routing.setCapacity(member.userId, 'chat', 2);
    const board = await call(lead, 'GET', '/supervisor/agents');
    expect(board.json().items.map((a: { username: string }) => a.username)).toEqual(['team.agent']);
    const set = await call(lead, 'PUT', `/supervisor/agents/${member.userId}/state`, {
      state: 'away',
      reason: 'meeting',
    });
    expect(set.json()).toMatchObject({ state: 'away', reason: 'meeting' });

    const id = await activeChat(agent);
    await call(member, 'PUT', '/desk/state', { state: 'available' });
    const reassigned = await call(lead, 'POST', `/supervisor/conversations/${id}/reassign`, {
      agentId: member.userId,
    });
    expect(reassigned.statusCode).toBe(204);
    await ctx.app.events.dispatchPending();
    expect(
      (await ctx.pool.query('SELECT assignee_id FROM conversations WHERE id = $1', [id])).rows[0].assignee_id,
    ).toBe(member.userId);
    const after = await call(lead, 'GET', '/supervisor/agents');
    expect(after.json().items[0].conversations.map((c: { id: string }) => c.id)).toEqual([id]);
  });
});

describe('canned responses', () => {
  const bodies = {
    en: 'Hello {customerName}',
    'zh-CN': '您好，{customerName}',
    vi: 'Xin chào {customerName}',
  };

  it('lets an agent keep personal ones, a team lead team ones, an admin global ones — each seen by the right people', async () => {
    const team = await ctx.app.staff.createTeam(null, { name: 'Canned team' });
    const lead = await signInAs(ctx, { username: 'canned.lead', roles: ['supervisor'], teamIds: [team.id] });
    const member = await signInAs(ctx, { username: 'canned.member', roles: ['agent'], teamIds: [team.id] });
    const admin = await signInAs(ctx, { username: 'canned.admin', roles: ['admin', 'agent'] });

    const mine = await call(member, 'POST', '/desk/canned-responses', {
      scope: 'personal',
      shortcut: 'hi',
      title: 'Greeting',
      bodies,
    });
    expect(mine.statusCode).toBe(201);
    expect(
      (
        await call(member, 'POST', '/desk/canned-responses', {
          scope: 'global',
          shortcut: 'x',
          title: 'x',
          bodies,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await call(member, 'POST', '/desk/canned-responses', {
          scope: 'team',
          teamId: team.id,
          shortcut: 'x',
          title: 'x',
          bodies,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await call(lead, 'POST', '/desk/canned-responses', {
          scope: 'team',
          teamId: team.id,
          shortcut: 'wait',
          title: 'Please wait',
          bodies,
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await call(admin, 'POST', '/desk/canned-responses', {
          scope: 'global',
          shortcut: 'bye',
          title: 'Goodbye',
          bodies,
        })
      ).statusCode,
    ).toBe(201);

    const seen = (s: Session) =>
      call(s, 'GET', '/desk/canned-responses').then((r) =>
        r
          .json()
          .items.map((c: { shortcut: string }) => c.shortcut)
          .sort(),
      );
    expect(await seen(member)).toEqual(['bye', 'hi', 'wait']);
    expect(await seen(otherAgent)).toEqual(['bye']);
    // Someone else's personal response is invisible, and cannot be changed or deleted.
    expect(
      (await call(otherAgent, 'PATCH', `/desk/canned-responses/${mine.json().id}`, { title: 'Mine now' }))
        .statusCode,
    ).toBe(404);
    expect((await call(otherAgent, 'DELETE', `/desk/canned-responses/${mine.json().id}`)).statusCode).toBe(
      404,
    );
    expect(
      (await call(member, 'PATCH', `/desk/canned-responses/${mine.json().id}`, { title: 'Hello' })).json()
        .title,
    ).toBe('Hello');
    expect((await call(member, 'DELETE', `/desk/canned-responses/${mine.json().id}`)).statusCode).toBe(204);
    expect(await seen(member)).toEqual(['bye', 'wait']);
    expect(
      (
        await call(member, 'POST', '/desk/canned-responses', {
          scope: 'personal',
          shortcut: 'BAD KEY',
          title: 'x',
          bodies,
        })
      ).statusCode,
    ).toBe(400);
  });
});

describe('queue and widget-site administration', () => {
  it('lets an administrator create and change queues and sites (audited), and nobody else', async () => {
    const admin = await signInAs(ctx, { username: 'queue.admin', roles: ['admin'] });
    const skill = await ctx.app.staff.createSkill(null, { code: 'lang_zh_admin', name: '中文' });
    const created = await call(admin, 'POST', '/admin/queues', {
      code: 'chat_zh_admin',
      name: 'Chat 中文',
      channels: ['chat'],
      requiredSkills: [{ skillId: skill.id, minProficiency: 3 }],
      offerTimeoutSeconds: 20,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      code: 'chat_zh_admin',
      offerTimeoutSeconds: 20,
      requiredSkills: [{ skillId: skill.id, minProficiency: 3 }],
    });
    expect(
      (
        await call(admin, 'POST', '/admin/queues', { code: 'chat_zh_admin', name: 'x', channels: ['chat'] })
      ).json().error.code,
    ).toBe('ROUTING_QUEUE_CODE_TAKEN');
    expect(
      (await call(admin, 'POST', '/admin/queues', { code: 'bad', name: 'x', channels: ['fax'] })).statusCode,
    ).toBe(400);
    const patched = await call(admin, 'PATCH', `/admin/queues/${created.json().id}`, {
      maxSize: 50,
      autoAccept: true,
    });
    expect(patched.json()).toMatchObject({ maxSize: 50, autoAccept: true });
    expect(
      (await call(agent, 'POST', '/admin/queues', { code: 'agent_q', name: 'x', channels: ['chat'] }))
        .statusCode,
    ).toBe(403);
    expect(
      (await call(agent, 'PATCH', `/admin/queues/${created.json().id}`, { maxSize: 1 })).statusCode,
    ).toBe(403);

    await ctx.app.webchat.createSite({
      key: 'admin-site',
      name: 'Site',
      queueByLanguage: { en: queueId },
      greeting: { en: 'Hi' },
    });
    const sites = await call(admin, 'GET', '/admin/webchat-sites');
    const site = sites.json().items.find((x: { key: string }) => x.key === 'admin-site');
    expect(site).not.toHaveProperty('identitySecret');
    const updated = await call(admin, 'PATCH', `/admin/webchat-sites/${site.id}`, {
      allowedOrigins: ['https://www.bank.example'],
      greeting: { en: 'Hello', vi: 'Xin chào', 'zh-CN': '您好' },
      colors: { primary: '#0b6e4f' },
    });
    expect(updated.json()).toMatchObject({
      allowedOrigins: ['https://www.bank.example'],
      greeting: { vi: 'Xin chào' },
    });
    expect(
      (
        await call(admin, 'PATCH', `/admin/webchat-sites/${site.id}`, {
          allowedOrigins: ['javascript:alert(1)'],
        })
      ).statusCode,
    ).toBe(400);
    const rotated = await call(admin, 'POST', `/admin/webchat-sites/${site.id}/rotate-secret`);
    expect(rotated.json().identitySecret).toHaveLength(43);
    expect((await call(agent, 'POST', `/admin/webchat-sites/${site.id}/rotate-secret`)).statusCode).toBe(403);
    const { rows } = await ctx.pool.query(
      "SELECT action FROM audit_log WHERE action IN ('routing.queue_created', 'routing.queue_updated', 'webchat.site_updated', 'webchat.identity_secret_rotated')",
    );
    expect(new Set(rows.map((r) => r.action)).size).toBe(4);
  });
});

describe('right after accepting', () => {
  it('lets the agent open and answer the chat before the conversation record has caught up', async () => {
    await call(agent, 'PUT', '/desk/state', { state: 'available' });
    // Everyone else from earlier tests goes offline, so the offer is the agent's.
    await ctx.pool.query("UPDATE routing_agent_states SET state = 'offline' WHERE user_id <> $1", [
      agent.userId,
    ]);
    await ctx.app.routing.setCapacity(agent.userId, 'chat', 10);
    const { id } = await ctx.app.conversations.startConversation({
      channel: 'chat',
      queueId,
      language: 'vi',
    });
    const offer = await ctx.app.routing.routeOnce(queueId);
    expect(offer).toMatchObject({ agentId: agent.userId, refId: id });
    expect((await call(agent, 'POST', `/desk/offers/${offer?.itemId}/accept`)).statusCode).toBe(204);
    // No event dispatch yet: the conversation still says 'queued' with no assignee.
    expect(
      (await ctx.pool.query('SELECT assignee_id FROM conversations WHERE id = $1', [id])).rows[0].assignee_id,
    ).toBeNull();
    expect((await call(agent, 'GET', `/conversations/${id}`)).statusCode).toBe(200);
    expect(
      (await call(agent, 'POST', `/conversations/${id}/messages`, { clientId: 'early', body: 'Dạ em nghe' }))
        .statusCode,
    ).toBe(201);
    expect((await call(otherAgent, 'GET', `/conversations/${id}`)).statusCode).toBe(404);
  });
});
