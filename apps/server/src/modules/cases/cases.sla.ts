import { sql } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.ts';
import type { Db, DbOrTx } from '../../platform/db.ts';
import type { Events } from '../../platform/events.ts';
import type { Ids } from '../../platform/ids.ts';
import type { Logger } from '../../platform/logger.ts';
import { addBusinessMinutes, type BusinessCalendar, businessMinutesBetween } from './cases.business-time.ts';
import { SEEDED_CALENDARS } from './cases.calendars-data.ts';
import { CASE_EVENTS } from './cases.events.ts';

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

/**
 * The instants of the three thresholds (50 %, 80 %, 100 %) of a clock running since `running_since`
 * with `used_minutes` already banked; a threshold already used up falls on `running_since`. The last
 * one is the due time. Each is computed from the previous one (business time adds up), so the three
 * cost about one walk over the calendar.
 */
export function planThresholds(
  calendar: BusinessCalendar,
  clock: Pick<ClockRow, 'budget_minutes' | 'used_minutes'> & { running_since: Date },
): Date[] {
  const out: Date[] = [];
  let at = new Date(clock.running_since);
  let reached = 0;
  for (let stage = 0; stage < THRESHOLDS.length; stage++) {
    const left = Math.max(0, thresholdMinutes(clock.budget_minutes, stage) - clock.used_minutes);
    // Adding 0 would move a closing instant on to the next opening: the same minute stays put.
    if (left > reached) at = addBusinessMinutes(calendar, at, left - reached);
    reached = Math.max(reached, left);
    out.push(at);
  }
  return out;
}

/** A `timestamptz[]` literal for a list of instants. */
const instants = (list: Date[]) => `{${list.map((d) => `"${d.toISOString()}"`).join(',')}}`;

/**
 * SLA clocks: started, paused, resumed and stopped by the case service inside its transactions (the
 * threshold instants are planned then), and fired by `fireDue`, a due-time index scan run every
 * 250 ms that takes rows with SKIP LOCKED and moves each clock's stage in the statement that writes
 * its events, so a threshold fires once.
 */
