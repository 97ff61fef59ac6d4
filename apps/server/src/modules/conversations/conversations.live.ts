import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../platform/db.ts';
import type { Ephemeral } from '../../platform/ephemeral.ts';
import { AppError } from '../../platform/errors.ts';
import type { Events } from '../../platform/events.ts';
import { CONVERSATION_EVENTS, type ReadPayload } from './conversations.events.ts';

/** How long a typing signal lasts when no "stopped" follows (a closed tab, a lost socket). */
export const TYPING_TTL_MS = 6_000;

/** The assignee and the consultants now in a conversation: who its staff-side signals go to. */
export async function conversationStaff(
  db: DbOrTx,
  conversationId: string,
): Promise<{ status: string; assigneeId: string | null; consultantIds: string[] } | null> {
  const result = await db.execute(sql`SELECT c.status, c.assignee_id,
      coalesce((SELECT array_agg(p.user_id::text) FROM conversation_participants p
        WHERE p.conversation_id = c.id AND p.left_at IS NULL), '{}') AS consultant_ids
    FROM conversations c WHERE c.id = ${conversationId}`);
  const row = result.rows[0] as
    | { status: string; assignee_id: string | null; consultant_ids: string[] }
    | undefined;
  return row ? { status: row.status, assigneeId: row.assignee_id, consultantIds: row.consultant_ids } : null;
}

/**
 * The live side of a conversation that is not a message: typing signals (ephemeral, never stored)
 * and read receipts (stored as the highest seq each side has read, only ever moving forward).
 */
export function createConversationLive(deps: { db: Db; events: Events; ephemeral: Ephemeral }) {
  const { db, events, ephemeral } = deps;

  /**
   * The customer types or stops. Goes to the assignee and the consultants; nowhere while nobody
   * has taken the chat. The caller has checked the visitor owns the conversation.
   */
  async function customerTyping(conversationId: string, typing: boolean): Promise<void> {
    const staff = await conversationStaff(db, conversationId);
    if (!staff || staff.status === 'closed') return;
    const users = [staff.assigneeId, ...staff.consultantIds].filter((u): u is string => !!u);
    if (users.length === 0) return;
    await ephemeral.publish({
      type: 'conversation.typing',
      data: { conversationId, side: 'customer', typing, ttlMs: TYPING_TTL_MS },
      users,
    });
  }

  /**
   * The assignee types a reply or stops: shown in the widget ("Agent is typing…") and to the
   * consultants. Consultants write notes only, so their typing never reaches the customer: only the
   * assignee may signal. Anyone else gets CONVERSATION_NOT_FOUND (no probing).
   */
  async function agentTyping(conversationId: string, userId: string, typing: boolean): Promise<void> {
    const staff = await conversationStaff(db, conversationId);
    if (!staff || staff.assigneeId !== userId) throw new AppError('CONVERSATION_NOT_FOUND', 404);
    if (staff.status !== 'active') return;
    await ephemeral.publish({
      type: 'conversation.typing',
      data: { conversationId, side: 'agent', typing, ttlMs: TYPING_TTL_MS },
      users: staff.consultantIds,
      conversation: conversationId,
    });
  }

  /**
   * Records that one side has read up to `seq` (capped at the last message). Only moves forward; a
   * change publishes `conversation.read` to the other side. Returns the side's read seq afterwards.
   */
  async function markRead(input: {
    conversationId: string;
    side: 'agent' | 'customer';
    seq: number;
  }): Promise<number> {
    const column = sql.identifier(input.side === 'agent' ? 'agent_read_seq' : 'customer_read_seq');
    return db.transaction(async (tx) => {
      const updated = await tx.execute(sql`UPDATE conversations
        SET ${column} = GREATEST(${column}, LEAST(${input.seq}, next_seq - 1))
        WHERE id = ${input.conversationId} AND ${column} < LEAST(${input.seq}, next_seq - 1)
        RETURNING ${column} AS seq, assignee_id`);
      const row = updated.rows[0] as { seq: number; assignee_id: string | null } | undefined;
      if (!row) {
        const current = await tx.execute(
          sql`SELECT ${column} AS seq FROM conversations WHERE id = ${input.conversationId}`,
        );
        const found = current.rows[0] as { seq: number } | undefined;
        if (!found) throw new AppError('CONVERSATION_NOT_FOUND', 404);
        return found.seq;
      }
      const staff = await conversationStaff(tx, input.conversationId);
      await events.publish<ReadPayload>(tx, {
        type: CONVERSATION_EVENTS.read,
        payload: { conversationId: input.conversationId, side: input.side, seq: row.seq },
        audience: {
          permissions: ['supervisor.view'],
          users: [row.assignee_id, ...(staff?.consultantIds ?? [])].filter((u): u is string => !!u),
        },
      });
      return row.seq;
    });
  }

  /** Customer messages after the agent's read seq, per conversation (the desk list's badges). */
  async function unreadCounts(conversationIds: string[]): Promise<Map<string, number>> {
    if (conversationIds.length === 0) return new Map();
    const result = await db.execute(sql`SELECT c.id, count(m.id)::int AS n FROM conversations c
      JOIN conversation_messages m ON m.conversation_id = c.id AND m.seq > c.agent_read_seq
        AND m.author_type = 'customer'
      WHERE c.id = ANY(${`{${conversationIds.join(',')}}`}::uuid[]) GROUP BY c.id`);
    return new Map((result.rows as { id: string; n: number }[]).map((r) => [r.id, r.n]));
  }

  return { customerTyping, agentTyping, markRead, unreadCounts };
}

export type ConversationLive = ReturnType<typeof createConversationLive>;
