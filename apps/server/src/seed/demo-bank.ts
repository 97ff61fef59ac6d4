import { count, sql } from 'drizzle-orm';
import {
  type AccountProduct,
  type AccountStatus,
  buildSearchName,
  type CardBrand,
  type CardStatus,
  type CoreCard,
  type Currency,
  coreDemoAccounts,
  coreDemoCards,
  customerIdentities,
  customers,
  type Gender,
  hashNationalId,
  maskNationalId,
  type Segment,
  type VipTier,
} from '../modules/customers/index.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/db.ts';
import type { Locale } from '../platform/i18n.ts';
import type { Ids } from '../platform/ids.ts';
import { isLuhnValid, maskPans } from '../platform/masking.ts';
import { createRandom, type Random } from './random.ts';

/**
 * The demo bank: a Vietnamese bank with branches in Hanoi and Ho Chi Minh City and a Chinese
 * network in Shanghai and Shenzhen. Everything here is fixed or drawn from a fixed-seed PRNG, so
 * every install, test and screenshot shows the same bank. Passwords are printed on purpose: they
 * exist only in demo mode.
 */

// ---------------------------------------------------------------------------------------------
// Organisation

export type DemoCountry = 'VN' | 'CN';

export interface DemoBranch {
  code: string;
  name: string;
  city: string;
  country: DemoCountry;
  timeZone: 'Asia/Ho_Chi_Minh' | 'Asia/Shanghai';
  isHeadOffice: boolean;
}

export const DEMO_BRANCHES: readonly DemoBranch[] = [
  {
    code: 'HO',
    name: 'Head Office – Hội sở chính',
    city: 'Hanoi',
    country: 'VN',
    timeZone: 'Asia/Ho_Chi_Minh',
    isHeadOffice: true,
  },
  {
    code: 'HN01',
    name: 'Hanoi Hoan Kiem Branch – Chi nhánh Hoàn Kiếm',
    city: 'Hanoi',
    country: 'VN',
    timeZone: 'Asia/Ho_Chi_Minh',
    isHeadOffice: false,
  },
  {
    code: 'HCM01',
    name: 'Saigon Branch – Chi nhánh Sài Gòn',
    city: 'Ho Chi Minh City',
    country: 'VN',
    timeZone: 'Asia/Ho_Chi_Minh',
    isHeadOffice: false,
  },
  {
    code: 'SH01',
    name: 'Shanghai Lujiazui Branch 上海陆家嘴支行',
    city: 'Shanghai',
    country: 'CN',
    timeZone: 'Asia/Shanghai',
    isHeadOffice: false,
  },
  {
    code: 'SZ01',
    name: 'Shenzhen Futian Branch 深圳福田支行',
    city: 'Shenzhen',
    country: 'CN',
    timeZone: 'Asia/Shanghai',
    isHeadOffice: false,
  },
];

export type DemoDepartmentKind = 'front_office' | 'back_office' | 'branch' | 'management';

export interface DemoDepartment {
  code: string;
  name: string;
  kind: DemoDepartmentKind;
}

export const DEMO_DEPARTMENTS: readonly DemoDepartment[] = [
  { code: 'CC', name: 'Contact Center', kind: 'front_office' },
  { code: 'CARD', name: 'Card Center', kind: 'back_office' },
  { code: 'CREDIT', name: 'Credit', kind: 'back_office' },
  { code: 'OPS', name: 'Operations', kind: 'back_office' },
  { code: 'IT', name: 'IT', kind: 'back_office' },
  { code: 'CMPL', name: 'Complaints & Service Quality', kind: 'back_office' },
  { code: 'BRN', name: 'Branch Network', kind: 'branch' },
  { code: 'MGMT', name: 'Management', kind: 'management' },
];

export interface DemoTeam {
  name: string;
  departmentCode: string;
  branchCode: string | null;
}

export const DEMO_TEAMS: readonly DemoTeam[] = [
  { name: 'Hotline Vietnamese', departmentCode: 'CC', branchCode: null },
  { name: 'Hotline Chinese', departmentCode: 'CC', branchCode: null },
  { name: 'Hotline English & VIP', departmentCode: 'CC', branchCode: null },
  { name: 'Contact Center Support', departmentCode: 'CC', branchCode: null },
  { name: 'Card Center', departmentCode: 'CARD', branchCode: null },
  { name: 'Credit', departmentCode: 'CREDIT', branchCode: null },
  { name: 'Operations', departmentCode: 'OPS', branchCode: null },
  { name: 'IT Support', departmentCode: 'IT', branchCode: null },
  { name: 'Complaints', departmentCode: 'CMPL', branchCode: null },
  { name: 'Branch Hoan Kiem', departmentCode: 'BRN', branchCode: 'HN01' },
  { name: 'Branch Saigon', departmentCode: 'BRN', branchCode: 'HCM01' },
  { name: 'Branch Shanghai Lujiazui', departmentCode: 'BRN', branchCode: 'SH01' },
  { name: 'Branch Shenzhen Futian', departmentCode: 'BRN', branchCode: 'SZ01' },
];

export interface DemoSkill {
  code: string;
  name: string;
}

export const DEMO_SKILLS: readonly DemoSkill[] = [
  { code: 'lang_vi', name: 'Vietnamese – Tiếng Việt' },
  { code: 'lang_zh', name: 'Chinese – 中文' },
  { code: 'lang_en', name: 'English' },
  { code: 'cards', name: 'Cards' },
  { code: 'loans', name: 'Loans' },
  { code: 'deposits', name: 'Deposits' },
  { code: 'ebanking', name: 'E-banking' },
  { code: 'complaints', name: 'Complaints' },
  { code: 'vip', name: 'VIP service' },
];

export interface DemoCalendar {
  code: string;
  name: string;
  timeZone: string;
  weekly: Partial<Record<'0' | '1' | '2' | '3' | '4' | '5' | '6', Array<[string, string]>>>;
  holidays: Array<{ date: string; name: string; hours?: Array<[string, string]> }>;
}

/**
 * Office hours of the back-office queues. The chat queues have no calendar: the demo's chat is
 * open 24/7 (so the demo and its browser journeys work at any hour). Public holidays follow the
 * Vietnamese Labour Code 2019 art. 112 and the PRC State Council's yearly notice; the exact days
 * off (bridges, make-up working days) are set each year, so a bank checks them against the
 * official notice — these are demo data.
 */
