import { sql } from 'drizzle-orm';
import type {
  BranchReport,
  BranchReportQuery,
  BranchTile,
  BranchWallboard,
  CaseReport,
  CaseReportQuery,
} from '#contracts/analytics-outcomes.ts';
import { type Clock, isValidTimeZone, startOfLocalDay } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import {
  type Actor,
  hasPermission,
  type Permission,
  requirePermission,
  type Scope,
  serviceActor,
} from '../../platform/rbac.ts';
import * as kpi from './analytics.kpi.ts';

/** The longest period one report may span (as the contact reports). */
const MAX_REPORT_DAYS = 366;
const DAY_MS = 86_400_000;

/** What the wallboard needs from the branch lobby board (branch.service.ts `lobbyBoard`). */
export type LobbyBoardReader = (branchId: string) => Promise<{
  services: { waiting: number; longestWaitSeconds: number; servedToday: number }[];
}>;

/** Average business resolution time over the resolved cases whose event carried the figure. */
function businessResolution(resolved: Record<string, unknown>[]): {
  averageBusinessResolutionHours: number | null;
  businessResolutionCases: number;
} {
  const seconds = resolved
    .map((r) => r.resolution_business_seconds)
    .filter((v): v is number => typeof v === 'number');
  return {
    averageBusinessResolutionHours: kpi.businessResolutionHours(seconds),
    businessResolutionCases: seconds.length,
  };
}

const ms = (v: unknown): number | null =>
  v === null || v === undefined ? null : new Date(v as string).getTime();

function period(q: { from: string; to: string; timeZone?: string | undefined }) {
  const from = new Date(q.from);
  const to = new Date(q.to);
  const tz = q.timeZone ?? 'UTC';
  if (!isValidTimeZone(tz)) throw new AppError('STAFF_INVALID_TIME_ZONE', 400, undefined, { timeZone: tz });
  const days = (to.getTime() - from.getTime()) / DAY_MS;
  if (!(days > 0) || days > MAX_REPORT_DAYS)
    throw new AppError('ANALYTICS_INVALID_PERIOD', 400, undefined, { maxDays: MAX_REPORT_DAYS });
  return { from, to, tz };
}

/**
 * Case and branch KPIs from the case and ticket facts, computed by the pure functions of
 * analytics.kpi.ts over the period's rows (a period holds thousands of cases, not millions).
 */
