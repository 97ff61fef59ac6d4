// Business hours, offline messages released when the queue can serve, and overflow rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.ts';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2027-03-01T01:00:00Z'); // Monday, 08:00 in Hanoi
});
afterAll(async () => ctx?.close());

async function skill(code: string): Promise<string> {
  const { rows } = await ctx.pool.query(
    `INSERT INTO skills (id, code, name) VALUES (gen_random_uuid(), $1, $1) RETURNING id`,
    [code],
  );
  return rows[0].id as string;
}

async function queue(
  code: string,
  options: {
    skills?: Array<{ skillId: string; minProficiency: number }>;
    overflow?: unknown[];
    calendarId?: string;
  },
): Promise<string> {
  const id = crypto.randomUUID();
  await ctx.pool.query(
    `INSERT INTO routing_queues (id, code, name, channels, required_skills, overflow, calendar_id)
     VALUES ($1, $2, $2, '{chat}', $3, $4, $5)`,
    [
      id,
      code,
      JSON.stringify(options.skills ?? []),
      JSON.stringify(options.overflow ?? []),
      options.calendarId ?? null,
    ],
  );
  return id;
}

async function agent(skills: Array<{ skillId: string; proficiency: number }>): Promise<string> {
  const id = crypto.randomUUID();
  await ctx.app.routing.setAgentState(id, 'available');
  await ctx.app.routing.setCapacity(id, 'chat', 2);
  await ctx.app.db.transaction((tx) => ctx.app.routing.syncAgentSkills(tx, id, skills));
  return id;
}

const conversation = async (id: string) =>
  (await ctx.pool.query('SELECT status, queue_id, queued_at FROM conversations WHERE id = $1', [id])).rows[0];
const workItem = async (refId: string) =>
  (
    await ctx.pool.query(
      `SELECT queue_id, status, required_skills, enqueued_at, overflow_step FROM routing_work_items WHERE ref_id = $1`,
      [refId],
    )
  ).rows;

describe('business hours', () => {
  it('takes a message after hours and queues it once the queue opens and an agent is there', async () => {
    const calendarId = crypto.randomUUID();
    await ctx.pool.query(
      `INSERT INTO routing_calendars (id, code, name, time_zone, weekly, holidays)
       VALUES ($1, 'office', 'Office', 'Asia/Ho_Chi_Minh', $2, '[]')`,
      [calendarId, JSON.stringify({ '1': [['09:00', '17:00']] })],
    );
    const languageSkill = await skill('lang_vi_hours');
    const queueId = await queue('hours', {
      calendarId,
      skills: [{ skillId: languageSkill, minProficiency: 1 }],
    });
    expect(await ctx.app.routing.queueAvailability(queueId)).toEqual({ open: false, availableAgents: 0 });

    const { id, status } = await ctx.app.conversations.startConversation({
      channel: 'chat',
      queueId,
      language: 'vi',
    });
    expect(status).toBe('waiting_offline');
    expect(await workItem(id)).toEqual([]);
    // Closed: nothing released even with an agent on duty.
    const agentId = await agent([{ skillId: languageSkill, proficiency: 3 }]);
    expect(await ctx.app.conversations.releaseOffline()).toBe(0);

    ctx.clock.advance(61 * 60_000); // 09:01 local
    expect(await ctx.app.routing.queueAvailability(queueId)).toEqual({ open: true, availableAgents: 1 });
    expect(await ctx.app.conversations.releaseOffline()).toBe(1);
    const released = await conversation(id);
    expect(released.status).toBe('queued');
    // The wait for the KPIs starts at release, not the night before.
    expect(new Date(released.queued_at).toISOString()).toBe(ctx.clock.now().toISOString());
    expect(await workItem(id)).toHaveLength(1);
    expect((await ctx.app.routing.routeOnce(queueId))?.agentId).toBe(agentId);
    expect(await ctx.app.conversations.releaseOffline()).toBe(0);
  });

  it('keeps a message waiting while the queue is open but nobody is available', async () => {
    const nobodySkill = await skill('lang_km');
    const queueId = await queue('no-agent', { skills: [{ skillId: nobodySkill, minProficiency: 1 }] });
    const { id } = await ctx.app.conversations.startConversation({
      channel: 'chat',
      queueId,
      language: 'en',
      offline: true,
    });
    expect(await ctx.app.conversations.releaseOffline()).toBe(0);
    expect((await conversation(id)).status).toBe('waiting_offline');
  });
});

