import { type SQL, sql } from 'drizzle-orm';
import type { Audit } from '../../platform/audit.ts';
import { type Clock, isValidTimeZone } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, translateUniqueViolation } from '../../platform/errors.ts';
import type { Ids } from '../../platform/ids.ts';
import { type Actor, requirePermission } from '../../platform/rbac.ts';
import { hoursProblems, isOpen } from './routing.hours.ts';
import type { Holiday, WeeklyHours } from './routing.schema.ts';

export interface CalendarInput {
  name: string;
  timeZone: string;
  weekly: WeeklyHours;
  holidays?: Holiday[];
}

/** One thing wrong with a calendar, named by the field a form shows it beside. */
export interface CalendarProblem {
  /** `timeZone`, `weekly.<0–6>` or `holidays.<index>`. */
  field: string;
  problem: string;
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Ranges of one day that overlap another (valid ranges only; invalid ones are reported apart). */
function overlaps(ranges: Array<[string, string]>): string[] {
  const sorted = [...ranges].sort((a, b) => toMinutes(a[0]) - toMinutes(b[0]));
  const problems: string[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const [prev, next] = [sorted[i - 1] as [string, string], sorted[i] as [string, string]];
    if (toMinutes(next[0]) < toMinutes(prev[1]))
      problems.push(`${prev[0]}–${prev[1]} overlaps ${next[0]}–${next[1]}`);
  }
  return problems;
}

/** A real calendar day: `2026-02-30` parses in JavaScript (as 2 March) but is not one. */
const isCalendarDate = (date: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(date) && new Date(`${date}T00:00:00Z`).toISOString().startsWith(date);

/**
 * Everything wrong with a calendar's time zone, hours and holidays, field by field (empty = valid).
 * Builds on `hoursProblems` one day and one holiday at a time, so each problem knows its row.
 */
export function calendarProblems(input: Partial<CalendarInput>): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  if (input.timeZone !== undefined && !isValidTimeZone(input.timeZone))
    problems.push({ field: 'timeZone', problem: `time zone ${input.timeZone}` });
  for (const [day, ranges = []] of Object.entries(input.weekly ?? {})) {
    const found = hoursProblems({ [day]: ranges } as WeeklyHours, []);
    for (const problem of found.length ? found : overlaps(ranges).map((o) => `day ${day}: ${o}`))
      problems.push({ field: `weekly.${day}`, problem });
  }
  const seen = new Set<string>();
  for (const [index, holiday] of (input.holidays ?? []).entries()) {
    const field = `holidays.${index}`;
    const found = hoursProblems({}, [holiday]);
    if (!found.length && !isCalendarDate(holiday.date)) found.push(`holiday ${holiday.date}`);
    if (!found.length)
      found.push(...overlaps(holiday.hours ?? []).map((o) => `holiday ${holiday.date}: ${o}`));
    if (seen.has(holiday.date)) found.push(`holiday ${holiday.date} twice`);
    seen.add(holiday.date);
    for (const problem of found) problems.push({ field, problem });
  }
  return problems;
}

interface CalendarRow {
  id: string;
  code: string;
  name: string;
  time_zone: string;
  weekly: WeeklyHours;
  holidays: Holiday[];
  queue_ids: string[] | null;
}

/**
 * Business hours and holidays that queues follow. Read with `staff.read`, changed with
 * `staff.manage` (like queues), every change audited in its own transaction.
 */
export function createRoutingCalendars(deps: { db: Db; ids: Ids; clock: Clock; audit: Audit }) {
  const { db, ids, clock, audit } = deps;

  const view = (r: CalendarRow) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    timeZone: r.time_zone,
    weekly: r.weekly,
    holidays: r.holidays,
    queueIds: r.queue_ids ?? [],
    openNow: isOpen({ timeZone: r.time_zone, weekly: r.weekly, holidays: r.holidays }, clock.now()),
  });

  const select = sql`SELECT c.*, (SELECT array_agg(q.id ORDER BY q.code) FROM routing_queues q
      WHERE q.calendar_id = c.id) AS queue_ids FROM routing_calendars c`;

  function assertValid(input: Partial<CalendarInput>): void {
    const problems = calendarProblems(input);
    if (problems.length)
      throw new AppError(
        'ROUTING_CALENDAR_INVALID',
        400,
        undefined,
        { problems: problems.map((p) => p.problem).join('; ') },
        { problems },
      );
  }

  async function listCalendars(actor: Actor) {
    requirePermission(actor, 'staff.read');
    const result = await db.execute(sql`${select} ORDER BY c.code`);
    return (result.rows as unknown as CalendarRow[]).map(view);
  }

  async function getCalendar(actor: Actor | null, id: string) {
    if (actor) requirePermission(actor, 'staff.read');
    const result = await db.execute(sql`${select} WHERE c.id = ${id}`);
    const row = result.rows[0] as unknown as CalendarRow | undefined;
    if (!row) throw new AppError('ROUTING_CALENDAR_NOT_FOUND', 404);
    return view(row);
  }

  /** Whether the calendar's queues are open at `at` (default: now). */
  async function calendarStatus(actor: Actor, id: string, at?: Date) {
    const calendar = await getCalendar(actor, id);
    const when = at ?? clock.now();
    return { open: isOpen(calendar, when), at: when.toISOString() };
  }

  /** Creates a calendar; `actor` null is the system (seed), otherwise `staff.manage` and audited. */
  async function createCalendar(actor: Actor | null, input: CalendarInput & { code: string }) {
    if (actor) requirePermission(actor, 'staff.manage');
    assertValid(input);
    const id = ids.uuid();
    await db
      .transaction(async (tx) => {
        await tx.execute(sql`INSERT INTO routing_calendars (id, code, name, time_zone, weekly, holidays)
          VALUES (${id}, ${input.code}, ${input.name}, ${input.timeZone}, ${JSON.stringify(input.weekly)}::jsonb,
            ${JSON.stringify(input.holidays ?? [])}::jsonb)`);
        await audit.record(tx, {
          actorId: actor?.userId ?? null,
          actorName: actor?.username ?? 'system',
          action: 'routing.calendar_created',
          targetType: 'calendar',
          targetId: id,
          ip: actor?.ip ?? null,
          details: { code: input.code, timeZone: input.timeZone },
        });
      })
      .catch((error) =>
        translateUniqueViolation(error, { routing_calendars_code_key: 'ROUTING_CALENDAR_CODE_TAKEN' }),
      );
    return getCalendar(null, id);
  }

  async function updateCalendar(actor: Actor, id: string, input: Partial<CalendarInput>) {
    requirePermission(actor, 'staff.manage');
    assertValid(input);
    const sets: SQL[] = [];
    if (input.name !== undefined) sets.push(sql`name = ${input.name}`);
    if (input.timeZone !== undefined) sets.push(sql`time_zone = ${input.timeZone}`);
    if (input.weekly !== undefined) sets.push(sql`weekly = ${JSON.stringify(input.weekly)}::jsonb`);
    if (input.holidays !== undefined) sets.push(sql`holidays = ${JSON.stringify(input.holidays)}::jsonb`);
    if (sets.length === 0) return getCalendar(actor, id);
    await db.transaction(async (tx) => {
      const result = await tx.execute(
        sql`UPDATE routing_calendars SET ${sql.join(sets, sql`, `)} WHERE id = ${id} RETURNING id`,
      );
      if (result.rows.length === 0) throw new AppError('ROUTING_CALENDAR_NOT_FOUND', 404);
      await audit.record(tx, {
        actorId: actor.userId,
        actorName: actor.username,
        action: 'routing.calendar_updated',
        targetType: 'calendar',
        targetId: id,
        ip: actor.ip,
        details: { changed: Object.keys(input) },
      });
    });
    return getCalendar(null, id);
  }

  /** Deletes business hours no queue follows; a calendar in use is refused (queues keep their hours). */
  async function deleteCalendar(actor: Actor, id: string): Promise<void> {
    requirePermission(actor, 'staff.manage');
    await db.transaction(async (tx) => {
      const found = await tx.execute(sql`SELECT code FROM routing_calendars WHERE id = ${id} FOR UPDATE`);
      const row = found.rows[0] as { code: string } | undefined;
      if (!row) throw new AppError('ROUTING_CALENDAR_NOT_FOUND', 404);
      // Lock the queues that follow it, so none starts following it while it goes.
      const users = await tx.execute(
        sql`SELECT code FROM routing_queues WHERE calendar_id = ${id} ORDER BY code FOR UPDATE`,
      );
      if (users.rows.length > 0) {
        const queues = (users.rows as { code: string }[]).map((q) => q.code).join(', ');
        throw new AppError('ROUTING_CALENDAR_IN_USE', 409, undefined, { queues });
      }
      await tx.execute(sql`DELETE FROM routing_calendars WHERE id = ${id}`);
      await audit.record(tx, {
        actorId: actor.userId,
        actorName: actor.username,
        action: 'routing.calendar_deleted',
        targetType: 'calendar',
        targetId: id,
        ip: actor.ip,
        details: { code: row.code },
      });
    });
  }

  return { listCalendars, getCalendar, calendarStatus, createCalendar, updateCalendar, deleteCalendar };
}

export type RoutingCalendars = ReturnType<typeof createRoutingCalendars>;
