/**
 * Cases at scale (issue #4). Seeds 1,000,000 cases and 5,000,000 back-office tasks with SQL
 * generate_series (progress bars), then measures through the API (Fastify inject, no network):
 * "my cases", "department queue" and "overdue complaints" p95 and SQL queries per request; then
 * create-case p95 and cases/s over HTTP with 8 connections (autocannon in a child process,
 * bench/http-load.ts; server and PostgreSQL CPU per create measured apart); then 100,000 open SLA
 * clocks due over 20 s and the scanner's firing lateness (each must fire within 5 s, once).
 *   npm run bench:cases                      # full size
 *   npm run bench:cases -- --cases 200000    # smaller (tasks = 5 × cases)
 *   npm run bench:cases -- --cases 10000 --clocks 5000 --seconds 5   # a quick run while developing
 *   … --connections 1   # a lone create's latency; --profile: CPU profile of the create phase
 *   … --statements      # what PostgreSQL ran during the creates (pg_stat_statements; costs a little)
 * A fresh embedded PostgreSQL in a temporary directory. Every loop and wait is bounded.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import inspector from 'node:inspector';
import os from 'node:os';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { createPool } from '../apps/server/src/platform/db.ts';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../apps/server/src/platform/embedded-pg.ts';
import { freePort } from '../apps/server/src/platform/free-port.mjs';
import { createLogger } from '../apps/server/src/platform/logger.ts';
import { migrateAll } from '../apps/server/src/runtime.ts';
import { waitFor } from './fixtures.ts';
import type { LoadOptions } from './http-load.ts';
import {
  assertNoPostgresLeft,
  bounded,
  check,
  makeDataDir,
  percentile,
  postgresCpuBetween,
  postgresCpuByPid,
  printChecks,
  printMachine,
  printTable,
  removeDataDir,
  round,
  writeResults,
} from './lib.ts';
import { startLoadGenerator } from './load-generator.ts';
import { printStatements, resetStatements, STATEMENTS_SETTINGS, topStatements } from './statements.ts';

const { values } = parseArgs({
  options: {
    cases: { type: 'string' },
    clocks: { type: 'string' },
    seconds: { type: 'string' },
    'scan-workers': { type: 'string' },
    /** The SLA scanner's tick in ms (default: the app's, 250). */
    'scan-every': { type: 'string' },
    /** Connections of the create phase (default 8, the target's; 1 shows a lone create's latency). */
    connections: { type: 'string' },
    /** Writes a CPU profile of the create phase to bench/results/cases-create.cpuprofile. */
    profile: { type: 'boolean' },
    /**
     * `on` (default): the event follower and the durable handlers' dispatcher run during the create
     * phase, as in every server process, and the run reports how far they fell behind. `off`: the
     * creates alone (the figures before 24 Nov 2026).
     */
    events: { type: 'string', default: 'on' },
    /**
     * The app reaches PostgreSQL over loopback TCP, as the figures before 24 Nov 2026 evening did.
     * By default it takes the embedded cluster's Unix socket, as `npm start` does.
     */
    tcp: { type: 'boolean' },
    /** pg_stat_statements over the create phase: what PostgreSQL ran, by total time (diagnosis only). */
    statements: { type: 'boolean' },
  },
});
const EVENTS = values.events !== 'off';
const CASES = values.cases ? bounded(values.cases, 10_000, 1_000_000) : 1_000_000;
const TASKS = CASES * 5;
const CLOCKS = values.clocks ? bounded(values.clocks, 1_000, 100_000) : 100_000;
const AGENTS = 2_000;
const CHUNK = 100_000;
const SAMPLES = 200;
const SCAN_WORKERS = values['scan-workers'] ? bounded(values['scan-workers'], 1, 8) : 2;
const SCAN_EVERY_MS = values['scan-every'] ? bounded(values['scan-every'], 50, 5000) : 250;
const CONNECTIONS = values.connections ? bounded(values.connections, 1, 64) : 8;
const CREATE_SECONDS = values.seconds ? bounded(values.seconds, 2, 60) : 10;
const SLA_SPREAD_S = 20;
const SLA_WAIT_LIMIT_MS = 90_000;
const log = createLogger({ level: 'silent' });

