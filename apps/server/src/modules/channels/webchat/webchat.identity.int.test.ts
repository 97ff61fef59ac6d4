import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, signInAs, type TestContext } from '../../../../test/harness.ts';
import { signIdentityToken } from './webchat.demo.ts';

// The identity path as a bank page uses it: its server signs a token with the site's identity
// secret, the page hands it to the widget (data-identity-token / Banyan('identify')), and the frame
// sends it with the session. Here the demo bank page plays the bank.
let ctx: TestContext;
let secret: string;
let otherSecret: string;
let admin: Session;
let siteId: string;

const session = async (identityToken?: string, visitorToken?: string) => {
  const res = await ctx.app.http.inject({
    method: 'POST',
    url: '/api/v1/widget/sessions',
    payload: {
      siteKey: 'demo-bank',
      language: 'en',
      ...(identityToken ? { identityToken } : {}),
      ...(visitorToken ? { visitorToken } : {}),
    },
  });
  expect(res.statusCode).toBe(200);
  return res.json() as {
    verified: boolean;
    customerName: string | null;
    visitorToken: string;
    visitorId: string;
  };
};
const inAMinute = () => Math.floor(ctx.clock.now().getTime() / 1000) + 60;

beforeAll(async () => {
  ctx = await createTestContext({ demoMode: true });
  const queueId = await ctx.app.routing.createQueue(null, { code: 'chat', name: 'Chat', channels: ['chat'] });
  const site = await ctx.app.webchat.createSite({
    key: 'demo-bank',
    name: 'Demo Bank',
    queueByLanguage: { en: queueId },
    greeting: {},
  });
  secret = site.identitySecret;
  siteId = site.id;
  otherSecret = (
    await ctx.app.webchat.createSite({
      key: 'other-bank',
      name: 'Other',
      queueByLanguage: { en: queueId },
      greeting: {},
    })
  ).identitySecret;
  await ctx.pool.query(
    `INSERT INTO customers (id, customer_no, full_name, given_name, search_name, preferred_language, segment, vip_tier, created_at, updated_at)
     VALUES (gen_random_uuid(), 'C0001003', 'Emily Carter', 'Emily', 'emily carter', 'en', 'mass', 'none', now(), now())`,
  );
  admin = await signInAs(ctx, { username: 'id.admin', roles: ['admin'] });
});
afterAll(async () => ctx?.close());

describe('verified identity from the bank page', () => {
  it('the signed-in demo page carries a token that links the chat to the customer', async () => {
    const anonymous = await ctx.app.http.inject({ url: '/demo-bank?lang=en' });
    expect(anonymous.body).not.toContain('data-identity-token');
    expect(anonymous.body).toContain('signed-in=1');

    const page = await ctx.app.http.inject({ url: '/demo-bank?lang=en&signed-in=1' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('Emily Carter');
    const token = /data-identity-token="([^"]+)"/.exec(page.body)?.[1] as string;
    expect(token).toMatch(/^[\w-]+\.[\w-]+$/);

    const linked = await session(token);
    expect(linked).toMatchObject({ verified: true, customerName: 'Emily' });
    const started = await ctx.app.http.inject({
      method: 'POST',
      url: '/api/v1/widget/conversations',
      payload: { name: 'Emily', email: 'emily@example.com', language: 'en' },
      headers: { authorization: `Visitor ${linked.visitorToken}` },
    });
    expect(started.statusCode).toBe(201);
    const { rows } = await ctx.pool.query(
      `SELECT c.customer_id, k.customer_no FROM conversations c JOIN customers k ON k.id = c.customer_id WHERE c.id = $1`,
      [started.json().id],
    );
    expect(rows[0].customer_no).toBe('C0001003');
  });

  it('links an anonymous chat to the customer who signs in on the bank page while it is open', async () => {
    const anonymous = await session();
    const started = await ctx.app.http.inject({
      method: 'POST',
      url: '/api/v1/widget/conversations',
      payload: { name: 'Guest', language: 'en' },
      headers: { authorization: `Visitor ${anonymous.visitorToken}` },
    });
    expect(started.statusCode).toBe(201);
    const conversationId = started.json().id as string;
    const customerOf = async () =>
      (await ctx.pool.query('SELECT customer_id FROM conversations WHERE id = $1', [conversationId])).rows[0]
        .customer_id as string | null;
    expect(await customerOf()).toBeNull();

    // A forged token on the same visitor changes nothing.
    expect((await session('forged.token', anonymous.visitorToken)).verified).toBe(false);
    expect(await customerOf()).toBeNull();

    const token = signIdentityToken(secret, 'C0001003', inAMinute());
    const signedIn = await session(token, anonymous.visitorToken);
    expect(signedIn).toMatchObject({ verified: true, visitorId: anonymous.visitorId });
    const customerId = await customerOf();
    expect(customerId).not.toBeNull();
    const { rows: linked } = await ctx.pool.query(
      `SELECT payload FROM outbox WHERE type = 'conversation.customer_linked' AND payload->>'conversationId' = $1`,
      [conversationId],
    );
    expect(linked).toHaveLength(1);
    expect(linked[0].payload.customerId).toBe(customerId);

    // Linking is once: a second sign-in does not publish again.
    await session(token, anonymous.visitorToken);
    const { rowCount } = await ctx.pool.query(
      `SELECT 1 FROM outbox WHERE type = 'conversation.customer_linked' AND payload->>'conversationId' = $1`,
      [conversationId],
    );
    expect(rowCount).toBe(1);
  });

  it('never links a forged, tampered, foreign, unsigned, expired or revoked token', async () => {
    const good = signIdentityToken(secret, 'C0001003', inAMinute());
    const [body, mac] = good.split('.') as [string, string];
    const tampered = `${Buffer.from(JSON.stringify({ sub: 'C0001003', exp: inAMinute() + 3600 })).toString('base64url')}.${mac}`;
    const jwtNone = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${body}.`;
    const cases = {
      forged: signIdentityToken('guessed-secret', 'C0001003', inAMinute()),
      foreign: signIdentityToken(otherSecret, 'C0001003', inAMinute()),
      tampered,
      unsigned: body,
      jwtNone,
      expired: signIdentityToken(secret, 'C0001003', Math.floor(ctx.clock.now().getTime() / 1000) - 1),
      unknownCustomer: signIdentityToken(secret, 'C9999999', inAMinute()),
      garbage: 'not a token at all',
    };
    for (const [name, token] of Object.entries(cases)) {
      const result = await session(token);
      expect({ name, verified: result.verified, customerName: result.customerName }).toEqual({
        name,
        verified: false,
        customerName: null,
      });
    }
    // A token signed before the secret was rotated stops linking at once.
    const rotated = await ctx.app.http.inject({
      method: 'POST',
      url: `/api/v1/admin/webchat-sites/${siteId}/rotate-secret`,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
    });
    expect(rotated.statusCode).toBe(200);
    expect((await session(good)).verified).toBe(false);
    const fresh = createHmac('sha256', rotated.json().identitySecret).update(body).digest('base64url');
    expect((await session(`${body}.${fresh}`)).verified).toBe(true);
  });
});
