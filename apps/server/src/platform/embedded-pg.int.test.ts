import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from './embedded-pg.ts';
import { createLogger } from './logger.ts';

const log = createLogger({ level: 'warn' });
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function serverAddress(connectionString: string): Promise<string | null> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return (await client.query('SELECT inet_server_addr()::text AS addr')).rows[0].addr;
  } finally {
    await client.end();
  }
}

describe('the embedded PostgreSQL', () => {
  it('gives Banyan its Unix socket (owner only) and tools 127.0.0.1, one server and one password; takes extra settings', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'banyan-pg-'));
    dirs.push(dataDir);
    const embedded = await startEmbeddedPostgres({
      dataDir,
      log,
      database: 'postgres',
      settings: ['work_mem=7MB'],
    });
    try {
      const client = new pg.Client({ connectionString: embedded.url });
      await client.connect();
      expect((await client.query('SHOW work_mem')).rows[0].work_mem).toBe('7MB');
      await client.end();
      expect(embedded.socketUrl).not.toBeNull();
      // No server address: the session came over the Unix socket.
      expect(await serverAddress(embedded.socketUrl as string)).toBeNull();
      expect(await serverAddress(embedded.url)).toBe('127.0.0.1/32');
      expect(statSync(path.join(dataDir, 'pg-socket')).mode & 0o777).toBe(0o700);
      // The password is still asked for on the socket.
      const wrong = (embedded.socketUrl as string).replace(
        /^postgres:\/\/postgres:[^@]+@/,
        'postgres://postgres:nope@',
      );
      await expect(serverAddress(wrong)).rejects.toThrow(/password authentication failed/);
    } finally {
      await embedded.stop();
    }
  }, 120_000);

  it('keeps to TCP when the socket path would be longer than the OS allows', async () => {
    const base = mkdtempSync(path.join(os.tmpdir(), 'banyan-pg-'));
    dirs.push(base);
    chmodSync(base, 0o711); // PostgreSQL's own user (when tests run as root) must reach the data dir.
    const dataDir = path.join(base, 'a-data-directory-whose-path-is-long'.repeat(3));
    const embedded = await startEmbeddedPostgres({ dataDir, log, database: 'postgres' });
    try {
      expect(embedded.socketUrl).toBeNull();
      expect(await serverAddress(embedded.url)).toBe('127.0.0.1/32');
    } finally {
      await embedded.stop();
    }
  }, 120_000);
});
