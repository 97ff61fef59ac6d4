import { and, asc, count, eq, inArray, like, or, type SQL, sql } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.ts';
import type { Db, DbOrTx, Tx } from '../../platform/db.ts';
import { AppError, isUniqueViolation, translateUniqueViolation } from '../../platform/errors.ts';
import { defineMessages, isLocale, type Locale } from '../../platform/i18n.ts';
import type { Ids } from '../../platform/ids.ts';
import {
  buildSearchName,
  foldForSearch,
  hashNationalId,
  isE164,
  maskNationalId,
  normaliseEmail,
  normaliseNationalId,
  normalisePhone,
  type PhoneCountry,
  parsePhone,
} from './customers.normalise.ts';
import { customerIdentities, customers } from './customers.schema.ts';

export type Segment = 'mass' | 'affluent' | 'private' | 'sme';
export type VipTier = 'none' | 'silver' | 'gold' | 'platinum';
export type Gender = 'female' | 'male';
export type IdentityKind = 'phone' | 'email' | 'visitor' | 'national_id';

export const SEGMENTS: readonly Segment[] = ['mass', 'affluent', 'private', 'sme'];
export const VIP_TIERS: readonly VipTier[] = ['none', 'silver', 'gold', 'platinum'];

export interface CustomerIdentity {
  id: string;
  kind: IdentityKind;
  /** E.164 phone, lowercase email, visitor id, or the national-id hash. */
  value: string;
  isVerified: boolean;
  isPrimary: boolean;
}

