/**
 * Authenticated `GET /api/v1/me` under load: autocannon, 50 connections, 10 s measured after a 3 s
 * warm-up, against a Banyan in its own process (LOG_LEVEL=warn) on a fresh data directory.
 *   npm run bench:me
 * Extra Node flags for the server (e.g. a CPU profile): BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"
 */
import autocannon from 'autocannon';
import {
  assertNoPostgresLeft,
  type BanyanProcess,
  check,
  cpuSeconds,
  DEMO_USERS,
  machineBusySeconds,
  makeDataDir,
  percentile,
  printChecks,
  printMachine,
  printTable,
  removeDataDir,
  round,
  signIn,
  startBanyan,
  writeResults,
} from './lib.ts';

const CONNECTIONS = 50;
const WARMUP_S = 3;
const DURATION_S = 10;
/** A shared machine is noisy: measure several rounds and compare the median with the targets. */
const ROUNDS = Math.min(10, Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3) || 3));

interface Round {
  round: string;
  reqPerS: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  ok: number;
  failed: number;
  /** CPU cores busy on average: the server's Node process, its PostgreSQL, autocannon, the rest */
  cpu: { node: number; postgres: number; autocannon: number; otherProcesses: number };
  /** server Node CPU time per answered request: the cost, whatever else runs on the machine */
  serverCpuUsPerRequest: number;
}

async function measureRound(
  label: string,
  server: BanyanProcess,
  options: { url: string; cookie: string },
): Promise<Round> {
  const before = await cpuSeconds(server);
  const machineBefore = await machineBusySeconds();
  const benchBefore = process.cpuUsage();
  const result = await autocannon({
    url: options.url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers: { cookie: options.cookie },
  });
  const benchUsed = process.cpuUsage(benchBefore);
  const after = await cpuSeconds(server);
  const machineUsed = (await machineBusySeconds()) - machineBefore;
  const node = after.node - before.node;
  const postgres = after.postgres - before.postgres;
  const bench = (benchUsed.user + benchUsed.system) / 1e6;
  const perSecond = (seconds: number) => round(seconds / result.duration, 2);
  return {
    round: label,
    reqPerS: round(result['2xx'] / result.duration, 0),
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    ok: result['2xx'],
    failed: result.non2xx + result.errors + result.timeouts,
    cpu: {
      node: perSecond(node),
      postgres: perSecond(postgres),
      autocannon: perSecond(bench),
      otherProcesses: perSecond(Math.max(0, machineUsed - node - postgres - bench)),
    },
    serverCpuUsPerRequest: round((node * 1e6) / Math.max(1, result['2xx']), 0),
  };
}

const median = (values: number[]) => percentile(values, 50);

async function main() {
  printMachine();
  const dataDir = await makeDataDir();
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const rounds: Round[] = [];
  try {
    const server = await startBanyan({ dataDir, nodeArgs });
    try {
      const admin = DEMO_USERS[0];
      const cookie = await signIn(server.url, admin.username, admin.password);
      const url = `${server.url}/api/v1/me`;
      const probe = await fetch(url, { headers: { cookie } });
      const body = (await probe.json().catch(() => null)) as { username?: string } | null;
      if (probe.status !== 200 || body?.username !== admin.username) {
        throw new Error(`GET /api/v1/me answered ${probe.status}: ${JSON.stringify(body)}`);
      }
      process.stdout.write(`warm-up: ${WARMUP_S} s, ${CONNECTIONS} connections…\n`);
      await autocannon({ url, connections: CONNECTIONS, duration: WARMUP_S, headers: { cookie } });
      for (let i = 1; i <= ROUNDS; i++) {
        process.stdout.write(`round ${i}/${ROUNDS}: ${DURATION_S} s, ${CONNECTIONS} connections…\n`);
        rounds.push(await measureRound(String(i), server, { url, cookie }));
      }
    } finally {
      await server.stop();
    }
  } finally {
    await removeDataDir(dataDir);
  }
  await assertNoPostgresLeft([dataDir]);

  const summary = {
    reqPerS: median(rounds.map((r) => r.reqPerS)),
    p99Ms: median(rounds.map((r) => r.p99Ms)),
    serverCpuUsPerRequest: median(rounds.map((r) => r.serverCpuUsPerRequest)),
    failed: rounds.reduce((total, r) => total + r.failed, 0),
  };
  printTable(
    `GET /api/v1/me, ${CONNECTIONS} connections, ${DURATION_S} s per round (CPU in cores)`,
    rounds.map((r) => ({
      round: r.round,
      'req/s': r.reqPerS,
      'p50 ms': r.p50Ms,
      'p90 ms': r.p90Ms,
      'p99 ms': r.p99Ms,
      'max ms': r.maxMs,
      '2xx': r.ok,
      failed: r.failed,
      'server CPU': r.cpu.node,
      'postgres CPU': r.cpu.postgres,
      'autocannon CPU': r.cpu.autocannon,
      'other procs CPU': r.cpu.otherProcesses,
      'server µs/req': r.serverCpuUsPerRequest,
    })),
  );
  const ceiling = 1e6 / summary.serverCpuUsPerRequest;
  process.stdout.write(
    `\n  server CPU per request (median): ${summary.serverCpuUsPerRequest} µs, so one fully busy core ` +
      `serves at most ~${(Math.round(ceiling / 100) * 100).toLocaleString('en-US')} req/s of GET /api/v1/me\n`,
  );
  const others = Math.max(...rounds.map((r) => r.cpu.otherProcesses));
  if (others > 0.25) {
    process.stdout.write(
      `  warning: other processes used up to ${others} cores meanwhile: the figures are low\n`,
    );
  }
  const checks = [
    check(`GET /api/v1/me throughput (median of ${rounds.length})`, summary.reqPerS, 'min', 8000, 'req/s'),
    check(`GET /api/v1/me latency p99 (median of ${rounds.length})`, summary.p99Ms, 'max', 25, 'ms'),
    check('failed requests (non-2xx, errors, timeouts)', summary.failed, 'max', 0, ''),
  ];
  printChecks(checks);
  await writeResults('http-me', {
    connections: CONNECTIONS,
    warmupS: WARMUP_S,
    durationS: DURATION_S,
    summary,
    rounds,
    checks,
  });
}

main().catch((error) => {
  process.stderr.write(`bench:me failed: ${error instanceof Error ? error.message : error}\n`);
  process.exit(1);
});
