import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { as, createTestContext, signInAs, type TestContext } from '../../../../test/harness.ts';

let ctx: TestContext;
let queueId: string;
let agentId: string;
let identitySecret: string;
let base: string;

const api = (method: string, url: string, payload?: unknown, token?: string, lang = 'en') =>
  ctx.app.http.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    payload: payload as object,
    headers: { 'accept-language': lang, ...(token ? { authorization: `Visitor ${token}` } : {}) },
  });

const signIdentity = (secret: string, sub: string, expSeconds: number) => {
  const body = Buffer.from(JSON.stringify({ sub, exp: expSeconds })).toString('base64url');
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
};

beforeAll(async () => {
  ctx = await createTestContext();
  queueId = await ctx.app.routing.createQueue(null, { code: 'chat_all', name: 'Chat', channels: ['chat'] });
  const site = await ctx.app.webchat.createSite({
    key: 'test-bank',
    name: 'Test Bank',
    queueByLanguage: { en: queueId, vi: queueId },
    greeting: { en: 'Hello', vi: 'Xin chào' },
  });
  identitySecret = site.identitySecret;
  await ctx.app.webchat.createSite({
    key: 'locked-site',
    name: 'Locked',
    queueByLanguage: { en: queueId },
    greeting: {},
    allowedOrigins: ['https://bank.example'],
  });
  agentId = crypto.randomUUID();
  await ctx.app.routing.setAgentState(agentId, 'available');
  await ctx.app.routing.setCapacity(agentId, 'chat', 3);
  await ctx.pool.query(
    `INSERT INTO customers (id, customer_no, full_name, given_name, search_name, preferred_language, segment, vip_tier, created_at, updated_at)
     VALUES (gen_random_uuid(), 'C0009001', 'Nguyễn Thị Hà', 'Hà', 'nguyen thi ha', 'vi', 'affluent', 'gold', now(), now())`,
  );
  await ctx.app.events.start({ pollMs: 100 });
  await ctx.app.http.listen({ host: '127.0.0.1', port: 0 });
  base = `ws://127.0.0.1:${(ctx.app.http.server.address() as { port: number }).port}/api/v1/widget/realtime`;
});
afterAll(async () => ctx?.close());

async function session(extra: Record<string, unknown> = {}) {
  const res = await api('POST', '/widget/sessions', { siteKey: 'test-bank', language: 'vi', ...extra });
  expect(res.statusCode).toBe(200);
  return res.json();
}

