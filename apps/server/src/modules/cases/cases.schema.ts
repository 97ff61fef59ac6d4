import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { CalendarDay, MakeUpDay, WeeklyHours } from './cases.business-time.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const CASE_TYPES = [
  'inquiry',
  'service_request',
  'complaint',
  'incident',
  'internal_request',
] as const;
export type CaseType = (typeof CASE_TYPES)[number];
export const CASE_STATUSES = [
  'new',
  'in_progress',
  'waiting_customer',
  'waiting_back_office',
  'resolved',
  'closed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type CasePriority = (typeof CASE_PRIORITIES)[number];

/**
 * One counter row per year: the number is taken with an UPSERT in the creating transaction, so the
 * row lock serialises creators and a rolled-back case gives its number back (no gaps).
 */
export const caseNumberCounters = pgTable('case_number_counters', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull(),
});

export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey(),
    number: text('number').notNull(),
    type: text('type').notNull(),
    status: text('status').notNull().default('new'),
    priority: text('priority').notNull().default('normal'),
    subject: text('subject').notNull(),
    description: text('description').notNull().default(''),
    /** The contact reason (contact_reasons) the case is about. */
    categoryId: uuid('category_id'),
    product: text('product'),
    customerId: uuid('customer_id'),
    /** The customer's language when the case was opened: letters and notifications use it. */
    language: text('language').notNull().default('en'),
    channel: text('channel'),
    /** The branch whose country decides a complaint's regulatory profile. */
    branchId: uuid('branch_id'),
    ownerId: uuid('owner_id').notNull(),
    firstOwnerId: uuid('first_owner_id').notNull(),
    previousOwnerId: uuid('previous_owner_id'),
    /** The owner's team when the case was opened ("team cases" for supervisors). */
    teamId: uuid('team_id'),
    customFields: jsonb('custom_fields').$type<Record<string, unknown>>().notNull().default({}),
    /** Free labels a supervisor adds in bulk (e.g. `fee-incident-march`). */
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    resolution: text('resolution'),
    rootCause: text('root_cause'),
    slaPolicyId: uuid('sla_policy_id'),
    regulatoryProfile: text('regulatory_profile'),
    regulatoryDueAt: ts('regulatory_due_at'),
    extensionReason: text('extension_reason'),
    extensionApproverId: uuid('extension_approver_id'),
    version: integer('version').notNull().default(1),
    reopenCount: integer('reopen_count').notNull().default(0),
    createdById: uuid('created_by_id').notNull(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    firstResponseAt: ts('first_response_at'),
    resolvedAt: ts('resolved_at'),
    closedAt: ts('closed_at'),
  },
  (t) => [
    uniqueIndex('cases_number_key').on(t.number),
    index('cases_owner_idx').on(t.ownerId, t.updatedAt),
    index('cases_team_idx').on(t.teamId, t.updatedAt),
    index('cases_customer_idx').on(t.customerId, t.createdAt),
    index('cases_open_complaints_due_idx')
      .on(t.regulatoryDueAt)
      .where(sql`${t.type} = 'complaint' AND ${t.status} NOT IN ('resolved', 'closed')`),
    index('cases_complaints_created_idx').on(t.createdAt).where(sql`${t.type} = 'complaint'`),
    check(
      'cases_type_check',
      sql`${t.type} IN ('inquiry', 'service_request', 'complaint', 'incident', 'internal_request')`,
    ),
    check(
      'cases_status_check',
      sql`${t.status} IN ('new', 'in_progress', 'waiting_customer', 'waiting_back_office', 'resolved', 'closed')`,
    ),
    check('cases_priority_check', sql`${t.priority} IN ('low', 'normal', 'high', 'urgent')`),
    check('cases_language_check', sql`${t.language} IN ('en', 'zh-CN', 'vi')`),
  ],
);

