import './routing.messages.ts';

export { calendarRoutes } from './routing.calendars.routes.ts';
export { calendarProblems, createRoutingCalendars, type RoutingCalendars } from './routing.calendars.ts';
export { type AgentStatePayload, ROUTING_EVENTS, type WorkItemEventPayload } from './routing.events.ts';
export { DEFAULT_CAPACITY, registerRoutingListeners } from './routing.listeners.ts';
export { basePriority, effectivePriority, orderContacts } from './routing.order.ts';
export { createRouter } from './routing.router.ts';
export { routingRoutes } from './routing.routes.ts';
export {
  agentChannels,
  agentSkills,
  agentStates,
  type OverflowRule,
  queues,
  type RequiredSkill,
  workItems,
} from './routing.schema.ts';
export {
  type AgentState,
  AWAY_REASONS,
  createRoutingService,
  type Offer,
  type RoutingService,
} from './routing.service.ts';
