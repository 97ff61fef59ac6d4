/**
 * The branch lobby under a simulated day (issue #6): 200 branches × 10 counters × 500 tickets.
 *   npm run bench:branch                       # 60 s timed phase
 *   npm run bench:branch -- --seconds 30 --workers 8
 *   npm run bench:branch -- --branches 20 --seconds 10   # reduced scale while developing
 *   npm run bench:branch -- --explain                    # also EXPLAIN (ANALYZE, BUFFERS) the pick
 *
 * Part 1, estimator accuracy (no database, accelerated time): a discrete-event simulation of the
 * whole day in every branch — Poisson arrivals with a lunchtime peak, 4 services with lognormal
 * service times, 5 % VIP and 5 % legal-priority tickets, counters calling by priority, their service
 * order and age (the same order as the SQL). At each issue it records the baseline estimate
 * (people ahead × average service time so far) and Banyan's (`estimateWait`: work ahead shared by the
 * counters serving the service, EWMA service time, busy counters), then the actual wait; prints MAE.
 *
 * Part 2, the database (a fresh embedded PostgreSQL, or a throwaway database on DATABASE_URL):
 * 200 branches with their services, 10 open counters and a display device each; the day's tickets
 * loaded (300 served, 50 waiting per branch: 70,000 rows), then for `--seconds` `--workers`
 * loops call next + finish at random counters through the branch service while a kiosk loop issues
 * tickets; 200 display WebSockets (one per branch) on the HTTP server measure call → display
 * update. Every loop is bounded by time and count.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { once } from 'node:events';
import os from 'node:os';
import pg from 'pg';
import WebSocket from 'ws';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import {
  baselineWait,
  estimateWait,
  hashDeviceToken,
  nextEwma,
} from '../apps/server/src/modules/branch/index.ts';
import { createPool } from '../apps/server/src/platform/db.ts';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../apps/server/src/platform/embedded-pg.ts';
import { createLogger } from '../apps/server/src/platform/logger.ts';
import { mulberry32 } from '../apps/server/src/platform/random.ts';
import { type Actor, type Permission, type Scope, serviceActor } from '../apps/server/src/platform/rbac.ts';
import { migrateAll } from '../apps/server/src/runtime.ts';
import {
  assertNoPostgresLeft,
  bounded,
  check,
  makeDataDir,
  percentile,
  printChecks,
  printMachine,
  printTable,
  removeDataDir,
  round,
  writeResults,
} from './lib.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const BRANCHES = arg('branches') ? bounded(arg('branches'), 5, 1000) : 200;
const COUNTERS = 10;
const TICKETS = 500;
const SECONDS = arg('seconds') ? bounded(arg('seconds'), 10, 300) : 60;
const WORKERS = arg('workers') ? bounded(arg('workers'), 2, 32) : 8;
const log = createLogger({ level: 'silent' });

// ---------------------------------------------------------------------------------------------
// Part 1: the estimator in a simulated day (pure, accelerated time)

interface SimService {
  mean: number;
  sigma: number;
}
const SERVICES: SimService[] = [
  { mean: 180, sigma: 0.5 }, // cash
  { mean: 300, sigma: 0.6 }, // accounts & cards
  { mean: 900, sigma: 0.5 }, // loans
  { mean: 240, sigma: 0.5 }, // FX
];
/** Counter plans (service indexes in calling order), as the demo branches have them. */
const PLANS = [[0, 1], [0, 1], [0, 1], [0], [0, 3], [1, 0], [1, 0], [2, 1], [2], [3, 0]];
const SERVICE_MIX = [0.5, 0.3, 0.1, 0.1];

interface SimTicket {
  service: number;
  priority: number;
  issuedAt: number;
  calledAt: number | null;
  baseline: number;
  estimate: number;
}