/** Conversations (any channel) the case came from or that discussed it. */
export const caseConversations = pgTable(
  'case_conversations',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    conversationId: uuid('conversation_id').notNull(),
    linkedAt: ts('linked_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.conversationId] }),
    index('case_conversations_conv_idx').on(t.conversationId),
  ],
);

/** Every change to a case: who, when, what (`details` holds before/after values). */
export const caseTimeline = pgTable(
  'case_timeline',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    at: ts('at').notNull(),
    actorId: uuid('actor_id'),
    kind: text('kind').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('case_timeline_case_idx').on(t.caseId, t.at)],
);

/** Notes on a case: `customer` ones are shown on the customer's status page, `internal` never. */
export const caseNotes = pgTable(
  'case_notes',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    authorId: uuid('author_id'),
    visibility: text('visibility').notNull(),
    body: text('body').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    index('case_notes_case_idx').on(t.caseId, t.createdAt),
    check('case_notes_visibility_check', sql`${t.visibility} IN ('internal', 'customer')`),
  ],
);

/** Admin-defined custom fields per case type. */
export const caseFieldDefinitions = pgTable(
  'case_field_definitions',
  {
    id: uuid('id').primaryKey(),
    caseType: text('case_type').notNull(),
    key: text('key').notNull(),
    labels: jsonb('labels').$type<Record<string, string>>().notNull(),
    kind: text('kind').notNull(),
    options: jsonb('options').$type<string[]>().notNull().default([]),
    isRequired: boolean('is_required').notNull().default(false),
    sort: integer('sort').notNull().default(0),
    /** False once deleted while cases hold a value: hidden from new cases, kept on old ones. */
    isActive: boolean('is_active').notNull().default(true),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('case_field_definitions_key').on(t.caseType, t.key),
    check(
      'case_field_definitions_kind_check',
      sql`${t.kind} IN ('text', 'number', 'date', 'select', 'money')`,
    ),
  ],
);

/** Work the owner hands to a back-office department; the case stays with its owner. */
export const caseTasks = pgTable(
  'case_tasks',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    departmentId: uuid('department_id').notNull(),
    title: text('title').notNull(),
    instructions: text('instructions').notNull().default(''),
    status: text('status').notNull().default('open'),
    assigneeId: uuid('assignee_id'),
    dueAt: ts('due_at'),
    outcome: text('outcome'),
    createdById: uuid('created_by_id').notNull(),
    createdAt: ts('created_at').notNull(),
    pickedAt: ts('picked_at'),
    completedAt: ts('completed_at'),
  },
  (t) => [
    index('case_tasks_case_idx').on(t.caseId),
    index('case_tasks_queue_idx').on(t.departmentId, t.dueAt).where(sql`${t.status} = 'open'`),
    index('case_tasks_assignee_idx').on(t.assigneeId).where(sql`${t.status} = 'in_progress'`),
    check('case_tasks_status_check', sql`${t.status} IN ('open', 'in_progress', 'done', 'cancelled')`),
  ],
);

/** The thread between the case owner and the back office on one task. */
export const caseTaskMessages = pgTable(
  'case_task_messages',
  {
    id: uuid('id').primaryKey(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => caseTasks.id),
    authorId: uuid('author_id').notNull(),
    body: text('body').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('case_task_messages_task_idx').on(t.taskId, t.createdAt)],
);

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * Files on a case or on one of its tasks (`task_id`): type sniffed from the bytes (images, PDF),
 * size-limited, stored in PostgreSQL like conversation attachments; downloads are audited.
 */
export const caseAttachments = pgTable(
  'case_attachments',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    taskId: uuid('task_id'),
    uploaderId: uuid('uploader_id').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    data: bytea('data').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    index('case_attachments_case_idx').on(t.caseId, t.createdAt),
    check(
      'case_attachments_type_check',
      sql`${t.contentType} IN ('image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf')`,
    ),
  ],
);

