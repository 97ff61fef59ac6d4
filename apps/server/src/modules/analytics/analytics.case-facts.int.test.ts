import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { createDb } from '../../platform/db.ts';
import { CASE_EVENTS } from '../cases/cases.events.ts';
import { applyCaseEvent, applyCaseEvents } from './analytics.case-facts.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.close();
});

type Fact = Parameters<typeof applyCaseEvent>[1];
const ids = Array.from({ length: 4 }, () => crypto.randomUUID());
const owner = crypto.randomUUID();
const next = crypto.randomUUID();

/** An event carrying the case's fields, as cases.service.ts writes them. */
function event(position: number, type: string, caseId: string, extra: Record<string, unknown> = {}): Fact {
  return {
    id: crypto.randomUUID(),
    type,
    position,
    createdAt: new Date(Date.UTC(2026, 10, 2, 2, 0, position)),
    payload: {
      caseId,
      type: caseId === ids[0] ? 'complaint' : 'inquiry',
      categoryId: null,
      product: 'cards',
      channel: 'chat',
      teamId: null,
      ownerId: owner,
      firstOwnerId: owner,
      customerId: null,
      createdAt: '2026-11-02T02:00:00.000Z',
      at: new Date(Date.UTC(2026, 10, 2, 2, 0, position)).toISOString(),
      regulatoryDueAt: caseId === ids[0] ? '2026-11-17T02:00:00.000Z' : null,
      ...extra,
    },
  };
}

// Four cases through every kind of fact event, interleaved as a dispatch group sees them.
const events: Fact[] = [
  event(1, CASE_EVENTS.created, ids[0] as string),
  event(2, CASE_EVENTS.assigned, ids[0] as string),
  event(3, CASE_EVENTS.created, ids[1] as string),
  event(4, CASE_EVENTS.created, ids[2] as string),
  event(5, CASE_EVENTS.assigned, ids[1] as string),
  event(6, CASE_EVENTS.ownerChanged, ids[0] as string, { ownerId: next }),
  event(7, CASE_EVENTS.resolved, ids[1] as string, {
    resolvedOnTime: true,
    resolutionBusinessSeconds: 5400.4,
  }),
  event(8, CASE_EVENTS.assigned, ids[2] as string),
  event(9, CASE_EVENTS.reopened, ids[1] as string),
  event(10, CASE_EVENTS.updated, ids[1] as string, { product: 'loans' }),
  event(11, CASE_EVENTS.deadlineExtended, ids[0] as string, {
    ownerId: next,
    regulatoryDueAt: '2026-12-02T02:00:00.000Z',
  }),
  event(12, CASE_EVENTS.resolved, ids[1] as string, {
    product: 'loans',
    resolvedOnTime: false,
    resolutionBusinessSeconds: 9000,
  }),
  event(13, CASE_EVENTS.closed, ids[1] as string, { product: 'loans', closedByFirstOwner: true }),
  event(14, CASE_EVENTS.created, ids[3] as string),
  // Not a case fact (no fields): skipped by both.
  { ...event(15, CASE_EVENTS.updated, ids[3] as string), payload: { caseId: ids[3] } },
  event(16, CASE_EVENTS.updated, ids[3] as string, { channel: 'email' }),
];

async function facts() {
  const { rows } = await ctx.pool.query(
    `SELECT * FROM analytics_case_facts WHERE case_id = ANY($1::uuid[]) ORDER BY case_id`,
    [ids],
  );
  return rows;
}

describe('case facts of a dispatch group', () => {
  it('come out as the events one by one would leave them, and a replay changes nothing', async () => {
    const db = createDb(ctx.pool);
    for (const e of events) await applyCaseEvent(db, e);
    const oneByOne = await facts();
    expect(oneByOne).toHaveLength(4);
    expect(oneByOne.find((r) => r.case_id === ids[1])).toMatchObject({
      product: 'loans',
      reopened_count: 1,
      resolved_on_time: false,
      resolution_business_seconds: 9000,
      closed_by_first_owner: true,
    });
    expect(oneByOne.find((r) => r.case_id === ids[0])).toMatchObject({ owner_id: next });

    await ctx.pool.query('DELETE FROM analytics_case_facts WHERE case_id = ANY($1::uuid[])', [ids]);
    await db.transaction(async (tx) => applyCaseEvents(tx, events));
    expect(await facts()).toEqual(oneByOne);

    // Delivered again (at least once): the positions guard every row.
    await db.transaction(async (tx) => applyCaseEvents(tx, events));
    expect(await facts()).toEqual(oneByOne);
  });

  it("fold a case's snapshots only where the row comes out the same from any earlier state", async () => {
    const db = createDb(ctx.pool);
    // Events written before every case event carried the due time: the created one has it, the
    // assigned one not. Folding those would drop the due time when the row was already past the first.
    const older = crypto.randomUUID();
    const withoutDue = (e: Fact): Fact => {
      const { regulatoryDueAt: _, ...payload } = e.payload as Record<string, unknown>;
      return { ...e, payload };
    };
    const mixed: Fact[] = [
      ...events,
      {
        ...event(17, CASE_EVENTS.created, older),
        payload: {
          ...(event(17, CASE_EVENTS.created, older).payload as object),
          regulatoryDueAt: '2026-11-20T00:00:00.000Z',
        },
      },
      withoutDue(event(18, CASE_EVENTS.assigned, older)),
      withoutDue(event(19, CASE_EVENTS.updated, older, { product: 'fx' })),
      event(20, CASE_EVENTS.ownerChanged, ids[3] as string, { ownerId: next }),
    ];
    const all = [...ids, older];
    const snapshot = async () =>
      (
        await ctx.pool.query(
          'SELECT * FROM analytics_case_facts WHERE case_id = ANY($1::uuid[]) ORDER BY case_id',
          [all],
        )
      ).rows;
    // From every earlier state a redelivery can meet (the first k events applied), the group gives
    // what the events one by one give.
    for (let k = 0; k <= mixed.length; k++) {
      await ctx.pool.query('DELETE FROM analytics_case_facts WHERE case_id = ANY($1::uuid[])', [all]);
      for (const e of mixed.slice(0, k)) await applyCaseEvent(db, e);
      for (const e of mixed) await applyCaseEvent(db, e);
      const oneByOne = await snapshot();
      await ctx.pool.query('DELETE FROM analytics_case_facts WHERE case_id = ANY($1::uuid[])', [all]);
      for (const e of mixed.slice(0, k)) await applyCaseEvent(db, e);
      await db.transaction(async (tx) => applyCaseEvents(tx, mixed));
      expect(await snapshot(), `after ${k} events`).toEqual(oneByOne);
    }
    expect((await snapshot()).find((r) => r.case_id === older)).toMatchObject({ product: 'fx' });
  });

  it('are built by the dispatcher from published case events', async () => {
    const caseId = crypto.randomUUID();
    const db = createDb(ctx.pool);
    await db.transaction(async (tx) => {
      for (const [type, extra] of [
        [CASE_EVENTS.created, {}],
        [CASE_EVENTS.assigned, {}],
        [CASE_EVENTS.updated, { product: 'fx' }],
      ] as const) {
        const e = event(0, type, caseId, extra);
        await ctx.app.events.publish(tx, { type, payload: e.payload, actorId: null, audience: {} });
      }
    });
    await ctx.app.events.dispatchPending();
    const { rows } = await ctx.pool.query(
      'SELECT product, type FROM analytics_case_facts WHERE case_id = $1',
      [caseId],
    );
    expect(rows).toEqual([{ product: 'fx', type: 'inquiry' }]);
  });
});
