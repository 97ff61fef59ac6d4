// The producers' customer-facing events reach the one outbound pipeline: a case update, a survey
// link and an appointment reminder each become one notification (never two on a replay), leave
// through the local mailbox, and show on the customer's notifications.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestContext, type Session, signInAs, type TestContext } from '../../../test/harness.ts';

let ctx: TestContext;
let admin: Session;
let agent: Session;
let analyst: Session;
let manager: Session;
let customerId: string;
let branchId: string;

type Json = Record<string, unknown>;
const api = async (method: string, url: string, session: Session | null, payload?: unknown) => {
  const res = await ctx.app.http.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    headers: session ? as(session) : {},
    ...(payload !== undefined ? { payload: payload as Json } : {}),
  });
  return { status: res.statusCode, body: (res.body ? res.json() : null) as Json };
};

/** Runs the durable handlers until nothing is left (each step may publish the next event). */
const settle = async () => {
  for (let i = 0; i < 6; i++) await ctx.app.events.dispatchPending();
};

const notificationsOf = async (templateKey: string) =>
  (
    await ctx.pool.query(
      `SELECT id, customer_id, template_key, locale, params, channel, recipient, status, next_attempt_at, idempotency_key
         FROM notifications WHERE template_key = $1 ORDER BY created_at, id`,
      [templateKey],
    )
  ).rows;

beforeAll(async () => {
  ctx = await createTestContext({ publicUrl: 'https://cc.bank.example' });
  admin = await signInAs(ctx, { username: 'nl.admin', roles: ['admin'] });
  agent = await signInAs(ctx, { username: 'nl.agent', roles: ['agent'] });
  analyst = await signInAs(ctx, { username: 'nl.analyst', roles: ['quality_analyst'] });
  const customer = await ctx.app.customers.createCustomer({
    customerNo: 'C0088001',
    fullName: 'Nguyễn Thị Thu Hà',
    preferredLanguage: 'vi',
    emails: ['thuha@example.vn'],
    phones: ['0912 345 678'],
  });
  customerId = customer.id;
  const branch = await ctx.app.staff.createBranch(null, {
    code: 'NL1',
    name: 'Hoàn Kiếm',
    city: 'Hà Nội',
    country: 'VN',
    timeZone: 'Asia/Ho_Chi_Minh',
  });
  branchId = branch.id;
  manager = await signInAs(ctx, { username: 'nl.lobby', roles: ['lobby_manager'], branchId });
});
afterAll(async () => ctx?.close());

describe('case updates', () => {
  it('a case opened and resolved for a customer lands in the admin mailbox, in her language, once', async () => {
    const created = await api('POST', '/cases', agent, {
      type: 'service_request',
      subject: 'Card replacement',
      customerId,
    });
    expect(created.status).toBe(201);
    const c = created.body as { id: string; number: string };
    await settle();
    const resolved = await api('POST', `/cases/${c.id}/status`, agent, {
      version: 1,
      status: 'resolved',
      resolution: 'New card sent',
    });
    expect(resolved.status).toBe(200);
    await settle();
    await settle(); // a replay of the same events queues nothing more

    const queued = await notificationsOf('case_updated');
    expect(queued).toHaveLength(2);
    expect(queued.map((n) => n.params.status)).toEqual(['đã tiếp nhận', 'đã giải quyết']);
    expect(queued[1]).toMatchObject({
      customer_id: customerId,
      locale: 'vi',
      channel: 'email',
      recipient: 'thuha@example.vn',
      status: 'queued',
    });
    expect(queued[1].params).toMatchObject({ caseNo: c.number, name: 'Nguyễn Thị Thu Hà' });

    expect(await ctx.app.notifications.processDue()).toMatchObject({ attempted: 2, sent: 2 });
    const mailbox = await api('GET', '/admin/mailbox', admin);
    expect(mailbox.status).toBe(200);
    const subjects = (mailbox.body.items as { subject: string; to: string[] }[]).map((m) => m.subject);
    expect(subjects).toContain(`Yêu cầu ${c.number} của quý khách đã được cập nhật`);

    const timeline = await api('GET', `/customers/${customerId}/notifications`, agent);
    expect(timeline.status).toBe(200);
    const items = timeline.body.items as { templateKey: string; status: string }[];
    expect(items.filter((n) => n.templateKey === 'case_updated').map((n) => n.status)).toEqual([
      'sent',
      'sent',
    ]);
  });

  it('a case without a customer notifies nobody', async () => {
    const before = (await notificationsOf('case_updated')).length;
    const created = await api('POST', '/cases', agent, { type: 'service_request', subject: 'Internal' });
    expect(created.status).toBe(201);
    await settle();
    expect(await notificationsOf('case_updated')).toHaveLength(before);
  });
});

