import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { as, createTestContext, type Session, signInAs, type TestContext } from '../../../test/harness.ts';

let ctx: TestContext;
let base: string;
let teller: Session;
let counterId: string;
let serviceId: string;
let displayToken: string;
let kioskToken: string;
let otherDisplayToken: string;

interface Message {
  type: string;
  data?: Record<string, unknown>;
  own?: boolean;
}

function connect(query: string) {
  const messages: Message[] = [];
  const socket = new WebSocket(`${base}?${query}`);
  socket.on('message', (raw) => messages.push(JSON.parse(String(raw))));
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  const until = async (check: (m: Message[]) => boolean, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!check(messages)) {
      if (Date.now() > deadline) throw new Error(`timed out; got ${JSON.stringify(messages)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { socket, messages, closed, until };
}

const api = async (method: string, url: string, session: Session | null, payload?: unknown, headers = {}) => {
  const res = await ctx.app.http.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    headers: { ...(session ? as(session) : {}), ...headers },
    ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
  });
  return res.json() as Record<string, unknown>;
};

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.app.events.start({ pollMs: 100 });
  await ctx.app.http.listen({ host: '127.0.0.1', port: 0 });
  base = `ws://127.0.0.1:${(ctx.app.http.server.address() as { port: number }).port}/api/v1/branch/realtime`;
  const branch = await ctx.app.staff.createBranch(null, {
    code: 'RT1',
    name: 'Realtime',
    city: 'Hà Nội',
    country: 'VN',
    timeZone: 'Asia/Ho_Chi_Minh',
  });
  const other = await ctx.app.staff.createBranch(null, {
    code: 'RT2',
    name: 'Other',
    city: 'Huế',
    country: 'VN',
    timeZone: 'Asia/Ho_Chi_Minh',
  });
  teller = await signInAs(ctx, { username: 'rt.teller', roles: ['branch_teller'], branchId: branch.id });
  const names = { en: 'Cash', 'zh-CN': '现金', vi: 'Tiền mặt' };
  serviceId = (await ctx.app.branch.createService(null, branch.id, { code: 'cash', letter: 'A', names })).id;
  counterId = (await ctx.app.branch.createCounter(null, branch.id, { number: 4, serviceIds: [serviceId] }))
    .id;
  displayToken = (await ctx.app.branch.registerDevice(null, branch.id, { kind: 'display', name: 'TV' }))
    .token;
  kioskToken = (await ctx.app.branch.registerDevice(null, branch.id, { kind: 'kiosk', name: 'K' })).token;
  otherDisplayToken = (await ctx.app.branch.registerDevice(null, other.id, { kind: 'display', name: 'TV' }))
    .token;
});
afterAll(async () => ctx?.close());

describe('branch realtime', () => {
  it('refuses an unknown device token and an unknown ticket', async () => {
    expect(await connect('token=bdt_unknown').closed).toBe(4401);
    expect(await connect('ticket=nope').closed).toBe(4401);
  });

  it('pushes a call to its own branch display only, and a change to the ticket phone page', async () => {
    const display = connect(`token=${encodeURIComponent(displayToken)}`);
    const other = connect(`token=${encodeURIComponent(otherDisplayToken)}`);
    await display.until((m) => m.some((x) => x.type === 'ready'));
    await other.until((m) => m.some((x) => x.type === 'ready'));
    const issued = await api(
      'POST',
      '/branch/device/tickets',
      null,
      { serviceId },
      { 'x-device-token': kioskToken },
    );
    const phone = connect(`ticket=${String(issued.trackPath).slice(3)}`);
    await phone.until((m) => m.some((x) => x.type === 'ready'));
    await api('POST', `/branch/counters/${counterId}/open`, teller);
    await api('POST', `/branch/counters/${counterId}/call-next`, teller, {});
    await display.until((m) => m.some((x) => x.type === 'ticket.called'));
    expect(display.messages.find((x) => x.type === 'ticket.called')?.data).toMatchObject({
      number: 'A001',
      counterNumber: 4,
    });
    await phone.until((m) => m.some((x) => x.type === 'changed' && x.own === true));
    expect(phone.messages.every((x) => x.data === undefined)).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(other.messages.filter((x) => x.type !== 'ready')).toEqual([]);
    for (const s of [display, other, phone]) s.socket.close();
  });

  it('serves the board state from the database, which a reconnecting board reads', async () => {
    const state = await api('GET', '/branch/device/display', null, undefined, {
      'x-device-token': displayToken,
    });
    expect(state.calls).toMatchObject([{ number: 'A001', counterNumber: 4 }]);
  });
});

describe('rate limits', () => {
  it('limits a device to 120 requests a minute and the public pages to 60 per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 125; i++) {
      const res = await ctx.app.http.inject({
        method: 'GET',
        url: '/api/v1/branch/device/display',
        headers: { 'x-device-token': displayToken },
      });
      statuses.push(res.statusCode);
    }
    // The test above already spent one of this display's 120.
    expect(statuses.filter((s) => s === 200)).toHaveLength(119);
    expect(statuses.slice(119)).toEqual([429, 429, 429, 429, 429, 429]);
    // Another device of the same branch, behind the same address, still works.
    const kiosk = await ctx.app.http.inject({
      method: 'GET',
      url: '/api/v1/branch/device/kiosk',
      headers: { 'x-device-token': kioskToken },
    });
    expect(kiosk.statusCode).toBe(200);
    const publicStatuses: number[] = [];
    for (let i = 0; i < 62; i++) {
      const res = await ctx.app.http.inject({
        method: 'GET',
        url: '/api/v1/branch/public/tickets/guess',
        remoteAddress: '10.1.2.3',
      });
      publicStatuses.push(res.statusCode);
    }
    expect(publicStatuses.slice(0, 60).every((s) => s === 404)).toBe(true);
    expect(publicStatuses.slice(60)).toEqual([429, 429]);
    expect(
      (
        await ctx.app.http.inject({
          method: 'GET',
          url: '/api/v1/branch/public/tickets/guess',
          remoteAddress: '10.1.2.3',
        })
      ).json(),
    ).toMatchObject({
      error: { code: 'RATE_LIMITED' },
    });
  });
});
