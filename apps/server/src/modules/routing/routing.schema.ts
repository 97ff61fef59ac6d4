import { sql } from 'drizzle-orm';
import {
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
import { teams } from '../staff/staff.schema.ts';

/** A required skill of a queue: agents need `minProficiency` (1–5) or more. */
export interface RequiredSkill {
  skillId: string;
  minProficiency: number;
}

/** After `afterSeconds` of waiting, drop skills (widen) or move to another queue. */
export interface OverflowRule {
  afterSeconds: number;
  action: 'widen' | 'move';
  dropSkillIds?: string[];
  toQueueId?: string;
}

/** Opening hours per weekday (0 = Sunday … 6 = Saturday), local "HH:MM" pairs; a missing day is closed. */
export type WeeklyHours = Partial<Record<'0' | '1' | '2' | '3' | '4' | '5' | '6', Array<[string, string]>>>;

/** A day the center is closed (or keeps shorter hours) whatever the weekday says. */
export interface Holiday {
  date: string;
  name: string;
  /** Shorter hours that day (e.g. Lunar New Year's Eve); omitted = closed all day. */
  hours?: Array<[string, string]>;
}

/**
 * Business hours and holidays, shared by queues (one bank calendar serves many queues). A queue
 * without a calendar is open around the clock.
 */
export const calendars = pgTable('routing_calendars', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull().unique('routing_calendars_code_key'),
  name: text('name').notNull(),
  timeZone: text('time_zone').notNull(),
  weekly: jsonb('weekly').$type<WeeklyHours>().notNull(),
  holidays: jsonb('holidays').$type<Holiday[]>().notNull().default([]),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const queues = pgTable('routing_queues', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull().unique('routing_queues_code_key'),
  name: text('name').notNull(),
  /** Channel types this queue serves: chat, voice, email, sms, task. */
  channels: text('channels').array().notNull(),
  requiredSkills: jsonb('required_skills').$type<RequiredSkill[]>().notNull().default([]),
  offerTimeoutSeconds: integer('offer_timeout_seconds').notNull().default(30),
  maxSize: integer('max_size').notNull().default(1000),
  overflow: jsonb('overflow').$type<OverflowRule[]>().notNull().default([]),
  wrapUpSeconds: integer('wrap_up_seconds').notNull().default(60),
  autoAccept: boolean('auto_accept').notNull().default(false),
  /** Seconds of waiting worth one priority point (aging), so low priorities are never starved. */
  agingSeconds: integer('aging_seconds').notNull().default(60),
  stickySeconds: integer('sticky_seconds').notNull().default(0),
  /** Business hours and holidays; null = open 24/7. Closed queues take messages (waiting_offline). */
  calendarId: uuid('calendar_id').references(() => calendars.id),
  /**
   * The team that owns the queue, if any: its supervisors manage the queue's email templates and
   * signatures (decision 0011). Null = only administrators do.
   */
  teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Routing view of each agent: state, and one row per channel with load and capacity. */
export const agentStates = pgTable(
  'routing_agent_states',
  {
    userId: uuid('user_id').primaryKey(),
    state: text('state').notNull().default('offline'),
    reason: text('reason'),
    since: timestamp('since', { withTimezone: true }).notNull(),
    /** When the agent last became free: "longest idle" picks the oldest. */
    idleSince: timestamp('idle_since', { withTimezone: true }).notNull(),
    missedOffers: integer('missed_offers').notNull().default(0),
    /** Last heartbeat of an open desk (staff WebSocket); null = never used the desk. */
    deskSeenAt: timestamp('desk_seen_at', { withTimezone: true }),
  },
  (t) => [check('routing_agent_states_state_check', sql`${t.state} IN ('available', 'away', 'offline')`)],
);

export const agentChannels = pgTable(
  'routing_agent_channels',
  {
    userId: uuid('user_id').notNull(),
    channel: text('channel').notNull(),
    capacity: smallint('capacity').notNull(),
    load: smallint('load').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.channel] }),
    check('routing_agent_channels_load_check', sql`${t.load} >= 0 AND ${t.load} <= ${t.capacity}`),
  ],
);

/** Skills as routing sees them (kept in step with staff's user_skills). */
export const agentSkills = pgTable(
  'routing_agent_skills',
  {
    userId: uuid('user_id').notNull(),
    skillId: uuid('skill_id').notNull(),
    proficiency: smallint('proficiency').notNull(),
    /**
     * Copies of the agent's `routing_agent_states` row (state = 'available', idle_since), kept by
     * triggers (migration 0029), so the ready index below lists a skill's available agents already in
     * the order a routing decision wants them: best proficiency, then longest idle.
     */
    available: boolean('available').notNull().default(false),
    idleSince: timestamp('idle_since', { withTimezone: true }),
    /**
     * The channels on which the agent has room (`routing_agent_channels.load < capacity`), kept by
     * triggers too: a lookup skips a full agent's entry without probing their rows.
     */
    room: text('room').array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.skillId] }),
    index('routing_agent_skills_skill_idx').on(t.skillId, t.proficiency),
    index('routing_agent_skills_ready_idx')
      .on(t.skillId, t.proficiency.desc(), t.idleSince, t.userId)
      .where(sql`available`),
  ],
);

/**
 * A contact waiting for, offered to or assigned to an agent: a chat, a call, an email, a back-office
 * task. `priority` is the base (VIP tier, complaint, callback); the router adds aging.
 */
export const workItems = pgTable(
  'routing_work_items',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').notNull(),
    refId: uuid('ref_id').notNull(),
    queueId: uuid('queue_id')
      .notNull()
      .references(() => queues.id),
    channel: text('channel').notNull(),
    priority: integer('priority').notNull().default(0),
    requiredSkills: jsonb('required_skills').$type<RequiredSkill[]>().notNull().default([]),
    language: text('language'),
    status: text('status').notNull().default('waiting'),
    enqueuedAt: timestamp('enqueued_at', { withTimezone: true }).notNull(),
    offeredTo: uuid('offered_to'),
    offerExpiresAt: timestamp('offer_expires_at', { withTimezone: true }),
    offerCount: integer('offer_count').notNull().default(0),
    declinedBy: uuid('declined_by').array().notNull().default(sql`'{}'::uuid[]`),
    assignedTo: uuid('assigned_to'),
    assignedAt: timestamp('assigned_at', { withTimezone: true }),
    stickyAgentId: uuid('sticky_agent_id'),
    stickyUntil: timestamp('sticky_until', { withTimezone: true }),
    overflowStep: integer('overflow_step').notNull().default(0),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('routing_work_items_waiting_idx')
      .on(t.queueId, t.priority.desc(), t.enqueuedAt)
      .where(sql`status = 'waiting'`),
    index('routing_work_items_offer_expiry_idx').on(t.offerExpiresAt).where(sql`status = 'offered'`),
    index('routing_work_items_agent_idx').on(t.assignedTo).where(sql`status = 'assigned'`),
    index('routing_work_items_ref_idx').on(t.kind, t.refId),
    check('routing_work_items_status_check', sql`${t.status} IN ('waiting', 'offered', 'assigned', 'ended')`),
  ],
);