describe('survey links', () => {
  it('an invitation queued in quiet hours is sent by email after them, with the signed link', async () => {
    const survey = await api('POST', '/surveys', analyst, {
      code: 'csat.case',
      kind: 'csat',
      trigger: 'case_resolved',
      quietStartHour: 21,
      quietEndHour: 8,
      timeZone: 'Asia/Ho_Chi_Minh',
      minDaysBetween: 30,
    });
    expect(survey.status).toBe(201);
    ctx.clock.set('2026-06-01T15:30:00Z'); // 22:30 in Hà Nội
    const created = await api('POST', '/cases', agent, {
      type: 'service_request',
      subject: 'Statement',
      customerId,
    });
    const c = created.body as { id: string };
    const resolved = await api('POST', `/cases/${c.id}/status`, agent, {
      version: 1,
      status: 'resolved',
      resolution: 'Statement sent',
    });
    expect(resolved.status).toBe(200);
    await settle();
    await settle();

    const invites = await notificationsOf('survey_invite');
    expect(invites).toHaveLength(1);
    const invitation = (
      await ctx.pool.query(`SELECT id, send_at FROM survey_invitations WHERE case_id = $1`, [c.id])
    ).rows[0];
    expect(invites[0]).toMatchObject({
      customer_id: customerId,
      locale: 'vi',
      channel: 'email',
      idempotency_key: `survey_invitation:${invitation.id}`,
    });
    expect(invites[0].params.link).toMatch(/^https:\/\/cc\.bank\.example\/survey\?token=/);
    // 08:00 in Hà Nội the next morning.
    expect(new Date(invites[0].next_attempt_at).toISOString()).toBe('2026-06-02T01:00:00.000Z');
    expect(new Date(invitation.send_at).toISOString()).toBe('2026-06-02T01:00:00.000Z');

    await ctx.app.notifications.processDue();
    expect((await notificationsOf('survey_invite'))[0].status).toBe('queued');
    ctx.clock.set('2026-06-02T01:00:01Z');
    await ctx.app.notifications.processDue();
    expect((await notificationsOf('survey_invite'))[0].status).toBe('sent');
    const mailbox = await api('GET', '/admin/mailbox', admin);
    const mail = (mailbox.body.items as { id: string; subject: string }[]).filter(
      (m) => m.subject === 'Quý khách đánh giá dịch vụ thế nào?',
    );
    expect(mail).toHaveLength(1);
    const view = await api('GET', `/admin/mailbox/${mail[0]?.id}`, admin);
    expect(view.body.text).toContain(invites[0].params.link);
  });
});

