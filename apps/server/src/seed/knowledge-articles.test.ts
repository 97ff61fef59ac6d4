import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DEMO_CATEGORIES, DEMO_SYNONYMS, DEMO_TOPICS } from './knowledge-articles.ts';
import { MORE_TOPICS } from './knowledge-articles-more.ts';

const LOCALES = ['en', 'zh-CN', 'vi'] as const;
const VI_MARKS = /[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]/i;
const HAN = /\p{Script=Han}/u;

describe('demo knowledge base', () => {
  it('holds sixty topics with unique keys, each in a category of the menu', () => {
    expect(DEMO_TOPICS).toHaveLength(60);
    expect(MORE_TOPICS).toHaveLength(12);
    expect(new Set(DEMO_TOPICS.map((t) => t.key)).size).toBe(DEMO_TOPICS.length);
    const categories = new Set(DEMO_CATEGORIES.map((c) => c.key));
    for (const topic of DEMO_TOPICS) expect(categories.has(topic.category), topic.key).toBe(true);
    // Every menu entry is used, directly or through a sub-category.
    for (const c of DEMO_CATEGORIES)
      expect(
        DEMO_TOPICS.some(
          (t) => t.category === c.key || DEMO_CATEGORIES.find((s) => s.key === t.category)?.parent === c.key,
        ),
        c.key,
      ).toBe(true);
  });

  it('writes every topic in English, Chinese and Vietnamese with a body, an answer and tags', () => {
    const titles = new Set<string>();
    for (const topic of DEMO_TOPICS)
      for (const locale of LOCALES) {
        const v = topic[locale];
        const where = `${topic.key}:${locale}`;
        expect(v.title.length, where).toBeGreaterThan(1);
        expect(v.body, where).toMatch(/^<(p|h2|ul|ol|table)>/);
        expect(v.answer.length, where).toBeGreaterThan(20);
        expect(v.tags.length, where).toBeGreaterThan(0);
        expect(titles.has(v.title), `duplicate title ${v.title}`).toBe(false);
        titles.add(v.title);
        if (locale === 'zh-CN') expect(v.title, where).toMatch(HAN);
        if (locale === 'vi') expect(`${v.title} ${v.answer}`, where).toMatch(VI_MARKS);
      }
  });

  it('keeps the new topics as rich as the others: a heading, a list or a table in each language', () => {
    for (const topic of MORE_TOPICS)
      for (const locale of LOCALES) {
        const body = topic[locale].body;
        expect(body, `${topic.key}:${locale}`).toMatch(/<(h2|ol|ul|table)>/);
        // The same structure in the three languages.
        for (const tag of ['<h2>', '<table>', '<ol>', '<ul>'])
          expect(body.split(tag).length, `${topic.key}:${locale} ${tag}`).toBe(
            topic.en.body.split(tag).length,
          );
      }
  });

  it('has cross-language synonym groups with terms in all three languages and no term in two groups', () => {
    const seen = new Map<string, number>();
    for (const [i, group] of DEMO_SYNONYMS.entries()) {
      expect(
        group.some((t) => HAN.test(t)),
        group.join(' / '),
      ).toBe(true);
      expect(
        group.some((t) => /^[\x20-\x7e]+$/.test(t)),
        group.join(' / '),
      ).toBe(true);
      for (const term of group) {
        expect(seen.get(term.toLowerCase()), `${term} is in two groups`).toBeUndefined();
        seen.set(term.toLowerCase(), i);
      }
    }
  });

  it('is covered by the evaluation set: each topic in each language, for the new ones every kind', async () => {
    const evalSet = JSON.parse(
      await readFile(new URL('../../../../bench/knowledge-eval.json', import.meta.url), 'utf8'),
    ) as { queries: Array<{ q: string; locale: string; expect: string; kind: string }> };
    const keys = new Set(DEMO_TOPICS.map((t) => t.key));
    for (const q of evalSet.queries) expect(keys.has(q.expect), q.q).toBe(true);
    const fresh = evalSet.queries.filter((q) => MORE_TOPICS.some((t) => t.key === q.expect));
    expect(fresh.length).toBeGreaterThanOrEqual(40);
    for (const topic of MORE_TOPICS)
      for (const locale of LOCALES)
        expect(
          fresh.some((q) => q.expect === topic.key && q.locale === locale),
          `${topic.key}:${locale}`,
        ).toBe(true);
    expect(new Set(fresh.map((q) => q.kind))).toEqual(new Set(['plain', 'no-diacritics', 'typo', 'synonym']));
    // Honest queries: none is a topic's title typed again.
    const titles = new Set(DEMO_TOPICS.flatMap((t) => LOCALES.map((l) => t[l].title.toLowerCase())));
    for (const q of fresh) expect(titles.has(q.q.toLowerCase()), q.q).toBe(false);
  });
});
