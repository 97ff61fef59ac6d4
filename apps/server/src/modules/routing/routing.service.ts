import { sql } from 'drizzle-orm';
import type { Audit } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Tx } from '../../platform/db.ts';
import { AppError, translateUniqueViolation } from '../../platform/errors.ts';
import { type Events, CHANNEL as OUTBOX_CHANNEL } from '../../platform/events.ts';
import type { Ids } from '../../platform/ids.ts';
import { type Actor, requirePermission } from '../../platform/rbac.ts';
import { type AgentStatePayload, ROUTING_EVENTS, type WorkItemEventPayload } from './routing.events.ts';
import { isOpen } from './routing.hours.ts';
import type { Holiday, OverflowRule, RequiredSkill, WeeklyHours } from './routing.schema.ts';

export type AgentState = 'available' | 'away' | 'offline';
export const AWAY_REASONS = [
  'break',
  'lunch',
  'training',
  'meeting',
  'after_contact_work',
  'missed_offers',
] as const;

export interface EnqueueInput {
  kind: string;
  refId: string;
  queueId: string;
  channel: string;
  priority?: number;
  language?: string | null;
  /** Preserved on requeue, so a contact never loses its place. */
  enqueuedAt?: Date;
  /** The agent who last served this customer, and when that contact ended: within the queue's
   * sticky window, that agent is preferred whenever available. */
  stickyAgentId?: string | null;
  lastServedAt?: Date | null;
}

export interface Offer {
  itemId: string;
  agentId: string;
  refId: string;
  kind: string;
  queueId: string;
  channel: string;
  autoAccepted: boolean;
  expiresAt: Date;
}

interface ItemRow {
  id: string;
  kind: string;
  ref_id: string;
  queue_id: string;
  channel: string;
  priority: number;
  required_skills: RequiredSkill[];
  enqueued_at: string;
  declined_by: string[];
  sticky_agent_id: string | null;
  sticky_until: string | null;
  offered_to: string | null;
  assigned_to: string | null;
  status: string;
}

/** A row of `routing_decide`: one offer (or assignment, on an auto-accept queue). */
interface DecideRow {
  o_item: string;
  o_agent: string;
  o_ref: string;
  o_kind: string;
  o_queue: string;
  o_channel: string;
  o_auto_accepted: boolean;
  o_expires_at: Date;
}

interface QueueRow {
  id: string;
  channels: string[];
  required_skills: RequiredSkill[];
  offer_timeout_seconds: number;
  max_size: number;
  auto_accept: boolean;
  aging_seconds: number;
  sticky_seconds: number;
  calendar_id: string | null;
}

/** Agents by state as the wallboard counts them. */
export interface AgentStateCounts {
  available: number;
  busy: number;
  away: number;
  offline: number;
}

/** Joins agents `a` to each required skill at its minimum (aliases s0, s1, … for scoring). */
function skillJoins(skills: RequiredSkill[]) {
  return sql.join(
    skills.map((r, i) => {
      const s = sql.raw(`s${i}`);
      return sql`JOIN routing_agent_skills ${s} ON ${s}.user_id = a.user_id
        AND ${s}.skill_id = ${r.skillId} AND ${s}.proficiency >= ${r.minProficiency}`;
    }),
    sql` `,
  );
}

/** How many candidates per priority level a router considers, so rivals skip past locked rows. */
const CANDIDATES_PER_LEVEL = 8;
const MISSED_OFFERS_BEFORE_AWAY = 2;
/** `overflow_step` of a contact an overflow rule moved to another queue: it overflows no more. */
const OVERFLOW_MOVED = -1;

/**
 * The ACD. Every decision is one transaction that locks the contact (FOR UPDATE SKIP LOCKED) and
 * then the agent's state row; every change to an agent's load also locks that row first. So a
 * contact is never given to two agents and an agent never goes over capacity, however many
 * routers run in however many processes. A CHECK (load <= capacity) is the last line of defence.
 */
