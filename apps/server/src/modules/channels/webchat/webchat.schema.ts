import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** A bank website that embeds the chat widget. */
export const webchatSites = pgTable('webchat_sites', {
  id: uuid('id').primaryKey(),
  /** Public key in the embed snippet (`data-site`). */
  key: text('key').notNull().unique('webchat_sites_key_key'),
  name: text('name').notNull(),
  /** Origins allowed to embed the widget (frame-ancestors) and call its API. */
  allowedOrigins: text('allowed_origins').array().notNull().default(sql`'{}'::text[]`),
  /** Shared with the bank's site, which signs verified identities with it (HMAC-SHA256). */
  identitySecret: text('identity_secret').notNull(),
  /** Queue per conversation language, e.g. { "vi": "<queue id>", "en": "<queue id>" }. */
  queueByLanguage: jsonb('queue_by_language').$type<Record<string, string>>().notNull(),
  greeting: jsonb('greeting').$type<Record<string, string>>().notNull().default({}),
  colors: jsonb('colors').$type<{ primary: string }>().notNull().default({ primary: '#0b6e4f' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Someone using the widget: anonymous, or linked to a known customer by a verified identity. */
export const webchatVisitors = pgTable(
  'webchat_visitors',
  {
    id: uuid('id').primaryKey(),
    siteId: uuid('site_id')
      .notNull()
      .references(() => webchatSites.id),
    customerId: uuid('customer_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('webchat_visitors_customer_idx').on(t.customerId)],
);
