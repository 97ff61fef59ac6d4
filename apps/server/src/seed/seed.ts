import type { BanyanApp } from '../app.ts';
import { seedAnalyticsHistory } from './analytics.ts';
import { seedBranchLobby } from './branch.ts';
import { seedDemoCases } from './cases.ts';
import {
  DEMO_BRANCHES,
  DEMO_CALENDARS,
  DEMO_DEPARTMENTS,
  DEMO_SKILLS,
  DEMO_TEAMS,
  DEMO_USERS,
  seedDemoCustomers,
} from './demo-bank.ts';
import { seedDemoEmail } from './email.ts';
import { seedKnowledge, seedKnowledgeSearches } from './knowledge.ts';
import { seedDemoSms } from './sms.ts';

export type SeedProgress = (step: string, done: number, total: number) => void;

/** The demo bank's printed sign-ins (username, password, roles). */
export const demoSignIns = () =>
  DEMO_USERS.map((u) => ({ username: u.username, password: u.password, roles: u.roles }));

/**
 * Seeds the demo bank on an empty database; returns false when staff users already exist.
 * Resumable: an interrupted first start (Ctrl-C mid-seed) completes on the next one.
 */
export async function seedDemoBank(
  app: BanyanApp,
  onProgress: SeedProgress = () => undefined,
): Promise<boolean> {
  const existingUsers = new Set(
    (await app.pool.query<{ username: string }>('SELECT username FROM users')).rows.map((r) => r.username),
  );
  if (existingUsers.size > 0 && DEMO_USERS.every((u) => existingUsers.has(u.username))) {
    const { rows } = await app.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM customers');
    if ((rows[0]?.n ?? 0) > 0) return false;
  } else if (existingUsers.size > 0 && !DEMO_USERS.some((u) => existingUsers.has(u.username))) {
    return false; // a real bank's database: never seed demo data into it
  }
  const existing = async (table: string, key: string) =>
    new Map(
      (await app.pool.query<{ k: string; id: string }>(`SELECT ${key} AS k, id FROM ${table}`)).rows.map(
        (r) => [r.k, r.id],
      ),
    );

  const branchIdByCode = await existing('branches', 'code');
  for (const b of DEMO_BRANCHES) {
    if (!branchIdByCode.has(b.code)) branchIdByCode.set(b.code, (await app.staff.createBranch(null, b)).id);
  }
  const departmentIdByCode = await existing('departments', 'code');
  for (const d of DEMO_DEPARTMENTS) {
    if (!departmentIdByCode.has(d.code))
      departmentIdByCode.set(d.code, (await app.staff.createDepartment(null, d)).id);
  }
  const teamIdByName = await existing('teams', 'name');
  for (const t of DEMO_TEAMS) {
    if (teamIdByName.has(t.name)) continue;
    const team = await app.staff.createTeam(null, {
      name: t.name,
      departmentId: t.departmentCode ? (departmentIdByCode.get(t.departmentCode) ?? null) : null,
      branchId: t.branchCode ? (branchIdByCode.get(t.branchCode) ?? null) : null,
    });
    teamIdByName.set(t.name, team.id);
  }
  const skillIdByCode = await existing('skills', 'code');
  for (const s of DEMO_SKILLS) {
    if (!skillIdByCode.has(s.code)) skillIdByCode.set(s.code, (await app.staff.createSkill(null, s)).id);
  }
  onProgress('organisation', 1, 1);

  let done = 0;
  for (const u of DEMO_USERS) {
    if (!existingUsers.has(u.username)) {
      await app.staff.createUser(null, {
        username: u.username,
        displayName: u.displayName,
        password: u.password,
        roles: u.roles,
        locale: u.locale,
        teamIds: u.teamNames.map((name) => teamIdByName.get(name)).filter((id): id is string => !!id),
        departmentId: u.departmentCode ? (departmentIdByCode.get(u.departmentCode) ?? null) : null,
        branchId: u.branchCode ? (branchIdByCode.get(u.branchCode) ?? null) : null,
        skills: u.skills
          .map((s) => ({ skillId: skillIdByCode.get(s.code) as string, proficiency: s.proficiency }))
          .filter((s) => s.skillId),
      });
    }
    onProgress('staff', ++done, DEMO_USERS.length);
  }
  await seedDemoContactCenter(app, skillIdByCode);
  await seedKnowledge(app);
  await seedKnowledgeSearches(app);
  await seedDemoCustomers({
    db: app.db,
    ids: app.ids,
    clock: app.clock,
    branchIdByCode,
    onProgress: (n: number, total: number) => onProgress('customers', n, total),
  });
  await seedDemoCases(app);
  await seedAnalyticsHistory(app, onProgress);
  await seedBranchLobby(app, branchIdByCode);
  await seedDemoEmail(app);
  await seedDemoSms(app);
  return true;
}

