import type pg from 'pg';
import type { Clock } from '../../platform/clock.ts';
import type { Logger } from '../../platform/logger.ts';

/**
 * The ranking index of published articles, one per server process (decision 0013): PostgreSQL
 * stays the store (rows, history, "as of", lexicon, search documents); this answers "which
 * published articles match, best first" without a database round trip.
 *
 * - Built at start from the stored `search_doc` tsvectors (no re-analysis of bodies), in pages.
 * - Kept in step by `refresh(ids)`: the service calls it after its own commits, every process's
 *   event follower after others' (`knowledge.article_published` / `_archived` / `_changed`), and
 *   `reconcile()` (every 30 s) heals a missed event by comparing count and latest `updated_at`.
 * - Memory: postings in typed arrays (doc slot Int32 + precomputed term score Float32, CSR by
 *   term), documents in parallel typed arrays; changes since the last compaction in a small
 *   per-term delta, replaced documents as dead slots until the next compaction. Each term's
 *   title/tag postings are also kept apart (the high tier, with their scores), and common words
 *   keep a bitset of their slots with the rank of each 32-slot word (a lookup without a search).
 * - Ranking: the walk over every posting is the reference; `search` reaches the same list through
 *   the high tiers, an intersection from the rarest group, or a fill-up bounded from the tiers.
 */

/** ts_rank weights of the stored search document (A title, B tags, C body and answer, D unused). */
const WEIGHT = { A: 1.0, B: 0.5, C: 0.2, D: 0.05 } as const;
const AUDIENCE_BIT: Record<string, number> = { agents: 1, branches: 2, back_office: 4 };
/** Rows read per page while building. */
const PAGE = 2000;
/** Delta postings before they are merged into the compact arrays. */
const DELTA_LIMIT = 50_000;
/** pg_trgm's default similarity threshold (`%`). */
const TRIGRAM_THRESHOLD = 0.3;
const LATIN_TERM = /^[a-z]{4,}$/;
/**
 * A posting scoring above this has its term in the title or tags (weight A or B: at least
 * 0.5 / 1.645 = 0.30); body and answer occurrences alone (weight C) score at most 0.2. Those
 * title/tag postings are kept apart as each term's "high tier" (see `searchByTiers`).
 */
const HIGH_SCORE = 0.25;
const YEAR_MS = 31_536_000_000;
/** Fill-up candidates ranked first, best bounds first; the rest only if they could still enter. */
const FILL_FIRST = 64;
/**
 * Queries of more groups walk for their fill-up. A customer's message (suggestions) has many
 * common words, whose low-tier maxima add up to more than most titles score: the bounds then pass
 * over few candidates (measured at 150,000 articles, bounds reaching more than half the candidates
 * in 108 of 139 such fill-ups, against 12 of 45 for the evaluation's typed queries).
 */
const FILL_MAX_GROUPS = 8;
/** Strict candidates above this many are first filtered on the bitsets of the words they need. */
const PREFILTER_MIN = 64;
/**
 * A term in at least one article in this many (and in at least this many articles) also keeps a
 * bitset of its slots: whether an article has the word is then one read from a small array.
 */
const DENSE = 64;

/** A published article as the index reads it (a row of `knowledge_articles`). */
export interface IndexRow {
  id: string;
  locale: string;
  visibility: string;
  audience: string[];
  category_id: string | null;
  products: string[];
  published_at: Date | string | null;
  updated_at: Date | string;
  views: number;
  helpful: number;
  /** `search_doc::text`: `'term':1A,5 'other':3` (weight D is not written). */
  doc: string;
}

export const INDEX_COLUMNS = `id, locale, visibility, audience, category_id, products, published_at, updated_at,
  views, helpful, search_doc::text AS doc`;

export interface IndexQuery {
  /**
   * What the strict list requires: every group matches. A group is satisfied by any of its
   * alternatives; an alternative is a phrase whose terms must all be in the article (a query term
   * with its typo corrections, or a synonym group's phrases).
   */
  groups: string[][][];
  /**
   * Terms that add their score to an article that matched otherwise, and match nothing alone: the
   * query's words as written with diacritics (mất), whose folded forms (mat) are in `groups`.
   */
  bonus?: string[];
  locale: string | null;
  categoryIds: ReadonlySet<string> | null;
  product: string | null;
  /** `public` for the help center; null: either. */
  visibility: 'public' | 'internal' | null;
  /** null: every audience (editors); else the article's audience is empty or meets one of these. */
  audiences: string[] | null;
  limit: number;
  /** Fewer strict results than this (and more than one group) and any-group matches fill up. */
  minStrict: number;
}

export interface IndexHit {
  id: string;
  score: number;
}

/** Terms and weights of a tsvector's text form. Quotes inside a lexeme are doubled, backslashes too. */
export function parseTsvector(text: string): Array<{ term: string; positions: number[]; weights: number[] }> {
  const out: Array<{ term: string; positions: number[]; weights: number[] }> = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && text[i] === ' ') i++;
    if (i >= n) break;
    let term = '';
    if (text[i] === "'") {
      i++;
      for (;;) {
        const ch = text[i];
        if (ch === undefined) break;
        if (ch === "'") {
          if (text[i + 1] === "'") {
            term += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (ch === '\\') {
          term += text[i + 1] ?? '';
          i += 2;
          continue;
        }
        term += ch;
        i++;
      }
    } else {
      while (i < n && text[i] !== ' ' && text[i] !== ':') term += text[i++];
    }
    const positions: number[] = [];
    const weights: number[] = [];
    if (text[i] === ':') {
      i++;
      for (;;) {
        let num = 0;
        while (i < n && (text.charCodeAt(i) as number) >= 48 && (text.charCodeAt(i) as number) <= 57)
          num = num * 10 + (text.charCodeAt(i++) - 48);
        let weight: number = WEIGHT.D;
        const w = text[i];
        if (w === 'A' || w === 'B' || w === 'C' || w === 'D') {
          weight = WEIGHT[w];
          i++;
        }
        positions.push(num);
        weights.push(weight);
        if (text[i] === ',') i++;
        else break;
      }
    }
    out.push({ term, positions, weights });
  }
  return out;
}

/**
 * A term's score in one article, as PostgreSQL's ts_rank scores one query item (calc_rank_or):
 * the best weight plus the others, each divided by the square of its rank in position order, over
 * π²/6. Precomputed at indexing, so a search only adds.
 */
export function termScore(weights: number[]): number {
  let resj = 0;
  let wjm = -1;
  let jm = 0;
  for (let j = 0; j < weights.length; j++) {
    const w = weights[j] as number;
    resj += w / ((j + 1) * (j + 1));
    if (w > wjm) {
      wjm = w;
      jm = j;
    }
  }
  if (weights.length === 0) return WEIGHT.D;
  return (wjm + resj - wjm / ((jm + 1) * (jm + 1))) / 1.64493406685;
}

