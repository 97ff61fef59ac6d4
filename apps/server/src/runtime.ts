import type pg from 'pg';
import type { Config } from './config.ts';
import { createPool, endPool, runMigrations } from './platform/db.ts';
import { startEmbeddedPostgres } from './platform/embedded-pg.ts';
import { createJobs } from './platform/jobs.ts';
import type { Logger } from './platform/logger.ts';

/** The database Banyan runs on: the one in DATABASE_URL, or an embedded one under the data dir. */
export interface Database {
  url: string;
  pool: pg.Pool;
  embedded: boolean;
  close(): Promise<void>;
}

export async function openDatabase(config: Config, log: Logger): Promise<Database> {
  const embedded = config.databaseUrl
    ? null
    : await startEmbeddedPostgres({ dataDir: config.dataDir, log, settings: config.embeddedPgSettings });
  const url = config.databaseUrl ?? ((embedded?.socketUrl ?? embedded?.url) as string);
  const pool = createPool(url, config.dbPoolSize);
  try {
    const { rows } = await pool.query<{ v: number }>(
      "SELECT current_setting('server_version_num')::int AS v",
    );
    if ((rows[0]?.v ?? 0) < 150000) {
      throw new Error(`Banyan needs PostgreSQL 15 or newer (this server is ${rows[0]?.v})`);
    }
  } catch (error) {
    await endPool(pool).catch(() => undefined);
    await embedded?.stop();
    throw error;
  }
  return {
    url,
    pool,
    embedded: embedded !== null,
    async close() {
      await endPool(pool).catch(() => undefined);
      await embedded?.stop();
    },
  };
}

/** Applies Banyan's migrations and the job queue's own schema. */
export async function migrateAll(pool: pg.Pool, log: Logger): Promise<void> {
  await runMigrations(pool);
  await createJobs({ pool, log }).migrate();
}
