import { Type } from 'typebox';
import { ErrorEnvelope, ErrorResponses, IdParams } from '#contracts/common.ts';
import {
  ApiToken,
  Branch,
  BranchBody,
  BranchPatch,
  ChangePasswordBody,
  CreateApiToken,
  CreatedApiToken,
  CreateUser,
  Department,
  DepartmentBody,
  DepartmentPatch,
  LoginBody,
  LoginReply,
  Me,
  MfaCodeBody,
  MfaEnrollReply,
  MfaVerifyReply,
  PreferencesBody,
  ResetPasswordBody,
  RolesReply,
  SessionList,
  SessionState,
  Skill,
  SkillBody,
  SkillLevelBody,
  SkillMemberList,
  SkillMemberParams,
  SkillPatch,
  Team,
  TeamBody,
  TeamPatch,
  UpdateUser,
  User,
  UserList,
  UserListQuery,
} from '#contracts/staff.ts';
import type { App } from '../../platform/http.ts';
import { MATRIX, PERMISSIONS, requireActor, TOKEN_SCOPES } from '../../platform/rbac.ts';
import { SESSION_COOKIE, type StaffAuth } from './staff.auth.ts';
import type { StaffService } from './staff.service.ts';

const errors = ErrorResponses;
const items = <T extends Parameters<typeof Type.Array>[0]>(schema: T) =>
  Type.Object({ items: Type.Array(schema) });

