// Contact facts from real conversation events, the reports and wallboard over them, and who may see what.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestContext, type Session, signInAs, type TestContext } from '../../../test/harness.ts';
import { applyFactEvent } from './analytics.facts.ts';

let ctx: TestContext;
let queueId: string;
let agentA: Session;
let agentB: Session;
let lead: Session;
let otherLead: Session;
let analyst: Session;
let start: Date;

const settle = async () => {
  for (let i = 0; i < 5; i++) await ctx.app.events.dispatchPending();
};

const facts = async () =>
  (
    await ctx.pool.query(
      `SELECT conversation_id, queue_id, agent_id, first_agent_id, reason_id, wait_seconds, handle_seconds, transfers, rating,
          answered_at IS NOT NULL AS answered, abandoned_at IS NOT NULL AS abandoned, closed_at IS NOT NULL AS closed
        FROM analytics_contact_facts ORDER BY offered_at, conversation_id`,
    )
  ).rows;

const segments = async () =>
  (
    await ctx.pool.query(
      `SELECT agent_id, extract(epoch FROM ended_at - started_at)::int AS seconds FROM analytics_handle_segments ORDER BY started_at`,
    )
  ).rows;

const get = (session: Session | null, url: string, headers: Record<string, string> = {}) =>
  ctx.app.http.inject({ method: 'GET', url, headers: session ? as(session, headers) : headers });

const period = () =>
  `from=${encodeURIComponent(new Date(start.getTime() - 3_600_000).toISOString())}&to=${encodeURIComponent(
    new Date(start.getTime() + 3_600_000).toISOString(),
  )}`;

beforeAll(async () => {
  ctx = await createTestContext();
  // A fixed morning: from the wall clock, the minutes advanced below could cross local midnight,
  // where the wallboard's "today" starts again.
  ctx.clock.set('2027-01-13T02:00:00Z');
  start = ctx.clock.now();
  const team = await ctx.app.staff.createTeam(null, { name: 'Cards chat' });
  const otherTeam = await ctx.app.staff.createTeam(null, { name: 'Loans chat' });
  agentA = await signInAs(ctx, { username: 'an.agent.a', roles: ['agent'], teamIds: [team.id] });
  agentB = await signInAs(ctx, { username: 'an.agent.b', roles: ['agent'], teamIds: [team.id] });
  lead = await signInAs(ctx, { username: 'an.lead', roles: ['supervisor'], teamIds: [team.id] });
  otherLead = await signInAs(ctx, { username: 'an.other', roles: ['supervisor'], teamIds: [otherTeam.id] });
  analyst = await signInAs(ctx, { username: 'an.analyst', roles: ['quality_analyst'] });
  queueId = crypto.randomUUID();
  await ctx.pool.query(
    `INSERT INTO routing_queues (id, code, name, channels) VALUES ($1, 'chat_cards', 'Cards chat', '{chat}')`,
    [queueId],
  );
  for (const agent of [agentA, agentB]) {
    await ctx.app.routing.setAgentState(agent.userId, 'available');
    await ctx.app.routing.setCapacity(agent.userId, 'chat', 2);
  }

  // 1: answered after 10 s by A, transferred to B after 240 s, B chats 180 s, wraps up 30 s, rated 5.
  const first = await ctx.app.conversations.startConversation({ channel: 'chat', queueId, language: 'vi' });
  ctx.clock.advance(10_000);
  const offer = await ctx.app.routing.routeOnce(queueId);
  await settle();
  await ctx.app.routing.accept(agentA.userId, offer?.itemId as string);
  await settle();
  ctx.clock.advance(240_000);
  expect(
    await ctx.app.conversations.transfer({
      conversationId: first.id,
      byAgentId: agentA.userId,
      toAgentId: agentB.userId,
    }),
  ).toBe('ok');
  await settle();
  ctx.clock.advance(180_000);
  await ctx.app.conversations.wrapUp(first.id, agentB.userId);
  ctx.clock.advance(30_000);
  const reason = await ctx.app.reasons.createReason(null, {
    code: 'card_blocked',
    names: { en: 'Card blocked', 'zh-CN': '卡被锁', vi: 'Thẻ bị khóa' },
  });
  await ctx.app.conversations.close({
    conversationId: first.id,
    by: 'agent',
    agentId: agentB.userId,
    contactReasonId: reason.id,
  });
  await ctx.app.conversations.rate(first.id, 5, null);
  // 2: the customer gives up after 40 s. 3: a misdial, gone after 3 s (a short abandon).
  const second = await ctx.app.conversations.startConversation({ channel: 'chat', queueId, language: 'vi' });
  ctx.clock.advance(40_000);
  await ctx.app.conversations.close({ conversationId: second.id, by: 'customer' });
  const third = await ctx.app.conversations.startConversation({ channel: 'chat', queueId, language: 'vi' });
  ctx.clock.advance(3_000);
  await ctx.app.conversations.close({ conversationId: third.id, by: 'customer' });
  await settle();
  // B was away for the last 100 s of the story (signed in, not available), and is back now.
  ctx.clock.advance(-100_000);
  await ctx.app.routing.setAgentState(agentB.userId, 'away', 'break');
  ctx.clock.advance(100_000);
  await ctx.app.routing.setAgentState(agentB.userId, 'available');
  await settle();
});
afterAll(async () => ctx?.close());

