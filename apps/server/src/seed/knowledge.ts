import type { BanyanApp } from '../app.ts';
import { type CategoryKey, DEMO_CATEGORIES, DEMO_SYNONYMS, DEMO_TOPICS } from './knowledge-articles.ts';
import { createRandom } from './random.ts';

const LOCALES = ['en', 'zh-CN', 'vi'] as const;

/** Topics whose review-by date has passed, so the brief and the editors' notice show one. */
const REVIEW_OVERDUE = new Set(['fx-rates', 'transfer-limits']);

/**
 * The demo bank's knowledge base: the menu, every topic in three languages linked as translations,
 * published (the seed is the system, so no four-eyes step), and the cross-language synonyms.
 * Runs once: a base that already has categories is left alone.
 */
export async function seedKnowledge(
  app: Pick<BanyanApp, 'knowledge' | 'pool' | 'clock'>,
): Promise<{ articles: number; ids: Map<string, string> }> {
  const { rows } = await app.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM knowledge_categories');
  const ids = new Map<string, string>();
  if ((rows[0]?.n ?? 0) > 0) return { articles: 0, ids };
  const categoryIds = new Map<CategoryKey, string>();
  for (const [position, c] of DEMO_CATEGORIES.entries()) {
    const parentId = c.parent ? (categoryIds.get(c.parent) ?? null) : null;
    categoryIds.set(c.key, await app.knowledge.createCategory(null, { parentId, position, names: c.names }));
  }
  const day = (days: number) =>
    new Date(app.clock.now().getTime() + days * 86_400_000).toISOString().slice(0, 10);
  let articles = 0;
  for (const topic of DEMO_TOPICS) {
    let firstId: string | null = null;
    for (const locale of LOCALES) {
      const v = topic[locale];
      const article = await app.knowledge.createArticle(null, {
        locale,
        translationOf: firstId,
        categoryId: categoryIds.get(topic.category) ?? null,
        title: v.title,
        bodyHtml: v.body,
        answer: v.answer,
        tags: v.tags,
        products: topic.products,
        visibility: topic.visibility,
        audience: topic.visibility === 'internal' ? ['agents'] : [],
        reviewBy: REVIEW_OVERDUE.has(topic.key) ? day(-3) : day(180),
      });
      firstId ??= article.id;
      ids.set(`${topic.key}:${locale}`, article.id);
      await app.knowledge.publishAsSystem(article.id);
      articles++;
    }
  }
  for (const terms of DEMO_SYNONYMS) await app.knowledge.createSynonyms(null, { terms });
  return { articles, ids };
}

/**
 * What the demo bank's staff and customers searched over the last day, so the morning brief shows
 * its most searched terms and its content gaps on the first start. Weights are searches a day.
 * `gap`: a topic the demo base does not cover, so nobody opens a result; the others open the first
 * hit four times in five, as agents do when the answer is there.
 */
const DEMO_SEARCHES: readonly { q: string; locale: (typeof LOCALES)[number]; weight: number; gap?: true }[] =
  [
    { q: 'lost card', locale: 'en', weight: 24 },
    { q: 'card swallowed by atm', locale: 'en', weight: 9 },
    { q: 'reset pin', locale: 'en', weight: 11 },
    { q: 'transfer limit', locale: 'en', weight: 8 },
    { q: 'wrong transfer', locale: 'en', weight: 7 },
    { q: 'usd exchange rate', locale: 'en', weight: 6 },
    { q: 'credit card annual fee', locale: 'en', weight: 5 },
    { q: 'otp not received', locale: 'en', weight: 10 },
    { q: 'apple pay', locale: 'en', weight: 6, gap: true },
    { q: 'student loan', locale: 'en', weight: 3, gap: true },
    { q: 'cheque book', locale: 'en', weight: 2, gap: true },
    { q: '信用卡丢失', locale: 'zh-CN', weight: 14 },
    { q: '转账限额', locale: 'zh-CN', weight: 7 },
    { q: '转错账', locale: 'zh-CN', weight: 5 },
    { q: '验证码收不到', locale: 'zh-CN', weight: 8 },
    { q: '提前还款', locale: 'zh-CN', weight: 4 },
    { q: '境外刷卡手续费', locale: 'zh-CN', weight: 4 },
    { q: '数字人民币', locale: 'zh-CN', weight: 5, gap: true },
    { q: '黄金积存', locale: 'zh-CN', weight: 2, gap: true },
    { q: 'mất thẻ', locale: 'vi', weight: 30 },
    { q: 'the bi nuot', locale: 'vi', weight: 12 },
    { q: 'quên mã pin', locale: 'vi', weight: 13 },
    { q: 'chuyển nhầm tài khoản', locale: 'vi', weight: 11 },
    { q: 'han muc chuyen tien', locale: 'vi', weight: 9 },
    { q: 'tỷ giá usd', locale: 'vi', weight: 7 },
    { q: 'khong nhan duoc otp', locale: 'vi', weight: 15 },
    { q: 'tất toán sổ tiết kiệm', locale: 'vi', weight: 6 },
    { q: 'vay mua nhà', locale: 'vi', weight: 5 },
    { q: 'đổi tiền mới tết', locale: 'vi', weight: 8, gap: true },
    { q: 'nộp thuế điện tử', locale: 'vi', weight: 4, gap: true },
    { q: 'mở thẻ cho con', locale: 'vi', weight: 3, gap: true },
  ];

/**
 * Seeds a day of the search log from DEMO_SEARCHES: each query is searched once for real (the
 * help center's view, not logged) to store its result count and the article opened. Runs once: a
 * log that has any search is left alone.
 */
export async function seedKnowledgeSearches(
  app: Pick<BanyanApp, 'knowledge' | 'pool' | 'clock'>,
  random = createRandom(5),
): Promise<number> {
  const { rows } = await app.pool.query('SELECT 1 FROM knowledge_searches LIMIT 1');
  if (rows.length > 0) return 0;
  const agents = (
    await app.pool.query<{ id: string }>(`SELECT id FROM users WHERE 'agent' = ANY(roles) ORDER BY username`)
  ).rows.map((r) => r.id);
  const now = app.clock.now().getTime();
  const log: { q: string; locale: string; results: number; opened: string | null; source: string }[] = [];
  for (const s of DEMO_SEARCHES) {
    const { items } = await app.knowledge.search(null, { q: s.q, locale: s.locale, isSuggestion: true });
    for (let i = 0; i < s.weight; i++) {
      const opened = !s.gap && items[0] && random.chance(0.8) ? items[0].id : null;
      const source = random.weighted([
        ['desk', 5],
        ['kb', 3],
        ['help', 2],
      ] as const);
      log.push({ q: s.q, locale: s.locale, results: items.length, opened, source });
    }
  }
  const at = log.map(() => new Date(now - Math.floor(random.next() * 23 * 3_600_000) - 60_000));
  await app.pool.query(
    `INSERT INTO knowledge_searches (id, user_id, source, query, locale, result_count, opened_article_id, created_at)
     SELECT gen_random_uuid(), * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::int[], $6::uuid[], $7::timestamptz[])`,
    [
      log.map((l) => (l.source === 'help' || agents.length === 0 ? null : random.pick(agents))),
      log.map((l) => l.source),
      log.map((l) => l.q),
      log.map((l) => l.locale),
      log.map((l) => l.results),
      log.map((l) => l.opened),
      at,
    ],
  );
  return log.length;
}
