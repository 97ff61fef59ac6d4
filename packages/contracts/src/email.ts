import { type Static, Type } from 'typebox';
import { IsoDateTime, Nullable } from './common.ts';

export const EmailHeader = Type.Object({
  direction: Type.Union([Type.Literal('in'), Type.Literal('out')]),
  messageId: Type.String(),
  from: Type.String(),
  to: Type.Array(Type.String()),
  cc: Type.Array(Type.String()),
  subject: Type.String(),
  /** Sanitized HTML (inert); show it in a sandboxed frame. */
  html: Nullable(Type.String()),
  /** SPF / DKIM / DMARC of an inbound mail (RFC 8601 words: pass, fail, softfail, neutral, none, temperror, permerror, policy); null for our own. */
  auth: Nullable(Type.Object({ spf: Type.String(), dkim: Type.String(), dmarc: Type.String() })),
  at: IsoDateTime,
});
export type EmailHeader = Static<typeof EmailHeader>;

export const EmailThread = Type.Object({ items: Type.Array(EmailHeader) });
export type EmailThread = Static<typeof EmailThread>;

export const EmailSuppression = Type.Object({
  address: Type.String(),
  /** The bounce's RFC 3463 status and diagnostic, or why it was added. */
  reason: Type.String(),
  notificationId: Nullable(Type.String({ format: 'uuid' })),
  createdAt: IsoDateTime,
});
export type EmailSuppression = Static<typeof EmailSuppression>;

export const EmailSuppressionList = Type.Object({ items: Type.Array(EmailSuppression) });
export type EmailSuppressionList = Static<typeof EmailSuppressionList>;

export const EmailSuppressionQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});

export const EmailSuppressionParams = Type.Object({ address: Type.String({ minLength: 3, maxLength: 320 }) });

/** An agent's reply from the desk's email box (rich text, CC, BCC); the server sanitizes the HTML. */
export const EmailReply = Type.Object(
  {
    clientId: Type.String({ minLength: 1, maxLength: 64 }),
    html: Type.String({ maxLength: 100_000 }),
    cc: Type.Optional(Type.Array(Type.String({ maxLength: 320 }), { maxItems: 50 })),
    bcc: Type.Optional(Type.Array(Type.String({ maxLength: 320 }), { maxItems: 50 })),
  },
  { additionalProperties: false },
);
export type EmailReply = Static<typeof EmailReply>;
