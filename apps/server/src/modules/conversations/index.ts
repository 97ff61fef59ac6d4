import './conversations.messages.ts';

export {
  type CannedResponse,
  type CannedResponses,
  createCannedResponses,
  fillTemplate,
} from './conversations.canned.ts';
export {
  CONVERSATION_EVENTS,
  type ConversationStepPayload,
  type MessageCreatedPayload,
} from './conversations.events.ts';
export { type ContactReason, type ContactReasons, createContactReasons } from './conversations.reasons.ts';
export { conversationsRoutes } from './conversations.routes.ts';
export {
  CONVERSATION_STATUSES,
  type ConversationStatus,
  conversations,
  messages,
} from './conversations.schema.ts';
export {
  type ConversationsService,
  createConversationsService,
  MAX_MESSAGE_LENGTH,
  type Message,
  type StartInput,
} from './conversations.service.ts';
export { canTransition, isAbandonment } from './conversations.state.ts';
