import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestContext, type Session, signInAs, type TestContext } from '../../../test/harness.ts';

let ctx: TestContext;
let writer: Session;
let reviewer: Session;
let agent: Session;
let teller: Session;

const call = (session: Session | null, method: string, url: string, payload?: unknown, lang = 'en') =>
  ctx.app.http.inject({
    method: method as 'GET',
    url: url.startsWith('/help') ? url : `/api/v1${url}`,
    payload: payload as object,
    headers: { ...(session ? as(session) : {}), 'accept-language': lang },
  });

const VI_BODY =
  '<h2>Khi nào cần khóa thẻ</h2><p>Nếu thẻ tín dụng bị mất hoặc bị đánh cắp, hãy khóa thẻ ngay trên ứng dụng hoặc gọi tổng đài 1900 1234.</p><ul><li>Mở ứng dụng</li><li>Chọn Thẻ → Khóa thẻ</li></ul>';

async function publish(input: Record<string, unknown>) {
  const created = await call(writer, 'POST', '/knowledge/articles', input);
  expect(created.statusCode).toBe(201);
  const id = created.json().id as string;
  expect((await call(writer, 'POST', `/knowledge/articles/${id}/submit`)).statusCode).toBe(200);
  const approved = await call(reviewer, 'POST', `/knowledge/articles/${id}/approve`, {});
  expect(approved.statusCode).toBe(200);
  return approved.json();
}

beforeAll(async () => {
  ctx = await createTestContext();
  // Searches below are ranked by this process's index (built now, kept in step by the service);
  // the last search test runs the same queries through the SQL path it falls back on.
  await ctx.app.events.start({ pollMs: 200 });
  await ctx.app.knowledge.startIndex();
  writer = await signInAs(ctx, { username: 'kb.writer', roles: ['knowledge_editor'] });
  reviewer = await signInAs(ctx, { username: 'kb.reviewer', roles: ['knowledge_editor'] });
  agent = await signInAs(ctx, { username: 'kb.agent', roles: ['agent'] });
  teller = await signInAs(ctx, { username: 'kb.teller', roles: ['branch_teller'] });
});
afterAll(async () => ctx?.close());

