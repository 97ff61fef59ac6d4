import { sql } from 'drizzle-orm';
import type { CaseEventPayload, FeedbackEventPayload } from '#contracts/analytics-inputs.ts';
import type { TicketEventPayload } from '#contracts/branch.ts';
import { type DbOrTx, runPrepared } from '../../platform/db.ts';
import type { createEvents, HandlerBatch, StoredEvent } from '../../platform/events.ts';
import { BRANCH_EVENTS } from '../branch/branch.events.ts';
import { CASE_EVENTS } from '../cases/cases.events.ts';

type Events = ReturnType<typeof createEvents>;
type FactEvent = Pick<StoredEvent, 'id' | 'type' | 'payload' | 'position' | 'createdAt'>;

/** The case events the case facts are built from. */
export const CASE_FACT_EVENT_TYPES = [
  CASE_EVENTS.created,
  CASE_EVENTS.assigned,
  CASE_EVENTS.ownerChanged,
  CASE_EVENTS.updated,
  CASE_EVENTS.resolved,
  CASE_EVENTS.reopened,
  CASE_EVENTS.closed,
  CASE_EVENTS.deadlineExtended,
] as const;

/** The branch ticket events the ticket facts are built from (each carries the ticket's snapshot). */
export const TICKET_FACT_EVENT_TYPES = [
  BRANCH_EVENTS.issued,
  BRANCH_EVENTS.called,
  BRANCH_EVENTS.recalled,
  BRANCH_EVENTS.noShow,
  BRANCH_EVENTS.serviceStarted,
  BRANCH_EVENTS.served,
  BRANCH_EVENTS.transferred,
  BRANCH_EVENTS.parked,
  BRANCH_EVENTS.moved,
] as const;

/** The columns an upsert of a case fact event inserts. */
const INSERT_CASE_FACT =
  sql.raw(`INSERT INTO analytics_case_facts (case_id, type, is_complaint, category_id, product,
  channel, team_id, owner_id, first_owner_id, customer_id, conversation_id, created_at, due_at, last_position)`);

/** Every fact event carries the case's fields; anything else (a malformed payload) is not a case fact. */
const isCaseFact = (p: Partial<CaseEventPayload>): boolean =>
  Boolean(p.caseId && p.type && p.createdAt && p.at);

/** What an upsert of any case fact event sets from the case's fields, which every one carries. */
const SET_CASE_FIELDS = sql.raw(`type = EXCLUDED.type, is_complaint = EXCLUDED.is_complaint,
  category_id = EXCLUDED.category_id, product = EXCLUDED.product, channel = EXCLUDED.channel,
  team_id = EXCLUDED.team_id, owner_id = EXCLUDED.owner_id, first_owner_id = EXCLUDED.first_owner_id,
  customer_id = EXCLUDED.customer_id,
  conversation_id = coalesce(analytics_case_facts.conversation_id, EXCLUDED.conversation_id),
  due_at = coalesce(EXCLUDED.due_at, analytics_case_facts.due_at)`);

/**
 * Applies one `case.*` event. Every event carries the case's current fields (cases.service.ts
 * `eventBase`): the first one inserts the row, later ones refresh it; all guarded by
 * `last_position < position`, so a replay changes nothing.
 */
