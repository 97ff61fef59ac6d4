import { describe, expect, it } from 'vitest';
import { compareCursor } from './events.ts';

describe('compareCursor', () => {
  it('orders by transaction id as a number, then by position', () => {
    const c = (txid: string, position: number) => ({ txid, position });
    expect(compareCursor(c('9', 50), c('10', 1))).toBeLessThan(0);
    expect(compareCursor(c('10', 1), c('9', 50))).toBeGreaterThan(0);
    expect(compareCursor(c('99999', 7), c('100000', 3))).toBeLessThan(0);
    expect(compareCursor(c('123', 4), c('124', 2))).toBeLessThan(0);
    expect(compareCursor(c('123', 4), c('123', 2))).toBeGreaterThan(0);
    expect(compareCursor(c('123', 4), c('123', 4))).toBe(0);
    expect(compareCursor(c('0', 0), c('1', 0))).toBeLessThan(0);
    // Against BigInt on random pairs around powers of ten.
    for (let i = 0; i < 2000; i++) {
      const a = String(Math.floor(10 ** (Math.random() * 12)));
      const b = String(Math.floor(10 ** (Math.random() * 12)));
      const expected = BigInt(a) === BigInt(b) ? 0 : BigInt(a) < BigInt(b) ? -1 : 1;
      expect(Math.sign(compareCursor(c(a, 1), c(b, 1)))).toBe(expected);
    }
  });
});
