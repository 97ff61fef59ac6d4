import { describe, expect, it } from 'vitest';
import { systemIds } from './ids.ts';

describe('system ids', () => {
  it('makes RFC 9562 version-7 UUIDs that sort in the order they were made, all distinct', () => {
    const ids = Array.from({ length: 20_000 }, () => systemIds.uuid());
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id, i) => i === 0 || (ids[i - 1] as string) < id)).toBe(true);
  });

  it('carries the current time in its first 48 bits', () => {
    const before = Date.now();
    const id = systemIds.uuid();
    const msecs = Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(msecs).toBeGreaterThanOrEqual(before);
    expect(msecs).toBeLessThanOrEqual(Date.now() + 1);
  });

  it('makes url-safe tokens of the entropy asked for', () => {
    expect(systemIds.token(32)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(systemIds.token(16)).not.toBe(systemIds.token(16));
  });
});
