import { sql } from 'drizzle-orm';
import { ANALYTICS_INPUT_EVENTS } from '#contracts/analytics-inputs.ts';
import type { Db, DbOrTx } from '../../platform/db.ts';
import { CONVERSATION_EVENTS } from '../conversations/index.ts';
import {
  applyBranchFeedbackEvent,
  applyCaseEvent,
  applyTicketEvent,
  CASE_FACT_EVENT_TYPES,
  TICKET_FACT_EVENT_TYPES,
} from './analytics.case-facts.ts';
import { FACT_EVENT_TYPES } from './analytics.facts.ts';
import { refreshRollups } from './analytics.rollups.ts';

/** Rebuild chunks: conversations by the first hex digit of their id (16 steps of the progress bar). */
const CHUNKS = '0123456789abcdef'.split('');

/**
 * Rebuilds the facts from the event log in set-based SQL: the same result as applying every event in
 * order through `applyFactEvent` (the integration test compares the two), but one statement per
 * chunk instead of one per event. The relevant events are copied once into a temporary table indexed
 * by conversation; each chunk then folds its conversations' events:
 * - offered_at, channel, customer: the first `queued`; queue: the last of `queued` / a transfer to a queue;
 * - answered_at, wait, first agent: the first `assigned`; agent: the last of `assigned` / transfers;
 * - abandoned: the last `abandoned`, when no `assigned` came before it; closed: the last close or abandon;
 * - handle = close − answer; transfers = number of `transferred`; rating = the last `rated`;
 * - segments: each `assigned` or `transferred` with an agent starts one, ended by the next transfer,
 *   abandon or close after it.
 *
 * Case, ticket and branch feedback facts are rebuilt by replaying their events in log order through
 * the listeners' own functions (the last progress step): far fewer events than contacts, and the
 * same code path keeps the two results equal by construction.
 */
export async function rebuildFromLog(
  db: Db,
  onProgress?: (done: number, total: number) => void,
): Promise<{ events: number }> {
  const types = [...FACT_EVENT_TYPES, CONVERSATION_EVENTS.messageCreated];
  return db.transaction(async (tx) => {
    await tx.execute(sql`CREATE TEMP TABLE rebuild_events ON COMMIT DROP AS
      SELECT position, id, type, (payload->>'conversationId')::uuid AS cid, payload
        FROM outbox WHERE type IN (${sql.join(
          types.map((t) => sql`${t}`),
          sql`, `,
        )})`);
    await tx.execute(sql`CREATE INDEX ON rebuild_events (cid, position)`);
    await tx.execute(sql`ANALYZE rebuild_events`);
    const count = await tx.execute(sql`SELECT count(*)::int AS n FROM rebuild_events`);
    const total = (count.rows[0] as { n: number }).n;
    await tx.execute(sql`TRUNCATE analytics_contact_facts, analytics_handle_segments`);
    // A bulk load: the secondary indexes are built once at the end rather than kept up row by row
    // (TRUNCATE already holds the tables exclusively until commit, so no reader sees them missing).
    await tx.execute(sql`SET LOCAL work_mem = '64MB'`);
    const indexes = await dropSecondaryIndexes(tx, ['analytics_contact_facts', 'analytics_handle_segments']);
    const steps = CHUNKS.length + 1;
    onProgress?.(0, steps);
    for (const [i, digit] of CHUNKS.entries()) {
      const from = `${digit}0000000-0000-0000-0000-000000000000`;
      const range =
        digit === 'f'
          ? sql`cid >= ${from}::uuid`
          : sql`cid >= ${from}::uuid AND cid < ${`${CHUNKS[i + 1]}0000000-0000-0000-0000-000000000000`}::uuid`;
      await foldChunk(tx, range);
      onProgress?.(i + 1, steps);
    }
    for (const definition of indexes) await tx.execute(sql.raw(definition));
    // Message copies are insert-only and kept (they may hold history no event describes).
    await tx.execute(sql`INSERT INTO analytics_message_facts (message_id, conversation_id, at, language, body)
      SELECT m.id, m.conversation_id, m.created_at, c.language, m.body
        FROM rebuild_events e
        JOIN conversation_messages m ON m.id = (e.payload->>'messageId')::uuid
        JOIN conversations c ON c.id = m.conversation_id
       WHERE e.type = ${CONVERSATION_EVENTS.messageCreated} AND e.payload->>'authorType' = 'customer'
         AND e.payload->>'kind' = 'text' AND NOT coalesce((e.payload->>'internal')::boolean, false) AND m.body <> ''
      ON CONFLICT (message_id) DO NOTHING`);
    await refreshRollups(tx, null, null);
    const other = await replayCaseAndBranchEvents(tx);
    // Agent states are insert-only rows keyed by event id: copied straight from the log.
    await tx.execute(sql`TRUNCATE analytics_agent_state_facts`);
    const states =
      await tx.execute(sql`INSERT INTO analytics_agent_state_facts (event_id, agent_id, state, reason, since)
      SELECT id, (payload->>'userId')::uuid, payload->>'state', payload->>'reason', (payload->>'since')::timestamptz
        FROM outbox WHERE type = ${ANALYTICS_INPUT_EVENTS.agentStateChanged}
          AND payload->>'userId' IS NOT NULL AND payload->>'state' IS NOT NULL AND payload->>'since' IS NOT NULL`);
    onProgress?.(steps, steps);
    return { events: total + other + (states.rowCount ?? 0) };
  });
}

