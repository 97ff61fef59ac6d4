import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { createDb } from '../../platform/db.ts';
import { mulberry32 } from '../../platform/random.ts';
import { refreshRollups } from './analytics.rollups.ts';

/**
 * A realistic past for the demo and the benches (`banyan simulate --history 30d`): contact facts,
 * handle segments and customer messages written straight into the analytics tables, with
 * - an hour-of-day profile (morning and early-afternoon peaks, quiet nights) and a weekday profile
 *   (Monday busiest, Sunday quietest), and a slow month-end seasonality (statements, salaries);
 * - a product incident in the last `incidentDays` days: the mobile app fails to sign in after an
 *   update, so e-banking contacts triple and customers write about it (the rising topic).
 * Nothing here passes through the event log: `banyan analytics rebuild` rebuilds from events only
 * and so removes this history (run the simulation again after a rebuild).
 */

// Relative arrivals per local hour, 0–23.
const HOUR_PROFILE = [
  0.1, 0.05, 0.05, 0.05, 0.1, 0.2, 0.4, 0.8, 1.4, 1.9, 2.0, 1.8, 1.3, 1.5, 1.8, 1.7, 1.5, 1.2, 0.9, 0.8, 0.7,
  0.5, 0.3, 0.2,
];
// Relative arrivals per ISO weekday, Monday first.
const WEEKDAY_PROFILE = [1.25, 1.1, 1.05, 1.0, 1.05, 0.6, 0.45];

type Language = 'vi' | 'zh-CN' | 'en';

/** What customers write, per reason code and language; {n} varies the wording a little. */
const MESSAGES: Record<string, Record<Language, string[]>> = {
  'cards.lost': {
    vi: ['Tôi bị mất thẻ tín dụng, cần khóa thẻ gấp', 'Thẻ ghi nợ bị đánh cắp, khóa thẻ giúp tôi'],
    'zh-CN': ['我的信用卡丢了，需要马上挂失', '银行卡被偷了，请帮我冻结'],
    en: ['I lost my credit card and need to block it', 'My debit card was stolen, please freeze it'],
  },
  'cards.limit': {
    vi: ['Tôi muốn tăng hạn mức thẻ tín dụng', 'Hạn mức tín dụng hiện tại quá thấp'],
    'zh-CN': ['我想提高信用卡额度', '信用额度太低了，怎么调整'],
    en: ['I want to raise my credit limit', 'How do I increase my card limit'],
  },
  'cards.statement': {
    vi: ['Sao kê thẻ tháng này có giao dịch lạ', 'Hạn thanh toán sao kê là ngày nào'],
    'zh-CN': ['本月账单有一笔不认识的消费', '信用卡还款日是哪天'],
    en: ['My card statement shows a charge I do not know', 'When is my statement due date'],
  },
  'loans.rates': {
    vi: ['Lãi suất vay mua nhà hiện nay là bao nhiêu', 'Phí trả nợ trước hạn khoản vay'],
    'zh-CN': ['现在房贷利率是多少', '提前还款要收多少手续费'],
    en: ['What is the current mortgage rate', 'Is there a fee for early loan repayment'],
  },
  'loans.application': {
    vi: ['Hồ sơ vay của tôi đã được duyệt chưa', 'Tình trạng hồ sơ vay tiêu dùng'],
    'zh-CN': ['我的贷款申请审批到哪一步了', '消费贷款申请进度查询'],
    en: ['Has my loan application been approved', 'Status of my personal loan application'],
  },
  'accounts.balance': {
    vi: ['Số dư tài khoản không khớp với giao dịch', 'Tôi muốn kiểm tra lịch sử giao dịch'],
    'zh-CN': ['账户余额和交易记录对不上', '我想查一下交易明细'],
    en: ['My account balance does not match my transactions', 'I want to check my transaction history'],
  },
  'accounts.transfer': {
    vi: ['Chuyển khoản liên ngân hàng chưa đến', 'Chuyển tiền bị treo từ sáng'],
    'zh-CN': ['跨行转账还没到账', '转账一直显示处理中'],
    en: ['My interbank transfer has not arrived', 'The transfer has been pending since morning'],
  },
  'ebanking.login': {
    vi: ['Không nhận được mã OTP khi đăng nhập', 'Tài khoản ngân hàng điện tử bị khóa'],
    'zh-CN': ['登录时收不到动态密码', '网银账户被锁定了'],
    en: ['I do not receive the OTP code when signing in', 'My online banking account is locked'],
  },
  'ebanking.app': {
    vi: ['Ứng dụng di động chạy chậm', 'Không tìm thấy chức năng thanh toán hóa đơn trên ứng dụng'],
    'zh-CN': ['手机银行App很慢', '手机银行找不到缴费功能'],
    en: ['The mobile app is slow', 'I cannot find bill payment in the mobile app'],
  },
  'complaint.service': {
    vi: ['Nhân viên chi nhánh phục vụ thái độ không tốt', 'Chờ quá lâu tại quầy giao dịch'],
    'zh-CN': ['网点工作人员态度不好', '柜台排队等了太久'],
    en: ['The branch staff were rude', 'I waited far too long at the counter'],
  },
  'complaint.fees': {
    vi: ['Tôi bị trừ phí thường niên không rõ lý do', 'Phí chuyển khoản quốc tế quá cao'],
    'zh-CN': ['莫名其妙被扣了年费', '境外汇款手续费太高'],
    en: ['I was charged an annual fee I did not expect', 'International transfer fees are too high'],
  },
};

