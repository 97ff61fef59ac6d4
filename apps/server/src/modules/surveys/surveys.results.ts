import { sql } from 'drizzle-orm';
import type { SurveyResults, SurveyResultsQuery } from '#contracts/surveys.ts';
import { isValidTimeZone } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { maskPans } from '../../platform/masking.ts';
import { type Actor, requirePermission } from '../../platform/rbac.ts';
import { kpi } from '../analytics/index.ts';

const DAY_MS = 86_400_000;
/** The longest period one request may span (as the analytics reports). */
const MAX_DAYS = 366;
const KINDS = ['csat', 'nps', 'ces'] as const;
type Kind = (typeof KINDS)[number];
const SCALES: Record<Kind, [number, number]> = { csat: [1, 5], nps: [0, 10], ces: [1, 7] };
const VALUE_OF: Record<Kind, (scores: readonly number[]) => number | null> = {
  csat: kpi.csat,
  nps: kpi.nps,
  ces: kpi.ces,
};

/** One group of the period's scored answers: how many of a kind gave `score` in the bucket `start`. */
export interface ScoreGroup {
  kind: string;
  score: number;
  start: string;
  count: number;
}

/**
 * The figures of each kind from grouped answers, by the definitions of docs/metrics.md § Surveys
 * (analytics.kpi.ts): the distribution over the kind's whole scale (zeros kept, so a chart has
 * every bar), the value per trend bucket, and NPS promoters (9–10) / passives (7–8) / detractors (0–6).
 */
export function summariseResults(
  groups: readonly ScoreGroup[],
): Pick<SurveyResults, 'csat' | 'nps' | 'ces' | 'npsGroups'> {
  const figures = (kind: Kind) => {
    const [min, max] = SCALES[kind];
    const mine = groups.filter((g) => g.kind === kind && g.score >= min && g.score <= max);
    const scores = (of: readonly ScoreGroup[]) => of.flatMap((g) => Array<number>(g.count).fill(g.score));
    const starts = [...new Set(mine.map((g) => g.start))].sort();
    return {
      responses: mine.reduce((n, g) => n + g.count, 0),
      value: VALUE_OF[kind](scores(mine)),
      distribution: Array.from({ length: max - min + 1 }, (_, i) => ({
        score: min + i,
        count: mine.filter((g) => g.score === min + i).reduce((n, g) => n + g.count, 0),
      })),
      trend: starts.map((start) => {
        const bucket = mine.filter((g) => g.start === start);
        return {
          start,
          responses: bucket.reduce((n, g) => n + g.count, 0),
          value: VALUE_OF[kind](scores(bucket)),
        };
      }),
    };
  };
  const nps = figures('nps');
  const among = (from: number, to: number) =>
    nps.distribution.filter((d) => d.score >= from && d.score <= to).reduce((n, d) => n + d.count, 0);
  return {
    csat: figures('csat'),
    nps,
    ces: figures('ces'),
    npsGroups: { promoters: among(9, 10), passives: among(7, 8), detractors: among(0, 6) },
  };
}

/**
 * Survey results for supervisors and quality analysts (`reports.view`). A team-scoped viewer sees
 * the answers about their own teams' agents only (naming another team is refused).
 */
export function createSurveyResults(deps: { db: Db }) {
  const { db } = deps;

  async function surveyResults(actor: Actor | null, q: SurveyResultsQuery): Promise<SurveyResults> {
    const scope = requirePermission(actor, 'reports.view');
    const from = new Date(q.from);
    const to = new Date(q.to);
    const days = (to.getTime() - from.getTime()) / DAY_MS;
    if (!(days > 0) || days > MAX_DAYS)
      throw new AppError('SURVEY_INVALID_PERIOD', 400, undefined, { maxDays: MAX_DAYS });
    const tz = q.timeZone ?? 'UTC';
    if (!isValidTimeZone(tz)) throw new AppError('STAFF_INVALID_TIME_ZONE', 400, undefined, { timeZone: tz });
    const own = scope === 'all' ? null : (actor?.teamIds ?? []);
    if (own && q.teamId && !own.includes(q.teamId)) throw new AppError('AUTH_FORBIDDEN', 403);
    const teams = q.teamId ? [q.teamId] : own;
    const granularity = q.granularity ?? 'day';

    // Branch visits and cases have no conversation: their channel is `branch` / `case`.
    const channel = sql`COALESCE(c.channel, CASE WHEN r.ticket_id IS NOT NULL THEN 'branch'
      WHEN r.case_id IS NOT NULL THEN 'case' END)`;
    const where = [sql`r.created_at >= ${from}`, sql`r.created_at < ${to}`];
    if (q.channel) where.push(sql`${channel} = ${q.channel}`);
    if (q.queueId) where.push(sql`r.queue_id = ${q.queueId}`);
    if (teams)
      where.push(
        teams.length === 0
          ? sql`false`
          : sql`r.agent_id IN (SELECT user_id FROM user_teams WHERE team_id IN (${sql.join(
              teams.map((t) => sql`${t}::uuid`),
              sql`, `,
            )}))`,
      );
    const filter = sql.join(where, sql` AND `);
    const unit = granularity === 'week' ? sql.raw(`'week'`) : sql.raw(`'day'`);
    const [grouped, comments] = await Promise.all([
      db.execute(sql`SELECT r.kind, r.score,
          to_char(date_trunc(${unit}, r.created_at AT TIME ZONE ${tz}), 'YYYY-MM-DD') AS start, count(*)::int AS count
        FROM survey_responses r LEFT JOIN conversations c ON c.id = r.conversation_id
        WHERE ${filter} AND r.score IS NOT NULL AND r.kind IN ('csat', 'nps', 'ces')
        GROUP BY 1, 2, 3`),
      db.execute(sql`SELECT r.id, r.kind, r.score, r.language, r.conversation_id, r.case_id, r.ticket_id,
          r.queue_id, r.created_at, ${channel} AS channel, t.comment
        FROM survey_responses r LEFT JOIN conversations c ON c.id = r.conversation_id
        CROSS JOIN LATERAL (SELECT e.value AS comment FROM jsonb_each_text(r.answers) e
          WHERE jsonb_typeof(r.answers -> e.key) = 'string' AND e.value <> '' LIMIT 1) t
        WHERE ${filter}
        ORDER BY r.created_at DESC, r.id LIMIT 20`),
    ]);
    const groups = (grouped.rows as { kind: string; score: number; start: string; count: number }[]).map(
      (g) => ({ ...g, score: Number(g.score), count: Number(g.count) }),
    );
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      granularity,
      ...summariseResults(groups),
      comments: (comments.rows as Record<string, unknown>[]).map((r) => ({
        id: r.id as string,
        kind: r.kind as string,
        score: (r.score as number | null) ?? null,
        comment: maskPans(r.comment as string),
        language: r.language as string,
        channel: (r.channel as string | null) ?? null,
        conversationId: (r.conversation_id as string | null) ?? null,
        caseId: (r.case_id as string | null) ?? null,
        ticketId: (r.ticket_id as string | null) ?? null,
        queueId: (r.queue_id as string | null) ?? null,
        createdAt: new Date(r.created_at as string).toISOString(),
      })),
    };
  }

  return { surveyResults };
}
