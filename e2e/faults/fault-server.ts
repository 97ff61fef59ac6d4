// A Banyan process of its own for fault tests, one that can be killed with SIGKILL and started again
// on the same data. Embedded mode (the default deployment): the server and its PostgreSQL die
// together, so the restart goes through PostgreSQL's crash recovery and Banyan's leftover checks.
// With DATABASE_URL set, a fresh database on that cluster instead, and only Banyan dies.
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort } from '../../apps/server/src/platform/free-port.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const READY_TIMEOUT_MS = 60_000;

export interface FaultServer {
  baseUrl: string;
  /** Runs SQL on the server's database (a fresh connection: the server may have restarted). */
  query<T>(text: string, params?: unknown[]): Promise<T[]>;
  /** SIGKILL to the server's process group and, in embedded mode, to PostgreSQL's. */
  kill9(): Promise<void>;
  /** Starts `banyan start` again on the same database and port; resolves when /readyz answers. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  /** The server's recent output, for a failure message. */
  output(): string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function startFaultServer(): Promise<FaultServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // The fault test drives the HTTP and WebSocket APIs only. Placeholder front ends keep `banyan
  // start` from building the web app and the widget (and from rewriting dist/ under the server
  // that the browser journeys use).
  const assets = mkdtempSync(join(tmpdir(), 'banyan-fault-assets-'));
  writeFileSync(join(assets, 'index.html'), '<!doctype html><title>Banyan</title>');
  writeFileSync(join(assets, 'loader.js'), '');
  const external = process.env.DATABASE_URL ?? null;
  const dataDir = external ? null : mkdtempSync(join(tmpdir(), 'banyan-fault-'));
  // Run as root, Banyan starts PostgreSQL as the postgres user, which must traverse this directory.
  if (dataDir) chmodSync(dataDir, 0o711);
  let databaseUrl: string | null = null;
  let databaseName: string | null = null;
  if (external) {
    databaseName = `banyan_fault_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: external });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${databaseName}`);
    await admin.end();
    const url = new URL(external);
    url.pathname = `/${databaseName}`;
    databaseUrl = url.toString();
  }

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    BANYAN_WEB_DIST: assets,
    BANYAN_WIDGET_DIST: assets,
    BANYAN_DEMO: 'true',
    // Many simulated customers come from one machine: each sends its own X-Forwarded-For.
    TRUST_PROXY: 'true',
    // Cheap password hashes: the test signs in two dozen agents, it does not test argon2.
    ARGON2_MEMORY_KIB: '1024',
    ARGON2_TIME_COST: '1',
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  if (dataDir) env.BANYAN_DATA_DIR = dataDir;

  let child: ChildProcess | null = null;
  let tail = '';
  const spawnServer = async () => {
    const started = spawn(process.execPath, [join(root, 'bin/banyan.mjs'), 'start', '--port', String(port)], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so a kill reaches everything it started.
      detached: true,
    });
    const onData = (chunk: Buffer) => {
      tail = (tail + chunk.toString('utf8')).slice(-8000);
    };
    started.stdout?.on('data', onData);
    started.stderr?.on('data', onData);
    child = started;
    await waitUntil(
      async () => {
        if (started.exitCode !== null)
          throw new Error(`banyan exited with ${started.exitCode} during start:\n${tail}`);
        return fetch(`${baseUrl}/readyz`).then(
          (response) => response.ok,
          () => false,
        );
      },
      READY_TIMEOUT_MS,
      `${baseUrl}/readyz`,
    );
  };

  /** The embedded PostgreSQL's pid, port and password, from the files it keeps in the data dir. */
  const embedded = () => {
    const lines = readFileSync(join(dataDir as string, 'pg', 'postmaster.pid'), 'utf8').split('\n');
    const { password } = JSON.parse(readFileSync(join(dataDir as string, 'embedded-postgres.json'), 'utf8'));
    return { pid: Number(lines[0]), port: Number(lines[3]), password: password as string };
  };
  const connectionString = () => {
    if (databaseUrl) return databaseUrl;
    const { port: pgPort, password } = embedded();
    return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/banyan`;
  };

  await spawnServer();

  return {
    baseUrl,
    async query<T>(text: string, params: unknown[] = []) {
      const client = new pg.Client({ connectionString: connectionString() });
      await client.connect();
      try {
        return (await client.query(text, params)).rows as T[];
      } finally {
        await client.end();
      }
    },
    async kill9() {
      const server = child as ChildProcess;
      const postgresPid = dataDir ? embedded().pid : null;
      const exited = new Promise((resolve) => server.once('exit', resolve));
      process.kill(-(server.pid as number), 'SIGKILL');
      // The embedded PostgreSQL runs in a process group of its own (see platform/embedded-pg.ts).
      if (postgresPid) process.kill(-postgresPid, 'SIGKILL');
      await exited;
      if (postgresPid) await waitUntil(() => !isAlive(postgresPid), 10_000, 'postgres to die');
    },
    restart: spawnServer,
    async stop() {
      const server = child;
      if (server && server.exitCode === null && server.signalCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        server.kill('SIGTERM');
        const timer = setTimeout(() => server.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(timer);
      }
      if (external && databaseName) {
        const admin = new pg.Client({ connectionString: external });
        await admin.connect();
        await admin.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
        await admin.end();
      }
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      rmSync(assets, { recursive: true, force: true });
    },
    output: () => tail,
  };
}