describe('articles: four-eyes publishing', () => {
  it('an editor writes in Vietnamese, another approves; the live row, history, event and audit are stored', async () => {
    const category = await call(writer, 'POST', '/knowledge/categories', {
      names: { en: 'Cards', 'zh-CN': '银行卡', vi: 'Thẻ' },
    });
    expect(category.statusCode).toBe(201);
    const created = await call(writer, 'POST', '/knowledge/articles', {
      locale: 'vi',
      categoryId: category.json().id,
      title: 'Khóa thẻ tín dụng khi bị mất',
      bodyHtml: VI_BODY,
      tags: ['khóa thẻ', 'mất thẻ'],
      visibility: 'public',
    });
    expect(created.statusCode).toBe(201);
    const article = created.json();
    expect(article).toMatchObject({
      status: 'draft',
      latestVersion: 1,
      publishedVersion: null,
      locale: 'vi',
    });

    // Not yet in review: nobody can approve; in review: the author cannot, an agent cannot.
    expect((await call(reviewer, 'POST', `/knowledge/articles/${article.id}/approve`, {})).statusCode).toBe(
      409,
    );
    expect((await call(writer, 'POST', `/knowledge/articles/${article.id}/submit`)).json().status).toBe(
      'in_review',
    );
    const own = await call(writer, 'POST', `/knowledge/articles/${article.id}/approve`, {}, 'vi');
    expect(own.statusCode).toBe(403);
    expect(own.json().error.code).toBe('KNOWLEDGE_OWN_APPROVAL');
    expect(own.json().error.message).toContain('biên tập viên khác');
    const byAgent = await call(agent, 'POST', `/knowledge/articles/${article.id}/approve`, {});
    expect(byAgent.statusCode).toBe(403);
    expect(byAgent.json().error.code).toBe('AUTH_FORBIDDEN');
    expect(
      (await call(agent, 'POST', '/knowledge/articles', { locale: 'en', title: 'x', bodyHtml: '' }))
        .statusCode,
    ).toBe(403);
    // Agents do not see drafts.
    expect((await call(agent, 'GET', `/knowledge/articles/${article.id}`)).statusCode).toBe(404);

    const queue = await call(reviewer, 'GET', '/knowledge/review-queue');
    expect(queue.json().items).toEqual([
      expect.objectContaining({ id: article.id, canApprove: true, authorName: 'kb.writer' }),
    ]);

    const approved = await call(reviewer, 'POST', `/knowledge/articles/${article.id}/approve`, {});
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'published', publishedVersion: 1 });

    const versions = await ctx.pool.query(
      'SELECT version, state, author_id, approved_by FROM knowledge_versions WHERE article_id = $1',
      [article.id],
    );
    expect(versions.rows).toEqual([
      { version: 1, state: 'published', author_id: writer.userId, approved_by: reviewer.userId },
    ]);
    const events = await ctx.pool.query(
      `SELECT type, audience FROM outbox WHERE type LIKE 'knowledge.%' ORDER BY position`,
    );
    expect(events.rows.map((e) => e.type)).toEqual([
      'knowledge.article_submitted',
      'knowledge.article_published',
    ]);
    expect(events.rows[1].audience).toEqual({ permissions: ['knowledge.read'] });
    const audit = await ctx.pool.query(
      `SELECT action, actor_name FROM audit_log WHERE target_id = $1 ORDER BY seq`,
      [article.id],
    );
    expect(audit.rows.map((a) => a.action)).toEqual([
      'knowledge.article_created',
      'knowledge.article_submitted',
      'knowledge.article_approved',
    ]);

    // Found without diacritics, with its words highlighted; and by agents.
    const found = await call(agent, 'GET', `/knowledge/search?q=${encodeURIComponent('khoa the tin dung')}`);
    expect(found.statusCode).toBe(200);
    expect(found.json().items[0]).toMatchObject({ id: article.id });
    expect(found.json().items[0].titleHtml).toBe(
      '<mark>Khóa</mark> <mark>thẻ</mark> <mark>tín</mark> <mark>dụng</mark> khi bị mất',
    );
    expect(found.json().items[0].snippet).toContain('<mark>tín</mark>');
  });

  it('a change waits for approval while the published text stays live; diff, rollback and as-of', async () => {
    const article = await publish({
      locale: 'en',
      title: 'International transfer fees',
      bodyHtml: '<p>An international transfer costs 0.1% of the amount, at least 5 USD.</p>',
      visibility: 'public',
    });
    const t1 = ctx.clock.now().toISOString();
    ctx.clock.advance(600_000);
    const edited = await call(writer, 'PATCH', `/knowledge/articles/${article.id}`, {
      bodyHtml: '<p>An international transfer costs 0.2% of the amount, at least 10 USD.</p>',
    });
    expect(edited.json()).toMatchObject({ latestVersion: 2, publishedVersion: 1, hasPendingRevision: true });
    expect(edited.json().bodyHtml).toContain('0.1%');
    expect(edited.json().draft.bodyHtml).toContain('0.2%');
    await call(writer, 'POST', `/knowledge/articles/${article.id}/submit`);
    const rejected = await call(reviewer, 'POST', `/knowledge/articles/${article.id}/reject`, {
      note: 'Check the minimum',
    });
    expect(rejected.json().draft).toMatchObject({ state: 'draft', note: 'Check the minimum' });
    await call(writer, 'POST', `/knowledge/articles/${article.id}/submit`);
    await call(reviewer, 'POST', `/knowledge/articles/${article.id}/approve`, {});

    const diff = await call(writer, 'GET', `/knowledge/articles/${article.id}/diff?from=1&to=2`);
    expect(diff.json().parts).toEqual(
      expect.arrayContaining([
        { value: '1', change: 'removed' },
        { value: '2', change: 'added' },
        { value: '5', change: 'removed' },
        { value: '10', change: 'added' },
      ]),
    );
    const asOf = await call(
      agent,
      'GET',
      `/knowledge/articles/${article.id}/as-of?at=${encodeURIComponent(t1)}`,
    );
    expect(asOf.json().version.bodyHtml).toContain('0.1%');

    const rolledBack = await call(writer, 'POST', `/knowledge/articles/${article.id}/versions/1/rollback`);
    expect(rolledBack.json()).toMatchObject({ latestVersion: 3, publishedVersion: 2 });
    expect(rolledBack.json().draft.bodyHtml).toContain('0.1%');
    const history = await call(writer, 'GET', `/knowledge/articles/${article.id}/versions`);
    expect(history.json().items.map((v: { state: string }) => v.state)).toEqual([
      'draft',
      'published',
      'superseded',
    ]);
  });

  it('publishes a scheduled approval when its time comes', async () => {
    const created = await call(writer, 'POST', '/knowledge/articles', {
      locale: 'en',
      title: 'New savings rates from Monday',
      bodyHtml: '<p>The 12-month savings rate rises to 5.1%.</p>',
    });
    const id = created.json().id;
    await call(writer, 'POST', `/knowledge/articles/${id}/submit`);
    const at = new Date(ctx.clock.now().getTime() + 3_600_000).toISOString();
    const approved = await call(reviewer, 'POST', `/knowledge/articles/${id}/approve`, { publishAt: at });
    expect(approved.json()).toMatchObject({ status: 'in_review', publishAt: at });
    expect(await ctx.app.knowledge.publishDue()).toBe(0);
    ctx.clock.advance(3_600_000);
    expect(await ctx.app.knowledge.publishDue()).toBe(1);
    expect((await call(agent, 'GET', `/knowledge/articles/${id}`)).json()).toMatchObject({
      status: 'published',
    });
  });
});

