/**
 * The ACD under load (issue #3): 2,000 available agents (chat capacity 3), 5,000 waiting contacts in
 * 4 queues, 4 concurrent routers calling `routing.routeOnce(queueId)` directly (no HTTP), each on
 * its own pool of 2 connections, in this process (default) or in 4 child processes (`--processes`).
 *   npm run bench:routing
 *   npm run bench:routing -- --processes      # stricter: 4 router processes
 * Phase 1: routers only (offers pile up). Phase 2: the same data again, and a 5th loop accepts every
 * offer while the routers run. A fresh embedded PostgreSQL in a temporary directory, or a throwaway
 * database on DATABASE_URL (created and dropped). BENCH_ROUTING_EXPLAIN=1 prints the plans of one
 * decision (auto_explain, ANALYZE) on the loaded data; BENCH_ROUTING_EXPLAIN_WARMUP=n (≤ 100) makes n
 * decisions on that connection first, to see the plans a session keeps. Every loop and wait is bounded.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createRoutingService, type Offer } from '../apps/server/src/modules/routing/index.ts';
import { createAudit } from '../apps/server/src/platform/audit.ts';
import { systemClock } from '../apps/server/src/platform/clock.ts';
import { createDb, createPool } from '../apps/server/src/platform/db.ts';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../apps/server/src/platform/embedded-pg.ts';
import { createEvents } from '../apps/server/src/platform/events.ts';
import { systemIds } from '../apps/server/src/platform/ids.ts';
import { createLogger } from '../apps/server/src/platform/logger.ts';
import { mulberry32 } from '../apps/server/src/platform/random.ts';
import { migrateAll } from '../apps/server/src/runtime.ts';
import {
  assertNoPostgresLeft,
  check,
  machineBusySeconds,
  makeDataDir,
  percentile,
  postgresProcesses,
  printChecks,
  printMachine,
  printTable,
  removeDataDir,
  round,
  writeResults,
} from './lib.ts';

const AGENTS = 2000;
const CAPACITY = 3;
const CONTACTS = 5000;
const ROUTERS = 4;
const POOL_PER_ROUTER = 2;
/** Each phase stops when every contact is offered, when routers see nothing, or after this long. */
const PHASE_LIMIT_MS = 60_000;
/** A router stops after this many rounds of queues in a row in which it found nobody. */
const EMPTY_ROUNDS_TO_STOP = 5;
const MAX_DECISIONS_PER_ROUTER = 20_000;
const log = createLogger({ level: 'silent' });
/** The PostgreSQL error under drizzle's "Failed query" wrapper: message, constraint, code. */
function describe(error: unknown): string {
  const cause = (error as { cause?: { message?: string; constraint?: string; code?: string } }).cause;
  if (cause?.message) return `${cause.message}${cause.code ? ` (${cause.code})` : ''}`;
  return error instanceof Error ? (error.message.split('\n')[0] as string) : String(error);
}
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * CPU seconds of a process including its exited, reaped children (utime + stime + cutime + cstime):
 * backends of a pool that closed during the phase move into their postmaster's cutime.
 */
async function cpuWithChildren(pid: number | 'self'): Promise<number> {
  const text = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  if (!text) return 0;
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return [11, 12, 13, 14].reduce((total, i) => total + Number(fields[i]), 0) / 100;
}

async function cpuNow(dataDir: string | null): Promise<{ bench: number; postgres: number }> {
  let postgres = 0;
  if (dataDir) for (const pid of await postgresProcesses(dataDir)) postgres += await cpuWithChildren(pid);
  return { bench: await cpuWithChildren('self'), postgres };
}

// ---------------------------------------------------------------------------------------------
// One router: round-robin over the queues, one decision at a time, each timed

interface RouterResult {
  router: number;
  offers: number;
  nobody: number;
  errors: string[];
  activeMs: number;
  latenciesMs: number[];
}

function makeRouting(url: string, poolSize: number) {
  const pool = createPool(url, poolSize);
  const db = createDb(pool);
  const events = createEvents({ db, pool, ids: systemIds, clock: systemClock, log });
  return {
    pool,
    routing: createRoutingService({
      db,
      ids: systemIds,
      clock: systemClock,
      events,
      audit: createAudit({ db, clock: systemClock, ids: systemIds }),
    }),
  };
}

/** Decisions per routing transaction (1 = one contact per transaction, as `routeOnce`). */
const BATCH = Math.max(1, Number(process.env.BENCH_ROUTING_BATCH ?? 25));

async function runRouter(
  url: string,
  router: number,
  queueIds: string[],
  options: { deadline: number; onOffer?: (offer: Offer) => void; done: () => boolean },
): Promise<RouterResult> {
  const { pool, routing } = makeRouting(url, POOL_PER_ROUTER);
  const result: RouterResult = { router, offers: 0, nobody: 0, errors: [], activeMs: 0, latenciesMs: [] };
  const started = performance.now();
  let emptyInARow = 0;
  try {
    for (let i = 0; i < MAX_DECISIONS_PER_ROUTER; i++) {
      if (options.done() || Date.now() > options.deadline) break;
      if (emptyInARow >= EMPTY_ROUNDS_TO_STOP * queueIds.length) break;
      const queueId = queueIds[(router + i) % queueIds.length] as string;
      const t0 = performance.now();
      let offers: Offer[] = [];
      try {
        // One routing transaction: BENCH_ROUTING_BATCH decisions (the router loop's own setting
        // is 25); its latency is how long each contact in it waited for its decision.
        offers = await routing.routeBatch(queueId, BATCH);
      } catch (error) {
        if (result.errors.length < 20) result.errors.push(describe(error));
      }
      result.latenciesMs.push(performance.now() - t0);
      if (offers.length > 0) {
        result.offers += offers.length;
        emptyInARow = 0;
        for (const offer of offers) options.onOffer?.(offer);
      } else {
        result.nobody++;
        emptyInARow++;
      }
    }
  } finally {
    result.activeMs = performance.now() - started;
    await pool.end();
  }
  return result;
}

