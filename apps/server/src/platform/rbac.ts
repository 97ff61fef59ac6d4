import { AppError } from './errors.ts';
import { defineMessages, type Locale } from './i18n.ts';

export const ROLES = [
  'agent',
  'supervisor',
  'back_office',
  'branch_teller',
  'lobby_manager',
  'knowledge_editor',
  'quality_analyst',
  'workforce_planner',
  'complaints_officer',
  'admin',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

/**
 * How far a permission reaches: `all` rows, the viewer's `team`s, their `branch`, or their
 * `department`. Data queries narrow by this scope in the service layer.
 */
export type Scope = 'all' | 'team' | 'branch' | 'department' | 'self';

export const PERMISSIONS = [
  'staff.read',
  'staff.manage',
  'tokens.manage',
  'audit.read',
  'audit.verify',
  'customers.read',
  'desk.use',
  'supervisor.view',
  'backoffice.work',
  'branch.counter',
  'branch.lobby',
  'knowledge.read',
  'knowledge.edit',
  'knowledge.publish',
  'reports.view',
  'workforce.plan',
  'quality.evaluate',
  'complaints.manage',
  'cases.reassign',
  'cases.admin',
  'cases.create',
  'email.templates',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The permissions matrix; docs/permissions.md is its human-readable twin (kept in step by a test). */
export const MATRIX: Record<Role, Partial<Record<Permission, Scope>>> = {
  agent: { 'desk.use': 'self', 'customers.read': 'all', 'knowledge.read': 'all' },
  supervisor: {
    'desk.use': 'team',
    'supervisor.view': 'team',
    'staff.read': 'team',
    'customers.read': 'all',
    'knowledge.read': 'all',
    'reports.view': 'team',
    'quality.evaluate': 'team',
    'cases.reassign': 'team',
    // The email templates and signatures of the queues their teams own (decision 0011).
    'email.templates': 'team',
  },
  back_office: { 'backoffice.work': 'department', 'knowledge.read': 'all' },
  branch_teller: {
    'branch.counter': 'branch',
    'customers.read': 'all',
    'knowledge.read': 'all',
    // Tellers open cases for the customers they serve (channel branch, their own branch).
    'cases.create': 'branch',
  },
  lobby_manager: { 'branch.lobby': 'branch', 'branch.counter': 'branch', 'knowledge.read': 'all' },
  knowledge_editor: { 'knowledge.read': 'all', 'knowledge.edit': 'all', 'knowledge.publish': 'all' },
  quality_analyst: { 'quality.evaluate': 'all', 'reports.view': 'all', 'knowledge.read': 'all' },
  workforce_planner: { 'workforce.plan': 'all', 'reports.view': 'all', 'staff.read': 'all' },
  complaints_officer: {
    'complaints.manage': 'all',
    'customers.read': 'all',
    'reports.view': 'all',
    'knowledge.read': 'all',
  },
  admin: {
    'staff.read': 'all',
    'staff.manage': 'all',
    'tokens.manage': 'all',
    'audit.read': 'all',
    'cases.admin': 'all',
    'email.templates': 'all',
  },
  auditor: { 'audit.read': 'all', 'audit.verify': 'all', 'staff.read': 'all', 'reports.view': 'all' },
};

/** Scopes an API token may carry: read/integration permissions, never token or staff management. */
export const TOKEN_SCOPES: Permission[] = ['staff.read', 'audit.read', 'customers.read', 'reports.view'];

const SCOPE_RANK: Record<Scope, number> = { self: 0, team: 1, department: 2, branch: 2, all: 3 };

export function permissionsOf(roles: readonly string[]): Map<Permission, Scope> {
  const granted = new Map<Permission, Scope>();
  for (const role of roles) {
    const entries = MATRIX[role as Role];
    if (!entries) continue;
    for (const [permission, scope] of Object.entries(entries) as [Permission, Scope][]) {
      const current = granted.get(permission);
      if (!current || SCOPE_RANK[scope] > SCOPE_RANK[current]) granted.set(permission, scope);
    }
  }
  return granted;
}

/** The authenticated caller, resolved once per request. */
export interface Actor {
  kind: 'staff' | 'token';
  userId: string;
  username: string;
  displayName: string;
  roles: string[];
  permissions: Map<Permission, Scope>;
  teamIds: string[];
  departmentId: string | null;
  branchId: string | null;
  locale: Locale;
  sessionId: string | null;
  tokenId: string | null;
  csrfToken: string | null;
  /** An admin who must enrol MFA first holds no permissions until they do. */
  mfaEnrollmentRequired: boolean;
  ip: string | null;
}

/**
 * An actor that is not a signed-in person: a module acting as the system (a scheduled report, the
 * branch reading calendars) or a bench's stand-in user. Holds exactly `permissions`; no session.
 */
export function serviceActor(init: {
  username: string;
  displayName: string;
  permissions: Map<Permission, Scope>;
  roles?: string[];
  userId?: string;
  branchId?: string | null;
}): Actor {
  return {
    kind: 'staff',
    userId: init.userId ?? SYSTEM_USER_ID,
    username: init.username,
    displayName: init.displayName,
    roles: init.roles ?? [],
    permissions: init.permissions,
    teamIds: [],
    departmentId: null,
    branchId: init.branchId ?? null,
    locale: 'en',
    sessionId: null,
    tokenId: null,
    csrfToken: null,
    mfaEnrollmentRequired: false,
    ip: null,
  };
}

/** The user id system actors act under (no such user row exists). */
export const SYSTEM_USER_ID = '00000000-0000-0000-0000-000000000000';

/** Throws unless the actor holds `permission`; returns the scope it holds it with. */
export function requirePermission(actor: Actor | null, permission: Permission): Scope {
  if (!actor) throw new AppError('AUTH_REQUIRED', 401);
  const scope = actor.permissions.get(permission);
  if (!scope) throw new AppError('AUTH_FORBIDDEN', 403);
  return scope;
}

export function hasPermission(actor: Actor | null, permission: Permission): boolean {
  return !!actor?.permissions.has(permission);
}

export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw new AppError('AUTH_REQUIRED', 401);
  return actor;
}

defineMessages({
  AUTH_REQUIRED: {
    en: 'Please sign in.',
    'zh-CN': '请先登录。',
    vi: 'Vui lòng đăng nhập.',
  },
  AUTH_FORBIDDEN: {
    en: 'You do not have permission to do this.',
    'zh-CN': '您没有执行此操作的权限。',
    vi: 'Bạn không có quyền thực hiện thao tác này.',
  },
});

/** The matrix as a Markdown table (docs/permissions.md embeds it; a test keeps them equal). */
export function renderPermissionsTable(): string {
  const header = `| Permission | ${ROLES.join(' | ')} |`;
  const rule = `| --- | ${ROLES.map(() => ':---:').join(' | ')} |`;
  const rows = PERMISSIONS.map((p) => `| \`${p}\` | ${ROLES.map((r) => MATRIX[r][p] ?? '').join(' | ')} |`);
  return [header, rule, ...rows].join('\n');
}
