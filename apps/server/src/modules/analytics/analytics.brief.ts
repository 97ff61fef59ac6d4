import { sql } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.ts';
import { startOfLocalDay } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import type { Locale } from '../../platform/i18n.ts';
import { risingTest } from './analytics.kpi.ts';
import type { ReportMailer } from './analytics.schedules.ts';

const DAY_MS = 86_400_000;
/** Fewer contacts than this on a reason yesterday: too few to call it hot or hard. */
const MIN_CONTACTS = 5;
/** metrics.md § Hard topics. */
const LONG_HANDLE_FACTOR = 1.5;
const LOW_CSAT = 0.6;
const MANY_TRANSFERS = 0.2;

export interface BriefTopic {
  reasonId: string;
  topic: string;
  contacts: number;
  /** Same weekday a week earlier. */
  weekBefore: number;
  rising: boolean;
  ahtSeconds: number | null;
  baselineAhtSeconds: number | null;
  csat: number | null;
  transferShare: number;
  /** Why it is hard: long handle time, low CSAT, many transfers (empty: not hard). */
  hard: ('long_handle' | 'low_csat' | 'many_transfers')[];
}

const WORDS: Record<Locale, Record<string, string>> = {
  en: {
    subject: 'Morning brief',
    hot: 'Hot yesterday',
    hard: 'Hard yesterday',
    none: 'nothing stood out',
    contacts: 'contacts',
    long_handle: 'long handle time',
    low_csat: 'low CSAT',
    many_transfers: 'many transfers',
  },
  'zh-CN': {
    subject: '晨报',
    hot: '昨日热点',
    hard: '昨日难点',
    none: '无明显异常',
    contacts: '次接触',
    long_handle: '处理时间长',
    low_csat: '满意度低',
    many_transfers: '转接多',
  },
  vi: {
    subject: 'Bản tin sáng',
    hot: 'Nổi bật hôm qua',
    hard: 'Khó hôm qua',
    none: 'không có gì nổi bật',
    contacts: 'liên hệ',
    long_handle: 'xử lý lâu',
    low_csat: 'CSAT thấp',
    many_transfers: 'chuyển tiếp nhiều',
  },
};

/**
 * The morning brief (metrics.md § Hard topics): yesterday's contact reasons in the bank's zone,
 * hot (rising against the same weekday a week before, binomial test) and hard (long handle time
 * against the reason's previous 28 days, low CSAT, or many transfers), mailed to every active
 * supervisor with an email address, in their language, once a day.
 */
