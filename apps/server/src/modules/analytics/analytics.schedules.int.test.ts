// Scheduled reports: a supervisor saves a report's filters with a schedule; the job renders the
// last period as PDF and queues it to each recipient; "send now"; last runs; who may do what.
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  as,
  createTestContext,
  login,
  type Session,
  signInAs,
  type TestContext,
} from '../../../test/harness.ts';
import { simulateHistory } from './analytics.history.ts';
import { lastPeriod, nextRunAfter } from './analytics.schedules.ts';

let ctx: TestContext;
let lead: Session;
let otherLead: Session;
let analyst: Session;
let agent: Session;
let teamId: string;
let otherTeamId: string;
let queueId: string;

type Json = Record<string, unknown> & { error?: { code: string; message: string } };
const api = async (
  method: string,
  url: string,
  session?: Session | null,
  payload?: unknown,
  lang?: string,
) => {
  const res = await ctx.app.http.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    headers: { ...(session ? as(session) : {}), ...(lang ? { 'accept-language': lang } : {}) },
    ...(payload !== undefined ? { payload: payload as Json } : {}),
  });
  return { status: res.statusCode, body: (res.body ? res.json() : null) as Json };
};

beforeAll(async () => {
  ctx = await createTestContext();
  teamId = (await ctx.app.staff.createTeam(null, { name: 'Cards' })).id;
  otherTeamId = (await ctx.app.staff.createTeam(null, { name: 'Loans' })).id;
  lead = await signInAs(ctx, { username: 'sr.lead', roles: ['supervisor'], teamIds: [teamId] });
  otherLead = await signInAs(ctx, { username: 'sr.other', roles: ['supervisor'], teamIds: [otherTeamId] });
  analyst = await signInAs(ctx, { username: 'sr.analyst', roles: ['quality_analyst'] });
  agent = await signInAs(ctx, { username: 'sr.agent', roles: ['agent'], teamIds: [teamId] });
  queueId = crypto.randomUUID();
  await ctx.pool.query(
    `INSERT INTO routing_queues (id, code, name, channels) VALUES ($1, 'sr_cards', '信用卡', '{chat}')`,
    [queueId],
  );
  await simulateHistory(ctx.pool, {
    days: 10,
    contactsPerDay: 150,
    utcOffsetHours: 7,
    incidentDays: 2,
    seed: 3,
    now: ctx.clock.now(),
  });
});
afterAll(async () => ctx?.close());

const schedule = (over: Record<string, unknown> = {}) => ({
  name: 'Daily chat',
  filters: {},
  period: 'daily',
  recipients: ['ops@bank.example', 'Head@Bank.example'],
  language: 'zh-CN',
  timeZone: 'Asia/Ho_Chi_Minh',
  ...over,
});

describe('report periods', () => {
  it('are the last complete day, ISO week and month in the zone, sent at 06:00 local after them', () => {
    // Wednesday 2026-03-04 10:00 in Ho Chi Minh (03:00 UTC).
    const at = new Date('2026-03-04T03:00:00Z');
    const tz = 'Asia/Ho_Chi_Minh';
    expect(lastPeriod('daily', at, tz)).toEqual({
      from: new Date('2026-03-02T17:00:00Z'),
      to: new Date('2026-03-03T17:00:00Z'),
    });
    expect(lastPeriod('weekly', at, tz)).toEqual({
      from: new Date('2026-02-22T17:00:00Z'),
      to: new Date('2026-03-01T17:00:00Z'),
    });
    expect(lastPeriod('monthly', at, tz)).toEqual({
      from: new Date('2026-01-31T17:00:00Z'),
      to: new Date('2026-02-28T17:00:00Z'),
    });
    expect(nextRunAfter('daily', at, tz)).toEqual(new Date('2026-03-04T23:00:00Z'));
    expect(nextRunAfter('weekly', at, tz)).toEqual(new Date('2026-03-08T23:00:00Z'));
    expect(nextRunAfter('monthly', at, tz)).toEqual(new Date('2026-03-31T23:00:00Z'));
    // Just before 06:00 local on a Monday, the weekly run is today.
    expect(nextRunAfter('weekly', new Date('2026-03-08T22:59:00Z'), tz)).toEqual(
      new Date('2026-03-08T23:00:00Z'),
    );
  });
});

