// The SQL function `routing_decide` (migration 0025) against its specification, the pure rules of
// routing.order.ts: on random queues (priorities, aging, widened skills, declines, sticky agents,
// capacities, away agents), one routing batch makes exactly the offers the TypeScript rules make
// from the same rows, and writes them (status, loads, idle times, events).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { mulberry32 } from '../../platform/random.ts';
import { type EligibleAgent, matchContacts, skillScore } from './routing.order.ts';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2027-03-01T03:00:00Z');
});
afterAll(async () => ctx?.close());

/** A seeded generator, so a failing scenario can be replayed by its seed. */
function random(seed: number) {
  const next = mulberry32(seed);
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)) };
}

interface Agent {
  userId: string;
  state: 'available' | 'away';
  capacity: number;
  load: number;
  idleSince: Date;
  skills: Record<string, number>;
}

interface Item {
  id: string;
  priority: number;
  enqueuedAt: Date;
  required: Array<{ skillId: string; minProficiency: number }>;
  declined_by: string[];
  sticky_agent_id: string | null;
  sticky_until: Date | null;
}

const PER_LEVEL_MIN = 8;

/** What routing.order.ts says one batch of `max` decisions gives, from the same rows. */
function expected(items: Item[], agents: Agent[], now: Date, agingSeconds: number, max: number) {
  const perLevel = Math.max(PER_LEVEL_MIN, max);
  const levels = [...new Set(items.map((i) => i.priority))].sort((a, b) => b - a);
  const candidates = levels.flatMap((p) =>
    items
      .filter((i) => i.priority === p)
      .sort((a, b) => a.enqueuedAt.getTime() - b.enqueuedAt.getTime())
      .slice(0, perLevel),
  );
  const effective = (i: Item) =>
    i.priority + Math.floor((now.getTime() - i.enqueuedAt.getTime()) / 1000 / agingSeconds);
  candidates.sort((a, b) => effective(b) - effective(a) || a.enqueuedAt.getTime() - b.enqueuedAt.getTime());
  const groups = new Map<string, Item[]>();
  for (const item of candidates) {
    const key = JSON.stringify(item.required);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const matches: string[] = [];
  for (const group of groups.values()) {
    const room = max - matches.length;
    if (room <= 0) break;
    const required = (group[0] as Item).required;
    const eligible: EligibleAgent[] = agents
      .filter((a) => a.state === 'available' && a.load < a.capacity)
      .flatMap((a) => {
        const score = skillScore({ userId: a.userId, skills: a.skills, idleSince: a.idleSince }, required);
        return score === null
          ? []
          : [{ userId: a.userId, score, idleSince: a.idleSince, spare: a.capacity - a.load }];
      })
      // Places an earlier group of this batch took.
      .map((a) => ({ ...a, spare: a.spare - matches.filter((m) => m.endsWith(`>${a.userId}`)).length }))
      // Equal idle times (agents offered in the same batch) are ordered by id, as the lookup does.
      .sort(
        (a, b) =>
          b.score - a.score ||
          a.idleSince.getTime() - b.idleSince.getTime() ||
          (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0),
      );
    const declined = Math.max(0, ...group.map((i) => i.declined_by.length));
    const sticky = new Set(
      group
        .filter((i) => i.sticky_agent_id && i.sticky_until && i.sticky_until > now)
        .map((i) => i.sticky_agent_id),
    );
    const pool = [
      ...eligible.slice(0, room + declined),
      ...eligible.slice(room + declined).filter((a) => sticky.has(a.userId)),
    ].filter((a) => a.spare > 0);
    for (const m of matchContacts(group, pool, now, room)) matches.push(`${m.item.id}>${m.agentId}`);
  }
  return matches;
}

describe('routing_decide', () => {
  it('makes the offers routing.order.ts makes, on 40 random queues', async () => {
    const now = ctx.clock.now();
    const skills = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    let offered = 0;
    let widenedOffered = 0;
    let threeSkillsOffered = 0;
    let secondOffered = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const rnd = random(seed);
      const channel = `test_${seed}`;
      const agingSeconds = rnd.int(20, 120);
      const queueRequired = [{ skillId: skills[0] as string, minProficiency: rnd.int(1, 3) }];
      if (rnd.next() < 0.5)
        queueRequired.push({ skillId: skills[1] as string, minProficiency: rnd.int(1, 4) });
      // Every third queue needs a third skill (the lookup's statement for three skills or more);
      // no draw, so the other queues stay as they were.
      if (seed % 3 === 0) queueRequired.push({ skillId: skills[2] as string, minProficiency: 1 });
      const agents: Agent[] = Array.from({ length: rnd.int(1, 16) }, (_, n) => ({
        userId: crypto.randomUUID(),
        state: rnd.next() < 0.85 ? 'available' : 'away',
        capacity: rnd.int(1, 3),
        load: 0,
        // Distinct idle times: order among equal scores is then fully defined.
        idleSince: new Date(now.getTime() - (n + 1) * 7_000 - rnd.int(0, 6) * 1_000_000),
        skills: Object.fromEntries(
          skills.filter(() => rnd.next() < 0.9).map((s) => [s, rnd.int(1, 5)] as const),
        ),
      }));
      for (const a of agents) a.load = rnd.next() < 0.2 ? a.capacity : rnd.int(0, a.capacity - 1);
      const items: Item[] = Array.from({ length: rnd.int(0, 30) }, (_, n) => {
        const sticky =
          agents.length > 0 && rnd.next() < 0.15 ? agents[rnd.int(0, agents.length - 1)] : undefined;
        return {
          id: crypto.randomUUID(),
          priority: [0, 0, 10, 20, 35][rnd.int(0, 4)] as number,
          enqueuedAt: new Date(now.getTime() - rnd.int(0, 900) * 1000 - n),
          // Now and then a contact an overflow rule widened to no skills.
          required: rnd.next() < 0.2 ? [] : queueRequired,
          declined_by: agents.filter(() => rnd.next() < 0.1).map((a) => a.userId),
          sticky_agent_id: sticky?.userId ?? null,
          sticky_until: sticky ? new Date(now.getTime() + (rnd.next() < 0.7 ? 60_000 : -60_000)) : null,
        };
      });
      const max = [1, 3, 25, 25][rnd.int(0, 3)] as number;

      const queueId = crypto.randomUUID();
      await ctx.pool.query(
        `INSERT INTO routing_queues (id, code, name, channels, required_skills, aging_seconds, offer_timeout_seconds)
         VALUES ($1, $2, $2, $3, $4, $5, 30)`,
        [queueId, `decide_${seed}`, [channel], JSON.stringify(queueRequired), agingSeconds],
      );
      for (const a of agents) {
        await ctx.pool.query(
          `INSERT INTO routing_agent_states (user_id, state, since, idle_since) VALUES ($1, $2, $3, $4)`,
          [a.userId, a.state, now, a.idleSince],
        );
        await ctx.pool.query(
          `INSERT INTO routing_agent_channels (user_id, channel, capacity, load) VALUES ($1, $2, $3, $4)`,
          [a.userId, channel, a.capacity, a.load],
        );
        for (const [skillId, proficiency] of Object.entries(a.skills)) {
          await ctx.pool.query(
            `INSERT INTO routing_agent_skills (user_id, skill_id, proficiency) VALUES ($1, $2, $3)`,
            [a.userId, skillId, proficiency],
          );
        }
      }
      for (const i of items) {
        await ctx.pool.query(
          `INSERT INTO routing_work_items (id, kind, ref_id, queue_id, channel, priority, required_skills,
             enqueued_at, declined_by, sticky_agent_id, sticky_until)
           VALUES ($1, 'conversation', gen_random_uuid(), $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            i.id,
            queueId,
            channel,
            i.priority,
            JSON.stringify(i.required),
            i.enqueuedAt,
            i.declined_by,
            i.sticky_agent_id,
            i.sticky_until,
          ],
        );
      }

      const want = expected(items, agents, now, agingSeconds, max);
      const offers = await ctx.app.routing.routeBatch(queueId, max);
      expect(
        offers.map((o) => `${o.itemId}>${o.agentId}`),
        `seed ${seed}`,
      ).toEqual(want);
      offered += offers.length;
      widenedOffered += offers.filter(
        (o) => items.find((i) => i.id === o.itemId)?.required.length === 0,
      ).length;
      threeSkillsOffered += offers.filter(
        (o) => items.find((i) => i.id === o.itemId)?.required.length === 3,
      ).length;

      // Written as decided: each contact offered to its agent, loads within capacity, events once.
      const { rows } = await ctx.pool.query(
        `SELECT id, offered_to, offer_expires_at FROM routing_work_items WHERE queue_id = $1 AND status = 'offered'`,
        [queueId],
      );
      expect(new Map(rows.map((r) => [r.id as string, r.offered_to as string])), `seed ${seed}`).toEqual(
        new Map(offers.map((o) => [o.itemId, o.agentId])),
      );
      for (const r of rows) expect(new Date(r.offer_expires_at).getTime()).toBe(now.getTime() + 30_000);
      const loads = await ctx.pool.query(
        `SELECT user_id, load FROM routing_agent_channels WHERE channel = $1`,
        [channel],
      );
      for (const l of loads.rows) {
        const a = agents.find((x) => x.userId === l.user_id) as Agent;
        const given = offers.filter((o) => o.agentId === a.userId).length;
        expect(l.load, `seed ${seed}`).toBe(a.load + given);
        expect(l.load).toBeLessThanOrEqual(a.capacity);
      }
      const events = await ctx.pool.query(
        `SELECT payload, audience FROM outbox WHERE type = 'routing.offered' AND payload->>'queueId' = $1
          ORDER BY position`,
        [queueId],
      );
      expect(events.rows.map((e) => `${e.payload.itemId}>${e.payload.agentId}`)).toEqual(want);
      for (const e of events.rows) {
        const item = items.find((i) => i.id === e.payload.itemId) as Item;
        expect(e.payload).toMatchObject({
          kind: 'conversation',
          channel,
          enqueuedAt: item.enqueuedAt.toISOString(),
          waitSeconds: (now.getTime() - item.enqueuedAt.getTime()) / 1000,
        });
        expect(e.audience).toEqual({ permissions: ['supervisor.view'], users: [e.payload.agentId] });
      }

      // A second batch once agents have changed: the lookup reads copies of each agent's state, idle
      // time and channels with room on its skill rows (migration 0029), which must follow the offers
      // just made (idle since now, several agents at the same time, some now full), agents going away
      // or coming back, idle times moving, loads changing, and skills replaced.
      for (const o of offers) {
        const a = agents.find((x) => x.userId === o.agentId) as Agent;
        a.load++;
        a.idleSince = now;
      }
      for (const [n, a] of agents.entries()) {
        if (rnd.next() < 0.2) {
          a.state = a.state === 'available' ? 'away' : 'available';
          await ctx.pool.query('UPDATE routing_agent_states SET state = $2 WHERE user_id = $1', [
            a.userId,
            a.state,
          ]);
        }
        if (rnd.next() < 0.2) {
          a.idleSince = new Date(now.getTime() - rnd.int(1, 900) * 1000 - n);
          await ctx.pool.query('UPDATE routing_agent_states SET idle_since = $2 WHERE user_id = $1', [
            a.userId,
            a.idleSince,
          ]);
        }
        // A contact ended or transferred away (room again), or taken elsewhere (full).
        if (rnd.next() < 0.2) {
          a.load = rnd.int(0, a.capacity);
          await ctx.pool.query(
            'UPDATE routing_agent_channels SET load = $2 WHERE user_id = $1 AND channel = $3',
            [a.userId, a.load, channel],
          );
        }
        if (rnd.next() < 0.15) {
          a.skills = Object.fromEntries(
            skills.filter(() => rnd.next() < 0.9).map((sk) => [sk, rnd.int(1, 5)] as const),
          );
          const replaced = Object.entries(a.skills).map(([skillId, proficiency]) => ({
            skillId,
            proficiency,
          }));
          await ctx.app.db.transaction((tx) => ctx.app.routing.syncAgentSkills(tx, a.userId, replaced));
        }
      }
      const left = items.filter((i) => !offers.some((o) => o.itemId === i.id));
      const max2 = [1, 3, 25][rnd.int(0, 2)] as number;
      const want2 = expected(left, agents, now, agingSeconds, max2);
      const offers2 = await ctx.app.routing.routeBatch(queueId, max2);
      expect(
        offers2.map((o) => `${o.itemId}>${o.agentId}`),
        `seed ${seed}, second batch`,
      ).toEqual(want2);
      secondOffered += offers2.length;
    }
    // Every copy equals the row it copies.
    const stale = await ctx.pool.query(
      `SELECT count(*)::int AS n FROM routing_agent_skills s JOIN routing_agent_states a ON a.user_id = s.user_id
        WHERE s.available <> (a.state = 'available') OR s.idle_since IS DISTINCT FROM a.idle_since
           OR s.room <> coalesce((SELECT array_agg(c.channel ORDER BY c.channel) FROM routing_agent_channels c
                                   WHERE c.user_id = s.user_id AND c.load < c.capacity), '{}')`,
    );
    expect(stale.rows[0].n).toBe(0);
    // The scenarios did route (not 40 empty queues), widened contacts included.
    expect(offered).toBeGreaterThan(100);
    expect(secondOffered).toBeGreaterThan(50);
    expect(widenedOffered).toBeGreaterThan(20);
    expect(threeSkillsOffered).toBeGreaterThan(5);
  });

  it('assigns at once on an auto-accept queue, and returns nothing for an unknown or empty queue', async () => {
    const now = ctx.clock.now();
    expect(await ctx.app.routing.routeBatch(crypto.randomUUID(), 5)).toEqual([]);
    const queueId = crypto.randomUUID();
    await ctx.pool.query(
      `INSERT INTO routing_queues (id, code, name, channels, auto_accept) VALUES ($1, 'decide_auto', 'Auto', '{auto}', true)`,
      [queueId],
    );
    expect(await ctx.app.routing.routeBatch(queueId, 5)).toEqual([]);
    const agentId = crypto.randomUUID();
    await ctx.pool.query(
      `INSERT INTO routing_agent_states (user_id, state, since, idle_since) VALUES ($1, 'available', $2, $2)`,
      [agentId, now],
    );
    await ctx.pool.query(
      `INSERT INTO routing_agent_channels (user_id, channel, capacity, load) VALUES ($1, 'auto', 1, 0)`,
      [agentId],
    );
    const itemId = crypto.randomUUID();
    await ctx.pool.query(
      `INSERT INTO routing_work_items (id, kind, ref_id, queue_id, channel, enqueued_at)
       VALUES ($1, 'task', gen_random_uuid(), $2, 'auto', $3)`,
      [itemId, queueId, now],
    );
    const [offer] = await ctx.app.routing.routeBatch(queueId, 5);
    expect(offer).toMatchObject({ itemId, agentId, kind: 'task', channel: 'auto', autoAccepted: true });
    const { rows } = await ctx.pool.query(
      'SELECT status, assigned_to, offered_to FROM routing_work_items WHERE id = $1',
      [itemId],
    );
    expect(rows[0]).toEqual({ status: 'assigned', assigned_to: agentId, offered_to: null });
    const event = await ctx.pool.query(
      `SELECT payload FROM outbox WHERE type = 'routing.assigned' AND payload->>'itemId' = $1`,
      [itemId],
    );
    expect(event.rows[0].payload).toMatchObject({ reason: 'auto_accept', agentId, waitSeconds: 0 });
  });
});
