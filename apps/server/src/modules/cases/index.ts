import './cases.messages.ts';

export * from './cases.business-time.ts';
export { CASE_EVENTS } from './cases.events.ts';
export { renderLetterPdf } from './cases.letter.ts';
export { casesRoutes } from './cases.routes.ts';
export { type CasesService, createCasesService, REGULATORY_PROFILES } from './cases.service.ts';
export { createSlaClocks, type SlaClocks } from './cases.sla.ts';
