/**
 * What every bench needs: a Banyan server in its own process on a fresh temporary data directory
 * and a free port, its memory, a clean stop, and the printing and saving of figures.
 * Traffic goes to 127.0.0.1 only. Every wait is bounded.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { appendFileSync, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAlive } from '../apps/server/src/platform/embedded-pg.ts';
import { freePort } from '../apps/server/src/platform/free-port.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/**
 * The Banyan checkout whose server is measured: this one, or BENCH_BANYAN_DIR (e.g. an export of
 * another commit with a node_modules symlink) to compare commits with the same bench.
 */
const SERVER_ROOT = process.env.BENCH_BANYAN_DIR ? path.resolve(process.env.BENCH_BANYAN_DIR) : ROOT;
const RESULTS_DIR = path.join(ROOT, 'bench/results');
const HOST = '127.0.0.1';
const MAX_KEPT_LINES = 2000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// Temporary data directories and cleanup on Ctrl-C

const running = new Set<BanyanProcess>();
const tempDirs = new Set<string>();
let cleanupInstalled = false;

function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  const onSignal = (signal: NodeJS.Signals) => {
    process.stderr.write(`\n${signal}: stopping the bench servers and removing their data directories…\n`);
    void (async () => {
      for (const server of running) await server.stop().catch(() => undefined);
      for (const dir of tempDirs) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
      process.exit(130);
    })();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}

export async function makeDataDir(): Promise<string> {
  installCleanup();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'banyan-bench-'));
  tempDirs.add(dir);
  return dir;
}

export async function removeDataDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

// ---------------------------------------------------------------------------------------------
// /proc: process tree, memory, CPU time

interface ProcStat {
  pid: number;
  ppid: number;
  /** user + system CPU time in clock ticks */
  cpuTicks: number;
}

async function readStat(pid: number): Promise<ProcStat | null> {
  try {
    const text = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name sits in parentheses and may contain spaces: parse after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

async function allStats(): Promise<ProcStat[]> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name)).map(Number);
  const stats = await Promise.all(pids.map(readStat));
  return stats.filter((s): s is ProcStat => s !== null);
}

/** `pid` and all its descendants. */
async function processTree(pid: number): Promise<number[]> {
  const stats = await allStats();
  const children = new Map<number, number[]>();
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s.pid]);
  const tree: number[] = [];
  const queue = [pid];
  while (queue.length > 0 && tree.length < 10_000) {
    const next = queue.shift() as number;
    tree.push(next);
    queue.push(...(children.get(next) ?? []));
  }
  return tree;
}

async function commandLine(pid: number): Promise<string> {
  const raw = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return raw.replace(/\0+$/, '').replace(/\0/g, ' ');
}

async function waitGone(pids: number[], timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  let alive = pids.filter(isAlive);
  while (alive.length > 0 && Date.now() < deadline) {
    await sleep(100);
    alive = alive.filter(isAlive);
  }
  return alive;
}

/** The postmaster's pid from `<dataDir>/pg/postmaster.pid`, when that postmaster runs. */
async function postmasterPid(dataDir: string): Promise<number | null> {
  const file = path.join(dataDir, 'pg', 'postmaster.pid');
  if (!existsSync(file)) return null;
  const pid = Number((await readFile(file, 'utf8').catch(() => '')).split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : null;
}

/** PostgreSQL processes started on this data directory: its postmaster and all its children. */
export async function postgresProcesses(dataDir: string): Promise<number[]> {
  const stats = await allStats();
  const clusterDir = path.join(dataDir, 'pg');
  const postmasters: number[] = [];
  for (const s of stats) {
    const cmd = await commandLine(s.pid);
    if (cmd.includes('postgres') && cmd.includes(`-D ${clusterDir}`)) postmasters.push(s.pid);
  }
  const pids = new Set<number>();
  for (const pm of postmasters) for (const pid of await processTree(pm)) pids.add(pid);
  return [...pids];
}

export interface ProcessMemory {
  pid: number;
  command: string;
  rssKiB: number;
  pssKiB: number;
}

export interface MemoryReport {
  processes: ProcessMemory[];
  rssMiB: number;
  pssMiB: number;
}

async function smapsRollup(pid: number): Promise<{ rssKiB: number; pssKiB: number } | null> {
  try {
    const text = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);
    return { rssKiB: kib('Rss'), pssKiB: kib('Pss') };
  } catch {
    return null; // the process ended meanwhile
  }
}

/**
 * Memory of one Banyan: the Node process, everything it started (PostgreSQL's postmaster is its
 * child) and any process of the PostgreSQL on its data directory. RSS counts PostgreSQL's shared
 * buffers once per process that touched them; PSS divides shared pages among their users.
 */