describe('appointment reminders', () => {
  let serviceId: string;

  beforeAll(async () => {
    const service = await api('POST', `/branch/branches/${branchId}/services`, manager, {
      code: 'loans',
      names: { en: 'Loans', 'zh-CN': '贷款', vi: 'Vay vốn' },
      letter: 'B',
      waitThresholdMinutes: 10,
      lineThreshold: 3,
      slotCapacity: 2,
      isSelfService: false,
    });
    expect(service.status).toBe(201);
    serviceId = service.body.id as string;
  });

  const book = async (phone: string, name: string, slotIndex = 4, email?: string) => {
    ctx.clock.set('2026-06-08T01:00:00Z'); // Monday 08:00 in Hà Nội
    const slots = await api(
      'GET',
      `/branch/public/branches/${branchId}/slots?serviceId=${serviceId}&date=2026-06-08`,
      null,
    );
    const slot = (slots.body.items as { start: string }[])[slotIndex] as { start: string };
    const booked = await api('POST', `/branch/public/branches/${branchId}/appointments`, null, {
      serviceId,
      slotStart: slot.start,
      name,
      phone,
      ...(email ? { email } : {}),
      locale: 'en',
    });
    expect(booked.status).toBe(201);
    await settle();
    return { id: booked.body.id as string, slotStart: new Date(slot.start) };
  };

  it('a booking by a known customer queues one reminder two hours ahead, in the booking language', async () => {
    const { id, slotStart } = await book('0912345678', 'Thu Hà');
    await settle();
    const reminders = await notificationsOf('appointment_reminder');
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({
      customer_id: customerId,
      locale: 'en',
      channel: 'email',
      idempotency_key: `appointment:${id}:reminder`,
    });
    expect(reminders[0].params.branch).toBe('Hoàn Kiếm');
    expect(reminders[0].params.when).toMatch(/^\d{2}\/\d{2}\/2026 at \d{2}:\d{2}$/);
    expect(new Date(reminders[0].next_attempt_at).getTime()).toBe(slotStart.getTime() - 2 * 3_600_000);
    // Not before its time.
    await ctx.app.notifications.processDue();
    expect((await notificationsOf('appointment_reminder'))[0].status).toBe('queued');
    ctx.clock.set(new Date(slotStart.getTime() - 2 * 3_600_000 + 1000).toISOString());
    await ctx.app.notifications.processDue();
    expect((await notificationsOf('appointment_reminder'))[0].status).toBe('sent');
  });

  it('a booking by someone the bank does not know makes them a customer, reminded; the same phone again is the same customer', async () => {
    const first = await book('0977 000 111', 'Lê Văn Khách', 4, 'Khach.Le@Example.vn');
    const made = await ctx.pool.query(
      `SELECT c.id, c.customer_no, c.full_name, c.preferred_language, c.marketing_sms, c.marketing_email,
              c.marketing_call, i.value, i.verified
         FROM customers c JOIN customer_identities i ON i.customer_id = c.id
        WHERE i.kind = 'phone' AND i.value = '+84977000111'`,
    );
    expect(made.rows).toHaveLength(1);
    expect(made.rows[0]).toMatchObject({
      full_name: 'Lê Văn Khách',
      preferred_language: 'en',
      // Service messages only: no marketing consent is given by booking.
      marketing_sms: false,
      marketing_email: false,
      marketing_call: false,
      verified: false,
    });
    expect(made.rows[0].customer_no).toMatch(/^W[0-9A-F]{11}$/);
    const walkIn = made.rows[0].id as string;
    const stored = await ctx.pool.query('SELECT customer_id FROM branch_appointments WHERE id = $1', [
      first.id,
    ]);
    expect(stored.rows).toEqual([{ customer_id: walkIn }]);
    const reminders = (await notificationsOf('appointment_reminder')).filter((n) => n.customer_id === walkIn);
    expect(reminders).toHaveLength(1);
    // This test context has no SMS adapter: the reminder goes by the e-mail given with the booking.
    expect(reminders[0]).toMatchObject({
      locale: 'en',
      channel: 'email',
      recipient: 'khach.le@example.vn',
      status: 'queued',
      idempotency_key: `appointment:${first.id}:reminder`,
    });
    expect(reminders[0].params.name).toBe('Lê Văn Khách');

    // Booked again with the same phone written differently: the same customer, a second reminder.
    const again = await book('+84977000111', 'Khách', 5);
    const owners = await ctx.pool.query(
      `SELECT count(DISTINCT customer_id)::int AS n FROM customer_identities WHERE kind = 'phone' AND value = '+84977000111'`,
    );
    expect(owners.rows).toEqual([{ n: 1 }]);
    const second = await ctx.pool.query('SELECT customer_id FROM branch_appointments WHERE id = $1', [
      again.id,
    ]);
    expect(second.rows).toEqual([{ customer_id: walkIn }]);
    expect(
      (await notificationsOf('appointment_reminder')).filter((n) => n.customer_id === walkIn),
    ).toHaveLength(2);
    // The name the bank holds is not overwritten by what a booking form says.
    const name = await ctx.pool.query('SELECT full_name FROM customers WHERE id = $1', [walkIn]);
    expect(name.rows).toEqual([{ full_name: 'Lê Văn Khách' }]);
  });
});
