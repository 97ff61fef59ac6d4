import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestContext, login, signInAs, type TestContext } from '../../../test/harness.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const loginReq = (
  username: string,
  password: string,
  extra: Record<string, unknown> = {},
  ip = '10.1.1.1',
  lang = 'en',
) =>
  ctx.app.http.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password, ...extra },
    remoteAddress: ip,
    headers: { 'accept-language': lang },
  });

describe('sign-in', () => {
  it('signs in, sets an httpOnly SameSite cookie, returns the profile, and audits it', async () => {
    await ctx.app.staff.createUser(null, {
      username: 'lan.nguyen',
      displayName: 'Nguyễn Thị Lan',
      password: 'Correct-Horse-9',
      roles: ['agent'],
      locale: 'vi',
    });
    const res = await loginReq('Lan.Nguyen', 'Correct-Horse-9');
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/banyan_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const body = res.json();
    expect(body.user).toMatchObject({ username: 'lan.nguyen', locale: 'vi', roles: ['agent'] });
    expect(body.user.permissions).toContain('desk.use');
    expect(body.csrfToken).toHaveLength(32);
    const { rows } = await ctx.pool.query(
      "SELECT action, actor_name FROM audit_log WHERE action = 'auth.login'",
    );
    expect(rows).toEqual([{ action: 'auth.login', actor_name: 'lan.nguyen' }]);
    const sessions = await ctx.pool.query('SELECT token_hash FROM sessions');
    // Only the hash of the session token is stored.
    expect(sessions.rows[0].token_hash).toHaveLength(64);
    expect(cookie).not.toContain(sessions.rows[0].token_hash);
  });

  it('refuses a wrong password with a translated message and records the failure', async () => {
    const res = await loginReq('lan.nguyen', 'wrong-password-1', {}, '10.1.1.2', 'vi');
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({
      code: 'AUTH_INVALID_CREDENTIALS',
      message: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    });
    const zh = await loginReq('nobody', 'wrong-password-1', {}, '10.1.1.2', 'zh-CN,zh;q=0.9');
    expect(zh.json().error.message).toBe('用户名或密码不正确。');
    const { rows } = await ctx.pool.query(
      "SELECT details FROM audit_log WHERE action = 'auth.login_failed' ORDER BY seq",
    );
    expect(rows.map((r) => r.details.reason)).toEqual(['wrong_password', 'unknown_user']);
  });

  it('rejects unknown fields and malformed JSON with VALIDATION_FAILED and the failing path', async () => {
    const extra = await loginReq('a', 'b', { admin: true });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.code).toBe('VALIDATION_FAILED');
    const malformed = await ctx.app.http.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: '{"username":',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('VALIDATION_FAILED');
    const missing = await ctx.app.http.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'x' },
    });
    expect(missing.json().error.details.path).toBe('body');
    expect(missing.json().error.message).toBe('The request is not valid: body.password is required');
    const inChinese = await ctx.app.http.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'x' },
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(inChinese.json().error.message).toBe('请求无效：缺少必填字段 body.password');
    const inVietnamese = await ctx.app.http.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'x', password: 'y', admin: true },
      headers: { 'accept-language': 'vi' },
    });
    expect(inVietnamese.json().error.message).toBe('Yêu cầu không hợp lệ: Không chấp nhận trường body.admin');
  });

  it('backs off, then locks the account after 5 failures, and audits the lockout', async () => {
    await ctx.app.staff.createUser(null, {
      username: 'victim',
      displayName: 'Victim',
      password: 'Correct-Horse-9',
      roles: ['agent'],
    });
    for (let i = 0; i < 3; i++)
      expect((await loginReq('victim', `bad-password-${i}`, {}, `10.2.0.${i}`)).statusCode).toBe(401);
    // Third failure starts a backoff: even the right password waits.
    expect((await loginReq('victim', 'Correct-Horse-9', {}, '10.2.0.9')).statusCode).toBe(423);
    ctx.clock.advance(6_000);
    expect((await loginReq('victim', 'bad-password-3', {}, '10.2.0.3')).statusCode).toBe(401);
    ctx.clock.advance(11_000);
    expect((await loginReq('victim', 'bad-password-4', {}, '10.2.0.4')).statusCode).toBe(401);
    const locked = await loginReq('victim', 'Correct-Horse-9', {}, '10.2.0.5');
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('AUTH_LOCKED');
    expect(locked.json().error.message).toContain('15');
    const { rows } = await ctx.pool.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.locked'",
    );
    expect(rows[0].n).toBe(1);
    ctx.clock.advance(16 * 60_000);
    expect((await loginReq('victim', 'Correct-Horse-9', {}, '10.2.0.6')).statusCode).toBe(200);
  });

  it('answers a made-up username exactly as a real one, backoff and lockout included', async () => {
    await ctx.app.staff.createUser(null, {
      username: 'real.person',
      displayName: 'Real',
      password: 'Correct-Horse-9',
      roles: ['agent'],
    });
    const answers = async (username: string, ipBase: string) => {
      const seen: string[] = [];
      for (let i = 0; i < 6; i++) {
        const reply = await loginReq(username, `bad-password-${i}`, {}, `${ipBase}${i}`);
        seen.push(`${reply.statusCode} ${reply.json().error.code}`);
      }
      return seen;
    };
    const real = await answers('real.person', '10.4.1.');
    const madeUp = await answers('Nobody.Here', '10.4.2.');
    expect(real).toEqual(madeUp);
    expect(real.slice(0, 3)).toEqual(Array(3).fill('401 AUTH_INVALID_CREDENTIALS'));
    expect(real[3]).toBe('423 AUTH_LOCKED');
  });

  it('blocks an address after 20 failures across accounts', async () => {
    for (let i = 0; i < 20; i++) await loginReq(`ghost${i}`, 'bad-password-x', {}, '10.3.3.3');
    const blocked = await loginReq('lan.nguyen', 'Correct-Horse-9', {}, '10.3.3.3');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('AUTH_RATE_LIMITED');
    expect((await loginReq('lan.nguyen', 'Correct-Horse-9', {}, '10.3.3.4')).statusCode).toBe(200);
  });

  it('refuses a disabled account', async () => {
    const user = await ctx.app.staff.createUser(null, {
      username: 'gone',
      displayName: 'Gone',
      password: 'Correct-Horse-9',
      roles: ['agent'],
    });
    await ctx.app.staff.setUserStatus(null, user.id, 'disabled');
    const res = await loginReq('gone', 'Correct-Horse-9', {}, '10.4.0.1');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('AUTH_ACCOUNT_DISABLED');
  });
});

