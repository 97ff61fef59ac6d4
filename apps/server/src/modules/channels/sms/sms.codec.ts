import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { GSM7_BASIC, GSM7_EXTENDED, type SmsEncoding, splitSms } from '#contracts/sms.ts';

export { isGsm7, type SmsEncoding, splitSms, stripVietnamese } from '#contracts/sms.ts';

/** SMPP 3.4 §5.2.19 data_coding: 0 = SMSC default alphabet (GSM-7 here), 8 = UCS-2 (ISO/IEC-10646). */
export const DATA_CODING = { gsm7: 0x00, ucs2: 0x08 } as const;
/** SMPP 3.4 §5.2.12 esm_class: UDH indicator, and the SMSC delivery receipt message type. */
export const ESM_UDHI = 0x40;
export const ESM_RECEIPT = 0x04;

const GSM7_REVERSE = new Map<number, string>([...GSM7_BASIC].map((c, i) => [i, c]));
const GSM7_EXT_REVERSE = new Map<number, string>(Object.entries(GSM7_EXTENDED).map(([c, v]) => [v, c]));

/** GSM-7, one septet per octet (unpacked, as SMPP carries it with data_coding 0). */
export function encodeGsm7(text: string): Buffer {
  const out: number[] = [];
  for (const char of text) {
    const basic = GSM7_BASIC.indexOf(char);
    if (basic >= 0 && char !== '\u001b') out.push(basic);
    else if (char in GSM7_EXTENDED) out.push(0x1b, GSM7_EXTENDED[char] as number);
    else out.push(0x3f); // '?', never reached: splitSms chose GSM-7 only when every char has a septet
  }
  return Buffer.from(out);
}

export function decodeGsm7(bytes: Buffer): string {
  let text = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = (bytes[i] as number) & 0x7f;
    if (b === 0x1b && i + 1 < bytes.length) {
      i++;
      text += GSM7_EXT_REVERSE.get((bytes[i] as number) & 0x7f) ?? ' ';
    } else text += GSM7_REVERSE.get(b) ?? '?';
  }
  return text;
}

export function encodeUcs2(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  return le.swap16();
}

export function decodeUcs2(bytes: Buffer): string {
  const copy = Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 2)));
  return copy.swap16().toString('utf16le');
}

/** The payload of a short message as the ESME received it, by its data_coding. */
export function decodeShortMessage(bytes: Buffer, dataCoding: number): string {
  if (dataCoding === DATA_CODING.ucs2) return decodeUcs2(bytes);
  if (dataCoding === 0x03) return bytes.toString('latin1');
  if (dataCoding === 0x01) return bytes.toString('ascii');
  return decodeGsm7(bytes);
}

/** A concatenation UDH (3GPP TS 23.040 §9.2.3.24.1, 8-bit reference): IEI 0x00, length 3. */
export function concatUdh(ref: number, total: number, seq: number): Buffer {
  return Buffer.from([0x05, 0x00, 0x03, ref & 0xff, total, seq]);
}

/** Splits a UDH off a short message: the concatenation reference, total and sequence if any. */
export function parseUdh(bytes: Buffer): {
  concat: { ref: number; total: number; seq: number } | null;
  payload: Buffer;
} {
  const length = bytes[0] ?? 0;
  const header = bytes.subarray(1, 1 + length);
  let concat: { ref: number; total: number; seq: number } | null = null;
  for (let i = 0; i + 1 < header.length; ) {
    const iei = header[i] as number;
    const len = header[i + 1] as number;
    const data = header.subarray(i + 2, i + 2 + len);
    if (iei === 0x00 && len === 3)
      concat = { ref: data[0] as number, total: data[1] as number, seq: data[2] as number };
    if (iei === 0x08 && len === 4)
      concat = { ref: data.readUInt16BE(0), total: data[2] as number, seq: data[3] as number };
    i += 2 + len;
  }
  return { concat, payload: bytes.subarray(1 + length) };
}

export interface EncodedSms {
  encoding: SmsEncoding;
  dataCoding: number;
  /** The text that is sent (diacritics stripped when asked). */
  text: string;
  /** Each part's short_message, the UDH included when there is more than one part. */
  parts: Buffer[];
}

/** Encodes a message for submit_sm: GSM-7 when every character has a septet, else UCS-2. */
export function encodeSms(
  text: string,
  options: { stripDiacritics?: boolean; concatRef: number },
): EncodedSms {
  const split = splitSms(text, { stripDiacritics: options.stripDiacritics });
  const encode = split.encoding === 'gsm7' ? encodeGsm7 : encodeUcs2;
  const total = split.parts.length;
  const parts = split.parts.map((part, i) =>
    total === 1 ? encode(part) : Buffer.concat([concatUdh(options.concatRef, total, i + 1), encode(part)]),
  );
  return {
    encoding: split.encoding,
    dataCoding: DATA_CODING[split.encoding],
    text: split.parts.join(''),
    parts,
  };
}

