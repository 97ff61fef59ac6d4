import { describe, expect, it } from 'vitest';
import { canonicalJson, GENESIS_HASH, hashAuditRow } from './audit.ts';

const row = {
  seq: 1,
  id: '018f0000-0000-7000-8000-000000000001',
  at: new Date('2026-03-02T01:00:00.000Z'),
  actorId: null,
  actorName: 'system',
  action: 'auth.login',
  targetType: null,
  targetId: null,
  ip: '127.0.0.1',
  details: { b: 1, a: [2, { d: 1, c: 2 }] },
};

describe('audit hashing', () => {
  it('is independent of key order (jsonb reorders keys)', () => {
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
    expect(hashAuditRow(GENESIS_HASH, row)).toBe(
      hashAuditRow(GENESIS_HASH, { ...row, details: { a: [2, { c: 2, d: 1 }], b: 1 } }),
    );
  });

  it('changes when any field or the previous hash changes', () => {
    const base = hashAuditRow(GENESIS_HASH, row);
    expect(hashAuditRow('f'.repeat(64), row)).not.toBe(base);
    expect(hashAuditRow(GENESIS_HASH, { ...row, action: 'auth.logout' })).not.toBe(base);
    expect(hashAuditRow(GENESIS_HASH, { ...row, details: { b: 2, a: [2, { d: 1, c: 2 }] } })).not.toBe(base);
  });
});