/** A user's saved list: which list (mine / team / complaints), its filters and sort. Private to the user. */
export const caseSavedViews = pgTable(
  'case_saved_views',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id').notNull(),
    name: text('name').notNull(),
    view: text('view').notNull(),
    filters: jsonb('filters').$type<Record<string, unknown>>().notNull().default({}),
    sort: text('sort').notNull().default('updated'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [uniqueIndex('case_saved_views_user_name_key').on(t.userId, t.name)],
);

/** Business calendars for SLA clocks; the seeded CN/VN ones live in code until an admin stores one. */
export const caseCalendars = pgTable('case_calendars', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  timeZone: text('time_zone').notNull(),
  weekly: jsonb('weekly').$type<WeeklyHours>().notNull(),
  holidays: jsonb('holidays').$type<CalendarDay[]>().notNull().default([]),
  makeUpDays: jsonb('make_up_days').$type<MakeUpDay[]>().notNull().default([]),
  updatedAt: ts('updated_at').notNull(),
});

export interface EscalationStep {
  /** Percent of the budget at which this step fires: 50, 80, 100. */
  atPercent: number;
  notify: 'owner' | 'team_lead' | 'department_head';
}

/** SLA targets by type, priority and segment (null = any); the most specific match wins. */
export const caseSlaPolicies = pgTable('case_sla_policies', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  caseType: text('case_type'),
  priority: text('priority'),
  segment: text('segment'),
  calendarCode: text('calendar_code').notNull(),
  firstResponseMinutes: integer('first_response_minutes'),
  nextUpdateMinutes: integer('next_update_minutes'),
  resolutionMinutes: integer('resolution_minutes'),
  pauseWhileWaitingCustomer: boolean('pause_while_waiting_customer').notNull().default(true),
  escalation: jsonb('escalation')
    .$type<EscalationStep[]>()
    .notNull()
    .default([
      { atPercent: 50, notify: 'owner' },
      { atPercent: 80, notify: 'team_lead' },
      { atPercent: 100, notify: 'department_head' },
    ]),
  /** False once deleted while cases use it: new cases no longer get it, running clocks keep theirs. */
  isActive: boolean('is_active').notNull().default(true),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull(),
});

/**
 * One running SLA clock. `next_fire_at` is the next threshold (50 %, 80 %, 100 %) not yet fired;
 * the scanner takes due rows with SKIP LOCKED and moves `stage` on in the transaction that publishes
 * the event, so each threshold fires once however many scanners run.
 */
export const caseSlaClocks = pgTable(
  'case_sla_clocks',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    kind: text('kind').notNull(),
    calendarCode: text('calendar_code').notNull(),
    budgetMinutes: integer('budget_minutes').notNull(),
    startedAt: ts('started_at').notNull(),
    /** Business minutes already used before the current running stretch (pauses add nothing). */
    usedMinutes: integer('used_minutes').notNull().default(0),
    /** When the current running stretch started; null while paused or stopped. */
    runningSince: ts('running_since'),
    dueAt: ts('due_at'),
    /** 0 = nothing fired, 1 = 50 % warned, 2 = 80 % warned, 3 = breached. */
    stage: smallint('stage').notNull().default(0),
    nextFireAt: ts('next_fire_at'),
    /**
     * Instants of the 50 %, 80 % and 100 % thresholds of the current running stretch, computed on the
     * business calendar when the clock starts or resumes (null while paused or stopped): firing moves
     * `next_fire_at` to the next element in SQL, with no calendar arithmetic on the hot path.
     */
    thresholdsAt: timestamp('thresholds_at', { withTimezone: true }).array(),
    stoppedAt: ts('stopped_at'),
    metAt: ts('met_at'),
  },
  (t) => [
    uniqueIndex('case_sla_clocks_case_kind_key').on(t.caseId, t.kind),
    index('case_sla_clocks_due_idx').on(t.nextFireAt).where(sql`${t.nextFireAt} IS NOT NULL`),
    check('case_sla_clocks_kind_check', sql`${t.kind} IN ('first_response', 'next_update', 'resolution')`),
  ],
);
