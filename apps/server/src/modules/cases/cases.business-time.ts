/**
 * Business-time arithmetic for SLA clocks and regulatory deadlines: pure functions over a calendar
 * (working hours per weekday in a time zone, public holidays, make-up working days). Nothing here
 * reads the clock or the database, so every rule has a worked example in cases.business-time.test.ts.
 *
 * Differs from routing.hours.ts (queue opening hours, a yes/no at one instant) in that it measures
 * and adds spans of open time, knows make-up working days (China's 调休) and lets a range cross
 * midnight (`['22:00', '06:00']` opens at 22:00 and closes at 06:00 the next morning).
 */

export type Weekday = '0' | '1' | '2' | '3' | '4' | '5' | '6';
export type Range = [string, string];
export type WeeklyHours = Partial<Record<Weekday, Range[]>>;

export interface CalendarDay {
  /** Local date, YYYY-MM-DD. */
  date: string;
  name: string;
  /** Hours that day; for a holiday omitted = closed, for a make-up day omitted = `asWeekday`'s hours. */
  hours?: Range[];
}

export interface MakeUpDay extends CalendarDay {
  /** Whose weekday hours the make-up day keeps (China works the weekend day "as Monday"): default Monday. */
  asWeekday?: Weekday;
}

export interface BusinessCalendar {
  timeZone: string;
  weekly: WeeklyHours;
  holidays: CalendarDay[];
  /** Weekend days worked to make up for a bridged holiday (调休上班). */
  makeUpDays: MakeUpDay[];
}

export interface Interval {
  from: Date;
  to: Date;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
/** How far any loop walks before it concludes the calendar has no open time at all. */
const MAX_DAYS = 3 * 366;

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();
function partsIn(timeZone: string, at: number): Record<string, number> {
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    offsetFormatters.set(timeZone, f);
  }
  const out: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(at))) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

/** The UTC offset (ms) of `timeZone` at instant `at`. */
function offsetAt(timeZone: string, at: number): number {
  const p = partsIn(timeZone, at);
  const asUtc = Date.UTC(p.year as number, (p.month as number) - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(at / 1000) * 1000;
}

/** The instant a local wall-clock time happens in `timeZone` (two passes settle DST edges). */
export function zonedTime(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  let guess = wall - offsetAt(timeZone, wall);
  guess = wall - offsetAt(timeZone, guess);
  return new Date(guess);
}

/** The local date (YYYY-MM-DD) of an instant. */
export function localDate(at: Date, timeZone: string): string {
  const p = partsIn(timeZone, at.getTime());
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** Calendar arithmetic on YYYY-MM-DD strings (no time zone involved). */
export function shiftDate(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * DAY).toISOString().slice(0, 10);
}

export function weekdayOf(date: string): Weekday {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return String(new Date(Date.UTC(y, m - 1, d)).getUTCDay()) as Weekday;
}

/** The hours that apply on a local date: a holiday wins, then a make-up day, then the weekday. */
export function hoursOn(calendar: BusinessCalendar, date: string): Range[] {
  const holiday = calendar.holidays.find((h) => h.date === date);
  if (holiday) return holiday.hours ?? [];
  const makeUp = calendar.makeUpDays.find((h) => h.date === date);
  if (makeUp) return makeUp.hours ?? calendar.weekly[makeUp.asWeekday ?? '1'] ?? [];
  return calendar.weekly[weekdayOf(date)] ?? [];
}

export const isWorkingDay = (calendar: BusinessCalendar, date: string): boolean =>
  hoursOn(calendar, date).length > 0;

/**
 * Per calendar object, the intervals of each local date already computed: the SLA scanner computes
 * thousands of deadlines a second on a handful of calendars, and the time-zone conversions (Intl)
 * are the cost. Calendars are treated as immutable (an edited calendar is a new object).
 */
const intervalCache = new WeakMap<BusinessCalendar, Map<string, Interval[]>>();

/** The open intervals that start on a local date (a range with to ≤ from ends the next day). */
export function intervalsOn(calendar: BusinessCalendar, date: string): Interval[] {
  let byDate = intervalCache.get(calendar);
  if (!byDate) {
    byDate = new Map();
    intervalCache.set(calendar, byDate);
  }
  let hit = byDate.get(date);
  if (!hit) {
    hit = computeIntervalsOn(calendar, date);
    if (byDate.size > 20_000) byDate.clear();
    byDate.set(date, hit);
  }
  return hit;
}

function computeIntervalsOn(calendar: BusinessCalendar, date: string): Interval[] {
  return hoursOn(calendar, date).map(([from, to]) => {
    const start = zonedTime(date, from, calendar.timeZone);
    const endDate = to <= from ? shiftDate(date, 1) : date;
    const end =
      to === '24:00'
        ? zonedTime(shiftDate(date, 1), '00:00', calendar.timeZone)
        : zonedTime(endDate, to, calendar.timeZone);
    return { from: start, to: end };
  });
}

/** Open intervals overlapping [from, to), clipped to it, in order. */
export function openIntervals(calendar: BusinessCalendar, from: Date, to: Date): Interval[] {
  const out: Interval[] = [];
  if (to <= from) return out;
  // Start a day early: yesterday's overnight range may still be open at `from`.
  let date = shiftDate(localDate(from, calendar.timeZone), -1);
  const last = shiftDate(localDate(to, calendar.timeZone), 1);
  for (let i = 0; date <= last && i < MAX_DAYS * 10; i++, date = shiftDate(date, 1)) {
    for (const iv of intervalsOn(calendar, date)) {
      const a = Math.max(iv.from.getTime(), from.getTime());
      const b = Math.min(iv.to.getTime(), to.getTime());
      if (b > a) out.push({ from: new Date(a), to: new Date(b) });
    }
  }
  return out.sort((x, y) => x.from.getTime() - y.from.getTime());
}

/** Business minutes between two instants (0 when `to` is not after `from`). */
export function businessMinutesBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  let ms = 0;
  for (const iv of openIntervals(calendar, from, to)) ms += iv.to.getTime() - iv.from.getTime();
  return ms / MINUTE;
}

