import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestContext, type Session, signInAs, type TestContext } from '../../../test/harness.ts';

let ctx: TestContext;
let admin: Session;
let manager: Session;
let teller: Session;
let otherTeller: Session;
let agent: Session;
let branchId: string;
let otherBranchId: string;
const svc: Record<string, string> = {};
const counters: Record<number, string> = {};
let kioskToken: string;
let displayToken: string;
let padToken: string;
let otherKioskToken: string;

type Json = Record<string, unknown>;
const api = async (
  method: string,
  url: string,
  session?: Session | null,
  payload?: unknown,
  headers = {},
) => {
  const res = await ctx.app.http.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    headers: { ...(session ? as(session) : {}), ...headers },
    ...(payload !== undefined ? { payload: payload as Json } : {}),
  });
  return {
    status: res.statusCode,
    body: (res.body ? res.json() : null) as Json & { error?: { code: string } },
  };
};
const device = (token: string) => ({ 'x-device-token': token });
const issue = (body: Json, token = kioskToken) =>
  api('POST', '/branch/device/tickets', null, body, device(token));
const names = (en: string) => ({ en, 'zh-CN': en, vi: en });

beforeAll(async () => {
  ctx = await createTestContext();
  // A fixed working morning: from the wall clock, the tests' advances could cross local midnight in
  // Hà Nội (17:00 UTC), where the display starts a new day and shows none of the earlier calls.
  // After the dates the later tests set, so the sessions signed in here stay valid there.
  ctx.clock.set('2027-01-13T02:00:00Z'); // Wednesday 09:00 in Hà Nội
  const b = await ctx.app.staff.createBranch(null, {
    code: 'T01',
    name: 'Hoàn Kiếm',
    city: 'Hà Nội',
    country: 'VN',
    timeZone: 'Asia/Ho_Chi_Minh',
  });
  const o = await ctx.app.staff.createBranch(null, {
    code: 'T02',
    name: 'Pudong',
    city: 'Shanghai',
    country: 'CN',
    timeZone: 'Asia/Shanghai',
  });
  branchId = b.id;
  otherBranchId = o.id;
  admin = await signInAs(ctx, { username: 'admin.b', roles: ['admin'] });
  manager = await signInAs(ctx, { username: 'lobby.b', roles: ['lobby_manager'], branchId });
  teller = await signInAs(ctx, { username: 'teller.b', roles: ['branch_teller'], branchId });
  otherTeller = await signInAs(ctx, {
    username: 'teller.o',
    roles: ['branch_teller'],
    branchId: otherBranchId,
  });
  agent = await signInAs(ctx, { username: 'agent.b', roles: ['agent'] });
  for (const [code, letter, self] of [
    ['cash', 'A', false],
    ['loans', 'B', false],
    ['deposit_machine', 'S', true],
  ] as const) {
    const r = await api('POST', `/branch/branches/${branchId}/services`, manager, {
      code,
      names: names(code),
      letter,
      waitThresholdMinutes: 10,
      lineThreshold: 3,
      slotCapacity: code === 'loans' ? 1 : 0,
      isSelfService: self,
    });
    expect(r.status).toBe(201);
    svc[code] = r.body.id as string;
  }
  for (const [n, services] of [
    [1, [svc.cash]],
    [2, [svc.loans, svc.cash]],
  ] as const) {
    const r = await api('POST', `/branch/branches/${branchId}/counters`, manager, {
      number: n,
      serviceIds: services,
    });
    expect(r.status).toBe(201);
    counters[n] = r.body.id as string;
  }
  const reg = async (kind: string, counterId?: string, target = branchId, who = manager) => {
    const r = await api('POST', `/branch/branches/${target}/devices`, who, { kind, name: kind, counterId });
    expect(r.status).toBe(201);
    return (r.body as { token: string }).token;
  };
  kioskToken = await reg('kiosk');
  displayToken = await reg('display');
  padToken = await reg('pad', counters[1]);
  otherKioskToken = await reg('kiosk', undefined, otherBranchId, admin);
});
afterAll(async () => {
  await ctx?.close();
});

