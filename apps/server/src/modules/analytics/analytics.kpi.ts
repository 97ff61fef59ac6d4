/**
 * The KPIs of docs/metrics.md as pure functions. Each one names its section there; when the code and
 * the written definition disagree, the code is wrong. Rates are fractions (0–1) or null when the
 * denominator is zero ("no data" is not "0 %").
 */

const ratio = (numerator: number, denominator: number): number | null =>
  denominator > 0 ? numerator / denominator : null;

const mean = (values: readonly number[]): number | null =>
  values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : null;

// ---- surveys (metrics.md § CSAT, NPS, CES) ----

/** CSAT: share of 1–5 answers that are 4 or 5. */
export function csat(scores: readonly number[]): number | null {
  const valid = scores.filter((s) => Number.isInteger(s) && s >= 1 && s <= 5);
  return ratio(valid.filter((s) => s >= 4).length, valid.length);
}

/** NPS: % promoters (9–10) − % detractors (0–6), from −100 to 100. */
export function nps(scores: readonly number[]): number | null {
  const valid = scores.filter((s) => Number.isInteger(s) && s >= 0 && s <= 10);
  if (valid.length === 0) return null;
  const promoters = valid.filter((s) => s >= 9).length;
  const detractors = valid.filter((s) => s <= 6).length;
  return (100 * (promoters - detractors)) / valid.length;
}

/** CES: mean of 1–7 answers (7 = very easy). */
export function ces(scores: readonly number[]): number | null {
  return mean(scores.filter((s) => Number.isInteger(s) && s >= 1 && s <= 7));
}

// ---- queue KPIs (metrics.md § Service level, ASA, abandonment) ----

/** One contact offered to a queue, as the facts hold it. Times are epoch milliseconds. */
export interface OfferedContact {
  offeredAt: number;
  answeredAt: number | null;
  abandonedAt: number | null;
}

export interface ServiceLevelOptions {
  /** t in "x % within t seconds". */
  thresholdSeconds: number;
  /** Abandons at or under this many seconds are left out of every count (a misdial, not a lost contact). */
  shortAbandonSeconds: number;
}

const waitSeconds = (c: OfferedContact): number | null => {
  const end = c.answeredAt ?? c.abandonedAt;
  return end === null ? null : (end - c.offeredAt) / 1000;
};

const isShortAbandon = (c: OfferedContact, shortAbandonSeconds: number): boolean =>
  c.answeredAt === null && c.abandonedAt !== null && (waitSeconds(c) ?? 0) <= shortAbandonSeconds;

/**
 * Service level in both definitions (metrics.md § Service level): answered within t ÷ answered, and
 * answered within t ÷ (answered + abandoned after the short-abandon threshold). Contacts still
 * waiting are in neither denominator.
 */
export function serviceLevel(
  contacts: readonly OfferedContact[],
  options: ServiceLevelOptions,
): { answeredOnly: number | null; offered: number | null } {
  const counted = contacts.filter((c) => !isShortAbandon(c, options.shortAbandonSeconds));
  const answered = counted.filter((c) => c.answeredAt !== null);
  const abandoned = counted.filter((c) => c.answeredAt === null && c.abandonedAt !== null);
  const within = answered.filter((c) => (waitSeconds(c) ?? 0) <= options.thresholdSeconds).length;
  return {
    answeredOnly: ratio(within, answered.length),
    offered: ratio(within, answered.length + abandoned.length),
  };
}

/** ASA: mean wait of answered contacts, in seconds (metrics.md § ASA). */
export function asa(contacts: readonly OfferedContact[]): number | null {
  return mean(contacts.filter((c) => c.answeredAt !== null).map((c) => waitSeconds(c) ?? 0));
}

/** Abandonment rate: abandoned after the short-abandon threshold ÷ (answered + those abandoned). */
export function abandonmentRate(
  contacts: readonly OfferedContact[],
  shortAbandonSeconds: number,
): number | null {
  const counted = contacts.filter((c) => !isShortAbandon(c, shortAbandonSeconds));
  const answered = counted.filter((c) => c.answeredAt !== null).length;
  const abandoned = counted.filter((c) => c.answeredAt === null && c.abandonedAt !== null).length;
  return ratio(abandoned, answered + abandoned);
}

// ---- handle time (metrics.md § AHT) ----

/** One agent's share of a contact: from assignment until they handed it on or closed it. */
export interface HandleSegment {
  agentId: string;
  startAt: number;
  endAt: number;
  holdSeconds?: number;
  /** Wrap-up after the segment (only the agent who closed the contact wraps up). */
  wrapUpSeconds?: number;
}

