import './analytics.messages.ts';

export { createMorningBrief, type MorningBrief } from './analytics.brief.ts';
export {
  applyBranchFeedbackEvent,
  applyCaseEvent,
  applyTicketEvent,
  CASE_FACT_EVENT_TYPES,
  TICKET_FACT_EVENT_TYPES,
} from './analytics.case-facts.ts';
export { applyFactEvent, FACT_EVENT_TYPES, registerAnalyticsListeners } from './analytics.facts.ts';
export {
  DEFAULT_HISTORY,
  type HistoryOptions,
  parseHistoryPeriod,
  simulateHistory,
} from './analytics.history.ts';
export * as kpi from './analytics.kpi.ts';
export { LOBBY_BOARD_READER } from './analytics.outcomes.ts';
export { analyticsRoutes } from './analytics.routes.ts';
export { createReportSchedules, type ReportSchedules } from './analytics.schedules.ts';
export {
  branchFeedbackFacts,
  caseFacts,
  contactFacts,
  handleSegments,
  ticketFacts,
} from './analytics.schema.ts';
export {
  type AnalyticsOptions,
  type AnalyticsService,
  createAnalyticsService,
  DEFAULT_ANALYTICS_OPTIONS,
} from './analytics.service.ts';
export { type BusinessUnits, createBusinessUnits } from './analytics.units.ts';
