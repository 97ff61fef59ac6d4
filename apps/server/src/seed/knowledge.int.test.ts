import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestContext, type Session, signInAs, type TestContext } from '../../test/harness.ts';
import { seedKnowledge, seedKnowledgeSearches } from './knowledge.ts';
import { DEMO_CATEGORIES, DEMO_SYNONYMS, DEMO_TOPICS } from './knowledge-articles.ts';

let ctx: TestContext;
let ids: Map<string, string>;
let seededSearches: number;
let lead: Session;
beforeAll(async () => {
  ctx = await createTestContext();
  ids = (await seedKnowledge(ctx.app)).ids;
  // As the demo bank seeds it: its agents exist, nobody has searched yet.
  lead = await signInAs(ctx, { username: 'brief.lead', roles: ['agent'] });
  seededSearches = await seedKnowledgeSearches(ctx.app);
});
afterAll(async () => ctx?.close());

const get = (url: string) => ctx.app.http.inject({ method: 'GET', url });

describe('demo knowledge base seed', () => {
  it('stores every topic in three languages, published and linked as translations, with the menu and synonyms', async () => {
    expect(ids.size).toBe(DEMO_TOPICS.length * 3);
    const { rows } = await ctx.pool.query(
      `SELECT count(*)::int AS articles, count(DISTINCT group_id)::int AS topics,
              count(*) FILTER (WHERE status = 'published')::int AS published,
              count(*) FILTER (WHERE visibility = 'internal')::int AS internal
         FROM knowledge_articles`,
    );
    expect(rows[0]).toEqual({ articles: 180, topics: 60, published: 180, internal: 6 });
    const counts = await ctx.pool.query(
      `SELECT (SELECT count(*)::int FROM knowledge_categories) AS categories,
              (SELECT count(*)::int FROM knowledge_synonyms) AS synonyms`,
    );
    expect(counts.rows[0]).toEqual({ categories: DEMO_CATEGORIES.length, synonyms: DEMO_SYNONYMS.length });
    // A second run leaves the base alone.
    expect((await seedKnowledge(ctx.app)).articles).toBe(0);
  });

  it('shows a new topic in the help center in each language: menu, search and the article page', async () => {
    const cases = [
      { locale: 'en', menu: 'Branches and contact', q: 'branch open saturday' },
      { locale: 'zh-CN', menu: '网点与联系方式', q: '网点几点开门' },
      { locale: 'vi', menu: 'Chi nhánh và liên hệ', q: 'gio mo cua chi nhanh thu bay' },
    ] as const;
    const topic = DEMO_TOPICS.find((t) => t.key === 'branch-hours');
    for (const c of cases) {
      const home = await get(`/help/${c.locale}`);
      expect(home.statusCode).toBe(200);
      expect(home.body).toContain(`>${c.menu}</a>`);
      const search = await get(`/help/${c.locale}/search?q=${encodeURIComponent(c.q)}`);
      expect(search.statusCode).toBe(200);
      // Among the hits (its rank is the ranking's business, measured by bench/knowledge.ts).
      const id = ids.get(`branch-hours:${c.locale}`);
      expect(search.body, c.locale).toContain(`href="/help/${c.locale}/articles/${id}?s=`);
      const page = await get(`/help/${c.locale}/articles/${id}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`<html lang="${c.locale}">`);
      expect(page.body).toContain(escapeHtml(topic?.[c.locale].title ?? 'x'));
      expect(page.body).toContain('<table>');
      expect(page.body).toContain('1900 1234');
      // The other two languages are linked from the page.
      for (const other of cases.filter((o) => o.locale !== c.locale))
        expect(page.body).toContain(
          `/help/${other.locale}/articles/${ids.get(`branch-hours:${other.locale}`)}`,
        );
    }
  });

  it('keeps the agents-only fraud procedure out of the help center', async () => {
    for (const locale of ['en', 'zh-CN', 'vi'] as const) {
      const page = await get(`/help/${locale}/articles/${ids.get(`fraud-report:${locale}`)}`);
      expect(page.statusCode).toBe(404);
    }
    const search = await get('/help/vi/search?q=khach%20bi%20lua%20chuyen%20tien%20phong%20toa');
    expect(search.body).not.toContain(ids.get('fraud-report:vi'));
  });

  it('gives the morning brief a day of searches: the most searched terms, and gaps nobody found an answer for', async () => {
    expect(seededSearches).toBeGreaterThan(200);
    const res = await ctx.app.http.inject({
      method: 'GET',
      url: '/api/v1/knowledge/brief',
      headers: as(lead),
    });
    expect(res.statusCode).toBe(200);
    const brief = res.json() as {
      topSearches: { query: string; searches: number }[];
      contentGaps: { query: string; searches: number; total: number; results: number }[];
    };
    expect(brief.topSearches[0]).toEqual({ query: 'mất thẻ', searches: 30 });
    const gaps = new Map(brief.contentGaps.map((g) => [g.query, g]));
    // Topics the base does not cover are gaps every time they were searched.
    expect(gaps.get('apple pay')).toMatchObject({ searches: 6, total: 6 });
    expect(gaps.get('đổi tiền mới tết')).toMatchObject({ searches: 8, total: 8 });
    // The most searched topic is mostly answered: no gap, though some of its searches were.
    expect(gaps.has('mất thẻ')).toBe(false);
    // Queries without any result lead the list.
    const firstWithResults = brief.contentGaps.findIndex((g) => g.results > 0);
    expect(brief.contentGaps.slice(firstWithResults).every((g) => g.results > 0)).toBe(true);
    // A covered topic was answered: its opened article is the first hit of the real search.
    const { rows } = await ctx.pool.query(
      `SELECT DISTINCT s.opened_article_id AS id, s.user_id IS NULL AS anonymous, s.source
         FROM knowledge_searches s WHERE s.query = 'lost card' AND s.opened_article_id IS NOT NULL`,
    );
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set([ids.get('lost-card:en')]));
    // Help-center searches are anonymous; staff searches name an agent.
    expect(rows.every((r) => r.anonymous === (r.source === 'help'))).toBe(true);
    // Two topics are past their review-by date, in each language.
    expect((res.json() as { reviewOverdue: unknown[] }).reviewOverdue).toHaveLength(6);
    // A second run leaves the log alone.
    expect(await seedKnowledgeSearches(ctx.app)).toBe(0);
  });
});

function escapeHtml(text: string) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
