import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestContext, signInAs, type TestContext } from '../../../test/harness.ts';

const run = promisify(execFile);
let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

async function setup(options: {
  agents: number;
  capacity: number;
  items: number;
  autoAccept?: boolean;
  code: string;
}) {
  const { rows: skillRows } = await ctx.pool.query(
    `INSERT INTO skills (id, code, name) VALUES (gen_random_uuid(), $1, 'Vietnamese') RETURNING id`,
    [`lang_vi_${options.code}`],
  );
  const skillId = skillRows[0].id as string;
  const queueId = crypto.randomUUID();
  await ctx.pool.query(
    `INSERT INTO routing_queues (id, code, name, channels, required_skills, auto_accept, offer_timeout_seconds)
     VALUES ($1, $2, 'Chat VI', '{chat}', $3, $4, 30)`,
    [queueId, options.code, JSON.stringify([{ skillId, minProficiency: 3 }]), options.autoAccept ?? false],
  );
  const agents: string[] = [];
  for (let i = 0; i < options.agents; i++) {
    const id = crypto.randomUUID();
    agents.push(id);
    await ctx.app.routing.setAgentState(id, 'available');
    await ctx.app.routing.setCapacity(id, 'chat', options.capacity);
    await ctx.app.db.transaction((tx) =>
      ctx.app.routing.syncAgentSkills(tx, id, [{ skillId, proficiency: 3 + (i % 3) }]),
    );
  }
  // A skilled-below-minimum agent who must never get anything.
  const unskilled = crypto.randomUUID();
  await ctx.app.routing.setAgentState(unskilled, 'available');
  await ctx.app.routing.setCapacity(unskilled, 'chat', 5);
  await ctx.app.db.transaction((tx) =>
    ctx.app.routing.syncAgentSkills(tx, unskilled, [{ skillId, proficiency: 2 }]),
  );
  const items: string[] = [];
  for (let i = 0; i < options.items; i++) {
    const result = await ctx.app.db.transaction((tx) =>
      ctx.app.routing.enqueue(tx, {
        kind: 'conversation',
        refId: crypto.randomUUID(),
        queueId,
        channel: 'chat',
        priority: (i % 4) * 10,
      }),
    );
    if (typeof result === 'object') items.push(result.itemId);
  }
  return { queueId, agents, unskilled, items };
}

