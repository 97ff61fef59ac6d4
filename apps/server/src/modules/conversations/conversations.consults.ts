import { sql } from 'drizzle-orm';
import type { Audit } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Tx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { Events } from '../../platform/events.ts';
import type { Ids } from '../../platform/ids.ts';
import { maskPans } from '../../platform/masking.ts';
import { type Actor, hasPermission } from '../../platform/rbac.ts';
import {
  CONVERSATION_EVENTS,
  type ConsultPayload,
  type MessageCreatedPayload,
} from './conversations.events.ts';

/** Roles whose holders work the desk and can be asked for advice. */
const DESK_ROLES = ['agent', 'supervisor'];

/**
 * Bodies of the system notes a consult writes in the thread (kind `note`, author `system`, author id
 * = the consultant): staff-only like every note; the desk shows them translated.
 */
export const CONSULT_NOTES = { joined: 'consult.joined', left: 'consult.left' } as const;

export interface Consultant {
  userId: string;
  displayName: string;
  invitedBy: string | null;
  note: string | null;
  invitedAt: string;
  leftAt: string | null;
}

interface ConversationLock {
  id: string;
  status: string;
  assignee_id: string | null;
  next_seq: number;
  contact_name: string | null;
  channel: string;
}

/**
 * Consults: the assignee (or a supervisor of the assignee's team) invites another agent for advice.
 * The consultant reads the thread and writes internal notes until they leave or the conversation
 * closes; the assignee keeps ownership and the customer never sees any of it.
 */
