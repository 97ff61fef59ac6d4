import { createHash, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import type { Audit } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Tx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { Events } from '../../platform/events.ts';
import { isLocale, type Locale } from '../../platform/i18n.ts';
import type { Ids } from '../../platform/ids.ts';
import {
  type Actor,
  type Permission,
  permissionsOf,
  requireActor,
  type Scope,
  TOKEN_SCOPES,
} from '../../platform/rbac.ts';
import { type SessionsRevokedPayload, STAFF_EVENTS, type UserChangedPayload } from './staff.events.ts';
import { type Passwords, passwordProblem } from './staff.passwords.ts';
import { apiTokens, loginThrottle, sessions, users } from './staff.schema.ts';

export const SESSION_COOKIE = 'banyan_session';

/** Lockout policy (per account) and backoff (per account and per client address). */
export const LOCKOUT = {
  backoffAfter: 3,
  lockAfter: 5,
  lockMinutes: 15,
  ipWindowMinutes: 15,
  ipMaxFailures: 20,
  ipBlockMinutes: 15,
};

const CACHE_TTL_MS = 10_000;
const CACHE_MAX = 20_000;
const LAST_SEEN_EVERY_MS = 60_000;
const LAST_SEEN_FLUSH_MS = 1_000;

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

interface NamedRef {
  id: string;
  name: string;
}

/** What /me returns, built once per cache fill. */
export interface Profile {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  locale: Locale;
  theme: 'light' | 'dark' | 'auto';
  roles: string[];
  permissions: string[];
  /** Each permission's reach (`all`, `team`, `branch`, `own`…): the web app hides bank-wide screens. */
  permissionScopes: Record<string, string>;
  teams: NamedRef[];
  department: NamedRef | null;
  branch: NamedRef | null;
  mfaEnabled: boolean;
  mfaEnrollmentRequired: boolean;
  csrfToken: string;
}

interface CacheEntry {
  actor: Actor;
  profile: Profile;
  expiresAt: number;
  sessionExpiresAt: number;
  lastSeenWrittenAt: number;
}

interface ProfileRow {
  session_id: string | null;
  csrf_token: string | null;
  session_expires_at: Date | null;
  last_seen_at: Date | null;
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  roles: string[];
  locale: string;
  theme: string;
  mfa_enabled: boolean;
  department_id: string | null;
  branch_id: string | null;
  teams: NamedRef[];
  department: NamedRef | null;
  branch: NamedRef | null;
}

const PROFILE_COLUMNS = sql`u.id, u.username, u.display_name, u.email, u.roles, u.locale, u.theme, u.mfa_enabled,
  u.department_id, u.branch_id,
  (SELECT coalesce(json_agg(json_build_object('id', t.id, 'name', t.name) ORDER BY t.name), '[]'::json)
     FROM user_teams ut JOIN teams t ON t.id = ut.team_id WHERE ut.user_id = u.id) AS teams,
  (SELECT json_build_object('id', d.id, 'name', d.name) FROM departments d WHERE d.id = u.department_id) AS department,
  (SELECT json_build_object('id', b.id, 'name', b.name) FROM branches b WHERE b.id = u.branch_id) AS branch`;

export interface LoginInput {
  username: string;
  password: string;
  totp?: string;
  ip: string | null;
  userAgent: string | null;
}

export function createStaffAuth(deps: {
  db: Db;
  ids: Ids;
  clock: Clock;
  audit: Audit;
  events: Events;
  passwords: Passwords;
  config: { sessionTtlHours: number; requireAdminMfa: boolean; publicUrl: string };
}) {
  const { db, ids, clock, audit, events, passwords, config } = deps;
  const cache = new Map<string, CacheEntry>();
  const cacheKeysByUser = new Map<string, Set<string>>();

  // Bumped by every eviction: a lookup that was in flight across one does not cache what it read.
  let evictions = 0;

  function evictUser(userId: string): void {
    evictions++;
    for (const key of cacheKeysByUser.get(userId) ?? []) cache.delete(key);
    cacheKeysByUser.delete(userId);
  }

  // Every process evicts its cached actors when another process revokes or changes them.
  events.subscribe((batch) => {
    for (const event of batch) {
      if (event.type === STAFF_EVENTS.sessionsRevoked || event.type === STAFF_EVENTS.userUpdated) {
        evictUser((event.payload as SessionsRevokedPayload | UserChangedPayload).userId);
      } else if (event.type === STAFF_EVENTS.orgChanged) {
        evictions++;
        cache.clear();
        cacheKeysByUser.clear();
      }
    }
  });

  function buildActor(
    row: ProfileRow,
    extra: { sessionId: string | null; tokenId: string | null; csrfToken: string | null; ip: string | null },
    scopes?: string[],
  ): { actor: Actor; profile: Profile } {
    const mfaEnrollmentRequired = config.requireAdminMfa && row.roles.includes('admin') && !row.mfa_enabled;
    let permissions = mfaEnrollmentRequired ? new Map<Permission, Scope>() : permissionsOf(row.roles);
    if (scopes) {
      // A token acts with the scopes it was given, never more than its creator holds now.
      permissions = new Map([...permissions].filter(([p]) => scopes.includes(p)));
    }
    const locale = isLocale(row.locale) ? row.locale : 'en';
    const actor: Actor = {
      kind: scopes ? 'token' : 'staff',
      userId: row.id,
      username: row.username,
      displayName: row.display_name,
      roles: row.roles,
      permissions,
      teamIds: row.teams.map((t) => t.id),
      departmentId: row.department_id,
      branchId: row.branch_id,
      locale,
      sessionId: extra.sessionId,
      tokenId: extra.tokenId,
      csrfToken: extra.csrfToken,
      mfaEnrollmentRequired,
      ip: extra.ip,
    };
    const profile: Profile = {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      email: row.email,
      locale,
      theme: (['light', 'dark', 'auto'].includes(row.theme) ? row.theme : 'auto') as Profile['theme'],
      roles: row.roles,
      permissions: [...permissions.keys()].sort(),
      permissionScopes: Object.fromEntries([...permissions].sort(([a], [b]) => a.localeCompare(b))),
      teams: row.teams,
      department: row.department,
      branch: row.branch,
      mfaEnabled: row.mfa_enabled,
      mfaEnrollmentRequired,
      csrfToken: extra.csrfToken ?? '',
    };
    return { actor, profile };
  }

  function remember(key: string, userId: string, entry: CacheEntry): void {
    if (cache.size >= CACHE_MAX) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    cache.set(key, entry);
    const keys = cacheKeysByUser.get(userId) ?? new Set<string>();
    cacheKeysByUser.set(userId, keys);
    keys.add(key);
  }

  const sessionLookups = new Map<
    string,
    { generation: number; promise: Promise<{ actor: Actor; profile: Profile } | null> }
  >();

  // A session's last_seen_at (shown in "my sessions") is written at most once a minute, and off the
  // request path: the sessions due are written together, one statement a second at most, so a
  // request never waits for a commit of its own to say the agent is still there. A write lost to a
  // failure or a stop is the next minute's.
  const lastSeenDue = new Map<string, number>();
  let lastSeenTimer: NodeJS.Timeout | null = null;
  function seen(sessionId: string, at: number): void {
    lastSeenDue.set(sessionId, at);
    if (lastSeenTimer) return;
    lastSeenTimer = setTimeout(() => void writeLastSeen(), LAST_SEEN_FLUSH_MS);
    lastSeenTimer.unref();
  }
  async function writeLastSeen(): Promise<void> {
    lastSeenTimer = null;
    const due = [...lastSeenDue].sort(([a], [b]) => (a < b ? -1 : 1));
    lastSeenDue.clear();
    if (due.length === 0) return;
    await db
      .execute(sql`UPDATE sessions s SET last_seen_at = v.at
          FROM unnest(${`{${due.map(([id]) => id).join(',')}}`}::uuid[],
                      ${`{${due.map(([, at]) => new Date(at).toISOString()).join(',')}}`}::timestamptz[]) AS v(id, at)
         WHERE s.id = v.id AND s.last_seen_at < v.at`)
      .catch(() => undefined);
  }

  /** Resolves the session cookie to an actor; null when absent, expired or revoked. */
  async function authenticateSession(
    token: string,
    ip: string | null,
  ): Promise<{ actor: Actor; profile: Profile } | null> {
    // Cached by the token itself (process memory only): no hashing on the hot path.
    const key = `s:${token}`;
    const now = clock.now().getTime();
    const hit = cache.get(key);
    if (hit && hit.expiresAt > now && hit.sessionExpiresAt > now) {
      if (now - hit.lastSeenWrittenAt > LAST_SEEN_EVERY_MS) {
        hit.lastSeenWrittenAt = now;
        seen(hit.actor.sessionId as string, now);
      }
      return { actor: { ...hit.actor, ip }, profile: hit.profile };
    }
    // One lookup per token at a time: the requests that miss together (a shift of agents whose
    // cached sessions expired during a quiet spell) share it. Never one that started before an
    // eviction: a request after a revocation reads the session afresh.
    let lookup = sessionLookups.get(key);
    if (!lookup || lookup.generation !== evictions) {
      const entry = { generation: evictions, promise: lookUpSession(token, key, now) };
      sessionLookups.set(key, entry);
      void entry.promise
        .finally(() => {
          if (sessionLookups.get(key) === entry) sessionLookups.delete(key);
        })
        .catch(() => undefined);
      lookup = entry;
    }
    const found = await lookup.promise;
    return found && { actor: { ...found.actor, ip }, profile: found.profile };
  }

  async function lookUpSession(
    token: string,
    key: string,
    now: number,
  ): Promise<{ actor: Actor; profile: Profile } | null> {
    const generation = evictions;
    const result = await db.execute(sql`
      SELECT s.id AS session_id, s.csrf_token, s.expires_at AS session_expires_at, s.last_seen_at, ${PROFILE_COLUMNS}
        FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = ${sha256(token)} AND s.revoked_at IS NULL AND s.expires_at > ${new Date(now)}
         AND u.status = 'active'`);
    const row = result.rows[0] as ProfileRow | undefined;
    if (!row) {
      cache.delete(key);
      return null;
    }
    const built = buildActor(row, {
      sessionId: row.session_id,
      tokenId: null,
      csrfToken: row.csrf_token,
      ip: null,
    });
    const lastSeen = new Date(row.last_seen_at as Date).getTime();
    if (now - lastSeen > LAST_SEEN_EVERY_MS) seen(row.session_id as string, now);
    if (generation !== evictions) return built;
    remember(key, row.id, {
      ...built,
      expiresAt: now + CACHE_TTL_MS,
      sessionExpiresAt: new Date(row.session_expires_at as Date).getTime(),
      lastSeenWrittenAt: Math.max(lastSeen, now - LAST_SEEN_EVERY_MS + 1),
    });
    return built;
  }

  /** Resolves `Authorization: Bearer <token>`; throws AUTH_TOKEN_INVALID for a bad token. */
  async function authenticateToken(token: string, ip: string | null): Promise<Actor> {
    const key = `t:${token}`;
    const now = clock.now();
    const hit = cache.get(key);
    if (hit && hit.expiresAt > now.getTime() && hit.sessionExpiresAt > now.getTime())
      return { ...hit.actor, ip };
    const result = await db.execute(sql`
      SELECT k.id AS token_id, k.scopes, k.expires_at AS token_expires_at, k.last_used_at, ${PROFILE_COLUMNS}
        FROM api_tokens k JOIN users u ON u.id = k.created_by
       WHERE k.token_hash = ${sha256(token)} AND k.revoked_at IS NULL AND k.expires_at > ${now}
         AND u.status = 'active'`);
    const row = result.rows[0] as
      | (ProfileRow & {
          token_id: string;
          scopes: string[];
          token_expires_at: Date;
          last_used_at: Date | null;
        })
      | undefined;
    if (!row) throw new AppError('AUTH_TOKEN_INVALID', 401);
    const built = buildActor(
      row,
      { sessionId: null, tokenId: row.token_id, csrfToken: null, ip },
      row.scopes,
    );
    // Token use is audited at most once a minute per token, so the chain is not flooded by polling.
    if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > LAST_SEEN_EVERY_MS) {
      await db.transaction(async (tx) => {
        await tx.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.token_id));
        await audit.record(tx, {
          actorId: row.id,
          actorName: row.username,
          action: 'token.used',
          targetType: 'api_token',
          targetId: row.token_id,
          ip,
        });
      });
    }
    remember(key, row.id, {
      ...built,
      expiresAt: now.getTime() + CACHE_TTL_MS,
      sessionExpiresAt: new Date(row.token_expires_at).getTime(),
      lastSeenWrittenAt: now.getTime(),
    });
    return built.actor;
  }

  function isCsrfValid(actor: Actor, header: string | undefined): boolean {
    if (actor.kind === 'token') return true;
    return !!header && !!actor.csrfToken && safeEqual(header, actor.csrfToken);
  }

  async function getProfile(actor: Actor): Promise<Profile> {
    const signedIn = requireActor(actor);
    for (const entry of cacheKeysByUser.get(signedIn.userId) ?? []) {
      const hit = cache.get(entry);
      if (hit && hit.actor.sessionId === signedIn.sessionId && hit.expiresAt > clock.now().getTime())
        return hit.profile;
    }
    const result = await db.execute(
      sql`SELECT ${PROFILE_COLUMNS} FROM users u WHERE u.id = ${signedIn.userId}`,
    );
    const row = result.rows[0] as ProfileRow | undefined;
    if (!row) throw new AppError('AUTH_REQUIRED', 401);
    return buildActor(row, {
      sessionId: signedIn.sessionId,
      tokenId: signedIn.tokenId,
      csrfToken: signedIn.csrfToken,
      ip: null,
    }).profile;
  }

  async function checkIpThrottle(ip: string | null): Promise<void> {
    if (!ip) return;
    const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.ip, ip));
    if (row?.blockedUntil && row.blockedUntil > clock.now()) throw new AppError('AUTH_RATE_LIMITED', 429);
  }

  async function recordIpFailure(tx: Tx, ip: string | null) {
    if (!ip) return;
    const now = clock.now();
    const windowStart = new Date(now.getTime() - LOCKOUT.ipWindowMinutes * 60_000);
    const blockUntil = new Date(now.getTime() + LOCKOUT.ipBlockMinutes * 60_000);
    await tx.execute(sql`
      INSERT INTO login_throttle (ip, failures, window_started_at) VALUES (${ip}, 1, ${now})
      ON CONFLICT (ip) DO UPDATE SET
        failures = CASE WHEN login_throttle.window_started_at < ${windowStart} THEN 1 ELSE login_throttle.failures + 1 END,
        window_started_at = CASE WHEN login_throttle.window_started_at < ${windowStart} THEN ${now} ELSE login_throttle.window_started_at END,
        blocked_until = CASE WHEN login_throttle.window_started_at >= ${windowStart}
                              AND login_throttle.failures + 1 >= ${LOCKOUT.ipMaxFailures}
                             THEN ${blockUntil} ELSE login_throttle.blocked_until END`);
  }

  function verifyTotp(secret: string, code: string, lastStep: number | null): number | null {
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 });
    const now = clock.now().getTime();
    const delta = totp.validate({ token: code.replace(/\s/g, ''), timestamp: now, window: 1 });
    if (delta === null) return null;
    const step = Math.floor(now / 30_000) + delta;
    // RFC 6238 §5.2: a code must not be accepted twice.
    if (lastStep !== null && step <= lastStep) return null;
    return step;
  }

  /**
   * Failures against usernames that do not exist, on the same backoff and lockout curve as real
   * accounts, so that the answers (401, then 423) never tell a real username from a made-up one.
   * In memory, bounded (oldest first out); a second process keeps its own count, which is no
   * worse than the address throttle that bounds guessing anyway.
   */
  const phantomLocks = new Map<string, { failedLogins: number; lockedUntil: Date | null }>();
  const PHANTOM_MAX = 10_000;
  const phantomOf = (username: string) => phantomLocks.get(username.toLowerCase()) ?? null;
  function phantomFailure(username: string, now: Date): void {
    const key = username.toLowerCase();
    const failures = (phantomLocks.get(key)?.failedLogins ?? 0) + 1;
    phantomLocks.delete(key);
    if (phantomLocks.size >= PHANTOM_MAX) phantomLocks.delete(phantomLocks.keys().next().value as string);
    phantomLocks.set(key, { failedLogins: failures, lockedUntil: lockedAfter(failures, now) });
  }
  function lockedAfter(failures: number, now: Date): Date | null {
    if (failures >= LOCKOUT.lockAfter) return new Date(now.getTime() + LOCKOUT.lockMinutes * 60_000);
    if (failures >= LOCKOUT.backoffAfter)
      return new Date(now.getTime() + 2 ** (failures - LOCKOUT.backoffAfter) * 5_000);
    return null;
  }

  async function login(
    input: LoginInput,
  ): Promise<{ sessionToken: string; csrfToken: string; profile: Profile }> {
    await checkIpThrottle(input.ip);
    const now = clock.now();
    const [user] = await db
      .select()
      .from(users)
      .where(sql`lower(${users.username}) = lower(${input.username})`);
    const lockedUntil = user ? user.lockedUntil : phantomOf(input.username)?.lockedUntil;
    if (lockedUntil && lockedUntil > now) {
      const minutes = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 60_000));
      throw new AppError('AUTH_LOCKED', 423, undefined, { minutes });
    }
    const passwordOk = await passwords.verifyPassword(user?.passwordHash ?? null, input.password);

    const fail = async (
      code: 'AUTH_INVALID_CREDENTIALS' | 'AUTH_MFA_INVALID',
      reason: string,
    ): Promise<never> => {
      let locked: Date | null = null;
      await db.transaction(async (tx) => {
        await recordIpFailure(tx, input.ip);
        if (!user) phantomFailure(input.username, now);
        if (user) {
          const failures = user.failedLogins + 1;
          locked = lockedAfter(failures, now);
          await tx
            .update(users)
            .set({ failedLogins: failures, lockedUntil: locked })
            .where(eq(users.id, user.id));
        }
        await audit.record(tx, {
          actorId: user?.id ?? null,
          actorName: user?.username ?? null,
          action: 'auth.login_failed',
          targetType: 'user',
          targetId: user?.id ?? null,
          ip: input.ip,
          details: { username: input.username.slice(0, 64), reason },
        });
        if (user && user.failedLogins + 1 === LOCKOUT.lockAfter) {
          await audit.record(tx, {
            actorId: null,
            actorName: null,
            action: 'auth.locked',
            targetType: 'user',
            targetId: user.id,
            ip: input.ip,
            details: { username: user.username, minutes: LOCKOUT.lockMinutes },
          });
        }
      });
      throw new AppError(code, 401);
    };

    if (!user || !passwordOk)
      return fail('AUTH_INVALID_CREDENTIALS', user ? 'wrong_password' : 'unknown_user');
    if (user.status !== 'active') throw new AppError('AUTH_ACCOUNT_DISABLED', 403);

    let mfaStep: number | null = null;
    let usedRecoveryCode: string | null = null;
    if (user.mfaEnabled && user.mfaSecret) {
      if (!input.totp) throw new AppError('AUTH_MFA_REQUIRED', 401);
      mfaStep = verifyTotp(user.mfaSecret, input.totp, user.mfaLastStep);
      if (mfaStep === null) {
        const hashed = sha256(input.totp.replace(/[\s-]/g, '').toLowerCase());
        if (user.mfaRecoveryHashes.includes(hashed)) usedRecoveryCode = hashed;
        else return fail('AUTH_MFA_INVALID', 'wrong_mfa_code');
      }
    }

    const sessionToken = ids.token(32);
    const csrfToken = ids.token(24);
    const sessionId = ids.uuid();
    await db.transaction(async (tx) => {
      await tx
        .update(users)
        .set({
          failedLogins: 0,
          lockedUntil: null,
          lastLoginAt: now,
          ...(mfaStep !== null ? { mfaLastStep: mfaStep } : {}),
          ...(usedRecoveryCode
            ? { mfaRecoveryHashes: user.mfaRecoveryHashes.filter((h) => h !== usedRecoveryCode) }
            : {}),
        })
        .where(eq(users.id, user.id));
      await tx.insert(sessions).values({
        id: sessionId,
        tokenHash: sha256(sessionToken),
        userId: user.id,
        csrfToken,
        ip: input.ip,
        userAgent: input.userAgent?.slice(0, 300) ?? null,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + config.sessionTtlHours * 3_600_000),
      });
      await audit.record(tx, {
        actorId: user.id,
        actorName: user.username,
        action: 'auth.login',
        targetType: 'session',
        targetId: sessionId,
        ip: input.ip,
        details: { mfa: mfaStep !== null ? 'totp' : usedRecoveryCode ? 'recovery_code' : 'none' },
      });
    });
    const resolved = await authenticateSession(sessionToken, input.ip);
    if (!resolved) throw new AppError('AUTH_REQUIRED', 401);
    return { sessionToken, csrfToken, profile: resolved.profile };
  }

  async function revokeSessions(
    tx: Tx,
    userId: string,
    options: { only?: string[]; except?: string | null },
  ): Promise<string[]> {
    const revoked = await tx
      .update(sessions)
      .set({ revokedAt: clock.now() })
      .where(
        and(
          eq(sessions.userId, userId),
          isNull(sessions.revokedAt),
          options.only ? inArray(sessions.id, options.only) : undefined,
          options.except ? ne(sessions.id, options.except) : undefined,
        ),
      )
      .returning({ id: sessions.id });
    const sessionIds = revoked.map((r) => r.id);
    await events.publish<SessionsRevokedPayload>(tx, {
      type: STAFF_EVENTS.sessionsRevoked,
      payload: { userId, sessionIds },
      audience: { users: [userId] },
    });
    evictUser(userId);
    return sessionIds;
  }

  async function logout(actor: Actor): Promise<void> {
    if (!actor.sessionId) return;
    await db.transaction(async (tx) => {
      await revokeSessions(tx, actor.userId, { only: [actor.sessionId as string] });
      await audit.record(tx, {
        actorId: actor.userId,
        actorName: actor.username,
        action: 'auth.logout',
        targetType: 'session',
        targetId: actor.sessionId,
        ip: actor.ip,
      });
    });
  }

  async function listMySessions(actor: Actor) {
    const rows = await db
      .select()
      .from(sessions)
      .where(
        and(
          eq(sessions.userId, actor.userId),
          isNull(sessions.revokedAt),
          sql`${sessions.expiresAt} > ${clock.now()}`,
        ),
      )
      .orderBy(desc(sessions.lastSeenAt));
    return rows.map((s) => ({
      id: s.id,
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      ip: s.ip,
      userAgent: s.userAgent,
      current: s.id === actor.sessionId,
    }));
  }

  async function revokeMySession(actor: Actor, sessionId: string): Promise<void> {
    await db.transaction(async (tx) => {
      const revoked = await revokeSessions(tx, actor.userId, { only: [sessionId] });
      if (revoked.length === 0) throw new AppError('STAFF_SESSION_NOT_FOUND', 404);
      await audit.record(tx, {
        actorId: actor.userId,
        actorName: actor.username,
        action: 'auth.session_revoked',
        targetType: 'session',
        targetId: sessionId,
        ip: actor.ip,
      });
    });
  }

  async function changePassword(actor: Actor, input: { currentPassword: string; newPassword: string }) {
    const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
    if (!user) throw new AppError('AUTH_REQUIRED', 401);
    if (!(await passwords.verifyPassword(user.passwordHash, input.currentPassword))) {
      throw new AppError('AUTH_WRONG_PASSWORD', 400);
    }
    const problem = passwordProblem(input.newPassword, user.username);
    if (problem) throw new AppError(problem, 400);
    const passwordHash = await passwords.hashPassword(input.newPassword);
    await db.transaction(async (tx) => {
      await tx
        .update(users)
        .set({ passwordHash, passwordChangedAt: clock.now(), updatedAt: clock.now() })
        .where(eq(users.id, user.id));
      // A changed password ends every other session (someone else may have had the old one).
      await revokeSessions(tx, user.id, { except: actor.sessionId });
      await audit.record(tx, {
        actorId: actor.userId,
        actorName: actor.username,
        action: 'auth.password_changed',
        targetType: 'user',
        targetId: user.id,
        ip: actor.ip,
      });
    });
  }

  async function updatePreferences(
    actor: Actor,
    input: { locale?: Locale; theme?: 'light' | 'dark' | 'auto' },
  ) {
    await db.transaction(async (tx) => {
      await tx
        .update(users)
        .set({ ...input, updatedAt: clock.now() })
        .where(eq(users.id, actor.userId));
      await events.publish<UserChangedPayload>(tx, {
        type: STAFF_EVENTS.userUpdated,
        payload: { userId: actor.userId },
        audience: { users: [actor.userId] },
      });
    });
    evictUser(actor.userId);
    return getProfile(actor);
  }

  /** A user changed their own account: other processes drop their cached copy; audited. */
  async function selfChanged(tx: Tx, actor: Actor, action: string): Promise<void> {
    await events.publish<UserChangedPayload>(tx, {
      type: STAFF_EVENTS.userUpdated,
      payload: { userId: actor.userId },
      audience: { users: [actor.userId] },
    });
    await audit.record(tx, {
      actorId: actor.userId,
      actorName: actor.username,
      action,
      targetType: 'user',
      targetId: actor.userId,
      ip: actor.ip,
    });
  }

  async function enrollMfa(actor: Actor) {
    const secret = new OTPAuth.Secret({ size: 20 });
    const totp = new OTPAuth.TOTP({
      issuer: 'Banyan',
      label: actor.username,
      secret,
      digits: 6,
      period: 30,
    });
    await db.update(users).set({ mfaPendingSecret: secret.base32 }).where(eq(users.id, actor.userId));
    const otpauthUrl = totp.toString();
    return {
      secret: secret.base32,
      otpauthUrl,
      qrDataUrl: await QRCode.toDataURL(otpauthUrl, { margin: 1 }),
    };
  }

  async function verifyMfa(actor: Actor, code: string): Promise<{ recoveryCodes: string[] }> {
    const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
    if (!user?.mfaPendingSecret) throw new AppError('AUTH_MFA_NOT_PENDING', 409);
    const step = verifyTotp(user.mfaPendingSecret, code, null);
    if (step === null) throw new AppError('AUTH_MFA_INVALID', 400);
    const recoveryCodes = Array.from({ length: 10 }, () =>
      ids
        .token(8)
        .replace(/[^a-zA-Z0-9]/g, '')
        .slice(0, 10)
        .toLowerCase(),
    );
    await db.transaction(async (tx) => {
      await tx
        .update(users)
        .set({
          mfaSecret: user.mfaPendingSecret,
          mfaPendingSecret: null,
          mfaEnabled: true,
          mfaLastStep: step,
          mfaRecoveryHashes: recoveryCodes.map(sha256),
          updatedAt: clock.now(),
        })
        .where(eq(users.id, user.id));
      await selfChanged(tx, actor, 'auth.mfa_enabled');
    });
    evictUser(user.id);
    return { recoveryCodes };
  }

  async function disableMfa(actor: Actor, code: string): Promise<void> {
    const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
    if (!user?.mfaEnabled || !user.mfaSecret) throw new AppError('AUTH_MFA_NOT_ENABLED', 409);
    if (verifyTotp(user.mfaSecret, code, user.mfaLastStep) === null)
      throw new AppError('AUTH_MFA_INVALID', 400);
    if (config.requireAdminMfa && user.roles.includes('admin'))
      throw new AppError('AUTH_MFA_REQUIRED_FOR_ROLE', 409);
    await db.transaction(async (tx) => {
      await tx
        .update(users)
        .set({
          mfaEnabled: false,
          mfaSecret: null,
          mfaRecoveryHashes: [],
          mfaLastStep: null,
          updatedAt: clock.now(),
        })
        .where(eq(users.id, user.id));
      await selfChanged(tx, actor, 'auth.mfa_disabled');
    });
    evictUser(user.id);
  }

  return {
    login,
    logout,
    authenticateSession,
    authenticateToken,
    isCsrfValid,
    getProfile,
    listMySessions,
    revokeMySession,
    revokeSessions,
    changePassword,
    updatePreferences,
    enrollMfa,
    verifyMfa,
    disableMfa,
    evictUser,
    tokenScopes: TOKEN_SCOPES,
  };
}

export type StaffAuth = ReturnType<typeof createStaffAuth>;
