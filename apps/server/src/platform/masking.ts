/**
 * Card number (PAN) masking. PCI DSS 4.0 req. 3.4.1: display at most the BIN (first six) and the
 * last four digits. A candidate is 13–19 digits (ASCII or full-width), optionally grouped by single
 * spaces or dashes, not touching other digits, and Luhn-valid. Runs of digits longer than a PAN
 * (account numbers, references) are only masked where a whole group sequence inside them is a PAN.
 */

const DIGIT = '[0-9\\uFF10-\\uFF19]';
const SEPARATOR = '[ \\-\\u2010\\u2011\\u2012\\u2013\\uFF0D]';
const RUN = new RegExp(`(?<!${DIGIT})${DIGIT}+(?:${SEPARATOR}${DIGIT}+)*(?!${DIGIT})`, 'g');
const HAS_13_DIGITS = /(?:[0-9\uFF10-\uFF19][^0-9\uFF10-\uFF19]{0,1}){13}/;

const digitValue = (ch: string): number => {
  const code = ch.charCodeAt(0);
  return code >= 0xff10 ? code - 0xff10 : code - 48;
};

export function isLuhnValid(digits: readonly number[]): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits[digits.length - 1 - i] as number;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

interface DigitAt {
  value: number;
  index: number;
  startsGroup: boolean;
  endsGroup: boolean;
}

function maskRun(run: string): string {
  const digits: DigitAt[] = [];
  for (let i = 0; i < run.length; i++) {
    const ch = run[i] as string;
    if (/[0-9\uFF10-\uFF19]/.test(ch)) {
      const prevIsDigit = i > 0 && /[0-9\uFF10-\uFF19]/.test(run[i - 1] as string);
      const nextIsDigit = i + 1 < run.length && /[0-9\uFF10-\uFF19]/.test(run[i + 1] as string);
      digits.push({ value: digitValue(ch), index: i, startsGroup: !prevIsDigit, endsGroup: !nextIsDigit });
    }
  }
  if (digits.length < 13) return run;
  const chars = run.split('');
  let start = 0;
  while (start <= digits.length - 13) {
    let matched = 0;
    if ((digits[start] as DigitAt).startsGroup) {
      for (let len = Math.min(19, digits.length - start); len >= 13; len--) {
        const last = digits[start + len - 1] as DigitAt;
        if (!last.endsGroup) continue;
        if (isLuhnValid(digits.slice(start, start + len).map((d) => d.value))) {
          matched = len;
          break;
        }
      }
    }
    if (matched > 0) {
      for (let k = 6; k < matched - 4; k++) chars[(digits[start + k] as DigitAt).index] = '*';
      start += matched;
    } else {
      start++;
    }
  }
  return chars.join('');
}

/** Returns `text` with every card number masked to BIN + last four. */
export function maskPans(text: string): string {
  if (text.length < 13 || !HAS_13_DIGITS.test(text)) return text;
  return text.replace(RUN, maskRun);
}

/** Deep-masks every string inside a JSON-like value (used by the logger and by channels). */
export function maskPansDeep<T>(value: T): T {
  if (typeof value === 'string') return maskPans(value) as T;
  if (Array.isArray(value)) return value.map((v) => maskPansDeep(v)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = maskPansDeep(v);
    return out as T;
  }
  return value;
}
