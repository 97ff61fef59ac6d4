import { randomBytes, randomFillSync } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

/** Source of identifiers; tests inject a deterministic one. */
export interface Ids {
  /** UUIDv7: time-ordered, so primary keys stay index-friendly. */
  uuid(): string;
  /** URL-safe random token with `bytes` of entropy. */
  token(bytes?: number): string;
}

/**
 * Random bytes for identifiers, drawn from a pool refilled 4 KiB at a time. `uuid` asks the OS
 * for 16 bytes per identifier, a system call each (a chat message makes two or three ids; in a VM
 * that was 0.1 ms of a message's server CPU). Tokens (secrets) still come straight from the OS.
 */
const pool = new Uint8Array(4096);
let poolAt = pool.length;
function random16(): Uint8Array {
  if (poolAt + 16 > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const bytes = pool.slice(poolAt, poolAt + 16);
  poolAt += 16;
  return bytes;
}

/**
 * Monotonic within the process, as `uuid`'s own v7 state is (RFC 9562 method 1): a new
 * millisecond starts a random 31-bit counter, ids in the same millisecond count up from it, and
 * an overflow borrows the next millisecond. So ids made one after another sort in that order.
 */
const v7 = { msecs: Number.NEGATIVE_INFINITY, seq: 0 };
function uuid(): string {
  const random = random16();
  const now = Date.now();
  if (now > v7.msecs) {
    v7.msecs = now;
    v7.seq =
      (((random[6] as number) & 0x7f) << 24) |
      ((random[7] as number) << 16) |
      ((random[8] as number) << 8) |
      (random[9] as number);
  } else {
    v7.seq = (v7.seq + 1) | 0;
    if (v7.seq === 0) v7.msecs++;
  }
  return uuidv7({ random, msecs: v7.msecs, seq: v7.seq });
}

export const systemIds: Ids = {
  uuid,
  token: (bytes = 32) => randomBytes(bytes).toString('base64url'),
};
