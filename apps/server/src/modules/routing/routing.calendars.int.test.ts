import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestContext, type Session, signInAs, type TestContext } from '../../../test/harness.ts';

let ctx: TestContext;
let admin: Session;
let supervisor: Session;
let agent: Session;

const call = (session: Session | null, method: string, url: string, payload?: unknown, lang = 'en') =>
  ctx.app.http.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    payload: payload as object,
    headers: { ...(session ? as(session) : {}), 'accept-language': lang },
  });

const OFFICE = {
  code: 'hn-office',
  name: 'Hanoi office',
  timeZone: 'Asia/Ho_Chi_Minh',
  weekly: {
    '1': [
      ['08:00', '12:00'],
      ['13:00', '17:30'],
    ],
    '2': [['08:00', '17:30']],
    '6': [['08:00', '12:00']],
  },
  holidays: [
    { date: '2026-04-30', name: 'Ngày Giải phóng miền Nam' },
    { date: '2026-02-13', name: 'Trước Tết', hours: [['08:00', '10:00']] },
  ],
};

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await signInAs(ctx, { username: 'cal.admin', roles: ['admin'] });
  supervisor = await signInAs(ctx, { username: 'cal.super', roles: ['supervisor'] });
  agent = await signInAs(ctx, { username: 'cal.agent', roles: ['agent'] });
});
afterAll(async () => ctx?.close());

