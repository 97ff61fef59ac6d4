/** Events of the outbound pipeline; the customer timeline shows them. */
export const NOTIFICATION_EVENTS = {
  queued: 'notification.queued',
  sent: 'notification.sent',
  delivered: 'notification.delivered',
  failed: 'notification.failed',
  suppressed: 'notification.suppressed',
} as const;

export interface NotificationStatusPayload {
  notificationId: string;
  customerId: string | null;
  conversationId: string | null;
  purpose: string;
  templateKey: string;
  channel: 'email' | 'sms' | null;
  status: 'queued' | 'sent' | 'delivered' | 'failed' | 'suppressed';
  attempts: number;
  /** A stable code (NO_CONSENT, NO_ADDRESS, RELAY_REJECTED…), never provider text. */
  reason: string | null;
  /** When a queued notification waits for the morning (quiet hours). */
  notBefore?: string;
}
