// Runs the browser journeys: builds the web app, starts Banyan on a free port with a fresh embedded PostgreSQL (or the
// database in DATABASE_URL), waits until it is ready, runs e2e/**/*.e2e.ts with Vitest, stops it.
// BANYAN_E2E_BASE_URL=http://… skips the start and runs against a server that is already up.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../apps/server/src/platform/free-port.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const READY_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 20_000;

async function waitForReady(baseUrl, server) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server && server.exitCode !== null) throw new Error(`server exited with code ${server.exitCode}`);
    try {
      const response = await fetch(`${baseUrl}/readyz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`server not ready at ${baseUrl}/readyz after ${READY_TIMEOUT_MS / 1000} s`);
}

/** SIGTERM first, so the server stops its embedded PostgreSQL; a kill -9 would leave postgres running. */
async function stop(server) {
  if (server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  const timer = setTimeout(() => server.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

function run(command, args, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, command), ...args], {
      cwd: root,
      stdio: 'inherit',
      env,
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

/** The server serves dist/web: build it so the journeys test the current sources. */
async function buildWeb() {
  const code = await run('node_modules/vite/bin/vite.js', [
    'build',
    '--config',
    'apps/web/vite.config.ts',
    '--logLevel',
    'warn',
  ]);
  if (code !== 0) throw new Error(`web build failed with code ${code}`);
}

// `npm run test:e2e -- e2e/customer` runs only the journeys whose path contains one of the filters.
const filters = process.argv.slice(2);

function runVitest(baseUrl, smtpPort) {
  return run('node_modules/vitest/vitest.mjs', ['run', '--config', 'e2e/vitest.config.ts', ...filters], {
    ...process.env,
    BANYAN_E2E_BASE_URL: baseUrl,
    ...(smtpPort ? { BANYAN_E2E_SMTP_PORT: String(smtpPort) } : {}),
  });
}

async function main() {
  if (process.env.BANYAN_E2E_BASE_URL) {
    await waitForReady(process.env.BANYAN_E2E_BASE_URL, null);
    return runVitest(process.env.BANYAN_E2E_BASE_URL);
  }

  await buildWeb();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = process.env.DATABASE_URL ? null : mkdtempSync(join(tmpdir(), 'banyan-e2e-'));
  // The built-in SMTP server on a free port too: never another checkout's server on 2525.
  const smtpPort = await freePort();
  const env = {
    ...process.env,
    BANYAN_SMTP_INBOUND_PORT: String(smtpPort),
    // The journeys run at any hour: a case update by SMS must not wait for 08:00 in Hanoi (quiet
    // hours are covered by the notifications integration tests).
    SMS_QUIET_HOURS: 'off',
    ...(dataDir ? { BANYAN_DATA_DIR: dataDir } : {}),
  };
  console.log(`e2e: starting Banyan on ${baseUrl} (${dataDir ? `data in ${dataDir}` : 'DATABASE_URL'})`);
  const server = spawn(process.execPath, [join(root, 'bin/banyan.mjs'), 'start', '--port', String(port)], {
    cwd: root,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const onSignal = () => void stop(server).then(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    await waitForReady(baseUrl, server);
    return await runVitest(baseUrl, smtpPort);
  } finally {
    await stop(server);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`e2e: ${error.message}`);
    process.exit(1);
  },
);
