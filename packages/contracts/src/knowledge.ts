import { type Static, Type } from 'typebox';
import { IsoDateTime, Locale, Nullable, Uuid } from './common.ts';

const strict = { additionalProperties: false } as const;

export const ArticleStatus = Type.Union([
  Type.Literal('draft'),
  Type.Literal('in_review'),
  Type.Literal('published'),
  Type.Literal('archived'),
]);
export const Visibility = Type.Union([Type.Literal('internal'), Type.Literal('public')]);
export const KnowledgeAudience = Type.Union([
  Type.Literal('agents'),
  Type.Literal('branches'),
  Type.Literal('back_office'),
]);
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Tags = Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 30 });

export const CategoryNames = Type.Object(
  {
    en: Type.String({ minLength: 1, maxLength: 120 }),
    'zh-CN': Type.String({ maxLength: 120 }),
    vi: Type.String({ maxLength: 120 }),
  },
  strict,
);
export const Category = Type.Object({
  id: Uuid,
  parentId: Nullable(Uuid),
  position: Type.Integer(),
  names: CategoryNames,
  articleCount: Type.Integer(),
});
export const CategoryList = Type.Object({ items: Type.Array(Category) });
export const CreateCategory = Type.Object(
  {
    parentId: Type.Optional(Nullable(Uuid)),
    position: Type.Optional(Type.Integer({ minimum: 0 })),
    names: CategoryNames,
  },
  strict,
);
export type CreateCategory = Static<typeof CreateCategory>;
export const UpdateCategory = Type.Partial(CreateCategory, strict);
export const CreatedId = Type.Object({ id: Uuid });

/** The menu as readers browse it: a category's published articles that the reader may see. */
export const CategoryArticlesQuery = Type.Object({ locale: Type.Optional(Locale) }, strict);
export const CategoryArticles = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Uuid,
      groupId: Uuid,
      locale: Type.String(),
      title: Type.String(),
      visibility: Type.String(),
      publishedAt: Nullable(IsoDateTime),
    }),
  ),
});

const articleFields = {
  categoryId: Type.Optional(Nullable(Uuid)),
  title: Type.String({ minLength: 1, maxLength: 300 }),
  bodyHtml: Type.String({ maxLength: 200_000 }),
  answer: Type.Optional(Type.String({ maxLength: 5000 })),
  tags: Type.Optional(Tags),
  products: Type.Optional(Tags),
  visibility: Type.Optional(Visibility),
  audience: Type.Optional(Type.Array(KnowledgeAudience, { maxItems: 3 })),
  ownerId: Type.Optional(Nullable(Uuid)),
  reviewBy: Type.Optional(Nullable(Day)),
};
export const CreateArticle = Type.Object(
  { locale: Locale, translationOf: Type.Optional(Nullable(Uuid)), ...articleFields },
  strict,
);
export type CreateArticle = Static<typeof CreateArticle>;
export const UpdateArticle = Type.Partial(Type.Object(articleFields, strict), strict);
export type UpdateArticle = Static<typeof UpdateArticle>;

export const ArticleVersion = Type.Object({
  version: Type.Integer(),
  state: Type.String(),
  title: Type.String(),
  bodyHtml: Type.String(),
  answer: Type.String(),
  tags: Type.Array(Type.String()),
  authorId: Nullable(Uuid),
  approvedBy: Nullable(Uuid),
  note: Nullable(Type.String()),
  createdAt: IsoDateTime,
  publishedAt: Nullable(IsoDateTime),
});
export const ArticleSummary = Type.Object({
  id: Uuid,
  groupId: Uuid,
  locale: Type.String(),
  categoryId: Nullable(Uuid),
  status: ArticleStatus,
  visibility: Visibility,
  audience: Type.Array(Type.String()),
  products: Type.Array(Type.String()),
  ownerId: Nullable(Uuid),
  reviewBy: Nullable(Type.String()),
  isReviewOverdue: Type.Boolean(),
  latestVersion: Type.Integer(),
  publishedVersion: Nullable(Type.Integer()),
  hasPendingRevision: Type.Boolean(),
  publishAt: Nullable(IsoDateTime),
  publishedAt: Nullable(IsoDateTime),
  title: Type.String(),
  bodyHtml: Type.String(),
  answer: Type.String(),
  tags: Type.Array(Type.String()),
  views: Type.Integer(),
  helpful: Type.Integer(),
  notHelpful: Type.Integer(),
  updatedAt: IsoDateTime,
});
export const Article = Type.Object({
  ...ArticleSummary.properties,
  translations: Type.Array(Type.Object({ id: Uuid, locale: Type.String(), title: Type.String() })),
  draft: Nullable(ArticleVersion),
});
export type Article = Static<typeof Article>;
export const ArticleList = Type.Object({ items: Type.Array(ArticleSummary) });
export const ArticleListQuery = Type.Object(
  {
    status: Type.Optional(ArticleStatus),
    locale: Type.Optional(Locale),
    categoryId: Type.Optional(Uuid),
    isReviewOverdue: Type.Optional(Type.Boolean()),
  },
  strict,
);
export const VersionList = Type.Object({ items: Type.Array(ArticleVersion) });
export const VersionParams = Type.Object({ id: Uuid, version: Type.Integer({ minimum: 1 }) }, strict);
export const DiffQuery = Type.Object(
  { from: Type.Integer({ minimum: 1 }), to: Type.Integer({ minimum: 1 }) },
  strict,
);
export const Diff = Type.Object({
  from: Type.Integer(),
  to: Type.Integer(),
  parts: Type.Array(
    Type.Object({
      value: Type.String(),
      change: Type.Union([Type.Literal('added'), Type.Literal('removed'), Type.Literal('same')]),
    }),
  ),
});
export const AsOfQuery = Type.Object({ at: IsoDateTime }, strict);
export const AsOf = Type.Object({ version: Nullable(ArticleVersion) });
export const Approve = Type.Object({ publishAt: Type.Optional(Nullable(IsoDateTime)) }, strict);
export const Reject = Type.Object({ note: Type.String({ minLength: 1, maxLength: 2000 }) }, strict);

