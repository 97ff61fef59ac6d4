import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { branches } from '../staff/staff.schema.ts';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/**
 * A bank customer as the contact center knows it. Names are stored as the customer writes them
 * (`full_name`, in the order their language uses: "Nguyễn Thị Thu Hà", "王芳", "Emily Carter"), split
 * into family and given name for salutations ("chị Hà", "王女士", "Ms Carter"), plus the romanised
 * name printed on cards and passports ("NGUYEN THI THU HA", "WANG FANG") so an agent can find a
 * customer without typing diacritics or Han characters. `search_name` is the app-maintained folded form
 * (lowercase, no diacritics) of both, used for word-prefix search.
 */
export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey(),
    customerNo: text('customer_no').notNull(),
    fullName: text('full_name').notNull(),
    familyName: text('family_name'),
    /** The name the person is addressed by: Hà of Nguyễn Thị Thu Hà (middle names stay in full_name). */
    givenName: text('given_name'),
    latinName: text('latin_name'),
    searchName: text('search_name').notNull(),
    gender: text('gender'),
    preferredLanguage: text('preferred_language').notNull().default('en'),
    segment: text('segment').notNull().default('mass'),
    vipTier: text('vip_tier').notNull().default('none'),
    /** Never the full number: first four and last two digits, e.g. `0012******89`. */
    nationalIdMasked: text('national_id_masked'),
    /** sha256 (or HMAC-SHA256 with a bank-held key) hex of the normalised national id, for lookups. */
    nationalIdHash: text('national_id_hash'),
    dateOfBirth: date('date_of_birth', { mode: 'string' }),
    homeBranchId: uuid('home_branch_id').references(() => branches.id),
    marketingSms: boolean('marketing_sms').notNull().default(false),
    marketingEmail: boolean('marketing_email').notNull().default(false),
    marketingCall: boolean('marketing_call').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('customers_customer_no_key').on(t.customerNo),
    uniqueIndex('customers_national_id_hash_key').on(t.nationalIdHash),
    index('customers_search_name_idx').on(t.searchName.op('text_pattern_ops')),
    index('customers_home_branch_idx').on(t.homeBranchId),
    check('customers_preferred_language_check', sql`${t.preferredLanguage} IN ('en', 'zh-CN', 'vi')`),
    check('customers_segment_check', sql`${t.segment} IN ('mass', 'affluent', 'private', 'sme')`),
    check('customers_vip_tier_check', sql`${t.vipTier} IN ('none', 'silver', 'gold', 'platinum')`),
    check('customers_gender_check', sql`${t.gender} IN ('female', 'male')`),
    check(
      'customers_national_id_masked_check',
      sql`${t.nationalIdMasked} ~ '^[0-9A-Z]{0,4}[*]+[0-9A-Z]{0,2}$'`,
    ),
    check('customers_national_id_hash_check', sql`${t.nationalIdHash} ~ '^[0-9a-f]{64}$'`),
  ],
);

/**
 * The ways a customer is recognised on a channel. `value` is normalised: E.164 for phones
 * (`+84912345678`), lowercase for emails, the widget's visitor id, and for `national_id` the same
 * hash as `customers.national_id_hash` (the number itself is never stored).
 */
export const customerIdentities = pgTable(
  'customer_identities',
  {
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    value: text('value').notNull(),
    isVerified: boolean('verified').notNull().default(false),
    isPrimary: boolean('is_primary').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('customer_identities_kind_value_key').on(t.kind, t.value),
    index('customer_identities_customer_idx').on(t.customerId),
    // Prefix search on emails whatever the database collation.
    index('customer_identities_value_prefix_idx').on(t.kind, t.value.op('text_pattern_ops')),
    // At most one primary phone, one primary email… per customer.
    uniqueIndex('customer_identities_primary_key').on(t.customerId, t.kind).where(sql`${t.isPrimary}`),
    check('customer_identities_kind_check', sql`${t.kind} IN ('phone', 'email', 'visitor', 'national_id')`),
    check(
      'customer_identities_value_check',
      sql`(${t.kind} <> 'phone' OR ${t.value} ~ '^\\+[1-9][0-9]{6,14}$')
        AND (${t.kind} <> 'email' OR ${t.value} = lower(${t.value}))
        AND (${t.kind} <> 'national_id' OR ${t.value} ~ '^[0-9a-f]{64}$')`,
    ),
  ],
);

