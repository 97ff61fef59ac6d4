import { AppError } from '../../platform/errors.ts';

/**
 * Staffing queues: Erlang C (M/M/N) and Erlang A (M/M/N+M, exponential patience). Pure functions,
 * numerically stable well past 5,000 agents: no factorials or powers, only the Erlang B recursion
 * and log-space sums. Formulas and definitions: ./README.md and docs/metrics.md.
 *
 * Units: arrivals per hour, every duration in seconds. `asa` is Infinity when Erlang C is unstable.
 */

export interface ErlangCInput {
  arrivalsPerHour: number;
  ahtSeconds: number;
  agents: number;
  /** The service-level threshold t: "answered within t seconds". 0 means "answered at once". */
  targetSeconds: number;
}

export interface ErlangAInput extends ErlangCInput {
  /** Mean patience 1/θ of a waiting caller. */
  patienceSeconds: number;
}

export interface ErlangResult {
  /** Offered load a = λ · AHT, in Erlangs. */
  offeredLoad: number;
  /** P(W > 0): an arriving call finds every agent busy. */
  pWait: number;
  /** Calls answered within t ÷ calls offered. For Erlang C every call is answered. */
  serviceLevel: number;
  /** Calls answered within t ÷ calls answered. Equals serviceLevel for Erlang C. */
  serviceLevelAnswered: number;
  /** Mean wait of ANSWERED calls, seconds (calls answered at once count as 0). Infinity when unstable. */
  asa: number;
  /** P(Ab): share of offered calls that hang up before an agent answers. 0 for Erlang C. */
  pAbandon: number;
  /** Mean share of agents busy: carried load ÷ agents = a · (1 − P(Ab)) / N, at most 1. */
  occupancy: number;
  /** Erlang C only has a steady state while a < N; Erlang A is always stable. */
  isStable: boolean;
}

export interface RequiredAgentsInput {
  model: 'c' | 'a';
  arrivalsPerHour: number;
  ahtSeconds: number;
  targetSeconds: number;
  /** Required for model 'a'. */
  patienceSeconds?: number;
  /** The service-level goal in (0, 1), e.g. 0.8 for "80 % within t"; Erlang A counts it against offered calls. */
  serviceLevelTarget: number;
}

/** Inputs beyond these are not a contact-center queue; they also bound the work per call. */
export const LIMITS = {
  arrivalsPerHour: 1_000_000,
  ahtSeconds: 86_400,
  agents: 200_000,
  targetSeconds: 86_400,
  patienceSeconds: 86_400,
} as const;

/**
 * Erlang B blocking probability for `agents` servers and `load` Erlangs, by the standard recursion
 * B(0) = 1, B(n) = a·B(n−1) / (n + a·B(n−1)) (e.g. Koole, "Call Center Optimization", 2013).
 * Every step stays in (0, 1]: nothing overflows; for N ≫ a it underflows to 0, which is the answer
 * to double precision.
 */
export function erlangB(agents: number, load: number): number {
  let b = 1;
  for (let n = 1; n <= agents; n++) b = (load * b) / (n + load * b);
  return b;
}

/**
 * Erlang C (M/M/N). With a = λ·AHT and B = erlangB(N, a):
 * C = P(W>0) = N·B / (N − a·(1 − B)); SL(t) = 1 − C·e^{−(N−a)·t/AHT}; ASA = C·AHT / (N − a)
 * (Gans, Koole & Mandelbaum 2003, "Telephone call centers: tutorial, review, and research
 * prospects", MSOM 5(2), §4.1). When N ≤ a there is no steady state: the queue grows without bound,
 * and we report pWait 1, serviceLevel 0, asa Infinity, occupancy 1.
 */
