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
  /** What the active backends were doing, summed over every sample: "CPU" when not waiting. */
  activeWaits: { what: string; samples: number }[];
  samples: number;
}

export function watchHorizon(pool: pg.Pool, startMs: number): { stop: () => Promise<HorizonReport> } {
  const writers = new Map<string, Holder>();
  const vacuums = new Map<string, Set<number>>();
  const checkpointSeconds = new Set<number>();
  const activeWaits = new Map<string, number>();
  let samples = 0;
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
        active: boolean;
        wait: string;
        query: string;
      }>(
        `SELECT backend_type, wait_event, state = 'active' AND backend_type = 'client backend' AS active,
                coalesce(wait_event_type || ':' || wait_event, 'CPU') || CASE WHEN wait_event_type = 'Lock' THEN
                  ' ' || coalesce((SELECT l.locktype || '/' || coalesce(l.classid::regclass::text, '') || '/' || coalesce(l.objid::text, '')
                                     FROM pg_locks l WHERE l.pid = a.pid AND NOT l.granted LIMIT 1), '?') || ' in ' || left(regexp_replace(a.query, '\\s+', ' ', 'g'), 40)
                  ELSE '' END AS wait,
                extract(epoch FROM clock_timestamp() - xact_start) * 1000 AS xact_ms,
                backend_xid IS NOT NULL AS writer, left(regexp_replace(query, '\\s+', ' ', 'g'), 90) AS query
           FROM pg_stat_activity a
          WHERE pid <> pg_backend_pid()
            AND (backend_type IN ('autovacuum worker', 'checkpointer')
                 OR (state = 'active' AND backend_type = 'client backend')
                 OR (backend_xid IS NOT NULL AND clock_timestamp() - xact_start > make_interval(secs => $1 / 1000.0)))`,
        [LONG_WRITER_MS],
      );
      samples++;
      for (const row of rows) {
        if (row.active) activeWaits.set(row.wait, (activeWaits.get(row.wait) ?? 0) + 1);
        if (row.backend_type === 'autovacuum worker') {
          const what = row.query.replace(/^autovacuum: /, '');
          if (!vacuums.has(what)) vacuums.set(what, new Set());
          vacuums.get(what)?.add(second);
        } else if (row.backend_type === 'checkpointer') {
          if (row.wait_event !== 'CheckpointerMain') checkpointSeconds.add(second);
        } else if (row.writer && Number(row.xact_ms) > LONG_WRITER_MS) {
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
        activeWaits: [...activeWaits]
          .map(([what, n]) => ({ what, samples: n }))
          .sort((a, b) => b.samples - a.samples),
        samples,
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
  if (report.samples > 0) {
    const top = report.activeWaits
      .slice(0, 8)
      .map((w) => `${w.what} ${round(w.samples / report.samples, 2)}`)
      .join(', ');
    process.stdout.write(`    active backends per sample, by wait: ${top || 'none'}\n`);
  }
  process.stdout.write(
    `    checkpoints completed: ${report.checkpoints}; checkpointer writing or syncing at s ${spans(report.checkpointSeconds) || '—'}\n`,
  );
}