/** Chat queues per language (with the language skill) and the demo bank's website chat. */
async function seedDemoContactCenter(app: BanyanApp, skillIdByCode: Map<string, string>): Promise<void> {
  const queueIdByCode = new Map(
    (await app.pool.query<{ code: string; id: string }>('SELECT code, id FROM routing_queues')).rows.map(
      (r) => [r.code, r.id],
    ),
  );
  const queues = [
    { code: 'chat_vi', name: 'Chat — Tiếng Việt', skill: 'lang_vi', language: 'vi' },
    { code: 'chat_zh', name: 'Chat — 中文', skill: 'lang_zh', language: 'zh-CN' },
    { code: 'chat_en', name: 'Chat — English', skill: 'lang_en', language: 'en' },
  ];
  const queueByLanguage: Record<string, string> = {};
  for (const q of queues) {
    let id = queueIdByCode.get(q.code);
    if (!id) {
      const skillId = skillIdByCode.get(q.skill);
      id = await app.routing.createQueue(null, {
        code: q.code,
        name: q.name,
        channels: ['chat'],
        requiredSkills: skillId ? [{ skillId, minProficiency: 3 }] : [],
      });
    }
    queueByLanguage[q.language] = id;
  }
  await seedCalendarsAndOfficeQueue(app, queueIdByCode, skillIdByCode);
  await seedContactReasons(app);
  await seedCannedResponses(app);
  const { rows } = await app.pool.query("SELECT 1 FROM webchat_sites WHERE key = 'demo-bank'");
  if (rows.length === 0) {
    await app.webchat.createSite({
      key: 'demo-bank',
      name: 'Banyan Demo Bank',
      queueByLanguage,
      greeting: {
        en: 'Hello! How can we help you today?',
        'zh-CN': '您好！请问有什么可以帮您？',
        vi: 'Xin chào! Chúng tôi có thể giúp gì cho anh/chị?',
      },
    });
  }
}

/**
 * Business hours: both office calendars, and a Vietnamese e-mail queue that follows office hours.
 * The chat queues keep no calendar, so the demo chat is open at any hour.
 */
async function seedCalendarsAndOfficeQueue(
  app: BanyanApp,
  queueIdByCode: Map<string, string>,
  skillIdByCode: Map<string, string>,
): Promise<void> {
  const calendarIdByCode = new Map(
    (await app.pool.query<{ code: string; id: string }>('SELECT code, id FROM routing_calendars')).rows.map(
      (r) => [r.code, r.id],
    ),
  );
  for (const c of DEMO_CALENDARS) {
    if (!calendarIdByCode.has(c.code))
      calendarIdByCode.set(
        c.code,
        (await app.calendars.createCalendar(null, { ...c, holidays: [...c.holidays] })).id,
      );
  }
  if (!queueIdByCode.has('email_vi')) {
    const skillId = skillIdByCode.get('lang_vi');
    await app.routing.createQueue(null, {
      code: 'email_vi',
      name: 'Email — Tiếng Việt (giờ hành chính)',
      channels: ['email'],
      requiredSkills: skillId ? [{ skillId, minProficiency: 3 }] : [],
      calendarId: calendarIdByCode.get('vn-office') ?? null,
    });
  }
}

/**
 * The demo contact-reason hierarchy. Top-level ids are fixed so that screens and docs can name
 * them; banks replace the whole tree in Admin.
 */
