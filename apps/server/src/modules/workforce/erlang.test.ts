import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { translate } from '../../platform/i18n.ts';
import { erlangA, erlangB, erlangC, LIMITS, logA, logGamma, requiredAgents } from './erlang.ts';
import './workforce.messages.ts';

// ---- independent references, written the textbook way (no code shared with erlang.ts) ----

/** Erlang C by its defining sum, a^N/N! · N/(N−a) ÷ (Σ_{j<N} a^j/j! + a^N/N! · N/(N−a)); small N only. */
function directErlangC(a: number, n: number): number {
  let term = 1; // a^j / j!
  let sum = 0;
  for (let j = 0; j < n; j++) {
    sum += term;
    term *= a / (j + 1);
  }
  const tail = (term * n) / (n - a);
  return tail / (sum + tail);
}

/** The same sum in log space with ln j! accumulated term by term: a reference that works at N = 5,000. */
function logSpaceErlangC(a: number, n: number): number {
  let lnFact = 0;
  const logs: number[] = [];
  for (let j = 0; j < n; j++) {
    if (j > 0) lnFact += Math.log(j);
    logs.push(j * Math.log(a) - lnFact);
  }
  const lnTail = n * Math.log(a) - (lnFact + Math.log(n)) + Math.log(n / (n - a));
  const max = Math.max(lnTail, ...logs.slice(-50));
  const body = logs.reduce((s, l) => s + Math.exp(l - max), 0);
  return Math.exp(lnTail - max) / (body + Math.exp(lnTail - max));
}

interface Queue {
  lambda: number; // per second
  mu: number;
  theta: number;
  n: number;
}

/**
 * M/M/N+M solved as a Markov chain: the birth–death generator truncated at N+K, πQ = 0 with Σπ = 1
 * by Gaussian elimination (no product form). Waiting-time measures by following one tagged caller
 * behind k others: stage i (i callers ahead) ends at rate Nμ + iθ, the caller abandons at rate θ;
 * P(answered by t) by uniformization, E[wait; answered] by first-step analysis.
 */
function solveCtmc(q: Queue, targetSeconds: number, k = 300) {
  const { lambda, mu, theta, n } = q;
  const size = n + k + 1;
  const death = (j: number) => Math.min(j, n) * mu + Math.max(j - n, 0) * theta;
  // Rows of Qᵀ: (Qᵀπ)_j = λπ_{j−1} + death(j+1)π_{j+1} − (λ[j<M] + death(j))π_j
  const m: number[][] = Array.from({ length: size }, () => new Array<number>(size + 1).fill(0));
  for (let j = 0; j < size; j++) {
    const row = m[j] as number[];
    if (j > 0) row[j - 1] = lambda;
    if (j < size - 1) row[j + 1] = death(j + 1);
    row[j] = -((j < size - 1 ? lambda : 0) + death(j));
  }
  const last = m[size - 1] as number[];
  last.fill(1);
  last[size] = 1;
  for (let col = 0; col < size; col++) {
    let pivot = col;
    for (let r = col + 1; r < size; r++)
      if (Math.abs((m[r] as number[])[col] as number) > Math.abs((m[pivot] as number[])[col] as number))
        pivot = r;
    [m[col], m[pivot]] = [m[pivot] as number[], m[col] as number[]];
    const p = m[col] as number[];
    for (let r = 0; r < size; r++) {
      if (r === col) continue;
      const row = m[r] as number[];
      const f = (row[col] as number) / (p[col] as number);
      if (f === 0) continue;
      for (let c = col; c <= size; c++) row[c] = (row[c] as number) - f * (p[c] as number);
    }
  }
  const pi = m.map((row, j) => (row[size] as number) / (row[j] as number));

  const sum = (from: number, f: (j: number) => number) => {
    let s = 0;
    for (let j = from; j < size; j++) s += f(j);
    return s;
  };
  const pWait = sum(n, (j) => pi[j] as number);
  const pAbandon = (theta * sum(n, (j) => (j - n) * (pi[j] as number))) / lambda; // rate balance
  // P(answered within t | arrive behind i callers), by uniformization of the tagged caller's chain.
  const rate = n * mu + (k + 1) * theta;
  const lt = rate * targetSeconds;
  let u = new Array<number>(k).fill(0); // P(answered within s jumps | stage i)
  const within = new Array<number>(k).fill(0);
  let poisson = Math.exp(-lt);
  for (let s = 0; s <= lt + 30 * Math.sqrt(lt) + 60; s++) {
    if (s > 0) {
      const next = u.map((ui, i) => {
        const progress = (n * mu + i * theta) / rate;
        const stay = 1 - progress - theta / rate;
        return progress * (i === 0 ? 1 : (u[i - 1] as number)) + stay * ui;
      });
      u = next;
      poisson *= lt / s;
    }
    for (let i = 0; i < k; i++) within[i] = (within[i] as number) + poisson * (u[i] as number);
  }
  // E[wait; answered | stage i] = P(answered | i)/r_i + progress_i/r_i · E[wait; answered | i−1]
  const answered: number[] = [];
  const waitAnswered: number[] = [];
  for (let i = 0; i < k; i++) {
    const r = n * mu + (i + 1) * theta;
    const progress = n * mu + i * theta;
    const pPrev = i === 0 ? 1 : (answered[i - 1] as number);
    const wPrev = i === 0 ? 0 : (waitAnswered[i - 1] as number);
    answered.push((progress / r) * pPrev);
    waitAnswered.push((answered[i] as number) / r + (progress / r) * wPrev);
  }
  const immediate = 1 - pWait;
  const answeredWithinT = immediate + sum(n, (j) => (pi[j] as number) * ((within[j - n] as number) ?? 0));
  const served = 1 - pAbandon;
  return {
    truncationMass: pi[size - 1] as number,
    pWait,
    pAbandon,
    serviceLevel: answeredWithinT,
    serviceLevelAnswered: answeredWithinT / served,
    asa: sum(n, (j) => (pi[j] as number) * (waitAnswered[j - n] ?? 0)) / served,
  };
}

