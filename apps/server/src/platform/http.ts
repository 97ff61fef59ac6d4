import cookie from '@fastify/cookie';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import { AppError } from './errors.ts';
import { type Locale, negotiateLocale, translate } from './i18n.ts';
import type { Logger } from './logger.ts';
import type { Actor } from './rbac.ts';
import { type SchemaError, validationDetail } from './validation-messages.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
  }
}

export type App = FastifyInstance<
  import('node:http').Server,
  import('node:http').IncomingMessage,
  import('node:http').ServerResponse,
  Logger,
  TypeBoxTypeProvider
>;

export interface Authenticator {
  /** Resolves the caller from the request (cookie or bearer token); null when anonymous. */
  authenticate(request: FastifyRequest): Promise<Actor | null>;
  /** Whether a state-changing request carries a valid CSRF token for this actor. */
  isCsrfValid(actor: Actor, header: string | undefined): boolean;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Browsers send a handful of distinct Accept-Language values: parse each once. */
const localeByHeader = new Map<string, Locale>();
function negotiateLocaleCached(header: string | undefined): Locale {
  if (!header) return 'en';
  let locale = localeByHeader.get(header);
  if (!locale) {
    locale = negotiateLocale(header);
    if (localeByHeader.size > 1000) localeByHeader.clear();
    localeByHeader.set(header, locale);
  }
  return locale;
}

export function errorBody(
  code: string,
  locale: Locale,
  requestId: string,
  params: Record<string, string | number> = {},
  details?: Record<string, unknown>,
) {
  return {
    error: {
      code,
      message: translate(code, locale, { requestId, ...params }),
      requestId,
      ...(details ? { details } : {}),
    },
  };
}

/** Builds Fastify with the cross-cutting parts every route relies on; routes are added by app.ts. */
export async function createHttp(options: {
  log: Logger;
  bodyLimit: number;
  secure: boolean;
  trustProxy: boolean;
  authenticator: Authenticator;
}): Promise<App> {
  const { log, authenticator } = options;
  let requestCounter = 0;
  const app = Fastify({
    loggerInstance: log,
    bodyLimit: options.bodyLimit,
    trustProxy: options.trustProxy,
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => `req-${Date.now().toString(36)}-${(requestCounter++).toString(36)}`,
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false },
    },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;

  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'en');

  // Some HTTP clients label a request without a body `application/json` (a DELETE, a POST with
  // nothing to say): no body is no body, and a route that needs one says so through its schema.
  // Everything else goes through Fastify's own parser (prototype-poisoning checks included).
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    return parseJson(request, text, done);
  });

  await app.register(cookie);
  // Security headers, computed once (helmet's plugin rebuilt them on every request: 12 % of the CPU
  // of an authenticated GET in bench:me). Same values as helmet's defaults, with our CSP.
  const securityHeaders = buildSecurityHeaders(options.secure);
  const apiSecurityHeaders = {
    ...securityHeaders,
    'content-security-policy': "default-src 'none';frame-ancestors 'none'",
    'x-frame-options': 'DENY',
  };
  // One hook for what every request needs (each extra hook costs on the hottest paths).
  app.addHook('onRequest', async (request, reply) => {
    request.locale = negotiateLocaleCached(request.headers['accept-language']);
    if (!request.url.startsWith('/api/')) {
      reply.headers(securityHeaders);
      return;
    }
    // JSON answers need no page policy: the strictest short one (OWASP REST Security Cheat Sheet).
    reply.headers(apiSecurityHeaders);
    const actor = await authenticator.authenticate(request);
    request.actor = actor;
    if (actor && !request.headers['accept-language']) request.locale = actor.locale;
    if (actor && MUTATING.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (!authenticator.isCsrfValid(actor, Array.isArray(header) ? header[0] : header)) {
        return reply.code(403).send(errorBody('AUTH_CSRF_INVALID', request.locale, request.id));
      }
    }
  });

  app.setErrorHandler((error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) => {
    const locale = request.locale ?? 'en';
    if (error instanceof AppError) {
      return reply
        .code(error.status)
        .send(errorBody(error.code, locale, request.id, error.params, error.details));
    }
    const fastifyError = error as FastifyError;
    if (fastifyError.validation) {
      const first = fastifyError.validation[0];
      const context = fastifyError.validationContext ?? 'body';
      const path = `${context}${first?.instancePath ?? ''}`;
      const detail = validationDetail(fastifyError.validation as SchemaError[], context, locale);
      return reply
        .code(400)
        .send(
          errorBody('VALIDATION_FAILED', locale, request.id, { detail }, { path, keyword: first?.keyword }),
        );
    }
    const status = fastifyError.statusCode ?? 500;
    if (
      fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      fastifyError.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
    ) {
      return reply
        .code(400)
        .send(
          errorBody(
            'VALIDATION_FAILED',
            locale,
            request.id,
            { detail: `body ${fastifyError.message}` },
            { path: 'body' },
          ),
        );
    }
    if (status === 413) return reply.code(413).send(errorBody('PAYLOAD_TOO_LARGE', locale, request.id));
    if (status === 415) return reply.code(415).send(errorBody('UNSUPPORTED_MEDIA_TYPE', locale, request.id));
    if (status === 429) return reply.code(429).send(errorBody('RATE_LIMITED', locale, request.id));
    if (status >= 400 && status < 500) {
      return reply
        .code(status)
        .send(errorBody('VALIDATION_FAILED', locale, request.id, { detail: fastifyError.message }));
    }
    request.log.error({ err: error, reqId: request.id }, 'unhandled error');
    return reply.code(500).send(errorBody('INTERNAL_ERROR', locale, request.id));
  });

  return app;
}

/** CSP without inline script, framing only by ourselves, and helmet's other defaults. */
export function buildSecurityHeaders(secure: boolean): Record<string, string> {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    // Mantine and Recharts set inline styles; scripts stay strict.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "media-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join(';');
  return {
    'content-security-policy': csp,
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'origin-agent-cluster': '?1',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'x-dns-prefetch-control': 'off',
    'x-download-options': 'noopen',
    'x-frame-options': 'SAMEORIGIN',
    'x-permitted-cross-domain-policies': 'none',
    'x-xss-protection': '0',
    ...(secure ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}