/** Handle seconds per agent: talk/chat + hold + wrap-up; a transfer splits the contact between them. */
export function handleTimeByAgent(segments: readonly HandleSegment[]): Map<string, number> {
  const byAgent = new Map<string, number>();
  for (const s of segments) {
    const seconds = Math.max(0, (s.endAt - s.startAt) / 1000) + (s.holdSeconds ?? 0) + (s.wrapUpSeconds ?? 0);
    byAgent.set(s.agentId, (byAgent.get(s.agentId) ?? 0) + seconds);
  }
  return byAgent;
}

/**
 * AHT: total handle seconds ÷ handled contacts. A transferred contact counts once for the contact
 * AHT; per agent, each agent who handled a segment counts it once (metrics.md § AHT).
 */
export function aht(contacts: readonly (readonly HandleSegment[])[]): number | null {
  const handled = contacts.filter((segments) => segments.length > 0);
  const total = handled.reduce((sum, segments) => {
    let seconds = 0;
    for (const v of handleTimeByAgent(segments).values()) seconds += v;
    return sum + seconds;
  }, 0);
  return ratio(total, handled.length);
}

/**
 * Splits a stretch of time at local midnights (metrics.md § Days): a contact across midnight counts
 * its handle time on each day it ran. `dayOf` maps an instant to its local day key.
 */
export function splitAtMidnight(
  startAt: number,
  endAt: number,
  nextMidnight: (at: number) => number,
  dayOf: (at: number) => string,
): { day: string; seconds: number }[] {
  const parts: { day: string; seconds: number }[] = [];
  let at = startAt;
  while (at < endAt) {
    const cut = Math.min(endAt, nextMidnight(at));
    parts.push({ day: dayOf(at), seconds: (cut - at) / 1000 });
    at = cut;
  }
  return parts;
}

// ---- agents (metrics.md § Occupancy, Utilization, Contacts per agent per day) ----

/** Occupancy: handle time ÷ available time (time signed in and ready, handling or idle). */
export function occupancy(handleSeconds: number, availableSeconds: number): number | null {
  return ratio(handleSeconds, availableSeconds);
}

/** Utilization: handle time ÷ paid (signed-in) time, breaks and away states included. */
export function utilization(handleSeconds: number, signedInSeconds: number): number | null {
  return ratio(handleSeconds, signedInSeconds);
}

/** Contacts per agent per day: handled contacts ÷ agent-days worked (an agent-day = handled ≥ 1). */
export function contactsPerAgentDay(handled: readonly { agentId: string; day: string }[]): number | null {
  const agentDays = new Set(handled.map((h) => `${h.agentId}|${h.day}`));
  return ratio(handled.length, agentDays.size);
}

// ---- cases (metrics.md § FCR, resolution time, first owner, complaints) ----

export interface ReasonContact {
  customerId: string;
  reason: string;
  at: number;
  /** A case reopening: a repeat of the earlier contact, not a contact of its own. */
  isReopen?: boolean;
}

/**
 * First-contact resolution: share of contacts after which the same customer made no contact for the
 * same reason within `windowDays` (default 7). A contact whose window has not ended yet is left out
 * (we cannot know yet). A reopened case counts as a repeat contact at the time it reopened.
 */
export function fcr(contacts: readonly ReasonContact[], now: number, windowDays = 7): number | null {
  const windowMs = windowDays * 86_400_000;
  const sorted = [...contacts].sort((a, b) => a.at - b.at);
  let resolved = 0;
  let counted = 0;
  for (const [i, c] of sorted.entries()) {
    if (c.isReopen || c.at + windowMs > now) continue;
    counted++;
    const repeat = sorted
      .slice(i + 1)
      .some((n) => n.customerId === c.customerId && n.reason === c.reason && n.at - c.at <= windowMs);
    if (!repeat) resolved++;
  }
  return ratio(resolved, counted);
}

/** Share of closed cases closed by the agent who first owned them. */
export function closedByFirstOwner(
  cases: readonly { firstOwnerId: string; closedById: string }[],
): number | null {
  return ratio(cases.filter((c) => c.firstOwnerId === c.closedById).length, cases.length);
}

/** Complaint on-time rate: complaints resolved by their due time ÷ complaints resolved. */
export function complaintOnTimeRate(
  complaints: readonly { resolvedAt: number; dueAt: number }[],
): number | null {
  return ratio(complaints.filter((c) => c.resolvedAt <= c.dueAt).length, complaints.length);
}

