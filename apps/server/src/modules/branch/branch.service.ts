import { createHash } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import type {
  BookAppointment,
  CreateBranchCounter,
  CreateBranchService,
  IssueTicket,
  RegisterDevice,
  SubmitFeedback,
  TicketEventPayload,
  UpdateBranchCounter,
  UpdateBranchService,
  UpdateBranchSettings,
} from '#contracts/branch.ts';
import type { Audit } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import { type Db, type DbOrTx, runPrepared, type Tx } from '../../platform/db.ts';
import { AppError, translateUniqueViolation } from '../../platform/errors.ts';
import { type Events, outboxInsertFrom } from '../../platform/events.ts';
import type { Ids } from '../../platform/ids.ts';
import { maskPans } from '../../platform/masking.ts';
import {
  type Actor,
  type Permission,
  requireActor,
  requirePermission,
  type Scope,
  serviceActor,
} from '../../platform/rbac.ts';
import { type BusinessCalendar, hoursOn, openIntervals } from '../cases/index.ts';
import type { CoreBanking, CustomersService } from '../customers/index.ts';
import { normalisePhone } from '../customers/index.ts';
import { baselineWait, EWMA_ALPHA, estimateWait, formatTicketNumber, localDate } from './branch.estimate.ts';
import { BRANCH_EVENTS } from './branch.events.ts';
import './branch.messages.ts';

export type DeviceKind = 'kiosk' | 'display' | 'pad';
export interface Device {
  id: string;
  branchId: string;
  kind: DeviceKind;
  name: string;
  counterId: string | null;
}

/** The roles that work a counter (today's staffing picks among them). */
const COUNTER_ROLES = ['branch_teller', 'lobby_manager'];

/** Ticket priorities: higher is called first. */
export const PRIORITY = { normal: 0, appointment: 1, legal: 2, vip: 3 } as const;

interface TicketRow {
  id: string;
  branch_id: string;
  service_id: string;
  original_service_id: string;
  number: string;
  priority: number;
  priority_reason: string | null;
  status: string;
  customer_id: string | null;
  appointment_id: string | null;
  counter_id: string | null;
  counter_number: number | null;
  teller_id: string | null;
  issued_at: Date;
  called_at: Date | null;
  first_called_at: Date | null;
  started_at: Date | null;
  finished_at: Date | null;
  recalls: number;
  notes: string;
  public_token: string;
  estimated_wait_seconds: number;
  baseline_wait_seconds: number;
}

interface ServiceRow {
  id: string;
  branch_id: string;
  code: string;
  names: Record<string, string>;
  letter: string;
  wait_threshold_minutes: number;
  line_threshold: number;
  slot_minutes: number;
  slot_capacity: number;
  is_self_service: boolean;
  ewma_service_seconds: number;
}

interface CounterRow {
  id: string;
  branch_id: string;
  number: number;
  service_ids: string[];
  is_open: boolean;
  is_flexible: boolean;
  teller_id: string | null;
  teller_name: string | null;
}

const iso = (d: Date | string | null): string | null => (d ? new Date(d).toISOString() : null);
const seconds = (from: Date | string | null, to: Date | string | null): number | null =>
  from && to ? Math.max(0, Math.round((new Date(to).getTime() - new Date(from).getTime()) / 1000)) : null;

/** A PostgreSQL array literal as one parameter (drizzle's sql`` spreads a JS array into a list). */
const pgArray = (values: readonly string[]): string =>
  `{${values.map((v) => `"${v.replace(/(["\\])/g, '\\$1')}"`).join(',')}}`;

export const hashDeviceToken = (token: string): string => createHash('sha256').update(token).digest('hex');

const toService = (r: ServiceRow) => ({
  id: r.id,
  branchId: r.branch_id,
  code: r.code,
  names: r.names,
  letter: r.letter,
  waitThresholdMinutes: r.wait_threshold_minutes,
  lineThreshold: r.line_threshold,
  slotMinutes: r.slot_minutes,
  slotCapacity: r.slot_capacity,
  isSelfService: r.is_self_service,
});

const toCounter = (r: CounterRow) => ({
  id: r.id,
  branchId: r.branch_id,
  number: r.number,
  serviceIds: r.service_ids,
  isOpen: r.is_open,
  isFlexible: r.is_flexible,
  tellerId: r.teller_id,
  tellerName: r.teller_name ?? null,
});

export const toTicket = (r: TicketRow) => ({
  id: r.id,
  branchId: r.branch_id,
  serviceId: r.service_id,
  number: r.number,
  priority: r.priority,
  priorityReason: r.priority_reason,
  status: r.status,
  customerId: r.customer_id,
  counterId: r.counter_id,
  counterNumber: r.counter_number ?? null,
  tellerId: r.teller_id,
  issuedAt: iso(r.issued_at) as string,
  calledAt: iso(r.called_at),
  startedAt: iso(r.started_at),
  finishedAt: iso(r.finished_at),
  recalls: r.recalls,
  notes: r.notes,
});
export type TicketView = ReturnType<typeof toTicket>;

const TICKET_COLUMNS = sql`t.*, (SELECT c.number FROM branch_counters c WHERE c.id = t.counter_id) AS counter_number`;
/** A timestamp as JavaScript's `toISOString()` writes it (UTC, milliseconds). */
const isoSql = (column: ReturnType<typeof sql>) =>
  sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
/**
 * `ticketPayload` computed by PostgreSQL over a ticket row `t` with its `counter_number`, for the
 * call that writes its event in the same statement (same fields and rounding; a test compares them).
 */
const TICKET_PAYLOAD_SQL = sql`jsonb_build_object(
  'ticketId', t.id, 'branchId', t.branch_id, 'serviceId', t.service_id, 'number', t.number,
  'priority', t.priority, 'customerId', t.customer_id, 'counterId', t.counter_id,
  'counterNumber', t.counter_number, 'tellerId', t.teller_id, 'issuedAt', ${isoSql(sql`t.issued_at`)},
  'calledAt', ${isoSql(sql`t.called_at`)}, 'startedAt', ${isoSql(sql`t.started_at`)},
  'finishedAt', ${isoSql(sql`t.finished_at`)},
  'waitSeconds', CASE WHEN t.first_called_at IS NOT NULL
    THEN greatest(0, round(extract(epoch FROM t.first_called_at - t.issued_at)))::int END,
  'serviceSeconds', CASE WHEN t.finished_at IS NOT NULL AND t.started_at IS NOT NULL
    THEN greatest(0, round(extract(epoch FROM t.finished_at - t.started_at)))::int END,
  'recalls', t.recalls)`;
const COUNTER_COLUMNS = sql`c.*, (SELECT u.display_name FROM users u WHERE u.id = c.teller_id) AS teller_name`;

/** The business calendars of the cases module (CN/VN holidays, make-up days), read through its index. */
export interface BranchCalendars {
  /** The calendar of a code: stored, else seeded (cached by the cases module). */
  calendarOf(code: string): Promise<BusinessCalendar>;
  /** The calendars a branch may follow. */
  list(): Promise<Array<{ code: string; name: string }>>;
}

/** "Always open" (no weekly hours set) as business-calendar hours. */
const ALL_DAY = Object.fromEntries(
  ['0', '1', '2', '3', '4', '5', '6'].map((d) => [d, [['00:00', '24:00']]]),
) as BusinessCalendar['weekly'];
/** Appointment slots of a branch with no weekly hours set. */
const SLOT_DAY = Object.fromEntries(
  ['0', '1', '2', '3', '4', '5', '6'].map((d) => [d, [['08:00', '17:00']]]),
) as BusinessCalendar['weekly'];

export interface BranchServiceDeps {
  calendars: BranchCalendars;
  db: Db;
  ids: Ids;
  clock: Clock;
  events: Events;
  audit: Audit;
  customers: CustomersService;
  coreBanking: CoreBanking;
}

/** Reads the business calendars for the branch module (the cases module guards them with cases.admin). */
export const BRANCH_CALENDAR_READER: Actor = serviceActor({
  username: 'system:branch',
  displayName: 'Branch lobby',
  permissions: new Map<Permission, Scope>([['cases.admin', 'all']]),
});

