/**
 * The parent's side of bench/http-load.ts: forks the load generator, waits until it is ready (so
 * that the caller takes its "before" readings with the child already started), then runs one load
 * and returns every response's time and the generator's CPU.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import type { LoadOptions, LoadResult } from './http-load.ts';

export interface LoadGenerator {
  run(options: LoadOptions): Promise<LoadResult>;
}

export async function startLoadGenerator(): Promise<LoadGenerator> {
  const child = fork(path.join(import.meta.dirname, 'http-load.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const message = (kind: string) =>
    new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`load generator: no '${kind}' in time`)), 120_000);
      child.on('message', (m: { kind: string }) => {
        if (m.kind !== kind) return;
        clearTimeout(timer);
        resolve(m);
      });
      // A large last message (every response's time) can still be on its way when 'exit' fires.
      child.once('exit', (code) =>
        setTimeout(() => {
          clearTimeout(timer);
          reject(new Error(`load generator exited (${code}) before '${kind}'`));
        }, 2_000),
      );
    });
  await message('ready');
  return {
    async run(options) {
      const done = message('done') as Promise<LoadResult>;
      child.send({ kind: 'go', options });
      return done;
    },
  };
}