describe('business hours administration', () => {
  it('creates, lists, reads and changes a calendar, audited', async () => {
    const created = await call(admin, 'POST', '/admin/calendars', OFFICE);
    expect(created.statusCode).toBe(201);
    const calendar = created.json();
    expect(calendar).toMatchObject({ ...OFFICE, queueIds: [] });
    expect(typeof calendar.openNow).toBe('boolean');

    const stored = await ctx.pool.query(
      'SELECT time_zone, weekly, holidays FROM routing_calendars WHERE id = $1',
      [calendar.id],
    );
    expect(stored.rows[0]).toEqual({
      time_zone: OFFICE.timeZone,
      weekly: OFFICE.weekly,
      holidays: OFFICE.holidays,
    });

    const patched = await call(admin, 'PATCH', `/admin/calendars/${calendar.id}`, {
      name: 'Hanoi back office',
      weekly: { '1': [['09:00', '17:00']] },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      name: 'Hanoi back office',
      weekly: { '1': [['09:00', '17:00']] },
      holidays: OFFICE.holidays,
    });

    const list = await call(supervisor, 'GET', '/admin/calendars');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((c: { code: string }) => c.code)).toContain('hn-office');
    expect((await call(admin, 'GET', `/admin/calendars/${calendar.id}`)).json().name).toBe(
      'Hanoi back office',
    );

    const audit = await ctx.pool.query(
      `SELECT action, actor_name, target_id, details FROM audit_log
        WHERE action IN ('routing.calendar_created', 'routing.calendar_updated') ORDER BY seq`,
    );
    expect(audit.rows).toEqual([
      {
        action: 'routing.calendar_created',
        actor_name: 'cal.admin',
        target_id: calendar.id,
        details: { code: 'hn-office', timeZone: 'Asia/Ho_Chi_Minh' },
      },
      {
        action: 'routing.calendar_updated',
        actor_name: 'cal.admin',
        target_id: calendar.id,
        details: { changed: ['name', 'weekly'] },
      },
    ]);
  });

  it('refuses a duplicate code, and names each invalid field (localized) without storing anything', async () => {
    expect((await call(admin, 'POST', '/admin/calendars', OFFICE)).json().error.code).toBe(
      'ROUTING_CALENDAR_CODE_TAKEN',
    );
    const before = await ctx.pool.query('SELECT count(*)::int AS n FROM routing_calendars');
    const bad = await call(
      admin,
      'POST',
      '/admin/calendars',
      {
        code: 'broken',
        name: 'Broken',
        timeZone: 'Asia/Hanoi',
        weekly: {
          '1': [['17:00', '08:00']],
          '2': [
            ['08:00', '12:00'],
            ['11:00', '13:00'],
          ],
          '3': [['8:00', '25:00']],
        },
        holidays: [
          { date: '2026-02-30', name: 'No such day' },
          { date: '2026-05-01', name: 'Labour Day' },
          { date: '2026-05-01', name: 'Labour Day again' },
        ],
      },
      'vi',
    );
    expect(bad.statusCode).toBe(400);
    const error = bad.json().error;
    expect(error.code).toBe('ROUTING_CALENDAR_INVALID');
    expect(error.message).toMatch(/^Lịch làm việc không hợp lệ: /);
    expect(error.details.problems.map((p: { field: string }) => p.field)).toEqual([
      'timeZone',
      'weekly.1',
      'weekly.2',
      'weekly.3',
      'holidays.0',
      'holidays.2',
    ]);
    const after = await ctx.pool.query('SELECT count(*)::int AS n FROM routing_calendars');
    expect(after.rows[0].n).toBe(before.rows[0].n);

    const { id } = (await call(admin, 'GET', '/admin/calendars')).json().items[0];
    const badPatch = await call(admin, 'PATCH', `/admin/calendars/${id}`, {
      holidays: [{ date: '2026-13-01', name: 'x' }],
    });
    expect(badPatch.json().error.details.problems).toEqual([
      { field: 'holidays.0', problem: 'holiday 2026-13-01' },
    ]);
    expect((await call(admin, 'GET', `/admin/calendars/${id}`)).json().holidays).toHaveLength(2);
    expect(
      (await call(admin, 'PATCH', `/admin/calendars/${crypto.randomUUID()}`, { name: 'x' })).json().error
        .code,
    ).toBe('ROUTING_CALENDAR_NOT_FOUND');
    expect((await call(admin, 'POST', '/admin/calendars', { ...OFFICE, code: 'Bad Code' })).statusCode).toBe(
      400,
    );
  });

  it('says whether the calendar is open now (fake clock) or at a given instant, in its time zone', async () => {
    const { id } = (
      await call(admin, 'POST', '/admin/calendars', {
        ...OFFICE,
        code: 'status-office',
        name: 'Status office',
      })
    ).json();
    // Monday 2 March 2026, 09:30 in Hanoi (UTC+7).
    ctx.clock.set('2026-03-02T02:30:00Z');
    expect((await call(admin, 'GET', `/admin/calendars/${id}/status`)).json()).toEqual({
      open: true,
      at: '2026-03-02T02:30:00.000Z',
    });
    expect(
      (await call(admin, 'GET', '/admin/calendars')).json().items.find((c: { id: string }) => c.id === id),
    ).toMatchObject({ openNow: true });
    // 12:30 local: the lunch break.
    ctx.clock.set('2026-03-02T05:30:00Z');
    expect((await call(admin, 'GET', `/admin/calendars/${id}/status`)).json().open).toBe(false);
    // A holiday on a Thursday, and the shorter hours of a Friday before Tết.
    const at = (iso: string) =>
      call(supervisor, 'GET', `/admin/calendars/${id}/status?at=${encodeURIComponent(iso)}`);
    expect((await at('2026-04-30T03:00:00Z')).json()).toEqual({
      open: false,
      at: '2026-04-30T03:00:00.000Z',
    });
    expect((await at('2026-02-13T02:00:00Z')).json().open).toBe(true);
    expect((await at('2026-02-13T04:00:00Z')).json().open).toBe(false);
    // Sunday: no hours.
    expect((await at('2026-03-01T03:00:00Z')).json().open).toBe(false);
    expect((await call(admin, 'GET', `/admin/calendars/${crypto.randomUUID()}/status`)).statusCode).toBe(404);
    expect((await call(admin, 'GET', `/admin/calendars/${id}/status?at=yesterday`)).statusCode).toBe(400);
  });

  it('lets supervisors read but not change calendars, agents neither, anonymous callers nothing', async () => {
    const { id } = (await call(admin, 'GET', '/admin/calendars')).json().items[0];
    const writes = [
      ['POST', '/admin/calendars', { ...OFFICE, code: 'sneaky' }],
      ['PATCH', `/admin/calendars/${id}`, { name: 'Sneaky' }],
    ] as const;
    for (const [method, url, body] of writes) {
      expect((await call(supervisor, method, url, body)).statusCode).toBe(403);
      expect((await call(agent, method, url, body)).statusCode).toBe(403);
      expect((await call(null, method, url, body)).statusCode).toBe(401);
    }
    for (const url of ['/admin/calendars', `/admin/calendars/${id}`, `/admin/calendars/${id}/status`]) {
      expect((await call(agent, 'GET', url)).statusCode).toBe(403);
      expect((await call(null, 'GET', url)).statusCode).toBe(401);
    }
    const names = await ctx.pool.query(
      "SELECT count(*)::int AS n FROM routing_calendars WHERE name = 'Sneaky' OR code = 'sneaky'",
    );
    expect(names.rows[0].n).toBe(0);
  });
});

