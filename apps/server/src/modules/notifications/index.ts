/** The notifications module's public surface: other modules import only from here. */
export {
  createEmailSender,
  type EmailSender,
  headerSafe,
  isEmailAddress,
  loadDkim,
  messageIdFor,
  type OutboundEmail,
} from './notifications.email.ts';
export { NOTIFICATION_EVENTS, type NotificationStatusPayload } from './notifications.events.ts';
export { registerNotificationListeners } from './notifications.listeners.ts';
export { createMailbox, type Mailbox } from './notifications.mailbox.ts';
export { type Channel, chooseChannel, earliestSendTime, type Purpose } from './notifications.policy.ts';
export { notificationsRoutes } from './notifications.routes.ts';
export { customerVerifications, mailboxMessages, notifications } from './notifications.schema.ts';
export {
  createNotificationsService,
  type Notification,
  type NotificationsService,
  type QueueNotificationInput,
  type SmsSender,
} from './notifications.service.ts';
export { TEMPLATE_KEYS } from './notifications.templates.ts';
export { createTranscripts, type Transcripts } from './notifications.transcript.ts';
export {
  createVerification,
  OTP_MAX_ATTEMPTS,
  OTP_TTL_MS,
  VERIFICATION_EVENTS,
  type Verification,
} from './notifications.verification.ts';
