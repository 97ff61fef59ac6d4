import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const branches = pgTable('branches', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull().unique('branches_code_key'),
  name: text('name').notNull(),
  city: text('city').notNull(),
  country: text('country').notNull(),
  timeZone: text('time_zone').notNull(),
  isHeadOffice: boolean('is_head_office').notNull().default(false),
  createdAt: createdAt(),
});

export const departments = pgTable('departments', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull().unique('departments_code_key'),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  createdAt: createdAt(),
});

export const teams = pgTable(
  'teams',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    departmentId: uuid('department_id').references(() => departments.id),
    branchId: uuid('branch_id').references(() => branches.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('teams_name_key').on(t.name)],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    email: text('email'),
    passwordHash: text('password_hash').notNull(),
    roles: text('roles').array().notNull().default(sql`'{}'::text[]`),
    departmentId: uuid('department_id').references(() => departments.id),
    branchId: uuid('branch_id').references(() => branches.id),
    locale: text('locale').notNull().default('en'),
    theme: text('theme').notNull().default('auto'),
    status: text('status').notNull().default('active'),
    mfaSecret: text('mfa_secret'),
    mfaPendingSecret: text('mfa_pending_secret'),
    mfaEnabled: boolean('mfa_enabled').notNull().default(false),
    mfaRecoveryHashes: text('mfa_recovery_hashes').array().notNull().default(sql`'{}'::text[]`),
    mfaLastStep: integer('mfa_last_step'),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('users_username_key').on(sql`lower(${t.username})`),
    check('users_status_check', sql`${t.status} IN ('active', 'disabled')`),
  ],
);

export const userTeams = pgTable(
  'user_teams',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.teamId] }), index('user_teams_team_idx').on(t.teamId)],
);

export const skills = pgTable('skills', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull().unique('skills_code_key'),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

export const userSkills = pgTable(
  'user_skills',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    skillId: uuid('skill_id')
      .notNull()
      .references(() => skills.id),
    proficiency: smallint('proficiency').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.skillId] }),
    check('user_skills_proficiency_check', sql`${t.proficiency} BETWEEN 1 AND 5`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique('sessions_token_hash_key'),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const apiTokens = pgTable('api_tokens', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique('api_tokens_token_hash_key'),
  prefix: text('prefix').notNull(),
  scopes: text('scopes').array().notNull(),
  createdBy: uuid('created_by')
    .notNull()
    .references(() => users.id),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

/** Failed sign-ins per client address, for backoff independent of the account tried. */
export const loginThrottle = pgTable('login_throttle', {
  ip: text('ip').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
  blockedUntil: timestamp('blocked_until', { withTimezone: true }),
});
