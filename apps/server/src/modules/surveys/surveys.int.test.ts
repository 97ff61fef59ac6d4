// Surveys: definitions, the invitation after a chat closes (sampling, once per N days, quiet hours),
// the signed one-time link (not forgeable, not replayable), masked answers, the feedback event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestContext, type Session, signInAs, type TestContext } from '../../../test/harness.ts';
import { outsideQuietHours, sampleOf } from './surveys.service.ts';

let ctx: TestContext;
let analyst: Session;
let lead: Session;
let queueId: string;
let customerId: string;
const agentId = crypto.randomUUID();

const settle = async () => {
  for (let i = 0; i < 5; i++) await ctx.app.events.dispatchPending();
};

/** A chat from queue to close, for the customer; returns the conversation id. */
async function chat(customer: string | null): Promise<string> {
  const { id } = await ctx.app.conversations.startConversation({
    channel: 'chat',
    queueId,
    language: 'vi',
    customerId: customer,
  });
  const offer = await ctx.app.routing.routeOnce(queueId);
  await settle();
  await ctx.app.routing.accept(agentId, offer?.itemId as string);
  await settle();
  await ctx.app.conversations.wrapUp(id, agentId);
  const reason = (await ctx.pool.query('SELECT id FROM contact_reasons LIMIT 1')).rows[0].id;
  await ctx.app.conversations.close({ conversationId: id, by: 'agent', agentId, contactReasonId: reason });
  await settle();
  return id;
}

const invitations = async () =>
  (
    await ctx.pool.query(
      `SELECT payload FROM outbox WHERE type = 'survey.invitation_queued' ORDER BY position`,
    )
  ).rows.map((r) => r.payload);

beforeAll(async () => {
  ctx = await createTestContext({ publicUrl: 'https://cc.bank.example' });
  analyst = await signInAs(ctx, { username: 'sv.analyst', roles: ['quality_analyst'] });
  lead = await signInAs(ctx, { username: 'sv.lead', roles: ['supervisor'] });
  queueId = crypto.randomUUID();
  await ctx.pool.query(
    `INSERT INTO routing_queues (id, code, name, channels) VALUES ($1, 'sv_chat', 'Chat', '{chat}')`,
    [queueId],
  );
  await ctx.app.routing.setAgentState(agentId, 'available');
  await ctx.app.routing.setCapacity(agentId, 'chat', 5);
  await ctx.app.reasons.createReason(null, {
    code: 'cards',
    names: { en: 'Cards', 'zh-CN': '银行卡', vi: 'Thẻ' },
  });
  customerId = (
    await ctx.app.customers.createCustomer({ customerNo: 'C0009001', fullName: 'Nguyễn Thị Thu Hà' })
  ).id;
});
afterAll(async () => ctx?.close());

