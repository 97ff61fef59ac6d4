// Pure logic of the business-hours editor, kept apart from React so it is unit-tested (hours.test.ts).

export type DayKey = '0' | '1' | '2' | '3' | '4' | '5' | '6';
/** The server's shape: local "HH:MM" pairs per weekday (0 = Sunday); a missing day is closed. */
export type WeeklyHours = Partial<Record<DayKey, Array<[string, string]>>>;

export interface TimeRange {
  from: string;
  to: string;
}
export type WeekRows = Record<DayKey, TimeRange[]>;

/** Monday first, as banks in Vietnam and China print their hours. */
export const DAY_ORDER: readonly DayKey[] = ['1', '2', '3', '4', '5', '6', '0'];
const WEEKDAYS: readonly DayKey[] = ['1', '2', '3', '4', '5'];

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export function weeklyToRows(weekly: WeeklyHours): WeekRows {
  const rows = {} as WeekRows;
  for (const day of DAY_ORDER) rows[day] = (weekly[day] ?? []).map(([from, to]) => ({ from, to }));
  return rows;
}

/** The form's rows as the server wants them: closed days left out, each day's ranges in order. */
export function rowsToWeekly(rows: WeekRows): WeeklyHours {
  const weekly: WeeklyHours = {};
  for (const day of DAY_ORDER) {
    const ranges = rangesToPairs(rows[day] ?? []);
    if (ranges.length) weekly[day] = ranges;
  }
  return weekly;
}

export function rangesToPairs(ranges: readonly TimeRange[]): Array<[string, string]> {
  return [...ranges].sort((a, b) => a.from.localeCompare(b.from)).map((r) => [r.from, r.to]);
}

/** Copies one day's hours to Monday–Friday (the usual first step of a new calendar). */
export function copyToWeekdays(rows: WeekRows, from: DayKey): WeekRows {
  const copy = { ...rows };
  for (const day of WEEKDAYS) copy[day] = (rows[from] ?? []).map((r) => ({ ...r }));
  return copy;
}

export type RangeProblem = 'time' | 'order' | 'overlap';

/** What is wrong with a day's ranges, checked in the browser before the server says the same. */
export function rangesProblem(ranges: readonly TimeRange[]): RangeProblem | null {
  if (ranges.some((r) => !HHMM.test(r.from) || !HHMM.test(r.to))) return 'time';
  if (ranges.some((r) => r.from >= r.to)) return 'order';
  const sorted = [...ranges].sort((a, b) => a.from.localeCompare(b.from));
  for (let i = 1; i < sorted.length; i++)
    if ((sorted[i] as TimeRange).from < (sorted[i - 1] as TimeRange).to) return 'overlap';
  return null;
}

/** `ROUTING_CALENDAR_INVALID`'s `details.problems`, grouped by field (`timeZone`, `weekly.1`, `holidays.0`). */
export function problemsByField(
  details: Record<string, unknown> | null | undefined,
): Record<string, string[]> {
  const byField: Record<string, string[]> = {};
  const problems = Array.isArray(details?.problems) ? details.problems : [];
  for (const p of problems as Array<{ field?: unknown; problem?: unknown }>) {
    if (typeof p.field !== 'string') continue;
    byField[p.field] = [...(byField[p.field] ?? []), String(p.problem ?? '')];
  }
  return byField;
}

/**
 * Days grouped by identical hours, in week order, for a one-line summary: Mon–Fri 08:00–17:30 is
 * one group of five days. Closed days are left out.
 */
export function groupDays(weekly: WeeklyHours): Array<{ days: DayKey[]; ranges: Array<[string, string]> }> {
  const groups: Array<{ days: DayKey[]; ranges: Array<[string, string]> }> = [];
  let previous: string | null = null;
  for (const day of DAY_ORDER) {
    const ranges = weekly[day] ?? [];
    const key = JSON.stringify(ranges);
    const last = groups[groups.length - 1];
    if (ranges.length && key === previous && last) last.days.push(day);
    else if (ranges.length) groups.push({ days: [day], ranges });
    previous = ranges.length ? key : null;
  }
  return groups;
}

/** A weekday's short name in `locale` (2026-03-01 was a Sunday). */
export function dayName(day: DayKey, locale: string, width: 'short' | 'long' = 'short'): string {
  return new Intl.DateTimeFormat(locale, { weekday: width, timeZone: 'UTC' }).format(
    new Date(Date.UTC(2026, 2, 1 + Number(day))),
  );
}

/** "Mon–Fri 08:00–17:30 · Sat 08:00–12:00" in the UI language; `closed` when no day has hours. */
export function summarizeWeekly(weekly: WeeklyHours, locale: string, closed: string): string {
  const groups = groupDays(weekly);
  if (groups.length === 0) return closed;
  return groups
    .map(({ days, ranges }) => {
      const first = dayName(days[0] as DayKey, locale);
      const label = days.length > 1 ? `${first}–${dayName(days[days.length - 1] as DayKey, locale)}` : first;
      return `${label} ${ranges.map(([from, to]) => `${from}–${to}`).join(', ')}`;
    })
    .join(' · ');
}

/** Time zones the browser knows, the calendar's own first if the list lacks it. */
export function timeZoneOptions(current: string | null): string[] {
  const known =
    typeof Intl.supportedValuesOf === 'function'
      ? Intl.supportedValuesOf('timeZone')
      : ['Asia/Ho_Chi_Minh', 'Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Singapore', 'UTC'];
  return current && !known.includes(current) ? [current, ...known] : known;
}
