import { createHmac, timingSafeEqual } from 'node:crypto';

/** Signature header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` (Stripe's scheme). */
export const SIGNATURE_HEADER = 'x-banyan-signature';
/** A signed request older or newer than this is refused (a captured request cannot be replayed later). */
export const REPLAY_WINDOW_SECONDS = 300;

export function signBody(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/**
 * Verifies a webhook signature: the timestamp inside the replay window, and the HMAC compared in
 * constant time over its full length (a truncated or extended signature never matches).
 */
export function verifySignature(input: {
  secret: string;
  header: string | undefined;
  body: string;
  nowSeconds: number;
}): boolean {
  if (!input.header || input.header.length > 200) return false;
  const fields = new Map(
    input.header.split(',').map((part) => {
      const i = part.indexOf('=');
      return [part.slice(0, i).trim(), part.slice(i + 1).trim()] as const;
    }),
  );
  const t = Number(fields.get('t'));
  const v1 = fields.get('v1') ?? '';
  if (!Number.isInteger(t) || Math.abs(input.nowSeconds - t) > REPLAY_WINDOW_SECONDS) return false;
  if (!/^[0-9a-f]{64}$/.test(v1)) return false;
  const expected = createHmac('sha256', input.secret).update(`${t}.${input.body}`).digest();
  return timingSafeEqual(expected, Buffer.from(v1, 'hex'));
}

/**
 * A provider without SMPP: the message is POSTed as JSON `{ id, to, from, text }` to the configured
 * URL, signed like the webhooks; the provider answers `{ id }` (its own id, used by its delivery
 * reports). `id` is ours and the same on every attempt, so a provider that dedupes by it never sends
 * twice. 4xx is permanent, anything else retried by the pipeline.
 */
export function createHttpGateway(deps: {
  url: string;
  secret: string;
  now: () => Date;
  timeoutMs?: number;
}) {
  async function submit(message: { id: string; to: string; from: string; text: string }): Promise<string> {
    const body = JSON.stringify(message);
    const response = await fetch(deps.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': message.id,
        [SIGNATURE_HEADER]: signBody(deps.secret, body, Math.floor(deps.now().getTime() / 1000)),
      },
      body,
      signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000),
    });
    if (!response.ok) {
      const code = `SMS_GATEWAY_${response.status}`;
      throw Object.assign(new Error(code), {
        code,
        ...(response.status >= 400 && response.status < 500 && response.status !== 429
          ? { responseCode: 550, reason: code }
          : {}),
      });
    }
    const json = (await response.json().catch(() => ({}))) as { id?: unknown };
    return typeof json.id === 'string' && json.id ? json.id.slice(0, 100) : message.id;
  }
  return { submit, secret: deps.secret };
}

export type HttpGatewayTransport = ReturnType<typeof createHttpGateway>;
