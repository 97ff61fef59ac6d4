/** The branch lobby module's public surface: other modules import only from here. */
export { baselineWait, estimateWait, formatTicketNumber, localDate, nextEwma } from './branch.estimate.ts';
export { BRANCH_EVENTS, isBranchEvent } from './branch.events.ts';
export { branchRealtimeRoutes } from './branch.realtime.ts';
export { branchRoutes } from './branch.routes.ts';
export {
  BRANCH_CALENDAR_READER,
  type BranchCalendars,
  type BranchService,
  createBranchService,
  type Device,
  hashDeviceToken,
  PRIORITY,
  type TicketView,
} from './branch.service.ts';
