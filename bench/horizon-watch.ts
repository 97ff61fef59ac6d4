/**
 * What held the push horizon back. Live pushes read the event log only below the oldest open
 * writing transaction (commit-safe order, decision 0003), so one writer that stays open for a
 * second holds every push for that second. While a phase runs this samples pg_stat_activity every
 * 50 ms and keeps, per second of the phase: the writers open longer than 30 ms (by statement),
 * the autovacuum workers at work, and whether a checkpoint was writing or syncing.
 */
import type pg from 'pg';
import { round } from './lib.ts';

const SAMPLE_MS = 50;
const LONG_WRITER_MS = 30;

interface Holder {
  query: string;
  samples: number;
  maxMs: number;
  seconds: Set<number>;
}

export interface HorizonReport {
  longWriters: { query: string; samples: number; maxMs: number; seconds: number[] }[];
  autovacuum: { what: string; seconds: number[] }[];
  checkpointSeconds: number[];
  checkpoints: number;
}

export function watchHorizon(pool: pg.Pool, startMs: number): { stop: () => Promise<HorizonReport> } {
  const writers = new Map<string, Holder>();
  const vacuums = new Map<string, Set<number>>();
  const checkpointSeconds = new Set<number>();
  let running = true;
  let checkpointsBefore: number | null = null;
  const checkpoints = async (): Promise<number> => {
    // PostgreSQL 17 moved the counters to pg_stat_checkpointer.
    const { rows } = await pool.query<{ n: string }>(
      Number((await pool.query('SHOW server_version_num')).rows[0]?.server_version_num) >= 170000
        ? 'SELECT num_timed + num_requested AS n FROM pg_stat_checkpointer'
        : 'SELECT checkpoints_timed + checkpoints_req AS n FROM pg_stat_bgwriter',
    );
    return Number(rows[0]?.n ?? 0);
  };
  const loop = (async () => {
    checkpointsBefore = await checkpoints();
    while (running) {
      const second = Math.floor((performance.now() - startMs) / 1000);
      const { rows } = await pool.query<{
        backend_type: string;
        wait_event: string | null;
        xact_ms: number | null;
        writer: boolean;
        query: string;
      }>(
        `SELECT backend_type, wait_event,
                extract(epoch FROM clock_timestamp() - xact_start) * 1000 AS xact_ms,
                backend_xid IS NOT NULL AS writer, left(regexp_replace(query, '\\s+', ' ', 'g'), 90) AS query
           FROM pg_stat_activity
          WHERE pid <> pg_backend_pid()
            AND (backend_type IN ('autovacuum worker', 'checkpointer')
                 OR (backend_xid IS NOT NULL AND clock_timestamp() - xact_start > make_interval(secs => $1 / 1000.0)))`,
        [LONG_WRITER_MS],
      );
      for (const row of rows) {
        if (row.backend_type === 'autovacuum worker') {
          const what = row.query.replace(/^autovacuum: /, '');
          if (!vacuums.has(what)) vacuums.set(what, new Set());
          vacuums.get(what)?.add(second);
        } else if (row.backend_type === 'checkpointer') {
          if (row.wait_event !== 'CheckpointerMain') checkpointSeconds.add(second);
        } else if (row.writer) {
          const holder = writers.get(row.query) ?? {
            query: row.query,
            samples: 0,
            maxMs: 0,
            seconds: new Set(),
          };
          holder.samples++;
          holder.maxMs = Math.max(holder.maxMs, Number(row.xact_ms));
          holder.seconds.add(second);
          writers.set(row.query, holder);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      const total = (await checkpoints()) - (checkpointsBefore ?? 0);
      return {
        longWriters: [...writers.values()]
          .sort((a, b) => b.maxMs - a.maxMs)
          .map((h) => ({
            query: h.query,
            samples: h.samples,
            maxMs: round(h.maxMs, 0),
            seconds: [...h.seconds],
          })),
        autovacuum: [...vacuums].map(([what, seconds]) => ({ what, seconds: [...seconds] })),
        checkpointSeconds: [...checkpointSeconds].sort((a, b) => a - b),
        checkpoints: total,
      };
    },
  };
}

const spans = (seconds: number[]): string => {
  const sorted = [...new Set(seconds)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] as number) === (sorted[j] as number) + 1) j++;
    out.push(i === j ? `${sorted[i]}` : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return out.join(', ');
};

export function printHorizon(report: HorizonReport): void {
  process.stdout.write('\n  what held the push horizon (seconds of the phase):\n');
  if (report.longWriters.length === 0)
    process.stdout.write(`    no writer stayed open over ${LONG_WRITER_MS} ms\n`);
  for (const w of report.longWriters.slice(0, 8)) {
    process.stdout.write(
      `    writer open up to ${w.maxMs} ms (${w.samples} samples) at s ${spans(w.seconds)}: ${w.query}\n`,
    );
  }
  for (const v of report.autovacuum)
    process.stdout.write(`    autovacuum at s ${spans(v.seconds)}: ${v.what}\n`);
  process.stdout.write(
    `    checkpoints completed: ${report.checkpoints}; checkpointer writing or syncing at s ${spans(report.checkpointSeconds) || '—'}\n`,
  );
}
