import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { as, createTestContext, type Session, signInAs, type TestContext } from '../../../test/harness.ts';

let ctx: TestContext;
let port: number;
let writer: Session;
let reviewer: Session;
let owner: Session;
let agent: Session;

interface Pushed {
  type: string;
  data?: Record<string, unknown>;
}

const call = (session: Session, method: string, url: string, payload?: unknown) =>
  ctx.app.http.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    payload: payload as object,
    headers: { ...as(session), 'accept-language': 'en' },
  });

async function staffSocket(session: Session) {
  const received: Pushed[] = [];
  const socket = new WebSocket(`ws://127.0.0.1:${port}/api/v1/realtime`, {
    headers: { cookie: session.cookie },
  });
  socket.on('message', (raw) => received.push(JSON.parse(String(raw))));
  const until = async (check: (m: Pushed) => boolean) => {
    const deadline = Date.now() + 10_000;
    while (!received.some(check)) {
      if (Date.now() > deadline) throw new Error(`timed out: ${JSON.stringify(received)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return received.find(check) as Pushed;
  };
  await until((m) => m.type === 'ready');
  return { socket, received, until };
}

const day = (offsetDays: number) =>
  new Date(ctx.clock.now().getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  ctx = await createTestContext();
  writer = await signInAs(ctx, { username: 'kbr.writer', roles: ['knowledge_editor'] });
  reviewer = await signInAs(ctx, { username: 'kbr.reviewer', roles: ['knowledge_editor'] });
  owner = await signInAs(ctx, { username: 'kbr.owner', roles: ['supervisor'] });
  agent = await signInAs(ctx, { username: 'kbr.agent', roles: ['agent'] });
  await ctx.app.events.start({ pollMs: 50 });
  await ctx.app.http.listen({ host: '127.0.0.1', port: 0 });
  port = (ctx.app.http.server.address() as { port: number }).port;
});
afterAll(async () => ctx?.close());

describe('review-by dates', () => {
  it('the daily job flags an article past its review-by date to its owner and the editors, once per date', async () => {
    const created = await call(writer, 'POST', '/knowledge/articles', {
      locale: 'vi',
      title: 'Biểu phí chuyển tiền quốc tế',
      bodyHtml: '<p>Phí chuyển tiền quốc tế là 0,2% số tiền, tối thiểu 10 USD.</p>',
      ownerId: owner.userId,
      reviewBy: day(1),
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const notOverdue = await call(writer, 'POST', '/knowledge/articles', {
      locale: 'en',
      title: 'Card limits',
      bodyHtml: '<p>Daily limits.</p>',
      reviewBy: day(30),
    });
    const laterId = notOverdue.json().id as string;
    await call(writer, 'POST', `/knowledge/articles/${id}/submit`);
    expect((await call(reviewer, 'POST', `/knowledge/articles/${id}/approve`, {})).statusCode).toBe(200);

    const [ownerDesk, editorDesk, agentDesk] = await Promise.all([
      staffSocket(owner),
      staffSocket(reviewer),
      staffSocket(agent),
    ]);

    // Not yet due (the date itself is still in time).
    expect(await ctx.app.knowledge.flagOverdueReviews()).toBe(0);
    ctx.clock.advance(86_400_000);
    expect(await ctx.app.knowledge.flagOverdueReviews()).toBe(0);

    ctx.clock.advance(86_400_000);
    expect(await ctx.app.knowledge.flagOverdueReviews()).toBe(1);
    const isNotice = (m: Pushed) => m.type === 'knowledge.review_overdue' && m.data?.articleId === id;
    const [toOwner, toEditor] = await Promise.all([ownerDesk.until(isNotice), editorDesk.until(isNotice)]);
    expect(toOwner.data).toMatchObject({
      articleId: id,
      locale: 'vi',
      title: 'Biểu phí chuyển tiền quốc tế',
      reviewBy: day(-1),
      ownerId: owner.userId,
    });
    expect(toEditor.data).toEqual(toOwner.data);

    // The same day again, and the next day: nothing new (one notice per review-by date).
    expect(await ctx.app.knowledge.flagOverdueReviews()).toBe(0);
    ctx.clock.advance(86_400_000);
    expect(await ctx.app.knowledge.flagOverdueReviews()).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(agentDesk.received.some((m) => m.type === 'knowledge.review_overdue')).toBe(false);
    expect(editorDesk.received.filter(isNotice)).toHaveLength(1);

    // The editors' view lists it as overdue; the article not yet due is not listed. (Days have
    // passed on the fake clock: the sessions of the morning have expired, so people sign in again.)
    const editor = await signInAs(ctx, { username: 'kbr.editor', roles: ['knowledge_editor'] });
    const laterAgent = await signInAs(ctx, { username: 'kbr.agent2', roles: ['agent'] });
    const overdue = await call(editor, 'GET', '/knowledge/articles?isReviewOverdue=true');
    expect(overdue.statusCode).toBe(200);
    const listed = overdue.json().items as Array<{ id: string; isReviewOverdue: boolean }>;
    expect(listed.map((a) => a.id)).toEqual([id]);
    expect(listed[0]?.isReviewOverdue).toBe(true);
    expect(listed.some((a) => a.id === laterId)).toBe(false);
    expect((await call(laterAgent, 'GET', '/knowledge/articles?isReviewOverdue=true')).statusCode).toBe(403);

    // A new review-by date is flagged again once it passes.
    expect((await call(editor, 'PATCH', `/knowledge/articles/${id}`, { reviewBy: day(1) })).statusCode).toBe(
      200,
    );
    ctx.clock.advance(2 * 86_400_000);
    expect(await ctx.app.knowledge.flagOverdueReviews()).toBe(1);
    await editorDesk.until((m) => isNotice(m) && m.data?.reviewBy === day(-1));
    expect(editorDesk.received.filter(isNotice)).toHaveLength(2);

    for (const s of [ownerDesk, editorDesk, agentDesk]) s.socket.close();
  });
});