const expectCode = (fn: () => unknown, code: string, field?: string) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    if (field) expect((error as AppError).params.field).toBe(field);
    return;
  }
  throw new Error(`expected ${code}`);
};

describe('erlangB', () => {
  it('follows the recursion from B(0) = 1 (B(1, a) = a/(1+a), B(2, 1) = 1/5)', () => {
    expect(erlangB(0, 3)).toBe(1);
    expect(erlangB(1, 1)).toBeCloseTo(0.5, 15);
    expect(erlangB(2, 1)).toBeCloseTo(0.2, 15);
    // B(3, 2) = (8/6) / (1 + 2 + 2 + 8/6) = 4/19
    expect(erlangB(3, 2)).toBeCloseTo(4 / 19, 15);
  });
});

describe('erlangC against published worked examples', () => {
  // Call Centre Helper, "Erlang C Formula – Made Simple With an Easy Worked Example": 100 calls per
  // 30 minutes (200/h), AHT 180 s, target 80 % answered within 20 s; traffic 10 Erlangs, starting at
  // N = 11 and adding agents until the target is met. The article's P(wait) at N = 11 is 68.21 % and
  // it settles on 14 agents (before shrinkage). Every figure below is also recomputed here from the
  // defining factorial sum and from SL = 1 − C·e^{−(N−A)t/AHT}, ASA = C·AHT/(N−A).
  const cch = { arrivalsPerHour: 200, ahtSeconds: 180, targetSeconds: 20 };

  it.each([
    [11, 0.6821, 0.3896, 122.78],
    [12, 0.4494, 0.6402, 40.44],
    [13, 0.2853, 0.7956, 17.12],
    [14, 0.1741, 0.8884, 7.84],
  ])('100 calls / 30 min, AHT 180 s, %i agents', (agents, pWait, serviceLevel, asa) => {
    const r = erlangC({ ...cch, agents });
    const c = directErlangC(10, agents);
    expect(r.pWait).toBeCloseTo(c, 12);
    expect(r.serviceLevel).toBeCloseTo(1 - c * Math.exp((-(agents - 10) * 20) / 180), 12);
    expect(r.asa).toBeCloseTo((c * 180) / (agents - 10), 9);
    expect(r.pWait).toBeCloseTo(pWait, 4);
    expect(r.serviceLevel).toBeCloseTo(serviceLevel, 4);
    expect(r.asa).toBeCloseTo(asa, 2);
    expect(r.occupancy).toBeCloseTo(10 / agents, 12);
    expect(r.pAbandon).toBe(0);
    expect(r.serviceLevelAnswered).toBe(r.serviceLevel);
  });

  it('needs 14 agents for 80 % within 20 s in that example', () => {
    expect(requiredAgents({ model: 'c', ...cch, serviceLevelTarget: 0.8 })).toBe(14);
  });

  it('360 calls per half hour, 4-minute calls, 55 agents, 15 s (the classic step-by-step example)', () => {
    // A = 720/h × 240 s = 48 Erlangs, occupancy 48/55 = 87.3 %. Recomputed independently.
    const r = erlangC({ arrivalsPerHour: 720, ahtSeconds: 240, agents: 55, targetSeconds: 15 });
    const c = directErlangC(48, 55);
    expect(r.offeredLoad).toBe(48);
    expect(r.occupancy).toBeCloseTo(0.8727, 4);
    expect(r.pWait).toBeCloseTo(c, 12);
    expect(r.pWait).toBeCloseTo(0.2387, 4);
    expect(r.asa).toBeCloseTo((c * 240) / 7, 9);
    expect(r.asa).toBeCloseTo(8.18, 2);
    expect(r.serviceLevel).toBeCloseTo(0.8459, 4);
  });
});

