import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { branches, users } from '../staff/staff.schema.ts';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** Opening hours per weekday (0 = Sunday … 6 = Saturday), local "HH:MM" pairs in the branch's zone. */
export type BranchWeeklyHours = Partial<
  Record<'0' | '1' | '2' | '3' | '4' | '5' | '6', Array<[string, string]>>
>;

/** Per-branch lobby settings: opening hours, the languages the display speaks, the ticker, recalls. */
export const branchSettings = pgTable('branch_settings', {
  branchId: uuid('branch_id')
    .primaryKey()
    .references(() => branches.id),
  weekly: jsonb('weekly').$type<BranchWeeklyHours>().notNull().default({}),
  languages: text('languages').array().notNull().default(sql`'{vi,en}'::text[]`),
  ticker: text('ticker').notNull().default(''),
  /** A called ticket becomes a no-show when the teller marks it after this many recalls. */
  maxRecalls: smallint('max_recalls').notNull().default(2),
  /** The business calendar (cases module: CN / VN holidays, make-up days) whose holidays close the branch. */
  calendarCode: text('calendar_code'),
});

/** A service the lobby offers (cash, loans, FX…): a ticket letter and its wait/line thresholds. */
export const branchServices = pgTable(
  'branch_services',
  {
    id: uuid('id').primaryKey(),
    branchId: uuid('branch_id')
      .notNull()
      .references(() => branches.id),
    code: text('code').notNull(),
    names: jsonb('names').$type<Record<string, string>>().notNull(),
    letter: text('letter').notNull(),
    waitThresholdMinutes: integer('wait_threshold_minutes').notNull().default(15),
    lineThreshold: integer('line_threshold').notNull().default(10),
    /** Slot length and capacity for online appointments; 0 capacity = not bookable. */
    slotMinutes: integer('slot_minutes').notNull().default(30),
    slotCapacity: integer('slot_capacity').notNull().default(0),
    /** Self-service machines (deposit, passbook): tickets moved here are served without a teller. */
    isSelfService: boolean('is_self_service').notNull().default(false),
    /** Recent service time, exponentially weighted (the estimator's input), in seconds. */
    ewmaServiceSeconds: real('ewma_service_seconds').notNull().default(300),
    createdAt: createdAt(),
  },
  (t) => [
    unique('branch_services_code_key').on(t.branchId, t.code),
    unique('branch_services_letter_key').on(t.branchId, t.letter),
    check('branch_services_letter_check', sql`${t.letter} ~ '^[A-Z]$'`),
  ],
);

