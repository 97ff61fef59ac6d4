/** Scheduled reports (issue #7): a saved contact report's filters, mailed as PDF on a schedule. */
import { type Static, Type } from 'typebox';
import { IsoDateTime, Nullable, Uuid } from './common.ts';

const strict = { additionalProperties: false };

export const ReportPeriod = Type.Union([
  Type.Literal('daily'),
  Type.Literal('weekly'),
  Type.Literal('monthly'),
]);
export type ReportPeriod = Static<typeof ReportPeriod>;

/** The saved report: the contact report's filters without the period (the schedule gives it). */
export const ScheduleFilters = Type.Object(
  {
    channel: Type.Optional(Type.String({ maxLength: 16 })),
    queueId: Type.Optional(Uuid),
    agentId: Type.Optional(Uuid),
    reasonId: Type.Optional(Uuid),
    teamId: Type.Optional(Uuid),
    segment: Type.Optional(Type.String({ maxLength: 32 })),
  },
  strict,
);
export type ScheduleFilters = Static<typeof ScheduleFilters>;

export const CreateReportSchedule = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    filters: ScheduleFilters,
    period: ReportPeriod,
    /** Up to 20 addresses. */
    recipients: Type.Array(Type.String({ minLength: 3, maxLength: 254 }), { minItems: 1, maxItems: 20 }),
    language: Type.Union([Type.Literal('en'), Type.Literal('zh-CN'), Type.Literal('vi')]),
    /** The zone the report's days and send time are in (default UTC). */
    timeZone: Type.Optional(Type.String({ maxLength: 64 })),
  },
  strict,
);
export type CreateReportSchedule = Static<typeof CreateReportSchedule>;

export const ReportRun = Type.Object({
  id: Uuid,
  scheduleId: Uuid,
  trigger: Type.Union([Type.Literal('schedule'), Type.Literal('manual')]),
  /** queued: the PDF is in the outbox for every recipient; failed: nothing was queued. */
  status: Type.Union([Type.Literal('queued'), Type.Literal('failed')]),
  periodFrom: IsoDateTime,
  periodTo: IsoDateTime,
  recipients: Type.Integer(),
  pdfBytes: Nullable(Type.Integer()),
  error: Nullable(Type.String()),
  createdAt: IsoDateTime,
});
export type ReportRun = Static<typeof ReportRun>;

export const ReportSchedule = Type.Object({
  id: Uuid,
  name: Type.String(),
  filters: ScheduleFilters,
  period: ReportPeriod,
  recipients: Type.Array(Type.String()),
  language: Type.String(),
  timeZone: Type.String(),
  ownerId: Uuid,
  teamId: Nullable(Uuid),
  nextRunAt: IsoDateTime,
  createdAt: IsoDateTime,
  /** The latest runs, newest first (at most 5). */
  lastRuns: Type.Array(ReportRun),
});
export type ReportSchedule = Static<typeof ReportSchedule>;

export const ReportScheduleList = Type.Object({ items: Type.Array(ReportSchedule) });
export type ReportScheduleList = Static<typeof ReportScheduleList>;

/** A business unit that receives the weekly hot-topic report for the contact reasons it follows. */
export const CreateBusinessUnit = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    email: Type.String({ minLength: 3, maxLength: 254 }),
    language: Type.Union([Type.Literal('en'), Type.Literal('zh-CN'), Type.Literal('vi')]),
    /** Contact reasons it subscribes to (their topics come first in its report). */
    reasonIds: Type.Array(Uuid, { maxItems: 100 }),
  },
  strict,
);
export type CreateBusinessUnit = Static<typeof CreateBusinessUnit>;

export const BusinessUnit = Type.Object({
  id: Uuid,
  name: Type.String(),
  email: Type.String(),
  language: Type.String(),
  reasonIds: Type.Array(Uuid),
  createdAt: IsoDateTime,
});
export type BusinessUnit = Static<typeof BusinessUnit>;

export const BusinessUnitList = Type.Object({ items: Type.Array(BusinessUnit) });
export type BusinessUnitList = Static<typeof BusinessUnitList>;
