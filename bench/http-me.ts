/**
 * Authenticated `GET /api/v1/me` under load: autocannon, 50 connections, 10 s measured after a 3 s
 * warm-up, against a Banyan in its own process (LOG_LEVEL=warn) on a fresh data directory.
 *   npm run bench:me
 * Extra Node flags for the server (e.g. a CPU profile): BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"
 */
import autocannon, { type Result } from 'autocannon';
import {
  assertNoPostgresLeft,
  check,
  cpuSeconds,
  DEMO_USERS,
  machineBusySeconds,
  makeDataDir,
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

async function main() {
  printMachine();
  const dataDir = await makeDataDir();
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  let result: Result;
  let cpu: { node: number; postgres: number; bench: number; otherProcesses: number };
  try {
    const server = await startBanyan({ dataDir, nodeArgs });
    try {
      const admin = DEMO_USERS[0];
      const cookie = await signIn(server.url, admin.username, admin.password);
      const url = `${server.url}/api/v1/me`;
      const probe = await fetch(url, { headers: { cookie } });
      if (probe.status !== 200)
        throw new Error(`GET /api/v1/me answered ${probe.status}: ${await probe.text()}`);
      const body = (await probe.json()) as { username?: string };
      if (body.username !== admin.username)
        throw new Error(`GET /api/v1/me returned ${JSON.stringify(body)}`);

      const options = { url, connections: CONNECTIONS, headers: { cookie } };
      process.stdout.write(`warm-up: ${WARMUP_S} s, ${CONNECTIONS} connections…\n`);
      await autocannon({ ...options, duration: WARMUP_S });
      process.stdout.write(`measuring: ${DURATION_S} s, ${CONNECTIONS} connections…\n`);
      const before = await cpuSeconds(server);
      const machineBefore = await machineBusySeconds();
      const benchBefore = process.cpuUsage();
      result = await autocannon({ ...options, duration: DURATION_S });
      const benchUsed = process.cpuUsage(benchBefore);
      const after = await cpuSeconds(server);
      const machineUsed = (await machineBusySeconds()) - machineBefore;
      const node = after.node - before.node;
      const postgres = after.postgres - before.postgres;
      const bench = (benchUsed.user + benchUsed.system) / 1e6;
      const perSecond = (seconds: number) => seconds / result.duration;
      cpu = {
        node: perSecond(node),
        postgres: perSecond(postgres),
        bench: perSecond(bench),
        otherProcesses: perSecond(Math.max(0, machineUsed - node - postgres - bench)),
      };
    } finally {
      await server.stop();
    }
  } finally {
    await removeDataDir(dataDir);
  }
  await assertNoPostgresLeft([dataDir]);

  const reqPerS = result['2xx'] / result.duration;
  printTable(`GET /api/v1/me, ${CONNECTIONS} connections, ${round(result.duration, 1)} s`, [
    { figure: 'requests/s (2xx ÷ duration)', value: round(reqPerS, 0) },
    { figure: 'requests/s (autocannon per-second mean)', value: round(result.requests.average, 0) },
    { figure: 'latency p50 (ms)', value: result.latency.p50 },
    { figure: 'latency p90 (ms)', value: result.latency.p90 },
    { figure: 'latency p99 (ms)', value: result.latency.p99 },
    { figure: 'latency max (ms)', value: result.latency.max },
    {
      figure: '2xx / non-2xx / errors / timeouts',
      value: `${result['2xx']} / ${result.non2xx} / ${result.errors} / ${result.timeouts}`,
    },
    { figure: 'CPU, server Node process (cores)', value: round(cpu.node, 2) },
    { figure: 'CPU, its PostgreSQL (cores)', value: round(cpu.postgres, 2) },
    { figure: 'CPU, autocannon (this process, cores)', value: round(cpu.bench, 2) },
    { figure: 'CPU, everything else on the machine (cores)', value: round(cpu.otherProcesses, 2) },
  ]);
  const failures = result.non2xx + result.errors + result.timeouts;
  const checks = [
    check('GET /api/v1/me throughput', reqPerS, 'min', 8000, 'req/s'),
    check('GET /api/v1/me latency p99', result.latency.p99, 'max', 25, 'ms'),
    check('failed requests (non-2xx, errors, timeouts)', failures, 'max', 0, ''),
  ];
  printChecks(checks);
  await writeResults('http-me', {
    connections: CONNECTIONS,
    warmupS: WARMUP_S,
    durationS: DURATION_S,
    reqPerS: round(reqPerS, 0),
    cpuCores: cpu,
    checks,
    autocannon: {
      duration: result.duration,
      '2xx': result['2xx'],
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      latency: result.latency,
      requests: result.requests,
    },
  });
}

main().catch((error) => {
  process.stderr.write(`bench:me failed: ${error instanceof Error ? error.message : error}\n`);
  process.exit(1);
});
