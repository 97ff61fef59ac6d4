import { randomBytes, randomFillSync } from 'node:crypto';

/** Source of identifiers; tests inject a deterministic one. */
export interface Ids {
  /** UUIDv7: time-ordered, so primary keys stay index-friendly. */
  uuid(): string;
  /** URL-safe random token with `bytes` of entropy. */
  token(bytes?: number): string;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
/** Random bytes drawn in blocks: one `getRandomValues` call per UUID was 3 % of a create's CPU. */
const pool = new Uint8Array(4096);
let poolAt = pool.length;
let lastMs = -1;
let seq = 0;
const h = (byte: number) => HEX[byte & 0xff] as string;

/**
 * UUIDv7 (RFC 9562 §5.7) with the layout of the `uuid` package's v7, which it replaces: 48-bit
 * Unix milliseconds, then a 31-bit counter (seeded at random each millisecond, incremented within
 * one, so ids of one process sort in creation order; on overflow the timestamp moves on by one, as
 * RFC 9562 §6.2 method 1 allows), then 42 random bits.
 */
export function uuidV7(now = Date.now()): string {
  if (poolAt + 16 > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const o = poolAt;
  poolAt += 16;
  const r = (i: number) => pool[o + i] as number;
  if (now > lastMs) {
    seq = ((r(6) & 0x7f) << 24) | (r(7) << 16) | (r(8) << 8) | r(9);
    lastMs = now;
  } else {
    seq = (seq + 1) | 0;
    if (seq === 0) lastMs++;
  }
  const ms = lastMs;
  return (
    h(ms / 0x10000000000) +
    h(ms / 0x100000000) +
    h(ms / 0x1000000) +
    h(ms / 0x10000) +
    '-' +
    h(ms / 0x100) +
    h(ms) +
    '-' +
    h(0x70 | ((seq >>> 28) & 0x0f)) +
    h(seq >>> 20) +
    '-' +
    h(0x80 | ((seq >>> 14) & 0x3f)) +
    h(seq >>> 6) +
    '-' +
    h(((seq << 2) & 0xff) | (r(10) & 0x03)) +
    h(r(11)) +
    h(r(12)) +
    h(r(13)) +
    h(r(14)) +
    h(r(15))
  );
}

export const systemIds: Ids = {
  uuid: () => uuidV7(),
  token: (bytes = 32) => randomBytes(bytes).toString('base64url'),
};