export interface Customer {
  id: string;
  customerNo: string;
  fullName: string;
  familyName: string | null;
  givenName: string | null;
  latinName: string | null;
  gender: Gender | null;
  preferredLanguage: Locale;
  segment: Segment;
  vipTier: VipTier;
  nationalIdMasked: string | null;
  /** `YYYY-MM-DD`. */
  dateOfBirth: string | null;
  homeBranchId: string | null;
  marketingSms: boolean;
  marketingEmail: boolean;
  marketingCall: boolean;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface CustomerProfile extends Customer {
  identities: CustomerIdentity[];
}

/** A search hit: the customer plus the primary phone and email an agent needs to tell hits apart. */
export interface CustomerSummary extends Customer {
  primaryPhone: string | null;
  primaryEmail: string | null;
}

export interface CreateCustomerInput {
  /** The bank's customer number (CIF), e.g. `C0001234`; letters and digits, stored uppercase. */
  customerNo: string;
  fullName: string;
  familyName?: string | null;
  givenName?: string | null;
  /** Romanised name as on the card or passport, e.g. `NGUYEN THI THU HA`, `WANG FANG`. */
  latinName?: string | null;
  gender?: Gender | null;
  preferredLanguage?: Locale;
  segment?: Segment;
  vipTier?: VipTier;
  /** The full national id as given; only its masked form and hash are stored. */
  nationalId?: string | null;
  dateOfBirth?: string | null;
  homeBranchId?: string | null;
  marketingSms?: boolean;
  marketingEmail?: boolean;
  marketingCall?: boolean;
  /** Phones in any VN/CN format (the first is primary). */
  phones?: string[];
  /** The country assumed for phones written without a country code; default VN. */
  phoneCountry?: PhoneCountry;
  /** Emails (the first is primary). */
  emails?: string[];
}

export interface SearchCustomersOptions {
  /** A name prefix (any word, diacritics optional), customer number, phone or email. */
  q?: string;
  limit?: number;
  offset?: number;
}

export interface CustomersServiceDeps {
  db: Db;
  ids: Ids;
  clock: Clock;
  /** Bank-held key for HMAC of national ids; without it, plain sha256. Must match the seed's. */
  nationalIdKey?: string;
}

defineMessages({
  CUSTOMER_NOT_FOUND: {
    en: 'This customer was not found.',
    'zh-CN': '未找到该客户。',
    vi: 'Không tìm thấy khách hàng này.',
  },
  CUSTOMER_ALREADY_EXISTS: {
    en: 'A customer with this customer number or national ID already exists.',
    'zh-CN': '已存在相同客户号或身份证件号的客户。',
    vi: 'Đã tồn tại khách hàng có cùng mã khách hàng hoặc số giấy tờ tùy thân.',
  },
  CUSTOMER_IDENTITY_TAKEN: {
    en: 'This phone number or email already belongs to another customer.',
    'zh-CN': '该电话号码或电子邮箱已属于其他客户。',
    vi: 'Số điện thoại hoặc email này đã thuộc về khách hàng khác.',
  },
  CUSTOMER_PHONE_INVALID: {
    en: 'The phone number is not valid.',
    'zh-CN': '电话号码无效。',
    vi: 'Số điện thoại không hợp lệ.',
  },
  CUSTOMER_EMAIL_INVALID: {
    en: 'The email address is not valid.',
    'zh-CN': '电子邮箱地址无效。',
    vi: 'Địa chỉ email không hợp lệ.',
  },
  CUSTOMER_NATIONAL_ID_INVALID: {
    en: 'The national ID number is not valid.',
    'zh-CN': '身份证件号码无效。',
    vi: 'Số giấy tờ tùy thân không hợp lệ.',
  },
  CUSTOMER_INPUT_INVALID: {
    en: 'The customer field "{field}" is not valid.',
    'zh-CN': '客户字段“{field}”无效。',
    vi: 'Trường thông tin khách hàng "{field}" không hợp lệ.',
  },
});

type CustomerRow = typeof customers.$inferSelect;
type IdentityRow = typeof customerIdentities.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CUSTOMER_NO = /^[A-Z0-9]{4,20}$/;
const MAX_LIMIT = 100;

export function toCustomer(row: CustomerRow): Customer {
  return {
    id: row.id,
    customerNo: row.customerNo,
    fullName: row.fullName,
    familyName: row.familyName,
    givenName: row.givenName,
    latinName: row.latinName,
    gender: row.gender as Gender | null,
    preferredLanguage: row.preferredLanguage as Locale,
    segment: row.segment as Segment,
    vipTier: row.vipTier as VipTier,
    nationalIdMasked: row.nationalIdMasked,
    dateOfBirth: row.dateOfBirth,
    homeBranchId: row.homeBranchId,
    marketingSms: row.marketingSms,
    marketingEmail: row.marketingEmail,
    marketingCall: row.marketingCall,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

const toIdentity = (row: IdentityRow): CustomerIdentity => ({
  id: row.id,
  kind: row.kind as IdentityKind,
  value: row.value,
  isVerified: row.isVerified,
  isPrimary: row.isPrimary,
});

/** Escapes LIKE metacharacters so user input matches literally (default escape character `\`). */
const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

const invalid = (field: string) => new AppError('CUSTOMER_INPUT_INVALID', 400, undefined, { field });

function isForeignKeyViolation(error: unknown, constraint: string): boolean {
  const cause = (error as { cause?: { code?: string; constraint?: string } } | null)?.cause;
  return cause?.code === '23503' && cause.constraint === constraint;
}

function isValidDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function createCustomersService(deps: CustomersServiceDeps) {
  const { db, ids, clock } = deps;

  async function identitiesOf(tx: DbOrTx, customerId: string): Promise<CustomerIdentity[]> {
    const rows = await tx
      .select()
      .from(customerIdentities)
      .where(eq(customerIdentities.customerId, customerId))
      .orderBy(
        asc(customerIdentities.kind),
        sql`${customerIdentities.isPrimary} DESC`,
        asc(customerIdentities.value),
      );
    return rows.map(toIdentity);
  }

  async function profileOf(row: CustomerRow): Promise<CustomerProfile> {
    return { ...toCustomer(row), identities: await identitiesOf(db, row.id) };
  }

  async function findCustomer(id: string): Promise<CustomerProfile | null> {
    if (!UUID.test(id)) return null;
    const [row] = await db.select().from(customers).where(eq(customers.id, id));
    return row ? profileOf(row) : null;
  }

  /** Throws `CUSTOMER_NOT_FOUND` (404). */
  async function getCustomer(id: string): Promise<CustomerProfile> {
    const customer = await findCustomer(id);
    if (!customer) throw new AppError('CUSTOMER_NOT_FOUND', 404);
    return customer;
  }

  async function findByIdentity(kind: IdentityKind, value: string): Promise<CustomerProfile | null> {
    const [row] = await db
      .select({ customer: customers })
      .from(customerIdentities)
      .innerJoin(customers, eq(customers.id, customerIdentities.customerId))
      .where(and(eq(customerIdentities.kind, kind), eq(customerIdentities.value, value)));
    return row ? profileOf(row.customer) : null;
  }

  /** The customer owning this phone; `e164` as a channel reports it (`+84912345678`). */
  async function findCustomerByPhone(e164: string): Promise<CustomerProfile | null> {
    const phone = e164.trim();
    return isE164(phone) ? findByIdentity('phone', phone) : null;
  }

  async function findCustomerByEmail(email: string): Promise<CustomerProfile | null> {
    const normalised = normaliseEmail(email);
    return normalised ? findByIdentity('email', normalised) : null;
  }

  async function findCustomerByVisitorId(visitorId: string): Promise<CustomerProfile | null> {
    return visitorId ? findByIdentity('visitor', visitorId) : null;
  }

  async function findCustomerByNationalId(nationalId: string): Promise<CustomerProfile | null> {
    const normalised = normaliseNationalId(nationalId);
    if (!normalised) return null;
    const hash = hashNationalId(normalised, deps.nationalIdKey);
    const [row] = await db.select().from(customers).where(eq(customers.nationalIdHash, hash));
    return row ? profileOf(row) : null;
  }

  async function findCustomerByCustomerNo(customerNo: string): Promise<CustomerProfile | null> {
    const [row] = await db
      .select()
      .from(customers)
      .where(eq(customers.customerNo, customerNo.trim().toUpperCase()));
    return row ? profileOf(row) : null;
  }

  /**
   * One box for everything an agent may type. Matches, in one OR: a word prefix of the folded
   * name ("nguyen thi" and "Nguyễn Thị" both find "Nguyễn Thị Thu Hà"; "王" finds "王芳"), a
   * customer-number prefix, an email prefix, and a phone in any VN or CN format.
   */
  async function searchCustomers(
    options: SearchCustomersOptions = {},
  ): Promise<{ items: CustomerSummary[]; total: number }> {
    const limit = Math.min(Math.max(Math.trunc(options.limit ?? 20), 1), MAX_LIMIT);
    const offset = Math.max(Math.trunc(options.offset ?? 0), 0);
    const q = (options.q ?? '').normalize('NFKC').trim().slice(0, 100);

    let where: SQL | undefined;
    let rank: SQL | undefined;
    const upper = q.toUpperCase();
    if (q) {
      const conditions: SQL[] = [];
      const folded = foldForSearch(q);
      if (folded) {
        const pattern = escapeLike(folded);
        conditions.push(
          like(customers.searchName, `${pattern}%`),
          like(customers.searchName, `% ${pattern}%`),
        );
      }
      if (/^[A-Z0-9]{2,20}$/.test(upper) && /\d/.test(upper)) {
        conditions.push(like(customers.customerNo, `${escapeLike(upper)}%`));
      }
      // An email or the start of one ("emily.c", "wangfang@").
      if (q.includes('@') || /^[\w+-]+\.[\w.+-]*$/.test(q)) {
        const email = q.toLowerCase();
        conditions.push(
          inArray(
            customers.id,
            db
              .select({ id: customerIdentities.customerId })
              .from(customerIdentities)
              .where(
                and(
                  eq(customerIdentities.kind, 'email'),
                  like(customerIdentities.value, `${escapeLike(email)}%`),
                ),
              ),
          ),
        );
      }
      const phones = [...new Set([normalisePhone(q, 'VN'), normalisePhone(q, 'CN')])].filter(
        (p): p is string => p !== null,
      );
      if (phones.length > 0) {
        conditions.push(
          inArray(
            customers.id,
            db
              .select({ id: customerIdentities.customerId })
              .from(customerIdentities)
              .where(and(eq(customerIdentities.kind, 'phone'), inArray(customerIdentities.value, phones))),
          ),
        );
      }
      where = or(...conditions);
      // Folding makes "Hà" also find "Hạnh" and "Hannah": list an exact customer number first, then
      // the hits spelled as typed. (PostgreSQL's lower() is ASCII-only under the C collation,
      // so the case variants are made here.)
      const asTyped = [
        ...new Set([q, q.replace(/(^|\s)(\p{Ll})/gu, (_, sp: string, ch: string) => sp + ch.toUpperCase())]),
      ];
      const wordStarts = asTyped.flatMap((v) => [`${escapeLike(v)}%`, `% ${escapeLike(v)}%`]);
      rank = sql`CASE WHEN ${customers.customerNo} = ${upper} THEN 0 WHEN ${or(
        ...wordStarts.map((pattern) => like(customers.fullName, pattern)),
      )} THEN 1 ELSE 2 END`;
    }

    const [rows, [totalRow]] = await Promise.all([
      db
        .select()
        .from(customers)
        .where(where)
        .orderBy(...(rank ? [rank] : []), asc(customers.searchName), asc(customers.customerNo))
        .limit(limit)
        .offset(offset),
      db.select({ n: count() }).from(customers).where(where),
    ]);

    const primaries =
      rows.length === 0
        ? []
        : await db
            .select()
            .from(customerIdentities)
            .where(
              and(
                inArray(
                  customerIdentities.customerId,
                  rows.map((r) => r.id),
                ),
                eq(customerIdentities.isPrimary, true),
                inArray(customerIdentities.kind, ['phone', 'email']),
              ),
            );
    const primaryOf = (customerId: string, kind: IdentityKind) =>
      primaries.find((p) => p.customerId === customerId && p.kind === kind)?.value ?? null;

    return {
      items: rows.map((row) => ({
        ...toCustomer(row),
        primaryPhone: primaryOf(row.id, 'phone'),
        primaryEmail: primaryOf(row.id, 'email'),
      })),
      total: totalRow?.n ?? 0,
    };
  }

  /**
   * Creates a customer with their phones and emails (first of each primary). Throws
   * `CUSTOMER_ALREADY_EXISTS`, `CUSTOMER_IDENTITY_TAKEN` (409) and the `*_INVALID` codes (400).
   */
  async function createCustomer(input: CreateCustomerInput): Promise<CustomerProfile> {
    const customerNo = input.customerNo?.trim().toUpperCase() ?? '';
    if (!CUSTOMER_NO.test(customerNo)) throw invalid('customerNo');
    const fullName = input.fullName?.normalize('NFC').trim().replace(/\s+/g, ' ') ?? '';
    if (fullName.length === 0 || fullName.length > 200) throw invalid('fullName');
    const clean = (value: string | null | undefined) =>
      value?.normalize('NFC').trim().replace(/\s+/g, ' ') || null;
    const preferredLanguage = input.preferredLanguage ?? 'en';
    if (!isLocale(preferredLanguage)) throw invalid('preferredLanguage');
    const segment = input.segment ?? 'mass';
    if (!SEGMENTS.includes(segment)) throw invalid('segment');
    const vipTier = input.vipTier ?? 'none';
    if (!VIP_TIERS.includes(vipTier)) throw invalid('vipTier');
    if (input.gender != null && input.gender !== 'female' && input.gender !== 'male') throw invalid('gender');
    if (input.dateOfBirth != null && !isValidDate(input.dateOfBirth)) throw invalid('dateOfBirth');
    if (input.homeBranchId != null && !UUID.test(input.homeBranchId)) throw invalid('homeBranchId');

    let nationalIdMasked: string | null = null;
    let nationalIdHash: string | null = null;
    if (input.nationalId != null) {
      const nationalId = normaliseNationalId(input.nationalId);
      if (!nationalId) throw new AppError('CUSTOMER_NATIONAL_ID_INVALID', 400);
      nationalIdMasked = maskNationalId(nationalId);
      nationalIdHash = hashNationalId(nationalId, deps.nationalIdKey);
    }

    const phones: string[] = [];
    for (const raw of input.phones ?? []) {
      const phone = parsePhone(raw, input.phoneCountry ?? 'VN');
      if (!phone) throw new AppError('CUSTOMER_PHONE_INVALID', 400);
      if (!phones.includes(phone.e164)) phones.push(phone.e164);
    }
    const emails: string[] = [];
    for (const raw of input.emails ?? []) {
      const email = normaliseEmail(raw);
      if (!email) throw new AppError('CUSTOMER_EMAIL_INVALID', 400);
      if (!emails.includes(email)) emails.push(email);
    }

    const latinName = clean(input.latinName);
    const now = clock.now();
    const id = ids.uuid();
    try {
      await db.transaction(async (tx) => {
        await tx.insert(customers).values({
          id,
          customerNo,
          fullName,
          familyName: clean(input.familyName),
          givenName: clean(input.givenName),
          latinName,
          searchName: buildSearchName(fullName, latinName),
          gender: input.gender ?? null,
          preferredLanguage,
          segment,
          vipTier,
          nationalIdMasked,
          nationalIdHash,
          dateOfBirth: input.dateOfBirth ?? null,
          homeBranchId: input.homeBranchId ?? null,
          marketingSms: input.marketingSms ?? false,
          marketingEmail: input.marketingEmail ?? false,
          marketingCall: input.marketingCall ?? false,
          createdAt: now,
          updatedAt: now,
        });
        const identities = [
          ...phones.map((value, i) => ({ kind: 'phone', value, isPrimary: i === 0 })),
          ...emails.map((value, i) => ({ kind: 'email', value, isPrimary: i === 0 })),
        ].map((identity) => ({ id: ids.uuid(), customerId: id, createdAt: now, ...identity }));
        if (identities.length > 0) await tx.insert(customerIdentities).values(identities);
      });
    } catch (error) {
      if (isForeignKeyViolation(error, 'customers_home_branch_id_branches_id_fk'))
        throw invalid('homeBranchId');
      translateUniqueViolation(error, {
        customers_customer_no_key: 'CUSTOMER_ALREADY_EXISTS',
        customers_national_id_hash_key: 'CUSTOMER_ALREADY_EXISTS',
        customer_identities_kind_value_key: 'CUSTOMER_IDENTITY_TAKEN',
      });
    }
    return getCustomer(id);
  }

  /**
   * The customer behind a phone (E.164) or email given outside a sign-in — an online booking — or,
   * when the bank knows neither, a minimal record created for them: the name as given, that phone
   * and email (unverified), the language they booked in, no marketing consent (service messages
   * only), and a local number `W…` until core banking gives them a CIF. So the reminder, the
   * check-in and the visit land on one timeline. Runs in the caller's transaction; two bookings
   * racing on one phone make one customer (the loser's insert rolls back to its savepoint and
   * finds the winner's).
   */
  async function findOrCreateBooker(
    tx: Tx,
    input: { fullName: string; phone: string | null; email: string | null; preferredLanguage: Locale },
  ): Promise<{ id: string; isNew: boolean } | null> {
    const phone = input.phone && isE164(input.phone.trim()) ? input.phone.trim() : null;
    const email = input.email ? normaliseEmail(input.email) : null;
    if (!phone && !email) return null;
    const find = async () => {
      for (const [kind, value] of [
        ['phone', phone],
        ['email', email],
      ] as const) {
        if (!value) continue;
        const [row] = await tx
          .select({ id: customerIdentities.customerId })
          .from(customerIdentities)
          .where(and(eq(customerIdentities.kind, kind), eq(customerIdentities.value, value)));
        if (row) return row.id;
      }
      return null;
    };
    const known = await find();
    if (known) return { id: known, isNew: false };
    const fullName = input.fullName.normalize('NFC').trim().replace(/\s+/g, ' ').slice(0, 200);
    const id = ids.uuid();
    const now = clock.now();
    try {
      await tx.transaction(async (sp) => {
        await sp.insert(customers).values({
          id,
          customerNo: `W${id.replace(/-/g, '').slice(-11).toUpperCase()}`,
          fullName,
          searchName: buildSearchName(fullName, null),
          preferredLanguage: input.preferredLanguage,
          segment: 'mass',
          vipTier: 'none',
          marketingSms: false,
          marketingEmail: false,
          marketingCall: false,
          createdAt: now,
          updatedAt: now,
        });
        const identities = [
          ...(phone ? [{ kind: 'phone', value: phone }] : []),
          ...(email ? [{ kind: 'email', value: email }] : []),
        ].map((identity) => ({
          id: ids.uuid(),
          customerId: id,
          isPrimary: true,
          createdAt: now,
          ...identity,
        }));
        await sp.insert(customerIdentities).values(identities);
      });
    } catch (error) {
      if (!isUniqueViolation(error, 'customer_identities_kind_value_key')) throw error;
      const winner = await find();
      if (!winner) throw error;
      return { id: winner, isNew: false };
    }
    return { id, isNew: true };
  }

  return {
    findOrCreateBooker,
    getCustomer,
    findCustomer,
    findCustomerByPhone,
    findCustomerByEmail,
    findCustomerByVisitorId,
    findCustomerByNationalId,
    findCustomerByCustomerNo,
    searchCustomers,
    createCustomer,
  };
}

export type CustomersService = ReturnType<typeof createCustomersService>;
