// Pure desk logic, kept apart from React so it is unit-tested (model.test.ts).

export const AWAY_REASONS = ['break', 'lunch', 'training', 'meeting', 'after_contact_work'] as const;
export type AwayReason = (typeof AWAY_REASONS)[number];

/**
 * The contact reasons an agent picks when closing, each with a stable id the server stores.
 * TODO(#3): contact-reason hierarchy from the admin API.
 */
export const CONTACT_REASONS = [
  { id: '469337e1-849f-4f01-842a-58a09cbfb249', key: 'cardServices' },
  { id: '49d60ea5-291b-4aa9-ac74-2f18b82cd5cb', key: 'loans' },
  { id: 'bb0327e3-6101-482e-b376-f85b56b1ff7e', key: 'accounts' },
  { id: '58f525a3-292c-4c33-bdb1-9175fb14c790', key: 'eBanking' },
  { id: '5a71979d-a5f7-4fb7-b151-6b2728b3e19a', key: 'complaint' },
  { id: 'd59acfc4-8bd9-4f5e-aa98-2a2865c06cdd', key: 'other' },
] as const;

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