export function erlangC(input: ErlangCInput): ErlangResult {
  validate(input, false);
  const { ahtSeconds: aht, agents: n, targetSeconds: t } = input;
  const a = offeredLoad(input);
  if (a >= n) {
    return {
      offeredLoad: a,
      pWait: 1,
      serviceLevel: 0,
      serviceLevelAnswered: 0,
      asa: Number.POSITIVE_INFINITY,
      pAbandon: 0,
      occupancy: 1,
      isStable: false,
    };
  }
  const b = erlangB(n, a);
  const c = clamp01((n * b) / (n - a * (1 - b)));
  const serviceLevel = clamp01(1 - c * Math.exp((-(n - a) * t) / aht));
  return {
    offeredLoad: a,
    pWait: c,
    serviceLevel,
    serviceLevelAnswered: serviceLevel,
    asa: (c * aht) / (n - a),
    pAbandon: 0,
    occupancy: a / n,
    isStable: true,
  };
}

/**
 * Erlang A (M/M/N+M, Palm's model): Poisson arrivals λ, exponential handling μ = 1/AHT, N agents,
 * exponential patience θ = 1/patience, FCFS. Always stable.
 *
 * Notation of Garnett, Mandelbaum & Reiman 2002 ("Designing a call center with impatient customers",
 * MSOM 4(3)) and Mandelbaum & Zeltyn 2007 ("Service engineering in action: the Palm/Erlang-A queue",
 * §4): x = Nμ/θ, y = λ/θ, B = Erlang B(N, λ/μ) and
 *   A(x, y) = x·e^y·y^{−x}·γ(x, y) = Σ_{k≥0} y^k / ((x+1)(x+2)…(x+k)),   γ = lower incomplete gamma.
 * A(x,y) = Σ_k π_{N+k}/π_N is the queue's stationary mass relative to the all-busy state, so
 *   π_N = B / (1 − B + A·B),  P(W>0) = π_N·A,
 *   P(Ab) = π_N·Σ_k T_k·(k+1)/(x+k+1) = π_N·(1 + (y−x)/y·(A−1))     [= P(W>0)·(1/(ρA) + 1 − 1/ρ), ρ = y/x]
 * where T_k = y^k/∏_{i≤k}(x+i), and (k+1)θ/(Nμ+(k+1)θ) is the chance a caller arriving behind k
 * waiting callers abandons (M&Z 2007 eq. for P{Ab}; the positive series avoids cancellation).
 *
 * Service level (answered within t ÷ offered) = P(served) − P(served after waiting more than t).
 * The offered wait V has density π_N·Nμ·exp(λ·H(v) − Nμ·v) on v > 0, H(v) = (1−e^{−θv})/θ
 * (Baccelli & Hébuterne 1981; M&Z 2007 §4.7), and a caller is served iff patience > V, so
 *   P(served, V > t) = π_N · x/(x+1) · e^{λH(t) − (Nμ+θ)t} · A(x+1, y·e^{−θt})
 * (substitute u = y·e^{−θv} to get γ(x+1, ·)). All terms are positive and summed in log space.
 *
 * `asa` is the mean wait of ANSWERED calls (matching a report's "total wait of answered calls ÷
 * answered calls"): E[V; served]/P(served), with E[V; served] = π_N/θ · Σ_k T_k · x/(x+k+1) · Σ_{i=1}^{k+1} 1/(x+i)
 * (a caller behind k waits through k+1 exponential stages, each survived with odds (Nμ+iθ)/(Nμ+(i+1)θ)).
 * The mean wait of all offered calls, abandoned included, is P(Ab)·patience (Little's law).
 */
export function erlangA(input: ErlangAInput): ErlangResult {
  validate(input, true);
  const a = offeredLoad(input);
  const m = erlangAMeasures(input, { withAsa: true });
  const served = 1 - m.pAbandon;
  return {
    offeredLoad: a,
    pWait: m.pWait,
    serviceLevel: m.serviceLevel,
    serviceLevelAnswered: clamp01(m.serviceLevel / served),
    asa: m.asa,
    pAbandon: m.pAbandon,
    occupancy: Math.min(1, (a * served) / input.agents),
    isStable: true,
  };
}

/**
 * The fewest agents whose service level reaches `serviceLevelTarget` (Erlang C also needs N > a).
 * The service level rises with N in both models, so: exponential search for a sufficient N, then
 * bisection — about 2·log2(N) evaluations of O(N) each.
 */
