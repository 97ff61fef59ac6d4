import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  as,
  createTestContext,
  login,
  type Session,
  signInAs,
  type TestContext,
} from '../../../test/harness.ts';

let ctx: TestContext;
let agent: Session;
let otherAgent: Session;
let supervisor: Session;
let otherSupervisor: Session;
let cardCenter: Session;
let cardCenter2: Session;
let cardLead: Session;
let creditUser: Session;
let officer: Session;
let admin: Session;
let cardDept: string;
let creditDept: string;
let shanghai: string;
let hanoi: string;
let customerId: string;
let teamId: string;

const call = async (session: Session | null, method: string, url: string, payload?: unknown, lang = 'en') => {
  const res = await ctx.app.http.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    payload: payload as object,
    headers: { ...(session ? as(session) : {}), 'accept-language': lang },
  });
  if (process.env.DEBUG_CASES && res.statusCode >= 400)
    console.log(method, url, res.body, res.statusCode >= 500 ? ctx.logs.slice(-2).join('') : '');
  return res;
};

const outbox = async (type: string) =>
  (await ctx.pool.query('SELECT payload, audience FROM outbox WHERE type = $1 ORDER BY position', [type]))
    .rows as Array<{
    payload: Record<string, unknown>;
    audience: Record<string, string[]>;
  }>;

/** Moves the fake clock and signs everyone in again (sessions expire with the clock). */
async function moveClock(at: string) {
  ctx.clock.set(at);
  const again = (s: Session, username: string) => login(ctx, username, 'Correct-Horse-9', s.userId);
  agent = await again(agent, 'case.agent');
  otherAgent = await again(otherAgent, 'case.agent2');
  supervisor = await again(supervisor, 'case.super');
  otherSupervisor = await again(otherSupervisor, 'case.super2');
  officer = await again(officer, 'complaints.one');
  admin = await again(admin, 'case.admin');
  cardCenter = await again(cardCenter, 'card.one');
}

async function newConversation(): Promise<string> {
  const id = randomUUID();
  await ctx.pool.query(
    `INSERT INTO conversations (id, channel, status, customer_id, created_at) VALUES ($1, 'webchat', 'active', $2, now())`,
    [id, customerId],
  );
  return id;
}

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2026-03-02T02:00:00Z'); // Monday 10:00 in Shanghai
  const staff = ctx.app.staff;
  cardDept = (await staff.createDepartment(null, { code: 'cards', name: 'Card center', kind: 'back_office' }))
    .id;
  creditDept = (await staff.createDepartment(null, { code: 'credit', name: 'Credit', kind: 'back_office' }))
    .id;
  const frontDept = (
    await staff.createDepartment(null, { code: 'front', name: 'Contact center', kind: 'front_office' })
  ).id;
  shanghai = (
    await staff.createBranch(null, {
      code: 'SH01',
      name: 'Shanghai',
      city: 'Shanghai',
      country: 'CN',
      timeZone: 'Asia/Shanghai',
    })
  ).id;
  hanoi = (
    await staff.createBranch(null, {
      code: 'HN01',
      name: 'Hà Nội',
      city: 'Hà Nội',
      country: 'VN',
      timeZone: 'Asia/Ho_Chi_Minh',
    })
  ).id;
  teamId = (await staff.createTeam(null, { name: 'Chat A', departmentId: frontDept })).id;
  const otherTeam = (await staff.createTeam(null, { name: 'Chat B', departmentId: frontDept })).id;
  agent = await signInAs(ctx, {
    username: 'case.agent',
    roles: ['agent'],
    teamIds: [teamId],
    branchId: shanghai,
    departmentId: frontDept,
  });
  otherAgent = await signInAs(ctx, {
    username: 'case.agent2',
    roles: ['agent'],
    teamIds: [teamId],
    branchId: hanoi,
  });
  supervisor = await signInAs(ctx, {
    username: 'case.super',
    roles: ['supervisor'],
    teamIds: [teamId],
    departmentId: frontDept,
  });
  otherSupervisor = await signInAs(ctx, {
    username: 'case.super2',
    roles: ['supervisor'],
    teamIds: [otherTeam],
  });
  cardCenter = await signInAs(ctx, { username: 'card.one', roles: ['back_office'], departmentId: cardDept });
  cardCenter2 = await signInAs(ctx, { username: 'card.two', roles: ['back_office'], departmentId: cardDept });
  cardLead = await signInAs(ctx, {
    username: 'card.lead',
    roles: ['back_office', 'supervisor'],
    departmentId: cardDept,
  });
  creditUser = await signInAs(ctx, {
    username: 'credit.one',
    roles: ['back_office'],
    departmentId: creditDept,
  });
  officer = await signInAs(ctx, { username: 'complaints.one', roles: ['complaints_officer'] });
  admin = await signInAs(ctx, { username: 'case.admin', roles: ['admin'] });
  customerId = (
    await ctx.app.customers.createCustomer({
      customerNo: 'C0001',
      fullName: '王小明',
      preferredLanguage: 'zh-CN',
      segment: 'affluent',
    })
  ).id;
});
afterAll(async () => ctx?.close());