describe('erlangC closed forms and edge cases', () => {
  it('reduces to M/M/1 for one agent: P(W>0) = ρ, SL = 1 − ρe^{−(μ−λ)t}, ASA = ρ/(μ−λ)', () => {
    const lambda = 9 / 3600;
    const mu = 1 / 300;
    const rho = lambda / mu; // 0.75
    const r = erlangC({ arrivalsPerHour: 9, ahtSeconds: 300, agents: 1, targetSeconds: 60 });
    expect(r.pWait).toBeCloseTo(rho, 14);
    expect(r.serviceLevel).toBeCloseTo(1 - rho * Math.exp(-(mu - lambda) * 60), 14);
    expect(r.asa).toBeCloseTo(rho / (mu - lambda), 9);
  });

  it('is unstable when agents ≤ offered load: pWait 1, serviceLevel 0, asa Infinity', () => {
    for (const agents of [9, 10]) {
      const r = erlangC({ arrivalsPerHour: 200, ahtSeconds: 180, agents, targetSeconds: 20 });
      expect(r).toMatchObject({ isStable: false, pWait: 1, serviceLevel: 0, pAbandon: 0, occupancy: 1 });
      expect(r.asa).toBe(Number.POSITIVE_INFINITY);
    }
  });

  it('rejects non-positive and non-integer inputs with WORKFORCE_INVALID_PARAMETERS', () => {
    const ok = { arrivalsPerHour: 200, ahtSeconds: 180, agents: 12, targetSeconds: 20 };
    expectCode(
      () => erlangC({ ...ok, arrivalsPerHour: 0 }),
      'WORKFORCE_INVALID_PARAMETERS',
      'arrivalsPerHour',
    );
    expectCode(() => erlangC({ ...ok, ahtSeconds: -5 }), 'WORKFORCE_INVALID_PARAMETERS', 'ahtSeconds');
    expectCode(() => erlangC({ ...ok, agents: 0 }), 'WORKFORCE_INVALID_PARAMETERS', 'agents');
    expectCode(() => erlangC({ ...ok, agents: 2.5 }), 'WORKFORCE_INVALID_PARAMETERS', 'agents');
    expectCode(() => erlangC({ ...ok, targetSeconds: -1 }), 'WORKFORCE_INVALID_PARAMETERS', 'targetSeconds');
    expectCode(() => erlangC({ ...ok, arrivalsPerHour: Number.NaN }), 'WORKFORCE_INVALID_PARAMETERS');
    expectCode(
      () => erlangA({ ...ok, patienceSeconds: 0 }),
      'WORKFORCE_INVALID_PARAMETERS',
      'patienceSeconds',
    );
    expectCode(
      () => requiredAgents({ model: 'a', ...ok, serviceLevelTarget: 0.8 }),
      'WORKFORCE_INVALID_PARAMETERS',
      'patienceSeconds',
    );
    expectCode(
      () => requiredAgents({ model: 'c', ...ok, serviceLevelTarget: 1 }),
      'WORKFORCE_INVALID_PARAMETERS',
      'sl',
    );
    // target 0 is allowed: the share answered at once
    expect(erlangC({ ...ok, targetSeconds: 0 }).serviceLevel).toBeCloseTo(1 - directErlangC(10, 12), 12);
  });

  it('reports a load no allowed agent count can carry as WORKFORCE_TARGET_UNREACHABLE', () => {
    expectCode(
      () =>
        requiredAgents({
          model: 'c',
          arrivalsPerHour: LIMITS.arrivalsPerHour,
          ahtSeconds: 3600,
          targetSeconds: 20,
          serviceLevelTarget: 0.8,
        }),
      'WORKFORCE_TARGET_UNREACHABLE',
    );
  });
});

