import { describe, expect, it } from 'vitest';
import {
  type ContactReasonItem,
  formatClock,
  mergeMessages,
  reasonOptions,
  refreshesFor,
  remainingMs,
} from './model.ts';

describe('formatClock', () => {
  it.each([
    [0, '0:00'],
    [999, '0:00'],
    [7_000, '0:07'],
    [754_000, '12:34'],
    [3_723_000, '1:02:03'],
    [-5_000, '0:00'],
  ])('%i ms -> %s', (ms, text) => {
    expect(formatClock(ms)).toBe(text);
  });
});

describe('remainingMs', () => {
  const now = Date.parse('2026-01-01T00:00:00.000Z');
  it('rounds up to the next second while the offer lives', () => {
    expect(remainingMs('2026-01-01T00:00:14.200Z', now)).toBe(15_000);
    expect(remainingMs('2026-01-01T00:00:00.001Z', now)).toBe(1_000);
  });
  it('is zero once expired', () => {
    expect(remainingMs('2026-01-01T00:00:00.000Z', now)).toBe(0);
    expect(remainingMs('2025-12-31T23:59:50.000Z', now)).toBe(0);
  });
});

describe('mergeMessages', () => {
  const m = (id: string, seq: number, body = id) => ({ id, seq, body });

  it('orders by seq whatever the arrival order', () => {
    expect(mergeMessages([m('a', 1), m('c', 3)], [m('b', 2)]).map((x) => x.id)).toEqual(['a', 'b', 'c']);
  });
  it('keeps one copy per id, the incoming one', () => {
    const merged = mergeMessages([m('a', 1, 'old')], [m('a', 1, 'new'), m('a', 1, 'newer')]);
    expect(merged).toEqual([m('a', 1, 'newer')]);
  });
  it('returns the same list when there is nothing to add', () => {
    const current = [m('a', 1)];
    expect(mergeMessages(current, [])).toBe(current);
  });
});

describe('refreshesFor', () => {
  it('maps realtime events to the queries they stale', () => {
    expect(refreshesFor('routing.offered')).toEqual(['offers']);
    expect(refreshesFor('conversation.message_created')).toContain('conversation');
    expect(refreshesFor('conversation.assigned')).toContain('conversation');
    expect(refreshesFor('conversation.customer_linked')).toContain('conversation');
    expect(refreshesFor('resync')).toEqual(['all']);
    expect(refreshesFor('staff.user_created')).toEqual([]);
  });
});

describe('reasonOptions', () => {
  it('lists each reason under its parent in the agent language, falling back to English', () => {
    const reasons: ContactReasonItem[] = [
      { id: 'c2', parentId: 'p1', names: { en: 'Limit', vi: 'Hạn mức' }, sort: 1 },
      { id: 'p1', parentId: null, names: { en: 'Cards', vi: 'Thẻ' }, sort: 0 },
      { id: 'c1', parentId: 'p1', names: { en: 'Lost card' }, sort: 0 },
      { id: 'p2', parentId: null, names: { en: 'Other', vi: 'Khác' }, sort: 1 },
    ];
    expect(reasonOptions(reasons, 'vi')).toEqual([
      { value: 'p1', label: 'Thẻ' },
      { value: 'c1', label: 'Thẻ › Lost card' },
      { value: 'c2', label: 'Thẻ › Hạn mức' },
      { value: 'p2', label: 'Khác' },
    ]);
  });
});
