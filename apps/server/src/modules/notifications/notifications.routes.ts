import { ErrorResponses, IdParams } from '#contracts/common.ts';
import { MailboxList, MailboxMessage, MailboxQuery, NotificationList } from '#contracts/notifications.ts';
import type { App } from '../../platform/http.ts';
import { requireActor } from '../../platform/rbac.ts';
import type { Mailbox } from './notifications.mailbox.ts';
import type { Notification, NotificationsService } from './notifications.service.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const notificationJson = (n: Notification) => ({
  id: n.id,
  customerId: n.customerId,
  purpose: n.purpose,
  templateKey: n.templateKey,
  locale: n.locale,
  channel: n.channel,
  status: n.status,
  reason: n.reason,
  attempts: n.attempts,
  nextAttemptAt: n.nextAttemptAt.toISOString(),
  createdAt: n.createdAt.toISOString(),
  sentAt: iso(n.sentAt),
  deliveredAt: iso(n.deliveredAt),
});

const errors = ErrorResponses;

/** The admin mailbox (`/admin/mailbox`) and a customer's notifications. */
export function notificationsRoutes(deps: { notifications: NotificationsService; mailbox: Mailbox }) {
  const { notifications, mailbox } = deps;
  return async (app: App) => {
    app.get(
      '/admin/mailbox',
      { schema: { tags: ['admin'], querystring: MailboxQuery, response: { 200: MailboxList, ...errors } } },
      async (request) => {
        const page = await mailbox.listMailbox(requireActor(request.actor), request.query);
        return {
          nextBefore: page.nextBefore,
          items: page.items.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })),
        };
      },
    );
    app.get(
      '/admin/mailbox/:id',
      { schema: { tags: ['admin'], params: IdParams, response: { 200: MailboxMessage, ...errors } } },
      async (request) => {
        const message = await mailbox.getMailboxMessage(requireActor(request.actor), request.params.id);
        return { ...message, createdAt: message.createdAt.toISOString() };
      },
    );
    app.get(
      '/customers/:id/notifications',
      { schema: { tags: ['customers'], params: IdParams, response: { 200: NotificationList, ...errors } } },
      async (request) => ({
        items: (await notifications.listForCustomer(requireActor(request.actor), request.params.id)).map(
          notificationJson,
        ),
      }),
    );
  };
}