export const DEMO_CALENDARS: readonly DemoCalendar[] = [
  {
    code: 'vn-office',
    name: 'Vietnam office hours',
    timeZone: 'Asia/Ho_Chi_Minh',
    weekly: {
      '1': [['08:00', '17:30']],
      '2': [['08:00', '17:30']],
      '3': [['08:00', '17:30']],
      '4': [['08:00', '17:30']],
      '5': [['08:00', '17:30']],
      '6': [['08:00', '12:00']],
    },
    holidays: [
      { date: '2026-01-01', name: 'Tết Dương lịch' },
      { date: '2026-02-13', name: 'Trước Tết (chỉ làm buổi sáng)', hours: [['08:00', '12:00']] },
      { date: '2026-02-14', name: 'Tết Nguyên Đán' },
      { date: '2026-02-16', name: 'Tết Nguyên Đán' },
      { date: '2026-02-17', name: 'Tết Nguyên Đán' },
      { date: '2026-02-18', name: 'Tết Nguyên Đán' },
      { date: '2026-02-19', name: 'Tết Nguyên Đán' },
      { date: '2026-02-20', name: 'Tết Nguyên Đán' },
      { date: '2026-02-21', name: 'Tết Nguyên Đán' },
      { date: '2026-04-27', name: 'Giỗ Tổ Hùng Vương (nghỉ bù)' },
      { date: '2026-04-30', name: 'Ngày Giải phóng miền Nam' },
      { date: '2026-05-01', name: 'Ngày Quốc tế Lao động' },
      { date: '2026-09-01', name: 'Quốc khánh' },
      { date: '2026-09-02', name: 'Quốc khánh' },
      { date: '2027-01-01', name: 'Tết Dương lịch' },
      { date: '2027-02-04', name: 'Trước Tết (chỉ làm buổi sáng)', hours: [['08:00', '12:00']] },
      { date: '2027-02-05', name: 'Tết Nguyên Đán' },
      { date: '2027-02-06', name: 'Tết Nguyên Đán' },
      { date: '2027-02-08', name: 'Tết Nguyên Đán' },
      { date: '2027-02-09', name: 'Tết Nguyên Đán' },
      { date: '2027-02-10', name: 'Tết Nguyên Đán' },
      { date: '2027-04-16', name: 'Giỗ Tổ Hùng Vương' },
      { date: '2027-04-30', name: 'Ngày Giải phóng miền Nam' },
      { date: '2027-05-01', name: 'Ngày Quốc tế Lao động' },
      { date: '2027-05-03', name: 'Ngày Quốc tế Lao động (nghỉ bù)' },
      { date: '2027-09-02', name: 'Quốc khánh' },
      { date: '2027-09-03', name: 'Quốc khánh' },
    ],
  },
  {
    code: 'cn-office',
    name: '中国后台工作时间 China office hours',
    timeZone: 'Asia/Shanghai',
    weekly: {
      '1': [
        ['08:30', '12:00'],
        ['13:30', '17:30'],
      ],
      '2': [
        ['08:30', '12:00'],
        ['13:30', '17:30'],
      ],
      '3': [
        ['08:30', '12:00'],
        ['13:30', '17:30'],
      ],
      '4': [
        ['08:30', '12:00'],
        ['13:30', '17:30'],
      ],
      '5': [
        ['08:30', '12:00'],
        ['13:30', '17:30'],
      ],
    },
    holidays: [
      { date: '2026-01-01', name: '元旦' },
      { date: '2026-01-02', name: '元旦' },
      {
        date: '2026-02-14',
        name: '调休上班日',
        hours: [
          ['08:30', '12:00'],
          ['13:30', '17:30'],
        ],
      },
      { date: '2026-02-16', name: '春节' },
      { date: '2026-02-17', name: '春节' },
      { date: '2026-02-18', name: '春节' },
      { date: '2026-02-19', name: '春节' },
      { date: '2026-02-20', name: '春节' },
      { date: '2026-02-23', name: '春节' },
      {
        date: '2026-02-28',
        name: '调休上班日',
        hours: [
          ['08:30', '12:00'],
          ['13:30', '17:30'],
        ],
      },
      { date: '2026-04-06', name: '清明节' },
      { date: '2026-05-01', name: '劳动节' },
      { date: '2026-05-04', name: '劳动节' },
      { date: '2026-05-05', name: '劳动节' },
      { date: '2026-06-19', name: '端午节' },
      { date: '2026-09-25', name: '中秋节' },
      { date: '2026-10-01', name: '国庆节' },
      { date: '2026-10-02', name: '国庆节' },
      { date: '2026-10-05', name: '国庆节' },
      { date: '2026-10-06', name: '国庆节' },
      { date: '2026-10-07', name: '国庆节' },
      { date: '2027-01-01', name: '元旦' },
    ],
  },
];

export type DemoRole =
  | 'agent'
  | 'supervisor'
  | 'back_office'
  | 'branch_teller'
  | 'lobby_manager'
  | 'knowledge_editor'
  | 'quality_analyst'
  | 'workforce_planner'
  | 'complaints_officer'
  | 'admin'
  | 'auditor';

export interface DemoUser {
  username: string;
  displayName: string;
  email: string;
  /** Demo only, printed in the README and on the sign-in page in demo mode. */
  password: string;
  roles: DemoRole[];
  teamNames: string[];
  departmentCode: string | null;
  branchCode: string | null;
  locale: Locale;
  /** Proficiency 1 (basic) to 5 (expert). */
  skills: { code: string; proficiency: number }[];
}

const demoEmail = (username: string) => `${username}@banyan-demo.bank`;

const user = (u: Omit<DemoUser, 'email'>): DemoUser => ({ ...u, email: demoEmail(u.username) });