export async function measureMemory(server: BanyanProcess): Promise<MemoryReport> {
  const pids = new Set(await processTree(server.pid));
  for (const pid of await postgresProcesses(server.dataDir)) pids.add(pid);
  const processes: ProcessMemory[] = [];
  for (const pid of pids) {
    const memory = await smapsRollup(pid);
    if (memory) processes.push({ pid, command: (await commandLine(pid)).slice(0, 70), ...memory });
  }
  const sum = (key: 'rssKiB' | 'pssKiB') => processes.reduce((total, p) => total + p[key], 0) / 1024;
  return { processes, rssMiB: sum('rssKiB'), pssMiB: sum('pssKiB') };
}

const TICKS_PER_SECOND = 100; // USER_HZ is 100 on Linux x86-64 and arm64

/**
 * CPU seconds used so far by each PostgreSQL process on a data directory (postmaster and every
 * backend alive now), by pid. Subtract two with `postgresCpuBetween`: a backend that exits between
 * the readings takes its CPU with it, so measure with a pool whose connections stay open.
 */
export async function postgresCpuByPid(dataDir: string): Promise<Map<number, number>> {
  const byPid = new Map<number, number>();
  for (const pid of await postgresProcesses(dataDir)) {
    const stat = await readStat(pid);
    if (stat) byPid.set(pid, stat.cpuTicks / TICKS_PER_SECOND);
  }
  return byPid;
}

/** CPU seconds PostgreSQL used between two readings (a backend started meanwhile counts whole). */
export function postgresCpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let seconds = 0;
  for (const [pid, s] of after) seconds += Math.max(0, s - (before.get(pid) ?? 0));
  return seconds;
}

async function postgresCpuSeconds(dataDir: string): Promise<number> {
  let seconds = 0;
  for (const s of (await postgresCpuByPid(dataDir)).values()) seconds += s;
  return seconds;
}

/** CPU seconds used so far by the server's Node process and by its PostgreSQL processes. */
export async function cpuSeconds(server: BanyanProcess): Promise<{ node: number; postgres: number }> {
  const node = ((await readStat(server.pid))?.cpuTicks ?? 0) / TICKS_PER_SECOND;
  return { node, postgres: await postgresCpuSeconds(server.dataDir) };
}

/**
 * Busy CPU seconds of the whole machine so far (all processes), from /proc/stat. Benches subtract
 * their own processes from it to show how much else ran meanwhile (a shared machine is noisy).
 */
export async function machineBusySeconds(): Promise<number> {
  const first = (await readFile('/proc/stat', 'utf8')).split('\n')[0] ?? '';
  // user nice system idle iowait irq softirq steal: everything but idle and iowait is busy
  const ticks = first.split(/\s+/).slice(1, 9).map(Number);
  return ticks.reduce((total, n, i) => (i === 3 || i === 4 ? total : total + n), 0) / 100;
}

// ---------------------------------------------------------------------------------------------
// The server process

export interface OutputLine {
  /** milliseconds since spawn */
  atMs: number;
  text: string;
}

export interface StopReport {
  stopMs: number;
  /** true when Banyan exited on SIGTERM and stopped its PostgreSQL without help */
  clean: boolean;
}

export interface BanyanProcess {
  url: string;
  pid: number;
  dataDir: string;
  /** from spawn to the "Banyan is ready at" line on stdout */
  readyMs: number;
  /** from spawn to the first 200 of GET /readyz */
  readyzMs: number;
  lines: OutputLine[];
  stop(): Promise<StopReport>;
}