export async function applyCaseEvent(tx: DbOrTx, event: FactEvent): Promise<void> {
  const p = event.payload as CaseEventPayload & { regulatoryDueAt?: string | null };
  if (!isCaseFact(p)) return;
  const pos = event.position;
  const fresh = sql`analytics_case_facts.last_position < ${pos}`;
  const resolved = event.type === CASE_EVENTS.resolved;
  const closed = event.type === CASE_EVENTS.closed;
  const reopened = event.type === CASE_EVENTS.reopened;
  const businessSeconds =
    typeof p.resolutionBusinessSeconds === 'number' && Number.isFinite(p.resolutionBusinessSeconds)
      ? Math.max(0, Math.round(p.resolutionBusinessSeconds))
      : null;
  // Two of these per new case (created, assigned): a named statement, planned once per connection.
  await runPrepared(
    tx,
    'analytics_case_fact',
    sql`${INSERT_CASE_FACT}
    VALUES (${p.caseId}, ${p.type}, ${p.type === 'complaint'}, ${p.categoryId ?? null}, ${p.product ?? null},
      ${p.channel ?? null}, ${p.teamId ?? null}, ${p.ownerId ?? null}, ${p.firstOwnerId ?? null}, ${p.customerId ?? null},
      (SELECT conversation_id FROM case_conversations WHERE case_id = ${p.caseId} ORDER BY linked_at LIMIT 1),
      ${p.createdAt}, ${p.regulatoryDueAt ?? null}, ${pos})
    ON CONFLICT (case_id) DO UPDATE SET ${SET_CASE_FIELDS},
      resolved_at = CASE WHEN ${resolved} THEN ${p.at}::timestamptz WHEN ${reopened} THEN NULL
        ELSE analytics_case_facts.resolved_at END,
      resolved_on_time = CASE WHEN ${resolved} THEN ${p.resolvedOnTime ?? null}::boolean WHEN ${reopened} THEN NULL
        ELSE analytics_case_facts.resolved_on_time END,
      resolution_business_seconds = CASE WHEN ${resolved} THEN ${businessSeconds}::int WHEN ${reopened} THEN NULL
        ELSE analytics_case_facts.resolution_business_seconds END,
      closed_at = CASE WHEN ${closed} THEN ${p.at}::timestamptz WHEN ${reopened} THEN NULL
        ELSE analytics_case_facts.closed_at END,
      closed_by_first_owner = CASE WHEN ${closed} THEN ${p.closedByFirstOwner ?? null}::boolean
        WHEN ${reopened} THEN NULL ELSE analytics_case_facts.closed_by_first_owner END,
      reopened_count = analytics_case_facts.reopened_count + ${reopened ? 1 : 0},
      first_reopened_at = CASE WHEN ${reopened} THEN coalesce(analytics_case_facts.first_reopened_at, ${p.at}::timestamptz)
        ELSE analytics_case_facts.first_reopened_at END,
      last_position = EXCLUDED.last_position
    WHERE ${fresh}`,
  );
}

/** The case events that carry only the case's fields: they change no resolution, closing or reopening fact. */
const SNAPSHOT_TYPES: ReadonlySet<string> = new Set(
  CASE_FACT_EVENT_TYPES.filter(
    (t) => t !== CASE_EVENTS.resolved && t !== CASE_EVENTS.closed && t !== CASE_EVENTS.reopened,
  ),
);

const dueOf = (event: FactEvent) =>
  (event.payload as { regulatoryDueAt?: string | null }).regulatoryDueAt ?? null;

/**
 * Whether applying snapshot `earlier` then snapshot `later` (the same case, nothing of it between)
 * leaves the row as `later` alone does, whatever the row held before, replays included. A snapshot
 * sets every field from its payload except the insert's creation time (the case's, the same in both)
 * and the conversation (the same lookup for both), and its due time only when it carries one
 * (`coalesce`). So `earlier` can go when `later` carries a due time or `earlier` carries none.
 * Every case event carries the case's current due time (cases.service.ts `eventBase`).
 */
const folds = (earlier: FactEvent, later: FactEvent): boolean =>
  SNAPSHOT_TYPES.has(earlier.type) &&
  SNAPSHOT_TYPES.has(later.type) &&
  isCaseFact(earlier.payload as Partial<CaseEventPayload>) &&
  isCaseFact(later.payload as Partial<CaseEventPayload>) &&
  (dueOf(later) !== null || dueOf(earlier) === null);

/**
 * Applies many `case.*` events (a dispatch group's), in effect exactly as `applyCaseEvent` one by
 * one in position order. An upsert may touch a row only once, so the events go in rounds: the
 * k-th event of every case in round k. In a round, the snapshot events (created, assigned, owner
 * changed, updated, deadline extended: the case's fields and nothing else) are one statement; a
 * resolution, closing or reopening goes through `applyCaseEvent`. Before the rounds, a case's
 * consecutive snapshots fold into the last one where that is exact (`folds`): a burst of new cases
 * (created, assigned) is one statement, where it was two.
 */