describe('setup', () => {
  it('stores only the hash of a device token and audits the registration', async () => {
    const { rows } = await ctx.pool.query('SELECT token_hash FROM branch_devices');
    expect(rows.every((r) => !String(r.token_hash).startsWith('bdt_'))).toBe(true);
    const audit = await ctx.pool.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'branch.device_registered'`,
    );
    expect(audit.rows[0].n).toBe(4);
  });

  it('refuses a duplicate letter, another branch, and a teller', async () => {
    const dup = await api('POST', `/branch/branches/${branchId}/services`, manager, {
      code: 'cash2',
      names: names('x'),
      letter: 'A',
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error?.code).toBe('BRANCH_SERVICE_EXISTS');
    const other = await api('POST', `/branch/branches/${otherBranchId}/services`, manager, {
      code: 'x',
      names: names('x'),
      letter: 'X',
    });
    expect(other.status).toBe(403);
    expect(other.body.error?.code).toBe('BRANCH_FORBIDDEN');
    const byTeller = await api('POST', `/branch/branches/${branchId}/counters`, teller, {
      number: 9,
      serviceIds: [svc.cash],
    });
    expect(byTeller.status).toBe(403);
    const bad = await api('POST', `/branch/branches/${branchId}/services`, manager, {
      code: 'Bad Code',
      names: names('x'),
      letter: 'a',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.code).toBe('VALIDATION_FAILED');
  });
});

describe('kiosk', () => {
  it('needs a registered kiosk token', async () => {
    expect((await issue({ serviceId: svc.cash }, 'bdt_nope')).status).toBe(401);
    expect((await issue({ serviceId: svc.cash }, displayToken)).body.error?.code).toBe('BRANCH_DEVICE_KIND');
    const staff = await api('POST', '/branch/device/tickets', teller, { serviceId: svc.cash });
    expect(staff.status).toBe(401);
    // A kiosk of another branch cannot issue this branch's service.
    expect((await issue({ serviceId: svc.cash }, otherKioskToken)).body.error?.code).toBe(
      'BRANCH_SERVICE_NOT_FOUND',
    );
  });

  it('numbers tickets per branch, day and letter, never twice under concurrency', async () => {
    const issued = await Promise.all(Array.from({ length: 12 }, () => issue({ serviceId: svc.loans })));
    const numbers = issued.map((r) => (r.body.ticket as { number: string }).number);
    expect(new Set(numbers).size).toBe(12);
    expect(numbers.sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => `B${String(i + 1).padStart(3, '0')}`),
    );
    await ctx.pool.query(`UPDATE branch_tickets SET status = 'no_show' WHERE service_id = $1`, [svc.loans]);
  });

  it('issues a VIP ticket for an identified VIP customer, with people ahead and an estimate', async () => {
    const vip = await ctx.app.customers.createCustomer({
      customerNo: 'C7000001',
      fullName: 'Trần Thị VIP',
      phones: ['0912 000 111'],
      vipTier: 'gold',
    });
    const normal = await issue({ serviceId: svc.cash });
    expect(normal.status).toBe(201);
    expect(normal.body.peopleAhead).toBe(0);
    const v = await issue({ serviceId: svc.cash, phone: '0912000111' });
    expect(v.status).toBe(201);
    const ticket = v.body.ticket as { priority: number; customerId: string; number: string };
    expect(ticket.priority).toBe(3);
    expect(ticket.customerId).toBe(vip.id);
    expect(v.body.identified).toBe(true);
    expect(v.body.peopleAhead).toBe(0);
    expect(String(v.body.trackPath)).toMatch(/^\/q\//);
    const legal = await issue({ serviceId: svc.cash, priorityGroup: 'elderly' });
    expect((legal.body.ticket as { priority: number }).priority).toBe(2);
    expect(legal.body.peopleAhead).toBe(1);
    const events = await ctx.pool.query(`SELECT count(*)::int AS n FROM outbox WHERE type = 'ticket.issued'`);
    expect(events.rows[0].n).toBeGreaterThanOrEqual(15);
  });

  it('says a mistyped phone is not a phone number, in the kiosk language; an unknown one is anonymous', async () => {
    const before = await ctx.pool.query(`SELECT count(*)::int AS n FROM branch_tickets`);
    const typo = await issue({ serviceId: svc.cash, phone: 'abcdefg' });
    expect(typo.status).toBe(400);
    expect(typo.body.error?.code).toBe('BRANCH_PHONE_INVALID');
    const vi = await api(
      'POST',
      '/branch/device/tickets',
      null,
      { serviceId: svc.cash, phone: '12-34-56' },
      {
        ...device(kioskToken),
        'accept-language': 'vi',
      },
    );
    expect(vi.body.error).toMatchObject({
      code: 'BRANCH_PHONE_INVALID',
      message: expect.stringContaining('Số điện thoại'),
    });
    const after = await ctx.pool.query(`SELECT count(*)::int AS n FROM branch_tickets`);
    expect(after.rows[0].n).toBe(before.rows[0].n);
    // A real number of nobody the bank knows: a ticket, and nothing said about who is a customer.
    const unknown = await issue({ serviceId: svc.cash, phone: '0977 000 999' });
    expect(unknown.status).toBe(201);
    expect(unknown.body.identified).toBe(false);
    await ctx.pool.query(`UPDATE branch_tickets SET status = 'no_show' WHERE id = $1`, [
      (unknown.body.ticket as { id: string }).id,
    ]);
  });
});

describe('ticket priority', () => {
  it('set by the lobby manager publishes ticket.priority_changed for the lobby screens; not by another branch', async () => {
    const waiting = await ctx.pool.query(
      `SELECT id FROM branch_tickets WHERE branch_id = $1 AND status = 'waiting' AND priority = 0 ORDER BY issued_at LIMIT 1`,
      [branchId],
    );
    const ticketId = waiting.rows[0].id as string;
    const set = await api('PUT', `/branch/tickets/${ticketId}/priority`, manager, { group: 'elderly' });
    expect(set.status).toBe(200);
    expect(set.body.priority).toBe(2);
    const published = await ctx.pool.query(
      `SELECT payload, audience FROM outbox WHERE type = 'ticket.priority_changed' ORDER BY position`,
    );
    expect(published.rows).toHaveLength(1);
    expect(published.rows[0].payload).toMatchObject({ ticketId, branchId, priority: 2 });
    expect(published.rows[0].audience).toMatchObject({ branches: [branchId] });
    expect(
      (await api('PUT', `/branch/tickets/${ticketId}/priority`, otherTeller, { group: 'vip' })).status,
    ).toBe(403);
    // Back as it was, for the counter's calling order below.
    expect(
      (await api('PUT', `/branch/tickets/${ticketId}/priority`, manager, { group: 'none' })).body.priority,
    ).toBe(0);
    const after = await ctx.pool.query(
      `SELECT count(*)::int AS n FROM outbox WHERE type = 'ticket.priority_changed'`,
    );
    expect(after.rows[0].n).toBe(2);
  });
});

describe('counter', () => {
  it('calls by priority, refuses a closed counter, a foreign service and another branch', async () => {
    expect(
      (await api('POST', `/branch/counters/${counters[1]}/call-next`, teller, {})).body.error?.code,
    ).toBe('BRANCH_COUNTER_CLOSED');
    expect((await api('POST', `/branch/counters/${counters[1]}/open`, otherTeller)).status).toBe(403);
    expect((await api('POST', `/branch/counters/${counters[1]}/open`, agent)).status).toBe(403);
    expect((await api('POST', `/branch/counters/${counters[1]}/open`, teller)).status).toBe(200);
    const wrong = await api('POST', `/branch/counters/${counters[1]}/call-next`, teller, {
      serviceId: svc.loans,
    });
    expect(wrong.status).toBe(409);
    expect(wrong.body.error?.code).toBe('BRANCH_SERVICE_NOT_SERVED');
    const first = await api('POST', `/branch/counters/${counters[1]}/call-next`, teller, {});
    expect(first.status).toBe(200);
    const t = first.body.ticket as { id: string; priority: number; status: string; counterNumber: number };
    expect(t.priority).toBe(3);
    expect(t.status).toBe('called');
    expect(t.counterNumber).toBe(1);
    // Busy until this one is done.
    expect(
      (await api('POST', `/branch/counters/${counters[1]}/call-next`, teller, {})).body.error?.code,
    ).toBe('BRANCH_COUNTER_BUSY');
    expect((await api('POST', `/branch/tickets/${t.id}/start`, otherTeller)).status).toBe(403);
    expect((await api('POST', `/branch/tickets/${t.id}/start`, teller)).body.status).toBe('serving');
    ctx.clock.advance(240_000);
    const done = await api('POST', `/branch/tickets/${t.id}/finish`, teller, {
      notes: 'Opened savings account, card 4111 1111 1111 1111',
    });
    expect(done.body.status).toBe('served');
    const served = await ctx.pool.query(`SELECT payload FROM outbox WHERE type = 'ticket.served'`);
    expect(served.rows[0].payload).toMatchObject({
      serviceSeconds: 240,
      serviceId: svc.cash,
      counterNumber: 1,
    });
    // The estimator's service time moved towards 240 s: 300 + 0.2 × (240 − 300).
    const ewma = await ctx.pool.query('SELECT ewma_service_seconds FROM branch_services WHERE id = $1', [
      svc.cash,
    ]);
    expect(ewma.rows[0].ewma_service_seconds).toBe(288);
    // Finished once only.
    const again = await api('POST', `/branch/tickets/${t.id}/finish`, teller, {});
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('BRANCH_TICKET_STATE');
    expect((await api('POST', `/branch/tickets/${t.id}/finish`, otherTeller, {})).status).toBe(403);
  });

  it('shows the display state to display devices and the visit on the customer timeline', async () => {
    const d = await api('GET', '/branch/device/display', null, undefined, device(displayToken));
    expect(d.status).toBe(200);
    expect((d.body.calls as unknown[]).length).toBe(1);
    expect((await api('GET', '/branch/device/display', null, undefined, device(kioskToken))).status).toBe(
      403,
    );
    const { rows } = await ctx.pool.query(`SELECT customer_id FROM branch_tickets WHERE priority = 3`);
    const visits = await api('GET', `/customers/${rows[0].customer_id}/branch-visits`, teller);
    expect(visits.status).toBe(200);
    // Card numbers in the teller's notes are masked before they are stored (PCI DSS 3.4.1).
    expect(visits.body.items).toMatchObject([
      { status: 'served', notes: 'Opened savings account, card 4111 11** **** 1111', tellerName: 'teller.b' },
    ]);
    const ticketId = (visits.body.items as Array<{ ticketId: string }>)[0]?.ticketId as string;
    await api('PUT', `/branch/tickets/${ticketId}/notes`, teller, { notes: 'New card 5555-5555-5555-4444' });
    const stored = await ctx.pool.query('SELECT notes FROM branch_tickets WHERE id = $1', [ticketId]);
    expect(stored.rows[0].notes).toBe('New card 5555-55**-****-4444');
    expect((await api('GET', `/customers/${rows[0].customer_id}/branch-visits`, manager)).status).toBe(403);
  });

  it('takes one feedback per ticket from the counter pad', async () => {
    const pad = await api('GET', '/branch/device/pad', null, undefined, device(padToken));
    const ticket = pad.body.ticket as { id: string };
    expect(ticket).toBeTruthy();
    const ok = await api(
      'POST',
      '/branch/device/feedback',
      null,
      { ticketId: ticket.id, rating: 5, reasons: ['friendly'] },
      device(padToken),
    );
    expect(ok.status).toBe(201);
    const again = await api(
      'POST',
      '/branch/device/feedback',
      null,
      { ticketId: ticket.id, rating: 1 },
      device(padToken),
    );
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('BRANCH_FEEDBACK_EXISTS');
    const bad = await api(
      'POST',
      '/branch/device/feedback',
      null,
      { ticketId: ticket.id, rating: 9 },
      device(padToken),
    );
    expect(bad.status).toBe(400);
    const { rows } = await ctx.pool.query('SELECT rating, reasons, teller_id FROM branch_feedback');
    expect(rows).toEqual([{ rating: 5, reasons: ['friendly'], teller_id: teller.userId }]);
    expect(
      (await api('GET', '/branch/device/pad', null, undefined, device(padToken))).body.ticket,
    ).toBeNull();
  });

  it('recalls, refuses an early no-show, then records it', async () => {
    const call = await api('POST', `/branch/counters/${counters[1]}/call-next`, teller, {});
    const t = call.body.ticket as { id: string; priority: number };
    expect(t.priority).toBe(2);
    const early = await api('POST', `/branch/tickets/${t.id}/no-show`, teller);
    expect(early.body.error?.code).toBe('BRANCH_RECALLS_REMAINING');
    await api('POST', `/branch/tickets/${t.id}/recall`, teller);
    expect((await api('POST', `/branch/tickets/${t.id}/recall`, teller)).body.recalls).toBe(2);
    expect((await api('POST', `/branch/tickets/${t.id}/no-show`, teller)).body.status).toBe('no_show');
  });

  it('transfers keeping the issue time, and parks and resumes', async () => {
    const call = await api('POST', `/branch/counters/${counters[1]}/call-next`, teller, {});
    const t = call.body.ticket as { id: string; issuedAt: string };
    // Nowhere new (its own service, or its own counter): refused, no event.
    for (const nowhere of [{}, { serviceId: svc.cash }, { counterId: counters[1] }]) {
      const same = await api('POST', `/branch/tickets/${t.id}/transfer`, teller, nowhere);
      expect(same.status).toBe(400);
      expect(same.body.error?.code).toBe('BRANCH_TRANSFER_SAME');
    }
    const moved = await api('POST', `/branch/tickets/${t.id}/transfer`, teller, { serviceId: svc.loans });
    expect(moved.body).toMatchObject({ status: 'waiting', serviceId: svc.loans, issuedAt: t.issuedAt });
    await issue({ serviceId: svc.loans });
    await api('POST', `/branch/counters/${counters[2]}/open`, teller);
    const next = await api('POST', `/branch/counters/${counters[2]}/call-next`, teller, {});
    expect((next.body.ticket as { id: string }).id).toBe(t.id);
    expect((await api('POST', `/branch/tickets/${t.id}/park`, teller)).body.status).toBe('parked');
    expect((await api('POST', `/branch/tickets/${t.id}/resume`, teller)).body.status).toBe('serving');
    await api('POST', `/branch/tickets/${t.id}/finish`, teller, {});
    const ev = await ctx.pool.query(`SELECT payload FROM outbox WHERE type = 'ticket.transferred'`);
    expect(ev.rows[0].payload).toMatchObject({ fromServiceId: svc.cash, toServiceId: svc.loans });
  });
});

describe('lobby manager', () => {
  it('shows the numbers, alerts past a threshold, and acts (audited)', async () => {
    for (let i = 0; i < 4; i++) await issue({ serviceId: svc.cash });
    const board = await api('GET', `/branch/branches/${branchId}/lobby`, manager);
    expect(board.status).toBe(200);
    const cash = (
      board.body.services as Array<{ service: { id: string }; waiting: number; alert: string | null }>
    ).find((s) => s.service.id === svc.cash);
    expect(cash).toMatchObject({ waiting: 4, alert: 'line' });
    expect((await api('GET', `/branch/branches/${branchId}/lobby`, teller)).status).toBe(403);
    expect((await api('GET', `/branch/branches/${otherBranchId}/lobby`, manager)).status).toBe(403);
    ctx.clock.advance(11 * 60_000);
    const later = await api('GET', `/branch/branches/${branchId}/lobby`, manager);
    expect(
      (later.body.services as Array<{ service: { id: string }; alert: string | null }>).find(
        (s) => s.service.id === svc.cash,
      )?.alert,
    ).toBe('wait');
    const flex = await api('POST', '/branch/lobby/flexible-counter', manager, {
      counterId: counters[2],
      serviceId: svc.cash,
    });
    expect(flex.body).toMatchObject({ isFlexible: true, serviceIds: [svc.cash, svc.loans] });
    const nowhere = await api('POST', '/branch/lobby/move-tickets', manager, {
      fromServiceId: svc.cash,
      toServiceId: svc.cash,
      count: 2,
    });
    expect(nowhere.body.error?.code).toBe('BRANCH_TRANSFER_SAME');
    const move = await api('POST', '/branch/lobby/move-tickets', manager, {
      fromServiceId: svc.cash,
      toServiceId: svc.deposit_machine,
      count: 2,
    });
    expect(move.body).toEqual({ moved: 2 });
    const { rows } = await ctx.pool.query(
      `SELECT action FROM audit_log WHERE action IN ('branch.flexible_counter_opened', 'branch.tickets_moved') ORDER BY seq`,
    );
    expect(rows.map((r) => r.action)).toEqual(['branch.flexible_counter_opened', 'branch.tickets_moved']);
    const self = await ctx.pool.query(
      `SELECT count(*)::int AS n FROM branch_tickets WHERE status = 'self_service'`,
    );
    expect(self.rows[0].n).toBe(2);
  });
});

describe('priority set by staff at the door', () => {
  it('lists the waiting tickets to the lobby manager, who sets a legal priority group (audited)', async () => {
    const first = (await issue({ serviceId: svc.loans })).body.ticket as { id: string };
    const second = (await issue({ serviceId: svc.loans })).body.ticket as { id: string };
    const waiting = async () => {
      const r = await api('GET', `/branch/branches/${branchId}/waiting`, manager);
      expect(r.status).toBe(200);
      return (r.body.items as Array<{ id: string; priority: number }>).filter((t) =>
        [first.id, second.id].includes(t.id),
      );
    };
    expect((await waiting()).map((t) => t.id)).toEqual([first.id, second.id]);
    expect((await api('GET', `/branch/branches/${branchId}/waiting`, teller)).status).toBe(403);
    expect((await api('GET', `/branch/branches/${otherBranchId}/waiting`, manager)).status).toBe(403);

    const set = await api('PUT', `/branch/tickets/${second.id}/priority`, manager, { group: 'pregnant' });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ priority: 2, priorityReason: 'pregnant' });
    expect((await waiting()).map((t) => t.id)).toEqual([second.id, first.id]);
    const audited = await ctx.pool.query(
      `SELECT details FROM audit_log WHERE action = 'branch.ticket_priority_set' AND target_id = $1`,
      [second.id],
    );
    expect(audited.rows[0].details).toMatchObject({ group: 'pregnant' });

    const foreign = await api('PUT', `/branch/tickets/${first.id}/priority`, otherTeller, { group: 'vip' });
    expect(foreign.body.error?.code).toBe('BRANCH_FORBIDDEN');
    expect((await api('PUT', `/branch/tickets/${first.id}/priority`, agent, { group: 'vip' })).status).toBe(
      403,
    );
    const bad = await api('PUT', `/branch/tickets/${first.id}/priority`, manager, { group: 'friend' });
    expect(bad.status).toBe(400);
    const reset = await api('PUT', `/branch/tickets/${second.id}/priority`, manager, { group: 'none' });
    expect(reset.body).toMatchObject({ priority: 0, priorityReason: null });
    await ctx.pool.query(`UPDATE branch_tickets SET status = 'no_show' WHERE id = ANY($1)`, [
      [first.id, second.id],
    ]);
    const served = await api('PUT', `/branch/tickets/${second.id}/priority`, manager, { group: 'elderly' });
    expect(served.body.error?.code).toBe('BRANCH_TICKET_STATE');
  });
});

describe('appointments', () => {
  it('books within capacity, checks in with the code for a priority ticket, records no-shows', async () => {
    ctx.clock.set('2026-05-04T01:00:00Z'); // 08:00 in Hà Nội, a Monday
    const slots = await api(
      'GET',
      `/branch/public/branches/${branchId}/slots?serviceId=${svc.loans}&date=2026-05-04`,
      null,
    );
    const items = slots.body.items as Array<{ start: string; remaining: number }>;
    expect(items.length).toBeGreaterThan(4);
    const slot = items[0] as { start: string };
    for (const date of ['2026-99-99', '2026-02-31', '0000-00-00']) {
      const bad = await api(
        'GET',
        `/branch/public/branches/${branchId}/slots?serviceId=${svc.loans}&date=${date}`,
        null,
      );
      expect(bad.status).toBe(400);
      expect(bad.body.error?.code).toBe('BRANCH_DATE_INVALID');
    }
    const typo = await api('POST', `/branch/public/branches/${branchId}/appointments`, null, {
      serviceId: svc.loans,
      slotStart: slot.start,
      name: 'Lê Văn Hẹn',
      phone: 'abcdefg',
    });
    expect(typo.body.error?.code).toBe('BRANCH_PHONE_INVALID');
    const blank = await api('POST', `/branch/public/branches/${branchId}/appointments`, null, {
      serviceId: svc.loans,
      slotStart: slot.start,
      name: '   ',
    });
    expect(blank.body.error?.code).toBe('BRANCH_NAME_REQUIRED');
    const none = await ctx.pool.query(`SELECT count(*)::int AS n FROM branch_appointments`);
    expect(none.rows[0].n).toBe(0);
    const book = await api('POST', `/branch/public/branches/${branchId}/appointments`, null, {
      serviceId: svc.loans,
      slotStart: slot.start,
      name: 'Lê Văn Hẹn',
      phone: '0987654321',
    });
    expect(book.status).toBe(201);
    const full = await api('POST', `/branch/public/branches/${branchId}/appointments`, null, {
      serviceId: svc.loans,
      slotStart: slot.start,
      name: 'Second',
    });
    expect(full.body.error?.code).toBe('BRANCH_SLOT_FULL');
    const booked = await ctx.pool.query(`SELECT payload FROM outbox WHERE type = 'appointment.booked'`);
    expect(booked.rows[0].payload).toMatchObject({ phone: '+84987654321' });
    // The walk-in became a customer, so the visit lands on their timeline (#6).
    const booker = (await ctx.app.customers.findCustomerByPhone('+84987654321'))?.id;
    expect(booker).toBeDefined();
    expect(booked.rows[0].payload.customerId).toBe(booker);
    const checkIn = await api(
      'POST',
      '/branch/device/check-in',
      null,
      { code: book.body.code },
      device(kioskToken),
    );
    expect(checkIn.status).toBe(201);
    expect((checkIn.body.ticket as { priority: number }).priority).toBe(1);
    const visit = await ctx.pool.query('SELECT customer_id FROM branch_tickets WHERE id = $1', [
      (checkIn.body.ticket as { id: string }).id,
    ]);
    expect(visit.rows).toEqual([{ customer_id: booker }]);
    expect(
      (await api('POST', '/branch/device/check-in', null, { code: book.body.code }, device(kioskToken)))
        .status,
    ).toBe(404);
    const second = await api('POST', `/branch/public/branches/${branchId}/appointments`, null, {
      serviceId: svc.loans,
      slotStart: (items[1] as { start: string }).start,
      name: 'Missing',
    });
    expect(second.status).toBe(201);
    // No phone, no email: nobody to find or remind, so no customer record.
    const anonymous = await ctx.pool.query('SELECT customer_id FROM branch_appointments WHERE id = $1', [
      second.body.id,
    ]);
    expect(anonymous.rows).toEqual([{ customer_id: null }]);
    ctx.clock.advance(3 * 3_600_000);
    expect(await ctx.app.branch.markMissedAppointments()).toBe(1);
    const missed = await ctx.pool.query(
      `SELECT count(*)::int AS n FROM outbox WHERE type = 'appointment.missed'`,
    );
    expect(missed.rows[0].n).toBe(1);
  });
});

describe('phone page', () => {
  it('shows position without personal data, for an unguessable token only', async () => {
    const t = await issue({ serviceId: svc.loans });
    const path = String(t.body.trackPath);
    const view = await api('GET', `/branch/public/tickets/${path.slice(3)}`, null);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ status: 'waiting', branchName: 'Hoàn Kiếm' });
    expect(view.body).not.toHaveProperty('customerId');
    expect((await api('GET', '/branch/public/tickets/guess', null)).status).toBe(404);
  });
});

describe('opening hours', () => {
  it('issues tickets only inside the branch hours, in its own time zone (audited settings)', async () => {
    const set = await api('PATCH', `/branch/branches/${branchId}/settings`, manager, {
      weekly: { '1': [['08:00', '17:00']], '2': [['08:00', '17:00']] },
    });
    expect(set.status).toBe(200);
    expect(
      (await api('PATCH', `/branch/branches/${branchId}/settings`, teller, { ticker: 'x' })).status,
    ).toBe(403);
    const bad = await api('PATCH', `/branch/branches/${branchId}/settings`, manager, {
      weekly: { '1': [['8am', '5pm']] },
    });
    expect(bad.status).toBe(400);
    ctx.clock.set('2026-05-04T10:30:00Z'); // Monday 17:30 in Hà Nội: closed
    const closed = await issue({ serviceId: svc.cash });
    expect(closed.status).toBe(409);
    expect(closed.body.error?.code).toBe('BRANCH_CLOSED');
    expect((closed.body.error as unknown as { message: string }).message).toBe(
      'The branch is closed now. It opens at 2026-05-05 08:00.',
    );
    expect((await api('GET', '/branch/device/kiosk', null, undefined, device(kioskToken))).body.isOpen).toBe(
      false,
    );
    ctx.clock.set('2026-05-05T02:00:00Z'); // Tuesday 09:00 in Hà Nội: open, numbering restarts
    const open = await issue({ serviceId: svc.cash });
    expect(open.status).toBe(201);
    expect((open.body.ticket as { number: string }).number).toBe('A001');
    const audit = await ctx.pool.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'branch.settings_updated'`,
    );
    expect(audit.rows[0].n).toBe(1);
  });
});

