import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from './db.ts';

/**
 * Server-held signing keys, created on first use and kept in the database so every process signs
 * and verifies alike (visitor tokens, survey links, case status links).
 */
export function createSecrets(deps: { db: Db }) {
  const cache = new Map<string, Buffer>();

  async function key(name: string): Promise<Buffer> {
    const hit = cache.get(name);
    if (hit) return hit;
    await deps.db.execute(sql`INSERT INTO platform_secrets (name, value) VALUES (${name}, ${randomBytes(32).toString('base64')})
      ON CONFLICT (name) DO NOTHING`);
    const result = await deps.db.execute(sql`SELECT value FROM platform_secrets WHERE name = ${name}`);
    const value = Buffer.from((result.rows[0] as { value: string }).value, 'base64');
    cache.set(name, value);
    return value;
  }

  /** `<payload>.<signature>`, both base64url; the payload is JSON with an `exp` (ms epoch). */
  async function sign(name: string, payload: Record<string, unknown>): Promise<string> {
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    const mac = createHmac('sha256', await key(name))
      .update(body)
      .digest('base64url');
    return `${body}.${mac}`;
  }

  /** The payload when the signature is valid and not expired at `now`; null otherwise. */
  async function verify<T extends { exp: number }>(
    name: string,
    token: string,
    now: Date,
  ): Promise<T | null> {
    const [body, mac] = token.split('.');
    if (!body || !mac) return null;
    const expected = createHmac('sha256', await key(name))
      .update(body)
      .digest();
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as T;
      return typeof payload.exp === 'number' && payload.exp > now.getTime() ? payload : null;
    } catch {
      return null;
    }
  }

  /** HMAC-SHA256 of `data` under the named key, hex (a one-time password kept only as its MAC). */
  async function hmac(name: string, data: string): Promise<string> {
    return createHmac('sha256', await key(name))
      .update(data)
      .digest('hex');
  }

  return { sign, verify, hmac };
}

export type Secrets = ReturnType<typeof createSecrets>;

/** Verifies an HMAC-SHA256 token made by a bank's own site with a shared secret (identity links). */
export function verifyHmacToken<T extends { exp: number }>(
  secret: string,
  token: string,
  now: Date,
): T | null {
  const [body, mac] = token.split('.');
  if (!body || !mac) return null;
  const expected = createHmac('sha256', secret).update(body).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as T;
    // exp in seconds, as JWT does.
    return typeof payload.exp === 'number' && payload.exp * 1000 > now.getTime() ? payload : null;
  } catch {
    return null;
  }
}
