/**
 * Sign-in rate with argon2id at the configured cost (default 19 MiB, t=2): sequential, then 8
 * concurrent clients, against a Banyan in its own process on a fresh data directory.
 * Only correct passwords, spread over several demo users: the lockout must never trip.
 *   npm run bench:login
 */
import {
  assertNoPostgresLeft,
  cpuSeconds,
  DEMO_USERS,
  machineBusySeconds,
  makeDataDir,
  percentile,
  printMachine,
  printTable,
  removeDataDir,
  round,
  signIn,
  startBanyan,
  writeResults,
} from './lib.ts';

const WARMUP = 4;
const SEQUENTIAL = 100;
const CONCURRENT_CLIENTS = 8;
const CONCURRENT_TOTAL = 200;

interface Series {
  mode: string;
  signIns: number;
  wallS: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  serverCpuCores: number;
  otherProcessesCpuCores: number;
}

/** `total` sign-ins by `clients` clients, each waiting for its answer before the next. */
async function measure(
  mode: string,
  url: string,
  total: number,
  clients: number,
  cpu: () => Promise<{ node: number; postgres: number }>,
): Promise<Series> {
  const latencies: number[] = [];
  let next = 0;
  const client = async () => {
    while (next < total) {
      const user = DEMO_USERS[next++ % DEMO_USERS.length] as (typeof DEMO_USERS)[number];
      const startedAt = performance.now();
      await signIn(url, user.username, user.password);
      latencies.push(performance.now() - startedAt);
    }
  };
  const cpuBefore = await cpu();
  const machineBefore = await machineBusySeconds();
  const benchBefore = process.cpuUsage();
  const startedAt = performance.now();
  await Promise.all(Array.from({ length: clients }, client));
  const wallS = (performance.now() - startedAt) / 1000;
  const benchUsed = process.cpuUsage(benchBefore);
  const cpuAfter = await cpu();
  const server = cpuAfter.node - cpuBefore.node + (cpuAfter.postgres - cpuBefore.postgres);
  const others =
    (await machineBusySeconds()) - machineBefore - server - (benchUsed.user + benchUsed.system) / 1e6;
  return {
    mode,
    signIns: latencies.length,
    wallS: round(wallS, 2),
    perSecond: round(latencies.length / wallS, 1),
    p50Ms: round(percentile(latencies, 50), 1),
    p99Ms: round(percentile(latencies, 99), 1),
    maxMs: round(Math.max(...latencies), 1),
    serverCpuCores: round(server / wallS, 2),
    otherProcessesCpuCores: round(Math.max(0, others) / wallS, 2),
  };
}

async function main() {
  printMachine();
  const memoryKiB = process.env.ARGON2_MEMORY_KIB ?? '19456 (default)';
  const timeCost = process.env.ARGON2_TIME_COST ?? '2 (default)';
  process.stdout.write(`argon2id: memory ${memoryKiB} KiB, time cost ${timeCost}, parallelism 1\n`);
  const dataDir = await makeDataDir();
  const series: Series[] = [];
  try {
    // ARGON2_* pass through from this environment to the server (defaults unless set).
    const server = await startBanyan({ dataDir });
    try {
      const cpu = () => cpuSeconds(server);
      await measure('warm-up', server.url, WARMUP, 1, cpu);
      process.stdout.write(`sequential: ${SEQUENTIAL} sign-ins…\n`);
      series.push(await measure('sequential (1 client)', server.url, SEQUENTIAL, 1, cpu));
      process.stdout.write(`concurrent: ${CONCURRENT_TOTAL} sign-ins by ${CONCURRENT_CLIENTS} clients…\n`);
      series.push(
        await measure(
          `${CONCURRENT_CLIENTS} concurrent clients`,
          server.url,
          CONCURRENT_TOTAL,
          CONCURRENT_CLIENTS,
          cpu,
        ),
      );
    } finally {
      await server.stop();
    }
  } finally {
    await removeDataDir(dataDir);
  }
  await assertNoPostgresLeft([dataDir]);

  printTable(
    'POST /api/v1/auth/login (correct passwords)',
    series.map((s) => ({
      mode: s.mode,
      'sign-ins': s.signIns,
      'wall s': s.wallS,
      'sign-ins/s': s.perSecond,
      'p50 ms': s.p50Ms,
      'p99 ms': s.p99Ms,
      'max ms': s.maxMs,
      'server CPU (cores)': s.serverCpuCores,
      'other processes CPU': s.otherProcessesCpuCores,
    })),
  );
  process.stdout.write(
    '\nTargets\n  info  no target: argon2id is deliberately slow; these figures size sign-in bursts (shift start)\n',
  );
  await writeResults('login', { argon2: { memoryKiB, timeCost }, series });
}

main().catch((error) => {
  process.stderr.write(`bench:login failed: ${error instanceof Error ? error.message : error}\n`);
  process.exit(1);
});
