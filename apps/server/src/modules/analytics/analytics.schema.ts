import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * One narrow row per contact, built from conversation events by analytics.facts.ts. `last_position`
 * is the outbox position of the last event applied: an event at or below it is a replay and changes
 * nothing, so the listener is idempotent and `banyan analytics rebuild` gives the same rows.
 * Read by time range first: BRIN on `offered_at` (rows arrive in time order), B-trees for the
 * common filters with the time second.
 */
export const contactFacts = pgTable(
  'analytics_contact_facts',
  {
    conversationId: uuid('conversation_id').primaryKey(),
    channel: text('channel').notNull(),
    queueId: uuid('queue_id'),
    /** The agent who had the contact last (who closed it). */
    agentId: uuid('agent_id'),
    /** The agent who answered it first. */
    firstAgentId: uuid('first_agent_id'),
    customerId: uuid('customer_id'),
    reasonId: uuid('reason_id'),
    offeredAt: timestamp('offered_at', { withTimezone: true }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    abandonedAt: timestamp('abandoned_at', { withTimezone: true }),
    wrappedAt: timestamp('wrapped_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** Seconds from entering the queue to answer or abandon. */
    waitSeconds: integer('wait_seconds'),
    /** Seconds from answer to close: chat + hold + wrap-up (metrics.md § AHT). */
    handleSeconds: integer('handle_seconds'),
    transfers: smallint('transfers').notNull().default(0),
    rating: smallint('rating'),
    lastPosition: bigint('last_position', { mode: 'number' }).notNull(),
  },
  (t) => [
    index('analytics_contact_facts_offered_brin').using('brin', t.offeredAt),
    index('analytics_contact_facts_queue_offered_idx').on(t.queueId, t.offeredAt),
    index('analytics_contact_facts_agent_offered_idx').on(t.agentId, t.offeredAt),
    index('analytics_contact_facts_reason_offered_idx').on(t.reasonId, t.offeredAt),
  ],
);

/**
 * One row per agent stint on a contact (a transfer starts a new one), so handle time splits between
 * the agents who had the contact (metrics.md § AHT). Keyed by the event that started it.
 */
export const handleSegments = pgTable(
  'analytics_handle_segments',
  {
    eventId: uuid('event_id').primaryKey(),
    conversationId: uuid('conversation_id').notNull(),
    agentId: uuid('agent_id').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    index('analytics_handle_segments_conversation_idx').on(t.conversationId),
    index('analytics_handle_segments_agent_started_idx').on(t.agentId, t.startedAt),
  ],
);

/**
 * Customers' own text messages (already masked for card numbers by conversations), copied for
 * mining hot topics by a batched job that follows the event log (analytics.message-copies.ts), not
 * by a handler per message; one row per message, read by week. `phrases` and `suggestion` are filled
 * once per message when it is tokenised (null: not yet), so a weekly report only counts in SQL.
 */
export const messageFacts = pgTable(
  'analytics_message_facts',
  {
    messageId: uuid('message_id').primaryKey(),
    conversationId: uuid('conversation_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    language: text('language').notNull(),
    body: text('body').notNull(),
    phrases: text('phrases').array(),
    suggestion: boolean('suggestion'),
  },
  (t) => [
    index('analytics_message_facts_at_brin').using('brin', t.at),
    index('analytics_message_facts_untokenised_idx').on(t.messageId).where(sql`phrases IS NULL`),
  ],
);

/**
 * Where a batched job that follows the event log has got to: the commit-safe cursor (txid, position)
 * of the last event it consumed (platform/events.ts reads in the same order).
 */
export const cursors = pgTable('analytics_cursors', {
  name: text('name').primaryKey(),
  txid: text('txid').notNull(),
  position: bigint('position', { mode: 'number' }).notNull(),
});

/**
 * Hourly rollups of the contact facts per queue and channel (a contact without a queue under the
 * zero UUID), for reports over long periods without per-agent, reason, team or segment filters:
 * 10 M facts are ~100,000 rows here. Counts use the default threshold and short-abandon limit
 * (analytics.rebuild.ts); a bucket is recomputed from the facts whenever one of its contacts changes.
 */
export const hourly = pgTable(
  'analytics_hourly',
  {
    hour: timestamp('hour', { withTimezone: true }).notNull(),
    queueId: uuid('queue_id').notNull(),
    channel: text('channel').notNull(),
    offered: integer('offered').notNull(),
    answered: integer('answered').notNull(),
    abandonedAfter: integer('abandoned_after').notNull(),
    abandonedShort: integer('abandoned_short').notNull(),
    withinThreshold: integer('within_threshold').notNull(),
    waitSum: bigint('wait_sum', { mode: 'number' }).notNull(),
    handleSum: bigint('handle_sum', { mode: 'number' }).notNull(),
    handled: integer('handled').notNull(),
    ratings: integer('ratings').notNull(),
    good: integer('good').notNull(),
    transfers: integer('transfers').notNull(),
  },
  (t) => [primaryKey({ columns: [t.hour, t.queueId, t.channel] })],
);

/**
 * One row per case, built from the `case.*` events by analytics.facts.ts (guarded by `last_position`
 * like the contact facts, so replays change nothing). Times are the events' instants; the
 * conversation is the one the case was opened from, if any.
 */
export const caseFacts = pgTable(
  'analytics_case_facts',
  {
    caseId: uuid('case_id').primaryKey(),
    type: text('type').notNull(),
    isComplaint: boolean('is_complaint').notNull(),
    categoryId: uuid('category_id'),
    product: text('product'),
    channel: text('channel'),
    teamId: uuid('team_id'),
    ownerId: uuid('owner_id'),
    firstOwnerId: uuid('first_owner_id'),
    customerId: uuid('customer_id'),
    conversationId: uuid('conversation_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** The regulatory due time (complaints; moved by a deadline extension). */
    dueAt: timestamp('due_at', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** The first reopening (FCR counts it as a repeat contact). */
    firstReopenedAt: timestamp('first_reopened_at', { withTimezone: true }),
    reopenedCount: smallint('reopened_count').notNull().default(0),
    /** The resolution SLA's verdict at the last resolve (null: no resolution clock). */
    resolvedOnTime: boolean('resolved_on_time'),
    /** Business seconds created → resolved, as the cases module counted them (its calendars); null when not sent. */
    resolutionBusinessSeconds: integer('resolution_business_seconds'),
    /** At the last close: whether the owner then was the first owner. */
    closedByFirstOwner: boolean('closed_by_first_owner'),
    lastPosition: bigint('last_position', { mode: 'number' }).notNull(),
  },
  (t) => [
    index('analytics_case_facts_created_brin').using('brin', t.createdAt),
    index('analytics_case_facts_team_created_idx').on(t.teamId, t.createdAt),
    index('analytics_case_facts_customer_idx').on(t.customerId),
  ],
);

/** One row per branch ticket, from the `ticket.*` events (each carries the ticket's snapshot). */
export const ticketFacts = pgTable(
  'analytics_ticket_facts',
  {
    ticketId: uuid('ticket_id').primaryKey(),
    branchId: uuid('branch_id').notNull(),
    serviceId: uuid('service_id').notNull(),
    counterId: uuid('counter_id'),
    tellerId: uuid('teller_id'),
    customerId: uuid('customer_id'),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    calledAt: timestamp('called_at', { withTimezone: true }),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** Issue → first call. */
    waitSeconds: integer('wait_seconds'),
    /** Service start → finish. */
    serviceSeconds: integer('service_seconds'),
    noShow: boolean('no_show').notNull().default(false),
    transfers: smallint('transfers').notNull().default(0),
    recalls: smallint('recalls').notNull().default(0),
    lastPosition: bigint('last_position', { mode: 'number' }).notNull(),
  },
  (t) => [
    index('analytics_ticket_facts_issued_brin').using('brin', t.issuedAt),
    index('analytics_ticket_facts_branch_issued_idx').on(t.branchId, t.issuedAt),
  ],
);

/** Branch pad answers (`feedback.submitted` with a ticket), one row per answer. */
export const branchFeedbackFacts = pgTable(
  'analytics_branch_feedback',
  {
    feedbackId: uuid('feedback_id').primaryKey(),
    ticketId: uuid('ticket_id').notNull(),
    branchId: uuid('branch_id').notNull(),
    serviceId: uuid('service_id'),
    tellerId: uuid('teller_id'),
    rating: smallint('rating').notNull(),
    reasons: text('reasons').array().notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('analytics_branch_feedback_branch_at_idx').on(t.branchId, t.at)],
);

/**
 * Scheduled reports: a contact report's filters, mailed as PDF daily / weekly / monthly. `team_id`
 * is the team a team-scoped supervisor's schedule is bound to (its reach); `next_run_at` is when
 * the minutely job renders it next (local 06:00 after the period ends).
 */
export const reportSchedules = pgTable(
  'analytics_report_schedules',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    filters: jsonb('filters').notNull(),
    period: text('period').notNull(),
    recipients: text('recipients').array().notNull(),
    language: text('language').notNull(),
    timeZone: text('time_zone').notNull(),
    ownerId: uuid('owner_id').notNull(),
    teamId: uuid('team_id'),
    nextRunAt: timestamp('next_run_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('analytics_report_schedules_due_idx').on(t.nextRunAt),
    check('analytics_report_schedules_period_check', sql`${t.period} IN ('daily', 'weekly', 'monthly')`),
  ],
);

/** One row per rendering of a schedule (by the job or "send now"), with what became of it. */
export const reportRuns = pgTable(
  'analytics_report_runs',
  {
    id: uuid('id').primaryKey(),
    scheduleId: uuid('schedule_id')
      .notNull()
      .references(() => reportSchedules.id, { onDelete: 'cascade' }),
    trigger: text('trigger').notNull(),
    status: text('status').notNull(),
    periodFrom: timestamp('period_from', { withTimezone: true }).notNull(),
    periodTo: timestamp('period_to', { withTimezone: true }).notNull(),
    recipients: integer('recipients').notNull(),
    pdfBytes: integer('pdf_bytes'),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('analytics_report_runs_schedule_idx').on(t.scheduleId, t.createdAt),
    check('analytics_report_runs_status_check', sql`${t.status} IN ('queued', 'failed')`),
  ],
);

/**
 * Agents' ready states from `routing.agent_state_changed`, one row per change (keyed by event id):
 * a state lasts from `since` until the agent's next row. Occupancy and utilization read it.
 */
export const agentStateFacts = pgTable(
  'analytics_agent_state_facts',
  {
    eventId: uuid('event_id').primaryKey(),
    agentId: uuid('agent_id').notNull(),
    state: text('state').notNull(),
    reason: text('reason'),
    since: timestamp('since', { withTimezone: true }).notNull(),
  },
  (t) => [index('analytics_agent_state_facts_agent_since_idx').on(t.agentId, t.since)],
);

/** Business units (name, email, language) that receive the weekly hot-topic report. */
export const businessUnits = pgTable('analytics_business_units', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull(),
  language: text('language').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

/** The contact reasons a business unit follows. */
export const businessUnitTopics = pgTable(
  'analytics_business_unit_topics',
  {
    unitId: uuid('unit_id')
      .notNull()
      .references(() => businessUnits.id, { onDelete: 'cascade' }),
    reasonId: uuid('reason_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.reasonId] })],
);