/** SMPP 3.4 Appendix B receipt text: `id:… sub:… dlvrd:… submit date:… done date:… stat:… err:…`. */
export function parseReceipt(text: string): { id: string; stat: string; err: string } | null {
  const id = /\bid:([^\s]+)/i.exec(text)?.[1];
  const stat = /\bstat:([A-Z]+)/i.exec(text)?.[1];
  if (!id || !stat) return null;
  return { id, stat: stat.toUpperCase(), err: /\berr:([^\s]+)/i.exec(text)?.[1] ?? '000' };
}

/** message_state TLV values (SMPP 3.4 §5.3.2.35) as receipt stat words. */
export const MESSAGE_STATES: Record<number, string> = {
  1: 'ENROUTE',
  2: 'DELIVRD',
  3: 'EXPIRED',
  4: 'DELETED',
  5: 'UNDELIV',
  6: 'ACCEPTD',
  7: 'UNKNOWN',
  8: 'REJECTD',
};
/** Final states: delivered, or failed for good. ENROUTE/ACCEPTD/UNKNOWN are not final. */
export const isFinalFailure = (stat: string) => ['EXPIRED', 'DELETED', 'UNDELIV', 'REJECTD'].includes(stat);

/**
 * Opt-out keywords: STOP and its usual English forms, 退订/TD (China, MIIT practice), and the
 * Vietnamese TU CHOI / HUY (with or without diacritics). Matched on the whole message, trimmed,
 * case and diacritics ignored, so "Stop", "từ chối" and "TD" opt out and "stop by the branch" does not.
 */
const OPT_OUT_KEYWORDS = new Set([
  'STOP',
  'STOPALL',
  'UNSUBSCRIBE',
  'CANCEL',
  'END',
  'QUIT',
  'TD',
  '退订',
  '取消',
  'TU CHOI',
  'TUCHOI',
  'HUY',
  'HUY DK',
  'HUY DANG KY',
]);

/** A whole message as keywords are matched: trimmed, case and diacritics ignored. */
function keywordForm(text: string): string {
  return text
    .normalize('NFKC')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .replace(/[\s.!。！]+/g, ' ')
    .trim()
    .toUpperCase();
}

export function optOutKeyword(text: string): string | null {
  const normalised = keywordForm(text);
  return OPT_OUT_KEYWORDS.has(normalised) ? normalised : null;
}

/**
 * Opt-in keywords, the counterpart of the opt-out ones (decision 0007): START / UNSTOP, 开始 / 订阅,
 * and the Vietnamese BAT DAU (with or without diacritics), matched the same way.
 */
const OPT_IN_KEYWORDS = new Set(['START', 'UNSTOP', 'SUBSCRIBE', '开始', '订阅', 'BAT DAU', 'BATDAU']);

export function optInKeyword(text: string): string | null {
  const normalised = keywordForm(text);
  return OPT_IN_KEYWORDS.has(normalised) ? normalised : null;
}

/**
 * A sender ID as the SMSC gets it: control characters removed (no header or PDU field injection),
 * then either an alphanumeric ID of at most 11 GSM characters or a number of at most 15 digits.
 * Returns null when nothing valid is left.
 */
export function sanitizeSenderId(raw: string): { value: string; ton: number; npi: number } | null {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const cleaned = raw.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '').trim();
  if (/^\+?\d{3,15}$/.test(cleaned)) {
    return cleaned.startsWith('+')
      ? { value: cleaned.slice(1), ton: 1, npi: 1 }
      : { value: cleaned, ton: 0, npi: 1 };
  }
  // Alphanumeric (TON 5): letters, digits, space and a few safe marks, GSM-7 only.
  if (/^[A-Za-z0-9 .\-_&]{1,11}$/.test(cleaned) && /[A-Za-z]/.test(cleaned))
    return { value: cleaned, ton: 5, npi: 0 };
  return null;
}

/** E.164 by libphonenumber-js (full metadata), a national number read in `defaultCountry`. */
export function toE164(raw: string, defaultCountry: CountryCode = 'VN'): string | null {
  if (typeof raw !== 'string' || raw.length > 40) return null;
  const text = raw.normalize('NFKC').trim();
  const national = parsePhoneNumberFromString(text, defaultCountry);
  if (national?.isValid()) return national.number;
  // SMSCs often send international numbers without the plus (TON 1).
  if (/^[1-9]\d{9,14}$/.test(text)) {
    const international = parsePhoneNumberFromString(`+${text}`);
    if (international?.isValid()) return international.number;
  }
  return null;
}
