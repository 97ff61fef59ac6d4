import './analytics.messages.ts';

export { applyFactEvent, FACT_EVENT_TYPES, registerAnalyticsListeners } from './analytics.facts.ts';
export {
  DEFAULT_HISTORY,
  type HistoryOptions,
  parseHistoryPeriod,
  simulateHistory,
} from './analytics.history.ts';
export * as kpi from './analytics.kpi.ts';
export { analyticsRoutes } from './analytics.routes.ts';
export { contactFacts, handleSegments } from './analytics.schema.ts';
export {
  type AnalyticsOptions,
  type AnalyticsService,
  createAnalyticsService,
  DEFAULT_ANALYTICS_OPTIONS,
} from './analytics.service.ts';
