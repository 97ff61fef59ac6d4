/** Events the routing engine publishes; payloads carry what wait time and service level need. */
export const ROUTING_EVENTS = {
  queued: 'routing.queued',
  offered: 'routing.offered',
  accepted: 'routing.accepted',
  rejected: 'routing.rejected',
  offerExpired: 'routing.offer_expired',
  assigned: 'routing.assigned',
  requeued: 'routing.requeued',
  transferred: 'routing.transferred',
  overflowed: 'routing.overflowed',
  ended: 'routing.ended',
  agentStateChanged: 'routing.agent_state_changed',
} as const;

export interface WorkItemEventPayload {
  itemId: string;
  kind: string;
  refId: string;
  queueId: string;
  channel: string;
  agentId: string | null;
  enqueuedAt: string;
  /** Seconds from enqueue to this step (wait time for assigned/ended-while-waiting). */
  waitSeconds: number;
  reason?: string;
  /** On routing.transferred: who had it, and the new queue when it went back to a queue. */
  fromAgentId?: string;
  toQueueId?: string | null;
  /** On routing.overflowed: the queue whose rule applied (reason: widen | move). */
  fromQueueId?: string;
}

export interface AgentStatePayload {
  userId: string;
  state: 'available' | 'away' | 'offline';
  reason: string | null;
  since: string;
}
