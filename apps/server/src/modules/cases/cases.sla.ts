import { sql } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.ts';
import type { Db, DbOrTx } from '../../platform/db.ts';
import type { Events, NewEvent } from '../../platform/events.ts';
import type { Ids } from '../../platform/ids.ts';
import type { Logger } from '../../platform/logger.ts';
import { addBusinessMinutes, type BusinessCalendar, businessMinutesBetween } from './cases.business-time.ts';
import { SEEDED_CALENDARS } from './cases.calendars-data.ts';
import { CASE_EVENTS } from './cases.events.ts';
import type { EscalationStep } from './cases.schema.ts';

export const THRESHOLDS = [50, 80, 100] as const;
export type ClockKind = 'first_response' | 'next_update' | 'resolution';

/** Monday–Friday 09:00–17:00 UTC without holidays: for branches in countries with no calendar yet. */
export const GENERIC_CALENDAR: BusinessCalendar = {
  timeZone: 'UTC',
  weekly: Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, [['09:00', '17:00']]])),
  holidays: [],
  makeUpDays: [],
};

export interface ClockRow {
  id: string;
  case_id: string;
  kind: ClockKind;
  calendar_code: string;
  budget_minutes: number;
  used_minutes: number;
  running_since: Date | null;
  due_at: Date | null;
  stage: number;
  next_fire_at: Date | null;
  stopped_at: Date | null;
  met_at: Date | null;
}

/** Minutes of budget at which `stage` (0, 1, 2) fires its next threshold. */
const thresholdMinutes = (budget: number, stage: number) =>
  Math.ceil((budget * (THRESHOLDS[stage] as number)) / 100);

/** The next instant the clock must fire, or null when it is paused, stopped or fully fired. */
export function nextFireAt(
  calendar: BusinessCalendar,
  clock: Pick<ClockRow, 'budget_minutes' | 'used_minutes' | 'running_since' | 'stage'>,
  now: Date,
): Date | null {
  if (!clock.running_since || clock.stage >= THRESHOLDS.length) return null;
  const left = thresholdMinutes(clock.budget_minutes, clock.stage) - clock.used_minutes;
  if (left <= 0) return now;
  return addBusinessMinutes(calendar, new Date(clock.running_since), left);
}

/**
 * SLA clocks: started, paused, resumed and stopped by the case service inside its transactions, and
 * fired by `fireDue`, a due-time index scan run every second that takes rows with SKIP LOCKED and
 * moves each clock's stage in the same transaction as its events, so a threshold fires once.
 */
