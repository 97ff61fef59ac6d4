import { and, asc, count, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { Audit } from '../../platform/audit.ts';
import { type Clock, isValidTimeZone } from '../../platform/clock.ts';
import type { Db, Tx } from '../../platform/db.ts';
import { AppError, translateUniqueViolation } from '../../platform/errors.ts';
import type { Events } from '../../platform/events.ts';
import type { Locale } from '../../platform/i18n.ts';
import type { Ids } from '../../platform/ids.ts';
import { type Actor, requirePermission, TOKEN_SCOPES } from '../../platform/rbac.ts';
import type { StaffAuth } from './staff.auth.ts';
import { sha256 } from './staff.auth.ts';
import {
  type OrgChangedPayload,
  type SessionsRevokedPayload,
  STAFF_EVENTS,
  type UserChangedPayload,
} from './staff.events.ts';
import { type Passwords, passwordProblem } from './staff.passwords.ts';
import {
  apiTokens,
  branches,
  departments,
  skills,
  teams,
  userSkills,
  users,
  userTeams,
} from './staff.schema.ts';

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  roles: string[];
  teamIds: string[];
  departmentId: string | null;
  branchId: string | null;
  skills: { skillId: string; proficiency: number }[];
  status: 'active' | 'disabled';
  locale: Locale;
  mfaEnabled: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  version: number;
}

export interface CreateUserInput {
  username: string;
  displayName: string;
  email?: string | null;
  password: string;
  roles: string[];
  teamIds?: string[];
  departmentId?: string | null;
  branchId?: string | null;
  locale?: Locale;
  skills?: { skillId: string; proficiency: number }[];
}

export interface UpdateUserInput {
  displayName?: string;
  email?: string | null;
  roles?: string[];
  teamIds?: string[];
  departmentId?: string | null;
  branchId?: string | null;
  skills?: { skillId: string; proficiency: number }[];
  locale?: Locale;
  version: number;
}