describe('large contact centers (5,000+ agents)', () => {
  // 58,800 calls/h at AHT 300 s = 4,900 Erlangs.
  const big = { arrivalsPerHour: 58_800, ahtSeconds: 300, targetSeconds: 20 };

  it('Erlang C stays finite, in [0, 1], equal to the log-space factorial sum, monotone in agents', () => {
    let previous = { pWait: 1, serviceLevel: 0, asa: Number.POSITIVE_INFINITY };
    for (let agents = 4_901; agents <= 5_200; agents += 1) {
      const r = erlangC({ ...big, agents });
      for (const v of [r.pWait, r.serviceLevel, r.occupancy]) {
        expect(Number.isFinite(v)).toBe(true);
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      }
      expect(r.pWait).toBeLessThan(previous.pWait);
      expect(r.serviceLevel).toBeGreaterThanOrEqual(previous.serviceLevel);
      expect(r.asa).toBeLessThan(previous.asa);
      previous = r;
    }
    for (const agents of [4_901, 4_950, 5_000, 5_100]) {
      expect(erlangC({ ...big, agents }).pWait).toBeCloseTo(logSpaceErlangC(4_900, agents), 10);
    }
    const needed = requiredAgents({ model: 'c', ...big, serviceLevelTarget: 0.8 });
    expect(erlangC({ ...big, agents: needed }).serviceLevel).toBeGreaterThanOrEqual(0.8);
    expect(erlangC({ ...big, agents: needed - 1 }).serviceLevel).toBeLessThan(0.8);
  });

  it('Erlang A stays finite, in [0, 1] and monotone from deep overload to overstaffing', () => {
    let previous = { pWait: 2, serviceLevel: -1, pAbandon: 2, asa: Number.POSITIVE_INFINITY };
    for (let agents = 3_000; agents <= 7_000; agents += 50) {
      const r = erlangA({ ...big, agents, patienceSeconds: 90 });
      for (const v of [r.pWait, r.serviceLevel, r.serviceLevelAnswered, r.pAbandon, r.occupancy]) {
        expect(Number.isFinite(v)).toBe(true);
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      }
      expect(Number.isFinite(r.asa)).toBe(true);
      expect(r.pWait).toBeLessThanOrEqual(previous.pWait);
      expect(r.pAbandon).toBeLessThanOrEqual(previous.pAbandon);
      expect(r.serviceLevel).toBeGreaterThanOrEqual(previous.serviceLevel);
      expect(r.asa).toBeLessThanOrEqual(previous.asa);
      previous = r;
    }
    // Deep overload: a fluid view says a share 1 − N/a of the calls must abandon.
    expect(erlangA({ ...big, agents: 3_000, patienceSeconds: 90 }).pAbandon).toBeCloseTo(
      1 - 3_000 / 4_900,
      3,
    );
  });

  it('Erlang A at 5,000 agents matches a direct log-space birth–death sum', () => {
    for (const [arrivalsPerHour, patienceSeconds] of [
      [58_800, 60], // below capacity: series branch
      [72_000, 60], // 6,000 Erlangs on 5,000 agents: continued-fraction branch
    ] as const) {
      const n = 5_000;
      const lambda = arrivalsPerHour / 3600;
      const mu = 1 / 300;
      const theta = 1 / patienceSeconds;
      const a = lambda / mu;
      // ln π_j (unnormalized): j ln a − ln j! up to N, then × λ/(Nμ + iθ) per waiting caller.
      const logs: number[] = [];
      let lnFact = 0;
      for (let j = 0; j <= n; j++) {
        if (j > 0) lnFact += Math.log(j);
        logs.push(j * Math.log(a) - lnFact);
      }
      for (let i = 1; i < 20_000; i++)
        logs.push((logs[logs.length - 1] as number) + Math.log(lambda / (n * mu + i * theta)));
      const max = Math.max(...logs);
      const pi = logs.map((l) => Math.exp(l - max));
      const total = pi.reduce((s, p) => s + p, 0);
      let pWait = 0;
      let queue = 0;
      let waitAnswered = 0;
      let harmonic = 0;
      for (let k = 0; n + k < pi.length; k++) {
        const p = (pi[n + k] as number) / total;
        harmonic += 1 / (n * mu + (k + 1) * theta);
        pWait += p;
        queue += k * p;
        waitAnswered += p * ((n * mu) / (n * mu + (k + 1) * theta)) * harmonic;
      }
      const pAbandon = (theta * queue) / lambda;
      const r = erlangA({ arrivalsPerHour, ahtSeconds: 300, agents: n, targetSeconds: 20, patienceSeconds });
      expect(r.pWait).toBeCloseTo(pWait, 9);
      expect(r.pAbandon).toBeCloseTo(pAbandon, 9);
      expect(r.asa / (waitAnswered / (1 - pAbandon))).toBeCloseTo(1, 8);
    }
  });

  it('computes required agents for 20,000-agent sites', () => {
    const huge = { arrivalsPerHour: 240_000, ahtSeconds: 300, targetSeconds: 20, serviceLevelTarget: 0.9 };
    const c = requiredAgents({ model: 'c', ...huge });
    const a = requiredAgents({ model: 'a', ...huge, patienceSeconds: 120 });
    expect(c).toBeGreaterThan(20_000);
    expect(c).toBeLessThan(20_200);
    expect(a).toBeLessThanOrEqual(c);
  });
});