// Queries per request: every query a pg client sends in this process is counted.
let queries = 0;
const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  queries++;
  return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

async function seed(pool: pg.Pool) {
  const bar = (name: string, total: number) => {
    const b = new cliProgress.SingleBar(
      { format: `  ${name} [{bar}] {percentage}% {value}/{total}`, noTTYOutput: true, notTTYSchedule: 5000 },
      cliProgress.Presets.shades_classic,
    );
    b.start(total, 0);
    return b;
  };
  await pool.query(
    `INSERT INTO departments (id, code, name, kind) SELECT gen_random_uuid(), 'D' || g, 'Dept ' || g, 'back_office' FROM generate_series(1, 5) g`,
  );
  await pool.query(`INSERT INTO branches (id, code, name, city, country, time_zone) VALUES
    (gen_random_uuid(), 'BCN', 'Shanghai', 'Shanghai', 'CN', 'Asia/Shanghai'), (gen_random_uuid(), 'BVN', 'Hanoi', 'Hanoi', 'VN', 'Asia/Ho_Chi_Minh')`);
  await pool.query(
    `INSERT INTO teams (id, name) SELECT gen_random_uuid(), 'Bench team ' || g FROM generate_series(1, 50) g`,
  );
  await pool.query(`INSERT INTO users (id, username, display_name, password_hash, roles)
    SELECT gen_random_uuid(), 'bench.agent' || g, 'Agent ' || g, 'x', ARRAY['agent'] FROM generate_series(1, ${AGENTS}) g`);
  // The bulk load (decision in docs/performance.md § Cases, 23 Nov fifth session): on one connection
  // with foreign-key triggers off (the rows are consistent by construction), the secondary indexes of
  // the two big tables dropped first and built once at the end, and ids that grow with the number as
  // UUIDv7 ids do in production (platform/ids.ts), so the primary keys are appended to, not
  // scattered over. A task's case is computed from its number: no join, no lookup per row.
  const client = await pool.connect();
  const phase = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const s = performance.now();
    const result = await work();
    process.stdout.write(`  ${name}: ${round((performance.now() - s) / 1000, 1)} s\n`);
    return result;
  };
  try {
    await client.query(`SET session_replication_role = replica`);
    await client.query(`SET maintenance_work_mem = '256MB'`);
    const secondary = (
      await client.query<{ name: string; def: string }>(
        `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
          WHERE i.schemaname = 'public' AND i.tablename IN ('cases', 'case_tasks')
            AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)`,
      )
    ).rows;
    for (const index of secondary) await client.query(`DROP INDEX ${index.name}`);
    const caseId = (n: string) => `('01900000-0000-7000-8000-' || lpad(to_hex(${n}), 12, '0'))::uuid`;
    const taskId = (n: string) => `('01900000-0001-7000-8000-' || lpad(to_hex(${n}), 12, '0'))::uuid`;
    const agents = `(SELECT array_agg(id ORDER BY username) AS ids FROM users WHERE username LIKE 'bench.agent%')`;
    await phase('cases', async () => {
      const casesBar = bar('cases', CASES);
      for (let from = 1; from <= CASES; from += CHUNK) {
        const to = Math.min(CASES, from + CHUNK - 1);
        // Owners spread over the agents; 20 % complaints; 70 % resolved or closed; due dates around now.
        await client.query(
          `WITH a AS ${agents},
                t AS (SELECT array_agg(id ORDER BY name) AS ids FROM teams WHERE name LIKE 'Bench team%')
           INSERT INTO cases (id, number, type, status, priority, subject, owner_id, first_owner_id, team_id, created_by_id,
                              regulatory_profile, regulatory_due_at, created_at, updated_at, channel, product)
           SELECT ${caseId('g')}, 'CS-2025-' || lpad(g::text, 7, '0'),
                  CASE WHEN g % 5 = 0 THEN 'complaint' ELSE 'inquiry' END,
                  (ARRAY['resolved','closed','closed','resolved','closed','resolved','closed','new','in_progress','waiting_back_office'])[1 + (g / 5 + g) % 10],
                  'normal', 'Bench case ' || g,
                  a.ids[1 + g % ${AGENTS}], a.ids[1 + g % ${AGENTS}], t.ids[1 + g % 50], a.ids[1 + g % ${AGENTS}],
                  CASE WHEN g % 5 = 0 THEN 'cn_nfra' END,
                  CASE WHEN g % 5 = 0 THEN now() + ((g % 60) - 30) * interval '1 day' END,
                  now() - (g % 365) * interval '1 day', now() - (g % 365) * interval '1 day' + interval '1 hour', 'webchat', 'card'
             FROM generate_series($1::int, $2::int) g, a, t`,
          [from, to],
        );
        casesBar.update(to);
      }
      casesBar.stop();
    });
    await phase('tasks', async () => {
      const tasksBar = bar('tasks', TASKS);
      const perChunk = CHUNK * 5;
      for (let from = 1; from <= TASKS; from += perChunk) {
        const to = Math.min(TASKS, from + perChunk - 1);
        // Five tasks per case (task g belongs to case (g - 1) / 5 + 1, created by its first owner);
        // 0.2 % open (the queues), the rest done.
        await client.query(
          `WITH d AS (SELECT array_agg(id ORDER BY code) AS ids FROM departments WHERE code LIKE 'D%'), a AS ${agents}
           INSERT INTO case_tasks (id, case_id, department_id, title, status, due_at, created_by_id, created_at, completed_at)
           SELECT ${taskId('g')}, ${caseId('c')}, d.ids[1 + g % 5], 'Task ' || g,
                  CASE WHEN g % 500 = 0 THEN 'open' ELSE 'done' END,
                  now() + (g % 30) * interval '1 hour', a.ids[1 + c % ${AGENTS}], now() - interval '1 day',
                  CASE WHEN g % 500 = 0 THEN NULL ELSE now() END
             FROM generate_series($1::int, $2::int) g, LATERAL (SELECT (g - 1) / 5 + 1 AS c) n, d, a`,
          [from, to],
        );
        tasksBar.update(to);
      }
      tasksBar.stop();
    });
    await phase(`${secondary.length} indexes`, async () => {
      for (const index of secondary) await client.query(index.def);
    });
    await phase('VACUUM ANALYZE', async () => {
      // What autovacuum would do to a table this size in production, done now rather than during the
      // measurements (it also sets the visibility map, as on a table that has been live for a while).
      await client.query('VACUUM ANALYZE cases');
      await client.query('VACUUM ANALYZE case_tasks');
    });
    // The load's gigabytes of WAL flushed now, not by a checkpoint during the measurements (after
    // which every first change to a page also writes the whole page to the WAL).
    await phase('CHECKPOINT', () => client.query('CHECKPOINT'));
  } finally {
    await client.query('RESET session_replication_role').catch(() => undefined);
    client.release();
  }
  await pool.query(
    `INSERT INTO case_number_counters (year, last) VALUES (2025, ${CASES}) ON CONFLICT DO NOTHING`,
  );
  process.stdout.write('  ANALYZE…\n');
  await pool.query('ANALYZE');
  const counts = await pool.query(
    `SELECT (SELECT count(*) FROM cases) AS cases, (SELECT count(*) FROM case_tasks) AS tasks`,
  );
  return counts.rows[0] as { cases: number; tasks: number };
}

