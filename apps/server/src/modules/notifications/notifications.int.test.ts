import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestContext, type Session, signInAs, type TestContext } from '../../../test/harness.ts';
import { startSmtpSink } from '../../../test/smtp-sink.ts';
import { createEmailSender, createNotificationsService, type SmsSender } from './index.ts';

type Sink = Awaited<ReturnType<typeof startSmtpSink>>;

async function createCustomer(ctx: TestContext, no: string, extra: Record<string, unknown> = {}) {
  return ctx.app.customers.createCustomer({
    customerNo: no,
    fullName: 'Nguyễn Thị Thu Hà',
    givenName: 'Hà',
    preferredLanguage: 'vi',
    emails: [`${no.toLowerCase()}@example.vn`],
    phones: [`09123${no.replace(/\D/g, '').padStart(5, '0').slice(-5)}`],
    ...extra,
  });
}

const queue = (
  ctx: TestContext,
  input: Parameters<TestContext['app']['notifications']['queueNotification']>[1],
) => ctx.app.db.transaction((tx) => ctx.app.notifications.queueNotification(tx, input));

const eventsOf = async (ctx: TestContext, id: string) =>
  (
    await ctx.pool.query(
      "SELECT type, payload FROM outbox WHERE type LIKE 'notification.%' AND payload->>'notificationId' = $1 ORDER BY position",
      [id],
    )
  ).rows as { type: string; payload: Record<string, unknown> }[];

