import { type SQL, sql } from 'drizzle-orm';
import type {
  AgentScorecards,
  ContactDrill,
  ContactDrillQuery,
  ContactReport,
  KpiFigures,
  ReportQuery,
  Wallboard,
} from '#contracts/analytics.ts';
import { type Clock, isValidTimeZone, startOfLocalDay } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { createEvents } from '../../platform/events.ts';
import { type Actor, requirePermission } from '../../platform/rbac.ts';
import type { RoutingService } from '../routing/index.ts';
import * as kpi from './analytics.kpi.ts';
import { type PaceOptions, syncMessageFacts } from './analytics.message-copies.ts';
import { createOutcomeReports, type LobbyBoardReader } from './analytics.outcomes.ts';
import { rebuildFromLog } from './analytics.rebuild.ts';
import { ROLLUP_SHORT_ABANDON, ROLLUP_THRESHOLD } from './analytics.rollups.ts';
import { createHotTopics } from './analytics.topics.ts';

type Events = ReturnType<typeof createEvents>;

/** The longest period one report may span (a year: beyond that, export by month). */
const MAX_REPORT_DAYS = 366;
/** Hour buckets beyond this many days would draw a chart nobody can read. */
const MAX_HOURLY_DAYS = 31;

export interface AnalyticsOptions {
  /** t of "x % within t seconds" (metrics.md § Service level). */
  thresholdSeconds: number;
  /** Abandons at or under this wait are left out (metrics.md § Short abandon). */
  shortAbandonSeconds: number;
  /** FCR window in days: a repeat of the same reason within it is not a first-contact resolution. */
  fcrWindowDays: number;
}

export const DEFAULT_ANALYTICS_OPTIONS: AnalyticsOptions = {
  thresholdSeconds: 20,
  shortAbandonSeconds: 5,
  fcrWindowDays: 7,
};

/** Whether the zone's offset from UTC at `at` is a whole number of hours (rollups are UTC hours). */
function wholeHourZone(timeZone: string, at: Date): boolean {
  const local = new Date(at.toLocaleString('en-US', { timeZone }));
  const utc = new Date(at.toLocaleString('en-US', { timeZone: 'UTC' }));
  return (local.getTime() - utc.getTime()) % 3_600_000 === 0;
}

/** A text array parameter (drizzle spreads a JS array into a row, not an array). */
const textArray = (values: readonly string[]): SQL =>
  values.length === 0
    ? sql`'{}'::text[]`
    : sql`ARRAY[${sql.join(
        values.map((v) => sql`${v}`),
        sql`, `,
      )}]::text[]`;

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

interface Aggregates {
  offered: number;
  answered: number;
  abandoned: number;
  short_abandoned: number;
  within: number;
  wait_sum: number;
  handle_sum: number;
  handled: number;
  ratings: number;
  good: number;
  transfers: number;
}

function figures(a: Aggregates): KpiFigures {
  const answered = Number(a.answered);
  const abandoned = Number(a.abandoned);
  const within = Number(a.within);
  return {
    offered: Number(a.offered),
    answered,
    abandoned,
    shortAbandoned: Number(a.short_abandoned),
    answeredWithinThreshold: within,
    serviceLevelAnswered: ratio(within, answered),
    serviceLevelOffered: ratio(within, answered + abandoned),
    abandonmentRate: ratio(abandoned, answered + abandoned),
    asaSeconds: ratio(Number(a.wait_sum), answered),
    ahtSeconds: ratio(Number(a.handle_sum), Number(a.handled)),
    csat: ratio(Number(a.good), Number(a.ratings)),
    ratings: Number(a.ratings),
    transfers: Number(a.transfers),
  };
}