describe('survey definitions', () => {
  it('are created by a quality analyst with the standard questions, audited; not by a team supervisor', async () => {
    const res = await ctx.app.http.inject({
      method: 'POST',
      url: '/api/v1/surveys',
      headers: as(analyst),
      payload: { code: 'csat.chat', kind: 'csat', trigger: 'chat_closed', minDaysBetween: 30 },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().questions.map((q: { id: string }) => q.id)).toEqual(['score', 'comment']);
    const audit = await ctx.pool.query(`SELECT actor_name FROM audit_log WHERE action = 'survey.created'`);
    expect(audit.rows).toEqual([{ actor_name: 'sv.analyst' }]);
    const denied = await ctx.app.http.inject({
      method: 'POST',
      url: '/api/v1/surveys',
      headers: as(lead),
      payload: { code: 'nps.chat', kind: 'nps', trigger: 'chat_closed' },
    });
    expect(denied.statusCode).toBe(403);
    const custom = await ctx.app.http.inject({
      method: 'POST',
      url: '/api/v1/surveys',
      headers: as(analyst, { 'accept-language': 'vi' }),
      payload: { code: 'custom.x', kind: 'custom', trigger: 'chat_closed' },
    });
    expect(custom.json().error.code).toBe('SURVEY_QUESTIONS_REQUIRED');
    expect(custom.json().error.message).toContain('Khảo sát');
    const twice = await ctx.app.http.inject({
      method: 'POST',
      url: '/api/v1/surveys',
      headers: as(analyst),
      payload: { code: 'csat.chat', kind: 'csat', trigger: 'chat_closed' },
    });
    expect(twice.statusCode).toBe(409);
    expect((await ctx.pool.query('SELECT count(*)::int AS n FROM survey_definitions')).rows[0].n).toBe(1);
  });
});

describe('after a chat closes', () => {
  let url: string;

  it('queues one signed link for the customer, then none within the minimum days', async () => {
    const conversationId = await chat(customerId);
    const [first] = await invitations();
    expect(first).toMatchObject({ customerId, language: 'vi' });
    expect(first.url).toMatch(/^https:\/\/cc\.bank\.example\/survey\?token=[\w-]+\.[\w-]+$/);
    url = first.url;
    const stored = await ctx.pool.query('SELECT conversation_id, agent_id, queue_id FROM survey_invitations');
    expect(stored.rows).toEqual([{ conversation_id: conversationId, agent_id: agentId, queue_id: queueId }]);
    await chat(customerId);
    await chat(null); // anonymous: nobody to send it to
    expect(await invitations()).toHaveLength(1);
  });

  it('the link shows the survey in the customer’s language, takes one answer, masks card numbers', async () => {
    const token = new URL(url).searchParams.get('token') as string;
    const page = await ctx.app.http.inject({ method: 'GET', url: `/api/v1/public/survey?token=${token}` });
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ kind: 'csat', language: 'vi' });
    expect(page.json().questions[0]).toMatchObject({ id: 'score', min: 1, max: 5 });
    expect(page.json().questions[0].text).toContain('hài lòng');
    const zh = await ctx.app.http.inject({
      method: 'GET',
      url: `/api/v1/public/survey?token=${token}&lang=zh-CN`,
    });
    expect(zh.json().questions[0].text).toContain('满意');

    const bad = await ctx.app.http.inject({
      method: 'POST',
      url: `/api/v1/public/survey?token=${token}`,
      payload: { answers: { score: 9 } },
    });
    expect(bad.json().error.code).toBe('SURVEY_INVALID_ANSWER');
    const ok = await ctx.app.http.inject({
      method: 'POST',
      url: `/api/v1/public/survey?token=${token}`,
      payload: { answers: { score: 5, comment: 'Thẻ 4111 1111 1111 1111 đã được khóa nhanh' } },
    });
    expect(ok.statusCode).toBe(201);
    const { rows } = await ctx.pool.query('SELECT score, answers, agent_id, queue_id FROM survey_responses');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ score: 5, agent_id: agentId, queue_id: queueId });
    expect(rows[0].answers.comment).not.toContain('4111 1111 1111 1111');
    const feedback = await ctx.pool.query(`SELECT payload FROM outbox WHERE type = 'feedback.submitted'`);
    expect(feedback.rows[0].payload).toMatchObject({
      source: 'link',
      kind: 'csat',
      score: 5,
      agentId,
      queueId,
    });

    // The answer is the contact's rating in the analytics facts (wallboard CSAT, reports).
    await settle();
    const fact = await ctx.pool.query(
      'SELECT rating FROM analytics_contact_facts WHERE conversation_id = $1',
      [feedback.rows[0].payload.conversationId],
    );
    expect(fact.rows).toEqual([{ rating: 5 }]);
    await ctx.app.analytics.rebuild();
    const rebuilt = await ctx.pool.query(
      'SELECT rating FROM analytics_contact_facts WHERE conversation_id = $1',
      [feedback.rows[0].payload.conversationId],
    );
    expect(rebuilt.rows).toEqual([{ rating: 5 }]);
    const replay = await ctx.app.http.inject({
      method: 'POST',
      url: `/api/v1/public/survey?token=${token}`,
      payload: { answers: { score: 1 } },
    });
    expect(replay.statusCode).toBe(410);
    expect(replay.json().error.code).toBe('SURVEY_ALREADY_ANSWERED');
    expect((await ctx.pool.query('SELECT count(*)::int AS n FROM survey_responses')).rows[0].n).toBe(1);
  });

  it('a forged or tampered link is not found', async () => {
    const token = new URL(url).searchParams.get('token') as string;
    const [body, mac] = token.split('.') as [string, string];
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString());
    const forged = `${Buffer.from(JSON.stringify({ ...payload, inv: crypto.randomUUID() })).toString('base64url')}.${mac}`;
    for (const t of [forged, `${body}.${'A'.repeat(mac.length)}`, 'not-a-token-at-all']) {
      const res = await ctx.app.http.inject({
        method: 'GET',
        url: `/api/v1/public/survey?token=${encodeURIComponent(t)}`,
      });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('SURVEY_LINK_INVALID');
    }
    // Expired: past the link's validity the same token is refused.
    ctx.clock.advance(8 * 86_400_000);
    const expired = await ctx.app.http.inject({ method: 'GET', url: `/api/v1/public/survey?token=${token}` });
    expect(expired.statusCode).toBe(404);
  });
});

