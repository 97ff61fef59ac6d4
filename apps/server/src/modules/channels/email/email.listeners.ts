import { sql } from 'drizzle-orm';
import type { Clock } from '../../../platform/clock.ts';
import type { Events } from '../../../platform/events.ts';
import type { Locale } from '../../../platform/i18n.ts';
import type { Ids } from '../../../platform/ids.ts';
import { CONVERSATION_EVENTS, type OutboundMessagePayload } from '../../conversations/index.ts';
import type { NotificationsService } from '../../notifications/index.ts';
import type { EmailChannel } from './email.service.ts';

/** A text[] parameter (drizzle would spread a JS array into a list). */
const textArray = (values: string[]) =>
  sql`ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;

/**
 * An agent's text message in an email conversation goes out as a threaded email: In-Reply-To the
 * customer's last mail, References the whole thread, Reply-To carrying the signed reply token, from
 * the address the customer wrote to. Filed and queued in the handler's transaction, which also marks
 * the event handled: exactly one email per message, sent (and retried) by the notifications worker.
 */
export function registerEmailListeners(deps: {
  events: Events;
  email: EmailChannel;
  notifications: NotificationsService;
  ids: Ids;
  clock: Clock;
}) {
  const { events, email, notifications, ids, clock } = deps;
  events.on(CONVERSATION_EVENTS.outboundMessage, 'email.agent_reply', async (event, tx) => {
    const payload = event.payload as OutboundMessagePayload;
    if (payload.channel !== 'email') return;
    const found =
      await tx.execute(sql`SELECT c.channel, c.customer_id, c.contact_email, c.language, c.topic, m.body, m.seq,
        o.html, o.signature_html, o.signature_text, o.cc, o.bcc
      FROM conversations c JOIN conversation_messages m ON m.conversation_id = c.id
      LEFT JOIN email_reply_options o ON o.conversation_id = c.id AND o.client_id = m.client_id AND m.author_type = 'agent'
      WHERE c.id = ${payload.conversationId} AND m.id = ${payload.messageId}`);
    const row = found.rows[0] as
      | {
          channel: string;
          customer_id: string | null;
          contact_email: string | null;
          language: Locale;
          topic: string | null;
          body: string;
          seq: number;
          /** From the desk's email box (`email.reply.ts`): sanitized HTML and copies. */
          html: string | null;
          /** The queue's signature, resolved when the agent sent (email.templates.ts). */
          signature_html: string | null;
          signature_text: string | null;
          cc: string[] | null;
          bcc: string[] | null;
        }
      | undefined;
    if (row?.channel !== 'email' || !row.contact_email) return;
    // The signature goes under the reply in both parts, appended here only: the conversation
    // message stays what the agent wrote; the mail (and its filed copy) carries it once.
    const html = row.html && row.signature_html ? `${row.html}<div>${row.signature_html}</div>` : row.html;
    const text = row.signature_text ? `${row.body}\n\n-- \n${row.signature_text}` : row.body;
    const thread =
      await tx.execute(sql`SELECT direction, message_id, to_addresses, subject, "references" FROM email_messages
      WHERE conversation_id = ${payload.conversationId} ORDER BY created_at`);
    const mails = thread.rows as {
      direction: string;
      message_id: string;
      to_addresses: string[];
      subject: string;
      references: string[];
    }[];
    const lastIn = [...mails].reverse().find((m) => m.direction === 'in');
    // Answer from the bank address the customer wrote to.
    let ours: string | null = null;
    for (const address of lastIn?.to_addresses ?? []) {
      const known = await email.findAddress(address);
      if (known) {
        ours = known.address;
        break;
      }
    }
    const baseSubject = (lastIn?.subject || row.topic || '').replace(
      /^(re|aw|sv|回复|答复|trả lời)\s*[:：]\s*/i,
      '',
    );
    const subject = `Re: ${baseSubject}`.trim();
    const messageId = notifications.newMessageId();
    // RFC 5322 §3.6.4: the parent's References, then the thread's own Message-IDs; when long, the
    // first (the thread's root) and the newest are kept.
    const chain = [...new Set([...(lastIn?.references ?? []), ...mails.map((m) => m.message_id)])];
    const references = chain.length > 20 ? [chain[0] as string, ...chain.slice(-19)] : chain;
    await tx.execute(sql`INSERT INTO email_messages
        (id, direction, message_id, conversation_id, kind, from_address, to_addresses, cc_addresses, subject, html, in_reply_to, "references", created_at)
      VALUES (${ids.uuid()}, 'out', ${messageId}, ${payload.conversationId}, 'message',
        ${notifications.mailFrom.address}, ${textArray([row.contact_email])}, ${textArray(row.cc ?? [])}, ${subject}, ${html}, ${lastIn?.message_id ?? null},
        ${textArray(references)}, ${clock.now()})
      ON CONFLICT (message_id) DO NOTHING`);
    // The files the agent attached since their previous reply go with this one (attach, then write).
    const files = await tx.execute(sql`SELECT m.attachment->>'id' AS id FROM conversation_messages m
      WHERE m.conversation_id = ${payload.conversationId} AND m.kind = 'attachment' AND m.author_type = 'agent'
        AND m.seq < ${row.seq}
        AND m.seq > COALESCE((SELECT max(p.seq) FROM conversation_messages p
          WHERE p.conversation_id = ${payload.conversationId} AND p.kind = 'text' AND p.author_type = 'agent'
            AND p.seq < ${row.seq}), 0)
      ORDER BY m.seq`);
    const attachmentIds = (files.rows as { id: string | null }[]).flatMap((f) => (f.id ? [f.id] : []));
    await notifications.queueEmail(tx, {
      conversationId: payload.conversationId,
      customerId: row.customer_id,
      to: row.contact_email,
      locale: row.language,
      messageId,
      idempotencyKey: `reply:${payload.messageId}`,
      email: {
        subject,
        text,
        ...(html ? { html } : {}),
        ...(row.cc?.length ? { cc: row.cc } : {}),
        ...(row.bcc?.length ? { bcc: row.bcc } : {}),
        inReplyTo: lastIn?.message_id,
        references,
        ...(attachmentIds.length > 0 ? { attachmentIds } : {}),
        replyTo: ours ? await email.replyAddress(ours, payload.conversationId) : undefined,
      },
    });
  });
}
