import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestContext, type Session, signInAs, type TestContext } from '../../../test/harness.ts';

// Admin · Case settings: editing and deleting SLA policies and custom fields, business calendars' weekly hours.
let ctx: TestContext;
let admin: Session;
let agent: Session;
let supervisor: Session;

const call = async (session: Session | null, method: string, url: string, payload?: unknown, lang = 'en') =>
  ctx.app.http.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    payload: payload as object,
    headers: { ...(session ? as(session) : {}), 'accept-language': lang },
  });

const audits = async (targetId: string) =>
  (
    await ctx.pool.query('SELECT action, actor_id FROM audit_log WHERE target_id = $1 ORDER BY seq', [
      targetId,
    ])
  ).rows as Array<{ action: string; actor_id: string }>;

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2026-03-03T01:00:00Z'); // Tuesday 09:00 in Shanghai
  const dept = (
    await ctx.app.staff.createDepartment(null, {
      code: 'front',
      name: 'Contact center',
      kind: 'front_office',
    })
  ).id;
  const team = (await ctx.app.staff.createTeam(null, { name: 'Chat A', departmentId: dept })).id;
  admin = await signInAs(ctx, { username: 'set.admin', roles: ['admin'] });
  agent = await signInAs(ctx, {
    username: 'set.agent',
    roles: ['agent'],
    teamIds: [team],
    departmentId: dept,
  });
  supervisor = await signInAs(ctx, { username: 'set.super', roles: ['supervisor'], teamIds: [team] });
});
afterAll(async () => ctx?.close());