/** `--router <n> <url> <deadline> <queueIds…>`: one router in a child process; prints its result. */
async function childRouter(args: string[]): Promise<void> {
  const [n, url, deadline, ...queueIds] = args as [string, string, string, ...string[]];
  const result = await runRouter(url, Number(n), queueIds, { deadline: Number(deadline), done: () => false });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function spawnRouter(
  url: string,
  router: number,
  queueIds: string[],
  deadline: number,
): Promise<RouterResult> {
  const self = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', self, '--router', String(router), url, String(deadline), ...queueIds],
      { stdio: ['ignore', 'pipe', 'pipe'], cwd: path.dirname(path.dirname(self)) },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err = (err + chunk.toString('utf8')).slice(-2000);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), deadline - Date.now() + 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`router ${router} exited with ${code}: ${err}`));
      resolve(JSON.parse(out.trim().split('\n').pop() as string) as RouterResult);
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The data: skills, queues, agents, contacts, in bulk

/** Deterministic pseudo-random numbers, so every run routes the same data. */
const random = mulberry32;

const pick = <T>(rand: () => number, weighted: [T, number][]): T => {
  let x = rand() * weighted.reduce((total, [, w]) => total + w, 0);
  for (const [value, w] of weighted) {
    x -= w;
    if (x < 0) return value;
  }
  return (weighted[weighted.length - 1] as [T, number])[0];
};

interface Setup {
  queues: { id: string; code: string }[];
  skillIds: Record<string, string>;
}

const step = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
  const t0 = performance.now();
  process.stdout.write(`  ${label}…`);
  const value = await work();
  process.stdout.write(` ${Math.round(performance.now() - t0)} ms\n`);
  return value;
};

async function setup(pool: pg.Pool): Promise<Setup> {
  const rand = random(20261122);
  const skillIds: Record<string, string> = {};
  await step('skills and queues', async () => {
    for (const code of ['vi', 'en', 'zh', 'cards']) {
      skillIds[code] = crypto.randomUUID();
      await pool.query('INSERT INTO skills (id, code, name) VALUES ($1, $2, $3)', [
        skillIds[code],
        `bench_${code}`,
        `Bench ${code}`,
      ]);
    }
  });
  const queueSkills: [string, string[]][] = [
    ['chat_vi', ['vi']],
    ['chat_en', ['en']],
    ['chat_zh', ['zh']],
    ['cards_vi', ['vi', 'cards']],
  ];
  const queues: Setup['queues'] = [];
  for (const [code, skills] of queueSkills) {
    const id = crypto.randomUUID();
    queues.push({ id, code });
    const required = skills.map((s) => ({ skillId: skillIds[s], minProficiency: 3 }));
    // Offers never expire during the bench (nothing calls expireOffers); max_size above the load.
    await pool.query(
      `INSERT INTO routing_queues (id, code, name, channels, required_skills, offer_timeout_seconds, max_size)
       VALUES ($1, $2, $2, '{chat}', $3, 600, 10000)`,
      [id, `bench_${code}`, JSON.stringify(required)],
    );
  }

  // Agents: a main language (vi 45 %, en 30 %, zh 25 %) at proficiency 2–5 (10 % below the
  // minimum of 3), a second language for 30 %, the cards skill for 40 % of Vietnamese speakers.
  const agentIds: string[] = [];
  const skillRows = { user: [] as string[], skill: [] as string[], proficiency: [] as number[] };
  const proficiency = () =>
    pick(rand, [
      [2, 10],
      [3, 35],
      [4, 35],
      [5, 20],
    ]);
  for (let i = 0; i < AGENTS; i++) {
    const id = crypto.randomUUID();
    agentIds.push(id);
    const main = pick(rand, [
      ['vi', 45],
      ['en', 30],
      ['zh', 25],
    ]);
    const skills = new Map([[main, proficiency()]]);
    if (rand() < 0.3) {
      const other = pick(
        rand,
        (['vi', 'en', 'zh'] as const).filter((l) => l !== main).map((l): [string, number] => [l, 1]),
      );
      skills.set(other, proficiency());
    }
    if ((skills.get('vi') ?? 0) >= 3 && rand() < 0.4) skills.set('cards', proficiency());
    for (const [skill, p] of skills) {
      skillRows.user.push(id);
      skillRows.skill.push(skillIds[skill] as string);
      skillRows.proficiency.push(p);
    }
  }
  await step(`${AGENTS.toLocaleString('en-US')} agents (available, chat capacity ${CAPACITY})`, async () => {
    await pool.query(
      `INSERT INTO routing_agent_states (user_id, state, since, idle_since)
       SELECT u, 'available', now(), now() - make_interval(secs => (n * 0.7)::float8)
         FROM unnest($1::uuid[]) WITH ORDINALITY AS t(u, n)`,
      [agentIds],
    );
    await pool.query(
      `INSERT INTO routing_agent_channels (user_id, channel, capacity)
       SELECT u, c.channel, CASE c.channel WHEN 'chat' THEN $2::int ELSE 1 END
         FROM unnest($1::uuid[]) AS u CROSS JOIN (VALUES ('chat'), ('voice')) AS c(channel)`,
      [agentIds, CAPACITY],
    );
  });
  await step(`${skillRows.user.length.toLocaleString('en-US')} agent skills`, () =>
    pool.query(
      `INSERT INTO routing_agent_skills (user_id, skill_id, proficiency)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::smallint[])`,
      [skillRows.user, skillRows.skill, skillRows.proficiency],
    ),
  );
  await insertContacts(pool, queues, queueSkills, skillIds, rand);
  await step('ANALYZE', () => pool.query('ANALYZE'));
  return { queues, skillIds };
}

