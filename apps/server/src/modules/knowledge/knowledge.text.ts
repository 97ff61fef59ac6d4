import { stemmer } from 'stemmer';
import { segmenter } from '../../platform/jieba.ts';

// Loaded with the module, not at the first search: an agent's first query does not wait for it.
const jieba = segmenter();

export const HAN = /\p{Script=Han}/u;
/** Han runs, or runs of other letters and digits. */
const WORDS = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;

/**
 * Lower-cased, without diacritics: `Thẻ tín dụng` → `the tin dung`, `Đổi` → `doi` (đ is a letter
 * of its own in Unicode, not d with a mark, so NFD leaves it).
 */
export function foldLatin(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/đ/g, 'd');
}

// Function words that match nearly every article in their language: they only cost time and noise.
// English and Chinese are compared as written; Vietnamese after folding, so `khong` and `không`
// both go — but never a folded word that is also a content word (`the` is thẻ, the card).
const STOP = new Set(
  [
    'a an and are as at be by can do does for from how i if in is it its my of on or the this to was what when where which who why will with you your me we our',
    '的 了 吗 呢 吧 我 你 是 在 有 和 怎么 怎么办 什么 如何 请问 一下 可以',
  ]
    .join(' ')
    .split(' '),
);
const STOP_FOLDED = new Set(
  'toi ban co khong la cua va cho voi nhu nao gi duoc da bi o trong mot nhung cac minh em chi nhe oi vay roi thi ma phai lam sao'.split(
    ' ',
  ),
);

/** A folded Latin word's term: Porter-stemmed when it is a plain word of more than three letters. */
const latinTerm = (folded: string) =>
  folded.length > 3 && /^[a-z]+$/.test(folded) ? stemmer(folded) : folded;

/**
 * Search terms of a text in any of the three languages: Chinese segmented by jieba (search mode,
 * so 信用卡 also yields 信用), Latin words folded and stemmed (Porter: harmless on Vietnamese
 * syllables, which are short and rarely end in English suffixes). Documents and queries go through
 * the same function, so they meet whatever language a word is in.
 */
export function terms(
  text: string,
  options: { keepStopWords?: boolean; isDocument?: boolean } = {},
): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(WORDS)) {
    const word = match[0];
    if (HAN.test(word)) {
      for (const piece of jieba.cutForSearch(word, true)) {
        if (options.keepStopWords || !STOP.has(piece)) out.push(piece);
        // A document also holds the characters of its words, so a query whose word jieba could
        // not form (丢了 → 丢, 了) still meets 丢失; queries keep whole words (卡 alone is too common).
        if (options.isDocument && piece.length > 1) for (const ch of piece) if (!STOP.has(ch)) out.push(ch);
      }
    } else {
      const lower = word.toLowerCase();
      const folded = foldLatin(word);
      if (!options.keepStopWords && (STOP.has(lower) || STOP_FOLDED.has(folded))) continue;
      out.push(latinTerm(folded));
      // A document also holds a marked word as written (mất, mặt: both fold to `mat`), so a query
      // typed with its marks can rank the exact word above its namesakes (see `markedForms`).
      if (options.isDocument && lower !== folded) out.push(lower.normalize('NFC'));
    }
  }
  return out;
}

/**
 * The query's words that carry diacritics, by the term they fold to: `mất thẻ` → mat → mất,
 * the → thẻ. A search counts the written form on top of the folded one, so `mất thẻ` puts an
 * article about a lost card (mất) above one about cash (tiền mặt), which folding alone ties.
 */
export function markedForms(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const match of text.matchAll(WORDS)) {
    const word = match[0];
    if (HAN.test(word)) continue;
    const lower = word.toLowerCase();
    const folded = foldLatin(word);
    if (lower === folded || STOP.has(lower) || STOP_FOLDED.has(folded)) continue;
    out.set(latinTerm(folded), lower.normalize('NFC'));
  }
  return out;
}

/**
 * English function words that are also Vietnamese syllables once their marks are gone: the (thẻ,
 * thế), can (cần), do (đỏ, đồ), to (tờ, tổ), in (in), my (Mỹ), on (ổn), an (ăn), at (ắt), be (bé),
 * it (ít), me (mẹ), a (à, á). Typed without marks they are stop words like the others, so `terms`
 * drops them; `softTerms` gives them back for a query to use softly (see there).
 */
