import { Type } from 'typebox';
import {
  AgentScorecards,
  ContactDrill,
  ContactDrillQuery,
  ContactReport,
  ExportQuery,
  HotTopics,
  HotTopicsQuery,
  ReportQuery,
  Wallboard,
  WallboardQuery,
} from '#contracts/analytics.ts';
import {
  BranchReport,
  BranchReportQuery,
  BranchWallboard,
  CaseReport,
  CaseReportQuery,
} from '#contracts/analytics-outcomes.ts';
import {
  BusinessUnit,
  BusinessUnitList,
  CreateBusinessUnit,
  CreateReportSchedule,
  ReportRun,
  ReportSchedule,
  ReportScheduleList,
} from '#contracts/analytics-schedules.ts';
import { ErrorResponses, IdParams } from '#contracts/common.ts';
import type { createAudit } from '../../platform/audit.ts';
import type { App } from '../../platform/http.ts';
import { reportToCsv, reportToXlsx } from './analytics.export.ts';
import type { ReportSchedules } from './analytics.schedules.ts';
import type { AnalyticsService } from './analytics.service.ts';
import type { BusinessUnits } from './analytics.units.ts';

const errors = ErrorResponses;

/** Reports, the contacts behind them, scorecards, exports and the wallboard. */
export function analyticsRoutes(deps: {
  analytics: AnalyticsService;
  audit: ReturnType<typeof createAudit>;
  schedules: ReportSchedules;
  units: BusinessUnits;
}) {
  const { analytics, audit, schedules, units } = deps;
  return async (app: App) => {
    app.get(
      '/analytics/business-units',
      { schema: { tags: ['analytics'], response: { 200: BusinessUnitList, ...errors } } },
      async (request) => ({ items: await units.listUnits(request.actor) }),
    );
    app.post(
      '/analytics/business-units',
      {
        schema: { tags: ['analytics'], body: CreateBusinessUnit, response: { 201: BusinessUnit, ...errors } },
      },
      async (request, reply) => reply.code(201).send(await units.createUnit(request.actor, request.body)),
    );
    app.delete(
      '/analytics/business-units/:id',
      { schema: { tags: ['analytics'], params: IdParams, response: { 204: Type.Null(), ...errors } } },
      async (request, reply) => {
        await units.deleteUnit(request.actor, request.params.id);
        return reply.code(204).send(null);
      },
    );
    app.get(
      '/analytics/schedules',
      { schema: { tags: ['analytics'], response: { 200: ReportScheduleList, ...errors } } },
      async (request) => ({ items: await schedules.listSchedules(request.actor) }),
    );
    app.post(
      '/analytics/schedules',
      {
        schema: {
          tags: ['analytics'],
          body: CreateReportSchedule,
          response: { 201: ReportSchedule, ...errors },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await schedules.createSchedule(request.actor, request.body)),
    );
    app.get(
      '/analytics/schedules/:id',
      { schema: { tags: ['analytics'], params: IdParams, response: { 200: ReportSchedule, ...errors } } },
      async (request) => schedules.getSchedule(request.actor, request.params.id),
    );
    app.delete(
      '/analytics/schedules/:id',
      { schema: { tags: ['analytics'], params: IdParams, response: { 204: Type.Null(), ...errors } } },
      async (request, reply) => {
        await schedules.deleteSchedule(request.actor, request.params.id);
        return reply.code(204).send(null);
      },
    );
    app.post(
      '/analytics/schedules/:id/send',
      { schema: { tags: ['analytics'], params: IdParams, response: { 201: ReportRun, ...errors } } },
      async (request, reply) =>
        reply.code(201).send(await schedules.sendNow(request.actor, request.params.id)),
    );
    app.get(
      '/analytics/queues',
      {
        schema: {
          tags: ['analytics'],
          response: {
            200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })) }),
            ...errors,
          },
        },
      },
      async (request) => ({ items: await analytics.queueOptions(request.actor) }),
    );
    app.get(
      '/analytics/wallboard',
      {
        schema: { tags: ['analytics'], querystring: WallboardQuery, response: { 200: Wallboard, ...errors } },
      },
      async (request) => analytics.wallboard(request.actor, request.query.timeZone),
    );
    app.get(
      '/analytics/reports/contacts',
      {
        schema: {
          tags: ['analytics'],
          querystring: ReportQuery,
          response: { 200: ContactReport, ...errors },
        },
      },
      async (request) => analytics.contactReport(request.actor, request.query),
    );
    app.get(
      '/analytics/reports/contacts/list',
      {
        schema: {
          tags: ['analytics'],
          querystring: ContactDrillQuery,
          response: { 200: ContactDrill, ...errors },
        },
      },
      async (request) => analytics.drillContacts(request.actor, request.query),
    );
    app.get(
      '/analytics/reports/agents',
      {
        schema: {
          tags: ['analytics'],
          querystring: ReportQuery,
          response: { 200: AgentScorecards, ...errors },
        },
      },
      async (request) => analytics.agentScorecards(request.actor, request.query),
    );
    app.get(
      '/analytics/reports/cases',
      {
        schema: {
          tags: ['analytics'],
          querystring: CaseReportQuery,
          response: { 200: CaseReport, ...errors },
        },
      },
      async (request) => analytics.caseReport(request.actor, request.query),
    );
    app.get(
      '/analytics/reports/branches',
      {
        schema: {
          tags: ['analytics'],
          querystring: BranchReportQuery,
          response: { 200: BranchReport, ...errors },
        },
      },
      async (request) => analytics.branchReport(request.actor, request.query),
    );
    app.get(
      '/analytics/wallboard/branches',
      {
        schema: {
          tags: ['analytics'],
          querystring: WallboardQuery,
          response: { 200: BranchWallboard, ...errors },
        },
      },
      async (request) => analytics.branchWallboard(request.actor, request.query.timeZone),
    );
    app.get(
      '/analytics/hot-topics',
      {
        schema: { tags: ['analytics'], querystring: HotTopicsQuery, response: { 200: HotTopics, ...errors } },
      },
      async (request) => analytics.hotTopics(request.actor, request.query),
    );
    app.get(
      '/analytics/reports/contacts/export',
      { schema: { tags: ['analytics'], querystring: ExportQuery } },
      async (request, reply) => {
        const { format, ...query } = request.query;
        const report = await analytics.contactReport(request.actor, query);
        // Exports leave the system: who took which figures, and when.
        await audit.recordAlone({
          actorId: request.actor?.userId ?? null,
          actorName: request.actor?.username ?? null,
          action: 'analytics.exported',
          ip: request.ip,
          details: { format, filters: query },
        });
        const name = `banyan-contacts-${report.from.slice(0, 10)}-${report.to.slice(0, 10)}`;
        if (format === 'csv') {
          reply.header('content-type', 'text/csv; charset=utf-8');
          reply.header('content-disposition', `attachment; filename="${name}.csv"`);
          return reply.send(`\uFEFF${reportToCsv(report)}`);
        }
        const filters = Object.fromEntries(
          Object.entries(query).filter(([k]) => !['from', 'to', 'timeZone', 'granularity'].includes(k)),
        ) as Record<string, string>;
        reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        reply.header('content-disposition', `attachment; filename="${name}.xlsx"`);
        return reply.send(await reportToXlsx(report, filters));
      },
    );
  };
}