/** 5,000 waiting contacts: vi 35 %, en 30 %, zh 20 %, cards 15 %; priorities 0/10/20/30. */
async function insertContacts(
  pool: pg.Pool,
  queues: Setup['queues'],
  queueSkills: [string, string[]][],
  skillIds: Record<string, string>,
  rand: () => number,
): Promise<void> {
  const rows = {
    id: [] as string[],
    ref: [] as string[],
    queue: [] as string[],
    priority: [] as number[],
    skills: [] as string[],
    language: [] as string[],
    ageS: [] as number[],
  };
  for (let i = 0; i < CONTACTS; i++) {
    const q = pick(rand, [
      [0, 35],
      [1, 30],
      [2, 20],
      [3, 15],
    ]);
    const [code, skills] = queueSkills[q] as [string, string[]];
    rows.id.push(crypto.randomUUID());
    rows.ref.push(crypto.randomUUID());
    rows.queue.push((queues[q] as { id: string }).id);
    rows.priority.push(
      pick(rand, [
        [0, 55],
        [10, 25],
        [20, 12],
        [30, 8],
      ]),
    );
    rows.skills.push(JSON.stringify(skills.map((s) => ({ skillId: skillIds[s], minProficiency: 3 }))));
    rows.language.push(code.endsWith('_en') ? 'en' : code.endsWith('_zh') ? 'zh' : 'vi');
    // Enqueued over the last 10 minutes (aging adds a point a minute).
    rows.ageS.push(Math.round(rand() * 600_000) / 1000);
  }
  const chunk = 1000;
  await step(`${CONTACTS.toLocaleString('en-US')} waiting contacts`, async () => {
    for (let from = 0; from < CONTACTS; from += chunk) {
      const slice = <T>(values: T[]) => values.slice(from, from + chunk);
      await pool.query(
        `INSERT INTO routing_work_items (id, kind, ref_id, queue_id, channel, priority, required_skills, language,
           status, enqueued_at)
         SELECT id, 'conversation', ref, queue, 'chat', priority, skills, language, 'waiting',
                now() - make_interval(secs => age)
           FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[], $5::jsonb[], $6::text[], $7::float8[])
             AS t(id, ref, queue, priority, skills, language, age)`,
        [
          slice(rows.id),
          slice(rows.ref),
          slice(rows.queue),
          slice(rows.priority),
          slice(rows.skills),
          slice(rows.language),
          slice(rows.ageS),
        ],
      );
      process.stdout.write(` ${Math.min(CONTACTS, from + chunk)}`);
    }
    process.stdout.write(' …');
  });
}

/** Back to the state after setup: every contact waiting again, every agent free, no events. */
async function reset(pool: pg.Pool): Promise<void> {
  await step('reset: contacts waiting, agents free, outbox empty', async () => {
    await pool.query(`UPDATE routing_work_items SET status = 'waiting', offered_to = NULL, offer_expires_at = NULL,
      offer_count = 0, assigned_to = NULL, assigned_at = NULL, version = 1`);
    await pool.query('UPDATE routing_agent_channels SET load = 0');
    await pool.query(
      "UPDATE routing_agent_states SET state = 'available', missed_offers = 0, idle_since = now() - make_interval(secs => random() * 1400)",
    );
    await pool.query('TRUNCATE outbox');
    await pool.query('VACUUM ANALYZE routing_work_items, routing_agent_states, routing_agent_channels');
  });
}

/** Per queue: contacts, and agents who qualify (an upper bound, as agents share their capacity). */
async function eligibility(pool: pg.Pool, queues: Setup['queues']) {
  const { rows } = await pool.query(
    `SELECT q.code, (SELECT count(*)::int FROM routing_work_items w WHERE w.queue_id = q.id) AS contacts,
       (SELECT count(*)::int FROM routing_agent_states a WHERE NOT EXISTS (
          SELECT 1 FROM jsonb_to_recordset(q.required_skills) AS r("skillId" uuid, "minProficiency" int)
           WHERE NOT EXISTS (SELECT 1 FROM routing_agent_skills s WHERE s.user_id = a.user_id
                             AND s.skill_id = r."skillId" AND s.proficiency >= r."minProficiency"))) AS agents
       FROM routing_queues q WHERE q.id = ANY($1::uuid[]) ORDER BY q.code`,
    [queues.map((q) => q.id)],
  );
  return rows as { code: string; contacts: number; agents: number }[];
}

// ---------------------------------------------------------------------------------------------
// Checks after a phase

async function finalChecks(pool: pg.Pool) {
  const one = async (text: string) => ((await pool.query(text)).rows[0] ?? {}) as Record<string, number>;
  const events = await one(`SELECT count(*)::int AS events, count(DISTINCT payload->>'itemId')::int AS items
      FROM outbox WHERE type = 'routing.offered'`);
  const twice = await one(`SELECT count(*)::int AS n FROM (SELECT payload->>'itemId' FROM outbox
      WHERE type = 'routing.offered' GROUP BY 1 HAVING count(*) > 1) d`);
  const status = await one(`SELECT count(*) FILTER (WHERE status = 'waiting')::int AS waiting,
      count(*) FILTER (WHERE status = 'offered')::int AS offered,
      count(*) FILTER (WHERE status = 'assigned')::int AS assigned FROM routing_work_items`);
  const loads = await one(`SELECT count(*) FILTER (WHERE c.load > c.capacity)::int AS over,
      count(*) FILTER (WHERE c.load <> h.held)::int AS mismatched, coalesce(sum(c.load), 0)::int AS load
      FROM routing_agent_channels c CROSS JOIN LATERAL (SELECT count(*)::int AS held FROM routing_work_items w
        WHERE w.channel = c.channel AND ((w.status = 'offered' AND w.offered_to = c.user_id)
                                      OR (w.status = 'assigned' AND w.assigned_to = c.user_id))) h`);
  // Contacts left waiting although some agent who qualifies still has room: the router gave up early.
  const missed = await one(`SELECT count(*)::int AS n FROM routing_work_items w WHERE w.status = 'waiting'
      AND EXISTS (SELECT 1 FROM routing_agent_states a
        JOIN routing_agent_channels c ON c.user_id = a.user_id AND c.channel = w.channel AND c.load < c.capacity
       WHERE a.state = 'available' AND NOT EXISTS (
         SELECT 1 FROM jsonb_to_recordset(w.required_skills) AS r("skillId" uuid, "minProficiency" int)
          WHERE NOT EXISTS (SELECT 1 FROM routing_agent_skills s WHERE s.user_id = a.user_id
                            AND s.skill_id = r."skillId" AND s.proficiency >= r."minProficiency")))`);
  return {
    offeredEvents: events.events ?? 0,
    itemsWithOfferedEvent: events.items ?? 0,
    itemsOfferedMoreThanOnce: twice.n ?? 0,
    waiting: status.waiting ?? 0,
    offered: status.offered ?? 0,
    assigned: status.assigned ?? 0,
    agentChannelsOverCapacity: loads.over ?? 0,
    agentChannelsLoadMismatch: loads.mismatched ?? 0,
    totalLoad: loads.load ?? 0,
    waitingWithRoomLeft: missed.n ?? 0,
  };
}