describe('erlangA against the Markov chain', () => {
  const cases = [
    // [label, arrivals/h, AHT s, agents, patience s, target s]
    ['1 agent, light', 8, 300, 1, 180, 20],
    ['3 agents, overloaded (continued-fraction branch)', 60, 300, 3, 600, 30],
    ['5 agents, near capacity', 55, 300, 5, 120, 20],
    ['8 agents, impatient callers', 100, 240, 8, 45, 15],
    ['10 agents, patient callers', 110, 300, 10, 900, 60],
    ['11 agents, 100 calls / 30 min, AHT 180 s', 200, 180, 11, 120, 20],
  ] as const;

  it.each(cases)('%s', (_label, arrivalsPerHour, ahtSeconds, agents, patienceSeconds, targetSeconds) => {
    const exact = solveCtmc(
      { lambda: arrivalsPerHour / 3600, mu: 1 / ahtSeconds, theta: 1 / patienceSeconds, n: agents },
      targetSeconds,
    );
    expect(exact.truncationMass).toBeLessThan(1e-15);
    const r = erlangA({ arrivalsPerHour, ahtSeconds, agents, targetSeconds, patienceSeconds });
    expect(r.pWait).toBeCloseTo(exact.pWait, 10);
    expect(r.pAbandon).toBeCloseTo(exact.pAbandon, 10);
    expect(r.serviceLevel).toBeCloseTo(exact.serviceLevel, 9);
    expect(r.serviceLevelAnswered).toBeCloseTo(exact.serviceLevelAnswered, 9);
    expect(r.asa / exact.asa).toBeCloseTo(1, 9);
    expect(r.occupancy).toBeCloseTo(
      (((arrivalsPerHour * ahtSeconds) / 3600) * (1 - exact.pAbandon)) / agents,
      10,
    );
    // and at t = 0 the service level is the share answered at once
    expect(
      erlangA({ arrivalsPerHour, ahtSeconds, agents, targetSeconds: 0, patienceSeconds }).serviceLevel,
    ).toBeCloseTo(1 - exact.pWait, 10);
  });
});

