/**
 * Estimated wait of a new ticket. The baseline many queue systems show is
 * `people ahead × average service time`, which ignores that several counters serve the line at once
 * and that customers already at a counter free it partway through.
 */
export interface EstimateInput {
  /** Waiting tickets of the service that will be called before this one (priority ones included). */
  ahead: number;
  /** Recent service time of the service (EWMA), seconds. */
  ewmaServiceSeconds: number;
  /**
   * Open counters serving the service, weighted: 1 when it is the counter's first service, 0.5 when
   * the counter calls it only after others (it shares its time).
   */
  servers: number;
  /** Customers being served now at those counters (each counter frees, on average, halfway through). */
  inService: number;
}

export function baselineWait(ahead: number, averageServiceSeconds: number): number {
  return Math.round(ahead * averageServiceSeconds);
}

export function estimateWait(input: EstimateInput): number {
  const servers = Math.max(input.servers, 0.5);
  const busy = Math.min(input.inService, Math.ceil(servers));
  // The first counter to free comes, on average, after half a service when all are busy.
  const firstFree = busy >= servers ? input.ewmaServiceSeconds / (2 * servers) : 0;
  return Math.round(firstFree + (input.ahead * input.ewmaServiceSeconds) / servers);
}

/** Exponentially weighted moving average; alpha 0.2 reacts within ~5 customers. */
/** The weight of the newest service time in the EWMA (also used by finish's SQL). */
export const EWMA_ALPHA = 0.2;

export function nextEwma(previous: number, sample: number, alpha = EWMA_ALPHA): number {
  return previous + alpha * (sample - previous);
}

/** The local calendar date (YYYY-MM-DD) of `at` in `timeZone`: tickets restart per branch per day. */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/** Ticket number as shown and spoken: letter + three digits (A023). */
export function formatTicketNumber(letter: string, n: number): string {
  return `${letter}${String(n).padStart(3, '0')}`;
}
