// The worked examples of docs/metrics.md, one test each: the document and the code must agree.
import { describe, expect, it } from 'vitest';
import {
  abandonmentRate,
  aht,
  asa,
  binomialUpperTail,
  branchTimes,
  businessResolutionHours,
  businessSeconds,
  calendarResolutionHours,
  ces,
  closedByFirstOwner,
  complaintOnTimeRate,
  contactsPerAgentDay,
  csat,
  fcr,
  handleTimeByAgent,
  nps,
  type OfferedContact,
  occupancy,
  risingTest,
  serviceLevel,
  splitAtMidnight,
  utilization,
} from './analytics.kpi.ts';

const T0 = Date.UTC(2026, 10, 2, 9, 0, 0); // Monday 2 November 2026, 09:00 UTC
const s = (seconds: number) => T0 + seconds * 1000;
const DAY = 86_400_000;

describe('survey KPIs', () => {
  it('CSAT is the share of 4 and 5', () => {
    expect(csat([5, 4, 3, 5, 1])).toBe(0.6);
    expect(csat([])).toBeNull();
    expect(csat([0, 6, 4])).toBe(1); // out-of-range answers are not answers
  });
  it('NPS is % promoters − % detractors', () => {
    expect(nps([10, 9, 8, 7, 6, 0, 10, 3, 9, 10])).toBe(20);
    expect(nps([6, 6])).toBe(-100);
    expect(nps([])).toBeNull();
  });
  it('CES is the mean of 1–7', () => {
    expect(ces([7, 5, 6, 2])).toBe(5);
    expect(ces([8])).toBeNull();
  });
});

describe('queue KPIs', () => {
  const contacts: OfferedContact[] = [
    { offeredAt: s(0), answeredAt: s(10), abandonedAt: null },
    { offeredAt: s(0), answeredAt: s(15), abandonedAt: null },
    { offeredAt: s(0), answeredAt: s(30), abandonedAt: null },
    { offeredAt: s(0), answeredAt: s(60), abandonedAt: null },
    { offeredAt: s(0), answeredAt: null, abandonedAt: s(3) }, // short abandon: left out
    { offeredAt: s(0), answeredAt: null, abandonedAt: s(40) },
    { offeredAt: s(0), answeredAt: null, abandonedAt: null }, // still waiting: left out
  ];
  const options = { thresholdSeconds: 20, shortAbandonSeconds: 5 };

  it('service level, answered-only and offered, without short abandons', () => {
    expect(serviceLevel(contacts, options)).toEqual({ answeredOnly: 0.5, offered: 0.4 });
  });
  it('a contact abandoned exactly at the short-abandon threshold is still short', () => {
    const edge = [...contacts, { offeredAt: s(0), answeredAt: null, abandonedAt: s(5) }];
    expect(serviceLevel(edge, options).offered).toBe(0.4);
    expect(abandonmentRate(edge, 5)).toBe(0.2);
  });
  it('a short-abandon threshold of 0 counts every abandon', () => {
    expect(serviceLevel(contacts, { thresholdSeconds: 20, shortAbandonSeconds: 0 }).offered).toBeCloseTo(
      2 / 6,
    );
    expect(abandonmentRate(contacts, 0)).toBeCloseTo(2 / 6);
  });
  it('ASA and abandonment', () => {
    expect(asa(contacts)).toBe(28.75);
    expect(abandonmentRate(contacts, 5)).toBe(0.2);
    expect(asa([])).toBeNull();
    expect(serviceLevel([], options)).toEqual({ answeredOnly: null, offered: null });
  });
});

describe('handle time', () => {
  const transferred = [
    { agentId: 'A', startAt: s(0), endAt: s(240), holdSeconds: 60 },
    { agentId: 'B', startAt: s(300), endAt: s(480), wrapUpSeconds: 30 },
  ];
  const plain = [{ agentId: 'C', startAt: s(0), endAt: s(300), wrapUpSeconds: 60 }];

  it('a transfer splits handle time between the two agents', () => {
    expect(Object.fromEntries(handleTimeByAgent(transferred))).toEqual({ A: 300, B: 210 });
  });
  it('AHT counts a transferred contact once', () => {
    expect(aht([transferred, plain])).toBe(435);
    expect(aht([])).toBeNull();
  });
  it('a contact across midnight counts on both days', () => {
    const start = Date.UTC(2026, 10, 2, 23, 50);
    const end = Date.UTC(2026, 10, 3, 0, 20);
    const nextMidnight = (at: number) => Math.floor(at / DAY) * DAY + DAY;
    const dayOf = (at: number) => new Date(at).toISOString().slice(0, 10);
    expect(splitAtMidnight(start, end, nextMidnight, dayOf)).toEqual([
      { day: '2026-11-02', seconds: 600 },
      { day: '2026-11-03', seconds: 1200 },
    ]);
  });
});

