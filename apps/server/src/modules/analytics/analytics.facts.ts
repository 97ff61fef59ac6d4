import { sql } from 'drizzle-orm';
import { type AgentStateChangedPayload, ANALYTICS_INPUT_EVENTS } from '#contracts/analytics-inputs.ts';
import type { DbOrTx } from '../../platform/db.ts';
import type { createEvents, StoredEvent } from '../../platform/events.ts';
import { CONVERSATION_EVENTS, type ConversationStepPayload } from '../conversations/index.ts';
import { registerCaseAndBranchListeners } from './analytics.case-facts.ts';
import { refreshBucketOf } from './analytics.rollups.ts';

type Events = ReturnType<typeof createEvents>;

/** The conversation events the contact facts are built from. */
export const FACT_EVENT_TYPES = [
  CONVERSATION_EVENTS.queued,
  CONVERSATION_EVENTS.assigned,
  CONVERSATION_EVENTS.transferred,
  CONVERSATION_EVENTS.abandoned,
  CONVERSATION_EVENTS.wrappedUp,
  CONVERSATION_EVENTS.closed,
  CONVERSATION_EVENTS.rated,
  // A survey's CSAT answer about a contact is its rating too (the last answer wins).
  ANALYTICS_INPUT_EVENTS.feedbackSubmitted,
] as const;

type StepPayload = ConversationStepPayload & {
  rating?: number;
  toQueueId?: string | null;
  kind?: string;
  score?: number | null;
};

/**
 * Applies one event to the contact facts. Every statement is guarded by `last_position < position`,
 * so applying an event twice, or replaying the log over built facts, changes nothing; the segment
 * rows are keyed by event id for the same reason.
 */
export async function applyFactEvent(
  tx: DbOrTx,
  event: Pick<StoredEvent, 'id' | 'type' | 'payload' | 'position'>,
): Promise<void> {
  const p = event.payload as StepPayload;
  const pos = event.position;
  const fresh = sql`analytics_contact_facts.last_position < ${pos}`;
  let previousQueueId: string | null | undefined;
  if (event.type === CONVERSATION_EVENTS.transferred && p.toQueueId) {
    const before = await tx.execute(
      sql`SELECT queue_id FROM analytics_contact_facts WHERE conversation_id = ${p.conversationId}`,
    );
    previousQueueId = (before.rows[0] as { queue_id: string | null } | undefined)?.queue_id;
  }
  await applyToFacts(tx, event, p, fresh);
  if (!p.conversationId) return;
  // The contact's hourly bucket follows (and the queue it left, after a transfer to another queue).
  await refreshBucketOf(tx, p.conversationId, previousQueueId);
}