/**
 * The instant `minutes` of business time after `start`. When the budget runs out exactly at a
 * closing time the deadline is that closing time (not the next opening).
 */
export function addBusinessMinutes(calendar: BusinessCalendar, start: Date, minutes: number): Date {
  if (minutes < 0) return subtractBusinessMinutes(calendar, start, -minutes);
  let left = minutes * MINUTE;
  let date = shiftDate(localDate(start, calendar.timeZone), -1);
  for (let i = 0; i < MAX_DAYS; i++, date = shiftDate(date, 1)) {
    for (const iv of intervalsOn(calendar, date)) {
      const a = Math.max(iv.from.getTime(), start.getTime());
      const b = iv.to.getTime();
      if (b <= a) continue;
      if (left === 0) return new Date(a);
      if (b - a >= left) return new Date(a + left);
      left -= b - a;
    }
  }
  throw new Error('calendar has no open time within three years');
}

/** The instant `minutes` of business time before `end`. */
export function subtractBusinessMinutes(calendar: BusinessCalendar, end: Date, minutes: number): Date {
  let left = minutes * MINUTE;
  let date = shiftDate(localDate(end, calendar.timeZone), 1);
  for (let i = 0; i < MAX_DAYS; i++, date = shiftDate(date, -1)) {
    const day = [...intervalsOn(calendar, date)].reverse();
    for (const iv of day) {
      const b = Math.min(iv.to.getTime(), end.getTime());
      const a = iv.from.getTime();
      if (b <= a) continue;
      if (b - a >= left) return new Date(b - left);
      left -= b - a;
    }
  }
  throw new Error('calendar has no open time within three years');
}

/**
 * Business minutes a clock has run from `start` to `now`, leaving out pauses (e.g. while waiting for
 * the customer). A pause still open has `to: null` and lasts until `now`. Pauses may overlap.
 */
export function elapsedBusinessMinutes(
  calendar: BusinessCalendar,
  start: Date,
  now: Date,
  pauses: Array<{ from: Date; to: Date | null }> = [],
): number {
  const total = businessMinutesBetween(calendar, start, now);
  const merged = mergePauses(pauses, start, now);
  let paused = 0;
  for (const p of merged) paused += businessMinutesBetween(calendar, p.from, p.to);
  return total - paused;
}

function mergePauses(pauses: Array<{ from: Date; to: Date | null }>, start: Date, now: Date): Interval[] {
  const clipped = pauses
    .map((p) => ({
      from: Math.max(p.from.getTime(), start.getTime()),
      to: Math.min((p.to ?? now).getTime(), now.getTime()),
    }))
    .filter((p) => p.to > p.from)
    .sort((a, b) => a.from - b.from);
  const out: Array<{ from: number; to: number }> = [];
  for (const p of clipped) {
    const lastOne = out[out.length - 1];
    if (lastOne && p.from <= lastOne.to) lastOne.to = Math.max(lastOne.to, p.to);
    else out.push({ ...p });
  }
  return out.map((p) => ({ from: new Date(p.from), to: new Date(p.to) }));
}

/**
 * The deadline of a clock of `budgetMinutes` that started at `start` and was paused: the pauses' business
 * minutes push the deadline back. Only closed pauses count (an open pause means no deadline now).
 */
export function deadlineWithPauses(
  calendar: BusinessCalendar,
  start: Date,
  budgetMinutes: number,
  pauses: Array<{ from: Date; to: Date }> = [],
): Date {
  let paused = 0;
  for (const p of mergePauses(pauses, start, new Date(8.64e15)))
    paused += businessMinutesBetween(calendar, p.from, p.to);
  return addBusinessMinutes(calendar, start, budgetMinutes + paused);
}

/** End (local 24:00) of the calendar day `days` after the local date of `start` — e.g. China's 15 calendar days. */
export function addCalendarDays(timeZone: string, start: Date, days: number): Date {
  return zonedTime(shiftDate(localDate(start, timeZone), days + 1), '00:00', timeZone);
}

/**
 * End of the `days`-th working day after the local date of `start` (the day of receipt does not count),
 * e.g. Vietnam's 30 working days. "End" is local 24:00, so the customer gets the whole last day.
 */
export function addWorkingDays(calendar: BusinessCalendar, start: Date, days: number): Date {
  let date = localDate(start, calendar.timeZone);
  let counted = 0;
  for (let i = 0; counted < days && i < MAX_DAYS; i++) {
    date = shiftDate(date, 1);
    if (isWorkingDay(calendar, date)) counted++;
  }
  return zonedTime(shiftDate(date, 1), '00:00', calendar.timeZone);
}
