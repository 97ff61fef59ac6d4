import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestContext, type Session, signInAs, type TestContext } from '../../../test/harness.ts';

let ctx: TestContext;
let admin: Session;
let superA: Session;
let agentA: Session;
let teamA: string;
let teamB: string;

const call = (session: Session | null, method: string, url: string, payload?: unknown) =>
  ctx.app.http.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    payload: payload as object,
    headers: session ? as(session) : {},
  });

const bodies = { en: 'Hello {customerName}', 'zh-CN': '{customerName}您好', vi: 'Xin chào {customerName}' };
const shared = (scope: 'team' | 'global', shortcut: string, teamId?: string) => ({
  scope,
  ...(teamId ? { teamId } : {}),
  shortcut,
  title: shortcut,
  bodies,
});

beforeAll(async () => {
  ctx = await createTestContext();
  teamA = (await ctx.app.staff.createTeam(null, { name: 'Cards team' })).id;
  teamB = (await ctx.app.staff.createTeam(null, { name: 'Loans team' })).id;
  admin = await signInAs(ctx, { username: 'canned.admin', roles: ['admin'] });
  superA = await signInAs(ctx, { username: 'canned.super', roles: ['supervisor'], teamIds: [teamA] });
  agentA = await signInAs(ctx, { username: 'canned.agent', roles: ['agent'], teamIds: [teamA] });
});
afterAll(async () => ctx?.close());

describe('shared canned responses in Admin', () => {
  it('lets an administrator write bank-wide and any team’s responses, audited', async () => {
    const global = await call(admin, 'POST', '/admin/canned-responses', shared('global', 'hello'));
    expect(global.statusCode).toBe(201);
    expect(global.json()).toMatchObject({ scope: 'global', teamId: null, bodies });
    const forB = await call(admin, 'POST', '/admin/canned-responses', shared('team', 'loan-rates', teamB));
    expect(forB.json()).toMatchObject({ scope: 'team', teamId: teamB });
    const changed = await call(admin, 'PATCH', `/admin/canned-responses/${global.json().id}`, {
      title: 'Greeting',
    });
    expect(changed.json().title).toBe('Greeting');
    expect((await call(admin, 'DELETE', `/admin/canned-responses/${forB.json().id}`)).statusCode).toBe(204);
    const stored = await ctx.pool.query('SELECT count(*)::int AS n FROM canned_responses WHERE id = $1', [
      forB.json().id,
    ]);
    expect(stored.rows[0].n).toBe(0);
    const audit = await ctx.pool.query(
      "SELECT action, actor_name, details FROM audit_log WHERE action LIKE 'conversation.canned_%' ORDER BY seq",
    );
    expect(audit.rows).toEqual([
      {
        action: 'conversation.canned_created',
        actor_name: 'canned.admin',
        details: { scope: 'global', teamId: null, shortcut: 'hello' },
      },
      {
        action: 'conversation.canned_created',
        actor_name: 'canned.admin',
        details: { scope: 'team', teamId: teamB, shortcut: 'loan-rates' },
      },
      {
        action: 'conversation.canned_updated',
        actor_name: 'canned.admin',
        details: { scope: 'global', teamId: null, shortcut: 'hello' },
      },
      {
        action: 'conversation.canned_deleted',
        actor_name: 'canned.admin',
        details: { scope: 'team', teamId: teamB, shortcut: 'loan-rates' },
      },
    ]);
    const unknownTeam = await call(
      admin,
      'POST',
      '/admin/canned-responses',
      shared('team', 'x', crypto.randomUUID()),
    );
    expect(unknownTeam.json().error.code).toBe('STAFF_TEAM_NOT_FOUND');
    expect((await call(admin, 'POST', '/admin/canned-responses', shared('team', 'x'))).statusCode).toBe(403);
    expect(
      (await call(admin, 'POST', '/admin/canned-responses', { ...shared('global', 'x'), scope: 'personal' }))
        .statusCode,
    ).toBe(400);
  });

  it('lets a supervisor manage their own teams’ responses only, and read the global ones', async () => {
    const mine = await call(superA, 'POST', '/admin/canned-responses', shared('team', 'card-fee', teamA));
    expect(mine.statusCode).toBe(201);
    const otherTeam = (
      await call(admin, 'POST', '/admin/canned-responses', shared('team', 'loan-2', teamB))
    ).json();
    expect(
      (await call(superA, 'POST', '/admin/canned-responses', shared('team', 'x', teamB))).statusCode,
    ).toBe(403);
    expect((await call(superA, 'POST', '/admin/canned-responses', shared('global', 'x'))).statusCode).toBe(
      403,
    );

    const listed = (await call(superA, 'GET', '/admin/canned-responses')).json().items;
    expect(listed.map((c: { shortcut: string }) => c.shortcut).sort()).toEqual(['card-fee', 'hello']);
    const global = listed.find((c: { scope: string }) => c.scope === 'global');
    expect(
      (await call(superA, 'PATCH', `/admin/canned-responses/${global.id}`, { title: 'Mine' })).statusCode,
    ).toBe(403);
    expect((await call(superA, 'DELETE', `/admin/canned-responses/${otherTeam.id}`)).statusCode).toBe(403);
    expect(
      (
        await call(superA, 'PATCH', `/admin/canned-responses/${mine.json().id}`, { title: 'Card fees' })
      ).json().title,
    ).toBe('Card fees');

    const all = (await call(admin, 'GET', '/admin/canned-responses')).json().items;
    expect(all.map((c: { shortcut: string }) => c.shortcut).sort()).toEqual(['card-fee', 'hello', 'loan-2']);
    // The team's agents get it in their reply box.
    const desk = (await call(agentA, 'GET', '/desk/canned-responses')).json().items;
    expect(desk.map((c: { shortcut: string }) => c.shortcut).sort()).toEqual(['card-fee', 'hello']);
  });

  it('keeps agents out, and personal responses out of Admin', async () => {
    expect((await call(agentA, 'GET', '/admin/canned-responses')).statusCode).toBe(403);
    expect(
      (await call(agentA, 'POST', '/admin/canned-responses', shared('team', 'x', teamA))).statusCode,
    ).toBe(403);
    expect((await call(null, 'GET', '/admin/canned-responses')).statusCode).toBe(401);
    const personal = await call(agentA, 'POST', '/desk/canned-responses', {
      scope: 'personal',
      shortcut: 'mine',
      title: 'Mine',
      bodies,
    });
    expect(personal.statusCode).toBe(201);
    for (const session of [admin, superA]) {
      expect(
        (
          await call(session, 'PATCH', `/admin/canned-responses/${personal.json().id}`, { title: 'Taken' })
        ).json().error.code,
      ).toBe('CONVERSATION_CANNED_NOT_FOUND');
      expect(
        (await call(session, 'DELETE', `/admin/canned-responses/${personal.json().id}`)).statusCode,
      ).toBe(404);
    }
    expect((await call(admin, 'GET', '/admin/canned-responses')).json().items).not.toContainEqual(
      expect.objectContaining({ shortcut: 'mine' }),
    );
    const audit = await ctx.pool.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'conversation.canned_%' AND details->>'shortcut' = 'mine'",
    );
    expect(audit.rows[0].n).toBe(0);
  });
});