export function createMorningBrief(deps: { db: Db; clock: Clock; mailer: ReportMailer; timeZone: string }) {
  const { db, clock, mailer, timeZone } = deps;

  async function topicsOf(day: Date, language: Locale): Promise<BriefTopic[]> {
    const from = day;
    const to = startOfLocalDay(new Date(day.getTime() + DAY_MS + 3_600_000 * 3), timeZone);
    const weekFrom = new Date(from.getTime() - 7 * DAY_MS);
    const weekTo = new Date(to.getTime() - 7 * DAY_MS);
    const baseFrom = new Date(from.getTime() - 28 * DAY_MS);
    const result = await db.execute(sql`
      SELECT r.id, coalesce(r.names->>${language}, r.names->>'en', r.code) AS topic,
        count(*) FILTER (WHERE f.offered_at >= ${from})::int AS contacts,
        count(*) FILTER (WHERE f.offered_at >= ${weekFrom} AND f.offered_at < ${weekTo})::int AS week_before,
        avg(f.handle_seconds) FILTER (WHERE f.offered_at >= ${from}) AS aht,
        avg(f.handle_seconds) FILTER (WHERE f.offered_at < ${from}) AS base_aht,
        count(f.rating) FILTER (WHERE f.offered_at >= ${from})::int AS ratings,
        count(*) FILTER (WHERE f.offered_at >= ${from} AND f.rating >= 4)::int AS good,
        count(*) FILTER (WHERE f.offered_at >= ${from} AND f.transfers > 0)::int AS transferred
      FROM analytics_contact_facts f JOIN contact_reasons r ON r.id = f.reason_id
      WHERE f.offered_at >= ${baseFrom} AND f.offered_at < ${to}
      GROUP BY r.id, r.names, r.code`);
    return (result.rows as Record<string, unknown>[])
      .map((r) => {
        const contacts = Number(r.contacts);
        const aht = r.aht === null ? null : Number(r.aht);
        const base = r.base_aht === null ? null : Number(r.base_aht);
        const ratings = Number(r.ratings);
        const csat = ratings > 0 ? Number(r.good) / ratings : null;
        const transferShare = contacts > 0 ? Number(r.transferred) / contacts : 0;
        const hard: BriefTopic['hard'] = [];
        if (contacts >= MIN_CONTACTS) {
          if (aht !== null && base !== null && aht >= LONG_HANDLE_FACTOR * base) hard.push('long_handle');
          if (csat !== null && ratings >= MIN_CONTACTS && csat < LOW_CSAT) hard.push('low_csat');
          if (transferShare >= MANY_TRANSFERS) hard.push('many_transfers');
        }
        return {
          reasonId: r.id as string,
          topic: r.topic as string,
          contacts,
          weekBefore: Number(r.week_before),
          rising: risingTest(contacts, Number(r.week_before)).rising,
          ahtSeconds: aht,
          baselineAhtSeconds: base,
          csat,
          transferShare,
          hard,
        };
      })
      .filter((t) => t.contacts > 0)
      .sort((a, b) => b.contacts - a.contacts);
  }

  /** Yesterday's brief for one language (exported for the report and the tests). */
  async function yesterday(language: Locale): Promise<{ day: string; topics: BriefTopic[] }> {
    const today = startOfLocalDay(clock.now(), timeZone);
    const day = startOfLocalDay(new Date(today.getTime() - DAY_MS / 2), timeZone);
    return { day: day.toISOString(), topics: await topicsOf(day, language) };
  }

  /** The job: one email per active supervisor with an address, per day. Returns how many were queued. */
  async function sendMorningBrief(): Promise<number> {
    const leads = (
      await db.execute(sql`SELECT id, email, locale FROM users
        WHERE 'supervisor' = ANY(roles) AND status = 'active' AND email IS NOT NULL AND email <> ''
        ORDER BY id`)
    ).rows as { id: string; email: string; locale: Locale }[];
    const briefs = new Map<Locale, { day: string; topics: BriefTopic[] }>();
    let queued = 0;
    for (const lead of leads) {
      const locale: Locale = lead.locale in WORDS ? lead.locale : 'en';
      let brief = briefs.get(locale);
      if (!brief) {
        brief = await yesterday(locale);
        briefs.set(locale, brief);
      }
      const w = WORDS[locale];
      const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(
        new Date(brief.day),
      );
      const hot = brief.topics.filter((t) => t.rising);
      const hard = brief.topics.filter((t) => t.hard.length > 0);
      const line = (t: BriefTopic, why?: string) =>
        `- ${t.topic}: ${t.contacts} ${w.contacts}${why ? ` (${why})` : ''}`;
      const text = [
        `${w.subject} · ${date}`,
        '',
        `${w.hot}:`,
        ...(hot.length ? hot.map((t) => line(t, `${t.weekBefore} → ${t.contacts}`)) : [`- ${w.none}`]),
        '',
        `${w.hard}:`,
        ...(hard.length ? hard.map((t) => line(t, t.hard.map((h) => w[h]).join(', '))) : [`- ${w.none}`]),
        '',
        'Banyan',
      ].join('\n');
      const result = (await db.transaction((tx) =>
        mailer.queueEmail(tx, {
          conversationId: null,
          customerId: null,
          templateKey: 'morning_brief',
          to: lead.email,
          locale,
          email: { subject: `${w.subject} · ${date}`, text, attachments: [] },
          messageId: mailer.newMessageId(),
          idempotencyKey: `brief:${lead.id}:${brief.day.slice(0, 10)}`,
        }),
      )) as { duplicate?: boolean };
      if (!result?.duplicate) queued++;
    }
    return queued;
  }

  return { yesterday, sendMorningBrief };
}

export type MorningBrief = ReturnType<typeof createMorningBrief>;
