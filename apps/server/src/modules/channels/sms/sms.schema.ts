import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { queues as routingQueues } from '../../routing/routing.schema.ts';

/**
 * Every text message in or out. An outbound message is stored with all its parts before the first
 * submit_sm, under the identity the notifications pipeline gives it (`ref`): a retry after a crash or
 * an SMSC restart finds it and resubmits only the parts the SMSC never acknowledged.
 */
export const smsMessages = pgTable(
  'sms_messages',
  {
    id: uuid('id').primaryKey(),
    direction: text('direction').notNull(),
    /** Outbound: the notification's provider message id. Inbound: `<transport>:<provider id>`. */
    ref: text('ref').notNull(),
    notificationId: uuid('notification_id'),
    conversationId: uuid('conversation_id'),
    /** The customer's number, E.164. */
    phone: text('phone').notNull(),
    /** Our side: the sender ID we used, or the number the customer wrote to. */
    sender: text('sender').notNull(),
    text: text('text').notNull(),
    encoding: text('encoding').notNull(),
    segments: integer('segments').notNull(),
    /** The 8-bit reference of the concatenation UDH, the same on every attempt. */
    concatRef: integer('concat_ref').notNull().default(0),
    /** pending → submitted → delivered | failed; inbound: received. */
    status: text('status').notNull(),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('sms_messages_ref_key').on(t.ref),
    index('sms_messages_created_idx').on(t.createdAt),
    index('sms_messages_phone_idx').on(t.phone, t.createdAt),
    check('sms_messages_direction_check', sql`${t.direction} IN ('in', 'out')`),
    check('sms_messages_encoding_check', sql`${t.encoding} IN ('gsm7', 'ucs2')`),
    check(
      'sms_messages_status_check',
      sql`${t.status} IN ('pending', 'submitted', 'delivered', 'failed', 'received')`,
    ),
  ],
);

/**
 * One part of an outbound message, persisted (`submitting`, attempt counted) before its submit_sm
 * leaves, and `submitted` with the SMSC's message id once the SMSC acknowledged it: an acknowledged
 * part is never submitted again.
 */
export const smsParts = pgTable(
  'sms_parts',
  {
    smsId: uuid('sms_id')
      .notNull()
      .references(() => smsMessages.id, { onDelete: 'cascade' }),
    partNo: integer('part_no').notNull(),
    /** SMPP user_message_reference: the same on every attempt of this part. */
    userRef: integer('user_ref').notNull(),
    status: text('status').notNull(),
    smscMessageId: text('smsc_message_id'),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    receiptAt: timestamp('receipt_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.smsId, t.partNo] }),
    uniqueIndex('sms_parts_smsc_message_id_key').on(t.smscMessageId),
    check(
      'sms_parts_status_check',
      sql`${t.status} IN ('pending', 'submitting', 'submitted', 'delivered', 'failed')`,
    ),
  ],
);

/** The bank's numbers and sender IDs customers write to, and the queue their texts land in. */
export const smsNumbers = pgTable('sms_numbers', {
  number: text('number').primaryKey(),
  queueId: uuid('queue_id')
    .notNull()
    .references(() => routingQueues.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

/** Numbers that sent STOP (or a local equivalent): no marketing or survey SMS until they opt in again. */
export const smsOptOuts = pgTable('sms_opt_outs', {
  phone: text('phone').primaryKey(),
  keyword: text('keyword').notNull(),
  customerId: uuid('customer_id'),
  optedOutAt: timestamp('opted_out_at', { withTimezone: true }).notNull(),
});