const DEMO_REASONS: {
  id: string;
  code: string;
  names: [string, string, string];
  children: [string, string, string, string][];
}[] = [
  {
    id: '469337e1-849f-4f01-842a-58a09cbfb249',
    code: 'cards',
    names: ['Card services', '银行卡业务', 'Dịch vụ thẻ'],
    children: [
      ['cards.lost', 'Lost or stolen card', '挂失/冻结', 'Báo mất thẻ, khóa thẻ'],
      ['cards.limit', 'Credit limit', '信用额度', 'Hạn mức tín dụng'],
      ['cards.statement', 'Statement and repayment', '账单与还款', 'Sao kê và thanh toán'],
    ],
  },
  {
    id: '49d60ea5-291b-4aa9-ac74-2f18b82cd5cb',
    code: 'loans',
    names: ['Loans', '贷款业务', 'Khoản vay'],
    children: [
      ['loans.rates', 'Rates and fees', '利率与费用', 'Lãi suất và phí'],
      ['loans.application', 'Application status', '申请进度', 'Tình trạng hồ sơ vay'],
    ],
  },
  {
    id: 'bb0327e3-6101-482e-b376-f85b56b1ff7e',
    code: 'accounts',
    names: ['Accounts and deposits', '账户与存款', 'Tài khoản và tiền gửi'],
    children: [
      ['accounts.balance', 'Balance and transactions', '余额与交易', 'Số dư và giao dịch'],
      ['accounts.transfer', 'Transfers', '转账汇款', 'Chuyển khoản'],
    ],
  },
  {
    id: '58f525a3-292c-4c33-bdb1-9175fb14c790',
    code: 'ebanking',
    names: ['E-banking', '网上银行/手机银行', 'Ngân hàng điện tử'],
    children: [
      ['ebanking.login', 'Sign-in and OTP', '登录与动态密码', 'Đăng nhập và OTP'],
      ['ebanking.app', 'Mobile app', '手机银行App', 'Ứng dụng di động'],
    ],
  },
  {
    id: '5a71979d-a5f7-4fb7-b151-6b2728b3e19a',
    code: 'complaint',
    names: ['Complaint', '投诉', 'Khiếu nại'],
    children: [
      ['complaint.service', 'Service quality', '服务质量', 'Chất lượng phục vụ'],
      ['complaint.fees', 'Fees charged', '收费争议', 'Phí dịch vụ'],
    ],
  },
  {
    id: 'd59acfc4-8bd9-4f5e-aa98-2a2865c06cdd',
    code: 'other',
    names: ['Other', '其他', 'Khác'],
    children: [],
  },
];

async function seedContactReasons(app: BanyanApp): Promise<void> {
  const { rows } = await app.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM contact_reasons');
  if ((rows[0]?.n ?? 0) > 0) return;
  for (const [i, top] of DEMO_REASONS.entries()) {
    const [en, zh, vi] = top.names;
    await app.reasons.createReason(null, {
      id: top.id,
      code: top.code,
      names: { en, 'zh-CN': zh, vi },
      sort: i,
    });
    for (const [j, [code, cen, czh, cvi]] of top.children.entries()) {
      await app.reasons.createReason(null, {
        parentId: top.id,
        code,
        names: { en: cen, 'zh-CN': czh, vi: cvi },
        sort: j,
      });
    }
  }
}

const DEMO_CANNED: {
  shortcut: string;
  title: string;
  bodies: { en: string; 'zh-CN': string; vi: string };
}[] = [
  {
    shortcut: 'hello',
    title: 'Greeting',
    bodies: {
      en: 'Hello {customerName}, this is {agentName} from Banyan Bank. How can I help you today?',
      'zh-CN': '{customerName}您好，我是Banyan银行客服{agentName}，请问有什么可以帮您？',
      vi: 'Xin chào {customerName}, em là {agentName} từ Ngân hàng Banyan. Em có thể hỗ trợ gì cho anh/chị ạ?',
    },
  },
  {
    shortcut: 'verify',
    title: 'Identity check',
    bodies: {
      en: 'For your security, could you confirm your date of birth and the last four digits of your card?',
      'zh-CN': '为保障您的账户安全，请提供您的出生日期和银行卡后四位。',
      vi: 'Để bảo mật, anh/chị vui lòng xác nhận ngày sinh và 4 số cuối của thẻ ạ.',
    },
  },
  {
    shortcut: 'lostcard',
    title: 'Lost card blocked',
    bodies: {
      en: 'Your card is now blocked. A replacement card will reach your home branch within 5 working days.',
      'zh-CN': '您的银行卡已挂失冻结，补办的新卡将在5个工作日内寄到您的开户网点。',
      vi: 'Thẻ của anh/chị đã được khóa. Thẻ mới sẽ được gửi về chi nhánh mở thẻ trong vòng 5 ngày làm việc.',
    },
  },
  {
    shortcut: 'bye',
    title: 'Closing',
    bodies: {
      en: 'Thank you for contacting Banyan Bank, {customerName}. Have a good day!',
      'zh-CN': '感谢您联系Banyan银行，祝您生活愉快！',
      vi: 'Cảm ơn anh/chị đã liên hệ Ngân hàng Banyan. Chúc anh/chị một ngày tốt lành!',
    },
  },
];

async function seedCannedResponses(app: BanyanApp): Promise<void> {
  const { rows } = await app.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM canned_responses');
  if ((rows[0]?.n ?? 0) > 0) return;
  for (const c of DEMO_CANNED) await app.canned.create(null, { scope: 'global', ...c });
}
