// Survey results (GET /surveys/results): CSAT, NPS and CES over a period with their distribution,
// trend and NPS groups, the latest comments masked and linked; filters; reach (reports.view, teams).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestContext, type Session, signInAs, type TestContext } from '../../../test/harness.ts';

let ctx: TestContext;
let analyst: Session;
let lead: Session;
let agent: Session;
let teamA: string;
let teamB: string;
let queueId: string;
let conversationA: string;
const ticketA = crypto.randomUUID();
const branchId = crypto.randomUUID();
const DAY1 = '2026-05-04T09:00:00Z';
const DAY2 = '2026-05-05T15:00:00Z';
const period = 'from=2026-05-01T00:00:00Z&to=2026-05-08T00:00:00Z';

const results = (session: Session | null, query: string) =>
  ctx.app.http.inject({
    method: 'GET',
    url: `/api/v1/surveys/results?${query}`,
    headers: session ? as(session) : {},
  });

async function chat(): Promise<string> {
  const { id } = await ctx.app.conversations.startConversation({
    channel: 'chat',
    queueId,
    language: 'vi',
    customerId: null,
  });
  return id;
}

beforeAll(async () => {
  ctx = await createTestContext();
  teamA = (await ctx.app.staff.createTeam(null, { name: 'Results A' })).id;
  teamB = (await ctx.app.staff.createTeam(null, { name: 'Results B' })).id;
  analyst = await signInAs(ctx, { username: 'sr.analyst', roles: ['quality_analyst'] });
  lead = await signInAs(ctx, { username: 'sr.lead', roles: ['supervisor'], teamIds: [teamA] });
  agent = await signInAs(ctx, { username: 'sr.agent', roles: ['agent'], teamIds: [teamA] });
  const agentB = await signInAs(ctx, { username: 'sr.agent.b', roles: ['agent'], teamIds: [teamB] });
  queueId = crypto.randomUUID();
  await ctx.pool.query(
    `INSERT INTO routing_queues (id, code, name, channels) VALUES ($1, 'sr_chat', 'Chat', '{chat}')`,
    [queueId],
  );
  for (const payload of [
    { code: 'csat.results', kind: 'csat', trigger: 'chat_closed' },
    { code: 'nps.results', kind: 'nps', trigger: 'branch_visit' },
  ]) {
    const res = await ctx.app.http.inject({
      method: 'POST',
      url: '/api/v1/surveys',
      headers: as(analyst),
      payload,
    });
    expect(res.statusCode).toBe(201);
  }
  // Answered in place, through the same code as the widget and the pad (masking, one per contact).
  const inChat = (conversationId: string, agentId: string) => ({
    trigger: 'chat_closed' as const,
    conversationId,
    customerId: null,
    agentId,
    queueId,
    language: 'vi',
  });
  const atPad = (ticketId: string, agentId: string) => ({
    trigger: 'branch_visit' as const,
    ticketId,
    customerId: null,
    agentId,
    branchId,
    language: 'en',
  });
  ctx.clock.set(DAY1);
  conversationA = await chat();
  await ctx.app.surveys.answerInline(
    inChat(conversationA, agent.userId),
    { answers: { score: 5, comment: 'Thẻ 4111 1111 1111 1111 được khóa nhanh' } },
    'widget',
  );
  const conversationB = await chat();
  await ctx.app.surveys.answerInline(
    inChat(conversationB, agentB.userId),
    { answers: { score: 2 } },
    'widget',
  );
  ctx.clock.set(DAY2);
  await ctx.app.surveys.answerInline(
    atPad(ticketA, agent.userId),
    { answers: { score: 9, why: 'Fast and friendly' } },
    'branch_pad',
  );
  await ctx.app.surveys.answerInline(
    atPad(crypto.randomUUID(), agent.userId),
    { answers: { score: 3 } },
    'branch_pad',
  );
});
afterAll(async () => ctx?.close());