async function applyToFacts(
  tx: DbOrTx,
  event: Pick<StoredEvent, 'id' | 'type' | 'payload' | 'position'>,
  p: StepPayload,
  fresh: ReturnType<typeof sql>,
): Promise<void> {
  const at = p.at;
  const pos = event.position;
  switch (event.type) {
    case CONVERSATION_EVENTS.queued:
      await tx.execute(sql`INSERT INTO analytics_contact_facts
          (conversation_id, channel, queue_id, customer_id, offered_at, last_position)
        VALUES (${p.conversationId}, ${p.channel}, ${p.queueId}, ${p.customerId}, ${at}, ${pos})
        ON CONFLICT (conversation_id) DO UPDATE SET queue_id = EXCLUDED.queue_id, last_position = EXCLUDED.last_position
        WHERE ${fresh}`);
      return;
    case CONVERSATION_EVENTS.assigned:
      await tx.execute(sql`UPDATE analytics_contact_facts SET
          answered_at = coalesce(answered_at, ${at}::timestamptz),
          wait_seconds = coalesce(wait_seconds, ${Math.round(p.waitSeconds ?? 0)}),
          agent_id = ${p.agentId}, first_agent_id = coalesce(first_agent_id, ${p.agentId}::uuid),
          last_position = ${pos}
        WHERE conversation_id = ${p.conversationId} AND ${fresh}`);
      await startSegment(tx, event.id, p);
      return;
    case CONVERSATION_EVENTS.transferred:
      await tx.execute(sql`UPDATE analytics_contact_facts SET transfers = transfers + 1,
          agent_id = coalesce(${p.agentId}::uuid, agent_id), queue_id = coalesce(${p.toQueueId ?? null}::uuid, queue_id),
          last_position = ${pos}
        WHERE conversation_id = ${p.conversationId} AND ${fresh}`);
      await endSegments(tx, p);
      if (p.agentId) await startSegment(tx, event.id, p);
      return;
    case CONVERSATION_EVENTS.abandoned:
      await tx.execute(sql`UPDATE analytics_contact_facts SET
          abandoned_at = CASE WHEN answered_at IS NULL THEN ${at}::timestamptz END,
          closed_at = ${at}::timestamptz,
          wait_seconds = CASE WHEN answered_at IS NULL THEN ${Math.round(p.waitSeconds ?? 0)} ELSE wait_seconds END,
          handle_seconds = CASE WHEN answered_at IS NOT NULL
            THEN extract(epoch FROM ${at}::timestamptz - answered_at)::int END,
          last_position = ${pos}
        WHERE conversation_id = ${p.conversationId} AND ${fresh}`);
      await endSegments(tx, p);
      return;
    case CONVERSATION_EVENTS.wrappedUp:
      await tx.execute(sql`UPDATE analytics_contact_facts SET wrapped_at = ${at}::timestamptz, last_position = ${pos}
        WHERE conversation_id = ${p.conversationId} AND ${fresh}`);
      return;
    case CONVERSATION_EVENTS.closed:
      // The contact reason is recorded at wrap-up on the conversation itself.
      await tx.execute(sql`UPDATE analytics_contact_facts f SET closed_at = ${at}::timestamptz,
          handle_seconds = CASE WHEN f.answered_at IS NOT NULL
            THEN extract(epoch FROM ${at}::timestamptz - f.answered_at)::int END,
          reason_id = (SELECT c.contact_reason_id FROM conversations c WHERE c.id = f.conversation_id),
          last_position = ${pos}
        WHERE f.conversation_id = ${p.conversationId} AND f.last_position < ${pos}`);
      await endSegments(tx, p);
      return;
    case ANALYTICS_INPUT_EVENTS.feedbackSubmitted:
      if (p.kind !== 'csat' || typeof p.score !== 'number' || !p.conversationId) return;
      await tx.execute(sql`UPDATE analytics_contact_facts SET rating = ${p.score}, last_position = ${pos}
        WHERE conversation_id = ${p.conversationId} AND ${fresh}`);
      return;
    case CONVERSATION_EVENTS.rated:
      await tx.execute(sql`UPDATE analytics_contact_facts SET rating = ${p.rating ?? null}, last_position = ${pos}
        WHERE conversation_id = ${p.conversationId} AND ${fresh}`);
      return;
  }
}

async function startSegment(tx: DbOrTx, eventId: string, p: StepPayload): Promise<void> {
  if (!p.agentId) return;
  await tx.execute(sql`INSERT INTO analytics_handle_segments (event_id, conversation_id, agent_id, started_at)
    VALUES (${eventId}, ${p.conversationId}, ${p.agentId}, ${p.at}) ON CONFLICT (event_id) DO NOTHING`);
}

async function endSegments(tx: DbOrTx, p: StepPayload): Promise<void> {
  await tx.execute(sql`UPDATE analytics_handle_segments SET ended_at = ${p.at}::timestamptz
    WHERE conversation_id = ${p.conversationId} AND ended_at IS NULL AND started_at <= ${p.at}::timestamptz`);
}

/** Records an agent's state change (insert-only, keyed by event id: a replay changes nothing). */
export async function applyAgentStateEvent(
  tx: DbOrTx,
  event: Pick<StoredEvent, 'id' | 'payload'>,
): Promise<void> {
  const p = event.payload as Partial<AgentStateChangedPayload>;
  if (!p.userId || !p.state || !p.since) return;
  await tx.execute(sql`INSERT INTO analytics_agent_state_facts (event_id, agent_id, state, reason, since)
    VALUES (${event.id}, ${p.userId}, ${p.state}, ${p.reason ?? null}, ${p.since}) ON CONFLICT (event_id) DO NOTHING`);
}

/**
 * The durable listeners: one per event type, each name a stable idempotency key. Customer messages
 * have none on purpose (a chat message must not wake analytics): analytics.message-copies.ts
 * copies them in batches.
 */
export function registerAnalyticsListeners(deps: { events: Events }): void {
  for (const type of FACT_EVENT_TYPES) {
    deps.events.on(type, `analytics.facts_${type.split('.')[1]}`, (event, tx) => applyFactEvent(tx, event));
  }
  deps.events.on(ANALYTICS_INPUT_EVENTS.agentStateChanged, 'analytics.agent_states', (event, tx) =>
    applyAgentStateEvent(tx, event),
  );
  registerCaseAndBranchListeners(deps);
}