describe('stored HTML is sanitized', () => {
  const payloads: Array<[string, RegExp]> = [
    ['<script>alert(1)</script><p>ok</p>', /script|alert/i],
    ['<style>body{display:none}</style><p>ok</p>', /style|display/i],
    ['<p onclick="alert(1)">ok</p>', /onclick/i],
    ['<img src=x onerror=alert(1)>', /onerror|<img/i],
    ['<a href="javascript:alert(1)">x</a>', /javascript/i],
    ['<a href="JaVaScRiPt:alert(1)">x</a>', /javascript/i],
    ['<a href="&#106;avascript:alert(1)">x</a>', /avascript/i],
    ['<img src="https://tracker.example/p.gif">', /tracker|<img/i],
    ['<iframe src="https://evil.example"></iframe>', /iframe|evil/i],
    ['<svg onload=alert(1)><circle/></svg>', /svg|onload/i],
    ['<p style="background:url(https://evil.example/x)">ok</p>', /style|evil/i],
    ['<link rel="stylesheet" href="https://evil.example/x.css">', /link|evil/i],
    ['<object data="x.swf"></object><embed src="x.swf">', /object|embed|swf/i],
    ['<form action="https://evil.example"><input name=a></form>', /form|input|evil/i],
    ['<a href="data:text/html,<script>alert(1)</script>">x</a>', /data:|script/i],
    ['<math><mtext><img src=x onerror=alert(1)></mtext></math>', /onerror|math/i],
  ];
  it.each(payloads)('removes %s', async (payload, forbidden) => {
    const created = await call(writer, 'POST', '/knowledge/articles', {
      locale: 'en',
      title: 'XSS',
      bodyHtml: payload,
    });
    expect(created.statusCode).toBe(201);
    const stored = await ctx.pool.query('SELECT body_html FROM knowledge_versions WHERE article_id = $1', [
      created.json().id,
    ]);
    expect(stored.rows[0].body_html).not.toMatch(forbidden);
  });
  it('keeps headings, lists, tables, https links and our own images', async () => {
    const html =
      '<h2>T</h2><ul><li>a</li></ul><table><tbody><tr><td>1</td></tr></tbody></table><a href="https://bank.example/fees">fees</a><img src="/api/v1/knowledge/images/0190a8b2-7c3e-7000-8000-000000000001" alt="card">';
    const created = await call(writer, 'POST', '/knowledge/articles', {
      locale: 'en',
      title: 'Rich',
      bodyHtml: html,
    });
    const body = created.json().bodyHtml as string;
    expect(body).toContain('<h2>T</h2><ul><li>a</li></ul><table><tbody><tr><td>1</td></tr></tbody></table>');
    expect(body).toContain('href="https://bank.example/fees"');
    expect(body).toContain('rel="noopener noreferrer"');
    expect(body).toContain(
      '<img src="/api/v1/knowledge/images/0190a8b2-7c3e-7000-8000-000000000001" alt="card" />',
    );
  });
});

