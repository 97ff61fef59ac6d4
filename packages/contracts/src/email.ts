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