/** Every role has at least one user. All passwords follow `Banyan!<word>1` and are ≥ 12 characters. */
export const DEMO_USERS: readonly DemoUser[] = [
  user({
    username: 'admin',
    displayName: 'Trần Quốc Bảo',
    password: 'Banyan!admin1',
    roles: ['admin'],
    teamNames: [],
    departmentCode: 'IT',
    branchCode: 'HO',
    locale: 'en',
    skills: [],
  }),
  user({
    username: 'auditor',
    displayName: 'Phạm Minh Châu',
    password: 'Banyan!audit1',
    roles: ['auditor'],
    teamNames: [],
    departmentCode: 'MGMT',
    branchCode: 'HO',
    locale: 'vi',
    skills: [],
  }),
  user({
    username: 'agent.hanoi',
    displayName: 'Nguyễn Thị Lan',
    password: 'Banyan!agent1',
    roles: ['agent'],
    teamNames: ['Hotline Vietnamese'],
    departmentCode: 'CC',
    branchCode: 'HO',
    locale: 'vi',
    skills: [
      { code: 'lang_vi', proficiency: 5 },
      { code: 'lang_en', proficiency: 2 },
      { code: 'cards', proficiency: 4 },
      { code: 'deposits', proficiency: 3 },
      { code: 'ebanking', proficiency: 4 },
    ],
  }),
  user({
    username: 'agent.saigon',
    displayName: 'Lê Hoàng Nam',
    password: 'Banyan!agent1',
    roles: ['agent'],
    teamNames: ['Hotline Vietnamese'],
    departmentCode: 'CC',
    branchCode: 'HO',
    locale: 'vi',
    skills: [
      { code: 'lang_vi', proficiency: 5 },
      { code: 'loans', proficiency: 4 },
      { code: 'deposits', proficiency: 4 },
      { code: 'cards', proficiency: 2 },
    ],
  }),
  user({
    username: 'agent.shanghai',
    displayName: '陈静',
    password: 'Banyan!agent1',
    roles: ['agent'],
    teamNames: ['Hotline Chinese'],
    departmentCode: 'CC',
    branchCode: 'SH01',
    locale: 'zh-CN',
    skills: [
      { code: 'lang_zh', proficiency: 5 },
      { code: 'lang_en', proficiency: 3 },
      { code: 'cards', proficiency: 4 },
      { code: 'ebanking', proficiency: 3 },
    ],
  }),
  user({
    username: 'agent.vip',
    displayName: 'Olivia Tran',
    password: 'Banyan!agent1',
    roles: ['agent'],
    teamNames: ['Hotline English & VIP'],
    departmentCode: 'CC',
    branchCode: 'HO',
    locale: 'en',
    skills: [
      { code: 'lang_en', proficiency: 5 },
      { code: 'lang_vi', proficiency: 4 },
      { code: 'vip', proficiency: 5 },
      { code: 'deposits', proficiency: 4 },
      { code: 'loans', proficiency: 3 },
      { code: 'cards', proficiency: 3 },
    ],
  }),
  user({
    username: 'supervisor',
    displayName: 'Hoàng Thị Mai',
    password: 'Banyan!super1',
    roles: ['supervisor'],
    teamNames: ['Hotline Vietnamese', 'Hotline Chinese', 'Hotline English & VIP'],
    departmentCode: 'CC',
    branchCode: 'HO',
    locale: 'vi',
    skills: [
      { code: 'lang_vi', proficiency: 5 },
      { code: 'lang_en', proficiency: 4 },
      { code: 'complaints', proficiency: 4 },
      { code: 'vip', proficiency: 3 },
    ],
  }),
  user({
    username: 'cards.officer',
    displayName: 'Đỗ Văn Hùng',
    password: 'Banyan!cards1',
    roles: ['back_office'],
    teamNames: ['Card Center'],
    departmentCode: 'CARD',
    branchCode: 'HO',
    locale: 'vi',
    skills: [
      { code: 'cards', proficiency: 5 },
      { code: 'lang_vi', proficiency: 5 },
    ],
  }),
  user({
    username: 'credit.officer',
    displayName: 'Vũ Thị Hương',
    password: 'Banyan!credit1',
    roles: ['back_office'],
    teamNames: ['Credit'],
    departmentCode: 'CREDIT',
    branchCode: 'HO',
    locale: 'vi',
    skills: [
      { code: 'loans', proficiency: 5 },
      { code: 'lang_vi', proficiency: 5 },
    ],
  }),
  user({
    username: 'ops.officer',
    displayName: '孙丽华',
    password: 'Banyan!oper1',
    roles: ['back_office'],
    teamNames: ['Operations'],
    departmentCode: 'OPS',
    branchCode: 'SH01',
    locale: 'zh-CN',
    skills: [
      { code: 'deposits', proficiency: 5 },
      { code: 'lang_zh', proficiency: 5 },
      { code: 'lang_en', proficiency: 3 },
    ],
  }),
  user({
    username: 'it.officer',
    displayName: 'Bùi Đức Thắng',
    password: 'Banyan!tech1',
    roles: ['back_office'],
    teamNames: ['IT Support'],
    departmentCode: 'IT',
    branchCode: 'HO',
    locale: 'vi',
    skills: [
      { code: 'ebanking', proficiency: 5 },
      { code: 'lang_vi', proficiency: 5 },
      { code: 'lang_en', proficiency: 4 },
    ],
  }),
  user({
    username: 'teller.hanoi',
    displayName: 'Ngô Thanh Tùng',
    password: 'Banyan!teller1',
    roles: ['branch_teller'],
    teamNames: ['Branch Hoan Kiem'],
    departmentCode: 'BRN',
    branchCode: 'HN01',
    locale: 'vi',
    skills: [
      { code: 'deposits', proficiency: 4 },
      { code: 'lang_vi', proficiency: 5 },
    ],
  }),
  user({
    username: 'teller.hcm',
    displayName: 'Trương Thị Ngọc Ánh',
    password: 'Banyan!teller1',
    roles: ['branch_teller'],
    teamNames: ['Branch Saigon'],
    departmentCode: 'BRN',
    branchCode: 'HCM01',
    locale: 'vi',
    skills: [
      { code: 'deposits', proficiency: 4 },
      { code: 'cards', proficiency: 3 },
      { code: 'lang_vi', proficiency: 5 },
    ],
  }),
  user({
    username: 'lobby.hcm',
    displayName: 'Phan Văn Tài',
    password: 'Banyan!lobby1',
    roles: ['lobby_manager'],
    teamNames: ['Branch Saigon'],
    departmentCode: 'BRN',
    branchCode: 'HCM01',
    locale: 'vi',
    skills: [
      { code: 'lang_vi', proficiency: 5 },
      { code: 'lang_en', proficiency: 3 },
    ],
  }),
  user({
    username: 'teller.shanghai',
    displayName: '刘洋',
    password: 'Banyan!teller1',
    roles: ['branch_teller'],
    teamNames: ['Branch Shanghai Lujiazui'],
    departmentCode: 'BRN',
    branchCode: 'SH01',
    locale: 'zh-CN',
    skills: [
      { code: 'deposits', proficiency: 4 },
      { code: 'lang_zh', proficiency: 5 },
    ],
  }),
  user({
    username: 'lobby.shenzhen',
    displayName: '黄丽',
    password: 'Banyan!lobby1',
    roles: ['lobby_manager'],
    teamNames: ['Branch Shenzhen Futian'],
    departmentCode: 'BRN',
    branchCode: 'SZ01',
    locale: 'zh-CN',
    skills: [
      { code: 'lang_zh', proficiency: 5 },
      { code: 'lang_en', proficiency: 2 },
    ],
  }),
  user({
    username: 'editor',
    displayName: 'Lý Thu Trang',
    password: 'Banyan!editor1',
    roles: ['knowledge_editor'],
    teamNames: ['Contact Center Support'],
    departmentCode: 'CC',
    branchCode: 'HO',
    locale: 'vi',
    skills: [],
  }),
  // A second editor: publishing needs one who is not the author (four-eyes).
  user({
    username: 'editor2',
    displayName: 'Chen Jing',
    password: 'Banyan!review1',
    roles: ['knowledge_editor'],
    teamNames: ['Contact Center Support'],
    departmentCode: 'CC',
    branchCode: 'HO',
    locale: 'zh-CN',
    skills: [],
  }),
  user({
    username: 'qa',
    displayName: 'Đinh Thị Thanh Hà',
    password: 'Banyan!quality1',
    roles: ['quality_analyst'],
    teamNames: ['Contact Center Support'],
    departmentCode: 'CC',
    branchCode: 'HO',
    locale: 'vi',
    skills: [],
  }),
  user({
    username: 'wfm',
    displayName: 'James Whitfield',
    password: 'Banyan!roster1',
    roles: ['workforce_planner'],
    teamNames: ['Contact Center Support'],
    departmentCode: 'CC',
    branchCode: 'HO',
    locale: 'en',
    skills: [],
  }),
  user({
    username: 'complaints',
    displayName: 'Cao Thị Bích Ngọc',
    password: 'Banyan!complaint1',
    roles: ['complaints_officer'],
    teamNames: ['Complaints'],
    departmentCode: 'CMPL',
    branchCode: 'HO',
    locale: 'vi',
    skills: [
      { code: 'complaints', proficiency: 5 },
      { code: 'lang_vi', proficiency: 5 },
      { code: 'lang_zh', proficiency: 2 },
    ],
  }),
];

// ---------------------------------------------------------------------------------------------
// Customers

