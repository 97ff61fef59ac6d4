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
    /** Append the queue's signature (default true); the server appends it when the mail is composed. */
    addSignature: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type EmailReply = Static<typeof EmailReply>;

// ---- templates and signatures (per queue and language) ----

const Language = Type.Union([Type.Literal('en'), Type.Literal('zh-CN'), Type.Literal('vi')]);
const Uuid = Type.String({ format: 'uuid' });
/** One variant per language, like canned responses: an empty one falls back to English. */
const TemplateSubjects = Type.Object(
  {
    en: Type.String({ maxLength: 200 }),
    'zh-CN': Type.Optional(Type.String({ maxLength: 200 })),
    vi: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
const TemplateBodies = Type.Object(
  {
    en: Type.String({ maxLength: 50_000 }),
    'zh-CN': Type.Optional(Type.String({ maxLength: 50_000 })),
    vi: Type.Optional(Type.String({ maxLength: 50_000 })),
  },
  { additionalProperties: false },
);

export const EmailTemplate = Type.Object({
  id: Uuid,
  /** null: a global template, offered in every queue. */
  queueId: Nullable(Uuid),
  name: Type.String(),
  subjects: Type.Record(Type.String(), Type.String()),
  /** Sanitized HTML per language. */
  bodies: Type.Record(Type.String(), Type.String()),
  active: Type.Boolean(),
  updatedAt: IsoDateTime,
});
export type EmailTemplate = Static<typeof EmailTemplate>;
export const EmailTemplateList = Type.Object({ items: Type.Array(EmailTemplate) });

export const CreateEmailTemplate = Type.Object(
  {
    queueId: Nullable(Uuid),
    name: Type.String({ minLength: 1, maxLength: 120 }),
    subjects: Type.Optional(TemplateSubjects),
    bodies: TemplateBodies,
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CreateEmailTemplate = Static<typeof CreateEmailTemplate>;
export const UpdateEmailTemplate = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    subjects: Type.Optional(TemplateSubjects),
    bodies: Type.Optional(TemplateBodies),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateEmailTemplate = Static<typeof UpdateEmailTemplate>;

export const EmailSignature = Type.Object({
  id: Uuid,
  queueId: Nullable(Uuid),
  language: Language,
  html: Type.String(),
  updatedAt: IsoDateTime,
});
export type EmailSignature = Static<typeof EmailSignature>;
export const EmailSignatureList = Type.Object({ items: Type.Array(EmailSignature) });
/** Sets (creates or replaces) the signature of a queue (null: global) in one language. */
export const PutEmailSignature = Type.Object(
  { queueId: Nullable(Uuid), language: Language, html: Type.String({ minLength: 1, maxLength: 20_000 }) },
  { additionalProperties: false },
);
export type PutEmailSignature = Static<typeof PutEmailSignature>;

/**
 * What the desk's email box offers for one conversation: the active templates of its queue and the
 * global ones, filled and in its language (English when missing), and the signature the server
 * will append (a preview; null when none applies).
 */
export const EmailCompose = Type.Object({
  language: Language,
  templates: Type.Array(
    Type.Object({
      id: Uuid,
      queueId: Nullable(Uuid),
      name: Type.String(),
      /** The language the variant is in (the conversation's, or `en` when it had none). */
      language: Language,
      subject: Type.String(),
      html: Type.String(),
    }),
  ),
  signature: Nullable(Type.Object({ html: Type.String(), text: Type.String(), language: Language })),
});
export type EmailCompose = Static<typeof EmailCompose>;
