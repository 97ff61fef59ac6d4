import { describe, expect, it } from 'vitest';
import { addBusinessMinutes } from './cases.business-time.ts';
import { SEEDED_CALENDARS } from './cases.calendars-data.ts';
import { GENERIC_CALENDAR, planThresholds } from './cases.sla.ts';

const iso = (list: Date[]) => list.map((d) => d.toISOString());
const plan = (budget: number, since: string, used = 0) =>
  iso(
    planThresholds(GENERIC_CALENDAR, {
      budget_minutes: budget,
      used_minutes: used,
      running_since: new Date(since),
    }),
  );

// GENERIC: Monday–Friday 09:00–17:00 UTC. 3 March 2026 is a Tuesday.
describe('planThresholds: the 50 %, 80 % and 100 % instants of a running clock', () => {
  it('within one working day', () => {
    expect(plan(100, '2026-03-03T09:00:00Z')).toEqual([
      '2026-03-03T09:50:00.000Z',
      '2026-03-03T10:20:00.000Z',
      '2026-03-03T10:40:00.000Z',
    ]);
  });

  it('across the evening: the rest of the budget runs from the next opening', () => {
    // 30 minutes left on Tuesday; 50 % = 50 min → Wednesday 09:20.
    expect(plan(100, '2026-03-03T16:30:00Z')).toEqual([
      '2026-03-04T09:20:00.000Z',
      '2026-03-04T09:50:00.000Z',
      '2026-03-04T10:10:00.000Z',
    ]);
  });

  it('a threshold that ends exactly at closing stays at closing, also when the next one is the same minute', () => {
    expect(plan(60, '2026-03-03T16:00:00Z')).toEqual([
      '2026-03-03T16:30:00.000Z',
      '2026-03-03T16:48:00.000Z',
      '2026-03-03T17:00:00.000Z',
    ]);
    // Budget 1: every threshold is the first minute (ceil), so all three fall on 17:00, not Wednesday.
    expect(plan(1, '2026-03-03T16:59:00Z')).toEqual(Array(3).fill('2026-03-03T17:00:00.000Z'));
  });

  it('after a pause: thresholds already used up fall on the resume instant, the rest count from it', () => {
    expect(plan(100, '2026-03-03T09:00:00Z', 60)).toEqual([
      '2026-03-03T09:00:00.000Z',
      '2026-03-03T09:20:00.000Z',
      '2026-03-03T09:40:00.000Z',
    ]);
  });

  it('equals computing each threshold from the start on the China calendar (holidays, make-up days)', () => {
    const cn = SEEDED_CALENDARS.find((c) => c.code === 'CN');
    if (!cn) throw new Error('CN calendar missing');
    const starts = [
      '2026-02-13T08:30:00Z',
      '2026-09-30T09:59:00Z',
      '2026-05-09T00:00:00Z',
      '2026-12-31T07:00:00Z',
    ];
    for (const start of starts)
      for (const budget of [1, 7, 95, 480, 2400]) {
        const since = new Date(start);
        const direct = [50, 80, 100].map((p) => addBusinessMinutes(cn, since, Math.ceil((budget * p) / 100)));
        expect(
          iso(planThresholds(cn, { budget_minutes: budget, used_minutes: 0, running_since: since })),
        ).toEqual(iso(direct));
      }
  });
});
