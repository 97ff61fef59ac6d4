import { sql } from 'drizzle-orm';
import type { CustomerContact } from '#contracts/customers.ts';
import type { Clock } from '../../platform/clock.ts';
import { type Db, type DbOrTx, runPrepared, type Tx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { Audience, Events } from '../../platform/events.ts';
import type { Ids } from '../../platform/ids.ts';
import { maskPans } from '../../platform/masking.ts';
import { ROUTING_EVENTS, type RoutingService } from '../routing/index.ts';
import {
  CONVERSATION_EVENTS,
  type ConversationStepPayload,
  type MessageCreatedPayload,
  type OutboundMessagePayload,
} from './conversations.events.ts';
import type { ContactReasons } from './conversations.reasons.ts';
import type { ConversationStatus } from './conversations.schema.ts';
import { canTransition, isAbandonment } from './conversations.state.ts';

export const MAX_MESSAGE_LENGTH = 10_000;

export interface ConversationRow {
  id: string;
  site_id: string | null;
  rating: number | null;
  topic: string | null;
  contact_name: string | null;
  tags: string[];
  created_at: string;
  last_message_at: string | null;
  channel: string;
  status: ConversationStatus;
  customer_id: string | null;
  visitor_id: string | null;
  queue_id: string | null;
  assignee_id: string | null;
  language: string;
  priority: number;
  queued_at: string | null;
  next_seq: number;
  contact_reason_id: string | null;
  customer_read_seq: number;
  agent_read_seq: number;
}

/** Tags as stored: trimmed, lower-case, no duplicates, in the order given; undefined when none sent. */
export function normalizeTags(tags: string[] | undefined): string[] | undefined {
  if (!tags) return undefined;
  return [...new Set(tags.map((t) => t.trim().toLowerCase().replace(/\s+/g, '-')).filter(Boolean))];
}

export interface Message {
  id: string;
  conversationId: string;
  seq: number;
  authorType: 'customer' | 'agent' | 'system' | 'bot';
  authorId: string | null;
  kind: 'text' | 'attachment' | 'note' | 'event';
  clientId: string | null;
  body: string;
  /** Set on messages of kind `attachment`: the stored file (conversations.attachments.ts). */
  attachment: { id: string; name: string; contentType: string; size: number } | null;
  mentions: string[];
  createdAt: string;
}

export interface StartInput {
  channel: string;
  queueId: string;
  language: string;
  customerId?: string | null;
  visitorId?: string | null;
  siteId?: string | null;
  topic?: string | null;
  priority?: number;
  contactName?: string | null;
  contactPhone?: string | null;
  contactEmail?: string | null;
  /** No agent can take it now (after hours): keep it as a message for later. */
  offline?: boolean;
}

interface MessageRow {
  id: string;
  conversation_id: string;
  seq: number;
  author_type: Message['authorType'];
  author_id: string | null;
  kind: Message['kind'];
  client_id: string | null;
  body: string;
  attachment: Message['attachment'];
  mentions: string[];
  created_at: string;
}

/** A row of the post-message statement: the conversation, and the message when one was written. */
type PostedRow = Partial<MessageRow> & {
  c_id: string;
  c_status: ConversationStatus;
  c_visitor_id: string | null;
  /** Whether `onlyAgent` (when given) works the conversation: its assignee, or routing's. */
  c_agent_ok: boolean;
};

const toMessage = (r: MessageRow): Message => ({
  id: r.id,
  conversationId: r.conversation_id,
  seq: r.seq,
  authorType: r.author_type,
  authorId: r.author_id,
  kind: r.kind,
  clientId: r.client_id,
  body: r.body,
  attachment: r.attachment,
  mentions: r.mentions,
  createdAt: new Date(r.created_at).toISOString(),
});

/**
 * Channel-agnostic threads. Every message is masked for card numbers before it is stored, and
 * idempotent by its sender's client id; the caller is acknowledged only after commit.
 */
export function createConversationsService(deps: {
  db: Db;
  ids: Ids;
  clock: Clock;
  events: Events;
  routing: RoutingService;
  reasons: ContactReasons;
}) {
  const { db, ids, clock, events, routing, reasons } = deps;

  /** Who sees a conversation's events: its agent, supervisors, and the customer's stream. */
  const audienceOf = (c: Pick<ConversationRow, 'assignee_id'>): Audience => ({
    permissions: ['supervisor.view'],
    ...(c.assignee_id ? { users: [c.assignee_id] } : {}),
  });

  async function lock(tx: Tx, id: string): Promise<ConversationRow> {
    const result = await tx.execute(sql`SELECT * FROM conversations WHERE id = ${id} FOR UPDATE`);
    const row = result.rows[0] as unknown as ConversationRow | undefined;
    if (!row) throw new AppError('CONVERSATION_NOT_FOUND', 404);
    return row;
  }

  function step(c: ConversationRow, agentId: string | null): ConversationStepPayload {
    const now = clock.now();
    return {
      conversationId: c.id,
      channel: c.channel,
      queueId: c.queue_id,
      agentId,
      customerId: c.customer_id,
      at: now.toISOString(),
      waitSeconds: c.queued_at ? Math.max(0, (now.getTime() - new Date(c.queued_at).getTime()) / 1000) : null,
    };
  }

  async function transition(
    tx: Tx,
    c: ConversationRow,
    to: ConversationStatus,
    fields: Record<string, unknown> = {},
  ): Promise<ConversationRow> {
    if (c.status === to && Object.keys(fields).length === 0) return c;
    if (c.status !== to && !canTransition(c.status, to)) {
      throw new AppError('CONVERSATION_INVALID_TRANSITION', 409, undefined, { from: c.status, to });
    }
    const sets = [sql`status = ${to}`, sql`version = version + 1`];
    for (const [column, value] of Object.entries(fields))
      sets.push(sql`${sql.identifier(column)} = ${value}`);
    const result = await tx.execute(
      sql`UPDATE conversations SET ${sql.join(sets, sql`, `)} WHERE id = ${c.id} RETURNING *`,
    );
    return result.rows[0] as unknown as ConversationRow;
  }

  /** Who served this customer (or this visitor) last, and when: routing's sticky agent. */
  async function lastServed(
    tx: Tx,
    input: { customerId?: string | null; visitorId?: string | null },
  ): Promise<{ agentId: string; at: Date } | null> {
    const who = input.customerId
      ? sql`customer_id = ${input.customerId}`
      : input.visitorId
        ? sql`visitor_id = ${input.visitorId}`
        : null;
    if (!who) return null;
    const result = await tx.execute(sql`SELECT assignee_id, coalesce(closed_at, wrap_up_at, accepted_at) AS at
      FROM conversations WHERE ${who} AND assignee_id IS NOT NULL ORDER BY created_at DESC LIMIT 1`);
    const row = result.rows[0] as { assignee_id: string; at: string | null } | undefined;
    return row?.at ? { agentId: row.assignee_id, at: new Date(row.at) } : null;
  }

  /** Opens a conversation and puts it in its queue (or keeps it as an offline message). */
  async function startConversation(input: StartInput): Promise<{ id: string; status: ConversationStatus }> {
    return db.transaction(async (tx) => {
      const id = ids.uuid();
      const now = clock.now();
      await tx.execute(sql`INSERT INTO conversations (id, channel, status, customer_id, visitor_id, site_id, queue_id, priority,
          language, topic, contact_name, contact_phone, contact_email, created_at, queued_at)
        VALUES (${id}, ${input.channel}, 'queued', ${input.customerId ?? null}, ${input.visitorId ?? null}, ${input.siteId ?? null},
          ${input.queueId}, ${input.priority ?? 0}, ${input.language}, ${input.topic ?? null},
          ${input.contactName ? maskPans(input.contactName) : null}, ${input.contactPhone ?? null}, ${input.contactEmail ?? null},
          ${now}, ${now})`);
      let c = await lock(tx, id);
      await events.publish<ConversationStepPayload>(tx, {
        type: CONVERSATION_EVENTS.created,
        payload: step(c, null),
        audience: audienceOf(c),
      });
      const last = await lastServed(tx, input);
      const queued = input.offline
        ? 'queue_full'
        : await routing.enqueue(tx, {
            kind: 'conversation',
            refId: id,
            queueId: input.queueId,
            channel: input.channel,
            priority: input.priority ?? 0,
            language: input.language,
            stickyAgentId: last?.agentId ?? null,
            lastServedAt: last?.at ?? null,
          });
      if (queued === 'queue_full' || queued === 'closed') {
        c = await transition(tx, c, 'waiting_offline');
      } else {
        await events.publish<ConversationStepPayload>(tx, {
          type: CONVERSATION_EVENTS.queued,
          payload: step(c, null),
          audience: audienceOf(c),
        });
      }
      return { id, status: c.status };
    });
  }

  /** A customer's contacts in every channel, newest first: the timeline of the customer 360. */
  async function listForCustomer(customerId: string, limit = 30): Promise<CustomerContact[]> {
    const result = await db.execute(sql`SELECT c.id, c.channel, c.status, c.topic, c.created_at, c.closed_at,
        c.rating, u.display_name AS agent_name, r.code AS reason_code, r.names AS reason_names
      FROM conversations c
      LEFT JOIN users u ON u.id = c.assignee_id
      LEFT JOIN contact_reasons r ON r.id = c.contact_reason_id
      WHERE c.customer_id = ${customerId} ORDER BY c.created_at DESC LIMIT ${limit}`);
    return (
      result.rows as {
        id: string;
        channel: string;
        status: string;
        topic: string | null;
        created_at: string;
        closed_at: string | null;
        rating: number | null;
        agent_name: string | null;
        reason_code: string | null;
        reason_names: Record<string, string> | null;
      }[]
    ).map((r) => ({
      id: r.id,
      channel: r.channel,
      status: r.status,
      topic: r.topic,
      createdAt: new Date(r.created_at).toISOString(),
      closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null,
      agentName: r.agent_name,
      contactReason: r.reason_code ? { code: r.reason_code, names: r.reason_names ?? {} } : null,
      rating: r.rating,
    }));
  }

  /**
   * The queue's wrap-up time is how long after-contact work may hold the agent's place: past it,
   * the place is freed for new contacts (the conversation stays in wrap-up until the agent records
   * the contact reason). Returns how many places were freed; runs every minute.
   */
  async function expireWrapUps(limit = 500): Promise<number> {
    const due = await db.execute(sql`SELECT w.id FROM conversations c
      JOIN routing_queues q ON q.id = c.queue_id
      JOIN routing_work_items w ON w.kind = 'conversation' AND w.ref_id = c.id AND w.status = 'assigned'
      WHERE c.status = 'wrap_up' AND c.wrap_up_at + make_interval(secs => q.wrap_up_seconds) <= ${clock.now()}
      LIMIT ${limit}`);
    for (const { id } of due.rows as { id: string }[]) {
      await db.transaction((tx) => routing.end(tx, id, 'wrap_up_timeout'));
    }
    return due.rows.length;
  }

  /**
   * Messages taken while a queue could not serve (after hours, nobody on duty, queue full) become
   * live contacts once it can: oldest first, at most `limit` per queue per run (a minute's job).
   * Their wait for the KPIs starts now: the night before is not an answer time.
   */
  async function releaseOffline(limit = 200): Promise<number> {
    const queues = await db.execute(sql`SELECT DISTINCT queue_id FROM conversations
      WHERE status = 'waiting_offline' AND queue_id IS NOT NULL`);
    let released = 0;
    for (const { queue_id } of queues.rows as { queue_id: string }[]) {
      const { open, availableAgents } = await routing.queueAvailability(queue_id);
      if (!open || availableAgents === 0) continue;
      const due = await db.execute(sql`SELECT id FROM conversations WHERE status = 'waiting_offline'
        AND queue_id = ${queue_id} ORDER BY created_at LIMIT ${limit}`);
      for (const { id } of due.rows as { id: string }[]) {
        const outcome = await db.transaction(async (tx) => {
          const c = await lock(tx, id);
          if (c.status !== 'waiting_offline' || !c.queue_id) return 'skipped';
          const queued = await routing.enqueue(tx, {
            kind: 'conversation',
            refId: c.id,
            queueId: c.queue_id,
            channel: c.channel,
            priority: c.priority,
            language: c.language,
          });
          if (typeof queued !== 'object') return 'stop';
          const next = await transition(tx, c, 'queued', { queued_at: clock.now() });
          await events.publish<ConversationStepPayload>(tx, {
            type: CONVERSATION_EVENTS.queued,
            payload: step(next, null),
            audience: audienceOf(next),
          });
          return 'released';
        });
        if (outcome === 'stop') break;
        if (outcome === 'released') released++;
      }
    }
    return released;
  }

  /**
   * Stores a message once per (conversation, author type, client id): a retry returns the stored
   * message with `duplicate: true` and publishes nothing.
   */
  async function postMessage(input: {
    conversationId: string;
    authorType: Message['authorType'];
    authorId: string | null;
    clientId: string | null;
    kind: Message['kind'];
    body: string;
    attachment?: unknown;
    /**
     * Stores what the message refers to (a file) in the same transaction, only when the message is
     * new and the conversation open; returns the message's `attachment` json.
     */
    attach?: (tx: Tx, conversationId: string) => Promise<unknown>;
    mentions?: string[];
    /** Only when the conversation is this visitor's (checked under the lock; 404 otherwise). */
    onlyVisitor?: string;
    /**
     * Only when this agent works the conversation (its assignee, or the agent routing assigned
     * before the conversation follows): checked under the lock, 404 otherwise. Text lines only.
     */
    onlyAgent?: string;
  }): Promise<{ message: Message; duplicate: boolean }> {
    const body = input.body.trim();
    if (body.length > MAX_MESSAGE_LENGTH) {
      throw new AppError('CONVERSATION_MESSAGE_TOO_LONG', 400, undefined, { max: MAX_MESSAGE_LENGTH });
    }
    if (body.length === 0 && !input.attachment && !input.attach)
      throw new AppError('CONVERSATION_MESSAGE_EMPTY', 400);
    const messageId = ids.uuid();
    const write = (attachment: unknown) =>
      postMessageStatement({ ...input, body, messageId, attachment, now: clock.now() });
    const answer = async (tx: DbOrTx, rows: PostedRow[]) => {
      const row = rows[0];
      // Another visitor's conversation looks exactly like a missing one.
      if (
        !row ||
        (input.onlyVisitor !== undefined && row.c_visitor_id !== input.onlyVisitor) ||
        !row.c_agent_ok
      )
        throw new AppError('CONVERSATION_NOT_FOUND', 404);
      if (row.id) return { message: toMessage(row as MessageRow), duplicate: false };
      // Nothing written: the client id was taken (a retry, or a race with one), answered with the
      // stored message, or the conversation is closed.
      const existing = input.clientId
        ? await storedMessage(tx, row.c_id, input.authorType, input.clientId)
        : null;
      if (existing) return { message: toMessage(existing), duplicate: true };
      if (row.c_status === 'closed') throw new AppError('CONVERSATION_CLOSED', 409);
      throw new AppError('CONVERSATION_NOT_FOUND', 404);
    };
    if (!input.attach) {
      // The hot path (a chat line): one named statement, one round trip, one commit.
      return answer(
        db,
        await runPrepared<PostedRow>(db, 'conversation_post_message', write(input.attachment)),
      );
    }
    const attach = input.attach;
    return db.transaction(async (tx) => {
      // A file is stored only for a new message in an open conversation: its retry is looked up
      // first, under the conversation's lock.
      const c = await lock(tx, input.conversationId);
      if (input.onlyVisitor !== undefined && c.visitor_id !== input.onlyVisitor)
        throw new AppError('CONVERSATION_NOT_FOUND', 404);
      const existing = input.clientId
        ? await storedMessage(tx, c.id, input.authorType, input.clientId)
        : null;
      if (existing) return { message: toMessage(existing), duplicate: true };
      if (c.status === 'closed') throw new AppError('CONVERSATION_CLOSED', 409);
      return answer(tx, (await tx.execute(write(await attach(tx, c.id)))).rows as unknown as PostedRow[]);
    });
  }

  async function storedMessage(
    tx: DbOrTx,
    conversationId: string,
    authorType: string,
    clientId: string,
  ): Promise<MessageRow | null> {
    const result = await tx.execute(sql`SELECT * FROM conversation_messages
      WHERE conversation_id = ${conversationId} AND author_type = ${authorType} AND client_id = ${clientId}`);
    return (result.rows[0] as unknown as MessageRow | undefined) ?? null;
  }

  /**
   * A message in one statement (its text never varies, so it runs as a named prepared statement):
   * lock the conversation, insert the message at its next seq unless the client id is taken or the
   * conversation is closed or someone else's, bump the seq, and write the events —
   * `conversation.message_created` to supervisors, the assignee and whoever follows the thread live
   * (consultants, those mentioned, and the agent routing assigned: the conversation learns that
   * from a durable handler, which may not have run yet when the customer writes right after the
   * accept), plus `conversation.outbound_message` when a channel's adapter must deliver an agent's
   * words itself (email, SMS: chat lines, the hot path, never wake a durable handler). Returns the
   * conversation's id, status and visitor, with the message's columns when one was written.
   */
  function postMessageStatement(m: {
    conversationId: string;
    authorType: Message['authorType'];
    authorId: string | null;
    clientId: string | null;
    kind: Message['kind'];
    body: string;
    attachment: unknown;
    mentions?: string[];
    onlyVisitor?: string;
    onlyAgent?: string;
    messageId: string;
    now: Date;
  }) {
    const mentions = `{${(m.mentions ?? []).join(',')}}`;
    // No durable handler wants a chat line: its event is written dispatched, so the dispatcher
    // never updates its row (a second write of every message's event, through the outbox indexes).
    const createdDispatchedAt = events.wanted(CONVERSATION_EVENTS.messageCreated) ? null : m.now;
    return sql`
      WITH c AS (
        SELECT c.id, c.status, c.visitor_id, c.channel, c.next_seq, c.assignee_id,
          (SELECT array_agg(user_id) FROM conversation_participants
            WHERE conversation_id = c.id AND left_at IS NULL) AS consultants,
          (SELECT assigned_to FROM routing_work_items
            WHERE kind = 'conversation' AND ref_id = c.id AND status = 'assigned' LIMIT 1) AS routed_to
          FROM conversations c WHERE c.id = ${m.conversationId} FOR UPDATE OF c
      ), ok AS (
        SELECT * FROM c WHERE c.status <> 'closed' AND (${m.onlyVisitor ?? null}::text IS NULL OR c.visitor_id = ${m.onlyVisitor ?? null}::text)
          AND (${m.onlyAgent ?? null}::uuid IS NULL OR ${m.onlyAgent ?? null}::uuid IN (c.assignee_id, c.routed_to))
      ), m AS (
        INSERT INTO conversation_messages
          (id, conversation_id, seq, author_type, author_id, kind, client_id, body, attachment, mentions, created_at)
        SELECT ${m.messageId}::uuid, ok.id, ok.next_seq, ${m.authorType}::text, ${m.authorId}::text, ${m.kind}::text,
               ${m.clientId}::text, ${maskPans(m.body)}::text, ${m.attachment ? JSON.stringify(m.attachment) : null}::jsonb,
               ${mentions}::uuid[], ${m.now}::timestamptz
          FROM ok
        ON CONFLICT (conversation_id, author_type, client_id) DO NOTHING
        RETURNING *
      ), bumped AS (
        UPDATE conversations SET next_seq = next_seq + 1, last_message_at = ${m.now}::timestamptz
         WHERE id = ${m.conversationId} AND EXISTS (SELECT 1 FROM m)
      ), followers AS (
        SELECT array_agg(f.u ORDER BY f.first) AS users FROM (
          SELECT x.u, min(x.ord) AS first
            FROM ok, unnest(ARRAY[ok.assignee_id, ok.routed_to] || ${mentions}::uuid[] || coalesce(ok.consultants, '{}'))
                 WITH ORDINALITY AS x(u, ord)
           WHERE x.u IS NOT NULL GROUP BY x.u) f
      ), outbox_rows AS (
        INSERT INTO outbox (id, type, payload, actor_id, audience, created_at, dispatched_at)
        SELECT e.id, e.type, e.payload, NULL, e.audience, ${m.now}::timestamptz,
               CASE WHEN e.type = ${CONVERSATION_EVENTS.messageCreated}::text THEN ${createdDispatchedAt}::timestamptz END
          FROM m CROSS JOIN ok CROSS JOIN followers CROSS JOIN LATERAL (VALUES
            (${ids.uuid()}::uuid, ${CONVERSATION_EVENTS.messageCreated}::text, true,
             jsonb_build_object('conversationId', m.conversation_id, 'messageId', m.id, 'seq', m.seq,
               'authorType', m.author_type, 'kind', m.kind, 'internal', m.kind = 'note',
               'message', jsonb_build_object('id', m.id, 'conversationId', m.conversation_id, 'seq', m.seq,
                 'authorType', m.author_type, 'authorId', m.author_id, 'kind', m.kind, 'clientId', m.client_id,
                 'body', m.body, 'attachment', m.attachment, 'mentions', to_jsonb(m.mentions),
                 'createdAt', to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))),
             jsonb_build_object('permissions', jsonb_build_array('supervisor.view'))
               || CASE WHEN followers.users IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('users', to_jsonb(followers.users)) END),
            (${ids.uuid()}::uuid, ${CONVERSATION_EVENTS.outboundMessage}::text,
             ok.channel <> 'chat' AND m.author_type = 'agent' AND m.kind = 'text',
             jsonb_build_object('conversationId', m.conversation_id, 'messageId', m.id, 'channel', ok.channel),
             '{}'::jsonb)
          ) AS e(id, type, wanted, payload, audience)
         WHERE e.wanted
        RETURNING 1
      ), notified AS (${events.wakeAfter('outbox_rows')})
      SELECT c.id AS c_id, c.status AS c_status, c.visitor_id AS c_visitor_id,
             (${m.onlyAgent ?? null}::uuid IS NULL OR ${m.onlyAgent ?? null}::uuid IN (c.assignee_id, c.routed_to)) AS c_agent_ok, m.*,
             (SELECT count(*) FROM notified) AS notified
        FROM c LEFT JOIN m ON true`;
  }

  /** Messages by id (the realtime push of a batch of events reads them in one query). */
  async function findMessages(messageIds: string[]): Promise<Message[]> {
    if (messageIds.length === 0) return [];
    const result = await db.execute(sql`SELECT * FROM conversation_messages
      WHERE id = ANY(${`{${messageIds.join(',')}}`}::uuid[]) ORDER BY conversation_id, seq`);
    return (result.rows as unknown as MessageRow[]).map(toMessage);
  }

  async function listMessages(
    conversationId: string,
    options: { afterSeq?: number; includeNotes: boolean; limit?: number },
  ) {
    const result = await db.execute(sql`SELECT * FROM conversation_messages
      WHERE conversation_id = ${conversationId} AND seq > ${options.afterSeq ?? 0}
        ${options.includeNotes ? sql`` : sql`AND kind <> 'note'`}
      ORDER BY seq LIMIT ${Math.min(options.limit ?? 500, 1000)}`);
    return (result.rows as unknown as MessageRow[]).map(toMessage);
  }

  async function getConversation(id: string): Promise<ConversationRow> {
    const result = await db.execute(sql`SELECT * FROM conversations WHERE id = ${id}`);
    const row = result.rows[0] as unknown as ConversationRow | undefined;
    if (!row) throw new AppError('CONVERSATION_NOT_FOUND', 404);
    return row;
  }

  // ---- reactions to routing: the conversation follows its work item ----

  async function onRouting(
    tx: Tx,
    type: string,
    payload: { refId: string; kind: string; agentId: string | null },
  ) {
    if (payload.kind !== 'conversation') return;
    const c = await lock(tx, payload.refId);
    if (c.status === 'closed') return;
    const now = clock.now();
    if (type === 'routing.offered' && c.status === 'queued') {
      const next = await transition(tx, c, 'offered', {
        first_offered_at: sql`coalesce(first_offered_at, ${now})`,
      });
      await events.publish(tx, {
        type: CONVERSATION_EVENTS.offered,
        payload: step(next, payload.agentId),
        audience: audienceOf(next),
      });
    } else if (type === 'routing.assigned' && (c.status === 'offered' || c.status === 'queued')) {
      const next = await transition(tx, c, 'active', {
        assignee_id: payload.agentId,
        accepted_at: sql`coalesce(accepted_at, ${now})`,
      });
      // An agent answered an offer (auto-accepted queues assign without one): the end of the wait.
      if (c.status === 'offered') {
        await events.publish(tx, {
          type: CONVERSATION_EVENTS.accepted,
          payload: step(next, payload.agentId),
          audience: audienceOf(next),
        });
      }
      await events.publish(tx, {
        type: CONVERSATION_EVENTS.assigned,
        payload: step(next, payload.agentId),
        audience: audienceOf(next),
      });
    } else if (type === 'routing.transferred') {
      const p = payload as unknown as {
        agentId: string | null;
        toQueueId?: string | null;
        fromAgentId?: string;
      };
      const next = p.toQueueId
        ? await transition(tx, c, 'queued', { assignee_id: null, queue_id: p.toQueueId })
        : await transition(tx, c, c.status, { assignee_id: p.agentId });
      await events.publish(tx, {
        type: CONVERSATION_EVENTS.transferred,
        payload: {
          ...step(next, p.agentId),
          fromAgentId: p.fromAgentId ?? null,
          toQueueId: p.toQueueId ?? null,
        },
        audience: { ...audienceOf(next), users: [p.fromAgentId, p.agentId].filter((u): u is string => !!u) },
      });
    } else if (
      (type === 'routing.rejected' || type === 'routing.offer_expired' || type === 'routing.requeued') &&
      (c.status === 'offered' || c.status === 'active')
    ) {
      const next = await transition(tx, c, 'queued', { assignee_id: null });
      const event = type === 'routing.rejected' ? CONVERSATION_EVENTS.rejected : CONVERSATION_EVENTS.queued;
      await events.publish(tx, {
        type: event,
        payload: step(next, payload.agentId),
        audience: audienceOf(c),
      });
    }
  }

  // The conversation follows its routing work item (handler names are stable idempotency keys).
  for (const step of [
    'offered',
    'assigned',
    'rejected',
    'offer_expired',
    'requeued',
    'transferred',
  ] as const) {
    events.on(
      `routing.${step}`,
      `conversations.follow_${step === 'offer_expired' ? 'expired' : step}`,
      (e, tx) => onRouting(tx, e.type, e.payload as never),
    );
  }

  // An overflow rule moved the waiting contact to another queue: the conversation follows.
  events.on(ROUTING_EVENTS.overflowed, 'conversations.follow_overflowed', async (e, tx) => {
    const p = e.payload as { refId: string; kind: string; toQueueId?: string | null };
    if (p.kind !== 'conversation' || !p.toQueueId) return;
    await tx.execute(sql`UPDATE conversations SET queue_id = ${p.toQueueId}, version = version + 1
      WHERE id = ${p.refId} AND status IN ('queued', 'offered')`);
  });

  /** The agent finished talking: wrap-up starts (contact reason comes with closing). */
  async function wrapUp(conversationId: string, agentId: string): Promise<void> {
    await db.transaction(async (tx) => {
      const c = await lock(tx, conversationId);
      if (c.assignee_id !== agentId) throw new AppError('AUTH_FORBIDDEN', 403);
      const next = await transition(tx, c, 'wrap_up', { wrap_up_at: clock.now() });
      await events.publish(tx, {
        type: CONVERSATION_EVENTS.wrappedUp,
        payload: step(next, agentId),
        audience: audienceOf(next),
      });
    });
  }

  /** Closes: by the agent after wrap-up (contact reason required), or by the customer leaving. */
  async function close(input: {
    conversationId: string;
    by: 'agent' | 'customer' | 'system';
    agentId?: string;
    contactReasonId?: string | null;
    tags?: string[];
  }) {
    await db.transaction(async (tx) => {
      const c = await lock(tx, input.conversationId);
      if (c.status === 'closed') return;
      if (input.by === 'agent') {
        if (c.assignee_id !== input.agentId) throw new AppError('AUTH_FORBIDDEN', 403);
        // An agent closes through wrap-up, where the contact reason is recorded.
        if (c.status !== 'wrap_up') {
          throw new AppError('CONVERSATION_INVALID_TRANSITION', 409, undefined, {
            from: c.status,
            to: 'closed',
          });
        }
        if (!input.contactReasonId && !c.contact_reason_id)
          throw new AppError('CONVERSATION_CONTACT_REASON_REQUIRED', 400);
        if (input.contactReasonId) await reasons.assertActive(input.contactReasonId);
      }
      const abandoned = isAbandonment(c.status, 'closed');
      const tags = normalizeTags(input.tags);
      const next = await transition(tx, c, 'closed', {
        closed_at: clock.now(),
        ...(input.contactReasonId ? { contact_reason_id: input.contactReasonId } : {}),
        ...(tags
          ? {
              tags: tags.length
                ? sql`ARRAY[${sql.join(
                    tags.map((t) => sql`${t}`),
                    sql`, `,
                  )}]::text[]`
                : sql`'{}'::text[]`,
            }
          : {}),
      });
      const workItem = await tx.execute(sql`SELECT id FROM routing_work_items
        WHERE kind = 'conversation' AND ref_id = ${c.id} AND status <> 'ended'`);
      for (const row of workItem.rows as { id: string }[])
        await routing.end(tx, row.id, abandoned ? 'abandoned' : 'closed');
      await events.publish(tx, {
        type: abandoned ? CONVERSATION_EVENTS.abandoned : CONVERSATION_EVENTS.closed,
        payload: step(next, c.assignee_id),
        audience: audienceOf(c),
      });
    });
  }

  /** Whether routing has assigned this conversation to the agent (before the conversation follows). */
  async function isAssignedInRouting(conversationId: string, agentId: string): Promise<boolean> {
    const result = await db.execute(sql`SELECT 1 FROM routing_work_items WHERE kind = 'conversation'
      AND ref_id = ${conversationId} AND assigned_to = ${agentId} AND status = 'assigned'`);
    return result.rows.length > 0;
  }

  /** An agent's open conversations (active and in wrap-up). */
  async function listAssigned(agentId: string) {
    const result = await db.execute(sql`SELECT * FROM conversations
      WHERE assignee_id = ${agentId} AND status IN ('active', 'wrap_up') ORDER BY created_at`);
    return result.rows as unknown as ConversationRow[];
  }

  /**
   * Hands an active conversation to another agent or queue, with an internal note for whoever
   * takes it next. Returns 'no_capacity' when the target agent cannot take it now.
   */
  async function transfer(input: {
    conversationId: string;
    byAgentId: string;
    toAgentId?: string;
    toQueueId?: string;
    note?: string | null;
  }): Promise<'ok' | 'no_capacity'> {
    const c = await getConversation(input.conversationId);
    if (c.status !== 'active')
      throw new AppError('CONVERSATION_INVALID_TRANSITION', 409, undefined, {
        from: c.status,
        to: 'transferred',
      });
    const item = await db.execute(sql`SELECT id FROM routing_work_items
      WHERE kind = 'conversation' AND ref_id = ${c.id} AND status = 'assigned'`);
    const itemId = (item.rows[0] as { id: string } | undefined)?.id;
    if (!itemId) throw new AppError('ROUTING_ITEM_NOT_ASSIGNED', 409);
    if (input.note?.trim()) {
      await postMessage({
        conversationId: c.id,
        authorType: 'agent',
        authorId: input.byAgentId,
        clientId: null,
        kind: 'note',
        body: input.note,
      });
    }
    if (input.toAgentId) return routing.transferToAgent(itemId, input.toAgentId, 'transfer');
    if (input.toQueueId) {
      await routing.transferToQueue(itemId, input.toQueueId, 'transfer');
      return 'ok';
    }
    throw new AppError('VALIDATION_FAILED', 400, undefined, { detail: 'toAgentId or toQueueId' });
  }

  /** The customer's 1–5 rating with an optional comment (masked), once the conversation ended. */
  async function rate(conversationId: string, rating: number, comment: string | null): Promise<void> {
    await db.transaction(async (tx) => {
      const c = await lock(tx, conversationId);
      if (c.status !== 'closed' && c.status !== 'wrap_up') {
        throw new AppError('CONVERSATION_INVALID_TRANSITION', 409, undefined, {
          from: c.status,
          to: 'rated',
        });
      }
      await tx.execute(sql`UPDATE conversations SET rating = ${rating}, rating_comment = ${comment ? maskPans(comment) : null}
        WHERE id = ${conversationId}`);
      await events.publish(tx, {
        type: CONVERSATION_EVENTS.rated,
        payload: { ...step(c, c.assignee_id), rating },
        audience: audienceOf(c),
      });
    });
  }

  /**
   * Links an anonymous open conversation to the customer a verified identity named (the customer
   * signed in on the bank's site after the chat began). A conversation that already belongs to a
   * customer keeps them: identities never move a conversation between customers.
   */
  async function linkCustomer(conversationId: string, customerId: string): Promise<boolean> {
    return db.transaction(async (tx) => {
      const c = await lock(tx, conversationId);
      if (c.customer_id || c.status === 'closed') return false;
      await tx.execute(
        sql`UPDATE conversations SET customer_id = ${customerId} WHERE id = ${conversationId}`,
      );
      const linked = { ...c, customer_id: customerId };
      await events.publish(tx, {
        type: CONVERSATION_EVENTS.customerLinked,
        payload: step(linked, c.assignee_id),
        audience: audienceOf(linked),
      });
      return true;
    });
  }

  /** Position in its queue (1 = next) and how many agents serve that queue now. */
  async function queueStatus(
    conversationId: string,
  ): Promise<{ position: number | null; availableAgents: number }> {
    const result = await db.execute(sql`
      SELECT w.queue_id, w.status,
        (SELECT count(*)::int FROM routing_work_items o WHERE o.queue_id = w.queue_id AND o.status = 'waiting'
           AND (o.priority > w.priority OR (o.priority = w.priority AND o.enqueued_at < w.enqueued_at))) AS ahead,
        (SELECT count(*)::int FROM routing_agent_states a JOIN routing_agent_channels c ON c.user_id = a.user_id
           AND c.channel = w.channel WHERE a.state = 'available') AS agents
      FROM routing_work_items w WHERE w.kind = 'conversation' AND w.ref_id = ${conversationId} AND w.status = 'waiting'`);
    const row = result.rows[0] as { ahead: number; agents: number } | undefined;
    return row
      ? { position: row.ahead + 1, availableAgents: row.agents }
      : { position: null, availableAgents: 0 };
  }

  return {
    startConversation,
    postMessage,
    listMessages,
    findMessages,
    getConversation,
    listAssigned,
    isAssignedInRouting,
    wrapUp,
    close,
    rate,
    linkCustomer,
    queueStatus,
    transfer,
    releaseOffline,
    expireWrapUps,
    listForCustomer,
  };
}

export type ConversationsService = ReturnType<typeof createConversationsService>;
