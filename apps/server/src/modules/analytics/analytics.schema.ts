import {
  bigint,
  index,
  integer,
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
 * mining hot topics; one row per message, read by week.
 */
export const messageFacts = pgTable(
  'analytics_message_facts',
  {
    messageId: uuid('message_id').primaryKey(),
    conversationId: uuid('conversation_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    language: text('language').notNull(),
    body: text('body').notNull(),
  },
  (t) => [index('analytics_message_facts_at_brin').using('brin', t.at)],
);

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