describe('scheduled reports', () => {
  let id: string;

  it('are saved by a supervisor for one of their teams, audited', async () => {
    const res = await api('POST', '/analytics/schedules', lead, schedule({ filters: { teamId, queueId } }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Daily chat',
      period: 'daily',
      recipients: ['ops@bank.example', 'head@bank.example'],
      teamId,
      lastRuns: [],
    });
    id = res.body.id as string;
    const row = await ctx.pool.query(
      'SELECT owner_id, next_run_at FROM analytics_report_schedules WHERE id = $1',
      [id],
    );
    expect(row.rows[0].owner_id).toBe(lead.userId);
    expect(new Date(row.rows[0].next_run_at).getTime()).toBeGreaterThan(ctx.clock.now().getTime());
    const audit = await ctx.pool.query(
      `SELECT actor_id FROM audit_log WHERE action = 'analytics.schedule_created'`,
    );
    expect(audit.rows.map((r) => r.actor_id)).toContain(lead.userId);
  });

  it('refuse bad input with a clear error in the user’s language, storing nothing', async () => {
    const count = async () =>
      Number((await ctx.pool.query('SELECT count(*) FROM analytics_report_schedules')).rows[0].count);
    const before = await count();
    const bad = await api(
      'POST',
      '/analytics/schedules',
      analyst,
      schedule({ recipients: ['ops@bank.example', 'not-an-address'] }),
      'vi',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error?.code).toBe('ANALYTICS_INVALID_RECIPIENT');
    expect(bad.body.error?.message).toContain('không phải là địa chỉ email');
    const zone = await api('POST', '/analytics/schedules', analyst, schedule({ timeZone: 'Mars/Base' }));
    expect(zone.body.error?.code).toBe('STAFF_INVALID_TIME_ZONE');
    const period = await api('POST', '/analytics/schedules', analyst, schedule({ period: 'hourly' }));
    expect(period.status).toBe(400);
    expect(period.body.error?.code).toBe('VALIDATION_FAILED');
    const none = await api('POST', '/analytics/schedules', analyst, schedule({ recipients: [] }));
    expect(none.status).toBe(400);
    expect(await count()).toBe(before);
  });

  it('are refused to a team supervisor without their team, to other teams and to agents', async () => {
    const noTeam = await api('POST', '/analytics/schedules', lead, schedule(), 'zh-CN');
    expect(noTeam.status).toBe(403);
    expect(noTeam.body.error?.code).toBe('ANALYTICS_SCHEDULE_TEAM_REQUIRED');
    expect(noTeam.body.error?.message).toContain('团队');
    const other = await api(
      'POST',
      '/analytics/schedules',
      lead,
      schedule({ filters: { teamId: otherTeamId } }),
    );
    expect(other.status).toBe(403);
    expect((await api('POST', '/analytics/schedules', agent, schedule())).status).toBe(403);
    expect((await api('GET', '/analytics/schedules', agent)).status).toBe(403);
    expect((await api('GET', '/analytics/schedules', null)).status).toBe(401);
    // Another team's supervisor neither lists, reads, sends nor deletes it.
    expect((await api('GET', '/analytics/schedules', otherLead)).body.items).toEqual([]);
    expect((await api('GET', `/analytics/schedules/${id}`, otherLead)).status).toBe(404);
    expect((await api('POST', `/analytics/schedules/${id}/send`, otherLead)).status).toBe(404);
    expect((await api('DELETE', `/analytics/schedules/${id}`, otherLead)).status).toBe(404);
    // An analyst (every team) sees it.
    expect((await api('GET', '/analytics/schedules', analyst)).body.items).toHaveLength(1);
  });

  it('send now: the PDF (vector charts, Chinese) is queued to each recipient and reaches the mailbox', async () => {
    const res = await api('POST', `/analytics/schedules/${id}/send`, lead);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ trigger: 'manual', status: 'queued', recipients: 2 });
    const queued = await ctx.pool.query(
      `SELECT recipient, email, template_key, status FROM notifications WHERE idempotency_key LIKE $1 ORDER BY recipient`,
      [`report:${res.body.id}:%`],
    );
    expect(queued.rows.map((r) => r.recipient)).toEqual(['head@bank.example', 'ops@bank.example']);
    const email = queued.rows[0].email;
    expect(queued.rows[0].template_key).toBe('scheduled_report');
    expect(email.subject).toContain('Daily chat');
    expect(email.attachments).toHaveLength(1);
    expect(email.attachments[0]).toMatchObject({ contentType: 'application/pdf' });
    const pdf = Buffer.from(email.attachments[0].contentBase64, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getTitle()).toBe('Daily chat');
    // Charts are drawn, not pasted: no image objects in the file.
    expect(pdf.toString('latin1')).not.toContain('/Subtype /Image');
    expect(res.body.pdfBytes).toBe(pdf.length);

    await ctx.app.notifications.processDue();
    const mail = await ctx.pool.query(
      `SELECT to_addresses, raw FROM mailbox_messages WHERE subject LIKE 'Daily chat%' ORDER BY created_at`,
    );
    expect(mail.rows).toHaveLength(2);
    expect(mail.rows[0].raw).toContain('Content-Type: application/pdf');
    // The run is listed with its status.
    const got = await api('GET', `/analytics/schedules/${id}`, lead);
    expect(got.body.lastRuns).toMatchObject([{ id: res.body.id, status: 'queued', trigger: 'manual' }]);
  });

  it('the job sends each due schedule once and moves it to its next time', async () => {
    const before = (
      await ctx.pool.query('SELECT next_run_at FROM analytics_report_schedules WHERE id = $1', [id])
    ).rows[0].next_run_at as Date;
    expect(await ctx.app.reportSchedules.runDue()).toBe(0);
    ctx.clock.set(new Date(new Date(before).getTime() + 60_000));
    expect(await ctx.app.reportSchedules.runDue()).toBe(1);
    expect(await ctx.app.reportSchedules.runDue()).toBe(0);
    const after = (
      await ctx.pool.query('SELECT next_run_at FROM analytics_report_schedules WHERE id = $1', [id])
    ).rows[0].next_run_at as Date;
    expect(new Date(after).getTime() - new Date(before).getTime()).toBe(86_400_000);
    const runs = await ctx.pool.query(
      `SELECT trigger, status, recipients FROM analytics_report_runs WHERE schedule_id = $1 ORDER BY created_at`,
      [id],
    );
    expect(runs.rows).toEqual([
      { trigger: 'manual', status: 'queued', recipients: 2 },
      { trigger: 'schedule', status: 'queued', recipients: 2 },
    ]);
  });

  it('are deleted by their owner with their runs', async () => {
    // A day has passed on the fake clock: a fresh sign-in.
    lead = await login(ctx, 'sr.lead', 'Correct-Horse-9', lead.userId);
    expect((await api('DELETE', `/analytics/schedules/${id}`, lead)).status).toBe(204);
    expect((await api('GET', `/analytics/schedules/${id}`, lead)).status).toBe(404);
    const runs = await ctx.pool.query('SELECT 1 FROM analytics_report_runs WHERE schedule_id = $1', [id]);
    expect(runs.rows).toEqual([]);
  });
});
