import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type {
  ArticleList as ArticleListSchema,
  Article as ArticleSchema,
  CategoryArticles as CategoryArticlesSchema,
  CategoryList as CategoryListSchema,
  CreateArticle as CreateArticleSchema,
  Diff as DiffSchema,
  ImportResult as ImportResultSchema,
  MorningBrief as MorningBriefSchema,
  ReviewQueue as ReviewQueueSchema,
  SearchResult as SearchResultSchema,
  Suggestions as SuggestionsSchema,
  UpdateArticle as UpdateArticleSchema,
  VersionList as VersionListSchema,
} from '../../../../../packages/contracts/src/knowledge.ts';
import { api } from '../../app/api-client.ts';

export type Article = Static<typeof ArticleSchema>;
export type ArticleSummary = Static<typeof ArticleListSchema>['items'][number];
export type Category = Static<typeof CategoryListSchema>['items'][number];
export type CategoryArticle = Static<typeof CategoryArticlesSchema>['items'][number];
export type CreateArticle = Static<typeof CreateArticleSchema>;
export type UpdateArticle = Static<typeof UpdateArticleSchema>;
export type SearchResult = Static<typeof SearchResultSchema>;
export type SearchHit = SearchResult['items'][number];
export type MorningBrief = Static<typeof MorningBriefSchema>;
export type ReviewItem = Static<typeof ReviewQueueSchema>['items'][number];
export type Version = Static<typeof VersionListSchema>['items'][number];
export type Diff = Static<typeof DiffSchema>;
export type ImportResult = Static<typeof ImportResultSchema>;

export const knowledgeKeys = {
  all: ['knowledge'] as const,
  categories: ['knowledge', 'categories'] as const,
  categoryArticles: (id: string, locale: string | null) =>
    ['knowledge', 'categories', id, 'articles', locale] as const,
  articles: (filters: object) => ['knowledge', 'articles', filters] as const,
  article: (id: string) => ['knowledge', 'article', id] as const,
  versions: (id: string) => ['knowledge', 'versions', id] as const,
  search: (q: string, filters: object) => ['knowledge', 'search', q, filters] as const,
  suggestions: (text: string, locale: string | null) => ['knowledge', 'suggestions', text, locale] as const,
  review: ['knowledge', 'review'] as const,
  brief: ['knowledge', 'brief'] as const,
};

export function useCategories() {
  return useQuery({
    queryKey: knowledgeKeys.categories,
    queryFn: async () => (await api<Static<typeof CategoryListSchema>>('/knowledge/categories')).items,
  });
}

export function useCreateCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { parentId?: string | null; names: { en: string; 'zh-CN': string; vi: string } }) =>
      api<{ id: string }>('/knowledge/categories', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: knowledgeKeys.categories }),
  });
}

export function useUpdateCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      ...body
    }: {
      id: string;
      parentId?: string | null;
      position?: number;
      names?: { en: string; 'zh-CN': string; vi: string };
    }) => api<null>(`/knowledge/categories/${id}`, { method: 'PATCH', body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: knowledgeKeys.categories }),
  });
}

export function useArticles(
  filters: { status?: string; locale?: string; isReviewOverdue?: boolean },
  enabled = true,
) {
  return useQuery({
    queryKey: knowledgeKeys.articles(filters),
    queryFn: async () =>
      (
        await api<Static<typeof ArticleListSchema>>('/knowledge/articles', {
          query: { ...filters, isReviewOverdue: filters.isReviewOverdue ? 'true' : undefined },
        })
      ).items,
    enabled,
  });
}

export function useArticle(id: string | null) {
  return useQuery({
    queryKey: knowledgeKeys.article(id ?? ''),
    queryFn: () => api<Article>(`/knowledge/articles/${id}`),
    enabled: Boolean(id),
  });
}

export function useVersions(id: string | null, enabled: boolean) {
  return useQuery({
    queryKey: knowledgeKeys.versions(id ?? ''),
    queryFn: async () =>
      (await api<Static<typeof VersionListSchema>>(`/knowledge/articles/${id}/versions`)).items,
    enabled: Boolean(id) && enabled,
  });
}