export const SearchQuery = Type.Object(
  {
    q: Type.String({ maxLength: 5000 }),
    locale: Type.Optional(Locale),
    categoryId: Type.Optional(Uuid),
    product: Type.Optional(Type.String({ maxLength: 60 })),
    visibility: Type.Optional(Visibility),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
    source: Type.Optional(Type.Union([Type.Literal('kb'), Type.Literal('desk')])),
  },
  strict,
);
export type SearchQuery = Static<typeof SearchQuery>;
export const SearchHit = Type.Object({
  id: Uuid,
  groupId: Uuid,
  locale: Type.String(),
  title: Type.String(),
  titleHtml: Type.String(),
  snippet: Type.String(),
  answer: Type.String(),
  categoryId: Nullable(Uuid),
  visibility: Visibility,
  score: Type.Number(),
});
export const SearchResult = Type.Object({ searchId: Nullable(Uuid), items: Type.Array(SearchHit) });
export const Suggest = Type.Object(
  { text: Type.String({ maxLength: 5000 }), locale: Type.Optional(Locale) },
  strict,
);
export const Suggestions = Type.Object({ items: Type.Array(SearchHit) });
export const OpenResult = Type.Object({ searchId: Type.Optional(Nullable(Uuid)) }, strict);
export const Feedback = Type.Object({ isHelpful: Type.Boolean() }, strict);
export const FeedbackCounts = Type.Object({ helpful: Type.Integer(), notHelpful: Type.Integer() });

export const SynonymGroup = Type.Object({ id: Uuid, terms: Type.Array(Type.String()) });
export const SynonymList = Type.Object({ items: Type.Array(SynonymGroup) });
export const CreateSynonyms = Type.Object(
  { terms: Type.Array(Type.String({ minLength: 1, maxLength: 80 }), { minItems: 2, maxItems: 20 }) },
  strict,
);

export const ReviewItem = Type.Object({
  id: Uuid,
  locale: Type.String(),
  title: Type.String(),
  version: Type.Integer(),
  authorId: Nullable(Uuid),
  authorName: Nullable(Type.String()),
  submittedAt: IsoDateTime,
  canApprove: Type.Boolean(),
});
export const ReviewQueue = Type.Object({ items: Type.Array(ReviewItem) });

export const MorningBrief = Type.Object({
  since: IsoDateTime,
  /** Published or archived since `since`, latest first (at most 50 of `changedTotal`). */
  changed: Type.Array(
    Type.Object({
      id: Uuid,
      locale: Type.String(),
      title: Type.String(),
      /** `new`: its first published version; `updated`: a later one; `archived`: taken down. */
      change: Type.Union([Type.Literal('new'), Type.Literal('updated'), Type.Literal('archived')]),
      version: Nullable(Type.Integer()),
      /** Who approved the live version (four-eyes), when known. */
      approvedBy: Nullable(Type.String()),
      publishedAt: Nullable(IsoDateTime),
      changedAt: IsoDateTime,
    }),
  ),
  changedTotal: Type.Integer(),
  topSearches: Type.Array(Type.Object({ query: Type.String(), searches: Type.Integer() })),
  /**
   * Queries of the last day where at least half the searches ended with no result opened: `searches`
   * those, `total` every search of the query, `results` the most results any of them had.
   */
  contentGaps: Type.Array(
    Type.Object({
      query: Type.String(),
      searches: Type.Integer(),
      total: Type.Integer(),
      results: Type.Integer(),
    }),
  ),
  reviewOverdue: Type.Array(
    Type.Object({ id: Uuid, locale: Type.String(), title: Type.String(), reviewBy: Type.String() }),
  ),
});
export type MorningBrief = Static<typeof MorningBrief>;

/**
 * `knowledge.review_overdue` (staff WebSocket, to the owner and `knowledge.edit` holders): an
 * article passed its review-by date; the daily job raises it once per review-by date.
 */
export const ReviewOverduePayload = Type.Object({
  articleId: Uuid,
  groupId: Uuid,
  locale: Type.String(),
  title: Type.String(),
  version: Type.Integer(),
  categoryId: Nullable(Uuid),
  reviewBy: Type.String(),
  ownerId: Nullable(Uuid),
});
export type ReviewOverduePayload = Static<typeof ReviewOverduePayload>;

export const ExportQuery = Type.Object({ locale: Type.Optional(Locale) }, strict);
export const ImportBody = Type.Object(
  {
    format: Type.Union([Type.Literal('csv'), Type.Literal('markdown'), Type.Literal('zip')]),
    /** The file's text; a zip as base64. */
    content: Type.String({ maxLength: 5_000_000 }),
    locale: Type.Optional(Locale),
  },
  strict,
);
export const ImportResult = Type.Object({
  created: Type.Integer(),
  ids: Type.Array(Uuid),
  problems: Type.Array(Type.Object({ row: Type.Integer(), problem: Type.String() })),
});
export const ImageUploaded = Type.Object({ id: Uuid, url: Type.String() });