/** pg_trgm's trigrams of a word: padded with two spaces before and one after, distinct. */
export function trigrams(word: string): string[] {
  const padded = `  ${word} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return [...out];
}

const ms = (value: Date | string | null) => (value === null ? 0 : new Date(value).getTime());

/** A locale's bit in a term's locale mask (the eighth and later locales share the last bit). */
const localeBit = (code: number) => 1 << Math.min(code, 7);

/** What a search's filters allow, read by `isAllowed` and `rank` in the index (−1: no filter). */
interface Admission {
  localeCode: number;
  /** 1 public, 0 internal. */
  visibility: number;
  audienceBits: number;
  categorySet: Set<number> | null;
  product: string | null;
  now: number;
}

/**
 * The `k` best (score, then id) of what is offered: insertion into a short sorted array. A class,
 * so every list has one shape and its methods one call target in the loops that offer.
 */
class TopK {
  private readonly slots: Int32Array;
  private readonly scores: Float64Array;
  private size = 0;
  constructor(
    private readonly k: number,
    private readonly ids: string[],
  ) {
    // Typed, so a list's arrays keep one kind of elements whatever is offered.
    this.slots = new Int32Array(k);
    this.scores = new Float64Array(k);
  }

  private isBefore(score: number, slot: number, i: number): boolean {
    const other = this.scores[i] as number;
    return (
      score > other ||
      (score === other && (this.ids[slot] as string) < (this.ids[this.slots[i] as number] as string))
    );
  }

  offer(slot: number, score: number) {
    const { slots, scores, k } = this;
    if (this.size === k && !this.isBefore(score, slot, k - 1)) return;
    let i = this.size < k ? this.size++ : k - 1;
    while (i > 0 && this.isBefore(score, slot, i - 1)) {
      slots[i] = slots[i - 1] as number;
      scores[i] = scores[i - 1] as number;
      i--;
    }
    slots[i] = slot;
    scores[i] = score;
  }

  hits(): IndexHit[] {
    const out: IndexHit[] = [];
    for (let i = 0; i < this.size; i++)
      out.push({ id: this.ids[this.slots[i] as number] as string, score: this.scores[i] as number });
    return out;
  }

  /** What a score must reach to be kept: the lowest kept once the list is full, else −∞. */
  floor(): number {
    return this.size === this.k ? (this.scores[this.k - 1] as number) : Number.NEGATIVE_INFINITY;
  }
}

/** A term's postings added since the last compaction, in slot order (a new version takes a new slot). */
interface DeltaList {
  docs: Int32Array;
  scores: Float32Array;
  length: number;
}

const newDeltaList = (): DeltaList => ({ docs: new Int32Array(4), scores: new Float32Array(4), length: 0 });

function pushPosting(list: DeltaList, slot: number, score: number) {
  if (list.length === list.docs.length) {
    const docs = new Int32Array(list.length * 2);
    docs.set(list.docs);
    list.docs = docs;
    const scores = new Float32Array(list.length * 2);
    scores.set(list.scores);
    list.scores = scores;
  }
  list.docs[list.length] = slot;
  // Single precision, as in the compact arrays: a score does not change when it is compacted.
  list.scores[list.length++] = score;
}

// The loops below take typed arrays only (compact ranges and delta lists alike), so each compiles
// for one kind of array: with `ArrayLike` (a delta was a plain array) every access went through a
// polymorphic lookup, in the loops where a search spends its time.

/**
 * The walk's pass over one posting range of a group's single-word alternative: the group keeps
 * each article's best score (the first touch recorded); a title/tag score marks a fill-up candidate.
 * Returns the new count of touched articles.
 */
function walkBest(
  docs: Int32Array,
  scores: Float32Array,
  from: number,
  to: number,
  best: Float32Array,
  touched: Int32Array,
  titled: Uint8Array,
  count: number,
): number {
  let n = count;
  for (let p = from; p < to; p++) {
    const slot = docs[p] as number;
    const score = scores[p] as number;
    const was = best[slot] as number;
    if (was === 0) touched[n++] = slot;
    if (score > was) best[slot] = score;
    if (score > HIGH_SCORE) titled[slot] = 1;
  }
  return n;
}

/** The walk's pass over one posting range of a phrase's word: hits and score summed per article. */
function walkPhrase(
  docs: Int32Array,
  scores: Float32Array,
  from: number,
  to: number,
  hits: Uint8Array,
  sums: Float32Array,
  touched: Int32Array,
  titled: Uint8Array,
  count: number,
): number {
  let n = count;
  for (let p = from; p < to; p++) {
    const slot = docs[p] as number;
    const score = scores[p] as number;
    const had = hits[slot] as number;
    if (had === 0) touched[n++] = slot;
    if (score > HIGH_SCORE) titled[slot] = 1;
    hits[slot] = had + 1;
    sums[slot] = (sums[slot] as number) + score;
  }
  return n;
}

/** A bonus word's pass: adds its score to the articles something else matched. */
function walkBonus(docs: Int32Array, scores: Float32Array, from: number, to: number, total: Float32Array) {
  for (let p = from; p < to; p++) {
    const slot = docs[p] as number;
    if (total[slot] !== 0) total[slot] = (total[slot] as number) + (scores[p] as number);
  }
}

/**
 * The fill-up's pass over a term's high tier: adds `uses` × (score − the term's low-tier maximum)
 * per article; a query term (not a bonus one) marks the article a candidate (1). Returns the new
 * count of touched articles.
 */
function walkHigh(
  docs: Int32Array,
  scores: Float32Array,
  from: number,
  to: number,
  uses: number,
  lowest: number,
  isGroupTerm: number,
  above: Float32Array,
  marks: Uint8Array,
  touched: Int32Array,
  count: number,
): number {
  let n = count;
  for (let p = from; p < to; p++) {
    const slot = docs[p] as number;
    const was = above[slot] as number;
    if (was === 0 && marks[slot] === 0) touched[n++] = slot;
    above[slot] = was + uses * ((scores[p] as number) - lowest);
    if (isGroupTerm === 1 && marks[slot] === 0) marks[slot] = 1;
  }
  return n;
}

/** The fill-up's pass over a delta list: its articles have no bound and are always ranked (2). */
function markAll(
  docs: Int32Array,
  length: number,
  above: Float32Array,
  marks: Uint8Array,
  touched: Int32Array,
  count: number,
): number {
  let n = count;
  for (let p = 0; p < length; p++) {
    const slot = docs[p] as number;
    if (above[slot] === 0 && marks[slot] === 0) touched[n++] = slot;
    marks[slot] = 2;
  }
  return n;
}

/**
 * The candidates (ascending) that may match every group of `needs` into `out`, returning their
 * count: a group is a list of phrases, a phrase the bitsets of some of its words (each phrase has
 * at least one), and a candidate lacking a word of every phrase of a group cannot match it. A bit
 * read per word, where ranking a candidate looked each word up in its postings.
 */
function prefilter(order: Int32Array, out: Int32Array, needs: Int32Array[][][]): number {
  let n = 0;
  for (let i = 0; i < order.length; i++) {
    const slot = order[i] as number;
    const word = slot >>> 5;
    const bit = 1 << (slot & 31);
    let isPossible = true;
    for (let g = 0; g < needs.length && isPossible; g++) {
      const phrases = needs[g] as Int32Array[][];
      let isMet = false;
      for (let j = 0; j < phrases.length && !isMet; j++) {
        const words = phrases[j] as Int32Array[];
        let isWhole = true;
        for (let w = 0; w < words.length; w++)
          if ((((words[w] as Int32Array)[word] as number) & bit) === 0) {
            isWhole = false;
            break;
          }
        isMet = isWhole;
      }
      isPossible = isMet;
    }
    if (isPossible) out[n++] = slot;
  }
  return n;
}

/**
 * Where a candidate ranking stands in each query term's postings (by term key): its compact range's
 * cursor and end, its delta list and cursor (cursors only move forward, as candidates ascend), and
 * the term's score in the candidate numbered `stamp[k]` (−1 absent).
 */
interface Cursors {
  /** Per term key, its locale mask; `bit`: the current candidate's locale bit. */
  masks: Uint8Array;
  bit: number;
  /** Per term key, its bitset of slots (common terms), else null, and its ranks (`termRanks`). */
  sets: Array<Int32Array | null>;
  ranks: Array<Ranks | null>;
  /** Slots below this have their common terms' postings found by rank; per term key its start. */
  tiered: number;
  start: Int32Array;
  docs: Int32Array;
  scores: Float32Array;
  at: Int32Array;
  end: Int32Array;
  extra: Array<DeltaList | null>;
  deltaAt: Int32Array;
  score: Float64Array;
  stamp: Int32Array;
}

/** Term `k`'s score in the article at `slot` (−1: absent), looked up once per candidate `mark`. */
function look(c: Cursors, k: number, slot: number, mark: number): number {
  if (c.stamp[k] === mark) return c.score[k] as number;
  c.stamp[k] = mark;
  let found = -1;
  if (((c.masks[k] as number) & c.bit) === 0) {
    c.score[k] = found;
    return found;
  }
  const set = c.sets[k] as Int32Array | null;
  if (set !== null) {
    const word = set[slot >>> 5] as number;
    const bit = 1 << (slot & 31);
    if ((word & bit) === 0) {
      c.score[k] = found;
      return found;
    }
    const ranks = c.ranks[k] as Ranks | null;
    if (ranks !== null && slot < c.tiered) {
      const w = slot >>> 5;
      found = c.scores[
        (c.start[k] as number) +
          (ranks.blocks[w >>> RANK_BLOCK] as number) +
          (ranks.words[w] as number) +
          bitCount(word & (bit - 1))
      ] as number;
      c.score[k] = found;
      return found;
    }
  }
  const last = c.end[k] as number;
  const p = seek(c.docs, c.at[k] as number, last, slot);
  c.at[k] = p;
  if (p < last && c.docs[p] === slot) found = c.scores[p] as number;
  else {
    const more = c.extra[k];
    if (more) {
      const q = seek(more.docs, c.deltaAt[k] as number, more.length, slot);
      c.deltaAt[k] = q;
      if (q < more.length && more.docs[q] === slot) found = more.scores[q] as number;
    }
  }
  c.score[k] = found;
  return found;
}

/**
 * A common term's compact postings before each word of its bitset: `blocks[w >> RANK_BLOCK]` +
 * `words[w]` (a block of 2^11 words is 65,536 slots, so the part within it fits 16 bits).
 */
interface Ranks {
  blocks: Int32Array;
  words: Uint16Array;
}
const RANK_BLOCK = 11;

/** The set bits of a 32-bit word. */
function bitCount(word: number): number {
  let x = word - ((word >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** The first position in [start, end) whose slot is ≥ `slot`: gallop, then bisect. */
function seek(docs: Int32Array, start: number, end: number, slot: number): number {
  if (start >= end || (docs[start] as number) >= slot) return start;
  let low = start;
  let step = 1;
  let high = start + 1;
  while (high < end && (docs[high] as number) < slot) {
    low = high;
    step *= 2;
    high = low + step;
  }
  if (high > end) high = end;
  // docs[low] < slot; the answer is in (low, high].
  while (low + 1 < high) {
    const mid = (low + high) >>> 1;
    if ((docs[mid] as number) < slot) low = mid;
    else high = mid;
  }
  return high;
}

export function createKnowledgeIndex(deps: {
  pool: pg.Pool;
  clock: Clock;
  log: Logger;
  /** How often `start` reconciles with the database (ms); 0 = never (tests call `reconcile`). */
  reconcileMs?: number;
}) {
  const { pool, clock, log } = deps;

  // ——— documents (parallel arrays by slot) ———
  let capacity = 0;
  let slots = 0;
  let ids: string[] = [];
  let alive = new Uint8Array(0);
  let localeOf = new Uint8Array(0);
  let isPublic = new Uint8Array(0);
  let audienceOf = new Uint8Array(0);
  let categoryOf = new Int32Array(0);
  let productsOf: Array<string[] | null> = [];
  let publishedAt = new Float64Array(0);
  let updatedAt = new Float64Array(0);
  let views = new Float64Array(0);
  let helpful = new Float64Array(0);
  /** 1 / ln(length + 1) × popularity (views + 3 × helpful, logarithmic): the score's fixed part. */
  let lift = new Float64Array(0);
  /** 1 / ln(document length + 1): ts_rank's normalisation 1. */
  let norm = new Float32Array(0);
  /**
   * At least every living slot's lift (a lift that falls leaves it high until the next build or
   * compaction): no article scores above its term sum × this, which lets a search pass over a
   * match that cannot enter a full list without ranking it.
   */
  let maxLift = 0;
  let slotOf = new Map<string, number>();
  let aliveCount = 0;
  const locales: string[] = [];
  const categories: string[] = [];
  const categoryIndex = new Map<string, number>();
  const intern = (list: string[], map: Map<string, number> | null, value: string) => {
    if (map) {
      const at = map.get(value);
      if (at !== undefined) return at;
      map.set(value, list.length);
    } else {
      const at = list.indexOf(value);
      if (at >= 0) return at;
    }
    list.push(value);
    return list.length - 1;
  };

  // ——— terms and postings ———
  const termId = new Map<string, number>();
  const termText: string[] = [];
  /**
   * Per term, the locales of the articles that have it (bit `localeBit`): a candidate of a locale
   * the term never occurs in needs no lookup (a synonym group spans three languages, an article is
   * in one). Bits are only added, so a removed article can leave one set: a lookup, never a miss.
   */
  let termLocales = new Uint8Array(1024);
  /**
   * Per term id, the slots that have it as a bitset of `capacity` bits, for the common terms of the
   * compact postings (`DENSE`, chosen at each build and compaction); null for the others. A delta
   * posting sets its bit; a removed article leaves its bit (its slot is dead, never a candidate).
   */
  let termSets: Array<Int32Array | null> = [];
  /**
   * Per term with a bitset, its compact postings before each 32-slot word of it: a slot below
   * `tieredSlots` whose bit is set has its posting at offsets[t] + the rank of its word + the set
   * bits before it in that word (no search). Slots from `tieredSlots` on are newer (the delta).
   */
  let termRanks: Array<Ranks | null> = [];
  let tieredSlots = 0;
  /** Compact postings (CSR): term t's postings are [offsets[t], offsets[t + 1]) for t < mainTerms. */
  let mainTerms = 0;
  let offsets = new Int32Array(1);
  let postDoc = new Int32Array(0);
  let postScore = new Float32Array(0);
  /**
   * High tier of the compact postings (score > HIGH_SCORE, in slot order, CSR by term like the
   * main arrays), and per term the highest score × lift of its other postings: an article none of
   * whose query terms is in a high tier ranks at most the sum of those (× `liftGrowth`).
   */
  let hiOffsets = new Int32Array(1);
  let hiDoc = new Int32Array(0);
  let hiScore = new Float32Array(0);
  let lowImpact = new Float64Array(0);
  /** Per compact term, the highest score of its postings outside the high tier (no lift). */
  let lowScore = new Float32Array(0);
  /** Each slot's lift when `lowImpact` was computed, and the largest growth since (views, votes). */
  let liftBase = new Float64Array(0);
  let liftGrowth = 1;
  /** Postings added since the last compaction, by term. */
  let delta = new Map<number, DeltaList>();
  let deltaSize = 0;
  let deadSlots = 0;
  /** Latin terms (the typo lexicon): trigram → term ids, and each term's trigram count. */
  const trigramTerms = new Map<string, number[]>();
  const trigramCount = new Map<number, number>();
  /** Corrections found, by unknown term (forgotten whenever a Latin term is added). */
  const correctionCache = new Map<string, string[]>();

  // ——— categories (for the category filter: a category and its descendants) ———
  let parentOf = new Map<string, string | null>();

  let ready = false;
  let building: Promise<void> | null = null;
  let queue: Promise<void> = Promise.resolve();
  let pendingWhileBuilding = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  let reconciles = 0;
  /** Searches answered by intersection (the rest walked every posting). */
  let intersections = 0;
  /** Searches answered from the high tiers alone, tries of it that fell back, candidates ranked. */
  let tiered = 0;
  let tierFallbacks = 0;
  let tieredFillUps = 0;
  let candidatesRanked = 0;
  /** Fill-up candidates (articles with a query term in their title or tags) and those ranked. */
  let fillUpCandidates = 0;
  let fillUpRanked = 0;
  /** Milliseconds spent ranking in `search` (synchronous: its CPU time in this process). */
  let rankingMs = 0;

  function grow(min: number) {
    if (min <= capacity) return;
    const next = Math.max(min, capacity * 2, 1024);
    const copy = <T extends Uint8Array | Int32Array | Float64Array | Float32Array>(
      a: T,
      make: (n: number) => T,
    ) => {
      const b = make(next);
      // A rebuild starts from capacity 0 with the old (longer) arrays: keep what fits.
      b.set(a.length <= next ? a : a.subarray(0, next));
      return b;
    };
    alive = copy(alive, (n) => new Uint8Array(n));
    localeOf = copy(localeOf, (n) => new Uint8Array(n));
    isPublic = copy(isPublic, (n) => new Uint8Array(n));
    audienceOf = copy(audienceOf, (n) => new Uint8Array(n));
    categoryOf = copy(categoryOf, (n) => new Int32Array(n));
    publishedAt = copy(publishedAt, (n) => new Float64Array(n));
    updatedAt = copy(updatedAt, (n) => new Float64Array(n));
    views = copy(views, (n) => new Float64Array(n));
    helpful = copy(helpful, (n) => new Float64Array(n));
    lift = copy(lift, (n) => new Float64Array(n));
    norm = copy(norm, (n) => new Float32Array(n));
    termSets = termSets.map((set) => {
      if (set === null) return null;
      const wider = new Int32Array((next + 31) >>> 5);
      wider.set(set);
      return wider;
    });
    capacity = next;
    scratch = null;
  }

  function termOf(term: string): number {
    let id = termId.get(term);
    if (id === undefined) {
      id = termText.length;
      termId.set(term, id);
      termText.push(term);
      if (LATIN_TERM.test(term)) {
        correctionCache.clear();
        const grams = trigrams(term);
        trigramCount.set(id, grams.length);
        for (const g of grams) {
          const list = trigramTerms.get(g);
          if (list) list.push(id);
          else trigramTerms.set(g, [id]);
        }
      }
    }
    return id;
  }

  /** Stores a row's fields in a new slot; returns the slot and its (term, score) pairs. */
  function addDocument(row: IndexRow, onPosting: (term: number, slot: number, score: number) => void) {
    const old = slotOf.get(row.id);
    if (old !== undefined) removeSlot(old);
    const slot = slots++;
    grow(slots);
    const bit = localeBit(intern(locales, null, row.locale));
    ids[slot] = row.id;
    alive[slot] = 1;
    localeOf[slot] = intern(locales, null, row.locale);
    isPublic[slot] = row.visibility === 'public' ? 1 : 0;
    let bits = 0;
    for (const a of row.audience ?? []) bits |= AUDIENCE_BIT[a] ?? 0;
    audienceOf[slot] = bits;
    categoryOf[slot] = row.category_id ? intern(categories, categoryIndex, row.category_id) : -1;
    productsOf[slot] = row.products && row.products.length > 0 ? row.products : null;
    publishedAt[slot] = ms(row.published_at);
    updatedAt[slot] = ms(row.updated_at);
    views[slot] = Number(row.views) || 0;
    helpful[slot] = Number(row.helpful) || 0;
    let length = 0;
    for (const { term, weights } of parseTsvector(row.doc ?? '')) {
      length += Math.max(1, weights.length);
      const t = termOf(term);
      if (t >= termLocales.length) {
        const wider = new Uint8Array(Math.max(t + 1, termLocales.length * 2));
        wider.set(termLocales);
        termLocales = wider;
      }
      termLocales[t] = (termLocales[t] as number) | bit;
      onPosting(t, slot, termScore(weights));
    }
    norm[slot] = length > 0 ? 1 / Math.log(length + 1) : 1;
    setLift(slot);
    slotOf.set(row.id, slot);
    aliveCount++;
    return slot;
  }

  /** Recomputes a slot's `lift` after its length, views or helpful votes changed. */
  function setLift(slot: number) {
    const value =
      (norm[slot] as number) *
      (1 + Math.log(1 + (views[slot] as number) + 3 * (helpful[slot] as number)) / 30);
    lift[slot] = value;
    if (value > maxLift) maxLift = value;
    // The tiers' bound holds for the lifts it was computed with: a lift that grew since widens it.
    const base = slot < liftBase.length ? (liftBase[slot] as number) : 0;
    if (base > 0 && value > base * liftGrowth) liftGrowth = value / base;
  }

  /**
   * The high tier of every compact posting list and the bound of the rest (O(postings), after a
   * build or a compaction). Postings in the delta are not tiered: a search ranks all of them.
   */
  function buildTiers() {
    const counts = new Int32Array(mainTerms + 1);
    const low = new Float64Array(mainTerms);
    const lowest = new Float32Array(mainTerms);
    for (let t = 0; t < mainTerms; t++) {
      let high = 0;
      let most = 0;
      let best = 0;
      for (let p = offsets[t] as number; p < (offsets[t + 1] as number); p++) {
        const score = postScore[p] as number;
        if (score > HIGH_SCORE) high++;
        else {
          const impact = score * (lift[postDoc[p] as number] as number);
          if (impact > most) most = impact;
          if (score > best) best = score;
        }
      }
      counts[t + 1] = (counts[t] as number) + high;
      low[t] = most;
      lowest[t] = best;
    }
    const docs = new Int32Array(counts[mainTerms] as number);
    const scores = new Float32Array(docs.length);
    let at = 0;
    for (let t = 0; t < mainTerms; t++)
      for (let p = offsets[t] as number; p < (offsets[t + 1] as number); p++)
        if ((postScore[p] as number) > HIGH_SCORE) {
          docs[at] = postDoc[p] as number;
          scores[at++] = postScore[p] as number;
        }
    hiOffsets = counts;
    hiDoc = docs;
    hiScore = scores;
    termSets = new Array(termText.length).fill(null);
    termRanks = new Array(termText.length).fill(null);
    const words = (slots + 31) >>> 5;
    for (let t = 0; t < mainTerms; t++) {
      const from = offsets[t] as number;
      const to = offsets[t + 1] as number;
      if (to - from < DENSE || (to - from) * DENSE < slots) continue;
      const set = new Int32Array((capacity + 31) >>> 5);
      const ranks: Ranks = {
        blocks: new Int32Array((words >>> RANK_BLOCK) + 1),
        words: new Uint16Array(words + 1),
      };
      let word = 0;
      const rankAt = (w: number, rank: number) => {
        if ((w & ((1 << RANK_BLOCK) - 1)) === 0) ranks.blocks[w >>> RANK_BLOCK] = rank;
        ranks.words[w] = rank - (ranks.blocks[w >>> RANK_BLOCK] as number);
      };
      for (let p = from; p < to; p++) {
        const slot = postDoc[p] as number;
        set[slot >>> 5] = (set[slot >>> 5] as number) | (1 << (slot & 31));
        while (word <= slot >>> 5) rankAt(word++, p - from);
      }
      while (word <= words) rankAt(word++, to - from);
      termSets[t] = set;
      termRanks[t] = ranks;
    }
    tieredSlots = slots;
    lowImpact = low;
    lowScore = lowest;
    liftBase = new Float64Array(capacity);
    liftBase.set(lift.subarray(0, slots));
    liftGrowth = 1;
  }

  function removeSlot(slot: number) {
    if (!alive[slot]) return;
    alive[slot] = 0;
    aliveCount--;
    deadSlots++;
    slotOf.delete(ids[slot] as string);
  }

  /** Adds or replaces one published article (postings into the delta). */
  function upsert(row: IndexRow) {
    addDocument(row, (term, slot, score) => {
      let list = delta.get(term);
      if (!list) {
        list = newDeltaList();
        delta.set(term, list);
      }
      pushPosting(list, slot, score);
      const set = termSets[term];
      if (set) set[slot >>> 5] = (set[slot >>> 5] as number) | (1 << (slot & 31));
      deltaSize++;
    });
    if (deltaSize > DELTA_LIMIT || (deadSlots > 1000 && deadSlots > aliveCount / 5)) compact();
  }

  function remove(id: string) {
    const slot = slotOf.get(id);
    if (slot !== undefined) removeSlot(slot);
  }

  /**
   * Merges the delta into the compact arrays and drops dead slots (renumbering the living ones):
   * O(postings), so it runs only when the delta or the dead grow large.
   */
  function compact() {
    const renumber = new Int32Array(slots).fill(-1);
    let next = 0;
    for (let s = 0; s < slots; s++) if (alive[s]) renumber[s] = next++;
    const terms = termText.length;
    const counts = new Int32Array(terms + 1);
    for (let t = 0; t < mainTerms; t++)
      for (let p = offsets[t] as number; p < (offsets[t + 1] as number); p++)
        if ((renumber[postDoc[p] as number] as number) >= 0) counts[t + 1] = (counts[t + 1] as number) + 1;
    for (const [t, list] of delta)
      for (let i = 0; i < list.length; i++)
        if ((renumber[list.docs[i] as number] as number) >= 0) counts[t + 1] = (counts[t + 1] as number) + 1;
    for (let t = 0; t < terms; t++) counts[t + 1] = (counts[t + 1] as number) + (counts[t] as number);
    const docsOut = new Int32Array(counts[terms] as number);
    const scoresOut = new Float32Array(counts[terms] as number);
    const fill = counts.slice(0, terms);
    for (let t = 0; t < mainTerms; t++)
      for (let p = offsets[t] as number; p < (offsets[t + 1] as number); p++) {
        const d = renumber[postDoc[p] as number] as number;
        if (d < 0) continue;
        const at = fill[t] as number;
        fill[t] = at + 1;
        docsOut[at] = d;
        scoresOut[at] = postScore[p] as number;
      }
    for (const [t, list] of delta)
      for (let i = 0; i < list.length; i++) {
        const d = renumber[list.docs[i] as number] as number;
        if (d < 0) continue;
        const at = fill[t] as number;
        fill[t] = at + 1;
        docsOut[at] = d;
        scoresOut[at] = list.scores[i] as number;
      }
    offsets = counts;
    postDoc = docsOut;
    postScore = scoresOut;
    mainTerms = terms;
    delta = new Map();
    deltaSize = 0;
    // Documents: move each living slot down to its new number (renumber[s] <= s, so in place).
    const newIds: string[] = new Array(next);
    const newProducts: Array<string[] | null> = new Array(next);
    for (let s = 0; s < slots; s++) {
      const d = renumber[s] as number;
      if (d < 0) continue;
      newIds[d] = ids[s] as string;
      newProducts[d] = productsOf[s] ?? null;
      alive[d] = 1;
      localeOf[d] = localeOf[s] as number;
      isPublic[d] = isPublic[s] as number;
      audienceOf[d] = audienceOf[s] as number;
      categoryOf[d] = categoryOf[s] as number;
      publishedAt[d] = publishedAt[s] as number;
      updatedAt[d] = updatedAt[s] as number;
      views[d] = views[s] as number;
      helpful[d] = helpful[s] as number;
      lift[d] = lift[s] as number;
      norm[d] = norm[s] as number;
    }
    alive.fill(0, next);
    maxLift = 0;
    for (let s = 0; s < next; s++) if ((lift[s] as number) > maxLift) maxLift = lift[s] as number;
    ids = newIds;
    productsOf = newProducts;
    slots = next;
    deadSlots = 0;
    slotOf = new Map(ids.map((id, s) => [id, s]));
    buildTiers();
  }

  // ——— building ———

  async function loadCategories() {
    const { rows } = await pool.query<{ id: string; parent_id: string | null }>(
      'SELECT id, parent_id FROM knowledge_categories',
    );
    parentOf = new Map(rows.map((r) => [r.id, r.parent_id]));
  }

  /** Reads every published article in pages (keyset by id) into fresh compact arrays. */
  async function build(): Promise<void> {
    const t0 = performance.now();
    const total = (
      await pool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM knowledge_articles WHERE status = 'published'",
      )
    ).rows[0]?.n;
    await loadCategories();
    // Fresh state: documents in slot order, their postings in document order, turned into CSR.
    capacity = 0;
    slots = 0;
    ids = [];
    productsOf = [];
    slotOf = new Map();
    aliveCount = 0;
    deadSlots = 0;
    maxLift = 0;
    termLocales.fill(0);
    termSets = [];
    termRanks = [];
    grow(Math.max(1024, total ?? 0));
    let termsBuf = new Int32Array(1 << 16);
    let scoresBuf = new Float32Array(1 << 16);
    let used = 0;
    const onPosting = (term: number, _slot: number, score: number) => {
      if (used === termsBuf.length) {
        const t = new Int32Array(used * 2);
        t.set(termsBuf);
        termsBuf = t;
        const s = new Float32Array(used * 2);
        s.set(scoresBuf);
        scoresBuf = s;
      }
      termsBuf[used] = term;
      scoresBuf[used++] = score;
    };
    const docEnd: number[] = [];
    let after = '00000000-0000-0000-0000-000000000000';
    let pages = 0;
    for (;;) {
      const { rows } = await pool.query<IndexRow>({
        name: 'knowledge_index_page',
        text: `SELECT ${INDEX_COLUMNS} FROM knowledge_articles
          WHERE status = 'published' AND id > $1 ORDER BY id LIMIT ${PAGE}`,
        values: [after],
      });
      for (const row of rows) {
        addDocument(row, onPosting);
        docEnd.push(used);
      }
      pages++;
      if (rows.length > 0) after = (rows.at(-1) as IndexRow).id;
      if (pages % 10 === 0 || rows.length < PAGE)
        log.info({ loaded: slots, articles: total }, 'knowledge index building');
      if (rows.length < PAGE) break;
    }
    // CSR by term, postings in slot order.
    const terms = termText.length;
    const counts = new Int32Array(terms + 1);
    for (let p = 0; p < used; p++)
      counts[(termsBuf[p] as number) + 1] = (counts[(termsBuf[p] as number) + 1] as number) + 1;
    for (let t = 0; t < terms; t++) counts[t + 1] = (counts[t + 1] as number) + (counts[t] as number);
    const fill = counts.slice(0, terms);
    postDoc = new Int32Array(used);
    postScore = new Float32Array(used);
    let slot = 0;
    for (let p = 0; p < used; p++) {
      while (p >= (docEnd[slot] as number)) slot++;
      const term = termsBuf[p] as number;
      const at = fill[term] as number;
      fill[term] = at + 1;
      postDoc[at] = slot;
      postScore[at] = scoresBuf[p] as number;
    }
    offsets = counts;
    mainTerms = terms;
    delta = new Map();
    deltaSize = 0;
    scratch = null;
    buildTiers();
    log.info(
      {
        articles: aliveCount,
        terms,
        postings: used,
        ms: Math.round(performance.now() - t0),
        heapMb: Math.round(process.memoryUsage().heapUsed / 1048576),
      },
      'knowledge index built',
    );
  }

  // ——— keeping in step ———

  /** Re-reads these articles and adds, replaces or removes them (idempotent, serialised). */
  function refresh(articleIds: Iterable<string>): Promise<void> {
    const wanted = [...new Set(articleIds)];
    if (wanted.length === 0) return queue;
    if (building) {
      for (const id of wanted) pendingWhileBuilding.add(id);
      return building;
    }
    queue = queue
      .then(async () => {
        const { rows } = await pool.query<IndexRow & { status: string }>({
          name: 'knowledge_index_refresh',
          text: `SELECT ${INDEX_COLUMNS}, status FROM knowledge_articles WHERE id = ANY($1::uuid[])`,
          values: [wanted],
        });
        const found = new Set<string>();
        for (const row of rows) {
          found.add(row.id);
          if (row.status === 'published') upsert(row);
          else remove(row.id);
        }
        for (const id of wanted) if (!found.has(id)) remove(id);
      })
      .catch((error) => log.error({ err: error }, 'knowledge index refresh failed'));
    return queue;
  }

  /**
   * Heals what an event could not tell (a process that missed it, a popularity change): compares
   * the count and latest `updated_at` of published articles; on a difference (and every tenth run,
   * to take views and helpful votes) reads ids, times and counters and patches what differs.
   */
  async function reconcile(): Promise<{ patched: number }> {
    if (!ready) return { patched: 0 };
    reconciles++;
    await loadCategories();
    const head = (
      await pool.query<{ n: number; at: Date | null }>(
        "SELECT count(*)::int AS n, max(updated_at) AS at FROM knowledge_articles WHERE status = 'published'",
      )
    ).rows[0] as { n: number; at: Date | null };
    let latest = 0;
    for (let s = 0; s < slots; s++)
      if (alive[s] && (updatedAt[s] as number) > latest) latest = updatedAt[s] as number;
    const isSame = head.n === aliveCount && ms(head.at) === latest;
    if (isSame && reconciles % 10 !== 0) return { patched: 0 };
    const { rows } = await pool.query<{ id: string; updated_at: Date; views: number; helpful: number }>(
      "SELECT id, updated_at, views, helpful FROM knowledge_articles WHERE status = 'published'",
    );
    const stale: string[] = [];
    const seen = new Set<string>();
    for (const r of rows) {
      seen.add(r.id);
      const slot = slotOf.get(r.id);
      if (slot === undefined || updatedAt[slot] !== ms(r.updated_at)) stale.push(r.id);
      else {
        views[slot] = r.views;
        helpful[slot] = r.helpful;
        setLift(slot);
      }
    }
    for (const id of slotOf.keys()) if (!seen.has(id)) stale.push(id);
    if (stale.length > 0) {
      log.info({ articles: stale.length }, 'knowledge index reconciled');
      for (let i = 0; i < stale.length; i += 1000) await refresh(stale.slice(i, i + 1000));
    }
    return { patched: stale.length };
  }

  /** Builds (searches use SQL until then), then reconciles every `reconcileMs`. */
  function start(): Promise<void> {
    if (building || ready) return building ?? Promise.resolve();
    pendingWhileBuilding = new Set();
    building = build()
      .then(() => {
        ready = true;
        building = null;
        const pending = pendingWhileBuilding;
        pendingWhileBuilding = new Set();
        return refresh(pending);
      })
      .catch((error) => {
        building = null;
        log.error({ err: error }, 'knowledge index build failed; searching in PostgreSQL');
      });
    const every = deps.reconcileMs ?? 30_000;
    if (every > 0 && !timer) {
      // Not on `queue`: reconcile's own refreshes go through it.
      let isReconciling = false;
      timer = setInterval(() => {
        // A failed build (database away at start) is tried again; searches stay on SQL meanwhile.
        if (!ready && !building) void start();
        if (isReconciling) return;
        isReconciling = true;
        reconcile()
          .catch((error) => log.error({ err: error }, 'knowledge index reconcile failed'))
          .finally(() => {
            isReconciling = false;
          });
      }, every);
      timer.unref();
    }
    return building;
  }

  async function stop() {
    if (timer) clearInterval(timer);
    timer = null;
    await Promise.allSettled([building, queue]);
  }

  // ——— querying ———

  let scratch: {
    total: Float32Array;
    matched: Uint8Array;
    /** 1 where a query term is in the title or tags (a high-tier score): a fill-up candidate. */
    titled: Uint8Array;
    groupBest: Float32Array;
    phraseSum: Float32Array;
    phraseHits: Uint8Array;
    touched: Int32Array;
    groupTouched: Int32Array;
    /** The fill-up's bound per candidate, and its title/tag part (lists, not by slot). */
    bounds: Float64Array;
    excess: Float32Array;
    /** The strict candidates that pass `prefilter`. */
    filtered: Int32Array;
    phraseTouched: Int32Array;
    /** Bitsets of `capacity` bits for `slotsOfEveryGroup`: the result, a group's, a phrase's. */
    every: Int32Array;
    some: Int32Array;
    whole: Int32Array;
  } | null = null;
  const space = () => {
    if (!scratch || scratch.total.length < capacity)
      scratch = {
        total: new Float32Array(capacity),
        matched: new Uint8Array(capacity),
        titled: new Uint8Array(capacity),
        groupBest: new Float32Array(capacity),
        phraseSum: new Float32Array(capacity),
        phraseHits: new Uint8Array(capacity),
        touched: new Int32Array(capacity),
        groupTouched: new Int32Array(capacity),
        bounds: new Float64Array(capacity),
        excess: new Float32Array(capacity),
        filtered: new Int32Array(capacity),
        phraseTouched: new Int32Array(capacity),
        every: new Int32Array((capacity + 31) >>> 5),
        some: new Int32Array((capacity + 31) >>> 5),
        whole: new Int32Array((capacity + 31) >>> 5),
      };
    return scratch;
  };

  /**
   * A term's posting ranges: its compact range, then its delta (none for an unknown term, nor for
   * one that never occurs in the locale of `bit` when that is not 0).
   */
  function rangesOf(term: string, bit = 0): Array<[Int32Array, Float32Array, number, number]> {
    const t = termId.get(term);
    if (t === undefined || (bit !== 0 && ((termLocales[t] as number) & bit) === 0)) return [];
    const out: Array<[Int32Array, Float32Array, number, number]> = [];
    if (t < mainTerms) out.push([postDoc, postScore, offsets[t] as number, offsets[t + 1] as number]);
    const more = delta.get(t);
    if (more) out.push([more.docs, more.scores, 0, more.length]);
    return out;
  }

  /**
   * Ranks every matching published article: the sum of each group's best alternative (a term's
   * precomputed ts_rank item score; a phrase's terms summed), length-normalised, × freshness (up to
   * −15 % after a year) × popularity (views + 3 × helpful, logarithmic) — the SQL path's formula.
   * Articles matching every group come first; if they are few, articles matching some fill up —
   * those with a query term in their title or tags (a high-tier score), as the SQL path takes its
   * fill-up from the title index: a text that matches some words in its body only adds little,
   * and such texts are most of a large base. This walks every posting of every query term:
   * `search` calls it only when the any-group fill-up is needed or when the intersection would not
   * be cheaper.
   */
  function searchByWalk(query: IndexQuery, isLocaleSkipped = false): IndexHit[] {
    // With a locale filter, the terms that never occur in that locale touch nothing it allows.
    const code = query.locale === null ? -1 : locales.indexOf(query.locale);
    const bit = isLocaleSkipped && code >= 0 ? localeBit(code) : 0;
    const { total, matched, titled, groupBest, phraseSum, phraseHits, touched, groupTouched, phraseTouched } =
      space();
    let touchedCount = 0;
    for (const group of query.groups) {
      let groupCount = 0;
      for (const phrase of group) {
        if (phrase.length === 1) {
          for (const [docs, scores, from, to] of rangesOf(phrase[0] as string, bit))
            groupCount = walkBest(docs, scores, from, to, groupBest, groupTouched, titled, groupCount);
          continue;
        }
        let phraseCount = 0;
        for (const term of phrase)
          for (const [docs, scores, from, to] of rangesOf(term, bit))
            phraseCount = walkPhrase(
              docs,
              scores,
              from,
              to,
              phraseHits,
              phraseSum,
              phraseTouched,
              titled,
              phraseCount,
            );
        for (let i = 0; i < phraseCount; i++) {
          const slot = phraseTouched[i] as number;
          // A whole phrase satisfies the group; a part of one only adds to the any-term score.
          if (phraseHits[slot] === phrase.length) {
            const score = phraseSum[slot] as number;
            const was = groupBest[slot] as number;
            if (was === 0) groupTouched[groupCount++] = slot;
            if (score > was) groupBest[slot] = score;
          } else {
            if (total[slot] === 0 && matched[slot] === 0) touched[touchedCount++] = slot;
            total[slot] = (total[slot] as number) + (phraseSum[slot] as number) / phrase.length;
          }
          phraseHits[slot] = 0;
          phraseSum[slot] = 0;
        }
      }
      for (let i = 0; i < groupCount; i++) {
        const slot = groupTouched[i] as number;
        const best = groupBest[slot] as number;
        if (total[slot] === 0 && matched[slot] === 0) touched[touchedCount++] = slot;
        total[slot] = (total[slot] as number) + best;
        matched[slot] = (matched[slot] as number) + 1;
        groupBest[slot] = 0;
      }
    }
    for (const term of query.bonus ?? [])
      for (const [docs, scores, from, to] of rangesOf(term, bit)) walkBonus(docs, scores, from, to, total);
    const groups = query.groups.length;
    const filter = admission(query);
    // The best `limit` of each list, kept sorted while scanning (no array of every match to sort).
    const strict = new TopK(query.limit, ids);
    const loose = new TopK(query.limit, ids);
    const ceiling = maxLift;
    for (let i = 0; i < touchedCount; i++) {
      const slot = touched[i] as number;
      const sum = total[slot] as number;
      const hits = matched[slot] as number;
      const isTitled = titled[slot] === 1;
      total[slot] = 0;
      matched[slot] = 0;
      titled[slot] = 0;
      // A full list keeps only what beats its last: sum × the largest lift (freshness ≤ 1) bounds
      // the score, so most matches of a common word are passed over unranked.
      if (hits === groups) {
        if (sum * ceiling >= strict.floor() && isAllowed(filter, slot))
          strict.offer(slot, rank(filter, slot, sum));
      } else if (isTitled && sum * ceiling >= loose.floor() && isAllowed(filter, slot))
        loose.offer(slot, rank(filter, slot, sum));
    }
    const out = strict.hits();
    if (out.length < Math.min(query.limit, query.minStrict) && groups > 1)
      out.push(...loose.hits().slice(0, query.limit - out.length));
    return out;
  }

  /**
   * The query's filters (locale, visibility, audience, category, product) in one object of a fixed
   * shape, read by `isAllowed` and `rank`: functions declared once, so the loops that call them
   * for every match keep one call target (a closure per search made V8 drop their compiled code).
   */
  function admission(query: IndexQuery): Admission {
    let audienceBits = 0;
    for (const a of query.audiences ?? []) audienceBits |= AUDIENCE_BIT[a] ?? 0;
    const locale = query.locale === null ? -1 : locales.indexOf(query.locale);
    return {
      // No locale: every one (-1); a locale no article has: none (-2).
      localeCode: query.locale !== null && locale < 0 ? -2 : locale,
      visibility: query.visibility === null ? -1 : query.visibility === 'public' ? 1 : 0,
      audienceBits: query.audiences === null ? -1 : audienceBits,
      categorySet:
        query.categoryIds === null
          ? null
          : new Set([...query.categoryIds].map((c) => categoryIndex.get(c) ?? -2).filter((c) => c >= 0)),
      product: query.product,
      now: clock.now().getTime(),
    };
  }

  function isAllowed(filter: Admission, slot: number): boolean {
    if (!alive[slot]) return false;
    if (filter.localeCode !== -1 && localeOf[slot] !== filter.localeCode) return false;
    if (filter.visibility !== -1 && isPublic[slot] !== filter.visibility) return false;
    if (
      filter.audienceBits !== -1 &&
      audienceOf[slot] !== 0 &&
      ((audienceOf[slot] as number) & filter.audienceBits) === 0
    )
      return false;
    if (filter.categorySet !== null && !filter.categorySet.has(categoryOf[slot] as number)) return false;
    if (filter.product !== null && !productsOf[slot]?.includes(filter.product)) return false;
    return true;
  }

  /** The term sum length-normalised, × freshness (up to −15 % after a year) × popularity. */
  function rank(filter: Admission, slot: number, sum: number): number {
    const age = Math.max(0, filter.now - (publishedAt[slot] as number)) / YEAR_MS;
    return sum * (lift[slot] as number) * (0.85 + 0.15 / (1 + age));
  }

  /**
   * The same ranking as `searchByWalk`, by ranking candidates when that is cheaper. A candidate is
   * looked up in every query term's posting list (sorted by slot) by galloping forward, so the long
   * lists of common words ("card", "account") are seeked into, not walked. Scores are summed in
   * single precision in the walk's order, so every path ranks alike. The candidates, cheapest first:
   *
   * 1. The high tiers (`searchByTiers`): the articles with a query term in their title or tags.
   *    When the `limit`-th of those outranks what any other article could reach (the sum of the
   *    terms' low-tier bounds), that is the answer — the body-only matches of common words, most
   *    of a large base, are never touched.
   * 2. The postings of the group with the fewest (an article matching every group is among them).
   * 3. Otherwise, or when the strict list comes out shorter than the fill-up threshold, the walk
   *    (it ranks the any-group matches too).
   */
  function search(query: IndexQuery): IndexHit[] {
    const started = performance.now();
    try {
      return rankQuery(query);
    } finally {
      rankingMs += performance.now() - started;
    }
  }

  function rankQuery(query: IndexQuery): IndexHit[] {
    const groupCount = query.groups.length;
    if (groupCount === 0) return searchByWalk(query, true);
    // Distinct terms, their postings: main range [from, to) of postDoc, then the delta list.
    const termIndex = new Map<string, number>();
    const from: number[] = [];
    const to: number[] = [];
    const hiFrom: number[] = [];
    const hiTo: number[] = [];
    const low: number[] = [];
    const lowest: number[] = [];
    const sets: Array<Int32Array | null> = [];
    const ranks: Array<Ranks | null> = [];
    const extra: Array<DeltaList | null> = [];
    const lengths: number[] = [];
    const masks: number[] = [];
    const keyOf = (term: string) => {
      let k = termIndex.get(term);
      if (k !== undefined) return k;
      k = from.length;
      termIndex.set(term, k);
      const t = termId.get(term);
      const main = t !== undefined && t < mainTerms;
      from.push(main ? (offsets[t] as number) : 0);
      to.push(main ? (offsets[t + 1] as number) : 0);
      hiFrom.push(main ? (hiOffsets[t] as number) : 0);
      hiTo.push(main ? (hiOffsets[t + 1] as number) : 0);
      low.push(main ? (lowImpact[t] as number) : 0);
      lowest.push(main ? (lowScore[t] as number) : 0);
      sets.push(t === undefined ? null : (termSets[t] ?? null));
      ranks.push(t === undefined ? null : (termRanks[t] ?? null));
      masks.push(t === undefined ? 0 : (termLocales[t] as number));
      const more = t === undefined ? null : (delta.get(t) ?? null);
      extra.push(more);
      lengths.push((to[k] as number) - (from[k] as number) + (more?.length ?? 0));
      return k;
    };
    const groups = query.groups.map((group) => group.map((phrase) => phrase.map(keyOf)));
    const bonus = (query.bonus ?? []).map(keyOf);
    const termCount = from.length;
    let walk = 0;
    for (let k = 0; k < termCount; k++) walk += lengths[k] as number;
    // Each group's candidates (a phrase's are its rarest word's postings); the driver has fewest.
    const groupCost = groups.map((group) => {
      let cost = 0;
      for (const phrase of group) {
        let least = Number.POSITIVE_INFINITY;
        for (const k of phrase) least = Math.min(least, lengths[k] as number);
        cost += least;
      }
      return cost;
    });
    const byCost = groups
      .map((_, g) => g)
      .sort((a, b) => (groupCost[a] as number) - (groupCost[b] as number));
    const driver = byCost[0] as number;
    const driverCost = groupCost[driver] as number;
    const plan: Plan = {
      groups,
      bonus,
      byCost,
      from,
      to,
      hiFrom,
      hiTo,
      lowest,
      sets,
      ranks,
      extra,
      masks: Uint8Array.from(masks),
      termCount,
    };

    // Per group, the bitsets of its phrases' common words (what filters strict candidates), taken
    // when strict candidates are about to be ranked (not for a search that walks).
    let needs: Array<Int32Array[][] | null> | null = null;
    const needsNow = () => {
      needs ??= needsOf(plan);
      return needs;
    };
    let tierCost = 0;
    for (let k = 0; k < termCount; k++)
      tierCost += (hiTo[k] as number) - (hiFrom[k] as number) + (extra[k]?.length ?? 0);
    /** The articles with a query term in a high tier or in the delta, ascending. */
    const tierCandidates = () => {
      const lists: PostingRange[] = [];
      for (let k = 0; k < termCount; k++) {
        lists.push({ docs: hiDoc, start: hiFrom[k] as number, end: hiTo[k] as number });
        const more = extra[k];
        if (more) lists.push({ docs: more.docs, start: 0, end: more.length });
      }
      return union(lists);
    };
    /**
     * What an article outside the tiers could score in the strict list, each term at its low-tier
     * bound: per group, a whole phrase plus the shares of the group's other phrases as partial
     * matches; then the bonus terms. An article is in one locale, so only the terms that occur in
     * that locale count, and a locale where some group cannot be whole has no strict article; the
     * bound is that of the locale that could score most. (The strict list only: the tiers' answer
     * is taken when it is full, and a full strict list needs no fill-up.)
     */
    const tierBound = () => {
      const only = query.locale === null ? -1 : locales.indexOf(query.locale);
      let most = 0;
      for (let code = 0; code < locales.length; code++) {
        if (only !== -1 && code !== only) continue;
        const bit = localeBit(code);
        const reach = (k: number) => (((masks[k] as number) & bit) === 0 ? 0 : (low[k] as number));
        let bound = 0;
        for (const group of groups) {
          let shares = 0;
          for (const phrase of group)
            if (phrase.length > 1) for (const k of phrase) shares += reach(k) / phrase.length;
          // The best whole phrase, its own share taken out of the others'.
          let best = -1;
          for (const phrase of group) {
            if (phrase.some((k) => ((masks[k] as number) & bit) === 0)) continue;
            let sum = 0;
            for (const k of phrase) sum += low[k] as number;
            const own = phrase.length > 1 ? sum / phrase.length : 0;
            best = Math.max(best, sum + shares - own);
          }
          bound = best < 0 ? Number.NEGATIVE_INFINITY : bound + best;
        }
        for (const k of bonus) bound += reach(k);
        most = Math.max(most, bound);
      }
      // × the lifts' growth since the bounds were taken; a margin for single-precision sums.
      return most * liftGrowth * (1 + 1e-5);
    };

    // 1. The high tiers, when they hold fewer candidates than the other ways.
    // A tier candidate costs a lookup per term at most; a walked posting about as much as one.
    if (groupCount < 2 ? tierCost * termCount < walk : tierCost < driverCost) {
      const { strict } = rankCandidates(
        query,
        plan,
        narrowed(needsNow(), tierCandidates()),
        query.limit,
        false,
      );
      if (strict.floor() > tierBound()) {
        tiered++;
        return strict.hits();
      }
      tierFallbacks++;
    }

    // 2. The driving group's postings, when looking them up costs less than walking.
    // A lookup is a few comparisons per term, mostly one step forward when candidates are dense;
    // a walked posting costs as much in scattered writes. Measured at 150,000 articles (load
    // phase, CPU per search): lookups ≤ 2 × postings 2.24 ms, ≤ 1 × 2.49, ≤ 0.5 × 2.88 — the
    // walk stays for candidates far beyond that (and yields the fill-up).
    // A group no article has (an unknown word): no strict match, the answer is the fill-up.
    const isFillable = groupCount <= FILL_MAX_GROUPS;
    if (driverCost === 0 && groupCount > 1) {
      if (!isFillable) return searchByWalk(query, true);
      tieredFillUps++;
      return fillUp(query, plan, query.limit).hits();
    }
    if (driverCost * termCount >= 2 * walk) return searchByWalk(query, true);
    // The candidates: the slots in the bitsets of every group when the driving group has common
    // words and passing over the bitsets (a pass per word, one to read) costs less than gathering
    // its postings; else its postings, filtered.
    const wanted = needsNow();
    const passes = wanted.reduce(
      (n, phrases) => n + (phrases?.reduce((m, words) => m + words.length + 1, 0) ?? 0),
      1,
    );
    let candidates: Int32Array;
    if (wanted[driver] !== null && ((slots + 31) >>> 5) * passes < 2 * driverCost) {
      candidates = slotsOfEveryGroup(wanted.filter((phrases) => phrases !== null));
    } else {
      const lists: PostingRange[] = [];
      for (const phrase of groups[driver] as number[][]) {
        let k = phrase[0] as number;
        for (const other of phrase) if ((lengths[other] as number) < (lengths[k] as number)) k = other;
        lists.push({ docs: postDoc, start: from[k] as number, end: to[k] as number });
        const more = extra[k];
        if (more) lists.push({ docs: more.docs, start: 0, end: more.length });
      }
      candidates = narrowed(wanted, union(lists));
    }
    const { strict, strictCount } = rankCandidates(query, plan, candidates, query.limit, false);
    // One group has no fill-up: its matches are the strict list.
    if (groupCount > 1 && strictCount < Math.min(query.limit, query.minStrict)) {
      if (!isFillable) return searchByWalk(query, true);
      // Every strict match is known (few): the any-group fill-up is among the tiers (and deltas).
      tieredFillUps++;
      return [...strict.hits(), ...fillUp(query, plan, query.limit - strictCount).hits()];
    }
    intersections++;
    return strict.hits();
  }

  interface PostingRange {
    docs: Int32Array;
    start: number;
    end: number;
  }

  /**
   * The distinct slots of some posting ranges, ascending. One compact range is used as it is; more
   * are marked and gathered, then sorted when few or read back from the marks in slot order when
   * many (sorting tens of thousands of slots cost more than ranking them).
   */
  function union(lists: PostingRange[]): Int32Array {
    const filled = lists.filter((l) => l.end > l.start);
    const only = filled[0];
    if (filled.length === 1 && only && only.docs === postDoc) return postDoc.subarray(only.start, only.end);
    const { matched, touched } = space();
    let count = 0;
    for (const { docs, start, end } of filled)
      for (let p = start; p < end; p++) {
        const slot = docs[p] as number;
        if (matched[slot] === 0) {
          matched[slot] = 1;
          touched[count++] = slot;
        }
      }
    if (count * 64 > slots) {
      let at = 0;
      for (let slot = 0; slot < slots; slot++)
        if (matched[slot] === 1) {
          matched[slot] = 0;
          touched[at++] = slot;
        }
      return touched.subarray(0, count);
    }
    for (let i = 0; i < count; i++) matched[touched[i] as number] = 0;
    return touched.subarray(0, count).sort();
  }

  /**
   * Per group, its phrases as the bitsets of their common words: a strict match has every word of
   * some phrase of every group, so it is in the bitsets of some phrase's common words. Groups with
   * a phrase that has no common word are left out (they rule nothing out).
   */
  function needsOf(plan: Plan): Array<Int32Array[][] | null> {
    return plan.groups.map((group) => {
      const phrases = group.map((phrase) =>
        phrase.map((k) => plan.sets[k]).filter((set): set is Int32Array => set !== null && set !== undefined),
      );
      return phrases.every((words) => words.length > 0) ? phrases : null;
    });
  }

  /** Strict candidates, those lacking a common word that every match needs dropped (`prefilter`). */
  function narrowed(needs: Array<Int32Array[][] | null>, candidates: Int32Array): Int32Array {
    if (candidates.length <= PREFILTER_MIN) return candidates;
    const known = needs.filter((phrases) => phrases !== null);
    if (known.length === 0) return candidates;
    const kept = space().filtered;
    return kept.subarray(0, prefilter(candidates, kept, known));
  }

  /**
   * The slots in the bitsets of every group of `needs` (ascending): per group, the union over its
   * phrases of the intersection of their words' sets, then the intersection over groups. A pass
   * over a few small arrays per word, where gathering and filtering a common word's postings
   * touched each of them.
   */
  function slotsOfEveryGroup(needs: Int32Array[][][]): Int32Array {
    const { every, some, whole, filtered: out } = space();
    const words = (slots + 31) >>> 5;
    for (let g = 0; g < needs.length; g++) {
      const target = g === 0 ? every : some;
      target.fill(0, 0, words);
      for (const phrase of needs[g] as Int32Array[][]) {
        const first = phrase[0] as Int32Array;
        if (phrase.length === 1) {
          for (let i = 0; i < words; i++) target[i] = (target[i] as number) | (first[i] as number);
          continue;
        }
        whole.set(first.subarray(0, words));
        for (let w = 1; w < phrase.length; w++) {
          const set = phrase[w] as Int32Array;
          for (let i = 0; i < words; i++) whole[i] = (whole[i] as number) & (set[i] as number);
        }
        for (let i = 0; i < words; i++) target[i] = (target[i] as number) | (whole[i] as number);
      }
      if (g > 0) for (let i = 0; i < words; i++) every[i] = (every[i] as number) & (some[i] as number);
    }
    let n = 0;
    for (let i = 0; i < words; i++) {
      let bits = every[i] as number;
      while (bits !== 0) {
        const low = bits & -bits;
        out[n++] = (i << 5) | (31 - Math.clz32(low));
        bits ^= low;
      }
    }
    return out.subarray(0, n);
  }

  interface Plan {
    /** The query's groups → phrases → term keys; `byCost`: group numbers, cheapest first. */
    groups: number[][][];
    bonus: number[];
    byCost: number[];
    /** Per term key: its compact range [from, to) and its delta list. */
    from: number[];
    to: number[];
    /** Per term key: its high tier [hiFrom, hiTo) of hiDoc, the highest score outside it. */
    hiFrom: number[];
    hiTo: number[];
    lowest: number[];
    /** Per term key: its bitset of slots (common terms), else null, and its ranks (`termRanks`). */
    sets: Array<Int32Array | null>;
    ranks: Array<Ranks | null>;
    extra: Array<DeltaList | null>;
    /** Per term key: the locales it occurs in (`localeBit`). */
    masks: Uint8Array;
    termCount: number;
  }

  /**
   * Ranks the candidates (ascending slots) that match every group: the best `keep` and how many
   * there were. A candidate's terms are looked up group by group, cheapest group first, and the
   * first group it misses ends it (most candidates of a common word miss a rarer one). With
   * `isLoose`, the other way round: the candidates matching some groups but not all, with a query
   * term in their title or tags (the fill-up).
   */
  function rankCandidates(
    query: IndexQuery,
    plan: Plan,
    candidates: Int32Array,
    keep: number,
    isLoose: boolean,
    into: TopK = new TopK(keep, ids),
  ) {
    const { groups, bonus, byCost, from, to, extra, masks, sets, ranks, termCount } = plan;
    const filter = admission(query);
    // The groups cheapest first, flattened: group i's phrases are [groupStart[i], groupStart[i + 1]),
    // phrase j's term keys are phraseTerms[phraseStart[j] … phraseStart[j + 1]).
    const groupCount = byCost.length;
    const groupStart = new Int32Array(groupCount + 1);
    const phraseStartList: number[] = [0];
    const phraseTermList: number[] = [];
    for (let i = 0; i < groupCount; i++) {
      for (const phrase of groups[byCost[i] as number] as number[][]) {
        phraseTermList.push(...phrase);
        phraseStartList.push(phraseTermList.length);
      }
      groupStart[i + 1] = phraseStartList.length - 1;
    }
    const phraseStart = Int32Array.from(phraseStartList);
    const phraseTerms = Int32Array.from(phraseTermList);
    const cursors: Cursors = {
      masks,
      bit: 0,
      sets,
      ranks,
      tiered: tieredSlots,
      start: Int32Array.from(from),
      docs: postDoc,
      scores: postScore,
      at: Int32Array.from(from),
      end: Int32Array.from(to),
      extra,
      deltaAt: new Int32Array(termCount),
      score: new Float64Array(termCount),
      stamp: new Int32Array(termCount),
    };
    const strict = into;
    const ceiling = maxLift;
    let strictCount = 0;
    candidatesRanked += candidates.length;
    for (let i = 0; i < candidates.length; i++) {
      const slot = candidates[i] as number;
      if (!isAllowed(filter, slot)) continue;
      const mark = i + 1;
      cursors.bit = localeBit(localeOf[slot] as number);
      // Which groups the candidate meets. Ranking a strict candidate stops at the first group it
      // misses, and a phrase at its first missing word; the sum below looks up whatever it needs.
      let met = 0;
      for (let g = 0; g < groupCount; g++) {
        let isMet = false;
        for (let j = groupStart[g] as number; j < (groupStart[g + 1] as number) && !isMet; j++) {
          let isWhole = true;
          for (let t = phraseStart[j] as number; t < (phraseStart[j + 1] as number); t++)
            if (look(cursors, phraseTerms[t] as number, slot, mark) < 0) {
              isWhole = false;
              break;
            }
          isMet = isWhole;
        }
        if (isMet) met++;
        else if (!isLoose) break;
      }
      if (isLoose === (met === groupCount)) continue;
      // As the walk sums (Float32 at each step, groups in query order): partial phrases as met,
      // then the group's best. A fill-up candidate has a query term (not a bonus one) in its title
      // or tags (a delta's may not).
      let sum = 0;
      let isTitled = false;
      for (const group of groups) {
        let best = 0;
        for (const phrase of group) {
          if (phrase.length === 1) {
            const s = look(cursors, phrase[0] as number, slot, mark);
            if (s > HIGH_SCORE) isTitled = true;
            if (s > best) best = s;
            continue;
          }
          let part = 0;
          let found = 0;
          for (const k of phrase) {
            const s = look(cursors, k, slot, mark);
            if (s > HIGH_SCORE) isTitled = true;
            if (s >= 0) {
              found++;
              part = Math.fround(part + s);
            }
          }
          if (found === phrase.length) {
            if (part > best) best = part;
          } else if (found > 0) sum = Math.fround(sum + part / phrase.length);
        }
        sum = Math.fround(sum + best);
      }
      if (isLoose && !isTitled) continue;
      // The walk ranks only what some group term touched (a bonus term alone matches nothing).
      if (sum === 0) continue;
      for (const k of bonus) {
        const s = look(cursors, k, slot, mark);
        if (s >= 0) sum = Math.fround(sum + s);
      }
      strictCount++;
      if (sum * ceiling >= strict.floor()) strict.offer(slot, rank(filter, slot, sum));
    }
    return { strict, strictCount };
  }

  /**
   * The any-group fill-up: the best `keep` articles that match some groups but not all and have a
   * query term in their title or tags, ranked exactly as the walk ranks them, without walking the
   * body postings of common words.
   * 1. The high tiers (title and tag postings) of the query's terms are walked once, adding up per
   *    article what its title/tag occurrences score above their term's low-tier maximum. With the
   *    low-tier maxima of its locale's terms added, that bounds the article's term sum: every use
   *    of a term in the query counted at its best, partial phrases as whole ones. Articles with
   *    postings in the delta (not tiered) have no bound.
   * 2. The candidates are ranked by lookups (`rankCandidates`), best bounds first: those at or
   *    above a threshold that keeps about FILL_FIRST of them; then, of those between the list's
   *    last score and that threshold, the ones that still reach it when the low-tier maxima are
   *    counted only for the common words the article has (their bitsets).
   */
  function fillUp(query: IndexQuery, plan: Plan, keep: number): TopK {
    const { groups, bonus, hiFrom, hiTo, lowest, sets, extra, masks, termCount } = plan;
    const loose = new TopK(keep, ids);
    const uses = new Float64Array(termCount);
    const isGroupTerm = new Uint8Array(termCount);
    for (const group of groups)
      for (const phrase of group)
        for (const k of phrase) {
          uses[k] = (uses[k] as number) + 1;
          isGroupTerm[k] = 1;
        }
    for (const k of bonus) uses[k] = (uses[k] as number) + 1;
    // Per locale bit, the low-tier maxima of the query's terms that occur in that locale, and the
    // part of it from terms without a bitset (counted whether the article has them or not).
    const base = new Float64Array(8);
    const unknown = new Float64Array(8);
    for (let b = 0; b < 8; b++)
      for (let k = 0; k < termCount; k++)
        if ((((masks[k] as number) >> b) & 1) === 1) {
          const most = (uses[k] as number) * (lowest[k] as number);
          base[b] = (base[b] as number) + most;
          if (sets[k] === null) unknown[b] = (unknown[b] as number) + most;
        }
    const {
      total: above,
      titled,
      touched,
      groupTouched: candidates,
      excess,
      bounds,
      phraseTouched: batch,
    } = space();
    // With a locale filter, the terms that never occur in that locale touch nothing it allows.
    const code = query.locale === null ? -1 : locales.indexOf(query.locale);
    const only = code >= 0 ? localeBit(code) : 0xff;
    let count = 0;
    for (let k = 0; k < termCount; k++) {
      if (((masks[k] as number) & only) === 0) continue;
      count = walkHigh(
        hiDoc,
        hiScore,
        hiFrom[k] as number,
        hiTo[k] as number,
        uses[k] as number,
        lowest[k] as number,
        isGroupTerm[k] as number,
        above,
        titled,
        touched,
        count,
      );
      const more = extra[k];
      if (more) count = markAll(more.docs, more.length, above, titled, touched, count);
    }
    const filter = admission(query);
    let n = 0;
    let highest = 0;
    for (let i = 0; i < count; i++) {
      const slot = touched[i] as number;
      const mark = titled[slot] as number;
      const sum = above[slot] as number;
      titled[slot] = 0;
      above[slot] = 0;
      if (mark === 0 || !isAllowed(filter, slot)) continue;
      const bound =
        mark === 2
          ? Number.POSITIVE_INFINITY
          : ((base[Math.min(localeOf[slot] as number, 7)] as number) + sum) *
            (lift[slot] as number) *
            (1 + 1e-5);
      candidates[n] = slot;
      excess[n] = sum;
      bounds[n++] = bound;
      if (bound > highest && bound !== Number.POSITIVE_INFINITY) highest = bound;
    }
    // The threshold: the lower edge of the histogram bucket where FILL_FIRST candidates are reached.
    let threshold = Number.NEGATIVE_INFINITY;
    if (n > FILL_FIRST && highest > 0) {
      const buckets = new Int32Array(256);
      const scale = 255 / highest;
      for (let i = 0; i < n; i++) {
        const b = Math.min(255, Math.floor((bounds[i] as number) * scale));
        buckets[b] = (buckets[b] as number) + 1;
      }
      let b = 255;
      let seen = buckets[255] as number;
      while (b > 0 && seen < FILL_FIRST) seen += buckets[--b] as number;
      threshold = b / scale;
    }
    fillUpCandidates += n;
    let m = 0;
    for (let i = 0; i < n; i++) if ((bounds[i] as number) >= threshold) batch[m++] = candidates[i] as number;
    fillUpRanked += m;
    if (m > 0) rankCandidates(query, plan, batch.subarray(0, m).sort(), keep, true, loose);
    const floor = loose.floor();
    if (floor >= threshold) return loose;
    // The rest that could still enter, their bound taken again with the common words they lack.
    const setKeys: number[] = [];
    for (let k = 0; k < termCount; k++) if (sets[k] !== null && (uses[k] as number) > 0) setKeys.push(k);
    m = 0;
    for (let i = 0; i < n; i++) {
      const bound = bounds[i] as number;
      if (bound < floor || bound >= threshold) continue;
      const slot = candidates[i] as number;
      const b = Math.min(localeOf[slot] as number, 7);
      let low = unknown[b] as number;
      for (const k of setKeys) {
        const set = sets[k] as Int32Array;
        if (
          (((masks[k] as number) >> b) & 1) === 1 &&
          ((set[slot >>> 5] as number) & (1 << (slot & 31))) !== 0
        )
          low += (uses[k] as number) * (lowest[k] as number);
      }
      if ((low + (excess[i] as number)) * (lift[slot] as number) * (1 + 1e-5) >= floor) batch[m++] = slot;
    }
    fillUpRanked += m;
    if (m > 0) rankCandidates(query, plan, batch.subarray(0, m).sort(), keep, true, loose);
    return loose;
  }

  /** The two nearest known Latin terms (pg_trgm similarity ≥ 0.3) of each term the index lacks. */
  function corrections(queryTerms: string[]): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const term of queryTerms) {
      if (!LATIN_TERM.test(term) || termId.has(term)) continue;
      const known = correctionCache.get(term);
      if (known) {
        if (known.length > 0) out.set(term, known);
        continue;
      }
      const grams = trigrams(term);
      const shared = new Map<number, number>();
      for (const g of grams)
        for (const t of trigramTerms.get(g) ?? []) shared.set(t, (shared.get(t) ?? 0) + 1);
      const scored: Array<{ term: string; similarity: number }> = [];
      for (const [t, common] of shared) {
        const similarity = common / (grams.length + (trigramCount.get(t) as number) - common);
        if (similarity >= TRIGRAM_THRESHOLD) scored.push({ term: termText[t] as string, similarity });
      }
      scored.sort((a, b) => b.similarity - a.similarity || (a.term < b.term ? -1 : 1));
      if (correctionCache.size >= 10_000) correctionCache.clear();
      correctionCache.set(
        term,
        scored.slice(0, 2).map((x) => x.term),
      );
      if (scored.length > 0)
        out.set(
          term,
          scored.slice(0, 2).map((s) => s.term),
        );
    }
    return out;
  }

  /** A category and every category below it. */
  function categorySubtree(id: string): Set<string> {
    const children = new Map<string, string[]>();
    for (const [child, parent] of parentOf)
      if (parent) children.set(parent, [...(children.get(parent) ?? []), child]);
    const out = new Set<string>();
    const stack = [id];
    while (stack.length) {
      const c = stack.pop() as string;
      if (out.has(c)) continue;
      out.add(c);
      stack.push(...(children.get(c) ?? []));
    }
    return out;
  }

  /** This process's own view or vote, at once (other processes take it at the next full reconcile). */
  function countUse(id: string, use: { views?: number; helpful?: number }) {
    const slot = slotOf.get(id);
    if (slot === undefined) return;
    views[slot] = (views[slot] as number) + (use.views ?? 0);
    helpful[slot] = (helpful[slot] as number) + (use.helpful ?? 0);
    setLift(slot);
  }

  function stats() {
    return {
      isReady: ready,
      articles: aliveCount,
      deadSlots,
      terms: termText.length,
      postings: postDoc.length + deltaSize,
      deltaPostings: deltaSize,
      intersections,
      tiered,
      tierFallbacks,
      tieredFillUps,
      candidatesRanked,
      fillUpCandidates,
      fillUpRanked,
      rankingMs,
      highPostings: hiDoc.length,
      denseTerms: termSets.reduce((n, set) => (set === null ? n : n + 1), 0),
    };
  }

  return {
    start,
    stop,
    /** Whether searches can use the index (built); until then they run in PostgreSQL. */
    isReady: () => ready,
    refresh,
    reconcile,
    loadCategories,
    upsert,
    remove,
    compact,
    search,
    /** The reference ranking, walking every posting (tests compare `search` with it). */
    searchByWalk,
    corrections,
    categorySubtree,
    countUse,
    stats,
    /** For unit tests: mark as built without reading the database. */
    markReady: () => {
      ready = true;
    },
    setCategories: (map: Map<string, string | null>) => {
      parentOf = map;
    },
  };
}

export type KnowledgeIndex = ReturnType<typeof createKnowledgeIndex>;
