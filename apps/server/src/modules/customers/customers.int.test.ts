import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { DEMO_BRANCHES, generateDemoCustomers, seedDemoCustomers } from '../../seed/demo-bank.ts';
import { coreDemoAccounts, coreDemoCards, customerIdentities, customers } from './customers.schema.ts';
import {
  type CoreBanking,
  type CustomersService,
  createCustomersService,
  createDemoCoreBanking,
} from './index.ts';

let ctx: TestContext;
let service: CustomersService;
let core: CoreBanking;
const branchIdByCode = new Map<string, string>();
const demo = generateDemoCustomers();

const countOf = async (
  table: typeof customers | typeof customerIdentities | typeof coreDemoAccounts | typeof coreDemoCards,
) => (await ctx.app.db.select({ n: count() }).from(table))[0]?.n ?? 0;

beforeAll(async () => {
  ctx = await createTestContext();
  for (const b of DEMO_BRANCHES) branchIdByCode.set(b.code, (await ctx.app.staff.createBranch(null, b)).id);
  service = createCustomersService({ db: ctx.app.db, ids: ctx.app.ids, clock: ctx.clock });
  core = createDemoCoreBanking({ db: ctx.app.db, clock: ctx.clock });
});

afterAll(async () => {
  await ctx?.close();
});