describe('creating cases', () => {
  it('creates a complaint from a chat: owner = creator, readable number, China profile, customer notified', async () => {
    const conversationId = await newConversation();
    const res = await call(agent, 'POST', '/cases', {
      type: 'complaint',
      subject: 'Annual fee charged twice on 4111 1111 1111 1111',
      description: 'Customer says the card fee was taken twice.',
      customerId,
      conversationId,
      product: 'credit_card',
    });
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c.number).toMatch(/^CS-2026-\d{6}$/);
    expect(c.ownerId).toBe(agent.userId);
    expect(c.subject).not.toContain('4111 1111 1111 1111');
    // China: 15 calendar days from 2 March (Shanghai) → end of 17 March local.
    expect(c.regulatoryDueAt).toBe('2026-03-17T16:00:00.000Z');
    const row = (await ctx.pool.query('SELECT * FROM cases WHERE id = $1', [c.id])).rows[0];
    expect(row).toMatchObject({
      first_owner_id: agent.userId,
      team_id: teamId,
      channel: 'webchat',
      language: 'zh-CN',
      regulatory_profile: 'cn_nfra',
    });
    const linked = await ctx.pool.query('SELECT conversation_id FROM case_conversations WHERE case_id = $1', [
      c.id,
    ]);
    expect(linked.rows).toEqual([{ conversation_id: conversationId }]);
    expect((await outbox('case.created')).at(-1)?.payload).toMatchObject({
      caseId: c.id,
      type: 'complaint',
      ownerId: agent.userId,
    });
    const note = (await outbox('case.customer_notification')).at(-1)?.payload;
    expect(note).toMatchObject({ caseId: c.id, kind: 'created', language: 'zh-CN' });
    expect(String(note?.text)).toContain(c.number);
  });

  it('gives Vietnamese branches 30 working days, and rejects bad input in the user language', async () => {
    const res = await call(otherAgent, 'POST', '/cases', { type: 'complaint', subject: 'Phí', customerId });
    expect(res.json().regulatoryDueAt).toBeTruthy();
    const row = (await ctx.pool.query('SELECT regulatory_profile FROM cases WHERE id = $1', [res.json().id]))
      .rows[0];
    expect(row.regulatory_profile).toBe('vn_sbv');
    const bad = await call(
      agent,
      'POST',
      '/cases',
      { type: 'complaint', subject: 'x', categoryId: randomUUID() },
      'vi',
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({
      code: 'CASE_CATEGORY_INVALID',
      message: 'Hãy chọn một lý do liên hệ đang dùng làm danh mục.',
    });
    const before = (await ctx.pool.query('SELECT count(*)::int AS n FROM cases')).rows[0].n;
    expect((await call(agent, 'POST', '/cases', { type: 'nonsense', subject: 'x' })).statusCode).toBe(400);
    expect((await ctx.pool.query('SELECT count(*)::int AS n FROM cases')).rows[0].n).toBe(before);
  });

  it('opens a case from a phone call, a letter or an email outside Banyan: its channel kept, never beside a conversation', async () => {
    const phone = await call(agent, 'POST', '/cases', {
      type: 'complaint',
      subject: 'Card fee charged twice',
      customerId,
      channel: 'voice',
    });
    expect(phone.statusCode).toBe(201);
    expect(phone.json()).toMatchObject({ ownerId: agent.userId, customerId, status: 'new' });
    const letter = await call(otherAgent, 'POST', '/cases', {
      type: 'inquiry',
      subject: 'Thư',
      channel: 'letter',
    });
    expect(letter.statusCode).toBe(201);
    const stored = await ctx.pool.query(
      'SELECT id, channel FROM cases WHERE id = ANY($1::uuid[]) ORDER BY channel',
      [[phone.json().id, letter.json().id]],
    );
    expect(stored.rows.map((r) => r.channel)).toEqual(['letter', 'voice']);
    // The complaints register filters by it.
    const register = await call(officer, 'GET', '/cases?view=complaints&channel=voice');
    expect((register.json().items as { id: string }[]).map((c) => c.id)).toContain(phone.json().id);
    const before = (await ctx.pool.query('SELECT count(*)::int AS n FROM cases')).rows[0].n;
    const both = await call(
      agent,
      'POST',
      '/cases',
      { type: 'inquiry', subject: 'x', channel: 'voice', conversationId: randomUUID() },
      'zh-CN',
    );
    expect(both.statusCode).toBe(400);
    expect(both.json().error).toMatchObject({ code: 'CASE_CHANNEL_INVALID' });
    expect(both.json().error.message).toContain('会话');
    expect(
      (await call(agent, 'POST', '/cases', { type: 'inquiry', subject: 'x', channel: 'fax' })).statusCode,
    ).toBe(400);
    // A channel is no way into the counter's cases: `branch` stays for tellers.
    expect(
      (await call(agent, 'POST', '/cases', { type: 'inquiry', subject: 'x', channel: 'branch' })).statusCode,
    ).toBe(403);
    expect((await ctx.pool.query('SELECT count(*)::int AS n FROM cases')).rows[0].n).toBe(before);
  });

  it('numbers cases per year without gaps when created concurrently', async () => {
    const before = (await ctx.pool.query('SELECT last FROM case_number_counters WHERE year = 2026')).rows[0]
      .last as number;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call(agent, 'POST', '/cases', { type: 'inquiry', subject: `Question ${i}` }),
      ),
    );
    const numbers = results.map((r) => Number(r.json().number.slice(-6))).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => before + 1 + i));
    // A failed create (bad category) gives its number back: the next one follows on.
    await call(agent, 'POST', '/cases', { type: 'inquiry', subject: 'x', categoryId: randomUUID() });
    const next = await call(agent, 'POST', '/cases', { type: 'inquiry', subject: 'next' });
    expect(Number(next.json().number.slice(-6))).toBe(before + 21);
  });

  it('validates admin-defined custom fields per type', async () => {
    const def = await call(admin, 'POST', '/admin/case-fields', {
      caseType: 'service_request',
      key: 'amount',
      labels: { en: 'Amount', 'zh-CN': '金额', vi: 'Số tiền' },
      kind: 'money',
      isRequired: true,
    });
    expect(def.statusCode).toBe(201);
    expect(
      (
        await call(agent, 'POST', '/admin/case-fields', {
          caseType: 'inquiry',
          key: 'x',
          labels: { en: 'x', 'zh-CN': 'x', vi: 'x' },
          kind: 'text',
        })
      ).statusCode,
    ).toBe(403);
    const missing = await call(agent, 'POST', '/cases', { type: 'service_request', subject: 'Refund' });
    expect(missing.json().error).toMatchObject({ code: 'CASE_FIELD_INVALID' });
    const ok = await call(agent, 'POST', '/cases', {
      type: 'service_request',
      subject: 'Refund',
      customFields: { amount: { amount: '120000', currency: 'VND' } },
    });
    expect(ok.statusCode).toBe(201);
  });
});