describe('widget sessions', () => {
  it('creates an anonymous visitor, and resumes the same one from its token', async () => {
    const first = await session();
    expect(first).toMatchObject({
      verified: false,
      customerName: null,
      online: true,
      site: { name: 'Test Bank', greeting: 'Xin chào' },
    });
    const again = await session({ visitorToken: first.visitorToken });
    expect(again.visitorId).toBe(first.visitorId);
  });

  it('links a verified identity, and never a forged or expired one', async () => {
    const future = Math.floor(Date.now() / 1000) + 600;
    const good = await session({ identityToken: signIdentity(identitySecret, 'C0009001', future) });
    expect(good).toMatchObject({ verified: true, customerName: 'Hà' });
    const forged = await session({ identityToken: signIdentity('not-the-secret', 'C0009001', future) });
    expect(forged).toMatchObject({ verified: false, customerName: null });
    const expired = await session({
      identityToken: signIdentity(
        identitySecret,
        'C0009001',
        Math.floor(ctx.clock.now().getTime() / 1000) - 1,
      ),
    });
    expect(expired.verified).toBe(false);
    const unsigned = await session({
      identityToken: Buffer.from(JSON.stringify({ sub: 'C0009001', exp: future })).toString('base64url'),
    });
    expect(unsigned.verified).toBe(false);
    const { rows } = await ctx.pool.query(
      'SELECT count(*)::int AS n FROM webchat_visitors WHERE customer_id IS NOT NULL',
    );
    expect(rows[0].n).toBe(1);
  });

  it('refuses an unknown site, a foreign origin and a forged visitor token', async () => {
    expect((await api('POST', '/widget/sessions', { siteKey: 'nope' })).json().error.code).toBe(
      'WEBCHAT_SITE_NOT_FOUND',
    );
    const foreign = await ctx.app.http.inject({
      method: 'POST',
      url: '/api/v1/widget/sessions',
      payload: { siteKey: 'locked-site' },
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.json().error.code).toBe('WEBCHAT_ORIGIN_NOT_ALLOWED');
    // Our own frame (embedded by an allowed page, which frame-ancestors enforces) may create sessions.
    const fromFrame = await ctx.app.http.inject({
      method: 'POST',
      url: '/api/v1/widget/sessions',
      payload: { siteKey: 'locked-site' },
      headers: { origin: 'http://localhost:80', host: 'localhost:80' },
    });
    expect(fromFrame.statusCode).toBe(200);
    const forged = await api(
      'POST',
      '/widget/conversations',
      { name: 'X', language: 'en' },
      'eyJ2IjoiYSJ9.forged',
    );
    expect(forged.statusCode).toBe(401);
    expect(forged.json().error.code).toBe('WEBCHAT_VISITOR_INVALID');
  });
});

describe('a customer chat', () => {
  it('starts a chat, queues it with the VIP priority, exchanges messages once each, rates it', async () => {
    const future = Math.floor(Date.now() / 1000) + 600;
    const s = await session({ identityToken: signIdentity(identitySecret, 'C0009001', future) });
    const started = await api(
      'POST',
      '/widget/conversations',
      { name: 'Hà', phone: '0912345678', topic: 'cards', language: 'vi' },
      s.visitorToken,
    );
    expect(started.statusCode).toBe(201);
    const { id } = started.json();
    const same = await api('POST', '/widget/conversations', { name: 'Hà', language: 'vi' }, s.visitorToken);
    expect(same.statusCode).toBe(200);
    expect(same.json().id).toBe(id);
    const { rows } = await ctx.pool.query('SELECT priority, customer_id FROM conversations WHERE id = $1', [
      id,
    ]);
    expect(rows[0].priority).toBe(20);
    expect(rows[0].customer_id).toBeTruthy();

    const sent = await api(
      'POST',
      `/widget/conversations/${id}/messages`,
      { clientId: 'w-1', body: 'Tôi bị mất thẻ 4111 1111 1111 1111' },
      s.visitorToken,
    );
    expect(sent.statusCode).toBe(201);
    expect(sent.json().message.body).toBe('Tôi bị mất thẻ 4111 11** **** 1111');
    const retried = await api(
      'POST',
      `/widget/conversations/${id}/messages`,
      { clientId: 'w-1', body: 'Tôi bị mất thẻ 4111 1111 1111 1111' },
      s.visitorToken,
    );
    expect(retried.statusCode).toBe(200);
    expect(retried.json().duplicate).toBe(true);

    const chat = await api('GET', `/widget/conversations/${id}`, undefined, s.visitorToken);
    expect(chat.json()).toMatchObject({ status: 'queued', queuePosition: 1 });
    expect(chat.json().messages).toHaveLength(1);

    const offer = await ctx.app.routing.routeOnce(queueId);
    await ctx.app.routing.accept(agentId, offer?.itemId as string);
    await ctx.app.events.dispatchPending();
    await ctx.app.conversations.postMessage({
      conversationId: id,
      authorType: 'agent',
      authorId: agentId,
      clientId: 'a1',
      kind: 'text',
      body: 'Chị Hà, em khóa thẻ ngay ạ',
    });
    await ctx.app.conversations.postMessage({
      conversationId: id,
      authorType: 'agent',
      authorId: agentId,
      clientId: 'a2',
      kind: 'note',
      body: 'secret note',
    });
    const after = await api('GET', `/widget/conversations/${id}?afterSeq=1`, undefined, s.visitorToken);
    expect(after.json().status).toBe('active');
    expect(after.json().messages.map((m: { body: string }) => m.body)).toEqual([
      'Chị Hà, em khóa thẻ ngay ạ',
    ]);

    expect(
      (await api('POST', `/widget/conversations/${id}/rating`, { rating: 5 }, s.visitorToken)).json().error
        .code,
    ).toBe('CONVERSATION_INVALID_TRANSITION');
    expect(
      (await api('POST', `/widget/conversations/${id}/leave`, undefined, s.visitorToken)).statusCode,
    ).toBe(204);
    expect(
      (
        await api(
          'POST',
          `/widget/conversations/${id}/rating`,
          { rating: 5, comment: 'Nhanh, cảm ơn' },
          s.visitorToken,
        )
      ).statusCode,
    ).toBe(204);
    const rated = await ctx.pool.query(
      'SELECT status, rating, rating_comment FROM conversations WHERE id = $1',
      [id],
    );
    expect(rated.rows[0]).toEqual({ status: 'closed', rating: 5, rating_comment: 'Nhanh, cảm ơn' });
    expect(
      (await api('POST', `/widget/conversations/${id}/rating`, { rating: 9 }, s.visitorToken)).statusCode,
    ).toBe(400);
  });

  it('never shows one visitor another visitor’s conversation', async () => {
    const alice = await session();
    const bob = await session();
    const { id } = (
      await api('POST', '/widget/conversations', { name: 'Alice', language: 'en' }, alice.visitorToken)
    ).json();
    expect((await api('GET', `/widget/conversations/${id}`, undefined, bob.visitorToken)).statusCode).toBe(
      404,
    );
    expect(
      (
        await api(
          'POST',
          `/widget/conversations/${id}/messages`,
          { clientId: 'x', body: 'hi' },
          bob.visitorToken,
        )
      ).statusCode,
    ).toBe(404);
    expect(
      (await api('POST', `/widget/conversations/${id}/leave`, undefined, bob.visitorToken)).statusCode,
    ).toBe(404);
    expect((await api('GET', `/widget/conversations/${id}`)).statusCode).toBe(401);
  });

  it('pushes agent messages and status to the widget socket and resumes after a disconnect', async () => {
    const s = await session();
    const { id } = (
      await api('POST', '/widget/conversations', { name: 'Socket', language: 'en' }, s.visitorToken)
    ).json();
    const connect = (since: number) => {
      const received: { type: string; message?: { seq: number; body: string }; status?: string }[] = [];
      const socket = new WebSocket(
        `${base}?token=${encodeURIComponent(s.visitorToken)}&conversationId=${id}&since=${since}`,
      );
      socket.on('message', (raw) => received.push(JSON.parse(String(raw))));
      const until = async (check: () => boolean) => {
        const deadline = Date.now() + 5000;
        while (!check()) {
          if (Date.now() > deadline) throw new Error(`timed out: ${JSON.stringify(received)}`);
          await new Promise((r) => setTimeout(r, 20));
        }
      };
      return { socket, received, until };
    };
    const first = connect(0);
    await first.until(() => first.received.some((m) => m.type === 'ready'));
    await api(
      'POST',
      `/widget/conversations/${id}/messages`,
      { clientId: 'c1', body: 'hello' },
      s.visitorToken,
    );
    await first.until(() => first.received.some((m) => m.message?.body === 'hello'));
    first.socket.close();

    await ctx.app.conversations.postMessage({
      conversationId: id,
      authorType: 'agent',
      authorId: agentId,
      clientId: 'x1',
      kind: 'text',
      body: 'while you were away',
    });
    const second = connect(1);
    await second.until(() => second.received.some((m) => m.type === 'ready'));
    expect(second.received.filter((m) => m.type === 'message').map((m) => m.message?.body)).toEqual([
      'while you were away',
    ]);
    await ctx.app.conversations.close({ conversationId: id, by: 'customer' });
    await second.until(() => second.received.some((m) => m.type === 'status' && m.status === 'closed'));
    second.socket.close();

    const bad = new WebSocket(`${base}?token=forged&conversationId=${id}`);
    expect(await new Promise((r) => bad.on('close', (code) => r(code)))).toBe(4401);
  });

  it('keeps the chat as a message for later when no agent is available', async () => {
    await ctx.app.routing.setAgentState(agentId, 'offline');
    const s = await session();
    expect(s.online).toBe(false);
    const { id } = (
      await api('POST', '/widget/conversations', { name: 'Night owl', language: 'en' }, s.visitorToken)
    ).json();
    const { rows } = await ctx.pool.query('SELECT status FROM conversations WHERE id = $1', [id]);
    expect(rows[0].status).toBe('waiting_offline');
    expect(
      (
        await api(
          'POST',
          `/widget/conversations/${id}/messages`,
          { clientId: 'n1', body: 'Call me tomorrow' },
          s.visitorToken,
        )
      ).statusCode,
    ).toBe(201);
    await ctx.app.routing.setAgentState(agentId, 'available');
  });
});

describe('widget assets', () => {
  it('serves the loader cross-origin and the frame framed only by the site’s origins', async () => {
    const { mkdtempSync, writeFileSync, mkdirSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'banyan-widget-'));
    writeFileSync(path.join(dir, 'loader.js'), 'console.log("loader")');
    writeFileSync(path.join(dir, 'frame.html'), '<!doctype html><title>chat</title>');
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'assets', 'app.js'), 'export {}');
    const served = await createTestContext({ widgetDistDir: dir });
    try {
      await served.app.webchat.createSite({
        key: 'framed',
        name: 'F',
        queueByLanguage: {},
        greeting: {},
        allowedOrigins: ['https://bank.example'],
      });
      const loader = await served.app.http.inject({ url: '/widget.js' });
      expect(loader.statusCode).toBe(200);
      expect(loader.headers['cross-origin-resource-policy']).toBe('cross-origin');
      const frame = await served.app.http.inject({ url: '/widget/frame.html?site=framed' });
      expect(frame.headers['content-security-policy']).toContain('frame-ancestors https://bank.example');
      expect(frame.headers['x-frame-options']).toBeUndefined();
      const asset = await served.app.http.inject({ url: '/widget/assets/app.js' });
      expect(asset.statusCode).toBe(200);
      // A rebuild by another process while this one serves: the new frame and its new asset.
      writeFileSync(path.join(dir, 'frame.html'), '<!doctype html><title>chat 2</title>');
      writeFileSync(path.join(dir, 'assets', 'app-2.js'), 'export {}');
      expect((await served.app.http.inject({ url: '/widget/frame.html?site=framed' })).body).toContain(
        'chat 2',
      );
      expect((await served.app.http.inject({ url: '/widget/assets/app-2.js' })).statusCode).toBe(200);
    } finally {
      await served.close();
    }
  });
});

