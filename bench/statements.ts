/**
 * What PostgreSQL spent its time on during a phase, from pg_stat_statements: a bench started with
 * `--statements` runs its server's embedded PostgreSQL with the extension loaded
 * (`BANYAN_EMBEDDED_PG_SETTINGS`), resets the counters when a phase starts and reads the top
 * statements when it ends. Diagnosis only: the extension costs a little on every statement.
 */
import type pg from 'pg';

/** For `startBanyan`'s environment. */
export const STATEMENTS_SETTINGS = 'shared_preload_libraries=pg_stat_statements pg_stat_statements.track=all';

export interface StatementRow {
  calls: number;
  execMs: number;
  planMs: number;
  meanMs: number;
  rows: number;
  walRecords: number;
  query: string;
}

export async function resetStatements(pool: pg.Pool): Promise<void> {
  await pool.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  await pool.query('SELECT pg_stat_statements_reset()');
}

export async function topStatements(pool: pg.Pool, limit = 12): Promise<StatementRow[]> {
  const { rows } = await pool.query<{
    calls: string;
    exec_ms: number;
    plan_ms: number;
    rows: string;
    wal_records: string;
    query: string;
  }>(
    `SELECT calls, total_exec_time AS exec_ms, total_plan_time AS plan_ms, rows, wal_records,
            left(regexp_replace(query, '\\s+', ' ', 'g'), 90) AS query
       FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%'
      ORDER BY total_exec_time + total_plan_time DESC LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({
    calls: Number(r.calls),
    execMs: Math.round(r.exec_ms),
    planMs: Math.round(r.plan_ms),
    meanMs: Number(r.calls) > 0 ? Math.round((1000 * r.exec_ms) / Number(r.calls)) / 1000 : 0,
    rows: Number(r.rows),
    walRecords: Number(r.wal_records),
    query: r.query,
  }));
}

export function printStatements(rows: StatementRow[]): void {
  if (rows.length === 0) return;
  process.stdout.write('\n  what PostgreSQL ran (pg_stat_statements, by total time):\n');
  process.stdout.write('     calls  exec ms  plan ms  mean ms  WAL records  statement\n');
  for (const r of rows) {
    process.stdout.write(
      `  ${String(r.calls).padStart(8)} ${String(r.execMs).padStart(8)} ${String(r.planMs).padStart(8)} ` +
        `${r.meanMs.toFixed(3).padStart(8)} ${String(r.walRecords).padStart(12)}  ${r.query}\n`,
    );
  }
}
