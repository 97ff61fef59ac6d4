import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestContext, type Session, signInAs, type TestContext } from '../../test/harness.ts';

let ctx: TestContext;
let admin: Session;
let web = '';
beforeAll(async () => {
  web = mkdtempSync(path.join(os.tmpdir(), 'banyan-web-'));
  writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>Banyan</title>');
  ctx = await createTestContext({ webDistDir: web, bodyLimitBytes: 4096 });
  admin = await signInAs(ctx, { username: 'http.admin', roles: ['admin'] });
});
afterAll(async () => ctx?.close());

describe('platform http', () => {
  it('answers healthz, readyz (with migrations applied) and metrics', async () => {
    expect((await ctx.app.http.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await ctx.app.http.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().status).toBe('ready');
    const metrics = await ctx.app.http.inject({ url: '/metrics' });
    expect(metrics.body).toContain('banyan_http_request_duration_seconds');
    expect(metrics.body).toContain('banyan_db_pool_connections');
  });

  it('shows in metrics what the durable handlers still owe, and how old it is', async () => {
    await ctx.app.events.dispatchPending();
    const read = async () => {
      const body = (await ctx.app.http.inject({ url: '/metrics' })).body;
      const value = (line: string) => Number(body.match(new RegExp(`^${line} (\\S+)$`, 'm'))?.[1]);
      return {
        pending: value('banyan_events_undispatched\\{state="pending"\\}'),
        retrying: value('banyan_events_undispatched\\{state="retrying"\\}'),
        oldest: value('banyan_events_oldest_undispatched_seconds'),
      };
    };
    expect(await read()).toEqual({ pending: 0, retrying: 0, oldest: 0 });
    // Two events owed, one of them failed once, the older written a minute ago.
    await ctx.pool.query(`INSERT INTO outbox (id, type, payload, created_at, attempts, last_error) VALUES
      (gen_random_uuid(), 'test.owed', '{}', now() - interval '60 seconds', 1, 'boom'),
      (gen_random_uuid(), 'test.owed', '{}', now(), 0, NULL)`);
    try {
      const owed = await read();
      expect(owed).toMatchObject({ pending: 2, retrying: 1 });
      expect(owed.oldest).toBeGreaterThanOrEqual(59);
      expect(owed.oldest).toBeLessThan(120);
    } finally {
      await ctx.pool.query("DELETE FROM outbox WHERE type = 'test.owed'");
    }
    // Unreadable, the backlog keeps its last values and the scrape still answers.
    await ctx.pool.query('ALTER TABLE outbox RENAME TO outbox_away');
    try {
      const scrape = await ctx.app.http.inject({ url: '/metrics' });
      expect(scrape.statusCode).toBe(200);
      expect(scrape.body).toContain('banyan_db_pool_connections');
    } finally {
      await ctx.pool.query('ALTER TABLE outbox_away RENAME TO outbox');
    }
  });

  it('reports migrations pending on readyz when the database lags behind the code', async () => {
    await ctx.pool.query('ALTER TABLE drizzle.__drizzle_migrations RENAME TO __m');
    try {
      expect((await ctx.app.http.inject({ url: '/readyz' })).statusCode).toBe(503);
    } finally {
      await ctx.pool.query('ALTER TABLE drizzle.__m RENAME TO __drizzle_migrations');
    }
  });

  it('sends security headers: CSP without inline script, frame-ancestors, nosniff', async () => {
    const res = await ctx.app.http.inject({ url: '/healthz' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('refuses an oversized body with 413 and an unknown route with a 404 envelope', async () => {
    const big = await ctx.app.http.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'x', password: 'y'.repeat(5000) },
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const missing = await ctx.app.http.inject({
      url: '/api/v1/nothing-here',
      headers: { 'accept-language': 'vi' },
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toMatchObject({ code: 'NOT_FOUND', message: 'Địa chỉ này không tồn tại.' });
  });

  it('takes an empty body labelled JSON as no body (clients send that with DELETE), still refuses bad JSON', async () => {
    const postJson = (url: string, payload: string) =>
      ctx.app.http.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload });
    expect((await postJson('/api/v1/auth/logout', '')).statusCode).toBe(204);
    const needsBody = await postJson('/api/v1/auth/login', ' ');
    expect(needsBody.statusCode).toBe(400);
    expect(needsBody.json().error.code).toBe('VALIDATION_FAILED');
    const poisoned = await postJson(
      '/api/v1/auth/login',
      '{"username":"x","password":"y","__proto__":{"admin":true}}',
    );
    expect(poisoned.statusCode).toBe(400);
  });

  it('serves the web app for client-side routes but never for the API', async () => {
    const page = await ctx.app.http.inject({ url: '/admin/users', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>Banyan</title>');
    const api = await ctx.app.http.inject({ url: '/api/v1/unknown', headers: { accept: 'text/html' } });
    expect(api.statusCode).toBe(404);
  });

  it('serves a web build made while it runs (another process of the deployment rebuilt it)', async () => {
    const missing = await ctx.app.http.inject({ url: '/assets/index-new.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('NOT_FOUND');
    mkdirSync(path.join(web, 'assets'), { recursive: true });
    writeFileSync(path.join(web, 'assets', 'index-new.js'), 'console.log("new build")');
    writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>Banyan 2</title>');
    const script = await ctx.app.http.inject({ url: '/assets/index-new.js' });
    expect(script.statusCode).toBe(200);
    expect(script.body).toBe('console.log("new build")');
    const page = await ctx.app.http.inject({ url: '/desk', headers: { accept: 'text/html' } });
    expect(page.body).toContain('<title>Banyan 2</title>');
    const outside = await ctx.app.http.inject({ url: '/assets/..%2f..%2fetc/passwd' });
    expect(outside.statusCode).toBe(404);
  });

  it('points /favicon.ico at the icon (pages without an icon link, like the demo bank, ask for it)', async () => {
    const ico = await ctx.app.http.inject({ url: '/favicon.ico' });
    expect(ico.statusCode).toBe(301);
    // The web app ships /favicon.svg (apps/web/public).
    expect(ico.headers.location).toBe('/favicon.svg');
  });

  it('hides internal errors behind a request id, in the caller language', async () => {
    await ctx.pool.query('ALTER TABLE skills RENAME TO skills_away');
    const res = await ctx.app.http
      .inject({ url: '/api/v1/admin/skills', headers: { cookie: admin.cookie, 'accept-language': 'zh-CN' } })
      .finally(() => ctx.pool.query('ALTER TABLE skills_away RENAME TO skills'));
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('does not exist');
    expect(res.json().error.message).toContain(res.json().error.requestId);
    expect(res.json().error.message).toMatch(/系统出现错误/);
    expect(ctx.logs.join('')).toContain('relation \\"skills\\" does not exist');
  });
});

describe('OpenAPI', () => {
  it('documents every API route with a response schema, and serves the reference at /docs', async () => {
    const spec = (await ctx.app.http.inject({ url: '/api/v1/openapi.json' })).json();
    expect(spec.openapi).toBe('3.1.0');
    const paths = Object.keys(spec.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/login',
        '/api/v1/me',
        '/api/v1/admin/users/{id}',
        '/api/v1/audit',
      ]),
    );
    for (const [route, methods] of Object.entries(
      spec.paths as Record<string, Record<string, { responses?: object }>>,
    )) {
      for (const [method, operation] of Object.entries(methods)) {
        if (route.endsWith('export.csv') || route.endsWith('/realtime')) continue;
        expect(operation.responses, `${method} ${route}`).toBeDefined();
      }
    }
    expect((await ctx.app.http.inject({ url: '/docs/' })).statusCode).toBe(200);
  });
});

describe('logging', () => {
  it('never writes passwords, cookies or card numbers to the log', async () => {
    await ctx.app.http.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'http.admin', password: 'not-the-password' },
    });
    await ctx.app.http.inject({
      method: 'PATCH',
      url: '/api/v1/admin/users/018f0000-0000-7000-8000-000000000000',
      payload: { displayName: 'card 4111 1111 1111 1111', version: 1 },
      headers: as(admin),
    });
    const text = ctx.logs.join('');
    expect(text).not.toContain('not-the-password');
    expect(text).not.toContain(admin.cookie.split('=')[1]);
    expect(text).not.toContain('4111 1111 1111 1111');
  });
});

describe('background workers', () => {
  it('start and stop with the job worker, its schedule and the router (as `banyan start` runs them)', async () => {
    const withWorkers = await createTestContext({ runWorkers: true });
    try {
      await withWorkers.app.start();
      // graphile-worker files its known crontabs once its cron has started, just after `start()`
      // returns: wait for the row (bounded), then check there is exactly one.
      let known = 0;
      for (let i = 0; i < 50 && known === 0; i++) {
        const { rows } = await withWorkers.pool.query(
          "SELECT count(*)::int AS n FROM graphile_worker._private_known_crontabs WHERE identifier LIKE '%maintenance%'",
        );
        known = rows[0].n;
        if (known === 0) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(known).toBe(1);
    } finally {
      await withWorkers.close();
    }
  });
});
