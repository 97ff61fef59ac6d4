/**
 * Start-up bench: cold first start (initdb + migrations + demo seed) to ready, warm restarts on the
 * same data directory, and the idle memory of Banyan with its PostgreSQL ~10 s after ready.
 *   npm run bench:startup
 */
import {
  assertNoPostgresLeft,
  type BanyanProcess,
  check,
  type MemoryReport,
  makeDataDir,
  measureMemory,
  printChecks,
  printMachine,
  printTable,
  removeDataDir,
  round,
  type StopReport,
  startBanyan,
  writeResults,
} from './lib.ts';

const WARM_RESTARTS = 3;
const IDLE_MS = 10_000;

interface Run {
  run: string;
  readyMs: number;
  readyzMs: number;
  webBuildMs: number;
  phases: Record<string, number>;
  stop: StopReport;
  memory?: MemoryReport;
}

/** Splits the start into phases from the times of the lines Banyan prints. */
function phases(server: BanyanProcess): { phases: Record<string, number>; webBuildMs: number } {
  const at = (pattern: RegExp) => server.lines.find((l) => pattern.test(l.text))?.atMs;
  const starting = at(/Banyan is starting/) ?? 0;
  const seedFirst = at(/seeding demo bank/);
  const webBuild = at(/building the web app/);
  const afterDb = seedFirst ?? webBuild ?? server.readyMs;
  const result: Record<string, number> = {
    'node + modules loaded': starting,
    'postgres + migrations + app built': afterDb - starting,
  };
  if (seedFirst !== undefined) {
    result['demo seed'] = (webBuild ?? server.readyMs) - seedFirst;
  }
  const webBuildMs = webBuild !== undefined ? server.readyMs - webBuild : 0;
  if (webBuild !== undefined) result['web app build'] = webBuildMs;
  return { phases: result, webBuildMs };
}

async function measureRun(label: string, dataDir: string, withMemory: boolean): Promise<Run> {
  // The first start builds the web app, as on a fresh clone; restarts find it built.
  const server = await startBanyan({ dataDir, web: 'build' });
  try {
    let memory: MemoryReport | undefined;
    if (withMemory) {
      await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
      memory = await measureMemory(server);
    }
    const stop = await server.stop();
    return {
      run: label,
      readyMs: server.readyMs,
      readyzMs: server.readyzMs,
      ...phases(server),
      stop,
      memory,
    };
  } finally {
    await server.stop();
  }
}

async function main() {
  printMachine();
  const dataDir = await makeDataDir();
  const runs: Run[] = [];
  try {
    process.stdout.write(`cold first start on ${dataDir} (initdb, migrations, demo seed, web build)…\n`);
    runs.push(await measureRun('cold', dataDir, true));
    for (let i = 1; i <= WARM_RESTARTS; i++) {
      process.stdout.write(`warm restart ${i}/${WARM_RESTARTS}…\n`);
      runs.push(await measureRun(`warm ${i}`, dataDir, i === 1));
    }
  } finally {
    await removeDataDir(dataDir);
  }
  await assertNoPostgresLeft([dataDir]);

  const s = (ms: number) => round(ms / 1000, 2);
  printTable(
    'Start-up (seconds from spawn)',
    runs.map((r) => ({
      run: r.run,
      'ready line': s(r.readyMs),
      '/readyz 200': s(r.readyzMs),
      'web build': r.webBuildMs ? s(r.webBuildMs) : '-',
      'stop (SIGTERM)': s(r.stop.stopMs),
      'clean stop': r.stop.clean ? 'yes' : 'NO',
    })),
  );
  const cold = runs[0] as Run;
  printTable(
    'Cold start phases (seconds)',
    Object.entries(cold.phases).map(([phase, ms]) => ({ phase, seconds: s(ms) })),
  );
  const measured = runs.filter((r): r is Run & { memory: MemoryReport } => r.memory !== undefined);
  for (const r of measured) {
    printTable(`Idle memory ${IDLE_MS / 1000} s after ready (${r.run}), MiB`, [
      ...r.memory.processes.map((p) => ({
        pid: String(p.pid),
        process: p.command,
        RSS: round(p.rssKiB / 1024),
        PSS: round(p.pssKiB / 1024),
      })),
      {
        pid: 'sum',
        process: `${r.memory.processes.length} processes`,
        RSS: round(r.memory.rssMiB),
        PSS: round(r.memory.pssMiB),
      },
    ]);
  }

  const warm = runs.slice(1);
  const warmMeasured = measured.find((r) => r.run !== 'cold') as Run & { memory: MemoryReport };
  const coldMemory = cold.memory as MemoryReport;
  // The first start builds the web app (as on a fresh clone); the target is about init + migrate
  // + seed, so the build's time is left out of the check (and shown above).
  const coldMs = cold.readyMs - cold.webBuildMs;
  const worstWarmMs = Math.max(...warm.map((r) => r.readyMs - r.webBuildMs));
  const checks = [
    check(
      `cold first start to ready${cold.webBuildMs ? ' (web build excluded)' : ''}`,
      coldMs / 1000,
      'max',
      30,
      's',
    ),
    check(`warm restart to ready (slowest of ${warm.length})`, worstWarmMs / 1000, 'max', 5, 's'),
    check('idle memory after a restart, RSS sum', warmMeasured.memory.rssMiB, 'max', 400, 'MiB'),
    check(
      `idle memory after the first start${cold.webBuildMs ? ' (which built the web app)' : ''}, RSS sum`,
      coldMemory.rssMiB,
      'max',
      400,
      'MiB',
    ),
  ];
  printChecks(checks);
  process.stdout.write(
    `  info  idle memory, PSS sum (shared pages divided): ${round(warmMeasured.memory.pssMiB)} MiB after a restart, ` +
      `${round(coldMemory.pssMiB)} MiB after the first start\n` +
      `  info  clean stops: ${runs.filter((r) => r.stop.clean).length}/${runs.length}\n`,
  );
  await writeResults('startup', { runs, checks, idleMs: IDLE_MS });
}

main().catch((error) => {
  process.stderr.write(`bench:startup failed: ${error instanceof Error ? error.message : error}\n`);
  process.exit(1);
});
