import type { ConversationStatus } from './conversations.schema.ts';

/**
 * The conversation lifecycle: `queued → offered → active → wrap_up → closed`, plus
 * `waiting_offline` (taken as a message when nobody is there). An offer that is rejected or expires
 * goes back to `queued`; so does a transfer or an agent's lost connection. A customer can leave at
 * any point before wrap-up (abandoned when they never reached an agent).
 */
const NEXT: Record<ConversationStatus, readonly ConversationStatus[]> = {
  waiting_offline: ['queued', 'closed'],
  queued: ['offered', 'active', 'closed', 'waiting_offline'],
  offered: ['active', 'queued', 'closed'],
  active: ['wrap_up', 'queued', 'closed'],
  wrap_up: ['closed'],
  closed: [],
};

export function canTransition(from: ConversationStatus, to: ConversationStatus): boolean {
  return NEXT[from].includes(to);
}

export const isOpen = (status: ConversationStatus) => status !== 'closed';

/** Whether the customer left before any agent answered (an abandoned contact for the KPIs). */
export const isAbandonment = (from: ConversationStatus, to: ConversationStatus) =>
  to === 'closed' && (from === 'queued' || from === 'offered' || from === 'waiting_offline');
