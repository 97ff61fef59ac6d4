// Hot topics over a simulated fortnight with an incident, and customer messages copied from chat.
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  as,
  createTestContext,
  eventsVisible,
  type Session,
  signInAs,
  type TestContext,
} from '../../../test/harness.ts';
import { createDb, createPool } from '../../platform/db.ts';
import { simulateHistory } from './analytics.history.ts';
import { copyCustomerMessages, syncMessageFacts } from './analytics.message-copies.ts';
import { closeTokenisers, tokeniserThreads } from './analytics.tokenise.ts';

let ctx: TestContext;
let analyst: Session;
let agent: Session;

beforeAll(async () => {
  ctx = await createTestContext();
  analyst = await signInAs(ctx, { username: 'ht.analyst', roles: ['quality_analyst'] });
  agent = await signInAs(ctx, { username: 'ht.agent', roles: ['agent'] });
  await signInAs(ctx, { username: 'ht.agent2', roles: ['agent'] });
  for (const code of ['chat_vi', 'chat_zh', 'chat_en']) {
    await ctx.pool.query(
      `INSERT INTO routing_queues (id, code, name, channels) VALUES ($1, $2, $2, '{chat}')`,
      [crypto.randomUUID(), code],
    );
  }
  for (const [code, zh] of [
    ['ebanking.app', '手机银行App'],
    ['cards.lost', '挂失/冻结'],
    ['loans.rates', '利率与费用'],
    ['accounts.transfer', '转账汇款'],
  ] as const) {
    await ctx.app.reasons.createReason(null, { code, names: { en: code, 'zh-CN': zh, vi: code } });
  }
});
afterAll(async () => ctx?.close());

const get = (session: Session, url: string) =>
  ctx.app.http.inject({ method: 'GET', url, headers: as(session) });

