import { createHash, createHmac } from 'node:crypto';

/**
 * Normalisation of what customers type or what channels hand us: phone numbers, emails, names,
 * national ids. Pure functions; expected failures return null.
 */

export type PhoneCountry = 'VN' | 'CN';

export interface ParsedPhone {
  /** E.164, e.g. `+84912345678`. */
  e164: string;
  /** The numbering plan we validated against; null for other countries (shape-checked only). */
  country: PhoneCountry | null;
  type: 'mobile' | 'landline' | 'unknown';
}

const COUNTRY_CODE: Record<PhoneCountry, string> = { VN: '84', CN: '86' };

/**
 * Viet Nam moved 11-digit mobile numbers to 10 digits in 2018 (MIC Decision 798/QĐ-BTTTT):
 * old prefix (after the trunk 0) -> new prefix. Bank records still hold the old form.
 */
const VN_LEGACY_MOBILE_PREFIX: Record<string, string> = {
  '162': '32',
  '163': '33',
  '164': '34',
  '165': '35',
  '166': '36',
  '167': '37',
  '168': '38',
  '169': '39',
  '120': '70',
  '121': '79',
  '122': '77',
  '126': '76',
  '128': '78',
  '123': '83',
  '124': '84',
  '125': '85',
  '127': '81',
  '129': '82',
  '186': '56',
  '188': '58',
  '199': '59',
};

/** Classifies a national significant number (no trunk 0, no country code), or null if invalid. */
function classifyNsn(country: PhoneCountry, nsn: string): ParsedPhone['type'] | null {
  if (country === 'VN') {
    // Mobile: 9 digits, prefixes 3x, 5x, 7x, 8x, 9x. Landline since 2017: 02xx area code, 10 digits.
    if (/^[35789]\d{8}$/.test(nsn)) return 'mobile';
    if (/^2\d{9}$/.test(nsn)) return 'landline';
    return null;
  }
  // CN mobile: 1[3-9] + 9 digits. Landline: 2-digit area code (10, 20–29) + 8 digits, or a
  // 3-digit area code (3xx–9xx) + 7 or 8 digits.
  if (/^1[3-9]\d{9}$/.test(nsn)) return 'mobile';
  if (/^(?:10|2\d)\d{8}$/.test(nsn) || /^[3-9]\d{9,10}$/.test(nsn)) return 'landline';
  return null;
}

function parseNational(country: PhoneCountry, digits: string, hadTrunk: boolean): ParsedPhone | null {
  let nsn = digits;
  if (country === 'VN' && hadTrunk && /^1\d{9}$/.test(nsn)) {
    const mapped = VN_LEGACY_MOBILE_PREFIX[nsn.slice(0, 3)];
    if (mapped) nsn = mapped + nsn.slice(3);
  }
  const type = classifyNsn(country, nsn);
  if (!type) return null;
  return { e164: `+${COUNTRY_CODE[country]}${nsn}`, country, type };
}

function parseInternational(digits: string): ParsedPhone | null {
  for (const country of ['VN', 'CN'] as const) {
    const cc = COUNTRY_CODE[country];
    if (digits.startsWith(cc)) {
      let nsn = digits.slice(cc.length);
      // "+84 (0) 912…": a trunk 0 written after the country code.
      if (nsn.startsWith('0')) nsn = nsn.slice(1);
      return parseNational(country, nsn, true);
    }
  }
  // Any other country: E.164 shape only (up to 15 digits, no leading 0); we do not ship its plan.
  if (/^[1-9]\d{7,14}$/.test(digits)) return { e164: `+${digits}`, country: null, type: 'unknown' };
  return null;
}

/**
 * Parses a phone number as typed by a person or sent by a carrier, in Vietnamese or Chinese
 * national format or international format. Validates VN and CN numbering plans; numbers of other
 * countries are accepted only in international form and only shape-checked.
 */
