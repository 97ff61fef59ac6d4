// Case, ticket and branch feedback facts from the real cases and branch APIs, the KPIs over them
// (first owner, complaint on time, resolution time, FCR with a reopened case, branch wait / service /
// no-show), the wallboard's branch tiles, who may see what, and replay / rebuild giving the same rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  as,
  createTestContext,
  login,
  type Session,
  signInAs,
  type TestContext,
} from '../../../test/harness.ts';
import {
  applyBranchFeedbackEvent,
  applyCaseEvent,
  applyTicketEvent,
  CASE_FACT_EVENT_TYPES,
  TICKET_FACT_EVENT_TYPES,
} from './analytics.case-facts.ts';

let ctx: TestContext;
let agentA: Session;
let agentB: Session;
let lead: Session;
let otherLead: Session;
let analyst: Session;
let manager: Session;
let otherManager: Session;
let teller: Session;
let teamId: string;
let otherTeamId: string;
let branchId: string;
let otherBranchId: string;
let t0: number;
const customers: string[] = [];
const caseIds: Record<string, string> = {};

type Json = Record<string, unknown> & { error?: { code: string } };
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
  return { status: res.statusCode, body: (res.body ? res.json() : null) as Json };
};
const device = (token: string) => ({ 'x-device-token': token });
const settle = async () => {
  for (let i = 0; i < 5; i++) await ctx.app.events.dispatchPending();
};
const at = (hours: number) => new Date(t0 + hours * 3_600_000).toISOString();
const range = (fromHours: number, toHours: number) =>
  `from=${encodeURIComponent(at(fromHours))}&to=${encodeURIComponent(at(toHours))}`;