describe('notifications without a relay (the local mailbox)', () => {
  let ctx: TestContext;
  let admin: Session;
  let agent: Session;

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signInAs(ctx, { username: 'mailbox.admin', roles: ['admin'] });
    agent = await signInAs(ctx, { username: 'mailbox.agent', roles: ['agent'] });
  });
  afterAll(async () => ctx?.close());

  it('queues in the caller transaction, sends once, and shows the mail in the admin mailbox', async () => {
    const customer = await createCustomer(ctx, 'C1001');
    const { notification, duplicate } = await queue(ctx, {
      customerId: customer.id,
      purpose: 'service',
      templateKey: 'case_updated',
      params: { name: 'chị Hà', caseNo: 'CS-42', status: 'đã giải quyết' },
      idempotencyKey: 'case:42:resolved',
    });
    expect(duplicate).toBe(false);
    expect(notification).toMatchObject({
      channel: 'email',
      recipient: 'c1001@example.vn',
      status: 'queued',
      locale: 'vi',
    });

    const again = await queue(ctx, {
      customerId: customer.id,
      purpose: 'service',
      templateKey: 'case_updated',
      params: { name: 'chị Hà', caseNo: 'CS-42', status: 'đã giải quyết' },
      idempotencyKey: 'case:42:resolved',
    });
    expect(again).toMatchObject({ duplicate: true, notification: { id: notification.id } });

    expect(await ctx.app.notifications.processDue()).toEqual({ attempted: 1, sent: 1 });
    expect(await ctx.app.notifications.processDue()).toEqual({ attempted: 0, sent: 0 });
    const stored = await ctx.app.notifications.getNotification(notification.id);
    expect(stored).toMatchObject({ status: 'sent', attempts: 1 });
    expect((await eventsOf(ctx, notification.id)).map((e) => e.type)).toEqual([
      'notification.queued',
      'notification.sent',
    ]);

    const list = await ctx.app.http.inject({
      method: 'GET',
      url: '/api/v1/admin/mailbox',
      headers: as(admin),
    });
    expect(list.statusCode).toBe(200);
    const item = list.json().items[0];
    expect(item).toMatchObject({
      subject: 'Yêu cầu CS-42 của quý khách đã được cập nhật',
      to: ['c1001@example.vn'],
      from: 'no-reply@bank.example',
      messageId: `<${notification.id}@bank.example>`,
    });
    const view = await ctx.app.http.inject({
      method: 'GET',
      url: `/api/v1/admin/mailbox/${item.id}`,
      headers: as(admin, { 'accept-language': 'vi' }),
    });
    expect(view.statusCode).toBe(200);
    expect(view.json().text).toContain('Kính gửi chị Hà');
    expect(view.json().headers).toContain('Auto-Submitted: auto-generated');
    expect(view.json().notificationId).toBe(notification.id);
    const audited = await ctx.pool.query(
      "SELECT actor_id FROM audit_log WHERE action = 'mailbox.message_viewed' AND target_id = $1",
      [item.id],
    );
    expect(audited.rows).toEqual([{ actor_id: admin.userId }]);

    const timeline = await ctx.app.http.inject({
      method: 'GET',
      url: `/api/v1/customers/${customer.id}/notifications`,
      headers: as(agent),
    });
    expect(timeline.statusCode).toBe(200);
    expect(timeline.json().items).toMatchObject([{ id: notification.id, status: 'sent', channel: 'email' }]);
  });

  it('stores nothing when the caller transaction rolls back', async () => {
    const customer = await createCustomer(ctx, 'C1002');
    await expect(
      ctx.app.db.transaction(async (tx) => {
        await ctx.app.notifications.queueNotification(tx, {
          customerId: customer.id,
          purpose: 'service',
          templateKey: 'case_updated',
          params: { name: 'Hà', caseNo: 'CS-43', status: 'open' },
          idempotencyKey: 'case:43:open',
        });
        throw new Error('the case update failed');
      }),
    ).rejects.toThrow('the case update failed');
    const rows = await ctx.pool.query('SELECT count(*)::int AS n FROM notifications WHERE customer_id = $1', [
      customer.id,
    ]);
    expect(rows.rows[0].n).toBe(0);
  });

  it('suppresses marketing without consent, and refuses bad input with stable codes', async () => {
    const customer = await createCustomer(ctx, 'C1003');
    const { notification } = await queue(ctx, {
      customerId: customer.id,
      purpose: 'marketing',
      templateKey: 'marketing_offer',
      params: { name: 'Hà', title: 'Ưu đãi', text: 'Lãi suất mới' },
      idempotencyKey: 'offer:1:C1003',
    });
    expect(notification).toMatchObject({ status: 'suppressed', channel: null, reason: 'NO_CONSENT' });
    expect((await eventsOf(ctx, notification.id)).map((e) => e.type)).toEqual(['notification.suppressed']);
    expect(await ctx.app.notifications.processDue()).toEqual({ attempted: 0, sent: 0 });

    const consenting = await createCustomer(ctx, 'C1004', { marketingEmail: true });
    const ok = await queue(ctx, {
      customerId: consenting.id,
      purpose: 'marketing',
      templateKey: 'marketing_offer',
      params: { name: 'Hà', title: 'Ưu đãi', text: 'Lãi suất mới' },
      idempotencyKey: 'offer:1:C1004',
    });
    expect(ok.notification).toMatchObject({ status: 'queued', channel: 'email' });

    await expect(
      queue(ctx, {
        customerId: customer.id,
        purpose: 'service',
        templateKey: 'case_updated',
        params: { name: 'Hà', caseNo: 'CS-44' },
        idempotencyKey: 'case:44',
      }),
    ).rejects.toMatchObject({ code: 'NOTIFICATION_PARAM_MISSING', status: 400, params: { param: 'status' } });
    await expect(
      queue(ctx, {
        customerId: customer.id,
        purpose: 'service',
        templateKey: 'nope',
        params: {},
        idempotencyKey: 'x',
      }),
    ).rejects.toMatchObject({ code: 'NOTIFICATION_TEMPLATE_UNKNOWN' });
    await expect(
      queue(ctx, {
        customerId: customer.id,
        purpose: 'spam' as 'service',
        templateKey: 'case_updated',
        params: {},
        idempotencyKey: 'y',
      }),
    ).rejects.toMatchObject({ code: 'NOTIFICATION_PURPOSE_INVALID' });
    await expect(
      queue(ctx, {
        customerId: '00000000-0000-7000-8000-000000000000',
        purpose: 'service',
        templateKey: 'one_time_password',
        params: { code: '123456' },
        idempotencyKey: 'otp:z',
      }),
    ).rejects.toMatchObject({ code: 'CUSTOMER_NOT_FOUND' });
  });

  it('keeps the mailbox to administrators, in the user language', async () => {
    const list = await ctx.app.http.inject({
      method: 'GET',
      url: '/api/v1/admin/mailbox',
      headers: as(agent),
    });
    expect(list.statusCode).toBe(403);
    const anonymous = await ctx.app.http.inject({ method: 'GET', url: '/api/v1/admin/mailbox' });
    expect(anonymous.statusCode).toBe(401);
    const missing = await ctx.app.http.inject({
      method: 'GET',
      url: '/api/v1/admin/mailbox/00000000-0000-7000-8000-000000000000',
      headers: as(admin, { 'accept-language': 'zh-CN' }),
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toMatchObject({
      code: 'MAILBOX_MESSAGE_NOT_FOUND',
      message: '邮箱中没有这封邮件。',
    });
    const teller = await signInAs(ctx, { username: 'mailbox.teller', roles: ['back_office'] });
    const customers = await ctx.app.http.inject({
      method: 'GET',
      url: '/api/v1/customers/00000000-0000-7000-8000-000000000000/notifications',
      headers: as(teller),
    });
    expect(customers.statusCode).toBe(403);
  });
});