// ---------------------------------------------------------------------------------------------
// A phase: 4 routers (and optionally the accepting loop), then the checks

interface Phase {
  name: string;
  wallMs: number;
  lastOfferMs: number;
  offers: number;
  nobody: number;
  decisions: number;
  errors: string[];
  perRouter: RouterResult[];
  accepts?: { accepted: number; failed: number; errors: string[]; latenciesMs: number[] };
  cpu: { benchNode: number; postgres: number; otherProcesses: number };
  checks: Awaited<ReturnType<typeof finalChecks>>;
}

async function runPhase(
  name: string,
  url: string,
  dataDir: string | null,
  pool: pg.Pool,
  queueIds: string[],
  options: { processes: boolean; accept: boolean },
): Promise<Phase> {
  process.stdout.write(
    `\n${name}: ${ROUTERS} routers (${options.processes ? 'child processes' : 'async loops in this process'}, ` +
      `${POOL_PER_ROUTER} connections each)${options.accept ? ' + 1 loop accepting every offer' : ''}…\n`,
  );
  const cpuBefore = await cpuNow(dataDir);
  const machineBefore = await machineBusySeconds();
  const deadline = Date.now() + PHASE_LIMIT_MS;
  const started = performance.now();
  let offered = 0;
  let lastOfferMs = 0;
  const pending: Offer[] = [];
  const onOffer = (offer: Offer) => {
    offered++;
    lastOfferMs = performance.now() - started;
    if (options.accept) pending.push(offer);
  };
  const done = () => offered >= CONTACTS;
  const progress = setInterval(() => {
    process.stdout.write(`  ${Math.round((performance.now() - started) / 1000)} s: ${offered} offers\n`);
  }, 5000);

  let routersRunning = true;
  const acceptLoop = async () => {
    const { pool: acceptPool, routing } = makeRouting(url, 2);
    const stats = { accepted: 0, failed: 0, errors: [] as string[], latenciesMs: [] as number[] };
    try {
      for (let i = 0; i < CONTACTS * 2 && Date.now() < deadline + 10_000; i++) {
        const offer = pending.shift();
        if (!offer) {
          if (!routersRunning) break;
          await sleep(1);
          continue;
        }
        const t0 = performance.now();
        try {
          await routing.accept(offer.agentId, offer.itemId);
          stats.accepted++;
        } catch (error) {
          stats.failed++;
          if (stats.errors.length < 20) stats.errors.push(describe(error));
        }
        stats.latenciesMs.push(performance.now() - t0);
      }
    } finally {
      await acceptPool.end();
    }
    return stats;
  };
  const accepting = options.accept ? acceptLoop() : null;

  let perRouter: RouterResult[];
  try {
    perRouter = await Promise.all(
      Array.from({ length: ROUTERS }, (_, r) =>
        options.processes
          ? spawnRouter(url, r, queueIds, deadline)
          : runRouter(url, r, queueIds, { deadline, onOffer, done }),
      ),
    );
  } finally {
    routersRunning = false;
    clearInterval(progress);
  }
  if (options.processes) {
    offered = perRouter.reduce((total, r) => total + r.offers, 0);
    lastOfferMs = Math.max(...perRouter.map((r) => r.activeMs));
  }
  const accepts = accepting ? await accepting : undefined;
  const wallMs = performance.now() - started;
  const cpuAfter = await cpuNow(dataDir);
  const machineAfter = await machineBusySeconds();
  const seconds = wallMs / 1000;
  const benchNode = (cpuAfter.bench - cpuBefore.bench) / seconds;
  const postgres = (cpuAfter.postgres - cpuBefore.postgres) / seconds;
  const checks = await finalChecks(pool);
  return {
    name,
    wallMs,
    lastOfferMs,
    offers: perRouter.reduce((total, r) => total + r.offers, 0),
    nobody: perRouter.reduce((total, r) => total + r.nobody, 0),
    decisions: perRouter.reduce((total, r) => total + r.latenciesMs.length, 0),
    errors: perRouter.flatMap((r) => r.errors),
    perRouter,
    ...(accepts ? { accepts } : {}),
    cpu: {
      benchNode: round(benchNode, 2),
      postgres: round(postgres, 2),
      // With DATABASE_URL, PostgreSQL is not ours to measure: it counts as "other processes".
      otherProcesses: round(Math.max(0, (machineAfter - machineBefore) / seconds - benchNode - postgres), 2),
    },
    checks,
  };
}

const latencyRow = (label: string, values: number[], extra: Record<string, string | number>) => ({
  router: label,
  ...extra,
  'p50 ms': round(percentile(values, 50), 2),
  'p95 ms': round(percentile(values, 95), 2),
  'p99 ms': round(percentile(values, 99), 2),
  'max ms': round(Math.max(...values), 1),
});

function printPhase(phase: Phase): void {
  const all = phase.perRouter.flatMap((r) => r.latenciesMs);
  const rate = phase.offers / (phase.lastOfferMs / 1000);
  printTable(
    `${phase.name}: ${phase.offers.toLocaleString('en-US')} offers in ${round(phase.lastOfferMs / 1000, 2)} s ` +
      `(stopped at ${round(phase.wallMs / 1000, 2)} s); CPU in cores: bench ${phase.cpu.benchNode}, ` +
      `postgres ${phase.cpu.postgres}, other processes ${phase.cpu.otherProcesses}`,
    [
      ...phase.perRouter.map((r) =>
        latencyRow(String(r.router + 1), r.latenciesMs, {
          decisions: r.latenciesMs.length,
          offers: r.offers,
          nobody: r.nobody,
          errors: r.errors.length,
          'offers/s': Math.round(r.offers / (r.activeMs / 1000)),
        }),
      ),
      latencyRow('all', all, {
        decisions: phase.decisions,
        offers: phase.offers,
        nobody: phase.nobody,
        errors: phase.errors.length,
        'offers/s': Math.round(rate),
      }),
    ],
  );
  if (phase.accepts) {
    const a = phase.accepts;
    process.stdout.write(
      `  accepts: ${a.accepted} accepted, ${a.failed} failed; latency p50 ${round(percentile(a.latenciesMs, 50), 2)} ms, ` +
        `p99 ${round(percentile(a.latenciesMs, 99), 2)} ms, max ${round(Math.max(...a.latenciesMs, 0), 1)} ms\n`,
    );
  }
  const c = phase.checks;
  process.stdout.write(
    `  after: ${c.waiting} waiting, ${c.offered} offered, ${c.assigned} assigned; ${c.offeredEvents} routing.offered ` +
      `events for ${c.itemsWithOfferedEvent} contacts (${c.itemsOfferedMoreThanOnce} offered more than once); ` +
      `${c.agentChannelsOverCapacity} agents over capacity, ${c.agentChannelsLoadMismatch} with load ≠ contacts held; ` +
      `${c.waitingWithRoomLeft} left waiting although a qualified agent had room\n`,
  );
  for (const e of phase.errors.slice(0, 5)) process.stdout.write(`  error: ${e}\n`);
}

