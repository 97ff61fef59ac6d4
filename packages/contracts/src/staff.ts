import { type Static, Type } from 'typebox';
import { IsoDateTime, Locale, Nullable, Uuid } from './common.ts';

const strict = { additionalProperties: false } as const;

export const RoleName = Type.Union([
  Type.Literal('agent'),
  Type.Literal('supervisor'),
  Type.Literal('back_office'),
  Type.Literal('branch_teller'),
  Type.Literal('lobby_manager'),
  Type.Literal('knowledge_editor'),
  Type.Literal('quality_analyst'),
  Type.Literal('workforce_planner'),
  Type.Literal('complaints_officer'),
  Type.Literal('admin'),
  Type.Literal('auditor'),
]);
export const Theme = Type.Union([Type.Literal('light'), Type.Literal('dark'), Type.Literal('auto')]);
export const Username = Type.String({ minLength: 3, maxLength: 64, pattern: '^[A-Za-z0-9._-]+$' });
export const Password = Type.String({ minLength: 10, maxLength: 200 });

export const NamedRef = Type.Object({ id: Uuid, name: Type.String() });

export const Me = Type.Object({
  id: Uuid,
  username: Type.String(),
  displayName: Type.String(),
  email: Nullable(Type.String()),
  locale: Locale,
  theme: Theme,
  roles: Type.Array(Type.String()),
  permissions: Type.Array(Type.String()),
  /** Each permission's reach: `all` (the whole bank), `team`, `branch`, `own`… */
  permissionScopes: Type.Record(Type.String(), Type.String()),
  teams: Type.Array(NamedRef),
  department: Nullable(NamedRef),
  branch: Nullable(NamedRef),
  mfaEnabled: Type.Boolean(),
  mfaEnrollmentRequired: Type.Boolean(),
  csrfToken: Type.String(),
});
export type Me = Static<typeof Me>;

/** `GET /auth/session`: who is signed in, if anyone (200 either way, for the web app's start). */
export const SessionState = Type.Object({ me: Nullable(Me) });
export type SessionState = Static<typeof SessionState>;

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
    totp: Type.Optional(Type.String({ minLength: 6, maxLength: 20 })),
  },
  strict,
);
export type LoginBody = Static<typeof LoginBody>;

export const LoginReply = Type.Object({ user: Me, csrfToken: Type.String() });

export const PreferencesBody = Type.Object(
  { locale: Type.Optional(Locale), theme: Type.Optional(Theme) },
  { ...strict, minProperties: 1 },
);
export type PreferencesBody = Static<typeof PreferencesBody>;

export const ChangePasswordBody = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: 200 }), newPassword: Password },
  strict,
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

export const SessionItem = Type.Object({
  id: Uuid,
  createdAt: IsoDateTime,
  lastSeenAt: IsoDateTime,
  ip: Nullable(Type.String()),
  userAgent: Nullable(Type.String()),
  current: Type.Boolean(),
});
export const SessionList = Type.Object({ items: Type.Array(SessionItem) });

export const MfaEnrollReply = Type.Object({
  secret: Type.String(),
  otpauthUrl: Type.String(),
  qrDataUrl: Type.String(),
});
export const MfaCodeBody = Type.Object({ code: Type.String({ minLength: 6, maxLength: 20 }) }, strict);
export type MfaCodeBody = Static<typeof MfaCodeBody>;
export const MfaVerifyReply = Type.Object({ recoveryCodes: Type.Array(Type.String()) });

export const UserSkill = Type.Object(
  { skillId: Uuid, proficiency: Type.Integer({ minimum: 1, maximum: 5 }) },
  strict,
);

export const User = Type.Object({
  id: Uuid,
  username: Type.String(),
  displayName: Type.String(),
  email: Nullable(Type.String()),
  roles: Type.Array(Type.String()),
  teamIds: Type.Array(Uuid),
  departmentId: Nullable(Uuid),
  branchId: Nullable(Uuid),
  skills: Type.Array(UserSkill),
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
  locale: Locale,
  mfaEnabled: Type.Boolean(),
  lastLoginAt: Nullable(IsoDateTime),
  createdAt: IsoDateTime,
  version: Type.Integer(),
});
export type User = Static<typeof User>;

export const UserListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    role: Type.Optional(RoleName),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
    teamId: Type.Optional(Uuid),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  strict,
);
export type UserListQuery = Static<typeof UserListQuery>;
export const UserList = Type.Object({ items: Type.Array(User), total: Type.Integer() });

const Email = Type.String({ format: 'email', maxLength: 200 });
const DisplayName = Type.String({ minLength: 1, maxLength: 120 });

export const CreateUser = Type.Object(
  {
    username: Username,
    displayName: DisplayName,
    email: Type.Optional(Nullable(Email)),
    password: Password,
    roles: Type.Array(RoleName, { minItems: 1, uniqueItems: true }),
    teamIds: Type.Optional(Type.Array(Uuid, { uniqueItems: true })),
    departmentId: Type.Optional(Nullable(Uuid)),
    branchId: Type.Optional(Nullable(Uuid)),
    locale: Type.Optional(Locale),
    skills: Type.Optional(Type.Array(UserSkill)),
  },
  strict,
);
export type CreateUser = Static<typeof CreateUser>;

export const UpdateUser = Type.Object(
  {
    displayName: Type.Optional(DisplayName),
    email: Type.Optional(Nullable(Email)),
    roles: Type.Optional(Type.Array(RoleName, { minItems: 1, uniqueItems: true })),
    teamIds: Type.Optional(Type.Array(Uuid, { uniqueItems: true })),
    departmentId: Type.Optional(Nullable(Uuid)),
    branchId: Type.Optional(Nullable(Uuid)),
    skills: Type.Optional(Type.Array(UserSkill)),
    locale: Type.Optional(Locale),
    version: Type.Integer({ minimum: 1 }),
  },
  strict,
);
export type UpdateUser = Static<typeof UpdateUser>;

