/**
 * Group commit (docs/decisions, "cases: group commit for gapless case numbers"). Callers hand in fully
 * validated items; items that arrive while a batch is being written wait and go together into the next
 * one, written by `write` in one transaction. No timer: a lone caller is written at once (the next
 * tick), and under load batches grow by themselves to what arrived during the previous commit.
 *
 * When a batch fails, each of its members is written again on its own (`write([item])`), so one bad
 * row never fails or renumbers the others; only the item whose own write fails gets the error.
 */
export interface GroupCommit<T, R> {
  submit(item: T): Promise<R>;
  /** Resolves when nothing is queued or being written (for shutdown and tests). */
  drain(): Promise<void>;
  /**
   * For the bench: batches and items written so far, the largest batch, the members retried alone,
   * the time spent writing batches that succeeded (`writeMs`: the writer's busy time, since one is in
   * flight) and the time items waited in the queue for their batch to start (`waitMs`, summed).
   */
  stats(): {
    batches: number;
    items: number;
    largest: number;
    retriedAlone: number;
    writeMs: number;
    waitMs: number;
  };
}

export function createGroupCommit<T, R>(options: {
  /** Writes the items in one transaction; returns one result per item, in order. */
  write: (items: T[]) => Promise<R[]>;
  maxBatch?: number;
  /** Batches in flight at once (they queue on the counter's row lock; the next one is ready to go). */
  concurrency?: number;
}): GroupCommit<T, R> {
  const maxBatch = options.maxBatch ?? 256;
  let queue: Array<{ item: T; resolve: (r: R) => void; reject: (e: unknown) => void; at: number }> = [];
  const concurrency = options.concurrency ?? 1;
  const running = new Set<Promise<void>>();
  const counters = { batches: 0, items: 0, largest: 0, retriedAlone: 0, writeMs: 0, waitMs: 0 };

  async function writeBatch(batch: typeof queue) {
    counters.batches++;
    counters.items += batch.length;
    counters.largest = Math.max(counters.largest, batch.length);
    const started = performance.now();
    for (const b of batch) counters.waitMs += started - b.at;
    try {
      const results = await options.write(batch.map((b) => b.item));
      counters.writeMs += performance.now() - started;
      for (const [i, b] of batch.entries()) b.resolve(results[i] as R);
    } catch (error) {
      if (batch.length === 1) {
        (batch[0] as (typeof batch)[number]).reject(error);
        return;
      }
      // One member may be at fault (e.g. a category deactivated since validation): each on its own.
      for (const b of batch) {
        counters.retriedAlone++;
        try {
          const [result] = await options.write([b.item]);
          b.resolve(result as R);
        } catch (own) {
          b.reject(own);
        }
      }
    }
  }

  function pump() {
    if (running.size >= concurrency || queue.length === 0) return;
    const run = (async () => {
      // Let the callers of this tick join the batch.
      await new Promise<void>((r) => setImmediate(r));
      while (queue.length > 0) {
        const batch = queue.slice(0, maxBatch);
        queue = queue.slice(batch.length);
        await writeBatch(batch);
      }
    })().finally(() => {
      running.delete(run);
      pump();
    });
    running.add(run);
  }

  return {
    submit(item: T) {
      return new Promise<R>((resolve, reject) => {
        queue.push({ item, resolve, reject, at: performance.now() });
        pump();
      });
    },
    async drain() {
      while (running.size > 0) await Promise.all(running);
    },
    stats: () => ({ ...counters }),
  };
}
