import { stemmer } from 'stemmer';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../platform/random.ts';
import { DEMO_SYNONYMS, DEMO_TOPICS } from '../../seed/knowledge-articles.ts';
import { searchDocument } from './knowledge.service.ts';
import {
  foldLatin,
  hasPhrase,
  highlight,
  htmlToText,
  markedForms,
  softTerms,
  termSequence,
  terms,
} from './knowledge.text.ts';

/**
 * The matches `highlight` must mark, found the plain way: the text split by the `WORDS` expression,
 * every Latin word folded and stemmed, every Han run searched for each Han term.
 */
function referenceMarks(text: string, queryTerms: Set<string>, maxChars = 220): string[] {
  const han = [...queryTerms].filter((t) => /\p{Script=Han}/u.test(t)).sort((a, b) => b.length - a.length);
  const ranges: Array<[number, number]> = [];
  for (const match of text.matchAll(/\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu)) {
    const word = match[0];
    const start = match.index;
    if (/\p{Script=Han}/u.test(word)) {
      for (const term of han)
        for (let at = word.indexOf(term); at >= 0; at = word.indexOf(term, at + term.length))
          ranges.push([start + at, start + at + term.length]);
    } else {
      const folded = foldLatin(word);
      const stemmed = folded.length > 3 && /^[a-z]+$/.test(folded) ? stemmer(folded) : folded;
      if (queryTerms.has(stemmed) || queryTerms.has(folded)) ranges.push([start, start + word.length]);
    }
  }
  const first = Math.min(...ranges.map((r) => r[0]));
  const merged: Array<[number, number]> = [];
  for (const [start, end] of ranges.filter((r) => r[0] < first + maxChars).sort((a, b) => a[0] - b[0])) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged.map(([a, b]) => text.slice(a, b));
}

describe('search terms', () => {
  it('folds Vietnamese: with and without diacritics give the same terms', () => {
    expect(foldLatin('Thẻ tín dụng bị KHÓA, Đổi')).toBe('the tin dung bi khoa, doi');
    expect(terms('thẻ tín dụng')).toEqual(['the', 'tin', 'dung']);
    // Typed without marks, `the` is also the English article and goes as a stop word; tín dụng stays.
    expect(terms('the tin dung')).toEqual(['tin', 'dung']);
    // `the` is dropped as an English stop word, and given back as a soft word (thẻ, the card).
    expect(softTerms('the tin dung')).toEqual(['the']);
    expect(softTerms('Thẻ tín dụng')).toEqual([]);
    expect(softTerms('Is the branch open on Saturday')).toEqual(['the', 'on']);
    expect(terms('Khóa thẻ tín dụng')).toEqual(['khoa', 'the', 'tin', 'dung']);
  });
  it('keeps a marked word as written beside its folded form in documents, not in queries', () => {
    expect(terms('Mất thẻ', { isDocument: true })).toEqual(['mat', 'mất', 'the', 'thẻ']);
    expect(terms('tiền mặt', { isDocument: true })).toEqual(['tien', 'tiền', 'mat', 'mặt']);
    expect(terms('Mất thẻ')).toEqual(['mat', 'the']);
    expect(markedForms('Mất thẻ ATM không')).toEqual(
      new Map([
        ['mat', 'mất'],
        ['the', 'thẻ'],
      ]),
    );
  });
  it('stems English and drops stop words', () => {
    expect(terms('Reporting the stolen cards')).toEqual(['report', 'stolen', 'card']);
  });
  it('segments Chinese with jieba (search mode) and keeps Latin runs apart', () => {
    expect(terms('信用卡丢失ATM吞卡')).toEqual(expect.arrayContaining(['信用卡', '丢失', 'atm', '吞卡']));
  });
  it('builds a weighted tsvector literal with quoted lexemes', () => {
    const doc = searchDocument({ title: "Card's PIN", tags: ['pin'], bodyText: 'pin', answer: '' });
    expect(doc.literal).toBe("'card':1A 's':2A 'pin':3A,4B,5C");
  });
});

describe('synonym phrases in a query', () => {
  const met = (query: string, phrase: string) =>
    hasPhrase(termSequence(query), terms(phrase, { keepStopWords: true }), new Set(softTerms(query)));

  it('meets a phrase whose words follow each other, with or without marks', () => {
    expect(met('rút tiền mặt thẻ tín dụng', 'thẻ tín dụng')).toBe(true);
    expect(met('mat the tin dung', 'thẻ tín dụng')).toBe(true);
    expect(met('I lost my credit card', 'credit card')).toBe(true);
  });

  it('lets stop words and soft words stand between the words of a phrase', () => {
    expect(met('report the lost card', 'report lost')).toBe(true);
    expect(met('report a lost card', 'report lost')).toBe(true);
  });

  it('does not meet a phrase whose words are in the query apart or in another order', () => {
    // "How much is the fee … (mất: costs)": báo (bao) and mất (mat) are both there, not as báo mất.
    expect(met('rút tiền mặt từ thẻ tín dụng mất phí bao nhiêu', 'báo mất')).toBe(false);
    expect(met('card credit', 'credit card')).toBe(false);
    expect(met('credit limit on my card', 'credit card')).toBe(false);
  });

  it('breaks a phrase at a Chinese word', () => {
    expect(met('credit 信用 card', 'credit card')).toBe(false);
    expect(termSequence('信用卡 annual fee')).toEqual([null, 'annual', 'fee']);
  });
});

