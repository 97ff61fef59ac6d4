import { type Static, Type } from 'typebox';
import { IsoDateTime, Nullable, Uuid } from './common.ts';

/**
 * GSM 03.38 (3GPP TS 23.038 §6.2.1): the default 7-bit alphabet and its extension table (each
 * extension character costs two septets: ESC + code). Shared by the server's encoder and the desk's
 * segment counter so the agent sees exactly what the SMSC will be sent.
 */
export const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
export const GSM7_EXTENDED: Record<string, number> = {
  '\f': 0x0a,
  '^': 0x14,
  '{': 0x28,
  '}': 0x29,
  '\\': 0x2f,
  '[': 0x3c,
  '~': 0x3d,
  ']': 0x3e,
  '|': 0x40,
  '€': 0x65,
};

export type SmsEncoding = 'gsm7' | 'ucs2';

/** Septets a character takes in GSM-7, or null when it has none (the message needs UCS-2). */
export function gsm7Septets(char: string): 1 | 2 | null {
  if (char === '\u001b') return null;
  if (GSM7_BASIC.includes(char)) return 1;
  if (char in GSM7_EXTENDED) return 2;
  return null;
}

export function isGsm7(text: string): boolean {
  for (const char of text) if (gsm7Septets(char) === null) return false;
  return true;
}

/**
 * Vietnamese without diacritics (as banks often send it, to stay in GSM-7): "Ngân hàng" → "Ngan hang",
 * đ/Đ → d/D. Other scripts are left alone (Chinese stays UCS-2).
 */
export function stripVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/** Single-message and per-part capacities (a part loses 6 octets to the concatenation UDH). */
export const SMS_LIMITS = {
  gsm7: { single: 160, part: 153 },
  ucs2: { single: 70, part: 67 },
} as const;

export interface SmsSplit {
  encoding: SmsEncoding;
  /** The text of each part, in order (one part when it fits a single message). */
  parts: string[];
  /** Units used (septets for GSM-7, UTF-16 code units for UCS-2). */
  units: number;
  /** Units left in the last part before another part is needed. */
  remaining: number;
}

/**
 * Chooses the encoding and splits the text into parts without cutting an escape sequence (GSM-7)
 * or a surrogate pair (UCS-2).
 */
export function splitSms(text: string, options: { stripDiacritics?: boolean } = {}): SmsSplit {
  const stripped = options.stripDiacritics ? stripVietnamese(text) : text;
  const encoding: SmsEncoding = isGsm7(stripped) ? 'gsm7' : 'ucs2';
  const cost = (char: string) => (encoding === 'gsm7' ? (gsm7Septets(char) as number) : char.length);
  const chars = [...stripped];
  const units = chars.reduce((sum, c) => sum + cost(c), 0);
  const limits = SMS_LIMITS[encoding];
  if (units <= limits.single) return { encoding, parts: [stripped], units, remaining: limits.single - units };
  const parts: string[] = [];
  let current = '';
  let used = 0;
  for (const char of chars) {
    const c = cost(char);
    if (used + c > limits.part) {
      parts.push(current);
      current = '';
      used = 0;
    }
    current += char;
    used += c;
  }
  parts.push(current);
  return { encoding, parts, units, remaining: limits.part - used };
}

export const SmsStatus = Type.Union([
  Type.Literal('pending'),
  Type.Literal('submitted'),
  Type.Literal('delivered'),
  Type.Literal('failed'),
  Type.Literal('received'),
]);

export const SmsOutboxItem = Type.Object({
  id: Uuid,
  direction: Type.Union([Type.Literal('in'), Type.Literal('out')]),
  phone: Type.String(),
  sender: Type.String(),
  text: Type.String(),
  encoding: Type.Union([Type.Literal('gsm7'), Type.Literal('ucs2')]),
  segments: Type.Integer(),
  status: SmsStatus,
  error: Nullable(Type.String()),
  notificationId: Nullable(Uuid),
  conversationId: Nullable(Uuid),
  createdAt: IsoDateTime,
  deliveredAt: Nullable(IsoDateTime),
});
export type SmsOutboxItem = Static<typeof SmsOutboxItem>;

export const SmsOutboxList = Type.Object({
  items: Type.Array(SmsOutboxItem),
  nextBefore: Nullable(IsoDateTime),
});
export type SmsOutboxList = Static<typeof SmsOutboxList>;

export const SmsOutboxQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    before: Type.Optional(IsoDateTime),
  },
  { additionalProperties: false },
);
export type SmsOutboxQuery = Static<typeof SmsOutboxQuery>;

/** The HTTP gateway's inbound webhook (a customer's text) and delivery report. */
export const SmsGatewayInbound = Type.Object({
  from: Type.String({ minLength: 1, maxLength: 32 }),
  to: Type.String({ minLength: 1, maxLength: 32 }),
  text: Type.String({ maxLength: 4000 }),
  id: Type.String({ minLength: 1, maxLength: 100 }),
});
export type SmsGatewayInbound = Static<typeof SmsGatewayInbound>;

export const SmsGatewayReport = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 100 }),
  status: Type.Union([Type.Literal('delivered'), Type.Literal('failed')]),
  error: Type.Optional(Type.String({ maxLength: 100 })),
});
export type SmsGatewayReport = Static<typeof SmsGatewayReport>;

/** Admin (demo only): a customer's text played through the built-in SMSC simulator. */
export const SmsSimulateInbound = Type.Object(
  {
    from: Type.String({ minLength: 1, maxLength: 32 }),
    to: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
    text: Type.String({ minLength: 1, maxLength: 1000 }),
  },
  { additionalProperties: false },
);
export type SmsSimulateInbound = Static<typeof SmsSimulateInbound>;
