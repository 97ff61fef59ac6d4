import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** One question of a survey, worded per language. `scale` answers are integers from min to max. */
export interface SurveyQuestion {
  id: string;
  type: 'scale' | 'text';
  min?: number;
  max?: number;
  /** The score question of CSAT / NPS / CES (at most one). */
  isScore?: boolean;
  text: { en: string; 'zh-CN': string; vi: string };
}

/** A survey and when it is sent: after which contacts, how often, never in quiet hours. */
export const surveyDefinitions = pgTable(
  'survey_definitions',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull().unique('survey_definitions_code_key'),
    kind: text('kind').notNull(),
    trigger: text('trigger').notNull(),
    /** Share of eligible contacts invited, 0–1 (decided by the contact id, so a replay decides alike). */
    samplingRate: real('sampling_rate').notNull().default(1),
    /** Local hours [start, end) in `time_zone` when no invitation leaves; it waits until the end. */
    quietStartHour: smallint('quiet_start_hour'),
    quietEndHour: smallint('quiet_end_hour'),
    timeZone: text('time_zone').notNull().default('UTC'),
    /** A customer is invited at most once per this many days (any survey). */
    minDaysBetween: smallint('min_days_between').notNull().default(30),
    linkValidDays: smallint('link_valid_days').notNull().default(7),
    questions: jsonb('questions').$type<SurveyQuestion[]>().notNull(),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('survey_definitions_kind_check', sql`${t.kind} IN ('csat', 'nps', 'ces', 'custom')`),
    check(
      'survey_definitions_trigger_check',
      sql`${t.trigger} IN ('chat_closed', 'case_resolved', 'branch_visit')`,
    ),
  ],
);

/** One invitation: a signed one-time link for a contact, queued in the outbox for e-mail or SMS. */
export const surveyInvitations = pgTable(
  'survey_invitations',
  {
    id: uuid('id').primaryKey(),
    definitionId: uuid('definition_id').notNull(),
    /** The event that triggered it: one invitation per event, whatever the retries. */
    sourceEventId: uuid('source_event_id').notNull(),
    conversationId: uuid('conversation_id'),
    caseId: uuid('case_id'),
    ticketId: uuid('ticket_id'),
    customerId: uuid('customer_id'),
    agentId: uuid('agent_id'),
    queueId: uuid('queue_id'),
    branchId: uuid('branch_id'),
    language: text('language').notNull(),
    sendAt: timestamp('send_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('survey_invitations_source_key').on(t.definitionId, t.sourceEventId),
    index('survey_invitations_customer_idx').on(t.customerId, t.createdAt),
  ],
);

export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: uuid('id').primaryKey(),
    invitationId: uuid('invitation_id').notNull().unique('survey_responses_invitation_key'),
    definitionId: uuid('definition_id').notNull(),
    kind: text('kind').notNull(),
    /** Where it was answered: `link` (e-mail/SMS), `widget` (after a chat), `branch_pad` (after a visit). */
    source: text('source').notNull().default('link'),
    score: integer('score'),
    /** Answers by question id; free text already masked for card numbers. */
    answers: jsonb('answers').$type<Record<string, number | string>>().notNull(),
    language: text('language').notNull(),
    conversationId: uuid('conversation_id'),
    caseId: uuid('case_id'),
    customerId: uuid('customer_id'),
    agentId: uuid('agent_id'),
    queueId: uuid('queue_id'),
    branchId: uuid('branch_id'),
    ticketId: uuid('ticket_id'),
    serviceId: uuid('service_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('survey_responses_created_idx').on(t.createdAt),
    index('survey_responses_definition_idx').on(t.definitionId, t.createdAt),
  ],
);
