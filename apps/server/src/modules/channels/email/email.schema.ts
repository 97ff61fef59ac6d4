import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { queues as routingQueues } from '../../routing/routing.schema.ts';

/**
 * The bank's receiving addresses (`support@bank.example`) and the queue their mail lands in.
 */
export const emailAddresses = pgTable(
  'email_addresses',
  {
    id: uuid('id').primaryKey(),
    address: text('address').notNull(),
    queueId: uuid('queue_id')
      .notNull()
      .references(() => routingQueues.id),
    displayName: text('display_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('email_addresses_address_key').on(t.address),
    check('email_addresses_address_check', sql`${t.address} = lower(${t.address})`),
  ],
);

/**
 * Every email in or out, by Message-ID: the threading index (In-Reply-To / References are looked
 * up here) and the duplicate guard (a Message-ID is ingested once).
 */
export const emailMessages = pgTable(
  'email_messages',
  {
    id: uuid('id').primaryKey(),
    direction: text('direction').notNull(),
    messageId: text('message_id').notNull(),
    conversationId: uuid('conversation_id'),
    /** message | auto_reply | bounce: robots' mail is kept but never answered. */
    kind: text('kind').notNull(),
    fromAddress: text('from_address').notNull(),
    toAddresses: text('to_addresses').array().notNull(),
    ccAddresses: text('cc_addresses').array().notNull().default(sql`'{}'::text[]`),
    subject: text('subject').notNull(),
    inReplyTo: text('in_reply_to'),
    references: text('references').array().notNull().default(sql`'{}'::text[]`),
    /** The sanitized HTML part for display (scripts, remote images and styles removed). */
    html: text('html'),
    /** SPF / DKIM / DMARC results of an inbound mail (`mailauth`): `{ spf, dkim, dmarc }`, each a result word. */
    auth: jsonb('auth'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('email_messages_message_id_key').on(t.messageId),
    index('email_messages_conversation_idx').on(t.conversationId),
    check('email_messages_direction_check', sql`${t.direction} IN ('in', 'out')`),
    check('email_messages_kind_check', sql`${t.kind} IN ('message', 'auto_reply', 'bounce')`),
  ],
);

/**
 * Where each IMAP mailbox's reader resumes: the last UID filed under the folder's UIDVALIDITY.
 * Advanced only after a mail is filed, so a restart neither loses nor doubles mail (and a second
 * filing would stop at the Message-ID claim anyway).
 */
export const emailImapState = pgTable('email_imap_state', {
  mailbox: text('mailbox').primaryKey(),
  uidValidity: text('uid_validity').notNull(),
  lastUid: bigint('last_uid', { mode: 'number' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/**
 * Addresses our mail must not go to: a hard bounce (RFC 3464 5.x.x) for one of our messages puts
 * the recipient here; the notifications pipeline stores such mail as `suppressed` (`SUPPRESSED`).
 */
export const emailSuppressions = pgTable(
  'email_suppressions',
  {
    address: text('address').primaryKey(),
    reason: text('reason').notNull(),
    /** The notification whose bounce put it here (null when added by hand). */
    notificationId: uuid('notification_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [check('email_suppressions_address_check', sql`${t.address} = lower(${t.address})`)],
);

/**
 * What an agent's reply from the desk's email box adds to its conversation message: the sanitized
 * HTML and the CC / BCC addresses. Written in the message's own transaction (keyed by the message's
 * client id), read by the `email.agent_reply` handler when it queues the mail.
 */
export const emailReplyOptions = pgTable(
  'email_reply_options',
  {
    conversationId: uuid('conversation_id').notNull(),
    clientId: text('client_id').notNull(),
    html: text('html'),
    /**
     * The queue's signature in the conversation's language, resolved and filled when the agent
     * sent (null: none, or the agent unticked "add signature"); the `email.agent_reply` handler
     * appends it to the mail's HTML and text parts.
     */
    signatureHtml: text('signature_html'),
    signatureText: text('signature_text'),
    cc: text('cc').array().notNull(),
    bcc: text('bcc').array().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.clientId] })],
);

/**
 * Email templates an agent inserts into a reply: a queue's (or global, `queue_id` null), with one
 * variant per language (`{ en, 'zh-CN', vi }`) of the subject and the sanitized HTML body.
 */
export const emailTemplates = pgTable(
  'email_templates',
  {
    id: uuid('id').primaryKey(),
    queueId: uuid('queue_id').references(() => routingQueues.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    subjects: jsonb('subjects').$type<Record<string, string>>().notNull(),
    bodies: jsonb('bodies').$type<Record<string, string>>().notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('email_templates_queue_name_key').on(t.queueId, t.name).nullsNotDistinct()],
);

/** One signature per queue (or global, `queue_id` null) and language: sanitized HTML. */
export const emailSignatures = pgTable(
  'email_signatures',
  {
    id: uuid('id').primaryKey(),
    queueId: uuid('queue_id').references(() => routingQueues.id, { onDelete: 'cascade' }),
    language: text('language').notNull(),
    html: text('html').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('email_signatures_queue_language_key').on(t.queueId, t.language).nullsNotDistinct(),
    check('email_signatures_language_check', sql`${t.language} IN ('en', 'zh-CN', 'vi')`),
  ],
);
