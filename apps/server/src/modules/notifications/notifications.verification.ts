import { randomInt, timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Audit } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Tx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { Events } from '../../platform/events.ts';
import type { Ids } from '../../platform/ids.ts';
import { type Actor, hasPermission, requirePermission } from '../../platform/rbac.ts';
import type { ConversationRow, ConversationsService } from '../conversations/index.ts';
import './notifications.messages.ts';
import type { NotificationsService } from './notifications.service.ts';

export const OTP_TTL_MS = 5 * 60_000;
export const OTP_MAX_ATTEMPTS = 5;
/** Sends per customer in OTP_SEND_WINDOW_MS, whoever sends them: a code is an SMS the bank pays for. */
export const OTP_MAX_SENDS = 3;
export const OTP_SEND_WINDOW_MS = 15 * 60_000;

export const VERIFICATION_EVENTS = {
  codeSent: 'verification.code_sent',
  verified: 'verification.succeeded',
  failed: 'verification.failed',
} as const;

export interface VerificationState {
  conversationId: string;
  customerId: string | null;
  verified: boolean;
  verifiedAt: string | null;
  verifiedBy: string | null;
  /** The code waiting to be read back, if any. */
  pending: { expiresAt: string; attemptsLeft: number; channel: 'email' | 'sms' | null } | null;
}

interface Row {
  id: string;
  conversation_id: string;
  customer_id: string;
  code_hash: string;
  status: 'pending' | 'verified' | 'failed' | 'expired' | 'superseded';
  attempts: number;
  expires_at: Date;
  notification_id: string | null;
  verified_by: string | null;
  verified_at: Date | null;
}

/** A six-digit code from the CSPRNG, leading zeros kept. */
export function newCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/**
 * Verifying the customer during a contact with a one-time password (issue #8). The agent sends a
 * code through the one pipeline (transactional, so SMS first and never held by quiet hours); the
 * customer reads it back; the agent types it. Only an HMAC of the code is stored, with a 5-minute
 * expiry and 5 attempts. Only the conversation's assignee, or a supervisor, may send or check.
 */