async function foldChunk(tx: DbOrTx, range: ReturnType<typeof sql>): Promise<void> {
  const t = {
    queued: CONVERSATION_EVENTS.queued,
    assigned: CONVERSATION_EVENTS.assigned,
    transferred: CONVERSATION_EVENTS.transferred,
    abandoned: CONVERSATION_EVENTS.abandoned,
    wrapped: CONVERSATION_EVENTS.wrappedUp,
    closed: CONVERSATION_EVENTS.closed,
    rated: CONVERSATION_EVENTS.rated,
    feedback: ANALYTICS_INPUT_EVENTS.feedbackSubmitted,
  };
  await tx.execute(sql`
    WITH ev AS (
      SELECT cid, position, type, payload, lpad(position::text, 19, '0') AS k FROM rebuild_events
       WHERE ${range} AND type <> ${CONVERSATION_EVENTS.messageCreated}
         AND (type <> ${t.feedback} OR (payload->>'kind' = 'csat' AND payload->>'score' IS NOT NULL))
    ), agg AS (
      -- First and last values without ordered aggregates (which sort once per aggregate and
      -- conversation): each value is keyed by its zero-padded position, min() is the first, max() the
      -- last; '' keeps a NULL value a candidate, and nullif() gives it back.
      SELECT cid,
        min(k || coalesce(payload->>'channel', '')) FILTER (WHERE type = ${t.queued}) AS channel,
        min(k || coalesce(payload->>'customerId', '')) FILTER (WHERE type = ${t.queued}) AS customer_id,
        min(position) FILTER (WHERE type = ${t.queued}) AS first_queued,
        min(k || coalesce(payload->>'at', '')) FILTER (WHERE type = ${t.queued}) AS offered_at,
        max(k || coalesce(CASE WHEN type = ${t.queued} THEN payload->>'queueId' ELSE payload->>'toQueueId' END, ''))
          FILTER (WHERE type = ${t.queued} OR (type = ${t.transferred} AND payload->>'toQueueId' IS NOT NULL)) AS queue_id,
        min(position) FILTER (WHERE type = ${t.assigned}) AS first_assigned,
        min(k || coalesce(payload->>'at', '')) FILTER (WHERE type = ${t.assigned}) AS answered_at,
        min(k || coalesce(round((payload->>'waitSeconds')::numeric)::text, '')) FILTER (WHERE type = ${t.assigned}) AS answer_wait,
        min(k || coalesce(payload->>'agentId', '')) FILTER (WHERE type = ${t.assigned}) AS first_agent_id,
        max(k || (payload->>'agentId')) FILTER (WHERE (type = ${t.assigned} OR type = ${t.transferred}) AND payload->>'agentId' IS NOT NULL) AS agent_id,
        count(*) FILTER (WHERE type = ${t.transferred})::int AS transfers,
        max(position) FILTER (WHERE type = ${t.abandoned}) AS abandon_pos,
        max(k || coalesce(payload->>'at', '')) FILTER (WHERE type = ${t.abandoned}) AS abandon_at,
        max(k || coalesce(round((payload->>'waitSeconds')::numeric)::text, '')) FILTER (WHERE type = ${t.abandoned}) AS abandon_wait,
        max(k || coalesce(payload->>'at', '')) FILTER (WHERE type = ${t.wrapped}) AS wrapped_at,
        max(k || coalesce(payload->>'at', '')) FILTER (WHERE type = ${t.closed} OR type = ${t.abandoned}) AS closed_at,
        bool_or(type = ${t.closed}) AS was_closed,
        max(k || coalesce(coalesce(payload->>'rating', payload->>'score')::int::text, ''))
          FILTER (WHERE type = ${t.rated} OR type = ${t.feedback}) AS rating,
        max(position) AS last_position
      FROM ev GROUP BY cid
    ), folded AS (
      SELECT cid, nullif(substr(channel, 20), '') AS channel, nullif(substr(customer_id, 20), '')::uuid AS customer_id,
        first_queued, nullif(substr(offered_at, 20), '')::timestamptz AS offered_at,
        nullif(substr(queue_id, 20), '')::uuid AS queue_id, first_assigned,
        nullif(substr(answered_at, 20), '')::timestamptz AS answered_at,
        nullif(substr(answer_wait, 20), '')::int AS answer_wait,
        nullif(substr(first_agent_id, 20), '')::uuid AS first_agent_id,
        nullif(substr(agent_id, 20), '')::uuid AS agent_id, transfers, abandon_pos,
        nullif(substr(abandon_at, 20), '')::timestamptz AS abandon_at,
        nullif(substr(abandon_wait, 20), '')::int AS abandon_wait,
        nullif(substr(wrapped_at, 20), '')::timestamptz AS wrapped_at,
        nullif(substr(closed_at, 20), '')::timestamptz AS closed_at, was_closed,
        nullif(substr(rating, 20), '')::int AS rating, last_position
      FROM agg
    )
    INSERT INTO analytics_contact_facts (conversation_id, channel, queue_id, agent_id, first_agent_id, customer_id, reason_id,
      offered_at, answered_at, abandoned_at, wrapped_at, closed_at, wait_seconds, handle_seconds, transfers, rating, last_position)
    SELECT f.cid, f.channel, f.queue_id,
      CASE WHEN f.first_assigned > f.first_queued THEN f.agent_id END,
      CASE WHEN f.first_assigned > f.first_queued THEN f.first_agent_id END,
      f.customer_id,
      CASE WHEN f.was_closed THEN (SELECT c.contact_reason_id FROM conversations c WHERE c.id = f.cid) END,
      f.offered_at, a.answered_at,
      CASE WHEN a.answered_at IS NULL OR coalesce(f.abandon_pos < f.first_assigned, false) THEN f.abandon_at END,
      f.wrapped_at, f.closed_at,
      CASE WHEN a.answered_at IS NOT NULL AND NOT coalesce(f.abandon_pos < f.first_assigned, false)
        THEN f.answer_wait ELSE f.abandon_wait END,
      CASE WHEN a.answered_at IS NOT NULL AND f.closed_at IS NOT NULL
        THEN extract(epoch FROM f.closed_at - a.answered_at)::int END,
      f.transfers, f.rating, f.last_position
    FROM folded f
    CROSS JOIN LATERAL (SELECT CASE WHEN f.first_assigned > f.first_queued THEN f.answered_at END AS answered_at) a
    WHERE f.first_queued IS NOT NULL`);
  // Each segment ends at the first transfer, abandon or close after it (the same zero-padded key).
  await tx.execute(sql`
    INSERT INTO analytics_handle_segments (event_id, conversation_id, agent_id, started_at, ended_at)
    SELECT s.id, s.cid, (s.payload->>'agentId')::uuid, (s.payload->>'at')::timestamptz,
      nullif(substr(s.next_end, 20), '')::timestamptz
    FROM (
      SELECT id, cid, type, payload,
        min(CASE WHEN type IN (${t.transferred}, ${t.abandoned}, ${t.closed})
              THEN lpad(position::text, 19, '0') || coalesce(payload->>'at', '') END)
          OVER (PARTITION BY cid ORDER BY position ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS next_end
      FROM rebuild_events
      WHERE ${range} AND type IN (${t.assigned}, ${t.transferred}, ${t.abandoned}, ${t.closed})
    ) s
    WHERE s.type IN (${t.assigned}, ${t.transferred}) AND s.payload->>'agentId' IS NOT NULL
      AND EXISTS (SELECT 1 FROM analytics_contact_facts f WHERE f.conversation_id = s.cid)`);
}