const SYLLABLES = new Set('a an at be can do in it me my on the to'.split(' '));

/**
 * The words of a query typed without marks that are both English stop words and Vietnamese
 * syllables (`the tin dung` → the). They are never required — `the card` is English — but they
 * complete a synonym phrase (`the tin dung` is thẻ tín dụng) and add their score to an article
 * that matched otherwise, where `the` is a card.
 */
export function softTerms(text: string): string[] {
  const out = new Set<string>();
  for (const match of text.matchAll(WORDS)) {
    const word = match[0].toLowerCase();
    if (SYLLABLES.has(word)) out.add(word);
  }
  return [...out];
}

/**
 * The query's words as `terms` makes them, in order, for matching synonym phrases: a stop word
 * drops out (a phrase may run over it), a soft word stays (`the tin dung`), and a Chinese word is
 * a break (null: jieba's overlapping pieces have no order to keep).
 */
export function termSequence(text: string): Array<string | null> {
  const out: Array<string | null> = [];
  for (const match of text.matchAll(WORDS)) {
    const word = match[0];
    if (HAN.test(word)) {
      out.push(null);
      continue;
    }
    const lower = word.toLowerCase();
    const folded = foldLatin(word);
    if (STOP.has(lower) || STOP_FOLDED.has(folded)) {
      if (SYLLABLES.has(lower)) out.push(lower);
      continue;
    }
    out.push(latinTerm(folded));
  }
  return out;
}

/**
 * Whether a phrase of Latin terms is in the query's sequence as the customer wrote it: its terms
 * one after another, only soft words between them (`report the lost card` has `report lost`).
 * `phí bao nhiêu … mất` does not make `báo mất` (report lost): both words are there, apart.
 */
export function hasPhrase(
  sequence: Array<string | null>,
  phrase: string[],
  soft: ReadonlySet<string>,
): boolean {
  for (let start = 0; start < sequence.length; start++) {
    if (sequence[start] !== phrase[0]) continue;
    let at = start;
    let j = 1;
    while (j < phrase.length) {
      at++;
      const term = sequence[at];
      if (term === undefined || term === null) break;
      if (term === phrase[j]) j++;
      else if (!soft.has(term)) break;
    }
    if (j === phrase.length) return true;
  }
  return false;
}

/** A term as tsquery/tsvector text: quoted, so no character of it is an operator. */
export const lexeme = (term: string) => `'${term.replace(/'/g, "''").replace(/\\/g, '\\\\')}'`;

/** A script or style element (its text dropped with it), from a '<'. */
const SCRIPT_OR_STYLE = /<(script|style)[\s\S]*?<\/\1>/iy;
/** The end tags that end a line (a paragraph, block, list item, heading, row), without the '</'. */
const LINE_END_NAMES = /(?:p|div|li|h[1-6]|tr|br)>/iy;
/** `<br>`, `<br/>`, `<br />` without the '<'. */
const BREAK_TAG = /br\s*\/?>/iy;
const ENTITIES: Array<[string, string]> = [
  ['&nbsp;', ' '],
  ['&lt;', '<'],
  ['&gt;', '>'],
  ['&quot;', '"'],
  ['&#39;', "'"],
  ['&#x27;', "'"],
  ['&amp;', '&'],
];

/** Whether a UTF-16 unit is whitespace as `\s` and `trim` see it. */
function isSpace(code: number): boolean {
  return code <= 32
    ? code === 32 || (code >= 9 && code <= 13)
    : code === 0xa0 ||
        code === 0x1680 ||
        (code >= 0x2000 && code <= 0x200a) ||
        code === 0x2028 ||
        code === 0x2029 ||
        code === 0x202f ||
        code === 0x205f ||
        code === 0x3000 ||
        code === 0xfeff;
}

/**
 * Collects the text of an HTML body: a run of whitespace becomes one line break if it has one,
 * else its spaces and tabs collapse to one space; none at either end.
 */
class TextOut {
  text = '';
  private run = '';
  private isRun = false;
  private hasBreak = false;

  space(code: number) {
    this.isRun = true;
    if (code === 10) this.hasBreak = true;
    else if (code === 32 || code === 9) {
      if (!this.run.endsWith(' ')) this.run += ' ';
    } else this.run += String.fromCharCode(code);
  }