/** Admin-facing management of staff, teams, departments, branches, skills and API tokens. */
export function createStaffService(deps: {
  db: Db;
  ids: Ids;
  clock: Clock;
  audit: Audit;
  events: Events;
  passwords: Passwords;
  auth: StaffAuth;
}) {
  const { db, ids, clock, audit, events, passwords, auth } = deps;

  const auditEntry = (
    actor: Actor | null,
    action: string,
    targetType: string,
    targetId: string,
    details = {},
  ) => ({
    actorId: actor?.userId ?? null,
    actorName: actor?.username ?? 'system',
    action,
    targetType,
    targetId,
    ip: actor?.ip ?? null,
    details,
  });

  async function loadUsers(where: ReturnType<typeof and>, limit = 1000, offset = 0): Promise<UserView[]> {
    const rows = await db
      .select()
      .from(users)
      .where(where)
      .orderBy(asc(users.username))
      .limit(limit)
      .offset(offset);
    if (rows.length === 0) return [];
    const idsList = rows.map((r) => r.id);
    const [teamRows, skillRows] = await Promise.all([
      db.select().from(userTeams).where(inArray(userTeams.userId, idsList)),
      db.select().from(userSkills).where(inArray(userSkills.userId, idsList)),
    ]);
    return rows.map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      email: u.email,
      roles: u.roles,
      teamIds: teamRows.filter((t) => t.userId === u.id).map((t) => t.teamId),
      departmentId: u.departmentId,
      branchId: u.branchId,
      skills: skillRows
        .filter((s) => s.userId === u.id)
        .map((s) => ({ skillId: s.skillId, proficiency: s.proficiency })),
      status: u.status as UserView['status'],
      locale: u.locale as Locale,
      mfaEnabled: u.mfaEnabled,
      lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
      createdAt: u.createdAt.toISOString(),
      version: u.version,
    }));
  }

  /** Rows an actor may read: everyone for `all`, members of the actor's teams for `team`. */
  function scopeFilter(actor: Actor) {
    const scope = requirePermission(actor, 'staff.read');
    if (scope === 'all') return undefined;
    if (actor.teamIds.length === 0) return sql`false`;
    return sql`${users.id} IN (SELECT user_id FROM user_teams WHERE team_id IN ${actor.teamIds})`;
  }

  async function listUsers(
    actor: Actor,
    query: { q?: string; role?: string; status?: string; teamId?: string; limit?: number; offset?: number },
  ) {
    const where = and(
      scopeFilter(actor),
      query.q
        ? or(
            ilike(users.username, `%${escapeLike(query.q)}%`),
            ilike(users.displayName, `%${escapeLike(query.q)}%`),
          )
        : undefined,
      query.role ? sql`${query.role} = ANY(${users.roles})` : undefined,
      query.status ? eq(users.status, query.status) : undefined,
      query.teamId
        ? sql`${users.id} IN (SELECT user_id FROM user_teams WHERE team_id = ${query.teamId})`
        : undefined,
    );
    const [items, [total]] = await Promise.all([
      loadUsers(where, query.limit ?? 50, query.offset ?? 0),
      db.select({ n: count() }).from(users).where(where),
    ]);
    return { items, total: total?.n ?? 0 };
  }

  async function getUser(actor: Actor, id: string): Promise<UserView> {
    const [user] = await loadUsers(and(scopeFilter(actor), eq(users.id, id)));
    if (!user) throw new AppError('STAFF_USER_NOT_FOUND', 404);
    return user;
  }

  async function assertRefs(
    tx: Tx,
    refs: { teamIds?: string[]; departmentId?: string | null; branchId?: string | null; skillIds?: string[] },
  ) {
    if (refs.teamIds?.length) {
      const found = await tx.select({ id: teams.id }).from(teams).where(inArray(teams.id, refs.teamIds));
      if (found.length !== refs.teamIds.length) throw new AppError('STAFF_TEAM_NOT_FOUND', 400);
    }
    if (refs.departmentId) {
      const found = await tx
        .select({ id: departments.id })
        .from(departments)
        .where(eq(departments.id, refs.departmentId));
      if (found.length === 0) throw new AppError('STAFF_DEPARTMENT_NOT_FOUND', 400);
    }
    if (refs.branchId) {
      const found = await tx.select({ id: branches.id }).from(branches).where(eq(branches.id, refs.branchId));
      if (found.length === 0) throw new AppError('STAFF_BRANCH_NOT_FOUND', 400);
    }
    if (refs.skillIds?.length) {
      const found = await tx.select({ id: skills.id }).from(skills).where(inArray(skills.id, refs.skillIds));
      if (found.length !== new Set(refs.skillIds).size) throw new AppError('STAFF_SKILL_NOT_FOUND', 400);
    }
  }

  /** Creates a user. `actor` null means the system (seed, CLI); otherwise staff.manage is required. */
  async function createUser(actor: Actor | null, input: CreateUserInput): Promise<UserView> {
    if (actor) requirePermission(actor, 'staff.manage');
    const problem = passwordProblem(input.password, input.username);
    if (problem) throw new AppError(problem, 400);
    const passwordHash = await passwords.hashPassword(input.password);
    const id = ids.uuid();
    const now = clock.now();
    await db
      .transaction(async (tx) => {
        await assertRefs(tx, { ...input, skillIds: input.skills?.map((s) => s.skillId) });
        await tx.insert(users).values({
          id,
          username: input.username,
          displayName: input.displayName,
          email: input.email?.toLowerCase() ?? null,
          passwordHash,
          roles: input.roles,
          departmentId: input.departmentId ?? null,
          branchId: input.branchId ?? null,
          locale: input.locale ?? 'en',
          createdAt: now,
          updatedAt: now,
          passwordChangedAt: now,
        });
        if (input.teamIds?.length) {
          await tx.insert(userTeams).values(input.teamIds.map((teamId) => ({ userId: id, teamId })));
        }
        if (input.skills?.length)
          await tx.insert(userSkills).values(input.skills.map((s) => ({ userId: id, ...s })));
        await events.publish<UserChangedPayload>(tx, {
          type: STAFF_EVENTS.userCreated,
          payload: { userId: id },
          actorId: actor?.userId ?? null,
          audience: { permissions: ['staff.manage'] },
        });
        await audit.record(
          tx,
          auditEntry(actor, 'staff.user_created', 'user', id, {
            username: input.username,
            roles: input.roles,
          }),
        );
      })
      .catch((error) => translateUniqueViolation(error, { users_username_key: 'STAFF_USERNAME_TAKEN' }));
    const [created] = await loadUsers(and(eq(users.id, id)));
    return created as UserView;
  }

  async function countOtherActiveAdmins(tx: Tx, userId: string): Promise<number> {
    const [row] = await tx
      .select({ n: count() })
      .from(users)
      .where(
        and(eq(users.status, 'active'), sql`'admin' = ANY(${users.roles})`, sql`${users.id} <> ${userId}`),
      );
    return row?.n ?? 0;
  }

  async function updateUser(actor: Actor, id: string, input: UpdateUserInput): Promise<UserView> {
    requirePermission(actor, 'staff.manage');
    await db.transaction(async (tx) => {
      const [current] = await tx.select().from(users).where(eq(users.id, id)).for('update');
      if (!current) throw new AppError('STAFF_USER_NOT_FOUND', 404);
      if (current.version !== input.version) throw new AppError('STAFF_VERSION_CONFLICT', 409);
      await assertRefs(tx, { ...input, skillIds: input.skills?.map((s) => s.skillId) });
      if (input.roles && current.roles.includes('admin') && !input.roles.includes('admin')) {
        if ((await countOtherActiveAdmins(tx, id)) === 0) throw new AppError('STAFF_LAST_ADMIN', 409);
      }
      const { version: _version, teamIds, skills: skillList, ...fields } = input;
      await tx
        .update(users)
        .set({
          ...fields,
          ...(fields.email !== undefined ? { email: fields.email?.toLowerCase() ?? null } : {}),
          updatedAt: clock.now(),
          version: current.version + 1,
        })
        .where(eq(users.id, id));
      if (teamIds) {
        await tx.delete(userTeams).where(eq(userTeams.userId, id));
        if (teamIds.length)
          await tx.insert(userTeams).values(teamIds.map((teamId) => ({ userId: id, teamId })));
      }
      if (skillList) {
        await tx.delete(userSkills).where(eq(userSkills.userId, id));
        if (skillList.length)
          await tx.insert(userSkills).values(skillList.map((s) => ({ userId: id, ...s })));
      }
      await events.publish<UserChangedPayload>(tx, {
        type: STAFF_EVENTS.userUpdated,
        payload: { userId: id },
        actorId: actor.userId,
        audience: { permissions: ['staff.manage'], users: [id] },
      });
      const changed = Object.keys(input).filter((k) => k !== 'version');
      const details: Record<string, unknown> = { changed };
      if (input.roles) details.roles = { from: current.roles, to: input.roles };
      await audit.record(tx, auditEntry(actor, 'staff.user_updated', 'user', id, details));
    });
    auth.evictUser(id);
    return getUser(actor, id);
  }

  /** Enables or disables a user (`actor` null = the CLI); disabling ends their sessions. */
  async function setUserStatus(
    actor: Actor | null,
    id: string,
    status: 'active' | 'disabled',
  ): Promise<UserView> {
    if (actor) requirePermission(actor, 'staff.manage');
    if (status === 'disabled' && id === actor?.userId) throw new AppError('STAFF_CANNOT_DISABLE_SELF', 409);
    await db.transaction(async (tx) => {
      const [current] = await tx.select().from(users).where(eq(users.id, id)).for('update');
      if (!current) throw new AppError('STAFF_USER_NOT_FOUND', 404);
      if (
        status === 'disabled' &&
        current.roles.includes('admin') &&
        (await countOtherActiveAdmins(tx, id)) === 0
      ) {
        throw new AppError('STAFF_LAST_ADMIN', 409);
      }
      await tx
        .update(users)
        .set({
          status,
          updatedAt: clock.now(),
          version: current.version + 1,
          failedLogins: 0,
          lockedUntil: null,
        })
        .where(eq(users.id, id));
      if (status === 'disabled') await auth.revokeSessions(tx, id, {});
      await events.publish<UserChangedPayload>(tx, {
        type: STAFF_EVENTS.userUpdated,
        payload: { userId: id },
        actorId: actor?.userId ?? null,
        audience: { permissions: ['staff.manage'] },
      });
      await audit.record(
        tx,
        auditEntry(actor, status === 'disabled' ? 'staff.user_disabled' : 'staff.user_enabled', 'user', id),
      );
    });
    auth.evictUser(id);
    const [updated] = await loadUsers(eq(users.id, id));
    return updated as UserView;
  }

  /** Sets a new password (admin reset, or the CLI with actor null); ends the user's sessions. */
  async function resetPassword(actor: Actor | null, id: string, password: string): Promise<void> {
    if (actor) requirePermission(actor, 'staff.manage');
    const [user] = await db.select().from(users).where(eq(users.id, id));
    if (!user) throw new AppError('STAFF_USER_NOT_FOUND', 404);
    const problem = passwordProblem(password, user.username);
    if (problem) throw new AppError(problem, 400);
    const passwordHash = await passwords.hashPassword(password);
    await db.transaction(async (tx) => {
      await tx
        .update(users)
        .set({
          passwordHash,
          passwordChangedAt: clock.now(),
          failedLogins: 0,
          lockedUntil: null,
          updatedAt: clock.now(),
        })
        .where(eq(users.id, id));
      await auth.revokeSessions(tx, id, {});
      await audit.record(tx, auditEntry(actor, 'staff.password_reset', 'user', id));
    });
  }

  /** Members of the given teams (for scoping a supervisor's views). */
  async function listTeamMemberIds(teamIds: string[]): Promise<string[]> {
    if (teamIds.length === 0) return [];
    const rows = await db
      .selectDistinct({ userId: userTeams.userId })
      .from(userTeams)
      .where(inArray(userTeams.teamId, teamIds));
    return rows.map((r) => r.userId);
  }

  async function findUserByUsername(username: string) {
    const [user] = await db
      .select({ id: users.id, username: users.username, status: users.status })
      .from(users)
      .where(sql`lower(${users.username}) = lower(${username})`);
    return user ?? null;
  }

  // ---- organisation: teams, departments, branches, skills ----

  async function orgChanged(
    tx: Tx,
    actor: Actor | null,
    payload: OrgChangedPayload,
    action: string,
    details = {},
  ) {
    await events.publish<OrgChangedPayload>(tx, {
      type: STAFF_EVENTS.orgChanged,
      payload,
      actorId: actor?.userId ?? null,
      audience: { permissions: ['staff.manage'] },
    });
    await audit.record(tx, auditEntry(actor, action, payload.kind, payload.id, details));
  }

  const listTeams = async (actor: Actor) => {
    requirePermission(actor, 'staff.read');
    return db.select().from(teams).orderBy(asc(teams.name));
  };
  const listDepartments = async (actor: Actor) => {
    requirePermission(actor, 'staff.read');
    return db.select().from(departments).orderBy(asc(departments.code));
  };
  const listBranches = async (actor: Actor) => {
    requirePermission(actor, 'staff.read');
    return db.select().from(branches).orderBy(asc(branches.code));
  };
  /** Skills with how many users hold each (the routing pool behind a queue's requirement). */
  const listSkills = async (actor: Actor) => {
    requirePermission(actor, 'staff.read');
    return db
      .select({
        id: skills.id,
        code: skills.code,
        name: skills.name,
        memberCount: sql<number>`(SELECT count(*)::int FROM user_skills us WHERE us.skill_id = ${skills.id})`,
      })
      .from(skills)
      .orderBy(asc(skills.code));
  };

  async function createTeam(
    actor: Actor | null,
    input: { name: string; departmentId?: string | null; branchId?: string | null },
  ) {
    if (actor) requirePermission(actor, 'staff.manage');
    const id = ids.uuid();
    return db
      .transaction(async (tx) => {
        await assertRefs(tx, input);
        const [row] = await tx
          .insert(teams)
          .values({
            id,
            name: input.name,
            departmentId: input.departmentId ?? null,
            branchId: input.branchId ?? null,
          })
          .returning();
        await orgChanged(tx, actor, { kind: 'team', id }, 'staff.team_created', { name: input.name });
        return row as typeof teams.$inferSelect;
      })
      .catch((error) => translateUniqueViolation(error, { teams_name_key: 'STAFF_TEAM_NAME_TAKEN' }));
  }

  async function updateTeam(
    actor: Actor,
    id: string,
    input: { name?: string; departmentId?: string | null; branchId?: string | null },
  ) {
    requirePermission(actor, 'staff.manage');
    return db
      .transaction(async (tx) => {
        await assertRefs(tx, input);
        const [row] = await tx.update(teams).set(input).where(eq(teams.id, id)).returning();
        if (!row) throw new AppError('STAFF_TEAM_NOT_FOUND', 404);
        await orgChanged(tx, actor, { kind: 'team', id }, 'staff.team_updated', {
          changed: Object.keys(input),
        });
        return row;
      })
      .catch((error) => translateUniqueViolation(error, { teams_name_key: 'STAFF_TEAM_NAME_TAKEN' }));
  }

  async function createDepartment(actor: Actor | null, input: { code: string; name: string; kind: string }) {
    if (actor) requirePermission(actor, 'staff.manage');
    const id = ids.uuid();
    return db
      .transaction(async (tx) => {
        const [row] = await tx
          .insert(departments)
          .values({ id, ...input })
          .returning();
        await orgChanged(tx, actor, { kind: 'department', id }, 'staff.department_created', {
          code: input.code,
        });
        return row as typeof departments.$inferSelect;
      })
      .catch((error) =>
        translateUniqueViolation(error, { departments_code_key: 'STAFF_DEPARTMENT_CODE_TAKEN' }),
      );
  }

  async function updateDepartment(
    actor: Actor,
    id: string,
    input: { code?: string; name?: string; kind?: string },
  ) {
    requirePermission(actor, 'staff.manage');
    return db
      .transaction(async (tx) => {
        const [row] = await tx.update(departments).set(input).where(eq(departments.id, id)).returning();
        if (!row) throw new AppError('STAFF_DEPARTMENT_NOT_FOUND', 404);
        await orgChanged(tx, actor, { kind: 'department', id }, 'staff.department_updated', {
          changed: Object.keys(input),
        });
        return row;
      })
      .catch((error) =>
        translateUniqueViolation(error, { departments_code_key: 'STAFF_DEPARTMENT_CODE_TAKEN' }),
      );
  }

  interface BranchInput {
    code: string;
    name: string;
    city: string;
    country: string;
    timeZone: string;
    isHeadOffice?: boolean;
  }

  async function createBranch(actor: Actor | null, input: BranchInput) {
    if (actor) requirePermission(actor, 'staff.manage');
    if (!isValidTimeZone(input.timeZone))
      throw new AppError('STAFF_INVALID_TIME_ZONE', 400, undefined, { timeZone: input.timeZone });
    const id = ids.uuid();
    return db
      .transaction(async (tx) => {
        const [row] = await tx
          .insert(branches)
          .values({ id, ...input, isHeadOffice: input.isHeadOffice ?? false })
          .returning();
        await orgChanged(tx, actor, { kind: 'branch', id }, 'staff.branch_created', { code: input.code });
        return row as typeof branches.$inferSelect;
      })
      .catch((error) => translateUniqueViolation(error, { branches_code_key: 'STAFF_BRANCH_CODE_TAKEN' }));
  }

  async function updateBranch(actor: Actor, id: string, input: Partial<BranchInput>) {
    requirePermission(actor, 'staff.manage');
    if (input.timeZone && !isValidTimeZone(input.timeZone)) {
      throw new AppError('STAFF_INVALID_TIME_ZONE', 400, undefined, { timeZone: input.timeZone });
    }
    return db
      .transaction(async (tx) => {
        const [row] = await tx.update(branches).set(input).where(eq(branches.id, id)).returning();
        if (!row) throw new AppError('STAFF_BRANCH_NOT_FOUND', 404);
        await orgChanged(tx, actor, { kind: 'branch', id }, 'staff.branch_updated', {
          changed: Object.keys(input),
        });
        return row;
      })
      .catch((error) => translateUniqueViolation(error, { branches_code_key: 'STAFF_BRANCH_CODE_TAKEN' }));
  }

  async function createSkill(actor: Actor | null, input: { code: string; name: string }) {
    if (actor) requirePermission(actor, 'staff.manage');
    const id = ids.uuid();
    return db
      .transaction(async (tx) => {
        const [row] = await tx
          .insert(skills)
          .values({ id, ...input })
          .returning();
        await orgChanged(tx, actor, { kind: 'skill', id }, 'staff.skill_created', { code: input.code });
        return { ...(row as typeof skills.$inferSelect), memberCount: 0 };
      })
      .catch((error) => translateUniqueViolation(error, { skills_code_key: 'STAFF_SKILL_CODE_TAKEN' }));
  }

  /** Renames a skill (code or name); the holders and queue requirements follow its id. */
  async function updateSkill(actor: Actor, id: string, input: { code?: string; name?: string }) {
    requirePermission(actor, 'staff.manage');
    return db
      .transaction(async (tx) => {
        const [row] = await tx.update(skills).set(input).where(eq(skills.id, id)).returning();
        if (!row) throw new AppError('STAFF_SKILL_NOT_FOUND', 404);
        await orgChanged(tx, actor, { kind: 'skill', id }, 'staff.skill_updated', {
          changed: Object.keys(input),
        });
        const [holders] = await tx.select({ n: count() }).from(userSkills).where(eq(userSkills.skillId, id));
        return { ...row, memberCount: holders?.n ?? 0 };
      })
      .catch((error) => translateUniqueViolation(error, { skills_code_key: 'STAFF_SKILL_CODE_TAKEN' }));
  }

  /** The users holding a skill, with their proficiency (1–5), best first. */
  async function listSkillMembers(actor: Actor, skillId: string) {
    requirePermission(actor, 'staff.read');
    const [skill] = await db.select({ id: skills.id }).from(skills).where(eq(skills.id, skillId));
    if (!skill) throw new AppError('STAFF_SKILL_NOT_FOUND', 404);
    return db
      .select({
        userId: users.id,
        username: users.username,
        displayName: users.displayName,
        roles: users.roles,
        status: users.status,
        proficiency: userSkills.proficiency,
      })
      .from(userSkills)
      .innerJoin(users, eq(users.id, userSkills.userId))
      .where(eq(userSkills.skillId, skillId))
      .orderBy(sql`${userSkills.proficiency} DESC`, asc(users.displayName));
  }

  /**
   * Sets one user's level in one skill (null removes the skill), from the skill's page. Same
   * effects as editing the user: version bumped (a form open elsewhere gets a conflict rather than
   * overwriting), routing's copy synced through `staff.user_updated`, audited.
   */
  async function setSkillLevel(actor: Actor, skillId: string, userId: string, proficiency: number | null) {
    requirePermission(actor, 'staff.manage');
    await db.transaction(async (tx) => {
      const [skill] = await tx.select({ id: skills.id }).from(skills).where(eq(skills.id, skillId));
      if (!skill) throw new AppError('STAFF_SKILL_NOT_FOUND', 404);
      const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
      if (!user) throw new AppError('STAFF_USER_NOT_FOUND', 404);
      const where = and(eq(userSkills.userId, userId), eq(userSkills.skillId, skillId));
      const [current] = await tx.select().from(userSkills).where(where);
      if ((current?.proficiency ?? null) === proficiency) return;
      if (proficiency === null) await tx.delete(userSkills).where(where);
      else
        await tx
          .insert(userSkills)
          .values({ userId, skillId, proficiency })
          .onConflictDoUpdate({ target: [userSkills.userId, userSkills.skillId], set: { proficiency } });
      await tx
        .update(users)
        .set({ updatedAt: clock.now(), version: user.version + 1 })
        .where(eq(users.id, userId));
      await events.publish<UserChangedPayload>(tx, {
        type: STAFF_EVENTS.userUpdated,
        payload: { userId },
        actorId: actor.userId,
        audience: { permissions: ['staff.manage'], users: [userId] },
      });
      await audit.record(
        tx,
        auditEntry(actor, 'staff.user_updated', 'user', userId, {
          changed: ['skills'],
          skill: { id: skillId, from: current?.proficiency ?? null, to: proficiency },
        }),
      );
    });
    auth.evictUser(userId);
  }

  // ---- API tokens ----

  const tokenView = (t: typeof apiTokens.$inferSelect) => ({
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    scopes: t.scopes,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
    createdBy: t.createdBy,
  });

  async function listTokens(actor: Actor) {
    requirePermission(actor, 'tokens.manage');
    const rows = await db.select().from(apiTokens).orderBy(sql`${apiTokens.createdAt} DESC`);
    return rows.map(tokenView);
  }

  /** Creates a token acting for `ownerId` (the admin, or a user picked by the CLI). Shown once. */
  async function createToken(
    actor: Actor | null,
    input: { name: string; scopes: string[]; expiresAt: Date; ownerId?: string },
  ) {
    if (actor) requirePermission(actor, 'tokens.manage');
    const ownerId = input.ownerId ?? actor?.userId;
    if (!ownerId) throw new AppError('STAFF_USER_NOT_FOUND', 404);
    for (const scope of input.scopes) {
      if (!(TOKEN_SCOPES as string[]).includes(scope))
        throw new AppError('TOKEN_SCOPE_NOT_ALLOWED', 400, undefined, { scope });
    }
    const now = clock.now();
    if (input.expiresAt <= now || input.expiresAt.getTime() - now.getTime() > 366 * 86_400_000) {
      throw new AppError('TOKEN_EXPIRY_INVALID', 400);
    }
    const prefix = ids
      .token(6)
      .replace(/[^a-zA-Z0-9]/g, 'x')
      .slice(0, 8);
    const token = `byn_${prefix}_${ids.token(32)}`;
    const id = ids.uuid();
    const row = await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(apiTokens)
        .values({
          id,
          name: input.name,
          tokenHash: sha256(token),
          prefix,
          scopes: input.scopes,
          createdBy: ownerId,
          createdAt: now,
          expiresAt: input.expiresAt,
        })
        .returning();
      await audit.record(
        tx,
        auditEntry(actor, 'token.created', 'api_token', id, { name: input.name, scopes: input.scopes }),
      );
      return created as typeof apiTokens.$inferSelect;
    });
    return { token, item: tokenView(row) };
  }

  async function revokeToken(actor: Actor | null, id: string): Promise<void> {
    if (actor) requirePermission(actor, 'tokens.manage');
    await db
      .transaction(async (tx) => {
        const [row] = await tx
          .update(apiTokens)
          .set({ revokedAt: clock.now() })
          .where(and(eq(apiTokens.id, id), sql`${apiTokens.revokedAt} IS NULL`))
          .returning();
        if (!row) throw new AppError('TOKEN_NOT_FOUND', 404);
        await events.publish<SessionsRevokedPayload>(tx, {
          type: STAFF_EVENTS.sessionsRevoked,
          payload: { userId: row.createdBy, sessionIds: [] },
          actorId: actor?.userId ?? null,
        });
        await audit.record(tx, auditEntry(actor, 'token.revoked', 'api_token', id, { name: row.name }));
        return row;
      })
      .then((row) => auth.evictUser(row.createdBy));
  }

  return {
    listUsers,
    getUser,
    createUser,
    updateUser,
    setUserStatus,
    resetPassword,
    findUserByUsername,
    listTeamMemberIds,
    listTeams,
    createTeam,
    updateTeam,
    listDepartments,
    createDepartment,
    updateDepartment,
    listBranches,
    createBranch,
    updateBranch,
    listSkills,
    createSkill,
    updateSkill,
    listSkillMembers,
    setSkillLevel,
    listTokens,
    createToken,
    revokeToken,
  };
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export type StaffService = ReturnType<typeof createStaffService>;