describe('highlight', () => {
  it('marks the words a folded query matches, escaping the rest', () => {
    expect(highlight('Khóa thẻ <b>ngay</b>', new Set(terms('khoa')))).toBe(
      '<mark>Khóa</mark> thẻ &lt;b&gt;ngay&lt;/b&gt;',
    );
  });
  it('marks Chinese terms inside a run', () => {
    expect(highlight('请立即挂失信用卡', new Set(['挂失']))).toBe('请立即<mark>挂失</mark>信用卡');
  });
  it('marks exactly the words the plain split, fold and stem would, in all three languages', () => {
    const texts = DEMO_TOPICS.flatMap((topic) =>
      (['en', 'zh-CN', 'vi'] as const).flatMap((l) => [topic[l].title, htmlToText(topic[l].body)]),
    );
    // Capitals, decomposed marks, digits glued to letters, a Han character outside the BMP.
    texts.push('ĐỔI THẺ Tín Dụng 24/7 ATM取钱 𠮷野家 the\u0301 card-less e\u0300 NFD Card5 İstanbul');
    const queries = [
      // Every fifth demo title in each language (all of them take the reference too long).
      ...DEMO_TOPICS.filter((_, i) => i % 5 === 0).flatMap((topic) =>
        (['en', 'zh-CN', 'vi'] as const).map((l) => topic[l].title),
      ),
      ...DEMO_SYNONYMS.map((group) => group.join(' ')),
      'doi the tin dung 24 atm 取钱 野家 card istanbul e nfd card5',
    ].map((q) => new Set(terms(q)));
    let marks = 0;
    for (const queryTerms of queries)
      for (const text of texts) {
        const expected = referenceMarks(text, queryTerms, 5000);
        const marked = [...highlight(text, queryTerms, 5000).matchAll(/<mark>(.*?)<\/mark>/g)].map(
          (m) => m[1],
        );
        // Adjacent matches merge into one mark: compare the text they cover.
        expect(marked.join('')).toBe(
          expected
            .join('')
            .replace(/&/g, '&amp;')
            .replace(/</g, '&lt;')
            .replace(/>/g, '&gt;')
            .replace(/"/g, '&quot;'),
        );
        marks += expected.length;
      }
    expect(marks).toBeGreaterThan(500);
  });
  it('stems a word without changing its first letter (highlighting skips words by it)', () => {
    const words = new Set(
      DEMO_TOPICS.flatMap((topic) =>
        (['en', 'vi'] as const).flatMap(
          (l) => foldLatin(`${topic[l].title} ${htmlToText(topic[l].body)}`).match(/[a-z]{4,}/g) ?? [],
        ),
      ),
    );
    for (const word of ['ying', 'aing', 'ayed', 'yelling', 'eed', 'sses', 'ties', 'yyyy']) words.add(word);
    expect(words.size).toBeGreaterThan(1000);
    for (const word of words) expect(stemmer(word).charAt(0)).toBe(word.charAt(0));
  });
  it('reads the text of a sanitized body', () => {
    expect(htmlToText('<h2>A</h2><p>B &amp; C</p><ul><li>D</li></ul>')).toBe('A\nB & C\nD');
  });

  it('reads every body as the plain chain of replacements does, in one pass', () => {
    // The definition: each rule over the whole text in turn.
    const reference = (html: string) =>
      html
        .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
        .replace(/<\/(p|div|li|h[1-6]|tr|br)>|<br\s*\/?>/gi, '\n')
        .replace(/<[^>]*>/g, ' ')
        .replace(/&nbsp;/g, ' ')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;|&#x27;/g, "'")
        .replace(/&amp;/g, '&')
        .replace(/[ \t]+/g, ' ')
        .replace(/\s*\n\s*/g, '\n')
        .trim();
    for (const topic of DEMO_TOPICS)
      for (const locale of ['en', 'zh-CN', 'vi'] as const)
        expect(htmlToText(topic[locale].body)).toBe(reference(topic[locale].body));
    // Random bodies of well-formed pieces (the sanitizer escapes a bare '<').
    const pieces = [
      '<p>',
      '</p>',
      '</P>',
      '<br>',
      '<BR/>',
      '<br />',
      '<li>',
      '</li>',
      '<h2>',
      '</h2>',
      '</h7>',
      '<strong>',
      '</strong>',
      '<a href="https://bank.example/x?a=1&amp;b=2">',
      '</a>',
      '<table><tr><td>',
      '</td></tr></table>',
      '<script>alert(1)</script>',
      '<style>p{}</style>',
      '<span title="a">',
      '&nbsp;',
      '&amp;',
      '&lt;',
      '&gt;',
      '&quot;',
      '&#39;',
      '&#x27;',
      '&amp;lt;',
      '&copy;',
      '&',
      '>',
      ' ',
      '  ',
      '\t',
      '\n',
      '\r\n',
      '\u00a0',
      '\u3000',
      '\u2028',
      'thẻ tín dụng',
      '信用卡',
      'card',
      '.',
    ];
    const random = mulberry32(7);
    for (let n = 0; n < 2000; n++) {
      const html = Array.from(
        { length: Math.floor(random() * 30) },
        () => pieces[Math.floor(random() * pieces.length)],
      ).join('');
      expect(htmlToText(html), JSON.stringify(html)).toBe(reference(html));
    }
  });
});
