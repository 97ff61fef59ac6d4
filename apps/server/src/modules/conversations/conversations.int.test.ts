import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.ts';

let ctx: TestContext;
let queueId: string;
let agentId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  queueId = crypto.randomUUID();
  await ctx.pool.query(
    `INSERT INTO routing_queues (id, code, name, channels) VALUES ($1, 'chat_vi', 'Chat VI', '{chat}')`,
    [queueId],
  );
  agentId = crypto.randomUUID();
  await ctx.app.routing.setAgentState(agentId, 'available');
  await ctx.app.routing.setCapacity(agentId, 'chat', 3);
});
afterAll(async () => ctx?.close());

const status = async (id: string) =>
  (await ctx.pool.query('SELECT status, assignee_id FROM conversations WHERE id = $1', [id])).rows[0];

describe('a chat from queue to close', () => {
  it('queues, is offered, accepted, exchanges messages, wraps up and closes with a contact reason', async () => {
    const { id } = await ctx.app.conversations.startConversation({
      channel: 'chat',
      queueId,
      language: 'vi',
      topic: 'cards',
    });
    expect(await status(id)).toEqual({ status: 'queued', assignee_id: null });

    const offer = await ctx.app.routing.routeOnce(queueId);
    expect(offer?.refId).toBe(id);
    await ctx.app.events.dispatchPending();
    expect((await status(id)).status).toBe('offered');
    await ctx.app.routing.accept(agentId, offer?.itemId as string);
    await ctx.app.events.dispatchPending();
    expect(await status(id)).toEqual({ status: 'active', assignee_id: agentId });
    // The analytics trail of the issue: each step once, in order, with the wait when answered.
    const trail = await ctx.pool.query(
      `SELECT type, payload FROM outbox WHERE type LIKE 'conversation.%' AND payload->>'conversationId' = $1
        ORDER BY position`,
      [id],
    );
    expect(trail.rows.map((r) => r.type)).toEqual([
      'conversation.created',
      'conversation.queued',
      'conversation.offered',
      'conversation.accepted',
      'conversation.assigned',
    ]);
    expect(trail.rows[3].payload).toMatchObject({ agentId, queueId, channel: 'chat' });
    expect(typeof trail.rows[3].payload.waitSeconds).toBe('number');

    const first = await ctx.app.conversations.postMessage({
      conversationId: id,
      authorType: 'customer',
      authorId: null,
      clientId: 'c-1',
      kind: 'text',
      body: 'Thẻ của tôi 4111 1111 1111 1111 bị khóa',
    });
    expect(first.duplicate).toBe(false);
    expect(first.message.body).toBe('Thẻ của tôi 4111 11** **** 1111 bị khóa');
    const retry = await ctx.app.conversations.postMessage({
      conversationId: id,
      authorType: 'customer',
      authorId: null,
      clientId: 'c-1',
      kind: 'text',
      body: 'Thẻ của tôi 4111 1111 1111 1111 bị khóa',
    });
    expect(retry).toEqual({ message: first.message, duplicate: true });
    await ctx.app.conversations.postMessage({
      conversationId: id,
      authorType: 'agent',
      authorId: agentId,
      clientId: 'a-1',
      kind: 'text',
      body: 'Dạ, em kiểm tra ngay ạ.',
    });
    await ctx.app.conversations.postMessage({
      conversationId: id,
      authorType: 'agent',
      authorId: agentId,
      clientId: 'a-2',
      kind: 'note',
      body: 'VIP, check card block reason',
    });

    const forCustomer = await ctx.app.conversations.listMessages(id, { includeNotes: false });
    expect(forCustomer.map((m) => m.seq)).toEqual([1, 2]);
    expect((await ctx.app.conversations.listMessages(id, { includeNotes: true })).map((m) => m.kind)).toEqual(
      ['text', 'text', 'note'],
    );
    const stored = await ctx.pool.query('SELECT body FROM conversation_messages WHERE conversation_id = $1', [
      id,
    ]);
    expect(stored.rows.map((r) => r.body).join(' ')).not.toContain('4111 1111 1111 1111');
    const events = await ctx.pool.query(
      "SELECT count(*)::int AS n FROM outbox WHERE type = 'conversation.message_created'",
    );
    expect(events.rows[0].n).toBe(3);

    await expect(
      ctx.app.conversations.close({ conversationId: id, by: 'agent', agentId }),
    ).rejects.toMatchObject({ code: 'CONVERSATION_INVALID_TRANSITION' });
    await ctx.app.conversations.wrapUp(id, agentId);
    await expect(
      ctx.app.conversations.close({ conversationId: id, by: 'agent', agentId }),
    ).rejects.toMatchObject({
      code: 'CONVERSATION_CONTACT_REASON_REQUIRED',
    });
    await ctx.app.conversations.close({
      conversationId: id,
      by: 'agent',
      agentId,
      contactReasonId: (
        await ctx.app.reasons.createReason(null, {
          code: 'cards',
          names: { en: 'Cards', 'zh-CN': '银行卡', vi: 'Thẻ' },
        })
      ).id,
    });
    expect((await status(id)).status).toBe('closed');
    const load = await ctx.pool.query('SELECT load FROM routing_agent_channels WHERE user_id = $1', [
      agentId,
    ]);
    expect(load.rows[0].load).toBe(0);
    await expect(
      ctx.app.conversations.postMessage({
        conversationId: id,
        authorType: 'customer',
        authorId: null,
        clientId: 'c-9',
        kind: 'text',
        body: 'hello?',
      }),
    ).rejects.toMatchObject({ code: 'CONVERSATION_CLOSED' });
  });

  it('counts a customer who leaves before an answer as abandoned, and frees the queue', async () => {
    const { id } = await ctx.app.conversations.startConversation({
      channel: 'chat',
      queueId,
      language: 'en',
    });
    await ctx.app.conversations.close({ conversationId: id, by: 'customer' });
    const { rows } = await ctx.pool.query(
      "SELECT type FROM outbox WHERE payload->>'conversationId' = $1 ORDER BY position",
      [id],
    );
    expect(rows.map((r) => r.type)).toEqual([
      'conversation.created',
      'conversation.queued',
      'conversation.abandoned',
    ]);
    const item = await ctx.pool.query('SELECT status FROM routing_work_items WHERE ref_id = $1', [id]);
    expect(item.rows[0].status).toBe('ended');
  });

  it('refuses a message over 10,000 characters and an empty one, storing nothing', async () => {
    const { id } = await ctx.app.conversations.startConversation({
      channel: 'chat',
      queueId,
      language: 'en',
    });
    await expect(
      ctx.app.conversations.postMessage({
        conversationId: id,
        authorType: 'customer',
        authorId: null,
        clientId: 'x',
        kind: 'text',
        body: 'a'.repeat(10_001),
      }),
    ).rejects.toMatchObject({ code: 'CONVERSATION_MESSAGE_TOO_LONG', status: 400 });
    await expect(
      ctx.app.conversations.postMessage({
        conversationId: id,
        authorType: 'customer',
        authorId: null,
        clientId: 'y',
        kind: 'text',
        body: '   ',
      }),
    ).rejects.toMatchObject({ code: 'CONVERSATION_MESSAGE_EMPTY' });
    const { rows } = await ctx.pool.query(
      'SELECT count(*)::int AS n FROM conversation_messages WHERE conversation_id = $1',
      [id],
    );
    expect(rows[0].n).toBe(0);
  });

  it('keeps a conversation as an offline message when the queue is full', async () => {
    await ctx.pool.query('UPDATE routing_queues SET max_size = 0 WHERE id = $1', [queueId]);
    const { status: s } = await ctx.app.conversations.startConversation({
      channel: 'chat',
      queueId,
      language: 'zh-CN',
    });
    expect(s).toBe('waiting_offline');
    await ctx.pool.query('UPDATE routing_queues SET max_size = 1000 WHERE id = $1', [queueId]);
  });

  it('stores each message once under concurrent retries of the same client id', async () => {
    const { id } = await ctx.app.conversations.startConversation({
      channel: 'chat',
      queueId,
      language: 'en',
    });
    const send = () =>
      ctx.app.conversations.postMessage({
        conversationId: id,
        authorType: 'customer',
        authorId: null,
        clientId: 'same',
        kind: 'text',
        body: 'hi',
      });
    const results = await Promise.all(Array.from({ length: 8 }, send));
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
    const { rows } = await ctx.pool.query(
      'SELECT count(*)::int AS n FROM conversation_messages WHERE conversation_id = $1',
      [id],
    );
    expect(rows[0].n).toBe(1);
  });
});

