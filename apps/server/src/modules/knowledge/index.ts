import './knowledge.messages.ts';

export { type ArticleEventPayload, KNOWLEDGE_EVENTS } from './knowledge.events.ts';
export { helpCenterRoutes } from './knowledge.help.ts';
export { parseImport } from './knowledge.import.ts';
export { knowledgeRoutes } from './knowledge.routes.ts';
export { createKnowledgeService, type KnowledgeService } from './knowledge.service.ts';