export function requiredAgents(input: RequiredAgentsInput): number {
  const { model, serviceLevelTarget: target } = input;
  if (!(target > 0 && target < 1)) invalid('sl');
  const base = { ...input, agents: 1, patienceSeconds: input.patienceSeconds ?? Number.NaN };
  validate(base, model === 'a');
  const meets = (agents: number) => {
    const sl =
      model === 'c'
        ? erlangC({ ...base, agents }).serviceLevel
        : erlangAMeasures({ ...base, agents }, { withAsa: false }).serviceLevel;
    return sl >= target;
  };
  const start = model === 'c' ? Math.floor(offeredLoad(base)) + 1 : 1;
  if (start > LIMITS.agents) unreachable();
  if (meets(start)) return start;
  let low = start; // fails
  let high = start;
  for (let step = 1; ; step *= 2) {
    high = Math.min(start + step, LIMITS.agents);
    if (meets(high)) break;
    if (high === LIMITS.agents) unreachable();
    low = high;
  }
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (meets(mid)) high = mid;
    else low = mid;
  }
  return high;
}

export interface StaffingQuery {
  model?: 'c' | 'a';
  arrivalsPerHour: number;
  ahtSeconds: number;
  /** Optional when `required` is set: the measures are then those of the required count. */
  agents?: number;
  targetSeconds: number;
  /** Required for model 'a'. */
  patienceSeconds?: number;
  /** Also find the fewest agents reaching `sl`. */
  required?: boolean;
  /** Service-level target for `required`, in (0, 1); default 0.8. */
  sl?: number;
}

/** What the API and the CLI print: ErlangResult with `asa` null instead of Infinity (JSON has no ∞). */
export interface StaffingReport extends Omit<ErlangResult, 'asa'> {
  model: 'c' | 'a';
  agents: number;
  asa: number | null;
  requiredAgents: number | null;
  serviceLevelTarget: number | null;
}

/** One entry point for the route and the CLI: picks the model, the agent count and the target. */
export function planStaffing(query: StaffingQuery): StaffingReport {
  const model = query.model ?? 'c';
  const required = query.required ?? false;
  const sl = query.sl ?? 0.8;
  if (model === 'a' && query.patienceSeconds === undefined) invalid('patienceSeconds');
  if (!required && query.agents === undefined) invalid('agents');
  const base = {
    arrivalsPerHour: query.arrivalsPerHour,
    ahtSeconds: query.ahtSeconds,
    targetSeconds: query.targetSeconds,
    patienceSeconds: query.patienceSeconds ?? Number.NaN,
  };
  const needed = required ? requiredAgents({ ...base, model, serviceLevelTarget: sl }) : null;
  const agents = query.agents ?? (needed as number);
  const result = model === 'c' ? erlangC({ ...base, agents }) : erlangA({ ...base, agents });
  return {
    model,
    agents,
    ...result,
    asa: Number.isFinite(result.asa) ? result.asa : null,
    requiredAgents: needed,
    serviceLevelTarget: required ? sl : null,
  };
}

/** Offered load a = λ · AHT in Erlangs. */
export function offeredLoad(input: { arrivalsPerHour: number; ahtSeconds: number }): number {
  return (input.arrivalsPerHour * input.ahtSeconds) / 3600;
}

// ---------------------------------------------------------------------------------------------
// Erlang A internals

function erlangAMeasures(input: ErlangAInput, options: { withAsa: boolean }) {
  const { agents: n, ahtSeconds: aht, patienceSeconds: patience, targetSeconds: t } = input;
  const lambda = input.arrivalsPerHour / 3600;
  const theta = 1 / patience;
  const x = (n * patience) / aht; // Nμ/θ
  const y = lambda * patience; // λ/θ
  const b = erlangB(n, offeredLoad(input));
  const lnB = Math.log(b); // −Infinity when B underflows: then every queue measure is 0
  const lnA = logA(x, y);
  // ln π_N = ln B − ln(1 − B + A·B)
  const lnPiN = lnB - logAddExp(Math.log1p(-b), lnA + lnB);
  const pWait = clamp01(Math.exp(lnPiN + lnA));
  const pAbandon = clamp01(Math.exp(lnPiN + logAbandonSum(x, y, lnA)));
  // P(served after waiting more than t)
  const z = y * Math.exp(-theta * t);
  const lnLate =
    lnPiN + Math.log(x / (x + 1)) + y * -Math.expm1(-theta * t) - t * (n / aht + theta) + logA(x + 1, z);
  const serviceLevel = clamp01(1 - pAbandon - Math.exp(lnLate));
  const asa = options.withAsa
    ? (Math.exp(lnPiN + logServedWaitSum(x, y)) * patience) / (1 - pAbandon)
    : Number.NaN;
  return { pWait, pAbandon, serviceLevel, asa };
}