describe('workflow, concurrency and ownership', () => {
  it('moves through statuses, refuses invalid ones with codes, needs a root cause for complaints, reopens in the window', async () => {
    const c = (
      await call(agent, 'POST', '/cases', { type: 'complaint', subject: 'ATM kept card', customerId })
    ).json();
    const wrong = await call(agent, 'POST', `/cases/${c.id}/status`, { version: 1, status: 'closed' });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().error).toMatchObject({
      code: 'CASE_TRANSITION_INVALID',
      message: 'A case cannot go from new to closed.',
    });
    const started = await call(agent, 'POST', `/cases/${c.id}/status`, { version: 1, status: 'in_progress' });
    expect(started.json()).toMatchObject({ status: 'in_progress', version: 2 });
    const stale = await call(
      agent,
      'POST',
      `/cases/${c.id}/status`,
      { version: 1, status: 'waiting_customer' },
      'zh-CN',
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({
      code: 'CASE_VERSION_CONFLICT',
      message: '您编辑期间，其他人已修改此工单。请刷新查看其修改后再试。',
    });
    const noCause = await call(agent, 'POST', `/cases/${c.id}/status`, {
      version: 2,
      status: 'resolved',
      resolution: 'Card returned',
    });
    expect(noCause.json().error.code).toBe('CASE_ROOT_CAUSE_REQUIRED');
    expect(
      (await ctx.pool.query('SELECT status, resolution FROM cases WHERE id = $1', [c.id])).rows[0],
    ).toEqual({ status: 'in_progress', resolution: null });
    const resolved = await call(agent, 'POST', `/cases/${c.id}/status`, {
      version: 2,
      status: 'resolved',
      resolution: 'Card returned',
      rootCause: 'ATM sensor fault',
    });
    expect(resolved.json().status).toBe('resolved');
    const resolvedEvent = (await outbox('case.resolved')).at(-1)?.payload;
    expect(resolvedEvent).toMatchObject({
      caseId: c.id,
      closedByFirstOwner: true,
      from: 'in_progress',
      to: 'resolved',
    });
    expect((await outbox('case.customer_notification')).at(-1)?.payload).toMatchObject({
      caseId: c.id,
      kind: 'resolved',
    });
    await call(agent, 'POST', `/cases/${c.id}/status`, { version: 3, status: 'closed' });
    // Resolved 15 days ago: past the 14-day window.
    await ctx.pool.query(`UPDATE cases SET resolved_at = resolved_at - interval '15 days' WHERE id = $1`, [
      c.id,
    ]);
    const late = await call(agent, 'POST', `/cases/${c.id}/status`, { version: 4, status: 'in_progress' });
    expect(late.json().error).toMatchObject({ code: 'CASE_REOPEN_WINDOW_PASSED' });
    await ctx.pool.query(`UPDATE cases SET resolved_at = resolved_at + interval '15 days' WHERE id = $1`, [
      c.id,
    ]);
    const reopened = await call(agent, 'POST', `/cases/${c.id}/status`, {
      version: 4,
      status: 'in_progress',
    });
    expect(reopened.json().status).toBe('in_progress');
    expect((await outbox('case.reopened')).at(-1)?.payload).toMatchObject({ caseId: c.id });
    const timeline = (await call(agent, 'GET', `/cases/${c.id}`))
      .json()
      .timeline.map((t: { kind: string }) => t.kind);
    expect(timeline).toEqual([
      'created',
      'status_changed',
      'status_changed',
      'status_changed',
      'status_changed',
    ]);
  });

  it('lets only the owner change the case; only a supervisor of the team moves ownership, with a reason, audited', async () => {
    const c = (await call(agent, 'POST', '/cases', { type: 'inquiry', subject: 'Limit' })).json();
    expect(
      (await call(otherAgent, 'PATCH', `/cases/${c.id}`, { version: 1, priority: 'high' })).statusCode,
    ).toBe(404);
    expect(
      (await call(supervisor, 'PATCH', `/cases/${c.id}`, { version: 1, priority: 'high' })).json().error.code,
    ).toBe('CASE_NOT_OWNER');
    expect(
      (
        await call(otherAgent, 'POST', `/cases/${c.id}/owner`, {
          version: 1,
          ownerId: otherAgent.userId,
          reason: 'x',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await call(otherSupervisor, 'POST', `/cases/${c.id}/owner`, {
          version: 1,
          ownerId: otherAgent.userId,
          reason: 'x',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await call(supervisor, 'POST', `/cases/${c.id}/owner`, {
          version: 1,
          ownerId: otherAgent.userId,
          reason: ' ',
        })
      ).json().error.code,
    ).toBe('CASE_OWNER_REASON_REQUIRED');
    const moved = await call(supervisor, 'POST', `/cases/${c.id}/owner`, {
      version: 1,
      ownerId: otherAgent.userId,
      reason: 'Agent on leave',
    });
    expect(moved.json()).toMatchObject({ ownerId: otherAgent.userId, version: 2 });
    const row = (
      await ctx.pool.query('SELECT owner_id, first_owner_id, previous_owner_id FROM cases WHERE id = $1', [
        c.id,
      ])
    ).rows[0];
    expect(row).toEqual({
      owner_id: otherAgent.userId,
      first_owner_id: agent.userId,
      previous_owner_id: agent.userId,
    });
    const audit = await ctx.pool.query(
      `SELECT actor_id, details FROM audit_log WHERE action = 'cases.owner_changed' AND target_id = $1`,
      [c.id],
    );
    expect(audit.rows[0]).toMatchObject({
      actor_id: supervisor.userId,
      details: { reason: 'Agent on leave' },
    });
    expect((await outbox('case.owner_changed')).at(-1)?.payload).toMatchObject({
      previousOwnerId: agent.userId,
      ownerId: otherAgent.userId,
    });
    // The new owner works it; the old one no longer can.
    expect(
      (await call(otherAgent, 'PATCH', `/cases/${c.id}`, { version: 2, priority: 'high' })).json().priority,
    ).toBe('high');
    expect(
      (await call(agent, 'PATCH', `/cases/${c.id}`, { version: 3, priority: 'low' })).json().error.code,
    ).toBe('CASE_NOT_OWNER');
  });

  it('bulk actions: a supervisor of the team reassigns with a reason, changes priority and tags — each case audited and evented; others are refused', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push((await call(agent, 'POST', '/cases', { type: 'inquiry', subject: `Bulk ${i}` })).json().id);
    const bulk = (s: Session | null, body: Record<string, unknown>, lang = 'en') =>
      call(s, 'POST', '/cases/bulk', { caseIds: ids, ...body }, lang);
    // Authorization: no session, an agent, a back office, a supervisor of another team.
    expect((await bulk(null, { action: 'priority', priority: 'high' })).statusCode).toBe(401);
    expect((await bulk(agent, { action: 'priority', priority: 'high' })).statusCode).toBe(403);
    expect((await bulk(cardCenter, { action: 'priority', priority: 'high' })).statusCode).toBe(403);
    const foreign = await bulk(otherSupervisor, { action: 'priority', priority: 'high' });
    expect([foreign.statusCode, foreign.json().error.code]).toEqual([404, 'CASE_NOT_FOUND']);
    // Bad input, in the user's language.
    const noReason = await bulk(supervisor, { action: 'reassign', ownerId: otherAgent.userId }, 'zh-CN');
    expect([noReason.statusCode, noReason.json().error.code]).toEqual([400, 'CASE_OWNER_REASON_REQUIRED']);
    expect(noReason.json().error.message).toBe('转移工单负责人时请填写原因。');
    const badTag = await bulk(supervisor, { action: 'tag', tag: 'no spaces' }, 'vi');
    expect([badTag.statusCode, badTag.json().error.code]).toEqual([400, 'CASE_TAG_INVALID']);
    expect(badTag.json().error.message).toContain('Nhãn');
    const noOwner = await bulk(supervisor, { action: 'reassign', ownerId: cardCenter.userId, reason: 'x' });
    expect(noOwner.json().error.code).toBe('CASE_OWNER_INVALID');
    // Nothing half-stored: one closed case in the list refuses the whole request.
    const closedCase = (
      await call(agent, 'POST', '/cases', { type: 'inquiry', subject: 'Bulk closed' })
    ).json();
    await call(agent, 'POST', `/cases/${closedCase.id}/status`, {
      version: 1,
      status: 'resolved',
      resolution: 'ok',
    });
    await call(agent, 'POST', `/cases/${closedCase.id}/status`, { version: 2, status: 'closed' });
    const withClosed = await call(supervisor, 'POST', '/cases/bulk', {
      caseIds: [...ids, closedCase.id],
      action: 'priority',
      priority: 'urgent',
    });
    expect([withClosed.statusCode, withClosed.json().error.code]).toEqual([409, 'CASE_CLOSED']);
    const priorities = await ctx.pool.query(
      'SELECT DISTINCT priority FROM cases WHERE id = ANY($1::uuid[])',
      [ids],
    );
    expect(priorities.rows).toEqual([{ priority: 'normal' }]);
    // The three actions.
    expect((await bulk(supervisor, { action: 'priority', priority: 'high' })).json()).toEqual({
      changed: 3,
      unchanged: 0,
    });
    expect((await bulk(supervisor, { action: 'tag', tag: 'fee-incident_03' })).json()).toEqual({
      changed: 3,
      unchanged: 0,
    });
    expect((await bulk(supervisor, { action: 'tag', tag: 'fee-incident_03' })).json()).toEqual({
      changed: 0,
      unchanged: 3,
    });
    const moved = await bulk(supervisor, {
      action: 'reassign',
      ownerId: otherAgent.userId,
      reason: 'Agent on leave',
    });
    expect(moved.json()).toEqual({ changed: 3, unchanged: 0 });
    const rows = await ctx.pool.query(
      'SELECT owner_id, previous_owner_id, priority, tags, version FROM cases WHERE id = ANY($1::uuid[])',
      [ids],
    );
    expect(rows.rows).toEqual(
      ids.map(() => ({
        owner_id: otherAgent.userId,
        previous_owner_id: agent.userId,
        priority: 'high',
        tags: ['fee-incident_03'],
        version: 4,
      })),
    );
    const audited = await ctx.pool.query(
      `SELECT action, count(*)::int AS n FROM audit_log WHERE target_id = ANY($1::text[]) AND actor_id = $2 GROUP BY 1 ORDER BY 1`,
      [ids, supervisor.userId],
    );
    expect(audited.rows).toEqual([
      { action: 'cases.owner_changed', n: 3 },
      { action: 'cases.priority_changed', n: 3 },
      { action: 'cases.tagged', n: 3 },
    ]);
    const evented = await ctx.pool.query(
      `SELECT type, count(*)::int AS n FROM outbox WHERE payload->>'caseId' = ANY($1::text[])
         AND type IN ('case.owner_changed', 'case.updated') GROUP BY 1 ORDER BY 1`,
      [ids],
    );
    expect(evented.rows).toEqual([
      { type: 'case.owner_changed', n: 3 },
      { type: 'case.updated', n: 6 },
    ]);
    const detail = (await call(otherAgent, 'GET', `/cases/${ids[0]}`)).json();
    expect(detail.case.tags).toEqual(['fee-incident_03']);
  });

  it('saved views are per user: saved for a list the user may open, replaced by name, private', async () => {
    const body = { name: 'Overdue CN', view: 'complaints', filters: { overdue: true }, sort: 'due' };
    expect((await call(null, 'GET', '/case-views')).statusCode).toBe(401);
    // A list the user cannot open cannot be saved: an agent has no complaints register or team list.
    expect((await call(agent, 'POST', '/case-views', body)).statusCode).toBe(403);
    expect((await call(agent, 'POST', '/case-views', { ...body, view: 'team' })).statusCode).toBe(403);
    const bad = await call(officer, 'POST', '/case-views', { ...body, name: '   ' }, 'vi');
    expect([bad.statusCode, bad.json().error.code, bad.json().error.message]).toEqual([
      400,
      'CASE_VIEW_NAME_REQUIRED',
      'Hãy đặt tên cho chế độ xem.',
    ]);
    expect(
      (await call(officer, 'POST', '/case-views', { ...body, filters: { nonsense: 1 } })).statusCode,
    ).toBe(400);
    const saved = await call(officer, 'POST', '/case-views', body);
    expect(saved.statusCode).toBe(201);
    const again = await call(officer, 'POST', '/case-views', { ...body, filters: { dueWithinDays: 7 } });
    expect(again.json().id).toBe(saved.json().id);
    const mine = await call(agent, 'POST', '/case-views', {
      name: 'Waiting',
      view: 'mine',
      filters: { status: 'waiting_customer' },
      sort: 'updated',
    });
    expect(mine.statusCode).toBe(201);
    expect((await call(officer, 'GET', '/case-views')).json().items).toEqual([
      expect.objectContaining({
        name: 'Overdue CN',
        view: 'complaints',
        filters: { dueWithinDays: 7 },
        sort: 'due',
      }),
    ]);
    expect(
      (await call(agent, 'GET', '/case-views')).json().items.map((v: { name: string }) => v.name),
    ).toEqual(['Waiting']);
    // Someone else's view is not there for them: 404, and it stays.
    const foreign = await call(agent, 'DELETE', `/case-views/${saved.json().id}`);
    expect([foreign.statusCode, foreign.json().error.code]).toEqual([404, 'CASE_VIEW_NOT_FOUND']);
    expect((await call(officer, 'DELETE', `/case-views/${saved.json().id}`)).statusCode).toBe(204);
    expect((await call(officer, 'GET', '/case-views')).json().items).toEqual([]);
  });

  it('reports the share of finished cases their first owner still owned', async () => {
    const quick = (await call(agent, 'POST', '/cases', { type: 'inquiry', subject: 'Opening hours' })).json();
    await call(agent, 'POST', `/cases/${quick.id}/status`, {
      version: 1,
      status: 'resolved',
      resolution: 'Answered at once',
    });
    expect(
      (await call(agent, 'GET', '/cases-reports/first-owner?from=2026-01-01&to=2027-01-01')).statusCode,
    ).toBe(403);
    const report = (
      await call(supervisor, 'GET', '/cases-reports/first-owner?from=2026-01-01&to=2027-01-01')
    ).json();
    const expected = (
      await ctx.pool.query(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE owner_id = first_owner_id)::int AS f FROM cases
        WHERE team_id = $1 AND coalesce(closed_at, resolved_at) IS NOT NULL`,
        [teamId],
      )
    ).rows[0];
    expect(report).toEqual({
      finished: expected.n,
      byFirstOwner: expected.f,
      share: expected.n ? expected.f / expected.n : null,
    });
    expect(report.finished).toBeGreaterThan(0);
  });

  it('lists my cases, team cases for supervisors and a customer’s cases', async () => {
    const mine = (await call(agent, 'GET', '/cases?view=mine')).json().items;
    expect(mine.length).toBeGreaterThan(5);
    expect(mine.every((c: { ownerId: string }) => c.ownerId === agent.userId)).toBe(true);
    expect((await call(agent, 'GET', '/cases?view=team')).statusCode).toBe(403);
    expect((await call(supervisor, 'GET', '/cases?view=team')).json().items.length).toBeGreaterThan(5);
    expect((await call(otherSupervisor, 'GET', '/cases?view=team')).json().items).toEqual([]);
    const ofCustomer = (await call(agent, 'GET', `/cases?view=customer&customerId=${customerId}`)).json()
      .items;
    expect(ofCustomer.every((c: { customerId: string }) => c.customerId === customerId)).toBe(true);
    expect((await call(cardCenter, 'GET', `/cases?view=customer&customerId=${customerId}`)).statusCode).toBe(
      403,
    );
  });
});

describe('back-office tasks', () => {
  let caseId: string;
  let taskId: string;
  it('hands a task to the card center; the back office sees only what the task needs', async () => {
    caseId = (
      await call(agent, 'POST', '/cases', {
        type: 'complaint',
        subject: 'Double fee',
        description: 'Secret detail',
        customerId,
      })
    ).json().id;
    const t = await call(agent, 'POST', `/cases/${caseId}/tasks`, {
      departmentId: cardDept,
      title: 'Check fee postings',
      instructions: 'Look at March',
    });
    expect(t.statusCode).toBe(201);
    taskId = t.json().id;
    expect((await outbox('case.task_created')).at(-1)?.audience).toMatchObject({ departments: [cardDept] });
    expect(
      (await call(otherAgent, 'POST', `/cases/${caseId}/tasks`, { departmentId: cardDept, title: 'x' }))
        .statusCode,
    ).toBe(404);
    const queue = (await call(cardCenter, 'GET', '/case-tasks/queue')).json().items;
    expect(queue.map((x: { id: string }) => x.id)).toContain(taskId);
    expect((await call(creditUser, 'GET', '/case-tasks/queue')).json().items).toEqual([]);
    const view = (await call(cardCenter, 'GET', `/cases/${caseId}`)).json();
    expect(view.view).toBe('task');
    expect(view.case.description).toBeUndefined();
    expect(view.case.customerId).toBeNull();
    expect(view.timeline).toEqual([]);
    expect((await call(creditUser, 'GET', `/cases/${caseId}`)).statusCode).toBe(404);
    expect((await call(agent, 'GET', '/case-tasks/queue')).statusCode).toBe(403);
  });

  it('never gives one task to two people', async () => {
    const [a, b] = await Promise.all([
      call(cardCenter, 'POST', `/case-tasks/${taskId}/take`),
      call(cardCenter2, 'POST', `/case-tasks/${taskId}/take`),
    ]);
    expect([a?.statusCode, b?.statusCode].sort()).toEqual([200, 409]);
    const winner = a?.statusCode === 200 ? cardCenter : cardCenter2;
    const row = (await ctx.pool.query('SELECT assignee_id, status FROM case_tasks WHERE id = $1', [taskId]))
      .rows[0];
    expect(row).toEqual({ assignee_id: winner.userId, status: 'in_progress' });
    if (winner !== cardCenter)
      await call(cardLead, 'POST', `/case-tasks/${taskId}/assign`, { userId: cardCenter.userId });
    expect(
      (await ctx.pool.query('SELECT assignee_id FROM case_tasks WHERE id = $1', [taskId])).rows[0]
        .assignee_id,
    ).toBe(cardCenter.userId);
  });

  it('concurrent picks from the queue get different tasks (SKIP LOCKED)', async () => {
    const c2 = (await call(agent, 'POST', '/cases', { type: 'inquiry', subject: 'Two tasks' })).json().id;
    await call(agent, 'POST', `/cases/${c2}/tasks`, { departmentId: creditDept, title: 'A' });
    await call(agent, 'POST', `/cases/${c2}/tasks`, { departmentId: creditDept, title: 'B' });
    const credit2 = await signInAs(ctx, {
      username: 'credit.two',
      roles: ['back_office'],
      departmentId: creditDept,
    });
    const [a, b] = await Promise.all([
      call(creditUser, 'POST', '/case-tasks/pick'),
      call(credit2, 'POST', '/case-tasks/pick'),
    ]);
    expect(a?.statusCode).toBe(200);
    expect(b?.statusCode).toBe(200);
    expect(a?.json().id).not.toBe(b?.json().id);
    expect((await call(creditUser, 'POST', '/case-tasks/pick')).json().error.code).toBe(
      'CASE_TASK_QUEUE_EMPTY',
    );
    expect(
      (await call(cardLead, 'POST', `/case-tasks/${a?.json().id}/assign`, { userId: cardCenter.userId }))
        .statusCode,
    ).toBe(404);
  });

  it('threads the discussion live to both sides and tells the owner when all tasks are done', async () => {
    const m1 = await call(cardCenter, 'POST', `/case-tasks/${taskId}/messages`, {
      body: 'Found two postings, reversing one.',
    });
    expect(m1.statusCode).toBe(201);
    await call(agent, 'POST', `/case-tasks/${taskId}/messages`, { body: 'Thanks!' });
    expect(
      (await call(creditUser, 'POST', `/case-tasks/${taskId}/messages`, { body: 'hi' })).statusCode,
    ).toBe(404);
    const thread = (await call(agent, 'GET', `/case-tasks/${taskId}/messages`)).json().items;
    expect(thread.map((m: { body: string }) => m.body)).toEqual([
      'Found two postings, reversing one.',
      'Thanks!',
    ]);
    expect((await outbox('case.task_message_posted')).at(-2)?.audience).toMatchObject({
      users: [agent.userId, cardCenter.userId],
      departments: [cardDept],
    });
    expect(
      (await call(cardCenter2, 'POST', `/case-tasks/${taskId}/complete`, { outcome: 'x' })).json().error.code,
    ).toBe('CASE_TASK_NOT_ASSIGNEE');
    const done = await call(cardCenter, 'POST', `/case-tasks/${taskId}/complete`, {
      outcome: 'Reversed 1 fee',
    });
    expect(done.json().status).toBe('done');
    expect((await outbox('case.all_tasks_completed')).at(-1)).toMatchObject({
      payload: { caseId },
      audience: { users: [agent.userId] },
    });
    expect(
      (await ctx.pool.query('SELECT owner_id FROM cases WHERE id = $1', [caseId])).rows[0].owner_id,
    ).toBe(agent.userId);
  });

  it('attachments on the case and on its task: sniffed, size-limited, visible to the right people, downloads audited', async () => {
    const PNG = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    const PDF = Buffer.from(
      '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    );
    const upload = (s: Session | null, url: string, name: string, body: Buffer, lang = 'en') =>
      ctx.app.http.inject({
        method: 'POST',
        url: `/api/v1${url}?name=${encodeURIComponent(name)}`,
        payload: body,
        headers: {
          ...(s ? as(s) : {}),
          'content-type': 'application/octet-stream',
          'accept-language': lang,
        },
      });
    // The owner adds a statement to the case; the card center adds a screenshot to its task.
    const onCase = await upload(agent, `/cases/${caseId}/attachments`, 'sao kê tháng 3.pdf', PDF);
    expect(onCase.statusCode).toBe(201);
    expect(onCase.json()).toMatchObject({
      name: 'sao kê tháng 3.pdf',
      contentType: 'application/pdf',
      taskId: null,
    });
    const onTask = await upload(cardCenter, `/case-tasks/${taskId}/attachments`, 'posting.png', PNG);
    expect(onTask.statusCode).toBe(201);
    expect(onTask.json()).toMatchObject({ contentType: 'image/png', taskId });
    // Each is evented for the timeline and analytics: a task's file only to the task's parties.
    const added = (await outbox('case.attachment_added')).slice(-2);
    expect(added).toEqual([
      {
        payload: expect.objectContaining({
          caseId,
          attachmentId: onCase.json().id,
          taskId: null,
          departmentId: null,
          uploaderId: agent.userId,
          name: 'sao kê tháng 3.pdf',
          contentType: 'application/pdf',
          size: PDF.length,
        }),
        audience: expect.objectContaining({ users: [agent.userId] }),
      },
      {
        payload: expect.objectContaining({
          caseId,
          attachmentId: onTask.json().id,
          taskId,
          departmentId: cardDept,
          uploaderId: cardCenter.userId,
          contentType: 'image/png',
        }),
        audience: expect.objectContaining({ departments: [cardDept] }),
      },
    ]);
    expect(added[0]?.payload.number).toMatch(/^CS-2026-\d{6}$/);
    expect(added[1]?.audience.teams).toBeUndefined();
    // The bytes decide: a script named .pdf is refused; an empty file and 11 MB too.
    const script = await upload(
      agent,
      `/cases/${caseId}/attachments`,
      'x.pdf',
      Buffer.from('<script>alert(1)</script>'),
      'zh-CN',
    );
    expect([script.statusCode, script.json().error.code]).toEqual([415, 'CONVERSATION_ATTACHMENT_TYPE']);
    expect((await upload(agent, `/cases/${caseId}/attachments`, 'e.pdf', Buffer.alloc(0))).statusCode).toBe(
      400,
    );
    const big = Buffer.concat([PDF, Buffer.alloc(11 * 1024 * 1024)]);
    expect((await upload(agent, `/cases/${caseId}/attachments`, 'big.pdf', big)).statusCode).toBe(413);
    // Who may add: not another agent, not another department's back office, not without a session.
    expect((await upload(otherAgent, `/cases/${caseId}/attachments`, 'a.pdf', PDF)).statusCode).toBe(404);
    expect((await upload(creditUser, `/case-tasks/${taskId}/attachments`, 'a.pdf', PDF)).statusCode).toBe(
      404,
    );
    expect((await upload(cardCenter, `/cases/${caseId}/attachments`, 'a.pdf', PDF)).statusCode).toBe(404);
    expect((await upload(null, `/cases/${caseId}/attachments`, 'a.pdf', PDF)).statusCode).toBe(401);
    expect(await outbox('case.attachment_added')).toHaveLength(2);
    // The owner sees both; the card center only its task's file.
    const ownerView = (await call(agent, 'GET', `/cases/${caseId}`)).json().attachments;
    expect(ownerView.map((f: { name: string }) => f.name)).toEqual(['sao kê tháng 3.pdf', 'posting.png']);
    const backView = (await call(cardCenter, 'GET', `/cases/${caseId}`)).json().attachments;
    expect(backView.map((f: { name: string }) => f.name)).toEqual(['posting.png']);
    // Downloads: as a download, never rendered; someone without the case gets 404; each is audited.
    const dl = await call(cardCenter, 'GET', `/case-attachments/${onTask.json().id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('image/png');
    expect(String(dl.headers['content-disposition'])).toMatch(/^attachment;/);
    expect(dl.rawPayload.equals(PNG)).toBe(true);
    expect((await call(cardCenter, 'GET', `/case-attachments/${onCase.json().id}`)).statusCode).toBe(404);
    expect((await call(otherAgent, 'GET', `/case-attachments/${onTask.json().id}`)).statusCode).toBe(404);
    expect((await call(creditUser, 'GET', `/case-attachments/${onCase.json().id}`)).statusCode).toBe(404);
    expect((await call(agent, 'GET', `/case-attachments/${onCase.json().id}`)).rawPayload.equals(PDF)).toBe(
      true,
    );
    const audited = await ctx.pool.query(
      `SELECT actor_id FROM audit_log WHERE action = 'cases.attachment_downloaded' AND target_id = $1 ORDER BY seq`,
      [caseId],
    );
    expect(audited.rows.map((r) => r.actor_id)).toEqual([cardCenter.userId, agent.userId]);
  });
});

describe('SLA clocks', () => {
  it('warns at 50 % and 80 %, breaches at 100 % — each once — and escalates along the chain; pauses while waiting for the customer', async () => {
    await call(admin, 'POST', '/admin/case-sla-policies', {
      name: 'Incidents',
      caseType: 'incident',
      calendarCode: 'CN',
      firstResponseMinutes: 60,
      resolutionMinutes: 100,
    });
    await moveClock('2026-03-03T01:00:00Z'); // Tue 09:00 Shanghai
    const c = (await call(agent, 'POST', '/cases', { type: 'incident', subject: 'App down' })).json();
    const clocks = (await call(agent, 'GET', `/cases/${c.id}`)).json().clocks;
    expect(clocks.map((k: { kind: string; dueAt: string }) => [k.kind, k.dueAt])).toEqual([
      ['first_response', '2026-03-03T02:00:00.000Z'],
      ['resolution', '2026-03-03T02:40:00.000Z'],
    ]);
    // Admins list the policies (most specific first); nobody else does.
    expect((await call(agent, 'GET', '/admin/case-sla-policies')).statusCode).toBe(403);
    expect((await call(supervisor, 'GET', '/admin/case-sla-policies')).statusCode).toBe(403);
    expect((await call(null, 'GET', '/admin/case-sla-policies')).statusCode).toBe(401);
    expect((await call(admin, 'GET', '/admin/case-sla-policies')).json().items).toContainEqual(
      expect.objectContaining({
        name: 'Incidents',
        caseType: 'incident',
        calendarCode: 'CN',
        firstResponseMinutes: 60,
        resolutionMinutes: 100,
        pauseWhileWaitingCustomer: true,
      }),
    );
    ctx.clock.set('2026-03-03T01:30:00Z'); // 30 min: first response 50 %
    expect(await ctx.app.sla.fireDue()).toBe(1);
    expect(await ctx.app.sla.fireDue()).toBe(0);
    const warnings = () =>
      ctx.pool.query(
        `SELECT payload FROM outbox WHERE type IN ('case.sla_warning', 'case.sla_breached') AND payload->>'caseId' = $1
         ORDER BY position`,
        [c.id],
      );
    expect((await warnings()).rows.map((r) => [r.payload.clock, r.payload.percent])).toEqual([
      ['first_response', 50],
    ]);
    // The agent answers the customer: first response met; resolution keeps running.
    await call(agent, 'POST', `/cases/${c.id}/notes`, { visibility: 'customer', body: 'We are on it.' });
    await call(agent, 'POST', `/cases/${c.id}/status`, { version: 2, status: 'waiting_customer' });
    ctx.clock.set('2026-03-03T05:00:00Z'); // while paused, nothing fires
    expect(await ctx.app.sla.fireDue()).toBe(0);
    await call(agent, 'POST', `/cases/${c.id}/status`, { version: 3, status: 'in_progress' });
    ctx.clock.set('2026-03-03T08:00:00Z'); // 16:00 local: well past every resolution threshold
    expect(await ctx.app.sla.fireDue()).toBe(1);
    expect(await ctx.app.sla.fireDue()).toBe(1);
    expect(await ctx.app.sla.fireDue()).toBe(1);
    expect(await ctx.app.sla.fireDue()).toBe(0);
    expect(
      (await warnings()).rows.map((r) => [r.payload.clock, r.payload.percent, r.payload.notify]),
    ).toEqual([
      ['first_response', 50, 'owner'],
      ['resolution', 50, 'owner'],
      ['resolution', 80, 'team_lead'],
      ['resolution', 100, 'department_head'],
    ]);
    const escalated = await ctx.pool.query(
      `SELECT payload FROM outbox WHERE type = 'case.escalated' AND payload->>'caseId' = $1 ORDER BY position`,
      [c.id],
    );
    expect(escalated.rows.map((r) => r.payload.notifyUserIds)).toEqual([
      [supervisor.userId],
      [supervisor.userId],
    ]);
    // Resolved at 16:00 local: business time on the CN calendar is 09:00–09:30 and 13:00–16:00
    // (09:30–13:00 waited for the customer) = 210 minutes; wall-clock 7 hours.
    const resolved = await call(agent, 'POST', `/cases/${c.id}/status`, {
      version: 4,
      status: 'resolved',
      resolution: 'Restarted the service',
    });
    expect(resolved.statusCode).toBe(200);
    const [event] = (await outbox('case.resolved')).filter((e) => e.payload.caseId === c.id);
    expect(event?.payload.resolutionBusinessSeconds).toBe(210 * 60);
    expect(event?.payload.secondsSinceCreated).toBe(7 * 3600);
    const changed = (await outbox('case.status_changed')).filter((e) => e.payload.caseId === c.id);
    expect(changed.map((e) => e.payload.resolutionBusinessSeconds)).toEqual([undefined, undefined, 210 * 60]);
  });
});

describe('SLA scanners in parallel', () => {
  it('two scanners running at once fire each threshold once (SKIP LOCKED)', async () => {
    await moveClock('2026-03-04T01:00:00Z'); // Wed 09:00 Shanghai
    const ids: string[] = [];
    for (let i = 0; i < 12; i++)
      ids.push((await call(agent, 'POST', '/cases', { type: 'incident', subject: `Outage ${i}` })).json().id);
    ctx.clock.set('2026-03-04T01:31:00Z'); // past 50 % of the 60-minute first-response clocks
    const fired = await Promise.all([
      ctx.app.sla.fireDue(5),
      ctx.app.sla.fireDue(5),
      ctx.app.sla.fireDue(5),
      ctx.app.sla.fireDue(5),
    ]);
    let total = fired.reduce((a, b) => a + b, 0);
    for (let n = await ctx.app.sla.fireDue(); n > 0; n = await ctx.app.sla.fireDue()) total += n;
    const rows = await ctx.pool.query(
      `SELECT payload->>'caseId' AS case_id, count(*)::int AS n FROM outbox WHERE type = 'case.sla_warning'
        AND payload->>'caseId' = ANY($1::text[]) GROUP BY 1`,
      [ids],
    );
    expect(rows.rows).toHaveLength(12);
    expect(rows.rows.every((r) => r.n === 1)).toBe(true);
    expect(total).toBe(12);
  });

  it('a clock stored before thresholds were precomputed is planned when the scanner starts, then fires once', async () => {
    await moveClock('2026-03-05T01:00:00Z'); // Thu 09:00 Shanghai
    const c = (await call(agent, 'POST', '/cases', { type: 'incident', subject: 'Legacy clock' })).json();
    const stored = await ctx.pool.query(
      `SELECT thresholds_at, next_fire_at, due_at FROM case_sla_clocks WHERE case_id = $1 AND kind = 'first_response'`,
      [c.id],
    );
    expect(stored.rows[0].thresholds_at.map((d: Date) => d.toISOString())).toEqual([
      '2026-03-05T01:30:00.000Z',
      '2026-03-05T01:48:00.000Z',
      '2026-03-05T02:00:00.000Z',
    ]);
    expect(stored.rows[0].next_fire_at).toEqual(stored.rows[0].thresholds_at[0]);
    expect(stored.rows[0].due_at).toEqual(stored.rows[0].thresholds_at[2]);
    await ctx.pool.query(
      `UPDATE case_sla_clocks SET thresholds_at = NULL WHERE case_id = $1 AND kind = 'first_response'`,
      [c.id],
    );
    ctx.clock.set('2026-03-05T01:50:00Z'); // past 80 % of first response
    // Everything else due by now fires; the unplanned clock is left alone, not stopped.
    while ((await ctx.app.sla.fireDue()) > 0);
    const waiting = await ctx.pool.query(
      `SELECT stage, next_fire_at FROM case_sla_clocks WHERE case_id = $1 AND kind = 'first_response'`,
      [c.id],
    );
    expect(waiting.rows[0]).toEqual({ stage: 0, next_fire_at: new Date('2026-03-05T01:30:00Z') });
    expect(await ctx.app.sla.planMissingThresholds()).toBe(1);
    expect(await ctx.app.sla.fireDue()).toBe(1); // 50 %
    expect(await ctx.app.sla.fireDue()).toBe(1); // 80 %
    expect(await ctx.app.sla.fireDue()).toBe(0);
    const fired = await ctx.pool.query(
      `SELECT payload->>'percent' AS percent FROM outbox WHERE type = 'case.sla_warning' AND payload->>'caseId' = $1
         AND payload->>'clock' = 'first_response' ORDER BY position`,
      [c.id],
    );
    expect(fired.rows.map((r) => r.percent)).toEqual(['50', '80']);
    const after = await ctx.pool.query(
      `SELECT stage, next_fire_at FROM case_sla_clocks WHERE case_id = $1 AND kind = 'first_response'`,
      [c.id],
    );
    expect(after.rows[0]).toEqual({ stage: 2, next_fire_at: new Date('2026-03-05T02:00:00Z') });
  });
});

describe('complaints register', () => {
  it('filters overdue complaints, extends a China complaint once, exports CSV and writes the final letter in Chinese', async () => {
    await moveClock('2026-03-02T02:00:00Z');
    const c = (
      await call(agent, 'POST', '/cases', {
        type: 'complaint',
        subject: '年费重复扣收',
        customerId,
        product: 'credit_card',
      })
    ).json();
    expect((await call(agent, 'GET', '/cases?view=complaints')).statusCode).toBe(403);
    await moveClock('2026-03-20T02:00:00Z');
    const overdue = (await call(officer, 'GET', '/cases?view=complaints&overdue=true&sort=due')).json().items;
    expect(overdue.map((x: { id: string }) => x.id)).toContain(c.id);
    const ext = await call(officer, 'POST', `/cases/${c.id}/extension`, {
      reason: 'Waiting for card scheme',
    });
    expect(ext.json().regulatoryDueAt).toBe('2026-04-01T16:00:00.000Z');
    expect(
      (await call(officer, 'POST', `/cases/${c.id}/extension`, { reason: 'again' })).json().error.code,
    ).toBe('CASE_EXTENSION_NOT_ALLOWED');
    expect((await call(agent, 'POST', `/cases/${c.id}/extension`, { reason: 'x' })).statusCode).toBe(403);
    await call(agent, 'POST', `/cases/${c.id}/status`, {
      version: 2,
      status: 'resolved',
      resolution: '已退还重复收取的年费。',
      rootCause: '系统批处理重复执行',
    });
    const csv = await call(officer, 'GET', '/complaints/export.csv?from=2026-03-01&to=2026-04-01');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain(c.number);
    expect(csv.body).toContain('系统批处理重复执行');
    // No cell starts what a spreadsheet would run as a formula.
    expect(csv.body).not.toMatch(/(^|,)"[=+@\t\r]/m);
    expect(
      (await call(agent, 'GET', '/complaints/export.csv?from=2026-03-01&to=2026-04-01')).statusCode,
    ).toBe(403);
    const pdf = await call(officer, 'GET', `/cases/${c.id}/letter.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.length).toBeLessThan(200_000); // the CJK font is subset
    expect(pdf.headers['content-disposition']).toContain('zh-CN');
    const audit = await ctx.pool.query(
      `SELECT action FROM audit_log WHERE action IN ('cases.complaints_exported', 'cases.letter_generated', 'cases.deadline_extended')`,
    );
    expect(audit.rows.map((r) => r.action).sort()).toEqual([
      'cases.complaints_exported',
      'cases.deadline_extended',
      'cases.letter_generated',
    ]);
  });
});

describe('the filters of a case view', () => {
  it('offer each value found there with its count, to those who may see the view', async () => {
    const fees = await ctx.app.reasons.createReason(null, {
      code: 'facet_fees',
      names: { en: 'Fees', 'zh-CN': '费用', vi: 'Phí' },
    });
    const voice = await call(agent, 'POST', '/cases', {
      type: 'complaint',
      subject: 'Phí SMS Banking',
      categoryId: fees.id,
      product: 'facet_sms',
      channel: 'voice',
      customerId,
    });
    expect(voice.statusCode).toBe(201);
    const letter = await call(otherAgent, 'POST', '/cases', {
      type: 'complaint',
      subject: 'Phí SMS Banking (thư)',
      product: 'facet_sms',
      channel: 'letter',
    });
    expect(letter.statusCode).toBe(201);
    // An inquiry's product is no value of the complaints register.
    await call(agent, 'POST', '/cases', { type: 'inquiry', subject: 'x', product: 'facet_inquiry_only' });

    const res = await call(officer, 'GET', '/cases/facets?view=complaints');
    expect(res.statusCode).toBe(200);
    const facets = res.json();
    expect(facets.product).toContainEqual({ value: 'facet_sms', label: 'facet_sms', count: 2 });
    expect(facets.product.map((p: { value: string }) => p.value)).not.toContain('facet_inquiry_only');
    expect(facets.category).toContainEqual({
      value: fees.id,
      label: 'facet_fees',
      names: { en: 'Fees', 'zh-CN': '费用', vi: 'Phí' },
      count: 1,
    });
    expect(facets.owner.map((o: { value: string }) => o.value)).toEqual(
      expect.arrayContaining([agent.userId, otherAgent.userId]),
    );
    expect(facets.branch.map((b: { value: string }) => b.value)).toEqual(
      expect.arrayContaining([shanghai, hanoi]),
    );
    expect(facets.channel.map((c: { value: string }) => c.value)).toEqual(
      expect.arrayContaining(['voice', 'letter']),
    );
    // Each value filters the register to exactly its count.
    const param = {
      owner: 'ownerId',
      branch: 'branchId',
      category: 'categoryId',
      product: 'product',
      channel: 'channel',
    } as const;
    for (const facet of Object.keys(param) as (keyof typeof param)[]) {
      for (const v of facets[facet] as { value: string; count: number }[]) {
        const list = await call(
          officer,
          'GET',
          `/cases?view=complaints&limit=200&${param[facet]}=${encodeURIComponent(v.value)}`,
        );
        expect([facet, v.value, list.json().items.length]).toEqual([facet, v.value, v.count]);
      }
    }

    // Who may see what: no register for an agent, only one's own cases in "mine", only one's
    // team in "team", nothing without a session, and a view that does not exist is refused.
    expect((await call(agent, 'GET', '/cases/facets?view=complaints')).statusCode).toBe(403);
    const mine = (await call(otherAgent, 'GET', '/cases/facets?view=mine')).json();
    expect(mine.owner.map((o: { value: string }) => o.value)).toEqual([otherAgent.userId]);
    const team = (await call(supervisor, 'GET', '/cases/facets?view=team')).json();
    expect(team.owner.map((o: { value: string }) => o.value)).toContain(agent.userId);
    const otherTeam = (await call(otherSupervisor, 'GET', '/cases/facets?view=team')).json();
    expect(otherTeam.owner.map((o: { value: string }) => o.value)).not.toContain(agent.userId);
    expect((await call(cardCenter, 'GET', '/cases/facets?view=team')).statusCode).toBe(403);
    expect((await call(null, 'GET', '/cases/facets?view=mine')).statusCode).toBe(401);
    const bad = await call(officer, 'GET', '/cases/facets?view=everything', undefined, 'vi');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('business calendars', () => {
  it('lists the seeded CN and VN calendars; an admin stores an edited one, which SLA deadlines then use', async () => {
    expect((await call(agent, 'GET', '/admin/case-calendars')).statusCode).toBe(403);
    const list = (await call(admin, 'GET', '/admin/case-calendars')).json().items;
    const vn = list.find((c: { code: string }) => c.code === 'VN');
    expect(vn).toMatchObject({ seeded: true, timeZone: 'Asia/Ho_Chi_Minh' });
    const bad = await call(
      admin,
      'PUT',
      '/admin/case-calendars/VN',
      { ...vn, seeded: undefined, code: undefined, timeZone: 'Mars/Olympus' },
      'zh-CN',
    );
    expect(bad.json().error).toMatchObject({
      code: 'CASE_CALENDAR_INVALID',
      message: '工作日历无效：time zone Mars/Olympus。',
    });
    const { seeded: _s, code: _c, ...body } = vn;
    const saved = await call(admin, 'PUT', '/admin/case-calendars/VN', {
      ...body,
      holidays: [...vn.holidays, { date: '2026-03-04', name: 'Bank day' }],
    });
    expect(saved.statusCode).toBe(200);
    const stored = await ctx.pool.query(`SELECT holidays FROM case_calendars WHERE code = 'VN'`);
    expect(stored.rows[0].holidays.at(-1)).toEqual({ date: '2026-03-04', name: 'Bank day' });
    expect(await ctx.app.sla.calendarOf('VN')).toMatchObject({
      holidays: expect.arrayContaining([{ date: '2026-03-04', name: 'Bank day' }]),
    });
  });
});

describe('customer status page', () => {
  it('opens from a signed link and shows only customer-visible updates; a tampered link is refused', async () => {
    const c = (
      await call(agent, 'POST', '/cases', {
        type: 'service_request',
        subject: 'New card',
        customFields: { amount: { amount: '0', currency: 'VND' } },
        customerId,
      })
    ).json();
    await call(agent, 'POST', `/cases/${c.id}/notes`, { visibility: 'internal', body: 'internal only' });
    await call(agent, 'POST', `/cases/${c.id}/notes`, {
      visibility: 'customer',
      body: 'Your card is on its way.',
    });
    const link = (await call(agent, 'POST', `/cases/${c.id}/status-link`)).json();
    expect(link.url).toContain('/case-status?token=');
    const page = await call(null, 'GET', `/public/case-status?token=${encodeURIComponent(link.token)}`);
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ number: c.number, updates: [{ body: 'Your card is on its way.' }] });
    const tampered = `${link.token.slice(0, -2)}xx`;
    expect(
      (await call(null, 'GET', `/public/case-status?token=${encodeURIComponent(tampered)}`)).statusCode,
    ).toBe(403);
    expect((await call(cardCenter, 'POST', `/cases/${c.id}/status-link`)).statusCode).toBe(404);
  });
});
