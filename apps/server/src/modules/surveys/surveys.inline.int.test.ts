// The survey asked in place: in the chat widget after a chat closes (the visitor's own conversation
// only) and on the branch feedback pad after a served visit (the pad's own branch and counter only).
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestContext, type Session, signInAs, type TestContext } from '../../../test/harness.ts';

let ctx: TestContext;
let analyst: Session;
let agentSession: Session;
let manager: Session;
let teller: Session;
let otherManager: Session;
let queueId: string;
let agentId: string;
let branchId: string;
let serviceId: string;
let counterId: string;
let kioskToken: string;
let padToken: string;
let otherPadToken: string;
let kioskTokenOther: string;
let otherCounterId: string;
let otherTeller: Session;
let otherServiceId: string;
let identitySecret: string;

type Json = Record<string, unknown> & { error?: { code: string; message: string } };
const api = async (
  method: string,
  url: string,
  opts: { session?: Session; visitor?: string; device?: string; lang?: string; payload?: unknown } = {},
) => {
  const lang = opts.lang ?? 'en';
  const headers: Record<string, string> = opts.session
    ? as(opts.session, { 'accept-language': lang })
    : { 'accept-language': lang };
  if (opts.visitor) headers.authorization = `Visitor ${opts.visitor}`;
  if (opts.device) headers['x-device-token'] = opts.device;
  const res = await ctx.app.http.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    headers,
    ...(opts.payload !== undefined ? { payload: opts.payload as Json } : {}),
  });
  return { status: res.statusCode, body: (res.body ? res.json() : null) as Json };
};
const settle = async () => {
  for (let i = 0; i < 6; i++) await ctx.app.events.dispatchPending();
};

async function visitorSession(customerNo?: string): Promise<string> {
  const identity = (sub: string) => {
    const body = Buffer.from(JSON.stringify({ sub, exp: Math.floor(Date.now() / 1000) + 600 })).toString(
      'base64url',
    );
    return `${body}.${createHmac('sha256', identitySecret).update(body).digest('base64url')}`;
  };
  const r = await api('POST', '/widget/sessions', {
    payload: {
      siteKey: 'inline-bank',
      language: 'vi',
      ...(customerNo ? { identityToken: identity(customerNo) } : {}),
    },
  });
  expect(r.status).toBe(200);
  return r.body.visitorToken as string;
}

/** A chat in `language`, answered by the agent, then closed by the visitor. */
async function closedChat(visitor: string, language: 'en' | 'vi' | 'zh-CN'): Promise<string> {
  const started = await api('POST', '/widget/conversations', { visitor, payload: { name: 'Hà', language } });
  expect(started.status).toBe(201);
  const id = started.body.id as string;
  const offer = await ctx.app.routing.routeOnce(queueId);
  await ctx.app.routing.accept(agentId, offer?.itemId as string);
  await settle();
  expect((await api('POST', `/widget/conversations/${id}/leave`, { visitor })).status).toBe(204);
  await settle();
  return id;
}

/** A kiosk ticket served at `counter` by `who`; returns the ticket id. */
async function servedTicket(kiosk: string, counter: string, who: Session, service: string): Promise<string> {
  const issued = await api('POST', '/branch/device/tickets', {
    device: kiosk,
    payload: { serviceId: service },
  });
  expect(issued.status).toBe(201);
  const called = await api('POST', `/branch/counters/${counter}/call-next`, { session: who, payload: {} });
  const ticket = called.body.ticket as { id: string };
  expect((await api('POST', `/branch/tickets/${ticket.id}/start`, { session: who })).status).toBe(200);
  ctx.clock.advance(60_000);
  const finished = await api('POST', `/branch/tickets/${ticket.id}/finish`, { session: who, payload: {} });
  expect(finished.body.status).toBe('served');
  await settle();
  return ticket.id;
}

const responses = async (definitionId: string) =>
  (
    await ctx.pool.query('SELECT * FROM survey_responses WHERE definition_id = $1 ORDER BY created_at', [
      definitionId,
    ])
  ).rows;

let chatSurveyId: string;
let padSurveyId: string;