/** Sign-in, the signed-in user's own account, and staff administration. */
export function staffRoutes(deps: {
  auth: StaffAuth;
  staff: StaffService;
  secureCookies: boolean;
  sessionTtlHours: number;
}) {
  const { auth, staff } = deps;
  return async (app: App) => {
    app.post(
      '/auth/login',
      {
        schema: {
          tags: ['auth'],
          body: LoginBody,
          response: { 200: LoginReply, 423: ErrorEnvelope, 429: ErrorEnvelope, ...errors },
        },
      },
      async (request, reply) => {
        const result = await auth.login({
          ...request.body,
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
        });
        reply.setCookie(SESSION_COOKIE, result.sessionToken, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: deps.secureCookies,
          maxAge: deps.sessionTtlHours * 3600,
        });
        return { user: result.profile, csrfToken: result.csrfToken };
      },
    );

    app.post(
      '/auth/logout',
      { schema: { tags: ['auth'], response: { 204: Type.Null(), ...errors } } },
      async (request, reply) => {
        if (request.actor) await auth.logout(request.actor);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.code(204).send(null);
      },
    );

    app.get('/me', { schema: { tags: ['me'], response: { 200: Me, ...errors } } }, async (request) =>
      auth.getProfile(requireActor(request.actor)),
    );

    // The web app asks this on start: signed out is an answer, not an error (no 401 in the console).
    app.get(
      '/auth/session',
      { schema: { tags: ['auth'], response: { 200: SessionState, ...errors } } },
      async (request) => ({ me: request.actor ? await auth.getProfile(request.actor) : null }),
    );

    app.patch(
      '/me/preferences',
      { schema: { tags: ['me'], body: PreferencesBody, response: { 200: Me, ...errors } } },
      async (request) => auth.updatePreferences(requireActor(request.actor), request.body),
    );

    app.post(
      '/me/password',
      { schema: { tags: ['me'], body: ChangePasswordBody, response: { 204: Type.Null(), ...errors } } },
      async (request, reply) => {
        await auth.changePassword(requireActor(request.actor), request.body);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/me/sessions',
      { schema: { tags: ['me'], response: { 200: SessionList, ...errors } } },
      async (request) => ({
        items: await auth.listMySessions(requireActor(request.actor)),
      }),
    );

    app.delete(
      '/me/sessions/:id',
      { schema: { tags: ['me'], params: IdParams, response: { 204: Type.Null(), ...errors } } },
      async (request, reply) => {
        await auth.revokeMySession(requireActor(request.actor), request.params.id);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/me/mfa/enroll',
      { schema: { tags: ['me'], response: { 200: MfaEnrollReply, ...errors } } },
      async (request) => auth.enrollMfa(requireActor(request.actor)),
    );
    app.post(
      '/me/mfa/verify',
      { schema: { tags: ['me'], body: MfaCodeBody, response: { 200: MfaVerifyReply, ...errors } } },
      async (request) => auth.verifyMfa(requireActor(request.actor), request.body.code),
    );
    app.post(
      '/me/mfa/disable',
      { schema: { tags: ['me'], body: MfaCodeBody, response: { 204: Type.Null(), ...errors } } },
      async (request, reply) => {
        await auth.disableMfa(requireActor(request.actor), request.body.code);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/meta/roles',
      { schema: { tags: ['meta'], response: { 200: RolesReply, ...errors } } },
      async (request) => {
        requireActor(request.actor);
        return {
          roles: Object.entries(MATRIX).map(([name, perms]) => ({ name, permissions: Object.keys(perms) })),
          permissions: [...PERMISSIONS],
          tokenScopes: [...TOKEN_SCOPES],
        };
      },
    );

    // ---- administration ----
    app.get(
      '/admin/users',
      { schema: { tags: ['admin'], querystring: UserListQuery, response: { 200: UserList, ...errors } } },
      async (request) => staff.listUsers(requireActor(request.actor), request.query),
    );
    app.post(
      '/admin/users',
      { schema: { tags: ['admin'], body: CreateUser, response: { 201: User, ...errors } } },
      async (request, reply) =>
        reply.code(201).send(await staff.createUser(requireActor(request.actor), request.body)),
    );
    app.get(
      '/admin/users/:id',
      { schema: { tags: ['admin'], params: IdParams, response: { 200: User, ...errors } } },
      async (request) => staff.getUser(requireActor(request.actor), request.params.id),
    );
    app.patch(
      '/admin/users/:id',
      { schema: { tags: ['admin'], params: IdParams, body: UpdateUser, response: { 200: User, ...errors } } },
      async (request) => staff.updateUser(requireActor(request.actor), request.params.id, request.body),
    );
    app.post(
      '/admin/users/:id/disable',
      { schema: { tags: ['admin'], params: IdParams, response: { 200: User, ...errors } } },
      async (request) => staff.setUserStatus(requireActor(request.actor), request.params.id, 'disabled'),
    );
    app.post(
      '/admin/users/:id/enable',
      { schema: { tags: ['admin'], params: IdParams, response: { 200: User, ...errors } } },
      async (request) => staff.setUserStatus(requireActor(request.actor), request.params.id, 'active'),
    );
    app.post(
      '/admin/users/:id/reset-password',
      {
        schema: {
          tags: ['admin'],
          params: IdParams,
          body: ResetPasswordBody,
          response: { 204: Type.Null(), ...errors },
        },
      },
      async (request, reply) => {
        await staff.resetPassword(requireActor(request.actor), request.params.id, request.body.password);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/admin/teams',
      { schema: { tags: ['admin'], response: { 200: items(Team), ...errors } } },
      async (request) => ({
        items: await staff.listTeams(requireActor(request.actor)),
      }),
    );
    app.post(
      '/admin/teams',
      { schema: { tags: ['admin'], body: TeamBody, response: { 201: Team, ...errors } } },
      async (request, reply) =>
        reply.code(201).send(await staff.createTeam(requireActor(request.actor), request.body)),
    );
    app.patch(
      '/admin/teams/:id',
      { schema: { tags: ['admin'], params: IdParams, body: TeamPatch, response: { 200: Team, ...errors } } },
      async (request) => staff.updateTeam(requireActor(request.actor), request.params.id, request.body),
    );

    app.get(
      '/admin/departments',
      { schema: { tags: ['admin'], response: { 200: items(Department), ...errors } } },
      async (request) => ({
        items: await staff.listDepartments(requireActor(request.actor)),
      }),
    );
    app.post(
      '/admin/departments',
      { schema: { tags: ['admin'], body: DepartmentBody, response: { 201: Department, ...errors } } },
      async (request, reply) =>
        reply.code(201).send(await staff.createDepartment(requireActor(request.actor), request.body)),
    );
    app.patch(
      '/admin/departments/:id',
      {
        schema: {
          tags: ['admin'],
          params: IdParams,
          body: DepartmentPatch,
          response: { 200: Department, ...errors },
        },
      },
      async (request) => staff.updateDepartment(requireActor(request.actor), request.params.id, request.body),
    );

    app.get(
      '/admin/branches',
      { schema: { tags: ['admin'], response: { 200: items(Branch), ...errors } } },
      async (request) => ({
        items: await staff.listBranches(requireActor(request.actor)),
      }),
    );
    app.post(
      '/admin/branches',
      { schema: { tags: ['admin'], body: BranchBody, response: { 201: Branch, ...errors } } },
      async (request, reply) =>
        reply.code(201).send(await staff.createBranch(requireActor(request.actor), request.body)),
    );
    app.patch(
      '/admin/branches/:id',
      {
        schema: {
          tags: ['admin'],
          params: IdParams,
          body: BranchPatch,
          response: { 200: Branch, ...errors },
        },
      },
      async (request) => staff.updateBranch(requireActor(request.actor), request.params.id, request.body),
    );

    app.get(
      '/admin/skills',
      { schema: { tags: ['admin'], response: { 200: items(Skill), ...errors } } },
      async (request) => ({
        items: await staff.listSkills(requireActor(request.actor)),
      }),
    );
    app.post(
      '/admin/skills',
      { schema: { tags: ['admin'], body: SkillBody, response: { 201: Skill, ...errors } } },
      async (request, reply) =>
        reply.code(201).send(await staff.createSkill(requireActor(request.actor), request.body)),
    );
    app.patch(
      '/admin/skills/:id',
      {
        schema: { tags: ['admin'], params: IdParams, body: SkillPatch, response: { 200: Skill, ...errors } },
      },
      async (request) => staff.updateSkill(requireActor(request.actor), request.params.id, request.body),
    );
    app.get(
      '/admin/skills/:id/members',
      { schema: { tags: ['admin'], params: IdParams, response: { 200: SkillMemberList, ...errors } } },
      async (request) => ({
        items: await staff.listSkillMembers(requireActor(request.actor), request.params.id),
      }),
    );
    app.put(
      '/admin/skills/:id/members/:userId',
      {
        schema: {
          tags: ['admin'],
          params: SkillMemberParams,
          body: SkillLevelBody,
          response: { 204: Type.Null(), ...errors },
        },
      },
      async (request, reply) => {
        const { id, userId } = request.params;
        await staff.setSkillLevel(requireActor(request.actor), id, userId, request.body.proficiency);
        return reply.code(204).send(null);
      },
    );
    app.delete(
      '/admin/skills/:id/members/:userId',
      { schema: { tags: ['admin'], params: SkillMemberParams, response: { 204: Type.Null(), ...errors } } },
      async (request, reply) => {
        const { id, userId } = request.params;
        await staff.setSkillLevel(requireActor(request.actor), id, userId, null);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/admin/tokens',
      { schema: { tags: ['admin'], response: { 200: items(ApiToken), ...errors } } },
      async (request) => ({
        items: await staff.listTokens(requireActor(request.actor)),
      }),
    );
    app.post(
      '/admin/tokens',
      { schema: { tags: ['admin'], body: CreateApiToken, response: { 201: CreatedApiToken, ...errors } } },
      async (request, reply) =>
        reply.code(201).send(
          await staff.createToken(requireActor(request.actor), {
            ...request.body,
            expiresAt: new Date(request.body.expiresAt),
          }),
        ),
    );
    app.delete(
      '/admin/tokens/:id',
      { schema: { tags: ['admin'], params: IdParams, response: { 204: Type.Null(), ...errors } } },
      async (request, reply) => {
        await staff.revokeToken(requireActor(request.actor), request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
