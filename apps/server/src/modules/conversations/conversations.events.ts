import type { Message } from './conversations.service.ts';
/** Events the conversations module publishes (analytics builds wait and handle times from them). */
export const CONVERSATION_EVENTS = {
  created: 'conversation.created',
  queued: 'conversation.queued',
  offered: 'conversation.offered',
  accepted: 'conversation.accepted',
  assigned: 'conversation.assigned',
  rejected: 'conversation.rejected',
  transferred: 'conversation.transferred',
  abandoned: 'conversation.abandoned',
  wrappedUp: 'conversation.wrapped_up',
  closed: 'conversation.closed',
  rated: 'conversation.rated',
  /** A verified identity arrived after the chat began: the conversation now belongs to a known customer. */
  customerLinked: 'conversation.customer_linked',
  messageCreated: 'conversation.message_created',
  /** An agent's text in a conversation whose channel adapter delivers it (email, SMS); internal. */
  outboundMessage: 'conversation.outbound_message',
  /** One side read up to a seq (read receipts). */
  read: 'conversation.read',
  consultJoined: 'conversation.consult_joined',
  consultLeft: 'conversation.consult_left',
} as const;

export interface ConversationStepPayload {
  conversationId: string;
  channel: string;
  queueId: string | null;
  agentId: string | null;
  customerId: string | null;
  at: string;
  /** Seconds since the conversation entered its queue (wait time when answered or abandoned). */
  waitSeconds: number | null;
}

export interface MessageCreatedPayload {
  conversationId: string;
  messageId: string;
  seq: number;
  authorType: 'customer' | 'agent' | 'system' | 'bot';
  kind: 'text' | 'attachment' | 'note' | 'event';
  /** Notes never reach the customer's stream. */
  internal: boolean;
  /**
   * The message itself (masked, as stored), so that live clients need not read it back: the desk
   * merges it into the open thread, the widget's socket forwards it. Absent on older events and
   * on messages written by other paths; readers then fetch it by id.
   */
  message?: Message;
}

export interface OutboundMessagePayload {
  conversationId: string;
  messageId: string;
  channel: string;
}

export interface ReadPayload {
  conversationId: string;
  /** Who read: the agent (assignee) or the customer. */
  side: 'agent' | 'customer';
  seq: number;
}

/** A consultant joined (invited) or left (themselves, or because the conversation closed). */
export interface ConsultPayload {
  conversationId: string;
  userId: string;
  /** The assignee, who keeps ownership. */
  assigneeId: string | null;
  byUserId: string | null;
  reason?: 'left' | 'closed';
}
