import { validate, version } from 'uuid';
import { describe, expect, it } from 'vitest';
import { systemIds, uuidV7 } from './ids.ts';

const SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const millisOf = (id: string) => Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16);

describe('uuidV7', () => {
  it('is a valid version-7 UUID carrying its millisecond', () => {
    const at = Date.UTC(2026, 10, 23, 11, 30, 0, 123) + 3_600_000_000; // ahead of any earlier call
    const id = uuidV7(at);
    expect(id).toMatch(SHAPE);
    expect(validate(id)).toBe(true);
    expect(version(id)).toBe(7);
    expect(millisOf(id)).toBe(at);
  });

  it('sorts in creation order within one millisecond and across milliseconds, without repeats', () => {
    const at = Date.now() + 7_200_000_000;
    const ids = Array.from({ length: 5_000 }, () => uuidV7(at));
    ids.push(uuidV7(at + 1), uuidV7(at + 2));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(millisOf(ids.at(-1) as string)).toBe(at + 2);
  });

  it('keeps order when the clock steps back', () => {
    const at = Date.now() + 10_800_000_000;
    const first = uuidV7(at);
    const second = uuidV7(at - 5_000);
    expect(second > first).toBe(true);
    expect(millisOf(second)).toBe(at);
  });

  it('spreads the random part over draws of the pool (more than 256 ids)', () => {
    const tails = new Set(Array.from({ length: 1_000 }, () => systemIds.uuid().slice(-12)));
    expect(tails.size).toBe(1_000);
  });
});
