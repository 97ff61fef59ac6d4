import type { Holiday, WeeklyHours } from './routing.schema.ts';

/** What `isOpen` needs of a calendar (the row of routing_calendars). */
export interface CalendarHours {
  timeZone: string;
  weekly: WeeklyHours;
  holidays: Holiday[];
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS: Record<string, keyof WeeklyHours> = {
  Sun: '0',
  Mon: '1',
  Tue: '2',
  Wed: '3',
  Thu: '4',
  Fri: '5',
  Sat: '6',
};

/** The local date (YYYY-MM-DD), weekday and "HH:MM" of an instant in a time zone. */
export function localParts(
  at: Date,
  timeZone: string,
): { date: string; weekday: keyof WeeklyHours; time: string } {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(at)) parts[p.type] = p.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAYS[parts.weekday as string] as keyof WeeklyHours,
    time: `${parts.hour}:${parts.minute}`,
  };
}

/** Whether the center is open at `at`: a holiday's hours (none = closed) win over the weekday's. */
export function isOpen(calendar: CalendarHours, at: Date): boolean {
  const local = localParts(at, calendar.timeZone);
  const holiday = calendar.holidays.find((h) => h.date === local.date);
  const ranges = holiday ? (holiday.hours ?? []) : (calendar.weekly[local.weekday] ?? []);
  return ranges.some(([from, to]) => local.time >= from && local.time < to);
}

/** Problems with a calendar's hours, as message keys with the offending value (empty = valid). */
export function hoursProblems(weekly: WeeklyHours, holidays: Holiday[]): string[] {
  const problems: string[] = [];
  const checkRanges = (ranges: Array<[string, string]>, where: string) => {
    for (const range of ranges) {
      const [from, to] = range;
      if (!HHMM.test(from) || !HHMM.test(to) || from >= to) problems.push(`${where}: ${from}–${to}`);
    }
  };
  for (const [day, ranges] of Object.entries(weekly)) {
    if (!/^[0-6]$/.test(day)) problems.push(`day ${day}`);
    else checkRanges(ranges ?? [], `day ${day}`);
  }
  const seen = new Set<string>();
  for (const h of holidays) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(h.date) || Number.isNaN(Date.parse(h.date)))
      problems.push(`holiday ${h.date}`);
    if (seen.has(h.date)) problems.push(`holiday ${h.date} twice`);
    seen.add(h.date);
    checkRanges(h.hours ?? [], `holiday ${h.date}`);
  }
  return problems;
}
