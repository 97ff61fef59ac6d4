import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../../platform/clock.ts';
import { createLogger } from '../../platform/logger.ts';
import { mulberry32 } from '../../platform/random.ts';
import {
  createKnowledgeIndex,
  type IndexQuery,
  type IndexRow,
  parseTsvector,
  termScore,
} from './knowledge.index.ts';
import { searchDocument } from './knowledge.service.ts';
import { terms } from './knowledge.text.ts';

const clock = createFakeClock('2026-11-01T00:00:00Z');

// The index reads the database only to build, refresh and reconcile: these tests feed it rows.
function makeIndex() {
  const index = createKnowledgeIndex({
    pool: {} as pg.Pool,
    clock,
    log: createLogger({ level: 'silent' }),
    reconcileMs: 0,
  });
  index.markReady();
  return index;
}

function row(
  id: string,
  text: { title: string; body?: string; tags?: string[] },
  meta: Partial<IndexRow> = {},
): IndexRow {
  return {
    id,
    locale: 'en',
    visibility: 'public',
    audience: [],
    category_id: null,
    products: [],
    published_at: '2026-10-01T00:00:00Z',
    updated_at: '2026-10-01T00:00:00Z',
    views: 0,
    helpful: 0,
    doc: searchDocument({ title: text.title, tags: text.tags ?? [], bodyText: text.body ?? '', answer: '' })
      .literal,
    ...meta,
  };
}

/** A query as the service builds it: each analysed word one group, no corrections. */
function query(q: string, extra: Partial<IndexQuery> = {}): IndexQuery {
  return {
    groups: [...new Set(terms(q))].map((t) => [[t]]),
    locale: null,
    categoryIds: null,
    product: null,
    visibility: null,
    audiences: null,
    limit: 10,
    minStrict: 5,
    ...extra,
  };
}
const ids = (hits: Array<{ id: string }>) => hits.map((h) => h.id);

describe('tsvector text', () => {
  it('reads terms, positions and weights, with quotes and backslashes as PostgreSQL writes them', () => {
    expect(parseTsvector("'card':1A,7C 'it''s':3 'a\\\\b':2B")).toEqual([
      { term: 'card', positions: [1, 7], weights: [1, 0.2] },
      { term: "it's", positions: [3], weights: [0.05] },
      { term: 'a\\b', positions: [2], weights: [0.5] },
    ]);
  });
  it('scores a title occurrence above a body one, and more occurrences higher (saturating)', () => {
    expect(termScore([1])).toBeGreaterThan(termScore([0.2]));
    expect(termScore([0.2, 0.2, 0.2])).toBeGreaterThan(termScore([0.2]));
    expect(termScore([0.2, 0.2, 0.2])).toBeLessThan(2 * termScore([0.2]));
  });
});