/** Drops the tables' indexes other than their primary keys; returns their definitions. */
async function dropSecondaryIndexes(tx: DbOrTx, tables: string[]): Promise<string[]> {
  const found = await tx.execute(sql`SELECT i.indexname, i.indexdef FROM pg_indexes i
    WHERE i.schemaname = current_schema() AND i.tablename IN (${sql.join(
      tables.map((t) => sql`${t}`),
      sql`, `,
    )})
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`);
  const rows = found.rows as { indexname: string; indexdef: string }[];
  for (const r of rows) await tx.execute(sql`DROP INDEX ${sql.identifier(r.indexname)}`);
  return rows.map((r) => r.indexdef);
}

/** Page size of the case/ticket replay (keyset on position). */
const REPLAY_PAGE = 2000;

async function replayCaseAndBranchEvents(tx: DbOrTx): Promise<number> {
  await tx.execute(sql`TRUNCATE analytics_case_facts, analytics_ticket_facts, analytics_branch_feedback`);
  const caseTypes = new Set<string>(CASE_FACT_EVENT_TYPES);
  const ticketTypes = new Set<string>(TICKET_FACT_EVENT_TYPES);
  const types = [...caseTypes, ...ticketTypes, ANALYTICS_INPUT_EVENTS.feedbackSubmitted];
  let after = 0;
  let count = 0;
  for (;;) {
    const page = await tx.execute(sql`SELECT position, id, type, payload, created_at FROM outbox
      WHERE position > ${after} AND type IN (${sql.join(
        types.map((t) => sql`${t}`),
        sql`, `,
      )}) ORDER BY position LIMIT ${REPLAY_PAGE}`);
    const rows = page.rows as {
      position: string | number;
      id: string;
      type: string;
      payload: unknown;
      created_at: string;
    }[];
    for (const r of rows) {
      const event = {
        id: r.id,
        type: r.type,
        payload: r.payload,
        position: Number(r.position),
        createdAt: new Date(r.created_at),
      };
      if (caseTypes.has(r.type)) await applyCaseEvent(tx, event);
      else if (ticketTypes.has(r.type)) await applyTicketEvent(tx, event);
      else await applyBranchFeedbackEvent(tx, event);
      count++;
    }
    if (rows.length < REPLAY_PAGE) return count;
    after = Number(rows.at(-1)?.position);
  }
}