describe('contact facts', () => {
  it('are built from the conversation events: wait, handle time, transfer, reason, rating, abandons', async () => {
    const rows = await facts();
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({
      queue_id: queueId,
      agent_id: agentB.userId,
      first_agent_id: agentA.userId,
      wait_seconds: 10,
      handle_seconds: 450,
      transfers: 1,
      rating: 5,
      answered: true,
      abandoned: false,
      closed: true,
    });
    expect(rows[0].reason_id).not.toBeNull();
    expect(rows[1]).toMatchObject({
      answered: false,
      abandoned: true,
      wait_seconds: 40,
      handle_seconds: null,
    });
    expect(rows[2]).toMatchObject({ answered: false, abandoned: true, wait_seconds: 3 });
    // The transfer splits the handle time: A 240 s, B 180 s chat + 30 s wrap-up.
    expect(await segments()).toEqual([
      { agent_id: agentA.userId, seconds: 240 },
      { agent_id: agentB.userId, seconds: 210 },
    ]);
  });

  it('applying an event again changes nothing, and a rebuild from the log gives the same rows', async () => {
    const before = await facts();
    const beforeSegments = await segments();
    const states = async () =>
      (await ctx.pool.query('SELECT * FROM analytics_agent_state_facts ORDER BY since, event_id')).rows;
    const beforeStates = await states();
    // Both agents' first state (available) and B's away and back: from routing's own events.
    expect(beforeStates.map((r) => r.state)).toEqual(['available', 'available', 'away', 'available']);
    const { rows } = await ctx.pool.query(
      `SELECT position, id, type, payload FROM outbox WHERE type LIKE 'conversation.%' ORDER BY position`,
    );
    for (const r of rows) await applyFactEvent(ctx.app.db, { ...r, position: Number(r.position) });
    expect(await facts()).toEqual(before);
    expect(await segments()).toEqual(beforeSegments);
    const rollups = async () =>
      (await ctx.pool.query('SELECT * FROM analytics_hourly ORDER BY hour, queue_id, channel')).rows;
    const beforeRollups = await rollups();
    expect(beforeRollups.reduce((n, r) => n + r.offered, 0)).toBe(3);
    const progress: number[] = [];
    const result = await ctx.app.analytics.rebuild((done) => progress.push(done));
    expect(result.events).toBeGreaterThan(8);
    // 16 contact chunks, then the case / ticket replay.
    expect(progress.at(-1)).toBe(17);
    expect(await rollups()).toEqual(beforeRollups);
    expect(await facts()).toEqual(before);
    expect(await segments()).toEqual(beforeSegments);
    expect(await states()).toEqual(beforeStates);
  });
});

