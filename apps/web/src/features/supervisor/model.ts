// Pure supervisor-board logic, kept apart from React so it is unit-tested (model.test.ts).

/** Traffic-light level of a figure on the board. `none` when there is nothing to judge yet. */
export type Level = 'ok' | 'warn' | 'alert' | 'none';

/** Mantine colour per level; `none` stays neutral. */
export const LEVEL_COLOR: Record<Level, string> = {
  ok: 'green',
  warn: 'yellow',
  alert: 'red',
  none: 'gray',
};

export const WAIT_WARN_SECONDS = 20;
export const WAIT_ALERT_SECONDS = 60;
export const SERVICE_LEVEL_TARGET = 0.8;
export const SERVICE_LEVEL_FLOOR = 0.7;

/** Longest wait: green below 20 s, amber below 60 s, red from 60 s. Nobody waiting is green. */
export function waitLevel(seconds: number): Level {
  if (seconds < WAIT_WARN_SECONDS) return 'ok';
  if (seconds < WAIT_ALERT_SECONDS) return 'warn';
  return 'alert';
}

/** Service level (0..1): green from 80 %, amber from 70 %, red below; `none` before any contact. */
export function serviceLevelLevel(ratio: number | null): Level {
  if (ratio === null || Number.isNaN(ratio)) return 'none';
  if (ratio >= SERVICE_LEVEL_TARGET) return 'ok';
  if (ratio >= SERVICE_LEVEL_FLOOR) return 'warn';
  return 'alert';
}

/** A 0..1 ratio as a whole percentage, clamped; `null` (no contact yet) becomes `null`. */
export function toPercent(ratio: number | null): number | null {
  if (ratio === null || Number.isNaN(ratio)) return null;
  return Math.round(Math.min(1, Math.max(0, ratio)) * 100);
}

/** A short duration for tiles: `45s`, `3m 05s`, `1h 02m`. Negative becomes `0s`. */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  if (total < 60) return `${total}s`;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  if (hours > 0) return `${hours}h ${String(minutes).padStart(2, '0')}m`;
  return `${minutes}m ${String(total % 60).padStart(2, '0')}s`;
}

/** Staff WebSocket events that change a figure on the board. */
export function isBoardEvent(type: string): boolean {
  return type === 'resync' || type.startsWith('routing.') || type.startsWith('conversation.');
}

/**
 * Calls `fn` at most once per `intervalMs`: the first call runs at once, later ones inside the
 * window collapse into a single trailing call at its end. `cancel` drops a pending trailing call.
 */
export interface Clock {
  now: () => number;
  schedule: (fn: () => void, ms: number) => unknown;
  unschedule: (handle: unknown) => void;
}

const realClock: Clock = {
  now: () => Date.now(),
  schedule: (fn, ms) => setTimeout(fn, ms),
  unschedule: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function throttle(
  fn: () => void,
  intervalMs: number,
  clock: Clock = realClock,
): { call: () => void; cancel: () => void } {
  let last = Number.NEGATIVE_INFINITY;
  let pending: unknown;
  const run = () => {
    pending = undefined;
    last = clock.now();
    fn();
  };
  return {
    call: () => {
      if (pending !== undefined) return;
      const wait = last + intervalMs - clock.now();
      if (wait <= 0) run();
      else pending = clock.schedule(run, wait);
    },
    cancel: () => {
      if (pending !== undefined) clock.unschedule(pending);
      pending = undefined;
    },
  };
}