  /** Text without whitespace. */
  word(part: string) {
    if (this.isRun) {
      if (this.text.length > 0) this.text += this.hasBreak ? '\n' : this.run;
      this.run = '';
      this.isRun = false;
      this.hasBreak = false;
    }
    this.text += part;
  }

  /** Any text: its words and whitespace. */
  add(part: string, from = 0, to = part.length) {
    let start = from;
    for (let i = from; i < to; i++) {
      const code = part.charCodeAt(i);
      if (!isSpace(code)) continue;
      if (i > start) this.word(part.slice(start, i));
      this.space(code);
      start = i + 1;
    }
    if (to > start) this.word(part.slice(start, to));
  }
}

/**
 * The text of an HTML body (the sanitizer's output): script and style elements and tags dropped
 * (a line break for the end of a paragraph, block, list item, heading, row and for a line break,
 * a space for the others), its entities decoded, whitespace collapsed as `TextOut` does. One pass:
 * every search hit's snippet starts here.
 */
export function htmlToText(html: string): string {
  const out = new TextOut();
  let copied = 0;
  // The first '>' after the last '<' looked at (−1: none left), so text full of '<' stays linear.
  let close = -2;
  for (let at = 0; at < html.length; at++) {
    const code = html.charCodeAt(at);
    if (code !== 60 && code !== 38) continue;
    let replacement = '';
    let next = -1;
    if (code === 60) {
      const after = html.charCodeAt(at + 1) | 32;
      if (after === 115 /* s */) {
        SCRIPT_OR_STYLE.lastIndex = at;
        if (SCRIPT_OR_STYLE.test(html)) [replacement, next] = [' ', SCRIPT_OR_STYLE.lastIndex];
      }
      if (next < 0 && html.charCodeAt(at + 1) === 47 /* / */) {
        LINE_END_NAMES.lastIndex = at + 2;
        if (LINE_END_NAMES.test(html)) [replacement, next] = ['\n', LINE_END_NAMES.lastIndex];
      }
      if (next < 0 && after === 98 /* b */) {
        BREAK_TAG.lastIndex = at + 1;
        if (BREAK_TAG.test(html)) [replacement, next] = ['\n', BREAK_TAG.lastIndex];
      }
      if (next < 0) {
        if (close !== -1 && close <= at) close = html.indexOf('>', at + 1);
        if (close >= 0) [replacement, next] = [' ', close + 1];
      }
    } else {
      for (const [entity, char] of ENTITIES)
        if (html.startsWith(entity, at)) {
          [replacement, next] = [char, at + entity.length];
          break;
        }
    }
    if (next < 0) continue;
    out.add(html, copied, at);
    out.add(replacement);
    copied = next;
    at = next - 1;
  }
  out.add(html, copied, html.length);
  return out.text;
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A Latin word folded and stemmed as `terms` does it, remembered: snippets analyse the same article
 * words over and over (bounded: forgotten wholesale past 100,000 words).
 */
const analysed = new Map<string, { folded: string; stemmed: string }>();
function analyseWord(word: string) {
  let known = analysed.get(word);
  if (!known) {
    const folded = foldLatin(word);
    known = { folded, stemmed: latinTerm(folded) };
    if (analysed.size >= 100_000) analysed.clear();
    analysed.set(word, known);
  }
  return known;
}

/** The class of a code point as `WORDS` splits text: 1 neither letter nor number, 2 other letters and numbers, 3 Han. */
const classes = new Uint8Array(0x10000);
const astralClasses = new Map<number, number>();
const HAN_CHAR = /^\p{Script=Han}$/u;
const WORD_CHAR = /^[\p{L}\p{N}]$/u;
const classify = (char: string) => (HAN_CHAR.test(char) ? 3 : WORD_CHAR.test(char) ? 2 : 1);
function classOf(code: number): number {
  if (code < 0x80) return (code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 122) ? 2 : 1;
  if (code < 0x10000) {
    let known = classes[code] as number;
    if (known === 0) {
      known = classify(String.fromCharCode(code));
      classes[code] = known;
    }
    return known;
  }
  let known = astralClasses.get(code);
  if (known === undefined) {
    known = classify(String.fromCodePoint(code));
    astralClasses.set(code, known);
  }
  return known;
}

/** The first letter of a character's folded form ('' for none), remembered by character. */
const firstFolded = new Map<number, string>();
function foldedInitial(code: number): string {
  if (code < 0x80) return String.fromCharCode(code >= 65 && code <= 90 ? code + 32 : code);
  let known = firstFolded.get(code);
  if (known === undefined) {
    known = foldLatin(String.fromCodePoint(code)).charAt(0);
    firstFolded.set(code, known);
  }
  return known;
}

/**
 * The words of a text as highlighting reads them — Han runs, and runs of other letters and digits,
 * exactly as `WORDS` splits them — from the start until `visit` returns false: a snippet needs only
 * the words up to its first match plus its length, and most texts shown match early. A hand
 * scanner: the `WORDS` expression (a look-ahead per character) was a third of a snippet's time.
 */
function eachWord(text: string, visit: (start: number, end: number, isHan: boolean) => boolean) {
  const n = text.length;
  let i = 0;
  let kind = 1;
  let start = 0;
  while (i <= n) {
    let code = i < n ? text.charCodeAt(i) : -1;
    let width = 1;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < n) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = ((code - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
        width = 2;
      }
    }
    const next = code < 0 ? 1 : classOf(code);
    if (next !== kind) {
      if (kind !== 1 && !visit(start, i, kind === 3)) return;
      kind = next;
      start = i;
    }
    i += width;
  }
}