export interface DemoAccount {
  accountNo: string;
  product: AccountProduct;
  currency: Currency;
  /** Decimal string with two places. */
  balance: string;
  status: AccountStatus;
  /** ISO 8601 instant. */
  openedAt: string;
}

/** A card as the core banking adapter returns it, before it has ids (the full PAN never leaves the generator). */
export interface DemoCard extends Omit<CoreCard, 'id' | 'customerId' | 'accountId'> {
  /** The settlement account for debit cards; null for credit cards. */
  accountNo: string | null;
}

export interface DemoCustomer {
  customerNo: string;
  fullName: string;
  familyName: string;
  /** The name a person is addressed by: Hà of Nguyễn Thị Thu Hà, 芳 of 王芳, Emily of Emily Carter. */
  givenName: string;
  latinName: string;
  gender: Gender;
  preferredLanguage: Locale;
  segment: Segment;
  vipTier: VipTier;
  /** Fake, but shaped like a real CCCD / 居民身份证 / passport number; the seed stores it masked and hashed. */
  nationalId: string;
  dateOfBirth: string;
  homeBranchCode: string;
  marketingSms: boolean;
  marketingEmail: boolean;
  marketingCall: boolean;
  /** E.164, the first is primary. */
  phones: string[];
  /** Lowercase, the first is primary. */
  emails: string[];
  /** Which identities the bank has verified (OTP, in branch). */
  isPhoneVerified: boolean;
  isEmailVerified: boolean;
  accounts: DemoAccount[];
  cards: DemoCard[];
}

/** The PRNG seed of the demo bank; change it and every screenshot changes. */
export const DEMO_SEED = 20_260_302;
/** "Today" for the demo data (ages, expiries), fixed so the output never depends on the clock. */
const DEMO_TODAY = { year: 2026, month: 3 };

type NameOrigin = 'vi' | 'zh' | 'en';

const VI_FAMILY: readonly (readonly [string, number])[] = [
  ['Nguyễn', 38],
  ['Trần', 11],
  ['Lê', 9.5],
  ['Phạm', 7],
  ['Hoàng', 5],
  ['Huỳnh', 4],
  ['Phan', 4],
  ['Vũ', 3.5],
  ['Võ', 3],
  ['Đặng', 2],
  ['Bùi', 2],
  ['Đỗ', 1.5],
  ['Hồ', 1.5],
  ['Ngô', 1.3],
  ['Dương', 1],
  ['Lý', 0.5],
];
const VI_MIDDLE: Record<Gender, readonly string[]> = {
  female: ['Thị', 'Thị', 'Thị', 'Ngọc', 'Thu', 'Thanh', 'Minh', 'Kim', 'Bảo', 'Phương', 'Hồng'],
  male: ['Văn', 'Văn', 'Đức', 'Minh', 'Quốc', 'Hữu', 'Thanh', 'Công', 'Hoàng', 'Gia', 'Tuấn'],
};
const VI_SECOND_MIDDLE: Record<Gender, readonly string[]> = {
  female: ['Thu', 'Ngọc', 'Thanh', 'Hồng', 'Minh', 'Bích', 'Thùy'],
  male: ['Minh', 'Anh', 'Quang', 'Đình', 'Xuân', 'Trọng'],
};
const VI_GIVEN: Record<Gender, readonly string[]> = {
  female: [
    'Hà',
    'Lan',
    'Hương',
    'Mai',
    'Linh',
    'Trang',
    'Thảo',
    'Ngọc',
    'Anh',
    'Vy',
    'Yến',
    'Hằng',
    'Phương',
    'Nhung',
    'Hạnh',
    'Quỳnh',
    'Dung',
    'Giang',
  ],
  male: [
    'Hùng',
    'Dũng',
    'Nam',
    'Tuấn',
    'Long',
    'Minh',
    'Khoa',
    'Phúc',
    'Quân',
    'Sơn',
    'Thắng',
    'Huy',
    'Bảo',
    'Đạt',
    'Trung',
    'Hiếu',
    'Khánh',
    'Việt',
  ],
};

/** Han characters with their pinyin, for the romanised (card) name. */
const ZH_FAMILY: readonly (readonly [readonly [string, string], number])[] = [
  [['王', 'WANG'], 7.1],
  [['李', 'LI'], 7],
  [['张', 'ZHANG'], 6.7],
  [['刘', 'LIU'], 5.4],
  [['陈', 'CHEN'], 4.5],
  [['杨', 'YANG'], 3.1],
  [['黄', 'HUANG'], 2.2],
  [['赵', 'ZHAO'], 2],
  [['吴', 'WU'], 2],
  [['周', 'ZHOU'], 1.9],
  [['徐', 'XU'], 1.5],
  [['孙', 'SUN'], 1.5],
  [['马', 'MA'], 1.2],
  [['朱', 'ZHU'], 1.2],
  [['胡', 'HU'], 1.1],
  [['郭', 'GUO'], 1.1],
  [['何', 'HE'], 1],
  [['林', 'LIN'], 1],
  [['罗', 'LUO'], 0.9],
  [['高', 'GAO'], 0.9],
];
const ZH_GIVEN: Record<Gender, readonly (readonly [string, string])[]> = {
  female: [
    ['芳', 'FANG'],
    ['静', 'JING'],
    ['丽', 'LI'],
    ['敏', 'MIN'],
    ['燕', 'YAN'],
    ['娟', 'JUAN'],
    ['秀英', 'XIUYING'],
    ['婷', 'TING'],
    ['雪', 'XUE'],
    ['慧', 'HUI'],
    ['欣怡', 'XINYI'],
    ['雨涵', 'YUHAN'],
    ['晓梅', 'XIAOMEI'],
    ['佳琪', 'JIAQI'],
  ],
  male: [
    ['伟', 'WEI'],
    ['强', 'QIANG'],
    ['磊', 'LEI'],
    ['军', 'JUN'],
    ['洋', 'YANG'],
    ['勇', 'YONG'],
    ['杰', 'JIE'],
    ['涛', 'TAO'],
    ['明', 'MING'],
    ['超', 'CHAO'],
    ['浩然', 'HAORAN'],
    ['建华', 'JIANHUA'],
    ['志强', 'ZHIQIANG'],
    ['子轩', 'ZIXUAN'],
  ],
};

const EN_FAMILY = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Taylor',
  'Anderson',
  'Thompson',
  'Walker',
  'Harris',
  'Clarke',
  'Wilson',
  'Carter',
  'Mitchell',
  'Evans',
  'Robinson',
  'Hughes',
] as const;
const EN_GIVEN: Record<Gender, readonly string[]> = {
  female: [
    'Emily',
    'Sarah',
    'Olivia',
    'Jessica',
    'Hannah',
    'Charlotte',
    'Grace',
    'Sophie',
    'Amelia',
    'Laura',
  ],
  male: ['James', 'Michael', 'David', 'Daniel', 'Thomas', 'Matthew', 'Andrew', 'Benjamin', 'William', 'Ryan'],
};

