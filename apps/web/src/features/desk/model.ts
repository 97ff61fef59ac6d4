// Pure desk logic, kept apart from React so it is unit-tested (model.test.ts).

export const AWAY_REASONS = ['break', 'lunch', 'training', 'meeting', 'after_contact_work'] as const;
export type AwayReason = (typeof AWAY_REASONS)[number];

export interface ContactReasonItem {
  id: string;
  parentId: string | null;
  /** Stable code (`cards`, `loans`…): the widget's topics use the top-level ones. */
  code?: string;
  names: Record<string, string>;
  sort: number;
}

/**
 * Wrap-up choices from the admin-managed hierarchy: each reason under its parent, labelled
 * "Parent › Child" in the agent's language (English when a name is missing).
 */
export function reasonOptions(
  reasons: ContactReasonItem[],
  language: string,
): { value: string; label: string }[] {
  const name = (r: ContactReasonItem) => r.names[language] ?? r.names.en ?? '';
  const bySort = (a: ContactReasonItem, b: ContactReasonItem) => a.sort - b.sort;
  const options: { value: string; label: string }[] = [];
  for (const top of reasons.filter((r) => !r.parentId).sort(bySort)) {
    options.push({ value: top.id, label: name(top) });
    for (const child of reasons.filter((r) => r.parentId === top.id).sort(bySort)) {
      options.push({ value: child.id, label: `${name(top)} › ${name(child)}` });
    }
  }
  return options;
}

/** A duration as a clock: `0:07`, `12:34`, `1:02:03`. Negative durations show as `0:00`. */
export function formatClock(milliseconds: number): string {
  const total = Math.max(0, Math.floor(milliseconds / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const ss = String(seconds).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${ss}` : `${minutes}:${ss}`;
}

/** Time left until `expiresAt`, rounded up so that an offer shows `0:00` only once it has expired. */
export function remainingMs(expiresAt: string, now: number): number {
  const left = Date.parse(expiresAt) - now;
  return left <= 0 ? 0 : Math.ceil(left / 1000) * 1000;
}

interface Sequenced {
  id: string;
  seq: number;
}

/**
 * Merges messages into a conversation's list: one entry per id (the incoming copy wins), ordered by
 * `seq`, the server's order. Returns `current` itself when nothing changes, so React skips a render.
 */
export function mergeMessages<T extends Sequenced>(current: readonly T[], incoming: readonly T[]): T[] {
  if (incoming.length === 0) return current as T[];
  const byId = new Map(current.map((message) => [message.id, message]));
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

/** What the staff WebSocket's events mean for the desk's cached queries. */
export type DeskRefresh = 'state' | 'offers' | 'conversations' | 'conversation' | 'all';

export function refreshesFor(type: string): readonly DeskRefresh[] {
  switch (type) {
    case 'resync':
      return ['all'];
    case 'routing.offered':
    case 'routing.offer_expired':
      return ['offers'];
    // Accepting answers 204 before the conversation is assigned (a listener does it), so an open
    // conversation view may have read a 404 meanwhile: refetch it too.
    case 'routing.assigned':
    case 'conversation.assigned':
      return ['offers', 'conversations', 'conversation', 'state'];
    // The work item left this agent (ended, requeued after a lost connection, transferred).
    case 'routing.ended':
    case 'routing.requeued':
    case 'routing.transferred':
    case 'conversation.transferred':
      return ['offers', 'conversations', 'state'];
    case 'conversation.message_created':
    // The customer signed in on the bank's site mid-chat: the 360 panel now has someone to show.
    case 'conversation.customer_linked':
      return ['conversation', 'conversations'];
    case 'conversation.wrapped_up':
    case 'conversation.closed':
      return ['conversation', 'conversations', 'state'];
    case 'routing.agent_state_changed':
      return ['state'];
    default:
      return [];
  }
}
