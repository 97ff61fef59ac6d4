import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestContext, type Session, signInAs, type TestContext } from '../../../test/harness.ts';

let ctx: TestContext;
let admin: Session;
let supervisor: Session;
let agent: Session;

const call = (session: Session | null, method: string, url: string, payload?: unknown) =>
  ctx.app.http.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    payload: payload as object,
    headers: session ? as(session) : {},
  });

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await signInAs(ctx, { username: 'skill.admin', roles: ['admin'] });
  supervisor = await signInAs(ctx, { username: 'skill.super', roles: ['supervisor'] });
  agent = await signInAs(ctx, { username: 'skill.agent', roles: ['agent'] });
});
afterAll(async () => ctx?.close());

describe('skills and agents’ skill levels', () => {
  it('renames a skill (audited), refuses a taken code, and counts its holders', async () => {
    const cards = (await call(admin, 'POST', '/admin/skills', { code: 'cards', name: 'Cards' })).json();
    expect(cards.memberCount).toBe(0);
    await call(admin, 'POST', '/admin/skills', { code: 'loans', name: 'Loans' });
    const renamed = await call(admin, 'PATCH', `/admin/skills/${cards.id}`, { name: 'Cards – 银行卡 – Thẻ' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toEqual({
      id: cards.id,
      code: 'cards',
      name: 'Cards – 银行卡 – Thẻ',
      memberCount: 0,
    });
    const taken = await call(admin, 'PATCH', `/admin/skills/${cards.id}`, { code: 'loans' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('STAFF_SKILL_CODE_TAKEN');
    expect(
      (await call(admin, 'PATCH', `/admin/skills/${crypto.randomUUID()}`, { name: 'x' })).statusCode,
    ).toBe(404);
    expect((await call(admin, 'PATCH', `/admin/skills/${cards.id}`, {})).statusCode).toBe(400);
    const audit = await ctx.pool.query(
      "SELECT actor_name, details FROM audit_log WHERE action = 'staff.skill_updated' AND target_id = $1",
      [cards.id],
    );
    expect(audit.rows).toEqual([{ actor_name: 'skill.admin', details: { changed: ['name'] } }]);
  });

  it('sets, changes and removes one agent’s level; routing follows; version and audit move', async () => {
    const skill = (await call(admin, 'GET', '/admin/skills'))
      .json()
      .items.find((s: { code: string }) => s.code === 'cards');
    const before = await ctx.pool.query('SELECT version FROM users WHERE id = $1', [agent.userId]);
    const set = await call(admin, 'PUT', `/admin/skills/${skill.id}/members/${agent.userId}`, {
      proficiency: 4,
    });
    expect(set.statusCode).toBe(204);
    await ctx.app.events.dispatchPending();
    expect((await call(admin, 'GET', `/admin/skills/${skill.id}/members`)).json().items).toEqual([
      {
        userId: agent.userId,
        username: 'skill.agent',
        displayName: 'skill.agent',
        roles: ['agent'],
        status: 'active',
        proficiency: 4,
      },
    ]);
    const routed = await ctx.pool.query(
      'SELECT proficiency FROM routing_agent_skills WHERE user_id = $1 AND skill_id = $2',
      [agent.userId, skill.id],
    );
    expect(routed.rows).toEqual([{ proficiency: 4 }]);
    const after = await ctx.pool.query('SELECT version FROM users WHERE id = $1', [agent.userId]);
    expect(after.rows[0].version).toBe(before.rows[0].version + 1);
    expect(
      (await call(admin, 'GET', '/admin/skills')).json().items.find((s: { id: string }) => s.id === skill.id)
        .memberCount,
    ).toBe(1);

    await call(admin, 'PUT', `/admin/skills/${skill.id}/members/${agent.userId}`, { proficiency: 2 });
    const user = (await call(admin, 'GET', `/admin/users/${agent.userId}`)).json();
    expect(user.skills).toEqual([{ skillId: skill.id, proficiency: 2 }]);

    expect(
      (await call(admin, 'DELETE', `/admin/skills/${skill.id}/members/${agent.userId}`)).statusCode,
    ).toBe(204);
    await ctx.app.events.dispatchPending();
    expect((await call(admin, 'GET', `/admin/skills/${skill.id}/members`)).json().items).toEqual([]);
    const gone = await ctx.pool.query(
      'SELECT 1 FROM routing_agent_skills WHERE user_id = $1 AND skill_id = $2',
      [agent.userId, skill.id],
    );
    expect(gone.rows).toEqual([]);
    const audit = await ctx.pool.query(
      "SELECT details FROM audit_log WHERE action = 'staff.user_updated' AND target_id = $1 ORDER BY seq",
      [agent.userId],
    );
    expect(audit.rows.map((r) => r.details.skill)).toEqual([
      { id: skill.id, from: null, to: 4 },
      { id: skill.id, from: 4, to: 2 },
      { id: skill.id, from: 2, to: null },
    ]);
  });

  it('refuses bad levels, unknown skills and users, and everyone but administrators', async () => {
    const skill = (await call(admin, 'GET', '/admin/skills')).json().items[0];
    const url = `/admin/skills/${skill.id}/members/${agent.userId}`;
    expect((await call(admin, 'PUT', url, { proficiency: 6 })).statusCode).toBe(400);
    expect((await call(admin, 'PUT', url, { proficiency: 0 })).statusCode).toBe(400);
    expect(
      (
        await call(admin, 'PUT', `/admin/skills/${skill.id}/members/${crypto.randomUUID()}`, {
          proficiency: 3,
        })
      ).json().error.code,
    ).toBe('STAFF_USER_NOT_FOUND');
    expect(
      (
        await call(admin, 'PUT', `/admin/skills/${crypto.randomUUID()}/members/${agent.userId}`, {
          proficiency: 3,
        })
      ).json().error.code,
    ).toBe('STAFF_SKILL_NOT_FOUND');
    expect((await call(admin, 'GET', `/admin/skills/${crypto.randomUUID()}/members`)).statusCode).toBe(404);

    for (const session of [supervisor, agent]) {
      expect((await call(session, 'PUT', url, { proficiency: 5 })).statusCode).toBe(403);
      expect((await call(session, 'DELETE', url)).statusCode).toBe(403);
      expect((await call(session, 'PATCH', `/admin/skills/${skill.id}`, { name: 'Mine' })).statusCode).toBe(
        403,
      );
    }
    expect((await call(null, 'PUT', url, { proficiency: 5 })).statusCode).toBe(401);
    // Supervisors read skills and their holders (they staff queues); agents do not.
    expect((await call(supervisor, 'GET', `/admin/skills/${skill.id}/members`)).statusCode).toBe(200);
    expect((await call(agent, 'GET', `/admin/skills/${skill.id}/members`)).statusCode).toBe(403);
    const held = await ctx.pool.query('SELECT count(*)::int AS n FROM user_skills WHERE user_id = $1', [
      agent.userId,
    ]);
    expect(held.rows[0].n).toBe(0);
    const names = await ctx.pool.query("SELECT count(*)::int AS n FROM skills WHERE name = 'Mine'");
    expect(names.rows[0].n).toBe(0);
  });
});