/** The incident: the app update breaks sign-in (phrases that rise in every language). */
const INCIDENT: Record<Language, string[]> = {
  vi: [
    'Ứng dụng di động bị lỗi đăng nhập sau khi cập nhật',
    'Sau khi cập nhật ứng dụng không đăng nhập được',
    'Ứng dụng bị lỗi đăng nhập, báo lỗi hệ thống',
  ],
  'zh-CN': ['手机银行App更新后闪退，登录不了', '更新后手机银行闪退', 'App闪退，一直登录不了'],
  en: [
    'The mobile app crashes after the update and I cannot sign in',
    'App crashes after update, sign in fails',
    'Since the update the app crashes at sign in',
  ],
};

const SUGGESTIONS: Record<Language, string[]> = {
  vi: ['Ngân hàng nên có thêm đăng nhập bằng vân tay', 'Mong ngân hàng mở thêm quầy vào cuối tuần'],
  'zh-CN': ['希望手机银行增加指纹登录', '建议周末多开几个柜台'],
  en: ['You should add fingerprint sign-in to the app', 'Please add weekend opening hours at the branches'],
};

export interface HistoryOptions {
  days: number;
  /** Offered contacts on an average weekday, all queues. */
  contactsPerDay: number;
  /** Offset of the bank's local time from UTC, hours (the profiles are local). */
  utcOffsetHours: number;
  incidentDays: number;
  seed: number;
  now: Date;
}

export const DEFAULT_HISTORY: Omit<HistoryOptions, 'now'> = {
  days: 30,
  contactsPerDay: 1200,
  utcOffsetHours: 7,
  incidentDays: 4,
  seed: 20_261_123,
};

/** Parses "30d" / "2w" / "30" (days). */
export function parseHistoryPeriod(text: string): number | null {
  const m = /^(\d+)\s*([dw]?)$/.exec(text.trim());
  if (!m) return null;
  const days = Number(m[1]) * (m[2] === 'w' ? 7 : 1);
  return days >= 1 && days <= 400 ? days : null;
}

interface Context {
  queues: { id: string; language: Language }[];
  agents: string[];
  reasons: Map<string, string>;
  customers: string[];
}