describe('hot topics', () => {
  it('flag the incident as rising — its reason and its phrases — and leave steady topics alone', async () => {
    const result = await simulateHistory(ctx.pool, {
      days: 14,
      contactsPerDay: 400,
      utcOffsetHours: 7,
      incidentDays: 4,
      seed: 7,
      now: ctx.clock.now(),
    });
    expect(result.contacts).toBeGreaterThan(3000);
    const res = await get(analyst, '/api/v1/analytics/hot-topics?language=zh-CN');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const rising = body.items.filter((i: { rising: boolean }) => i.rising);
    expect(rising.map((i: { topic: string }) => i.topic)).toContain('手机银行App');
    expect(
      rising.some((i: { kind: string; topic: string }) => i.kind === 'phrase' && i.topic.includes('闪退')),
    ).toBe(true);
    expect(
      body.items.every((i: { language: string | null }) => i.language === null || i.language === 'zh-CN'),
    ).toBe(true);
    const steady = body.items.find((i: { topic: string }) => i.topic === '利率与费用');
    expect(steady.rising).toBe(false);
    expect(rising[0].examples.length).toBeGreaterThan(0);
    expect(body.suggestions.length).toBeGreaterThan(0);
    // Every language: Vietnamese multi-syllable phrases rise too.
    const all = (await get(analyst, '/api/v1/analytics/hot-topics')).json();
    expect(
      all.items.some(
        (i: { language: string; rising: boolean; topic: string }) =>
          i.language === 'vi' && i.rising && i.topic.includes('đăng nhập'),
      ),
    ).toBe(true);
  });

  it('count case categories too (every channel, the branch counter included), rising by the same test', async () => {
    const { rows } = await ctx.pool.query(`SELECT id FROM contact_reasons WHERE code = 'cards.lost'`);
    const categoryId = rows[0].id as string;
    const now = ctx.clock.now().getTime();
    const day = 86_400_000;
    // 2 cases the week before, 14 this week, opened at the counter and from chats.
    const at = [
      ...[9, 11].map((d) => now - d * day),
      ...Array.from({ length: 14 }, (_, i) => now - (i % 6) * day - 3_600_000),
    ];
    for (const [i, t] of at.entries()) {
      await ctx.pool.query(
        `INSERT INTO analytics_case_facts (case_id, type, is_complaint, category_id, channel, created_at, last_position)
         VALUES ($1, 'service_request', false, $2, $3, $4, $5)`,
        [crypto.randomUUID(), categoryId, i % 2 ? 'branch' : 'chat', new Date(t), i + 1],
      );
    }
    const body = (await get(analyst, '/api/v1/analytics/hot-topics?language=zh-CN')).json();
    const category = body.items.find((i: { kind: string; topic: string }) => i.kind === 'category');
    expect(category).toMatchObject({
      topic: '挂失/冻结',
      thisWeek: 14,
      lastWeek: 2,
      rising: true,
      reasonId: categoryId,
    });
    expect(category.examples.length).toBeGreaterThan(0);
  });

  it('are for report viewers only', async () => {
    expect((await get(agent, '/api/v1/analytics/hot-topics')).statusCode).toBe(403);
  });

  it('copy a customer’s text messages (masked) in a batch job, never the agent’s, and tokenise them once', async () => {
    const queue = (await ctx.pool.query(`SELECT id FROM routing_queues WHERE code = 'chat_zh'`)).rows[0].id;
    const { id } = await ctx.app.conversations.startConversation({
      channel: 'chat',
      queueId: queue,
      language: 'zh-CN',
    });
    const post = (authorType: 'customer' | 'agent', clientId: string, body: string) =>
      ctx.app.conversations.postMessage({
        conversationId: id,
        authorType,
        authorId: null,
        clientId,
        kind: 'text',
        body,
      });
    await post('customer', 'c-1', '我的卡 4111 1111 1111 1111 被锁了，无法转账');
    await post('agent', 'a-1', '您好，我来帮您解锁');
    for (let i = 0; i < 3; i++) await ctx.app.events.dispatchPending();
    // A chat message wakes no analytics handler: nothing is copied until the job runs.
    const handled = await ctx.pool.query(
      `SELECT h.handler FROM event_handled h JOIN outbox o ON o.id = h.event_id
        WHERE o.type = 'conversation.message_created' AND h.handler LIKE 'analytics.%'`,
    );
    expect(handled.rows).toEqual([]);
    const before = await ctx.pool.query('SELECT 1 FROM analytics_message_facts WHERE conversation_id = $1', [
      id,
    ]);
    expect(before.rows).toHaveLength(0);

    await eventsVisible(ctx.pool);
    const first = await ctx.app.analytics.syncMessages();
    expect(first.copied).toBe(1);
    const { rows } = await ctx.pool.query(
      'SELECT language, body, phrases, suggestion FROM analytics_message_facts WHERE conversation_id = $1',
      [id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].language).toBe('zh-CN');
    expect(rows[0].body).not.toContain('4111 1111 1111 1111');
    expect(rows[0].phrases).toContain('无法转账');
    expect(rows[0].suggestion).toBe(false);
    // The cursor moved on: a second run copies and tokenises nothing.
    expect(await ctx.app.analytics.syncMessages()).toEqual({ copied: 0, tokenised: 0 });
  });

  it('copy every message once when two processes run the job at the same time, across several batches, paced or not', async () => {
    const queue = (await ctx.pool.query(`SELECT id FROM routing_queues WHERE code = 'chat_en'`)).rows[0].id;
    const chats = await Promise.all(
      Array.from({ length: 5 }, () =>
        ctx.app.conversations.startConversation({ channel: 'chat', queueId: queue, language: 'en' }),
      ),
    );
    // 5 × 50 = 250 customer lines: three batches of the job's 100.
    for (let i = 0; i < 50; i++)
      await Promise.all(
        chats.map((c, k) =>
          ctx.app.conversations.postMessage({
            conversationId: c.id,
            authorType: 'customer',
            authorId: null,
            clientId: `twice-${k}-${i}`,
            kind: 'text',
            body: `my transfer number ${i} is late`,
          }),
        ),
      );
    // Threads an earlier test of this file started are let go, to see whether the copy starts any.
    await closeTokenisers();
    await eventsVisible(ctx.pool);
    const other = createPool(ctx.url, 2);
    try {
      const [a, b] = await Promise.all([
        copyCustomerMessages(createDb(ctx.pool)),
        // One paced, as the minute's job runs it, one not, as a report does.
        copyCustomerMessages(createDb(other), { pace: true }),
      ]);
      expect(a + b).toBe(250);
    } finally {
      await other.end();
    }
    const copies = await ctx.pool.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE 'transfer number' = ANY(phrases))::int AS phrased
         FROM analytics_message_facts WHERE conversation_id = ANY($1::uuid[])`,
      [chats.map((c) => c.id)],
    );
    expect(copies.rows[0]).toEqual({ n: 250, phrased: 250 });
    // Batches of 100 are segmented on the server's own thread: no tokeniser thread started (threads
    // that start under live chat load jieba's dictionary, a core for a second or two each).
    expect(tokeniserThreads()).toBe(0);
    // The cursor stands on the last message event: nothing is left to copy.
    expect(await copyCustomerMessages(createDb(ctx.pool))).toBe(0);
  });

  it('tokenise a backlog in the minute’s job 100 at a time on the server’s own thread, all of it', async () => {
    // Copies without phrases, as the simulated demo history and a rebuild leave them: the first
    // minute after a start tokenises them beside live traffic.
    await ctx.pool.query(
      `INSERT INTO analytics_message_facts (message_id, conversation_id, at, language, body)
       SELECT gen_random_uuid(), gen_random_uuid(), now(), 'zh-CN', '我的信用卡被锁了，无法转账 ' || n
         FROM generate_series(1, 650) n`,
    );
    await closeTokenisers();
    const { tokenised } = await syncMessageFacts(createDb(ctx.pool), { pace: true });
    expect(tokenised).toBeGreaterThanOrEqual(650);
    const left = await ctx.pool.query(
      `SELECT count(*) FILTER (WHERE phrases IS NULL)::int AS untokenised,
              count(*) FILTER (WHERE '无法转账' = ANY(phrases))::int AS phrased
         FROM analytics_message_facts WHERE body LIKE '我的信用卡被锁了%'`,
    );
    expect(left.rows[0]).toEqual({ untokenised: 0, phrased: 650 });
    // 650 at once would have gone to the worker threads, which then start beside live chat.
    expect(tokeniserThreads()).toBe(0);
  });

  it('go weekly as PDF to the business units, each unit’s topics first, once a week', async () => {
    const lead = await signInAs(ctx, { username: 'ht.lead', roles: ['supervisor'] });
    const reason = async (code: string) =>
      (await ctx.pool.query('SELECT id FROM contact_reasons WHERE code = $1', [code])).rows[0].id as string;
    const app = await reason('ebanking.app');
    const post = (session: Session, body: unknown, lang?: string) =>
      ctx.app.http.inject({
        method: 'POST',
        url: '/api/v1/analytics/business-units',
        headers: { ...as(session), ...(lang ? { 'accept-language': lang } : {}) },
        payload: body as Record<string, unknown>,
      });
    const unit = { name: '电子银行部', email: 'Ebank@Bank.example', language: 'zh-CN', reasonIds: [app] };
    // Only the center-wide report viewers manage units; bad input is refused and nothing stored.
    expect((await post(agent, unit)).statusCode).toBe(403);
    expect((await post(lead, unit)).statusCode).toBe(403);
    const badEmail = await post(analyst, { ...unit, email: 'nobody' }, 'zh-CN');
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.json().error.code).toBe('ANALYTICS_INVALID_RECIPIENT');
    expect(badEmail.json().error.message).toContain('不是有效的电子邮件地址');
    const unknown = await post(analyst, { ...unit, reasonIds: [crypto.randomUUID()] });
    expect(unknown.json().error.code).toBe('ANALYTICS_UNKNOWN_TOPIC');
    expect((await ctx.pool.query('SELECT 1 FROM analytics_business_units')).rows).toEqual([]);

    const created = await post(analyst, unit);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ email: 'ebank@bank.example', reasonIds: [app] });
    const loans = await post(analyst, {
      name: 'Phòng cho vay',
      email: 'loans@bank.example',
      language: 'vi',
      reasonIds: [await reason('loans.rates')],
    });
    expect(loans.statusCode).toBe(201);
    expect((await get(analyst, '/api/v1/analytics/business-units')).json().items).toHaveLength(2);
    expect((await get(lead, '/api/v1/analytics/business-units')).statusCode).toBe(403);

    expect(await ctx.app.businessUnits.sendWeeklyHotTopics()).toBe(2);
    // The same week again: nothing new is queued.
    expect(await ctx.app.businessUnits.sendWeeklyHotTopics()).toBe(0);
    const mail = await ctx.pool.query(
      `SELECT recipient, locale, email FROM notifications WHERE template_key = 'hot_topics_weekly' ORDER BY recipient`,
    );
    expect(mail.rows.map((r) => r.recipient)).toEqual(['ebank@bank.example', 'loans@bank.example']);
    const ebank = mail.rows[0];
    expect(ebank.locale).toBe('zh-CN');
    expect(ebank.email.subject).toContain('每周热点话题 · 电子银行部');
    // Its own topic is rising this week, and its email says so.
    expect(ebank.email.text).toContain('上升: 手机银行App');
    expect(mail.rows[1].email.text).not.toContain('tăng:');
    const pdf = Buffer.from(ebank.email.attachments[0].contentBase64, 'base64');
    const doc = await PDFDocument.load(pdf);
    expect(doc.getTitle()).toBe('每周热点话题 · 电子银行部');
    expect(pdf.toString('latin1')).not.toContain('/Subtype /Image');

    const del = await ctx.app.http.inject({
      method: 'DELETE',
      url: `/api/v1/analytics/business-units/${loans.json().id}`,
      headers: as(analyst),
    });
    expect(del.statusCode).toBe(204);
    const again = await ctx.app.http.inject({
      method: 'DELETE',
      url: `/api/v1/analytics/business-units/${loans.json().id}`,
      headers: as(analyst),
    });
    expect(again.statusCode).toBe(404);
  });
});