describe('notifications through an SMTP relay', () => {
  let ctx: TestContext;
  let sink: Sink;

  beforeAll(async () => {
    sink = await startSmtpSink();
    const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const dir = mkdtempSync(path.join(tmpdir(), 'banyan-dkim-'));
    const keyFile = path.join(dir, 'dkim.pem');
    writeFileSync(keyFile, keys.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
    ctx = await createTestContext({
      smtpUrl: sink.url,
      dkimDomain: 'bank.example',
      dkimSelector: 'banyan2026',
      dkimKeyFile: keyFile,
    });
  });
  afterAll(async () => {
    await ctx?.close();
    await sink?.close();
  });

  it('delivers to the relay with correct headers, DKIM-signed, no header injection', async () => {
    const customer = await createCustomer(ctx, 'C2001', { preferredLanguage: 'zh-CN' });
    const { notification } = await queue(ctx, {
      customerId: customer.id,
      purpose: 'service',
      templateKey: 'case_updated',
      params: { name: '王芳', caseNo: 'CS-9\r\nBcc: thief@evil.example', status: '处理中' },
      idempotencyKey: 'case:9',
    });
    expect(await ctx.app.notifications.processDue()).toEqual({ attempted: 1, sent: 1 });
    expect(sink.received).toHaveLength(1);
    const mail = sink.received[0] as (typeof sink.received)[number];
    expect(mail.envelopeTo).toEqual(['c2001@example.vn']);
    expect(mail.parsed.messageId).toBe(`<${notification.id}@bank.example>`);
    expect(mail.parsed.subject).toBe('您的申请 CS-9 Bcc: thief@evil.example 已更新');
    expect(mail.parsed.from?.value).toEqual([{ name: 'Banyan Bank', address: 'no-reply@bank.example' }]);
    expect(mail.parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail.parsed.headers.has('bcc')).toBe(false);
    expect(mail.raw).not.toMatch(/^Bcc:/im);
    expect(mail.raw).toMatch(/^DKIM-Signature: v=1; a=rsa-sha256; c=relaxed\/relaxed; d=bank.example;/m);
    expect(mail.raw).toMatch(/ s=banyan2026;/);
  });

  it('retries a relay outage with backoff and the same Message-ID, sending exactly once', async () => {
    const customer = await createCustomer(ctx, 'C2002');
    sink.refuseNext(451, 2);
    const before = sink.received.length;
    const { notification } = await queue(ctx, {
      customerId: customer.id,
      purpose: 'transactional',
      templateKey: 'one_time_password',
      params: { code: '482913' },
      idempotencyKey: 'otp:C2002:1',
    });
    expect(notification.channel).toBe('email');
    expect(await ctx.app.notifications.processDue()).toEqual({ attempted: 1, sent: 0 });
    let stored = await ctx.app.notifications.getNotification(notification.id);
    expect(stored).toMatchObject({ status: 'queued', attempts: 1 });
    const firstDelay = stored.nextAttemptAt.getTime() - ctx.clock.now().getTime();
    expect(firstDelay).toBeGreaterThanOrEqual(27_000);
    expect(firstDelay).toBeLessThanOrEqual(33_000);
    // Not due yet: nothing is attempted early.
    expect(await ctx.app.notifications.processDue()).toEqual({ attempted: 0, sent: 0 });
    ctx.clock.advance(firstDelay);
    expect(await ctx.app.notifications.processDue()).toEqual({ attempted: 1, sent: 0 });
    stored = await ctx.app.notifications.getNotification(notification.id);
    const secondDelay = stored.nextAttemptAt.getTime() - ctx.clock.now().getTime();
    expect(secondDelay).toBeGreaterThanOrEqual(54_000);
    ctx.clock.advance(secondDelay);
    expect(await ctx.app.notifications.processDue()).toEqual({ attempted: 1, sent: 1 });
    expect(await ctx.app.notifications.getNotification(notification.id)).toMatchObject({
      status: 'sent',
      attempts: 3,
    });
    const mine = sink.received
      .slice(before)
      .filter((m) => m.parsed.messageId === notification.providerMessageId);
    expect(mine).toHaveLength(1);
    expect(mine[0]?.parsed.text).toContain('482913');
    expect((await eventsOf(ctx, notification.id)).map((e) => e.type)).toEqual([
      'notification.queued',
      'notification.sent',
    ]);
  });

  it('fails for good on a permanent refusal and says so on the timeline', async () => {
    const customer = await createCustomer(ctx, 'C2003');
    sink.refuseNext(550);
    const { notification } = await queue(ctx, {
      customerId: customer.id,
      purpose: 'service',
      templateKey: 'appointment_reminder',
      params: { name: 'Hà', branch: 'Hoàn Kiếm', when: '09:00 3/3' },
      idempotencyKey: 'appt:1',
    });
    expect(await ctx.app.notifications.processDue()).toEqual({ attempted: 1, sent: 0 });
    expect(await ctx.app.notifications.getNotification(notification.id)).toMatchObject({
      status: 'failed',
      reason: 'RELAY_REJECTED',
    });
    const events = await eventsOf(ctx, notification.id);
    expect(events.map((e) => e.type)).toEqual(['notification.queued', 'notification.failed']);
    expect(events[1]?.payload).toMatchObject({ reason: 'RELAY_REJECTED', channel: 'email' });
  });

  it('never sends twice when two workers poll at once', async () => {
    const customer = await createCustomer(ctx, 'C2004');
    const before = sink.received.length;
    for (let i = 0; i < 10; i++) {
      await queue(ctx, {
        customerId: customer.id,
        purpose: 'service',
        templateKey: 'case_updated',
        params: { name: 'Hà', caseNo: `CS-${100 + i}`, status: 'mở' },
        idempotencyKey: `case:${100 + i}`,
      });
    }
    const other = createNotificationsService({
      db: ctx.app.db,
      ids: ctx.app.ids,
      clock: ctx.clock,
      events: ctx.app.events,
      audit: ctx.app.audit,
      log: ctx.app.http.log,
      customers: ctx.app.customers,
      email: createEmailSender({
        db: ctx.app.db,
        ids: ctx.app.ids,
        clock: ctx.clock,
        smtpUrl: sink.url,
        dkim: null,
      }),
      mailFrom: { name: 'Banyan Bank', address: 'no-reply@bank.example' },
      bankTimeZone: 'Asia/Ho_Chi_Minh',
    });
    const results = await Promise.all([
      ctx.app.notifications.processDue(4),
      other.processDue(4),
      ctx.app.notifications.processDue(4),
      other.processDue(4),
    ]);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(10);
    const ids = sink.received.slice(before).map((m) => m.parsed.messageId);
    expect(new Set(ids).size).toBe(10);
    expect(ids).toHaveLength(10);
    await other.stop();
  });
});

describe('SMS notifications and quiet hours', () => {
  let ctx: TestContext;
  const sent: { id: string; to: string; text: string }[] = [];
  // A gateway that records what it is given (the SMPP client of channels/sms is not built yet).
  const gateway: SmsSender = {
    async send(message) {
      sent.push(message);
      return { providerMessageId: message.id };
    },
  };
  let service: ReturnType<typeof createNotificationsService>;

  /** The notification service of this context, sending texts through `sms`. */
  const serviceWith = (sms: SmsSender, options: { quietHours?: boolean } = {}) =>
    createNotificationsService({
      ...options,
      db: ctx.app.db,
      ids: ctx.app.ids,
      clock: ctx.clock,
      events: ctx.app.events,
      audit: ctx.app.audit,
      log: ctx.app.http.log,
      customers: ctx.app.customers,
      email: createEmailSender({
        db: ctx.app.db,
        ids: ctx.app.ids,
        clock: ctx.clock,
        smtpUrl: null,
        dkim: null,
      }),
      sms,
      mailFrom: { name: 'Banyan Bank', address: 'no-reply@bank.example' },
      bankTimeZone: 'Asia/Ho_Chi_Minh',
    });

  beforeAll(async () => {
    ctx = await createTestContext();
    service = serviceWith(gateway);
  });
  afterAll(async () => ctx?.close());

  it('holds a survey SMS queued at night until 08:00 local, but sends a code at once', async () => {
    ctx.clock.set('2026-03-02T16:30:00Z'); // 23:30 in Hanoi
    const customer = await ctx.app.customers.createCustomer({
      customerNo: 'C3001',
      fullName: 'Trần Văn Nam',
      preferredLanguage: 'vi',
      phones: ['0903123456'],
    });
    const survey = await ctx.app.db.transaction((tx) =>
      service.queueNotification(tx, {
        customerId: customer.id,
        purpose: 'survey',
        templateKey: 'survey_invite',
        params: { name: 'anh Nam', link: 'https://bank.example/s/1' },
        idempotencyKey: 'survey:1',
      }),
    );
    expect(survey.notification).toMatchObject({ channel: 'sms', recipient: '+84903123456' });
    expect(survey.notification.nextAttemptAt.toISOString()).toBe('2026-03-03T01:00:00.000Z');
    expect((await eventsOf(ctx, survey.notification.id))[0]?.payload.notBefore).toBe(
      '2026-03-03T01:00:00.000Z',
    );
    const otp = await ctx.app.db.transaction((tx) =>
      service.queueNotification(tx, {
        customerId: customer.id,
        purpose: 'transactional',
        templateKey: 'one_time_password',
        params: { code: '775511' },
        idempotencyKey: 'otp:C3001',
      }),
    );
    expect(await service.processDue()).toEqual({ attempted: 1, sent: 1 });
    expect(sent.map((s) => s.text)).toEqual([
      'Ma xac thuc Banyan 775511. Khong chia se ma nay voi bat ky ai.',
    ]);
    expect(sent[0]?.id).toBe(otp.notification.providerMessageId);

    ctx.clock.set('2026-03-03T01:00:00Z');
    expect(await service.processDue()).toEqual({ attempted: 1, sent: 1 });
    expect(sent[1]?.to).toBe('+84903123456');

    // The delivery receipt, correlated by our identity, reaches the timeline as an event.
    const delivered = await service.markDelivered(otp.notification.providerMessageId);
    expect(delivered).toMatchObject({ status: 'delivered' });
    expect(await service.markDelivered(otp.notification.providerMessageId)).toBeNull();
    expect((await eventsOf(ctx, otp.notification.id)).map((e) => e.type)).toEqual([
      'notification.queued',
      'notification.sent',
      'notification.delivered',
    ]);
  });

  it('sends at once at night when quiet hours are off (SMS_QUIET_HOURS=off)', async () => {
    ctx.clock.set('2026-03-05T16:30:00Z'); // 23:30 in Hanoi
    const customer = await createCustomer(ctx, 'C3003', { phones: ['0903123499'] });
    const queued = await ctx.app.db.transaction((tx) =>
      serviceWith(gateway, { quietHours: false }).queueNotification(tx, {
        customerId: customer.id,
        purpose: 'survey',
        templateKey: 'survey_invite',
        params: { name: 'anh Nam', link: 'https://bank.example/s/3' },
        idempotencyKey: 'survey:3',
      }),
    );
    expect(queued.notification.nextAttemptAt.toISOString()).toBe('2026-03-05T16:30:00.000Z');
  });

  it('sends one number its texts in the order they were queued, other numbers in parallel', async () => {
    // The gateway answers the earlier texts more slowly: sent side by side, they would overtake.
    const slow: { to: string; text: string }[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    const slowGateway: SmsSender = {
      async send(message) {
        inFlight++;
        mostInFlight = Math.max(mostInFlight, inFlight);
        await new Promise((r) => setTimeout(r, 40 - 4 * Number(message.text.split(' ')[1])));
        slow.push({ to: message.to, text: message.text });
        inFlight--;
        return { providerMessageId: message.id };
      },
    };
    const ordered = serviceWith(slowGateway);
    ctx.clock.set('2026-03-04T03:00:00Z');
    await ctx.app.db.transaction(async (tx) => {
      for (let i = 0; i < 8; i++) {
        for (const to of ['+84903000001', '+84903000002']) {
          await ordered.queueText(tx, {
            conversationId: null,
            customerId: null,
            to,
            locale: 'en',
            text: `text ${i}`,
            idempotencyKey: `order:${to}:${i}`,
          });
        }
      }
    });
    expect(await ordered.processDue()).toEqual({ attempted: 16, sent: 16 });
    const expected = Array.from({ length: 8 }, (_, i) => `text ${i}`);
    expect(slow.filter((m) => m.to === '+84903000001').map((m) => m.text)).toEqual(expected);
    expect(slow.filter((m) => m.to === '+84903000002').map((m) => m.text)).toEqual(expected);
    expect(mostInFlight).toBe(2);
  });

  it('parses what the relay stores as a proper message', async () => {
    const customer = await createCustomer(ctx, 'C3002', { phones: [] });
    await ctx.app.db.transaction((tx) =>
      service.queueNotification(tx, {
        customerId: customer.id,
        purpose: 'service',
        templateKey: 'case_updated',
        params: { name: 'Hà', caseNo: 'CS-1', status: 'mở' },
        idempotencyKey: 'case:C3002',
      }),
    );
    expect(await service.processDue()).toMatchObject({ sent: 1 });
    const raw = (await ctx.pool.query('SELECT raw FROM mailbox_messages ORDER BY created_at DESC LIMIT 1'))
      .rows[0].raw as string;
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe('Yêu cầu CS-1 của quý khách đã được cập nhật');
    expect(raw).toContain('\r\n');
  });
});