const EPSILON = 1e-17;
const MAX_TERMS = 50_000_000;

/**
 * ln A(x, y), A(x,y) = x·e^y·y^{−x}·γ(x,y) = Γ(x+1)·e^y·y^{−x}·(1 − Q(x,y)), Q the regularized
 * upper incomplete gamma. Press et al., "Numerical Recipes" 3rd ed. §6.2: the power series
 * (Abramowitz & Stegun 6.5.29) while y < x + 1 — here directly Σ y^k/((x+1)…(x+k)), every term ≤ 1 —
 * else Q by its continued fraction (A&S 6.5.31, modified Lentz), whose prefactor is taken in logs.
 */
export function logA(x: number, y: number): number {
  if (y === 0) return 0;
  if (y < x + 1) {
    let term = 1;
    let sum = 1;
    for (let k = 1; k < MAX_TERMS; k++) {
      term *= y / (x + k);
      sum += term;
      if (term < sum * EPSILON) return Math.log(sum);
    }
    throw new Error(`incomplete gamma series did not converge (x=${x}, y=${y})`);
  }
  const tiny = 1e-300;
  let bk = y + 1 - x;
  let c = 1 / tiny;
  let d = 1 / bk;
  let h = d;
  for (let i = 1; i < MAX_TERMS; i++) {
    const an = -i * (i - x);
    bk += 2;
    d = an * d + bk;
    if (Math.abs(d) < tiny) d = tiny;
    c = bk + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) {
      const lnQ = -y + x * Math.log(y) - logGamma(x) + Math.log(h);
      return logGamma(x + 1) + y - x * Math.log(y) + Math.log1p(-Math.exp(lnQ));
    }
  }
  throw new Error(`incomplete gamma continued fraction did not converge (x=${x}, y=${y})`);
}

/** ln Σ_k T_k·(k+1)/(x+k+1) = ln(P(Ab)/π_N). */
function logAbandonSum(x: number, y: number, lnA: number): number {
  if (y >= x + 1) {
    // = 1 + (y−x)/y·(A−1); with y > x both parts are positive, A − 1 ≥ y/(x+1) ≥ 1.
    const lnAm1 = lnA + Math.log1p(-Math.exp(-lnA));
    return logAddExp(0, Math.log((y - x) / y) + lnAm1);
  }
  return logWeightedSum(x, y, (k) => (k + 1) / (x + k + 1));
}

/** ln Σ_k T_k · x/(x+k+1) · Σ_{i=1}^{k+1} 1/(x+i)  (= θ·E[V; served]/π_N). */
function logServedWaitSum(x: number, y: number): number {
  let harmonic = 0;
  let lastK = -1;
  return logWeightedSum(x, y, (k, first) => {
    if (first) harmonic = k === 0 ? 1 / (x + 1) : digamma(x + k + 2) - digamma(x + 1);
    else {
      for (let i = lastK + 2; i <= k + 1; i++) harmonic += 1 / (x + i);
    }
    lastK = k;
    return (x / (x + k + 1)) * harmonic;
  });
}

/**
 * ln Σ_{k≥0} T_k·w(k), T_k = y^k/∏_{i≤k}(x+i), with slowly varying weights 0 < w ≤ k+2. log T_k is
 * concave in k with its peak near k* = y − x − 1 and curvature ≈ −1/(x+k), so terms more than
 * 12·√(x+k*) away from the peak are below e^{−70} of it: we sum only that window, in log space,
 * which keeps heavy overload (y ≫ x) at O(√y) work.
 */