export function parsePhone(raw: string, defaultCountry: PhoneCountry): ParsedPhone | null {
  if (typeof raw !== 'string') return null;
  // Full-width digits and plus (typed on Chinese keyboards) to ASCII.
  const text = raw.normalize('NFKC').trim();
  if (text.length === 0 || text.length > 32) return null;
  // Only digits, one leading +, and the usual grouping characters.
  if (!/^\+?[\d\s().\-/]+$/.test(text)) return null;
  const digits = text.replace(/\D/g, '');
  if (digits.length < 7) return null;

  if (text.startsWith('+')) return parseInternational(digits);
  if (digits.startsWith('00')) return parseInternational(digits.slice(2));
  if (digits.startsWith('0')) {
    const national = parseNational(defaultCountry, digits.slice(1), true);
    if (national) return national;
    // "013812345678": a Chinese mobile written with a trunk 0.
    if (defaultCountry === 'CN' && /^1[3-9]\d{9}$/.test(digits.slice(1))) {
      return parseNational('CN', digits.slice(1), false);
    }
    return null;
  }
  // Without trunk or plus: the national number itself ("912345678", "13812345678"), else the
  // number with its country code but no plus ("84912345678", "8613812345678").
  const national = parseNational(defaultCountry, digits, false);
  if (national) return national;
  if (digits.startsWith('84') || digits.startsWith('86')) return parseInternational(digits);
  return null;
}

/** E.164 form of a VN or CN phone number (or an international one), or null if it is not one. */
export function normalisePhone(raw: string, defaultCountry: PhoneCountry): string | null {
  return parsePhone(raw, defaultCountry)?.e164 ?? null;
}

export function isE164(value: string): boolean {
  return /^\+[1-9]\d{6,14}$/.test(value);
}

/**
 * Trimmed, lowercased email, or null when it is not shaped like one. The local part is case-sensitive
 * in theory (RFC 5321 §2.4) but in no mailbox provider a bank's customers use, and one customer
 * typing "Ha.Nguyen@" and "ha.nguyen@" must be one identity.
 */
export function normaliseEmail(raw: string): string | null {
  if (typeof raw !== 'string') return null;
  const email = raw.normalize('NFKC').trim().toLowerCase();
  if (email.length > 254) return null;
  if (!/^[^\s@]{1,64}@[^\s@.]+(?:\.[^\s@.]+)+$/.test(email)) return null;
  return email;
}

/**
 * Folds text for search: NFKC (full-width to ASCII), lowercase, Vietnamese and other Latin
 * diacritics removed (đ -> d, which has no decomposition), whitespace collapsed. Han characters
 * pass through unchanged.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/\s+/g, ' ')
    .trim()
    .normalize('NFC');
}

/** The `customers.search_name` value: folded full name and folded Latin name, de-duplicated. */
export function buildSearchName(fullName: string, latinName?: string | null): string {
  const parts = [foldForSearch(fullName)];
  if (latinName) {
    const latin = foldForSearch(latinName);
    if (latin && latin !== parts[0]) parts.push(latin);
  }
  return parts.join(' ');
}

/** National id as issued: ASCII, uppercase, without spaces or dashes (CN ids may end in X). */
export function normaliseNationalId(raw: string): string | null {
  const id = raw.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
  return /^[0-9A-Z]{6,20}$/.test(id) ? id : null;
}

/** Keeps the first four and last two characters: `001234567889` -> `0012******89`. */
export function maskNationalId(id: string): string {
  if (id.length <= 6) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 6)}${id.slice(-2)}`;
}

/**
 * Lookup hash of a normalised national id: sha256 hex, or HMAC-SHA256 with a bank-held key so the
 * hashes cannot be reversed by enumerating the (small) id space. Same hex shape either way.
 */
export function hashNationalId(id: string, key?: string): string {
  return key
    ? createHmac('sha256', key).update(id, 'utf8').digest('hex')
    : createHash('sha256').update(id, 'utf8').digest('hex');
}