// ---------------------------------------------------------------------------------------------
// Phase 3: contacts arrive at the target rate and routers decide as they come (open loop)

/** Contacts per second in phase 3: the target throughput, not the saturation point. */
const PACED_RATE = Number(process.env.BENCH_ROUTING_RATE ?? 1000);
/** Routers in phase 3: one per server process (`createRouter`); 2 = two processes' worth. */
const PACED_ROUTERS = Math.max(1, Number(process.env.BENCH_ROUTING_PACED_ROUTERS ?? 2));
const FEED_EVERY_MS = 10;

interface Paced {
  rate: number;
  routers: number;
  arrived: number;
  offers: number;
  wallMs: number;
  /** Routing transactions that made at least one offer: the decisions. */
  decisionMs: number[];
  /** Every routing transaction, including the ones that found nobody waiting. */
  transactions: number;
  /** From a contact's arrival (enqueued_at) to its offer, read from the rows afterwards. */
  arrivalToOfferMs: number[];
  errors: string[];
  checks: Awaited<ReturnType<typeof finalChecks>>;
}

async function runPaced(url: string, pool: pg.Pool, queueIds: string[]): Promise<Paced> {
  process.stdout.write(
    `\nPhase 3, arrivals at ${PACED_RATE}/s: ${CONTACTS.toLocaleString('en-US')} contacts fed every ${FEED_EVERY_MS} ms, ` +
      `${PACED_ROUTERS} router loop(s) deciding as they come…\n`,
  );
  // The same contacts as phases 1–2, fed back at the arrival rate as new contacts (new ids).
  await pool.query(`DROP TABLE IF EXISTS bench_arrivals;
    CREATE TABLE bench_arrivals AS SELECT row_number() OVER (ORDER BY id) AS n, * FROM routing_work_items`);
  await endContacts(pool);
  const deadline = Date.now() + PHASE_LIMIT_MS;
  const started = performance.now();
  let arrived = 0;
  let offers = 0;
  const decisionMs: number[] = [];
  let transactions = 0;
  const errors: string[] = [];
  const feeder = (async () => {
    const perTick = Math.max(1, Math.round((PACED_RATE * FEED_EVERY_MS) / 1000));
    for (let tick = 0; arrived < CONTACTS && Date.now() < deadline; tick++) {
      // Open loop: each tick's contacts arrive on schedule, whatever the routers are doing.
      const due = started + tick * FEED_EVERY_MS;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const from = arrived + 1;
      const to = Math.min(CONTACTS, arrived + perTick);
      await pool.query(
        `INSERT INTO routing_work_items (id, kind, ref_id, queue_id, channel, priority, required_skills, language,
           status, enqueued_at)
         SELECT gen_random_uuid(), kind, ref_id, queue_id, channel, priority, required_skills, language, 'waiting',
                clock_timestamp()
           FROM bench_arrivals WHERE n BETWEEN $1 AND $2`,
        [from, to],
      );
      arrived = to;
    }
  })();
  const router = async (r: number) => {
    const { pool: own, routing } = makeRouting(url, POOL_PER_ROUTER);
    let idleAfterArrivals = 0;
    try {
      for (let i = 0; offers < CONTACTS && Date.now() < deadline && i < MAX_DECISIONS_PER_ROUTER * 4; i++) {
        let found = 0;
        for (let q = 0; q < queueIds.length; q++) {
          const queueId = queueIds[(r + q) % queueIds.length] as string;
          const t0 = performance.now();
          try {
            const made = await routing.routeBatch(queueId, 25);
            transactions++;
            if (made.length > 0) {
              decisionMs.push(performance.now() - t0);
              offers += made.length;
              found += made.length;
            }
          } catch (error) {
            if (errors.length < 20) errors.push(describe(error));
          }
        }
        // Nothing waiting anywhere: the process's router would sleep until the next `queued` event.
        if (found === 0) {
          // Everyone has arrived and a few passes found nobody: what is left has no qualified agent with room.
          if (arrived >= CONTACTS && ++idleAfterArrivals >= EMPTY_ROUNDS_TO_STOP * 10) break;
          await sleep(1);
        } else idleAfterArrivals = 0;
      }
    } finally {
      await own.end();
    }
  };
  const progress = setInterval(() => {
    process.stdout.write(
      `  ${Math.round((performance.now() - started) / 1000)} s: ${arrived} arrived, ${offers} offered\n`,
    );
  }, 2000);
  try {
    await Promise.all([feeder, ...Array.from({ length: PACED_ROUTERS }, (_, r) => router(r))]);
  } finally {
    clearInterval(progress);
  }
  const wallMs = performance.now() - started;
  // The offer's time is its expiry less the queue's 600 s offer timeout.
  const { rows } = await pool.query<{ ms: number }>(
    `SELECT extract(epoch FROM (offer_expires_at - interval '600 seconds' - enqueued_at)) * 1000 AS ms
       FROM routing_work_items WHERE status = 'offered'`,
  );
  const checks = await finalChecks(pool);
  await pool.query('DROP TABLE bench_arrivals');
  return {
    rate: PACED_RATE,
    routers: PACED_ROUTERS,
    arrived,
    offers,
    wallMs,
    decisionMs,
    transactions,
    arrivalToOfferMs: rows.map((row) => Math.max(0, Number(row.ms))),
    errors,
    checks,
  };
}