export function useDiff(id: string, from: number | null, to: number | null) {
  return useQuery({
    queryKey: ['knowledge', 'diff', id, from, to],
    queryFn: () => api<Diff>(`/knowledge/articles/${id}/diff`, { query: { from, to } }),
    enabled: from !== null && to !== null && from !== to,
  });
}

/** A category's published articles for this reader (the menu as agents browse it). */
export function useCategoryArticles(categoryId: string | null, locale: string | null) {
  return useQuery({
    queryKey: knowledgeKeys.categoryArticles(categoryId ?? '', locale),
    queryFn: async () =>
      (
        await api<Static<typeof CategoryArticlesSchema>>(`/knowledge/categories/${categoryId}/articles`, {
          query: locale ? { locale } : {},
        })
      ).items,
    enabled: categoryId !== null,
    staleTime: 30_000,
  });
}

export function useSearch(q: string, filters: { locale?: string; categoryId?: string; visibility?: string }) {
  return useQuery({
    queryKey: knowledgeKeys.search(q, filters),
    queryFn: () => api<SearchResult>('/knowledge/search', { query: { q, ...filters } }),
    enabled: q.trim().length > 0,
    staleTime: 30_000,
  });
}

export function useSuggestions(text: string, locale: string | null) {
  return useQuery({
    queryKey: knowledgeKeys.suggestions(text, locale),
    queryFn: async () =>
      (
        await api<Static<typeof SuggestionsSchema>>('/knowledge/suggestions', {
          method: 'POST',
          body: { text, ...(locale ? { locale } : {}) },
        })
      ).items,
    enabled: text.trim().length > 0,
    staleTime: 60_000,
  });
}

/** Every change to an article refreshes that article, the lists and the queue. */
function useArticleMutation<I>(fn: (input: I) => Promise<Article>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (article) => {
      queryClient.setQueryData(knowledgeKeys.article(article.id), article);
      void queryClient.invalidateQueries({ queryKey: knowledgeKeys.all });
    },
  });
}

export const useCreateArticle = () =>
  useArticleMutation((body: CreateArticle) => api<Article>('/knowledge/articles', { method: 'POST', body }));
export const useUpdateArticle = (id: string) =>
  useArticleMutation((body: UpdateArticle) =>
    api<Article>(`/knowledge/articles/${id}`, { method: 'PATCH', body }),
  );
export const useSubmitArticle = () =>
  useArticleMutation((id: string) => api<Article>(`/knowledge/articles/${id}/submit`, { method: 'POST' }));
export const useApproveArticle = () =>
  useArticleMutation((input: { id: string; publishAt?: string | null }) =>
    api<Article>(`/knowledge/articles/${input.id}/approve`, {
      method: 'POST',
      body: input.publishAt ? { publishAt: input.publishAt } : {},
    }),
  );
export const useRejectArticle = () =>
  useArticleMutation((input: { id: string; note: string }) =>
    api<Article>(`/knowledge/articles/${input.id}/reject`, { method: 'POST', body: { note: input.note } }),
  );
export const useArchiveArticle = () =>
  useArticleMutation((id: string) => api<Article>(`/knowledge/articles/${id}/archive`, { method: 'POST' }));
export const useRollback = (id: string) =>
  useArticleMutation((version: number) =>
    api<Article>(`/knowledge/articles/${id}/versions/${version}/rollback`, { method: 'POST' }),
  );

export function useReviewQueue(enabled: boolean) {
  return useQuery({
    queryKey: knowledgeKeys.review,
    queryFn: async () => (await api<Static<typeof ReviewQueueSchema>>('/knowledge/review-queue')).items,
    enabled,
  });
}

export function useBrief() {
  return useQuery({ queryKey: knowledgeKeys.brief, queryFn: () => api<MorningBrief>('/knowledge/brief') });
}

export const openResult = (articleId: string, searchId: string | null) =>
  api<void>(`/knowledge/articles/${articleId}/open`, { method: 'POST', body: { searchId } });

export const giveFeedback = (articleId: string, isHelpful: boolean) =>
  api<{ helpful: number; notHelpful: number }>(`/knowledge/articles/${articleId}/feedback`, {
    method: 'POST',
    body: { isHelpful },
  });

export function useImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { format: 'csv' | 'markdown' | 'zip'; content: string; locale?: string }) =>
      api<ImportResult>('/knowledge/import', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: knowledgeKeys.all }),
  });
}
