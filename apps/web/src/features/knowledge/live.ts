import type { RealtimeEvent } from '../../shared/use-realtime.ts';

/** A published article as the staff WebSocket announces it (server: knowledge.events.ts). */
export interface PublishedNotice {
  articleId: string;
  locale: string;
  title: string;
}

type Listener<T> = (value: T) => void;
const published = new Set<Listener<PublishedNotice>>();
const inserts = new Set<Listener<{ conversationId: string; text: string }>>();

/** The desk passes every staff WebSocket event here (one socket serves the whole desk). */
export function applyKnowledgeEvent(event: RealtimeEvent): void {
  if (event.type !== 'knowledge.article_published') return;
  const data = event.data as PublishedNotice;
  for (const listener of published) listener(data);
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