describe('reports', () => {
  it('give the KPIs of metrics.md for a period and a queue', async () => {
    const res = await get(analyst, `/api/v1/analytics/reports/contacts?${period()}&queueId=${queueId}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.granularity).toBe('hour');
    expect(body.totals).toMatchObject({
      offered: 3,
      answered: 1,
      abandoned: 1,
      shortAbandoned: 1,
      answeredWithinThreshold: 1,
      serviceLevelAnswered: 1,
      serviceLevelOffered: 0.5,
      abandonmentRate: 0.5,
      asaSeconds: 10,
      ahtSeconds: 450,
      csat: 1,
      ratings: 1,
      transfers: 1,
    });
    expect(body.series.reduce((n: number, s: { offered: number }) => n + s.offered, 0)).toBe(3);
    expect(body.heatmap.reduce((n: number, h: { offered: number }) => n + h.offered, 0)).toBe(3);
    expect(body.byQueue).toEqual([{ queueId, name: 'Cards chat', offered: 3, answered: 1 }]);

    const other = await get(
      analyst,
      `/api/v1/analytics/reports/contacts?${period()}&queueId=${crypto.randomUUID()}`,
    );
    expect(other.json().totals.offered).toBe(0);
    expect(other.json().totals.serviceLevelOffered).toBeNull();
  });

  it('drill down to the contacts behind a number', async () => {
    const res = await get(analyst, `/api/v1/analytics/reports/contacts/list?${period()}&outcome=abandoned`);
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(2);
    const answered = await get(
      analyst,
      `/api/v1/analytics/reports/contacts/list?${period()}&outcome=answered`,
    );
    expect(answered.json().items).toEqual([
      expect.objectContaining({ agentName: 'an.agent.b', reason: 'card_blocked', transfers: 1, rating: 5 }),
    ]);
  });

  it('per-agent scorecards split a transferred contact', async () => {
    const res = await get(lead, `/api/v1/analytics/reports/agents?${period()}`);
    expect(res.statusCode).toBe(200);
    const byName = Object.fromEntries(
      res.json().items.map((i: { displayName: string }) => [i.displayName, i]),
    );
    expect(byName['an.agent.a']).toMatchObject({ handled: 1, ahtSeconds: 240, transfersOut: 1, ratings: 0 });
    expect(byName['an.agent.b']).toMatchObject({ handled: 1, ahtSeconds: 210, transfersOut: 0, csat: 1 });
    // Occupancy and utilization from routing's state changes: both agents available since the start
    // (503 s ago), A busy 240 s, B 210 s; B was away for the last 100 s (signed in, not available).
    expect(byName['an.agent.a']).toMatchObject({ staffedSeconds: 503 });
    expect(byName['an.agent.a'].occupancy).toBeCloseTo(240 / 503, 6);
    expect(byName['an.agent.a'].utilization).toBeCloseTo(240 / 503, 6);
    expect(byName['an.agent.b']).toMatchObject({ staffedSeconds: 503 });
    expect(byName['an.agent.b'].occupancy).toBeCloseTo(210 / 403, 6);
    expect(byName['an.agent.b'].utilization).toBeCloseTo(210 / 503, 6);
    // Another team's supervisor sees no one of this team, and may not ask for them.
    expect((await get(otherLead, `/api/v1/analytics/reports/agents?${period()}`)).json().items).toEqual([]);
    const forbidden = await get(
      otherLead,
      `/api/v1/analytics/reports/contacts?${period()}&agentId=${agentA.userId}`,
    );
    expect(forbidden.statusCode).toBe(403);
    const names = await get(
      otherLead,
      `/api/v1/analytics/reports/contacts/list?${period()}&outcome=answered`,
    );
    expect(names.json().items[0].agentName).toBeNull();
  });

  it('export CSV and XLSX, audited', async () => {
    const csv = await get(analyst, `/api/v1/analytics/reports/contacts/export?${period()}&format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Period start,Offered,Answered');
    const xlsx = await get(
      analyst,
      `/api/v1/analytics/reports/contacts/export?${period()}&format=xlsx&queueId=${queueId}`,
    );
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toMatch(/\.xlsx"$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Contacts');
    expect(sheet?.getRow(1).getCell(2).value).toBe('Offered');
    const total = sheet?.getRow(sheet.rowCount);
    expect(total?.getCell(1).value).toBe('Total');
    expect(total?.getCell(2).value).toBe(3);
    expect(book.getWorksheet('Filters')?.getColumn(1).values).toContain('queueId');
    const audit = await ctx.pool.query(
      `SELECT actor_name, details->>'format' AS format FROM audit_log WHERE action = 'analytics.exported' ORDER BY seq`,
    );
    expect(audit.rows).toEqual([
      { actor_name: 'an.analyst', format: 'csv' },
      { actor_name: 'an.analyst', format: 'xlsx' },
    ]);
  });

  it('refuse bad input with a stable code in the user’s language, and people without reports', async () => {
    const backwards = await get(
      analyst,
      `/api/v1/analytics/reports/contacts?from=${encodeURIComponent(start.toISOString())}&to=${encodeURIComponent(
        new Date(start.getTime() - 1000).toISOString(),
      )}`,
      { 'accept-language': 'zh-CN' },
    );
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.code).toBe('ANALYTICS_INVALID_PERIOD');
    expect(backwards.json().error.message).toContain('366');
    const hourlyYear = await get(
      analyst,
      `/api/v1/analytics/reports/contacts?from=2025-01-01T00:00:00Z&to=2025-12-01T00:00:00Z&granularity=hour`,
    );
    expect(hourlyYear.json().error.code).toBe('ANALYTICS_INVALID_PERIOD');
    expect(
      (await get(analyst, `/api/v1/analytics/reports/contacts?${period()}&timeZone=Mars/Base`)).statusCode,
    ).toBe(400);
    expect(
      (await get(analyst, `/api/v1/analytics/reports/contacts?${period()}&queueId=nope`)).statusCode,
    ).toBe(400);
    expect((await get(agentA, `/api/v1/analytics/reports/contacts?${period()}`)).statusCode).toBe(403);
    expect(
      (await get(agentA, `/api/v1/analytics/reports/contacts/export?${period()}&format=csv`)).statusCode,
    ).toBe(403);
    expect((await get(null, `/api/v1/analytics/reports/contacts?${period()}`)).statusCode).toBe(401);
  });

  it('list the queues to filter by for every report viewer (names only), not for agents', async () => {
    const { rows } = await ctx.pool.query('SELECT id, name FROM routing_queues ORDER BY name');
    expect(rows.length).toBeGreaterThan(0);
    for (const viewer of [analyst, lead]) {
      const listed = await get(viewer, '/api/v1/analytics/queues');
      expect(listed.statusCode).toBe(200);
      expect(listed.json().items).toEqual(rows.map((r) => ({ id: r.id, name: r.name })));
    }
    expect((await get(agentA, '/api/v1/analytics/queues')).statusCode).toBe(403);
    expect((await get(null, '/api/v1/analytics/queues')).statusCode).toBe(401);
  });
});

describe('wallboard', () => {
  it('shows today per queue and overall, and agents by state, to supervisors only', async () => {
    const res = await get(lead, '/api/v1/analytics/wallboard');
    expect(res.statusCode).toBe(200);
    const board = res.json();
    expect(board.overall).toMatchObject({
      waiting: 0,
      offeredToday: 3,
      answeredToday: 1,
      abandonedToday: 1,
      serviceLevelToday: 0.5,
      asaSeconds: 10,
      csatToday: 1,
    });
    expect(board.queues).toEqual([expect.objectContaining({ id: queueId, offeredToday: 3 })]);
    expect(board.agents.available + board.agents.busy).toBe(2);
    expect((await get(agentA, '/api/v1/analytics/wallboard')).statusCode).toBe(403);
    expect((await get(analyst, '/api/v1/analytics/wallboard')).statusCode).toBe(403);
  });

  it('moves as a new chat waits', async () => {
    await ctx.app.conversations.startConversation({ channel: 'chat', queueId, language: 'en' });
    ctx.clock.advance(5_000);
    await settle();
    const board = (await get(lead, '/api/v1/analytics/wallboard')).json();
    expect(board.overall.waiting).toBe(1);
    expect(board.overall.offeredToday).toBe(4);
  });

  it("counts each queue's agents by state: those with its channel and its skills", async () => {
    const skillId = crypto.randomUUID();
    const [email, skilled] = [crypto.randomUUID(), crypto.randomUUID()];
    await ctx.pool.query(
      `INSERT INTO routing_queues (id, code, name, channels, required_skills) VALUES
        ($1, 'an_email', 'Email', '{email}', '[]'),
        ($2, 'an_skilled', 'Skilled chat', '{chat}', $3::jsonb)`,
      [email, skilled, JSON.stringify([{ skillId, minProficiency: 3 }])],
    );
    try {
      const board = (await get(lead, '/api/v1/analytics/wallboard')).json();
      const agentsOf = (id: string) =>
        (board.queues as Array<{ id: string; agents: Record<string, number> }>).find((q) => q.id === id)
          ?.agents;
      const total = (a: Record<string, number> | undefined) =>
        Object.values(a ?? {}).reduce((x, y) => x + y, 0);
      // Every agent of the team takes chat: the chat queue counts them as the overall figure does.
      expect(total(agentsOf(queueId))).toBeGreaterThanOrEqual(2);
      expect(agentsOf(queueId)).toEqual(board.agents);
      // Every agent has an email capacity by default; nobody has the skill yet.
      expect(agentsOf(email)).toEqual(board.agents);
      expect(agentsOf(skilled)).toEqual({ available: 0, busy: 0, away: 0, offline: 0 });
      await ctx.pool.query(`UPDATE routing_agent_channels SET capacity = 0 WHERE channel = 'email'`);
      const noEmail = (await get(lead, '/api/v1/analytics/wallboard')).json();
      expect(
        (noEmail.queues as Array<{ id: string; agents: Record<string, number> }>).find((q) => q.id === email)
          ?.agents,
      ).toEqual({ available: 0, busy: 0, away: 0, offline: 0 });
      await ctx.pool.query(
        'INSERT INTO routing_agent_skills (user_id, skill_id, proficiency) VALUES ($1, $2, 4)',
        [agentA.userId, skillId],
      );
      const after = (await get(lead, '/api/v1/analytics/wallboard')).json();
      const skilledAfter = (after.queues as Array<{ id: string; agents: Record<string, number> }>).find(
        (q) => q.id === skilled,
      )?.agents;
      expect(total(skilledAfter)).toBe(1);
    } finally {
      await ctx.pool.query(`UPDATE routing_agent_channels SET capacity = 5 WHERE channel = 'email'`);
      await ctx.pool.query('DELETE FROM routing_agent_skills WHERE skill_id = $1', [skillId]);
      await ctx.pool.query('DELETE FROM routing_queues WHERE id = ANY($1)', [[email, skilled]]);
    }
  });
});
