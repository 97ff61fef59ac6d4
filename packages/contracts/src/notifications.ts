import { type Static, Type } from 'typebox';
import { IsoDateTime, Locale, Nullable, Uuid } from './common.ts';

export const MailboxSummary = Type.Object({
  id: Uuid,
  messageId: Type.String(),
  from: Type.String(),
  to: Type.Array(Type.String()),
  subject: Type.String(),
  createdAt: IsoDateTime,
});
export type MailboxSummary = Static<typeof MailboxSummary>;

export const MailboxList = Type.Object({
  items: Type.Array(MailboxSummary),
  nextBefore: Nullable(Uuid),
});
export type MailboxList = Static<typeof MailboxList>;

export const MailboxQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    before: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type MailboxQuery = Static<typeof MailboxQuery>;

export const MailboxMessage = Type.Object({
  id: Uuid,
  messageId: Type.String(),
  from: Type.String(),
  to: Type.Array(Type.String()),
  cc: Type.Array(Type.String()),
  subject: Type.String(),
  text: Type.String(),
  headers: Type.String(),
  /** The HTML part as sent (an agent's rich reply; our own mail, sanitized when composed); null for text-only mail. */
  html: Nullable(Type.String()),
  /** The files the message carries (name, sniffed type, bytes). */
  attachments: Type.Array(
    Type.Object({ filename: Type.String(), contentType: Type.String(), size: Type.Integer() }),
  ),
  notificationId: Nullable(Uuid),
  createdAt: IsoDateTime,
});
export type MailboxMessage = Static<typeof MailboxMessage>;

export const NotificationChannel = Type.Union([Type.Literal('email'), Type.Literal('sms')]);
export const NotificationPurpose = Type.Union([
  Type.Literal('transactional'),
  Type.Literal('service'),
  Type.Literal('survey'),
  Type.Literal('marketing'),
]);
export const NotificationStatus = Type.Union([
  Type.Literal('queued'),
  Type.Literal('sending'),
  Type.Literal('sent'),
  Type.Literal('delivered'),
  Type.Literal('failed'),
  Type.Literal('suppressed'),
]);

export const Notification = Type.Object({
  id: Uuid,
  customerId: Nullable(Uuid),
  purpose: NotificationPurpose,
  templateKey: Type.String(),
  locale: Locale,
  channel: Nullable(NotificationChannel),
  status: NotificationStatus,
  reason: Nullable(Type.String()),
  attempts: Type.Integer(),
  nextAttemptAt: IsoDateTime,
  createdAt: IsoDateTime,
  sentAt: Nullable(IsoDateTime),
  deliveredAt: Nullable(IsoDateTime),
});
export type Notification = Static<typeof Notification>;

export const NotificationList = Type.Object({ items: Type.Array(Notification) });
export type NotificationList = Static<typeof NotificationList>;

// ---- chat transcripts by email and one-time passwords (issue #8) ----

export const SendTranscript = Type.Object(
  {
    /** Defaults to the pre-chat form's address, else the known customer's. */
    to: Type.Optional(Type.String({ minLength: 3, maxLength: 254 })),
  },
  { additionalProperties: false },
);
export type SendTranscript = Static<typeof SendTranscript>;

export const TranscriptQueued = Type.Object({
  notificationId: Uuid,
  status: NotificationStatus,
  /** True when this conversation's transcript was already queued for this address. */
  duplicate: Type.Boolean(),
});
export type TranscriptQueued = Static<typeof TranscriptQueued>;

export const TranscriptSuggestion = Type.Object({ email: Nullable(Type.String()) });
export type TranscriptSuggestion = Static<typeof TranscriptSuggestion>;

export const CustomerVerification = Type.Object({
  conversationId: Uuid,
  customerId: Nullable(Uuid),
  verified: Type.Boolean(),
  verifiedAt: Nullable(IsoDateTime),
  verifiedBy: Nullable(Uuid),
  pending: Nullable(
    Type.Object({
      expiresAt: IsoDateTime,
      attemptsLeft: Type.Integer(),
      channel: Nullable(NotificationChannel),
    }),
  ),
});
export type CustomerVerification = Static<typeof CustomerVerification>;

export const CheckVerificationCode = Type.Object(
  { code: Type.String({ pattern: '^\\s*[0-9]{6}\\s*$' }) },
  { additionalProperties: false },
);
export type CheckVerificationCode = Static<typeof CheckVerificationCode>;