describe('GET /surveys/results', () => {
  it('gives a quality analyst CSAT, NPS and CES with distribution, trend, NPS groups and masked comments', async () => {
    const stored = await ctx.pool.query(
      `SELECT kind, score, answers FROM survey_responses ORDER BY created_at, score`,
    );
    expect(stored.rows.map((r) => [r.kind, r.score])).toEqual([
      ['csat', 2],
      ['csat', 5],
      ['nps', 3],
      ['nps', 9],
    ]);
    expect(JSON.stringify(stored.rows)).not.toContain('4111 1111 1111 1111');

    const res = await results(analyst, period);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.granularity).toBe('day');
    expect(body.csat.responses).toBe(2);
    expect(body.csat.value).toBe(0.5);
    expect(body.csat.distribution).toEqual([
      { score: 1, count: 0 },
      { score: 2, count: 1 },
      { score: 3, count: 0 },
      { score: 4, count: 0 },
      { score: 5, count: 1 },
    ]);
    expect(body.csat.trend).toEqual([{ start: '2026-05-04', responses: 2, value: 0.5 }]);
    expect(body.nps).toMatchObject({ responses: 2, value: 0 });
    expect(body.nps.distribution).toHaveLength(11);
    expect(body.nps.trend).toEqual([{ start: '2026-05-05', responses: 2, value: 0 }]);
    expect(body.npsGroups).toEqual({ promoters: 1, passives: 0, detractors: 1 });
    expect(body.ces).toMatchObject({ responses: 0, value: null, trend: [] });
    expect(body.ces.distribution.map((d: { score: number }) => d.score)).toEqual([1, 2, 3, 4, 5, 6, 7]);

    // Newest first, only answers with a comment, masked, with what to open them by.
    expect(body.comments).toHaveLength(2);
    expect(body.comments[0]).toMatchObject({
      kind: 'nps',
      score: 9,
      comment: 'Fast and friendly',
      channel: 'branch',
      ticketId: ticketA,
      conversationId: null,
    });
    expect(body.comments[1]).toMatchObject({
      kind: 'csat',
      score: 5,
      channel: 'chat',
      conversationId: conversationA,
      queueId,
    });
    expect(body.comments[1].comment).toBe('Thẻ 4111 11** **** 1111 được khóa nhanh');
    expect(body.comments[1].comment).not.toContain('4111 1111 1111 1111');
  });

  it('buckets the trend by ISO week and in the asked time zone', async () => {
    const weekly = (await results(analyst, `${period}&granularity=week`)).json();
    expect(weekly.csat.trend).toEqual([{ start: '2026-05-04', responses: 2, value: 0.5 }]);
    // 15:00 UTC on 5 May is 00:00 on 6 May in Tokyo.
    const tokyo = (await results(analyst, `${period}&timeZone=Asia/Tokyo`)).json();
    expect(tokyo.nps.trend.map((p: { start: string }) => p.start)).toEqual(['2026-05-06']);
  });

  it('filters by channel, queue and team', async () => {
    const branch = (await results(analyst, `${period}&channel=branch`)).json();
    expect([branch.csat.responses, branch.nps.responses]).toEqual([0, 2]);
    const queue = (await results(analyst, `${period}&queueId=${queueId}`)).json();
    expect([queue.csat.responses, queue.csat.value, queue.nps.responses]).toEqual([2, 0.5, 0]);
    const team = (await results(analyst, `${period}&teamId=${teamB}`)).json();
    expect([team.csat.responses, team.csat.value, team.nps.responses]).toEqual([1, 0, 0]);
    const outside = (await results(analyst, 'from=2026-06-01T00:00:00Z&to=2026-06-08T00:00:00Z')).json();
    expect([outside.csat.responses, outside.nps.responses, outside.comments]).toEqual([0, 0, []]);
  });

  it('shows a team supervisor only their teams; another team is refused', async () => {
    const own = await results(lead, period);
    expect(own.statusCode).toBe(200);
    expect([own.json().csat.responses, own.json().csat.value, own.json().nps.responses]).toEqual([1, 1, 2]);
    expect(own.json().comments).toHaveLength(2);
    const other = await results(lead, `${period}&teamId=${teamB}`);
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('AUTH_FORBIDDEN');
  });

  it('refuses an agent (403) and a signed-out caller (401)', async () => {
    const asAgent = await results(agent, period);
    expect(asAgent.statusCode).toBe(403);
    expect(asAgent.json().error.code).toBe('AUTH_FORBIDDEN');
    const signedOut = await results(null, period);
    expect(signedOut.statusCode).toBe(401);
    expect(signedOut.json().error.code).toBe('AUTH_REQUIRED');
  });

  it('explains a bad period in the reader language, and a bad time zone', async () => {
    const backwards = await ctx.app.http.inject({
      method: 'GET',
      url: '/api/v1/surveys/results?from=2026-05-08T00:00:00Z&to=2026-05-01T00:00:00Z',
      headers: { ...as(analyst), 'accept-language': 'vi' },
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.code).toBe('SURVEY_INVALID_PERIOD');
    expect(backwards.json().error.message).toContain('366');
    expect(backwards.json().error.message).toContain('Khoảng thời gian');
    const tooLong = await results(analyst, 'from=2025-01-01T00:00:00Z&to=2026-05-01T00:00:00Z');
    expect(tooLong.json().error.code).toBe('SURVEY_INVALID_PERIOD');
    const zone = await results(analyst, `${period}&timeZone=Mars/Olympus`);
    expect(zone.statusCode).toBe(400);
    expect(zone.json().error.code).toBe('STAFF_INVALID_TIME_ZONE');
    const channel = await results(analyst, `${period}&channel=CHAT!`);
    expect(channel.statusCode).toBe(400);
    expect(channel.json().error.code).toBe('VALIDATION_FAILED');
  });
});