/** Contact facts, the KPIs over them, the wallboard and the rebuild from the event log. */
export function createAnalyticsService(deps: {
  db: Db;
  clock: Clock;
  events: Events;
  routing: RoutingService;
  teamMembers: (teamIds: string[]) => Promise<string[]>;
  options?: Partial<AnalyticsOptions>;
  /** The branch lobby board (live waiting, longest wait) for the wallboard's branch tiles. */
  lobbyBoard?: LobbyBoardReader;
}) {
  const { db, clock, routing } = deps;
  const options = { ...DEFAULT_ANALYTICS_OPTIONS, ...deps.options };

  const aggregates = (): SQL => sql`
    count(*)::int AS offered,
    count(answered_at)::int AS answered,
    count(*) FILTER (WHERE answered_at IS NULL AND abandoned_at IS NOT NULL AND wait_seconds > ${options.shortAbandonSeconds})::int AS abandoned,
    count(*) FILTER (WHERE answered_at IS NULL AND abandoned_at IS NOT NULL AND wait_seconds <= ${options.shortAbandonSeconds})::int AS short_abandoned,
    count(*) FILTER (WHERE answered_at IS NOT NULL AND wait_seconds <= ${options.thresholdSeconds})::int AS within,
    coalesce(sum(wait_seconds) FILTER (WHERE answered_at IS NOT NULL), 0)::bigint AS wait_sum,
    coalesce(sum(handle_seconds), 0)::bigint AS handle_sum,
    count(handle_seconds)::int AS handled,
    count(rating)::int AS ratings,
    count(*) FILTER (WHERE rating >= 4)::int AS good,
    coalesce(sum(transfers), 0)::int AS transfers`;

  /**
   * Checks the period and the viewer's reach. A viewer with team scope sees the queues' figures
   * (no person in them) but only their own teams' agents: an agent or team filter outside them is
   * refused rather than silently emptied.
   */
  async function resolveFilters(actor: Actor | null, q: ReportQuery) {
    const scope = requirePermission(actor, 'reports.view');
    const from = new Date(q.from);
    const to = new Date(q.to);
    const tz = q.timeZone ?? 'UTC';
    if (!isValidTimeZone(tz)) throw new AppError('STAFF_INVALID_TIME_ZONE', 400, undefined, { timeZone: tz });
    const days = (to.getTime() - from.getTime()) / 86_400_000;
    if (!(days > 0) || days > MAX_REPORT_DAYS)
      throw new AppError('ANALYTICS_INVALID_PERIOD', 400, undefined, { maxDays: MAX_REPORT_DAYS });
    const granularity = q.granularity ?? (days <= 2 ? 'hour' : days <= 62 ? 'day' : 'week');
    if (granularity === 'hour' && days > MAX_HOURLY_DAYS)
      throw new AppError('ANALYTICS_INVALID_PERIOD', 400, undefined, { maxDays: MAX_HOURLY_DAYS });
    const own = scope === 'all' ? null : await deps.teamMembers(actor?.teamIds ?? []);
    if (own && q.agentId && !own.includes(q.agentId)) throw new AppError('AUTH_FORBIDDEN', 403);
    if (own && q.teamId && !actor?.teamIds.includes(q.teamId)) throw new AppError('AUTH_FORBIDDEN', 403);
    const where: SQL[] = [sql`f.offered_at >= ${from}`, sql`f.offered_at < ${to}`];
    if (q.channel) where.push(sql`f.channel = ${q.channel}`);
    if (q.queueId) where.push(sql`f.queue_id = ${q.queueId}`);
    if (q.agentId) where.push(sql`f.agent_id = ${q.agentId}`);
    if (q.reasonId) where.push(sql`f.reason_id = ${q.reasonId}`);
    if (q.teamId) where.push(sql`f.agent_id IN (SELECT user_id FROM user_teams WHERE team_id = ${q.teamId})`);
    if (q.segment) where.push(sql`f.customer_id IN (SELECT id FROM customers WHERE segment = ${q.segment})`);
    return { from, to, tz, granularity, where: sql.join(where, sql` AND `), own };
  }

  /**
   * Whether the hourly rollups can answer: whole hours in the report's zone, no per-person, reason or
   * segment filter, and the rollups' threshold and short-abandon limit.
   */
  const canUseRollups = (q: ReportQuery, from: Date, to: Date, tz: string) =>
    !q.agentId &&
    !q.reasonId &&
    !q.teamId &&
    !q.segment &&
    options.thresholdSeconds === ROLLUP_THRESHOLD &&
    options.shortAbandonSeconds === ROLLUP_SHORT_ABANDON &&
    from.getUTCMinutes() === 0 &&
    to.getUTCMinutes() === 0 &&
    from.getUTCSeconds() === 0 &&
    to.getUTCSeconds() === 0 &&
    wholeHourZone(tz, from) &&
    wholeHourZone(tz, to);

  /** The queues a report viewer may filter by: every queue's id and name (nothing else). */
  async function queueOptions(actor: Actor | null): Promise<{ id: string; name: string }[]> {
    requirePermission(actor, 'reports.view');
    const { rows } = await db.execute(sql`SELECT id, name FROM routing_queues ORDER BY name`);
    return rows as { id: string; name: string }[];
  }

  async function contactReport(actor: Actor | null, q: ReportQuery): Promise<ContactReport> {
    const { from, to, tz, granularity, where } = await resolveFilters(actor, q);
    if (canUseRollups(q, from, to, tz)) return rollupReport(q, from, to, tz, granularity);
    const unit = sql.raw(`'${granularity}'`);
    const [totals, series, heatmap, byQueue] = await Promise.all([
      db.execute(sql`SELECT ${aggregates()} FROM analytics_contact_facts f WHERE ${where}`),
      db.execute(sql`SELECT (date_trunc(${unit}, f.offered_at AT TIME ZONE ${tz}) AT TIME ZONE ${tz}) AS bucket, ${aggregates()}
        FROM analytics_contact_facts f WHERE ${where} GROUP BY 1 ORDER BY 1`),
      db.execute(sql`SELECT extract(isodow FROM f.offered_at AT TIME ZONE ${tz})::int AS weekday,
          extract(hour FROM f.offered_at AT TIME ZONE ${tz})::int AS hour, count(*)::int AS offered
        FROM analytics_contact_facts f WHERE ${where} GROUP BY 1, 2 ORDER BY 1, 2`),
      db.execute(sql`SELECT f.queue_id, coalesce(q.name, '—') AS name, count(*)::int AS offered, count(f.answered_at)::int AS answered
        FROM analytics_contact_facts f LEFT JOIN routing_queues q ON q.id = f.queue_id
        WHERE ${where} GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 50`),
    ]);
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      granularity,
      timeZone: tz,
      thresholdSeconds: options.thresholdSeconds,
      shortAbandonSeconds: options.shortAbandonSeconds,
      totals: figures(totals.rows[0] as unknown as Aggregates),
      series: (series.rows as unknown as (Aggregates & { bucket: string })[]).map((r) => ({
        bucket: new Date(r.bucket).toISOString(),
        ...figures(r),
      })),
      heatmap: heatmap.rows as unknown as ContactReport['heatmap'],
      byQueue: (
        byQueue.rows as { queue_id: string | null; name: string; offered: number; answered: number }[]
      ).map((r) => ({ queueId: r.queue_id, name: r.name, offered: r.offered, answered: r.answered })),
    };
  }

  /** The same report from the hourly rollups: ~100 rows per queue-day at most, whatever the volume. */
  async function rollupReport(
    q: ReportQuery,
    from: Date,
    to: Date,
    tz: string,
    granularity: string,
  ): Promise<ContactReport> {
    const unit = sql.raw(`'${granularity}'`);
    const filters: SQL[] = [sql`h.hour >= ${from}`, sql`h.hour < ${to}`];
    if (q.channel) filters.push(sql`h.channel = ${q.channel}`);
    if (q.queueId) filters.push(sql`h.queue_id = ${q.queueId}`);
    const where = sql.join(filters, sql` AND `);
    const sums = sql`sum(h.offered)::int AS offered, sum(h.answered)::int AS answered,
      sum(h.abandoned_after)::int AS abandoned, sum(h.abandoned_short)::int AS short_abandoned,
      sum(h.within_threshold)::int AS within, sum(h.wait_sum)::bigint AS wait_sum,
      sum(h.handle_sum)::bigint AS handle_sum, sum(h.handled)::int AS handled, sum(h.ratings)::int AS ratings,
      sum(h.good)::int AS good, sum(h.transfers)::int AS transfers`;
    const result = await db.execute(sql`
      WITH r AS (SELECT h.* FROM analytics_hourly h WHERE ${where})
      SELECT 'series' AS part, (date_trunc(${unit}, h.hour AT TIME ZONE ${tz}) AT TIME ZONE ${tz}) AS bucket,
        NULL::int AS weekday, NULL::int AS hour, NULL::uuid AS queue_id, ${sums}
        FROM r h GROUP BY 2
      UNION ALL
      SELECT 'heatmap', NULL, extract(isodow FROM h.hour AT TIME ZONE ${tz})::int, extract(hour FROM h.hour AT TIME ZONE ${tz})::int,
        NULL, ${sums} FROM r h GROUP BY 3, 4
      UNION ALL
      SELECT 'queue', NULL, NULL, NULL, h.queue_id, ${sums} FROM r h GROUP BY 5
      ORDER BY 1, 2, 3, 4`);
    const rows = result.rows as unknown as (Aggregates & {
      part: string;
      bucket: string | null;
      weekday: number | null;
      hour: number | null;
      queue_id: string | null;
    })[];
    const series = rows.filter((r) => r.part === 'series');
    const total = series.reduce(
      (t, r) => {
        for (const k of Object.keys(t) as (keyof Aggregates)[]) t[k] += Number(r[k]);
        return t;
      },
      {
        offered: 0,
        answered: 0,
        abandoned: 0,
        short_abandoned: 0,
        within: 0,
        wait_sum: 0,
        handle_sum: 0,
        handled: 0,
        ratings: 0,
        good: 0,
        transfers: 0,
      } as Aggregates,
    );
    const queueRows = rows.filter((r) => r.part === 'queue');
    const names = new Map<string, string>();
    if (queueRows.length > 0) {
      const named = await db.execute(sql`SELECT id, name FROM routing_queues`);
      for (const r of named.rows as { id: string; name: string }[]) names.set(r.id, r.name);
    }
    const NO_QUEUE = '00000000-0000-0000-0000-000000000000';
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      granularity,
      timeZone: tz,
      thresholdSeconds: options.thresholdSeconds,
      shortAbandonSeconds: options.shortAbandonSeconds,
      totals: figures(total),
      series: series.map((r) => ({ bucket: new Date(r.bucket as string).toISOString(), ...figures(r) })),
      heatmap: rows
        .filter((r) => r.part === 'heatmap')
        .map((r) => ({ weekday: r.weekday as number, hour: r.hour as number, offered: Number(r.offered) })),
      byQueue: queueRows
        .map((r) => ({
          queueId: r.queue_id === NO_QUEUE ? null : r.queue_id,
          name: r.queue_id === NO_QUEUE ? '—' : (names.get(r.queue_id as string) ?? '—'),
          offered: Number(r.offered),
          answered: Number(r.answered),
        }))
        .sort((a, b) => b.offered - a.offered)
        .slice(0, 50),
    };
  }

  /** The contacts behind a number: the same filters, optionally one outcome. */
  async function drillContacts(actor: Actor | null, q: ContactDrillQuery): Promise<ContactDrill> {
    const { where, own } = await resolveFilters(actor, q);
    const outcome =
      q.outcome === 'answered'
        ? sql` AND f.answered_at IS NOT NULL`
        : q.outcome === 'abandoned'
          ? sql` AND f.answered_at IS NULL AND f.abandoned_at IS NOT NULL`
          : q.outcome === 'waiting'
            ? sql` AND f.answered_at IS NULL AND f.abandoned_at IS NULL`
            : sql``;
    const [rows, count] = await Promise.all([
      db.execute(sql`SELECT f.conversation_id, f.channel, q.name AS queue_name, f.agent_id, u.display_name AS agent_name,
          r.code AS reason, f.offered_at, f.wait_seconds, f.handle_seconds, f.rating, f.transfers,
          CASE WHEN f.answered_at IS NOT NULL THEN 'answered' WHEN f.abandoned_at IS NOT NULL THEN 'abandoned' ELSE 'waiting' END AS outcome
        FROM analytics_contact_facts f
        LEFT JOIN routing_queues q ON q.id = f.queue_id
        LEFT JOIN users u ON u.id = f.agent_id
        LEFT JOIN contact_reasons r ON r.id = f.reason_id
        WHERE ${where}${outcome} ORDER BY f.offered_at DESC LIMIT ${q.limit ?? 100}`),
      db.execute(sql`SELECT count(*)::int AS n FROM analytics_contact_facts f WHERE ${where}${outcome}`),
    ]);
    return {
      items: (rows.rows as Record<string, unknown>[]).map((r) => ({
        conversationId: r.conversation_id as string,
        channel: r.channel as string,
        queueName: (r.queue_name as string | null) ?? null,
        // A team-scoped viewer sees other teams' contacts in queue figures, never whom they were with.
        agentName:
          own && r.agent_id && !own.includes(r.agent_id as string)
            ? null
            : ((r.agent_name as string) ?? null),
        reason: (r.reason as string | null) ?? null,
        offeredAt: new Date(r.offered_at as string).toISOString(),
        waitSeconds: (r.wait_seconds as number | null) ?? null,
        handleSeconds: (r.handle_seconds as number | null) ?? null,
        outcome: r.outcome as string,
        rating: (r.rating as number | null) ?? null,
        transfers: Number(r.transfers),
      })),
      total: (count.rows[0] as { n: number }).n,
    };
  }

  /** Per-agent scorecards; handle time from the agent's own segments, so a transfer is split. */
  async function agentScorecards(actor: Actor | null, q: ReportQuery): Promise<AgentScorecards> {
    const { from, to, tz, own } = await resolveFilters(actor, q);
    const agents = own ? sql`AND s.agent_id::text = ANY(${textArray(own)})` : sql``;
    const only = q.agentId ? sql`AND s.agent_id = ${q.agentId}` : sql``;
    const queue = q.queueId ? sql`AND f.queue_id = ${q.queueId}` : sql``;
    const result = await db.execute(sql`
      WITH seg AS (
        SELECT s.agent_id, s.conversation_id, s.started_at,
          extract(epoch FROM coalesce(s.ended_at, f.closed_at) - s.started_at) AS seconds,
          f.rating, f.agent_id = s.agent_id AS last_owner, f.transfers
        FROM analytics_handle_segments s JOIN analytics_contact_facts f ON f.conversation_id = s.conversation_id
        WHERE s.started_at >= ${from} AND s.started_at < ${to} ${agents} ${only} ${queue}
      )
      SELECT seg.agent_id, u.display_name,
        count(DISTINCT seg.conversation_id)::int AS handled,
        avg(seg.seconds) FILTER (WHERE seg.seconds IS NOT NULL) AS aht,
        count(seg.rating) FILTER (WHERE seg.last_owner)::int AS ratings,
        count(*) FILTER (WHERE seg.last_owner AND seg.rating >= 4)::int AS good,
        count(*) FILTER (WHERE NOT seg.last_owner)::int AS transfers_out,
        count(DISTINCT (seg.started_at AT TIME ZONE ${tz})::date)::int AS days
      FROM seg JOIN users u ON u.id = seg.agent_id
      GROUP BY 1, 2 ORDER BY 3 DESC, 2`);
    const rows = result.rows as Record<string, unknown>[];
    const time = await agentTime(
      rows.map((r) => r.agent_id as string),
      from,
      to,
    );
    return {
      items: rows.map((r) => {
        const t = time.get(r.agent_id as string) ?? { staffed: 0, available: 0, busy: 0 };
        return {
          agentId: r.agent_id as string,
          displayName: r.display_name as string,
          handled: Number(r.handled),
          ahtSeconds: r.aht === null ? null : Number(r.aht),
          csat: ratio(Number(r.good), Number(r.ratings)),
          ratings: Number(r.ratings),
          transfersOut: Number(r.transfers_out),
          contactsPerDay: ratio(Number(r.handled), Number(r.days)),
          staffedSeconds: Math.round(t.staffed),
          occupancy: kpi.occupancy(t.busy, t.available),
          utilization: kpi.utilization(t.busy, t.staffed),
        };
      }),
    };
  }

  /**
   * Per agent over [from, min(to, now)): seconds signed in (not offline) and available, from their
   * state changes (a state lasts until the next; the one before `from` counts from `from`), and busy
   * seconds: the union of their handle segments (concurrent chats count once), clipped to the period.
   */
  async function agentTime(
    agentIds: string[],
    from: Date,
    to: Date,
  ): Promise<Map<string, { staffed: number; available: number; busy: number }>> {
    const out = new Map<string, { staffed: number; available: number; busy: number }>();
    if (agentIds.length === 0) return out;
    const end = new Date(Math.min(to.getTime(), clock.now().getTime()));
    const ids = textArray(agentIds);
    const [states, busy] = await Promise.all([
      db.execute(sql`
        WITH st AS (
          SELECT agent_id, state, since,
            coalesce(lead(since) OVER (PARTITION BY agent_id ORDER BY since, event_id), ${end}::timestamptz) AS until
          FROM analytics_agent_state_facts WHERE agent_id::text = ANY(${ids}) AND since < ${end}
        ), clipped AS (
          SELECT agent_id, state, extract(epoch FROM least(until, ${end}::timestamptz) - greatest(since, ${from}::timestamptz)) AS s
          FROM st WHERE until > ${from}
        )
        SELECT agent_id, coalesce(sum(s) FILTER (WHERE state <> 'offline' AND s > 0), 0) AS staffed,
          coalesce(sum(s) FILTER (WHERE state = 'available' AND s > 0), 0) AS available
        FROM clipped GROUP BY agent_id`),
      db.execute(sql`
        SELECT agent_id, sum(extract(epoch FROM upper(r) - lower(r))) AS busy FROM (
          SELECT s.agent_id, unnest(range_agg(tstzrange(greatest(s.started_at, ${from}::timestamptz),
              least(coalesce(s.ended_at, f.closed_at, ${end}::timestamptz), ${end}::timestamptz)))) AS r
          FROM analytics_handle_segments s JOIN analytics_contact_facts f ON f.conversation_id = s.conversation_id
          WHERE s.agent_id::text = ANY(${ids}) AND s.started_at < ${end}
            AND s.started_at >= ${new Date(from.getTime() - 86_400_000)}
            AND coalesce(s.ended_at, f.closed_at, ${end}::timestamptz) > greatest(s.started_at, ${from}::timestamptz)
          GROUP BY s.agent_id) x
        GROUP BY agent_id`),
    ]);
    for (const r of states.rows as { agent_id: string; staffed: string; available: string }[])
      out.set(r.agent_id, { staffed: Number(r.staffed), available: Number(r.available), busy: 0 });
    for (const r of busy.rows as { agent_id: string; busy: string }[]) {
      const t = out.get(r.agent_id) ?? { staffed: 0, available: 0, busy: 0 };
      t.busy = Number(r.busy);
      out.set(r.agent_id, t);
    }
    return out;
  }

  /**
   * The live wallboard: waiting and agents straight from routing (the supervisor view's own
   * queries), today's figures from the facts.
   */
  async function wallboard(actor: Actor | null, timeZone = 'UTC'): Promise<Wallboard> {
    const scope = requirePermission(actor, 'supervisor.view');
    if (!isValidTimeZone(timeZone))
      throw new AppError('STAFF_INVALID_TIME_ZONE', 400, undefined, { timeZone });
    const now = clock.now();
    const since = startOfLocalDay(now, timeZone);
    const members = scope === 'all' ? null : await deps.teamMembers(actor?.teamIds ?? []);
    const [board, agentBoard, eligible, today] = await Promise.all([
      routing.queueBoard(since),
      routing.agentBoard(members),
      routing.queueAgentStates(members),
      db.execute(sql`SELECT f.queue_id, ${aggregates()} FROM analytics_contact_facts f
        WHERE f.offered_at >= ${since} GROUP BY ROLLUP (f.queue_id)`),
    ]);
    const rows = today.rows as unknown as (Aggregates & { queue_id: string | null })[];
    // ROLLUP's total row has a null queue_id; a contact without a queue has one too, so take the last.
    const total = rows.filter((r) => r.queue_id === null).at(-1);
    const byQueue = new Map(rows.filter((r) => r.queue_id !== null).map((r) => [r.queue_id, figures(r)]));
    const tile = (waiting: number, longest: number, f: KpiFigures | undefined): Wallboard['overall'] => ({
      waiting,
      longestWaitSeconds: longest,
      offeredToday: f?.offered ?? 0,
      answeredToday: f?.answered ?? 0,
      abandonedToday: f?.abandoned ?? 0,
      serviceLevelToday: f?.serviceLevelOffered ?? null,
      asaSeconds: f?.asaSeconds ?? null,
      csatToday: f?.csat ?? null,
    });
    const agents = { available: 0, busy: 0, away: 0, offline: 0 };
    for (const a of agentBoard) {
      const load = a.channels.reduce((sum, c) => sum + c.load, 0);
      if (a.state === 'available') agents[load > 0 ? 'busy' : 'available']++;
      else if (a.state === 'away') agents.away++;
      else agents.offline++;
    }
    return {
      at: now.toISOString(),
      thresholdSeconds: options.thresholdSeconds,
      thresholds: { serviceLevelAmber: 0.8, serviceLevelRed: 0.6, longestWaitAmber: 60, longestWaitRed: 180 },
      overall: tile(
        board.reduce((s, q) => s + q.waiting, 0),
        board.reduce((m, q) => Math.max(m, q.longestWaitSeconds), 0),
        total ? figures(total) : undefined,
      ),
      queues: board.map((q) => ({
        id: q.id,
        code: q.code,
        name: q.name,
        ...tile(q.waiting, q.longestWaitSeconds, byQueue.get(q.id)),
        agents: eligible.get(q.id) ?? { available: 0, busy: 0, away: 0, offline: 0 },
      })),
      agents,
    };
  }

  /**
   * Rebuilds the facts, segments and rollups from the event log (set-based, analytics.rebuild.ts);
   * `onProgress` gets (chunks done, 16).
   */
  const rebuild = (onProgress?: (done: number, total: number) => void) => rebuildFromLog(db, onProgress);

  const { hotTopics } = createHotTopics({ db, clock });

  /** The minutely job: copy the customer messages published since the last run, tokenise new copies. */
  const syncMessages = (options?: PaceOptions) => syncMessageFacts(db, options);

  const { caseReport, branchReport, branchWallboard } = createOutcomeReports({
    db,
    clock,
    fcrWindowDays: options.fcrWindowDays,
    lobbyBoard: deps.lobbyBoard,
  });

  return {
    queueOptions,
    contactReport,
    drillContacts,
    agentScorecards,
    wallboard,
    rebuild,
    hotTopics,
    syncMessages,
    caseReport,
    branchReport,
    branchWallboard,
    options,
  };
}

export type AnalyticsService = ReturnType<typeof createAnalyticsService>;