function printPaced(p: Paced): void {
  printTable(
    `Phase 3: ${p.arrived.toLocaleString('en-US')} arrivals at ${p.rate}/s, ${p.offers.toLocaleString('en-US')} offers in ` +
      `${round(p.wallMs / 1000, 2)} s by ${p.routers} router loop(s); ${p.transactions.toLocaleString('en-US')} routing ` +
      `transactions, ${p.decisionMs.length.toLocaleString('en-US')} of them made offers`,
    [
      latencyRow('decision (transaction with offers)', p.decisionMs, { n: p.decisionMs.length }),
      latencyRow('arrival → offer', p.arrivalToOfferMs, { n: p.arrivalToOfferMs.length }),
    ],
  );
  const c = p.checks;
  process.stdout.write(
    `  after: ${c.waiting} waiting, ${c.offered} offered; ${c.itemsOfferedMoreThanOnce} offered more than once; ` +
      `${c.agentChannelsOverCapacity} agents over capacity, ${c.agentChannelsLoadMismatch} with load ≠ contacts held\n`,
  );
  for (const e of p.errors.slice(0, 5)) process.stdout.write(`  error: ${e}\n`);
}

// ---------------------------------------------------------------------------------------------
// Plans of one decision (BENCH_ROUTING_EXPLAIN=1), with auto_explain on one connection

async function explainOneDecision(url: string, queueId: string): Promise<string[]> {
  const { pool, routing } = makeRouting(url, 1);
  const notices: string[] = [];
  // Decisions on the same connection first (its only one), so the plans shown are the ones the
  // session keeps: PL/pgSQL plans a cached statement for its values the first 5 times.
  const warmup = Math.max(0, Number(process.env.BENCH_ROUTING_EXPLAIN_WARMUP ?? 0) || 0);
  try {
    for (let i = 0; i < Math.min(warmup, 100); i++) await routing.routeOnce(queueId);
    if (warmup)
      notices.push(`${Math.min(warmup, 100)} decisions on this connection before the one explained`);
    const client = await pool.connect();
    client.on('notice', (n) => notices.push(n.message ?? ''));
    await client.query(`LOAD 'auto_explain'`);
    await client.query(`SET auto_explain.log_min_duration = 0; SET auto_explain.log_analyze = on;
      SET auto_explain.log_buffers = on; SET auto_explain.log_timing = on; SET auto_explain.log_level = notice;
      SET auto_explain.log_nested_statements = on`);
    client.release();
    const t0 = performance.now();
    await routing.routeOnce(queueId);
    notices.push(`routeOnce took ${round(performance.now() - t0, 2)} ms with auto_explain on`);
  } finally {
    await pool.end();
  }
  return notices;
}

// ---------------------------------------------------------------------------------------------
// `--profile`: phase 3's decisions one at a time on one connection, measured by what does not
// depend on the machine's load (the backend's CPU, the round trips), then where the time goes

/**
 * Every contact ended, every agent free, no events: the contacts stay in the table as a server's
 * history does. (Phase 3 used to TRUNCATE the table, so the routers' sessions kept plans made for an
 * empty table, e.g. a sequential scan to update the offered contacts, while it grew to 5,000 rows.)
 */
async function endContacts(pool: pg.Pool): Promise<void> {
  await pool.query(`UPDATE routing_work_items SET status = 'ended', ended_at = now(), offered_to = NULL,
      offer_expires_at = NULL, assigned_to = NULL WHERE status <> 'ended'`);
  await pool.query('UPDATE routing_agent_channels SET load = 0');
  await pool.query('TRUNCATE outbox');
  await pool.query(
    'VACUUM ANALYZE routing_work_items, routing_agent_channels, routing_agent_states, routing_agent_skills',
  );
}