describe('seedDemoCustomers', () => {
  it('inserts 240 customers with their identities, accounts and cards, reporting progress', async () => {
    const progress: [number, number][] = [];
    const result = await seedDemoCustomers({
      db: ctx.app.db,
      ids: ctx.app.ids,
      clock: ctx.clock,
      branchIdByCode,
      onProgress: (done, total) => progress.push([done, total]),
    });
    const expected = {
      identities: demo.reduce((n, c) => n + c.phones.length + c.emails.length, 0),
      accounts: demo.reduce((n, c) => n + c.accounts.length, 0),
      cards: demo.reduce((n, c) => n + c.cards.length, 0),
    };
    expect(result).toEqual({ skipped: false, customers: 240, ...expected });
    expect(progress.at(-1)).toEqual([240, 240]);

    expect(await countOf(customers)).toBe(240);
    expect(await countOf(customerIdentities)).toBe(expected.identities);
    expect(await countOf(coreDemoAccounts)).toBe(expected.accounts);
    expect(await countOf(coreDemoCards)).toBe(expected.cards);
  });

  it('stores national ids only masked and hashed, and card numbers only as BIN + last four', async () => {
    const [ha] = await ctx.app.db.select().from(customers).where(eq(customers.customerNo, 'C0001001'));
    expect(ha?.nationalIdMasked).toBe('0011******54');
    expect(ha?.nationalIdHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(ha)).not.toContain(demo[0]?.nationalId);
    expect(ha?.homeBranchId).toBe(branchIdByCode.get('HN01'));

    const { rows } = await ctx.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM core_demo_cards WHERE pan_masked !~ '^[0-9]{6}[*]+[0-9]{4}$'`,
    );
    expect(rows[0]?.n).toBe(0);
  });

  it('is idempotent: a second run inserts nothing', async () => {
    const result = await seedDemoCustomers({
      db: ctx.app.db,
      ids: ctx.app.ids,
      clock: ctx.clock,
      branchIdByCode,
    });
    expect(result).toEqual({ skipped: true, customers: 0, identities: 0, accounts: 0, cards: 0 });
    expect(await countOf(customers)).toBe(240);
  });

  it('lets the database refuse a full PAN even if code tried to store one', async () => {
    const [card] = await ctx.app.db.select().from(coreDemoCards).limit(1);
    await expect(
      ctx.pool.query(
        `UPDATE core_demo_cards SET pan_masked = '4111111111111111', last4 = '1111' WHERE id = $1`,
        [card?.id],
      ),
    ).rejects.toThrow(/core_demo_cards_pan_masked_check/);
  });
});

describe('searchCustomers', () => {
  const numbers = async (q: string) =>
    (await service.searchCustomers({ q, limit: 50 })).items.map((c) => c.customerNo);

  it('finds a Vietnamese name with or without diacritics, by any word', async () => {
    expect(await numbers('Nguyễn Thị Thu Hà')).toContain('C0001001');
    expect(await numbers('nguyen thi thu ha')).toContain('C0001001');
    expect(await numbers('Thu Hà')).toContain('C0001001');
    const { items } = await service.searchCustomers({ q: 'NGUYEN THI THU' });
    expect(items[0]).toMatchObject({
      customerNo: 'C0001001',
      fullName: 'Nguyễn Thị Thu Hà',
      primaryPhone: '+84912345678',
      primaryEmail: 'thuha.nguyen@gmail.com',
    });
  });

  it('lists the names spelled as typed before the diacritic-insensitive matches', async () => {
    const { items } = await service.searchCustomers({ q: 'Hà', limit: 100 });
    const firstOther = items.findIndex((c) => !/(^| )Hà/.test(c.fullName));
    const lastExact = items.map((c) => /(^| )Hà/.test(c.fullName)).lastIndexOf(true);
    expect(lastExact).toBeGreaterThanOrEqual(0);
    if (firstOther >= 0) expect(lastExact).toBeLessThan(firstOther);
  });

  it('finds a Chinese name by characters, by family name, and by pinyin', async () => {
    expect(await numbers('王芳')).toContain('C0001002');
    expect(await numbers('王')).toContain('C0001002');
    expect(await numbers('wang fang')).toContain('C0001002');
    expect(await numbers('李伟')).toContain('C0001004');
  });

  it('finds by phone in national, international and spaced forms', async () => {
    expect(await numbers('0912 345 678')).toEqual(['C0001001']);
    expect(await numbers('+84912345678')).toEqual(['C0001001']);
    expect(await numbers('138-1234-5678')).toEqual(['C0001002']);
    expect(await numbers('+86 138 1234 5678')).toEqual(['C0001002']);
  });

  it('finds by email, case-insensitively and by its beginning', async () => {
    expect(await numbers('Emily.Carter@Outlook.com')).toEqual(['C0001003']);
    expect(await numbers('emily.car')).toContain('C0001003');
  });

  it('finds by customer number and pages with a total', async () => {
    expect((await service.searchCustomers({ q: 'c0001002' })).items[0]?.customerNo).toBe('C0001002');
    const page1 = await service.searchCustomers({ limit: 10 });
    const page2 = await service.searchCustomers({ limit: 10, offset: 10 });
    expect(page1.total).toBe(240);
    expect(page1.items).toHaveLength(10);
    expect(page2.items.map((c) => c.id)).not.toContain(page1.items[0]?.id);
  });

  it('treats LIKE wildcards as text', async () => {
    expect((await service.searchCustomers({ q: '%' })).total).toBe(0);
    expect((await service.searchCustomers({ q: '_' })).total).toBe(0);
  });
});

describe('customer lookups', () => {
  it('gets a customer with identities, and throws CUSTOMER_NOT_FOUND for unknown or malformed ids', async () => {
    const ha = await service.findCustomerByPhone('+84912345678');
    expect(ha?.customerNo).toBe('C0001001');
    const again = await service.getCustomer(ha?.id as string);
    expect(again.identities.map((i) => `${i.kind}:${i.value}`)).toContain('email:thuha.nguyen@gmail.com');
    await expect(service.getCustomer('0190f0f0-0000-7000-8000-000000000000')).rejects.toMatchObject({
      code: 'CUSTOMER_NOT_FOUND',
      status: 404,
    });
    await expect(service.getCustomer('not-a-uuid')).rejects.toMatchObject({ code: 'CUSTOMER_NOT_FOUND' });
  });

  it('finds by email, national id and customer number; returns null for unknown ones', async () => {
    expect((await service.findCustomerByEmail(' WANGFANG@qq.com '))?.customerNo).toBe('C0001002');
    expect((await service.findCustomerByNationalId(demo[0]?.nationalId as string))?.customerNo).toBe(
      'C0001001',
    );
    expect((await service.findCustomerByCustomerNo('c0001003'))?.fullName).toBe('Emily Carter');
    expect(await service.findCustomerByPhone('0912345678')).toBeNull();
    expect(await service.findCustomerByPhone('+84999999999')).toBeNull();
    expect(await service.findCustomerByEmail('nobody@example.com')).toBeNull();
  });
});

describe('createCustomer', () => {
  it('normalises and stores the customer with primary identities', async () => {
    const created = await service.createCustomer({
      customerNo: 'c0009001',
      fullName: '  Đặng  Văn Đức ',
      familyName: 'Đặng',
      givenName: 'Đức',
      latinName: 'DANG VAN DUC',
      phones: ['0988 123 456', '+84 988 123 456', '+86 139 0000 1111'],
      emails: ['Duc.Dang@Example.com'],
      nationalId: '001 0850 12345',
      preferredLanguage: 'vi',
      homeBranchId: branchIdByCode.get('HN01'),
      marketingSms: true,
    });
    expect(created).toMatchObject({
      customerNo: 'C0009001',
      fullName: 'Đặng Văn Đức',
      nationalIdMasked: '0010******45',
      marketingSms: true,
      marketingEmail: false,
      createdAt: ctx.clock.now(),
    });
    expect(created.identities.map((i) => `${i.kind}:${i.value}:${i.isPrimary}`).sort()).toEqual([
      'email:duc.dang@example.com:true',
      'phone:+84988123456:true',
      'phone:+8613900001111:false',
    ]);
    const [row] = await ctx.app.db.select().from(customers).where(eq(customers.id, created.id));
    expect(row?.searchName).toBe('dang van duc');
    expect((await service.searchCustomers({ q: 'dang van d' })).items.map((c) => c.id)).toContain(created.id);
  });

  it('refuses a duplicate customer number, national id, phone or email', async () => {
    await expect(service.createCustomer({ customerNo: 'C0001001', fullName: 'X' })).rejects.toMatchObject({
      code: 'CUSTOMER_ALREADY_EXISTS',
      status: 409,
    });
    await expect(
      service.createCustomer({ customerNo: 'C0009002', fullName: 'X', nationalId: demo[1]?.nationalId }),
    ).rejects.toMatchObject({ code: 'CUSTOMER_ALREADY_EXISTS' });
    await expect(
      service.createCustomer({
        customerNo: 'C0009003',
        fullName: 'X',
        phones: ['13812345678'],
        phoneCountry: 'CN',
      }),
    ).rejects.toMatchObject({ code: 'CUSTOMER_IDENTITY_TAKEN', status: 409 });
    await expect(
      service.createCustomer({ customerNo: 'C0009004', fullName: 'X', emails: ['EMILY.CARTER@outlook.com'] }),
    ).rejects.toMatchObject({ code: 'CUSTOMER_IDENTITY_TAKEN' });
    expect(await service.findCustomerByCustomerNo('C0009003')).toBeNull();
  });

  it('rejects invalid input with a specific code', async () => {
    const attempt = (input: Partial<Parameters<CustomersService['createCustomer']>[0]>) =>
      service.createCustomer({ customerNo: 'C0009100', fullName: 'Valid Name', ...input });
    await expect(attempt({ phones: ['12345'] })).rejects.toMatchObject({
      code: 'CUSTOMER_PHONE_INVALID',
      status: 400,
    });
    await expect(attempt({ emails: ['not-an-email'] })).rejects.toMatchObject({
      code: 'CUSTOMER_EMAIL_INVALID',
    });
    await expect(attempt({ nationalId: '12' })).rejects.toMatchObject({
      code: 'CUSTOMER_NATIONAL_ID_INVALID',
    });
    await expect(attempt({ customerNo: 'C-1' })).rejects.toMatchObject({
      code: 'CUSTOMER_INPUT_INVALID',
      params: { field: 'customerNo' },
    });
    await expect(attempt({ fullName: '   ' })).rejects.toMatchObject({ params: { field: 'fullName' } });
    await expect(attempt({ dateOfBirth: '1990-02-30' })).rejects.toMatchObject({
      params: { field: 'dateOfBirth' },
    });
    await expect(attempt({ homeBranchId: '0190f0f0-0000-7000-8000-000000000000' })).rejects.toMatchObject({
      params: { field: 'homeBranchId' },
    });
  });
});

describe('demo core banking', () => {
  it('lists accounts and cards of a customer as plain objects', async () => {
    const ha = await service.getCustomer((await service.findCustomerByPhone('+84912345678'))?.id as string);
    const accounts = await core.listAccounts(ha.id);
    expect(accounts.map((a) => `${a.accountNo} ${a.product} ${a.currency} ${a.balance}`).sort()).toEqual(
      demo[0]?.accounts.map((a) => `${a.accountNo} ${a.product} ${a.currency} ${a.balance}`).sort(),
    );
    const cards = await core.listCards(ha.id);
    expect(cards.map((c) => c.panMasked).sort()).toEqual(demo[0]?.cards.map((c) => c.panMasked).sort());
    const debit = cards.find((c) => c.kind === 'debit');
    expect(accounts.map((a) => a.id)).toContain(debit?.accountId);
    expect(await core.listAccounts('not-a-uuid')).toEqual([]);
  });

  it('finds cards by last four, within a customer or across customers', async () => {
    const ha = await service.findCustomerByPhone('+84912345678');
    const [card] = await core.listCards(ha?.id as string);
    const mine = await core.findCardsByLast4({ customerId: ha?.id, last4: card?.last4 as string });
    expect(mine.map((c) => c.id)).toEqual([card?.id]);
    const anyone = await core.findCardsByLast4({ last4: card?.last4 as string });
    expect(anyone.map((c) => c.id)).toContain(card?.id);
    expect(await core.findCardsByLast4({ last4: '12a4' })).toEqual([]);
  });

  it('blocks a card once, reports repeats, refuses expired cards, and records who and why', async () => {
    const wang = await service.findCustomerByPhone('+8613812345678');
    const [card] = (await core.listCards(wang?.id as string)).filter((c) => c.status === 'active');
    if (!card) throw new Error('demo persona 王芳 should have an active card');
    const actorId = ctx.app.ids.uuid();

    const first = await core.blockCard({ cardId: card.id, reason: 'suspected_fraud', actorId });
    expect(first).toMatchObject({ outcome: 'blocked', card: { id: card.id, status: 'blocked' } });
    const [row] = await ctx.app.db.select().from(coreDemoCards).where(eq(coreDemoCards.id, card.id));
    expect(row).toMatchObject({
      blockReason: 'suspected_fraud',
      blockedBy: actorId,
      blockedAt: ctx.clock.now(),
    });

    const again = await core.blockCard({ cardId: card.id, reason: 'lost', actorId });
    expect(again.outcome).toBe('already_blocked');

    const [expired] = await ctx.app.db
      .select()
      .from(coreDemoCards)
      .where(eq(coreDemoCards.status, 'expired'))
      .limit(1);
    expect((await core.blockCard({ cardId: expired?.id as string, reason: 'lost', actorId })).outcome).toBe(
      'not_blockable',
    );
  });

  it('marks lost and stolen cards as lost', async () => {
    const [active] = await ctx.app.db
      .select()
      .from(coreDemoCards)
      .where(eq(coreDemoCards.status, 'active'))
      .limit(1);
    const result = await core.blockCard({ cardId: active?.id as string, reason: 'stolen', actorId: null });
    expect(result).toMatchObject({ outcome: 'blocked', card: { status: 'lost' } });
  });

  it('throws for an unknown card or reason', async () => {
    await expect(
      core.blockCard({ cardId: '0190f0f0-0000-7000-8000-000000000000', reason: 'lost', actorId: null }),
    ).rejects.toMatchObject({ code: 'CORE_CARD_NOT_FOUND', status: 404 });
    const [active] = await ctx.app.db
      .select()
      .from(coreDemoCards)
      .where(eq(coreDemoCards.status, 'active'))
      .limit(1);
    await expect(
      core.blockCard({ cardId: active?.id as string, reason: 'bored' as 'lost', actorId: null }),
    ).rejects.toMatchObject({ code: 'CORE_BLOCK_REASON_INVALID', status: 400 });
  });
});

describe('bookers the bank does not know', () => {
  it('are found by phone or email, else created once even when two bookings race', async () => {
    const input = {
      fullName: '  Phạm   Minh Đức ',
      phone: '+84966123456',
      email: 'Duc.Pham@Example.vn',
      preferredLanguage: 'vi' as const,
    };
    // A holds its new customer uncommitted while B looks for the same phone: B must end on A's.
    let releaseA = () => {};
    const gate = new Promise<void>((resolve) => {
      releaseA = resolve;
    });
    const a = ctx.app.db.transaction(async (tx) => {
      const found = await service.findOrCreateBooker(tx, input);
      await gate;
      return found;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const b = ctx.app.db.transaction((tx) => service.findOrCreateBooker(tx, input));
    await new Promise((resolve) => setTimeout(resolve, 200));
    releaseA();
    const [first, second] = await Promise.all([a, b]);
    expect(first?.isNew).toBe(true);
    expect(second).toEqual({ id: first?.id, isNew: false });
    const made = await service.getCustomer(first?.id as string);
    expect(made).toMatchObject({
      fullName: 'Phạm Minh Đức',
      preferredLanguage: 'vi',
      marketingSms: false,
      marketingEmail: false,
      marketingCall: false,
    });
    expect(made.customerNo).toMatch(/^W[0-9A-F]{11}$/);
    expect(made.identities.map((i) => [i.kind, i.value, i.isVerified]).sort()).toEqual([
      ['email', 'duc.pham@example.vn', false],
      ['phone', '+84966123456', false],
    ]);
    // By email alone: the same customer; neither phone nor email: nobody.
    const byEmail = await ctx.app.db.transaction((tx) =>
      service.findOrCreateBooker(tx, { ...input, phone: null, email: 'duc.pham@example.vn' }),
    );
    expect(byEmail).toEqual({ id: first?.id, isNew: false });
    expect(
      await ctx.app.db.transaction((tx) =>
        service.findOrCreateBooker(tx, { ...input, phone: null, email: null }),
      ),
    ).toBeNull();
  });
});
