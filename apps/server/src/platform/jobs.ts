import { sql } from 'drizzle-orm';
import { type Runner, run, runMigrations, type Task, Logger as WorkerLogger } from 'graphile-worker';
import type pg from 'pg';
import type { DbOrTx } from './db.ts';
import type { Logger } from './logger.ts';

/**
 * Durable jobs and timers on graphile-worker (see docs/decisions/0002-job-queue.md): jobs are
 * enqueued with a SQL function inside the caller's transaction, so a job exists iff the change
 * that needs it committed.
 */
export interface JobOptions {
  runAt?: Date;
  jobKey?: string;
  maxAttempts?: number;
  queueName?: string;
  priority?: number;
}

export type JobHandler = (payload: unknown) => Promise<void>;

export function createJobs(deps: { pool: pg.Pool; log: Logger }) {
  const { pool, log } = deps;
  const tasks: Record<string, Task> = {};
  let runner: Runner | null = null;

  const workerLogger = new WorkerLogger((scope) => (level, message, meta) => {
    const method = level === 'error' ? 'error' : level === 'warning' ? 'warn' : 'debug';
    log[method]({ component: 'jobs', scope: scope.label, ...(meta ?? {}) }, message);
  });

  function define(name: string, handler: JobHandler): void {
    if (tasks[name]) throw new Error(`job ${name} defined twice`);
    tasks[name] = async (payload) => handler(payload);
  }

  async function add(tx: DbOrTx, name: string, payload: unknown, options: JobOptions = {}): Promise<void> {
    await tx.execute(sql`SELECT graphile_worker.add_job(
      identifier => ${name}, payload => ${JSON.stringify(payload)}::json,
      queue_name => ${options.queueName ?? null}, run_at => ${options.runAt?.toISOString() ?? null}::timestamptz,
      max_attempts => ${options.maxAttempts ?? 10}, job_key => ${options.jobKey ?? null},
      priority => ${options.priority ?? 0})`);
  }

  async function migrate(): Promise<void> {
    await runMigrations({ pgPool: pool, logger: workerLogger });
  }

  /** `crontab` lines as graphile-worker reads them, e.g. `7 * * * * banyan.maintenance`. */
  async function start(options: { concurrency?: number; crontab?: string } = {}): Promise<void> {
    runner = await run({
      crontab: options.crontab,
      pgPool: pool,
      taskList: tasks,
      concurrency: options.concurrency ?? 2,
      noHandleSignals: true,
      pollInterval: 2000,
      logger: workerLogger,
    });
  }

  async function stop(): Promise<void> {
    await runner?.stop();
    runner = null;
  }

  return { define, add, migrate, start, stop };
}

export type Jobs = ReturnType<typeof createJobs>;
