import pino from 'pino';
import { maskPans } from './masking.ts';

export type Logger = pino.Logger;

/**
 * Redaction is configured here, once: credentials by path, card numbers anywhere in the message
 * or in string fields. Never log bodies, names, phones or tokens in the first place.
 */
export const REDACT_PATHS = [
  'password',
  '*.password',
  'newPassword',
  'currentPassword',
  'token',
  '*.token',
  'totp',
  '*.totp',
  'secret',
  '*.secret',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
];

function maskStrings(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] =
      typeof v === 'string'
        ? maskPans(v)
        : v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Error)
          ? maskStrings(v as Record<string, unknown>)
          : v;
  }
  return out;
}

export function createLogger(
  options: { level: string; destination?: pino.DestinationStream } = { level: 'info' },
) {
  return pino(
    {
      level: options.level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      formatters: { log: (object) => maskStrings(object) },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === 'string' ? maskPans(a) : a)) as Parameters<
            typeof method
          >;
          return method.apply(this, masked);
        },
      },
    },
    options.destination,
  );
}
