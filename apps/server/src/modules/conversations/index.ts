import './conversations.messages.ts';

export {
  ATTACHMENT_TYPES,
  type AttachmentRef,
  type AttachmentsService,
  attachmentBodyParser,
  createAttachmentsService,
  MAX_ATTACHMENT_BYTES,
  sanitizeFileName,
  sendAttachment,
  sniffContentType,
} from './conversations.attachments.ts';
export { cannedAdminRoutes } from './conversations.canned.routes.ts';
export {
  type CannedResponse,
  type CannedResponses,
  createCannedResponses,
  fillTemplate,
} from './conversations.canned.ts';
export {
  CONSULT_NOTES,
  type Consultant,
  type Consults,
  createConsults,
} from './conversations.consults.ts';
export {
  CONVERSATION_EVENTS,
  type ConsultPayload,
  type ConversationStepPayload,
  type MessageCreatedPayload,
  type OutboundMessagePayload,
  type ReadPayload,
} from './conversations.events.ts';
export { conversationLiveRoutes } from './conversations.live.routes.ts';
export {
  type ConversationLive,
  conversationStaff,
  createConversationLive,
  TYPING_TTL_MS,
} from './conversations.live.ts';
export { type ContactReason, type ContactReasons, createContactReasons } from './conversations.reasons.ts';
export { conversationsRoutes } from './conversations.routes.ts';
export {
  CONVERSATION_STATUSES,
  type ConversationStatus,
  conversations,
  messages,
} from './conversations.schema.ts';
export {
  type ConversationRow,
  type ConversationsService,
  createConversationsService,
  MAX_MESSAGE_LENGTH,
  type Message,
  type StartInput,
} from './conversations.service.ts';
export { canTransition, isAbandonment } from './conversations.state.ts';
