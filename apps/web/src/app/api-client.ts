import i18n from 'i18next';

/** The server's error envelope: `{ error: { code, message, requestId } }`; `message` is already translated. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | null,
    /** `details` of the envelope, e.g. `problems: [{ field, problem }]` of a form with several bad fields. */
    readonly details: Record<string, unknown> | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const API_BASE = '/api/v1';

// A 401 with one of these codes answers what the user just typed (a password, a code);
// any other 401 means the session is gone and the app must go back to sign-in.
const CREDENTIAL_CODES = new Set(['AUTH_INVALID_CREDENTIALS', 'AUTH_MFA_REQUIRED', 'AUTH_MFA_INVALID']);

let csrfToken: string | null = null;
let onUnauthorized: () => void = () => {};

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The CSRF header for a mutation sent without `api()` (a file upload's raw body). */
export const csrfHeaders = (): Record<string, string> => (csrfToken ? { 'x-csrf-token': csrfToken } : {});

export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

export type Query = Record<string, string | number | undefined | null>;

export function toSearch(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Query;
  body?: unknown;
}

export async function api<T>(path: string, { method = 'GET', query, body }: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': i18n.language };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}${toSearch(query)}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', i18n.t('errors.network'), null);
  }

  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (response.ok) return payload as T;

  const error = readEnvelope(payload);
  const apiError = new ApiError(
    response.status,
    error?.code ?? 'HTTP_ERROR',
    error?.message ?? i18n.t('errors.httpStatus', { status: response.status }),
    error?.requestId ?? null,
    error?.details ?? null,
  );
  if (response.status === 401 && !CREDENTIAL_CODES.has(apiError.code)) onUnauthorized();
  throw apiError;
}

function readEnvelope(
  payload: unknown,
): { code?: string; message?: string; requestId?: string; details?: Record<string, unknown> } | null {
  if (typeof payload !== 'object' || payload === null || !('error' in payload)) return null;
  const { error } = payload as { error: unknown };
  return typeof error === 'object' && error !== null ? error : null;
}
