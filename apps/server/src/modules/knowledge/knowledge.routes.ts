import { Type } from 'typebox';
import { ErrorEnvelope, ErrorResponses, IdParams } from '#contracts/common.ts';
import {
  Approve,
  Article,
  ArticleList,
  ArticleListQuery,
  AsOf,
  AsOfQuery,
  CategoryArticles,
  CategoryArticlesQuery,
  CategoryList,
  CreateArticle,
  CreateCategory,
  CreatedId,
  CreateSynonyms,
  Diff,
  DiffQuery,
  ExportQuery,
  Feedback,
  FeedbackCounts,
  ImageUploaded,
  ImportBody,
  ImportResult,
  MorningBrief,
  OpenResult,
  Reject,
  ReviewQueue,
  SearchQuery,
  SearchResult,
  Suggest,
  Suggestions,
  SynonymGroup,
  SynonymList,
  UpdateArticle,
  UpdateCategory,
  VersionList,
  VersionParams,
} from '#contracts/knowledge.ts';
import { AppError } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import { requireActor, requirePermission } from '../../platform/rbac.ts';
import { attachmentBodyParser, sniffContentType } from '../conversations/index.ts';
import { parseImport } from './knowledge.import.ts';
import type { KnowledgeService } from './knowledge.service.ts';

const errors = ErrorResponses;
const tags = ['knowledge'];