describe('search', () => {
  let zhId: string;
  let internalId: string;
  beforeAll(async () => {
    const en = await publish({
      locale: 'en',
      title: 'Report a lost or stolen credit card',
      bodyHtml:
        '<p>Block the card at once in the app, then order a replacement. Call 1900 1234 at any hour.</p>',
      tags: ['lost card'],
      visibility: 'public',
    });
    const zh = await publish({
      locale: 'zh-CN',
      translationOf: en.id,
      title: '信用卡丢失或被盗如何挂失',
      bodyHtml: '<p>请立即在手机银行冻结卡片，然后申请补卡。24小时客服热线 1900 1234。</p>',
      visibility: 'public',
    });
    zhId = zh.id;
    const internal = await publish({
      locale: 'en',
      title: 'Back office: card embossing queue',
      bodyHtml: '<p>How the card embossing queue is worked by the back office.</p>',
      visibility: 'internal',
      audience: ['back_office'],
    });
    internalId = internal.id;
  });

  it('finds the Chinese translation with a Chinese query, and links the translations', async () => {
    const result = await call(
      agent,
      'GET',
      `/knowledge/search?q=${encodeURIComponent('信用卡丢了怎么办')}&locale=zh-CN`,
    );
    expect(result.json().items[0].id).toBe(zhId);
    expect(result.json().items[0].titleHtml).toContain('<mark>信用卡');
    const article = await call(agent, 'GET', `/knowledge/articles/${zhId}`);
    expect(article.json().translations.map((t: { locale: string }) => t.locale)).toEqual(['en']);
  });

  it('stems English, forgives typos and expands editor synonyms across languages', async () => {
    const stemmed = await call(agent, 'GET', '/knowledge/search?q=reporting%20stolen%20cards&locale=en');
    expect(stemmed.json().items[0].title).toBe('Report a lost or stolen credit card');
    const typo = await call(agent, 'GET', '/knowledge/search?q=stolen%20crdit%20card&locale=en');
    expect(typo.json().items[0].title).toBe('Report a lost or stolen credit card');

    const before = await call(
      agent,
      'GET',
      `/knowledge/search?q=${encodeURIComponent('thẻ tín dụng')}&locale=en`,
    );
    expect(before.json().items).toEqual([]);
    expect((await call(agent, 'POST', '/knowledge/synonyms', { terms: ['x', 'y'] })).statusCode).toBe(403);
    const synonyms = await call(writer, 'POST', '/knowledge/synonyms', {
      terms: ['信用卡', 'credit card', 'thẻ tín dụng'],
    });
    expect(synonyms.statusCode).toBe(201);
    const after = await call(
      agent,
      'GET',
      `/knowledge/search?q=${encodeURIComponent('thẻ tín dụng')}&locale=en`,
    );
    expect(after.json().items[0].title).toBe('Report a lost or stolen credit card');
    // Typed without marks: `the` (thẻ) is also an English stop word; it still completes the phrase.
    const unmarked = await call(
      agent,
      'GET',
      `/knowledge/search?q=${encodeURIComponent('the tin dung')}&locale=en`,
    );
    expect(unmarked.json().items[0].title).toBe('Report a lost or stolen credit card');
    // and stays a stop word for English: `the` is required of no article.
    const english = await call(agent, 'GET', '/knowledge/search?q=the%20stolen%20card&locale=en');
    expect(english.json().items[0].title).toBe('Report a lost or stolen credit card');
  });

  it('filters by visibility and audience: the public and other audiences do not see internal articles', async () => {
    const byAgent = await call(agent, 'GET', '/knowledge/search?q=embossing');
    expect(byAgent.json().items).toEqual([]);
    const byEditor = await call(writer, 'GET', '/knowledge/search?q=embossing');
    expect(byEditor.json().items.map((h: { id: string }) => h.id)).toEqual([internalId]);
    expect((await call(teller, 'GET', `/knowledge/articles/${internalId}`)).statusCode).toBe(404);
    const publicPage = await call(null, 'GET', '/help/en/search?q=embossing');
    expect(publicPage.body).not.toContain('embossing queue is worked');
    expect((await call(null, 'GET', '/knowledge/search?q=card')).statusCode).toBe(401);
  });

  it('lets readers browse the menu: the published articles of a category for their audience, by title', async () => {
    const category = await call(writer, 'POST', '/knowledge/categories', {
      names: { en: 'Transfers', 'zh-CN': '转账', vi: 'Chuyển tiền' },
    });
    const categoryId = category.json().id as string;
    const everyone = await publish({
      locale: 'en',
      categoryId,
      title: 'Transfer limits',
      bodyHtml: '<p>L.</p>',
    });
    const vi = await publish({
      locale: 'vi',
      categoryId,
      translationOf: everyone.id,
      title: 'Hạn mức chuyển tiền',
      bodyHtml: '<p>H.</p>',
    });
    const backOffice = await publish({
      locale: 'en',
      categoryId,
      title: 'Returned SWIFT transfers: the operations checklist',
      bodyHtml: '<p>C.</p>',
      audience: ['back_office'],
    });
    const draft = await call(writer, 'POST', '/knowledge/articles', {
      locale: 'en',
      categoryId,
      title: 'A draft nobody reads yet',
      bodyHtml: '<p>D.</p>',
    });
    expect(draft.statusCode).toBe(201);

    const ids = (r: { json: () => { items: Array<{ id: string }> } }) => r.json().items.map((a) => a.id);
    const byAgent = await call(agent, 'GET', `/knowledge/categories/${categoryId}/articles`);
    expect(byAgent.statusCode).toBe(200);
    expect(ids(byAgent)).toEqual([vi.id, everyone.id]);
    const back = await signInAs(ctx, { username: 'kb.back', roles: ['back_office'] });
    expect(ids(await call(back, 'GET', `/knowledge/categories/${categoryId}/articles?locale=en`))).toEqual([
      backOffice.id,
      everyone.id,
    ]);
    expect(ids(await call(reviewer, 'GET', `/knowledge/categories/${categoryId}/articles`))).toEqual([
      vi.id,
      backOffice.id,
      everyone.id,
    ]);
    expect(ids(await call(teller, 'GET', `/knowledge/categories/${categoryId}/articles?locale=vi`))).toEqual([
      vi.id,
    ]);

    const missing = await call(
      agent,
      'GET',
      `/knowledge/categories/${crypto.randomUUID()}/articles`,
      undefined,
      'vi',
    );
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('KNOWLEDGE_CATEGORY_NOT_FOUND');
    expect(
      (await call(agent, 'GET', `/knowledge/categories/${categoryId}/articles?locale=fr`)).statusCode,
    ).toBe(400);
    expect((await call(null, 'GET', `/knowledge/categories/${categoryId}/articles`)).statusCode).toBe(401);
  });

  it('answers the same through the SQL path (used until the index is built)', async () => {
    expect(ctx.app.knowledge.indexStats().isReady).toBe(true);
    for (const [q, locale] of [
      ['信用卡丢了怎么办', 'zh-CN'],
      ['stolen crdit card', 'en'],
      ['thẻ tín dụng', 'en'],
      ['the tin dung', 'en'],
      ['embossing', undefined],
    ] as const) {
      const byIndex = await ctx.app.knowledge.search(null, { q, locale, isSuggestion: true });
      const bySql = await ctx.app.knowledge.search(null, { q, locale, isSuggestion: true, engine: 'sql' });
      expect(bySql.items.map((i) => i.id)).toEqual(byIndex.items.map((i) => i.id));
      expect(bySql.items.map((i) => i.snippet)).toEqual(byIndex.items.map((i) => i.snippet));
    }
    // The public never sees the internal article, on either path.
    expect(
      (await ctx.app.knowledge.search(null, { q: 'embossing', engine: 'sql', isSuggestion: true })).items,
    ).toEqual([]);
  });

  it('answers a 5,000-character query', async () => {
    const q = 'lost card '.repeat(500);
    const result = await call(agent, 'GET', `/knowledge/search?q=${encodeURIComponent(q)}`);
    expect(result.statusCode).toBe(200);
    expect(result.json().items.length).toBeGreaterThan(0);
    const tooLong = await call(agent, 'GET', `/knowledge/search?q=${'a'.repeat(5001)}`);
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('logs searches; an opened result is no content gap; the morning brief lists both', async () => {
    const opened = await call(agent, 'GET', '/knowledge/search?q=stolen%20card');
    const { searchId, items } = opened.json();
    expect(
      (await call(agent, 'POST', `/knowledge/articles/${items[0].id}/open`, { searchId })).statusCode,
    ).toBe(204);
    await call(agent, 'GET', '/knowledge/search?q=mortgage%20holiday');
    await call(agent, 'GET', '/knowledge/search?q=mortgage%20holiday');
    const stored = await ctx.pool.query(
      `SELECT query, result_count, opened_article_id FROM knowledge_searches WHERE id = $1`,
      [searchId],
    );
    expect(stored.rows[0]).toMatchObject({ query: 'stolen card', opened_article_id: items[0].id });
    const brief = await call(agent, 'GET', '/knowledge/brief');
    expect(brief.statusCode).toBe(200);
    expect(brief.json().contentGaps).toEqual(
      expect.arrayContaining([{ query: 'mortgage holiday', searches: 2, total: 2, results: 0 }]),
    );
    expect(brief.json().contentGaps.map((g: { query: string }) => g.query)).not.toContain('stolen card');
    expect(brief.json().topSearches).toContainEqual({ query: 'mortgage holiday', searches: 2 });
  });

  it('the morning brief says what changed since yesterday: new, a later version, archived, and who approved', async () => {
    const fresh = await publish({ locale: 'en', title: 'Brief: a new article', bodyHtml: '<p>New.</p>' });
    const revised = await publish({ locale: 'en', title: 'Brief: revised once', bodyHtml: '<p>One.</p>' });
    expect(
      (await call(writer, 'PATCH', `/knowledge/articles/${revised.id}`, { bodyHtml: '<p>Two.</p>' }))
        .statusCode,
    ).toBe(200);
    expect((await call(writer, 'POST', `/knowledge/articles/${revised.id}/submit`)).statusCode).toBe(200);
    expect((await call(reviewer, 'POST', `/knowledge/articles/${revised.id}/approve`, {})).statusCode).toBe(
      200,
    );
    const gone = await publish({ locale: 'vi', title: 'Brief: bài đã gỡ', bodyHtml: '<p>Cũ.</p>' });
    ctx.clock.advance(1000);
    expect((await call(reviewer, 'POST', `/knowledge/articles/${gone.id}/archive`)).statusCode).toBe(200);

    const brief = await call(agent, 'GET', '/knowledge/brief');
    expect(brief.statusCode).toBe(200);
    const { changed, changedTotal } = brief.json() as {
      changed: Array<{ id: string; change: string; version: number; approvedBy: string | null }>;
      changedTotal: number;
    };
    const byId = new Map(changed.map((c) => [c.id, c]));
    expect(byId.get(fresh.id)).toMatchObject({ change: 'new', version: 1, approvedBy: 'kb.reviewer' });
    expect(byId.get(revised.id)).toMatchObject({ change: 'updated', version: 2, approvedBy: 'kb.reviewer' });
    expect(byId.get(gone.id)).toMatchObject({ change: 'archived' });
    // Latest first: the archived one was changed last.
    expect(changed[0]?.id).toBe(gone.id);
    // Every article of this file went live within the day (the clock moved a few hours at most).
    const live = await ctx.pool.query(
      `SELECT count(*)::int AS n FROM knowledge_articles WHERE status IN ('published', 'archived')`,
    );
    expect(changedTotal).toBe(live.rows[0].n);
    expect(changed.length).toBe(Math.min(50, changedTotal));
  });

  it('suggests from a customer message in the conversation language; feedback counts', async () => {
    const suggestions = await call(agent, 'POST', '/knowledge/suggestions', {
      text: 'Chào em, chị làm mất thẻ tín dụng hôm qua rồi, giờ phải làm sao?',
      locale: 'vi',
    });
    expect(suggestions.statusCode).toBe(200);
    expect(suggestions.json().items[0].title).toBe('Khóa thẻ tín dụng khi bị mất');
    expect(suggestions.json().items[0].answer).toContain('1900 1234');
    const id = suggestions.json().items[0].id;
    const feedback = await call(agent, 'POST', `/knowledge/articles/${id}/feedback`, { isHelpful: true });
    expect(feedback.json()).toEqual({ helpful: 1, notHelpful: 0 });
  });
});

describe('help center', () => {
  it('renders the category menu, searches without diacritics, shows the article and takes feedback', async () => {
    const home = await call(null, 'GET', '/help/vi');
    expect(home.statusCode).toBe(200);
    expect(home.headers['content-type']).toContain('text/html');
    expect(home.body).toContain('<html lang="vi">');
    expect(home.body).toContain('>Thẻ</a>');
    const search = await call(null, 'GET', '/help/vi/search?q=khoa%20the%20tin%20dung');
    expect(search.body).toContain('<mark>Khóa</mark>');
    const link = /href="(\/help\/vi\/articles\/[0-9a-f-]{36})\?s=([0-9a-f-]{36})"/.exec(search.body);
    expect(link).not.toBeNull();
    const article = await call(null, 'GET', `${link?.[1]}?s=${link?.[2]}`);
    expect(article.body).toContain('Khóa thẻ tín dụng khi bị mất');
    expect(article.body).toContain('data-chat');
    const opened = await ctx.pool.query('SELECT opened_article_id FROM knowledge_searches WHERE id = $1', [
      link?.[2],
    ]);
    expect(opened.rows[0].opened_article_id).not.toBeNull();
    const feedback = await ctx.app.http.inject({
      method: 'POST',
      url: `${link?.[1]}/feedback`,
      payload: 'helpful=yes',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(feedback.statusCode).toBe(303);
    expect(feedback.headers.location).toContain('thanks=1');
    expect((await call(null, 'GET', '/help/xx')).statusCode).toBe(404);
  });

  it('counts a few anonymous votes per client address and article, not a flood (helpful ranks search)', async () => {
    const article = await publish({
      locale: 'vi',
      title: 'Phí rút tiền mặt tại ATM',
      bodyHtml: '<p>Rút tiền tại ATM của ngân hàng khác: 3.300 đồng mỗi lần.</p>',
      visibility: 'public',
    });
    const counts = async () =>
      (await ctx.pool.query('SELECT helpful FROM knowledge_articles WHERE id = $1', [article.id])).rows[0]
        .helpful as number;
    const votes = async (n: number, remoteAddress: string) => {
      for (let i = 0; i < n; i++) {
        const vote = await ctx.app.http.inject({
          method: 'POST',
          url: `/help/vi/articles/${article.id}/feedback`,
          payload: 'helpful=yes',
          remoteAddress,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
        // The voter is thanked either way: nothing tells a flood which votes were dropped.
        expect(vote.statusCode).toBe(303);
        expect(vote.headers.location).toContain('thanks=1');
      }
    };
    const stored = async () =>
      (
        await ctx.pool.query(
          "SELECT count(*)::int AS n FROM knowledge_feedback WHERE article_id = $1 AND source = 'help'",
          [article.id],
        )
      ).rows[0].n as number;
    const before = await counts();
    const rowsBefore = await stored();
    await votes(12, '198.51.100.7');
    expect(await counts()).toBe(before + 5);
    expect(await stored()).toBe(rowsBefore + 5);
    // Another customer, another address: their vote counts.
    await votes(1, '198.51.100.8');
    expect(await counts()).toBe(before + 6);
  });

  it('does not show drafts or internal articles', async () => {
    const draft = await call(writer, 'POST', '/knowledge/articles', {
      locale: 'en',
      title: 'Draft secret',
      bodyHtml: '<p>x</p>',
      visibility: 'public',
    });
    expect((await call(null, 'GET', `/help/en/articles/${draft.json().id}`)).statusCode).toBe(404);
  });
});

describe('images and import/export', () => {
  it('accepts a sniffed PNG up to the limit and refuses anything else', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const upload = (body: Buffer, session = writer) =>
      ctx.app.http.inject({
        method: 'POST',
        url: '/api/v1/knowledge/images',
        payload: body,
        headers: { ...as(session), 'content-type': 'application/octet-stream' },
      });
    const ok = await upload(png);
    expect(ok.statusCode).toBe(201);
    const served = await call(null, 'GET', ok.json().url.replace('/api/v1', ''));
    expect(served.headers['content-type']).toBe('image/png');
    expect((await upload(Buffer.from('<svg onload=alert(1)>'))).json().error.code).toBe(
      'KNOWLEDGE_IMAGE_TYPE',
    );
    expect((await upload(Buffer.concat([png, Buffer.alloc(2 * 1024 * 1024)]))).statusCode).toBe(413);
    expect((await upload(png, agent)).statusCode).toBe(403);
  });

  it('imports CSV, Markdown and an HTML zip as drafts, refuses a zip bomb, and exports a locale (audited)', async () => {
    const csv =
      'locale,title,body,tags\nvi,"Phí rút tiền ATM","<p>Rút tiền tại ATM khác ngân hàng: 3.300đ/lần.</p>",phí;ATM\nxx,Bad,<p>x</p>,\n';
    const result = await call(writer, 'POST', '/knowledge/import', { format: 'csv', content: csv });
    expect(result.json()).toMatchObject({ created: 1, problems: [{ row: 2, problem: 'locale xx' }] });
    const md = await call(writer, 'POST', '/knowledge/import', {
      format: 'markdown',
      content: '---\nlocale: en\ntags: fees\n---\n# ATM fees\n\n- Own ATMs: free\n- Other banks: **1 USD**\n',
    });
    expect(md.json().created).toBe(1);
    const stored = await ctx.pool.query('SELECT status, body_html FROM knowledge_articles WHERE id = $1', [
      md.json().ids[0],
    ]);
    expect(stored.rows[0]).toEqual({
      status: 'draft',
      body_html: '<ul><li>Own ATMs: free</li><li>Other banks: <strong>1 USD</strong></li></ul>',
    });
    const bad = await call(writer, 'POST', '/knowledge/import', { format: 'csv', content: 'a,b\n1,2' });
    expect(bad.json().error.code).toBe('KNOWLEDGE_IMPORT_INVALID');
    // An HTML zip, as the web page sends it (base64): one draft per page, the locale from its folder.
    const zip = zipSync({
      'vi/the-atm.html': strToU8('<title>Thẻ bị nuốt tại ATM</title><body><p>Gọi 1900 1234.</p></body>'),
      'en/atm.md': strToU8('# Card kept by an ATM\n\nCall 1900 1234.\n'),
    });
    const zipped = await call(writer, 'POST', '/knowledge/import', {
      format: 'zip',
      content: Buffer.from(zip).toString('base64'),
    });
    expect(zipped.json()).toMatchObject({ created: 2, problems: [] });
    const drafts = await ctx.pool.query(
      'SELECT locale, title, status FROM knowledge_articles WHERE id = ANY($1::uuid[]) ORDER BY locale',
      [zipped.json().ids],
    );
    expect(drafts.rows).toEqual([
      { locale: 'en', title: 'Card kept by an ATM', status: 'draft' },
      { locale: 'vi', title: 'Thẻ bị nuốt tại ATM', status: 'draft' },
    ]);
    // A zip bomb (3 MB of zeros in a few kilobytes) is refused, in the writer's language, with nothing stored.
    const before = (await ctx.pool.query('SELECT count(*)::int AS n FROM knowledge_articles')).rows[0].n;
    const bomb = await call(
      writer,
      'POST',
      '/knowledge/import',
      {
        format: 'zip',
        content: Buffer.from(zipSync({ 'a.md': new Uint8Array(3 << 20) })).toString('base64'),
      },
      'vi',
    );
    expect(bomb.statusCode).toBe(400);
    expect(bomb.json().error).toMatchObject({ code: 'KNOWLEDGE_IMPORT_INVALID' });
    expect(bomb.json().error.message).toContain('Tệp nhập không hợp lệ');
    expect((await ctx.pool.query('SELECT count(*)::int AS n FROM knowledge_articles')).rows[0].n).toBe(
      before,
    );

    const exported = await call(writer, 'GET', '/knowledge/export?locale=vi');
    expect(exported.statusCode).toBe(200);
    const items = JSON.parse(exported.body).items as Array<{ locale: string }>;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.locale === 'vi')).toBe(true);
    expect((await call(agent, 'GET', '/knowledge/export')).statusCode).toBe(403);
    const audit = await ctx.pool.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'knowledge.exported'`,
    );
    expect(audit.rows[0].n).toBe(1);
  });
});