/** A counter (window) and the services it serves, in the order it calls them. */
export const branchCounters = pgTable(
  'branch_counters',
  {
    id: uuid('id').primaryKey(),
    branchId: uuid('branch_id')
      .notNull()
      .references(() => branches.id),
    number: integer('number').notNull(),
    serviceIds: uuid('service_ids').array().notNull(),
    isOpen: boolean('is_open').notNull().default(false),
    isFlexible: boolean('is_flexible').notNull().default(false),
    /** Today's staffing: the teller at the counter (set when they open it). */
    tellerId: uuid('teller_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [unique('branch_counters_number_key').on(t.branchId, t.number)],
);

/** A kiosk, display board or feedback pad; authenticates with a device token (only its hash is kept). */
export const branchDevices = pgTable(
  'branch_devices',
  {
    id: uuid('id').primaryKey(),
    branchId: uuid('branch_id')
      .notNull()
      .references(() => branches.id),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    counterId: uuid('counter_id').references(() => branchCounters.id),
    tokenHash: text('token_hash').notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    unique('branch_devices_token_key').on(t.tokenHash),
    check('branch_devices_kind_check', sql`${t.kind} IN ('kiosk', 'display', 'pad')`),
  ],
);

/** The last ticket number given per branch, local day and letter: updated in the issuing transaction. */
export const branchTicketNumbers = pgTable(
  'branch_ticket_numbers',
  {
    branchId: uuid('branch_id')
      .notNull()
      .references(() => branches.id),
    day: date('day').notNull(),
    letter: text('letter').notNull(),
    lastNumber: integer('last_number').notNull(),
  },
  (t) => [primaryKey({ columns: [t.branchId, t.day, t.letter] })],
);

/** A lobby ticket, from issue to served / no-show. The identified customer's ticket is a branch visit. */
export const branchTickets = pgTable(
  'branch_tickets',
  {
    id: uuid('id').primaryKey(),
    branchId: uuid('branch_id')
      .notNull()
      .references(() => branches.id),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => branchServices.id),
    originalServiceId: uuid('original_service_id').notNull(),
    day: date('day').notNull(),
    number: text('number').notNull(),
    /** 0 normal, 1 appointment, 2 legal priority group, 3 VIP. */
    priority: smallint('priority').notNull().default(0),
    priorityReason: text('priority_reason'),
    customerId: uuid('customer_id'),
    appointmentId: uuid('appointment_id'),
    status: text('status').notNull().default('waiting'),
    counterId: uuid('counter_id').references(() => branchCounters.id),
    tellerId: uuid('teller_id').references(() => users.id),
    /** Kept on transfer, so a transferred customer keeps their place by age. */
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    estimatedWaitSeconds: integer('estimated_wait_seconds').notNull().default(0),
    baselineWaitSeconds: integer('baseline_wait_seconds').notNull().default(0),
    calledAt: timestamp('called_at', { withTimezone: true }),
    firstCalledAt: timestamp('first_called_at', { withTimezone: true }),
    recalls: smallint('recalls').notNull().default(0),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    notes: text('notes').notNull().default(''),
    /** The unguessable handle of the phone page (QR code). */
    publicToken: text('public_token').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('branch_tickets_number_key').on(t.branchId, t.day, t.number),
    unique('branch_tickets_public_key').on(t.publicToken),
    check(
      'branch_tickets_status_check',
      sql`${t.status} IN ('waiting', 'called', 'serving', 'served', 'no_show', 'parked', 'self_service')`,
    ),
    index('branch_tickets_waiting_idx')
      .on(t.branchId, t.serviceId, t.priority.desc(), t.issuedAt)
      .where(sql`${t.status} = 'waiting'`),
    // Position in line and waiting counts per service.
    index('branch_tickets_service_waiting_idx')
      .on(t.serviceId, t.priority, t.issuedAt)
      .where(sql`${t.status} = 'waiting'`),
    // Today's figures per service (served, average wait) for the lobby board and the estimator.
    index('branch_tickets_service_day_idx').on(t.serviceId, t.day, t.status),
    // A counter's current, parked and last served tickets.
    index('branch_tickets_counter_idx').on(t.counterId, t.status).where(sql`${t.counterId} IS NOT NULL`),
    // One customer at a counter: at most one called or serving ticket per counter (call-next relies on it).
    uniqueIndex('branch_tickets_counter_busy_key')
      .on(t.counterId)
      .where(sql`${t.status} IN ('called', 'serving')`),
    index('branch_tickets_customer_idx').on(t.customerId, t.issuedAt).where(sql`${t.customerId} IS NOT NULL`),
    index('branch_tickets_day_idx').on(t.branchId, t.day, t.status),
  ],
);

/** One rating per ticket, from the counter's feedback pad. */
export const branchFeedback = pgTable(
  'branch_feedback',
  {
    id: uuid('id').primaryKey(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => branchTickets.id),
    branchId: uuid('branch_id').notNull(),
    serviceId: uuid('service_id').notNull(),
    counterId: uuid('counter_id'),
    tellerId: uuid('teller_id'),
    rating: smallint('rating').notNull(),
    reasons: text('reasons').array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
  },
  (t) => [
    unique('branch_feedback_ticket_key').on(t.ticketId),
    check('branch_feedback_rating_check', sql`${t.rating} BETWEEN 1 AND 5`),
  ],
);

/** An online booking of a slot; checked in at the kiosk with its code. */
export const branchAppointments = pgTable(
  'branch_appointments',
  {
    id: uuid('id').primaryKey(),
    branchId: uuid('branch_id')
      .notNull()
      .references(() => branches.id),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => branchServices.id),
    slotStart: timestamp('slot_start', { withTimezone: true }).notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** E.164, for the reminder SMS. */
    phone: text('phone'),
    email: text('email'),
    locale: text('locale').notNull().default('vi'),
    /** The booker, found or created from the phone / email (customers.findOrCreateBooker). */
    customerId: uuid('customer_id'),
    status: text('status').notNull().default('booked'),
    ticketId: uuid('ticket_id'),
    createdAt: createdAt(),
  },
  (t) => [
    unique('branch_appointments_code_key').on(t.code),
    index('branch_appointments_slot_idx').on(t.serviceId, t.slotStart),
    check('branch_appointments_status_check', sql`${t.status} IN ('booked', 'checked_in', 'missed')`),
  ],
);