beforeAll(async () => {
  ctx = await createTestContext({ publicUrl: 'https://cc.bank.example' });
  ctx.clock.set('2026-06-01T03:00:00Z');
  analyst = await signInAs(ctx, { username: 'in.analyst', roles: ['quality_analyst'] });
  queueId = await ctx.app.routing.createQueue(null, {
    code: 'chat_inline',
    name: 'Chat',
    channels: ['chat'],
  });
  identitySecret = (
    await ctx.app.webchat.createSite({
      key: 'inline-bank',
      name: 'Inline Bank',
      queueByLanguage: { en: queueId, vi: queueId, 'zh-CN': queueId },
      greeting: { en: 'Hello' },
    })
  ).identitySecret;
  await ctx.app.customers.createCustomer({
    customerNo: 'C0078001',
    fullName: 'Phạm Minh Khoa',
    preferredLanguage: 'vi',
    emails: ['khoa@example.vn'],
  });
  agentSession = await signInAs(ctx, { username: 'in.agent', roles: ['agent'] });
  agentId = agentSession.userId;
  await ctx.app.routing.setAgentState(agentId, 'available');
  await ctx.app.routing.setCapacity(agentId, 'chat', 20);

  const b = await ctx.app.staff.createBranch(null, {
    code: 'IN1',
    name: 'Hoàn Kiếm',
    city: 'Hà Nội',
    country: 'VN',
    timeZone: 'Asia/Ho_Chi_Minh',
  });
  const o = await ctx.app.staff.createBranch(null, {
    code: 'IN2',
    name: 'Pudong',
    city: 'Shanghai',
    country: 'CN',
    timeZone: 'Asia/Shanghai',
  });
  branchId = b.id;
  manager = await signInAs(ctx, { username: 'in.lobby', roles: ['lobby_manager'], branchId });
  teller = await signInAs(ctx, { username: 'in.teller', roles: ['branch_teller'], branchId });
  otherManager = await signInAs(ctx, { username: 'in.lobby2', roles: ['lobby_manager'], branchId: o.id });
  otherTeller = await signInAs(ctx, { username: 'in.teller2', roles: ['branch_teller'], branchId: o.id });
  const setUp = async (target: string, who: Session, t: Session) => {
    const service = await api('POST', `/branch/branches/${target}/services`, {
      session: who,
      payload: {
        code: 'cash',
        names: { en: 'Cash', 'zh-CN': '现金', vi: 'Tiền mặt' },
        letter: 'A',
        waitThresholdMinutes: 10,
        lineThreshold: 3,
        slotCapacity: 0,
        isSelfService: false,
      },
    });
    const sId = service.body.id as string;
    const counter = await api('POST', `/branch/branches/${target}/counters`, {
      session: who,
      payload: { number: 1, serviceIds: [sId] },
    });
    const cId = counter.body.id as string;
    const device = async (kind: string, counter?: string) =>
      (
        await api('POST', `/branch/branches/${target}/devices`, {
          session: who,
          payload: { kind, name: kind, counterId: counter },
        })
      ).body.token as string;
    expect((await api('POST', `/branch/counters/${cId}/open`, { session: t })).status).toBe(200);
    return { sId, cId, kiosk: await device('kiosk'), pad: await device('pad', cId) };
  };
  const mine = await setUp(branchId, manager, teller);
  serviceId = mine.sId;
  counterId = mine.cId;
  kioskToken = mine.kiosk;
  padToken = mine.pad;
  const theirs = await setUp(o.id, otherManager, otherTeller);
  otherCounterId = theirs.cId;
  otherServiceId = theirs.sId;
  kioskTokenOther = theirs.kiosk;
  otherPadToken = theirs.pad;
});
afterAll(async () => ctx?.close());