describe('SLA policies: edit and delete', () => {
  it('edits a policy with its version: new clocks use the new targets, running clocks keep theirs; a stale version gets 409', async () => {
    const created = await call(admin, 'POST', '/admin/case-sla-policies', {
      name: 'Incidents',
      caseType: 'incident',
      calendarCode: 'CN',
      firstResponseMinutes: 60,
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const before = (await call(agent, 'POST', '/cases', { type: 'incident', subject: 'App down' })).json();

    const edited = await call(admin, 'PATCH', `/admin/case-sla-policies/${id}`, {
      version: 1,
      name: 'Incidents (fast)',
      caseType: 'incident',
      calendarCode: 'CN',
      firstResponseMinutes: 30,
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ name: 'Incidents (fast)', firstResponseMinutes: 30, version: 2 });
    const row = (await ctx.pool.query('SELECT * FROM case_sla_policies WHERE id = $1', [id])).rows[0];
    expect(row).toMatchObject({
      name: 'Incidents (fast)',
      first_response_minutes: 30,
      version: 2,
      is_active: true,
    });

    const after = (await call(agent, 'POST', '/cases', { type: 'incident', subject: 'Still down' })).json();
    const budgets = await ctx.pool.query(
      `SELECT case_id, budget_minutes, due_at FROM case_sla_clocks WHERE case_id = ANY($1::uuid[]) AND kind = 'first_response'`,
      [[before.id, after.id]],
    );
    const byCase = new Map(budgets.rows.map((r) => [r.case_id, r]));
    expect(byCase.get(before.id)).toMatchObject({ budget_minutes: 60 });
    expect(new Date(byCase.get(before.id).due_at).toISOString()).toBe('2026-03-03T02:00:00.000Z');
    expect(byCase.get(after.id)).toMatchObject({ budget_minutes: 30 });
    expect(new Date(byCase.get(after.id).due_at).toISOString()).toBe('2026-03-03T01:30:00.000Z');

    const stale = await call(
      admin,
      'PATCH',
      `/admin/case-sla-policies/${id}`,
      { version: 1, name: 'Lost update', calendarCode: 'CN', firstResponseMinutes: 5 },
      'vi',
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'CASE_POLICY_VERSION_CONFLICT' });
    expect(stale.json().error.message).toContain('chính sách SLA');
    expect(
      (await ctx.pool.query('SELECT name FROM case_sla_policies WHERE id = $1', [id])).rows[0].name,
    ).toBe('Incidents (fast)');
    expect((await audits(id)).map((a) => [a.action, a.actor_id])).toEqual([
      ['cases.sla_policy_created', admin.userId],
      ['cases.sla_policy_updated', admin.userId],
    ]);
  });

  it('refuses invalid policies with clear codes in the user language', async () => {
    const id = (
      await call(admin, 'POST', '/admin/case-sla-policies', {
        name: 'Any',
        calendarCode: 'VN',
        resolutionMinutes: 600,
      })
    ).json().id;
    const noCalendar = await call(
      admin,
      'PATCH',
      `/admin/case-sla-policies/${id}`,
      { version: 1, name: 'Any', calendarCode: 'XX', resolutionMinutes: 600 },
      'zh-CN',
    );
    expect(noCalendar.statusCode).toBe(400);
    expect(noCalendar.json().error).toMatchObject({
      code: 'CASE_POLICY_INVALID',
      message: 'SLA 策略无效：calendar XX。',
    });
    const noTarget = await call(admin, 'POST', '/admin/case-sla-policies', {
      name: 'Empty',
      calendarCode: 'VN',
    });
    expect(noTarget.json().error).toMatchObject({ code: 'CASE_POLICY_INVALID' });
    const unknown = await call(admin, 'PATCH', `/admin/case-sla-policies/${randomUUID()}`, {
      version: 1,
      name: 'x',
      calendarCode: 'VN',
      resolutionMinutes: 1,
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('CASE_POLICY_NOT_FOUND');
    const noVersion = await call(admin, 'DELETE', `/admin/case-sla-policies/${id}`);
    expect(noVersion.json().error.code).toBe('VALIDATION_FAILED');
    expect(
      (await ctx.pool.query('SELECT version FROM case_sla_policies WHERE id = $1', [id])).rows[0].version,
    ).toBe(1);
  });

  it('deletes an unused policy; deactivates a used one, which new cases no longer get while old cases keep their clocks', async () => {
    const unused = (
      await call(admin, 'POST', '/admin/case-sla-policies', {
        name: 'Unused',
        caseType: 'internal_request',
        calendarCode: 'CN',
        resolutionMinutes: 60,
      })
    ).json().id;
    const gone = await call(admin, 'DELETE', `/admin/case-sla-policies/${unused}?version=1`);
    expect(gone.json()).toEqual({ outcome: 'deleted' });
    expect((await ctx.pool.query('SELECT 1 FROM case_sla_policies WHERE id = $1', [unused])).rowCount).toBe(
      0,
    );

    const used = (
      await call(admin, 'POST', '/admin/case-sla-policies', {
        name: 'Requests',
        caseType: 'service_request',
        calendarCode: 'CN',
        resolutionMinutes: 120,
      })
    ).json().id;
    const old = (
      await call(agent, 'POST', '/cases', { type: 'service_request', subject: 'New card' })
    ).json();
    expect((await call(admin, 'DELETE', `/admin/case-sla-policies/${used}?version=2`)).statusCode).toBe(409);
    const deactivated = await call(admin, 'DELETE', `/admin/case-sla-policies/${used}?version=1`);
    expect(deactivated.json()).toEqual({ outcome: 'deactivated' });
    const row = (
      await ctx.pool.query('SELECT is_active, version FROM case_sla_policies WHERE id = $1', [used])
    ).rows[0];
    expect(row).toEqual({ is_active: false, version: 2 });
    const fresh = (
      await call(agent, 'POST', '/cases', { type: 'service_request', subject: 'Another card' })
    ).json();
    const cases = await ctx.pool.query('SELECT id, sla_policy_id FROM cases WHERE id = ANY($1::uuid[])', [
      [old.id, fresh.id],
    ]);
    expect(cases.rows.find((r) => r.id === old.id)?.sla_policy_id).toBe(used);
    expect(cases.rows.find((r) => r.id === fresh.id)?.sla_policy_id).not.toBe(used);
    // The old case still reads fine, clock included.
    const detail = await call(agent, 'GET', `/cases/${old.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().clocks).toEqual([
      expect.objectContaining({ kind: 'resolution', budgetMinutes: 120 }),
    ]);
    // Listed as inactive; no longer editable or deletable.
    const listed = (await call(admin, 'GET', '/admin/case-sla-policies')).json().items;
    expect(listed.find((p: { id: string }) => p.id === used)).toMatchObject({ isActive: false, version: 2 });
    expect((await call(admin, 'DELETE', `/admin/case-sla-policies/${used}?version=2`)).statusCode).toBe(404);
    expect((await audits(used)).map((a) => a.action)).toEqual([
      'cases.sla_policy_created',
      'cases.sla_policy_deactivated',
    ]);
    expect((await audits(unused)).map((a) => a.action)).toEqual([
      'cases.sla_policy_created',
      'cases.sla_policy_deleted',
    ]);
  });

  it('lets only admins edit or delete: others 403, signed out 401', async () => {
    const id = (
      await call(admin, 'POST', '/admin/case-sla-policies', {
        name: 'P',
        calendarCode: 'VN',
        resolutionMinutes: 9,
      })
    ).json().id;
    const body = { version: 1, name: 'Hijack', calendarCode: 'VN', resolutionMinutes: 1 };
    for (const who of [agent, supervisor]) {
      expect((await call(who, 'PATCH', `/admin/case-sla-policies/${id}`, body)).statusCode).toBe(403);
      expect((await call(who, 'DELETE', `/admin/case-sla-policies/${id}?version=1`)).statusCode).toBe(403);
    }
    expect((await call(null, 'PATCH', `/admin/case-sla-policies/${id}`, body)).statusCode).toBe(401);
    expect((await call(null, 'DELETE', `/admin/case-sla-policies/${id}?version=1`)).statusCode).toBe(401);
    const row = (await ctx.pool.query('SELECT name, version FROM case_sla_policies WHERE id = $1', [id]))
      .rows[0];
    expect(row).toEqual({ name: 'P', version: 1 });
  });
});

describe('custom fields: edit and delete', () => {
  const labels = { en: 'Card', 'zh-CN': '卡', vi: 'Thẻ' };

  it('edits labels, options and required with the version; a stale version gets 409; kind and key stay', async () => {
    const f = (
      await call(admin, 'POST', '/admin/case-fields', {
        caseType: 'inquiry',
        key: 'card_kind',
        labels,
        kind: 'select',
        options: ['debit', 'credit'],
      })
    ).json();
    expect(f).toMatchObject({ version: 1, isActive: true });
    const edited = await call(admin, 'PATCH', `/admin/case-fields/${f.id}`, {
      version: 1,
      labels: { ...labels, en: 'Card type' },
      options: ['debit', 'credit', 'prepaid'],
      isRequired: true,
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({
      version: 2,
      isRequired: true,
      options: ['debit', 'credit', 'prepaid'],
    });
    const row = (await ctx.pool.query('SELECT * FROM case_field_definitions WHERE id = $1', [f.id])).rows[0];
    expect(row).toMatchObject({ version: 2, is_required: true, kind: 'select', key: 'card_kind' });
    expect(row.labels.en).toBe('Card type');
    // New cases are checked against the edited definition.
    const missing = await call(agent, 'POST', '/cases', { type: 'inquiry', subject: 'Q' });
    expect(missing.json().error).toMatchObject({ code: 'CASE_FIELD_INVALID' });
    const ok = await call(agent, 'POST', '/cases', {
      type: 'inquiry',
      subject: 'Q',
      customFields: { card_kind: 'prepaid' },
    });
    expect(ok.statusCode).toBe(201);

    const stale = await call(
      admin,
      'PATCH',
      `/admin/case-fields/${f.id}`,
      { version: 1, isRequired: false },
      'zh-CN',
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'CASE_FIELD_VERSION_CONFLICT' });
    expect(stale.json().error.message).toContain('自定义字段');
    const kindChange = await call(admin, 'PATCH', `/admin/case-fields/${f.id}`, { version: 2, kind: 'text' });
    expect(kindChange.json().error.code).toBe('VALIDATION_FAILED');
    const noOptions = await call(admin, 'PATCH', `/admin/case-fields/${f.id}`, { version: 2, options: [] });
    expect(noOptions.json().error).toMatchObject({ code: 'CASE_FIELD_DEFINITION_INVALID' });
    expect((await audits(f.id)).map((a) => a.action)).toEqual(['cases.field_defined', 'cases.field_updated']);
    // Turn it optional again for the other tests.
    await call(admin, 'PATCH', `/admin/case-fields/${f.id}`, { version: 2, isRequired: false });
  });

  it('refuses a duplicate key and a select without options', async () => {
    const body = { caseType: 'incident', key: 'system', labels, kind: 'text' };
    expect((await call(admin, 'POST', '/admin/case-fields', body)).statusCode).toBe(201);
    const dup = await call(admin, 'POST', '/admin/case-fields', body, 'vi');
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'CASE_FIELD_KEY_TAKEN' });
    const select = await call(admin, 'POST', '/admin/case-fields', { ...body, key: 'sys2', kind: 'select' });
    expect(select.json().error).toMatchObject({ code: 'CASE_FIELD_DEFINITION_INVALID' });
    expect(
      (
        await ctx.pool.query(
          `SELECT count(*)::int AS n FROM case_field_definitions WHERE case_type = 'incident'`,
        )
      ).rows[0].n,
    ).toBe(1);
  });

  it('deletes an unused field; deactivates a used one: new cases refuse it, old cases keep their value through edits', async () => {
    const unused = (
      await call(admin, 'POST', '/admin/case-fields', {
        caseType: 'complaint',
        key: 'unused',
        labels,
        kind: 'text',
      })
    ).json();
    expect((await call(admin, 'DELETE', `/admin/case-fields/${unused.id}?version=1`)).json()).toEqual({
      outcome: 'deleted',
    });
    expect(
      (await ctx.pool.query('SELECT 1 FROM case_field_definitions WHERE id = $1', [unused.id])).rowCount,
    ).toBe(0);

    const branch = (
      await call(admin, 'POST', '/admin/case-fields', {
        caseType: 'complaint',
        key: 'branch_code',
        labels,
        kind: 'text',
      })
    ).json();
    const other = (
      await call(admin, 'POST', '/admin/case-fields', {
        caseType: 'complaint',
        key: 'amount',
        labels,
        kind: 'number',
      })
    ).json();
    const old = (
      await call(agent, 'POST', '/cases', {
        type: 'complaint',
        subject: 'Fee',
        customFields: { branch_code: 'SH01', amount: 10 },
      })
    ).json();
    expect((await call(admin, 'DELETE', `/admin/case-fields/${branch.id}?version=1`)).json()).toEqual({
      outcome: 'deactivated',
    });
    expect(
      (
        await ctx.pool.query('SELECT is_active, version FROM case_field_definitions WHERE id = $1', [
          branch.id,
        ])
      ).rows[0],
    ).toEqual({ is_active: false, version: 2 });
    const refused = await call(agent, 'POST', '/cases', {
      type: 'complaint',
      subject: 'Fee',
      customFields: { branch_code: 'SH02' },
    });
    expect(refused.json().error).toMatchObject({ code: 'CASE_FIELD_INVALID' });
    // The old case is still edited as before; its value for the deactivated field stays.
    const detail = (await call(agent, 'GET', `/cases/${old.id}`)).json();
    const updated = await call(agent, 'PATCH', `/cases/${old.id}`, {
      version: detail.case.version,
      customFields: { branch_code: 'changed', amount: 12 },
    });
    expect(updated.json()).toMatchObject({ id: old.id });
    const stored = (await ctx.pool.query('SELECT custom_fields FROM cases WHERE id = $1', [old.id])).rows[0];
    expect(stored.custom_fields).toEqual({ branch_code: 'SH01', amount: 12 });
    // Listed as inactive (for its label on old cases); gone for edits.
    const listed = (await call(admin, 'GET', '/admin/case-fields')).json().items;
    expect(listed.find((f: { id: string }) => f.id === branch.id)).toMatchObject({ isActive: false });
    const patch = await call(admin, 'PATCH', `/admin/case-fields/${branch.id}`, {
      version: 2,
      isRequired: true,
    });
    expect(patch.statusCode).toBe(404);
    expect(patch.json().error.code).toBe('CASE_FIELD_NOT_FOUND');
    expect((await audits(branch.id)).map((a) => a.action)).toEqual([
      'cases.field_defined',
      'cases.field_deactivated',
    ]);
    expect(other.isActive).toBe(true);
  });

  it('lets only admins edit or delete: others 403, signed out 401', async () => {
    const f = (
      await call(admin, 'POST', '/admin/case-fields', {
        caseType: 'incident',
        key: 'sealed',
        labels,
        kind: 'text',
      })
    ).json();
    for (const who of [agent, supervisor]) {
      expect(
        (await call(who, 'PATCH', `/admin/case-fields/${f.id}`, { version: 1, isRequired: true })).statusCode,
      ).toBe(403);
      expect((await call(who, 'DELETE', `/admin/case-fields/${f.id}?version=1`)).statusCode).toBe(403);
    }
    expect((await call(null, 'PATCH', `/admin/case-fields/${f.id}`, { version: 1 })).statusCode).toBe(401);
    expect((await call(null, 'DELETE', `/admin/case-fields/${f.id}?version=1`)).statusCode).toBe(401);
    expect(
      (await ctx.pool.query('SELECT version FROM case_field_definitions WHERE id = $1', [f.id])).rows[0],
    ).toEqual({
      version: 1,
    });
  });
});

describe('business calendars: weekly hours and time zone', () => {
  it('an admin changes the working hours and zone; deadlines computed afterwards use them; bad hours are refused', async () => {
    const cn = (await call(admin, 'GET', '/admin/case-calendars'))
      .json()
      .items.find((c: { code: string }) => c.code === 'CN');
    const { seeded: _s, code: _c, ...body } = cn;
    // Tuesday 09:00–10:00 only, Wednesday 09:00–17:00, in Ho Chi Minh time (UTC+7).
    const weekly = { ...body.weekly, '2': [['09:00', '10:00']], '3': [['09:00', '17:00']] };
    const saved = await call(admin, 'PUT', '/admin/case-calendars/CN', {
      ...body,
      timeZone: 'Asia/Ho_Chi_Minh',
      weekly,
    });
    expect(saved.statusCode).toBe(200);
    const row = (await ctx.pool.query(`SELECT time_zone, weekly FROM case_calendars WHERE code = 'CN'`))
      .rows[0];
    expect(row).toEqual({ time_zone: 'Asia/Ho_Chi_Minh', weekly });
    const audit = await ctx.pool.query(
      `SELECT actor_id, details FROM audit_log WHERE action = 'cases.calendar_saved' ORDER BY seq DESC LIMIT 1`,
    );
    expect(audit.rows[0]).toEqual({ actor_id: admin.userId, details: { code: 'CN' } });

    await call(admin, 'POST', '/admin/case-sla-policies', {
      name: 'Hours test',
      caseType: 'internal_request',
      calendarCode: 'CN',
      resolutionMinutes: 90,
    });
    ctx.clock.set('2026-03-03T01:00:00Z'); // Tue 08:00 in Ho Chi Minh: opens 09:00, closes 10:00
    const c = (await call(agent, 'POST', '/cases', { type: 'internal_request', subject: 'Hours' })).json();
    const clock = (
      await ctx.pool.query(`SELECT due_at FROM case_sla_clocks WHERE case_id = $1 AND kind = 'resolution'`, [
        c.id,
      ])
    ).rows[0];
    // 60 minutes on Tuesday (09–10 local), the other 30 on Wednesday from 09:00 → Wed 09:30 local = 02:30Z.
    expect(new Date(clock.due_at).toISOString()).toBe('2026-03-04T02:30:00.000Z');

    const bad = await call(
      admin,
      'PUT',
      '/admin/case-calendars/CN',
      { ...body, weekly: { ...weekly, '1': [['09:00', '25:00']] } },
      'vi',
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({
      code: 'CASE_CALENDAR_INVALID',
      message: 'Lịch làm việc không hợp lệ: day 1: 09:00–25:00.',
    });
    const badDay = await call(admin, 'PUT', '/admin/case-calendars/CN', { ...body, weekly: { '7': [] } });
    expect(badDay.json().error).toMatchObject({
      code: 'CASE_CALENDAR_INVALID',
      message: 'The business calendar is not valid: day 7.',
    });
    expect(
      (await ctx.pool.query(`SELECT weekly FROM case_calendars WHERE code = 'CN'`)).rows[0].weekly,
    ).toEqual(weekly);
  });

  it('lets only admins change a calendar: others 403, signed out 401', async () => {
    const vn = (await call(admin, 'GET', '/admin/case-calendars'))
      .json()
      .items.find((c: { code: string }) => c.code === 'VN');
    const { seeded: _s, code: _c, ...body } = vn;
    const changed = { ...body, weekly: { '1': [['00:00', '24:00']] } };
    expect((await call(agent, 'PUT', '/admin/case-calendars/VN', changed)).statusCode).toBe(403);
    expect((await call(supervisor, 'PUT', '/admin/case-calendars/VN', changed)).statusCode).toBe(403);
    expect((await call(null, 'PUT', '/admin/case-calendars/VN', changed)).statusCode).toBe(401);
    expect((await ctx.pool.query(`SELECT 1 FROM case_calendars WHERE code = 'VN'`)).rowCount).toBe(0);
  });
});