export function createBranchService(deps: BranchServiceDeps) {
  const { db, ids, clock, events, audit, customers, coreBanking, calendars } = deps;

  // ---- access ----
  /** The actor holds `permission` for this branch: scope `all`, or their own branch. */
  function requireBranch(actor: Actor | null, branchId: string, permission: Permission): Actor {
    const scope = requirePermission(actor, permission);
    if (scope !== 'all' && (actor as Actor).branchId !== branchId)
      throw new AppError('BRANCH_FORBIDDEN', 403);
    return actor as Actor;
  }
  /**
   * Setup: the branch's lobby manager, or an administrator (staff.manage) for any branch. A null
   * actor is the system (seed, CLI); routes always pass a signed-in actor (`requireActor`).
   */
  function requireSetup(
    actor: Actor | null,
    branchId: string,
  ): { userId: string | null; username: string | null } {
    if (actor === null) return { userId: null, username: 'system' };
    if (actor.permissions.get('staff.manage') === 'all') return actor;
    return requireBranch(actor, branchId, 'branch.lobby');
  }

  const prepared = <T>(name: string, query: SQL) => runPrepared<T>(db, name, query);
  const rows = async <T>(tx: DbOrTx, query: ReturnType<typeof sql>): Promise<T[]> =>
    (await tx.execute(query)).rows as T[];
  const one = async <T>(tx: DbOrTx, query: ReturnType<typeof sql>): Promise<T | undefined> =>
    (await rows<T>(tx, query))[0];

  async function getBranch(tx: DbOrTx, branchId: string) {
    const b = await one<{
      id: string;
      name: string;
      time_zone: string;
      weekly: Record<string, Array<[string, string]>> | null;
      languages: string[] | null;
      ticker: string | null;
      max_recalls: number | null;
      calendar_code: string | null;
    }>(
      tx,
      sql`SELECT b.id, b.name, b.time_zone, s.weekly, s.languages, s.ticker, s.max_recalls, s.calendar_code
          FROM branches b LEFT JOIN branch_settings s ON s.branch_id = b.id WHERE b.id = ${branchId}`,
    );
    if (!b) throw new AppError('BRANCH_NOT_FOUND', 404);
    return {
      branchId: b.id,
      name: b.name,
      timeZone: b.time_zone,
      weekly: b.weekly ?? {},
      languages: b.languages ?? ['vi', 'en'],
      ticker: b.ticker ?? '',
      maxRecalls: b.max_recalls ?? 2,
      calendarCode: b.calendar_code,
    };
  }

  type BranchInfo = Awaited<ReturnType<typeof getBranch>>;
  const lobbyCalendars = new Map<
    string,
    { key: string; base: BusinessCalendar | null; calendar: BusinessCalendar }
  >();
  /**
   * The branch's days as a business calendar: its own weekly hours in its time zone (none = always
   * open; `forSlots`: 08:00–17:00), with the holidays and make-up working days of the business
   * calendar it follows (a make-up day keeps the branch's hours of `asWeekday`). Kept per branch
   * while neither changes, so the cases module's per-calendar interval cache works.
   */
  async function lobbyCalendar(branch: BranchInfo, forSlots = false): Promise<BusinessCalendar> {
    const base = branch.calendarCode ? await calendars.calendarOf(branch.calendarCode) : null;
    const always = Object.keys(branch.weekly).length === 0;
    const key = `${forSlots}|${branch.timeZone}|${JSON.stringify(branch.weekly)}`;
    const id = `${branch.branchId}|${forSlots}`;
    const hit = lobbyCalendars.get(id);
    if (hit && hit.key === key && hit.base === base) return hit.calendar;
    const calendar: BusinessCalendar = {
      timeZone: branch.timeZone,
      weekly: always ? (forSlots ? SLOT_DAY : ALL_DAY) : (branch.weekly as BusinessCalendar['weekly']),
      holidays: base?.holidays ?? [],
      makeUpDays: base?.makeUpDays ?? [],
    };
    lobbyCalendars.set(id, { key, base, calendar });
    return calendar;
  }

  /** Open at `at`? If not: the holiday that closes it today (if any) and when it opens next (14 days ahead). */
  async function openingState(branch: BranchInfo, at: Date) {
    const calendar = await lobbyCalendar(branch);
    const open = openIntervals(calendar, at, new Date(at.getTime() + 1000));
    if (open.some((i) => i.from.getTime() <= at.getTime()))
      return { isOpen: true, holiday: null, opensAt: null };
    const today = localDate(at, branch.timeZone);
    const holiday = calendar.holidays.find((h) => h.date === today)?.name ?? null;
    const next = openIntervals(calendar, at, new Date(at.getTime() + 14 * 86_400_000))[0];
    return { isOpen: false, holiday, opensAt: next ? next.from : null };
  }

  /** "Opens at" as the branch's local date and time (the message shows it as is). */
  function localDateTime(at: Date, timeZone: string) {
    const time = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(at);
    return `${localDate(at, timeZone)} ${time}`;
  }

  /**
   * Refuses when the branch is closed now with the next opening: BRANCH_CLOSED, or BRANCH_HOLIDAY
   * naming the holiday of its calendar (as the calendar names it).
   */
  async function requireOpen(branch: BranchInfo) {
    const state = await openingState(branch, clock.now());
    if (state.isOpen) return;
    const opensAt = state.opensAt ? localDateTime(state.opensAt, branch.timeZone) : '—';
    throw new AppError(
      state.holiday ? 'BRANCH_HOLIDAY' : 'BRANCH_CLOSED',
      409,
      undefined,
      state.holiday ? { opensAt, holiday: state.holiday } : { opensAt },
      { holiday: state.holiday, opensAt: state.opensAt?.toISOString() ?? null },
    );
  }

  async function getService(tx: DbOrTx, serviceId: string, branchId?: string): Promise<ServiceRow> {
    const s = await one<ServiceRow>(tx, sql`SELECT * FROM branch_services WHERE id = ${serviceId}`);
    if (!s || (branchId && s.branch_id !== branchId)) throw new AppError('BRANCH_SERVICE_NOT_FOUND', 404);
    return s;
  }
  async function getCounterRow(tx: DbOrTx, counterId: string, lock = false): Promise<CounterRow> {
    const c = await one<CounterRow>(
      tx,
      lock
        ? sql`SELECT ${COUNTER_COLUMNS} FROM branch_counters c WHERE c.id = ${counterId} FOR UPDATE`
        : sql`SELECT ${COUNTER_COLUMNS} FROM branch_counters c WHERE c.id = ${counterId}`,
    );
    if (!c) throw new AppError('BRANCH_COUNTER_NOT_FOUND', 404);
    return c;
  }
  async function getTicketRow(tx: DbOrTx, ticketId: string, lock = false): Promise<TicketRow> {
    const t = await one<TicketRow>(
      tx,
      lock
        ? sql`SELECT ${TICKET_COLUMNS} FROM branch_tickets t WHERE t.id = ${ticketId} FOR UPDATE`
        : sql`SELECT ${TICKET_COLUMNS} FROM branch_tickets t WHERE t.id = ${ticketId}`,
    );
    if (!t) throw new AppError('BRANCH_TICKET_NOT_FOUND', 404);
    return t;
  }

  function ticketPayload(t: TicketRow, extra: Partial<TicketEventPayload> = {}): TicketEventPayload {
    return {
      ticketId: t.id,
      branchId: t.branch_id,
      serviceId: t.service_id,
      number: t.number,
      priority: t.priority,
      customerId: t.customer_id,
      counterId: t.counter_id,
      counterNumber: t.counter_number ?? null,
      tellerId: t.teller_id,
      issuedAt: iso(t.issued_at) as string,
      calledAt: iso(t.called_at),
      startedAt: iso(t.started_at),
      finishedAt: iso(t.finished_at),
      waitSeconds: seconds(t.issued_at, t.first_called_at),
      serviceSeconds: seconds(t.started_at, t.finished_at),
      recalls: t.recalls,
      ...extra,
    };
  }

  async function publishTicket(tx: Tx, type: string, t: TicketRow, actorId: string | null, extra = {}) {
    await events.publish(tx, {
      type,
      payload: ticketPayload(t, extra),
      actorId,
      audience: { branches: [t.branch_id] },
    });
  }

  // ---- setup ----
  async function getSetup(actor: Actor | null, branchId: string) {
    // Whoever may change a branch's setup may read it (an administrator has no branch.counter);
    // the branch's own staff read it too (the counter screen names services and counters).
    if (actor?.permissions.get('staff.manage') !== 'all') requireBranch(actor, branchId, 'branch.counter');
    const branch = await getBranch(db, branchId);
    const services = await rows<ServiceRow>(
      db,
      sql`SELECT * FROM branch_services WHERE branch_id = ${branchId} ORDER BY letter`,
    );
    const counters = await rows<CounterRow>(
      db,
      sql`SELECT ${COUNTER_COLUMNS} FROM branch_counters c WHERE c.branch_id = ${branchId} ORDER BY c.number`,
    );
    const devices = await rows<{
      id: string;
      branch_id: string;
      kind: string;
      name: string;
      counter_id: string | null;
      revoked_at: Date | null;
    }>(db, sql`SELECT * FROM branch_devices WHERE branch_id = ${branchId} ORDER BY created_at`);
    return {
      settings: branch,
      services: services.map(toService),
      counters: counters.map(toCounter),
      devices: devices.map((d) => ({
        id: d.id,
        branchId: d.branch_id,
        kind: d.kind,
        name: d.name,
        counterId: d.counter_id,
        revokedAt: iso(d.revoked_at),
      })),
    };
  }

  /** The business calendars a branch can follow (for the setup screen): lobby managers and administrators. */
  async function listCalendars(actor: Actor | null) {
    const a = requireActor(actor);
    if (a.permissions.get('staff.manage') !== 'all') requirePermission(a, 'branch.lobby');
    return (await calendars.list()).map((c) => ({ code: c.code, name: c.name }));
  }

  async function updateSettings(actor: Actor | null, branchId: string, input: UpdateBranchSettings) {
    const who = requireSetup(actor, branchId);
    const current = await getBranch(db, branchId);
    const next = {
      weekly: input.weekly ?? current.weekly,
      languages: input.languages ?? current.languages,
      ticker: input.ticker ?? current.ticker,
      maxRecalls: input.maxRecalls ?? current.maxRecalls,
      calendarCode: input.calendarCode !== undefined ? input.calendarCode : current.calendarCode,
    };
    if (next.calendarCode && !(await calendars.list()).some((c) => c.code === next.calendarCode))
      throw new AppError('BRANCH_CALENDAR_UNKNOWN', 400, undefined, { code: next.calendarCode });
    await db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO branch_settings (branch_id, weekly, languages, ticker, max_recalls, calendar_code)
        VALUES (${branchId}, ${JSON.stringify(next.weekly)}::jsonb, ${pgArray(next.languages)}::text[], ${next.ticker},
          ${next.maxRecalls}, ${next.calendarCode})
        ON CONFLICT (branch_id) DO UPDATE SET weekly = EXCLUDED.weekly, languages = EXCLUDED.languages,
          ticker = EXCLUDED.ticker, max_recalls = EXCLUDED.max_recalls, calendar_code = EXCLUDED.calendar_code`);
      await audit.record(tx, {
        actorId: who.userId,
        actorName: who.username,
        action: 'branch.settings_updated',
        targetType: 'branch',
        targetId: branchId,
        details: { fields: Object.keys(input) },
      });
    });
    return getBranch(db, branchId);
  }

  async function createService(actor: Actor | null, branchId: string, input: CreateBranchService) {
    const who = requireSetup(actor, branchId);
    await getBranch(db, branchId);
    const id = ids.uuid();
    try {
      await db.transaction(async (tx) => {
        await tx.execute(sql`INSERT INTO branch_services (id, branch_id, code, names, letter, wait_threshold_minutes,
            line_threshold, slot_minutes, slot_capacity, is_self_service)
          VALUES (${id}, ${branchId}, ${input.code}, ${JSON.stringify(input.names)}::jsonb, ${input.letter},
            ${input.waitThresholdMinutes ?? 15}, ${input.lineThreshold ?? 10}, ${input.slotMinutes ?? 30},
            ${input.slotCapacity ?? 0}, ${input.isSelfService ?? false})`);
        await audit.record(tx, {
          actorId: who.userId,
          actorName: who.username,
          action: 'branch.service_created',
          targetType: 'branch_service',
          targetId: id,
          details: { branchId, code: input.code, letter: input.letter },
        });
      });
    } catch (error) {
      translateUniqueViolation(error, {
        branch_services_code_key: 'BRANCH_SERVICE_EXISTS',
        branch_services_letter_key: 'BRANCH_SERVICE_EXISTS',
      });
    }
    return toService(await getService(db, id));
  }

  async function createCounter(actor: Actor | null, branchId: string, input: CreateBranchCounter) {
    const who = requireSetup(actor, branchId);
    for (const serviceId of input.serviceIds) await getService(db, serviceId, branchId);
    const id = ids.uuid();
    try {
      await db.transaction(async (tx) => {
        await tx.execute(sql`INSERT INTO branch_counters (id, branch_id, number, service_ids)
          VALUES (${id}, ${branchId}, ${input.number}, ${pgArray(input.serviceIds)}::uuid[])`);
        await audit.record(tx, {
          actorId: who.userId,
          actorName: who.username,
          action: 'branch.counter_created',
          targetType: 'branch_counter',
          targetId: id,
          details: { branchId, number: input.number, serviceIds: input.serviceIds },
        });
      });
    } catch (error) {
      translateUniqueViolation(error, { branch_counters_number_key: 'BRANCH_COUNTER_EXISTS' });
    }
    return toCounter(await getCounterRow(db, id));
  }

  /** Names, thresholds and appointment slots of a service (audited); its code and letter stay. */
  async function updateService(actor: Actor | null, serviceId: string, input: UpdateBranchService) {
    const s = await getService(db, serviceId);
    const who = requireSetup(actor, s.branch_id);
    await db.transaction(async (tx) => {
      await tx.execute(sql`UPDATE branch_services SET
          names = coalesce(${input.names ? JSON.stringify(input.names) : null}::jsonb, names),
          wait_threshold_minutes = coalesce(${input.waitThresholdMinutes ?? null}::int, wait_threshold_minutes),
          line_threshold = coalesce(${input.lineThreshold ?? null}::int, line_threshold),
          slot_minutes = coalesce(${input.slotMinutes ?? null}::int, slot_minutes),
          slot_capacity = coalesce(${input.slotCapacity ?? null}::int, slot_capacity)
        WHERE id = ${serviceId}`);
      await audit.record(tx, {
        actorId: who.userId,
        actorName: who.username,
        action: 'branch.service_updated',
        targetType: 'branch_service',
        targetId: serviceId,
        details: { branchId: s.branch_id, fields: Object.keys(input) },
      });
    });
    return toService(await getService(db, serviceId));
  }

  /** The services a counter serves, in calling order (audited; the counter's live state is kept). */
  async function updateCounter(actor: Actor | null, counterId: string, input: UpdateBranchCounter) {
    const c = await getCounterRow(db, counterId);
    const who = requireSetup(actor, c.branch_id);
    for (const serviceId of input.serviceIds) await getService(db, serviceId, c.branch_id);
    await db.transaction(async (tx) => {
      await tx.execute(
        sql`UPDATE branch_counters SET service_ids = ${pgArray(input.serviceIds)}::uuid[] WHERE id = ${counterId}`,
      );
      await audit.record(tx, {
        actorId: who.userId,
        actorName: who.username,
        action: 'branch.counter_updated',
        targetType: 'branch_counter',
        targetId: counterId,
        details: { branchId: c.branch_id, serviceIds: input.serviceIds, previousServiceIds: c.service_ids },
      });
      await events.publish(tx, {
        type: BRANCH_EVENTS.counterChanged,
        payload: { branchId: c.branch_id, counterId, isOpen: c.is_open, serviceIds: input.serviceIds },
        actorId: who.userId,
        audience: { branches: [c.branch_id] },
      });
    });
    return toCounter(await getCounterRow(db, counterId));
  }

  /** Staff of the branch who can work a counter (tellers, lobby managers), for today's staffing. */
  async function listStaff(actor: Actor | null, branchId: string) {
    requireSetup(actor, branchId);
    await getBranch(db, branchId);
    const found = await rows<{ id: string; display_name: string; roles: string[] }>(
      db,
      sql`SELECT id, display_name, roles FROM users WHERE branch_id = ${branchId} AND status = 'active'
            AND roles && ${pgArray(COUNTER_ROLES)}::text[] ORDER BY display_name`,
    );
    return { items: found.map((u) => ({ id: u.id, displayName: u.display_name, roles: u.roles })) };
  }

  /**
   * Today's staffing: puts a teller of the branch at a counter, or nobody (audited). A counter
   * with a customer at it keeps its teller until the customer is done.
   */
  async function assignTeller(actor: Actor | null, counterId: string, tellerId: string | null) {
    await db.transaction(async (tx) => {
      const c = await getCounterRow(tx, counterId, true);
      const who = requireSetup(actor, c.branch_id);
      if (tellerId) {
        const u = await one<{ id: string }>(
          tx,
          sql`SELECT id FROM users WHERE id = ${tellerId} AND branch_id = ${c.branch_id} AND status = 'active'
                AND roles && ${pgArray(COUNTER_ROLES)}::text[]`,
        );
        if (!u) throw new AppError('BRANCH_TELLER_INVALID', 400);
      }
      const busy = await one<{ id: string }>(
        tx,
        sql`SELECT id FROM branch_tickets WHERE counter_id = ${counterId} AND status IN ('called', 'serving') LIMIT 1`,
      );
      if (busy && c.teller_id !== tellerId) throw new AppError('BRANCH_COUNTER_BUSY', 409);
      await tx.execute(sql`UPDATE branch_counters SET teller_id = ${tellerId} WHERE id = ${counterId}`);
      await audit.record(tx, {
        actorId: who.userId,
        actorName: who.username,
        action: 'branch.teller_assigned',
        targetType: 'branch_counter',
        targetId: counterId,
        details: { branchId: c.branch_id, tellerId, previousTellerId: c.teller_id },
      });
      await events.publish(tx, {
        type: BRANCH_EVENTS.counterChanged,
        payload: { branchId: c.branch_id, counterId, isOpen: c.is_open, tellerId },
        actorId: who.userId,
        audience: { branches: [c.branch_id] },
      });
    });
    return toCounter(await getCounterRow(db, counterId));
  }

  /** Registers a device; the token is returned once and only its SHA-256 is stored. */
  async function registerDevice(actor: Actor | null, branchId: string, input: RegisterDevice) {
    const who = requireSetup(actor, branchId);
    await getBranch(db, branchId);
    if (input.counterId) {
      const c = await getCounterRow(db, input.counterId);
      if (c.branch_id !== branchId) throw new AppError('BRANCH_COUNTER_NOT_FOUND', 404);
    }
    const id = ids.uuid();
    const token = `bdt_${ids.token(32)}`;
    await db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO branch_devices (id, branch_id, kind, name, counter_id, token_hash)
        VALUES (${id}, ${branchId}, ${input.kind}, ${input.name}, ${input.counterId ?? null}, ${hashDeviceToken(token)})`);
      await audit.record(tx, {
        actorId: who.userId,
        actorName: who.username,
        action: 'branch.device_registered',
        targetType: 'branch_device',
        targetId: id,
        details: { branchId, kind: input.kind },
      });
    });
    return {
      device: {
        id,
        branchId,
        kind: input.kind,
        name: input.name,
        counterId: input.counterId ?? null,
        revokedAt: null,
      },
      token,
    };
  }

  async function revokeDevice(actor: Actor | null, deviceId: string) {
    const d = await one<{ branch_id: string }>(
      db,
      sql`SELECT branch_id FROM branch_devices WHERE id = ${deviceId}`,
    );
    if (!d) throw new AppError('BRANCH_DEVICE_INVALID', 404);
    const who = requireSetup(actor, d.branch_id);
    await db.transaction(async (tx) => {
      await tx.execute(sql`UPDATE branch_devices SET revoked_at = ${clock.now()} WHERE id = ${deviceId}`);
      await audit.record(tx, {
        actorId: who.userId,
        actorName: who.username,
        action: 'branch.device_revoked',
        targetType: 'branch_device',
        targetId: deviceId,
      });
    });
  }

  /** Resolves a device token; throws 401 BRANCH_DEVICE_INVALID for an unknown or revoked one. */
  async function authenticateDevice(token: string | undefined, kind?: DeviceKind): Promise<Device> {
    if (!token || !token.startsWith('bdt_') || token.length > 100)
      throw new AppError('BRANCH_DEVICE_INVALID', 401);
    const d = await one<{
      id: string;
      branch_id: string;
      kind: DeviceKind;
      name: string;
      counter_id: string | null;
    }>(
      db,
      sql`SELECT id, branch_id, kind, name, counter_id FROM branch_devices
          WHERE token_hash = ${hashDeviceToken(token)} AND revoked_at IS NULL`,
    );
    if (!d) throw new AppError('BRANCH_DEVICE_INVALID', 401);
    if (kind && d.kind !== kind) throw new AppError('BRANCH_DEVICE_KIND', 403);
    return { id: d.id, branchId: d.branch_id, kind: d.kind, name: d.name, counterId: d.counter_id };
  }

  // ---- kiosk ----
  async function waitingCounts(tx: DbOrTx, branchId: string) {
    return rows<{ service_id: string; names: Record<string, string>; letter: string; count: number }>(
      tx,
      sql`SELECT s.id AS service_id, s.names, s.letter,
            (SELECT count(*) FROM branch_tickets t WHERE t.service_id = s.id AND t.status = 'waiting')::int AS count
          FROM branch_services s WHERE s.branch_id = ${branchId} ORDER BY s.letter`,
    );
  }

  async function kioskOpening(branch: BranchInfo) {
    const state = await openingState(branch, clock.now());
    return {
      isOpen: state.isOpen,
      closedReason: state.holiday,
      opensAt: state.opensAt?.toISOString() ?? null,
      timeZone: branch.timeZone,
    };
  }

  async function kioskInfo(device: Device) {
    const branch = await getBranch(db, device.branchId);
    const services = await rows<ServiceRow & { waiting: number }>(
      db,
      sql`SELECT s.*, (SELECT count(*) FROM branch_tickets t WHERE t.service_id = s.id AND t.status = 'waiting')::int AS waiting
          FROM branch_services s WHERE s.branch_id = ${device.branchId} ORDER BY s.letter`,
    );
    return {
      branchName: branch.name,
      languages: branch.languages,
      ...(await kioskOpening(branch)),
      services: services.map((s) => ({
        id: s.id,
        names: s.names,
        letter: s.letter,
        waiting: s.waiting,
        isSelfService: s.is_self_service,
      })),
    };
  }

  /** Waiting tickets called before one of `priority` issued at `issuedAt`, and the estimator's inputs. */
  async function positionOf(
    tx: DbOrTx,
    t: { service_id: string; priority: number; issued_at: Date; id: string; day: string },
  ) {
    const r = await one<{
      ahead: number;
      servers: number;
      in_service: number;
      ewma: number;
      avg_service: number | null;
    }>(
      tx,
      sql`SELECT
          (SELECT count(*) FROM branch_tickets w WHERE w.service_id = ${t.service_id} AND w.status = 'waiting'
             AND w.id <> ${t.id}
             AND (w.priority > ${t.priority} OR (w.priority = ${t.priority} AND w.issued_at <= ${t.issued_at})))::int AS ahead,
          (SELECT coalesce(sum(CASE WHEN c.service_ids[1] = s.id THEN 1.0 ELSE 0.5 END), 0)::float8
             FROM branch_counters c WHERE c.branch_id = s.branch_id AND c.is_open AND s.id = ANY(c.service_ids)) AS servers,
          (SELECT count(*) FROM branch_counters c JOIN branch_tickets x ON x.counter_id = c.id AND x.status IN ('called', 'serving')
             WHERE c.branch_id = s.branch_id AND c.is_open AND s.id = ANY(c.service_ids))::int AS in_service,
          s.ewma_service_seconds AS ewma,
          (SELECT avg(extract(epoch FROM (x.finished_at - x.started_at)))::float8 FROM branch_tickets x
             WHERE x.service_id = s.id AND x.day = ${t.day} AND x.status = 'served') AS avg_service
        FROM branch_services s WHERE s.id = ${t.service_id}`,
    );
    const ahead = r?.ahead ?? 0;
    const ewma = r?.ewma ?? 300;
    return {
      ahead,
      estimate: estimateWait({
        ahead,
        ewmaServiceSeconds: ewma,
        servers: r?.servers ?? 0,
        inService: r?.in_service ?? 0,
      }),
      baseline: baselineWait(ahead, r?.avg_service ?? ewma),
    };
  }

  async function identify(input: IssueTicket): Promise<{ customerId: string | null; isVip: boolean }> {
    let customer = null;
    if (input.phone) {
      // A number that matches nobody still gets a ticket (the kiosk never says who is a customer),
      // but a mistyped one is said so, so the customer can correct it or go on without.
      customer = await customers.findCustomerByPhone(phoneOrRefuse(input.phone));
    } else if (input.cardLast4) {
      const cards = await coreBanking.findCardsByLast4({ last4: input.cardLast4 });
      const owners = [...new Set(cards.map((c) => c.customerId))];
      // Four digits name a customer only when exactly one customer holds such a card.
      if (owners.length === 1) customer = await customers.findCustomer(owners[0] as string);
    }
    if (!customer) return { customerId: null, isVip: false };
    return { customerId: customer.id, isVip: customer.vipTier !== 'none' || customer.segment === 'private' };
  }

  /**
   * Issues a ticket. The number comes from the branch/day/letter counter row, incremented in this
   * transaction (INSERT … ON CONFLICT DO UPDATE locks it), so two kiosks never share a number.
   */
  async function issueTicket(
    device: Device,
    input: IssueTicket,
    options: { appointmentId?: string; customerId?: string | null } = {},
  ) {
    if (device.kind !== 'kiosk') throw new AppError('BRANCH_DEVICE_KIND', 403);
    const branch = await getBranch(db, device.branchId);
    await requireOpen(branch);
    const service = await getService(db, input.serviceId, device.branchId);
    const who =
      options.customerId !== undefined
        ? { customerId: options.customerId, isVip: false }
        : await identify(input);
    let priority: number = PRIORITY.normal;
    let reason: string | null = null;
    if (who.isVip) [priority, reason] = [PRIORITY.vip, 'vip'];
    else if (input.priorityGroup) [priority, reason] = [PRIORITY.legal, input.priorityGroup];
    else if (options.appointmentId) [priority, reason] = [PRIORITY.appointment, 'appointment'];
    const now = clock.now();
    const day = localDate(now, branch.timeZone);
    const result = await db.transaction(async (tx) => {
      const n = await one<{ last_number: number }>(
        tx,
        sql`INSERT INTO branch_ticket_numbers (branch_id, day, letter, last_number)
            VALUES (${device.branchId}, ${day}, ${service.letter}, 1)
            ON CONFLICT (branch_id, day, letter) DO UPDATE SET last_number = branch_ticket_numbers.last_number + 1
            RETURNING last_number`,
      );
      const id = ids.uuid();
      const number = formatTicketNumber(service.letter, n?.last_number ?? 1);
      const draft = { id, service_id: service.id, priority, issued_at: now, day };
      const position = await positionOf(tx, draft);
      await tx.execute(sql`INSERT INTO branch_tickets (id, branch_id, service_id, original_service_id, day, number,
          priority, priority_reason, customer_id, appointment_id, issued_at, estimated_wait_seconds, baseline_wait_seconds, public_token)
        VALUES (${id}, ${device.branchId}, ${service.id}, ${service.id}, ${day}, ${number}, ${priority}, ${reason},
          ${who.customerId}, ${options.appointmentId ?? null}, ${now}, ${position.estimate}, ${position.baseline}, ${ids.token(18)})`);
      const t = await getTicketRow(tx, id);
      await publishTicket(tx, BRANCH_EVENTS.issued, t, null);
      return { t, position };
    });
    return {
      ticket: toTicket(result.t),
      serviceNames: service.names,
      peopleAhead: result.position.ahead,
      estimatedWaitSeconds: result.position.estimate,
      identified: who.customerId !== null,
      trackPath: `/q/${result.t.public_token}`,
    };
  }

  // ---- counter ----
  async function listMyCounters(actor: Actor | null) {
    const scope = requirePermission(actor, 'branch.counter');
    const a = actor as Actor;
    if (scope !== 'all' && !a.branchId) return [];
    const found = await rows<CounterRow>(
      db,
      scope === 'all'
        ? sql`SELECT ${COUNTER_COLUMNS} FROM branch_counters c ORDER BY c.branch_id, c.number`
        : sql`SELECT ${COUNTER_COLUMNS} FROM branch_counters c WHERE c.branch_id = ${a.branchId} ORDER BY c.number`,
    );
    return found.map(toCounter);
  }

  async function counterForActor(actor: Actor | null, counterId: string, lockTx?: Tx) {
    const c = await getCounterRow(lockTx ?? db, counterId, !!lockTx);
    const who = requireBranch(actor, c.branch_id, 'branch.counter');
    return { c, who };
  }

  async function counterView(actor: Actor | null, counterId: string) {
    const { c } = await counterForActor(actor, counterId);
    const branch = await getBranch(db, c.branch_id);
    const current = await one<TicketRow>(
      db,
      sql`SELECT ${TICKET_COLUMNS} FROM branch_tickets t WHERE t.counter_id = ${counterId} AND t.status IN ('called', 'serving')
          ORDER BY t.called_at DESC LIMIT 1`,
    );
    const parked = await rows<TicketRow>(
      db,
      sql`SELECT ${TICKET_COLUMNS} FROM branch_tickets t WHERE t.counter_id = ${counterId} AND t.status = 'parked' ORDER BY t.issued_at`,
    );
    const services = await rows<ServiceRow>(
      db,
      sql`SELECT * FROM branch_services WHERE branch_id = ${c.branch_id} ORDER BY letter`,
    );
    const counters = await rows<{ id: string; number: number }>(
      db,
      sql`SELECT id, number FROM branch_counters WHERE branch_id = ${c.branch_id} ORDER BY number`,
    );
    return {
      counter: toCounter(c),
      current: current ? toTicket(current) : null,
      parked: parked.map(toTicket),
      waiting: (await waitingCounts(db, c.branch_id))
        .filter((w) => c.service_ids.includes(w.service_id))
        .map((w) => ({ serviceId: w.service_id, names: w.names, letter: w.letter, count: w.count })),
      maxRecalls: branch.maxRecalls,
      services: services.map(toService),
      counters,
    };
  }

  /** Opens the counter for today with the caller as its teller (today's staffing), or closes it. */
  async function setCounterOpen(actor: Actor | null, counterId: string, open: boolean) {
    await db.transaction(async (tx) => {
      const { c, who } = await counterForActor(actor, counterId, tx);
      await tx.execute(sql`UPDATE branch_counters SET is_open = ${open}, teller_id = ${open ? who.userId : null},
          is_flexible = CASE WHEN ${open} THEN is_flexible ELSE false END WHERE id = ${counterId}`);
      await events.publish(tx, {
        type: BRANCH_EVENTS.counterChanged,
        payload: { branchId: c.branch_id, counterId, isOpen: open, tellerId: open ? who.userId : null },
        actorId: who.userId,
        audience: { branches: [c.branch_id] },
      });
    });
    return counterView(actor, counterId);
  }

  /**
   * Calls the next ticket: tickets sent to this counter first, then by priority, the counter's
   * service order and age. SKIP LOCKED lets counters call at once without waiting on each other or
   * ever calling the same ticket twice. Returns null when nobody waits (an expected outcome).
   *
   * One statement, one round trip, its own transaction: read the counter and check it (branch,
   * open, serves the service, nobody at it), pick the ticket, call it, store `ticket.called` in the
   * outbox and wake the listeners. When a check fails nothing is written and the flags say which.
   * "Nobody at the counter" is also enforced by the unique index `branch_tickets_counter_busy_key`
   * (two calls at the same counter racing each other: the second fails with BRANCH_COUNTER_BUSY).
   * The display fan-out happens after commit (NOTIFY → the realtime subscriber), outside the call.
   */
  async function callNext(actor: Actor | null, counterId: string, options: { serviceId?: string } = {}) {
    const scope = requirePermission(actor, 'branch.counter');
    const who = actor as Actor;
    const now = clock.now();
    const only = options.serviceId ?? null;
    type Outcome = Partial<TicketRow> & {
      c_branch_id: string;
      c_is_open: boolean;
      c_busy: boolean;
      c_service_ids: string[];
      stored: number;
    };
    let r: Outcome | undefined;
    try {
      r = await prepared<Outcome>(
        'branch_call_next',
        sql`WITH c AS (
            SELECT c.id, c.branch_id, c.number, c.service_ids, c.is_open,
              EXISTS (SELECT 1 FROM branch_tickets b WHERE b.counter_id = c.id
                AND b.status IN ('called', 'serving')) AS busy,
              CASE WHEN ${only}::uuid IS NULL THEN c.service_ids ELSE ARRAY[${only}::uuid] END AS calls
            FROM branch_counters c WHERE c.id = ${counterId}::uuid),
          ok AS (
            SELECT * FROM c WHERE (${scope === 'all'} OR c.branch_id = ${who.branchId}::uuid) AND c.is_open
              AND NOT c.busy AND (${only}::uuid IS NULL OR ${only}::uuid = ANY (c.service_ids))),
          picked AS (
            SELECT t.id FROM ok, branch_tickets t
            WHERE t.branch_id = ok.branch_id AND t.status = 'waiting'
              AND ((t.counter_id IS NULL AND t.service_id = ANY (ok.calls)) OR t.counter_id = ok.id)
            ORDER BY (t.counter_id IS NOT NULL) DESC, t.priority DESC, array_position(ok.calls, t.service_id),
              t.issued_at, t.id
            LIMIT 1 FOR UPDATE OF t SKIP LOCKED),
          called AS (
            UPDATE branch_tickets u SET status = 'called', counter_id = ok.id, teller_id = ${who.userId}::uuid,
              called_at = ${now}, first_called_at = coalesce(u.first_called_at, ${now})
            FROM picked, ok WHERE u.id = picked.id
            RETURNING u.*, ok.number AS counter_number),
          stored AS (${outboxInsertFrom({
            id: ids.uuid(),
            type: BRANCH_EVENTS.called,
            actorId: who.userId,
            createdAt: now,
            payload: TICKET_PAYLOAD_SQL,
            audience: sql`jsonb_build_object('branches', jsonb_build_array(t.branch_id))`,
            from: sql`called t`,
          })}),
          woke AS (${events.wakeAfter('stored')})
        SELECT c.branch_id AS c_branch_id, c.is_open AS c_is_open, c.busy AS c_busy,
          c.service_ids AS c_service_ids, (SELECT count(*) FROM woke)::int AS stored, called.*
        FROM c LEFT JOIN called ON true`,
      ).then((found) => found[0]);
    } catch (error) {
      translateUniqueViolation(error, { branch_tickets_counter_busy_key: 'BRANCH_COUNTER_BUSY' });
    }
    if (!r) throw new AppError('BRANCH_COUNTER_NOT_FOUND', 404);
    if (scope !== 'all' && r.c_branch_id !== who.branchId) throw new AppError('BRANCH_FORBIDDEN', 403);
    if (!r.c_is_open) throw new AppError('BRANCH_COUNTER_CLOSED', 409);
    if (only && !r.c_service_ids.includes(only)) throw new AppError('BRANCH_SERVICE_NOT_SERVED', 409);
    if (r.c_busy) throw new AppError('BRANCH_COUNTER_BUSY', 409);
    return r.id ? toTicket(r as TicketRow) : null;
  }

  /** Loads a ticket at a counter the actor may work, locked for the change. */
  async function ticketForActor(tx: Tx, actor: Actor | null, ticketId: string, statuses: string[]) {
    const t = await getTicketRow(tx, ticketId, true);
    const who = requireBranch(actor, t.branch_id, 'branch.counter');
    if (!statuses.includes(t.status))
      throw new AppError('BRANCH_TICKET_STATE', 409, undefined, { status: t.status });
    return { t, who };
  }

  async function recall(actor: Actor | null, ticketId: string) {
    return db.transaction(async (tx) => {
      const { t, who } = await ticketForActor(tx, actor, ticketId, ['called']);
      await tx.execute(
        sql`UPDATE branch_tickets SET recalls = recalls + 1, called_at = ${clock.now()} WHERE id = ${t.id}`,
      );
      const updated = await getTicketRow(tx, t.id);
      await publishTicket(tx, BRANCH_EVENTS.recalled, updated, who.userId);
      return toTicket(updated);
    });
  }

  async function noShow(actor: Actor | null, ticketId: string) {
    return db.transaction(async (tx) => {
      const { t, who } = await ticketForActor(tx, actor, ticketId, ['called']);
      const branch = await getBranch(tx, t.branch_id);
      if (t.recalls < branch.maxRecalls)
        throw new AppError('BRANCH_RECALLS_REMAINING', 409, undefined, {
          remaining: branch.maxRecalls - t.recalls,
        });
      await tx.execute(
        sql`UPDATE branch_tickets SET status = 'no_show', finished_at = ${clock.now()} WHERE id = ${t.id}`,
      );
      const updated = await getTicketRow(tx, t.id);
      await publishTicket(tx, BRANCH_EVENTS.noShow, updated, who.userId);
      return toTicket(updated);
    });
  }

  async function startService(actor: Actor | null, ticketId: string) {
    return db.transaction(async (tx) => {
      const { t, who } = await ticketForActor(tx, actor, ticketId, ['called']);
      await tx.execute(sql`UPDATE branch_tickets SET status = 'serving', started_at = ${clock.now()}, teller_id = ${who.userId}
          WHERE id = ${t.id}`);
      const updated = await getTicketRow(tx, t.id);
      await publishTicket(tx, BRANCH_EVENTS.serviceStarted, updated, who.userId);
      return toTicket(updated);
    });
  }

  /**
   * Finishes the service: like call next, one statement (one round trip): the ticket served (only
   * if still called or serving when its row lock is taken), the service's EWMA service time moved
   * towards this service's duration (`nextEwma`, alpha 0.2), `ticket.served` in the outbox, NOTIFY.
   */
  async function finishService(actor: Actor | null, ticketId: string, notes?: string) {
    const scope = requirePermission(actor, 'branch.counter');
    const who = actor as Actor;
    const now = clock.now();
    type Outcome = Partial<TicketRow> & { t_branch_id: string; t_status: string };
    const r = (
      await prepared<Outcome>(
        'branch_finish',
        sql`WITH t0 AS (SELECT t.id, t.branch_id, t.status FROM branch_tickets t WHERE t.id = ${ticketId}::uuid),
          ok AS (SELECT * FROM t0 WHERE (${scope === 'all'} OR t0.branch_id = ${who.branchId}::uuid)
            AND t0.status IN ('called', 'serving')),
          done AS (
            UPDATE branch_tickets u SET status = 'served', started_at = coalesce(u.started_at, ${now}),
              finished_at = ${now}, notes = coalesce(${notes === undefined ? null : maskPans(notes)}::text, u.notes)
            FROM ok WHERE u.id = ok.id AND u.status IN ('called', 'serving')
            RETURNING u.*, (SELECT c.number FROM branch_counters c WHERE c.id = u.counter_id) AS counter_number),
          took AS (
            SELECT service_id, greatest(0, round(extract(epoch FROM finished_at - started_at)))::float8 AS seconds
            FROM done),
          ewma AS (
            UPDATE branch_services s SET ewma_service_seconds = s.ewma_service_seconds
              + ${EWMA_ALPHA}::float8 * (took.seconds - s.ewma_service_seconds)
            FROM took WHERE s.id = took.service_id AND took.seconds > 0 RETURNING 1),
          stored AS (${outboxInsertFrom({
            id: ids.uuid(),
            type: BRANCH_EVENTS.served,
            actorId: who.userId,
            createdAt: now,
            payload: TICKET_PAYLOAD_SQL,
            audience: sql`jsonb_build_object('branches', jsonb_build_array(t.branch_id))`,
            from: sql`done t`,
          })}),
          woke AS (${events.wakeAfter('stored')})
        SELECT t0.branch_id AS t_branch_id, t0.status AS t_status, (SELECT count(*) FROM woke)::int AS stored,
          (SELECT count(*) FROM ewma)::int AS ewma, done.*
        FROM t0 LEFT JOIN done ON true`,
      )
    )[0];
    if (!r) throw new AppError('BRANCH_TICKET_NOT_FOUND', 404);
    if (scope !== 'all' && r.t_branch_id !== who.branchId) throw new AppError('BRANCH_FORBIDDEN', 403);
    if (!r.id) {
      // Not called or serving — or finished by someone else between the read and the row lock.
      const status = ['called', 'serving'].includes(r.t_status) ? 'served' : r.t_status;
      throw new AppError('BRANCH_TICKET_STATE', 409, undefined, { status });
    }
    return toTicket(r as TicketRow);
  }

  /** Sends the ticket back to the line of another service or counter; it keeps its issue time. */
  async function transfer(
    actor: Actor | null,
    ticketId: string,
    input: { serviceId?: string; counterId?: string },
  ) {
    return db.transaction(async (tx) => {
      const { t, who } = await ticketForActor(tx, actor, ticketId, ['called', 'serving', 'parked']);
      const serviceId = input.serviceId ?? t.service_id;
      await getService(tx, serviceId, t.branch_id);
      if (input.counterId) {
        const target = await getCounterRow(tx, input.counterId);
        if (target.branch_id !== t.branch_id) throw new AppError('BRANCH_COUNTER_NOT_FOUND', 404);
      }
      // Back into its own line with its issue time and priority, it would be called straight back.
      const sameCounter = input.counterId !== undefined && input.counterId === t.counter_id;
      if (sameCounter || (!input.counterId && serviceId === t.service_id))
        throw new AppError('BRANCH_TRANSFER_SAME', 400);
      await tx.execute(sql`UPDATE branch_tickets SET status = 'waiting', service_id = ${serviceId},
          counter_id = ${input.counterId ?? null}, called_at = NULL, started_at = NULL, recalls = 0 WHERE id = ${t.id}`);
      const updated = await getTicketRow(tx, t.id);
      await publishTicket(tx, BRANCH_EVENTS.transferred, updated, who.userId, {
        fromServiceId: t.service_id,
        toServiceId: serviceId,
        ...(input.counterId ? { toCounterId: input.counterId } : {}),
      });
      return toTicket(updated);
    });
  }

  /** Parks the customer at this counter (waiting for a document, a signature); resumed later. */
  async function park(actor: Actor | null, ticketId: string) {
    return db.transaction(async (tx) => {
      const { t, who } = await ticketForActor(tx, actor, ticketId, ['called', 'serving']);
      await tx.execute(sql`UPDATE branch_tickets SET status = 'parked' WHERE id = ${t.id}`);
      const updated = await getTicketRow(tx, t.id);
      await publishTicket(tx, BRANCH_EVENTS.parked, updated, who.userId);
      return toTicket(updated);
    });
  }

  async function resume(actor: Actor | null, ticketId: string) {
    return db.transaction(async (tx) => {
      const { t, who } = await ticketForActor(tx, actor, ticketId, ['parked']);
      const busy = await one<{ id: string }>(
        tx,
        sql`SELECT id FROM branch_tickets WHERE counter_id = ${t.counter_id} AND status IN ('called', 'serving') LIMIT 1`,
      );
      if (busy) throw new AppError('BRANCH_COUNTER_BUSY', 409);
      await tx.execute(sql`UPDATE branch_tickets SET status = 'serving', started_at = coalesce(started_at, ${clock.now()})
          WHERE id = ${t.id}`);
      const updated = await getTicketRow(tx, t.id);
      await publishTicket(tx, BRANCH_EVENTS.serviceStarted, updated, who.userId);
      return toTicket(updated);
    });
  }

  async function setNotes(actor: Actor | null, ticketId: string, notes: string) {
    return db.transaction(async (tx) => {
      const { t } = await ticketForActor(tx, actor, ticketId, ['called', 'serving', 'parked', 'served']);
      // The visit and its notes show on the customer's timeline: card numbers masked (PCI DSS 3.4.1).
      await tx.execute(sql`UPDATE branch_tickets SET notes = ${maskPans(notes)} WHERE id = ${t.id}`);
      return toTicket(await getTicketRow(tx, t.id));
    });
  }

  // ---- lobby manager ----
  async function lobbyBoard(actor: Actor | null, branchId: string) {
    requireBranch(actor, branchId, 'branch.lobby');
    const branch = await getBranch(db, branchId);
    const now = clock.now();
    const day = localDate(now, branch.timeZone);
    const services = await rows<
      ServiceRow & {
        waiting: number;
        longest: number | null;
        average: number | null;
        served: number;
        serving: number;
      }
    >(
      db,
      sql`SELECT s.*,
          (SELECT count(*) FROM branch_tickets t WHERE t.service_id = s.id AND t.status = 'waiting')::int AS waiting,
          (SELECT extract(epoch FROM (${now}::timestamptz - min(t.issued_at)))::float8 FROM branch_tickets t
             WHERE t.service_id = s.id AND t.status = 'waiting') AS longest,
          (SELECT avg(extract(epoch FROM (t.first_called_at - t.issued_at)))::float8 FROM branch_tickets t
             WHERE t.service_id = s.id AND t.day = ${day} AND t.first_called_at IS NOT NULL) AS average,
          (SELECT count(*) FROM branch_tickets t WHERE t.service_id = s.id AND t.day = ${day} AND t.status = 'served')::int AS served,
          (SELECT count(*) FROM branch_counters c WHERE c.branch_id = s.branch_id AND c.is_open AND s.id = ANY(c.service_ids))::int AS serving
        FROM branch_services s WHERE s.branch_id = ${branchId} ORDER BY s.letter`,
    );
    const counters = await rows<CounterRow & { ticket_number: string | null }>(
      db,
      sql`SELECT ${COUNTER_COLUMNS}, (SELECT t.number FROM branch_tickets t WHERE t.counter_id = c.id
            AND t.status IN ('called', 'serving') ORDER BY t.called_at DESC LIMIT 1) AS ticket_number
          FROM branch_counters c WHERE c.branch_id = ${branchId} ORDER BY c.number`,
    );
    return {
      branchId,
      services: services.map((s) => {
        const longest = Math.round(s.longest ?? 0);
        const alert: 'wait' | 'line' | null =
          longest >= s.wait_threshold_minutes * 60 ? 'wait' : s.waiting >= s.line_threshold ? 'line' : null;
        return {
          service: toService(s),
          waiting: s.waiting,
          longestWaitSeconds: longest,
          averageWaitSeconds: Math.round(s.average ?? 0),
          servedToday: s.served,
          countersServing: s.serving,
          alert,
        };
      }),
      counters: counters.map((c) => ({
        counter: toCounter(c),
        state: (!c.is_open ? 'closed' : c.ticket_number ? 'serving' : 'idle') as
          | 'closed'
          | 'idle'
          | 'serving',
        ticketNumber: c.ticket_number,
      })),
    };
  }

  /**
   * The waiting tickets of a branch, highest priority and oldest first (at most 200), so the lobby
   * manager can find the customer at the door and set a legal priority group or VIP.
   */
  async function listWaiting(actor: Actor | null, branchId: string) {
    requireBranch(actor, branchId, 'branch.lobby');
    const found = await rows<TicketRow>(
      db,
      sql`SELECT ${TICKET_COLUMNS} FROM branch_tickets t
          WHERE t.branch_id = ${branchId} AND t.status = 'waiting'
          ORDER BY t.priority DESC, t.issued_at LIMIT 200`,
    );
    return found.map(toTicket);
  }

  /** Opens a counter as a flexible one serving `serviceId` first (audited). */
  async function openFlexibleCounter(actor: Actor | null, input: { counterId: string; serviceId: string }) {
    await db.transaction(async (tx) => {
      const c = await getCounterRow(tx, input.counterId, true);
      const who = requireBranch(actor, c.branch_id, 'branch.lobby');
      await getService(tx, input.serviceId, c.branch_id);
      const serviceIds = [input.serviceId, ...c.service_ids.filter((s) => s !== input.serviceId)];
      await tx.execute(sql`UPDATE branch_counters SET is_open = true, is_flexible = true, service_ids = ${pgArray(serviceIds)}::uuid[]
          WHERE id = ${c.id}`);
      await audit.record(tx, {
        actorId: who.userId,
        actorName: who.username,
        action: 'branch.flexible_counter_opened',
        targetType: 'branch_counter',
        targetId: c.id,
        details: { branchId: c.branch_id, serviceId: input.serviceId, previousServiceIds: c.service_ids },
      });
      await events.publish(tx, {
        type: BRANCH_EVENTS.counterChanged,
        payload: { branchId: c.branch_id, counterId: c.id, isOpen: true, serviceIds },
        actorId: who.userId,
        audience: { branches: [c.branch_id] },
      });
    });
    return toCounter(await getCounterRow(db, input.counterId));
  }

  /**
   * Moves the oldest `count` waiting normal tickets of a service to another service (they keep
   * their issue time), or to self-service machines (they leave the line). Audited.
   */
  async function moveTickets(
    actor: Actor | null,
    input: { fromServiceId: string; toServiceId: string; count: number },
  ) {
    return db.transaction(async (tx) => {
      const from = await getService(tx, input.fromServiceId);
      const who = requireBranch(actor, from.branch_id, 'branch.lobby');
      const to = await getService(tx, input.toServiceId, from.branch_id);
      if (to.id === from.id) throw new AppError('BRANCH_TRANSFER_SAME', 400);
      const picked = await rows<{ id: string }>(
        tx,
        sql`SELECT id FROM branch_tickets WHERE service_id = ${from.id} AND status = 'waiting' AND counter_id IS NULL
            ORDER BY priority, issued_at DESC LIMIT ${input.count} FOR UPDATE SKIP LOCKED`,
      );
      const status = to.is_self_service ? 'self_service' : 'waiting';
      for (const { id } of picked) {
        await tx.execute(
          sql`UPDATE branch_tickets SET service_id = ${to.id}, status = ${status} WHERE id = ${id}`,
        );
        const t = await getTicketRow(tx, id);
        await publishTicket(tx, BRANCH_EVENTS.transferred, t, who.userId, {
          fromServiceId: from.id,
          toServiceId: to.id,
        });
      }
      await audit.record(tx, {
        actorId: who.userId,
        actorName: who.username,
        action: 'branch.tickets_moved',
        targetType: 'branch_service',
        targetId: from.id,
        details: { toServiceId: to.id, moved: picked.length, selfService: to.is_self_service },
      });
      return { moved: picked.length };
    });
  }

  /** Marks a waiting ticket as VIP / legal priority group (staff decision at the door), or back to normal. */
  async function setPriority(actor: Actor | null, ticketId: string, group: string) {
    return db.transaction(async (tx) => {
      const { t, who } = await ticketForActor(tx, actor, ticketId, ['waiting']);
      const priority = group === 'vip' ? PRIORITY.vip : group === 'none' ? PRIORITY.normal : PRIORITY.legal;
      await tx.execute(sql`UPDATE branch_tickets SET priority = ${priority}, priority_reason = ${group === 'none' ? null : group}
          WHERE id = ${t.id}`);
      await audit.record(tx, {
        actorId: who.userId,
        actorName: who.username,
        action: 'branch.ticket_priority_set',
        targetType: 'branch_ticket',
        targetId: t.id,
        details: { group },
      });
      // Other lobby and counter screens learn of it now, not at the next ticket's event.
      const updated = await getTicketRow(tx, t.id);
      await publishTicket(tx, BRANCH_EVENTS.priorityChanged, updated, who.userId);
      return toTicket(updated);
    });
  }

  // ---- display, pad, phone page ----
  async function displayState(branchId: string) {
    const branch = await getBranch(db, branchId);
    const calls = await rows<{ id: string; number: string; counter_number: number; called_at: Date }>(
      db,
      sql`SELECT t.id, t.number, c.number AS counter_number, t.called_at FROM branch_tickets t
          JOIN branch_counters c ON c.id = t.counter_id
          WHERE t.branch_id = ${branchId} AND t.called_at IS NOT NULL AND t.day = ${localDate(clock.now(), branch.timeZone)}
            AND t.status IN ('called', 'serving', 'served')
          ORDER BY t.called_at DESC LIMIT 10`,
    );
    return {
      branchName: branch.name,
      languages: branch.languages,
      ticker: branch.ticker,
      calls: calls.map((c) => ({
        ticketId: c.id,
        number: c.number,
        counterNumber: c.counter_number,
        calledAt: iso(c.called_at) as string,
      })),
      waiting: (await waitingCounts(db, branchId)).map((w) => ({
        serviceId: w.service_id,
        names: w.names,
        letter: w.letter,
        count: w.count,
      })),
    };
  }

  /** The pad's question: the last visit finished at its counter in the past 10 minutes, not yet rated. */
  async function padState(device: Device) {
    if (device.kind !== 'pad') throw new AppError('BRANCH_DEVICE_KIND', 403);
    const counter = device.counterId ? await getCounterRow(db, device.counterId) : null;
    const t = device.counterId
      ? await one<{ id: string; number: string }>(
          db,
          sql`SELECT t.id, t.number FROM branch_tickets t WHERE t.counter_id = ${device.counterId} AND t.status = 'served'
              AND t.finished_at > ${new Date(clock.now().getTime() - 600_000)}
              AND NOT EXISTS (SELECT 1 FROM branch_feedback f WHERE f.ticket_id = t.id)
              ORDER BY t.finished_at DESC LIMIT 1`,
        )
      : undefined;
    return { counterNumber: counter?.number ?? null, ticket: t ?? null };
  }

  async function submitFeedback(device: Device, input: SubmitFeedback) {
    if (device.kind !== 'pad') throw new AppError('BRANCH_DEVICE_KIND', 403);
    const id = ids.uuid();
    try {
      await db.transaction(async (tx) => {
        const t = await getTicketRow(tx, input.ticketId, true);
        if (
          t.branch_id !== device.branchId ||
          t.status !== 'served' ||
          (device.counterId && t.counter_id !== device.counterId)
        )
          throw new AppError('BRANCH_FEEDBACK_NOT_ALLOWED', 409);
        const reasons = input.reasons ?? [];
        await tx.execute(sql`INSERT INTO branch_feedback (id, ticket_id, branch_id, service_id, counter_id, teller_id, rating, reasons)
            VALUES (${id}, ${t.id}, ${t.branch_id}, ${t.service_id}, ${t.counter_id}, ${t.teller_id}, ${input.rating}, ${pgArray(reasons)}::text[])`);
        await events.publish(tx, {
          type: BRANCH_EVENTS.feedbackSubmitted,
          payload: {
            feedbackId: id,
            ticketId: t.id,
            branchId: t.branch_id,
            serviceId: t.service_id,
            counterId: t.counter_id,
            tellerId: t.teller_id,
            rating: input.rating,
            reasons,
          },
          actorId: null,
          audience: { branches: [t.branch_id] },
        });
      });
    } catch (error) {
      translateUniqueViolation(error, { branch_feedback_ticket_key: 'BRANCH_FEEDBACK_EXISTS' });
    }
    return { id, ticketId: input.ticketId, rating: input.rating };
  }

  async function findTicketByPublicToken(token: string) {
    if (!token || token.length > 60) return null;
    return (
      (await one<TicketRow>(
        db,
        sql`SELECT ${TICKET_COLUMNS} FROM branch_tickets t WHERE t.public_token = ${token}`,
      )) ?? null
    );
  }

  /** The phone page (QR code): position and estimate, no personal data. */
  async function publicTicket(token: string) {
    const t = await findTicketByPublicToken(token);
    if (!t) throw new AppError('BRANCH_TICKET_NOT_FOUND', 404);
    const branch = await getBranch(db, t.branch_id);
    const service = await getService(db, t.service_id);
    const position =
      t.status === 'waiting'
        ? await positionOf(db, { ...t, day: localDate(new Date(t.issued_at), branch.timeZone) })
        : { ahead: 0, estimate: 0 };
    return {
      number: t.number,
      status: t.status,
      branchName: branch.name,
      serviceNames: service.names,
      peopleAhead: position.ahead,
      estimatedWaitSeconds: position.estimate,
      counterNumber: t.status === 'waiting' ? null : (t.counter_number ?? null),
      branchId: t.branch_id,
    };
  }

  // ---- appointments ----
  async function publicBranches() {
    const found = await rows<{
      id: string;
      name: string;
      services: Array<{ id: string; names: Record<string, string>; slot_minutes: number }>;
    }>(
      db,
      sql`SELECT b.id, b.name, json_agg(json_build_object('id', s.id, 'names', s.names, 'slot_minutes', s.slot_minutes) ORDER BY s.letter) AS services
          FROM branches b JOIN branch_services s ON s.branch_id = b.id AND s.slot_capacity > 0
          GROUP BY b.id, b.name ORDER BY b.name`,
    );
    return found.map((b) => ({
      id: b.id,
      name: b.name,
      services: b.services.map((s) => ({ id: s.id, names: s.names, slotMinutes: s.slot_minutes })),
    }));
  }

  /** Bookable slots of a local date: opening hours cut into slots, each with its remaining capacity. */
  async function listSlots(branchId: string, serviceId: string, date: string) {
    if (!isCalendarDate(date)) throw new AppError('BRANCH_DATE_INVALID', 400, undefined, { date });
    const branch = await getBranch(db, branchId);
    const service = await getService(db, serviceId, branchId);
    if (service.slot_capacity <= 0) return [];
    const midnight = localMidnight(date, branch.timeZone);
    // The branch's hours that day: a holiday of its business calendar closes it, a make-up day opens it.
    const hours = hoursOn(await lobbyCalendar(branch, true), date);
    const booked = await rows<{ slot_start: Date; n: number }>(
      db,
      sql`SELECT slot_start, count(*)::int AS n FROM branch_appointments WHERE service_id = ${serviceId}
          AND slot_start >= ${midnight} AND slot_start < ${new Date(midnight.getTime() + 86_400_000)} GROUP BY slot_start`,
    );
    const taken = new Map(booked.map((b) => [new Date(b.slot_start).getTime(), b.n]));
    const now = clock.now().getTime();
    const slots: { start: string; remaining: number }[] = [];
    for (const [from, to] of hours as Array<[string, string]>) {
      const [fh, fm] = from.split(':').map(Number) as [number, number];
      const [th, tm] = to.split(':').map(Number) as [number, number];
      for (let m = fh * 60 + fm; m + service.slot_minutes <= th * 60 + tm; m += service.slot_minutes) {
        const start = midnight.getTime() + m * 60_000;
        if (start <= now) continue;
        slots.push({
          start: new Date(start).toISOString(),
          remaining: service.slot_capacity - (taken.get(start) ?? 0),
        });
      }
    }
    return slots;
  }

  async function bookAppointment(branchId: string, input: BookAppointment) {
    const branch = await getBranch(db, branchId);
    const slotStart = new Date(input.slotStart);
    const date = localDate(slotStart, branch.timeZone);
    const calendar = await lobbyCalendar(branch, true);
    if (hoursOn(calendar, date).length === 0) {
      const holiday = calendar.holidays.find((h) => h.date === date)?.name ?? null;
      throw new AppError(
        holiday ? 'BRANCH_HOLIDAY_ON_DATE' : 'BRANCH_CLOSED_ON_DATE',
        409,
        undefined,
        holiday ? { date, holiday } : { date },
        { date, holiday },
      );
    }
    const slots = await listSlots(branchId, input.serviceId, date);
    if (!slots.some((s) => new Date(s.start).getTime() === slotStart.getTime()))
      throw new AppError('BRANCH_SLOT_INVALID', 400);
    const name = input.name.trim();
    if (!name) throw new AppError('BRANCH_NAME_REQUIRED', 400);
    // The reminder goes to this number: a mistyped one is refused, not silently dropped.
    const phone = input.phone ? phoneOrRefuse(input.phone) : null;
    const id = ids.uuid();
    const code = ids
      .token(6)
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 6)
      .toUpperCase()
      .padEnd(6, 'X');
    await db.transaction(async (tx) => {
      // The service row lock serialises bookings of one service, so a slot never goes past capacity.
      const s = await one<ServiceRow>(
        tx,
        sql`SELECT * FROM branch_services WHERE id = ${input.serviceId} FOR UPDATE`,
      );
      const n = await one<{ n: number }>(
        tx,
        sql`SELECT count(*)::int AS n FROM branch_appointments WHERE service_id = ${input.serviceId} AND slot_start = ${slotStart}`,
      );
      if ((n?.n ?? 0) >= (s?.slot_capacity ?? 0)) throw new AppError('BRANCH_SLOT_FULL', 409);
      // A walk-in who books gets a minimal customer record, so the reminder can reach them and the
      // check-in and the visit land on their timeline (#6).
      const booker = await customers.findOrCreateBooker(tx, {
        fullName: name,
        phone,
        email: input.email ?? null,
        preferredLanguage: input.locale ?? 'vi',
      });
      await tx.execute(sql`INSERT INTO branch_appointments (id, branch_id, service_id, slot_start, code, name, phone, email, locale, customer_id)
          VALUES (${id}, ${branchId}, ${input.serviceId}, ${slotStart}, ${code}, ${name}, ${phone}, ${input.email ?? null}, ${input.locale ?? 'vi'}, ${booker?.id ?? null})`);
      await events.publish(tx, {
        type: BRANCH_EVENTS.appointmentBooked,
        payload: {
          appointmentId: id,
          branchId,
          serviceId: input.serviceId,
          slotStart: slotStart.toISOString(),
          ticketId: null,
          // Reminder two hours ahead; the SMS/email channels send it from the outbox.
          remindAt: new Date(slotStart.getTime() - 2 * 3_600_000).toISOString(),
          phone,
          email: input.email ?? null,
          locale: input.locale ?? 'vi',
          customerId: booker?.id ?? null,
        },
        actorId: null,
        audience: {},
      });
    });
    return { id, code, slotStart: slotStart.toISOString() };
  }

  async function checkIn(device: Device, code: string) {
    if (device.kind !== 'kiosk') throw new AppError('BRANCH_DEVICE_KIND', 403);
    const branch = await getBranch(db, device.branchId);
    const a = await one<{
      id: string;
      service_id: string;
      slot_start: Date;
      status: string;
      customer_id: string | null;
    }>(
      db,
      sql`SELECT id, service_id, slot_start, status, customer_id FROM branch_appointments
          WHERE code = ${code.trim().toUpperCase()} AND branch_id = ${device.branchId}`,
    );
    if (
      !a ||
      a.status !== 'booked' ||
      localDate(new Date(a.slot_start), branch.timeZone) !== localDate(clock.now(), branch.timeZone)
    )
      throw new AppError('BRANCH_APPOINTMENT_NOT_FOUND', 404);
    const issued = await issueTicket(
      device,
      { serviceId: a.service_id },
      { appointmentId: a.id, customerId: a.customer_id },
    );
    await db.transaction(async (tx) => {
      await tx.execute(
        sql`UPDATE branch_appointments SET status = 'checked_in', ticket_id = ${issued.ticket.id} WHERE id = ${a.id}`,
      );
      await events.publish(tx, {
        type: BRANCH_EVENTS.appointmentCheckedIn,
        payload: {
          appointmentId: a.id,
          branchId: device.branchId,
          serviceId: a.service_id,
          slotStart: new Date(a.slot_start).toISOString(),
          ticketId: issued.ticket.id,
          customerId: a.customer_id,
        },
        actorId: null,
        audience: { branches: [device.branchId] },
      });
    });
    return issued;
  }

  /** Job: bookings not checked in 30 minutes after their slot began become no-shows. */
  async function markMissedAppointments(): Promise<number> {
    return db.transaction(async (tx) => {
      const missed = await rows<{ id: string; branch_id: string; service_id: string; slot_start: Date }>(
        tx,
        sql`UPDATE branch_appointments SET status = 'missed'
            WHERE status = 'booked' AND slot_start < ${new Date(clock.now().getTime() - 30 * 60_000)}
            RETURNING id, branch_id, service_id, slot_start`,
      );
      for (const a of missed) {
        await events.publish(tx, {
          type: BRANCH_EVENTS.appointmentMissed,
          payload: {
            appointmentId: a.id,
            branchId: a.branch_id,
            serviceId: a.service_id,
            slotStart: new Date(a.slot_start).toISOString(),
            ticketId: null,
          },
          actorId: null,
          audience: { branches: [a.branch_id] },
        });
      }
      return missed.length;
    });
  }

  // ---- customer timeline ----
  /** The customer's branch visits, newest first (customer 360). Reading them is audited. */
  async function listVisits(actor: Actor | null, customerId: string) {
    const who = requirePermission(actor, 'customers.read') && (actor as Actor);
    const found = await rows<{
      id: string;
      branch_id: string;
      branch_name: string;
      number: string;
      names: Record<string, string>;
      status: string;
      issued_at: Date;
      finished_at: Date | null;
      teller_name: string | null;
      notes: string;
      rating: number | null;
    }>(
      db,
      sql`SELECT t.id, t.branch_id, b.name AS branch_name, t.number, s.names, t.status, t.issued_at, t.finished_at,
            u.display_name AS teller_name, t.notes, f.rating
          FROM branch_tickets t JOIN branches b ON b.id = t.branch_id JOIN branch_services s ON s.id = t.service_id
          LEFT JOIN users u ON u.id = t.teller_id LEFT JOIN branch_feedback f ON f.ticket_id = t.id
          WHERE t.customer_id = ${customerId} ORDER BY t.issued_at DESC LIMIT 100`,
    );
    await audit.recordAlone({
      actorId: who.userId,
      actorName: who.username,
      action: 'branch.visits_read',
      targetType: 'customer',
      targetId: customerId,
    });
    return found.map((v) => ({
      ticketId: v.id,
      branchId: v.branch_id,
      branchName: v.branch_name,
      number: v.number,
      serviceNames: v.names,
      status: v.status,
      issuedAt: iso(v.issued_at) as string,
      finishedAt: iso(v.finished_at),
      tellerName: v.teller_name,
      notes: v.notes,
      rating: v.rating,
    }));
  }

  return {
    requireBranch,
    getSetup,
    updateService,
    updateCounter,
    listStaff,
    assignTeller,
    listCalendars,
    updateSettings,
    createService,
    createCounter,
    registerDevice,
    revokeDevice,
    authenticateDevice,
    kioskInfo,
    issueTicket,
    checkIn,
    listMyCounters,
    counterView,
    setCounterOpen,
    callNext,
    recall,
    noShow,
    startService,
    finishService,
    transfer,
    park,
    resume,
    setNotes,
    setPriority,
    lobbyBoard,
    listWaiting,
    openFlexibleCounter,
    moveTickets,
    displayState,
    padState,
    submitFeedback,
    findTicketByPublicToken,
    publicTicket,
    publicBranches,
    listSlots,
    bookAppointment,
    markMissedAppointments,
    listVisits,
  };
}

export type BranchService = ReturnType<typeof createBranchService>;

/** The instant local midnight began on `date` (YYYY-MM-DD) in `timeZone`. */
/** A `YYYY-MM-DD` that names a real day (not 2026-02-31, not 2026-99-99). */
function isCalendarDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
}

function phoneOrRefuse(raw: string): string {
  const e164 = normalisePhone(raw, 'VN');
  if (!e164) throw new AppError('BRANCH_PHONE_INVALID', 400);
  return e164;
}

function localMidnight(date: string, timeZone: string): Date {
  const noonUtc = new Date(`${date}T12:00:00Z`);
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(noonUtc);
  const h = Number(parts.find((p) => p.type === 'hour')?.value);
  const m = Number(parts.find((p) => p.type === 'minute')?.value);
  // Local time at 12:00 UTC is 12:00 + offset; midnight local is that offset before 00:00 UTC.
  const offsetMinutes = h * 60 + m - 12 * 60;
  return new Date(
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) -
      offsetMinutes * 60_000,
  );
}
