const DAY_MS = 86_400_000;

/** A date as the local calendar day `YYYY-MM-DD`, the value of an `<input type="date">`. */
export const localDay = (d: Date): string =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** The local day `daysAgo` days before today. */
export const daysAgo = (days: number): string => localDay(new Date(Date.now() - days * DAY_MS));

/** Local calendar days `from`–`to` (both included) as the instants a report API takes: [from, to). */
export function periodOf(fromDay: string, toDay: string): { from: string; to: string } {
  const start = (day: string) => new Date(`${day}T00:00:00`);
  return {
    from: start(fromDay).toISOString(),
    to: new Date(start(toDay).getTime() + DAY_MS).toISOString(),
  };
}