describe('a queue follows a calendar', () => {
  it('stores calendarId on create and update, clears it with null, and refuses an unknown one', async () => {
    const { id: calendarId } = (await call(admin, 'GET', '/admin/calendars')).json().items[0];
    const created = await call(admin, 'POST', '/admin/queues', {
      code: 'email_office',
      name: 'Email (office hours)',
      channels: ['email'],
      calendarId,
    });
    expect(created.statusCode).toBe(201);
    const queue = created.json();
    expect(queue.calendarId).toBe(calendarId);
    const calendar = (await call(admin, 'GET', `/admin/calendars/${calendarId}`)).json();
    expect(calendar.queueIds).toEqual([queue.id]);

    const cleared = await call(admin, 'PATCH', `/admin/queues/${queue.id}`, { calendarId: null });
    expect(cleared.json().calendarId).toBeNull();
    const stored = await ctx.pool.query('SELECT calendar_id FROM routing_queues WHERE id = $1', [queue.id]);
    expect(stored.rows[0].calendar_id).toBeNull();
    expect((await call(admin, 'PATCH', `/admin/queues/${queue.id}`, { calendarId })).json().calendarId).toBe(
      calendarId,
    );

    const unknown = crypto.randomUUID();
    const refused = await call(admin, 'PATCH', `/admin/queues/${queue.id}`, { calendarId: unknown });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('ROUTING_CALENDAR_NOT_FOUND');
    const refusedCreate = await call(admin, 'POST', '/admin/queues', {
      code: 'email_nowhere',
      name: 'Nowhere',
      channels: ['email'],
      calendarId: unknown,
    });
    expect(refusedCreate.json().error.code).toBe('ROUTING_CALENDAR_NOT_FOUND');
    const count = await ctx.pool.query(
      "SELECT count(*)::int AS n FROM routing_queues WHERE code = 'email_nowhere'",
    );
    expect(count.rows[0].n).toBe(0);
    const still = await ctx.pool.query('SELECT calendar_id FROM routing_queues WHERE id = $1', [queue.id]);
    expect(still.rows[0].calendar_id).toBe(calendarId);
  });
});

describe('deleting business hours', () => {
  it('refuses while a queue follows them (naming the queue, localized), then deletes, audited', async () => {
    const created = await call(admin, 'POST', '/admin/calendars', {
      ...OFFICE,
      code: 'to-go',
      name: 'To go',
    });
    const calendarId = created.json().id as string;
    const queue = (
      await call(admin, 'POST', '/admin/queues', {
        code: 'chat_to_go',
        name: 'Chat to go',
        channels: ['chat'],
        calendarId,
      })
    ).json();

    expect((await call(supervisor, 'DELETE', `/admin/calendars/${calendarId}`)).statusCode).toBe(403);
    expect((await call(null, 'DELETE', `/admin/calendars/${calendarId}`)).statusCode).toBe(401);
    const inUse = await call(admin, 'DELETE', `/admin/calendars/${calendarId}`, undefined, 'vi');
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().error.code).toBe('ROUTING_CALENDAR_IN_USE');
    expect(inUse.json().error.message).toContain('chat_to_go');
    expect(inUse.json().error.message).toContain('Hàng đợi');

    await call(admin, 'PATCH', `/admin/queues/${queue.id}`, { calendarId: null });
    expect((await call(admin, 'DELETE', `/admin/calendars/${calendarId}`)).statusCode).toBe(204);
    expect((await call(admin, 'GET', `/admin/calendars/${calendarId}`)).statusCode).toBe(404);
    expect((await call(admin, 'DELETE', `/admin/calendars/${calendarId}`)).statusCode).toBe(404);
    const audited = await ctx.pool.query(
      "SELECT details FROM audit_log WHERE action = 'routing.calendar_deleted' AND target_id = $1",
      [calendarId],
    );
    expect(audited.rows).toHaveLength(1);
    expect(audited.rows[0].details.code).toBe('to-go');
  });
});