describe('overflow', () => {
  it('widens the required skills after the configured wait', async () => {
    const cards = await skill('cards_overflow');
    const vip = await skill('vip_overflow');
    const queueId = await queue('widen', {
      skills: [
        { skillId: cards, minProficiency: 3 },
        { skillId: vip, minProficiency: 3 },
      ],
      overflow: [{ afterSeconds: 30, action: 'widen', dropSkillIds: [vip] }],
    });
    const cardsOnly = await agent([{ skillId: cards, proficiency: 4 }]);
    const { id } = await ctx.app.conversations.startConversation({
      channel: 'chat',
      queueId,
      language: 'en',
    });
    expect(await ctx.app.routing.routeOnce(queueId)).toBeNull();

    ctx.clock.advance(29_000);
    expect(await ctx.app.routing.applyOverflow()).toBe(0);
    ctx.clock.advance(2_000);
    expect(await ctx.app.routing.applyOverflow()).toBe(1);
    const [item] = await workItem(id);
    expect(item.required_skills).toEqual([{ skillId: cards, minProficiency: 3 }]);
    expect(item.overflow_step).toBe(1);
    expect(await ctx.app.routing.applyOverflow()).toBe(0);
    expect((await ctx.app.routing.routeOnce(queueId))?.agentId).toBe(cardsOnly);
    const events = await ctx.pool.query(
      `SELECT payload FROM outbox WHERE type = 'routing.overflowed' AND payload->>'refId' = $1`,
      [id],
    );
    expect(events.rows.map((r) => r.payload.reason)).toEqual(['widen']);
  });

  it('moves a contact to another queue, keeping priority and enqueue time, and never bounces it back', async () => {
    const rare = await skill('lang_th');
    const english = await skill('lang_en_overflow');
    const fallbackId = crypto.randomUUID();
    const firstId = await queue('move-from', {
      skills: [{ skillId: rare, minProficiency: 3 }],
      overflow: [{ afterSeconds: 60, action: 'move', toQueueId: fallbackId }],
    });
    await ctx.pool.query(
      `INSERT INTO routing_queues (id, code, name, channels, required_skills, overflow)
       VALUES ($1, 'move-to', 'Fallback', '{chat}', $2, $3)`,
      [
        fallbackId,
        JSON.stringify([{ skillId: english, minProficiency: 1 }]),
        JSON.stringify([{ afterSeconds: 10, action: 'move', toQueueId: firstId }]),
      ],
    );
    const { id } = await ctx.app.conversations.startConversation({
      channel: 'chat',
      queueId: firstId,
      language: 'en',
      priority: 20,
    });
    const [before] = await workItem(id);
    ctx.clock.advance(61_000);
    expect(await ctx.app.routing.applyOverflow()).toBe(1);
    await ctx.app.events.dispatchPending();
    const [after] = await workItem(id);
    expect(after.queue_id).toBe(fallbackId);
    expect(after.required_skills).toEqual([{ skillId: english, minProficiency: 1 }]);
    expect(new Date(after.enqueued_at).getTime()).toBe(new Date(before.enqueued_at).getTime());
    expect((await conversation(id)).queue_id).toBe(fallbackId);
    ctx.clock.advance(60_000);
    expect(await ctx.app.routing.applyOverflow()).toBe(0);
    const englishAgent = await agent([{ skillId: english, proficiency: 2 }]);
    expect((await ctx.app.routing.routeOnce(fallbackId))?.agentId).toBe(englishAgent);
  });
});