/** Demo core banking: accounts. A real bank replaces these tables with its core-banking adapter. */
export const coreDemoAccounts = pgTable(
  'core_demo_accounts',
  {
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    accountNo: text('account_no').notNull(),
    product: text('product').notNull(),
    currency: text('currency').notNull(),
    balance: numeric('balance', { precision: 18, scale: 2, mode: 'string' }).notNull(),
    status: text('status').notNull().default('active'),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('core_demo_accounts_account_no_key').on(t.accountNo),
    index('core_demo_accounts_customer_idx').on(t.customerId),
    check(
      'core_demo_accounts_product_check',
      sql`${t.product} IN ('current', 'savings', 'term_deposit', 'loan', 'mortgage')`,
    ),
    check('core_demo_accounts_currency_check', sql`${t.currency} IN ('VND', 'CNY', 'USD')`),
    check('core_demo_accounts_status_check', sql`${t.status} IN ('active', 'dormant', 'frozen', 'closed')`),
  ],
);

/**
 * Demo core banking: cards. Only the masked PAN and last four are stored; the check constraint makes
 * a full PAN impossible to insert (PCI DSS 4.0 req. 3.4.1: display at most BIN and last four).
 */
export const coreDemoCards = pgTable(
  'core_demo_cards',
  {
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    /** The settlement account (debit cards); null for a credit card with its own card account. */
    accountId: uuid('account_id').references(() => coreDemoAccounts.id),
    panMasked: text('pan_masked').notNull(),
    last4: text('last4').notNull(),
    brand: text('brand').notNull(),
    kind: text('kind').notNull(),
    status: text('status').notNull().default('active'),
    currency: text('currency').notNull(),
    creditLimit: numeric('credit_limit', { precision: 18, scale: 2, mode: 'string' }),
    /** Expiry as printed on the card, `MM/YY`. */
    expires: text('expires').notNull(),
    blockedAt: timestamp('blocked_at', { withTimezone: true }),
    blockReason: text('block_reason'),
    blockedBy: uuid('blocked_by'),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('core_demo_cards_customer_idx').on(t.customerId),
    index('core_demo_cards_last4_idx').on(t.last4),
    check('core_demo_cards_pan_masked_check', sql`${t.panMasked} ~ '^[0-9]{6}[*]{3,9}[0-9]{4}$'`),
    check(
      'core_demo_cards_last4_check',
      sql`${t.last4} ~ '^[0-9]{4}$' AND right(${t.panMasked}, 4) = ${t.last4}`,
    ),
    check(
      'core_demo_cards_brand_check',
      sql`${t.brand} IN ('visa', 'mastercard', 'unionpay', 'napas', 'jcb')`,
    ),
    check('core_demo_cards_kind_check', sql`${t.kind} IN ('debit', 'credit')`),
    check('core_demo_cards_status_check', sql`${t.status} IN ('active', 'blocked', 'lost', 'expired')`),
    check('core_demo_cards_currency_check', sql`${t.currency} IN ('VND', 'CNY', 'USD')`),
    check('core_demo_cards_expires_check', sql`${t.expires} ~ '^(0[1-9]|1[0-2])/[0-9]{2}$'`),
    check('core_demo_cards_credit_limit_check', sql`(${t.kind} = 'credit') = (${t.creditLimit} IS NOT NULL)`),
    check(
      'core_demo_cards_block_reason_check',
      sql`${t.blockReason} IN ('lost', 'stolen', 'suspected_fraud', 'customer_request')`,
    ),
  ],
);