export const ResetPasswordBody = Type.Object({ password: Password }, strict);
export type ResetPasswordBody = Static<typeof ResetPasswordBody>;

export const Team = Type.Object({
  id: Uuid,
  name: Type.String(),
  departmentId: Nullable(Uuid),
  branchId: Nullable(Uuid),
});
export const TeamBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    departmentId: Type.Optional(Nullable(Uuid)),
    branchId: Type.Optional(Nullable(Uuid)),
  },
  strict,
);
export type TeamBody = Static<typeof TeamBody>;
export const TeamPatch = Type.Partial(TeamBody, strict);
export type TeamPatch = Static<typeof TeamPatch>;

export const DepartmentKind = Type.Union([
  Type.Literal('front_office'),
  Type.Literal('back_office'),
  Type.Literal('branch_network'),
  Type.Literal('management'),
]);
export const Department = Type.Object({
  id: Uuid,
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
});
const Code = Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9_-]+$' });
export const DepartmentBody = Type.Object(
  { code: Code, name: Type.String({ minLength: 1, maxLength: 120 }), kind: DepartmentKind },
  strict,
);
export type DepartmentBody = Static<typeof DepartmentBody>;
export const DepartmentPatch = Type.Partial(DepartmentBody, strict);
export type DepartmentPatch = Static<typeof DepartmentPatch>;

export const Country = Type.Union([Type.Literal('VN'), Type.Literal('CN')]);
export const Branch = Type.Object({
  id: Uuid,
  code: Type.String(),
  name: Type.String(),
  city: Type.String(),
  country: Type.String(),
  timeZone: Type.String(),
  isHeadOffice: Type.Boolean(),
});
export const BranchBody = Type.Object(
  {
    code: Code,
    name: Type.String({ minLength: 1, maxLength: 120 }),
    city: Type.String({ minLength: 1, maxLength: 80 }),
    country: Country,
    timeZone: Type.String({ minLength: 1, maxLength: 64 }),
    isHeadOffice: Type.Optional(Type.Boolean()),
  },
  strict,
);
export type BranchBody = Static<typeof BranchBody>;
export const BranchPatch = Type.Partial(BranchBody, strict);
export type BranchPatch = Static<typeof BranchPatch>;

export const Skill = Type.Object({
  id: Uuid,
  code: Type.String(),
  name: Type.String(),
  /** Users holding the skill at any level. */
  memberCount: Type.Integer(),
});
export const SkillBody = Type.Object(
  { code: Code, name: Type.String({ minLength: 1, maxLength: 120 }) },
  strict,
);
export type SkillBody = Static<typeof SkillBody>;
export const SkillPatch = Type.Partial(SkillBody, { ...strict, minProperties: 1 });
export type SkillPatch = Static<typeof SkillPatch>;
export const SkillMember = Type.Object({
  userId: Uuid,
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(Type.String()),
  status: Type.String(),
  proficiency: Type.Integer(),
});
export const SkillMemberList = Type.Object({ items: Type.Array(SkillMember) });
export const SkillMemberParams = Type.Object({ id: Uuid, userId: Uuid }, strict);
export const SkillLevelBody = Type.Object({ proficiency: Type.Integer({ minimum: 1, maximum: 5 }) }, strict);
export type SkillLevelBody = Static<typeof SkillLevelBody>;

export const ApiToken = Type.Object({
  id: Uuid,
  name: Type.String(),
  prefix: Type.String(),
  scopes: Type.Array(Type.String()),
  createdAt: IsoDateTime,
  expiresAt: IsoDateTime,
  lastUsedAt: Nullable(IsoDateTime),
  revokedAt: Nullable(IsoDateTime),
  createdBy: Uuid,
});
export const CreateApiToken = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    scopes: Type.Array(Type.String(), { minItems: 1, uniqueItems: true }),
    expiresAt: IsoDateTime,
  },
  strict,
);
export type CreateApiToken = Static<typeof CreateApiToken>;
export const CreatedApiToken = Type.Object({ token: Type.String(), item: ApiToken });

export const RolesReply = Type.Object({
  roles: Type.Array(Type.Object({ name: Type.String(), permissions: Type.Array(Type.String()) })),
  permissions: Type.Array(Type.String()),
  tokenScopes: Type.Array(Type.String()),
});

export const AuditItem = Type.Object({
  id: Uuid,
  seq: Type.Integer(),
  at: IsoDateTime,
  actorId: Nullable(Type.String()),
  actorName: Nullable(Type.String()),
  action: Type.String(),
  targetType: Nullable(Type.String()),
  targetId: Nullable(Type.String()),
  ip: Nullable(Type.String()),
  details: Type.Record(Type.String(), Type.Unknown()),
});
export const AuditQuery = Type.Object(
  {
    action: Type.Optional(Type.String({ maxLength: 100 })),
    actorId: Type.Optional(Uuid),
    from: Type.Optional(IsoDateTime),
    to: Type.Optional(IsoDateTime),
    before: Type.Optional(Type.Integer({ minimum: 1 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  },
  strict,
);
export type AuditQuery = Static<typeof AuditQuery>;
export const AuditList = Type.Object({ items: Type.Array(AuditItem), nextBefore: Nullable(Type.Integer()) });
export const AuditVerifyReply = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  brokenAtSeq: Nullable(Type.Integer()),
  reason: Nullable(Type.String()),
});