describe('agent KPIs', () => {
  it('occupancy, utilization and contacts per agent-day', () => {
    expect(occupancy(6 * 3600, 7.5 * 3600)).toBe(0.8);
    expect(utilization(6 * 3600, 8 * 3600)).toBe(0.75);
    expect(occupancy(0, 0)).toBeNull();
    const handled = [
      ...Array.from({ length: 30 }, () => ({ agentId: 'A', day: 'Mon' })),
      ...Array.from({ length: 20 }, () => ({ agentId: 'A', day: 'Tue' })),
      ...Array.from({ length: 40 }, () => ({ agentId: 'B', day: 'Mon' })),
    ];
    expect(contactsPerAgentDay(handled)).toBe(30);
  });
});

describe('case KPIs', () => {
  it('FCR: a repeat on the same reason within 7 days, and a reopened case, are not resolved', () => {
    const contacts = [
      { customerId: 'X', reason: 'card_block', at: T0 + 1 * DAY },
      { customerId: 'X', reason: 'card_block', at: T0 + 3 * DAY },
      { customerId: 'Y', reason: 'loan', at: T0 + 2 * DAY },
      { customerId: 'Y', reason: 'card_block', at: T0 + 4 * DAY + 1 }, // other reason: no repeat of loan
      { customerId: 'W', reason: 'dispute', at: T0 + 4 * DAY },
      { customerId: 'W', reason: 'dispute', at: T0 + 6 * DAY, isReopen: true },
      { customerId: 'V', reason: 'loan', at: T0 + 15 * DAY }, // window not over yet
    ];
    // X(d1) no, X(d3) yes, Y loan yes, Y card yes, W no → 3 of 5
    expect(fcr(contacts, T0 + 20 * DAY)).toBe(0.6);
    // A 1-day window: no repeat is close enough, and V's window is over too → 6 of 6
    expect(fcr(contacts, T0 + 20 * DAY, 1)).toBe(1);
  });
  it('first owner, complaint on-time rate, resolution times', () => {
    expect(
      closedByFirstOwner([
        { firstOwnerId: 'a', closedById: 'a' },
        { firstOwnerId: 'a', closedById: 'a' },
        { firstOwnerId: 'b', closedById: 'b' },
        { firstOwnerId: 'a', closedById: 'c' },
      ]),
    ).toBe(0.75);
    const complaints = Array.from({ length: 10 }, (_, i) => ({ resolvedAt: i === 0 ? 2 : 1, dueAt: 1 }));
    expect(complaintOnTimeRate(complaints)).toBe(0.9);
    // Friday 16:00 → Monday 10:00, opening hours Mon–Fri 09:00–17:00
    const friday = Date.UTC(2026, 10, 6, 16, 0);
    const monday = Date.UTC(2026, 10, 9, 10, 0);
    const hours = { 1: [540, 1020], 2: [540, 1020], 3: [540, 1020], 4: [540, 1020], 5: [540, 1020] } as const;
    expect(businessSeconds(friday, monday, hours as never)).toBe(7200);
    expect(calendarResolutionHours([{ createdAt: friday, resolvedAt: monday }])).toBe(66);
    // The same case on the business clock (2 h, as cases counted it) next to one of 5 h: 3.5 h.
    expect(businessResolutionHours([7200, 18_000])).toBe(3.5);
    expect(businessResolutionHours([])).toBeNull();
  });
});

describe('branch KPIs', () => {
  it('wait, service and no-show', () => {
    const m = (minutes: number) => T0 + minutes * 60_000;
    expect(
      branchTimes([
        { issuedAt: m(0), calledAt: m(10), servedAt: m(11), doneAt: m(21), noShow: false },
        { issuedAt: m(5), calledAt: m(25), servedAt: null, doneAt: null, noShow: true },
        { issuedAt: m(10), calledAt: m(20), servedAt: m(21), doneAt: m(26), noShow: false },
        { issuedAt: m(30), calledAt: null, servedAt: null, doneAt: null, noShow: false },
      ]),
    ).toEqual({ waitSeconds: 800, serviceSeconds: 450, noShowRate: 1 / 3 });
  });
});

describe('rising topics', () => {
  it('flags a significant rise, not every rise', () => {
    expect(risingTest(40, 12).rising).toBe(true);
    const small = risingTest(7, 3);
    expect(small.rising).toBe(false);
    expect(small.pValue).toBeCloseTo(176 / 1024, 10);
    expect(risingTest(4, 0).rising).toBe(false); // under the minimum count
    expect(risingTest(12, 40).rising).toBe(false);
    expect(risingTest(40, 12).change).toBeCloseTo(2.3333, 4);
  });
  it('the binomial tail is exact on small n and stable on large n', () => {
    expect(binomialUpperTail(0, 10, 0.5)).toBe(1);
    expect(binomialUpperTail(11, 10, 0.5)).toBe(0);
    expect(binomialUpperTail(10, 10, 0.5)).toBeCloseTo(1 / 1024, 12);
    expect(binomialUpperTail(50_000, 100_000, 0.5)).toBeCloseTo(0.5013, 3);
  });
});
