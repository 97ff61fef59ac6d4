import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/harness.ts';
import { SIGNATURE_HEADER, signBody, verifySignature } from './sms.gateway.ts';

/**
 * The generic HTTP SMS gateway against a real local HTTP server playing the provider: outbound POST
 * (JSON, signed, idempotency key), and the provider's signed webhooks (a customer's text, a delivery
 * report) with timestamp, constant-time comparison and replay window.
 */
const SECRET = 'gw-secret-for-tests';
let ctx: TestContext;
let provider: Server;
let queueId: string;
const received: { body: Record<string, string>; signatureOk: boolean; idempotencyKey: string }[] = [];
let failNext = 0;

const nowSeconds = () => Math.floor(ctx.clock.now().getTime() / 1000);

async function webhook(
  path: string,
  payload: object,
  options: { at?: number; secret?: string; header?: string; locale?: string } = {},
) {
  const body = JSON.stringify(payload);
  return ctx.app.http.inject({
    method: 'POST',
    url: `/api/v1/sms/gateway/${path}`,
    headers: {
      'content-type': 'application/json',
      'accept-language': options.locale ?? 'en',
      [SIGNATURE_HEADER]:
        options.header ?? signBody(options.secret ?? SECRET, body, options.at ?? nowSeconds()),
    },
    payload: body,
  });
}

beforeAll(async () => {
  provider = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      if (failNext > 0) {
        failNext--;
        res.writeHead(503).end();
        return;
      }
      const body = JSON.parse(raw) as Record<string, string>;
      received.push({
        body,
        signatureOk: verifySignature({
          secret: SECRET,
          header: req.headers[SIGNATURE_HEADER] as string,
          body: raw,
          nowSeconds: Math.floor(Date.now() / 1000),
        }),
        idempotencyKey: String(req.headers['idempotency-key']),
      });
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ id: `prov-${received.length}` }));
    });
  });
  await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
  const port = (provider.address() as AddressInfo).port;
  ctx = await createTestContext({ smsGatewayUrl: `http://127.0.0.1:${port}/send`, smsGatewaySecret: SECRET });
  queueId = await ctx.app.routing.createQueue(null, { code: 'sms-gw', name: 'SMS', channels: ['sms'] });
  await ctx.app.smsChannel?.addNumber({ number: '+84900000001', queueId });
});
afterAll(async () => {
  await ctx?.close();
  await new Promise((resolve) => provider?.close(resolve));
});

describe('HTTP SMS gateway', () => {
  it('POSTs the message signed, with our identity as idempotency key; a 503 is retried with the same identity; the report marks it delivered', async () => {
    const c = await ctx.app.customers.createCustomer({
      customerNo: 'G0001',
      fullName: 'Gateway Customer',
      preferredLanguage: 'en',
      phones: ['+84912300001'],
    });
    const { notification } = await ctx.app.db.transaction((tx) =>
      ctx.app.notifications.queueNotification(tx, {
        customerId: c.id,
        purpose: 'transactional',
        templateKey: 'one_time_password',
        params: { code: '482913' },
        idempotencyKey: 'gw-otp',
      }),
    );
    failNext = 1;
    expect(await ctx.app.notifications.processDue()).toEqual({ attempted: 1, sent: 0 });
    expect(received).toHaveLength(0);
    ctx.clock.advance(60_000);
    expect(await ctx.app.notifications.processDue()).toEqual({ attempted: 1, sent: 1 });
    expect(received).toHaveLength(1);
    const sent = received[0];
    expect(sent?.signatureOk).toBe(true);
    expect(sent?.body).toMatchObject({
      to: '+84912300001',
      from: 'BanyanBank',
      text: 'Banyan Bank code 482913. Never share it, not even with bank staff.',
    });
    expect(sent?.idempotencyKey).toBe(sent?.body.id);
    const row = (await ctx.pool.query('SELECT * FROM notifications WHERE id = $1', [notification.id]))
      .rows[0];
    expect(row.provider_message_id).toBe(sent?.body.id);
    expect(row.attempts).toBe(2);

    const report = await webhook('reports', { id: 'prov-1', status: 'delivered' });
    expect(report.statusCode).toBe(200);
    expect(report.json()).toEqual({ outcome: 'delivered' });
    expect(
      (await ctx.pool.query('SELECT status FROM notifications WHERE id = $1', [notification.id])).rows[0]
        .status,
    ).toBe('delivered');
  });

  it('files a signed inbound text as an sms conversation; a redelivered webhook is a duplicate', async () => {
    const payload = { from: '0912300002', to: '+84900000001', text: '我的卡被锁了', id: 'in-1' };
    const first = await webhook('inbound', payload);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ outcome: 'created' });
    const again = await webhook('inbound', payload);
    expect(again.json()).toEqual({ outcome: 'duplicate' });
    const conv = await ctx.pool.query(
      "SELECT * FROM conversations WHERE channel = 'sms' AND contact_phone = '+84912300002'",
    );
    expect(conv.rows).toHaveLength(1);
    expect(conv.rows[0]).toMatchObject({ queue_id: queueId, language: 'zh-CN' });
    const messages = await ctx.pool.query(
      'SELECT body FROM conversation_messages WHERE conversation_id = $1',
      [conv.rows[0].id],
    );
    expect(messages.rows.map((m) => m.body)).toEqual(['我的卡被锁了']);
  });

  it('refuses a wrong secret, a changed body, a replay outside the window and a missing signature (401, nothing stored)', async () => {
    const payload = { from: '+84912300003', to: '+84900000001', text: 'hi', id: 'in-bad' };
    expect((await webhook('inbound', payload, { secret: 'wrong' })).statusCode).toBe(401);
    expect((await webhook('inbound', payload, { at: nowSeconds() - 301 })).statusCode).toBe(401);
    expect((await webhook('inbound', payload, { at: nowSeconds() + 301 })).statusCode).toBe(401);
    const tampered = await webhook('inbound', payload, {
      header: signBody(SECRET, JSON.stringify({ ...payload, text: 'other' }), nowSeconds()),
      locale: 'vi',
    });
    expect(tampered.statusCode).toBe(401);
    expect(tampered.json().error).toMatchObject({
      code: 'SMS_SIGNATURE_INVALID',
      message: 'Chữ ký của yêu cầu bị thiếu, đã hết hạn hoặc không đúng.',
    });
    const missing = await webhook('inbound', payload, { header: '' });
    expect(missing.statusCode).toBe(401);
    expect((await ctx.pool.query("SELECT 1 FROM sms_messages WHERE ref = 'http:in-bad'")).rows).toHaveLength(
      0,
    );
  });

  it('an invalid phone number gets SMS_PHONE_INVALID in the caller language; malformed bodies 400', async () => {
    const bad = await webhook(
      'inbound',
      { from: '12', to: '+84900000001', text: 'x', id: 'in-2' },
      { locale: 'zh-CN' },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({
      code: 'SMS_PHONE_INVALID',
      message: '该电话号码无效，无法收发短信。',
    });
    expect((await ctx.pool.query("SELECT 1 FROM sms_messages WHERE ref = 'http:in-2'")).rows).toHaveLength(0);
    const missing = await webhook('inbound', { from: '+84912300004', text: 'x', id: 'in-3' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('VALIDATION_FAILED');
    const report = await webhook('reports', { id: 'prov-1', status: 'maybe' });
    expect(report.statusCode).toBe(400);
  });
});
