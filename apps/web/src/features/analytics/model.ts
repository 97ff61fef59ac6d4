import type { Wallboard } from './api.ts';

export type Level = 'ok' | 'warn' | 'alert' | 'none';
export const LEVEL_COLOR: Record<Level, string> = { ok: 'green', warn: 'yellow', alert: 'red', none: 'gray' };

type Thresholds = Wallboard['thresholds'];

/** Service level against the board's limits: under red is an alert, under amber a warning. */
export function serviceLevelLevel(value: number | null, t: Thresholds): Level {
  if (value === null) return 'none';
  if (value < t.serviceLevelRed) return 'alert';
  if (value < t.serviceLevelAmber) return 'warn';
  return 'ok';
}

export function longestWaitLevel(seconds: number, t: Thresholds): Level {
  if (seconds >= t.longestWaitRed) return 'alert';
  if (seconds >= t.longestWaitAmber) return 'warn';
  return 'ok';
}

/** Pages of at most `size` tiles, for the TV's rotation. */
export function paginate<T>(items: readonly T[], size: number): T[][] {
  const pages: T[][] = [];
  for (let i = 0; i < items.length; i += size) pages.push(items.slice(i, i + size));
  return pages.length > 0 ? pages : [[]];
}

export const percent = (ratio: number | null): string =>
  ratio === null ? '—' : `${Math.round(ratio * 1000) / 10} %`;

export const seconds = (value: number | null): string => {
  if (value === null) return '—';
  const s = Math.round(value);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/** Hour × weekday cells with every hour present (missing = 0), Monday first. */
export function heatmapGrid(
  cells: readonly { weekday: number; hour: number; offered: number }[],
): number[][] {
  const grid = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  for (const c of cells) {
    const row = grid[c.weekday - 1];
    if (row && c.hour >= 0 && c.hour < 24) row[c.hour] = c.offered;
  }
  return grid;
}
