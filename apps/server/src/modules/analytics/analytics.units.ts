import { sql } from 'drizzle-orm';
import type { HotTopics, HotTopicsQuery } from '#contracts/analytics.ts';
import type { BusinessUnit, CreateBusinessUnit } from '#contracts/analytics-schedules.ts';
import type { Audit } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { Locale } from '../../platform/i18n.ts';
import type { Ids } from '../../platform/ids.ts';
import { type Actor, requirePermission } from '../../platform/rbac.ts';
import { isEmailAddress } from '../notifications/index.ts';
import { hotTopicLabels, renderHotTopicsPdf } from './analytics.pdf.ts';
import { type ReportMailer, SCHEDULE_READER } from './analytics.schedules.ts';

interface UnitRow {
  id: string;
  name: string;
  email: string;
  language: Locale;
  created_at: string | Date;
  reason_ids: string[] | null;
}

const toUnit = (r: UnitRow): BusinessUnit => ({
  id: r.id,
  name: r.name,
  email: r.email,
  language: r.language,
  reasonIds: r.reason_ids ?? [],
  createdAt: new Date(r.created_at).toISOString(),
});

/**
 * Business units and the contact reasons they follow; the weekly job mails each unit the hot-topic
 * report in its language, its own topics first, rising ones flagged. Managing units is for people
 * who see the whole center's reports (`reports.view` with scope `all`: the service-quality team).
 */
export function createBusinessUnits(deps: {
  db: Db;
  clock: Clock;
  ids: Ids;
  audit: Audit;
  hotTopics: (actor: Actor | null, q: HotTopicsQuery) => Promise<HotTopics>;
  mailer: ReportMailer;
}) {
  const { db, clock, ids, audit, mailer } = deps;

  function requireCenterWide(actor: Actor | null): Actor {
    if (requirePermission(actor, 'reports.view') !== 'all') throw new AppError('AUTH_FORBIDDEN', 403);
    return actor as Actor;
  }

  const select = sql`SELECT u.*, (SELECT array_agg(t.reason_id ORDER BY t.reason_id)
      FROM analytics_business_unit_topics t WHERE t.unit_id = u.id) AS reason_ids FROM analytics_business_units u`;

  async function listUnits(actor: Actor | null): Promise<BusinessUnit[]> {
    requireCenterWide(actor);
    const result = await db.execute(sql`${select} ORDER BY u.name, u.id`);
    return (result.rows as unknown as UnitRow[]).map(toUnit);
  }

  async function createUnit(actor: Actor | null, input: CreateBusinessUnit): Promise<BusinessUnit> {
    const a = requireCenterWide(actor);
    const email = input.email.trim().toLowerCase();
    if (!isEmailAddress(email))
      throw new AppError('ANALYTICS_INVALID_RECIPIENT', 400, undefined, { address: email.slice(0, 80) });
    const reasonIds = [...new Set(input.reasonIds)];
    if (reasonIds.length > 0) {
      const known = await db.execute(
        sql`SELECT count(*)::int AS n FROM contact_reasons WHERE id = ANY(${`{${reasonIds.join(',')}}`}::uuid[])`,
      );
      if ((known.rows[0] as { n: number }).n !== reasonIds.length)
        throw new AppError('ANALYTICS_UNKNOWN_TOPIC', 400);
    }
    const id = ids.uuid();
    await db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO analytics_business_units (id, name, email, language, created_at)
        VALUES (${id}, ${input.name.trim()}, ${email}, ${input.language}, ${clock.now()})`);
      for (const reasonId of reasonIds)
        await tx.execute(
          sql`INSERT INTO analytics_business_unit_topics (unit_id, reason_id) VALUES (${id}, ${reasonId})`,
        );
      await audit.record(tx, {
        actorId: a.userId,
        actorName: a.username,
        action: 'analytics.business_unit_created',
        targetType: 'business_unit',
        targetId: id,
        details: { topics: reasonIds.length },
      });
    });
    const row = (await db.execute(sql`${select} WHERE u.id = ${id}`)).rows[0] as unknown as UnitRow;
    return toUnit(row);
  }

  async function deleteUnit(actor: Actor | null, id: string): Promise<void> {
    const a = requireCenterWide(actor);
    await db.transaction(async (tx) => {
      const gone = await tx.execute(sql`DELETE FROM analytics_business_units WHERE id = ${id} RETURNING id`);
      if (gone.rows.length === 0) throw new AppError('ANALYTICS_UNIT_NOT_FOUND', 404);
      await audit.record(tx, {
        actorId: a.userId,
        actorName: a.username,
        action: 'analytics.business_unit_deleted',
        targetType: 'business_unit',
        targetId: id,
        details: {},
      });
    });
  }

  /**
   * The weekly job: each unit gets the report of the seven days up to now, in its language, its
   * subscribed reasons first; one email per unit and week (the idempotency key names both, so a
   * second run in the same week queues nothing). Returns how many were queued.
   */
  async function sendWeeklyHotTopics(): Promise<number> {
    const units = (await db.execute(sql`${select} ORDER BY u.id`)).rows as unknown as UnitRow[];
    const byLanguage = new Map<Locale, HotTopics>();
    let queued = 0;
    for (const unit of units) {
      let report = byLanguage.get(unit.language);
      if (!report) {
        report = await deps.hotTopics(SCHEDULE_READER, { language: unit.language });
        byLanguage.set(unit.language, report);
      }
      const own = new Set(unit.reason_ids ?? []);
      const isOwn = (i: HotTopics['items'][number]) =>
        (i.kind === 'reason' || i.kind === 'category') && !!i.reasonId && own.has(i.reasonId);
      const items = [...report.items.filter(isOwn), ...report.items.filter((i) => !isOwn(i))].map((i) => ({
        topic: i.topic,
        thisWeek: i.thisWeek,
        lastWeek: i.lastWeek,
        change: i.change,
        rising: i.rising,
        own: isOwn(i),
      }));
      const pdf = await renderHotTopicsPdf({
        unitName: unit.name,
        weekStart: report.weekStart,
        items,
        locale: unit.language,
      });
      const l = hotTopicLabels(unit.language);
      const day = report.weekStart.slice(0, 10);
      const risingOwn = items.filter((i) => i.own && i.rising).map((i) => i.topic);
      await db.transaction(async (tx) => {
        const result = (await mailer.queueEmail(tx, {
          conversationId: null,
          customerId: null,
          templateKey: 'hot_topics_weekly',
          to: unit.email,
          locale: unit.language,
          email: {
            subject: `${l.title} · ${unit.name} · ${day}`,
            text: `${l.title} · ${unit.name}\n${l.week} ${day}\n${risingOwn.length ? `${l.rising}: ${risingOwn.join(', ')}\n` : ''}\nBanyan`,
            attachments: [
              {
                filename: `hot-topics-${day}.pdf`,
                contentType: 'application/pdf',
                contentBase64: Buffer.from(pdf).toString('base64'),
              },
            ],
          },
          messageId: mailer.newMessageId(),
          idempotencyKey: `hot-topics:${unit.id}:${day}`,
        })) as { duplicate?: boolean };
        if (!result?.duplicate) queued++;
      });
    }
    return queued;
  }

  return { listUnits, createUnit, deleteUnit, sendWeeklyHotTopics };
}

export type BusinessUnits = ReturnType<typeof createBusinessUnits>;
