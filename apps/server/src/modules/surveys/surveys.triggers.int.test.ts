// Surveys after a served branch visit and after a resolved case (same sampling, quiet hours and
// once-per-N-days rules as after a chat), and the teller opening a case at the counter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestContext, type Session, signInAs, type TestContext } from '../../../test/harness.ts';

let ctx: TestContext;
let analyst: Session;
let manager: Session;
let teller: Session;
let otherTeller: Session;
let agent: Session;
let branchId: string;
let otherBranchId: string;
let serviceId: string;
let counterId: string;
let kioskToken: string;
let visitor: string; // identified at the kiosk by phone
let caseCustomer: string;

type Json = Record<string, unknown>;
const api = async (method: string, url: string, session: Session | null, payload?: unknown, headers = {}) => {
  const res = await ctx.app.http.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    headers: { ...(session ? as(session, { 'accept-language': 'vi' }) : {}), ...headers },
    ...(payload !== undefined ? { payload: payload as Json } : {}),
  });
  return {
    status: res.statusCode,
    body: (res.body ? res.json() : null) as Json & { error?: { code: string; message: string } },
  };
};
const settle = async () => {
  for (let i = 0; i < 6; i++) await ctx.app.events.dispatchPending();
};
const invitations = async (where: string, value: string) =>
  (
    await ctx.pool.query(
      `SELECT i.*, d.code FROM survey_invitations i JOIN survey_definitions d ON d.id = i.definition_id
        WHERE ${where} = $1 ORDER BY i.created_at`,
      [value],
    )
  ).rows;

/** A ticket from the kiosk to served at counter 1; returns the ticket id. */
async function visit(phone?: string): Promise<string> {
  const issued = await api(
    'POST',
    '/branch/device/tickets',
    null,
    phone ? { serviceId, phone } : { serviceId },
    {
      'x-device-token': kioskToken,
    },
  );
  expect(issued.status).toBe(201);
  const called = await api('POST', `/branch/counters/${counterId}/call-next`, teller, {});
  const ticket = called.body.ticket as { id: string };
  expect((await api('POST', `/branch/tickets/${ticket.id}/start`, teller)).status).toBe(200);
  ctx.clock.advance(120_000);
  expect((await api('POST', `/branch/tickets/${ticket.id}/finish`, teller, {})).body.status).toBe('served');
  await settle();
  return ticket.id;
}

beforeAll(async () => {
  ctx = await createTestContext({ publicUrl: 'https://cc.bank.example' });
  ctx.clock.set('2026-06-01T14:30:00Z'); // 21:30 in Hà Nội: quiet hours for the surveys
  const b = await ctx.app.staff.createBranch(null, {
    code: 'ST1',
    name: 'Hoàn Kiếm',
    city: 'Hà Nội',
    country: 'VN',
    timeZone: 'Asia/Ho_Chi_Minh',
  });
  const o = await ctx.app.staff.createBranch(null, {
    code: 'ST2',
    name: 'Pudong',
    city: 'Shanghai',
    country: 'CN',
    timeZone: 'Asia/Shanghai',
  });
  branchId = b.id;
  otherBranchId = o.id;
  const admin = await signInAs(ctx, { username: 'st.admin', roles: ['admin'] });
  analyst = await signInAs(ctx, { username: 'st.analyst', roles: ['quality_analyst'] });
  manager = await signInAs(ctx, { username: 'st.lobby', roles: ['lobby_manager'], branchId });
  teller = await signInAs(ctx, { username: 'st.teller', roles: ['branch_teller'], branchId });
  otherTeller = await signInAs(ctx, {
    username: 'st.teller2',
    roles: ['branch_teller'],
    branchId: otherBranchId,
  });
  agent = await signInAs(ctx, { username: 'st.agent', roles: ['agent'] });
  const service = await api('POST', `/branch/branches/${branchId}/services`, manager, {
    code: 'cash',
    names: { en: 'Cash', 'zh-CN': '现金', vi: 'Tiền mặt' },
    letter: 'A',
    waitThresholdMinutes: 10,
    lineThreshold: 3,
    slotCapacity: 0,
    isSelfService: false,
  });
  serviceId = service.body.id as string;
  const counter = await api('POST', `/branch/branches/${branchId}/counters`, manager, {
    number: 1,
    serviceIds: [serviceId],
  });
  counterId = counter.body.id as string;
  const kiosk = await api('POST', `/branch/branches/${branchId}/devices`, manager, {
    kind: 'kiosk',
    name: 'Kiosk',
  });
  kioskToken = kiosk.body.token as string;
  expect((await api('POST', `/branch/counters/${counterId}/open`, teller)).status).toBe(200);
  visitor = (
    await ctx.app.customers.createCustomer({
      customerNo: 'C0077001',
      fullName: 'Trần Văn Khách',
      preferredLanguage: 'zh-CN',
      phones: ['0912 000 222'],
      emails: ['khach@example.vn'],
    })
  ).id;
  caseCustomer = (
    await ctx.app.customers.createCustomer({
      customerNo: 'C0077002',
      fullName: 'Lê Thị Hồ Sơ',
      preferredLanguage: 'vi',
      emails: ['hoso@example.vn'],
    })
  ).id;
  for (const [code, trigger, samplingRate] of [
    ['csat.branch', 'branch_visit', 1],
    ['csat.case', 'case_resolved', 1],
    ['nps.case.never', 'case_resolved', 0],
  ] as const) {
    const r = await api('POST', '/surveys', analyst, {
      code,
      kind: code.startsWith('nps') ? 'nps' : 'csat',
      trigger,
      samplingRate,
      minDaysBetween: 30,
      quietStartHour: 21,
      quietEndHour: 8,
      timeZone: 'Asia/Ho_Chi_Minh',
    });
    expect(r.status).toBe(201);
  }
  void admin;
});
afterAll(async () => ctx?.close());