describe('admin: allowed origins', () => {
  it('takes only real origins: a quote, a comma or a CSP directive is refused, not stored or sent', async () => {
    const admin = await signInAs(ctx, { username: 'webchat.admin', roles: ['admin'] });
    const sites = await ctx.app.http.inject({ url: '/api/v1/admin/webchat-sites', headers: as(admin) });
    const locked = (sites.json().items as Array<{ id: string; key: string }>).find(
      (s) => s.key === 'locked-site',
    );
    const patch = (allowedOrigins: string[]) =>
      ctx.app.http.inject({
        method: 'PATCH',
        url: `/api/v1/admin/webchat-sites/${locked?.id}`,
        payload: { allowedOrigins },
        headers: as(admin),
      });
    for (const bad of [
      'https://bank.example"x', // broke the array literal: 500
      'https://bank.example,https://evil.example:1', // became two origins
      "https://bank.example; script-src 'unsafe-inline' *", // went verbatim into the frame's CSP header
      'https://bank.example/path',
      'javascript://x',
    ]) {
      const refused = await patch([bad]);
      expect(refused.statusCode, bad).toBe(400);
      expect(refused.json().error.code).toBe('VALIDATION_FAILED');
    }
    const stored = await ctx.pool.query(
      "SELECT allowed_origins FROM webchat_sites WHERE key = 'locked-site'",
    );
    expect(stored.rows[0].allowed_origins).toEqual(['https://bank.example']);
    const ok = await patch(['https://bank.example', 'https://www.bank.example:8443', 'http://[::1]:3000']);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().allowedOrigins).toEqual([
      'https://bank.example',
      'https://www.bank.example:8443',
      'http://[::1]:3000',
    ]);
    await patch(['https://bank.example']);
  });
});

describe('the demo bank page', () => {
  it('embeds the widget in the chosen language (demo mode only), escaping what it prints', async () => {
    const { renderDemoPage } = await import('./index.ts');
    const demo = await createTestContext({ demoMode: true });
    try {
      const page = await demo.app.http.inject({ url: '/demo-bank?lang=vi' });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<html lang="vi">');
      expect(page.body).toContain('<script src="/widget.js" data-site="demo-bank" async></script>');
      expect(
        (await demo.app.http.inject({ url: '/demo-bank', headers: { 'accept-language': 'zh-CN' } })).body,
      ).toContain('演示银行');
    } finally {
      await demo.close();
    }
    expect((await ctx.app.http.inject({ url: '/demo-bank' })).statusCode).toBe(404);
    expect(renderDemoPage('en', '"><script>')).not.toContain('"><script>');
  });
});
