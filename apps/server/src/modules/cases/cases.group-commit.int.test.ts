import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestContext, type Session, signInAs, type TestContext } from '../../../test/harness.ts';
import { type BanyanApp, buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createPool } from '../../platform/db.ts';
import { createLogger } from '../../platform/logger.ts';
import { createGroupCommit } from './cases.group-commit.ts';

// Two app instances on one database, as two server processes would be: each has its own group
// commit; the year's counter row lock is what keeps their numbers gapless together.
let ctx: TestContext;
let second: BanyanApp;
let secondPool: ReturnType<typeof createPool>;
let agent: Session;
let agent2: Session;

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2026-05-04T02:00:00Z');
  secondPool = createPool(ctx.url, 10);
  const quiet = new Writable({ write: (_c, _e, done) => done() });
  second = await buildApp({
    config: loadConfig(
      {},
      {
        databaseUrl: ctx.url,
        demoMode: false,
        requireAdminMfa: false,
        argon2MemoryKiB: 1024,
        argon2TimeCost: 1,
        runWorkers: false,
        webDistDir: '/nonexistent',
      },
    ),
    pool: secondPool,
    log: createLogger({ level: 'info', destination: quiet }),
    clock: ctx.clock,
  });
  await second.http.ready();
  agent = await signInAs(ctx, { username: 'gc.agent', roles: ['agent'] });
  agent2 = await signInAs(ctx, { username: 'gc.agent2', roles: ['agent'] });
});
afterAll(async () => {
  await second?.stop();
  await secondPool?.end();
  await ctx?.close();
});

const create = (app: BanyanApp, session: Session, subject: string) =>
  app.http.inject({
    method: 'POST',
    url: '/api/v1/cases',
    payload: { type: 'inquiry', subject },
    headers: as(session),
  });

const numberOf = (n: string) => Number(n.slice(-6));

describe('group commit of new cases', () => {
  it('numbers concurrent creates from two app instances without gaps or duplicates, with their events', async () => {
    const before = (await ctx.pool.query('SELECT last FROM case_number_counters WHERE year = 2026')).rows[0]
      ?.last as number | undefined;
    const results = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        i % 2 === 0 ? create(ctx.app, agent, `A ${i}`) : create(second, agent2, `B ${i}`),
      ),
    );
    expect(results.every((r) => r.statusCode === 201 || r.statusCode === 200)).toBe(true);
    const numbers = results.map((r) => numberOf(r.json().number)).sort((a, b) => a - b);
    const first = (before ?? 0) + 1;
    expect(numbers).toEqual(Array.from({ length: 300 }, (_, i) => first + i));
    // Each answer is its own case (subject and owner), stored with its timeline entry and events.
    for (const [i, r] of results.entries()) expect(r.json().subject).toBe(`${i % 2 ? 'B' : 'A'} ${i}`);
    const counts = await ctx.pool.query(`SELECT
      (SELECT count(*)::int FROM cases) AS cases,
      (SELECT count(*)::int FROM case_timeline WHERE kind = 'created') AS timeline,
      (SELECT count(*)::int FROM outbox WHERE type = 'case.created') AS created,
      (SELECT count(DISTINCT payload->>'number')::int FROM outbox WHERE type = 'case.created') AS numbers,
      (SELECT count(*)::int FROM outbox o JOIN cases c ON c.id = (o.payload->>'caseId')::uuid
        AND c.number = o.payload->>'number' WHERE o.type IN ('case.created', 'case.assigned')) AS matching`);
    expect(counts.rows[0]).toEqual({ cases: 300, timeline: 300, created: 300, numbers: 300, matching: 600 });
    // Both instances really batched (the point of the exercise), each with its own queue.
    const stats = [ctx.app.cases.createStats(), second.cases.createStats()];
    expect(stats.every((s) => s.items === 150)).toBe(true);
    expect(Math.max(...stats.map((s) => s.largest))).toBeGreaterThan(1);
  });

  it('a row that fails in a batch fails alone: the others keep consecutive numbers', async () => {
    // A real database error for one row of the batch (a trigger refusing one subject).
    await ctx.pool.query(`CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.subject = 'poison' THEN RAISE EXCEPTION 'poisoned row'; END IF; RETURN NEW; END $$`);
    await ctx.pool.query(
      'CREATE TRIGGER refuse_poison BEFORE INSERT ON cases FOR EACH ROW EXECUTE FUNCTION refuse_poison()',
    );
    try {
      const before = (await ctx.pool.query('SELECT last FROM case_number_counters WHERE year = 2026')).rows[0]
        .last as number;
      const retriedBefore = ctx.app.cases.createStats().retriedAlone;
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) => create(ctx.app, agent, i === 17 ? 'poison' : `ok ${i}`)),
      );
      expect(results[17]?.statusCode).toBe(500);
      const ok = results.filter((_, i) => i !== 17);
      expect(ok.every((r) => r.statusCode < 300)).toBe(true);
      const numbers = ok.map((r) => numberOf(r.json().number)).sort((a, b) => a - b);
      expect(numbers).toEqual(Array.from({ length: 39 }, (_, i) => before + 1 + i));
      expect(ctx.app.cases.createStats().retriedAlone).toBeGreaterThan(retriedBefore);
      const stored = await ctx.pool.query(
        `SELECT count(*)::int AS n FROM cases WHERE subject = 'poison' OR subject LIKE 'ok %'`,
      );
      expect(stored.rows[0].n).toBe(39);
    } finally {
      await ctx.pool.query('DROP TRIGGER refuse_poison ON cases; DROP FUNCTION refuse_poison()');
    }
    // The counter did not move for the refused one: the next case follows on.
    const next = await create(second, agent2, 'after');
    const last = (await ctx.pool.query(`SELECT max(number) AS n FROM cases`)).rows[0].n as string;
    expect(next.json().number).toBe(last);
    expect(numberOf(last)).toBe(300 + 39 + 1);
  });
});