describe('session, CSRF, sign-out', () => {
  it('requires sign-in for /me and returns the profile when signed in', async () => {
    expect((await ctx.app.http.inject({ url: '/api/v1/me' })).json().error.code).toBe('AUTH_REQUIRED');
    const s = await signInAs(ctx, { username: 'me.user', roles: ['supervisor'] });
    const me = await ctx.app.http.inject({ url: '/api/v1/me', headers: { cookie: s.cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ username: 'me.user', csrfToken: s.csrf, mfaEnabled: false });
    // A supervisor's reports are their teams': the web app hides bank-wide report screens.
    expect(me.json().permissionScopes).toMatchObject({ 'reports.view': 'team', 'supervisor.view': 'team' });
  });

  it('answers "who is signed in" with 200 either way, and never with another session\'s profile', async () => {
    const out = await ctx.app.http.inject({ url: '/api/v1/auth/session' });
    expect(out.statusCode).toBe(200);
    expect(out.json()).toEqual({ me: null });
    const forged = await ctx.app.http.inject({
      url: '/api/v1/auth/session',
      headers: { cookie: 'banyan_session=not-a-real-session' },
    });
    expect(forged.json()).toEqual({ me: null });
    const s = await signInAs(ctx, { username: 'session.user', roles: ['agent'] });
    const signedIn = await ctx.app.http.inject({
      url: '/api/v1/auth/session',
      headers: { cookie: s.cookie },
    });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().me).toMatchObject({ username: 'session.user', csrfToken: s.csrf });
  });

  it('refuses a mutation without the CSRF token', async () => {
    const s = await signInAs(ctx, { username: 'csrf.user', roles: ['agent'] });
    const res = await ctx.app.http.inject({
      method: 'PATCH',
      url: '/api/v1/me/preferences',
      payload: { locale: 'zh-CN' },
      headers: { cookie: s.cookie, 'x-csrf-token': 'forged' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('AUTH_CSRF_INVALID');
    const ok = await ctx.app.http.inject({
      method: 'PATCH',
      url: '/api/v1/me/preferences',
      payload: { locale: 'zh-CN', theme: 'dark' },
      headers: as(s),
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ locale: 'zh-CN', theme: 'dark' });
    const { rows } = await ctx.pool.query('SELECT locale, theme FROM users WHERE username = $1', [
      'csrf.user',
    ]);
    expect(rows[0]).toEqual({ locale: 'zh-CN', theme: 'dark' });
    // The remembered language answers errors when the browser does not say.
    const err = await ctx.app.http.inject({
      method: 'DELETE',
      url: '/api/v1/me/sessions/018f0000-0000-7000-8000-000000000000',
      headers: as(s),
    });
    expect(err.json().error.message).toBe('该会话不存在或已结束。');
  });

  it('signs out: the cookie no longer works', async () => {
    const s = await signInAs(ctx, { username: 'bye.user', roles: ['agent'] });
    expect(
      (await ctx.app.http.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: as(s) })).statusCode,
    ).toBe(204);
    expect((await ctx.app.http.inject({ url: '/api/v1/me', headers: { cookie: s.cookie } })).statusCode).toBe(
      401,
    );
    const { rows } = await ctx.pool.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.logout'",
    );
    expect(rows[0].n).toBe(1);
  });

  it('lists my sessions, revokes one, and a password change ends the others', async () => {
    const first = await signInAs(ctx, { username: 'multi.user', roles: ['agent'] });
    const second = await login(ctx, 'multi.user', 'Correct-Horse-9');
    const third = await login(ctx, 'multi.user', 'Correct-Horse-9');
    const list = await ctx.app.http.inject({ url: '/api/v1/me/sessions', headers: { cookie: first.cookie } });
    expect(list.json().items).toHaveLength(3);
    expect(list.json().items.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    const secondId = list.json().items.find((s: { current: boolean }) => !s.current).id;
    expect(
      (
        await ctx.app.http.inject({
          method: 'DELETE',
          url: `/api/v1/me/sessions/${secondId}`,
          headers: as(first),
        })
      ).statusCode,
    ).toBe(204);
    const remaining = await ctx.app.http.inject({
      url: '/api/v1/me/sessions',
      headers: { cookie: first.cookie },
    });
    expect(remaining.json().items).toHaveLength(2);

    const wrong = await ctx.app.http.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      payload: { currentPassword: 'nope', newPassword: 'Another-Horse-77' },
      headers: as(first),
    });
    expect(wrong.json().error.code).toBe('AUTH_WRONG_PASSWORD');
    const weak = await ctx.app.http.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      payload: { currentPassword: 'Correct-Horse-9', newPassword: 'multi.user-123' },
      headers: as(first),
    });
    expect(weak.json().error.code).toBe('STAFF_PASSWORD_CONTAINS_USERNAME');
    const changed = await ctx.app.http.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      payload: { currentPassword: 'Correct-Horse-9', newPassword: 'Another-Horse-77' },
      headers: as(first),
    });
    expect(changed.statusCode).toBe(204);
    expect(
      (await ctx.app.http.inject({ url: '/api/v1/me', headers: { cookie: first.cookie } })).statusCode,
    ).toBe(200);
    for (const other of [second, third]) {
      expect(
        (await ctx.app.http.inject({ url: '/api/v1/me', headers: { cookie: other.cookie } })).statusCode,
      ).toBe(401);
    }
    expect((await login(ctx, 'multi.user', 'Another-Horse-77')).csrf).toBeTruthy();
  });

  it('after a quiet spell, shares one session lookup among requests and writes last seen off the request path', async () => {
    const a = await signInAs(ctx, { username: 'quiet.one', roles: ['agent'] });
    const b = await signInAs(ctx, { username: 'quiet.two', roles: ['agent'] });
    const lastSeen = async () =>
      (
        await ctx.pool.query(
          `SELECT u.username, s.last_seen_at FROM sessions s JOIN users u ON u.id = s.user_id
            WHERE u.username IN ('quiet.one', 'quiet.two') ORDER BY u.username`,
        )
      ).rows.map((r) => r.last_seen_at.getTime());
    const before = await lastSeen();
    // Two minutes on: both cached sessions have expired and neither has been seen for a minute.
    ctx.clock.advance(120_000);
    const statements: string[] = [];
    const query = ctx.pool.query;
    ctx.pool.query = ((...args: Parameters<typeof query>) => {
      const text = args[0] as unknown;
      statements.push(typeof text === 'string' ? text : String((text as { text?: string }).text));
      return (query as (...a: unknown[]) => unknown).apply(ctx.pool, args);
    }) as typeof query;
    try {
      const me = (s: { cookie: string }) =>
        ctx.app.http.inject({ url: '/api/v1/me', headers: { cookie: s.cookie } });
      const answers = await Promise.all([...Array.from({ length: 8 }, () => me(a)), me(b)]);
      expect(answers.map((r) => r.statusCode)).toEqual(Array(9).fill(200));
      expect(answers.map((r) => r.json().username)).toEqual([...Array(8).fill('quiet.one'), 'quiet.two']);
      // One lookup per token, however many requests missed together; no write before answering.
      expect(statements.filter((s) => s.includes('FROM sessions s JOIN users u'))).toHaveLength(2);
      expect(statements.filter((s) => /UPDATE\s+"?sessions/i.test(s))).toHaveLength(0);
      expect(await lastSeen()).toEqual(before);
      // Within the next second both sessions are marked seen, in one statement.
      const deadline = Date.now() + 3_000;
      while ((await lastSeen()).some((t, i) => t === before[i]) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      expect(await lastSeen()).toEqual(before.map((t) => t + 120_000));
      expect(statements.filter((s) => /UPDATE\s+"?sessions/i.test(s))).toHaveLength(1);
    } finally {
      ctx.pool.query = query;
    }
  });

  it('expires a session after its lifetime', async () => {
    const s = await signInAs(ctx, { username: 'old.session', roles: ['agent'] });
    ctx.clock.advance(13 * 3_600_000);
    expect((await ctx.app.http.inject({ url: '/api/v1/me', headers: { cookie: s.cookie } })).statusCode).toBe(
      401,
    );
  });
});

describe('TOTP MFA', () => {
  it('enrols, requires the code at sign-in, refuses a replayed code, and accepts a recovery code once', async () => {
    const s = await signInAs(ctx, { username: 'mfa.user', roles: ['agent'] });
    const enroll = await ctx.app.http.inject({
      method: 'POST',
      url: '/api/v1/me/mfa/enroll',
      headers: as(s),
    });
    expect(enroll.statusCode).toBe(200);
    expect(enroll.json().qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const totp = new OTPAuth.TOTP({
      secret: OTPAuth.Secret.fromBase32(enroll.json().secret),
      digits: 6,
      period: 30,
    });
    const code = () => totp.generate({ timestamp: ctx.clock.now().getTime() });

    const bad = await ctx.app.http.inject({
      method: 'POST',
      url: '/api/v1/me/mfa/verify',
      payload: { code: '000000' },
      headers: as(s),
    });
    expect(bad.json().error.code).toBe('AUTH_MFA_INVALID');
    const verify = await ctx.app.http.inject({
      method: 'POST',
      url: '/api/v1/me/mfa/verify',
      payload: { code: code() },
      headers: as(s),
    });
    const { recoveryCodes } = verify.json();
    expect(recoveryCodes).toHaveLength(10);

    const noCode = await loginReq('mfa.user', 'Correct-Horse-9', {}, '10.5.0.1');
    expect(noCode.json().error.code).toBe('AUTH_MFA_REQUIRED');
    ctx.clock.advance(60_000);
    const current = code();
    expect((await loginReq('mfa.user', 'Correct-Horse-9', { totp: current }, '10.5.0.2')).statusCode).toBe(
      200,
    );
    const replay = await loginReq('mfa.user', 'Correct-Horse-9', { totp: current }, '10.5.0.3');
    expect(replay.json().error.code).toBe('AUTH_MFA_INVALID');
    expect(
      (await loginReq('mfa.user', 'Correct-Horse-9', { totp: recoveryCodes[0] }, '10.5.0.4')).statusCode,
    ).toBe(200);
    expect(
      (await loginReq('mfa.user', 'Correct-Horse-9', { totp: recoveryCodes[0] }, '10.5.0.5')).statusCode,
    ).toBe(401);
    const { rows } = await ctx.pool.query(
      "SELECT mfa_enabled, cardinality(mfa_recovery_hashes) AS left FROM users WHERE username = 'mfa.user'",
    );
    expect(rows[0]).toEqual({ mfa_enabled: true, left: 9 });
  });

  it('gives an admin without MFA no permissions when MFA is required for admins', async () => {
    const strict = await createTestContext({ requireAdminMfa: true });
    try {
      const s = await signInAs(strict, { username: 'strict.admin', roles: ['admin'] });
      const me = await strict.app.http.inject({ url: '/api/v1/me', headers: { cookie: s.cookie } });
      expect(me.json()).toMatchObject({ mfaEnrollmentRequired: true, permissions: [] });
      const users = await strict.app.http.inject({
        url: '/api/v1/admin/users',
        headers: { cookie: s.cookie },
      });
      expect(users.statusCode).toBe(403);
    } finally {
      await strict.close();
    }
  });
});