async function main() {
  printMachine();
  const dataDir = await makeDataDir();
  let embedded: EmbeddedPostgres | null = null;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void embedded?.stop());
  const results: Record<string, unknown> = { cases: CASES, tasks: TASKS, clocks: CLOCKS };
  const checks: Parameters<typeof printChecks>[0] = [];
  try {
    embedded = await startEmbeddedPostgres({
      dataDir,
      log,
      database: 'bench',
      ...(values.statements ? { settings: STATEMENTS_SETTINGS.split(' ') } : {}),
    });
    // As `npm start` connects (runtime.ts): the cluster's Unix socket unless --tcp.
    const appUrl = values.tcp ? embedded.url : (embedded.socketUrl ?? embedded.url);
    const transport = appUrl === embedded.url ? 'tcp' : 'socket';
    const pool = createPool(appUrl, 16);
    await migrateAll(pool, log);
    const t0 = performance.now();
    process.stdout.write(
      `seeding ${CASES.toLocaleString('en')} cases and ${TASKS.toLocaleString('en')} tasks…\n`,
    );
    const counts = await seed(pool);
    results.seedSeconds = round((performance.now() - t0) / 1000, 1);
    results.seeded = counts;
    process.stdout.write(`  seeded in ${results.seedSeconds} s\n`);

    const config = loadConfig(
      {},
      {
        databaseUrl: appUrl,
        demoMode: false,
        requireAdminMfa: false,
        argon2MemoryKiB: 1024,
        argon2TimeCost: 1,
        runWorkers: false,
        webDistDir: '/nonexistent',
      },
    );
    const app = await buildApp({ config, pool, log });
    await app.http.ready();
    try {
      const dept = (await pool.query(`SELECT id FROM departments WHERE code = 'D1'`)).rows[0].id as string;
      const team = (await pool.query(`SELECT id FROM teams WHERE name = 'Bench team 1'`)).rows[0]
        .id as string;
      const branch = (await pool.query(`SELECT id FROM branches WHERE code = 'BCN'`)).rows[0].id as string;
      const agent = await app.staff.createUser(null, {
        username: 'bench.owner',
        displayName: 'Owner',
        password: 'Correct-Horse-9',
        roles: ['agent'],
        teamIds: [team],
        branchId: branch,
      });
      await app.staff.createUser(null, {
        username: 'bench.back',
        displayName: 'Back',
        password: 'Correct-Horse-9',
        roles: ['back_office'],
        departmentId: dept,
      });
      await app.staff.createUser(null, {
        username: 'bench.cmpl',
        displayName: 'Cmpl',
        password: 'Correct-Horse-9',
        roles: ['complaints_officer'],
      });
      // The measured agent owns 500 of the seeded cases, like a busy agent.
      await pool.query(
        `UPDATE cases SET owner_id = $1 WHERE number IN (SELECT 'CS-2025-' || lpad((g * 1999)::text, 7, '0') FROM generate_series(1, 500) g)`,
        [agent.id],
      );
      const session = async (username: string) => {
        const res = await app.http.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username, password: 'Correct-Horse-9' },
        });
        const cookie = String(res.headers['set-cookie']).split(';')[0] as string;
        return { cookie, 'x-csrf-token': (res.json() as { csrfToken: string }).csrfToken };
      };
      const owner = await session('bench.owner');
      const back = await session('bench.back');
      const cmpl = await session('bench.cmpl');

      const reads = [
        { name: 'my cases', url: '/api/v1/cases?view=mine', headers: owner },
        { name: 'department queue', url: '/api/v1/case-tasks/queue', headers: back },
        {
          name: 'overdue complaints',
          url: '/api/v1/cases?view=complaints&overdue=true&sort=due',
          headers: cmpl,
        },
      ];
      const readRows: Record<string, string | number>[] = [];
      for (const r of reads) {
        const times: number[] = [];
        let perRequest = 0;
        let items = 0;
        for (let i = 0; i < SAMPLES + 20; i++) {
          const before = queries;
          const s = performance.now();
          const res = await app.http.inject({ method: 'GET', url: r.url, headers: r.headers });
          const ms = performance.now() - s;
          if (res.statusCode !== 200) throw new Error(`${r.name}: ${res.statusCode} ${res.body}`);
          if (i >= 20) times.push(ms); // 20 warm-up requests
          perRequest = queries - before;
          items = (res.json() as { items: unknown[] }).items.length;
        }
        const p95 = round(percentile(times, 95), 2);
        readRows.push({
          request: r.name,
          items,
          'p50 ms': round(percentile(times, 50), 2),
          'p95 ms': p95,
          'queries/request': perRequest,
        });
        checks.push(check(`${r.name} p95 ≤ 50 ms`, p95, 'max', 50, ''));
        checks.push(check(`${r.name} ≤ 5 queries`, perRequest, 'max', 5, ''));
      }
      printTable(`Reads (${SAMPLES} sequential requests each, after 20 warm-up)`, readRows);
      results.reads = readRows;

      // Create a case through HTTP, 8 connections (group commit: numbers taken once per batch).
      const port = await freePort();
      await app.http.listen({ port, host: '127.0.0.1' });
      // The load generator runs in its own process (bench/http-load.ts): the CPU figures below are
      // the server's alone, and autocannon does not share the server's event loop.
      const loader = await startLoadGenerator();
      if (EVENTS) await app.events.start();
      const undispatched = async () =>
        (await pool.query('SELECT count(*)::int AS n FROM outbox WHERE dispatched_at IS NULL')).rows[0]
          .n as number;
      const statsBefore = app.cases.createStats();
      const loadBefore = os.loadavg()[0] as number;
      const queriesBefore = queries;
      const pgBefore = await postgresCpuByPid(dataDir);
      const profiler = values.profile ? new inspector.Session() : null;
      if (profiler) {
        profiler.connect();
        await new Promise<void>((r) =>
          profiler.post('Profiler.enable', () => profiler.post('Profiler.start', () => r())),
        );
      }
      if (values.statements) await resetStatements(pool);
      const cpuBefore = process.cpuUsage();
      const created = await loader.run({
        url: `http://127.0.0.1:${port}/api/v1/cases`,
        connections: CONNECTIONS,
        duration: CREATE_SECONDS,
        method: 'POST',
        headers: { ...owner, 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'complaint',
          subject: 'Bench complaint',
          description: 'Fee charged twice',
        }),
      } satisfies LoadOptions);
      const cpu = process.cpuUsage(cpuBefore);
      // Stopped before PostgreSQL's CPU is read from /proc, so the profile holds the creates only.
      if (profiler) {
        const profile = await new Promise<unknown>((r) =>
          profiler.post('Profiler.stop', (_e, result) => r(result.profile)),
        );
        await mkdir('bench/results', { recursive: true });
        await writeFile('bench/results/cases-create.cpuprofile', JSON.stringify(profile));
        profiler.disconnect();
        process.stdout.write('  CPU profile of the create phase: bench/results/cases-create.cpuprofile\n');
      }
      const pgCpu = postgresCpuBetween(pgBefore, await postgresCpuByPid(dataDir));
      const latencies = created.latencies;
      const statsAfter = app.cases.createStats();
      const perCreate = (n: number) => (created.ok ? round(n / created.ok, 2) : 0);
      const batches = statsAfter.batches - statsBefore.batches;
      const items = statsAfter.items - statsBefore.items;
      const perItem = (ms: number) => (items ? round(ms / items, 2) : 0);
      const createRow = {
        'cases/s': round(created.ok / created.duration, 0),
        'p50 ms': round(percentile(latencies, 50), 1),
        'p95 ms': round(percentile(latencies, 95), 1),
        'p99 ms': round(percentile(latencies, 99), 1),
        ok: created.ok,
        'non-2xx': created.non2xx,
        errors: created.errors,
        'queries/create': perCreate(queries - queriesBefore),
        'server CPU ms/create': perCreate((cpu.user + cpu.system) / 1000),
        'of which system': perCreate(cpu.system / 1000),
        'postgres CPU ms/create': perCreate(pgCpu * 1000),
        'autocannon CPU ms/create': perCreate(created.cpuMs),
        'mean batch': batches ? round(items / batches, 1) : 0,
        'largest batch': statsAfter.largest,
        // The batch cycle, how much of the run the one writer was busy, and what a create spent queued
        // for its batch (the rest of its mean latency is HTTP, the server's own work and the client).
        'write ms/batch': batches ? round((statsAfter.writeMs - statsBefore.writeMs) / batches, 2) : 0,
        'writer busy %': round((statsAfter.writeMs - statsBefore.writeMs) / (created.duration * 10), 0),
        'queued ms/create': perItem(statsAfter.waitMs - statsBefore.waitMs),
        'mean ms': latencies.length ? round(latencies.reduce((a, b) => a + b, 0) / latencies.length, 2) : 0,
        'load 1 min': `${round(loadBefore, 1)}→${round(os.loadavg()[0] as number, 1)}`,
      };
      printTable(
        `Create a complaint (POST /cases over HTTP, ${CREATE_SECONDS} s, ${CONNECTIONS} connections, group commit, ` +
          `event follower and dispatcher ${EVENTS ? 'running' : 'off'}, PostgreSQL over ${transport === 'tcp' ? 'TCP' : 'its Unix socket'})`,
        [createRow],
      );
      results.create = {
        ...createRow,
        events: EVENTS,
        transport,
      };
      if (values.statements) printStatements(await topStatements(pool, 16));
      if (EVENTS) {
        // What the durable handlers (analytics facts of every case event) had still to do when the
        // creates stopped, and how long they took to finish it (at most 5 minutes).
        const left = await undispatched();
        const drainStarted = Date.now();
        let now = left;
        await waitFor(
          'the durable handlers to drain',
          async () => {
            now = await undispatched();
            return now === 0;
          },
          300_000,
          250,
        ).catch(() => undefined);
        const drainS = (Date.now() - drainStarted) / 1000;
        results.dispatcher = { leftAtEnd: left, drainSeconds: round(drainS, 1), stillLeft: now };
        process.stdout.write(
          `  durable handlers: ${left} events undispatched when the creates stopped; ` +
            (now === 0
              ? `done ${round(drainS, 1)} s later`
              : `${now} still left after ${round(drainS, 0)} s`) +
            '\n',
        );
        await app.events.stop();
      }
      checks.push(check('create p95 ≤ 20 ms', createRow['p95 ms'], 'max', 20, ''));
      checks.push(check('create ≥ 2,000 cases/s', createRow['cases/s'], 'min', 2000, ''));
      const gaps = (
        await pool.query(
          `SELECT count(*)::int AS n, count(DISTINCT number)::int AS distinct_numbers,
                  coalesce(max(substring(number from 9)::int) - min(substring(number from 9)::int) + 1, 0)::int AS span
             FROM cases WHERE number LIKE 'CS-2026-%' OR number LIKE 'CS-2027-%'`,
        )
      ).rows[0] as { n: number; distinct_numbers: number; span: number };
      results.numbersWithoutGaps = gaps;
      process.stdout.write(
        `  numbers: ${gaps.n} cases, ${gaps.distinct_numbers} distinct, span ${gaps.span} (gapless when all three match)\n`,
      );
      checks.push(check('numbers gapless (span − cases)', gaps.span - gaps.n, 'max', 0, ''));

      // SLA: CLOCKS open clocks due over the next SLA_SPREAD_S seconds, the scanner running.
      // The clocks' cases are chosen first (at full size that sorts 3,000,000 candidates, tens of
      // seconds on a busy machine): the due times start a lead after the insert begins that covers the
      // insert itself, so no clock is already overdue when the scanner starts (earlier runs measured
      // that wait as lateness). The run says how much of the lead was left.
      await pool.query(
        `CREATE TABLE bench_clock_cases AS SELECT c.id, k.kind FROM cases c
           CROSS JOIN (VALUES ('resolution'), ('first_response'), ('next_update')) AS k(kind)
          ORDER BY c.status IN ('new', 'in_progress', 'waiting_back_office') DESC, k.kind DESC, c.id
          LIMIT $1`,
        [CLOCKS],
      );
      // 100,000 clocks took 14 s to insert at load 12 (1 s per 10,000 was too short): 2.5 s per 10,000.
      const lead = 3_000 + Math.ceil(CLOCKS / 10_000) * 2_500;
      const start = Date.now() + lead;
      await pool.query(
        `INSERT INTO case_sla_clocks (id, case_id, kind, calendar_code, budget_minutes, started_at, used_minutes, running_since, due_at, stage,
                                      next_fire_at, thresholds_at)
         SELECT gen_random_uuid(), c.id, c.kind, 'GENERIC', 480, now(), 0, now(), now() + interval '1 day', 0, c.at,
                ARRAY[c.at, now() + interval '20 hours', now() + interval '1 day']
           FROM (SELECT c.*, to_timestamp(($1::bigint + (row_number() OVER () - 1) * $2::bigint / $3::bigint) / 1000.0) AS at
                   FROM bench_clock_cases c) c
         ON CONFLICT (case_id, kind) DO NOTHING`,
        [start, SLA_SPREAD_S * 1000, CLOCKS],
      );
      await pool.query(
        'CREATE TABLE bench_clock_due AS SELECT id, next_fire_at FROM case_sla_clocks WHERE next_fire_at IS NOT NULL',
      );
      const total = (await pool.query('SELECT count(*)::int AS n FROM bench_clock_due')).rows[0].n as number;
      app.sla.startScanner(SCAN_EVERY_MS, { workers: SCAN_WORKERS });
      const leftMs = start - Date.now();
      results.slaLeadMs = { lead, leftAtScannerStart: leftMs };
      process.stdout.write(
        leftMs >= 0
          ? `  scanner started ${leftMs} ms before the first clock is due (lead ${lead} ms)\n`
          : `  WARNING: the scanner started ${-leftMs} ms after the first clock was due (lead ${lead} ms too short)\n`,
      );
      const waitStart = Date.now();
      const bar = new cliProgress.SingleBar(
        { format: '  SLA thresholds fired [{bar}] {value}/{total}' },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0);
      let fired = 0;
      while (Date.now() - waitStart < SLA_WAIT_LIMIT_MS) {
        await new Promise((r) => setTimeout(r, 1000));
        fired = (await pool.query(`SELECT count(*)::int AS n FROM outbox WHERE type = 'case.sla_warning'`))
          .rows[0].n as number;
        bar.update(fired);
        if (fired >= total && Date.now() > start + SLA_SPREAD_S * 1000 + 2000) break;
      }
      bar.stop();
      app.sla.stopScanner();
      const lateness = await pool.query(
        `SELECT extract(epoch FROM o.created_at - d.next_fire_at) * 1000 AS ms FROM outbox o
           JOIN case_sla_clocks k ON k.case_id = (o.payload->>'caseId')::uuid AND k.kind = o.payload->>'clock'
           JOIN bench_clock_due d ON d.id = k.id WHERE o.type = 'case.sla_warning'`,
      );
      const late = (lateness.rows as Array<{ ms: number }>).map((r) => Number(r.ms));
      const dupes = (
        await pool.query(`SELECT count(*)::int AS n FROM (SELECT payload->>'caseId', payload->>'clock', payload->>'percent' FROM outbox
        WHERE type IN ('case.sla_warning', 'case.sla_breached') GROUP BY 1, 2, 3 HAVING count(*) > 1) x`)
      ).rows[0].n as number;
      const slaRow = {
        clocks: total,
        fired: late.length,
        duplicates: dupes,
        'lateness p50 ms': round(percentile(late, 50), 0),
        'p95 ms': round(percentile(late, 95), 0),
        'max ms': round(Math.max(...late), 0),
      };
      printTable(
        `SLA: ${total.toLocaleString('en')} clocks due over ${SLA_SPREAD_S} s, scanner every ${SCAN_EVERY_MS} ms, ${SCAN_WORKERS} claim loops`,
        [slaRow],
      );
      results.sla = slaRow;
      checks.push(check('every clock fired', late.length, 'min', total, ''));
      checks.push(check('fired once', dupes, 'max', 0, ''));
      checks.push(check('every threshold within 5 s', slaRow['max ms'], 'max', 5000, ''));
    } finally {
      await app.stop();
      await pool.end();
    }
  } finally {
    if (embedded) await embedded.stop();
    await removeDataDir(dataDir);
  }
  await assertNoPostgresLeft([dataDir]);
  printChecks(checks);
  await writeResults('cases', { ...results, checks });
}

await main();
