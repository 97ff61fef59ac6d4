import { describe, expect, it } from 'vitest';
import { baselineWait, estimateWait, formatTicketNumber, localDate, nextEwma } from './branch.estimate.ts';

describe('estimateWait', () => {
  it('divides the work ahead between the counters serving the service', () => {
    expect(estimateWait({ ahead: 6, ewmaServiceSeconds: 300, servers: 3, inService: 0 })).toBe(600);
    expect(baselineWait(6, 300)).toBe(1800);
  });
  it('adds half a service when every counter is busy', () => {
    expect(estimateWait({ ahead: 0, ewmaServiceSeconds: 300, servers: 2, inService: 2 })).toBe(75);
  });
  it('treats a shared counter as half a server, and no counter as half of one', () => {
    expect(estimateWait({ ahead: 2, ewmaServiceSeconds: 100, servers: 0.5, inService: 0 })).toBe(400);
    expect(estimateWait({ ahead: 2, ewmaServiceSeconds: 100, servers: 0, inService: 0 })).toBe(400);
  });
});

describe('helpers', () => {
  it('moves the EWMA a fifth of the way to a sample', () => {
    expect(nextEwma(300, 400)).toBe(320);
  });
  it('numbers tickets with three digits and dates them in the branch zone', () => {
    expect(formatTicketNumber('A', 23)).toBe('A023');
    expect(localDate(new Date('2026-05-03T18:00:00Z'), 'Asia/Ho_Chi_Minh')).toBe('2026-05-04');
    expect(localDate(new Date('2026-05-03T18:00:00Z'), 'Europe/London')).toBe('2026-05-03');
  });
});