export function createVerification(deps: {
  db: Db;
  ids: Ids;
  clock: Clock;
  events: Events;
  audit: Audit;
  conversations: ConversationsService;
  notifications: NotificationsService;
  /** Platform secrets: codes are kept as their HMAC under the `otp` key. */
  secrets: { hmac(name: string, data: string): Promise<string> };
}) {
  const { db, ids, clock, events, audit, conversations, notifications } = deps;

  const hashOf = (code: string) => deps.secrets.hmac('otp', code);

  /** The assignee works on it; a supervisor may too. Anyone else: as if it did not exist. */
  async function loadFor(actor: Actor | null, conversationId: string): Promise<ConversationRow> {
    requirePermission(actor, 'desk.use');
    const c = await conversations.getConversation(conversationId);
    const isAssignee =
      c.assignee_id === actor?.userId ||
      (await conversations.isAssignedInRouting(c.id, actor?.userId as string));
    if (!isAssignee && !hasPermission(actor, 'supervisor.view'))
      throw new AppError('CONVERSATION_NOT_FOUND', 404);
    return c;
  }

  const audienceOf = (c: ConversationRow) => ({
    permissions: ['supervisor.view'],
    ...(c.assignee_id ? { users: [c.assignee_id] } : {}),
  });

  async function latest(tx: Db | Tx, conversationId: string, lock = false): Promise<Row | null> {
    const found = await tx.execute(sql`SELECT * FROM customer_verifications
      WHERE conversation_id = ${conversationId} ORDER BY created_at DESC, id DESC LIMIT 1
      ${lock ? sql`FOR UPDATE` : sql``}`);
    return (found.rows[0] as unknown as Row | undefined) ?? null;
  }

  async function stateOf(c: ConversationRow): Promise<VerificationState> {
    const verified = await db.execute(sql`SELECT verified_at, verified_by FROM customer_verifications
      WHERE conversation_id = ${c.id} AND status = 'verified' ORDER BY verified_at DESC LIMIT 1`);
    const v = verified.rows[0] as { verified_at: Date; verified_by: string } | undefined;
    const last = await latest(db, c.id);
    const now = clock.now().getTime();
    const isPending = last?.status === 'pending' && new Date(last.expires_at).getTime() > now;
    let channel: 'email' | 'sms' | null = null;
    if (isPending && last?.notification_id) {
      const n = await db.execute(sql`SELECT channel FROM notifications WHERE id = ${last.notification_id}`);
      channel = (n.rows[0] as { channel: 'email' | 'sms' | null } | undefined)?.channel ?? null;
    }
    return {
      conversationId: c.id,
      customerId: c.customer_id,
      verified: !!v,
      verifiedAt: v ? new Date(v.verified_at).toISOString() : null,
      verifiedBy: v?.verified_by ?? null,
      pending:
        isPending && last
          ? {
              expiresAt: new Date(last.expires_at).toISOString(),
              attemptsLeft: OTP_MAX_ATTEMPTS - Number(last.attempts),
              channel,
            }
          : null,
    };
  }

  async function getVerification(actor: Actor | null, conversationId: string): Promise<VerificationState> {
    return stateOf(await loadFor(actor, conversationId));
  }

  async function sendCode(actor: Actor | null, conversationId: string): Promise<VerificationState> {
    const c = await loadFor(actor, conversationId);
    const agent = actor as Actor;
    if (!c.customer_id) throw new AppError('OTP_CUSTOMER_UNKNOWN', 409);
    if (c.status === 'closed') throw new AppError('OTP_CONVERSATION_CLOSED', 409);
    const customerId = c.customer_id;
    const code = newCode();
    const codeHash = await hashOf(code);
    await db.transaction(async (tx) => {
      // One customer's sends are serialised here, so the count below is exact.
      await tx.execute(sql`SELECT 1 FROM customers WHERE id = ${customerId} FOR UPDATE`);
      const now = clock.now();
      const recent = await tx.execute(sql`SELECT count(*)::int AS n FROM customer_verifications
        WHERE customer_id = ${customerId} AND created_at > ${new Date(now.getTime() - OTP_SEND_WINDOW_MS)}`);
      if ((recent.rows[0] as { n: number }).n >= OTP_MAX_SENDS)
        throw new AppError('OTP_RATE_LIMITED', 429, undefined, {
          minutes: Math.round(OTP_SEND_WINDOW_MS / 60_000),
        });
      // A new code replaces the one still waiting: only the latest can be read back.
      await tx.execute(sql`UPDATE customer_verifications SET status = 'superseded'
        WHERE conversation_id = ${c.id} AND status = 'pending'`);
      const id = ids.uuid();
      const { notification } = await notifications.queueNotification(tx, {
        customerId,
        purpose: 'transactional',
        templateKey: 'one_time_password',
        params: { code },
        idempotencyKey: `otp:${id}`,
      });
      // Nowhere to send it: nothing is stored, the agent is told (the customer has no phone or email).
      if (notification.status === 'suppressed') throw new AppError('OTP_NO_CHANNEL', 409);
      await tx.execute(sql`INSERT INTO customer_verifications
          (id, conversation_id, customer_id, code_hash, status, attempts, expires_at, notification_id, sent_by, created_at)
        VALUES (${id}, ${c.id}, ${customerId}, ${codeHash}, 'pending', 0, ${new Date(now.getTime() + OTP_TTL_MS)},
          ${notification.id}, ${agent.userId}, ${now})`);
      await tx.execute(sql`UPDATE notifications SET conversation_id = ${c.id} WHERE id = ${notification.id}`);
      await audit.record(tx, {
        actorId: agent.userId,
        actorName: agent.displayName,
        action: 'customer.verification_code_sent',
        targetType: 'customer',
        targetId: customerId,
        details: { conversationId: c.id, verificationId: id, channel: notification.channel },
      });
      await events.publish(tx, {
        type: VERIFICATION_EVENTS.codeSent,
        payload: { conversationId: c.id, customerId, verificationId: id, channel: notification.channel },
        audience: audienceOf(c),
      });
    });
    return stateOf(c);
  }

  async function verifyCode(
    actor: Actor | null,
    conversationId: string,
    code: string,
  ): Promise<VerificationState> {
    const c = await loadFor(actor, conversationId);
    const agent = actor as Actor;
    const given = await hashOf(code.trim());
    // The outcome commits even when the answer is an error: a wrong code must count as an attempt.
    const outcome = await db.transaction(async (tx) => {
      const row = await latest(tx, c.id, true);
      if (!row || row.status === 'superseded') return 'OTP_NOT_FOUND' as const;
      if (row.status === 'verified') return 'OTP_ALREADY_USED' as const;
      if (row.status === 'failed') return 'OTP_TOO_MANY_ATTEMPTS' as const;
      const now = clock.now();
      if (row.status === 'expired' || new Date(row.expires_at).getTime() <= now.getTime()) {
        await tx.execute(sql`UPDATE customer_verifications SET status = 'expired' WHERE id = ${row.id}`);
        return 'OTP_EXPIRED' as const;
      }
      const attempts = Number(row.attempts) + 1;
      const isMatch = timingSafeEqual(Buffer.from(row.code_hash, 'hex'), Buffer.from(given, 'hex'));
      const details = { conversationId: c.id, verificationId: row.id, attempts };
      if (isMatch) {
        await tx.execute(sql`UPDATE customer_verifications SET status = 'verified', attempts = ${attempts},
          verified_at = ${now}, verified_by = ${agent.userId} WHERE id = ${row.id}`);
        await audit.record(tx, {
          actorId: agent.userId,
          actorName: agent.displayName,
          action: 'customer.verified',
          targetType: 'customer',
          targetId: row.customer_id,
          details,
        });
        await events.publish(tx, {
          type: VERIFICATION_EVENTS.verified,
          payload: { conversationId: c.id, customerId: row.customer_id, verificationId: row.id },
          audience: { ...audienceOf(c), permissions: ['supervisor.view', 'customers.read'] },
        });
        return 'ok' as const;
      }
      const isSpent = attempts >= OTP_MAX_ATTEMPTS;
      await tx.execute(sql`UPDATE customer_verifications SET attempts = ${attempts},
        status = ${isSpent ? 'failed' : 'pending'} WHERE id = ${row.id}`);
      await audit.record(tx, {
        actorId: agent.userId,
        actorName: agent.displayName,
        action: 'customer.verification_failed',
        targetType: 'customer',
        targetId: row.customer_id,
        details,
      });
      await events.publish(tx, {
        type: VERIFICATION_EVENTS.failed,
        payload: { conversationId: c.id, customerId: row.customer_id, verificationId: row.id, attempts },
        audience: audienceOf(c),
      });
      return isSpent ? ('OTP_TOO_MANY_ATTEMPTS' as const) : ('OTP_INVALID' as const);
    });
    if (outcome === 'OTP_INVALID') {
      const last = await latest(db, c.id);
      throw new AppError('OTP_INVALID', 400, undefined, {
        attemptsLeft: OTP_MAX_ATTEMPTS - Number(last?.attempts ?? OTP_MAX_ATTEMPTS),
      });
    }
    if (outcome === 'OTP_NOT_FOUND') throw new AppError('OTP_NOT_FOUND', 404);
    if (outcome === 'OTP_ALREADY_USED') throw new AppError('OTP_ALREADY_USED', 409);
    if (outcome === 'OTP_EXPIRED') throw new AppError('OTP_EXPIRED', 410);
    if (outcome === 'OTP_TOO_MANY_ATTEMPTS') throw new AppError('OTP_TOO_MANY_ATTEMPTS', 429);
    return stateOf(c);
  }

  return { getVerification, sendCode, verifyCode };
}

export type Verification = ReturnType<typeof createVerification>;
