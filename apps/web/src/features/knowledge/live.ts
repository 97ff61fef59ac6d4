import type { RealtimeEvent } from '../../shared/use-realtime.ts';

/** A published article as the staff WebSocket announces it (server: knowledge.events.ts). */
export interface PublishedNotice {
  articleId: string;
  locale: string;
  title: string;
}

/** An article past its review-by date, announced to its owner and the editors (knowledge.review_overdue). */
export interface ReviewOverdueNotice {
  articleId: string;
  locale: string;
  title: string;
  reviewBy: string;
}

type Listener<T> = (value: T) => void;
const published = new Set<Listener<PublishedNotice>>();
const overdue = new Set<Listener<ReviewOverdueNotice>>();
const inserts = new Set<Listener<{ conversationId: string; text: string }>>();

/** The desk passes every staff WebSocket event here (one socket serves the whole desk). */
export function applyKnowledgeEvent(event: RealtimeEvent): void {
  if (event.type === 'knowledge.article_published')
    for (const listener of published) listener(event.data as PublishedNotice);
  if (event.type === 'knowledge.review_overdue')
    for (const listener of overdue) listener(event.data as ReviewOverdueNotice);
}

export function onReviewOverdue(listener: Listener<ReviewOverdueNotice>): () => void {
  overdue.add(listener);
  return () => overdue.delete(listener);
}

export function onArticlePublished(listener: Listener<PublishedNotice>): () => void {
  published.add(listener);
  return () => published.delete(listener);
}

/** The knowledge panel asks the reply box of one conversation to take an answer. */
export function insertIntoReply(conversationId: string, text: string): void {
  for (const listener of inserts) listener({ conversationId, text });
}

export function onInsertIntoReply(conversationId: string, insert: (text: string) => void): () => void {
  const listener: Listener<{ conversationId: string; text: string }> = (value) => {
    if (value.conversationId === conversationId) insert(value.text);
  };
  inserts.add(listener);
  return () => inserts.delete(listener);
}