/** Starts `banyan start` in its own process on `dataDir` and a free port; resolves when it is ready. */
export async function startBanyan(options: {
  dataDir: string;
  /**
   * The web app the server serves, kept under `<dataDir>/web` so a bench never rewrites the
   * shared dist/web while others use it. `build`: built by Banyan on its first start, as on a
   * fresh clone. `placeholder` (default): a one-line page, so API benches never build it.
   */
  web?: 'build' | 'placeholder';
  env?: Record<string, string>;
  nodeArgs?: string[];
  readyTimeoutMs?: number;
}): Promise<BanyanProcess> {
  installCleanup();
  const port = await freePort();
  const webDir = path.join(options.dataDir, 'web');
  if ((options.web ?? 'placeholder') === 'placeholder' && !existsSync(path.join(webDir, 'index.html'))) {
    await mkdir(webDir, { recursive: true });
    const index = path.join(webDir, 'index.html');
    await writeFile(index, '<!doctype html><title>Banyan bench</title>\n');
    // Newer than any source, so Banyan's "sources changed since the build" check never fires.
    const future = new Date(Date.now() + 365 * 24 * 3600 * 1000);
    await utimes(index, future, future);
  }
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['DATABASE_URL', 'PUBLIC_URL', 'PORT', 'BANYAN_DEMO', 'BANYAN_WORKERS'])
    delete env[name];
  Object.assign(
    env,
    {
      BANYAN_DATA_DIR: options.dataDir,
      BANYAN_WEB_DIST: webDir,
      HOST,
      LOG_LEVEL: process.env.BENCH_SERVER_LOG_LEVEL ?? 'warn',
    },
    options.env,
  );

  const startedAt = performance.now();
  const child: ChildProcess = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), 'bin/banyan.mjs', 'start', '--port', String(port)],
    // Its own process group: a Ctrl-C in the terminal reaches only the bench, which then stops the
    // server once (a second signal would make Banyan exit without stopping its PostgreSQL).
    { cwd: SERVER_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  const lines: OutputLine[] = [];
  // BENCH_SERVER_LOG=<file>: every line the server writes, with the wall time it arrived (to line
  // up the server's own traces, e.g. --trace-gc through BENCH_SERVER_NODE_ARGS, with a bench's seconds).
  const serverLog = process.env.BENCH_SERVER_LOG;
  let readyUrl: string | null = null;
  let readyMs = 0;
  const onOutput = (stream: string) => {
    let partial = '';
    return (chunk: Buffer) => {
      const atMs = performance.now() - startedAt;
      const parts = (partial + chunk.toString('utf8')).split('\n');
      partial = parts.pop() ?? '';
      for (const part of parts) {
        const text = part.trimEnd();
        if (!text) continue;
        if (serverLog) appendFileSync(serverLog, `${new Date().toISOString()} ${stream} ${text}\n`);
        if (lines.length < MAX_KEPT_LINES)
          lines.push({ atMs, text: stream === 'stderr' ? `[stderr] ${text}` : text });
        const ready = /Banyan is ready at (http:\/\/\S+)/.exec(text);
        if (ready && !readyUrl) {
          readyUrl = ready[1] as string;
          readyMs = atMs;
        }
      }
    };
  };
  child.stdout?.on('data', onOutput('stdout'));
  child.stderr?.on('data', onOutput('stderr'));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const pid = child.pid as number;

  let stopping: Promise<StopReport> | null = null;
  const server: BanyanProcess = {
    url: `http://${HOST}:${port}`,
    pid,
    dataDir: options.dataDir,
    readyMs: 0,
    readyzMs: 0,
    lines,
    stop: () => {
      stopping ??= stopServer(child, exited, options.dataDir).finally(() => running.delete(server));
      return stopping;
    },
  };
  running.add(server);

  const tail = () =>
    lines
      .slice(-15)
      .map((l) => `    ${l.text}`)
      .join('\n');
  const deadline = Date.now() + (options.readyTimeoutMs ?? 180_000);
  let exitCode: number | null | undefined;
  void exited.then((code) => {
    exitCode = code;
  });
  while (!readyUrl) {
    if (exitCode !== undefined) {
      await server.stop();
      throw new Error(`Banyan exited (code ${exitCode}) before it was ready:\n${tail()}`);
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`Banyan was not ready within ${options.readyTimeoutMs ?? 180_000} ms:\n${tail()}`);
    }
    await sleep(10);
  }
  if (readyUrl !== server.url) {
    await server.stop();
    throw new Error(`Banyan said it is ready at ${readyUrl}, expected ${server.url}`);
  }
  server.readyMs = readyMs;
  for (let attempt = 0; attempt < 100; attempt++) {
    const status = await fetch(`${server.url}/readyz`)
      .then((r) => r.status)
      .catch(() => 0);
    if (status === 200) {
      server.readyzMs = performance.now() - startedAt;
      return server;
    }
    await sleep(100);
  }
  await server.stop();
  throw new Error('GET /readyz did not answer 200 within 10 s of the ready line');
}

/** SIGTERM, then wait for Banyan and its PostgreSQL to exit; force only what did not. */
async function stopServer(
  child: ChildProcess,
  exited: Promise<number | null>,
  dataDir: string,
): Promise<StopReport> {
  const startedAt = performance.now();
  let clean = true;
  const postgres = await postgresProcesses(dataDir);
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    const code = await Promise.race([exited, sleep(30_000).then(() => 'timeout' as const)]);
    if (code === 'timeout') {
      clean = false;
      child.kill('SIGKILL');
      await Promise.race([exited, sleep(5_000)]);
    }
  }
  // Banyan stops its PostgreSQL before it exits; anything still alive here was left behind.
  let left = await waitGone(postgres, 5_000);
  if (left.length > 0) {
    clean = false;
    const pm = await postmasterPid(dataDir);
    if (pm) process.kill(pm, 'SIGINT'); // PostgreSQL's fast shutdown
    left = await waitGone(left, 20_000);
    for (const pid of left) process.kill(pid, 'SIGKILL');
    await waitGone(left, 5_000);
  }
  return { stopMs: performance.now() - startedAt, clean };
}

// ---------------------------------------------------------------------------------------------
// HTTP helpers