function simulateBranch(seed: number): SimTicket[] {
  const random = mulberry32(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(random() || 1e-9)) * Math.cos(2 * Math.PI * random());
  const dayS = 8 * 3600;
  // Arrivals: 500 over the day, denser 11:00–13:00 (twice the rate): thinning of a Poisson process.
  const rate = (t: number) => (t > 3 * 3600 && t < 5 * 3600 ? 2 : 1);
  const base = TICKETS / (dayS * 1.25);
  const arrivals: number[] = [];
  for (let t = 0; arrivals.length < TICKETS; ) {
    t += -Math.log(random() || 1e-9) / (base * 2);
    if (t >= dayS) t = random() * dayS;
    if (random() < rate(t) / 2) arrivals.push(t);
  }
  arrivals.sort((a, b) => a - b);
  const tickets: SimTicket[] = [];
  const waiting: SimTicket[] = [];
  const busyUntil = new Array(COUNTERS).fill(0) as number[];
  const ewma = SERVICES.map((s) => s.mean);
  const served = SERVICES.map(() => ({ n: 0, total: 0 }));
  const draw = (service: number) => {
    const s = SERVICES[service] as SimService;
    return s.mean * Math.exp(s.sigma * gauss() - (s.sigma * s.sigma) / 2);
  };
  const order = (a: SimTicket, b: SimTicket) => b.priority - a.priority || a.issuedAt - b.issuedAt;
  // Counters free at `time` call the next ticket by priority, their service order, then age.
  const callAt = (time: number) => {
    for (let c = 0; c < COUNTERS; c++) {
      if ((busyUntil[c] as number) > time) continue;
      const plan = PLANS[c] as number[];
      let best: SimTicket | null = null;
      for (const t of waiting) {
        if (!plan.includes(t.service)) continue;
        if (
          !best ||
          t.priority > best.priority ||
          (t.priority === best.priority &&
            (plan.indexOf(t.service) < plan.indexOf(best.service) ||
              (plan.indexOf(t.service) === plan.indexOf(best.service) && t.issuedAt < best.issuedAt)))
        )
          best = t;
      }
      if (!best) continue;
      waiting.splice(waiting.indexOf(best), 1);
      best.calledAt = Math.max(time, busyUntil[c] as number);
      const took = draw(best.service);
      busyUntil[c] = best.calledAt + took;
      ewma[best.service] = nextEwma(ewma[best.service] as number, took);
      const s = served[best.service] as { n: number; total: number };
      s.n++;
      s.total += took;
    }
  };
  // Advance in 5-second steps of simulated time (accelerated: a day in milliseconds).
  let next = 0;
  for (let time = 0; time < dayS * 3 && (next < arrivals.length || waiting.length > 0); time += 5) {
    callAt(time);
    while (next < arrivals.length && (arrivals[next] as number) <= time) {
      const r = random();
      const priority = r < 0.05 ? 3 : r < 0.1 ? 2 : 0;
      let service = 0;
      for (let u = random(), i = 0; i < SERVICE_MIX.length; i++) {
        u -= SERVICE_MIX[i] as number;
        if (u <= 0) {
          service = i;
          break;
        }
      }
      const ticket: SimTicket = {
        service,
        priority,
        issuedAt: arrivals[next] as number,
        calledAt: null,
        baseline: 0,
        estimate: 0,
      };
      const ahead = waiting.filter(
        (w) =>
          w.service === service &&
          (w.priority > priority || (w.priority === priority && w.issuedAt <= ticket.issuedAt)),
      ).length;
      let servers = 0;
      let inService = 0;
      for (let c = 0; c < COUNTERS; c++) {
        const plan = PLANS[c] as number[];
        if (!plan.includes(service)) continue;
        servers += plan[0] === service ? 1 : 0.5;
        if ((busyUntil[c] as number) > time) inService++;
      }
      const s = served[service] as { n: number; total: number };
      ticket.baseline = baselineWait(ahead, s.n > 0 ? s.total / s.n : (SERVICES[service] as SimService).mean);
      ticket.estimate = estimateWait({
        ahead,
        ewmaServiceSeconds: ewma[service] as number,
        servers,
        inService,
      });
      waiting.push(ticket);
      tickets.push(ticket);
      next++;
    }
    waiting.sort(order);
  }
  return tickets;
}

