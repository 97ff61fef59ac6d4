import './workforce.messages.ts';

export type {
  ErlangAInput,
  ErlangCInput,
  ErlangResult,
  RequiredAgentsInput,
  StaffingQuery,
  StaffingReport,
} from './erlang.ts';
export { erlangA, erlangB, erlangC, offeredLoad, planStaffing, requiredAgents } from './erlang.ts';
export { erlangCommand } from './workforce.cli.ts';
export { workforceRoutes } from './workforce.routes.ts';
