import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { isSuggestion, phrasesOf } from './analytics.phrases.ts';

export interface TokenInput {
  text: string;
  language: string;
}
export interface Tokens {
  phrases: string[];
  suggestion: boolean;
}

/** One message's phrases and whether it reads as a suggestion (the work a worker does). */
export const tokenise = (m: TokenInput): Tokens => ({
  phrases: phrasesOf(m.text, m.language),
  suggestion: isSuggestion(m.text),
});

/** Separates the phrases of one message as a worker sends them back. */
export const SEP = '\u0001';

const unpack = (packed: string): Tokens => ({
  suggestion: packed[0] === '1',
  phrases: packed.length > 1 ? packed.slice(1).split(SEP) : [],
});

/** Below this many messages, segmenting inline costs less than handing them to a worker. */
const INLINE_MAX = 500;

/** How long the worker threads stay without work before they are stopped. */
export const TOKENISERS_IDLE_MS = 5 * 60_000;

let pool: { workers: Worker[]; idleTimer: NodeJS.Timeout | null } | null = null;
let nextId = 0;

function workers(): Worker[] {
  if (!pool) {
    // One per core: segmentation is CPU-bound, and off the main thread the server keeps answering.
    const n = Math.max(1, Math.min(4, availableParallelism()));
    pool = {
      workers: Array.from({ length: n }, () => {
        const w = new Worker(new URL('./analytics.tokenise.worker.mjs', import.meta.url), { execArgv: [] });
        w.unref();
        return w;
      }),
      idleTimer: null,
    };
  }
  if (pool.idleTimer) clearTimeout(pool.idleTimer);
  // Idle workers hold jieba's dictionary (~100 MB): let them go after a quiet spell, long enough for
  // reports run one after another (or a rebuild's rounds) to find them warm: a new worker loads that
  // dictionary again, about 1 s of CPU each. The minute's job never starts them (it segments its
  // batches of 100 inline).
  pool.idleTimer = setTimeout(() => void closeTokenisers(), TOKENISERS_IDLE_MS);
  pool.idleTimer.unref();
  return pool.workers;
}

/** How many worker threads are running (0 when stopped). */
export function tokeniserThreads(): number {
  return pool?.workers.length ?? 0;
}

/** Stops the worker threads (they are also stopped after TOKENISERS_IDLE_MS without work). */
export async function closeTokenisers(): Promise<void> {
  const current = pool;
  pool = null;
  if (!current) return;
  if (current.idleTimer) clearTimeout(current.idleTimer);
  await Promise.all(current.workers.map((w) => w.terminate()));
}

function run(worker: Worker, items: TokenInput[]): Promise<Tokens[]> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const onMessage = (m: { id: number; packed?: string[]; error?: string }) => {
      if (m.id !== id) return;
      worker.off('message', onMessage);
      worker.off('error', onError);
      if (m.error !== undefined) reject(new Error(m.error));
      else resolve((m.packed as string[]).map(unpack));
    };
    const onError = (error: Error) => {
      worker.off('message', onMessage);
      reject(error);
    };
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.postMessage({ id, items });
  });
}

/**
 * Tokenises messages, split over the worker threads when there are many; results in input order.
 * A few (the minute's copy takes 100 at a time: about 1 ms) are tokenised inline, with the
 * segmenter the server's thread already holds for knowledge search. Sending them to the threads
 * cost more: threads that had let themselves go started again under live traffic and loaded
 * jieba's dictionary, each taking a core for a second or two (bench:chat, eleventh session).
 */
export async function tokeniseMany(items: TokenInput[]): Promise<Tokens[]> {
  if (items.length === 0) return [];
  if (items.length <= INLINE_MAX) return items.map(tokenise);
  const ws = workers();
  const size = Math.ceil(items.length / ws.length);
  const parts = await Promise.all(ws.map((w, i) => run(w, items.slice(i * size, (i + 1) * size))));
  return parts.flat();
}