/** The knowledge base API for staff (`/knowledge/*`); the public help center is in knowledge.help.ts. */
export function knowledgeRoutes(deps: { knowledge: KnowledgeService }) {
  const { knowledge } = deps;
  return async (app: App) => {
    app.get(
      '/knowledge/categories',
      { schema: { tags, response: { 200: CategoryList, ...errors } } },
      async (request) => ({
        items: await knowledge.listCategories(requireActor(request.actor)),
      }),
    );
    app.post(
      '/knowledge/categories',
      { schema: { tags, body: CreateCategory, response: { 201: CreatedId, ...errors } } },
      async (request, reply) =>
        reply
          .code(201)
          .send({ id: await knowledge.createCategory(requireActor(request.actor), request.body) }),
    );
    app.patch(
      '/knowledge/categories/:id',
      { schema: { tags, params: IdParams, body: UpdateCategory, response: { 204: Type.Null(), ...errors } } },
      async (request, reply) => {
        await knowledge.updateCategory(requireActor(request.actor), request.params.id, request.body);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/knowledge/categories/:id/articles',
      {
        schema: {
          tags,
          params: IdParams,
          querystring: CategoryArticlesQuery,
          response: { 200: CategoryArticles, ...errors },
        },
      },
      async (request) => ({
        items: await knowledge.categoryArticles(
          requireActor(request.actor),
          request.params.id,
          request.query,
        ),
      }),
    );
    app.get(
      '/knowledge/articles',
      { schema: { tags, querystring: ArticleListQuery, response: { 200: ArticleList, ...errors } } },
      async (request) => ({
        items: await knowledge.listArticles(requireActor(request.actor), request.query),
      }),
    );
    app.post(
      '/knowledge/articles',
      { schema: { tags, body: CreateArticle, response: { 201: Article, ...errors } } },
      async (request, reply) =>
        reply.code(201).send(await knowledge.createArticle(requireActor(request.actor), request.body)),
    );
    app.get(
      '/knowledge/articles/:id',
      { schema: { tags, params: IdParams, response: { 200: Article, ...errors } } },
      async (request) => knowledge.getArticle(requireActor(request.actor), request.params.id),
    );
    app.patch(
      '/knowledge/articles/:id',
      { schema: { tags, params: IdParams, body: UpdateArticle, response: { 200: Article, ...errors } } },
      async (request) =>
        knowledge.updateArticle(requireActor(request.actor), request.params.id, request.body),
    );
    app.post(
      '/knowledge/articles/:id/submit',
      { schema: { tags, params: IdParams, response: { 200: Article, ...errors } } },
      async (request) => knowledge.submitForReview(requireActor(request.actor), request.params.id),
    );
    app.post(
      '/knowledge/articles/:id/approve',
      { schema: { tags, params: IdParams, body: Approve, response: { 200: Article, ...errors } } },
      async (request) =>
        knowledge.approve(requireActor(request.actor), request.params.id, request.body ?? {}),
    );
    app.post(
      '/knowledge/articles/:id/reject',
      { schema: { tags, params: IdParams, body: Reject, response: { 200: Article, ...errors } } },
      async (request) => knowledge.reject(requireActor(request.actor), request.params.id, request.body.note),
    );
    app.post(
      '/knowledge/articles/:id/archive',
      { schema: { tags, params: IdParams, response: { 200: Article, ...errors } } },
      async (request) => knowledge.archive(requireActor(request.actor), request.params.id),
    );
    app.get(
      '/knowledge/articles/:id/versions',
      { schema: { tags, params: IdParams, response: { 200: VersionList, ...errors } } },
      async (request) => ({
        items: await knowledge.listVersions(requireActor(request.actor), request.params.id),
      }),
    );
    app.get(
      '/knowledge/articles/:id/diff',
      { schema: { tags, params: IdParams, querystring: DiffQuery, response: { 200: Diff, ...errors } } },
      async (request) =>
        knowledge.diffVersions(
          requireActor(request.actor),
          request.params.id,
          request.query.from,
          request.query.to,
        ),
    );
    app.post(
      '/knowledge/articles/:id/versions/:version/rollback',
      { schema: { tags, params: VersionParams, response: { 200: Article, ...errors } } },
      async (request) =>
        knowledge.rollback(requireActor(request.actor), request.params.id, request.params.version),
    );
    app.get(
      '/knowledge/articles/:id/as-of',
      { schema: { tags, params: IdParams, querystring: AsOfQuery, response: { 200: AsOf, ...errors } } },
      async (request) => ({
        version: await knowledge.asOf(
          requireActor(request.actor),
          request.params.id,
          new Date(request.query.at),
        ),
      }),
    );
    app.post(
      '/knowledge/articles/:id/open',
      { schema: { tags, params: IdParams, body: OpenResult, response: { 204: Type.Null(), ...errors } } },
      async (request, reply) => {
        await knowledge.openResult(
          requireActor(request.actor),
          request.body.searchId ?? null,
          request.params.id,
        );
        return reply.code(204).send(null);
      },
    );
    app.post(
      '/knowledge/articles/:id/feedback',
      { schema: { tags, params: IdParams, body: Feedback, response: { 200: FeedbackCounts, ...errors } } },
      async (request) =>
        knowledge.giveFeedback(requireActor(request.actor), request.params.id, {
          isHelpful: request.body.isHelpful,
          source: 'desk',
        }),
    );

    app.get(
      '/knowledge/search',
      { schema: { tags, querystring: SearchQuery, response: { 200: SearchResult, ...errors } } },
      async (request) => knowledge.search(requireActor(request.actor), request.query),
    );
    app.post(
      '/knowledge/suggestions',
      { schema: { tags, body: Suggest, response: { 200: Suggestions, ...errors } } },
      async (request) => ({ items: await knowledge.suggest(requireActor(request.actor), request.body) }),
    );

    app.get(
      '/knowledge/synonyms',
      { schema: { tags, response: { 200: SynonymList, ...errors } } },
      async (request) => ({
        items: await knowledge.listSynonyms(requireActor(request.actor)),
      }),
    );
    app.post(
      '/knowledge/synonyms',
      { schema: { tags, body: CreateSynonyms, response: { 201: SynonymGroup, ...errors } } },
      async (request, reply) =>
        reply.code(201).send(await knowledge.createSynonyms(requireActor(request.actor), request.body)),
    );
    app.delete(
      '/knowledge/synonyms/:id',
      { schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errors } } },
      async (request, reply) => {
        await knowledge.deleteSynonyms(requireActor(request.actor), request.params.id);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/knowledge/review-queue',
      { schema: { tags, response: { 200: ReviewQueue, ...errors } } },
      async (request) => ({
        items: await knowledge.reviewQueue(requireActor(request.actor)),
      }),
    );
    app.get(
      '/knowledge/brief',
      { schema: { tags, response: { 200: MorningBrief, ...errors } } },
      async (request) => knowledge.morningBrief(requireActor(request.actor)),
    );

    app.get('/knowledge/export', { schema: { tags, querystring: ExportQuery } }, async (request, reply) => {
      const items = await knowledge.exportArticles(requireActor(request.actor), request.query);
      reply.header(
        'content-disposition',
        `attachment; filename="knowledge-${request.query.locale ?? 'all'}.json"`,
      );
      return reply
        .type('application/json')
        .send(JSON.stringify({ exportedAt: new Date().toISOString(), items }));
    });
    app.post(
      '/knowledge/import',
      { schema: { tags, body: ImportBody, response: { 200: ImportResult, ...errors } } },
      async (request) => {
        const actor = requireActor(request.actor);
        requirePermission(actor, 'knowledge.edit');
        const rows = parseImport(request.body.format, request.body.content, request.body.locale);
        return knowledge.importArticles(actor, rows);
      },
    );

    // Images: the body is the raw file, in a plugin of its own so no other route parses bytes.
    await app.register(async (files: App) => {
      files.removeAllContentTypeParsers();
      files.addContentTypeParser('*', attachmentBodyParser);
      files.post(
        '/knowledge/images',
        {
          schema: {
            tags,
            response: { 201: ImageUploaded, ...errors, 413: ErrorEnvelope, 415: ErrorEnvelope },
          },
          onRequest: async (request) => {
            requirePermission(request.actor, 'knowledge.edit');
          },
        },
        async (request, reply) => {
          const bytes = request.body as Buffer;
          const type = sniffContentType(bytes);
          if (!type?.startsWith('image/')) throw new AppError('KNOWLEDGE_IMAGE_TYPE', 415);
          return reply.code(201).send(await knowledge.uploadImage(requireActor(request.actor), bytes, type));
        },
      );
    });
    // Images are public: public help-center articles show them (they hold no customer data).
    app.get('/knowledge/images/:id', { schema: { tags, params: IdParams } }, async (request, reply) => {
      const image = await knowledge.getImage(request.params.id);
      reply.header('cache-control', 'public, max-age=86400, immutable');
      reply.header('x-content-type-options', 'nosniff');
      return reply.type(image.contentType).send(image.bytes);
    });
  };
}