export function createConsults(deps: { db: Db; ids: Ids; clock: Clock; events: Events; audit: Audit }) {
  const { db, ids, clock, events, audit } = deps;

  async function lock(tx: Tx, conversationId: string): Promise<ConversationLock> {
    const result = await tx.execute(sql`SELECT id, status, assignee_id, next_seq, contact_name, channel
      FROM conversations WHERE id = ${conversationId} FOR UPDATE`);
    const row = result.rows[0] as unknown as ConversationLock | undefined;
    if (!row) throw new AppError('CONVERSATION_NOT_FOUND', 404);
    return row;
  }

  /** Whether the actor supervises a team the assignee belongs to (or supervises everyone). */
  async function supervisesAssignee(actor: Actor, assigneeId: string | null): Promise<boolean> {
    const scope = actor.permissions.get('supervisor.view');
    if (!scope || !assigneeId) return false;
    if (scope === 'all') return true;
    if (actor.teamIds.length === 0) return false;
    const result = await db.execute(sql`SELECT 1 FROM user_teams WHERE user_id = ${assigneeId}
      AND team_id = ANY(${`{${actor.teamIds.join(',')}}`}::uuid[]) LIMIT 1`);
    return result.rows.length > 0;
  }

  /** The assignee or their supervisor may invite; anyone else cannot even see the conversation. */
  async function assertMayInvite(actor: Actor, c: { assignee_id: string | null }): Promise<void> {
    if (!hasPermission(actor, 'desk.use')) throw new AppError('AUTH_FORBIDDEN', 403);
    if (c.assignee_id === actor.userId) return;
    if (await supervisesAssignee(actor, c.assignee_id)) return;
    throw new AppError('CONVERSATION_NOT_FOUND', 404);
  }

  /** A staff-only system note in the thread, in the caller's transaction. */
  async function systemNote(tx: Tx, c: ConversationLock, body: string, consultantId: string): Promise<void> {
    const now = clock.now();
    const id = ids.uuid();
    await tx.execute(sql`INSERT INTO conversation_messages
        (id, conversation_id, seq, author_type, author_id, kind, client_id, body, mentions, created_at)
      VALUES (${id}, ${c.id}, ${c.next_seq}, 'system', ${consultantId}, 'note', NULL, ${body}, '{}'::uuid[], ${now})`);
    await tx.execute(sql`UPDATE conversations SET next_seq = next_seq + 1 WHERE id = ${c.id}`);
    const consultants = await activeConsultantIds(tx, c.id);
    await events.publish<MessageCreatedPayload>(tx, {
      type: CONVERSATION_EVENTS.messageCreated,
      payload: {
        conversationId: c.id,
        messageId: id,
        seq: c.next_seq,
        authorType: 'system',
        kind: 'note',
        internal: true,
      },
      audience: audienceOf(c, [...consultants, consultantId]),
    });
    c.next_seq += 1;
  }

  const audienceOf = (c: { assignee_id: string | null }, users: string[]) => ({
    permissions: ['supervisor.view'],
    users: [...new Set([c.assignee_id, ...users].filter((u): u is string => !!u))],
  });

  async function activeConsultantIds(tx: Tx | Db, conversationId: string): Promise<string[]> {
    const result = await tx.execute(sql`SELECT user_id FROM conversation_participants
      WHERE conversation_id = ${conversationId} AND left_at IS NULL`);
    return (result.rows as { user_id: string }[]).map((r) => r.user_id);
  }

  async function invite(
    actor: Actor,
    conversationId: string,
    input: { userId: string; note?: string | null },
  ): Promise<Consultant> {
    return db.transaction(async (tx) => {
      const c = await lock(tx, conversationId);
      await assertMayInvite(actor, c);
      if (c.status !== 'active' && c.status !== 'wrap_up')
        throw new AppError('CONVERSATION_INVALID_TRANSITION', 409, undefined, {
          from: c.status,
          to: 'consult',
        });
      if (input.userId === c.assignee_id || input.userId === actor.userId)
        throw new AppError('CONVERSATION_CONSULT_SELF', 400);
      const found = await tx.execute(sql`SELECT id, display_name FROM users
        WHERE id = ${input.userId} AND status = 'active'
          AND roles && ${`{${DESK_ROLES.join(',')}}`}::text[]`);
      const invitee = found.rows[0] as { id: string; display_name: string } | undefined;
      if (!invitee) throw new AppError('CONVERSATION_CONSULTANT_NOT_FOUND', 400);
      const now = clock.now();
      const note = input.note?.trim() ? maskPans(input.note.trim()) : null;
      // One row per (conversation, user): inviting again after they left reopens the same row.
      const upserted = await tx.execute(sql`INSERT INTO conversation_participants
          (conversation_id, user_id, role, invited_by, note, invited_at, joined_at)
        VALUES (${c.id}, ${invitee.id}, 'consultant', ${actor.userId}, ${note}, ${now}, ${now})
        ON CONFLICT (conversation_id, user_id) DO UPDATE
          SET invited_by = excluded.invited_by, note = excluded.note, invited_at = excluded.invited_at,
              joined_at = excluded.joined_at, left_at = NULL
          WHERE conversation_participants.left_at IS NOT NULL
        RETURNING user_id`);
      if (upserted.rows.length === 0) throw new AppError('CONVERSATION_CONSULT_EXISTS', 409);
      await systemNote(tx, c, CONSULT_NOTES.joined, invitee.id);
      await audit.record(tx, {
        actorId: actor.userId,
        actorName: actor.username,
        action: 'conversation.consult_invited',
        targetType: 'conversation',
        targetId: c.id,
        ip: actor.ip,
        details: { consultantId: invitee.id, assigneeId: c.assignee_id },
      });
      await events.publish<ConsultPayload>(tx, {
        type: CONVERSATION_EVENTS.consultJoined,
        payload: {
          conversationId: c.id,
          userId: invitee.id,
          assigneeId: c.assignee_id,
          byUserId: actor.userId,
        },
        actorId: actor.userId,
        audience: audienceOf(c, [invitee.id]),
      });
      return {
        userId: invitee.id,
        displayName: invitee.display_name,
        invitedBy: actor.userId,
        note,
        invitedAt: now.toISOString(),
        leftAt: null,
      };
    });
  }

  /** The consultant leaves; the thread records it. Leaving twice is a 404 (no longer in it). */
  async function leave(actor: Actor, conversationId: string): Promise<void> {
    await db.transaction(async (tx) => {
      const c = await lock(tx, conversationId);
      const updated = await tx.execute(sql`UPDATE conversation_participants SET left_at = ${clock.now()}
        WHERE conversation_id = ${c.id} AND user_id = ${actor.userId} AND left_at IS NULL RETURNING user_id`);
      if (updated.rows.length === 0) throw new AppError('CONVERSATION_NOT_FOUND', 404);
      if (c.status !== 'closed') await systemNote(tx, c, CONSULT_NOTES.left, actor.userId);
      await events.publish<ConsultPayload>(tx, {
        type: CONVERSATION_EVENTS.consultLeft,
        payload: {
          conversationId: c.id,
          userId: actor.userId,
          assigneeId: c.assignee_id,
          byUserId: actor.userId,
          reason: 'left',
        },
        actorId: actor.userId,
        audience: audienceOf(c, [actor.userId]),
      });
    });
  }

  /** Every consult of a conversation ends when it closes (a durable handler of the close event). */
  async function endAll(tx: Tx, conversationId: string): Promise<void> {
    const ended = await tx.execute(sql`UPDATE conversation_participants SET left_at = ${clock.now()}
      WHERE conversation_id = ${conversationId} AND left_at IS NULL RETURNING user_id`);
    if (ended.rows.length === 0) return;
    const c = await lock(tx, conversationId);
    for (const { user_id } of ended.rows as { user_id: string }[]) {
      await events.publish<ConsultPayload>(tx, {
        type: CONVERSATION_EVENTS.consultLeft,
        payload: {
          conversationId,
          userId: user_id,
          assigneeId: c.assignee_id,
          byUserId: null,
          reason: 'closed',
        },
        audience: audienceOf(c, [user_id]),
      });
    }
  }
  for (const type of [CONVERSATION_EVENTS.closed, CONVERSATION_EVENTS.abandoned]) {
    events.on(type, `conversations.end_consults_${type.split('.')[1]}`, (event, tx) =>
      endAll(tx, (event.payload as { conversationId: string }).conversationId),
    );
  }

  /**
   * Whether `userId` consults on this conversation now. A closed conversation ends every consult at
   * once, even before the close handler has marked the rows.
   */
  async function isConsultant(conversationId: string, userId: string): Promise<boolean> {
    const result = await db.execute(sql`SELECT 1 FROM conversation_participants p
      JOIN conversations c ON c.id = p.conversation_id
      WHERE p.conversation_id = ${conversationId} AND p.user_id = ${userId} AND p.left_at IS NULL
        AND c.status <> 'closed'`);
    return result.rows.length > 0;
  }

  /** Consultants of a conversation (current and past), for its detail view. */
  async function listConsultants(conversationId: string): Promise<Consultant[]> {
    const result =
      await db.execute(sql`SELECT p.user_id, u.display_name, p.invited_by, p.note, p.invited_at, p.left_at
      FROM conversation_participants p JOIN users u ON u.id = p.user_id
      WHERE p.conversation_id = ${conversationId} ORDER BY p.invited_at`);
    type Row = { user_id: string; display_name: string; invited_by: string | null; note: string | null };
    return (result.rows as (Row & { invited_at: string; left_at: string | null })[]).map((r) => ({
      userId: r.user_id,
      displayName: r.display_name,
      invitedBy: r.invited_by,
      note: r.note,
      invitedAt: new Date(r.invited_at).toISOString(),
      leftAt: r.left_at ? new Date(r.left_at).toISOString() : null,
    }));
  }

  /** Display names of staff, by id (the desk shows who the assignee is to mention them in notes). */
  async function staffNames(userIds: string[]): Promise<Record<string, string>> {
    const wanted = userIds.filter(Boolean);
    if (wanted.length === 0) return {};
    const result = await db.execute(sql`SELECT id, display_name FROM users
      WHERE id = ANY(${`{${wanted.join(',')}}`}::uuid[])`);
    return Object.fromEntries(
      (result.rows as { id: string; display_name: string }[]).map((r) => [r.id, r.display_name]),
    );
  }

  /** The consults an agent is in now ("Consult requests" on their desk). */
  async function listMine(userId: string) {
    const result = await db.execute(sql`SELECT c.id, c.channel, c.status, c.contact_name, c.language,
        p.note, p.invited_at, p.invited_by, inviter.display_name AS invited_by_name,
        c.assignee_id, assignee.display_name AS assignee_name
      FROM conversation_participants p
      JOIN conversations c ON c.id = p.conversation_id
      LEFT JOIN users inviter ON inviter.id = p.invited_by
      LEFT JOIN users assignee ON assignee.id = c.assignee_id
      WHERE p.user_id = ${userId} AND p.left_at IS NULL AND c.status <> 'closed'
      ORDER BY p.invited_at`);
    type Row = { id: string; channel: string; status: string; language: string; invited_at: string };
    type Nullables =
      | 'contact_name'
      | 'note'
      | 'invited_by'
      | 'invited_by_name'
      | 'assignee_id'
      | 'assignee_name';
    return (result.rows as (Row & Record<Nullables, string | null>)[]).map((r) => ({
      conversationId: r.id,
      channel: r.channel,
      status: r.status,
      contactName: r.contact_name,
      language: r.language,
      note: r.note,
      invitedAt: new Date(r.invited_at).toISOString(),
      invitedBy: r.invited_by,
      invitedByName: r.invited_by_name,
      assigneeId: r.assignee_id,
      assigneeName: r.assignee_name,
    }));
  }

  /** Desk users the actor may invite to this conversation, available ones first. */
  async function listCandidates(actor: Actor, conversationId: string) {
    const c = await db.execute(sql`SELECT id, assignee_id FROM conversations WHERE id = ${conversationId}`);
    const row = c.rows[0] as { id: string; assignee_id: string | null } | undefined;
    if (!row) throw new AppError('CONVERSATION_NOT_FOUND', 404);
    await assertMayInvite(actor, row);
    const result = await db.execute(sql`SELECT u.id, u.display_name, coalesce(a.state, 'offline') AS state
      FROM users u LEFT JOIN routing_agent_states a ON a.user_id = u.id
      WHERE u.status = 'active' AND u.roles && ${`{${DESK_ROLES.join(',')}}`}::text[]
        AND u.id <> ${actor.userId} AND u.id IS DISTINCT FROM ${row.assignee_id}::uuid
        AND NOT EXISTS (SELECT 1 FROM conversation_participants p WHERE p.conversation_id = ${row.id}
          AND p.user_id = u.id AND p.left_at IS NULL)
      ORDER BY (coalesce(a.state, 'offline') = 'available') DESC, u.display_name LIMIT 200`);
    return (result.rows as { id: string; display_name: string; state: string }[]).map((r) => ({
      userId: r.id,
      displayName: r.display_name,
      state: r.state,
    }));
  }

  return {
    invite,
    leave,
    isConsultant,
    listConsultants,
    listMine,
    listCandidates,
    activeConsultantIds,
    staffNames,
  };
}

export type Consults = ReturnType<typeof createConsults>;