function estimatorAccuracy() {
  const started = performance.now();
  let n = 0;
  let baselineError = 0;
  let estimateError = 0;
  let actualTotal = 0;
  for (let b = 0; b < BRANCHES; b++) {
    for (const t of simulateBranch(1000 + b)) {
      if (t.calledAt === null) continue;
      const actual = t.calledAt - t.issuedAt;
      n++;
      actualTotal += actual;
      baselineError += Math.abs(t.baseline - actual);
      estimateError += Math.abs(t.estimate - actual);
    }
  }
  return {
    tickets: n,
    meanActualWaitS: round(actualTotal / n),
    baselineMaeS: round(baselineError / n),
    banyanMaeS: round(estimateError / n),
    simulatedInMs: Math.round(performance.now() - started),
  };
}

// ---------------------------------------------------------------------------------------------
// Part 2: the database

const uuid = () => crypto.randomUUID();

async function setup(pool: pg.Pool) {
  const branches: {
    id: string;
    counters: string[];
    tellers: string[];
    services: string[];
    displayToken: string;
    kioskToken: string;
  }[] = [];
  const rows = {
    branches: [] as unknown[][],
    users: [] as unknown[][],
    services: [] as unknown[][],
    counters: [] as unknown[][],
    devices: [] as unknown[][],
  };
  for (let b = 0; b < BRANCHES; b++) {
    const id = uuid();
    const services = SERVICES.map(() => uuid());
    const counters = PLANS.map(() => uuid());
    const tellers = PLANS.map(() => uuid());
    const displayToken = `bdt_bench_display_${b}_${uuid()}`;
    const kioskToken = `bdt_bench_kiosk_${b}_${uuid()}`;
    rows.branches.push([id, `B${b}`, `Bench branch ${b}`]);
    services.forEach((s, i) => {
      rows.services.push([s, id, `s${i}`, 'ABCD'[i]]);
    });
    counters.forEach((c, i) => {
      rows.users.push([tellers[i], `bench.teller.${b}.${i}`, id]);
      rows.counters.push([
        c,
        id,
        i + 1,
        `{${(PLANS[i] as number[]).map((p) => services[p]).join(',')}}`,
        tellers[i],
      ]);
    });
    rows.devices.push(
      [uuid(), id, 'display', hashDeviceToken(displayToken)],
      [uuid(), id, 'kiosk', hashDeviceToken(kioskToken)],
    );
    branches.push({ id, counters, tellers, services, displayToken, kioskToken });
  }
  const insert = async (sql: string, values: unknown[][]) => {
    for (let i = 0; i < values.length; i += 500) {
      const chunk = values.slice(i, i + 500);
      const width = (chunk[0] as unknown[]).length;
      const placeholders = chunk.map(
        (_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(',')})`,
      );
      await pool.query(`${sql} VALUES ${placeholders.join(',')}`, chunk.flat());
    }
  };
  await insert(
    `INSERT INTO branches (id, code, name, city, country, time_zone)`,
    rows.branches.map(([id, code, name]) => [id, code, name, 'Hanoi', 'VN', 'Asia/Ho_Chi_Minh']),
  );
  await insert(
    `INSERT INTO users (id, username, display_name, password_hash, roles, branch_id)`,
    rows.users.map(([id, username, branchId]) => [id, username, username, 'x', '{branch_teller}', branchId]),
  );
  await insert(
    `INSERT INTO branch_services (id, branch_id, code, names, letter)`,
    rows.services.map(([id, branchId, code, letter]) => [
      id,
      branchId,
      code,
      JSON.stringify({ en: code }),
      letter,
    ]),
  );
  await insert(
    `INSERT INTO branch_counters (id, branch_id, number, service_ids, teller_id, is_open)`,
    rows.counters.map((r) => [...r, true]),
  );
  await insert(
    `INSERT INTO branch_devices (id, branch_id, kind, name, token_hash)`,
    rows.devices.map(([id, b, kind, hash]) => [id, b, kind, kind, hash]),
  );
  // The day so far: 300 served and 50 waiting tickets per branch (75 served per service; 25 waiting
  // for cash and for accounts), numbered per letter, 5 % VIP and 5 % legal priority.
  await pool.query(`
    INSERT INTO branch_tickets (id, branch_id, service_id, original_service_id, day, number, priority, status,
      issued_at, first_called_at, called_at, started_at, finished_at, public_token)
    SELECT gen_random_uuid(), s.branch_id, s.id, s.id, (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date,
      s.letter || lpad(g::text, 3, '0'), CASE WHEN g % 20 = 0 THEN 3 WHEN g % 20 = 1 THEN 2 ELSE 0 END,
      CASE WHEN g <= 75 THEN 'served' ELSE 'waiting' END,
      now() - make_interval(secs => (101 - g) * 240),
      CASE WHEN g <= 75 THEN now() - make_interval(secs => (101 - g) * 200) END,
      CASE WHEN g <= 75 THEN now() - make_interval(secs => (101 - g) * 200) END,
      CASE WHEN g <= 75 THEN now() - make_interval(secs => (101 - g) * 200) END,
      CASE WHEN g <= 75 THEN now() - make_interval(secs => (101 - g) * 200 - 180) END,
      md5(random()::text || g || s.id)
    FROM branch_services s, generate_series(1, 100) g
    WHERE g <= 75 OR s.letter IN ('A', 'B')`);
  await pool.query(`
    INSERT INTO branch_ticket_numbers (branch_id, day, letter, last_number)
    SELECT branch_id, day, left(number, 1), max(substr(number, 2)::int) FROM branch_tickets GROUP BY 1, 2, 3`);
  await pool.query('ANALYZE');
  const counts = (
    await pool.query(`SELECT status, count(*)::int AS n FROM branch_tickets GROUP BY status ORDER BY status`)
  ).rows;
  return { branches, counts };
}

function tellerActor(userId: string, branchId: string): Actor {
  return serviceActor({
    userId,
    username: userId,
    displayName: userId,
    roles: ['branch_teller'],
    permissions: new Map<Permission, Scope>([['branch.counter', 'branch']]),
    branchId,
  });
}

/**
 * Round trips per operation: every `Client.query` made inside `countTrips(…)` (BEGIN and COMMIT
 * included) is counted against that operation, even with other loops running at the same time.
 */
const tripScope = new AsyncLocalStorage<{ n: number }>();
{
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  (pg.Client.prototype as unknown as { query: unknown }).query = function (
    this: unknown,
    ...args: unknown[]
  ) {
    const scope = tripScope.getStore();
    if (scope) scope.n++;
    return original.apply(this, args);
  };
}
async function countTrips<T>(trips: number[], run: () => Promise<T>): Promise<T> {
  const scope = { n: 0 };
  try {
    return await tripScope.run(scope, run);
  } finally {
    trips.push(scope.n);
  }
}
const load = () => os.loadavg().map((x) => round(x, 2)) as [number, number, number];

/** BENCH_BRANCH_TRACE=1: time every statement by its first words (where a call spends its time). */
const trace = new Map<string, number[]>();
if (process.env.BENCH_BRANCH_TRACE === '1') {
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  (pg.Client.prototype as unknown as { query: unknown }).query = function (
    this: unknown,
    ...args: unknown[]
  ) {
    const first = args[0] as string | { text?: string };
    const text = (typeof first === 'string' ? first : (first?.text ?? '')).replace(/\s+/g, ' ').slice(0, 70);
    const t0 = performance.now();
    const result = original.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function')
      void (result as Promise<unknown>).then(
        () => trace.set(text, [...(trace.get(text) ?? []), performance.now() - t0]),
        () => undefined,
      );
    return result;
  };
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of call-next's pick at full scale, in a transaction rolled back (the
 * same WHERE and ORDER BY as `callNext` in branch.service.ts; the partial index it should use is
 * `branch_tickets_waiting_idx`, `WHERE status = 'waiting'`).
 */
async function explainPick(pool: pg.Pool, b: { id: string; counters: string[]; services: string[] }) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const calls = `{${b.services[0]},${b.services[1]}}`;
    const plan = await client.query(
      `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
       SELECT t.id FROM branch_tickets t
       WHERE t.branch_id = $1 AND t.status = 'waiting'
         AND ((t.counter_id IS NULL AND t.service_id = ANY ($2::uuid[])) OR t.counter_id = $3)
       ORDER BY (t.counter_id IS NOT NULL) DESC, t.priority DESC, array_position($2::uuid[], t.service_id),
         t.issued_at, t.id
       LIMIT 1 FOR UPDATE OF t SKIP LOCKED`,
      [b.id, calls, b.counters[0]],
    );
    process.stdout.write(
      `\n  EXPLAIN (ANALYZE, BUFFERS) of the pick:\n${plan.rows.map((r) => `    ${r['QUERY PLAN']}`).join('\n')}\n`,
    );
  } finally {
    await client.query('ROLLBACK');
    client.release();
  }
}

async function main() {
  printMachine();
  const loadAtStart = load();
  process.stdout.write(
    `load average (1, 5, 15 min) at start: ${loadAtStart.join(', ')} on ${os.availableParallelism()} CPUs — figures on a busy machine are not the product's\n`,
  );
  process.stdout.write(
    `\nPart 1: estimator, ${BRANCHES} branches × ${COUNTERS} counters × ${TICKETS} tickets, simulated\n`,
  );
  const accuracy = estimatorAccuracy();
  printTable('Estimated wait vs actual (seconds)', [
    { estimator: 'people ahead × average service time', MAE: accuracy.baselineMaeS },
    { estimator: 'Banyan (counters serving, EWMA, busy counters)', MAE: accuracy.banyanMaeS },
  ]);
  process.stdout.write(
    `  ${accuracy.tickets} tickets, mean actual wait ${accuracy.meanActualWaitS} s, simulated in ${accuracy.simulatedInMs} ms\n`,
  );

  let dataDir: string | null = null;
  let embedded: EmbeddedPostgres | null = null;
  let url: string;
  const adminUrl = process.env.DATABASE_URL ?? null;
  const benchDb = `banyan_bench_branch_${process.pid}`;
  if (adminUrl) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${benchDb}`);
    await admin.end();
    const u = new URL(adminUrl);
    u.pathname = `/${benchDb}`;
    url = u.toString();
  } else {
    dataDir = await makeDataDir();
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void embedded?.stop());
    embedded = await startEmbeddedPostgres({ dataDir, log, database: 'bench' });
    url = embedded.url;
  }
  const pool = createPool(url, WORKERS + 6);
  let result: Record<string, unknown> = {};
  const sockets: WebSocket[] = [];
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  try {
    await migrateAll(pool, log);
    const t0 = performance.now();
    const { branches, counts } = await setup(pool);
    process.stdout.write(
      `\nPart 2: database set up in ${round((performance.now() - t0) / 1000)} s: ${JSON.stringify(counts)}\n`,
    );
    const config = loadConfig(
      {},
      { databaseUrl: url, demoMode: false, runWorkers: false, webDistDir: '/nonexistent' },
    );
    app = await buildApp({ config, pool, log });
    await app.start();
    await app.http.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.http.server.address() as { port: number }).port;

    // One display per branch; call → display latency is measured from just before the call.
    // Keyed by counter: the start is set before the call, so an event that reaches the socket before
    // the call returns to its caller is still matched.
    const calledAt = new Map<string, number>();
    const displayMs: number[] = [];
    for (const b of branches) {
      const ws = new WebSocket(
        `ws://127.0.0.1:${port}/api/v1/branch/realtime?token=${encodeURIComponent(b.displayToken)}`,
      );
      ws.on('message', (raw) => {
        const message = JSON.parse(String(raw)) as { type: string; data?: { counterId: string } };
        if (message.type !== 'ticket.called' || !message.data) return;
        const start = calledAt.get(message.data.counterId);
        if (start !== undefined) {
          displayMs.push(performance.now() - start);
          calledAt.delete(message.data.counterId);
        }
      });
      sockets.push(ws);
      await once(ws, 'message');
    }
    process.stdout.write(`  ${sockets.length} display sockets ready\n`);

    // The floor on this machine now: one round trip of `SELECT 1` through the same pool.
    const pingMs: number[] = [];
    for (let i = 0; i < 200; i++) {
      const p0 = performance.now();
      await pool.query('SELECT 1');
      pingMs.push(performance.now() - p0);
    }
    // …and of one committed write (WAL flush): every call, finish and issue commits once.
    await pool.query('CREATE TABLE bench_commit_probe (x int)');
    const commitMs: number[] = [];
    for (let i = 0; i < 100; i++) {
      const p0 = performance.now();
      await pool.query('INSERT INTO bench_commit_probe VALUES ($1)', [i]);
      commitMs.push(performance.now() - p0);
    }
    process.stdout.write(
      `  SELECT 1 round trip: p50 ${round(percentile(pingMs, 50), 2)} ms, p99 ${round(percentile(pingMs, 99), 2)} ms; ` +
        `one-row committed INSERT: p50 ${round(percentile(commitMs, 50), 2)} ms, p99 ${round(percentile(commitMs, 99), 2)} ms\n`,
    );
    if (process.argv.includes('--explain')) await explainPick(pool, branches[0] as (typeof branches)[number]);
    const callMs: number[] = [];
    const finishMs: number[] = [];
    const issueMs: number[] = [];
    const callTrips: number[] = [];
    const finishTrips: number[] = [];
    const issueTrips: number[] = [];
    const random = mulberry32(42);
    const until = performance.now() + SECONDS * 1000;
    let empty = 0;
    let errors = 0;
    let firstError = '';
    const failed = (error: unknown) => {
      errors++;
      if (!firstError)
        firstError = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    };
    const service = app.branch;
    /** Counters a loop is working at (call … finish); the display wait is tracked apart in calledAt. */
    const atCounter = new Set<string>();
    const counterLoop = async () => {
      while (performance.now() < until) {
        const b = branches[Math.floor(random() * branches.length)] as (typeof branches)[number];
        const i = Math.floor(random() * COUNTERS);
        const actor = tellerActor(b.tellers[i] as string, b.id);
        const counterId = b.counters[i] as string;
        if (atCounter.has(counterId) || calledAt.has(counterId)) continue; // another loop is at this counter
        atCounter.add(counterId);
        try {
          const start = performance.now();
          calledAt.set(counterId, start);
          const ticket = await countTrips(callTrips, () => service.callNext(actor, counterId));
          callMs.push(performance.now() - start);
          if (!ticket) {
            calledAt.delete(counterId);
            empty++;
            continue;
          }
          const f0 = performance.now();
          await countTrips(finishTrips, () => service.finishService(actor, ticket.id));
          finishMs.push(performance.now() - f0);
        } catch (error) {
          calledAt.delete(counterId);
          failed(error);
        } finally {
          atCounter.delete(counterId);
        }
      }
    };
    const kioskLoop = async () => {
      while (performance.now() < until) {
        const b = branches[Math.floor(random() * branches.length)] as (typeof branches)[number];
        const device = await service.authenticateDevice(b.kioskToken, 'kiosk');
        const r = random();
        const start = performance.now();
        try {
          await countTrips(issueTrips, () =>
            service.issueTicket(device, {
              serviceId: b.services[Math.floor(random() * 2)] as string,
              ...(r < 0.05 ? { priorityGroup: 'elderly' as const } : {}),
            }),
          );
          issueMs.push(performance.now() - start);
        } catch (error) {
          failed(error);
        }
      }
    };
    const loadBefore = load();
    process.stdout.write(
      `  timed phase: ${WORKERS} counter loops + 1 kiosk loop for ${SECONDS} s (load average now ${loadBefore.join(', ')})…\n`,
    );
    const phaseStart = performance.now();
    await Promise.all([...Array.from({ length: WORKERS }, counterLoop), kioskLoop()]);
    const phaseS = (performance.now() - phaseStart) / 1000;
    const loadAfter = load();
    // Late display events: wait up to 5 s for the last ones.
    for (let waited = 0; calledAt.size > 0 && waited < 5000; waited += 100)
      await new Promise((r) => setTimeout(r, 100));
    const missed = calledAt.size;
    const stats = (xs: number[]) => ({
      n: xs.length,
      p50: round(percentile(xs, 50), 2),
      p95: round(percentile(xs, 95), 2),
      p99: round(percentile(xs, 99), 2),
      max: round(Math.max(...xs), 2),
    });
    const call = stats(callMs);
    const display = stats(displayMs);
    const trips = (xs: number[]) => (xs.length ? round(xs.reduce((a, b) => a + b, 0) / xs.length, 2) : 0);
    printTable('Latencies (ms) and database round trips per operation', [
      { step: 'call next (one statement)', ...call, trips: trips(callTrips) },
      { step: 'finish', ...stats(finishMs), trips: trips(finishTrips) },
      { step: 'issue ticket (kiosk)', ...stats(issueMs), trips: trips(issueTrips) },
      { step: 'call → display socket', ...display, trips: '-' },
    ]);
    process.stdout.write(
      `  load average (1, 5, 15 min): ${loadBefore.join(', ')} before the timed phase, ${loadAfter.join(', ')} after, on ${os.availableParallelism()} CPUs\n`,
    );
    process.stdout.write(
      `  ${round(callMs.length / phaseS)} calls/s, ${empty} calls found nobody, ${errors} errors, ${missed} display updates not seen within 5 s${firstError ? ` (first error: ${firstError})` : ''}\n`,
    );
    if (trace.size > 0)
      printTable(
        'Statements (ms)',
        [...trace.entries()]
          .map(([statement, xs]) => ({
            statement,
            n: xs.length,
            p50: round(percentile(xs, 50), 2),
            total: Math.round(xs.reduce((a, b) => a + b, 0)),
          }))
          .sort((a, b) => b.total - a.total)
          .slice(0, 15),
      );
    const checks = [
      check('call-next p99', call.p99, 'max', 20, 'ms'),
      check('call → display p99', display.p99, 'max', 200, 'ms'),
      check('Banyan MAE below baseline MAE', accuracy.banyanMaeS, 'max', accuracy.baselineMaeS, 's'),
    ];
    printChecks(checks);
    result = {
      scale: {
        branches: BRANCHES,
        counters: COUNTERS,
        ticketsPerBranch: TICKETS,
        seconds: SECONDS,
        workers: WORKERS,
      },
      accuracy,
      loaded: counts,
      loadAverage: { start: loadAtStart, beforeTimedPhase: loadBefore, afterTimedPhase: loadAfter },
      roundTrips: { callNext: trips(callTrips), finish: trips(finishTrips), issue: trips(issueTrips) },
      callNextMs: call,
      finishMs: stats(finishMs),
      issueMs: stats(issueMs),
      callToDisplayMs: display,
      callsPerS: round(callMs.length / phaseS),
      selectOneMs: { p50: round(percentile(pingMs, 50), 2), p99: round(percentile(pingMs, 99), 2) },
      committedInsertMs: { p50: round(percentile(commitMs, 50), 2), p99: round(percentile(commitMs, 99), 2) },
      emptyCalls: empty,
      errors,
      displayMissed: missed,
      checks,
    };
  } finally {
    for (const ws of sockets) ws.close();
    if (app) await app.stop().catch(() => undefined);
    await pool.end().catch(() => undefined);
    if (embedded) await embedded.stop();
    if (adminUrl) {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${benchDb} WITH (FORCE)`);
      await admin.end();
    }
    if (dataDir) await removeDataDir(dataDir);
  }
  if (dataDir) await assertNoPostgresLeft([dataDir]);
  await writeResults('branch', result);
}

await main();