export function createOutcomeReports(deps: {
  db: Db;
  clock: Clock;
  fcrWindowDays: number;
  lobbyBoard?: LobbyBoardReader | undefined;
}) {
  const { db, clock } = deps;

  /**
   * Case KPIs. A team-scoped viewer sees their own teams' cases only (a team filter outside them is
   * refused); FCR is then over their teams' cases and all contacts' reasons (no person in them).
   */
  async function caseReport(actor: Actor | null, q: CaseReportQuery): Promise<CaseReport> {
    const scope = requirePermission(actor, 'reports.view');
    const { from, to } = period(q);
    const windowDays = q.fcrWindowDays ?? deps.fcrWindowDays;
    const own = scope === 'all' ? null : (actor?.teamIds ?? []);
    if (own && q.teamId && !own.includes(q.teamId)) throw new AppError('AUTH_FORBIDDEN', 403);
    const teams = q.teamId ? [q.teamId] : own;
    const teamFilter = teams
      ? teams.length === 0
        ? sql`false`
        : sql`c.team_id IN (${sql.join(
            teams.map((t) => sql`${t}::uuid`),
            sql`, `,
          )})`
      : sql`true`;
    const windowEnd = new Date(to.getTime() + windowDays * DAY_MS);
    const [cases, contacts] = await Promise.all([
      db.execute(sql`SELECT c.case_id, c.is_complaint, c.category_id, c.owner_id, c.first_owner_id, c.customer_id,
          c.conversation_id, c.created_at, c.due_at, c.resolved_at, c.closed_at, c.first_reopened_at,
          c.reopened_count, c.resolved_on_time, c.resolution_business_seconds, f.reason_id AS conversation_reason
        FROM analytics_case_facts c LEFT JOIN analytics_contact_facts f ON f.conversation_id = c.conversation_id
        WHERE ${teamFilter} AND ((c.created_at >= ${from} AND c.created_at < ${windowEnd})
          OR (c.resolved_at >= ${from} AND c.resolved_at < ${to}) OR (c.closed_at >= ${from} AND c.closed_at < ${to})
          OR (c.first_reopened_at >= ${from} AND c.first_reopened_at < ${windowEnd}))`),
      db.execute(sql`SELECT f.customer_id, f.reason_id, f.offered_at FROM analytics_contact_facts f
        WHERE f.offered_at >= ${from} AND f.offered_at < ${windowEnd}
          AND f.customer_id IS NOT NULL AND f.reason_id IS NOT NULL`),
    ]);
    const rows = cases.rows as Record<string, unknown>[];
    const inPeriod = (v: unknown) => {
      const t = ms(v);
      return t !== null && t >= from.getTime() && t < to.getTime();
    };
    const created = rows.filter((r) => inPeriod(r.created_at));
    const resolved = rows.filter((r) => inPeriod(r.resolved_at));
    const closed = rows.filter((r) => inPeriod(r.closed_at));
    const complaintsResolved = resolved.filter((r) => r.is_complaint);
    // Complaint on time: by the regulatory due time; without one, the resolution clock's verdict.
    const onTime = complaintsResolved.flatMap((r) => {
      const resolvedAt = ms(r.resolved_at) as number;
      const dueAt = ms(r.due_at);
      if (dueAt !== null) return [{ resolvedAt, dueAt }];
      if (r.resolved_on_time === null || r.resolved_on_time === undefined) return [];
      return [{ resolvedAt, dueAt: r.resolved_on_time ? resolvedAt : resolvedAt - 1 }];
    });
    // FCR contacts: conversations with a reason, and cases not opened from a conversation (their
    // category is the reason); a reopening repeats the contact the case came from.
    const fcrContacts: kpi.ReasonContact[] = (
      contacts.rows as { customer_id: string; reason_id: string; offered_at: string }[]
    ).map((c) => ({
      customerId: c.customer_id,
      reason: `reason:${c.reason_id}`,
      at: ms(c.offered_at) as number,
    }));
    for (const r of rows) {
      if (!r.customer_id) continue;
      const reason = r.conversation_id
        ? r.conversation_reason
          ? `reason:${r.conversation_reason as string}`
          : null
        : `case:${(r.category_id as string | null) ?? r.case_id}`;
      if (!reason) continue;
      if (!r.conversation_id)
        fcrContacts.push({ customerId: r.customer_id as string, reason, at: ms(r.created_at) as number });
      const reopenedAt = ms(r.first_reopened_at);
      if (reopenedAt !== null)
        fcrContacts.push({ customerId: r.customer_id as string, reason, at: reopenedAt, isReopen: true });
    }
    // Only the period's contacts are judged: a contact at or after `to` never has its window end
    // before this cut-off (kpi.fcr leaves such contacts out), but still counts as a repeat.
    const now = Math.min(clock.now().getTime(), windowEnd.getTime() - 1);
    const judged = fcrContacts.filter(
      (c) =>
        !c.isReopen && c.at >= from.getTime() && c.at < to.getTime() && c.at + windowDays * DAY_MS <= now,
    ).length;
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      fcrWindowDays: windowDays,
      created: created.length,
      complaintsCreated: created.filter((r) => r.is_complaint).length,
      resolved: resolved.length,
      closed: closed.length,
      reopened: created.filter((r) => Number(r.reopened_count) > 0).length,
      closedByFirstOwner: kpi.closedByFirstOwner(
        closed.map((r) => ({ firstOwnerId: r.first_owner_id as string, closedById: r.owner_id as string })),
      ),
      complaintOnTimeRate: kpi.complaintOnTimeRate(onTime),
      complaintsResolved: complaintsResolved.length,
      averageResolutionHours: kpi.calendarResolutionHours(
        resolved.map((r) => ({
          createdAt: ms(r.created_at) as number,
          resolvedAt: ms(r.resolved_at) as number,
        })),
      ),
      ...businessResolution(resolved),
      fcr: kpi.fcr(
        fcrContacts.filter((c) => c.at >= from.getTime()),
        now,
        windowDays,
      ),
      fcrContacts: judged,
    };
  }

  /** Branches a viewer may see: all with reports.view; their own with the lobby permission. */
  function branchReach(actor: Actor | null): string[] | null {
    if (hasPermission(actor, 'reports.view')) return null;
    if (hasPermission(actor, 'branch.lobby')) {
      const scope = requirePermission(actor, 'branch.lobby');
      return scope === 'all' ? null : actor?.branchId ? [actor.branchId] : [];
    }
    requirePermission(actor, 'reports.view');
    return [];
  }

  async function branchFigures(from: Date, to: Date, branchIds: string[] | null) {
    const reach =
      branchIds === null
        ? sql`true`
        : branchIds.length === 0
          ? sql`false`
          : sql`t.branch_id IN (${sql.join(
              branchIds.map((b) => sql`${b}::uuid`),
              sql`, `,
            )})`;
    const [tickets, feedback] = await Promise.all([
      db.execute(sql`SELECT t.branch_id, t.issued_at, t.wait_seconds, t.started_at, t.finished_at, t.no_show, t.transfers
        FROM analytics_ticket_facts t WHERE ${reach} AND t.issued_at >= ${from} AND t.issued_at < ${to}`),
      db.execute(sql`SELECT t.branch_id, count(*)::int AS n, avg(t.rating)::float8 AS mean
        FROM analytics_branch_feedback t WHERE ${reach} AND t.at >= ${from} AND t.at < ${to} GROUP BY ROLLUP (t.branch_id)`),
    ]);
    const rows = tickets.rows as Record<string, unknown>[];
    const ratings = feedback.rows as { branch_id: string | null; n: number; mean: number | null }[];
    const of = (list: Record<string, unknown>[], branchId: string | null) => {
      const tix: kpi.BranchTicket[] = list.map((r) => {
        const issuedAt = ms(r.issued_at) as number;
        const wait = r.wait_seconds === null ? null : Number(r.wait_seconds);
        return {
          issuedAt,
          calledAt: wait === null ? null : issuedAt + wait * 1000,
          servedAt: ms(r.started_at),
          doneAt: ms(r.finished_at),
          noShow: Boolean(r.no_show),
        };
      });
      const times = kpi.branchTimes(tix);
      const rating =
        branchId === null
          ? ratings.find((r) => r.branch_id === null)
          : ratings.find((r) => r.branch_id === branchId);
      return {
        issued: tix.length,
        called: tix.filter((t) => t.calledAt !== null).length,
        served: tix.filter((t) => t.doneAt !== null && !t.noShow).length,
        noShows: tix.filter((t) => t.noShow).length,
        transfers: list.reduce((s, r) => s + Number(r.transfers), 0),
        averageWaitSeconds: times.waitSeconds,
        averageServiceSeconds: times.serviceSeconds,
        noShowRate: times.noShowRate,
        averageRating: rating?.mean ?? null,
        ratings: rating?.n ?? 0,
      };
    };
    return { rows, of };
  }

  async function branchNames(branchIds: string[] | null) {
    const names = await db.execute(sql`SELECT id, name FROM branches ORDER BY name`);
    return (names.rows as { id: string; name: string }[]).filter(
      (b) => branchIds === null || branchIds.includes(b.id),
    );
  }

  /** Branch wait, service time, no-show rate and pad ratings per branch, tickets issued in the period. */
  async function branchReport(actor: Actor | null, q: BranchReportQuery): Promise<BranchReport> {
    const reach = branchReach(actor);
    const { from, to } = period(q);
    if (q.branchId && reach && !reach.includes(q.branchId)) throw new AppError('AUTH_FORBIDDEN', 403);
    const ids = q.branchId ? [q.branchId] : reach;
    const [{ rows, of }, names] = await Promise.all([branchFigures(from, to, ids), branchNames(ids)]);
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      totals: of(rows, null),
      branches: names
        .map((b) => ({
          branchId: b.id,
          name: b.name,
          ...of(
            rows.filter((r) => r.branch_id === b.id),
            b.id,
          ),
        }))
        .filter((b) => b.issued > 0 || b.ratings > 0 || q.branchId === b.branchId),
    };
  }

  /** Per-branch wallboard tiles: waiting and longest wait live from the lobby board, today's figures from the facts. */
  async function branchWallboard(actor: Actor | null, timeZone = 'UTC'): Promise<BranchWallboard> {
    const reach = branchReach(actor);
    if (!isValidTimeZone(timeZone))
      throw new AppError('STAFF_INVALID_TIME_ZONE', 400, undefined, { timeZone });
    const now = clock.now();
    const since = startOfLocalDay(now, timeZone);
    const [{ rows, of }, names] = await Promise.all([branchFigures(since, now, reach), branchNames(reach)]);
    const tiles: BranchTile[] = await Promise.all(
      names.map(async (b) => {
        const board = deps.lobbyBoard ? await deps.lobbyBoard(b.id) : { services: [] };
        const today = of(
          rows.filter((r) => r.branch_id === b.id),
          b.id,
        );
        return {
          branchId: b.id,
          name: b.name,
          waiting: board.services.reduce((s, x) => s + x.waiting, 0),
          longestWaitSeconds: board.services.reduce((m, x) => Math.max(m, x.longestWaitSeconds), 0),
          servedToday: board.services.reduce((s, x) => s + x.servedToday, 0),
          averageWaitSecondsToday: today.averageWaitSeconds,
          noShowRateToday: today.noShowRate,
        };
      }),
    );
    return { at: now.toISOString(), branches: tiles };
  }

  return { caseReport, branchReport, branchWallboard };
}

/**
 * The identity the wallboard reads the branch lobby boards with, after analytics has checked the
 * viewer's own reach (`branchReach`): lobby-board reading only, never a person's session.
 */
export const LOBBY_BOARD_READER: Actor = serviceActor({
  username: 'system:analytics',
  displayName: 'Analytics',
  permissions: new Map<Permission, Scope>([['branch.lobby', 'all']]),
});