describe('the router loop', () => {
  it('offers a new chat to an available agent within a second, without anyone calling the router', async () => {
    await ctx.app.events.start({ pollMs: 100 });
    ctx.app.router.start();
    try {
      const { id } = await ctx.app.conversations.startConversation({
        channel: 'chat',
        queueId,
        language: 'vi',
      });
      const started = Date.now();
      let current = await status(id);
      while (current.status !== 'offered' && Date.now() - started < 5000) {
        await new Promise((r) => setTimeout(r, 20));
        current = await status(id);
      }
      expect(current.status).toBe('offered');
      expect(Date.now() - started).toBeLessThan(1500);
    } finally {
      await ctx.app.router.stop();
    }
  });
});

describe('live delivery right after an accept', () => {
  it('addresses a customer message to the accepting agent before the conversation has followed routing', async () => {
    const earlyQueue = crypto.randomUUID();
    await ctx.pool.query(
      `INSERT INTO routing_queues (id, code, name, channels, required_skills) VALUES ($1, 'early', 'Early', '{chat}', $2)`,
      [earlyQueue, JSON.stringify([{ skillId: earlyQueue, minProficiency: 1 }])],
    );
    const early = crypto.randomUUID();
    await ctx.app.routing.setAgentState(early, 'available');
    await ctx.app.routing.setCapacity(early, 'chat', 1);
    await ctx.app.db.transaction((tx) =>
      ctx.app.routing.syncAgentSkills(tx, early, [{ skillId: earlyQueue, proficiency: 1 }]),
    );
    const { id } = await ctx.app.conversations.startConversation({
      channel: 'chat',
      queueId: earlyQueue,
      language: 'vi',
    });
    const offer = await ctx.app.routing.routeOnce(earlyQueue);
    expect(offer?.agentId).toBe(early);
    await ctx.app.routing.accept(early, offer?.itemId as string);
    // No dispatchPending: conversations.assignee_id is still empty, as under load.
    const posted = await ctx.app.conversations.postMessage({
      conversationId: id,
      authorType: 'customer',
      authorId: null,
      clientId: 'early-1',
      kind: 'text',
      body: 'Chào bạn',
    });
    const { rows } = await ctx.pool.query(
      `SELECT audience, dispatched_at, payload FROM outbox WHERE type = 'conversation.message_created' AND payload->>'messageId' = $1`,
      [posted.message.id],
    );
    expect(rows[0].audience.users).toEqual([early]);
    // No durable handler wants a chat line: its event is stored dispatched (never updated again).
    expect(rows[0].dispatched_at).not.toBeNull();
    // The event carries the message as stored, so live clients need not read it back.
    expect(rows[0].payload.message).toEqual(posted.message);
  });
});
