import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestContext, type Session, signInAs, type TestContext } from '../../../test/harness.ts';
import { type BanyanApp, buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createPool } from '../../platform/db.ts';
import { createLogger } from '../../platform/logger.ts';

/**
 * A restart in the middle of the day (issue #6, "survives a server restart"): the first app is
 * stopped and a new one starts on the same database. The line, the called ticket, the ticket being
 * served, the counters and the numbering carry on where they were.
 */
let ctx: TestContext;
let second: { app: BanyanApp; close: () => Promise<void> } | null = null;
let manager: Session;
let teller: Session;
let teller2: Session;
let branchId: string;
let kioskToken: string;
let displayToken: string;
const svc: Record<string, string> = {};
const counters: Record<number, string> = {};

type Json = Record<string, unknown>;
let current: () => BanyanApp = () => ctx.app;
const api = async (
  method: string,
  url: string,
  session?: Session | null,
  payload?: unknown,
  headers = {},
) => {
  const res = await current().http.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    headers: { ...(session ? as(session) : {}), ...headers },
    ...(payload !== undefined ? { payload: payload as Json } : {}),
  });
  return {
    status: res.statusCode,
    body: (res.body ? res.json() : null) as Json & { error?: { code: string } },
  };
};
const device = (token: string) => ({ 'x-device-token': token });
const issue = async (serviceId: string, extra: Json = {}) => {
  const r = await api('POST', '/branch/device/tickets', null, { serviceId, ...extra }, device(kioskToken));
  expect(r.status).toBe(201);
  return r.body as { ticket: { id: string; number: string; publicToken?: string }; trackPath: string };
};
const names = (en: string) => ({ en, 'zh-CN': en, vi: en });

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2026-05-06T03:00:00Z'); // Wednesday 10:00 in Hà Nội
  const b = await ctx.app.staff.createBranch(null, {
    code: 'R01',
    name: 'Ba Đình',
    city: 'Hà Nội',
    country: 'VN',
    timeZone: 'Asia/Ho_Chi_Minh',
  });
  branchId = b.id;
  manager = await signInAs(ctx, { username: 'lobby.r', roles: ['lobby_manager'], branchId });
  teller = await signInAs(ctx, { username: 'teller.r1', roles: ['branch_teller'], branchId });
  teller2 = await signInAs(ctx, { username: 'teller.r2', roles: ['branch_teller'], branchId });
  for (const [code, letter] of [
    ['cash', 'A'],
    ['loans', 'B'],
  ] as const) {
    const r = await api('POST', `/branch/branches/${branchId}/services`, manager, {
      code,
      names: names(code),
      letter,
    });
    svc[code] = r.body.id as string;
  }
  for (const [n, services] of [
    [1, [svc.cash]],
    [2, [svc.loans, svc.cash]],
    [3, [svc.cash]],
  ] as const) {
    const r = await api('POST', `/branch/branches/${branchId}/counters`, manager, {
      number: n,
      serviceIds: services,
    });
    counters[n] = r.body.id as string;
  }
  const reg = async (kind: string) =>
    (
      (await api('POST', `/branch/branches/${branchId}/devices`, manager, { kind, name: kind })).body as {
        token: string;
      }
    ).token;
  kioskToken = await reg('kiosk');
  displayToken = await reg('display');
});
afterAll(async () => {
  await second?.close();
  await ctx?.close();
});

