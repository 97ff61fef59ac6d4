import type { Attachment } from './attachments.ts';

export type AuthorType = 'customer' | 'agent' | 'system' | 'bot';

export interface ChatMessage {
  id: string;
  seq: number;
  authorType: AuthorType | string;
  kind: string;
  clientId: string | null;
  body: string;
  /** Messages of kind `attachment`: the file (download through the API with the visitor token). */
  attachment?: Attachment | null;
  createdAt: string;
}

/**
 * Adds what the server sent (GET, POST answer or WebSocket, in any order, possibly twice) to what
 * is shown: one entry per seq, ordered by seq. A message already shown under its clientId is not
 * added again even if it somehow arrives with another seq.
 */
export function mergeMessages(
  current: readonly ChatMessage[],
  incoming: readonly ChatMessage[],
): ChatMessage[] {
  if (incoming.length === 0) return current as ChatMessage[];
  const bySeq = new Map<number, ChatMessage>();
  const clientIds = new Set<string>();
  for (const m of current) {
    bySeq.set(m.seq, m);
    if (m.clientId) clientIds.add(m.clientId);
  }
  let changed = false;
  for (const m of incoming) {
    if (bySeq.has(m.seq)) continue;
    if (m.clientId && clientIds.has(m.clientId)) continue;
    bySeq.set(m.seq, m);
    if (m.clientId) clientIds.add(m.clientId);
    changed = true;
  }
  if (!changed) return current as ChatMessage[];
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

export function lastSeq(messages: readonly ChatMessage[]): number {
  return messages.reduce((max, m) => Math.max(max, m.seq), 0);
}

/** Agent (and bot) messages after `seenSeq`: the launcher's unread badge. */
export function countUnread(messages: readonly ChatMessage[], seenSeq: number): number {
  return messages.filter((m) => m.seq > seenSeq && (m.authorType === 'agent' || m.authorType === 'bot'))
    .length;
}
