import { describe, expect, it } from 'vitest';
import { normaliseEmail, normalisePhone } from '../modules/customers/index.ts';
import { isLuhnValid } from '../platform/masking.ts';
import {
  DEMO_BRANCHES,
  DEMO_DEPARTMENTS,
  DEMO_SKILLS,
  DEMO_TEAMS,
  DEMO_USERS,
  type DemoRole,
  generateDemoCustomers,
  luhnCheckDigit,
} from './demo-bank.ts';
import { createRandom } from './random.ts';

const ROLES: DemoRole[] = [
  'agent',
  'supervisor',
  'back_office',
  'branch_teller',
  'lobby_manager',
  'knowledge_editor',
  'quality_analyst',
  'workforce_planner',
  'complaints_officer',
  'admin',
  'auditor',
];

describe('createRandom', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
  });

  it('keeps int() within its inclusive bounds and reaches both ends', () => {
    const random = createRandom(7);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) {
      const n = random.int(1, 3);
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(3);
      seen.add(n);
    }
    expect([...seen].sort()).toEqual([1, 2, 3]);
  });
});

describe('luhnCheckDigit', () => {
  it('completes the standard Visa test number', () => {
    expect(luhnCheckDigit('411111111111111')).toBe('1');
    expect(isLuhnValid('79927398713'.split('').map(Number))).toBe(true);
    expect(luhnCheckDigit('7992739871')).toBe('3');
  });
});

describe('demo organisation', () => {
  const branchCodes = new Set(DEMO_BRANCHES.map((b) => b.code));
  const departmentCodes = new Set(DEMO_DEPARTMENTS.map((d) => d.code));
  const teamNames = new Set(DEMO_TEAMS.map((t) => t.name));
  const skillCodes = new Set(DEMO_SKILLS.map((s) => s.code));

  it('has exactly one head office and branches in VN and CN with matching time zones', () => {
    expect(DEMO_BRANCHES.filter((b) => b.isHeadOffice)).toHaveLength(1);
    for (const b of DEMO_BRANCHES) {
      expect(b.timeZone).toBe(b.country === 'VN' ? 'Asia/Ho_Chi_Minh' : 'Asia/Shanghai');
    }
    expect(new Set(DEMO_BRANCHES.map((b) => b.city))).toEqual(
      new Set(['Hanoi', 'Ho Chi Minh City', 'Shanghai', 'Shenzhen']),
    );
  });

  it('uses unique codes and names, and teams point at existing departments and branches', () => {
    expect(branchCodes.size).toBe(DEMO_BRANCHES.length);
    expect(departmentCodes.size).toBe(DEMO_DEPARTMENTS.length);
    expect(teamNames.size).toBe(DEMO_TEAMS.length);
    expect(skillCodes).toEqual(
      new Set([
        'lang_vi',
        'lang_zh',
        'lang_en',
        'cards',
        'loans',
        'deposits',
        'ebanking',
        'complaints',
        'vip',
      ]),
    );
    for (const t of DEMO_TEAMS) {
      expect(departmentCodes.has(t.departmentCode)).toBe(true);
      if (t.branchCode) expect(branchCodes.has(t.branchCode)).toBe(true);
    }
    for (const b of DEMO_BRANCHES.filter((b) => !b.isHeadOffice)) {
      expect(DEMO_TEAMS.some((t) => t.branchCode === b.code)).toBe(true);
    }
  });

  it('has at least one user per role, each referring to existing teams, skills and places', () => {
    for (const role of ROLES) expect(DEMO_USERS.some((u) => u.roles.includes(role))).toBe(true);
    expect(new Set(DEMO_USERS.map((u) => u.username)).size).toBe(DEMO_USERS.length);
    for (const u of DEMO_USERS) {
      for (const r of u.roles) expect(ROLES).toContain(r);
      for (const t of u.teamNames) expect(teamNames.has(t)).toBe(true);
      for (const s of u.skills) {
        expect(skillCodes.has(s.code)).toBe(true);
        expect(s.proficiency).toBeGreaterThanOrEqual(1);
        expect(s.proficiency).toBeLessThanOrEqual(5);
      }
      if (u.departmentCode) expect(departmentCodes.has(u.departmentCode)).toBe(true);
      if (u.branchCode) expect(branchCodes.has(u.branchCode)).toBe(true);
      expect(u.password).toMatch(/^Banyan![a-z]+1$/);
      expect(u.password.length).toBeGreaterThanOrEqual(12);
    }
  });

  it('keeps the three documented sign-ins exactly', () => {
    const byName = (name: string) => DEMO_USERS.find((u) => u.username === name);
    expect(byName('admin')).toMatchObject({ password: 'Banyan!admin1', roles: ['admin'] });
    expect(byName('auditor')).toMatchObject({ password: 'Banyan!audit1', roles: ['auditor'] });
    expect(byName('agent.hanoi')).toMatchObject({
      password: 'Banyan!agent1',
      roles: ['agent'],
      teamNames: ['Hotline Vietnamese'],
      locale: 'vi',
    });
  });
});

