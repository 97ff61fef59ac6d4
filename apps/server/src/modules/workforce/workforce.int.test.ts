import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestContext, type Session, signInAs, type TestContext } from '../../../test/harness.ts';

let ctx: TestContext;
let planner: Session;
let supervisor: Session;
let agent: Session;
let auditor: Session;

const erlang = (session: Session | null, query: Record<string, string | number | boolean>, locale?: string) =>
  ctx.app.http.inject({
    method: 'GET',
    url: '/api/v1/workforce/erlang',
    query: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])),
    headers: { ...(session ? as(session) : {}), ...(locale ? { 'accept-language': locale } : {}) },
  });

// Call Centre Helper's worked example: 100 calls / 30 min, AHT 180 s, 80 % within 20 s (see erlang.test.ts).
const example = { arrivalsPerHour: 200, ahtSeconds: 180, targetSeconds: 20 };

beforeAll(async () => {
  ctx = await createTestContext();
  planner = await signInAs(ctx, { username: 'wfm.planner', roles: ['workforce_planner'] });
  supervisor = await signInAs(ctx, { username: 'team.lead', roles: ['supervisor'] });
  agent = await signInAs(ctx, { username: 'plain.agent', roles: ['agent'] });
  auditor = await signInAs(ctx, { username: 'the.auditor', roles: ['auditor'] });
});
afterAll(async () => ctx?.close());

describe('GET /workforce/erlang', () => {
  it('answers Erlang C for a workforce planner', async () => {
    const res = await erlang(planner, { ...example, agents: 14 });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      model: 'c',
      agents: 14,
      offeredLoad: 10,
      pAbandon: 0,
      isStable: true,
      requiredAgents: null,
      serviceLevelTarget: null,
    });
    expect(body.pWait).toBeCloseTo(0.1741, 4);
    expect(body.serviceLevel).toBeCloseTo(0.8884, 4);
    expect(body.serviceLevelAnswered).toBe(body.serviceLevel);
    expect(body.asa).toBeCloseTo(7.84, 2);
    expect(body.occupancy).toBeCloseTo(10 / 14, 10);
  });

  it('finds the required agents, with or without an agent count', async () => {
    const alone = await erlang(planner, { ...example, required: true });
    expect(alone.statusCode).toBe(200);
    expect(alone.json()).toMatchObject({ agents: 14, requiredAgents: 14, serviceLevelTarget: 0.8 });

    const withAgents = await erlang(supervisor, { ...example, agents: 11, required: true, sl: 0.9 });
    expect(withAgents.statusCode).toBe(200);
    expect(withAgents.json()).toMatchObject({ agents: 11, requiredAgents: 15, serviceLevelTarget: 0.9 });
  });

  it('answers Erlang A with abandonment and both service levels', async () => {
    const res = await erlang(planner, { ...example, model: 'a', agents: 11, patienceSeconds: 120 });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.model).toBe('a');
    expect(body.pAbandon).toBeGreaterThan(0.05);
    expect(body.serviceLevel).toBeLessThan(body.serviceLevelAnswered);
    // answered within t ÷ offered = (answered within t ÷ answered) × (1 − P(Ab))
    expect(body.serviceLevel).toBeCloseTo(body.serviceLevelAnswered * (1 - body.pAbandon), 12);
  });

  it('reports an unstable Erlang C queue with asa null', async () => {
    const res = await erlang(planner, { ...example, agents: 10 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ isStable: false, pWait: 1, serviceLevel: 0, asa: null, occupancy: 1 });
  });

  it.each([
    [{ ...example, agents: 0 }, 'agents'],
    [{ ...example, agents: 12.5 }, 'agents'],
    [{ ...example, arrivalsPerHour: -1, agents: 12 }, 'arrivalsPerHour'],
    [{ ...example, ahtSeconds: 0, agents: 12 }, 'ahtSeconds'],
    [{ ...example, targetSeconds: -5, agents: 12 }, 'targetSeconds'],
    [example, 'agents'],
    [{ ...example, model: 'a', agents: 12 }, 'patienceSeconds'],
    [{ ...example, model: 'a', agents: 12, patienceSeconds: 0 }, 'patienceSeconds'],
    [{ ...example, required: true, sl: 1 }, 'sl'],
  ])('rejects %o with WORKFORCE_INVALID_PARAMETERS (%s)', async (query, field) => {
    const res = await erlang(planner, query);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('WORKFORCE_INVALID_PARAMETERS');
    expect(res.json().error.message).toContain(field);
  });

  it('translates the error', async () => {
    const res = await erlang(planner, { ...example, agents: 0 }, 'vi');
    expect(res.json().error.message).toContain('Tham số định biên');
  });

  it('rejects an unknown model or parameter through the schema', async () => {
    expect((await erlang(planner, { ...example, agents: 12, model: 'b' })).json().error.code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await erlang(planner, { ...example, agents: 12, extra: 1 })).statusCode).toBe(400);
  });

  it('needs workforce.plan or supervisor.view', async () => {
    expect((await erlang(null, { ...example, agents: 12 })).statusCode).toBe(401);
    for (const session of [agent, auditor]) {
      const res = await erlang(session, { ...example, agents: 12 });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('AUTH_FORBIDDEN');
    }
    // permission is checked before the query is validated
    expect((await erlang(agent, { model: 'b' })).statusCode).toBe(403);
  });
});