/** CPU seconds (utime + stime) of one process, from /proc: waiting for a core does not count. */
async function processCpu(pid: number): Promise<number> {
  const text = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  if (!text) return Number.NaN;
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * Contacts arrive as in phase 3 (10 at a time, the same 5,000 fed back) and after each arrival one
 * router calls `routeBatch(queue, 25)` on each queue in turn, on a pool of one connection. Reported:
 * the backend's CPU per call and per decision (a call that made offers), the round trips per call
 * (one: the function), PostgreSQL's own time in `routing_decide` and `routing_lock_agents`
 * (`track_functions`), wall time per decision with the load average; then, for a second pass of
 * `BENCH_ROUTING_PROFILE_EXPLAIN` calls (default 200), the mean duration of each statement inside the
 * function (auto_explain without ANALYZE, nested statements).
 */
async function profileDecisions(url: string, pool: pg.Pool, queueIds: string[]): Promise<void> {
  const explainCalls = Math.max(0, Number(process.env.BENCH_ROUTING_PROFILE_EXPLAIN ?? 200) || 0);
  await pool.query(`DROP TABLE IF EXISTS bench_arrivals;
    CREATE TABLE bench_arrivals AS SELECT row_number() OVER (ORDER BY id) AS n, * FROM routing_work_items`);
  await endContacts(pool);
  const { pool: own, routing } = makeRouting(url, 1);
  const feed = async (from: number, to: number) =>
    pool.query(
      `INSERT INTO routing_work_items (id, kind, ref_id, queue_id, channel, priority, required_skills, language,
         status, enqueued_at)
       SELECT gen_random_uuid(), kind, ref_id, queue_id, channel, priority, required_skills, language, 'waiting',
              clock_timestamp()
         FROM bench_arrivals WHERE n BETWEEN $1 AND $2`,
      [from, to],
    );
  try {
    const client = await own.connect();
    const pid = Number((await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid);
    await client.query(`SET track_functions = 'pl'`);
    // BENCH_ROUTING_PROFILE_SQL: settings to try on the router's connection (e.g. plan_cache_mode).
    if (process.env.BENCH_ROUTING_PROFILE_SQL) await client.query(process.env.BENCH_ROUTING_PROFILE_SQL);
    client.release();
    // The backend's pid, for `perf record -p` during the measured pass.
    process.stdout.write(`  router backend pid ${pid}\n`);
    const pass = async (contacts: number) => {
      const wall: number[] = [];
      let calls = 0;
      let offers = 0;
      let arrived = 0;
      await own.query('SELECT pg_stat_clear_snapshot()');
      const before = await own.query(
        `SELECT funcname, calls, total_time, self_time FROM pg_stat_user_functions`,
      );
      const cpu0 = await processCpu(pid);
      while (arrived < contacts) {
        const to = Math.min(contacts, arrived + 10);
        await feed(arrived + 1, to);
        arrived = to;
        for (const queueId of queueIds) {
          const t0 = performance.now();
          const made = await routing.routeBatch(queueId, 25);
          calls++;
          if (made.length > 0) {
            wall.push(performance.now() - t0);
            offers += made.length;
          }
        }
      }
      const cpu = (await processCpu(pid)) - cpu0;
      // Function statistics reach the view at the end of each transaction; a fresh snapshot.
      await own.query('SELECT pg_stat_clear_snapshot()');
      const after = await own.query(
        `SELECT funcname, calls, total_time, self_time FROM pg_stat_user_functions`,
      );
      const fn = (name: string) => {
        const a = after.rows.find((r) => r.funcname === name);
        const b = before.rows.find((r) => r.funcname === name);
        return {
          calls: Number(a?.calls ?? 0) - Number(b?.calls ?? 0),
          totalMs: Number(a?.total_time ?? 0) - Number(b?.total_time ?? 0),
        };
      };
      return { calls, offers, wall, cpu, decide: fn('routing_decide'), lock: fn('routing_lock_agents') };
    };
    // Warm-up: the session's plans (PL/pgSQL plans a statement for its values the first 5 times).
    await pass(200);
    await endContacts(pool);
    const load0 = (await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' ');
    const p = await pass(CONTACTS);
    const load1 = (await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' ');
    const decisions = p.wall.length;
    printTable(
      `Profile: ${p.calls} calls of routeBatch(queue, 25) on one connection as ${CONTACTS} contacts arrive 10 at a time; ` +
        `${decisions} made offers (${p.offers} offers, ${round(p.offers / Math.max(1, decisions), 1)} a call); ` +
        `load average ${load0} → ${load1}`,
      [
        { measure: 'round trips per call', value: 1 },
        { measure: 'backend CPU per call (ms)', value: round((p.cpu * 1000) / p.calls, 3) },
        {
          measure: 'backend CPU per decision, calls without offers included (ms)',
          value: round((p.cpu * 1000) / Math.max(1, decisions), 3),
        },
        {
          measure: 'routing_decide time per call, in PostgreSQL (ms)',
          value: round(p.decide.totalMs / Math.max(1, p.decide.calls), 3),
        },
        {
          measure: 'routing_lock_agents calls, time per call (ms)',
          value: `${p.lock.calls}, ${round(p.lock.totalMs / Math.max(1, p.lock.calls), 3)}`,
        },
        {
          measure: 'decision wall p50 / p95 / p99 (ms)',
          value: `${round(percentile(p.wall, 50), 2)} / ${round(percentile(p.wall, 95), 2)} / ${round(percentile(p.wall, 99), 2)}`,
        },
      ],
    );
    if (explainCalls > 0) {
      await endContacts(pool);
      const durations = new Map<string, { n: number; ms: number }>();
      const scans = new Map<string, string>();
      const c = await own.connect();
      const onNotice = (n: { message?: string }) => {
        const m = /duration: ([\d.]+) ms\s+plan:\s*\n\s*Query Text: ([^\n]*)/.exec(n.message ?? '');
        if (!m) return;
        const key = (m[2] as string).trim().slice(0, 70);
        // A plan that scans a whole table, once per statement: worth reading.
        if (/Seq Scan|Hash Join/.test(n.message ?? '') && !scans.has(key)) scans.set(key, n.message ?? '');
        const d = durations.get(key) ?? { n: 0, ms: 0 };
        d.n++;
        d.ms += Number(m[1]);
        durations.set(key, d);
      };
      c.on('notice', onNotice);
      await c.query(`LOAD 'auto_explain'`);
      await c.query(`SET auto_explain.log_min_duration = 0; SET auto_explain.log_analyze = off;
        SET auto_explain.log_level = notice; SET auto_explain.log_nested_statements = on`);
      c.release();
      let calls = 0;
      let arrived = 0;
      while (calls < explainCalls && arrived < CONTACTS) {
        await feed(arrived + 1, arrived + 10);
        arrived += 10;
        for (const queueId of queueIds) {
          await routing.routeBatch(queueId, 25);
          calls++;
        }
      }
      const c2 = await own.connect();
      c2.off('notice', onNotice);
      await c2.query('SET auto_explain.log_min_duration = -1');
      c2.release();
      printTable(
        `Where a call's time goes: ${calls} calls, auto_explain durations (no ANALYZE), mean per call`,
        [...durations.entries()]
          .sort((a, b) => b[1].ms - a[1].ms)
          .slice(0, 12)
          .map(([statement, d]) => ({ statement, runs: d.n, 'ms per call': round(d.ms / calls, 3) })),
      );
      for (const plan of scans.values())
        process.stdout.write(`\nA plan with a sequential scan or a hash join:\n${plan}\n`);
    }
  } finally {
    await own.end();
    await pool.query('DROP TABLE IF EXISTS bench_arrivals');
  }
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  printMachine();
  const processes = process.argv.includes('--processes');
  const profile = process.argv.includes('--profile');
  let dataDir: string | null = null;
  let embedded: EmbeddedPostgres | null = null;
  let adminUrl: string | null = null;
  let url: string;
  const benchDb = `banyan_bench_routing_${process.pid}`;
  const t0 = performance.now();
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${benchDb}`);
    await admin.end();
    const u = new URL(adminUrl);
    u.pathname = `/${benchDb}`;
    url = u.toString();
    process.stdout.write(`database: throwaway ${benchDb} on DATABASE_URL\n`);
  } else {
    dataDir = await makeDataDir();
    // lib's Ctrl-C handler removes the directory; this one stops our PostgreSQL first (SIGINT to it).
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void embedded?.stop());
    embedded = await step(`embedded PostgreSQL in ${dataDir}`, () =>
      startEmbeddedPostgres({ dataDir: dataDir as string, log, database: 'bench' }),
    );
    url = embedded.url;
  }
  const pool = createPool(url, 4);
  const phases: Phase[] = [];
  let eligible: Awaited<ReturnType<typeof eligibility>> = [];
  let plans: string[] = [];
  let paced: Paced | null = null;
  try {
    await step('migrations', () => migrateAll(pool, log));
    const { queues } = await setup(pool);
    process.stdout.write(`  set up in ${round((performance.now() - t0) / 1000, 1)} s\n`);
    eligible = await eligibility(pool, queues);
    printTable(
      'Queues: contacts, and agents who qualify (they share their 3 chat slots between queues)',
      eligible.map((e) => ({ queue: e.code, contacts: e.contacts, 'qualified agents': e.agents })),
    );
    const queueIds = queues.map((q) => q.id);
    if (profile) {
      await profileDecisions(url, pool, queueIds);
      // BENCH_ROUTING_HOLD_S=n keeps the loaded database open n seconds (≤ 1 hour), for psql.
      const hold = Math.min(3600, Math.max(0, Number(process.env.BENCH_ROUTING_HOLD_S ?? 0) || 0));
      if (hold > 0) {
        process.stdout.write(`holding ${url} for ${hold} s\n`);
        await sleep(hold * 1000);
      }
    } else if (process.env.BENCH_ROUTING_EXPLAIN === '1') {
      plans = await explainOneDecision(url, queueIds[0] as string);
      process.stdout.write(`\n${plans.join('\n\n')}\n`);
      await reset(pool);
    }
    if (!profile) {
      phases.push(
        await runPhase('Phase 1, offers only', url, dataDir, pool, queueIds, { processes, accept: false }),
      );
      printPhase(phases[0] as Phase);
    }
    if (!processes && !profile) {
      await reset(pool);
      phases.push(
        await runPhase('Phase 2, offers accepted as they come', url, dataDir, pool, queueIds, {
          processes,
          accept: true,
        }),
      );
      printPhase(phases[1] as Phase);
      await reset(pool);
      paced = await runPaced(url, pool, queueIds);
      printPaced(paced);
    }
  } finally {
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
  if (profile) return;

  const first = phases[0] as Phase;
  const all = first.perRouter.flatMap((r) => r.latenciesMs);
  const summary = {
    offersPerS: Math.round(first.offers / (first.lastOfferMs / 1000)),
    p50Ms: round(percentile(all, 50), 2),
    p95Ms: round(percentile(all, 95), 2),
    p99Ms: round(percentile(all, 99), 2),
    maxMs: round(Math.max(...all), 1),
    offeredMoreThanOnce:
      phases.reduce((t, p) => t + p.checks.itemsOfferedMoreThanOnce, 0) +
      (paced?.checks.itemsOfferedMoreThanOnce ?? 0),
    overCapacityOrMismatched: phases.reduce(
      (t, p) => t + p.checks.agentChannelsOverCapacity + p.checks.agentChannelsLoadMismatch,
      0,
    ),
    errors: phases.reduce((t, p) => t + p.errors.length, 0),
  };
  const checks = [
    check(
      `assignments/s, ${ROUTERS} routers, ${AGENTS} agents, ${CONTACTS} waiting`,
      summary.offersPerS,
      'min',
      1000,
      '/s',
    ),
    // The decision target is read at the target throughput (phase 3, open loop); phase 1's latency is
    // at saturation (routers flat out on 2 cores), where it measures queueing for the CPU.
    ...(paced
      ? [
          check(
            `decision latency p99 at ${paced.rate} arrivals/s`,
            round(percentile(paced.decisionMs, 99), 2),
            'max',
            10,
            'ms',
          ),
        ]
      : []),
    check('contacts offered more than once (all phases)', summary.offeredMoreThanOnce, 'max', 0, ''),
    check('agents over capacity or load ≠ held (all phases)', summary.overCapacityOrMismatched, 'max', 0, ''),
    check('router errors (all phases)', summary.errors, 'max', 0, ''),
  ];
  printChecks(checks);
  await writeResults('routing', {
    agents: AGENTS,
    capacity: CAPACITY,
    contacts: CONTACTS,
    routers: ROUTERS,
    routerMode: processes ? 'processes' : 'in-process',
    poolPerRouter: POOL_PER_ROUTER,
    queues: eligible,
    summary,
    phases: phases.map(({ perRouter, accepts, ...p }) => ({
      ...p,
      perRouter: perRouter.map(({ latenciesMs, ...r }) => ({
        ...r,
        decisions: latenciesMs.length,
        p50Ms: round(percentile(latenciesMs, 50), 2),
        p99Ms: round(percentile(latenciesMs, 99), 2),
        maxMs: round(Math.max(...latenciesMs), 1),
      })),
      ...(accepts
        ? {
            accepts: {
              accepted: accepts.accepted,
              failed: accepts.failed,
              errors: accepts.errors,
              p50Ms: round(percentile(accepts.latenciesMs, 50), 2),
              p99Ms: round(percentile(accepts.latenciesMs, 99), 2),
            },
          }
        : {}),
    })),
    ...(paced
      ? {
          paced: {
            rate: paced.rate,
            routers: paced.routers,
            arrived: paced.arrived,
            offers: paced.offers,
            wallMs: round(paced.wallMs, 0),
            transactions: paced.transactions,
            decisions: paced.decisionMs.length,
            decisionP50Ms: round(percentile(paced.decisionMs, 50), 2),
            decisionP99Ms: round(percentile(paced.decisionMs, 99), 2),
            arrivalToOfferP50Ms: round(percentile(paced.arrivalToOfferMs, 50), 2),
            arrivalToOfferP99Ms: round(percentile(paced.arrivalToOfferMs, 99), 2),
            errors: paced.errors,
            checks: paced.checks,
          },
        }
      : {}),
    ...(plans.length ? { plans } : {}),
    checks,
  });
}

if (process.argv[2] === '--router') {
  childRouter(process.argv.slice(3)).catch((error) => {
    process.stderr.write(`router failed: ${error instanceof Error ? error.stack : error}\n`);
    process.exit(1);
  });
} else {
  main().catch((error) => {
    process.stderr.write(`bench:routing failed: ${error instanceof Error ? error.stack : error}\n`);
    process.exit(1);
  });
}