describe('two counters at once', () => {
  it('never call the same ticket (SKIP LOCKED)', async () => {
    const [a, b] = await Promise.all([
      api('POST', `/branch/counters/${counters[1]}/call-next`, teller, {}),
      api('POST', `/branch/counters/${counters[2]}/call-next`, teller, {}),
    ]);
    const first = a?.body.ticket as { id: string; counterNumber: number };
    const second = b?.body.ticket as { id: string; counterNumber: number };
    expect(first.id).not.toBe(second.id);
    expect([first.counterNumber, second.counterNumber].sort()).toEqual([1, 2]);
    const { rows } = await ctx.pool.query(
      `SELECT counter_id FROM branch_tickets WHERE id = ANY($1::uuid[]) AND status = 'called' ORDER BY counter_id`,
      [[first.id, second.id]],
    );
    expect(rows.map((r) => r.counter_id).sort()).toEqual([counters[1], counters[2]].sort());
  });
});

describe('call next in one statement', () => {
  it('stores ticket.called with the same payload the other ticket events carry', async () => {
    const { rows } = await ctx.pool.query(
      `SELECT o.payload, t.*, c.number AS counter_number FROM outbox o
         JOIN branch_tickets t ON t.id = (o.payload->>'ticketId')::uuid
         JOIN branch_counters c ON c.id = t.counter_id
       WHERE o.type = 'ticket.called' ORDER BY o.position DESC LIMIT 1`,
    );
    const r = rows[0];
    const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
    expect(r.payload).toEqual({
      ticketId: r.id,
      branchId: r.branch_id,
      serviceId: r.service_id,
      number: r.number,
      priority: r.priority,
      customerId: r.customer_id,
      counterId: r.counter_id,
      counterNumber: r.counter_number,
      tellerId: r.teller_id,
      issuedAt: iso(r.issued_at),
      calledAt: iso(r.called_at),
      startedAt: null,
      finishedAt: null,
      waitSeconds: Math.round((r.first_called_at.getTime() - r.issued_at.getTime()) / 1000),
      serviceSeconds: null,
      recalls: 0,
    });
  });

  it('gives a counter one customer even when two calls race at it', async () => {
    // Free both counters, then put three customers in line.
    const busy = await ctx.pool.query(
      `SELECT id FROM branch_tickets WHERE counter_id = ANY($1::uuid[]) AND status IN ('called', 'serving')`,
      [[counters[1], counters[2]]],
    );
    for (const { id } of busy.rows)
      expect((await api('POST', `/branch/tickets/${id}/finish`, teller, {})).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await issue({ serviceId: svc.cash })).status).toBe(201);
    const calls = await Promise.all(
      Array.from({ length: 4 }, () => api('POST', `/branch/counters/${counters[1]}/call-next`, teller, {})),
    );
    const statuses = calls.map((c) => c.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409]);
    expect(calls.filter((c) => c.status === 409).map((c) => c.body.error?.code)).toEqual([
      'BRANCH_COUNTER_BUSY',
      'BRANCH_COUNTER_BUSY',
      'BRANCH_COUNTER_BUSY',
    ]);
    const atCounter = await ctx.pool.query(
      `SELECT count(*)::int AS n FROM branch_tickets WHERE counter_id = $1 AND status IN ('called', 'serving')`,
      [counters[1]],
    );
    expect(atCounter.rows[0].n).toBe(1);
    // Nothing half-stored: one called event for the one call that succeeded.
    const winner = calls.find((c) => c.status === 200);
    const called = (winner?.body.ticket as { id: string } | undefined)?.id ?? '';
    expect(called).not.toBe('');
    const events = await ctx.pool.query(
      `SELECT count(*)::int AS n FROM outbox WHERE type = 'ticket.called' AND payload->>'counterId' = $1
         AND payload->>'ticketId' = $2`,
      [counters[1], called],
    );
    expect(events.rows[0].n).toBe(1);
    expect((await api('POST', `/branch/tickets/${called}/finish`, teller, {})).status).toBe(200);
  });

  it('answers nobody waiting with a null ticket and an unknown counter with 404', async () => {
    await ctx.pool.query(
      `UPDATE branch_tickets SET status = 'self_service' WHERE branch_id = $1 AND status = 'waiting'`,
      [branchId],
    );
    const none = await api('POST', `/branch/counters/${counters[1]}/call-next`, teller, {});
    expect(none.status).toBe(200);
    expect(none.body.ticket).toBeNull();
    const unknown = await api(
      'POST',
      '/branch/counters/00000000-0000-4000-8000-000000000001/call-next',
      teller,
      {},
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.error?.code).toBe('BRANCH_COUNTER_NOT_FOUND');
    expect((await api('POST', `/branch/counters/${counters[1]}/call-next`, otherTeller, {})).status).toBe(
      403,
    );
    expect((await api('POST', `/branch/counters/${counters[1]}/call-next`, agent, {})).status).toBe(403);
  });
});