describe('rules', () => {
  it('sampling is fixed by the contact id', () => {
    const ids = Array.from(
      { length: 2000 },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    const share = ids.filter((id) => sampleOf(id) < 0.25).length / ids.length;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.3);
    expect(sampleOf(ids[0] as string)).toBe(sampleOf(ids[0] as string));
  });
  it('quiet hours hold a link until they end, across midnight too', () => {
    const at = new Date('2026-11-23T15:30:00Z'); // 22:30 in Ho Chi Minh City
    expect(outsideQuietHours(at, 21, 8, 'Asia/Ho_Chi_Minh').toISOString()).toBe('2026-11-24T01:00:00.000Z');
    expect(outsideQuietHours(at, null, null, 'UTC')).toEqual(at);
    const day = new Date('2026-11-23T05:00:00Z'); // 12:00 local, not quiet
    expect(outsideQuietHours(day, 21, 8, 'Asia/Ho_Chi_Minh')).toEqual(day);
  });
});

describe('turning a survey off', () => {
  // Fresh sessions: the tests above move the clock past the earlier ones' lifetime.
  let analyst: Session;
  let lead: Session;
  beforeAll(async () => {
    analyst = await signInAs(ctx, { username: 'sv.analyst2', roles: ['quality_analyst'] });
    lead = await signInAs(ctx, { username: 'sv.lead2', roles: ['supervisor'] });
  });
  const patch = (session: Session, id: string, isActive: boolean) =>
    ctx.app.http.inject({
      method: 'PATCH',
      url: `/api/v1/surveys/${id}`,
      headers: as(session),
      payload: { isActive },
    });

  it('is for a quality analyst, audited; the survey is then asked nowhere', async () => {
    const created = await ctx.app.http.inject({
      method: 'POST',
      url: '/api/v1/surveys',
      headers: as(analyst),
      payload: { code: 'ces.visit.off', kind: 'ces', trigger: 'branch_visit' },
    });
    const id = created.json().id as string;
    const off = await patch(analyst, id, false);
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ id, isActive: false });
    const active = await ctx.pool.query(
      `SELECT count(*)::int AS n FROM survey_definitions WHERE is_active AND trigger = 'branch_visit'`,
    );
    expect(active.rows[0].n).toBe(0);
    expect((await patch(lead, id, true)).statusCode).toBe(403);
    const unknown = await patch(analyst, crypto.randomUUID(), true);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('SURVEY_NOT_FOUND');
    expect((await patch(analyst, id, true)).json()).toMatchObject({ isActive: true });
    const audited = await ctx.pool.query(
      `SELECT action FROM audit_log WHERE target_id = $1 AND action LIKE 'survey.%activated' ORDER BY seq`,
      [id],
    );
    expect(audited.rows.map((r) => r.action)).toEqual(['survey.deactivated', 'survey.activated']);
    await patch(analyst, id, false);
  });

  it('refuses half a quiet-hours window', async () => {
    const res = await ctx.app.http.inject({
      method: 'POST',
      url: '/api/v1/surveys',
      headers: as(analyst),
      payload: { code: 'csat.half', kind: 'csat', trigger: 'case_resolved', quietStartHour: 21 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('SURVEY_QUIET_HOURS_INVALID');
  });
});

describe('changing a survey', () => {
  it('updates sampling, quiet hours and questions, deactivates it (audited); refuses bad input and a team supervisor', async () => {
    // Fresh sessions: the tests above move the clock past the first ones' lifetime.
    const analyst = await signInAs(ctx, { username: 'sv.analyst3', roles: ['quality_analyst'] });
    const lead = await signInAs(ctx, { username: 'sv.lead3', roles: ['supervisor'] });
    const created = await ctx.app.http.inject({
      method: 'POST',
      url: '/api/v1/surveys',
      headers: as(analyst),
      payload: { code: 'ces.case.edit', kind: 'ces', trigger: 'case_resolved' },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const patch = (payload: object, session = analyst, target = id) =>
      ctx.app.http.inject({
        method: 'PATCH',
        url: `/api/v1/surveys/${target}`,
        headers: as(session),
        payload,
      });
    const changed = await patch({
      samplingRate: 0.25,
      quietStartHour: 21,
      quietEndHour: 8,
      minDaysBetween: 14,
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      code: 'ces.case.edit',
      kind: 'ces',
      samplingRate: 0.25,
      quietStartHour: 21,
      quietEndHour: 8,
      minDaysBetween: 14,
      isActive: true,
    });
    expect((await patch({ quietStartHour: null, quietEndHour: null })).json()).toMatchObject({
      quietStartHour: null,
      quietEndHour: null,
      samplingRate: 0.25,
    });

    // Midnight is an hour, not "no quiet hours" (null and 0 stay apart through validation).
    expect((await patch({ quietStartHour: 0, quietEndHour: 6 })).json()).toMatchObject({
      quietStartHour: 0,
      quietEndHour: 6,
    });
    const badScale = await patch({
      questions: [{ id: 'score', type: 'scale', min: 5, max: 1, text: { en: 'E', 'zh-CN': '中', vi: 'V' } }],
    });
    expect(badScale.statusCode).toBe(400);
    expect(badScale.json().error.code).toBe('SURVEY_INVALID_SCALE');
    expect((await patch({ timeZone: 'Mars/Base' })).json().error.code).toBe('STAFF_INVALID_TIME_ZONE');
    expect((await patch({})).statusCode).toBe(400);
    expect((await patch({ quietEndHour: null })).json().error.code).toBe('SURVEY_QUIET_HOURS_INVALID');
    expect((await patch({ isActive: false }, lead)).statusCode).toBe(403);
    const missing = await patch({ isActive: false }, analyst, crypto.randomUUID());
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('SURVEY_NOT_FOUND');

    const off = await patch({ isActive: false });
    expect(off.json().isActive).toBe(false);
    const stored = await ctx.pool.query(
      'SELECT is_active, sampling_rate FROM survey_definitions WHERE id = $1',
      [id],
    );
    expect(stored.rows).toEqual([{ is_active: false, sampling_rate: 0.25 }]);
    const audit = await ctx.pool.query(
      `SELECT action FROM audit_log WHERE target_id = $1 AND action LIKE 'survey.%' ORDER BY seq`,
      [id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'survey.created',
      'survey.updated',
      'survey.updated',
      'survey.updated',
      'survey.deactivated',
    ]);
  });
});
