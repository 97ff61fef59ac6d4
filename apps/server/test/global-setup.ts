import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createPool } from '../src/platform/db.ts';
import { startEmbeddedPostgres } from '../src/platform/embedded-pg.ts';
import { createLogger } from '../src/platform/logger.ts';
import { migrateAll } from '../src/runtime.ts';

export const TEMPLATE_DB = 'banyan_test_template';

declare module 'vitest' {
  export interface ProvidedContext {
    pgBaseUrl: string;
  }
}

/**
 * Integration tests run on a real PostgreSQL: DATABASE_URL when set (CI points it at the machine's
 * PostgreSQL 15), else an embedded one in a temp dir. One migrated template; each test file clones it.
 */
export default async function setup(project: TestProject) {
  const log = createLogger({ level: 'warn' });
  let stop = async () => undefined;
  let baseUrl: string;
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = '';
    baseUrl = url.toString().replace(/\/$/, '');
  } else {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'banyan-test-'));
    const embedded = await startEmbeddedPostgres({ dataDir, log, database: 'postgres' });
    baseUrl = embedded.url.replace(/\/postgres$/, '');
    stop = async () => {
      await embedded.stop();
      rmSync(dataDir, { recursive: true, force: true });
    };
  }

  const admin = new pg.Client({ connectionString: `${baseUrl}/postgres` });
  await admin.connect();
  await admin.query(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${TEMPLATE_DB}'`,
  );
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  const pool = createPool(`${baseUrl}/${TEMPLATE_DB}`, 2);
  await migrateAll(pool, log);
  await pool.end();
  await admin.end();

  project.provide('pgBaseUrl', baseUrl);
  return async () => {
    await stop();
  };
}