/** Moves a case through statuses with the right versions; returns the last version. */
async function move(session: Session, id: string, statuses: string[]): Promise<void> {
  for (const status of statuses) {
    const current = (await api('GET', `/cases/${id}`, session)).body as {
      version?: number;
      case?: { version: number };
    };
    const version = current.version ?? current.case?.version;
    const res = await api('POST', `/cases/${id}/status`, session, {
      version,
      status,
      ...(status === 'resolved' ? { resolution: 'Explained and fixed', rootCause: 'Process gap' } : {}),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
}

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2026-03-02T02:00:00Z'); // Monday 09:00 in Hà Nội
  t0 = ctx.clock.now().getTime();
  teamId = (await ctx.app.staff.createTeam(null, { name: 'Cards' })).id;
  otherTeamId = (await ctx.app.staff.createTeam(null, { name: 'Loans' })).id;
  branchId = (
    await ctx.app.staff.createBranch(null, {
      code: 'F01',
      name: 'Hoàn Kiếm',
      city: 'Hà Nội',
      country: 'VN',
      timeZone: 'Asia/Ho_Chi_Minh',
    })
  ).id;
  otherBranchId = (
    await ctx.app.staff.createBranch(null, {
      code: 'F02',
      name: 'Pudong',
      city: 'Shanghai',
      country: 'CN',
      timeZone: 'Asia/Shanghai',
    })
  ).id;
  agentA = await signInAs(ctx, { username: 'facts.a', roles: ['agent'], teamIds: [teamId] });
  agentB = await signInAs(ctx, { username: 'facts.b', roles: ['agent'], teamIds: [teamId] });
  lead = await signInAs(ctx, { username: 'facts.lead', roles: ['supervisor'], teamIds: [teamId] });
  otherLead = await signInAs(ctx, { username: 'facts.other', roles: ['supervisor'], teamIds: [otherTeamId] });
  analyst = await signInAs(ctx, { username: 'facts.analyst', roles: ['quality_analyst'] });
  manager = await signInAs(ctx, { username: 'facts.lobby', roles: ['lobby_manager'], branchId });
  otherManager = await signInAs(ctx, {
    username: 'facts.lobby2',
    roles: ['lobby_manager'],
    branchId: otherBranchId,
  });
  teller = await signInAs(ctx, { username: 'facts.teller', roles: ['branch_teller'], branchId });
  for (const n of [1, 2, 3])
    customers.push(
      (
        await ctx.app.customers.createCustomer({
          customerNo: `F000${n}`,
          fullName: `Nguyễn Văn ${n}`,
          preferredLanguage: 'vi',
          segment: 'mass',
        })
      ).id,
    );
});
afterAll(async () => ctx?.close());

describe('branch ticket facts', () => {
  let padToken: string;
  let kioskToken: string;
  let cashCounterId: string;

  it('follows tickets through the real lobby: wait, service, no-show, pad feedback', async () => {
    const service = await api('POST', `/branch/branches/${branchId}/services`, manager, {
      code: 'cash',
      names: { en: 'Cash', 'zh-CN': '现金', vi: 'Tiền mặt' },
      letter: 'A',
    });
    expect(service.status).toBe(201);
    const counter = await api('POST', `/branch/branches/${branchId}/counters`, manager, {
      number: 1,
      serviceIds: [service.body.id],
    });
    const reg = async (kind: string, counterId?: string) =>
      (await api('POST', `/branch/branches/${branchId}/devices`, manager, { kind, name: kind, counterId }))
        .body.token as string;
    kioskToken = await reg('kiosk');
    padToken = await reg('pad', counter.body.id as string);
    for (let i = 0; i < 2; i++)
      expect(
        (
          await api(
            'POST',
            '/branch/device/tickets',
            null,
            { serviceId: service.body.id },
            device(kioskToken),
          )
        ).status,
      ).toBe(201);
    ctx.clock.advance(60_000);
    const counterId = counter.body.id as string;
    cashCounterId = counterId;
    expect((await api('POST', `/branch/counters/${counterId}/open`, teller)).status).toBe(200);
    // First ticket: waited 60 s, served 120 s, rated 4 on the pad.
    const first = (await api('POST', `/branch/counters/${counterId}/call-next`, teller, {})).body.ticket as {
      id: string;
    };
    await api('POST', `/branch/tickets/${first.id}/start`, teller);
    ctx.clock.advance(120_000);
    expect((await api('POST', `/branch/tickets/${first.id}/finish`, teller, {})).status).toBe(200);
    const rated = await api(
      'POST',
      '/branch/device/feedback',
      null,
      { ticketId: first.id, rating: 4, reasons: ['fast'] },
      device(padToken),
    );
    expect(rated.status).toBe(201);
    // Second: called after 180 s, recalled twice, never came.
    const second = (await api('POST', `/branch/counters/${counterId}/call-next`, teller, {})).body.ticket as {
      id: string;
    };
    await api('POST', `/branch/tickets/${second.id}/recall`, teller);
    await api('POST', `/branch/tickets/${second.id}/recall`, teller);
    expect((await api('POST', `/branch/tickets/${second.id}/no-show`, teller)).body.status).toBe('no_show');
    // Third: still waiting (issued 180 s after the lobby opened).
    await api('POST', '/branch/device/tickets', null, { serviceId: service.body.id }, device(kioskToken));
    ctx.clock.advance(30_000);
    await settle();

    const rows = (
      await ctx.pool.query(
        `SELECT wait_seconds, service_seconds, no_show, recalls, teller_id, branch_id FROM analytics_ticket_facts ORDER BY issued_at, ticket_id`,
      )
    ).rows;
    expect(rows).toHaveLength(3);
    expect(rows).toEqual(
      expect.arrayContaining([
        {
          wait_seconds: 60,
          service_seconds: 120,
          no_show: false,
          recalls: 0,
          teller_id: teller.userId,
          branch_id: branchId,
        },
        {
          wait_seconds: 180,
          service_seconds: null,
          no_show: true,
          recalls: 2,
          teller_id: teller.userId,
          branch_id: branchId,
        },
        {
          wait_seconds: null,
          service_seconds: null,
          no_show: false,
          recalls: 0,
          teller_id: null,
          branch_id: branchId,
        },
      ]),
    );
    const feedback = (
      await ctx.pool.query('SELECT rating, reasons, ticket_id FROM analytics_branch_feedback')
    ).rows;
    expect(feedback).toEqual([{ rating: 4, reasons: ['fast'], ticket_id: first.id }]);
  });

  it('reports branch wait, service time, no-show rate and rating to report viewers', async () => {
    const report = await api('GET', `/analytics/reports/branches?${range(-1, 2)}`, analyst);
    expect(report.status).toBe(200);
    expect(report.body.totals).toEqual({
      issued: 3,
      called: 2,
      served: 1,
      noShows: 1,
      transfers: 0,
      averageWaitSeconds: 120,
      averageServiceSeconds: 120,
      noShowRate: 0.5,
      averageRating: 4,
      ratings: 1,
    });
    expect(report.body.branches).toMatchObject([{ branchId, name: 'Hoàn Kiếm', issued: 3 }]);
    // A lobby manager sees their own branch only; a teller or an agent no report at all.
    expect(
      (await api('GET', `/analytics/reports/branches?${range(-1, 2)}`, manager)).body.totals,
    ).toMatchObject({
      issued: 3,
    });
    const foreign = await api(
      'GET',
      `/analytics/reports/branches?${range(-1, 2)}&branchId=${branchId}`,
      otherManager,
    );
    expect(foreign.status).toBe(403);
    expect(
      (await api('GET', `/analytics/reports/branches?${range(-1, 2)}`, otherManager)).body.totals,
    ).toMatchObject({
      issued: 0,
      noShowRate: null,
    });
    expect((await api('GET', `/analytics/reports/branches?${range(-1, 2)}`, teller)).status).toBe(403);
    expect((await api('GET', `/analytics/reports/branches?${range(-1, 2)}`, agentA)).status).toBe(403);
    const bad = await api('GET', `/analytics/reports/branches?${range(2, 1)}`, analyst);
    expect(bad.body.error?.code).toBe('ANALYTICS_INVALID_PERIOD');
  });

  it('shows per-branch wallboard tiles: waiting and longest wait from the lobby board', async () => {
    const board = await api('GET', '/analytics/wallboard/branches?timeZone=Asia/Ho_Chi_Minh', lead);
    expect(board.status).toBe(200);
    const tiles = board.body.branches as Json[];
    expect(tiles.find((t) => t.branchId === branchId)).toEqual({
      branchId,
      name: 'Hoàn Kiếm',
      waiting: 1,
      longestWaitSeconds: 30,
      servedToday: 1,
      averageWaitSecondsToday: 120,
      noShowRateToday: 0.5,
    });
    expect(tiles.find((t) => t.branchId === otherBranchId)).toMatchObject({
      waiting: 0,
      noShowRateToday: null,
    });
    const own = (await api('GET', '/analytics/wallboard/branches', manager)).body.branches as Json[];
    expect(own.map((t) => t.branchId)).toEqual([branchId]);
    expect((await api('GET', '/analytics/wallboard/branches', teller)).status).toBe(403);
  });

  it('counts a transfer to another service on the ticket', async () => {
    const loans = await api('POST', `/branch/branches/${branchId}/services`, manager, {
      code: 'loans',
      names: { en: 'Loans', 'zh-CN': '贷款', vi: 'Vay' },
      letter: 'B',
    });
    const called = (await api('POST', `/branch/counters/${cashCounterId}/call-next`, teller, {})).body
      .ticket as {
      id: string;
    };
    const moved = await api('POST', `/branch/tickets/${called.id}/transfer`, teller, {
      serviceId: loans.body.id,
    });
    expect(moved.body).toMatchObject({ status: 'waiting', serviceId: loans.body.id });
    await settle();
    const row = (
      await ctx.pool.query(
        'SELECT service_id, transfers, wait_seconds FROM analytics_ticket_facts WHERE ticket_id = $1',
        [called.id],
      )
    ).rows[0];
    expect(row).toEqual({ service_id: loans.body.id, transfers: 1, wait_seconds: 30 });
  });
});

describe('case facts', () => {
  it('follows cases through the real cases API, incl. a reopened case moved to another owner', async () => {
    const create = async (key: string, type: string, customerId: string) => {
      const res = await api('POST', '/cases', agentA, {
        type,
        subject: `Case ${key}`,
        customerId,
        product: 'card',
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      caseIds[key] = res.body.id as string;
    };
    ctx.clock.set(at(0));
    await create('inquiry', 'inquiry', customers[0] as string);
    await create('onTime', 'complaint', customers[1] as string);
    await create('late', 'complaint', customers[2] as string);
    for (const id of Object.values(caseIds)) await move(agentA, id, ['in_progress']);
    ctx.clock.set(at(2));
    await move(agentA, caseIds.inquiry as string, ['resolved', 'closed']);
    ctx.clock.set(at(4));
    await move(agentA, caseIds.onTime as string, ['resolved', 'closed']);
    await settle();
    let inquiry = (
      await ctx.pool.query('SELECT * FROM analytics_case_facts WHERE case_id = $1', [caseIds.inquiry])
    ).rows[0];
    expect(inquiry).toMatchObject({
      type: 'inquiry',
      is_complaint: false,
      product: 'card',
      team_id: teamId,
      owner_id: agentA.userId,
      first_owner_id: agentA.userId,
      customer_id: customers[0],
      conversation_id: null,
      reopened_count: 0,
      closed_by_first_owner: true,
    });
    expect(new Date(inquiry.resolved_at).toISOString()).toBe(at(2));
    // 30 hours later the customer comes back: reopened, moved to B, who resolves and closes it.
    ctx.clock.set(at(30));
    agentA = await login(ctx, 'facts.a', 'Correct-Horse-9', agentA.userId);
    agentB = await login(ctx, 'facts.b', 'Correct-Horse-9', agentB.userId);
    lead = await login(ctx, 'facts.lead', 'Correct-Horse-9', lead.userId);
    await move(agentA, caseIds.inquiry as string, ['in_progress']);
    const current = (await api('GET', `/cases/${caseIds.inquiry}`, lead)).body as {
      version?: number;
      case?: { version: number };
    };
    const moved = await api('POST', `/cases/${caseIds.inquiry}/owner`, lead, {
      version: current.version ?? current.case?.version,
      ownerId: agentB.userId,
      reason: 'A is on leave',
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    await move(agentB, caseIds.inquiry as string, ['resolved', 'closed']);
    await settle();
    inquiry = (
      await ctx.pool.query('SELECT * FROM analytics_case_facts WHERE case_id = $1', [caseIds.inquiry])
    ).rows[0];
    expect(inquiry).toMatchObject({
      owner_id: agentB.userId,
      first_owner_id: agentA.userId,
      reopened_count: 1,
      closed_by_first_owner: false,
    });
    expect(new Date(inquiry.first_reopened_at).toISOString()).toBe(at(30));
    expect(new Date(inquiry.resolved_at).toISOString()).toBe(at(30));
    // The last complaint is resolved 40 days in: past its regulatory due time.
    ctx.clock.set(at(40 * 24));
    for (const s of ['a', 'analyst', 'other', 'lead'] as const) {
      if (s === 'a') agentA = await login(ctx, 'facts.a', 'Correct-Horse-9', agentA.userId);
      if (s === 'analyst') analyst = await login(ctx, 'facts.analyst', 'Correct-Horse-9', analyst.userId);
      if (s === 'other') otherLead = await login(ctx, 'facts.other', 'Correct-Horse-9', otherLead.userId);
      if (s === 'lead') lead = await login(ctx, 'facts.lead', 'Correct-Horse-9', lead.userId);
    }
    await move(agentA, caseIds.late as string, ['resolved', 'closed']);
    await settle();
    const complaints = (
      await ctx.pool.query(
        `SELECT case_id, is_complaint, due_at IS NOT NULL AS has_due, resolved_at <= due_at AS on_time FROM analytics_case_facts
          WHERE is_complaint ORDER BY created_at, case_id`,
      )
    ).rows;
    expect(complaints).toEqual(
      expect.arrayContaining([
        { case_id: caseIds.onTime, is_complaint: true, has_due: true, on_time: true },
        { case_id: caseIds.late, is_complaint: true, has_due: true, on_time: false },
      ]),
    );
  });

  it('reports first owner, complaint on time, resolution time and FCR (a reopen is a repeat)', async () => {
    const report = await api('GET', `/analytics/reports/cases?${range(-1, 41 * 24)}`, analyst);
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    expect(report.body).toMatchObject({
      fcrWindowDays: 7,
      created: 3,
      complaintsCreated: 2,
      resolved: 3,
      closed: 3,
      reopened: 1,
      complaintsResolved: 2,
      complaintOnTimeRate: 0.5,
      fcrContacts: 3,
    });
    expect(report.body.closedByFirstOwner).toBeCloseTo(2 / 3, 10);
    // 30 h (the reopened inquiry's last resolve), 4 h, 960 h.
    expect(report.body.averageResolutionHours).toBeCloseTo((30 + 4 + 960) / 3, 10);
    // The inquiry's customer came back (the reopen) within 7 days: not resolved at first contact.
    expect(report.body.fcr).toBeCloseTo(2 / 3, 10);
    // With a one-day window the reopen (30 h later) is no repeat: resolved at first contact.
    const short = await api('GET', `/analytics/reports/cases?${range(-1, 41 * 24)}&fcrWindowDays=1`, analyst);
    expect(short.body.fcr).toBe(1);
    // Team scope: the team's lead sees its cases; another team's lead none, and not by filter either.
    expect((await api('GET', `/analytics/reports/cases?${range(-1, 41 * 24)}`, lead)).body.created).toBe(3);
    expect(
      (await api('GET', `/analytics/reports/cases?${range(-1, 41 * 24)}`, otherLead)).body,
    ).toMatchObject({
      created: 0,
      closedByFirstOwner: null,
      fcr: null,
    });
    const foreign = await api(
      'GET',
      `/analytics/reports/cases?${range(-1, 41 * 24)}&teamId=${teamId}`,
      otherLead,
    );
    expect(foreign.status).toBe(403);
    expect((await api('GET', `/analytics/reports/cases?${range(-1, 41 * 24)}`, agentA)).status).toBe(403);
    const bad = await api('GET', `/analytics/reports/cases?${range(-1, 1)}&fcrWindowDays=0`, analyst);
    expect(bad.status).toBe(400);
  });
});

describe('a case from a conversation', () => {
  it('reports the business resolution time next to the calendar one, from case.resolved', async () => {
    // The cases module counts business seconds on the case's calendar and puts them on case.resolved.
    const published = await ctx.pool.query(
      `SELECT payload->'resolutionBusinessSeconds' AS s FROM outbox WHERE type = 'case.resolved'`,
    );
    expect(published.rows.length).toBeGreaterThanOrEqual(3);
    for (const r of published.rows) expect(typeof r.s).toBe('number');
    const facts = async () =>
      (
        await ctx.pool.query(
          `SELECT count(*)::int AS n, avg(resolution_business_seconds)::float AS avg FROM analytics_case_facts
            WHERE resolution_business_seconds IS NOT NULL`,
        )
      ).rows[0] as { n: number; avg: number };
    const before = await api('GET', `/analytics/reports/cases?${range(-1, 41 * 24)}`, analyst);
    const counted = await facts();
    expect(counted.n).toBe(3);
    expect(before.body.businessResolutionCases).toBe(3);
    expect(before.body.averageBusinessResolutionHours).toBeCloseTo(counted.avg / 3600, 6);
    // Business time never exceeds calendar time.
    expect(before.body.averageBusinessResolutionHours).toBeLessThanOrEqual(
      before.body.averageResolutionHours as number,
    );
    // A later case.resolved for the same case (a reopen and resolve again) replaces the value.
    const last = await ctx.pool.query(
      `SELECT payload FROM outbox WHERE type = 'case.resolved' AND payload->>'caseId' = $1 ORDER BY position DESC LIMIT 1`,
      [caseIds.onTime],
    );
    await ctx.app.db.transaction((tx) =>
      ctx.app.events.publish(tx, {
        type: 'case.resolved',
        payload: { ...last.rows[0].payload, resolutionBusinessSeconds: 9000.4 },
        audience: {},
      }),
    );
    await settle();
    const row = await ctx.pool.query(
      'SELECT resolution_business_seconds FROM analytics_case_facts WHERE case_id = $1',
      [caseIds.onTime],
    );
    expect(row.rows[0].resolution_business_seconds).toBe(9000);
    const after = await api('GET', `/analytics/reports/cases?${range(-1, 41 * 24)}`, analyst);
    expect(after.body.businessResolutionCases).toBe(3);
    expect(after.body.averageBusinessResolutionHours).toBeCloseTo((await facts()).avg / 3600, 6);
    expect(after.body.averageBusinessResolutionHours).not.toBeCloseTo(
      before.body.averageBusinessResolutionHours as number,
      3,
    );
    expect(after.body.averageResolutionHours).toBeCloseTo((30 + 4 + 960) / 3, 10);
  });

  it('keeps the conversation it came from on the case facts', async () => {
    const queueId = crypto.randomUUID();
    await ctx.pool.query(
      `INSERT INTO routing_queues (id, code, name, channels) VALUES ($1, 'facts_chat', 'Facts chat', '{chat}')`,
      [queueId],
    );
    const conversation = await ctx.app.conversations.startConversation({
      channel: 'chat',
      queueId,
      language: 'vi',
      customerId: customers[0],
    });
    const res = await api('POST', '/cases', agentA, {
      type: 'inquiry',
      subject: 'From the chat',
      customerId: customers[0],
      conversationId: conversation.id,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await settle();
    const row = (
      await ctx.pool.query('SELECT conversation_id, channel FROM analytics_case_facts WHERE case_id = $1', [
        res.body.id,
      ])
    ).rows[0];
    expect(row).toEqual({ conversation_id: conversation.id, channel: 'chat' });
  });
});

describe('replay and rebuild', () => {
  const snapshot = async () => ({
    cases: (await ctx.pool.query('SELECT * FROM analytics_case_facts ORDER BY case_id')).rows,
    tickets: (await ctx.pool.query('SELECT * FROM analytics_ticket_facts ORDER BY ticket_id')).rows,
    feedback: (await ctx.pool.query('SELECT * FROM analytics_branch_feedback ORDER BY feedback_id')).rows,
  });

  it('changes nothing when events are applied again, and rebuilds the same rows from the log', async () => {
    const before = await snapshot();
    const { rows } = await ctx.pool.query(
      `SELECT id, type, payload, position, created_at FROM outbox WHERE type = ANY($1) ORDER BY position`,
      [[...CASE_FACT_EVENT_TYPES, ...TICKET_FACT_EVENT_TYPES, 'feedback.submitted']],
    );
    expect(rows.length).toBeGreaterThan(20);
    await ctx.app.db.transaction(async (tx) => {
      for (const r of rows) {
        const event = { ...r, position: Number(r.position), createdAt: new Date(r.created_at) };
        if (r.type === 'feedback.submitted') await applyBranchFeedbackEvent(tx, event);
        else if (String(r.type).startsWith('case.')) await applyCaseEvent(tx, event);
        else await applyTicketEvent(tx, event);
      }
    });
    expect(await snapshot()).toEqual(before);
    const progress: number[] = [];
    await ctx.app.analytics.rebuild((done) => progress.push(done));
    expect(progress.at(-1)).toBe(17);
    expect(await snapshot()).toEqual(before);
  });
});