export function createRoutingService(deps: { db: Db; ids: Ids; clock: Clock; events: Events; audit: Audit }) {
  const { db, ids, clock, events, audit } = deps;

  const payloadOf = (item: ItemRow, agentId: string | null, reason?: string): WorkItemEventPayload => ({
    itemId: item.id,
    kind: item.kind,
    refId: item.ref_id,
    queueId: item.queue_id,
    channel: item.channel,
    agentId,
    enqueuedAt: new Date(item.enqueued_at).toISOString(),
    waitSeconds: Math.max(0, (clock.now().getTime() - new Date(item.enqueued_at).getTime()) / 1000),
    ...(reason ? { reason } : {}),
  });

  const audienceOf = (agentId: string | null) => ({
    permissions: ['supervisor.view'],
    ...(agentId ? { users: [agentId] } : {}),
  });

  const publish = (tx: Tx, type: string, payload: WorkItemEventPayload) =>
    events.publish(tx, { type, payload, audience: audienceOf(payload.agentId) });

  async function getQueue(tx: Tx | Db, queueId: string): Promise<QueueRow> {
    const result =
      await tx.execute(sql`SELECT id, channels, required_skills, offer_timeout_seconds, max_size, auto_accept,
      aging_seconds, sticky_seconds, calendar_id FROM routing_queues WHERE id = ${queueId}`);
    const queue = result.rows[0] as QueueRow | undefined;
    if (!queue) throw new AppError('ROUTING_QUEUE_NOT_FOUND', 404);
    return queue;
  }

  /** Whether the queue's calendar says it is open now (no calendar: open 24/7). */
  async function isQueueOpen(tx: Tx | Db, queue: Pick<QueueRow, 'calendar_id'>): Promise<boolean> {
    if (!queue.calendar_id) return true;
    const result = await tx.execute(
      sql`SELECT time_zone, weekly, holidays FROM routing_calendars WHERE id = ${queue.calendar_id}`,
    );
    const row = result.rows[0] as { time_zone: string; weekly: WeeklyHours; holidays: Holiday[] } | undefined;
    return (
      !row || isOpen({ timeZone: row.time_zone, weekly: row.weekly, holidays: row.holidays }, clock.now())
    );
  }

  /**
   * Whether a queue can serve now: open by its calendar, and how many agents are available for
   * it (state available, the channel, every required skill; busy or not). The widget offers
   * "leave a message" when closed or nobody is there.
   */
  async function queueAvailability(queueId: string): Promise<{ open: boolean; availableAgents: number }> {
    const queue = await getQueue(db, queueId);
    const [open, agents] = await Promise.all([
      isQueueOpen(db, queue),
      db.execute(sql`SELECT count(*)::int AS n FROM routing_agent_states a
        JOIN routing_agent_channels c ON c.user_id = a.user_id AND c.channel = ANY(${`{${queue.channels.join(',')}}`}::text[])
          AND c.capacity > 0
        ${skillJoins(queue.required_skills)}
        WHERE a.state = 'available'`),
    ]);
    return { open, availableAgents: (agents.rows[0] as { n: number }).n };
  }

  /**
   * Puts a contact in a queue. Expected outcomes are returned, not thrown: 'queue_full', and
   * 'closed' outside the queue's business hours.
   */
  async function enqueue(tx: Tx, input: EnqueueInput): Promise<{ itemId: string } | 'queue_full' | 'closed'> {
    const queue = await getQueue(tx, input.queueId);
    if (!(await isQueueOpen(tx, queue))) return 'closed';
    const waiting = await tx.execute(
      sql`SELECT count(*)::int AS n FROM routing_work_items WHERE queue_id = ${queue.id} AND status IN ('waiting', 'offered')`,
    );
    if ((waiting.rows[0] as { n: number }).n >= queue.max_size) return 'queue_full';
    const id = ids.uuid();
    const now = clock.now();
    const windowMs = queue.sticky_seconds * 1000;
    const isRecent = !input.lastServedAt || now.getTime() - input.lastServedAt.getTime() <= windowMs;
    const stickyUntil =
      input.stickyAgentId && windowMs > 0 && isRecent ? new Date(now.getTime() + windowMs) : null;
    const result = await tx.execute(sql`
      INSERT INTO routing_work_items (id, kind, ref_id, queue_id, channel, priority, required_skills, language,
        status, enqueued_at, sticky_agent_id, sticky_until)
      VALUES (${id}, ${input.kind}, ${input.refId}, ${queue.id}, ${input.channel}, ${input.priority ?? 0},
        ${JSON.stringify(queue.required_skills)}::jsonb, ${input.language ?? null}, 'waiting', ${input.enqueuedAt ?? now},
        ${stickyUntil ? input.stickyAgentId : null}, ${stickyUntil})
      RETURNING *`);
    await publish(tx, ROUTING_EVENTS.queued, payloadOf(result.rows[0] as unknown as ItemRow, null));
    return { itemId: id };
  }

  /** Best waiting contacts of a queue: the oldest few of each priority level (loose index scan). */
  async function changeLoad(tx: Tx, agentId: string, channel: string, delta: number): Promise<void> {
    await tx.execute(sql`UPDATE routing_agent_channels SET load = greatest(0, load + ${delta})
      WHERE user_id = ${agentId} AND channel = ${channel}`);
  }

  /**
   * One routing decision in `queueId`: the best waiting contact goes to the best eligible agent.
   * Returns the offer, or null when nothing could be matched (nobody waiting, nobody eligible).
   */
  async function routeOnce(queueId: string): Promise<Offer | null> {
    return (await routeBatch(queueId, 1))[0] ?? null;
  }

  /**
   * Up to `max` routing decisions in `queueId`, in one round trip and one commit: the SQL function
   * `routing_decide` (migration 0025, decision 0010) locks the best waiting contacts and the best
   * eligible agents (FOR UPDATE SKIP LOCKED), matches them by the rules of `matchContacts`, and
   * writes the offers, the agents' load and idle time, and the events. However many routers run in
   * however many processes, a contact goes to one agent and no agent goes over capacity.
   */
  async function routeBatch(queueId: string, max: number): Promise<Offer[]> {
    const { rows } = await db.$client.query<DecideRow>({
      name: 'routing_decide',
      text: 'SELECT * FROM routing_decide($1, $2, $3, $4, $5, $6, $7)',
      values: [
        queueId,
        max,
        clock.now(),
        Math.max(CANDIDATES_PER_LEVEL, max),
        ROUTING_EVENTS.offered,
        ROUTING_EVENTS.assigned,
        OUTBOX_CHANNEL,
      ],
    });
    return rows.map((r) => ({
      itemId: r.o_item,
      agentId: r.o_agent,
      refId: r.o_ref,
      kind: r.o_kind,
      queueId: r.o_queue,
      channel: r.o_channel,
      autoAccepted: r.o_auto_accepted,
      expiresAt: r.o_expires_at,
    }));
  }

  async function lockAgentThenItem(tx: Tx, agentId: string, itemId: string): Promise<ItemRow> {
    await tx.execute(sql`SELECT 1 FROM routing_agent_states WHERE user_id = ${agentId} FOR UPDATE`);
    const result = await tx.execute(sql`SELECT * FROM routing_work_items WHERE id = ${itemId} FOR UPDATE`);
    const item = result.rows[0] as ItemRow | undefined;
    if (!item) throw new AppError('ROUTING_ITEM_NOT_FOUND', 404);
    return item;
  }

  async function accept(agentId: string, itemId: string): Promise<void> {
    await db.transaction(async (tx) => {
      const item = await lockAgentThenItem(tx, agentId, itemId);
      if (item.status !== 'offered' || item.offered_to !== agentId)
        throw new AppError('ROUTING_OFFER_GONE', 409);
      const now = clock.now();
      await tx.execute(sql`UPDATE routing_work_items SET status = 'assigned', assigned_to = ${agentId}, assigned_at = ${now},
        offered_to = NULL, offer_expires_at = NULL, version = version + 1 WHERE id = ${itemId}`);
      await tx.execute(
        sql`UPDATE routing_agent_states SET idle_since = ${now}, missed_offers = 0 WHERE user_id = ${agentId}`,
      );
      await publish(tx, ROUTING_EVENTS.accepted, payloadOf(item, agentId));
      await publish(tx, ROUTING_EVENTS.assigned, payloadOf(item, agentId));
    });
  }

  /** Puts an offered contact back in front of its queue (original priority and enqueue time). */
  async function withdrawOffer(
    tx: Tx,
    item: ItemRow,
    agentId: string,
    why: 'rejected' | 'expired',
  ): Promise<void> {
    await tx.execute(sql`UPDATE routing_work_items SET status = 'waiting', offered_to = NULL, offer_expires_at = NULL,
      declined_by = array_append(declined_by, ${agentId}::uuid), version = version + 1 WHERE id = ${item.id}`);
    await changeLoad(tx, agentId, item.channel, -1);
    if (why === 'expired') {
      const missed = await tx.execute(sql`UPDATE routing_agent_states SET missed_offers = missed_offers + 1
        WHERE user_id = ${agentId} RETURNING missed_offers`);
      if ((missed.rows[0] as { missed_offers: number }).missed_offers >= MISSED_OFFERS_BEFORE_AWAY) {
        await setStateInTx(tx, agentId, 'away', 'missed_offers');
      }
    }
    await publish(
      tx,
      why === 'rejected' ? ROUTING_EVENTS.rejected : ROUTING_EVENTS.offerExpired,
      payloadOf(item, agentId),
    );
  }

  async function reject(agentId: string, itemId: string): Promise<void> {
    await db.transaction(async (tx) => {
      const item = await lockAgentThenItem(tx, agentId, itemId);
      if (item.status !== 'offered' || item.offered_to !== agentId)
        throw new AppError('ROUTING_OFFER_GONE', 409);
      await withdrawOffer(tx, item, agentId, 'rejected');
    });
  }

  /** Withdraws offers past their timeout; returns how many. Runs on every router tick. */
  async function expireOffers(limit = 200): Promise<number> {
    const due = await db.execute(sql`SELECT id, offered_to FROM routing_work_items
      WHERE status = 'offered' AND offer_expires_at <= ${clock.now()} ORDER BY offer_expires_at LIMIT ${limit}`);
    let expired = 0;
    for (const row of due.rows as { id: string; offered_to: string }[]) {
      await db.transaction(async (tx) => {
        const item = await lockAgentThenItem(tx, row.offered_to, row.id);
        if (item.status !== 'offered' || item.offered_to !== row.offered_to) return;
        await withdrawOffer(tx, item, row.offered_to, 'expired');
        expired++;
      });
    }
    return expired;
  }

  /** The contact is finished (conversation closed, task done): frees the agent's capacity. */
  async function end(tx: Tx, itemId: string, reason: string): Promise<void> {
    const current = await tx.execute(
      sql`SELECT assigned_to, offered_to FROM routing_work_items WHERE id = ${itemId}`,
    );
    const row = current.rows[0] as { assigned_to: string | null; offered_to: string | null } | undefined;
    if (!row) throw new AppError('ROUTING_ITEM_NOT_FOUND', 404);
    const agentId = row.assigned_to ?? row.offered_to;
    if (agentId)
      await tx.execute(sql`SELECT 1 FROM routing_agent_states WHERE user_id = ${agentId} FOR UPDATE`);
    const locked = await tx.execute(sql`SELECT * FROM routing_work_items WHERE id = ${itemId} FOR UPDATE`);
    const item = locked.rows[0] as unknown as ItemRow;
    if (item.status === 'ended') return;
    const holder = item.assigned_to ?? item.offered_to;
    if (holder && (item.status === 'assigned' || item.status === 'offered'))
      await changeLoad(tx, holder, item.channel, -1);
    await tx.execute(sql`UPDATE routing_work_items SET status = 'ended', ended_at = ${clock.now()}, offered_to = NULL,
      offer_expires_at = NULL, version = version + 1 WHERE id = ${itemId}`);
    await publish(tx, ROUTING_EVENTS.ended, payloadOf(item, holder, reason));
  }

  /** Sends an agent's assigned and offered contacts back to the front of their queues. */
  async function requeueAgentWork(agentId: string, reason: string): Promise<number> {
    return db.transaction(async (tx) => {
      await tx.execute(sql`SELECT 1 FROM routing_agent_states WHERE user_id = ${agentId} FOR UPDATE`);
      const items = await tx.execute(sql`SELECT * FROM routing_work_items
        WHERE (assigned_to = ${agentId} AND status = 'assigned') OR (offered_to = ${agentId} AND status = 'offered') FOR UPDATE`);
      for (const item of items.rows as unknown as ItemRow[]) {
        await tx.execute(sql`UPDATE routing_work_items SET status = 'waiting', assigned_to = NULL, assigned_at = NULL,
          offered_to = NULL, offer_expires_at = NULL, sticky_agent_id = NULL, sticky_until = NULL, version = version + 1
          WHERE id = ${item.id}`);
        await changeLoad(tx, agentId, item.channel, -1);
        await publish(tx, ROUTING_EVENTS.requeued, payloadOf(item, agentId, reason));
      }
      return items.rows.length;
    });
  }

  async function setStateInTx(
    tx: Tx,
    userId: string,
    state: AgentState,
    reason: string | null,
  ): Promise<void> {
    const now = clock.now();
    await tx.execute(sql`
      INSERT INTO routing_agent_states (user_id, state, reason, since, idle_since)
      VALUES (${userId}, ${state}, ${reason}, ${now}, ${now})
      ON CONFLICT (user_id) DO UPDATE SET state = excluded.state, reason = excluded.reason, since = excluded.since,
        missed_offers = CASE WHEN excluded.state = 'available' THEN 0 ELSE routing_agent_states.missed_offers END`);
    await events.publish<AgentStatePayload>(tx, {
      type: ROUTING_EVENTS.agentStateChanged,
      payload: { userId, state, reason, since: now.toISOString() },
      audience: { permissions: ['supervisor.view'], users: [userId] },
    });
  }

  async function setAgentState(
    userId: string,
    state: AgentState,
    reason: string | null = null,
  ): Promise<void> {
    if (state === 'away' && (!reason || !(AWAY_REASONS as readonly string[]).includes(reason))) {
      throw new AppError('ROUTING_AWAY_REASON_REQUIRED', 400);
    }
    await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT 1 FROM routing_agent_states WHERE user_id = ${userId} FOR UPDATE`);
      await setStateInTx(tx, userId, state, state === 'away' ? reason : null);
    });
  }

  /** Sets how many contacts of a channel an agent handles at once (e.g. 3 chats, 1 call). */
  async function setCapacityInTx(tx: Tx, userId: string, channel: string, capacity: number): Promise<void> {
    const now = clock.now();
    await tx.execute(sql`INSERT INTO routing_agent_states (user_id, state, since, idle_since)
      VALUES (${userId}, 'offline', ${now}, ${now}) ON CONFLICT (user_id) DO NOTHING`);
    await tx.execute(sql`SELECT 1 FROM routing_agent_states WHERE user_id = ${userId} FOR UPDATE`);
    await tx.execute(sql`INSERT INTO routing_agent_channels (user_id, channel, capacity) VALUES (${userId}, ${channel}, ${capacity})
      ON CONFLICT (user_id, channel) DO UPDATE SET capacity = greatest(excluded.capacity, routing_agent_channels.load)`);
  }

  async function setCapacity(userId: string, channel: string, capacity: number): Promise<void> {
    await db.transaction((tx) => setCapacityInTx(tx, userId, channel, capacity));
  }

  /**
   * A supervisor's change of an agent's capacity on a channel (audited). Lowering it below what the
   * agent holds now takes effect as those contacts end: the capacity never drops under the load.
   */
  async function changeCapacity(
    actor: Actor,
    userId: string,
    input: { channel: string; capacity: number },
  ): Promise<void> {
    const known = await db.execute(sql`SELECT 1 FROM users WHERE id = ${userId}`);
    if (known.rows.length === 0) throw new AppError('STAFF_USER_NOT_FOUND', 404);
    await db.transaction(async (tx) => {
      await setCapacityInTx(tx, userId, input.channel, input.capacity);
      await audit.record(tx, {
        actorId: actor.userId,
        actorName: actor.username,
        action: 'routing.capacity_changed',
        targetType: 'user',
        targetId: userId,
        ip: actor.ip ?? null,
        details: { channel: input.channel, capacity: input.capacity },
      });
    });
  }

  /** Replaces the routing copy of an agent's skills (from staff's user_skills). */
  async function syncAgentSkills(
    tx: Tx,
    userId: string,
    skills: { skillId: string; proficiency: number }[],
  ): Promise<void> {
    // The agent's state row first, as every writer of it does: the new skill rows copy its state and
    // idle time (migration 0029), which no one may change until this commits.
    await tx.execute(sql`SELECT 1 FROM routing_agent_states WHERE user_id = ${userId} FOR UPDATE`);
    await tx.execute(sql`DELETE FROM routing_agent_skills WHERE user_id = ${userId}`);
    for (const s of skills) {
      await tx.execute(
        sql`INSERT INTO routing_agent_skills (user_id, skill_id, proficiency) VALUES (${userId}, ${s.skillId}, ${s.proficiency})`,
      );
    }
  }

  async function getAgentState(userId: string) {
    const state = await db.execute(
      sql`SELECT state, reason, since FROM routing_agent_states WHERE user_id = ${userId}`,
    );
    const channels = await db.execute(sql`SELECT channel, capacity, load FROM routing_agent_channels
      WHERE user_id = ${userId} ORDER BY channel`);
    const row = state.rows[0] as { state: AgentState; reason: string | null; since: string } | undefined;
    return {
      state: row?.state ?? ('offline' as AgentState),
      reason: row?.reason ?? null,
      since: row ? new Date(row.since).toISOString() : null,
      channels: channels.rows as { channel: string; capacity: number; load: number }[],
    };
  }

  /** Offers currently waiting for this agent's answer. */
  async function listOffers(agentId: string) {
    const result =
      await db.execute(sql`SELECT id, kind, ref_id, queue_id, channel, offer_expires_at FROM routing_work_items
      WHERE offered_to = ${agentId} AND status = 'offered' ORDER BY offer_expires_at`);
    return (
      result.rows as {
        id: string;
        kind: string;
        ref_id: string;
        queue_id: string;
        channel: string;
        offer_expires_at: string;
      }[]
    ).map((r) => ({
      itemId: r.id,
      kind: r.kind,
      refId: r.ref_id,
      queueId: r.queue_id,
      channel: r.channel,
      expiresAt: new Date(r.offer_expires_at).toISOString(),
    }));
  }

  /** Locks two agents' rows in a fixed order, so concurrent transfers never deadlock. */
  async function lockAgents(tx: Tx, agentIds: string[]): Promise<void> {
    for (const id of [...new Set(agentIds)].sort()) {
      await tx.execute(sql`SELECT 1 FROM routing_agent_states WHERE user_id = ${id} FOR UPDATE`);
    }
  }

  /**
   * Moves an assigned contact to another agent (a supervisor's reassign, or an agent's transfer).
   * Returns 'no_capacity' when the target cannot take it now.
   */
  async function transferToAgent(
    itemId: string,
    toAgentId: string,
    reason: string,
  ): Promise<'ok' | 'no_capacity'> {
    return db.transaction(async (tx) => {
      const current = await tx.execute(sql`SELECT assigned_to FROM routing_work_items WHERE id = ${itemId}`);
      const from = (current.rows[0] as { assigned_to: string | null } | undefined)?.assigned_to;
      if (!from) throw new AppError('ROUTING_ITEM_NOT_ASSIGNED', 409);
      await lockAgents(tx, [from, toAgentId]);
      const locked = await tx.execute(sql`SELECT * FROM routing_work_items WHERE id = ${itemId} FOR UPDATE`);
      const item = locked.rows[0] as unknown as ItemRow;
      if (item.status !== 'assigned' || item.assigned_to !== from)
        throw new AppError('ROUTING_ITEM_NOT_ASSIGNED', 409);
      if (from === toAgentId) return 'ok';
      const target = await tx.execute(sql`SELECT c.load, c.capacity, a.state FROM routing_agent_channels c
        JOIN routing_agent_states a ON a.user_id = c.user_id WHERE c.user_id = ${toAgentId} AND c.channel = ${item.channel}`);
      const t = target.rows[0] as { load: number; capacity: number; state: string } | undefined;
      if (!t || t.state === 'offline' || t.load >= t.capacity) return 'no_capacity';
      await changeLoad(tx, from, item.channel, -1);
      await changeLoad(tx, toAgentId, item.channel, +1);
      await tx.execute(sql`UPDATE routing_work_items SET assigned_to = ${toAgentId}, assigned_at = ${clock.now()},
        version = version + 1 WHERE id = ${itemId}`);
      await publish(tx, ROUTING_EVENTS.transferred, {
        ...payloadOf(item, toAgentId, reason),
        fromAgentId: from,
        toQueueId: null,
      });
      return 'ok';
    });
  }

  /** Sends an assigned contact to another queue, keeping its priority and original enqueue time. */
  async function transferToQueue(itemId: string, toQueueId: string, reason: string): Promise<void> {
    await db.transaction(async (tx) => {
      const current = await tx.execute(sql`SELECT assigned_to FROM routing_work_items WHERE id = ${itemId}`);
      const from = (current.rows[0] as { assigned_to: string | null } | undefined)?.assigned_to;
      if (!from) throw new AppError('ROUTING_ITEM_NOT_ASSIGNED', 409);
      await lockAgents(tx, [from]);
      const locked = await tx.execute(sql`SELECT * FROM routing_work_items WHERE id = ${itemId} FOR UPDATE`);
      const item = locked.rows[0] as unknown as ItemRow;
      if (item.status !== 'assigned' || item.assigned_to !== from)
        throw new AppError('ROUTING_ITEM_NOT_ASSIGNED', 409);
      const queue = await getQueue(tx, toQueueId);
      await changeLoad(tx, from, item.channel, -1);
      await tx.execute(sql`UPDATE routing_work_items SET status = 'waiting', queue_id = ${queue.id},
        required_skills = ${JSON.stringify(queue.required_skills)}::jsonb, assigned_to = NULL, assigned_at = NULL,
        declined_by = '{}', sticky_agent_id = NULL, sticky_until = NULL, version = version + 1 WHERE id = ${itemId}`);
      await publish(tx, ROUTING_EVENTS.transferred, {
        ...payloadOf({ ...item, queue_id: queue.id }, null, reason),
        fromAgentId: from,
        toQueueId: queue.id,
      });
    });
  }

  /**
   * Live figures per queue. "Today" starts at `since` (the caller's local midnight). Answered within
   * 20 s is counted over offered contacts that ended or were answered: answered + abandoned.
   */
  async function queueBoard(since: Date) {
    const result = await db.execute(sql`
      SELECT q.id, q.code, q.name, q.channels,
        (SELECT count(*)::int FROM routing_work_items w WHERE w.queue_id = q.id AND w.status = 'waiting') AS waiting,
        (SELECT count(*)::int FROM routing_work_items w WHERE w.queue_id = q.id AND w.status = 'offered') AS offered,
        (SELECT coalesce(extract(epoch FROM (${clock.now()}::timestamptz - min(w.enqueued_at))), 0)::int
           FROM routing_work_items w WHERE w.queue_id = q.id AND w.status IN ('waiting', 'offered')) AS longest_wait_seconds,
        (SELECT count(*)::int FROM conversations c WHERE c.queue_id = q.id AND c.accepted_at >= ${since}) AS answered,
        (SELECT count(*)::int FROM conversations c WHERE c.queue_id = q.id AND c.accepted_at >= ${since}
           AND c.accepted_at - c.queued_at <= interval '20 seconds') AS answered_within_20s,
        (SELECT count(*)::int FROM conversations c WHERE c.queue_id = q.id AND c.closed_at >= ${since}
           AND c.accepted_at IS NULL) AS abandoned,
        (SELECT coalesce(avg(extract(epoch FROM (c.accepted_at - c.queued_at))), 0)::float FROM conversations c
           WHERE c.queue_id = q.id AND c.accepted_at >= ${since}) AS asa_seconds
      FROM routing_queues q ORDER BY q.code`);
    return (result.rows as Record<string, unknown>[]).map((r) => {
      const answered = r.answered as number;
      const abandoned = r.abandoned as number;
      return {
        id: r.id as string,
        code: r.code as string,
        name: r.name as string,
        channels: r.channels as string[],
        waiting: r.waiting as number,
        offered: r.offered as number,
        longestWaitSeconds: r.longest_wait_seconds as number,
        answered,
        abandoned,
        answeredWithin20s: r.answered_within_20s as number,
        serviceLevel20s:
          answered + abandoned > 0 ? (r.answered_within_20s as number) / (answered + abandoned) : null,
        asaSeconds: Math.round(r.asa_seconds as number),
      };
    });
  }

  /**
   * Agents by state for each queue, counting the agents who can take its work by the rules
   * `queueAvailability` applies: a channel of the queue with capacity, and every required skill at
   * its minimum proficiency. States as the wallboard shows them: available with a load is busy.
   * Set-based (required skills counted per queue and agent, then compared), so it stays a few hash
   * joins at a thousand agents rather than a probe per agent, queue and skill. `userIds` limits to a
   * supervisor's teams.
   */
  async function queueAgentStates(userIds: string[] | null): Promise<Map<string, AgentStateCounts>> {
    const result = await db.execute(sql`
      WITH agents AS (
        SELECT a.user_id, CASE
            WHEN a.state = 'available' AND EXISTS (SELECT 1 FROM routing_agent_channels l
              WHERE l.user_id = a.user_id AND l.load > 0) THEN 'busy'
            WHEN a.state = 'available' THEN 'available'
            WHEN a.state = 'away' THEN 'away'
            ELSE 'offline' END AS state
        FROM routing_agent_states a JOIN users u ON u.id = a.user_id AND u.status = 'active'
        ${userIds ? sql`WHERE a.user_id IN ${userIds.length ? userIds : ['00000000-0000-0000-0000-000000000000']}` : sql``}),
      required AS (
        SELECT q.id AS queue_id, r."skillId" AS skill_id, r."minProficiency" AS min_proficiency
        FROM routing_queues q CROSS JOIN LATERAL
          jsonb_to_recordset(q.required_skills) AS r("skillId" uuid, "minProficiency" int)),
      needed AS (SELECT queue_id, count(*)::int AS n FROM required GROUP BY queue_id),
      held AS (
        SELECT r.queue_id, s.user_id, count(*)::int AS n FROM required r
        JOIN routing_agent_skills s ON s.skill_id = r.skill_id AND s.proficiency >= r.min_proficiency
        GROUP BY r.queue_id, s.user_id),
      eligible AS (
        SELECT DISTINCT q.id AS queue_id, c.user_id FROM routing_queues q
        JOIN routing_agent_channels c ON c.capacity > 0 AND c.channel = ANY(q.channels)
        LEFT JOIN needed n ON n.queue_id = q.id
        LEFT JOIN held h ON h.queue_id = q.id AND h.user_id = c.user_id
        WHERE n.n IS NULL OR h.n = n.n)
      SELECT e.queue_id,
        count(*) FILTER (WHERE g.state = 'available')::int AS available,
        count(*) FILTER (WHERE g.state = 'busy')::int AS busy,
        count(*) FILTER (WHERE g.state = 'away')::int AS away,
        count(*) FILTER (WHERE g.state = 'offline')::int AS offline
      FROM eligible e JOIN agents g ON g.user_id = e.user_id GROUP BY e.queue_id`);
    return new Map(
      (result.rows as unknown as ({ queue_id: string } & AgentStateCounts)[]).map(
        ({ queue_id, ...counts }) => [queue_id, counts],
      ),
    );
  }

  /** Agents with their state, time in state and load; `userIds` limits to a supervisor's teams. */
  async function agentBoard(userIds: string[] | null) {
    const result = await db.execute(sql`
      SELECT a.user_id, u.display_name, u.username, a.state, a.reason, a.since,
        (SELECT coalesce(json_agg(json_build_object('channel', c.channel, 'capacity', c.capacity, 'load', c.load)
           ORDER BY c.channel), '[]') FROM routing_agent_channels c WHERE c.user_id = a.user_id) AS channels,
        (SELECT coalesce(json_agg(json_build_object('id', v.id, 'channel', v.channel, 'status', v.status,
           'contactName', v.contact_name) ORDER BY v.accepted_at), '[]') FROM conversations v
           WHERE v.assignee_id = a.user_id AND v.status IN ('active', 'wrap_up')) AS conversations
      FROM routing_agent_states a JOIN users u ON u.id = a.user_id
      WHERE u.status = 'active' ${userIds ? sql`AND a.user_id IN ${userIds.length ? userIds : ['00000000-0000-0000-0000-000000000000']}` : sql``}
      ORDER BY u.display_name`);
    const now = clock.now().getTime();
    return (result.rows as Record<string, unknown>[]).map((r) => ({
      userId: r.user_id as string,
      displayName: r.display_name as string,
      username: r.username as string,
      state: r.state as AgentState,
      reason: r.reason as string | null,
      secondsInState: Math.max(0, Math.round((now - new Date(r.since as string).getTime()) / 1000)),
      channels: r.channels as { channel: string; capacity: number; load: number }[],
      conversations: r.conversations as {
        id: string;
        channel: string;
        status: string;
        contactName: string | null;
      }[],
    }));
  }

  /** Marks these agents' desks as open now (each process calls it for its connected sockets). */
  async function heartbeat(userIds: string[]): Promise<void> {
    if (userIds.length === 0) return;
    await db.execute(
      sql`UPDATE routing_agent_states SET desk_seen_at = ${clock.now()} WHERE user_id IN ${userIds}`,
    );
  }

  /**
   * Agents whose desk has been gone longer than the grace period (closed laptop, lost network,
   * crashed server process) lose their contacts back to the front of their queues and go offline.
   */
  async function sweepDisconnected(graceSeconds: number): Promise<number> {
    const cutoff = new Date(clock.now().getTime() - graceSeconds * 1000);
    const gone = await db.execute(sql`SELECT DISTINCT a.user_id FROM routing_agent_states a
      JOIN routing_work_items w ON (w.assigned_to = a.user_id AND w.status = 'assigned')
                                OR (w.offered_to = a.user_id AND w.status = 'offered')
      WHERE a.desk_seen_at IS NOT NULL AND a.desk_seen_at < ${cutoff}`);
    let requeued = 0;
    for (const { user_id } of gone.rows as { user_id: string }[]) {
      requeued += await requeueAgentWork(user_id, 'desk_disconnected');
      await setAgentState(user_id, 'offline');
    }
    return requeued;
  }

  interface QueueInput {
    name: string;
    channels: string[];
    requiredSkills?: RequiredSkill[];
    offerTimeoutSeconds?: number;
    maxSize?: number;
    overflow?: OverflowRule[];
    wrapUpSeconds?: number;
    autoAccept?: boolean;
    agingSeconds?: number;
    stickySeconds?: number;
    /** Business hours; null = open around the clock. */
    calendarId?: string | null;
    /** The owning team (its supervisors manage the queue's email templates); null = none. */
    teamId?: string | null;
  }

  const queueView = (r: Record<string, unknown>) => ({
    id: r.id as string,
    code: r.code as string,
    name: r.name as string,
    channels: r.channels as string[],
    requiredSkills: r.required_skills as RequiredSkill[],
    offerTimeoutSeconds: r.offer_timeout_seconds as number,
    maxSize: r.max_size as number,
    overflow: r.overflow as OverflowRule[],
    wrapUpSeconds: r.wrap_up_seconds as number,
    autoAccept: r.auto_accept as boolean,
    agingSeconds: r.aging_seconds as number,
    stickySeconds: r.sticky_seconds as number,
    calendarId: (r.calendar_id as string | null) ?? null,
    teamId: (r.team_id as string | null) ?? null,
  });

  async function listQueues() {
    const result = await db.execute(sql`SELECT * FROM routing_queues ORDER BY code`);
    return (result.rows as Record<string, unknown>[]).map(queueView);
  }

  async function getQueueView(id: string) {
    const result = await db.execute(sql`SELECT * FROM routing_queues WHERE id = ${id}`);
    const row = result.rows[0] as Record<string, unknown> | undefined;
    if (!row) throw new AppError('ROUTING_QUEUE_NOT_FOUND', 404);
    return queueView(row);
  }

  async function assertQueueRefs(tx: Tx, input: Partial<QueueInput>): Promise<void> {
    if (input.calendarId) {
      const found = await tx.execute(sql`SELECT 1 FROM routing_calendars WHERE id = ${input.calendarId}`);
      if (found.rows.length === 0) throw new AppError('ROUTING_CALENDAR_NOT_FOUND', 400);
    }
    if (input.teamId) {
      const found = await tx.execute(sql`SELECT 1 FROM teams WHERE id = ${input.teamId}`);
      if (found.rows.length === 0) throw new AppError('STAFF_TEAM_NOT_FOUND', 400);
    }
    for (const r of input.requiredSkills ?? []) {
      const found = await tx.execute(sql`SELECT 1 FROM skills WHERE id = ${r.skillId}`);
      if (found.rows.length === 0) throw new AppError('STAFF_SKILL_NOT_FOUND', 400);
    }
    for (const rule of input.overflow ?? []) {
      if (rule.action === 'move') {
        const found = rule.toQueueId
          ? await tx.execute(sql`SELECT 1 FROM routing_queues WHERE id = ${rule.toQueueId}`)
          : null;
        if (!found?.rows.length) throw new AppError('ROUTING_QUEUE_NOT_FOUND', 400);
      }
    }
  }

  /** Creates a queue; `actor` null is the system (seed), otherwise `staff.manage` and audited. */
  async function createQueue(actor: Actor | null, input: QueueInput & { code: string }): Promise<string> {
    if (actor) requirePermission(actor, 'staff.manage');
    const id = ids.uuid();
    await db
      .transaction(async (tx) => {
        await assertQueueRefs(tx, input);
        await tx.execute(sql`INSERT INTO routing_queues (id, code, name, channels, required_skills, offer_timeout_seconds,
            max_size, overflow, wrap_up_seconds, auto_accept, aging_seconds, sticky_seconds, calendar_id, team_id)
          VALUES (${id}, ${input.code}, ${input.name}, ${`{${input.channels.join(',')}}`}::text[],
            ${JSON.stringify(input.requiredSkills ?? [])}::jsonb, ${input.offerTimeoutSeconds ?? 30}, ${input.maxSize ?? 1000},
            ${JSON.stringify(input.overflow ?? [])}::jsonb, ${input.wrapUpSeconds ?? 60}, ${input.autoAccept ?? false},
            ${input.agingSeconds ?? 60}, ${input.stickySeconds ?? 0}, ${input.calendarId ?? null}, ${input.teamId ?? null})`);
        await audit.record(tx, {
          actorId: actor?.userId ?? null,
          actorName: actor?.username ?? 'system',
          action: 'routing.queue_created',
          targetType: 'queue',
          targetId: id,
          ip: actor?.ip ?? null,
          details: { code: input.code },
        });
      })
      .catch((error) =>
        translateUniqueViolation(error, { routing_queues_code_key: 'ROUTING_QUEUE_CODE_TAKEN' }),
      );
    return id;
  }

  async function updateQueue(actor: Actor, id: string, input: Partial<QueueInput>) {
    requirePermission(actor, 'staff.manage');
    return db.transaction(async (tx) => {
      await assertQueueRefs(tx, input);
      const sets = [];
      const json = (v: unknown) => sql`${JSON.stringify(v)}::jsonb`;
      if (input.name !== undefined) sets.push(sql`name = ${input.name}`);
      if (input.channels) sets.push(sql`channels = ${`{${input.channels.join(',')}}`}::text[]`);
      if (input.requiredSkills) sets.push(sql`required_skills = ${json(input.requiredSkills)}`);
      if (input.offerTimeoutSeconds !== undefined)
        sets.push(sql`offer_timeout_seconds = ${input.offerTimeoutSeconds}`);
      if (input.maxSize !== undefined) sets.push(sql`max_size = ${input.maxSize}`);
      if (input.overflow) sets.push(sql`overflow = ${json(input.overflow)}`);
      if (input.wrapUpSeconds !== undefined) sets.push(sql`wrap_up_seconds = ${input.wrapUpSeconds}`);
      if (input.autoAccept !== undefined) sets.push(sql`auto_accept = ${input.autoAccept}`);
      if (input.agingSeconds !== undefined) sets.push(sql`aging_seconds = ${input.agingSeconds}`);
      if (input.stickySeconds !== undefined) sets.push(sql`sticky_seconds = ${input.stickySeconds}`);
      if (input.calendarId !== undefined) sets.push(sql`calendar_id = ${input.calendarId}`);
      if (input.teamId !== undefined) sets.push(sql`team_id = ${input.teamId}`);
      const result = await tx.execute(
        sql`UPDATE routing_queues SET ${sql.join(sets, sql`, `)} WHERE id = ${id} RETURNING *`,
      );
      const row = result.rows[0] as Record<string, unknown> | undefined;
      if (!row) throw new AppError('ROUTING_QUEUE_NOT_FOUND', 404);
      // Contacts already waiting take the queue's new skill requirement.
      if (input.requiredSkills) {
        await tx.execute(sql`UPDATE routing_work_items SET required_skills = ${json(input.requiredSkills)}
          WHERE queue_id = ${id} AND status = 'waiting' AND overflow_step = 0`);
      }
      await audit.record(tx, {
        actorId: actor.userId,
        actorName: actor.username,
        action: 'routing.queue_updated',
        targetType: 'queue',
        targetId: id,
        ip: actor.ip,
        details: { changed: Object.keys(input) },
      });
      return queueView(row);
    });
  }

  /**
   * Applies queues' overflow rules to contacts that have waited long enough: `widen` drops skills
   * from the requirement, `move` sends the contact to another queue (keeping its priority and
   * enqueue time; a moved contact does not overflow again, so two queues never bounce it back and
   * forth). One process at a time (advisory lock). Returns how many contacts changed.
   */
  async function applyOverflow(): Promise<number> {
    return db.transaction(async (tx) => {
      const lock = await tx.execute(
        sql`SELECT pg_try_advisory_xact_lock(hashtext('routing_overflow')) AS ok`,
      );
      if (!(lock.rows[0] as { ok: boolean }).ok) return 0;
      const withRules = await tx.execute(
        sql`SELECT id, overflow FROM routing_queues WHERE overflow <> '[]'::jsonb`,
      );
      const now = clock.now();
      let changed = 0;
      for (const q of withRules.rows as { id: string; overflow: OverflowRule[] }[]) {
        const rules = [...q.overflow].sort((a, b) => a.afterSeconds - b.afterSeconds);
        for (const [step, rule] of rules.entries()) {
          const cutoff = new Date(now.getTime() - rule.afterSeconds * 1000);
          const due = sql`queue_id = ${q.id} AND status = 'waiting' AND overflow_step = ${step} AND enqueued_at <= ${cutoff}`;
          let rows: ItemRow[];
          if (rule.action === 'widen') {
            const drop = `{${(rule.dropSkillIds ?? []).join(',')}}`;
            const result = await tx.execute(sql`UPDATE routing_work_items w SET
                required_skills = coalesce((SELECT jsonb_agg(e) FROM jsonb_array_elements(w.required_skills) e
                  WHERE NOT (e->>'skillId' = ANY(${drop}::text[]))), '[]'::jsonb),
                overflow_step = ${step + 1}, version = version + 1
              WHERE ${due} RETURNING *`);
            rows = result.rows as unknown as ItemRow[];
          } else {
            if (!rule.toQueueId) continue;
            const target = await getQueue(tx, rule.toQueueId);
            const result = await tx.execute(sql`UPDATE routing_work_items SET queue_id = ${target.id},
                required_skills = ${JSON.stringify(target.required_skills)}::jsonb,
                overflow_step = ${OVERFLOW_MOVED}, version = version + 1
              WHERE ${due} RETURNING *`);
            rows = result.rows as unknown as ItemRow[];
          }
          changed += rows.length;
          await events.publishMany(
            tx,
            rows.map((item) => ({
              type: ROUTING_EVENTS.overflowed,
              payload: {
                ...payloadOf(item, null, rule.action),
                fromQueueId: q.id,
                toQueueId: rule.action === 'move' ? item.queue_id : null,
              },
              audience: audienceOf(null),
            })),
          );
        }
      }
      return changed;
    });
  }

  return {
    applyOverflow,
    queueAvailability,
    listQueues,
    getQueueView,
    updateQueue,
    heartbeat,
    sweepDisconnected,
    queueBoard,
    agentBoard,
    queueAgentStates,
    transferToAgent,
    transferToQueue,
    createQueue,
    getAgentState,
    listOffers,
    enqueue,
    routeOnce,
    routeBatch,
    accept,
    reject,
    expireOffers,
    end,
    requeueAgentWork,
    setAgentState,
    setCapacity,
    changeCapacity,
    syncAgentSkills,
  };
}

export type RoutingService = ReturnType<typeof createRoutingService>;