describe('in the chat widget', () => {
  it('keeps the 1–5 rating when no post-chat survey is configured', async () => {
    const visitor = await visitorSession();
    const id = await closedChat(visitor, 'vi');
    const r = await api('GET', `/widget/conversations/${id}/survey`, { visitor });
    expect(r).toMatchObject({ status: 200, body: { survey: null, answered: false } });
    const answered = await api('POST', `/widget/conversations/${id}/survey`, {
      visitor,
      lang: 'vi',
      payload: { answers: { score: 5 } },
    });
    expect(answered.status).toBe(404);
    expect(answered.body.error).toMatchObject({
      code: 'SURVEY_NOT_CONFIGURED',
      message: 'Không có khảo sát nào để trả lời ở đây.',
    });
  });

  it('asks the configured survey in the chat’s language and stores the answer once, masked and linked', async () => {
    const created = await api('POST', '/surveys', {
      session: analyst,
      payload: { code: 'nps.chat', kind: 'nps', trigger: 'chat_closed', minDaysBetween: 0 },
    });
    expect(created.status).toBe(201);
    chatSurveyId = created.body.id as string;
    const visitor = await visitorSession();
    const started = await api('POST', '/widget/conversations', {
      visitor,
      payload: { name: 'Lý', language: 'zh-CN' },
    });
    const openId = started.body.id as string;
    // Not before the chat is over.
    const early = await api('GET', `/widget/conversations/${openId}/survey`, { visitor, lang: 'zh-CN' });
    expect(early.status).toBe(409);
    expect(early.body.error?.code).toBe('SURVEY_NOT_YET');
    const offer = await ctx.app.routing.routeOnce(queueId);
    await ctx.app.routing.accept(agentId, offer?.itemId as string);
    await settle();
    expect((await api('POST', `/widget/conversations/${openId}/leave`, { visitor })).status).toBe(204);
    await settle();

    const shown = await api('GET', `/widget/conversations/${openId}/survey`, { visitor });
    expect(shown.status).toBe(200);
    expect(shown.body.survey).toMatchObject({
      kind: 'nps',
      language: 'zh-CN',
      questions: [
        { id: 'score', type: 'scale', min: 0, max: 10, text: '您向朋友或同事推荐我们的可能性有多大？' },
        { id: 'why', type: 'text', min: null, max: null, text: '您给出这个分数的原因是什么？' },
      ],
    });

    const bad = await api('POST', `/widget/conversations/${openId}/survey`, {
      visitor,
      lang: 'zh-CN',
      payload: { answers: { score: 11 } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({
      code: 'SURVEY_INVALID_ANSWER',
      message: '有一项回答无效：score。',
    });
    expect(await responses(chatSurveyId)).toHaveLength(0); // nothing half-stored

    const ok = await api('POST', `/widget/conversations/${openId}/survey`, {
      visitor,
      payload: { answers: { score: 9, why: '很快，卡号 4111 1111 1111 1111 已挂失' } },
    });
    expect(ok.status).toBe(201);
    const stored = await responses(chatSurveyId);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      source: 'widget',
      kind: 'nps',
      score: 9,
      language: 'zh-CN',
      conversation_id: openId,
      agent_id: agentId,
      queue_id: queueId,
      answers: { score: 9, why: '很快，卡号 4111 11** **** 1111 已挂失' },
    });
    const published = await ctx.pool.query(
      `SELECT payload FROM outbox WHERE type = 'feedback.submitted' AND payload->>'conversationId' = $1`,
      [openId],
    );
    expect(published.rows.map((r) => r.payload)).toMatchObject([
      { source: 'widget', kind: 'nps', score: 9, agentId, queueId },
    ]);

    const twice = await api('POST', `/widget/conversations/${openId}/survey`, {
      visitor,
      lang: 'vi',
      payload: { answers: { score: 1 } },
    });
    expect(twice.status).toBe(410);
    expect(twice.body.error).toMatchObject({
      code: 'SURVEY_ALREADY_ANSWERED',
      message: 'Khảo sát này đã được trả lời. Xin cảm ơn!',
    });
    expect((await api('GET', `/widget/conversations/${openId}/survey`, { visitor })).body).toEqual({
      survey: null,
      answered: true,
    });
    expect(await responses(chatSurveyId)).toHaveLength(1);

    // Quality analysts see it among the survey's results; an agent does not.
    const results = await api('GET', `/surveys/${chatSurveyId}/responses`, { session: analyst });
    expect(results.status).toBe(200);
    expect(results.body.items).toMatchObject([{ source: 'widget', score: 9, conversationId: openId }]);
    expect((await api('GET', `/surveys/${chatSurveyId}/responses`, { session: agentSession })).status).toBe(
      403,
    );
  });

  it('answers for the visitor’s own conversation only: another visitor’s is not found', async () => {
    const alice = await visitorSession();
    const bob = await visitorSession();
    const id = await closedChat(alice, 'en');
    for (const method of ['GET', 'POST'] as const) {
      const r = await api(method, `/widget/conversations/${id}/survey`, {
        visitor: bob,
        ...(method === 'POST' ? { payload: { answers: { score: 0 } } } : {}),
      });
      expect(r.status).toBe(404);
      expect(r.body.error?.code).toBe('CONVERSATION_NOT_FOUND');
    }
    const none = await api('GET', `/widget/conversations/${id}/survey`, {});
    expect(none.status).toBe(401);
    // A staff session is no visitor either.
    expect((await api('GET', `/widget/conversations/${id}/survey`, { session: analyst })).status).toBe(401);
    expect(await responses(chatSurveyId)).toHaveLength(1);
    // Alice herself still can.
    const mine = await api('POST', `/widget/conversations/${id}/survey`, {
      visitor: alice,
      payload: { answers: { score: 3 } },
    });
    expect(mine.status).toBe(201);
  });

  it('an identified customer answers once: the widget spends the queued link, and no link follows a widget answer', async () => {
    const visitor = await visitorSession('C0078001');
    const id = await closedChat(visitor, 'vi'); // the close's handler has queued a link
    const queued = await ctx.pool.query(
      `SELECT payload FROM outbox WHERE type = 'survey.invitation_queued' ORDER BY created_at DESC LIMIT 1`,
    );
    const url = new URL(queued.rows[0].payload.url as string);
    expect(
      (
        await ctx.pool.query('SELECT conversation_id FROM survey_invitations WHERE id = $1', [
          queued.rows[0].payload.invitationId,
        ])
      ).rows[0].conversation_id,
    ).toBe(id);
    const inWidget = await api('POST', `/widget/conversations/${id}/survey`, {
      visitor,
      payload: { answers: { score: 10 } },
    });
    expect(inWidget.status).toBe(201);
    const byLink = await api(
      'POST',
      `/public/survey?token=${encodeURIComponent(url.searchParams.get('token') as string)}`,
      {
        payload: { answers: { score: 0 } },
      },
    );
    expect(byLink.status).toBe(410);
    expect(byLink.body.error?.code).toBe('SURVEY_ALREADY_ANSWERED');
    expect(
      (await ctx.pool.query('SELECT 1 FROM survey_responses WHERE conversation_id = $1', [id])).rows,
    ).toHaveLength(1);

    // The other order: answered in the widget before the close's handler ran → no link at all.
    const started = await api('POST', '/widget/conversations', {
      visitor,
      payload: { name: 'Khoa', language: 'vi' },
    });
    const second = started.body.id as string;
    const offer = await ctx.app.routing.routeOnce(queueId);
    await ctx.app.routing.accept(agentId, offer?.itemId as string);
    await settle();
    expect((await api('POST', `/widget/conversations/${second}/leave`, { visitor })).status).toBe(204);
    const first = await api('POST', `/widget/conversations/${second}/survey`, {
      visitor,
      payload: { answers: { score: 8 } },
    });
    expect(first.status).toBe(201);
    await settle();
    const invited = await ctx.pool.query(
      'SELECT used_at FROM survey_invitations WHERE conversation_id = $1',
      [second],
    );
    expect(invited.rows).toHaveLength(1);
    expect(invited.rows[0].used_at).not.toBeNull();
  });

  it('two answers at once store one response', async () => {
    const visitor = await visitorSession();
    const id = await closedChat(visitor, 'en');
    const both = await Promise.all(
      [10, 2].map((score) =>
        api('POST', `/widget/conversations/${id}/survey`, { visitor, payload: { answers: { score } } }),
      ),
    );
    expect(both.map((r) => r.status).sort()).toEqual([201, 410]);
    const rows = await ctx.pool.query('SELECT 1 FROM survey_responses WHERE conversation_id = $1', [id]);
    expect(rows.rows).toHaveLength(1);
  });
});

describe('on the branch feedback pad', () => {
  it('shows no survey when none is configured for branch visits', async () => {
    const ticketId = await servedTicket(kioskToken, counterId, teller, serviceId);
    const r = await api('GET', `/branch/device/survey?ticketId=${ticketId}`, { device: padToken });
    expect(r).toMatchObject({ status: 200, body: { survey: null, answered: false } });
  });

  it('asks the branch-visit survey in the pad’s language and stores it once against ticket, teller, service, branch', async () => {
    const created = await api('POST', '/surveys', {
      session: analyst,
      payload: {
        code: 'custom.branch',
        kind: 'custom',
        trigger: 'branch_visit',
        questions: [
          {
            id: 'score',
            type: 'scale',
            min: 1,
            max: 5,
            isScore: true,
            text: {
              en: 'How was your visit?',
              'zh-CN': '您对本次到访满意吗？',
              vi: 'Anh/chị thấy lần đến quầy thế nào?',
            },
          },
          {
            id: 'ease',
            type: 'scale',
            min: 1,
            max: 7,
            text: {
              en: 'How easy was it?',
              'zh-CN': '办理有多容易？',
              vi: 'Việc giao dịch dễ dàng thế nào?',
            },
          },
          {
            id: 'note',
            type: 'text',
            text: { en: 'Anything else?', 'zh-CN': '还有其他意见吗？', vi: 'Anh/chị còn góp ý gì không?' },
          },
        ],
      },
    });
    expect(created.status).toBe(201);
    padSurveyId = created.body.id as string;
    const ticketId = await servedTicket(kioskToken, counterId, teller, serviceId);

    const shown = await api('GET', `/branch/device/survey?ticketId=${ticketId}&lang=vi`, {
      device: padToken,
    });
    expect(shown.status).toBe(200);
    expect(shown.body.survey).toMatchObject({
      kind: 'custom',
      language: 'vi',
      questions: [
        { id: 'score', text: 'Anh/chị thấy lần đến quầy thế nào?' },
        { id: 'ease', min: 1, max: 7 },
        { id: 'note', type: 'text' },
      ],
    });

    const empty = await api('POST', '/branch/device/survey', {
      device: padToken,
      lang: 'zh-CN',
      payload: { ticketId, answers: {} },
    });
    expect(empty.status).toBe(400);
    expect(empty.body.error).toMatchObject({ code: 'SURVEY_EMPTY_ANSWER', message: '请至少回答一个问题。' });

    const ok = await api('POST', '/branch/device/survey', {
      device: padToken,
      payload: {
        ticketId,
        language: 'vi',
        answers: { score: 4, ease: 6, note: 'Thẻ 5500 0000 0000 0004 nhanh' },
      },
    });
    expect(ok.status).toBe(201);
    const stored = await responses(padSurveyId);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      source: 'branch_pad',
      score: 4,
      language: 'vi',
      ticket_id: ticketId,
      agent_id: teller.userId,
      service_id: serviceId,
      branch_id: branchId,
      answers: { score: 4, ease: 6, note: 'Thẻ 5500 00** **** 0004 nhanh' },
    });
    const again = await api('POST', '/branch/device/survey', {
      device: padToken,
      payload: { ticketId, answers: { score: 1 } },
    });
    expect(again.status).toBe(410);
    expect(again.body.error?.code).toBe('SURVEY_ALREADY_ANSWERED');
    expect(await responses(padSurveyId)).toHaveLength(1);
  });

  it('refuses another branch’s ticket, a non-pad device and a staff session', async () => {
    const theirs = await servedTicket(kioskTokenOther, otherCounterId, otherTeller, otherServiceId);
    for (const r of [
      await api('GET', `/branch/device/survey?ticketId=${theirs}`, { device: padToken }),
      await api('POST', '/branch/device/survey', {
        device: padToken,
        payload: { ticketId: theirs, answers: { score: 5 } },
      }),
    ]) {
      expect(r.status).toBe(404);
      expect(r.body.error?.code).toBe('BRANCH_TICKET_NOT_FOUND');
    }
    // Their own pad may answer it.
    const own = await api('GET', `/branch/device/survey?ticketId=${theirs}`, { device: otherPadToken });
    expect(own.status).toBe(200);
    const kiosk = await api('GET', `/branch/device/survey?ticketId=${theirs}`, { device: kioskTokenOther });
    expect(kiosk.status).toBe(403);
    expect(kiosk.body.error?.code).toBe('BRANCH_DEVICE_KIND');
    const staff = await api('POST', '/branch/device/survey', {
      session: otherManager,
      payload: { ticketId: theirs, answers: { score: 5 } },
    });
    expect(staff.status).toBe(401);
    expect(await responses(padSurveyId)).toHaveLength(1);
  });
});
