import { describe, expect, it } from 'vitest';
import { heatmapGrid, longestWaitLevel, paginate, percent, seconds, serviceLevelLevel } from './model.ts';

const thresholds = {
  serviceLevelAmber: 0.8,
  serviceLevelRed: 0.6,
  longestWaitAmber: 60,
  longestWaitRed: 180,
};

describe('wallboard model', () => {
  it('colours service level and longest wait by the thresholds', () => {
    expect(serviceLevelLevel(null, thresholds)).toBe('none');
    expect(serviceLevelLevel(0.85, thresholds)).toBe('ok');
    expect(serviceLevelLevel(0.7, thresholds)).toBe('warn');
    expect(serviceLevelLevel(0.5, thresholds)).toBe('alert');
    expect(longestWaitLevel(10, thresholds)).toBe('ok');
    expect(longestWaitLevel(60, thresholds)).toBe('warn');
    expect(longestWaitLevel(200, thresholds)).toBe('alert');
  });
  it('pages, formats and grids', () => {
    expect(paginate([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(paginate([], 2)).toEqual([[]]);
    expect(percent(0.955)).toBe('95.5 %');
    expect(percent(null)).toBe('—');
    expect(seconds(42.4)).toBe('42 s');
    expect(seconds(125)).toBe('2:05');
    const grid = heatmapGrid([
      { weekday: 1, hour: 9, offered: 5 },
      { weekday: 7, hour: 23, offered: 2 },
    ]);
    expect(grid[0]?.[9]).toBe(5);
    expect(grid[6]?.[23]).toBe(2);
    expect(grid.flat().reduce((a, b) => a + b, 0)).toBe(7);
  });
});
