/**
 * One CSV cell (RFC 4180), quoted, for the exports a bank opens in a spreadsheet. A text that a
 * spreadsheet would run as a formula (starting with = + - @, or a tab or carriage return that
 * some strip before looking) gets a leading `'` (OWASP "CSV injection"); numbers stay numbers.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '""';
  const text =
    value instanceof Date
      ? value.toISOString()
      : typeof value === 'string'
        ? value
        : typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint'
          ? String(value)
          : JSON.stringify(value);
  const formula = typeof value === 'string' && /^[=+\-@\t\r]/.test(text) && Number.isNaN(Number(text));
  return `"${(formula ? `'${text}` : text).replace(/"/g, '""')}"`;
}

/** One CSV line of cells, without its line break. */
export const csvLine = (values: readonly unknown[]): string => values.map(csvCell).join(',');