describe('routing atomicity', () => {
  it('never offers a contact twice nor puts an agent over capacity, with 4 routers here and 1 in another process', async () => {
    const { queueId, unskilled } = await setup({ agents: 40, capacity: 2, items: 300, code: 'race' });
    const errors: unknown[] = [];
    const router = async () => {
      let offers = 0;
      let misses = 0;
      for (let i = 0; i < 1000 && misses < 3; i++) {
        const offer = await ctx.app.routing.routeOnce(queueId).catch((e) => {
          errors.push(e);
          return null;
        });
        if (offer) {
          offers++;
          misses = 0;
        } else misses++;
      }
      return offers;
    };
    const peer = run(process.execPath, [
      '--import',
      'tsx',
      path.resolve(import.meta.dirname, '../../../test/router-peer.ts'),
      ctx.url,
      queueId,
    ]);
    const [local, remote] = await Promise.all([Promise.all([router(), router(), router(), router()]), peer]);
    const remoteOffers = JSON.parse(remote.stdout).offers as number;
    expect(errors).toEqual([]);
    expect(local.reduce((a, b) => a + b, 0) + remoteOffers).toBe(80);

    const { rows: offered } = await ctx.pool.query(
      `SELECT offered_to, count(*)::int AS n FROM routing_work_items WHERE queue_id = $1 AND status = 'offered' GROUP BY offered_to`,
      [queueId],
    );
    expect(offered).toHaveLength(40);
    expect(offered.every((r) => r.n === 2)).toBe(true);
    expect(offered.map((r) => r.offered_to)).not.toContain(unskilled);
    const { rows: loads } = await ctx.pool.query(
      `SELECT c.user_id, c.load, (SELECT count(*)::int FROM routing_work_items w WHERE w.offered_to = c.user_id AND w.status = 'offered') AS held
         FROM routing_agent_channels c`,
    );
    for (const l of loads) expect(l.load).toBe(l.held);
    const { rows: events } = await ctx.pool.query(
      `SELECT payload->>'itemId' AS item, count(*)::int AS n FROM outbox WHERE type = 'routing.offered' GROUP BY 1`,
    );
    expect(events).toHaveLength(80);
    expect(events.every((e) => e.n === 1)).toBe(true);
  }, 120_000);

  it('serves the highest priority first, accepts, rejects to the next agent, frees capacity on end', async () => {
    const { queueId, agents } = await setup({ agents: 2, capacity: 1, items: 4, code: 'flow' });
    const first = await ctx.app.routing.routeOnce(queueId);
    const { rows } = await ctx.pool.query('SELECT priority FROM routing_work_items WHERE id = $1', [
      first?.itemId,
    ]);
    expect(rows[0].priority).toBe(30);
    await ctx.app.routing.reject(first?.agentId as string, first?.itemId as string);
    // Rejected: back in front, and offered to the other agent.
    const again = await ctx.app.routing.routeOnce(queueId);
    expect(again?.itemId).toBe(first?.itemId);
    expect(again?.agentId).not.toBe(first?.agentId);
    await ctx.app.routing.accept(again?.agentId as string, again?.itemId as string);
    await expect(ctx.app.routing.accept(agents[0] as string, again?.itemId as string)).rejects.toMatchObject({
      code: 'ROUTING_OFFER_GONE',
    });
    const second = await ctx.app.routing.routeOnce(queueId);
    expect(second?.agentId).toBe(first?.agentId);
    // Both agents are now full.
    expect(await ctx.app.routing.routeOnce(queueId)).toBeNull();
    await ctx.app.db.transaction((tx) => ctx.app.routing.end(tx, again?.itemId as string, 'closed'));
    expect((await ctx.app.routing.routeOnce(queueId))?.agentId).toBe(again?.agentId);
  });

  it('expires an unanswered offer, and sends an agent away after two missed offers', async () => {
    const { queueId, agents } = await setup({ agents: 1, capacity: 1, items: 1, code: 'expire' });
    const offer = await ctx.app.routing.routeOnce(queueId);
    ctx.clock.advance(31_000);
    expect(await ctx.app.routing.expireOffers()).toBeGreaterThanOrEqual(1);
    const { rows } = await ctx.pool.query(
      'SELECT status, declined_by FROM routing_work_items WHERE id = $1',
      [offer?.itemId],
    );
    expect(rows[0]).toEqual({ status: 'waiting', declined_by: [agents[0]] });
    // The only agent declined it by silence: it waits for someone else.
    expect(await ctx.app.routing.routeOnce(queueId)).toBeNull();
    await ctx.pool.query("UPDATE routing_work_items SET declined_by = '{}' WHERE id = $1", [offer?.itemId]);
    await ctx.app.routing.routeOnce(queueId);
    ctx.clock.advance(31_000);
    await ctx.app.routing.expireOffers();
    const { rows: state } = await ctx.pool.query(
      'SELECT state, reason FROM routing_agent_states WHERE user_id = $1',
      [agents[0]],
    );
    expect(state[0]).toEqual({ state: 'away', reason: 'missed_offers' });
  });

  it('requeues a disconnected agent’s chats with their original enqueue time and priority', async () => {
    const { queueId } = await setup({ agents: 1, capacity: 3, items: 2, code: 'requeue', autoAccept: true });
    const a = await ctx.app.routing.routeOnce(queueId);
    const before = await ctx.pool.query(
      'SELECT enqueued_at, priority FROM routing_work_items WHERE id = $1',
      [a?.itemId],
    );
    expect(await ctx.app.routing.requeueAgentWork(a?.agentId as string, 'desk_disconnected')).toBe(1);
    const after = await ctx.pool.query(
      'SELECT status, enqueued_at, priority FROM routing_work_items WHERE id = $1',
      [a?.itemId],
    );
    expect(after.rows[0]).toMatchObject({ status: 'waiting', ...before.rows[0] });
    const { rows } = await ctx.pool.query('SELECT load FROM routing_agent_channels WHERE user_id = $1', [
      a?.agentId,
    ]);
    expect(rows[0].load).toBe(0);
  });

  it('refuses to enqueue past the queue size, and requires a reason to go away', async () => {
    const { queueId } = await setup({ agents: 0, capacity: 1, items: 0, code: 'small' });
    await ctx.pool.query('UPDATE routing_queues SET max_size = 1 WHERE id = $1', [queueId]);
    const enqueue = () =>
      ctx.app.db.transaction((tx) =>
        ctx.app.routing.enqueue(tx, {
          kind: 'conversation',
          refId: crypto.randomUUID(),
          queueId,
          channel: 'chat',
        }),
      );
    expect(await enqueue()).toHaveProperty('itemId');
    expect(await enqueue()).toBe('queue_full');
    await expect(ctx.app.routing.setAgentState(crypto.randomUUID(), 'away')).rejects.toMatchObject({
      code: 'ROUTING_AWAY_REASON_REQUIRED',
    });
  });
});

