import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestContext, type Session, signInAs, type TestContext } from '../../../../test/harness.ts';
import { createSmscSimulator, type SmscSimulator } from './sms.simulator.ts';

/**
 * The SMS channel against a real SMSC built from the `smpp` package's server side (not a mock of our
 * client): binds, submits, receipts, customers' texts, throttling, a dropped connection and a
 * restart mid-window.
 */
let ctx: TestContext;
let smsc: SmscSimulator;
let queueId: string;
let admin: Session;

async function until<T>(
  probe: () => Promise<T | null | undefined | false>,
  what: string,
  ms = 10_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) {
      const dump = await ctx.pool.query(
        'SELECT m.status, m.error, p.* FROM sms_messages m JOIN sms_parts p ON p.sms_id = m.id ORDER BY m.created_at DESC LIMIT 5',
      );
      console.log(
        JSON.stringify(dump.rows),
        ctx.logs
          .filter((l) => /sms|smpp/i.test(l))
          .slice(-10)
          .join(''),
      );
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

const notification = async (id: string) =>
  (await ctx.pool.query('SELECT * FROM notifications WHERE id = $1', [id])).rows[0];
const smsOf = async (notificationId: string) =>
  (await ctx.pool.query('SELECT * FROM sms_messages WHERE notification_id = $1', [notificationId])).rows[0];

let customerNo = 0;
async function customer(input: {
  phone: string;
  language?: 'en' | 'zh-CN' | 'vi';
  marketingSms?: boolean;
  email?: string;
}) {
  return ctx.app.customers.createCustomer({
    customerNo: `C77${String(++customerNo).padStart(2, '0')}`,
    fullName: `SMS Customer ${customerNo}`,
    preferredLanguage: input.language ?? 'vi',
    phones: [input.phone],
    emails: input.email ? [input.email] : [],
    marketingSms: input.marketingSms ?? false,
  });
}

async function queueSms(customerId: string, key: string, params: Record<string, string>, extra: object = {}) {
  return ctx.app.db.transaction(async (tx) =>
    ctx.app.notifications.queueNotification(tx, {
      customerId,
      purpose: 'service',
      templateKey: 'case_updated',
      params: { name: 'A', caseNo: 'CS-1', status: 'resolved', ...params },
      idempotencyKey: key,
      preferredChannel: 'sms',
      ...extra,
    }),
  );
}

beforeAll(async () => {
  smsc = createSmscSimulator({ systemId: 'banyan', password: 's3cret', receiptDelayMs: 10 });
  const port = await smsc.start();
  ctx = await createTestContext({
    smppUrl: `smpp://127.0.0.1:${port}`,
    smppSystemId: 'banyan',
    smppPassword: 's3cret',
    smsSender: 'Banyan\r\nBank',
  });
  // A weekday morning in Hanoi and Shanghai: service texts are held in quiet hours (21:00–08:00
  // local), so a run in the evening would otherwise wait for tomorrow.
  ctx.clock.set('2026-03-02T02:00:00Z');
  await ctx.app.startSms();
  queueId = await ctx.app.routing.createQueue(null, { code: 'sms-vi', name: 'SMS', channels: ['sms'] });
  await ctx.app.smsChannel?.addNumber({ number: '8088', queueId });
  admin = await signInAs(ctx, { username: 'sms.admin', roles: ['admin'] });
  await until(async () => smsc.isBound(), 'bind').catch((e) => {
    console.log(ctx.logs.filter((l) => l.includes('smpp') || l.includes('SMS')).join(''));
    throw e;
  });
});
afterAll(async () => {
  await ctx?.close();
  await smsc?.stop();
});

describe('outbound SMS through SMPP', () => {
  it('binds as a transceiver with its credentials and a sanitised sender ID', async () => {
    expect(smsc.bindCount()).toBe(1);
    const c = await customer({ phone: '0912 000 001', language: 'en' });
    const { notification: n } = await queueSms(c.id, 'k-bind', {});
    expect(n.channel).toBe('sms');
    expect(await ctx.app.notifications.processDue()).toEqual({ attempted: 1, sent: 1 });
    const submit = smsc.submits.find((s) => s.destination === '84912000001');
    expect(submit?.source).toBe('BanyanBank');
    expect(submit?.text).toBe('Banyan Bank: your request CS-1 is now resolved.');
    expect(submit?.dataCoding).toBe(0);
  });

  it('correlates the delivery receipt to the notification: delivered, with its event', async () => {
    const c = await customer({ phone: '+84912000002', language: 'vi' });
    const { notification: n } = await queueSms(c.id, 'k-receipt', { status: 'đã giải quyết' });
    await ctx.app.notifications.processDue();
    const row = await until(async () => {
      const r = await notification(n.id);
      return r.status === 'delivered' ? r : null;
    }, 'delivered');
    expect(row.delivered_at).not.toBeNull();
    const sms = await smsOf(n.id);
    // 77 characters with Vietnamese marks: UCS-2, two parts.
    expect(sms).toMatchObject({ status: 'delivered', phone: '+84912000002', encoding: 'ucs2', segments: 2 });
    const events = await ctx.pool.query(
      "SELECT payload FROM outbox WHERE type = 'notification.delivered' AND payload->>'notificationId' = $1",
      [n.id],
    );
    expect(events.rows).toHaveLength(1);
  });

  it('splits a long Chinese message into UCS-2 parts with one concatenation reference; delivered when every part is', async () => {
    const c = await customer({ phone: '+8613800138001', language: 'zh-CN' });
    const { notification: n } = await queueSms(c.id, 'k-long', { caseNo: '号'.repeat(120) });
    await ctx.app.notifications.processDue();
    const sms = await until(async () => {
      const r = await smsOf(n.id);
      return r?.status === 'delivered' ? r : null;
    }, 'long delivered');
    expect(sms.segments).toBe(3);
    const parts = smsc.submits.filter((s) => s.destination === '8613800138001');
    expect(parts).toHaveLength(3);
    expect(new Set(parts.map((p) => p.concat?.ref)).size).toBe(1);
    expect(parts.map((p) => p.concat?.seq).sort()).toEqual([1, 2, 3]);
    expect(parts.every((p) => p.dataCoding === 8 && (p.esmClass & 0x40) === 0x40)).toBe(true);
    expect((await notification(n.id)).status).toBe('delivered');
  });

  it('backs off on ESME_RTHROTTLED and sends everything once the SMSC accepts again', async () => {
    const c = await customer({ phone: '+84912000003' });
    const before =
      ctx.app.smsChannel?.transport.kind === 'smpp' ? ctx.app.smsChannel.transport.client.stats.throttled : 0;
    smsc.throttle(3);
    const { notification: n } = await queueSms(c.id, 'k-throttle', {});
    expect(await ctx.app.notifications.processDue()).toEqual({ attempted: 1, sent: 1 });
    const client = ctx.app.smsChannel?.transport.kind === 'smpp' ? ctx.app.smsChannel.transport.client : null;
    expect((client?.stats.throttled ?? 0) - before).toBe(3);
    expect(smsc.submits.filter((s) => s.destination === '84912000003')).toHaveLength(1);
    await until(async () => (await notification(n.id)).status === 'delivered', 'throttled delivered');
  });

  it('gets an UNDELIV receipt: the notification fails with SMS_UNDELIVERED, and a late receipt changes nothing', async () => {
    const c = await customer({ phone: '+84912000099' });
    smsc.markUndeliverable('84912000099');
    const { notification: n } = await queueSms(c.id, 'k-undeliv', {});
    await ctx.app.notifications.processDue();
    const row = await until(async () => {
      const r = await notification(n.id);
      return r.status === 'failed' ? r : null;
    }, 'failed');
    expect(row.reason).toBe('SMS_UNDELIVERED');
    expect(await smsOf(n.id)).toMatchObject({ status: 'failed', error: 'SMSC_UNDELIV' });
    const messageId = smsc.submits.find((s) => s.destination === '84912000099')?.messageId as string;
    await ctx.app.smsChannel?.applyReceipt({ smscMessageId: messageId, stat: 'DELIVRD' });
    expect((await notification(n.id)).status).toBe('failed');
  });
});

describe('faults: same identity, never sent twice', () => {
  it('a dropped connection mid-window: in-doubt parts are resubmitted with the same identity, delivered once', async () => {
    const c = await customer({ phone: '+84912000010', language: 'zh-CN' });
    const { notification: n } = await queueSms(c.id, 'k-drop', { caseNo: '单'.repeat(100) });
    smsc.holdResponses(true);
    const sending = ctx.app.notifications.processDue();
    await until(async () => smsc.heldCount() === 2, 'two parts in flight');
    smsc.holdResponses(false);
    smsc.dropConnections();
    expect(await sending).toEqual({ attempted: 1, sent: 1 });
    const submits = smsc.submits.filter((s) => s.destination === '84912000010');
    // Each part twice at the SMSC (the first response never came), with the same reference…
    expect(submits).toHaveLength(4);
    const byPart = new Map<number, typeof submits>();
    for (const s of submits)
      byPart.set(s.concat?.seq as number, [...(byPart.get(s.concat?.seq as number) ?? []), s]);
    for (const copies of byPart.values()) {
      expect(new Set(copies.map((s) => `${s.userRef}|${s.concat?.ref}|${s.text}`)).size).toBe(1);
      expect(new Set(copies.map((s) => s.messageId)).size).toBe(1);
    }
    // …and once on the handset.
    expect(smsc.delivered().filter((s) => s.destination === '84912000010')).toHaveLength(2);
    await until(async () => (await notification(n.id)).status === 'delivered', 'delivered after drop');
    const parts = await ctx.pool.query('SELECT attempts FROM sms_parts WHERE sms_id = $1', [
      (await smsOf(n.id)).id,
    ]);
    expect(parts.rows.map((r) => r.attempts)).toEqual([2, 2]);
    expect((await notification(n.id)).attempts).toBe(1);
  });

  it('an SMSC restart mid-window: the acknowledged part is never resubmitted, the others keep their identity', async () => {
    const c = await customer({ phone: '+84912000011', language: 'zh-CN' });
    const { notification: n } = await queueSms(c.id, 'k-restart', { caseNo: '重'.repeat(150) });
    smsc.holdResponses(true);
    const sending = ctx.app.notifications.processDue();
    await until(async () => smsc.heldCount() === 3, 'three parts in flight');
    smsc.releaseResponses(1);
    const acked = smsc.submits.filter((s) => s.destination === '84912000011')[0];
    await until(
      async () =>
        (
          await ctx.pool.query(
            "SELECT 1 FROM sms_parts WHERE smsc_message_id = $1 AND status IN ('submitted', 'delivered')",
            [acked?.messageId],
          )
        ).rows.length > 0,
      'first part acknowledged',
    );
    smsc.holdResponses(false);
    const bindsBefore = smsc.bindCount();
    await smsc.restart();
    expect(await sending).toEqual({ attempted: 1, sent: 1 });
    expect(smsc.bindCount()).toBeGreaterThan(bindsBefore);
    const submits = smsc.submits.filter((s) => s.destination === '84912000011');
    const count = (seq: number) => submits.filter((s) => s.concat?.seq === seq).length;
    expect(count(acked?.concat?.seq as number)).toBe(1);
    expect(submits).toHaveLength(5);
    expect(smsc.delivered().filter((s) => s.destination === '84912000011')).toHaveLength(3);
    await until(async () => (await notification(n.id)).status === 'delivered', 'delivered after restart');

    // The pipeline retrying the same notification (a crash after the send) submits nothing more.
    await ctx.app.smsChannel?.send({
      id: (await notification(n.id)).provider_message_id,
      to: '+84912000011',
      text: 'ignored: the stored message is what goes',
    });
    expect(smsc.submits.filter((s) => s.destination === '84912000011')).toHaveLength(5);
  });
});

describe('customers texting the bank', () => {
  it('threads texts by E.164 number into one sms conversation in the number queue, long texts reassembled', async () => {
    const c = await customer({ phone: '0912000020', language: 'vi' });
    expect(await smsc.sendMo({ from: '84912000020', to: '8088', text: 'Thẻ của tôi bị khóa' })).toBe(0);
    const conv = await until(async () => {
      const r = await ctx.pool.query(
        "SELECT * FROM conversations WHERE channel = 'sms' AND contact_phone = '+84912000020'",
      );
      return r.rows[0];
    }, 'conversation');
    expect(conv).toMatchObject({ queue_id: queueId, customer_id: c.id, language: 'vi' });
    const long = `${'Tôi cần hỗ trợ gấp. '.repeat(8)}Cảm ơn.`;
    expect(await smsc.sendMo({ from: '84912000020', to: '8088', text: long })).toBe(0);
    const messages = await until(async () => {
      const r = await ctx.pool.query(
        "SELECT body FROM conversation_messages WHERE conversation_id = $1 AND author_type = 'customer' ORDER BY seq",
        [conv.id],
      );
      return r.rows.length === 2 ? r.rows : null;
    }, 'second message');
    expect(messages.map((m) => m.body)).toEqual(['Thẻ của tôi bị khóa', long]);
    const routed = await ctx.pool.query(
      'SELECT channel, queue_id FROM routing_work_items WHERE ref_id = $1',
      [conv.id],
    );
    expect(routed.rows[0]).toMatchObject({ channel: 'sms', queue_id: queueId });
  });

  it("sends the agent's reply as an SMS to the conversation's number (notes stay inside)", async () => {
    await smsc.sendMo({ from: '84912000021', to: '8088', text: 'Hello, is the branch open on Sunday?' });
    const conv = await until(async () => {
      const r = await ctx.pool.query(
        "SELECT id FROM conversations WHERE channel = 'sms' AND contact_phone = '+84912000021'",
      );
      return r.rows[0];
    }, 'conversation');
    const agent = await ctx.app.staff.createUser(null, {
      username: 'sms.agent',
      displayName: 'Agent',
      password: 'Correct-Horse-9',
      roles: ['agent'],
    });
    for (const [clientId, kind, body] of [
      ['r-1', 'text', 'Yes, 9:00 to 12:00.'],
      ['r-2', 'note', 'internal'],
    ] as const) {
      await ctx.app.conversations.postMessage({
        conversationId: conv.id,
        authorType: 'agent',
        authorId: agent.id,
        clientId,
        kind,
        body,
      });
    }
    await ctx.app.events.dispatchPending();
    await ctx.app.events.dispatchPending();
    expect(await ctx.app.notifications.processDue()).toEqual({ attempted: 1, sent: 1 });
    const out = smsc.submits.filter((s) => s.destination === '84912000021');
    expect(out.map((s) => s.text)).toEqual(['Yes, 9:00 to 12:00.']);
  });

  it('STOP / TD / TỪ CHỐI opt out of marketing and surveys with a confirmation; transactional alerts still go', async () => {
    const c = await customer({
      phone: '+8613800138030',
      language: 'zh-CN',
      marketingSms: true,
      email: 'opt@example.cn',
    });
    await smsc.sendMo({ from: '8613800138030', to: '8088', text: ' TD ' });
    await until(
      async () => (await ctx.pool.query("SELECT 1 FROM sms_opt_outs WHERE phone = '+8613800138030'")).rows[0],
      'opt-out',
    );
    expect(
      (await ctx.pool.query('SELECT marketing_sms FROM customers WHERE id = $1', [c.id])).rows[0]
        .marketing_sms,
    ).toBe(false);
    // No conversation for a keyword.
    expect(
      (await ctx.pool.query("SELECT 1 FROM conversations WHERE contact_phone = '+8613800138030'")).rows,
    ).toHaveLength(0);
    await ctx.app.notifications.processDue();
    const confirmation = smsc.submits.filter((s) => s.destination === '8613800138030');
    expect(confirmation.map((s) => s.text)).toEqual([
      '榕树银行：您已退订营销及调查短信，交易提醒将继续发送。',
    ]);

    const q = (
      purpose: 'marketing' | 'survey' | 'transactional',
      templateKey: string,
      params: Record<string, string>,
    ) =>
      ctx.app.db.transaction((tx) =>
        ctx.app.notifications.queueNotification(tx, {
          customerId: c.id,
          purpose,
          templateKey,
          params,
          idempotencyKey: `opt:${purpose}`,
          preferredChannel: 'sms',
        }),
      );
    const marketing = await q('marketing', 'marketing_offer', { title: 't', name: 'n', text: 'offer' });
    expect(marketing.notification).toMatchObject({ status: 'suppressed', reason: 'NO_CONSENT' });
    const survey = await q('survey', 'survey_invite', { name: 'n', link: 'https://x' });
    expect(survey.notification.channel).toBe('email');
    const alert = await q('transactional', 'one_time_password', { code: '123456' });
    expect(alert.notification.channel).toBe('sms');

    // Vietnamese keyword, diacritics and case ignored; confirmation in Vietnamese.
    await smsc.sendMo({ from: '84912000031', to: '8088', text: 'Từ chối' });
    await until(
      async () =>
        (await ctx.pool.query("SELECT keyword FROM sms_opt_outs WHERE phone = '+84912000031'")).rows[0],
      'vi opt-out',
    );
  });

  it('订阅 / BẮT ĐẦU / START re-subscribe a number that opted out, confirmed in its language', async () => {
    const c = await customer({ phone: '+8613800138040', language: 'zh-CN', marketingSms: true });
    const optedOut = async (phone: string) =>
      (await ctx.pool.query('SELECT 1 FROM sms_opt_outs WHERE phone = $1', [phone])).rows.length > 0;
    await smsc.sendMo({ from: '8613800138040', to: '8088', text: 'TD' });
    await until(() => optedOut('+8613800138040'), 'opt-out');
    await smsc.sendMo({ from: '8613800138040', to: '8088', text: ' 订阅 ' });
    await until(async () => !(await optedOut('+8613800138040')), 'opt-in');
    expect(
      (await ctx.pool.query('SELECT marketing_sms FROM customers WHERE id = $1', [c.id])).rows[0]
        .marketing_sms,
    ).toBe(true);
    // A keyword is no conversation.
    expect(
      (await ctx.pool.query("SELECT 1 FROM conversations WHERE contact_phone = '+8613800138040'")).rows,
    ).toHaveLength(0);
    await ctx.app.notifications.processDue();
    expect(smsc.submits.filter((s) => s.destination === '8613800138040').map((s) => s.text)).toEqual([
      '榕树银行：您已退订营销及调查短信，交易提醒将继续发送。',
      '榕树银行：您已重新订阅营销及调查短信。回复“退订”可随时退订。',
    ]);
    // Marketing reaches the number again.
    const offer = await ctx.app.db.transaction((tx) =>
      ctx.app.notifications.queueNotification(tx, {
        customerId: c.id,
        purpose: 'marketing',
        templateKey: 'marketing_offer',
        params: { title: 't', name: 'n', text: 'offer' },
        idempotencyKey: 'optin:marketing',
        preferredChannel: 'sms',
      }),
    );
    expect(offer.notification).toMatchObject({ channel: 'sms', status: 'queued' });

    // Vietnamese, diacritics and case ignored (no customer on file): the reply is in Vietnamese.
    await smsc.sendMo({ from: '84912000041', to: '8088', text: 'STOP' });
    await until(() => optedOut('+84912000041'), 'vi opt-out');
    await smsc.sendMo({ from: '84912000041', to: '8088', text: 'Bắt đầu!' });
    await until(async () => !(await optedOut('+84912000041')), 'vi opt-in');
    await ctx.app.notifications.processDue();
    expect(smsc.submits.filter((s) => s.destination === '84912000041').map((s) => s.text)).toContain(
      'Ngan hang Banyan: quy khach se nhan lai tin nhan tiep thi va khao sat. Soan TU CHOI de tu choi.',
    );

    // START from a number that never opted out is an ordinary message to the bank.
    await smsc.sendMo({ from: '84912000042', to: '8088', text: 'start' });
    const conversation = await until(
      async () =>
        (await ctx.pool.query("SELECT id FROM conversations WHERE contact_phone = '+84912000042'")).rows[0],
      'conversation',
    );
    const messages = await ctx.pool.query(
      'SELECT body FROM conversation_messages WHERE conversation_id = $1',
      [conversation.id],
    );
    expect(messages.rows.map((m) => m.body)).toEqual(['start']);
  });

  it('an opted-out number gets no survey SMS even if it was queued before the STOP', async () => {
    const c = await customer({ phone: '+84912000032' });
    const queued = await ctx.app.db.transaction((tx) =>
      ctx.app.notifications.queueNotification(tx, {
        customerId: c.id,
        purpose: 'survey',
        templateKey: 'survey_invite',
        params: { name: 'n', link: 'https://x' },
        idempotencyKey: 'opt:late',
        preferredChannel: 'sms',
        notBefore: new Date(ctx.clock.now().getTime() + 60_000),
      }),
    );
    expect(queued.notification.channel).toBe('sms');
    await smsc.sendMo({ from: '84912000032', to: '8088', text: 'STOP' });
    await until(
      async () => (await ctx.pool.query("SELECT 1 FROM sms_opt_outs WHERE phone = '+84912000032'")).rows[0],
      'opt-out',
    );
    ctx.clock.advance(24 * 3600_000);
    await ctx.app.notifications.processDue(50);
    expect(await notification(queued.notification.id)).toMatchObject({
      status: 'failed',
      reason: 'SMS_OPTED_OUT',
    });
  });

  it('a recipient that is not a phone number fails for good with SMS_PHONE_INVALID', async () => {
    const { notification: n } = await ctx.app.db.transaction((tx) =>
      ctx.app.notifications.queueText(tx, {
        conversationId: null,
        customerId: null,
        to: '+84 12',
        locale: 'en',
        text: 'x',
        idempotencyKey: 'bad-number',
      }),
    );
    await ctx.app.notifications.processDue(50);
    expect(await notification(n.id)).toMatchObject({
      status: 'failed',
      reason: 'SMS_PHONE_INVALID',
      attempts: 1,
    });
  });
});

describe('Admin · SMS outbox', () => {
  it('lists messages with their receipt status for admins only', async () => {
    // Signed in now: an earlier test moved the clock past the morning's sessions.
    admin = await signInAs(ctx, { username: 'sms.admin2', roles: ['admin'] });
    const res = await ctx.app.http.inject({
      method: 'GET',
      url: '/api/v1/admin/sms?limit=200',
      headers: as(admin),
    });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { direction: string; status: string; phone: string }[];
    expect(items.some((i) => i.direction === 'out' && i.status === 'delivered')).toBe(true);
    expect(items.some((i) => i.direction === 'in' && i.phone === '+84912000020')).toBe(true);

    const agent = await signInAs(ctx, { username: 'sms.agent2', roles: ['agent'] });
    const supervisor = await signInAs(ctx, { username: 'sms.sup', roles: ['supervisor'] });
    for (const s of [agent, supervisor]) {
      const denied = await ctx.app.http.inject({
        method: 'GET',
        url: '/api/v1/admin/sms',
        headers: as(s, { 'accept-language': 'vi' }),
      });
      expect(denied.statusCode).toBe(403);
    }
    expect((await ctx.app.http.inject({ method: 'GET', url: '/api/v1/admin/sms' })).statusCode).toBe(401);
    const bad = await ctx.app.http.inject({
      method: 'GET',
      url: '/api/v1/admin/sms?limit=0',
      headers: as(admin),
    });
    expect(bad.statusCode).toBe(400);
  });

  it('the gateway webhooks are closed when SMPP is the transport', async () => {
    const res = await ctx.app.http.inject({
      method: 'POST',
      url: '/api/v1/sms/gateway/inbound',
      headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN' },
      payload: JSON.stringify({ from: '+84912000040', to: '8088', text: 'hi', id: 'x' }),
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('SMS_GATEWAY_DISABLED');
    expect(res.json().error.message).toBe('未配置 HTTP 短信网关。');
  });
});
