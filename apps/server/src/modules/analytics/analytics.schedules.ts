import { sql } from 'drizzle-orm';
import type { ContactReport, ReportQuery } from '#contracts/analytics.ts';
import type {
  CreateReportSchedule,
  ReportPeriod,
  ReportRun,
  ReportSchedule,
  ScheduleFilters,
} from '#contracts/analytics-schedules.ts';
import type { Audit } from '../../platform/audit.ts';
import { type Clock, isValidTimeZone, startOfLocalDay } from '../../platform/clock.ts';
import type { Db, DbOrTx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { Locale } from '../../platform/i18n.ts';
import type { Ids } from '../../platform/ids.ts';
import { type Actor, permissionsOf, requirePermission, serviceActor } from '../../platform/rbac.ts';
import { isEmailAddress } from '../notifications/index.ts';
import { pdfLabels, renderReportPdf } from './analytics.pdf.ts';

/** The local hour a scheduled report is sent, the day after its period ends. */
const SEND_HOUR = 6;
const DAY_MS = 86_400_000;
const LAST_RUNS = 5;

/** What the schedules need from notifications: queue one composed email in the caller's transaction. */
export interface ReportMailer {
  queueEmail(
    tx: DbOrTx,
    input: {
      conversationId: null;
      customerId: null;
      templateKey: string;
      to: string;
      locale: Locale;
      email: {
        subject: string;
        text: string;
        attachments: Array<{ filename: string; contentType: string; contentBase64: string }>;
      };
      messageId: string;
      idempotencyKey: string;
    },
  ): Promise<unknown>;
  newMessageId(): string;
}

/** The local calendar date (y, m, d, ISO weekday) of an instant in a zone. */
function localDate(at: Date, timeZone: string): { y: number; m: number; d: number; weekday: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    weekday: 'short',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')) + 1;
  return { y: Number(get('year')), m: Number(get('month')), d: Number(get('day')), weekday };
}

/** Local midnight of a calendar date in a zone (noon UTC of that date lies within it in every zone). */
const midnightOf = (y: number, m: number, d: number, timeZone: string) =>
  startOfLocalDay(new Date(Date.UTC(y, m - 1, d, 12)), timeZone);

/**
 * The last complete period before `at`: yesterday, last ISO week (Monday to Monday), last calendar
 * month; [from, to) in the schedule's zone.
 */
export function lastPeriod(period: ReportPeriod, at: Date, timeZone: string): { from: Date; to: Date } {
  const today = localDate(at, timeZone);
  const todayStart = midnightOf(today.y, today.m, today.d, timeZone);
  if (period === 'daily') {
    const y = localDate(new Date(todayStart.getTime() - DAY_MS / 2), timeZone);
    return { from: midnightOf(y.y, y.m, y.d, timeZone), to: todayStart };
  }
  if (period === 'weekly') {
    const monday = new Date(Date.UTC(today.y, today.m - 1, today.d - (today.weekday - 1), 12));
    const to = midnightOf(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate(), timeZone);
    const before = new Date(Date.UTC(today.y, today.m - 1, today.d - (today.weekday - 1) - 7, 12));
    return {
      from: midnightOf(before.getUTCFullYear(), before.getUTCMonth() + 1, before.getUTCDate(), timeZone),
      to,
    };
  }
  const first = new Date(Date.UTC(today.y, today.m - 2, 1, 12));
  return {
    from: midnightOf(first.getUTCFullYear(), first.getUTCMonth() + 1, 1, timeZone),
    to: midnightOf(today.y, today.m, 1, timeZone),
  };
}

/** The next send time after `at`: local 06:00 of the next day / Monday / first of the month. */
export function nextRunAfter(period: ReportPeriod, at: Date, timeZone: string): Date {
  const today = localDate(at, timeZone);
  const candidates: Date[] = [];
  for (let i = 0; i <= 32; i++) {
    const day = new Date(Date.UTC(today.y, today.m - 1, today.d + i, 12));
    const date = { y: day.getUTCFullYear(), m: day.getUTCMonth() + 1, d: day.getUTCDate() };
    const weekday = localDate(midnightOf(date.y, date.m, date.d, timeZone), timeZone).weekday;
    const fits = period === 'daily' || (period === 'weekly' ? weekday === 1 : date.d === 1);
    if (!fits) continue;
    candidates.push(new Date(midnightOf(date.y, date.m, date.d, timeZone).getTime() + SEND_HOUR * 3_600_000));
  }
  const next = candidates.find((c) => c.getTime() > at.getTime());
  if (!next) throw new Error('no next run within 32 days');
  return next;
}

interface ScheduleRow {
  id: string;
  name: string;
  filters: ScheduleFilters;
  period: ReportPeriod;
  recipients: string[];
  language: Locale;
  time_zone: string;
  owner_id: string;
  team_id: string | null;
  next_run_at: string | Date;
  created_at: string | Date;
}

interface RunRow {
  id: string;
  schedule_id: string;
  trigger: ReportRun['trigger'];
  status: ReportRun['status'];
  period_from: string | Date;
  period_to: string | Date;
  recipients: number;
  pdf_bytes: number | null;
  error: string | null;
  created_at: string | Date;
}

const iso = (v: string | Date) => new Date(v).toISOString();
const toRun = (r: RunRow): ReportRun => ({
  id: r.id,
  scheduleId: r.schedule_id,
  trigger: r.trigger,
  status: r.status,
  periodFrom: iso(r.period_from),
  periodTo: iso(r.period_to),
  recipients: Number(r.recipients),
  pdfBytes: r.pdf_bytes === null ? null : Number(r.pdf_bytes),
  error: r.error,
  createdAt: iso(r.created_at),
});

/**
 * The schedule's report runs as the system with the reach of the person who saved it: a team
 * supervisor's schedule is bound to one of their teams (checked when saved), so it never shows more.
 */
export const SCHEDULE_READER: Actor = serviceActor({
  username: 'system.reports',
  displayName: 'Scheduled reports',
  roles: ['quality_analyst'],
  permissions: new Map([...permissionsOf(['quality_analyst'])]),
});

export function createReportSchedules(deps: {
  db: Db;
  clock: Clock;
  ids: Ids;
  audit: Audit;
  contactReport: (actor: Actor | null, q: ReportQuery) => Promise<ContactReport>;
  mailer: ReportMailer;
}) {
  const { db, clock, ids, audit, mailer } = deps;

  /** Team scope: the actor's own schedules and their teams'; `all`: every schedule. */
  function reachOf(actor: Actor | null) {
    const scope = requirePermission(actor, 'reports.view');
    const a = actor as Actor;
    if (scope === 'all') return sql`true`;
    const teams = a.teamIds.length ? sql`team_id = ANY(${`{${a.teamIds.join(',')}}`}::uuid[])` : sql`false`;
    return sql`(owner_id = ${a.userId} OR ${teams})`;
  }

  async function runsOf(scheduleIds: string[]): Promise<Map<string, ReportRun[]>> {
    const byId = new Map<string, ReportRun[]>();
    if (scheduleIds.length === 0) return byId;
    const result = await db.execute(sql`SELECT * FROM (
        SELECT r.*, row_number() OVER (PARTITION BY schedule_id ORDER BY created_at DESC, id DESC) AS n
          FROM analytics_report_runs r WHERE schedule_id = ANY(${`{${scheduleIds.join(',')}}`}::uuid[])) x
      WHERE n <= ${LAST_RUNS} ORDER BY created_at DESC, id DESC`);
    for (const r of result.rows as unknown as RunRow[]) {
      const list = byId.get(r.schedule_id) ?? [];
      list.push(toRun(r));
      byId.set(r.schedule_id, list);
    }
    return byId;
  }

  const toSchedule = (r: ScheduleRow, runs: ReportRun[]): ReportSchedule => ({
    id: r.id,
    name: r.name,
    filters: r.filters,
    period: r.period,
    recipients: r.recipients,
    language: r.language,
    timeZone: r.time_zone,
    ownerId: r.owner_id,
    teamId: r.team_id,
    nextRunAt: iso(r.next_run_at),
    createdAt: iso(r.created_at),
    lastRuns: runs,
  });

  async function listSchedules(actor: Actor | null): Promise<ReportSchedule[]> {
    const where = reachOf(actor);
    const result = await db.execute(
      sql`SELECT * FROM analytics_report_schedules WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT 200`,
    );
    const rows = result.rows as unknown as ScheduleRow[];
    const runs = await runsOf(rows.map((r) => r.id));
    return rows.map((r) => toSchedule(r, runs.get(r.id) ?? []));
  }

  async function getSchedule(actor: Actor | null, id: string): Promise<ReportSchedule> {
    const where = reachOf(actor);
    const result = await db.execute(
      sql`SELECT * FROM analytics_report_schedules WHERE id = ${id} AND ${where}`,
    );
    const row = result.rows[0] as unknown as ScheduleRow | undefined;
    if (!row) throw new AppError('ANALYTICS_SCHEDULE_NOT_FOUND', 404);
    return toSchedule(row, (await runsOf([id])).get(id) ?? []);
  }

  async function createSchedule(actor: Actor | null, input: CreateReportSchedule): Promise<ReportSchedule> {
    const scope = requirePermission(actor, 'reports.view');
    const a = actor as Actor;
    const timeZone = input.timeZone ?? 'UTC';
    if (!isValidTimeZone(timeZone))
      throw new AppError('STAFF_INVALID_TIME_ZONE', 400, undefined, { timeZone });
    const recipients = [...new Set(input.recipients.map((r) => r.trim().toLowerCase()))];
    const invalid = recipients.find((r) => !isEmailAddress(r));
    if (invalid !== undefined)
      throw new AppError('ANALYTICS_INVALID_RECIPIENT', 400, undefined, { address: invalid.slice(0, 80) });
    // A team supervisor's schedule must name one of their teams: that is its reach when it runs.
    if (scope !== 'all' && (!input.filters.teamId || !a.teamIds.includes(input.filters.teamId)))
      throw new AppError('ANALYTICS_SCHEDULE_TEAM_REQUIRED', 403);
    // The filters must make a valid report for the person saving it (same checks as the screen).
    const probe = lastPeriod(input.period, clock.now(), timeZone);
    await deps.contactReport(a, {
      ...input.filters,
      from: probe.from.toISOString(),
      to: probe.to.toISOString(),
      timeZone,
    });
    const id = ids.uuid();
    const now = clock.now();
    await db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO analytics_report_schedules
          (id, name, filters, period, recipients, language, time_zone, owner_id, team_id, next_run_at, created_at)
        VALUES (${id}, ${input.name.trim()}, ${JSON.stringify(input.filters)}::jsonb, ${input.period},
          ${`{${recipients.map((r) => `"${r}"`).join(',')}}`}::text[], ${input.language}, ${timeZone}, ${a.userId},
          ${input.filters.teamId ?? null}, ${nextRunAfter(input.period, now, timeZone)}, ${now})`);
      await audit.record(tx, {
        actorId: a.userId,
        actorName: a.username,
        action: 'analytics.schedule_created',
        targetType: 'report_schedule',
        targetId: id,
        details: { period: input.period, recipients: recipients.length },
      });
    });
    return getSchedule(a, id);
  }

  async function deleteSchedule(actor: Actor | null, id: string): Promise<void> {
    const schedule = await getSchedule(actor, id);
    await db.transaction(async (tx) => {
      await tx.execute(sql`DELETE FROM analytics_report_schedules WHERE id = ${schedule.id}`);
      await audit.record(tx, {
        actorId: (actor as Actor).userId,
        actorName: (actor as Actor).username,
        action: 'analytics.schedule_deleted',
        targetType: 'report_schedule',
        targetId: id,
        details: {},
      });
    });
  }

  /** Human-readable filters for the PDF: names of the queue, team, reason and agent. */
  async function describeFilters(f: ScheduleFilters, locale: Locale): Promise<string[]> {
    const out: string[] = [];
    const name = async (query: ReturnType<typeof sql>) =>
      ((await db.execute(query)).rows[0] as { name?: string } | undefined)?.name ?? '?';
    if (f.channel) out.push(f.channel);
    if (f.queueId) out.push(await name(sql`SELECT name FROM routing_queues WHERE id = ${f.queueId}`));
    if (f.teamId) out.push(await name(sql`SELECT name FROM teams WHERE id = ${f.teamId}`));
    if (f.agentId) out.push(await name(sql`SELECT display_name AS name FROM users WHERE id = ${f.agentId}`));
    if (f.reasonId)
      out.push(
        await name(
          sql`SELECT coalesce(names->>${locale}, names->>'en', code) AS name FROM contact_reasons WHERE id = ${f.reasonId}`,
        ),
      );
    if (f.segment) out.push(f.segment);
    return out;
  }

  /**
   * Renders the schedule's last period and queues the PDF to every recipient, in one transaction
   * with its run row; a failure to render leaves a `failed` run and queues nothing.
   */
  async function runSchedule(
    tx: DbOrTx,
    row: ScheduleRow,
    trigger: ReportRun['trigger'],
  ): Promise<ReportRun> {
    const now = clock.now();
    const { from, to } = lastPeriod(row.period, now, row.time_zone);
    const runId = ids.uuid();
    const record = async (status: ReportRun['status'], pdfBytes: number | null, error: string | null) => {
      const inserted = await tx.execute(sql`INSERT INTO analytics_report_runs
          (id, schedule_id, trigger, status, period_from, period_to, recipients, pdf_bytes, error, created_at)
        VALUES (${runId}, ${row.id}, ${trigger}, ${status}, ${from}, ${to}, ${status === 'queued' ? row.recipients.length : 0},
          ${pdfBytes}, ${error}, ${now}) RETURNING *`);
      return toRun(inserted.rows[0] as unknown as RunRow);
    };
    let pdf: Uint8Array;
    const locale = row.language;
    try {
      const report = await deps.contactReport(SCHEDULE_READER, {
        ...row.filters,
        from: from.toISOString(),
        to: to.toISOString(),
        timeZone: row.time_zone,
      });
      pdf = await renderReportPdf({
        title: row.name,
        report,
        filters: await describeFilters(row.filters, locale),
        locale,
        generatedAt: now,
      });
    } catch (error) {
      return record('failed', null, error instanceof AppError ? error.code : 'ANALYTICS_REPORT_FAILED');
    }
    const l = pdfLabels(locale);
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const lastDay = new Date(to.getTime() - 1);
    const filename = `${row.name.replace(/[^\p{L}\p{N}._-]+/gu, '-').slice(0, 60)}-${day(from)}.pdf`;
    const contentBase64 = Buffer.from(pdf).toString('base64');
    for (const to of row.recipients) {
      await mailer.queueEmail(tx, {
        conversationId: null,
        customerId: null,
        templateKey: 'scheduled_report',
        to,
        locale,
        email: {
          subject: `${row.name} · ${day(from)} – ${day(lastDay)}`,
          text: `${row.name}\n${l.period}: ${day(from)} – ${day(lastDay)} (${row.time_zone})\n\nBanyan`,
          attachments: [{ filename, contentType: 'application/pdf', contentBase64 }],
        },
        messageId: mailer.newMessageId(),
        idempotencyKey: `report:${runId}:${to}`,
      });
    }
    return record('queued', pdf.byteLength, null);
  }

  /** "Send now": renders the last complete period at once; does not move the schedule. */
  async function sendNow(actor: Actor | null, id: string): Promise<ReportRun> {
    const schedule = await getSchedule(actor, id);
    return db.transaction(async (tx) => {
      const row = (await tx.execute(sql`SELECT * FROM analytics_report_schedules WHERE id = ${schedule.id}`))
        .rows[0] as unknown as ScheduleRow;
      const run = await runSchedule(tx, row, 'manual');
      await audit.record(tx, {
        actorId: (actor as Actor).userId,
        actorName: (actor as Actor).username,
        action: 'analytics.schedule_sent',
        targetType: 'report_schedule',
        targetId: id,
        details: { runId: run.id, status: run.status },
      });
      return run;
    });
  }

  /**
   * The job: every schedule whose time has come runs once and moves to its next time; rows are
   * claimed under SKIP LOCKED so two processes never send the same report twice.
   */
  async function runDue(limit = 20): Promise<number> {
    let done = 0;
    for (; done < limit; done++) {
      const ran = await db.transaction(async (tx) => {
        const due = await tx.execute(sql`SELECT * FROM analytics_report_schedules
          WHERE next_run_at <= ${clock.now()} ORDER BY next_run_at LIMIT 1 FOR UPDATE SKIP LOCKED`);
        const row = due.rows[0] as unknown as ScheduleRow | undefined;
        if (!row) return false;
        await runSchedule(tx, row, 'schedule');
        await tx.execute(sql`UPDATE analytics_report_schedules
          SET next_run_at = ${nextRunAfter(row.period, clock.now(), row.time_zone)} WHERE id = ${row.id}`);
        return true;
      });
      if (!ran) break;
    }
    return done;
  }

  return { listSchedules, getSchedule, createSchedule, deleteSchedule, sendNow, runDue };
}

export type ReportSchedules = ReturnType<typeof createReportSchedules>;