describe('createGroupCommit', () => {
  it('writes a lone item at once and the items of one tick as one batch', async () => {
    const batches: number[][] = [];
    const gc = createGroupCommit<number, number>({
      write: async (items) => {
        batches.push(items);
        return items.map((i) => i * 10);
      },
    });
    expect(await gc.submit(1)).toBe(10);
    expect(await Promise.all([gc.submit(2), gc.submit(3), gc.submit(4)])).toEqual([20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });
});

describe('settings cache across processes', () => {
  it('an SLA policy added through one instance is used by the next creates of the other (case.settings_changed)', async () => {
    await second.start(); // its event follower: how a process hears of settings changes
    const admin = await signInAs(ctx, { username: 'gc.admin', roles: ['admin'] });
    const policyOf = async (res: { json: () => { id: string } }) =>
      (await ctx.pool.query('SELECT sla_policy_id FROM cases WHERE id = $1', [res.json().id])).rows[0]
        .sla_policy_id as string | null;
    // The second instance reads (and caches) the settings: no policy yet.
    expect(await policyOf(await create(second, agent2, 'before the policy'))).toBeNull();
    const added = await ctx.app.http.inject({
      method: 'POST',
      url: '/api/v1/admin/case-sla-policies',
      payload: { name: 'Inquiries', caseType: 'inquiry', calendarCode: 'VN', resolutionMinutes: 480 },
      headers: as(admin),
    });
    expect(added.statusCode).toBe(201);
    // Its cache lives 60 s; the event reaches it well within 5 s.
    let seen: string | null = null;
    for (let i = 0; i < 50 && !seen; i++) {
      await new Promise((r) => setTimeout(r, 100));
      seen = await policyOf(await create(second, agent2, `after ${i}`));
    }
    expect(seen).toBe(added.json().id);
    const event = await ctx.pool.query(
      `SELECT count(*)::int AS n FROM outbox WHERE type = 'case.settings_changed'`,
    );
    expect(event.rows[0].n).toBe(1);
  });
});