describe('agents follow staff', () => {
  it('gives a new agent a routing row with default capacities and copies skill changes', async () => {
    const skill = await ctx.app.staff.createSkill(null, { code: 'cards_sync', name: 'Cards' });
    const user = await ctx.app.staff.createUser(null, {
      username: 'synced.agent',
      displayName: 'Synced',
      password: 'Correct-Horse-9',
      roles: ['agent'],
      skills: [{ skillId: skill.id, proficiency: 4 }],
    });
    await ctx.app.events.dispatchPending();
    const state = await ctx.pool.query('SELECT state FROM routing_agent_states WHERE user_id = $1', [
      user.id,
    ]);
    expect(state.rows[0].state).toBe('offline');
    const channels = await ctx.pool.query(
      'SELECT channel, capacity FROM routing_agent_channels WHERE user_id = $1 ORDER BY channel',
      [user.id],
    );
    expect(channels.rows).toContainEqual({ channel: 'chat', capacity: 3 });
    const skills = () =>
      ctx.pool.query('SELECT proficiency FROM routing_agent_skills WHERE user_id = $1', [user.id]);
    expect((await skills()).rows).toEqual([{ proficiency: 4 }]);

    // An administrator lowers the skill through the API: routing follows.
    const admin = await signInAs(ctx, { username: 'sync.admin', roles: ['admin'] });
    const patched = await ctx.app.http.inject({
      method: 'PATCH',
      url: `/api/v1/admin/users/${user.id}`,
      payload: { skills: [{ skillId: skill.id, proficiency: 2 }], version: user.version },
      headers: as(admin),
    });
    expect(patched.statusCode).toBe(200);
    await ctx.app.events.dispatchPending();
    expect((await skills()).rows).toEqual([{ proficiency: 2 }]);
  });
});

describe('desk presence', () => {
  it('sends the chats of a desk gone longer than the grace period back to the queue, not of one still there', async () => {
    const { queueId, agents } = await setup({
      agents: 2,
      capacity: 1,
      items: 2,
      code: 'presence',
      autoAccept: true,
    });
    const [gone, present] = agents as [string, string];
    await ctx.app.routing.routeOnce(queueId);
    await ctx.app.routing.routeOnce(queueId);
    await ctx.app.routing.heartbeat([gone, present]);
    ctx.clock.advance(45_000);
    await ctx.app.routing.heartbeat([present]);
    expect(await ctx.app.routing.sweepDisconnected(60)).toBe(0);
    ctx.clock.advance(20_000);
    expect(await ctx.app.routing.sweepDisconnected(60)).toBe(1);
    const { rows } = await ctx.pool.query(
      `SELECT a.user_id, a.state, (SELECT count(*)::int FROM routing_work_items w WHERE w.assigned_to = a.user_id AND w.status = 'assigned') AS held
         FROM routing_agent_states a WHERE a.user_id IN ($1, $2)`,
      [gone, present],
    );
    expect(rows.find((r) => r.user_id === gone)).toMatchObject({ state: 'offline', held: 0 });
    expect(rows.find((r) => r.user_id === present)).toMatchObject({ state: 'available', held: 1 });
  });
});