export function createSlaClocks(deps: { db: Db; ids: Ids; clock: Clock; events: Events; log: Logger }) {
  const { db, ids, clock, events, log } = deps;
  const calendarCache = new Map<string, { at: number; calendar: BusinessCalendar }>();

  async function calendarOf(code: string): Promise<BusinessCalendar> {
    const hit = calendarCache.get(code);
    if (hit && Date.now() - hit.at < 60_000) return hit.calendar;
    const result = await db.execute(
      sql`SELECT time_zone, weekly, holidays, make_up_days FROM case_calendars WHERE code = ${code}`,
    );
    const row = result.rows[0] as
      | {
          time_zone: string;
          weekly: BusinessCalendar['weekly'];
          holidays: BusinessCalendar['holidays'];
          make_up_days: BusinessCalendar['makeUpDays'];
        }
      | undefined;
    const calendar: BusinessCalendar = row
      ? { timeZone: row.time_zone, weekly: row.weekly, holidays: row.holidays, makeUpDays: row.make_up_days }
      : (SEEDED_CALENDARS.find((c) => c.code === code) ?? GENERIC_CALENDAR);
    calendarCache.set(code, { at: Date.now(), calendar });
    return calendar;
  }
  const forgetCalendar = (code: string) => calendarCache.delete(code);

  async function start(
    tx: DbOrTx,
    input: { caseId: string; kind: ClockKind; calendarCode: string; budgetMinutes: number },
  ) {
    const now = clock.now();
    const calendar = await calendarOf(input.calendarCode);
    const row = { budget_minutes: input.budgetMinutes, used_minutes: 0, running_since: now, stage: 0 };
    const due = addBusinessMinutes(calendar, now, input.budgetMinutes);
    const fire = nextFireAt(calendar, row, now);
    await tx.execute(sql`INSERT INTO case_sla_clocks (id, case_id, kind, calendar_code, budget_minutes, started_at, used_minutes, running_since, due_at, stage, next_fire_at)
      VALUES (${ids.uuid()}, ${input.caseId}, ${input.kind}, ${input.calendarCode}, ${input.budgetMinutes}, ${now}, 0, ${now}, ${due}, 0, ${fire})
      ON CONFLICT (case_id, kind) DO UPDATE SET started_at = EXCLUDED.started_at, used_minutes = 0, running_since = EXCLUDED.running_since,
        due_at = EXCLUDED.due_at, stage = 0, next_fire_at = EXCLUDED.next_fire_at, stopped_at = NULL, met_at = NULL,
        budget_minutes = EXCLUDED.budget_minutes`);
  }

  /** The row `start` would insert for a new case's clock (the group commit inserts many at once). */
  async function plan(
    input: { caseId: string; kind: ClockKind; calendarCode: string; budgetMinutes: number },
    now: Date,
  ) {
    const calendar = await calendarOf(input.calendarCode);
    const row = { budget_minutes: input.budgetMinutes, used_minutes: 0, running_since: now, stage: 0 };
    return {
      id: ids.uuid(),
      case_id: input.caseId,
      kind: input.kind,
      calendar_code: input.calendarCode,
      budget_minutes: input.budgetMinutes,
      started_at: now,
      due_at: addBusinessMinutes(calendar, now, input.budgetMinutes),
      next_fire_at: nextFireAt(calendar, row, now),
    };
  }

  async function rowsOf(tx: DbOrTx, caseId: string, kinds?: ClockKind[]): Promise<ClockRow[]> {
    const result = await tx.execute(sql`SELECT * FROM case_sla_clocks WHERE case_id = ${caseId}
      ${
        kinds
          ? sql`AND kind IN (${sql.join(
              kinds.map((k) => sql`${k}`),
              sql`, `,
            )})`
          : sql``
      } FOR UPDATE`);
    return result.rows as unknown as ClockRow[];
  }

  /** Pauses running clocks (waiting for the customer): the business time used so far is banked. */
  async function pause(tx: DbOrTx, caseId: string, kinds?: ClockKind[]) {
    const now = clock.now();
    for (const c of await rowsOf(tx, caseId, kinds)) {
      if (!c.running_since || c.stopped_at) continue;
      const calendar = await calendarOf(c.calendar_code);
      const used = Math.round(
        c.used_minutes + businessMinutesBetween(calendar, new Date(c.running_since), now),
      );
      await tx.execute(
        sql`UPDATE case_sla_clocks SET used_minutes = ${used}, running_since = NULL, next_fire_at = NULL, due_at = NULL WHERE id = ${c.id}`,
      );
    }
  }

  async function resume(tx: DbOrTx, caseId: string, kinds?: ClockKind[]) {
    const now = clock.now();
    for (const c of await rowsOf(tx, caseId, kinds)) {
      if (c.running_since || c.stopped_at) continue;
      const calendar = await calendarOf(c.calendar_code);
      const running = { ...c, running_since: now };
      const due = addBusinessMinutes(calendar, now, Math.max(0, c.budget_minutes - c.used_minutes));
      await tx.execute(sql`UPDATE case_sla_clocks SET running_since = ${now}, due_at = ${due},
        next_fire_at = ${nextFireAt(calendar, running, now)} WHERE id = ${c.id}`);
    }
  }

  /** Stops clocks; `met` = the target was reached (not merely abandoned). Returns whether each was on time. */
  async function stop(
    tx: DbOrTx,
    caseId: string,
    kinds: ClockKind[],
    met: boolean,
  ): Promise<Map<ClockKind, boolean>> {
    const now = clock.now();
    const onTime = new Map<ClockKind, boolean>();
    for (const c of await rowsOf(tx, caseId, kinds)) {
      if (c.stopped_at) continue;
      onTime.set(c.kind, c.stage < 3);
      await tx.execute(sql`UPDATE case_sla_clocks SET stopped_at = ${now}, met_at = ${met ? now : null}, next_fire_at = NULL,
        running_since = NULL WHERE id = ${c.id}`);
    }
    return onTime;
  }

  /** Takes up to `limit` due clocks (SKIP LOCKED), fires their next threshold once each. Returns how many fired. */
  async function fireDue(limit = 2000): Promise<number> {
    const now = clock.now();
    return db.transaction(async (tx) => {
      const due = await tx.execute(sql`SELECT k.*, c.number, c.owner_id, c.team_id, c.type, c.sla_policy_id,
          (SELECT escalation FROM case_sla_policies p WHERE p.id = c.sla_policy_id) AS escalation,
          (SELECT department_id FROM users u WHERE u.id = c.owner_id) AS owner_department_id
        FROM case_sla_clocks k JOIN cases c ON c.id = k.case_id
        WHERE k.next_fire_at <= ${now} ORDER BY k.next_fire_at LIMIT ${limit} FOR UPDATE OF k SKIP LOCKED`);
      const rows = due.rows as unknown as Array<
        ClockRow & {
          number: string;
          owner_id: string;
          team_id: string | null;
          escalation: EscalationStep[] | null;
          owner_department_id: string | null;
        }
      >;
      if (rows.length === 0) return 0;
      const leads = await leadsOf(tx, rows);
      const batch: NewEvent<unknown>[] = [];
      const updates: Array<{ id: string; stage: number; next: Date | null }> = [];
      for (const r of rows) {
        const percent = THRESHOLDS[r.stage] as number;
        const stage = r.stage + 1;
        const calendar = await calendarOf(r.calendar_code);
        let next: Date | null = null;
        try {
          next = nextFireAt(calendar, { ...r, stage }, now);
        } catch (error) {
          // A calendar without open time must not block the scan: this clock stops firing, loudly.
          log.error({ err: error, clockId: r.id }, 'sla next threshold not computable');
        }
        updates.push({ id: r.id, stage, next });
        const step = (r.escalation ?? []).find((s) => s.atPercent === percent) ?? {
          atPercent: percent,
          notify: 'owner' as const,
        };
        const notifyUserIds =
          step.notify === 'owner'
            ? [r.owner_id]
            : step.notify === 'team_lead'
              ? (leads.team.get(r.team_id ?? '') ?? [])
              : (leads.department.get(r.owner_department_id ?? '') ?? []);
        const payload = {
          caseId: r.case_id,
          number: r.number,
          clock: r.kind,
          percent,
          dueAt: r.due_at ? new Date(r.due_at).toISOString() : null,
          firedAt: now.toISOString(),
          ownerId: r.owner_id,
          notify: step.notify,
          notifyUserIds,
        };
        const audience = { users: [...new Set([r.owner_id, ...notifyUserIds])] };
        batch.push({
          type: percent === 100 ? CASE_EVENTS.slaBreached : CASE_EVENTS.slaWarning,
          payload,
          audience,
        });
        if (step.notify !== 'owner') batch.push({ type: CASE_EVENTS.escalated, payload, audience });
      }
      await tx.execute(sql`UPDATE case_sla_clocks k SET stage = u.stage, next_fire_at = u.next
        FROM unnest(${`{${updates.map((u) => u.id).join(',')}}`}::uuid[], ${`{${updates.map((u) => u.stage).join(',')}}`}::smallint[],
          ${`{${updates.map((u) => (u.next ? `"${u.next.toISOString()}"` : 'NULL')).join(',')}}`}::timestamptz[]) AS u(id, stage, next)
        WHERE k.id = u.id`);
      await events.publishMany(tx, batch);
      log.info({ fired: rows.length }, 'sla thresholds fired');
      return rows.length;
    });
  }

  /** Supervisors of the owners' teams (team lead) and of their departments (department head). */
  async function leadsOf(
    tx: DbOrTx,
    rows: Array<{ team_id: string | null; owner_department_id: string | null }>,
  ) {
    const teamIds = [...new Set(rows.map((r) => r.team_id).filter((x): x is string => !!x))];
    const deptIds = [...new Set(rows.map((r) => r.owner_department_id).filter((x): x is string => !!x))];
    const team = new Map<string, string[]>();
    const department = new Map<string, string[]>();
    if (teamIds.length) {
      const r =
        await tx.execute(sql`SELECT ut.team_id, u.id FROM user_teams ut JOIN users u ON u.id = ut.user_id
        WHERE ut.team_id = ANY(${`{${teamIds.join(',')}}`}::uuid[]) AND 'supervisor' = ANY(u.roles)`);
      for (const row of r.rows as Array<{ team_id: string; id: string }>)
        team.set(row.team_id, [...(team.get(row.team_id) ?? []), row.id]);
    }
    if (deptIds.length) {
      const r = await tx.execute(sql`SELECT department_id, id FROM users
        WHERE department_id = ANY(${`{${deptIds.join(',')}}`}::uuid[]) AND 'supervisor' = ANY(roles)`);
      for (const row of r.rows as Array<{ department_id: string; id: string }>)
        department.set(row.department_id, [...(department.get(row.department_id) ?? []), row.id]);
    }
    return { team, department };
  }

  async function listFor(caseId: string) {
    const result = await db.execute(
      sql`SELECT * FROM case_sla_clocks WHERE case_id = ${caseId} ORDER BY kind`,
    );
    return (result.rows as unknown as ClockRow[]).map((c) => ({
      kind: c.kind,
      budgetMinutes: c.budget_minutes,
      usedMinutes: c.used_minutes,
      dueAt: c.due_at ? new Date(c.due_at).toISOString() : null,
      stage: c.stage,
      paused: !c.running_since && !c.stopped_at,
      stoppedAt: c.stopped_at ? new Date(c.stopped_at).toISOString() : null,
      metAt: c.met_at ? new Date(c.met_at).toISOString() : null,
    }));
  }

  let timer: NodeJS.Timeout | null = null;
  /**
   * Scans every `everyMs` (the target: every threshold fires within 5 s of its due time). A tick runs
   * `workers` claim loops at once — SKIP LOCKED gives them disjoint clocks, so a burst of due clocks is
   * drained by several transactions in parallel — each taking batches of `batch` until a short one.
   * A tick is skipped while the previous one still drains.
   */
  function startScanner(everyMs = 1000, options: { workers?: number; batch?: number } = {}) {
    if (timer) return;
    const workers = options.workers ?? 2;
    const batch = options.batch ?? 2000;
    let busy = false;
    timer = setInterval(() => {
      if (busy) return;
      busy = true;
      Promise.all(
        Array.from({ length: workers }, async () => {
          while ((await fireDue(batch)) >= batch);
        }),
      )
        .catch((error) => log.error({ err: error }, 'sla scan failed'))
        .finally(() => {
          busy = false;
        });
    }, everyMs);
  }
  function stopScanner() {
    if (timer) clearInterval(timer);
    timer = null;
  }

  return {
    calendarOf,
    forgetCalendar,
    start,
    plan,
    pause,
    resume,
    stop,
    fireDue,
    listFor,
    startScanner,
    stopScanner,
  };
}

export type SlaClocks = ReturnType<typeof createSlaClocks>;
