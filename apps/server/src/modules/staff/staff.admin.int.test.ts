import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  as,
  createTestContext,
  login,
  type Session,
  signInAs,
  type TestContext,
} from '../../../test/harness.ts';

let ctx: TestContext;
let admin: Session;
let agent: Session;
let auditor: Session;
let supervisor: Session;
let teamA: string;
let teamB: string;
let branchHn: string;

const req = (session: Session | null, method: string, url: string, payload?: unknown) =>
  ctx.app.http.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    payload: payload as object,
    headers: session ? as(session) : {},
  });

beforeAll(async () => {
  ctx = await createTestContext();
  const branch = await ctx.app.staff.createBranch(null, {
    code: 'HN01',
    name: 'Hoàn Kiếm',
    city: 'Hà Nội',
    country: 'VN',
    timeZone: 'Asia/Ho_Chi_Minh',
  });
  branchHn = branch.id;
  teamA = (await ctx.app.staff.createTeam(null, { name: 'Hotline VI' })).id;
  teamB = (await ctx.app.staff.createTeam(null, { name: 'Hotline ZH' })).id;
  admin = await signInAs(ctx, { username: 'root.admin', roles: ['admin'] });
  agent = await signInAs(ctx, { username: 'plain.agent', roles: ['agent'], teamIds: [teamA] });
  auditor = await signInAs(ctx, { username: 'the.auditor', roles: ['auditor'] });
  supervisor = await signInAs(ctx, { username: 'team.lead', roles: ['supervisor'], teamIds: [teamA] });
  await ctx.app.staff.createUser(null, {
    username: 'zh.agent',
    displayName: '王芳',
    password: 'Correct-Horse-9',
    roles: ['agent'],
    teamIds: [teamB],
  });
});
afterAll(async () => ctx?.close());

