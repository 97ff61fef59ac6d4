import { ErrorEnvelope } from '#contracts/common.ts';
import { ErlangQuery, ErlangReport } from '#contracts/workforce.ts';
import type { App } from '../../platform/http.ts';
import { type Actor, hasPermission, requirePermission } from '../../platform/rbac.ts';
import { planStaffing } from './erlang.ts';

const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope, 422: ErrorEnvelope };

/** Staffing is planned by workforce planners and by supervisors sizing their own queues. */
function requirePlanner(actor: Actor | null): void {
  if (hasPermission(actor, 'supervisor.view')) return;
  requirePermission(actor, 'workforce.plan');
}

/** Workforce planning: the Erlang C / Erlang A calculator (read-only, no database). */
export function workforceRoutes() {
  return async (app: App) => {
    app.get(
      '/workforce/erlang',
      {
        schema: {
          tags: ['workforce'],
          summary: 'Service level, ASA, abandonment and required agents for one queue (Erlang C or A)',
          querystring: ErlangQuery,
          response: { 200: ErlangReport, ...errors },
        },
        // Before validation, so that callers without the permission learn nothing about the query.
        preValidation: async (request) => requirePlanner(request.actor),
      },
      async (request) => planStaffing(request.query),
    );
  };
}
