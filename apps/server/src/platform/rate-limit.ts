/**
 * A fixed-window counter per key, in process memory. Customer-facing endpoints use it per IP and
 * per visitor; with several processes each enforces its own share (a load balancer spreads them).
 */
export function createRateLimiter(options: { limit: number; windowMs: number; now?: () => number }) {
  const now = options.now ?? Date.now;
  const windows = new Map<string, { start: number; count: number }>();

  return {
    /** Counts one hit; false when the key is over its limit in the current window. */
    hit(key: string): boolean {
      const t = now();
      let w = windows.get(key);
      if (!w || t - w.start >= options.windowMs) {
        if (windows.size > 50_000) windows.clear();
        w = { start: t, count: 0 };
        windows.set(key, w);
      }
      w.count++;
      return w.count <= options.limit;
    },
  };
}