describe('admin users', () => {
  it('creates a user, stores a hashed password, publishes an event and audits it; the user can sign in', async () => {
    const res = await req(admin, 'POST', '/admin/users', {
      username: 'new.agent',
      displayName: 'Trần Văn Nam',
      password: 'Brand-New-Pass-1',
      roles: ['agent'],
      teamIds: [teamA],
      branchId: branchHn,
      locale: 'vi',
    });
    expect(res.statusCode).toBe(201);
    const user = res.json();
    expect(user).toMatchObject({
      username: 'new.agent',
      roles: ['agent'],
      teamIds: [teamA],
      branchId: branchHn,
      status: 'active',
      version: 1,
    });
    const { rows } = await ctx.pool.query('SELECT password_hash FROM users WHERE id = $1', [user.id]);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
    const events = await ctx.pool.query("SELECT payload FROM outbox WHERE type = 'staff.user_created'");
    expect(events.rows.map((r) => r.payload.userId)).toContain(user.id);
    const audit = await ctx.pool.query(
      "SELECT actor_name, details FROM audit_log WHERE action = 'staff.user_created' AND target_id = $1",
      [user.id],
    );
    expect(audit.rows[0]).toMatchObject({
      actor_name: 'root.admin',
      details: { username: 'new.agent', roles: ['agent'] },
    });
    expect((await login(ctx, 'new.agent', 'Brand-New-Pass-1')).csrf).toBeTruthy();
  });

  it('refuses a taken username, an unknown team, a short password and an unknown role', async () => {
    const base = { displayName: 'X', password: 'Brand-New-Pass-1', roles: ['agent'] };
    expect(
      (await req(admin, 'POST', '/admin/users', { ...base, username: 'NEW.AGENT' })).json().error.code,
    ).toBe('STAFF_USERNAME_TAKEN');
    expect(
      (
        await req(admin, 'POST', '/admin/users', {
          ...base,
          username: 'x.y',
          teamIds: ['018f0000-0000-7000-8000-000000000000'],
        })
      ).json().error.code,
    ).toBe('STAFF_TEAM_NOT_FOUND');
    expect(
      (await req(admin, 'POST', '/admin/users', { ...base, username: 'x.z', password: 'short' })).json().error
        .code,
    ).toBe('VALIDATION_FAILED');
    expect(
      (await req(admin, 'POST', '/admin/users', { ...base, username: 'x.w', roles: ['god'] })).statusCode,
    ).toBe(400);
    const { rows } = await ctx.pool.query(
      "SELECT count(*)::int AS n FROM users WHERE username IN ('x.y', 'x.z', 'x.w')",
    );
    expect(rows[0].n).toBe(0);
  });

  it('updates roles, teams and skills with optimistic concurrency', async () => {
    const skill = await req(admin, 'POST', '/admin/skills', { code: 'cards', name: 'Cards' });
    expect(skill.statusCode).toBe(201);
    const list = await req(admin, 'GET', '/admin/users?q=new.agent');
    const user = list.json().items[0];
    const patch = await req(admin, 'PATCH', `/admin/users/${user.id}`, {
      roles: ['agent', 'supervisor'],
      teamIds: [teamA, teamB],
      skills: [{ skillId: skill.json().id, proficiency: 4 }],
      version: user.version,
    });
    expect(patch.statusCode).toBe(200);
    expect(patch.json()).toMatchObject({
      roles: ['agent', 'supervisor'],
      version: 2,
      skills: [{ proficiency: 4 }],
    });
    const stale = await req(admin, 'PATCH', `/admin/users/${user.id}`, { displayName: 'Stale', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STAFF_VERSION_CONFLICT');
    const badSkill = await req(admin, 'PATCH', `/admin/users/${user.id}`, {
      skills: [{ skillId: skill.json().id, proficiency: 9 }],
      version: 2,
    });
    expect(badSkill.statusCode).toBe(400);
    const audit = await ctx.pool.query(
      "SELECT details FROM audit_log WHERE action = 'staff.user_updated' AND target_id = $1",
      [user.id],
    );
    expect(audit.rows[0].details.roles).toEqual({ from: ['agent'], to: ['agent', 'supervisor'] });
  });

  it('disables a user: their sessions end at once; the last admin cannot be disabled or demoted', async () => {
    const victim = await signInAs(ctx, { username: 'to.disable', roles: ['agent'] });
    expect((await req(victim, 'GET', '/me')).statusCode).toBe(200);
    const res = await req(admin, 'POST', `/admin/users/${victim.userId}/disable`);
    expect(res.json().status).toBe('disabled');
    expect((await req(victim, 'GET', '/me')).statusCode).toBe(401);
    expect((await req(admin, 'POST', `/admin/users/${admin.userId}/disable`)).json().error.code).toBe(
      'STAFF_CANNOT_DISABLE_SELF',
    );
    const me = (await req(admin, 'GET', `/admin/users/${admin.userId}`)).json();
    expect(
      (
        await req(admin, 'PATCH', `/admin/users/${admin.userId}`, { roles: ['agent'], version: me.version })
      ).json().error.code,
    ).toBe('STAFF_LAST_ADMIN');
    expect((await req(admin, 'POST', `/admin/users/${victim.userId}/enable`)).json().status).toBe('active');
  });

  it('resets a password: old sessions end, the new password works', async () => {
    const target = await signInAs(ctx, { username: 'forgetful', roles: ['agent'] });
    expect(
      (
        await req(admin, 'POST', `/admin/users/${target.userId}/reset-password`, {
          password: 'Reset-By-Admin-2',
        })
      ).statusCode,
    ).toBe(204);
    expect((await req(target, 'GET', '/me')).statusCode).toBe(401);
    expect((await login(ctx, 'forgetful', 'Reset-By-Admin-2')).csrf).toBeTruthy();
  });

  it('returns 404 for an unknown user and 400 for a malformed id', async () => {
    expect(
      (await req(admin, 'GET', '/admin/users/018f0000-0000-7000-8000-000000000000')).json().error.code,
    ).toBe('STAFF_USER_NOT_FOUND');
    const bad = await req(admin, 'GET', '/admin/users/not-a-uuid');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.path).toMatch(/^params/);
  });
});

describe('authorization', () => {
  it('an agent can neither list nor create users', async () => {
    expect((await req(agent, 'GET', '/admin/users')).statusCode).toBe(403);
    const res = await req(agent, 'POST', '/admin/users', {
      username: 'sneaky',
      displayName: 'S',
      password: 'Brand-New-Pass-1',
      roles: ['admin'],
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('AUTH_FORBIDDEN');
    expect((await ctx.pool.query("SELECT 1 FROM users WHERE username = 'sneaky'")).rowCount).toBe(0);
  });

  it('a signed-out caller gets 401 on every admin route', async () => {
    for (const url of [
      '/admin/users',
      '/admin/teams',
      '/admin/departments',
      '/admin/branches',
      '/admin/skills',
      '/admin/tokens',
      '/audit',
      '/meta/roles',
      '/me/sessions',
    ]) {
      expect((await req(null, 'GET', url)).statusCode, url).toBe(401);
    }
  });

  it('a supervisor sees only the users of their own teams, and cannot change them', async () => {
    const list = await req(supervisor, 'GET', '/admin/users?limit=200');
    expect(list.statusCode).toBe(200);
    const names = list.json().items.map((u: { username: string }) => u.username);
    expect(names).toContain('plain.agent');
    expect(names).not.toContain('zh.agent');
    expect(names).not.toContain('root.admin');
    const other = await ctx.pool.query("SELECT id FROM users WHERE username = 'zh.agent'");
    expect((await req(supervisor, 'GET', `/admin/users/${other.rows[0].id}`)).statusCode).toBe(404);
    expect((await req(supervisor, 'POST', `/admin/users/${agent.userId}/disable`)).statusCode).toBe(403);
  });

  it('an auditor reads users but cannot manage them or tokens', async () => {
    expect((await req(auditor, 'GET', '/admin/users')).statusCode).toBe(200);
    expect((await req(auditor, 'POST', '/admin/teams', { name: 'Audit team' })).statusCode).toBe(403);
    expect((await req(auditor, 'GET', '/admin/tokens')).statusCode).toBe(403);
  });
});

describe('organisation', () => {
  it('creates and edits teams, departments and branches with audit; refuses duplicates and bad time zones', async () => {
    const dep = await req(admin, 'POST', '/admin/departments', {
      code: 'CARD',
      name: 'Card center',
      kind: 'back_office',
    });
    expect(dep.statusCode).toBe(201);
    expect(
      (
        await req(admin, 'POST', '/admin/departments', { code: 'CARD', name: 'Dup', kind: 'back_office' })
      ).json().error.code,
    ).toBe('STAFF_DEPARTMENT_CODE_TAKEN');
    const team = await req(admin, 'POST', '/admin/teams', { name: 'Card team', departmentId: dep.json().id });
    expect(team.json()).toMatchObject({ name: 'Card team', departmentId: dep.json().id });
    expect(
      (await req(admin, 'PATCH', `/admin/teams/${team.json().id}`, { name: 'Card center team' })).json().name,
    ).toBe('Card center team');
    expect((await req(admin, 'POST', '/admin/teams', { name: 'Card center team' })).json().error.code).toBe(
      'STAFF_TEAM_NAME_TAKEN',
    );
    const tz = await req(admin, 'POST', '/admin/branches', {
      code: 'SZ01',
      name: '福田支行',
      city: '深圳',
      country: 'CN',
      timeZone: 'Mars/Olympus',
    });
    expect(tz.json().error.code).toBe('STAFF_INVALID_TIME_ZONE');
    const branch = await req(admin, 'POST', '/admin/branches', {
      code: 'SZ01',
      name: '福田支行',
      city: '深圳',
      country: 'CN',
      timeZone: 'Asia/Shanghai',
    });
    expect(branch.statusCode).toBe(201);
    expect(
      (await req(admin, 'GET', '/admin/branches')).json().items.map((b: { code: string }) => b.code),
    ).toEqual(['HN01', 'SZ01']);
    const { rows } = await ctx.pool.query(
      "SELECT action FROM audit_log WHERE action LIKE 'staff.%\\_created' ESCAPE '\\' OR action LIKE 'staff.team_updated'",
    );
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        'staff.department_created',
        'staff.team_created',
        'staff.team_updated',
        'staff.branch_created',
      ]),
    );
  });
});