describe('after a branch visit', () => {
  it('invites the identified customer once, about the teller and the branch, in their language', async () => {
    const ticketId = await visit('0912000222');
    await settle(); // a replay invites nobody twice
    const invited = await invitations('i.customer_id', visitor);
    expect(invited).toHaveLength(1);
    expect(invited[0]).toMatchObject({
      code: 'csat.branch',
      ticket_id: ticketId,
      branch_id: branchId,
      agent_id: teller.userId,
      language: 'zh-CN',
      case_id: null,
      conversation_id: null,
    });
    // Served at 21:32 in Hà Nội: the link waits for 08:00.
    expect(new Date(invited[0].send_at).toISOString()).toBe('2026-06-02T01:00:00.000Z');
    // The link goes out through the notifications pipeline.
    const queued = await ctx.pool.query(
      `SELECT locale, status FROM notifications WHERE template_key = 'survey_invite' AND customer_id = $1`,
      [visitor],
    );
    expect(queued.rows).toEqual([{ locale: 'zh-CN', status: 'queued' }]);
  });

  it('invites nobody for an anonymous visit, nor the same customer again within the minimum days', async () => {
    const before = (await ctx.pool.query('SELECT count(*)::int AS n FROM survey_invitations')).rows[0].n;
    await visit();
    await visit('0912000222');
    expect((await ctx.pool.query('SELECT count(*)::int AS n FROM survey_invitations')).rows[0].n).toBe(
      before,
    );
  });
});

describe('a teller opens a case at the counter', () => {
  let caseId: string;

  it('for the identified customer, with channel branch and the teller’s branch', async () => {
    const created = await api('POST', '/cases', teller, {
      type: 'service_request',
      subject: 'Replace damaged card',
      customerId: caseCustomer,
      channel: 'branch',
    });
    expect(created.status).toBe(201);
    caseId = created.body.id as string;
    expect(created.body).toMatchObject({ customerId: caseCustomer, ownerId: teller.userId, status: 'new' });
    const stored = await ctx.pool.query('SELECT channel, branch_id FROM cases WHERE id = $1', [caseId]);
    expect(stored.rows).toEqual([{ channel: 'branch', branch_id: branchId }]);
    expect((await api('GET', `/cases/${caseId}`, teller)).status).toBe(200);
    expect((await api('GET', `/cases/${caseId}`, otherTeller)).status).toBe(404);
    // The teller follows the case up under Cases · My cases, and may hand a task to a department.
    const mine = await api('GET', '/cases?view=mine', teller);
    expect((mine.body.items as { id: string }[]).map((c) => c.id)).toEqual([caseId]);
    expect((await api('GET', '/case-departments', teller)).status).toBe(200);
  });

  it('refuses another branch, a branch case from the contact center, a conversation; stores nothing', async () => {
    const count = async () => (await ctx.pool.query('SELECT count(*)::int AS n FROM cases')).rows[0].n;
    const before = await count();
    const foreign = await api('POST', '/cases', otherTeller, {
      type: 'inquiry',
      subject: 'x',
      customerId: caseCustomer,
      channel: 'branch',
      branchId,
    });
    expect(foreign.status).toBe(403);
    const fromDesk = await api('POST', '/cases', agent, { type: 'inquiry', subject: 'x', channel: 'branch' });
    expect(fromDesk.status).toBe(403);
    const withChat = await api('POST', '/cases', teller, {
      type: 'inquiry',
      subject: 'x',
      channel: 'branch',
      conversationId: crypto.randomUUID(),
    });
    expect(withChat.status).toBe(400);
    expect(withChat.body.error?.code).toBe('CASE_CHANNEL_INVALID');
    expect(withChat.body.error?.message).toContain('chi nhánh');
    const lobby = await api('POST', '/cases', manager, { type: 'inquiry', subject: 'x', channel: 'branch' });
    expect(lobby.status).toBe(403);
    expect(await count()).toBe(before);
  });

  it('resolved by the teller, it invites the customer to the sampled case survey only, after quiet hours', async () => {
    const resolved = await api('POST', `/cases/${caseId}/status`, teller, {
      version: 1,
      status: 'resolved',
      resolution: 'New card issued at the counter',
    });
    expect(resolved.status).toBe(200);
    await settle();
    await settle();
    const invited = await invitations('i.case_id', caseId);
    expect(invited).toHaveLength(1);
    expect(invited[0]).toMatchObject({
      code: 'csat.case',
      customer_id: caseCustomer,
      agent_id: teller.userId,
      language: 'vi',
      ticket_id: null,
    });
    expect(new Date(invited[0].send_at).toISOString()).toBe('2026-06-02T01:00:00.000Z');
  });

  it('a case without a customer invites nobody', async () => {
    const created = await api('POST', '/cases', agent, { type: 'inquiry', subject: 'Internal note' });
    const id = created.body.id as string;
    await api('POST', `/cases/${id}/status`, agent, { version: 1, status: 'resolved', resolution: 'done' });
    await settle();
    expect(await invitations('i.case_id', id)).toHaveLength(0);
  });
});