export async function applyCaseEvents(tx: DbOrTx, events: FactEvent[]): Promise<void> {
  // Each case's events in order, a run of snapshots folded into its last one where that is exact
  // (`folds`): a new case's created and assigned make one row, not an insert and an update.
  const byCase = new Map<string, FactEvent[]>();
  for (const event of events) {
    const caseId = (event.payload as Partial<CaseEventPayload>).caseId;
    if (!caseId) continue;
    const own = byCase.get(caseId);
    if (!own) {
      byCase.set(caseId, [event]);
      continue;
    }
    const last = own.at(-1) as FactEvent;
    if (folds(last, event)) own[own.length - 1] = event;
    else own.push(event);
  }
  const rounds: FactEvent[][] = [];
  for (const own of byCase.values())
    for (const [round, event] of own.entries()) {
      if (round === rounds.length) rounds.push([event]);
      else (rounds[round] as FactEvent[]).push(event);
    }
  for (const round of rounds) {
    const snapshots: FactEvent[] = [];
    for (const event of round) {
      if (!SNAPSHOT_TYPES.has(event.type)) await applyCaseEvent(tx, event);
      else if (isCaseFact(event.payload as Partial<CaseEventPayload>)) snapshots.push(event);
    }
    if (snapshots.length <= 1) {
      if (snapshots[0]) await applyCaseEvent(tx, snapshots[0]);
      continue;
    }
    const rows = snapshots.map((event) => {
      const p = event.payload as CaseEventPayload & { regulatoryDueAt?: string | null };
      return {
        case_id: p.caseId,
        type: p.type,
        category_id: p.categoryId ?? null,
        product: p.product ?? null,
        channel: p.channel ?? null,
        team_id: p.teamId ?? null,
        owner_id: p.ownerId ?? null,
        first_owner_id: p.firstOwnerId ?? null,
        customer_id: p.customerId ?? null,
        created_at: p.createdAt,
        due_at: p.regulatoryDueAt ?? null,
        pos: event.position,
      };
    });
    // The single event's upsert with every resolution, closing and reopening column left as it is.
    await runPrepared(
      tx,
      'analytics_case_facts_many',
      sql`${INSERT_CASE_FACT}
      SELECT r.case_id, r.type, r.type = 'complaint', r.category_id, r.product, r.channel, r.team_id, r.owner_id,
        r.first_owner_id, r.customer_id,
        (SELECT conversation_id FROM case_conversations WHERE case_id = r.case_id ORDER BY linked_at LIMIT 1),
        r.created_at, r.due_at, r.pos
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(case_id uuid, type text, category_id uuid,
        product text, channel text, team_id uuid, owner_id uuid, first_owner_id uuid, customer_id uuid,
        created_at timestamptz, due_at timestamptz, pos bigint)
      ON CONFLICT (case_id) DO UPDATE SET ${SET_CASE_FIELDS}, last_position = EXCLUDED.last_position
      WHERE analytics_case_facts.last_position < EXCLUDED.last_position`,
    );
  }
}

const seconds = (v: number | null | undefined) => (typeof v === 'number' ? Math.round(v) : null);

/**
 * Applies one `ticket.*` event: the snapshot it carries replaces the row's times, a no-show marks
 * it (a later service start clears it: the customer came after all), a transfer counts.
 */