describe('API tokens', () => {
  it('creates a scoped token shown once, which then authenticates without CSRF, is audited on use, and can be revoked', async () => {
    const expiresAt = new Date(ctx.clock.now().getTime() + 30 * 86_400_000).toISOString();
    const created = await req(admin, 'POST', '/admin/tokens', {
      name: 'BI export',
      scopes: ['staff.read'],
      expiresAt,
    });
    expect(created.statusCode).toBe(201);
    const { token, item } = created.json();
    expect(token).toMatch(/^byn_/);
    const stored = await ctx.pool.query('SELECT token_hash FROM api_tokens WHERE id = $1', [item.id]);
    expect(stored.rows[0].token_hash).not.toContain(token);
    expect((await req(admin, 'GET', '/admin/tokens')).json().items[0]).not.toHaveProperty('token');

    const bearer = { authorization: `Bearer ${token}` };
    expect((await ctx.app.http.inject({ url: '/api/v1/admin/users', headers: bearer })).statusCode).toBe(200);
    // Its scope is staff.read only: no management, even though its creator is an admin.
    const manage = await ctx.app.http.inject({
      method: 'POST',
      url: '/api/v1/admin/teams',
      payload: { name: 'Via token' },
      headers: bearer,
    });
    expect(manage.statusCode).toBe(403);
    expect((await ctx.app.http.inject({ url: '/api/v1/audit', headers: bearer })).statusCode).toBe(403);
    const used = await ctx.pool.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'token.used' AND target_id = $1",
      [item.id],
    );
    expect(used.rows[0].n).toBe(1);

    expect((await req(admin, 'DELETE', `/admin/tokens/${item.id}`)).statusCode).toBe(204);
    const after = await ctx.app.http.inject({ url: '/api/v1/admin/users', headers: bearer });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('AUTH_TOKEN_INVALID');
    expect((await req(admin, 'DELETE', `/admin/tokens/${item.id}`)).json().error.code).toBe(
      'TOKEN_NOT_FOUND',
    );
  });

  it('refuses management scopes and past expiry; an agent cannot create tokens', async () => {
    const future = new Date(ctx.clock.now().getTime() + 86_400_000).toISOString();
    expect(
      (
        await req(admin, 'POST', '/admin/tokens', { name: 'x', scopes: ['staff.manage'], expiresAt: future })
      ).json().error.code,
    ).toBe('TOKEN_SCOPE_NOT_ALLOWED');
    expect(
      (
        await req(admin, 'POST', '/admin/tokens', {
          name: 'x',
          scopes: ['staff.read'],
          expiresAt: '2020-01-01T00:00:00Z',
        })
      ).json().error.code,
    ).toBe('TOKEN_EXPIRY_INVALID');
    expect(
      (await req(agent, 'POST', '/admin/tokens', { name: 'x', scopes: ['staff.read'], expiresAt: future }))
        .statusCode,
    ).toBe(403);
  });
});
