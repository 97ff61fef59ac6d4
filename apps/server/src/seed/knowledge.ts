import type { BanyanApp } from '../app.ts';
import { type CategoryKey, DEMO_CATEGORIES, DEMO_SYNONYMS, DEMO_TOPICS } from './knowledge-articles.ts';

const LOCALES = ['en', 'zh-CN', 'vi'] as const;

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
  const reviewBy = new Date(app.clock.now().getTime() + 180 * 86_400_000).toISOString().slice(0, 10);
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
        reviewBy,
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