export function createSlaClocks(deps: { db: Db; ids: Ids; clock: Clock; events: Events; log: Logger }) {
  // The scanner writes its events in SQL (same columns as events.publishMany); `events` says
  // whether to NOTIFY.
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
    const at = planThresholds(calendar, {
      budget_minutes: input.budgetMinutes,
      used_minutes: 0,
      running_since: now,
    });
    await tx.execute(sql`INSERT INTO case_sla_clocks (id, case_id, kind, calendar_code, budget_minutes, started_at, used_minutes, running_since,
        due_at, stage, next_fire_at, thresholds_at)
      VALUES (${ids.uuid()}, ${input.caseId}, ${input.kind}, ${input.calendarCode}, ${input.budgetMinutes}, ${now}, 0, ${now},
        ${at[2]}, 0, ${at[0]}, ${instants(at)}::timestamptz[])
      ON CONFLICT (case_id, kind) DO UPDATE SET started_at = EXCLUDED.started_at, used_minutes = 0, running_since = EXCLUDED.running_since,
        due_at = EXCLUDED.due_at, stage = 0, next_fire_at = EXCLUDED.next_fire_at, thresholds_at = EXCLUDED.thresholds_at,
        stopped_at = NULL, met_at = NULL, budget_minutes = EXCLUDED.budget_minutes`);
  }

  /** The row `start` would insert for a new case's clock (the group commit inserts many at once). */
  async function plan(
    input: { caseId: string; kind: ClockKind; calendarCode: string; budgetMinutes: number },
    now: Date,
  ) {
    const calendar = await calendarOf(input.calendarCode);
    const at = planThresholds(calendar, {
      budget_minutes: input.budgetMinutes,
      used_minutes: 0,
      running_since: now,
    });
    return {
      id: ids.uuid(),
      case_id: input.caseId,
      kind: input.kind,
      calendar_code: input.calendarCode,
      budget_minutes: input.budgetMinutes,
      started_at: now,
      due_at: at[2] as Date,
      next_fire_at: at[0] as Date,
      thresholds_at: at,
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
        sql`UPDATE case_sla_clocks SET used_minutes = ${used}, running_since = NULL, next_fire_at = NULL, due_at = NULL,
          thresholds_at = NULL WHERE id = ${c.id}`,
      );
    }
  }

  async function resume(tx: DbOrTx, caseId: string, kinds?: ClockKind[]) {
    const now = clock.now();
    for (const c of await rowsOf(tx, caseId, kinds)) {
      if (c.running_since || c.stopped_at) continue;
      const calendar = await calendarOf(c.calendar_code);
      const at = planThresholds(calendar, { ...c, running_since: now });
      await tx.execute(sql`UPDATE case_sla_clocks SET running_since = ${now}, due_at = ${at[2]},
        next_fire_at = ${c.stage < THRESHOLDS.length ? at[c.stage] : null}, thresholds_at = ${instants(at)}::timestamptz[]
        WHERE id = ${c.id}`);
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
        thresholds_at = NULL, running_since = NULL WHERE id = ${c.id}`);
    }
    return onTime;
  }

  /**
   * Takes up to `limit` due clocks (SKIP LOCKED) and fires their next threshold once each, in one
   * autocommitted statement: the claim, the stage move (`next_fire_at` := the next precomputed
   * instant), the escalation chain's recipients and the outbox events with their wake-up. No
   * calendar arithmetic and no per-row work in Node. Returns how many fired.
   */
  async function fireDue(limit = 2000): Promise<number> {
    const now = clock.now();
    const r = await db.execute(sql`WITH due AS (
        SELECT k.id, k.case_id, k.kind, k.stage, k.due_at, k.next_fire_at FROM case_sla_clocks k
        WHERE k.next_fire_at <= ${now} AND k.thresholds_at IS NOT NULL
        ORDER BY k.next_fire_at LIMIT ${limit} FOR UPDATE SKIP LOCKED
      ), moved AS (
        UPDATE case_sla_clocks k SET stage = k.stage + 1,
          next_fire_at = CASE WHEN k.stage + 1 < 3 THEN k.thresholds_at[k.stage + 2] END
        FROM due WHERE k.id = due.id
      ), fired AS (
        SELECT d.case_id, d.kind, d.due_at, (ARRAY[50, 80, 100])[d.stage + 1] AS percent, c.number, c.owner_id, c.team_id,
          u.department_id AS owner_department_id, row_number() OVER (ORDER BY d.next_fire_at, d.id) AS ord,
          coalesce((SELECT s->>'notify' FROM jsonb_array_elements(p.escalation) s
            WHERE (s->>'atPercent')::int = (ARRAY[50, 80, 100])[d.stage + 1] LIMIT 1), 'owner') AS notify
        FROM due d JOIN cases c ON c.id = d.case_id
        LEFT JOIN case_sla_policies p ON p.id = c.sla_policy_id
        LEFT JOIN users u ON u.id = c.owner_id
      ), team_leads AS (
        SELECT ut.team_id, array_agg(u.id ORDER BY u.id) AS ids FROM user_teams ut JOIN users u ON u.id = ut.user_id
        WHERE ut.team_id IN (SELECT team_id FROM fired WHERE notify = 'team_lead') AND 'supervisor' = ANY(u.roles)
        GROUP BY ut.team_id
      ), department_heads AS (
        SELECT u.department_id, array_agg(u.id ORDER BY u.id) AS ids FROM users u
        WHERE u.department_id IN (SELECT owner_department_id FROM fired WHERE notify = 'department_head')
          AND 'supervisor' = ANY(u.roles)
        GROUP BY u.department_id
      ), told AS (
        SELECT f.*, CASE f.notify WHEN 'owner' THEN ARRAY[f.owner_id]
            WHEN 'team_lead' THEN coalesce(tl.ids, '{}') ELSE coalesce(dh.ids, '{}') END AS notify_ids
        FROM fired f
        LEFT JOIN team_leads tl ON tl.team_id = f.team_id
        LEFT JOIN department_heads dh ON dh.department_id = f.owner_department_id
      ), events AS (
        SELECT t.ord, e.n, e.type,
          jsonb_build_object('caseId', t.case_id, 'number', t.number, 'clock', t.kind, 'percent', t.percent,
            'dueAt', to_char(t.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'firedAt', ${now.toISOString()}::text,
            'ownerId', t.owner_id, 'notify', t.notify, 'notifyUserIds', to_jsonb(t.notify_ids)) AS payload,
          jsonb_build_object('users', to_jsonb(ARRAY[t.owner_id] || ARRAY(SELECT x FROM unnest(t.notify_ids) x WHERE x <> t.owner_id))) AS audience
        FROM told t CROSS JOIN LATERAL (VALUES
          (1, CASE WHEN t.percent = 100 THEN ${CASE_EVENTS.slaBreached} ELSE ${CASE_EVENTS.slaWarning} END),
          (2, CASE WHEN t.notify <> 'owner' THEN ${CASE_EVENTS.escalated} END)) AS e(n, type)
        WHERE e.type IS NOT NULL
      ), o AS (
        -- UUIDv7 like ids.uuid(): the fire instant's milliseconds, then random bits (RFC 9562 §5.7).
        INSERT INTO outbox (id, type, payload, actor_id, audience, created_at)
        SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) PLACING
            substring(int8send(${now.getTime()}::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid,
          type, payload, NULL, audience, ${now}::timestamptz
        FROM events ORDER BY ord, n
        RETURNING 1
      ), woken AS (${events.wakeAfter('o')})
      SELECT (SELECT count(*) FROM due)::int AS fired, (SELECT count(*) FROM woken)::int AS woken`);
    const fired = (r.rows[0] as { fired: number }).fired;
    if (fired > 0) log.info({ fired }, 'sla thresholds fired');
    return fired;
  }

  /**
   * Clocks started before thresholds were stored (`thresholds_at` NULL while running) get them,
   * so the scanner can move them on; run once when the scanner starts.
   */
  async function planMissingThresholds(): Promise<number> {
    let planned = 0;
    for (;;) {
      const n = await db.transaction(async (tx) => {
        const r = await tx.execute(sql`SELECT * FROM case_sla_clocks
          WHERE running_since IS NOT NULL AND stopped_at IS NULL AND thresholds_at IS NULL LIMIT 500 FOR UPDATE SKIP LOCKED`);
        for (const c of r.rows as unknown as ClockRow[]) {
          const at = planThresholds(await calendarOf(c.calendar_code), {
            ...c,
            running_since: new Date(c.running_since as Date),
          });
          await tx.execute(
            sql`UPDATE case_sla_clocks SET thresholds_at = ${instants(at)}::timestamptz[] WHERE id = ${c.id}`,
          );
        }
        return r.rows.length;
      });
      planned += n;
      if (n < 500) return planned;
    }
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
   * A tick is skipped while the previous one still drains. Firing is one statement with no calendar
   * work, so an idle tick is one probe of the partial due index: 250 ms keeps the wait for the next
   * tick, the bulk of the lateness, small.
   */
  function startScanner(everyMs = 250, options: { workers?: number; batch?: number } = {}) {
    if (timer) return;
    const workers = options.workers ?? 2;
    const batch = options.batch ?? 2000;
    // Clocks from before thresholds were stored are planned first; the ticks wait for that.
    let busy = true;
    planMissingThresholds()
      .catch((error) => log.error({ err: error }, 'sla threshold planning failed'))
      .finally(() => {
        busy = false;
      });
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
    planMissingThresholds,
    listFor,
    startScanner,
    stopScanner,
  };
}

export type SlaClocks = ReturnType<typeof createSlaClocks>;
