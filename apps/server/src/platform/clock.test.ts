import { describe, expect, it } from 'vitest';
import { startOfLocalDay } from './clock.ts';

describe('startOfLocalDay', () => {
  it('finds local midnight in Hanoi and Shanghai', () => {
    // 2026-03-02 01:30 UTC is 08:30 in Hanoi (UTC+7) and 09:30 in Shanghai (UTC+8).
    const at = new Date('2026-03-02T01:30:00Z');
    expect(startOfLocalDay(at, 'Asia/Ho_Chi_Minh').toISOString()).toBe('2026-03-01T17:00:00.000Z');
    expect(startOfLocalDay(at, 'Asia/Shanghai').toISOString()).toBe('2026-03-01T16:00:00.000Z');
  });

  it('handles the hour after midnight UTC being the previous local day', () => {
    const at = new Date('2026-03-02T16:30:00Z'); // 23:30 in Hanoi on the 2nd
    expect(startOfLocalDay(at, 'Asia/Ho_Chi_Minh').toISOString()).toBe('2026-03-01T17:00:00.000Z');
    expect(startOfLocalDay(at, 'UTC').toISOString()).toBe('2026-03-02T00:00:00.000Z');
  });
});
