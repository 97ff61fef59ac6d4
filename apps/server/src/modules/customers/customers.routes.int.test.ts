import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, signInAs, type TestContext } from '../../../test/harness.ts';
import { seedDemoCustomers } from '../../seed/demo-bank.ts';

let ctx: TestContext;
let agent: Session;
let backOffice: Session;

beforeAll(async () => {
  ctx = await createTestContext();
  const branch = await ctx.app.staff.createBranch(null, {
    code: 'HO',
    name: 'Head Office',
    city: 'Hà Nội',
    country: 'VN',
    timeZone: 'Asia/Ho_Chi_Minh',
  });
  const branchIdByCode = Object.fromEntries(
    ['HO', 'HN01', 'HCM01', 'SH01', 'SZ01'].map((code) => [code, branch.id]),
  );
  await seedDemoCustomers({
    db: ctx.app.db,
    ids: ctx.app.ids,
    clock: ctx.app.clock,
    branchIdByCode,
    count: 20,
  });
  agent = await signInAs(ctx, { username: 'c360.agent', roles: ['agent'] });
  backOffice = await signInAs(ctx, { username: 'c360.bo', roles: ['back_office'] });
});
afterAll(async () => ctx?.close());

const get = (session: Session | null, url: string) =>
  ctx.app.http.inject({ url: `/api/v1${url}`, headers: session ? { cookie: session.cookie } : {} });

describe('customer 360', () => {
  it('finds a customer by name and shows profile, contacts, masked products and history; the view is audited', async () => {
    const found = await get(agent, `/customers?q=${encodeURIComponent('Nguyễn Thị Thu Hà')}`);
    expect(found.statusCode).toBe(200);
    const customer = found.json().items.find((c: { customerNo: string }) => c.customerNo === 'C0001001');
    expect(customer).toBeDefined();
    const view = await get(agent, `/customers/${customer.id}`);
    expect(view.statusCode).toBe(200);
    const body = view.json();
    expect(body.customer).toMatchObject({ customerNo: 'C0001001', fullName: 'Nguyễn Thị Thu Hà' });
    expect(body.contacts.some((c: { kind: string }) => c.kind === 'phone')).toBe(true);
    for (const a of body.accounts) expect(a.accountNoMasked).toMatch(/^••••\d{4}$/);
    for (const c of body.cards) expect(c.panMasked).toMatch(/^\d{6}\*+\d{4}$/);
    expect(JSON.stringify(body)).not.toMatch(/\b\d{13,19}\b/);
    const { rows } = await ctx.pool.query(
      "SELECT actor_name FROM audit_log WHERE action = 'customer.viewed' AND target_id = $1",
      [customer.id],
    );
    expect(rows).toEqual([{ actor_name: 'c360.agent' }]);
  });

  it('shows the timeline of every contact, newest first, with who handled it, why and the rating', async () => {
    const found = await get(agent, `/customers?q=${encodeURIComponent('Nguyễn Thị Thu Hà')}`);
    const customerId = found.json().items[0].id as string;
    const queueId = crypto.randomUUID();
    await ctx.pool.query(
      `INSERT INTO routing_queues (id, code, name, channels) VALUES ($1, 'timeline', 'Timeline', '{chat}')`,
      [queueId],
    );
    const reason = await ctx.app.reasons.createReason(null, {
      code: 'card_block',
      names: { en: 'Block a card', 'zh-CN': '冻结卡片', vi: 'Khóa thẻ' },
    });
    const older = await ctx.app.conversations.startConversation({
      channel: 'chat',
      queueId,
      language: 'vi',
      customerId,
      topic: 'cards',
    });
    await ctx.pool.query(
      `UPDATE conversations SET status = 'closed', assignee_id = $2, contact_reason_id = $3, rating = 5,
         closed_at = created_at WHERE id = $1`,
      [older.id, agent.userId, reason.id],
    );
    ctx.clock.advance(60_000);
    const newer = await ctx.app.conversations.startConversation({
      channel: 'email',
      queueId,
      language: 'vi',
      customerId,
    });
    const timeline = (await get(agent, `/customers/${customerId}`)).json().conversations;
    expect(timeline.map((c: { id: string }) => c.id)).toEqual([newer.id, older.id]);
    expect(timeline[1]).toMatchObject({
      channel: 'chat',
      status: 'closed',
      agentName: 'c360.agent',
      rating: 5,
      contactReason: { code: 'card_block', names: { vi: 'Khóa thẻ' } },
    });
    expect(timeline[0]).toMatchObject({ channel: 'email', agentName: null, contactReason: null });
  });

  it('refuses the back office, signed-out callers, a short query and an unknown customer', async () => {
    expect((await get(backOffice, '/customers?q=nguyen')).statusCode).toBe(403);
    expect((await get(null, '/customers?q=nguyen')).statusCode).toBe(401);
    expect((await get(agent, '/customers?q=n')).statusCode).toBe(400);
    expect((await get(agent, '/customers/018f0000-0000-7000-8000-000000000000')).json().error.code).toBe(
      'CUSTOMER_NOT_FOUND',
    );
  });
});