/** Current VN mobile prefixes (after the 2018 renumbering), without the trunk 0. */
const VN_MOBILE_PREFIXES = [
  '90',
  '91',
  '93',
  '94',
  '96',
  '97',
  '98',
  '86',
  '88',
  '89',
  '70',
  '77',
  '79',
  '81',
  '83',
  '84',
  '85',
  '32',
  '33',
  '35',
  '36',
  '38',
  '39',
  '56',
  '58',
];
const CN_MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '155',
  '156',
  '158',
  '159',
  '166',
  '177',
  '180',
  '181',
  '182',
  '185',
  '186',
  '187',
  '188',
  '189',
  '198',
  '199',
];

/** Province codes of the VN citizen identity card (CCCD, Circular 59/2021/TT-BCA). */
const VN_PROVINCE_BY_BRANCH: Record<string, readonly string[]> = {
  HN01: ['001', '001', '001', '034', '036', '040'],
  HCM01: ['079', '079', '079', '075', '077', '080'],
};
/** Administrative division codes (GB/T 2260) for the first six digits of a PRC resident ID. */
const CN_AREA_BY_BRANCH: Record<string, readonly string[]> = {
  SH01: ['310115', '310104', '310101', '320505', '330106'],
  SZ01: ['440304', '440305', '440106', '440104', '350203'],
};

const VN_EMAIL_DOMAINS = ['gmail.com', 'gmail.com', 'gmail.com', 'yahoo.com', 'outlook.com', 'icloud.com'];
const CN_EMAIL_DOMAINS = ['qq.com', 'qq.com', '163.com', '126.com', 'sina.com', 'foxmail.com', 'outlook.com'];
const EN_EMAIL_DOMAINS = ['gmail.com', 'outlook.com', 'hotmail.co.uk', 'icloud.com', 'yahoo.com'];

/** Card ranges (BIN / IIN prefixes) by brand, with the PAN length they issue. */
const CARD_RANGES: Record<CardBrand, readonly { bin: string; length: number }[]> = {
  // NAPAS domestic cards: 9704 + the member bank's code.
  napas: [
    { bin: '970436', length: 16 },
    { bin: '970415', length: 16 },
    { bin: '970418', length: 16 },
    { bin: '970407', length: 19 },
  ],
  visa: [
    { bin: '422151', length: 16 },
    { bin: '438676', length: 16 },
    { bin: '455376', length: 16 },
  ],
  mastercard: [
    { bin: '512341', length: 16 },
    { bin: '524394', length: 16 },
    { bin: '552033', length: 16 },
  ],
  unionpay: [
    { bin: '622202', length: 19 },
    { bin: '621700', length: 19 },
    { bin: '622848', length: 19 },
    { bin: '625906', length: 16 },
  ],
  jcb: [{ bin: '356999', length: 16 }],
};

/** Luhn check digit for `body` (ISO/IEC 7812-1 Annex B). */
export function luhnCheckDigit(body: string): string {
  for (let d = 0; d <= 9; d++) {
    if (isLuhnValid(`${body}${d}`.split('').map(Number))) return String(d);
  }
  throw new Error('unreachable: one Luhn digit always fits');
}