describe('generateDemoCustomers', () => {
  const customers = generateDemoCustomers();

  it('produces the same 240 customers on every call', () => {
    expect(customers).toHaveLength(240);
    expect(generateDemoCustomers()).toEqual(customers);
  });

  it('keeps the first customers stable whatever the count', () => {
    expect(generateDemoCustomers(10)).toEqual(customers.slice(0, 10));
  });

  it('starts with the fixed personas', () => {
    const [ha, fang, emily, wei] = customers;
    expect(ha).toMatchObject({
      customerNo: 'C0001001',
      fullName: 'Nguyễn Thị Thu Hà',
      familyName: 'Nguyễn',
      givenName: 'Hà',
      preferredLanguage: 'vi',
      homeBranchCode: 'HN01',
      segment: 'affluent',
      vipTier: 'gold',
      nationalId: '001157958054',
      dateOfBirth: '1957-07-15',
    });
    expect(ha?.phones[0]).toBe('+84912345678');
    expect(ha?.emails).toEqual(['thuha.nguyen@gmail.com']);
    expect(ha?.accounts.map((a) => `${a.accountNo} ${a.product} ${a.currency} ${a.balance}`)).toEqual([
      '110100000014 current VND 70628000.00',
      '110300000020 term_deposit VND 700000000.00',
      '110200000039 savings USD 28076.34',
    ]);
    expect(ha?.cards.map((c) => c.panMasked)).toEqual(['438676******1530', '438676******3109']);
    expect(fang).toMatchObject({
      fullName: '王芳',
      latinName: 'WANG FANG',
      vipTier: 'platinum',
      homeBranchCode: 'SH01',
    });
    expect(emily).toMatchObject({ fullName: 'Emily Carter', preferredLanguage: 'en' });
    expect(wei).toMatchObject({ fullName: '李伟', phones: expect.arrayContaining(['+8613912345678']) });
  });

  it('has unique customer numbers, phones, emails, national ids and account numbers', () => {
    const unique = (values: string[]) => new Set(values).size === values.length;
    expect(unique(customers.map((c) => c.customerNo))).toBe(true);
    expect(unique(customers.flatMap((c) => c.phones))).toBe(true);
    expect(unique(customers.flatMap((c) => c.emails))).toBe(true);
    expect(unique(customers.map((c) => c.nationalId))).toBe(true);
    expect(unique(customers.flatMap((c) => c.accounts.map((a) => a.accountNo)))).toBe(true);
  });

  it('stores phones and emails already normalised', () => {
    for (const c of customers) {
      for (const p of c.phones) expect(normalisePhone(p, 'VN')).toBe(p);
      for (const e of c.emails) expect(normaliseEmail(e)).toBe(e);
      expect(c.phones.length).toBeGreaterThanOrEqual(1);
    }
  });

  it('speaks three languages with Vietnamese diacritics and Han names', () => {
    const languages = new Set(customers.map((c) => c.preferredLanguage));
    expect(languages).toEqual(new Set(['vi', 'zh-CN', 'en']));
    expect(
      customers.some((c) => /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i.test(c.fullName)),
    ).toBe(true);
    expect(customers.some((c) => /^\p{Script=Han}+$/u.test(c.fullName))).toBe(true);
    for (const c of customers) expect(c.latinName).toMatch(/^[A-Z ]+$/);
  });

  it('makes most customers non-VIP and only a few platinum', () => {
    const tiers = customers.map((c) => c.vipTier);
    const share = (tier: string) => tiers.filter((t) => t === tier).length / tiers.length;
    expect(share('none')).toBeGreaterThan(0.6);
    expect(share('platinum')).toBeGreaterThan(0);
    expect(share('platinum')).toBeLessThan(0.08);
  });

  it('gives everyone one to three accounts and at most three cards', () => {
    for (const c of customers) {
      expect(c.accounts.length).toBeGreaterThanOrEqual(1);
      expect(c.accounts.length).toBeLessThanOrEqual(3);
      expect(c.cards.length).toBeLessThanOrEqual(3);
      for (const a of c.accounts) {
        expect(a.accountNo).toMatch(/^\d{12}$/);
        expect(a.balance).toMatch(/^\d+\.\d{2}$/);
      }
    }
  });

  it('never carries a full PAN: masked to BIN and last four, with some lost and blocked cards', () => {
    const cards = customers.flatMap((c) => c.cards);
    for (const card of cards) {
      expect(card.panMasked).toMatch(/^\d{6}\*{3,9}\d{4}$/);
      expect(card.panMasked.endsWith(card.last4)).toBe(true);
      expect(card.creditLimit === null).toBe(card.kind === 'debit');
      expect(card.expires).toMatch(/^(0[1-9]|1[0-2])\/\d{2}$/);
    }
    expect(JSON.stringify(cards)).not.toMatch(/\d{13,19}/);
    expect(cards.some((c) => c.status === 'lost')).toBe(true);
    expect(cards.some((c) => c.status === 'blocked')).toBe(true);
    const prefixes = new Set(cards.map((c) => c.panMasked.slice(0, 1)));
    expect(prefixes).toEqual(new Set(['3', '4', '5', '6', '9']));
  });

  it('shapes national ids like real ones (PRC ids carry a valid ISO 7064 check character)', () => {
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    for (const c of customers) {
      if (/^\d{17}[\dX]$/.test(c.nationalId)) {
        const sum = c.nationalId
          .slice(0, 17)
          .split('')
          .reduce((acc, ch, i) => acc + Number(ch) * (weights[i] as number), 0);
        expect(c.nationalId[17]).toBe('10X98765432'[sum % 11]);
        expect(c.nationalId.slice(6, 14)).toBe(c.dateOfBirth.replaceAll('-', ''));
      } else if (/^\d{12}$/.test(c.nationalId)) {
        expect(c.nationalId.slice(4, 6)).toBe(c.dateOfBirth.slice(2, 4));
      } else {
        expect(c.nationalId).toMatch(/^[A-Z]\d{8}$/);
      }
    }
  });
});
