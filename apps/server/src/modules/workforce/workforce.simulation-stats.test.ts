import { describe, expect, it } from 'vitest';
import { erlangC } from './erlang.ts';
import {
  batchInterval,
  type ContactOutcome,
  createRandom,
  exponential,
  poissonArrivals,
  studentT975,
  summarizeRun,
} from './workforce.simulation-stats.ts';

describe('random draws', () => {
  it('repeats with the same seed and differs with another', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const first = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(first);
    expect(Array.from({ length: 5 }, c)).not.toEqual(first);
    for (const u of first) expect(u >= 0 && u < 1).toBe(true);
  });

  it('draws exponentials with the asked mean and a coefficient of variation of 1', () => {
    const random = createRandom(7);
    const draws = Array.from({ length: 200_000 }, () => exponential(random, 180));
    const mean = draws.reduce((s, v) => s + v, 0) / draws.length;
    const sd = Math.sqrt(draws.reduce((s, v) => s + (v - mean) ** 2, 0) / draws.length);
    expect(mean).toBeGreaterThan(178);
    expect(mean).toBeLessThan(182);
    expect(sd / mean).toBeGreaterThan(0.98);
    expect(sd / mean).toBeLessThan(1.02);
  });

  it('makes Poisson arrivals: about rate × horizon of them, increasing, stopped by count or horizon', () => {
    const times = poissonArrivals(createRandom(1), 2, { count: 1_000_000, horizonSeconds: 10_000 });
    expect(times.length).toBeGreaterThan(19_600); // 20,000 ± 3σ (σ ≈ 141)
    expect(times.length).toBeLessThan(20_400);
    expect(times.every((t, i) => i === 0 || t > (times[i - 1] as number))).toBe(true);
    expect(times.at(-1)).toBeLessThanOrEqual(10_000);
    expect(poissonArrivals(createRandom(1), 2, { count: 5 })).toHaveLength(5);
    expect(() => poissonArrivals(createRandom(1), 0, { count: 1 })).toThrow(RangeError);
  });
});

describe('batch means', () => {
  it("uses Student's t quantiles", () => {
    expect(studentT975(1)).toBe(12.706);
    expect(studentT975(19)).toBe(2.093);
    expect(studentT975(1000)).toBeCloseTo(1.962, 3);
    expect(studentT975(0)).toBeNaN();
  });

  it('gives mean ± t·s/√k', () => {
    // mean 3, sample sd √2.5, k = 5: 2.776 · √(2.5/5)
    const e = batchInterval([1, 2, 3, 4, 5]);
    expect(e.value).toBe(3);
    expect(e.halfWidth).toBeCloseTo(2.776 * Math.sqrt(0.5), 9);
    expect(batchInterval([1]).halfWidth).toBeNaN();
    expect(batchInterval([1, 1], 0.7).value).toBe(0.7);
  });
});

describe('summarizeRun', () => {
  it('counts offered, answered, abandoned, service level and ASA after the warm-up', () => {
    const contacts: ContactOutcome[] = [
      { queue: 'q', queuedAt: 0, waitSeconds: 100, abandoned: false }, // warm-up, dropped
      { queue: 'q', queuedAt: 1, waitSeconds: 0, abandoned: false },
      { queue: 'q', queuedAt: 2, waitSeconds: 20, abandoned: false },
      { queue: 'q', queuedAt: 3, waitSeconds: 40, abandoned: false },
      { queue: 'q', queuedAt: 4, waitSeconds: null, abandoned: true },
      { queue: 'q', queuedAt: 5, waitSeconds: null, abandoned: false },
    ];
    const s = summarizeRun({
      contacts,
      busy: [
        { start: 0, end: 3 }, // 2 s inside [1, 5]
        { start: 2, end: 4 }, // 2 s
      ],
      agents: 2,
      targetSeconds: 20,
      warmupContacts: 1,
    });
    expect(s).toMatchObject({ offered: 5, answered: 3, abandoned: 1, unresolved: 1 });
    expect(s.serviceLevel.value).toBeCloseTo(2 / 5, 12);
    expect(s.serviceLevelAnswered.value).toBeCloseTo(2 / 3, 12);
    expect(s.asa.value).toBeCloseTo(20, 12);
    expect(s.abandonRate.value).toBeCloseTo(1 / 5, 12);
    expect(s.occupancy.value).toBeCloseTo(4 / (2 * 4), 12);
    expect(s.window).toEqual({ from: 1, to: 5 });
  });

  it('finds the Erlang C service level in an ideal M/M/N queue within its interval', () => {
    // The FCFS M/M/N queue by the Kiefer–Wolfowitz workload vector: each arrival waits for the
    // least-loaded server. λ = 2/s, AHT 4 s → a = 8 Erlangs, N = 10, t = 2 s.
    const random = createRandom(2026);
    const n = 10;
    const work = new Array<number>(n).fill(0);
    const contacts: ContactOutcome[] = [];
    let now = 0;
    for (let i = 0; i < 60_000; i++) {
      const gap = exponential(random, 0.5);
      now += gap;
      for (let j = 0; j < n; j++) work[j] = Math.max(0, (work[j] as number) - gap);
      const j = work.indexOf(Math.min(...work));
      const wait = work[j] as number;
      work[j] = wait + exponential(random, 4);
      contacts.push({ queue: 'q', queuedAt: now, waitSeconds: wait, abandoned: false });
    }
    const s = summarizeRun({ contacts, busy: [], agents: n, targetSeconds: 2, warmupContacts: 1000 });
    const predicted = erlangC({ arrivalsPerHour: 7200, ahtSeconds: 4, agents: n, targetSeconds: 2 });
    expect(Math.abs(s.serviceLevel.value - predicted.serviceLevel)).toBeLessThan(
      Math.max(s.serviceLevel.halfWidth, 0.005) * 1.5,
    );
    expect(Math.abs(s.serviceLevel.value - predicted.serviceLevel)).toBeLessThan(0.02);
    expect(Math.abs(s.asa.value - predicted.asa) / predicted.asa).toBeLessThan(0.1);
    expect(s.serviceLevel.halfWidth).toBeGreaterThan(0);
    expect(s.serviceLevel.batches).toBe(20);
  });
});
