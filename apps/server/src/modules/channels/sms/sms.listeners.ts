import { sql } from 'drizzle-orm';
import type { Events } from '../../../platform/events.ts';
import type { Locale } from '../../../platform/i18n.ts';
import { CONVERSATION_EVENTS, type OutboundMessagePayload } from '../../conversations/index.ts';
import type { NotificationsService } from '../../notifications/index.ts';

/**
 * An agent's text message in an SMS conversation goes out as an SMS to the conversation's number,
 * queued in the notifications pipeline in the handler's transaction (which also marks the event
 * handled): exactly one SMS per message, retried with the same identity by the worker.
 */
export function registerSmsListeners(deps: { events: Events; notifications: NotificationsService }) {
  const { events, notifications } = deps;
  events.on(CONVERSATION_EVENTS.outboundMessage, 'sms.agent_reply', async (event, tx) => {
    const payload = event.payload as OutboundMessagePayload;
    if (payload.channel !== 'sms') return;
    const found = await tx.execute(sql`SELECT c.channel, c.customer_id, c.contact_phone, c.language, m.body
      FROM conversations c JOIN conversation_messages m ON m.conversation_id = c.id
      WHERE c.id = ${payload.conversationId} AND m.id = ${payload.messageId}`);
    const row = found.rows[0] as
      | {
          channel: string;
          customer_id: string | null;
          contact_phone: string | null;
          language: Locale;
          body: string;
        }
      | undefined;
    if (row?.channel !== 'sms' || !row.contact_phone) return;
    await notifications.queueText(tx, {
      conversationId: payload.conversationId,
      customerId: row.customer_id,
      to: row.contact_phone,
      locale: row.language,
      text: row.body,
      idempotencyKey: `reply:${payload.messageId}`,
    });
  });
}