describe('holidays from the business calendars', () => {
  const weekdays = { '1': [['08:00', '17:00']], '2': [['08:00', '17:00']], '3': [['08:00', '17:00']] };
  const fullWeek = { ...weekdays, '4': [['08:00', '17:00']], '5': [['08:00', '17:00']] };

  it('lists the calendars to lobby managers and administrators only', async () => {
    const list = await api('GET', '/branch/calendars', manager);
    expect(list.status).toBe(200);
    expect((list.body as unknown as Array<{ code: string }>).map((c) => c.code)).toEqual(
      expect.arrayContaining(['CN', 'VN']),
    );
    expect((await api('GET', '/branch/calendars', admin)).status).toBe(200);
    expect((await api('GET', '/branch/calendars', teller)).status).toBe(403);
    expect((await api('GET', '/branch/calendars', agent)).status).toBe(403);
    expect((await api('GET', '/branch/calendars', null)).status).toBe(401);
  });

  it('follows a calendar chosen by the branch manager; refuses an unknown one, a teller, another branch', async () => {
    const unknown = await api('PATCH', `/branch/branches/${branchId}/settings`, manager, {
      calendarCode: 'XX',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error?.code).toBe('BRANCH_CALENDAR_UNKNOWN');
    expect(
      (await api('PATCH', `/branch/branches/${branchId}/settings`, teller, { calendarCode: 'VN' })).status,
    ).toBe(403);
    expect(
      (await api('PATCH', `/branch/branches/${otherBranchId}/settings`, manager, { calendarCode: 'CN' }))
        .status,
    ).toBe(403);
    const set = await api('PATCH', `/branch/branches/${branchId}/settings`, manager, {
      calendarCode: 'VN',
      weekly: weekdays,
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ calendarCode: 'VN' });
    const setup = await api('GET', `/branch/branches/${branchId}/setup`, manager);
    expect((setup.body.settings as { calendarCode: string }).calendarCode).toBe('VN');
  });

  it('refuses a kiosk ticket on a holiday, says why and when it opens, in three languages', async () => {
    ctx.clock.set('2026-09-02T02:00:00Z'); // Wednesday 09:00 in Hà Nội: Quốc khánh
    const kiosk = await api('GET', '/branch/device/kiosk', null, undefined, device(kioskToken));
    expect(kiosk.body).toMatchObject({
      isOpen: false,
      closedReason: 'Quốc khánh',
      opensAt: '2026-09-07T01:00:00.000Z', // Thursday and Friday have no hours: Monday 08:00
      timeZone: 'Asia/Ho_Chi_Minh',
    });
    const messages: Record<string, string> = {};
    for (const locale of ['en', 'zh-CN', 'vi']) {
      const r = await api(
        'POST',
        '/branch/device/tickets',
        null,
        { serviceId: svc.cash },
        {
          ...device(kioskToken),
          'accept-language': locale,
        },
      );
      expect(r.status).toBe(409);
      expect(r.body.error?.code).toBe('BRANCH_HOLIDAY');
      messages[locale] = (r.body.error as unknown as { message: string }).message;
    }
    expect(messages.en).toBe(
      'The branch is closed today for a public holiday (Quốc khánh). It opens at 2026-09-07 08:00.',
    );
    expect(messages['zh-CN']).toBe(
      '今日为法定节假日（Quốc khánh），网点不营业，将于 2026-09-07 08:00 开始营业。',
    );
    expect(messages.vi).toBe(
      'Hôm nay chi nhánh nghỉ lễ (Quốc khánh). Chi nhánh mở cửa lúc 2026-09-07 08:00.',
    );
    const { rows } = await ctx.pool.query(
      `SELECT count(*)::int AS n FROM branch_tickets WHERE day = '2026-09-02'`,
    );
    expect(rows[0].n).toBe(0);
    // The weekday after the holiday opens at 08:00 once Thursday has hours.
    await api('PATCH', `/branch/branches/${branchId}/settings`, manager, { weekly: fullWeek });
    const next = await api('GET', '/branch/device/kiosk', null, undefined, device(kioskToken));
    expect(next.body.opensAt).toBe('2026-09-03T01:00:00.000Z');
    ctx.clock.set('2026-09-03T02:00:00Z');
    expect((await issue({ serviceId: svc.cash })).status).toBe(201);
  });

  it('offers no slots on a holiday and refuses a booking there with a clear message', async () => {
    ctx.clock.set('2026-08-28T02:00:00Z');
    const slots = (date: string) =>
      api('GET', `/branch/public/branches/${branchId}/slots?serviceId=${svc.loans}&date=${date}`, null);
    expect((await slots('2026-09-02')).body.items).toEqual([]);
    expect(((await slots('2026-09-03')).body.items as unknown[]).length).toBeGreaterThan(0);
    const book = await api(
      'POST',
      `/branch/public/branches/${branchId}/appointments`,
      null,
      { serviceId: svc.loans, slotStart: '2026-09-02T02:00:00.000Z', name: 'Ngày lễ' },
      { 'accept-language': 'vi' },
    );
    expect(book.status).toBe(409);
    expect(book.body.error?.code).toBe('BRANCH_HOLIDAY_ON_DATE');
    expect((book.body.error as unknown as { message: string }).message).toBe(
      'Chi nhánh nghỉ lễ ngày 2026-09-02 (Quốc khánh). Vui lòng chọn ngày khác.',
    );
    // A weekday without hours: closed, no holiday to name.
    const sunday = await api('POST', `/branch/public/branches/${branchId}/appointments`, null, {
      serviceId: svc.loans,
      slotStart: '2026-09-06T02:00:00.000Z',
      name: 'Chủ nhật',
    });
    expect(sunday.body.error?.code).toBe('BRANCH_CLOSED_ON_DATE');
    expect((sunday.body.error as unknown as { message: string }).message).toBe(
      'The branch is closed on 2026-09-06. Please choose another day.',
    );
    const { rows } = await ctx.pool.query(
      `SELECT count(*)::int AS n FROM branch_appointments WHERE name = 'Ngày lễ'`,
    );
    expect(rows[0].n).toBe(0);
  });

  it('opens on a make-up working day of the Chinese calendar and closes on its holiday', async () => {
    await api('PATCH', `/branch/branches/${otherBranchId}/settings`, admin, {
      calendarCode: 'CN',
      weekly: fullWeek,
    });
    const s = await api('POST', `/branch/branches/${otherBranchId}/services`, admin, {
      code: 'cash',
      names: names('cash'),
      letter: 'A',
    });
    expect(s.status).toBe(201);
    const issueThere = () => issue({ serviceId: s.body.id }, otherKioskToken);
    ctx.clock.set('2026-05-04T02:00:00Z'); // Monday 10:00 in Shanghai: 劳动节
    const closed = await issueThere();
    expect(closed.status).toBe(409);
    expect(closed.body.error?.code).toBe('BRANCH_HOLIDAY');
    expect((closed.body.error as unknown as { details: unknown }).details).toMatchObject({
      holiday: '劳动节',
    });
    ctx.clock.set('2026-05-09T02:00:00Z'); // Saturday 10:00: 劳动节调休上班, open with Monday's hours
    expect((await issueThere()).status).toBe(201);
  });
});

describe('setup screens (services, counters, staffing, devices)', () => {
  it('shows any branch setup to an administrator (who may change it), only its own to a manager', async () => {
    for (const id of [branchId, otherBranchId]) {
      const setup = await api('GET', `/branch/branches/${id}/setup`, admin);
      expect(setup.status).toBe(200);
      expect((setup.body.settings as { branchId: string }).branchId).toBe(id);
    }
    expect((await api('GET', `/branch/branches/${otherBranchId}/setup`, manager)).status).toBe(403);
    expect((await api('GET', `/branch/branches/${branchId}/setup`, agent)).status).toBe(403);
  });

  let otherManager: Session;
  beforeAll(async () => {
    otherManager = await signInAs(ctx, {
      username: 'lobby.o',
      roles: ['lobby_manager'],
      branchId: otherBranchId,
    });
  });

  it('edits a service: names and thresholds, never its letter; only the branch manager or an administrator', async () => {
    const url = `/branch/services/${svc.cash}`;
    const body = { names: { en: 'Cash', 'zh-CN': '现金', vi: 'Tiền mặt' }, waitThresholdMinutes: 12 };
    for (const who of [teller, otherManager, agent])
      expect((await api('PATCH', url, who, body)).status).toBe(403);
    expect((await api('PATCH', url, null, body)).status).toBe(401);
    expect((await api('PATCH', url, manager, { waitThresholdMinutes: 0 })).status).toBe(400);
    expect((await api('PATCH', url, manager, { letter: 'Z' })).status).toBe(400);
    expect((await api('PATCH', url, manager, {})).status).toBe(400);
    const unknown = await api(
      'PATCH',
      '/branch/services/00000000-0000-4000-8000-000000000002',
      manager,
      body,
    );
    expect(unknown.status).toBe(404);
    const ok = await api('PATCH', url, manager, body);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      letter: 'A',
      names: body.names,
      waitThresholdMinutes: 12,
      lineThreshold: 3,
    });
    expect((await api('PATCH', url, admin, { lineThreshold: 4 })).body).toMatchObject({ lineThreshold: 4 });
    const audit = await ctx.pool.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'branch.service_updated'`,
    );
    expect(audit.rows[0].n).toBe(2);
  });

  it('sets the services of a counter in calling order', async () => {
    const url = `/branch/counters/${counters[2]}`;
    for (const who of [teller, otherManager, agent])
      expect((await api('PATCH', url, who, { serviceIds: [svc.cash] })).status).toBe(403);
    const foreign = await api('POST', `/branch/branches/${otherBranchId}/services`, otherManager, {
      code: 'fx',
      names: names('fx'),
      letter: 'F',
    });
    expect(foreign.status).toBe(201);
    const cross = await api('PATCH', url, manager, { serviceIds: [svc.cash, foreign.body.id] });
    expect(cross.status).toBe(404);
    expect(cross.body.error?.code).toBe('BRANCH_SERVICE_NOT_FOUND');
    expect((await api('PATCH', url, manager, { serviceIds: [] })).status).toBe(400);
    const ok = await api('PATCH', url, manager, { serviceIds: [svc.cash, svc.loans] });
    expect(ok.status).toBe(200);
    expect(ok.body.serviceIds).toEqual([svc.cash, svc.loans]);
    const changed = await ctx.pool.query(
      `SELECT payload FROM outbox WHERE type = 'branch.counter_changed' ORDER BY position DESC LIMIT 1`,
    );
    expect(changed.rows[0].payload).toMatchObject({
      counterId: counters[2],
      serviceIds: [svc.cash, svc.loans],
    });
  });

  it("staffs a counter with one of the branch's tellers only", async () => {
    const staff = await api('GET', `/branch/branches/${branchId}/staff`, manager);
    expect(staff.status).toBe(200);
    const people = (staff.body.items as Array<{ id: string; displayName: string }>).map((p) => p.displayName);
    expect(people).toEqual(expect.arrayContaining(['teller.b', 'lobby.b']));
    expect(people).not.toContain('teller.o');
    expect(people).not.toContain('agent.b');
    for (const who of [teller, otherManager, agent])
      expect((await api('GET', `/branch/branches/${branchId}/staff`, who)).status).toBe(403);

    const url = `/branch/counters/${counters[2]}/teller`;
    for (const who of [teller, otherManager, agent])
      expect((await api('PUT', url, who, { tellerId: teller.userId })).status).toBe(403);
    const foreign = await api('PUT', url, manager, { tellerId: otherTeller.userId });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error?.code).toBe('BRANCH_TELLER_INVALID');
    expect((await api('PUT', url, manager, { tellerId: agent.userId })).body.error?.code).toBe(
      'BRANCH_TELLER_INVALID',
    );
    const ok = await api('PUT', url, manager, { tellerId: teller.userId });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ tellerId: teller.userId, tellerName: 'teller.b' });
    const audit = await ctx.pool.query(
      `SELECT details FROM audit_log WHERE action = 'branch.teller_assigned'`,
    );
    expect(audit.rows[0].details).toMatchObject({ tellerId: teller.userId });
    expect((await api('PUT', url, admin, { tellerId: null })).body).toMatchObject({ tellerId: null });
  });

  it('registers a device with its token shown once, and revokes it (branch manager only)', async () => {
    const reg = await api('POST', `/branch/branches/${branchId}/devices`, manager, {
      kind: 'display',
      name: 'TV 2',
    });
    expect(reg.status).toBe(201);
    const token = reg.body.token as string;
    const id = (reg.body.device as { id: string }).id;
    expect(token).toMatch(/^bdt_/);
    const setup = await api('GET', `/branch/branches/${branchId}/setup`, manager);
    expect(JSON.stringify(setup.body)).not.toContain(token);
    for (const who of [teller, otherManager, agent])
      expect(
        (await api('POST', `/branch/branches/${branchId}/devices`, who, { kind: 'kiosk', name: 'x' })).status,
      ).toBe(403);
    expect((await api('GET', '/branch/device/display', null, undefined, device(token))).status).toBe(200);
    for (const who of [teller, otherManager, agent])
      expect((await api('DELETE', `/branch/devices/${id}`, who)).status).toBe(403);
    expect((await api('DELETE', `/branch/devices/${id}`, manager)).status).toBe(204);
    const revoked = await api('GET', '/branch/device/display', null, undefined, device(token));
    expect(revoked.status).toBe(401);
    expect(revoked.body.error?.code).toBe('BRANCH_DEVICE_INVALID');
  });
});
