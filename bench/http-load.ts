/**
 * The load generator of bench/cases.ts in its own process (forked with an IPC channel), so that the
 * server's CPU per request is measured without autocannon's client and the latencies are not
 * stretched by the client sharing the server's event loop.
 *
 * Protocol: the child sends `{ kind: 'ready' }`; the parent takes its "before" readings and sends
 * `{ kind: 'go', options }`; the child runs autocannon and sends `{ kind: 'done', ... }` with every
 * response's time (so p95 is exact: autocannon's summary has p90 and p97.5, no p95) and its own CPU.
 */
import type { EventEmitter } from 'node:events';
import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  connections: number;
  duration: number;
  method: string;
  headers: Record<string, string>;
  body: string;
}

export interface LoadResult {
  kind: 'done';
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
  latencies: number[];
  /** CPU ms of this process (autocannon) during the run */
  cpuMs: number;
}

const send = (message: unknown) => (process.send as (m: unknown) => boolean)(message);

process.on('message', async (message: { kind: 'go'; options: LoadOptions }) => {
  if (message.kind !== 'go') return;
  const latencies: number[] = [];
  const cpuBefore = process.cpuUsage();
  const run = autocannon(message.options);
  (run as unknown as EventEmitter).on('response', (_c: unknown, _s: number, _b: number, ms: number) =>
    latencies.push(ms),
  );
  const result = await run;
  const cpu = process.cpuUsage(cpuBefore);
  const done: LoadResult = {
    kind: 'done',
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    duration: result.duration,
    latencies,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
  // Disconnect once the message is written: a long run's times are megabytes, cut off otherwise.
  (process.send as (m: unknown, callback: () => void) => boolean)(done, () => process.disconnect());
});
send({ kind: 'ready' });