/** `htmlToText`, remembered for the bodies shown most (the last 1,000). */
const WORDS_CACHED = 1000;
const textCache = new Map<string, string>();
export function htmlToTextCached(html: string): string {
  let text = textCache.get(html);
  if (text === undefined) {
    text = htmlToText(html);
    if (textCache.size >= WORDS_CACHED) textCache.delete(textCache.keys().next().value as string);
  } else textCache.delete(html);
  textCache.set(html, text);
  return text;
}

/**
 * A short excerpt of `text` around the first query term, HTML-escaped, terms wrapped in <mark>.
 * Matching uses the same folding and stemming as the index, so `the tin dung` marks `thẻ tín dụng`.
 */
export function highlight(text: string, queryTerms: Set<string>, maxChars = 220): string {
  const hanTerms = [...queryTerms].filter((t) => HAN.test(t)).sort((a, b) => b.length - a.length);
  // A Latin word can match only a term that begins with its folded first letter (stemming keeps
  // the first letter): the other words are not analysed at all.
  const initials = new Set<string>();
  for (const term of queryTerms) if (!HAN.test(term)) initials.add(term.charAt(0));
  const ranges: Array<[number, number]> = [];
  // The excerpt ends at most `maxChars` after the first match: no word beyond that is read.
  let end = Number.POSITIVE_INFINITY;
  eachWord(text, (start, stop, isHan) => {
    if (start >= end) return false;
    const before = ranges.length;
    if (isHan) {
      if (hanTerms.length > 0) {
        const word = text.slice(start, stop);
        for (const term of hanTerms) {
          let at = word.indexOf(term);
          while (at >= 0) {
            ranges.push([start + at, start + at + term.length]);
            at = word.indexOf(term, at + term.length);
          }
        }
      }
    } else if (initials.has(foldedInitial(text.codePointAt(start) as number))) {
      const { folded, stemmed } = analyseWord(text.slice(start, stop));
      if (queryTerms.has(stemmed) || queryTerms.has(folded)) ranges.push([start, stop]);
    }
    if (before === 0 && ranges.length > 0) end = Math.min(...ranges.map((r) => r[0])) + maxChars;
    return true;
  });
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  const first = merged[0]?.[0] ?? 0;
  let from = Math.max(0, first - 60);
  if (from > 0) {
    const space = text.indexOf(' ', from);
    if (space >= 0 && space < first) from = space + 1;
  }
  const to = Math.min(text.length, from + maxChars);
  let out = from > 0 ? '…' : '';
  let cursor = from;
  for (const [start, end] of merged) {
    if (end <= from || start >= to) continue;
    const s = Math.max(start, from);
    const e = Math.min(end, to);
    out += `${escapeHtml(text.slice(cursor, s))}<mark>${escapeHtml(text.slice(s, e))}</mark>`;
    cursor = e;
  }
  out += escapeHtml(text.slice(cursor, to));
  if (to < text.length) out += '…';
  return out.replace(/\n/g, ' ');
}