describe('knowledge index', () => {
  it('adds, replaces and removes articles, before and after compaction', () => {
    const index = makeIndex();
    index.upsert(row('a', { title: 'Lost card', body: 'Block the card in the app.' }));
    index.upsert(row('b', { title: 'Annual fee', body: 'The card fee is waived.' }));
    expect(ids(index.search(query('card')))).toEqual(['a', 'b']);
    // Replacing a's text: the old terms no longer find it.
    index.upsert(row('a', { title: 'Mortgage holiday', body: 'Pause repayments.' }));
    expect(ids(index.search(query('card')))).toEqual(['b']);
    expect(ids(index.search(query('mortgage')))).toEqual(['a']);
    index.compact();
    expect(index.stats()).toMatchObject({ articles: 2, deadSlots: 0, deltaPostings: 0 });
    expect(ids(index.search(query('mortgage')))).toEqual(['a']);
    expect(ids(index.search(query('card')))).toEqual(['b']);
    index.remove('b');
    expect(index.search(query('card'))).toEqual([]);
    index.upsert(row('c', { title: 'Card limits' }));
    expect(ids(index.search(query('card')))).toEqual(['c']);
  });

  it('ranks a title match above a body match, and all terms before any term', () => {
    const index = makeIndex();
    index.upsert(row('body', { title: 'Fees', body: 'Report a stolen card at once.' }));
    index.upsert(row('title', { title: 'Stolen card', body: 'Call us.' }));
    index.upsert(row('one', { title: 'Stolen phone', body: 'Call the police.' }));
    expect(ids(index.search(query('stolen card')))).toEqual(['title', 'body', 'one']);
    // Enough all-term matches: no any-term fill-up.
    expect(ids(index.search(query('stolen card', { minStrict: 2 })))).toEqual(['title', 'body']);
    // The fill-up takes articles with a query word in the title or tags, as the SQL path does: a
    // body that mentions one word only does not (in the delta and after compaction alike).
    index.upsert(row('tagged', { title: 'Travel', body: 'x', tags: ['card'] }));
    index.upsert(row('mention', { title: 'Opening hours', body: 'Bring your card.' }));
    for (const isCompact of [false, true]) {
      if (isCompact) index.compact();
      const q = query('stolen card');
      expect(ids(index.search(q))).toEqual(['title', 'body', 'one', 'tagged']);
      expect(index.searchByWalk(q)).toEqual(index.search(q));
    }
  });

  it('filters by locale, visibility, audience, category (with descendants) and product', () => {
    const index = makeIndex();
    index.setCategories(
      new Map<string, string | null>([
        ['cards', null],
        ['credit', 'cards'],
        ['loans', null],
      ]),
    );
    index.upsert(row('en', { title: 'Card' }, { category_id: 'credit', products: ['visa'] }));
    index.upsert(row('vi', { title: 'Card' }, { locale: 'vi', category_id: 'loans' }));
    index.upsert(row('internal', { title: 'Card' }, { visibility: 'internal', audience: ['back_office'] }));
    expect(ids(index.search(query('card', { locale: 'vi' })))).toEqual(['vi']);
    expect(ids(index.search(query('card', { visibility: 'public' }))).sort()).toEqual(['en', 'vi']);
    expect(ids(index.search(query('card', { visibility: 'internal' })))).toEqual(['internal']);
    expect(ids(index.search(query('card', { audiences: ['agents'] }))).sort()).toEqual(['en', 'vi']);
    expect(ids(index.search(query('card', { audiences: ['back_office'] }))).sort()).toEqual([
      'en',
      'internal',
      'vi',
    ]);
    const cards = index.categorySubtree('cards');
    expect([...cards].sort()).toEqual(['cards', 'credit']);
    expect(ids(index.search(query('card', { categoryIds: cards })))).toEqual(['en']);
    expect(ids(index.search(query('card', { product: 'visa' })))).toEqual(['en']);
    expect(index.search(query('card', { product: 'amex' }))).toEqual([]);
  });

  it('corrects unknown Latin terms to the nearest known ones (trigrams)', () => {
    const index = makeIndex();
    index.upsert(row('a', { title: 'Transfer limits', body: 'International transfers.' }));
    const fixes = index.corrections(terms('tranfser limts'));
    expect(fixes.get('tranfser')).toContain('transfer');
    expect(fixes.get('limt')).toContain('limit');
    // Known terms and short ones are left alone.
    expect(index.corrections(['transfer', 'abc']).size).toBe(0);
  });

  it('takes a synonym group as alternatives for the words it matched; a phrase needs all its words', () => {
    const index = makeIndex();
    index.upsert(row('en', { title: 'Credit card annual fee' }));
    index.upsert(row('half', { title: 'Credit limit annual review' }));
    index.upsert(row('vi', { title: 'Phí thường niên thẻ tín dụng' }, { locale: 'vi' }));
    // 信用卡 年费 with the group 信用卡 / credit card / thẻ tín dụng, and 年费 → annual fee as a second group.
    const groups = [
      [['信用卡'], ['credit', 'card'], terms('thẻ tín dụng')],
      [['年费'], ['annual', 'fee']],
    ];
    // Only `en` has a whole phrase of both groups.
    expect(ids(index.search({ ...query(''), groups, minStrict: 1 }))).toEqual(['en']);
    // The fill-up: `vi` meets the first group, `half` only parts of phrases (scored, lower).
    expect(ids(index.search({ ...query(''), groups }))).toEqual(['en', 'vi', 'half']);
  });

  it('keeps the best `limit` in order while scanning many matches', () => {
    const index = makeIndex();
    for (let i = 0; i < 40; i++)
      index.upsert(
        row(`a${String(i).padStart(2, '0')}`, { title: 'Card', body: 'x' }, { views: (i * 7) % 40 }),
      );
    const top = index.search(query('card', { limit: 5 }));
    const expected = Array.from({ length: 40 }, (_, i) => ({
      id: `a${String(i).padStart(2, '0')}`,
      views: (i * 7) % 40,
    }))
      .sort((a, b) => b.views - a.views)
      .slice(0, 5)
      .map((a) => a.id);
    expect(ids(top)).toEqual(expected);
    expect(top.map((h) => h.score)).toEqual([...top.map((h) => h.score)].sort((a, b) => b - a));
  });

  it('ranks by intersection exactly as the walk over every posting does', () => {
    // A common word in most articles, rarer ones in few: the case the intersection is for. Part of
    // the base compacted, part in the delta, some replaced (dead slots), mixed locales and audiences.
    const random = mulberry32(5);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
    const rare = ['annual', 'fee', 'limit', 'abroad', 'pin', 'lost', 'statement', 'cashback'];
    for (let i = 0; i < 40; i++) rare.push(`word${String.fromCharCode(97 + (i % 26))}${i}`);
    const index = makeIndex();
    const article = (i: number) => {
      const words = [random() < 0.8 ? 'card' : 'account', random() < 0.6 ? 'credit' : 'debit'];
      for (let n = 0; n < 3; n++) if (random() < 0.3) words.push(pick(rare));
      return row(
        `a${String(i).padStart(4, '0')}`,
        { title: words.slice(0, 2).join(' '), body: words.slice(2).join(' '), tags: [pick(rare)] },
        {
          locale: pick(['en', 'en', 'vi']),
          audience: random() < 0.2 ? ['branches'] : [],
          views: Math.floor(random() * 50),
          published_at: new Date(Date.UTC(2025, Math.floor(random() * 20), 1)).toISOString(),
        },
      );
    };
    for (let i = 0; i < 1500; i++) index.upsert(article(i));
    index.compact();
    for (let i = 1500; i < 1800; i++) index.upsert(article(i));
    for (let i = 0; i < 1800; i += 7) index.upsert(article(i));
    for (let i = 3; i < 1800; i += 11) index.remove(`a${String(i).padStart(4, '0')}`);
    expect(index.stats().deltaPostings).toBeGreaterThan(0);
    const queries: IndexQuery[] = [
      query('credit card annual'),
      query('card lost', { locale: 'en', limit: 5 }),
      query('card statement', { audiences: ['agents'] }),
      query('debit card abroad', { limit: 20 }),
      // Words that only add to the score (written forms with diacritics).
      query('credit card abroad', { bonus: ['statement', 'pin'] }),
      // A phrase group (a synonym) and a word with a correction as alternatives.
      { ...query(''), groups: [[['credit', 'card'], ['debit']], [['fee'], ['limit']], [['card']]] },
      { ...query(''), groups: [[['annual']], [['credit', 'card']]], minStrict: 1 },
      // Common words only: the candidates come from their bitsets (`slotsOfEveryGroup`).
      query('credit card', { limit: 20 }),
      {
        ...query(''),
        groups: [
          [
            ['credit', 'card'],
            ['debit', 'account'],
          ],
          [['card'], ['account']],
        ],
        locale: 'vi',
      },
      // Two rare words: too few strict matches, the walk fills up.
      query('credit card annual fee'),
    ];
    const before = index.stats().intersections;
    for (const q of queries) {
      const hits = index.search(q);
      expect(hits.length).toBeGreaterThan(0);
      expect(hits).toEqual(index.searchByWalk(q));
    }
    // All but the last took the intersection.
    expect(index.stats().intersections - before).toBe(queries.length - 1);
  });

  it("finds a common word's score by its rank past 65,536 articles, exactly as the walk", () => {
    // Ranks are kept per block of 65,536 slots: three blocks, some articles replaced after the
    // compaction (newer slots, found in the delta).
    const random = mulberry32(17);
    const index = makeIndex();
    const article = (i: number) => {
      const words = ['card'];
      if (i % 3 === 0) words.push('credit');
      if (i % 7 === 0) words.push('annual');
      if (random() < 0.002) words.push('waiver');
      return row(
        `r${String(i).padStart(6, '0')}`,
        {
          title: random() < 0.1 ? words.join(' ') : 'notice',
          body: words.join(' '),
        },
        { views: Math.floor(random() * 50) },
      );
    };
    for (let i = 0; i < 140_000; i++) index.upsert(article(i));
    index.compact();
    for (let i = 0; i < 140_000; i += 997) index.upsert(article(i));
    for (const q of ['credit card', 'annual credit', 'annual waiver card', 'card']) {
      const hits = index.search(query(q, { limit: 20 }));
      expect(hits.length).toBeGreaterThan(0);
      expect(hits).toEqual(index.searchByWalk(query(q, { limit: 20 })));
    }
  });

  it('ranks only the candidates that have every common word a match needs (bitsets)', () => {
    const index = makeIndex();
    for (let i = 0; i < 300; i++) {
      const words = ['alpha', ...(i % 3 === 0 ? ['beta'] : []), ...(i % 2 === 0 ? ['gamma'] : [])];
      index.upsert(row(`b${String(i).padStart(3, '0')}`, { title: words.join(' '), body: 'delta' }));
    }
    index.compact();
    const q = query('alpha beta gamma');
    const before = index.stats().candidatesRanked;
    const hits = index.search(q);
    expect(hits).toEqual(index.searchByWalk(q));
    expect(hits.length).toBe(10);
    // 100 articles say beta (the rarest word), 50 of them gamma too: only those are ranked.
    expect(index.stats().candidatesRanked - before).toBe(50);
  });

  it('answers from the title/tag tiers when nothing outside them can rank, exactly as the walk', () => {
    // Common words in most bodies, in few titles and tags: the body-only matches cannot reach the
    // top, and the search must not need them. Views grow after compaction (the bound widens).
    const random = mulberry32(11);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
    const common = ['card', 'account', 'fee', 'limit', 'transfer'];
    const filler = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];
    const index = makeIndex();
    const article = (i: number) => {
      const body = [pick(common), pick(common), pick(common), pick(filler), pick(filler)];
      const title = random() < 0.1 ? [pick(common), pick(filler)] : [pick(filler), pick(filler)];
      return row(
        `t${String(i).padStart(4, '0')}`,
        { title: title.join(' '), body: body.join(' '), tags: random() < 0.05 ? [pick(common)] : [] },
        {
          locale: pick(['en', 'vi']),
          views: Math.floor(random() * 20),
          published_at: new Date(Date.UTC(2025, Math.floor(random() * 20), 1)).toISOString(),
        },
      );
    };
    for (let i = 0; i < 3000; i++) index.upsert(article(i));
    index.compact();
    for (let i = 3000; i < 3100; i++) index.upsert(article(i));
    // Two rare words, each in a few bodies: too few strict matches, the fill-up comes from the tiers.
    for (const [i, extra] of [
      [3100, 'zulu card'],
      [3101, 'zulu'],
      [3102, 'yankee fee'],
    ] as const) {
      const base = article(i);
      index.upsert({
        ...base,
        doc: searchDocument({ title: 'golf', tags: [], bodyText: extra, answer: '' }).literal,
      });
    }
    for (let i = 0; i < 3000; i += 13) index.countUse(`t${String(i).padStart(4, '0')}`, { views: 40 });
    const queries: IndexQuery[] = [
      query('card'),
      query('fee', { locale: 'vi', limit: 5 }),
      query('card fee'),
      query('account transfer limit', { limit: 3 }),
      query('card', { bonus: ['fee'] }),
      { ...query(''), groups: [[['card', 'fee'], ['limit']], [['account']]] },
      query('zulu card fee'),
      query('yankee zulu account'),
    ];
    const before = index.stats();
    for (const q of queries) {
      const hits = index.search(q);
      expect(hits.length).toBe(q.limit);
      expect(hits).toEqual(index.searchByWalk(q));
    }
    const after = index.stats();
    expect(after.tiered - before.tiered).toBeGreaterThanOrEqual(4);
    expect(after.tieredFillUps - before.tieredFillUps).toBeGreaterThanOrEqual(1);
    // An article whose views jump past every bound: the tiers give way, the answer stays exact.
    index.countUse('t0001', { views: 1_000_000_000, helpful: 1_000_000_000 });
    for (const q of queries) expect(index.search(q)).toEqual(index.searchByWalk(q));
  });

  it('fills up from the title/tag tiers, bounding the rest, exactly as the walk', () => {
    // Three languages with synonym phrases, words written with marks (bonus), common words (their
    // bitsets) and rare ones, a delta with new words, dead slots, filters, and words no article has
    // (no strict match: the whole list is the fill-up).
    const random = mulberry32(23);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
    const words: Record<string, string[]> = {
      en: ['credit card', 'fee', 'annual', 'limit', 'cash', 'advance', 'lost', 'branch', 'open', 'hours'],
      vi: ['thẻ tín dụng', 'phí', 'hằng năm', 'hạn mức', 'rút tiền mặt', 'mất thẻ', 'chi nhánh', 'mở cửa'],
      'zh-CN': ['信用卡', '年费', '额度', '取现', '挂失', '网点', '营业时间', '手续费'],
    };
    const index = makeIndex();
    const article = (i: number) => {
      const locale = pick(['en', 'vi', 'zh-CN'] as const);
      const vocabulary = words[locale] as string[];
      const some = (n: number) => Array.from({ length: n }, () => pick(vocabulary)).join(' ');
      // Rare words (no bitset), mostly in bodies, some repeated.
      const rare =
        random() < 0.03
          ? ` ${pick(['waiver', 'swift', 'cheque', 'escrow'])}`.repeat(1 + Math.floor(random() * 3))
          : '';
      return row(
        `f${String(i).padStart(4, '0')}`,
        {
          title: some(1 + Math.floor(random() * 3)) + (random() < 0.05 ? rare : ''),
          body: some(4 + Math.floor(random() * 8)) + rare,
          tags: [],
        },
        {
          locale,
          audience: random() < 0.2 ? ['branches'] : [],
          views: Math.floor(random() * random() * 200),
          published_at: new Date(Date.UTC(2025, Math.floor(random() * 20), 1)).toISOString(),
        },
      );
    };
    for (let i = 0; i < 2500; i++) index.upsert(article(i));
    // Popular articles with a query word in the title, and less popular ones whose bodies also say
    // the rare words: these rank higher on those words though their first bound is lower.
    for (let i = 0; i < 300; i++)
      index.upsert(
        row(`p${String(i).padStart(3, '0')}`, { title: 'fee', body: 'limit open hours' }, { views: 100 }),
      );
    for (let i = 0; i < 20; i++)
      index.upsert(
        row(`r${String(i).padStart(3, '0')}`, {
          title: 'fee',
          body: 'waiver swift cheque escrow '.repeat(2),
        }),
      );
    index.compact();
    for (let i = 2500; i < 2700; i++) index.upsert(article(i));
    for (let i = 0; i < 2700; i += 9) index.upsert(article(i));
    for (let i = 5; i < 2700; i += 17) index.remove(`f${String(i).padStart(4, '0')}`);
    index.upsert(row('fresh', { title: 'zulu credit card', body: 'annual fee' }, { views: 150 }));
    expect(index.stats().denseTerms).toBeGreaterThan(5);
    const cards = [['credit', 'card'], ['the', 'tin', 'dung'], ['信用卡']];
    const fees = [['fee'], ['phi'], ['手续费'], ['年费']];
    const queries: IndexQuery[] = [
      { ...query(''), groups: [cards, fees, [['zzunknown']]] },
      // One strict match (the delta's), the rest fills up.
      { ...query(''), groups: [cards, [['annual'], ['hang', 'nam']], [['zulu']]], bonus: ['thẻ', 'phí'] },
      { ...query(''), groups: [[['rut', 'tien', 'mat']], cards, fees, [['nowhere']]], bonus: ['rút', 'mặt'] },
      { ...query(''), groups: [[['zulu']], cards, [['lost'], ['mat', 'the']]], locale: 'en' },
      { ...query(''), groups: [fees, [['branch'], ['chi', 'nhanh'], ['网点']], [['nothing']]], limit: 25 },
      { ...query(''), groups: [cards, fees, [['missing']]], audiences: ['agents'], limit: 5 },
      { ...query(''), groups: [cards, fees, [['missing']]], locale: 'vi', visibility: 'public' },
      query('cash advance hours zzz'),
      query('waiver swift cheque escrow fee zzz', { limit: 30 }),
      {
        ...query(''),
        groups: [[['waiver'], ['escrow']], [['swift']], cards, [['cheque']], [['nope']]],
        limit: 40,
      },
      // A customer's long message: more groups than the bounds help with, the walk fills up (it
      // skips the words that never occur in the filter's locale).
      {
        ...query(''),
        groups: [
          cards,
          fees,
          ...'annual limit cash advanc lost branch open hour x'.split(' ').map((w) => [[w]]),
        ],
        locale: 'vi',
      },
    ];
    const before = index.stats();
    for (let round = 0; round < 2; round++)
      for (const q of queries) {
        const hits = index.search(q);
        expect(hits.length).toBeGreaterThan(0);
        expect(hits).toEqual(index.searchByWalk(q));
      }
    const after = index.stats();
    expect(after.tieredFillUps - before.tieredFillUps).toBe(2 * (queries.length - 1));
    // Most candidates are passed over on their bound, unranked.
    const ranked = after.fillUpRanked - before.fillUpRanked;
    expect(ranked).toBeGreaterThan(0);
    expect(ranked * 2).toBeLessThan(after.fillUpCandidates - before.fillUpCandidates);
  });

  it('looks a synonym group up only in the languages its words occur in, and learns new ones', () => {
    // Vietnamese articles say thẻ tín dụng, English ones credit card; later an English article that
    // also says thẻ tín dụng arrives (delta), then one in Chinese (a locale the index never had).
    const index = makeIndex();
    for (let i = 0; i < 400; i++) {
      const vi = i % 2 === 0;
      index.upsert(
        row(
          `m${String(i).padStart(3, '0')}`,
          vi
            ? { title: i % 10 === 0 ? 'thẻ tín dụng phí' : 'phí', body: 'thẻ tín dụng khóa' }
            : { title: i % 10 === 1 ? 'credit card fee' : 'fee', body: 'credit card lock' },
          { locale: vi ? 'vi' : 'en' },
        ),
      );
    }
    index.compact();
    const cards = {
      ...query(''),
      groups: [
        [
          ['the', 'tin', 'dung'],
          ['credit', 'card'],
        ],
        [['phi'], ['fee']],
      ],
    } as IndexQuery;
    const check = () => {
      const hits = index.search(cards);
      expect(hits).toEqual(index.searchByWalk(cards));
      return ids(hits);
    };
    expect(check()).not.toContain('mixed');
    // Vietnamese words in an English and a Chinese article, read often (so they rank first).
    const popular = { views: 1_000_000 };
    index.upsert(
      row('mixed', { title: 'thẻ tín dụng phí', body: 'thẻ tín dụng khóa' }, { locale: 'en', ...popular }),
    );
    expect(check()[0]).toBe('mixed');
    index.upsert(
      row('zh', { title: 'thẻ tín dụng phí', body: 'thẻ tín dụng khóa' }, { locale: 'zh-CN', ...popular }),
    );
    expect(check().slice(0, 2).sort()).toEqual(['mixed', 'zh']);
    index.compact();
    expect(check().slice(0, 2).sort()).toEqual(['mixed', 'zh']);
  });

  it('ranks the word written with the query’s marks above its folded namesakes', () => {
    const index = makeIndex();
    index.upsert(row('cash', { title: 'Rút tiền mặt bằng thẻ' }, { locale: 'vi' }));
    index.upsert(row('lost', { title: 'Báo mất thẻ' }, { locale: 'vi' }));
    // Folded only, the two tie on `mat` and `the` (the shorter title wins).
    expect(ids(index.search(query('mất thẻ')))).toEqual(['lost', 'cash']);
    const marked = (pairs: Array<[string, string]>): IndexQuery => ({
      ...query(''),
      groups: pairs.map(([folded]) => [[folded]]),
      bonus: pairs.map(([, written]) => written),
    });
    expect(
      ids(
        index.search(
          marked([
            ['mat', 'mất'],
            ['the', 'thẻ'],
          ]),
        ),
      ),
    ).toEqual(['lost', 'cash']);
    expect(
      ids(
        index.search(
          marked([
            ['mat', 'mặt'],
            ['the', 'thẻ'],
          ]),
        ),
      ),
    ).toEqual(['cash', 'lost']);
  });

  it('counts this process’s views and votes at once', () => {
    const index = makeIndex();
    index.upsert(row('a', { title: 'Card', body: 'x' }));
    index.upsert(row('b', { title: 'Card', body: 'x' }));
    index.countUse('b', { helpful: 5, views: 20 });
    expect(ids(index.search(query('card')))).toEqual(['b', 'a']);
  });

  it('ranks an article whose popularity outgrew every other lift, though full lists pass over low sums', () => {
    // Full lists skip a match whose term sum × the largest lift cannot beat their last: that
    // largest lift must follow views counted after the build and after a compaction. `weak` has
    // a lower term sum (one occurrence of each word) and a longer text than the 300 others.
    const index = makeIndex();
    for (let i = 0; i < 300; i++)
      index.upsert(row(`c${String(i).padStart(3, '0')}`, { title: 'card fee', body: 'card fee limit' }));
    index.upsert(row('weak', { title: 'card fee', body: 'alpha bravo charlie delta echo' }));
    index.compact();
    const top = (q: IndexQuery) => ids(index.search(q))[0];
    expect(top(query('card fee'))).toBe('c000');
    index.countUse('weak', { views: 1e12, helpful: 1e12 });
    expect(top(query('card fee'))).toBe('weak');
    expect(ids(index.searchByWalk(query('card fee')))[0]).toBe('weak');
    // The any-group fill-up (no article has the second word) too.
    expect(top(query('card zzzz'))).toBe('weak');
  });
});