describe('a restart in the middle of the day', () => {
  it('keeps the line, the called and served tickets, the counters and the numbering', async () => {
    // Morning: five cash tickets, one loans ticket; counter 1 has called one, counter 2 serves one.
    const issued = [];
    for (let i = 0; i < 5; i++) {
      issued.push(await issue(svc.cash as string));
      ctx.clock.advance(60_000);
    }
    issued.push(await issue(svc.loans as string));
    expect(issued.map((t) => t.ticket.number)).toEqual(['A001', 'A002', 'A003', 'A004', 'A005', 'B001']);
    expect((await api('POST', `/branch/counters/${counters[1]}/open`, teller)).status).toBe(200);
    expect((await api('POST', `/branch/counters/${counters[2]}/open`, teller2)).status).toBe(200);
    const called = (await api('POST', `/branch/counters/${counters[1]}/call-next`, teller, {})).body
      .ticket as { id: string; number: string };
    expect(called.number).toBe('A001');
    const serving = (await api('POST', `/branch/counters/${counters[2]}/call-next`, teller2, {})).body
      .ticket as { id: string; number: string };
    expect(serving.number).toBe('B001'); // loans first at counter 2
    expect((await api('POST', `/branch/tickets/${serving.id}/start`, teller2)).body.status).toBe('serving');
    ctx.clock.advance(120_000);

    const before = {
      lobby: (await api('GET', `/branch/branches/${branchId}/lobby`, manager)).body,
      counter1: (await api('GET', `/branch/counters/${counters[1]}`, teller)).body,
      counter2: (await api('GET', `/branch/counters/${counters[2]}`, teller2)).body,
      display: (await api('GET', '/branch/device/display', null, undefined, device(displayToken))).body,
      phone: (
        await api(
          'GET',
          `/branch/public/${(issued[3] as { trackPath: string }).trackPath.replace('/q/', 'tickets/')}`,
        )
      ).body,
    };
    expect(before.phone).toMatchObject({ number: 'A004' });

    // The first app stops; a new one starts on the same database (same clock, new pool).
    await ctx.app.stop();
    const pool = createPool(ctx.url, 5);
    const config = loadConfig(
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
    );
    const quiet = new Writable({ write: (_c, _e, done) => done() });
    const app = await buildApp({
      config,
      pool,
      log: createLogger({ level: 'info', destination: quiet }),
      clock: ctx.clock,
    });
    await app.http.ready();
    second = {
      app,
      close: async () => {
        await app.stop();
        await pool.end();
      },
    };
    current = () => app;

    // Everything every page reads is where it was; the staff sessions are still valid.
    const after = {
      lobby: (await api('GET', `/branch/branches/${branchId}/lobby`, manager)).body,
      counter1: (await api('GET', `/branch/counters/${counters[1]}`, teller)).body,
      counter2: (await api('GET', `/branch/counters/${counters[2]}`, teller2)).body,
      display: (await api('GET', '/branch/device/display', null, undefined, device(displayToken))).body,
      phone: (
        await api(
          'GET',
          `/branch/public/${(issued[3] as { trackPath: string }).trackPath.replace('/q/', 'tickets/')}`,
        )
      ).body,
    };
    expect(after).toEqual(before);
    expect((after.counter1.current as { number: string; status: string }) ?? null).toMatchObject({
      number: 'A001',
      status: 'called',
    });
    expect(after.counter2.current).toMatchObject({ number: 'B001', status: 'serving' });
    const lobby = after.lobby as {
      services: Array<{ service: { letter: string }; waiting: number }>;
      counters: Array<{ counter: { number: number }; state: string; ticketNumber: string | null }>;
    };
    expect(lobby.services.map((s) => [s.service.letter, s.waiting])).toEqual([
      ['A', 4],
      ['B', 0],
    ]);
    expect(lobby.counters.map((c) => [c.counter.number, c.state, c.ticketNumber])).toEqual([
      [1, 'serving', 'A001'],
      [2, 'serving', 'B001'],
      [3, 'closed', null],
    ]);

    // The day carries on: the called customer is served, the next in line is called, numbering
    // continues without reusing a number.
    expect((await api('POST', `/branch/tickets/${called.id}/finish`, teller, {})).body.status).toBe('served');
    expect((await api('POST', `/branch/tickets/${serving.id}/finish`, teller2, {})).body.status).toBe(
      'served',
    );
    const next = (await api('POST', `/branch/counters/${counters[1]}/call-next`, teller, {})).body.ticket as {
      number: string;
    };
    expect(next.number).toBe('A002');
    const later = await issue(svc.cash as string);
    expect(later.ticket.number).toBe('A006');
    expect((await issue(svc.loans as string)).ticket.number).toBe('B002');
    const { rows } = await ctx.pool.query(
      `SELECT count(*)::int AS n, count(DISTINCT number)::int AS d FROM branch_tickets WHERE branch_id = $1`,
      [branchId],
    );
    expect(rows[0]).toEqual({ n: 8, d: 8 });
  });
});
