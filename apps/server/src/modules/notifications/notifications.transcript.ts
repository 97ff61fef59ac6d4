import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Audit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { isLocale, type Locale, translate } from '../../platform/i18n.ts';
import type { Ids } from '../../platform/ids.ts';
import { maskPans } from '../../platform/masking.ts';
import type { Actor } from '../../platform/rbac.ts';
import type { ConversationsService } from '../conversations/index.ts';
import { isEmailAddress, messageIdFor } from './notifications.email.ts';
import './notifications.messages.ts';
import type { Notification, NotificationsService } from './notifications.service.ts';
import { renderTemplate } from './notifications.templates.ts';

/** A conversation gets at most this many transcripts (distinct addresses): the widget is public. */
export const MAX_TRANSCRIPTS_PER_CONVERSATION = 3;

export interface TranscriptLine {
  at: Date;
  author: string;
  text: string;
}

/**
 * The transcript's text: one line per message, `[HH:MM] Name: text`, in the bank's time zone.
 * Card numbers are masked again (they are masked when stored; this is the last gate before mail).
 */
export function formatTranscript(lines: TranscriptLine[], locale: Locale, timeZone: string): string {
  const time = new Intl.DateTimeFormat(locale, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return lines.map((l) => `[${time.format(l.at)}] ${l.author}: ${maskPans(l.text)}`).join('\n');
}

/**
 * Chat transcripts by email (issue #8): asked for by the customer at the end of the chat or sent by
 * the agent from the desk, queued through the one pipeline as a service email (not a marketing one,
 * so opt-outs do not hold it), one per conversation and address.
 */
export function createTranscripts(deps: {
  db: Db;
  ids: Ids;
  audit: Audit;
  conversations: ConversationsService;
  notifications: NotificationsService;
  mailFrom: { address: string };
  bankTimeZone: string;
}) {
  const { db, ids, audit, conversations, notifications } = deps;

  /**
   * The address a customer would expect: the pre-chat form's, else the known customer's. The widget
   * asks with `visitorCustomerId`: the customer's address on file is shown only to a visitor signed
   * in as that customer (an anonymous visitor an agent linked to a customer must not read it).
   */
  async function suggestedAddress(
    conversationId: string,
    options: { visitorCustomerId?: string | null } = {},
  ): Promise<string | null> {
    const found = await db.execute(sql`SELECT c.contact_email, c.customer_id,
        (SELECT value FROM customer_identities i WHERE i.customer_id = c.customer_id AND i.kind = 'email'
          ORDER BY i.is_primary DESC, i.verified DESC LIMIT 1) AS customer_email
      FROM conversations c WHERE c.id = ${conversationId}`);
    const row = found.rows[0] as
      | { contact_email: string | null; customer_id: string | null; customer_email: string | null }
      | undefined;
    if (!row) return null;
    if (row.contact_email) return row.contact_email;
    const isVisitor = options.visitorCustomerId !== undefined;
    if (isVisitor && (!row.customer_id || row.customer_id !== options.visitorCustomerId)) return null;
    return row.customer_email;
  }

  async function sendTranscript(input: {
    conversationId: string;
    to?: string | null;
    /** The agent (or supervisor) sending it; null when the customer asks from the widget. */
    actor: Actor | null;
    /** From the widget: the customer the visitor is signed in as (null when anonymous). */
    visitorCustomerId?: string | null;
  }): Promise<{ notification: Notification; duplicate: boolean }> {
    const c = await conversations.getConversation(input.conversationId);
    if (c.status !== 'closed') throw new AppError('TRANSCRIPT_CONVERSATION_OPEN', 409);
    const suggestion = () =>
      suggestedAddress(c.id, input.actor ? {} : { visitorCustomerId: input.visitorCustomerId ?? null });
    const to = (input.to?.trim() || (await suggestion()) || '').toLowerCase();
    if (!to) throw new AppError('TRANSCRIPT_ADDRESS_MISSING', 400);
    if (!isEmailAddress(to) || to.length > 254) throw new AppError('TRANSCRIPT_ADDRESS_INVALID', 400);
    const locale: Locale = isLocale(c.language) ? c.language : 'en';
    // One per conversation and address: asking twice (a double click, a retry) is the first one.
    const idempotencyKey = `transcript:${c.id}:${createHash('sha256').update(to).digest('hex').slice(0, 32)}`;

    const messages = await conversations.listMessages(c.id, { includeNotes: false, limit: 1000 });
    const agentIds = [
      ...new Set(messages.filter((m) => m.authorType === 'agent' && m.authorId).map((m) => m.authorId)),
    ] as string[];
    const names = new Map<string, string>();
    if (agentIds.length) {
      const found = await db.execute(sql`SELECT id, display_name FROM users
        WHERE id = ANY(${`{${agentIds.join(',')}}`}::uuid[])`);
      for (const r of found.rows as { id: string; display_name: string }[]) names.set(r.id, r.display_name);
    }
    const customerName = c.contact_name || translate('notifications.transcript.customer', locale);
    const lines: TranscriptLine[] = messages
      .filter((m) => m.kind === 'text' || m.kind === 'attachment')
      .map((m) => ({
        at: new Date(m.createdAt),
        author:
          m.authorType === 'customer'
            ? customerName
            : m.authorType === 'agent'
              ? (names.get(m.authorId as string) ?? translate('notifications.transcript.agent', locale))
              : translate('notifications.transcript.bank', locale),
        text: m.kind === 'attachment' ? `[${m.attachment?.name ?? ''}]` : m.body,
      }));
    const date = new Intl.DateTimeFormat(locale, {
      timeZone: deps.bankTimeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(new Date(c.created_at));
    const rendered = renderTemplate('chat_transcript', locale, {
      name: customerName,
      date,
      transcript: lines.length
        ? formatTranscript(lines, locale, deps.bankTimeZone)
        : translate('notifications.transcript.empty', locale),
    });

    return db.transaction(async (tx) => {
      // Serialises concurrent requests for the same conversation, so the limit below holds.
      await tx.execute(sql`SELECT 1 FROM conversations WHERE id = ${c.id} FOR UPDATE`);
      const sent = await tx.execute(sql`SELECT idempotency_key FROM notifications
        WHERE conversation_id = ${c.id} AND template_key = 'chat_transcript'`);
      const keys = (sent.rows as { idempotency_key: string }[]).map((r) => r.idempotency_key);
      if (!keys.includes(idempotencyKey) && keys.length >= MAX_TRANSCRIPTS_PER_CONVERSATION)
        throw new AppError('TRANSCRIPT_LIMIT_REACHED', 429);
      const result = await notifications.queueEmail(tx, {
        conversationId: c.id,
        customerId: c.customer_id,
        templateKey: 'chat_transcript',
        to,
        locale,
        email: { subject: rendered.subject, text: rendered.body },
        messageId: messageIdFor(ids.uuid(), deps.mailFrom.address),
        idempotencyKey,
      });
      if (!result.duplicate && input.actor) {
        await audit.record(tx, {
          actorId: input.actor.userId,
          actorName: input.actor.displayName,
          action: 'conversation.transcript_sent',
          targetType: 'conversation',
          targetId: c.id,
          details: { notificationId: result.notification.id },
        });
      }
      return result;
    });
  }

  return { sendTranscript, suggestedAddress };
}

export type Transcripts = ReturnType<typeof createTranscripts>;