function logWeightedSum(x: number, y: number, w: (k: number, first: boolean) => number): number {
  const peak = Math.max(0, Math.floor(y - x - 1));
  const halfWidth = Math.ceil(12 * Math.sqrt(x + peak + 1)) + 10;
  const k0 = Math.max(0, peak - halfWidth);
  let lnT = k0 === 0 ? 0 : k0 * Math.log(y) + logGamma(x + 1) - logGamma(x + k0 + 1);
  let scale = lnT;
  let sum = 0;
  for (let k = k0; k < k0 + MAX_TERMS; k++) {
    if (k > k0) lnT += Math.log(y / (x + k));
    const weight = w(k, k === k0);
    if (lnT > scale) {
      sum = sum * Math.exp(scale - lnT) + weight;
      scale = lnT;
    } else sum += weight * Math.exp(lnT - scale);
    const ratio = y / (x + k + 1);
    // Past the peak the terms fall geometrically (ratio < 1), the weights at most linearly.
    if (ratio < 1 && k > peak) {
      const rest = (Math.exp(lnT - scale) * (k + 3)) / (1 - ratio) ** 2;
      if (rest < sum * EPSILON) return scale + Math.log(sum);
    }
  }
  throw new Error(`Erlang A series did not converge (x=${x}, y=${y})`);
}

/** ln Γ(z), z > 0: shift to z ≥ 10, then Stirling's series (Abramowitz & Stegun 6.1.41). */
export function logGamma(z: number): number {
  let shift = 0;
  let v = z;
  while (v < 10) {
    shift -= Math.log(v);
    v += 1;
  }
  const v2 = v * v;
  const series =
    (1 / v) *
    (1 / 12 - (1 / v2) * (1 / 360 - (1 / v2) * (1 / 1260 - (1 / v2) * (1 / 1680 - 1 / (1188 * v2)))));
  return shift + (v - 0.5) * Math.log(v) - v + 0.5 * Math.log(2 * Math.PI) + series;
}

/** ψ(z), z > 0: shift to z ≥ 10, then the asymptotic series (Abramowitz & Stegun 6.3.18). */
function digamma(z: number): number {
  let shift = 0;
  let v = z;
  while (v < 10) {
    shift -= 1 / v;
    v += 1;
  }
  const v2 = v * v;
  const series = (1 / v2) * (1 / 12 - (1 / v2) * (1 / 120 - (1 / v2) * (1 / 252 - 1 / (240 * v2))));
  return shift + Math.log(v) - 1 / (2 * v) - series;
}

// ---------------------------------------------------------------------------------------------

function logAddExp(p: number, q: number): number {
  if (p === Number.NEGATIVE_INFINITY) return q;
  if (q === Number.NEGATIVE_INFINITY) return p;
  return Math.max(p, q) + Math.log1p(Math.exp(-Math.abs(p - q)));
}

function clamp01(v: number): number {
  return Math.min(1, Math.max(0, v));
}

function validate(input: ErlangAInput | ErlangCInput, needsPatience: boolean): void {
  const positive = (field: keyof typeof LIMITS, value: number | undefined) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > LIMITS[field])
      invalid(field);
  };
  positive('arrivalsPerHour', input.arrivalsPerHour);
  positive('ahtSeconds', input.ahtSeconds);
  if (!Number.isInteger(input.agents) || input.agents < 1 || input.agents > LIMITS.agents) invalid('agents');
  const t = input.targetSeconds;
  if (!Number.isFinite(t) || t < 0 || t > LIMITS.targetSeconds) invalid('targetSeconds');
  if (needsPatience) positive('patienceSeconds', (input as ErlangAInput).patienceSeconds);
}

function invalid(field: string): never {
  throw new AppError('WORKFORCE_INVALID_PARAMETERS', 400, `invalid ${field}`, { field });
}

function unreachable(): never {
  throw new AppError('WORKFORCE_TARGET_UNREACHABLE', 422, undefined, { max: LIMITS.agents });
}
