import i18n from 'i18next';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiError, api, setCsrfToken, setUnauthorizedHandler, toSearch } from './api-client.ts';

function respond(status: number, body?: unknown) {
  const fetch = vi.fn(async () =>
    body === undefined ? new Response(null, { status }) : Response.json(body, { status }),
  );
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

function sentHeaders(fetch: ReturnType<typeof respond>): Record<string, string> {
  const init = fetch.mock.calls[0]?.at(1) as RequestInit | undefined;
  return init?.headers as Record<string, string>;
}

describe('api client', () => {
  beforeAll(() => i18n.init({ lng: 'vi', resources: {} }));
  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken(null);
    setUnauthorizedHandler(() => {});
  });

  it('sends the UI language on every request and the CSRF token on mutations only', async () => {
    setCsrfToken('token-1');
    let fetch = respond(200, { ok: true });
    await api('/me');
    expect(sentHeaders(fetch)['Accept-Language']).toBe('vi');
    expect(sentHeaders(fetch)['x-csrf-token']).toBeUndefined();

    fetch = respond(204);
    await api('/me/sessions/1', { method: 'DELETE' });
    expect(sentHeaders(fetch)['x-csrf-token']).toBe('token-1');
  });

  it('turns the error envelope into an ApiError carrying the server message', async () => {
    respond(409, {
      error: { code: 'STAFF_VERSION_CONFLICT', message: 'Đã có người sửa.', requestId: 'req-9' },
    });
    const error = await api('/admin/users/1', { method: 'PATCH', body: {} }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 409,
      code: 'STAFF_VERSION_CONFLICT',
      message: 'Đã có người sửa.',
      requestId: 'req-9',
    });
  });

  it('goes back to sign-in on a lost session, not on a wrong password', async () => {
    const onUnauthorized = vi.fn();
    setUnauthorizedHandler(onUnauthorized);

    respond(401, { error: { code: 'AUTH_INVALID_CREDENTIALS', message: 'x', requestId: 'r' } });
    await expect(api('/auth/login', { method: 'POST', body: {} })).rejects.toThrow(ApiError);
    expect(onUnauthorized).not.toHaveBeenCalled();

    respond(401, { error: { code: 'AUTH_REQUIRED', message: 'x', requestId: 'r' } });
    await expect(api('/admin/users')).rejects.toThrow(ApiError);
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });

  it('leaves empty filters out of the query string', () => {
    expect(toSearch({ q: '', role: null, status: undefined, limit: 25, offset: 0 })).toBe(
      '?limit=25&offset=0',
    );
    expect(toSearch({})).toBe('');
  });
});
