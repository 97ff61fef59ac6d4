/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter",
 * 2015): a crowd of widgets reconnecting after an outage spreads out instead of arriving together.
 */
export function backoffDelay(
  attempt: number,
  options: { baseMs?: number; maxMs?: number; random?: () => number } = {},
): number {
  const base = options.baseMs ?? 1000;
  const max = options.maxMs ?? 30_000;
  const random = options.random ?? Math.random;
  const ceiling = Math.min(max, base * 2 ** Math.max(0, attempt));
  // Never below half the ceiling, so a retry is never immediate.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** `Retry-After` in seconds or an HTTP date, to milliseconds; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