describe('wrap-up time', () => {
  it('gives the agent’s place back once the queue’s wrap-up time is over, keeping the wrap-up open', async () => {
    const loans = await skill('loans_wrap_up');
    const queueId = await queue('wrap-up', { skills: [{ skillId: loans, minProficiency: 1 }] });
    await ctx.pool.query('UPDATE routing_queues SET wrap_up_seconds = 60 WHERE id = $1', [queueId]);
    const agentId = await agent([{ skillId: loans, proficiency: 2 }]);
    const { id } = await ctx.app.conversations.startConversation({
      channel: 'chat',
      queueId,
      language: 'en',
    });
    const offer = await ctx.app.routing.routeOnce(queueId);
    expect(offer?.agentId).toBe(agentId);
    await ctx.app.routing.accept(agentId, offer?.itemId as string);
    await ctx.app.events.dispatchPending();
    await ctx.app.conversations.wrapUp(id, agentId);
    const load = async () =>
      (
        await ctx.pool.query(
          `SELECT load FROM routing_agent_channels WHERE user_id = $1 AND channel = 'chat'`,
          [agentId],
        )
      ).rows[0].load;
    expect(await load()).toBe(1);
    ctx.clock.advance(59_000);
    expect(await ctx.app.conversations.expireWrapUps()).toBe(0);
    ctx.clock.advance(2_000);
    expect(await ctx.app.conversations.expireWrapUps()).toBe(1);
    expect(await load()).toBe(0);
    expect((await conversation(id)).status).toBe('wrap_up');
    expect(await ctx.app.conversations.expireWrapUps()).toBe(0);
  });
});

describe('sticky agent', () => {
  it('offers a returning customer to the agent who served them last, within the queue’s window only', async () => {
    const savings = await skill('savings_sticky');
    const queueId = await queue('sticky', { skills: [{ skillId: savings, minProficiency: 1 }] });
    await ctx.pool.query('UPDATE routing_queues SET sticky_seconds = 3600 WHERE id = $1', [queueId]);
    const expert = await agent([{ skillId: savings, proficiency: 5 }]);
    const lastAgent = await agent([{ skillId: savings, proficiency: 1 }]);
    const customerId = crypto.randomUUID();
    const served = async () => {
      const { id } = await ctx.app.conversations.startConversation({
        channel: 'chat',
        queueId,
        language: 'vi',
        customerId,
      });
      await ctx.pool.query(
        `UPDATE conversations SET status = 'closed', assignee_id = $2, closed_at = $3 WHERE id = $1`,
        [id, lastAgent, ctx.clock.now()],
      );
      await ctx.pool.query(`UPDATE routing_work_items SET status = 'ended' WHERE ref_id = $1`, [id]);
    };
    await served();
    ctx.clock.advance(30 * 60_000);
    const again = await ctx.app.conversations.startConversation({
      channel: 'chat',
      queueId,
      language: 'vi',
      customerId,
    });
    const offer = await ctx.app.routing.routeOnce(queueId);
    expect(offer?.refId).toBe(again.id);
    expect(offer?.agentId).toBe(lastAgent);

    // Two hours later the window is over: the best-skilled agent gets the next one.
    await ctx.pool.query(`UPDATE conversations SET status = 'closed', closed_at = $2 WHERE id = $1`, [
      again.id,
      ctx.clock.now(),
    ]);
    await ctx.app.db.transaction((tx) => ctx.app.routing.end(tx, offer?.itemId as string, 'closed'));
    ctx.clock.advance(2 * 3600_000);
    const later = await ctx.app.conversations.startConversation({
      channel: 'chat',
      queueId,
      language: 'vi',
      customerId,
    });
    const next = await ctx.app.routing.routeOnce(queueId);
    expect(next?.refId).toBe(later.id);
    expect(next?.agentId).toBe(expert);
  });
});