/** Mean calendar resolution time in hours: resolved − created. */
export function calendarResolutionHours(
  cases: readonly { createdAt: number; resolvedAt: number }[],
): number | null {
  return mean(cases.map((c) => (c.resolvedAt - c.createdAt) / 3_600_000));
}

/**
 * Mean business resolution time in hours: the business seconds from creation to resolution as the
 * cases module counted them on its calendar (`resolutionBusinessSeconds` of `case.resolved`).
 */
export function businessResolutionHours(businessSeconds: readonly number[]): number | null {
  return mean(businessSeconds.map((s) => s / 3600));
}

/** Business opening hours as [start, end) minutes after local midnight, per ISO weekday (1 = Monday). */
export type WeekHours = Partial<Record<1 | 2 | 3 | 4 | 5 | 6 | 7, [number, number]>>;

/**
 * Business seconds between two instants given in UTC and opening hours in the same zone (UTC here;
 * the service shifts times into the bank's zone first). Counts only time within opening hours.
 */
export function businessSeconds(startAt: number, endAt: number, hours: WeekHours): number {
  let total = 0;
  const day = new Date(startAt);
  day.setUTCHours(0, 0, 0, 0);
  for (let midnight = day.getTime(); midnight < endAt; midnight += 86_400_000) {
    const weekday = (((new Date(midnight).getUTCDay() + 6) % 7) + 1) as 1 | 2 | 3 | 4 | 5 | 6 | 7;
    const open = hours[weekday];
    if (!open) continue;
    const from = Math.max(startAt, midnight + open[0] * 60_000);
    const to = Math.min(endAt, midnight + open[1] * 60_000);
    if (to > from) total += (to - from) / 1000;
  }
  return total;
}

// ---- branches (metrics.md § Branch wait and service, no-show) ----

export interface BranchTicket {
  issuedAt: number;
  calledAt: number | null;
  servedAt: number | null;
  doneAt: number | null;
  noShow: boolean;
}

/** Mean branch wait (issued → called) and service (served → done) in seconds; no-show rate. */
export function branchTimes(tickets: readonly BranchTicket[]): {
  waitSeconds: number | null;
  serviceSeconds: number | null;
  noShowRate: number | null;
} {
  const called = tickets.filter((t) => t.calledAt !== null);
  const served = tickets.filter((t) => t.servedAt !== null && t.doneAt !== null && !t.noShow);
  return {
    waitSeconds: mean(called.map((t) => ((t.calledAt as number) - t.issuedAt) / 1000)),
    serviceSeconds: mean(served.map((t) => ((t.doneAt as number) - (t.servedAt as number)) / 1000)),
    noShowRate: ratio(called.filter((t) => t.noShow).length, called.length),
  };
}

// ---- hot topics (metrics.md § Rising topics) ----

/**
 * Whether a topic is rising: this week's count is significantly above last week's, by the
 * conditional binomial test of two Poisson rates (Przyborowski & Wilenski 1940): given n = a + b,
 * a ~ Binomial(n, ½) when the rate did not change. One-sided p-value P(X ≥ a); rising when
 * p < alpha and a ≥ minCount.
 */
export function risingTest(
  thisWeek: number,
  lastWeek: number,
  options: { alpha?: number; minCount?: number } = {},
): { rising: boolean; pValue: number; change: number | null } {
  const alpha = options.alpha ?? 0.01;
  const minCount = options.minCount ?? 5;
  const n = thisWeek + lastWeek;
  const pValue = binomialUpperTail(thisWeek, n, 0.5);
  return {
    rising: thisWeek >= minCount && thisWeek > lastWeek && pValue < alpha,
    pValue,
    change: lastWeek > 0 ? (thisWeek - lastWeek) / lastWeek : null,
  };
}

/** P(X ≥ k) for X ~ Binomial(n, p), summed in log space (n reaches the hundred thousands). */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  const logP = Math.log(p);
  const logQ = Math.log(1 - p);
  let logCoef = logChoose(n, k);
  let sum = 0;
  for (let i = k; i <= n; i++) {
    const term = Math.exp(logCoef + i * logP + (n - i) * logQ);
    sum += term;
    if (term < sum * 1e-17) break;
    logCoef += Math.log(n - i) - Math.log(i + 1);
  }
  return Math.min(1, sum);
}

function logChoose(n: number, k: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}

const logFactorialCache: number[] = [0];
function logFactorial(n: number): number {
  for (let i = logFactorialCache.length; i <= n; i++)
    logFactorialCache[i] = (logFactorialCache[i - 1] as number) + Math.log(i);
  return logFactorialCache[n] as number;
}
