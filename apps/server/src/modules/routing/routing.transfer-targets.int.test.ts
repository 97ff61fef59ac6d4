import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestContext, type Session, signInAs, type TestContext } from '../../../test/harness.ts';

let ctx: TestContext;
let agent: Session;
let colleague: Session;
let supervisor: Session;
let backOffice: Session;
let queueId: string;

const call = (session: Session | null, method: string, url: string) =>
  ctx.app.http.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    headers: session ? as(session) : {},
  });

beforeAll(async () => {
  ctx = await createTestContext();
  queueId = crypto.randomUUID();
  await ctx.pool.query(
    `INSERT INTO routing_queues (id, code, name, channels) VALUES ($1, 'cards_chat', 'Cards chat', '{chat}')`,
    [queueId],
  );
  agent = await signInAs(ctx, { username: 'tt.agent', roles: ['agent'] });
  colleague = await signInAs(ctx, { username: 'tt.colleague', roles: ['agent'] });
  supervisor = await signInAs(ctx, { username: 'tt.super', roles: ['supervisor'] });
  backOffice = await signInAs(ctx, { username: 'tt.bo', roles: ['back_office'] });
  // Desk users get their routing rows from the staff events.
  await ctx.app.events.dispatchPending();
  await ctx.app.routing.setCapacity(colleague.userId, 'chat', 2);
  await ctx.app.routing.setAgentState(colleague.userId, 'available', null);
});
afterAll(async () => ctx?.close());

describe('GET /desk/transfer-targets', () => {
  it('lists the queues and the other desks with state and load, never the agent themself', async () => {
    const response = await call(agent, 'GET', '/desk/transfer-targets');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.queues).toContainEqual({
      id: queueId,
      code: 'cards_chat',
      name: 'Cards chat',
      channels: ['chat'],
    });
    const ids = body.agents.map((a: { userId: string }) => a.userId);
    expect(ids).not.toContain(agent.userId);
    expect(ids).toContain(supervisor.userId);
    expect(ids).not.toContain(backOffice.userId);
    expect(body.agents.find((a: { userId: string }) => a.userId === colleague.userId)).toMatchObject({
      state: 'available',
      channels: expect.arrayContaining([{ channel: 'chat', capacity: 2, load: 0 }]),
    });
    // Names, state and load only: which customers a colleague serves is the supervisor board's.
    expect(Object.keys(body.agents[0]).sort()).toEqual(['channels', 'displayName', 'state', 'userId']);
  });

  it('is for desk users only', async () => {
    expect((await call(null, 'GET', '/desk/transfer-targets')).statusCode).toBe(401);
    const refused = await call(backOffice, 'GET', '/desk/transfer-targets');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('AUTH_FORBIDDEN');
    expect((await call(supervisor, 'GET', '/desk/transfer-targets')).statusCode).toBe(200);
  });
});
