import { mulberry32 } from '../../platform/random.ts';
/**
 * The pure parts of the contact-center simulator (`banyan simulate`, bench/simulate): a seeded
 * random source, exponential and Poisson draws, and the statistics of a run — offered, answered,
 * abandoned, service level, ASA and occupancy, each with a batch-means 95 % confidence interval.
 * No I/O and no clock: the simulator feeds it the timestamps the server reported.
 */

/** A uniform draw in [0, 1). */
export type Random = () => number;

/** A seeded generator (mulberry32): the same seed gives the same run. */
export const createRandom = (seed: number): Random => mulberry32(seed);

/** An exponential draw with this mean (inversion: −mean · ln(1 − U), U in [0, 1) so never ln 0). */
export function exponential(random: Random, mean: number): number {
  return -mean * Math.log(1 - random());
}

/**
 * Arrival times of a Poisson process of `ratePerSecond` from time 0, until `count` arrivals or past
 * `horizonSeconds`: independent exponential gaps of mean 1/rate.
 */
export function poissonArrivals(
  random: Random,
  ratePerSecond: number,
  options: { count: number; horizonSeconds?: number },
): number[] {
  if (!(ratePerSecond > 0)) throw new RangeError('ratePerSecond must be > 0');
  const times: number[] = [];
  let t = 0;
  const horizon = options.horizonSeconds ?? Number.POSITIVE_INFINITY;
  while (times.length < options.count) {
    t += exponential(random, 1 / ratePerSecond);
    if (t > horizon) break;
    times.push(t);
  }
  return times;
}

/** Two-sided 97.5 % quantiles of Student's t for 1–30 degrees of freedom. */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** The 97.5 % quantile of Student's t (for a 95 % interval); past 30 df, 1.96 + 2.4/df (error < 0.002). */
export function studentT975(df: number): number {
  if (!(df >= 1)) return Number.NaN;
  const d = Math.floor(df);
  return d <= 30 ? (T975[d - 1] as number) : 1.96 + 2.4 / d;
}

export interface Estimate {
  /** The point estimate over the whole sample (not the mean of batch values when batches differ in weight). */
  value: number;
  /** Half-width of the 95 % interval from the batch means; NaN with fewer than 2 batches. */
  halfWidth: number;
  batches: number;
}

/**
 * Batch means (Law & Kelton, "Simulation Modeling and Analysis", §9.5.3): a steady-state sample
 * split into k consecutive batches gives k nearly independent batch values y_i; the interval is
 * ȳ ± t_{k−1, 0.975} · s / √k. Batches must be long against the autocorrelation of the queue
 * (here: hundreds of contacts each), which is why we use few of them (default 20).
 */
export function batchInterval(batchValues: number[], value?: number): Estimate {
  const k = batchValues.length;
  const mean = k === 0 ? Number.NaN : batchValues.reduce((s, v) => s + v, 0) / k;
  if (k < 2) return { value: value ?? mean, halfWidth: Number.NaN, batches: k };
  const variance = batchValues.reduce((s, v) => s + (v - mean) ** 2, 0) / (k - 1);
  return { value: value ?? mean, halfWidth: studentT975(k - 1) * Math.sqrt(variance / k), batches: k };
}

/** One offered contact as the server reported it; times in simulated seconds. */
export interface ContactOutcome {
  queue: string;
  /** When the server queued it. */
  queuedAt: number;
  /** Wait until an agent accepted (server time), or null when never answered. */
  waitSeconds: number | null;
  /** Left while waiting (the server ended it as abandoned before any agent accepted). */
  abandoned: boolean;
}

/** An interval during which one agent was held by one contact (offer to end), simulated seconds. */
export interface BusyInterval {
  start: number;
  end: number;
}

export interface SimulationStats {
  offered: number;
  answered: number;
  abandoned: number;
  /** Neither answered nor abandoned when the run stopped (still waiting). */
  unresolved: number;
  /** Answered within t ÷ offered. */
  serviceLevel: Estimate;
  /** Answered within t ÷ answered. */
  serviceLevelAnswered: Estimate;
  /** Mean wait of answered contacts, seconds. */
  asa: Estimate;
  /** Abandoned ÷ offered. */
  abandonRate: Estimate;
  /** Busy agent-time ÷ (agents × window), over the window of the measured contacts' arrivals. */
  occupancy: Estimate;
  /** The measured window [from, to] in simulated seconds. */
  window: { from: number; to: number };
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : Number.NaN);

/**
 * Statistics of a run. `contacts` in arrival order; the first `warmupContacts` are dropped (the run
 * starts with every agent free, far from the steady state) and the rest cut into `batches` equal
 * consecutive batches. Occupancy is measured over the same window, cut into as many equal spans.
 */
export function summarizeRun(input: {
  contacts: ContactOutcome[];
  busy: BusyInterval[];
  agents: number;
  targetSeconds: number;
  warmupContacts: number;
  batches?: number;
}): SimulationStats {
  const sample = [...input.contacts]
    .sort((a, b) => a.queuedAt - b.queuedAt)
    .slice(Math.max(0, Math.floor(input.warmupContacts)));
  const k = Math.max(1, Math.min(input.batches ?? 20, Math.floor(sample.length / 10) || 1));
  const t = input.targetSeconds;
  const tally = (group: ContactOutcome[]) => {
    let answered = 0;
    let within = 0;
    let abandoned = 0;
    let waitSum = 0;
    for (const c of group) {
      if (c.waitSeconds !== null) {
        answered++;
        waitSum += c.waitSeconds;
        if (c.waitSeconds <= t) within++;
      } else if (c.abandoned) abandoned++;
    }
    return { offered: group.length, answered, within, abandoned, waitSum };
  };
  const batches = Array.from({ length: k }, (_, i) =>
    tally(sample.slice(Math.floor((i * sample.length) / k), Math.floor(((i + 1) * sample.length) / k))),
  );
  const all = tally(sample);

  const from = sample[0]?.queuedAt ?? 0;
  const to = sample.at(-1)?.queuedAt ?? from;
  const busyIn = (a: number, b: number) =>
    input.busy.reduce((s, iv) => s + Math.max(0, Math.min(iv.end, b) - Math.max(iv.start, a)), 0);
  const span = (to - from) / k;
  const occupancyBatches =
    span > 0
      ? Array.from({ length: k }, (_, i) =>
          ratio(busyIn(from + i * span, from + (i + 1) * span), input.agents * span),
        )
      : [];

  return {
    offered: all.offered,
    answered: all.answered,
    abandoned: all.abandoned,
    unresolved: all.offered - all.answered - all.abandoned,
    serviceLevel: batchInterval(
      batches.map((b) => ratio(b.within, b.offered)),
      ratio(all.within, all.offered),
    ),
    serviceLevelAnswered: batchInterval(
      batches.map((b) => ratio(b.within, b.answered)),
      ratio(all.within, all.answered),
    ),
    asa: batchInterval(
      batches.map((b) => ratio(b.waitSum, b.answered)),
      ratio(all.waitSum, all.answered),
    ),
    abandonRate: batchInterval(
      batches.map((b) => ratio(b.abandoned, b.offered)),
      ratio(all.abandoned, all.offered),
    ),
    occupancy: batchInterval(
      occupancyBatches,
      span > 0 ? ratio(busyIn(from, to), input.agents * (to - from)) : Number.NaN,
    ),
    window: { from, to },
  };
}