/** Check digit of a PRC resident identity number (GB 11643-1999, ISO 7064 MOD 11-2). */
function cnIdCheckDigit(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = first17.split('').reduce((acc, ch, i) => acc + Number(ch) * (weights[i] as number), 0);
  return '10X98765432'[sum % 11] as string;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Money as a decimal string with two places, rounded to `step` (VND has no minor unit in use). */
const money = (amount: number, step: number): string => (Math.round(amount / step) * step).toFixed(2);

const foldAscii = (text: string) =>
  text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');

interface Persona {
  origin: NameOrigin;
  gender: Gender;
  fullName: string;
  familyName: string;
  givenName: string;
  latinName: string;
  /** For email local parts. */
  emailStem: string;
}

function makeName(random: Random, origin: NameOrigin, gender: Gender): Persona {
  if (origin === 'vi') {
    const family = random.weighted(VI_FAMILY);
    const middle = [random.pick(VI_MIDDLE[gender])];
    if (random.chance(0.35)) {
      const second = random.pick(VI_SECOND_MIDDLE[gender]);
      if (second !== middle[0]) middle.push(second);
    }
    const given = random.pick(VI_GIVEN[gender]);
    const fullName = [family, ...middle, given].join(' ');
    const latinName = foldAscii(fullName).toUpperCase();
    const stem = random.chance(0.5)
      ? `${foldAscii(given)}.${foldAscii(family)}`
      : `${foldAscii(family)}${foldAscii(middle.join(''))}${foldAscii(given)}`;
    return {
      origin,
      gender,
      fullName,
      familyName: family,
      givenName: given,
      latinName,
      emailStem: stem.toLowerCase(),
    };
  }
  if (origin === 'zh') {
    const [family, familyPinyin] = random.weighted(ZH_FAMILY);
    const [given, givenPinyin] = random.pick(ZH_GIVEN[gender]);
    const latinName = `${familyPinyin} ${givenPinyin}`;
    const stem = random.chance(0.5) ? `${familyPinyin}${givenPinyin}` : `${familyPinyin}.${givenPinyin}`;
    return {
      origin,
      gender,
      fullName: `${family}${given}`,
      familyName: family,
      givenName: given,
      latinName,
      emailStem: stem.toLowerCase(),
    };
  }
  const given = random.pick(EN_GIVEN[gender]);
  const family = random.pick(EN_FAMILY);
  return {
    origin,
    gender,
    fullName: `${given} ${family}`,
    familyName: family,
    givenName: given,
    latinName: `${given} ${family}`.toUpperCase(),
    emailStem: `${given}.${family}`.toLowerCase(),
  };
}

/** Deterministic generator state shared across customers: keeps phones, emails and numbers unique. */
interface Registry {
  phones: Set<string>;
  emails: Set<string>;
  nationalIds: Set<string>;
  accountSeq: number;
}

function uniquePhone(random: Random, registry: Registry, country: DemoCountry | 'GB'): string {
  for (;;) {
    const phone =
      country === 'VN'
        ? `+84${random.pick(VN_MOBILE_PREFIXES)}${random.digits(7)}`
        : country === 'CN'
          ? `+86${random.pick(CN_MOBILE_PREFIXES)}${random.digits(8)}`
          : `+447${random.int(4, 9)}${random.digits(8)}`;
    if (!registry.phones.has(phone)) {
      registry.phones.add(phone);
      return phone;
    }
  }
}

function uniqueEmail(random: Random, registry: Registry, persona: Persona, birthYear: number): string {
  const domains =
    persona.origin === 'vi'
      ? VN_EMAIL_DOMAINS
      : persona.origin === 'zh'
        ? CN_EMAIL_DOMAINS
        : EN_EMAIL_DOMAINS;
  const domain = random.pick(domains);
  const suffixes = ['', String(birthYear % 100).padStart(2, '0'), String(birthYear), random.digits(3)];
  for (const suffix of suffixes) {
    const email = `${persona.emailStem}${suffix}@${domain}`;
    if (!registry.emails.has(email)) {
      registry.emails.add(email);
      return email;
    }
  }
  for (;;) {
    const email = `${persona.emailStem}${random.digits(4)}@${domain}`;
    if (!registry.emails.has(email)) {
      registry.emails.add(email);
      return email;
    }
  }
}

function uniqueNationalId(
  random: Random,
  registry: Registry,
  origin: NameOrigin,
  branchCode: string,
  gender: Gender,
  dob: { year: number; month: number; day: number },
): string {
  for (;;) {
    let id: string;
    if (origin === 'en') {
      // A passport number: one letter and eight digits (the UK and US shape).
      id = `${random.pick(['C', 'E', 'K', 'P'])}${random.digits(8)}`;
    } else if (DEMO_BRANCHES.find((b) => b.code === branchCode)?.country === 'CN') {
      const area = random.pick(CN_AREA_BY_BRANCH[branchCode] ?? ['310115']);
      // The 17th digit is odd for men and even for women.
      const seq = `${random.digits(2)}${gender === 'male' ? random.pick([1, 3, 5, 7, 9]) : random.pick([0, 2, 4, 6, 8])}`;
      const first17 = `${area}${dob.year}${pad(dob.month)}${pad(dob.day)}${seq}`;
      id = `${first17}${cnIdCheckDigit(first17)}`;
    } else {
      // CCCD: province (3), gender-and-century (1: 0/1 for 1900s men/women, 2/3 for 2000s), year (2), serial (6).
      const province = random.pick(VN_PROVINCE_BY_BRANCH[branchCode] ?? ['001']);
      const century = dob.year >= 2000 ? 2 : 0;
      const genderCentury = century + (gender === 'female' ? 1 : 0);
      id = `${province}${genderCentury}${pad(dob.year % 100)}${random.digits(6)}`;
    }
    if (!registry.nationalIds.has(id)) {
      registry.nationalIds.add(id);
      return id;
    }
  }
}

/** A Luhn-valid PAN from a real issuer range, returned only as BIN + last four. */
function makeCardNumber(random: Random, brand: CardBrand): { panMasked: string; last4: string } {
  const range = random.pick(CARD_RANGES[brand]);
  const body = `${range.bin}${random.digits(range.length - range.bin.length - 1)}`;
  const pan = `${body}${luhnCheckDigit(body)}`;
  // The platform's masking is the one definition of "masked" (PCI DSS 4.0 req. 3.4.1).
  const panMasked = maskPans(pan);
  if (panMasked === pan) throw new Error('demo PAN was not masked');
  return { panMasked, last4: pan.slice(-4) };
}

/**
 * A 12-digit account number: branch (2), product (2), serial (7), check (1). Twelve digits stay
 * below the 13-digit minimum of a PAN, so `maskPans` never hides an account number in a chat.
 */
function makeAccountNo(registry: Registry, branchCode: string, product: AccountProduct): string {
  const branchDigits: Record<string, string> = { HO: '10', HN01: '11', HCM01: '21', SH01: '61', SZ01: '62' };
  const productDigits: Record<AccountProduct, string> = {
    current: '01',
    savings: '02',
    term_deposit: '03',
    loan: '51',
    mortgage: '52',
  };
  registry.accountSeq += 1;
  const body = `${branchDigits[branchCode] ?? '10'}${productDigits[product]}${pad(registry.accountSeq, 7)}`;
  return `${body}${luhnCheckDigit(body)}`;
}

const BALANCE_RANGES: Record<Currency, Record<'mass' | 'rich' | 'private', readonly [number, number]>> = {
  VND: { mass: [2e6, 80e6], rich: [100e6, 2e9], private: [2e9, 30e9] },
  CNY: { mass: [2e3, 80e3], rich: [100e3, 1e6], private: [1e6, 20e6] },
  USD: { mass: [300, 20e3], rich: [10e3, 300e3], private: [300e3, 5e6] },
};
const LOAN_RANGES: Record<Currency, Record<'loan' | 'mortgage', readonly [number, number]>> = {
  VND: { loan: [20e6, 800e6], mortgage: [500e6, 6e9] },
  CNY: { loan: [10e3, 300e3], mortgage: [300e3, 3e6] },
  USD: { loan: [2e3, 50e3], mortgage: [80e3, 600e3] },
};
const CREDIT_LIMITS: Record<Currency, readonly [number, number, number]> = {
  VND: [20e6, 500e6, 5e6],
  CNY: [10e3, 200e3, 1e3],
  USD: [2e3, 50e3, 500],
};
const MONEY_STEP: Record<Currency, number> = { VND: 1000, CNY: 0.01, USD: 0.01 };

function randomDate(
  random: Random,
  fromYear: number,
  toYear: number,
): { year: number; month: number; day: number } {
  const year = random.int(fromYear, toYear);
  const month = random.int(1, 12);
  const day = random.int(1, 28);
  return { year, month, day };
}

function makeAccounts(
  random: Random,
  registry: Registry,
  c: { homeBranchCode: string; segment: Segment; currency: Currency; adultFrom: number },
): DemoAccount[] {
  const wealth = c.segment === 'private' ? 'private' : c.segment === 'affluent' ? 'rich' : 'mass';
  const products: { product: AccountProduct; currency: Currency }[] = [
    { product: 'current', currency: c.currency },
  ];
  const extra = random.weighted([
    [0, c.segment === 'mass' ? 45 : 15],
    [1, 40],
    [2, c.segment === 'mass' ? 15 : 45],
  ] as const);
  const options: readonly (readonly [AccountProduct | 'usd', number])[] = [
    ['savings', 35],
    ['term_deposit', c.segment === 'mass' ? 10 : 30],
    ['loan', c.segment === 'sme' ? 30 : 12],
    ['mortgage', 8],
    ['usd', c.currency === 'USD' ? 0 : wealth === 'mass' ? 4 : 20],
  ];
  for (let i = 0; i < extra; i++) {
    const choice = random.weighted(options);
    if (choice === 'usd') products.push({ product: 'savings', currency: 'USD' });
    else if (!products.some((p) => p.product === choice && p.currency === c.currency)) {
      products.push({ product: choice, currency: c.currency });
    }
  }
  return products.map(({ product, currency }) => {
    let amount: number;
    if (product === 'loan' || product === 'mortgage') {
      const [lo, hi] = LOAN_RANGES[currency][product];
      amount = random.logUniform(lo, hi);
    } else {
      const [lo, hi] = BALANCE_RANGES[currency][wealth];
      amount = random.logUniform(lo, hi) * (product === 'current' ? 0.4 : 1);
      // Term deposits are placed in round sums.
      if (product === 'term_deposit') amount = Math.max(lo, Math.round(amount / (lo / 2)) * (lo / 2));
    }
    const status = random.weighted<AccountStatus>([
      ['active', 90],
      ['dormant', 6],
      ['frozen', 2],
      ['closed', 2],
    ]);
    const opened = randomDate(random, Math.max(2008, c.adultFrom), 2025);
    return {
      accountNo: makeAccountNo(registry, c.homeBranchCode, product),
      product,
      currency,
      balance: status === 'closed' ? '0.00' : money(amount, MONEY_STEP[currency]),
      status,
      openedAt: `${opened.year}-${pad(opened.month)}-${pad(opened.day)}T02:00:00.000Z`,
    };
  });
}

function makeCards(
  random: Random,
  c: { country: DemoCountry; segment: Segment; currency: Currency; accounts: DemoAccount[] },
): DemoCard[] {
  const cards: DemoCard[] = [];
  const settlement = c.accounts.find((a) => a.product === 'current');
  const wantsDebit = settlement !== undefined && random.chance(0.85);
  const creditOdds = c.segment === 'mass' ? 0.3 : c.segment === 'sme' ? 0.4 : 0.8;
  const creditCount = random.chance(creditOdds)
    ? random.chance(c.segment === 'mass' ? 0.1 : 0.4)
      ? 2
      : 1
    : 0;

  const status = (): { status: CardStatus; expires: string } => {
    const s = random.weighted<CardStatus>([
      ['active', 88],
      ['blocked', 4],
      ['lost', 3],
      ['expired', 5],
    ]);
    if (s === 'expired') {
      const year = random.int(2023, DEMO_TODAY.year - 1);
      return { status: s, expires: `${pad(random.int(1, 12))}/${pad(year % 100)}` };
    }
    const year = random.int(DEMO_TODAY.year, DEMO_TODAY.year + 5);
    const month = year === DEMO_TODAY.year ? random.int(DEMO_TODAY.month, 12) : random.int(1, 12);
    return { status: s, expires: `${pad(month)}/${pad(year % 100)}` };
  };

  if (wantsDebit && settlement) {
    const brand: CardBrand =
      c.country === 'CN'
        ? 'unionpay'
        : random.weighted<CardBrand>([
            ['napas', 65],
            ['visa', 25],
            ['mastercard', 10],
          ]);
    cards.push({
      ...makeCardNumber(random, brand),
      brand,
      kind: 'debit',
      ...status(),
      currency: settlement.currency,
      creditLimit: null,
      accountNo: settlement.accountNo,
    });
  }
  for (let i = 0; i < creditCount; i++) {
    const brand: CardBrand =
      c.country === 'CN'
        ? random.weighted<CardBrand>([
            ['unionpay', 60],
            ['visa', 20],
            ['mastercard', 15],
            ['jcb', 5],
          ])
        : random.weighted<CardBrand>([
            ['visa', 50],
            ['mastercard', 35],
            ['jcb', 15],
          ]);
    const [lo, hi, step] = CREDIT_LIMITS[c.currency];
    const scale = c.segment === 'private' ? 3 : c.segment === 'affluent' ? 1.5 : 1;
    cards.push({
      ...makeCardNumber(random, brand),
      brand,
      kind: 'credit',
      ...status(),
      currency: c.currency,
      creditLimit: money(Math.min(hi * scale, random.logUniform(lo, hi) * scale), step),
      accountNo: null,
    });
  }
  return cards;
}

/** The first customers are fixed personas that docs, e2e journeys and demos can name. */
interface FixedPersona extends Persona {
  preferredLanguage: Locale;
  homeBranchCode: string;
  segment: Segment;
  vipTier: VipTier;
  phone: string;
  email: string;
}

const FIXED_PERSONAS: readonly FixedPersona[] = [
  {
    origin: 'vi',
    gender: 'female',
    fullName: 'Nguyễn Thị Thu Hà',
    familyName: 'Nguyễn',
    givenName: 'Hà',
    latinName: 'NGUYEN THI THU HA',
    emailStem: 'thuha.nguyen',
    preferredLanguage: 'vi',
    homeBranchCode: 'HN01',
    segment: 'affluent',
    vipTier: 'gold',
    phone: '+84912345678',
    email: 'thuha.nguyen@gmail.com',
  },
  {
    origin: 'zh',
    gender: 'female',
    fullName: '王芳',
    familyName: '王',
    givenName: '芳',
    latinName: 'WANG FANG',
    emailStem: 'wangfang',
    preferredLanguage: 'zh-CN',
    homeBranchCode: 'SH01',
    segment: 'private',
    vipTier: 'platinum',
    phone: '+8613812345678',
    email: 'wangfang@qq.com',
  },
  {
    origin: 'en',
    gender: 'female',
    fullName: 'Emily Carter',
    familyName: 'Carter',
    givenName: 'Emily',
    latinName: 'EMILY CARTER',
    emailStem: 'emily.carter',
    preferredLanguage: 'en',
    homeBranchCode: 'HCM01',
    segment: 'mass',
    vipTier: 'none',
    phone: '+84901234567',
    email: 'emily.carter@outlook.com',
  },
  {
    origin: 'zh',
    gender: 'male',
    fullName: '李伟',
    familyName: '李',
    givenName: '伟',
    latinName: 'LI WEI',
    emailStem: 'liwei',
    preferredLanguage: 'zh-CN',
    homeBranchCode: 'SZ01',
    segment: 'sme',
    vipTier: 'silver',
    phone: '+8613912345678',
    email: 'liwei@163.com',
  },
];

function vipTierFor(random: Random, segment: Segment): VipTier {
  switch (segment) {
    case 'mass':
      return random.weighted<VipTier>([
        ['none', 93],
        ['silver', 7],
      ]);
    case 'affluent':
      return random.weighted<VipTier>([
        ['none', 15],
        ['silver', 50],
        ['gold', 33],
        ['platinum', 2],
      ]);
    case 'private':
      return random.weighted<VipTier>([
        ['gold', 40],
        ['platinum', 60],
      ]);
    case 'sme':
      return random.weighted<VipTier>([
        ['none', 70],
        ['silver', 20],
        ['gold', 10],
      ]);
  }
}

/**
 * The demo bank's customers: the same `count` customers on every run (and the first n of them
 * do not depend on `count`). About 55 % Vietnamese, 30 % Chinese, 15 % English-speaking.
 */
export function generateDemoCustomers(count = 240): DemoCustomer[] {
  const random = createRandom(DEMO_SEED);
  const registry: Registry = { phones: new Set(), emails: new Set(), nationalIds: new Set(), accountSeq: 0 };
  for (const p of FIXED_PERSONAS) {
    registry.phones.add(p.phone);
    registry.emails.add(p.email);
  }
  const result: DemoCustomer[] = [];

  for (let i = 0; i < count; i++) {
    const fixed = FIXED_PERSONAS[i];
    let persona: Persona;
    let preferredLanguage: Locale;
    let homeBranchCode: string;
    if (fixed) {
      persona = fixed;
      preferredLanguage = fixed.preferredLanguage;
      homeBranchCode = fixed.homeBranchCode;
    } else {
      preferredLanguage = random.weighted<Locale>([
        ['vi', 55],
        ['zh-CN', 30],
        ['en', 15],
      ]);
      // English speakers are expatriates or overseas Vietnamese (Việt kiều) with Vietnamese names.
      const origin: NameOrigin =
        preferredLanguage === 'vi'
          ? 'vi'
          : preferredLanguage === 'zh-CN'
            ? 'zh'
            : random.chance(0.35)
              ? 'vi'
              : 'en';
      persona = makeName(random, origin, random.chance(0.52) ? 'female' : 'male');
      homeBranchCode =
        preferredLanguage === 'zh-CN'
          ? random.weighted([
              ['SH01', 55],
              ['SZ01', 45],
            ])
          : random.weighted([
              ['HN01', 50],
              ['HCM01', 50],
            ]);
    }
    const country: DemoCountry = DEMO_BRANCHES.find((b) => b.code === homeBranchCode)?.country ?? 'VN';
    const segment: Segment =
      fixed?.segment ??
      random.weighted<Segment>([
        ['mass', 70],
        ['affluent', 18],
        ['private', 5],
        ['sme', 7],
      ]);
    const vipTier = fixed?.vipTier ?? vipTierFor(random, segment);
    const age = random.int(21, 75);
    const dob = { year: DEMO_TODAY.year - age, month: random.int(1, 12), day: random.int(1, 28) };
    const nationalId = uniqueNationalId(
      random,
      registry,
      persona.origin,
      homeBranchCode,
      persona.gender,
      dob,
    );

    const phones = [
      fixed?.phone ??
        uniquePhone(random, registry, persona.origin === 'en' && random.chance(0.2) ? 'GB' : country),
    ];
    if (random.chance(0.12)) phones.push(uniquePhone(random, registry, country));
    const emails: string[] = [];
    if (fixed) emails.push(fixed.email);
    else if (random.chance(persona.origin === 'zh' ? 0.7 : 0.8)) {
      emails.push(uniqueEmail(random, registry, persona, dob.year));
    }

    const currency: Currency =
      country === 'CN' ? 'CNY' : persona.origin === 'en' && random.chance(0.5) ? 'USD' : 'VND';
    const accounts = makeAccounts(random, registry, {
      homeBranchCode,
      segment,
      currency,
      adultFrom: dob.year + 18,
    });
    const cards = makeCards(random, { country, segment, currency, accounts });

    result.push({
      customerNo: `C${pad(1001 + i, 7)}`,
      fullName: persona.fullName,
      familyName: persona.familyName,
      givenName: persona.givenName,
      latinName: persona.latinName,
      gender: persona.gender,
      preferredLanguage,
      segment,
      vipTier,
      nationalId,
      dateOfBirth: `${dob.year}-${pad(dob.month)}-${pad(dob.day)}`,
      homeBranchCode,
      marketingSms: random.chance(0.55),
      marketingEmail: emails.length > 0 && random.chance(0.45),
      marketingCall: random.chance(0.25),
      phones,
      emails,
      isPhoneVerified: random.chance(0.9),
      isEmailVerified: emails.length > 0 && random.chance(0.6),
      accounts,
      cards,
    });
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Seeding

export interface SeedDemoCustomersResult {
  /** True when customers already existed and nothing was inserted. */
  skipped: boolean;
  customers: number;
  identities: number;
  accounts: number;
  cards: number;
}

const SEED_LOCK = 715_101;
const BATCH_SIZE = 100;

/**
 * Inserts the demo customers with their identities, accounts and cards, in batches inside one
 * transaction. Idempotent: does nothing if any customer exists (an advisory lock makes two
 * starting processes agree). `branchIdByCode` maps DEMO_BRANCHES codes to the seeded branch ids.
 */
export async function seedDemoCustomers(options: {
  db: Db;
  ids: Ids;
  clock: Clock;
  branchIdByCode: Readonly<Record<string, string>> | ReadonlyMap<string, string>;
  count?: number;
  /** Must match the customers service's key; without one, national ids are hashed with plain sha256. */
  nationalIdKey?: string;
  onProgress?: (done: number, total: number) => void;
}): Promise<SeedDemoCustomersResult> {
  const { db, ids, clock } = options;
  const branchId = (code: string): string => {
    const id =
      options.branchIdByCode instanceof Map
        ? options.branchIdByCode.get(code)
        : (options.branchIdByCode as Readonly<Record<string, string>>)[code];
    if (!id) throw new Error(`seedDemoCustomers: no branch id for code ${code}`);
    return id;
  };

  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${SEED_LOCK})`);
    const [existing] = await tx.select({ n: count() }).from(customers);
    if ((existing?.n ?? 0) > 0) return { skipped: true, customers: 0, identities: 0, accounts: 0, cards: 0 };

    const demo = generateDemoCustomers(options.count ?? 240);
    const now = clock.now();
    const totals = { skipped: false, customers: 0, identities: 0, accounts: 0, cards: 0 };

    for (let start = 0; start < demo.length; start += BATCH_SIZE) {
      const batch = demo.slice(start, start + BATCH_SIZE);
      const customerRows: (typeof customers.$inferInsert)[] = [];
      const identityRows: (typeof customerIdentities.$inferInsert)[] = [];
      const accountRows: (typeof coreDemoAccounts.$inferInsert)[] = [];
      const cardRows: (typeof coreDemoCards.$inferInsert)[] = [];

      for (const c of batch) {
        const customerId = ids.uuid();
        customerRows.push({
          id: customerId,
          customerNo: c.customerNo,
          fullName: c.fullName,
          familyName: c.familyName,
          givenName: c.givenName,
          latinName: c.latinName,
          searchName: buildSearchName(c.fullName, c.latinName),
          gender: c.gender,
          preferredLanguage: c.preferredLanguage,
          segment: c.segment,
          vipTier: c.vipTier,
          nationalIdMasked: maskNationalId(c.nationalId),
          nationalIdHash: hashNationalId(c.nationalId, options.nationalIdKey),
          dateOfBirth: c.dateOfBirth,
          homeBranchId: branchId(c.homeBranchCode),
          marketingSms: c.marketingSms,
          marketingEmail: c.marketingEmail,
          marketingCall: c.marketingCall,
          createdAt: now,
          updatedAt: now,
        });
        c.phones.forEach((value, i) => {
          identityRows.push({
            id: ids.uuid(),
            customerId,
            kind: 'phone',
            value,
            isPrimary: i === 0,
            isVerified: i === 0 && c.isPhoneVerified,
            createdAt: now,
          });
        });
        c.emails.forEach((value, i) => {
          identityRows.push({
            id: ids.uuid(),
            customerId,
            kind: 'email',
            value,
            isPrimary: i === 0,
            isVerified: i === 0 && c.isEmailVerified,
            createdAt: now,
          });
        });
        const accountIdByNo = new Map<string, string>();
        for (const a of c.accounts) {
          const accountId = ids.uuid();
          accountIdByNo.set(a.accountNo, accountId);
          accountRows.push({ id: accountId, customerId, ...a, openedAt: new Date(a.openedAt) });
        }
        for (const card of c.cards) {
          const { accountNo, ...rest } = card;
          cardRows.push({
            id: ids.uuid(),
            customerId,
            accountId: accountNo ? (accountIdByNo.get(accountNo) ?? null) : null,
            ...rest,
            blockedAt: card.status === 'blocked' || card.status === 'lost' ? now : null,
            blockReason:
              card.status === 'lost' ? 'lost' : card.status === 'blocked' ? 'suspected_fraud' : null,
            updatedAt: now,
          });
        }
      }

      await tx.insert(customers).values(customerRows);
      if (identityRows.length > 0) await tx.insert(customerIdentities).values(identityRows);
      if (accountRows.length > 0) await tx.insert(coreDemoAccounts).values(accountRows);
      if (cardRows.length > 0) await tx.insert(coreDemoCards).values(cardRows);
      totals.customers += customerRows.length;
      totals.identities += identityRows.length;
      totals.accounts += accountRows.length;
      totals.cards += cardRows.length;
      options.onProgress?.(totals.customers, demo.length);
    }
    return totals;
  });
}