export async function applyTicketEvent(tx: DbOrTx, event: FactEvent): Promise<void> {
  const p = event.payload as TicketEventPayload;
  if (!p.ticketId || !p.branchId || !p.serviceId || !p.issuedAt) return;
  const pos = event.position;
  const noShow =
    event.type === BRANCH_EVENTS.noShow
      ? sql`true`
      : event.type === BRANCH_EVENTS.serviceStarted || event.type === BRANCH_EVENTS.served
        ? sql`false`
        : sql`analytics_ticket_facts.no_show`;
  const transferred = event.type === BRANCH_EVENTS.transferred ? 1 : 0;
  await tx.execute(sql`INSERT INTO analytics_ticket_facts (ticket_id, branch_id, service_id, counter_id, teller_id,
      customer_id, issued_at, called_at, started_at, finished_at, wait_seconds, service_seconds, no_show, transfers,
      recalls, last_position)
    VALUES (${p.ticketId}, ${p.branchId}, ${p.serviceId}, ${p.counterId ?? null}, ${p.tellerId ?? null},
      ${p.customerId ?? null}, ${p.issuedAt}, ${p.calledAt ?? null}, ${p.startedAt ?? null}, ${p.finishedAt ?? null},
      ${seconds(p.waitSeconds)},
      ${seconds(p.serviceSeconds)}, ${event.type === BRANCH_EVENTS.noShow}, ${transferred}, ${p.recalls ?? 0}, ${pos})
    ON CONFLICT (ticket_id) DO UPDATE SET service_id = EXCLUDED.service_id,
      counter_id = coalesce(EXCLUDED.counter_id, analytics_ticket_facts.counter_id),
      teller_id = coalesce(EXCLUDED.teller_id, analytics_ticket_facts.teller_id),
      customer_id = coalesce(EXCLUDED.customer_id, analytics_ticket_facts.customer_id),
      called_at = EXCLUDED.called_at, started_at = EXCLUDED.started_at, finished_at = EXCLUDED.finished_at,
      wait_seconds = coalesce(EXCLUDED.wait_seconds, analytics_ticket_facts.wait_seconds),
      service_seconds = EXCLUDED.service_seconds,
      no_show = ${noShow}, transfers = analytics_ticket_facts.transfers + ${transferred},
      recalls = EXCLUDED.recalls, last_position = EXCLUDED.last_position
    WHERE analytics_ticket_facts.last_position < ${pos}`);
}

/**
 * Copies a branch pad answer (`feedback.submitted` with a ticket and a rating; a survey's answer
 * about a contact has neither and is the contact facts' business). Keyed by the feedback id.
 */
export async function applyBranchFeedbackEvent(tx: DbOrTx, event: FactEvent): Promise<void> {
  const p = event.payload as Partial<FeedbackEventPayload>;
  if (!p.feedbackId || !p.ticketId || !p.branchId || typeof p.rating !== 'number') return;
  await tx.execute(sql`INSERT INTO analytics_branch_feedback (feedback_id, ticket_id, branch_id, service_id, teller_id,
      rating, reasons, at)
    VALUES (${p.feedbackId}, ${p.ticketId}, ${p.branchId}, ${p.serviceId ?? null}, ${p.tellerId ?? null}, ${p.rating},
      ${textArrayLiteral(p.reasons ?? [])}::text[], ${event.createdAt})
    ON CONFLICT (feedback_id) DO NOTHING`);
}

/** A Postgres array literal for a text[] parameter. */
const textArrayLiteral = (values: readonly string[]): string =>
  `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;

/** The durable listeners for case, ticket and branch feedback facts (stable names: idempotency keys). */
export function registerCaseAndBranchListeners(deps: { events: Events }): void {
  const caseFacts: HandlerBatch = {
    family: 'analytics.case_facts',
    handleMany: (events, tx) => applyCaseEvents(tx, events),
  };
  for (const type of CASE_FACT_EVENT_TYPES)
    deps.events.on(
      type,
      `analytics.case_facts_${type.split('.')[1]}`,
      (event, tx) => applyCaseEvent(tx, event),
      caseFacts,
    );
  for (const type of TICKET_FACT_EVENT_TYPES)
    deps.events.on(type, `analytics.ticket_facts_${type.split('.')[1]}`, (event, tx) =>
      applyTicketEvent(tx, event),
    );
  deps.events.on(BRANCH_EVENTS.feedbackSubmitted, 'analytics.branch_feedback', (event, tx) =>
    applyBranchFeedbackEvent(tx, event),
  );
}
