import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const ARTICLE_STATUSES = ['draft', 'in_review', 'published', 'archived'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];
export const VISIBILITIES = ['internal', 'public'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
export const AUDIENCES = ['agents', 'branches', 'back_office'] as const;
export type KnowledgeAudience = (typeof AUDIENCES)[number];

/** The menu: an ordered, multi-level tree; names in the three languages. */
export const knowledgeCategories = pgTable(
  'knowledge_categories',
  {
    id: uuid('id').primaryKey(),
    parentId: uuid('parent_id'),
    position: integer('position').notNull().default(0),
    names: jsonb('names').$type<Record<string, string>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('knowledge_categories_parent_idx').on(t.parentId, t.position)],
);

/**
 * One locale variant of an article; variants of one article share `group_id`. The row carries the
 * live (published) text and its search document; every revision lives in knowledge_versions.
 */
export const knowledgeArticles = pgTable(
  'knowledge_articles',
  {
    id: uuid('id').primaryKey(),
    groupId: uuid('group_id').notNull(),
    locale: text('locale').notNull(),
    categoryId: uuid('category_id'),
    status: text('status').$type<ArticleStatus>().notNull(),
    visibility: text('visibility').$type<Visibility>().notNull(),
    audience: text('audience').array().notNull().default(sql`'{}'`),
    products: text('products').array().notNull().default(sql`'{}'`),
    ownerId: uuid('owner_id'),
    reviewBy: date('review_by'),
    /** The review-by date the daily job last flagged (a new date is flagged again once it passes). */
    reviewFlaggedFor: date('review_flagged_for'),
    latestVersion: integer('latest_version').notNull(),
    publishedVersion: integer('published_version'),
    /** When an approved revision goes live (scheduled publishing); null = not scheduled. */
    publishAt: timestamp('publish_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    title: text('title').notNull(),
    bodyHtml: text('body_html').notNull(),
    answer: text('answer').notNull(),
    tags: text('tags').array().notNull().default(sql`'{}'`),
    searchDoc: tsvector('search_doc'),
    /**
     * The title and tags part (weights A, B) of the search document, kept by PostgreSQL: small and
     * with its own index, so a search takes its best candidates from titles before bodies.
     */
    titleDoc: tsvector('title_doc').generatedAlwaysAs(sql`ts_filter(search_doc, '{a,b}')`),
    views: integer('views').notNull().default(0),
    helpful: integer('helpful').notNull().default(0),
    notHelpful: integer('not_helpful').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // Only published articles are searched: partial indexes (the planner never needs the status
    // index to narrow a search), without a pending list (publishing is rare, searching constant).
    index('knowledge_articles_search_idx')
      .using('gin', t.searchDoc)
      .with({ fastupdate: false })
      .where(sql`status = 'published'`),
    index('knowledge_articles_title_search_idx')
      .using('gin', t.titleDoc)
      .with({ fastupdate: false })
      .where(sql`status = 'published'`),
    // One pair per locale: a search in one language (the desk, the help center, suggestions)
    // reads only that language's postings, not three times as many to throw two thirds away.
    ...(['en', 'zh-CN', 'vi'] as const).flatMap((locale) => {
      const name = locale.replace('-', '_').toLowerCase();
      const where = sql.raw(`status = 'published' AND locale = '${locale}'`);
      return [
        index(`knowledge_articles_search_${name}_idx`)
          .using('gin', t.searchDoc)
          .with({ fastupdate: false })
          .where(where),
        index(`knowledge_articles_title_search_${name}_idx`)
          .using('gin', t.titleDoc)
          .with({ fastupdate: false })
          .where(where),
      ];
    }),
    index('knowledge_articles_group_idx').on(t.groupId),
    index('knowledge_articles_status_idx').on(t.status, t.locale),
    index('knowledge_articles_publish_at_idx').on(t.publishAt).where(sql`publish_at IS NOT NULL`),
  ],
);

/** Every revision of a variant: drafts, reviews, published and superseded texts (history, "as of"). */
export const knowledgeVersions = pgTable(
  'knowledge_versions',
  {
    articleId: uuid('article_id').notNull(),
    version: integer('version').notNull(),
    state: text('state').notNull(),
    title: text('title').notNull(),
    bodyHtml: text('body_html').notNull(),
    answer: text('answer').notNull(),
    tags: text('tags').array().notNull().default(sql`'{}'`),
    authorId: uuid('author_id'),
    approvedBy: uuid('approved_by'),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.version] })],
);

/** Editor-managed synonym groups across languages (信用卡 / credit card / thẻ tín dụng). */
export const knowledgeSynonyms = pgTable('knowledge_synonyms', {
  id: uuid('id').primaryKey(),
  terms: text('terms').array().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

/** Every search (desk, knowledge page, help center) and the result opened after it, if any. */
export const knowledgeSearches = pgTable(
  'knowledge_searches',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id'),
    source: text('source').notNull(),
    query: text('query').notNull(),
    locale: text('locale'),
    resultCount: integer('result_count').notNull(),
    openedArticleId: uuid('opened_article_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('knowledge_searches_created_idx').on(t.createdAt)],
);

export const knowledgeFeedback = pgTable(
  'knowledge_feedback',
  {
    id: uuid('id').primaryKey(),
    articleId: uuid('article_id').notNull(),
    userId: uuid('user_id'),
    source: text('source').notNull(),
    isHelpful: boolean('is_helpful').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('knowledge_feedback_article_idx').on(t.articleId)],
);

/** Distinct search terms of published articles: the trigram lexicon that corrects typos in queries. */
export const knowledgeLexemes = pgTable('knowledge_lexemes', {
  term: text('term').primaryKey(),
});

/** Images uploaded into article bodies (content-sniffed, size-limited). */
export const knowledgeImages = pgTable('knowledge_images', {
  id: uuid('id').primaryKey(),
  contentType: text('content_type').notNull(),
  bytes: customType<{ data: Buffer }>({ dataType: () => 'bytea' })('bytes').notNull(),
  uploadedBy: uuid('uploaded_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});
