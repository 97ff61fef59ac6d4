import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { conversations } from '../conversations/conversations.schema.ts';
import { customers } from '../customers/customers.schema.ts';

/**
 * Every customer notification (case updates, survey links, reminders, one-time passwords) goes
 * through this one table: queued in the caller's transaction, sent by the worker, its delivery status
 * kept here and published as events for the customer's timeline.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey(),
    /** Null for a reply to someone who is not (yet) a known customer. */
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'cascade' }),
    /** The conversation a reply belongs to (agent replies by email). */
    conversationId: uuid('conversation_id'),
    /**
     * A composed email (an agent's reply) instead of a template: subject, text, and the threading
     * and copy headers `{ subject, text, inReplyTo, references, replyTo, cc, bcc }`.
     */
    email: jsonb('email'),
    purpose: text('purpose').notNull(),
    templateKey: text('template_key').notNull(),
    locale: text('locale').notNull(),
    params: jsonb('params').notNull().default({}),
    /** Chosen when queued; null only when suppressed before any channel applied. */
    channel: text('channel'),
    /** The address used (lowercase email or E.164 phone), fixed when queued. */
    recipient: text('recipient'),
    status: text('status').notNull().default('queued'),
    /** Why it was suppressed or why it failed for good (a stable code, never message text). */
    reason: text('reason'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    /** The worker's lease on a `sending` row: past it, another worker may retry it (same identity). */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    /** The identity the provider sees on every attempt (email Message-ID), so a retry is never a second message. */
    providerMessageId: text('provider_message_id').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('notifications_idempotency_key').on(t.idempotencyKey),
    uniqueIndex('notifications_provider_message_id_key').on(t.providerMessageId),
    index('notifications_customer_idx').on(t.customerId, t.createdAt),
    // The worker's scan: only rows still to send are in this index.
    index('notifications_due_idx').on(t.nextAttemptAt).where(sql`${t.status} IN ('queued', 'sending')`),
    check(
      'notifications_purpose_check',
      sql`${t.purpose} IN ('transactional', 'service', 'survey', 'marketing')`,
    ),
    check('notifications_locale_check', sql`${t.locale} IN ('en', 'zh-CN', 'vi')`),
    check('notifications_channel_check', sql`${t.channel} IN ('email', 'sms')`),
    check(
      'notifications_status_check',
      sql`${t.status} IN ('queued', 'sending', 'sent', 'delivered', 'failed', 'suppressed')`,
    ),
    check('notifications_attempts_check', sql`${t.attempts} >= 0`),
  ],
);

/**
 * The local mailbox: with no SMTP relay configured (the embedded demo), outbound mail is stored here
 * and shown in the admin area, so the demo shows every notification. `raw` is the RFC 5322 message
 * exactly as it would have gone to the relay.
 */
export const mailboxMessages = pgTable(
  'mailbox_messages',
  {
    id: uuid('id').primaryKey(),
    messageId: text('message_id').notNull(),
    fromAddress: text('from_address').notNull(),
    toAddresses: text('to_addresses').array().notNull(),
    ccAddresses: text('cc_addresses').array().notNull().default(sql`'{}'::text[]`),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    raw: text('raw').notNull(),
    notificationId: uuid('notification_id').references(() => notifications.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // A retried send stores nothing twice.
    uniqueIndex('mailbox_messages_message_id_key').on(t.messageId),
    index('mailbox_messages_created_idx').on(t.createdAt),
  ],
);

/**
 * One-time passwords for verifying a customer during a contact (issue #8): the agent sends a code,
 * the customer reads it back. Only an HMAC of the code is kept (the key is a server secret), with
 * its expiry and the attempts made; a verified row is the conversation's proof of verification.
 */
export const customerVerifications = pgTable(
  'customer_verifications',
  {
    id: uuid('id').primaryKey(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    /** HMAC-SHA256 of the code under the `otp` secret, hex. */
    codeHash: text('code_hash').notNull(),
    /** pending → verified | failed (attempts used up) | expired | superseded (a new code was sent). */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    notificationId: uuid('notification_id').references(() => notifications.id, { onDelete: 'set null' }),
    sentBy: uuid('sent_by').notNull(),
    verifiedBy: uuid('verified_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
  },
  (t) => [
    index('customer_verifications_conversation_idx').on(t.conversationId, t.createdAt),
    // The per-customer send limit counts recent rows.
    index('customer_verifications_customer_idx').on(t.customerId, t.createdAt),
    check(
      'customer_verifications_status_check',
      sql`${t.status} IN ('pending', 'verified', 'failed', 'expired', 'superseded')`,
    ),
    check('customer_verifications_attempts_check', sql`${t.attempts} >= 0`),
  ],
);