describe('erlangA limits', () => {
  const base = { arrivalsPerHour: 200, ahtSeconds: 180, agents: 12, targetSeconds: 20 };

  it('tends to Erlang C as patience grows', () => {
    // Waiting callers wait AHT/(N − a) = 90 s on average here, so the first-order regime (gap ∝ 1/patience)
    // starts only once patience is well above that: the gap must shrink every decade, ≥ 5× over the last.
    const c = erlangC(base);
    const gaps = [86.4, 864, 8_640, 86_400].map((patienceSeconds) => {
      const a = erlangA({ ...base, patienceSeconds });
      return {
        probability: Math.max(
          Math.abs(a.pWait - c.pWait),
          Math.abs(a.serviceLevel - c.serviceLevel),
          a.pAbandon,
        ),
        asa: Math.abs(a.asa - c.asa) / c.asa,
      };
    });
    for (let i = 1; i < gaps.length; i++) {
      expect(gaps[i]?.probability).toBeLessThan(gaps[i - 1]?.probability as number);
      expect(gaps[i]?.asa).toBeLessThan(gaps[i - 1]?.asa as number);
    }
    expect(gaps[3]?.probability).toBeLessThan((gaps[2]?.probability as number) / 5);
    expect(gaps[3]?.asa).toBeLessThan((gaps[2]?.asa as number) / 5);
    expect(gaps[3]?.probability).toBeLessThan(2e-3);
    expect(gaps[3]?.asa).toBeLessThan(0.02);
  });

  it('tends to Erlang B as patience → 0 (the loss system: P(Ab) → B, SL → 1 − B)', () => {
    const a = erlangA({ ...base, patienceSeconds: 0.001 });
    const b = erlangB(12, 10);
    expect(a.pAbandon).toBeCloseTo(b, 5);
    expect(a.serviceLevel).toBeCloseTo(1 - b, 5);
  });

  it('needs no more agents than Erlang C for the same target when callers are patient', () => {
    const target = { arrivalsPerHour: 200, ahtSeconds: 180, targetSeconds: 20, serviceLevelTarget: 0.8 };
    const c = requiredAgents({ model: 'c', ...target });
    const a = requiredAgents({ model: 'a', ...target, patienceSeconds: 300 });
    expect(a).toBeLessThanOrEqual(c);
  });

  it('finds the smallest agent count, as a linear scan does', () => {
    const input = { arrivalsPerHour: 350, ahtSeconds: 240, targetSeconds: 15, patienceSeconds: 60 };
    for (const sl of [0.5, 0.8, 0.95]) {
      let scan = 1;
      while (erlangA({ ...input, agents: scan }).serviceLevel < sl) scan++;
      expect(requiredAgents({ model: 'a', ...input, serviceLevelTarget: sl })).toBe(scan);
    }
  });
});

describe('numerical building blocks', () => {
  it('logGamma matches known values', () => {
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
    expect(logGamma(1)).toBeCloseTo(0, 13);
    expect(logGamma(11)).toBeCloseTo(Math.log(3_628_800), 12);
  });

  it('A(x, y) agrees between its series and its continued fraction around y = x + 1', () => {
    // A(x, y) = Σ_k y^k/((x+1)…(x+k)), summed here naively where it converges fast.
    const naive = (x: number, y: number) => {
      let term = 1;
      let sum = 1;
      for (let k = 1; k < 100_000; k++) {
        term *= y / (x + k);
        sum += term;
      }
      return Math.log(sum);
    };
    for (const [x, y] of [
      [5, 5.999],
      [5, 6.001],
      [40, 45],
      [0.3, 2],
    ] as const) {
      expect(logA(x, y)).toBeCloseTo(naive(x, y), 11);
    }
  });
});

describe('messages', () => {
  it('has every workforce error code in en, zh-CN and vi', () => {
    for (const code of ['WORKFORCE_INVALID_PARAMETERS', 'WORKFORCE_TARGET_UNREACHABLE']) {
      for (const locale of ['en', 'zh-CN', 'vi'] as const) {
        expect(translate(code, locale, { field: 'agents', max: 1 })).not.toBe(code);
      }
    }
  });
});