async function loadContext(pool: pg.Pool): Promise<Context> {
  const queues = await pool.query<{ id: string; code: string }>(
    `SELECT id, code FROM routing_queues WHERE 'chat' = ANY(channels) ORDER BY code`,
  );
  const agents = await pool.query<{ id: string }>(
    `SELECT id FROM users WHERE 'agent' = ANY(roles) AND status = 'active' ORDER BY username`,
  );
  const reasons = await pool.query<{ id: string; code: string }>('SELECT id, code FROM contact_reasons');
  const customers = await pool.query<{ id: string }>('SELECT id FROM customers ORDER BY id LIMIT 2000');
  return {
    queues: queues.rows.map((q) => ({
      id: q.id,
      language: q.code.endsWith('_zh') ? 'zh-CN' : q.code.endsWith('_en') ? 'en' : 'vi',
    })),
    agents: agents.rows.map((a) => a.id),
    reasons: new Map(reasons.rows.map((r) => [r.code, r.id])),
    customers: customers.rows.map((c) => c.id),
  };
}

/**
 * Writes the history; returns how many contacts. `onProgress(day, days)` after each day.
 * Needs chat queues, agents and contact reasons (the demo seed makes them).
 */
export async function simulateHistory(
  pool: pg.Pool,
  options: HistoryOptions,
  onProgress?: (done: number, total: number) => void,
): Promise<{ contacts: number; messages: number }> {
  const ctx = await loadContext(pool);
  if (ctx.queues.length === 0 || ctx.agents.length === 0)
    throw new Error('simulate --history needs chat queues and agents: seed the demo bank first');
  const random = mulberry32(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const reasonCodes = Object.keys(MESSAGES).filter((code) => ctx.reasons.has(code));
  const offsetMs = options.utcOffsetHours * 3_600_000;
  // Day 0 is the oldest local day; the last day ends at the local midnight after `now`.
  const localToday = Math.floor((options.now.getTime() + offsetMs) / 86_400_000) * 86_400_000;
  let contacts = 0;
  let messages = 0;
  for (let d = 0; d < options.days; d++) {
    const dayStartLocal = localToday - (options.days - 1 - d) * 86_400_000;
    const weekday = (new Date(dayStartLocal).getUTCDay() + 6) % 7;
    const dayOfMonth = new Date(dayStartLocal).getUTCDate();
    const monthEnd = dayOfMonth >= 25 || dayOfMonth <= 2 ? 1.15 : 1;
    const incident = d >= options.days - options.incidentDays;
    const hourTotal = HOUR_PROFILE.reduce((a, b) => a + b, 0);
    const facts: unknown[][] = [];
    const segments: unknown[][] = [];
    const texts: unknown[][] = [];
    for (let hour = 0; hour < 24; hour++) {
      const mean =
        (options.contactsPerDay *
          (WEEKDAY_PROFILE[weekday] as number) *
          monthEnd *
          (HOUR_PROFILE[hour] as number)) /
        hourTotal;
      const n = Math.max(0, Math.round(mean * (0.85 + 0.3 * random())));
      for (let i = 0; i < n; i++) {
        const offeredLocal = dayStartLocal + hour * 3_600_000 + Math.floor(random() * 3_600_000);
        const offeredAt = offeredLocal - offsetMs;
        if (offeredAt > options.now.getTime()) continue;
        const queue = pick(ctx.queues);
        // Busy hours wait longer; a few give up, some within seconds (short abandons).
        const load = (HOUR_PROFILE[hour] as number) / 2;
        const wait = Math.round(-Math.log(1 - random()) * (6 + 30 * load * load));
        const abandons = random() < 0.03 + 0.05 * load;
        const code = incident && random() < 0.45 ? 'ebanking.app' : (pick(reasonCodes) as string);
        const id = randomUUID();
        const customerId = ctx.customers.length > 0 ? pick(ctx.customers) : null;
        if (abandons) {
          facts.push([
            id,
            queue.id,
            null,
            null,
            customerId,
            null,
            offeredAt,
            null,
            offeredAt + wait * 1000,
            wait,
            null,
            0,
            null,
          ]);
        } else {
          const agent = pick(ctx.agents);
          const handle = Math.round(120 + -Math.log(1 - random()) * 240);
          const answeredAt = offeredAt + wait * 1000;
          const closedAt = answeredAt + handle * 1000;
          const transferred = random() < 0.06;
          const finalAgent = transferred ? pick(ctx.agents) : agent;
          const ratingRoll = random();
          const rating =
            ratingRoll < 0.55
              ? incident && code === 'ebanking.app'
                ? pick([1, 2, 3, 4])
                : pick([3, 4, 4, 5, 5, 5])
              : null;
          facts.push([
            id,
            queue.id,
            finalAgent,
            agent,
            customerId,
            ctx.reasons.get(code) ?? null,
            offeredAt,
            answeredAt,
            null,
            wait,
            handle,
            transferred ? 1 : 0,
            rating,
            closedAt,
          ]);
          if (transferred) {
            const split = answeredAt + Math.floor(handle * 0.4) * 1000;
            segments.push([randomUUID(), id, agent, answeredAt, split]);
            segments.push([randomUUID(), id, finalAgent, split, closedAt]);
          } else segments.push([randomUUID(), id, agent, answeredAt, closedAt]);
        }
        const pool_ =
          incident && code === 'ebanking.app' && random() < 0.8
            ? INCIDENT[queue.language]
            : (MESSAGES[code]?.[queue.language] ?? MESSAGES['cards.lost']?.[queue.language] ?? []);
        texts.push([randomUUID(), id, offeredAt + 2000, queue.language, pick(pool_)]);
        if (random() < 0.03)
          texts.push([
            randomUUID(),
            id,
            offeredAt + 60_000,
            queue.language,
            pick(SUGGESTIONS[queue.language]),
          ]);
        contacts++;
      }
    }
    await insertDay(pool, facts, segments, texts);
    messages += texts.length;
    onProgress?.(d + 1, options.days);
  }
  const first = new Date(localToday - (options.days - 1) * 86_400_000 - offsetMs);
  await refreshRollups(createDb(pool), first, new Date(localToday + 86_400_000 - offsetMs));
  return { contacts, messages };
}

async function insertDay(pool: pg.Pool, facts: unknown[][], segments: unknown[][], texts: unknown[][]) {
  const col = (rows: unknown[][], i: number, asDate = false) =>
    rows.map((r) => (asDate && r[i] != null ? new Date(r[i] as number) : (r[i] ?? null)));
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    if (facts.length > 0)
      await client.query(
        `INSERT INTO analytics_contact_facts (conversation_id, channel, queue_id, agent_id, first_agent_id, customer_id, reason_id,
           offered_at, answered_at, abandoned_at, wait_seconds, handle_seconds, transfers, rating, closed_at, last_position)
         SELECT u.id, 'chat', u.queue_id, u.agent_id, u.first_agent_id, u.customer_id, u.reason_id, u.offered_at, u.answered_at,
           u.abandoned_at, u.wait_seconds, u.handle_seconds, u.transfers, u.rating, coalesce(u.closed_at, u.abandoned_at), 0
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::timestamptz[], $8::timestamptz[],
           $9::timestamptz[], $10::int[], $11::int[], $12::smallint[], $13::smallint[], $14::timestamptz[])
           AS u(id, queue_id, agent_id, first_agent_id, customer_id, reason_id, offered_at, answered_at, abandoned_at,
             wait_seconds, handle_seconds, transfers, rating, closed_at)
         ON CONFLICT (conversation_id) DO NOTHING`,
        [
          col(facts, 0),
          col(facts, 1),
          col(facts, 2),
          col(facts, 3),
          col(facts, 4),
          col(facts, 5),
          col(facts, 6, true),
          col(facts, 7, true),
          col(facts, 8, true),
          col(facts, 9),
          col(facts, 10),
          col(facts, 11),
          col(facts, 12),
          col(facts, 13, true),
        ],
      );
    if (segments.length > 0)
      await client.query(
        `INSERT INTO analytics_handle_segments (event_id, conversation_id, agent_id, started_at, ended_at)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[], $5::timestamptz[])`,
        [
          col(segments, 0),
          col(segments, 1),
          col(segments, 2),
          col(segments, 3, true),
          col(segments, 4, true),
        ],
      );
    if (texts.length > 0)
      await client.query(
        `INSERT INTO analytics_message_facts (message_id, conversation_id, at, language, body)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::text[], $5::text[])`,
        [col(texts, 0), col(texts, 1), col(texts, 2, true), col(texts, 3), col(texts, 4)],
      );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}
