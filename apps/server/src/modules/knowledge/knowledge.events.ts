/** Events the knowledge module publishes (payloads carry ids and titles, never bodies). */
export const KNOWLEDGE_EVENTS = {
  submitted: 'knowledge.article_submitted',
  approved: 'knowledge.article_approved',
  published: 'knowledge.article_published',
  archived: 'knowledge.article_archived',
  /** Category, visibility, audience or products of a published article changed (internal: the indexes). */
  changed: 'knowledge.article_changed',
  feedbackGiven: 'knowledge.feedback_given',
  reviewOverdue: 'knowledge.review_overdue',
} as const;

export interface ArticleEventPayload {
  articleId: string;
  groupId: string;
  locale: string;
  title: string;
  version: number;
  categoryId: string | null;
}

/** `knowledge.review_overdue` (contract in packages/contracts): to the article's owner and the editors. */
export type { ReviewOverduePayload } from '#contracts/knowledge.ts';