export const DEMO_USERS = [
  { username: 'admin', password: 'Banyan!admin1' },
  { username: 'auditor', password: 'Banyan!audit1' },
  { username: 'agent.hanoi', password: 'Banyan!agent1' },
  { username: 'supervisor', password: 'Banyan!super1' },
] as const;

/** Signs in with a correct password (the bench must never trip the lockout); returns the cookie. */
export async function signIn(baseUrl: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) {
    throw new Error(`sign-in as ${username} answered ${response.status}: ${await response.text()}`);
  }
  await response.arrayBuffer();
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('banyan_session='));
  if (!cookie) throw new Error(`sign-in as ${username} set no banyan_session cookie`);
  return cookie.split(';')[0] as string;
}

// ---------------------------------------------------------------------------------------------
// Figures: statistics, printing, results

/** Nearest-rank percentile of unsorted values. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

export const round = (value: number, digits = 1) => Number(value.toFixed(digits));

export function printTable(title: string, rows: Record<string, string | number>[]): void {
  process.stdout.write(`\n${title}\n`);
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object);
  const cell = (row: Record<string, string | number>, column: string) => String(row[column] ?? '');
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r, c).length)));
  const line = (values: string[]) =>
    `  ${values.map((v, i) => (i === 0 ? v.padEnd(widths[i] as number) : v.padStart(widths[i] as number))).join('  ')}`;
  process.stdout.write(`${line(columns)}\n${line(widths.map((w) => '-'.repeat(w)))}\n`);
  for (const row of rows) process.stdout.write(`${line(columns.map((c) => cell(row, c)))}\n`);
}

export interface Check {
  target: string;
  measured: string;
  pass: boolean;
}

/** One target: `value` compared with `limit` (`max`: value ≤ limit; `min`: value ≥ limit). */
export function check(
  name: string,
  value: number,
  kind: 'max' | 'min',
  limit: number,
  unit: string,
): Check & { name: string } {
  const pass = kind === 'max' ? value <= limit : value >= limit;
  const fmt = (n: number) => `${n.toLocaleString('en-US', { maximumFractionDigits: 1 })} ${unit}`.trim();
  return { name, target: `${kind === 'max' ? '≤' : '≥'} ${fmt(limit)}`, measured: fmt(value), pass };
}

export function printChecks(checks: (Check & { name: string })[]): void {
  process.stdout.write('\nTargets\n');
  const width = Math.max(...checks.map((c) => c.name.length));
  for (const c of checks) {
    process.stdout.write(
      `  ${c.pass ? 'PASS' : 'MISS'}  ${c.name.padEnd(width)}  ${c.measured} (target ${c.target})\n`,
    );
  }
}

export function machine() {
  const git = (args: string[]) => {
    try {
      return execFileSync('git', args, { cwd: SERVER_ROOT, encoding: 'utf8', stdio: 'pipe' }).trim();
    } catch {
      return '';
    }
  };
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryMiB: Math.round(os.totalmem() / 2 ** 20),
    node: process.version,
    kernel: `${os.type()} ${os.release()}`,
    server: path.relative(ROOT, SERVER_ROOT) || '.',
    commit: git(['rev-parse', '--short', 'HEAD']) || process.env.BENCH_BANYAN_COMMIT || 'unknown',
    uncommittedServerChanges: git(['status', '--porcelain', '--', 'apps/server']).split('\n').filter(Boolean)
      .length,
  };
}

export function printMachine(): void {
  const m = machine();
  process.stdout.write(
    `machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryMiB} MiB, Node ${m.node}, ${m.kernel}; ` +
      `server ${m.server === '.' ? 'of this checkout' : `from ${SERVER_ROOT}`}, commit ${m.commit}${m.uncommittedServerChanges ? ` + ${m.uncommittedServerChanges} uncommitted files in apps/server` : ''}\n`,
  );
}

export async function writeResults(name: string, data: object): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.json`);
  await writeFile(
    file,
    `${JSON.stringify({ bench: name, at: new Date().toISOString(), machine: machine(), ...data }, null, 2)}\n`,
  );
  process.stdout.write(`\nresults: ${path.relative(ROOT, file)}\n`);
  return file;
}

/** Fails loudly if a PostgreSQL of a bench data directory still runs. */
export async function assertNoPostgresLeft(dataDirs: string[]): Promise<void> {
  const left: number[] = [];
  for (const dir of dataDirs) left.push(...(await postgresProcesses(dir)));
  if (left.length > 0) throw new Error(`PostgreSQL processes left running: ${left.join(', ')}`);
  process.stdout.write('no PostgreSQL of the bench data directories is left running\n');
}

/** A whole-number command-line option clamped to [min, max] (min when missing or not a number). */
export const bounded = (value: string | undefined, min: number, max: number) =>
  Math.min(max, Math.max(min, Math.floor(Number(value)) || min));
