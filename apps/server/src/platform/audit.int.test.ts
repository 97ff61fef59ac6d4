import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestContext, type Session, signInAs, type TestContext } from '../../test/harness.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../../../..');

let ctx: TestContext;
let auditor: Session;
let admin: Session;
let agent: Session;

beforeAll(async () => {
  ctx = await createTestContext();
  auditor = await signInAs(ctx, { username: 'aud', roles: ['auditor'] });
  admin = await signInAs(ctx, { username: 'adm', roles: ['admin'] });
  agent = await signInAs(ctx, { username: 'agt', roles: ['agent'] });
});
afterAll(async () => ctx?.close());

const get = (session: Session, url: string) =>
  ctx.app.http.inject({ url: `/api/v1${url}`, headers: { cookie: session.cookie } });
/** Tampering needs the append-only trigger out of the way, as a DBA with superuser rights could. */
const tamper = async (statement: string) => {
  await ctx.pool.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete');
  await ctx.pool.query(statement);
  await ctx.pool.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete');
};

describe('audit log', () => {
  it('chains every row to the previous one', async () => {
    const { rows } = await ctx.pool.query('SELECT seq, prev_hash, hash FROM audit_log ORDER BY seq');
    expect(rows.length).toBeGreaterThanOrEqual(6);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
  });

  it('refuses UPDATE and DELETE at the database', async () => {
    await expect(ctx.pool.query("UPDATE audit_log SET action = 'x' WHERE seq = 1")).rejects.toThrow(
      /append-only/,
    );
    await expect(ctx.pool.query('DELETE FROM audit_log WHERE seq = 1')).rejects.toThrow(/append-only/);
  });

  it('lists with filters and pages for the auditor; agents are refused', async () => {
    const page = await get(auditor, '/audit?limit=2');
    expect(page.statusCode).toBe(200);
    expect(page.json().items).toHaveLength(2);
    const next = await get(auditor, `/audit?limit=2&before=${page.json().nextBefore}`);
    expect(next.json().items[0].seq).toBeLessThan(page.json().items[1].seq);
    const logins = await get(auditor, '/audit?action=auth.login');
    expect(
      logins
        .json()
        .items.map((i: { actorName: string }) => i.actorName)
        .sort(),
    ).toEqual(['adm', 'agt', 'aud']);
    expect((await get(auditor, '/audit/actions')).json().items).toContain('auth.login');
    expect((await get(agent, '/audit')).statusCode).toBe(403);
    expect((await get(admin, '/audit')).statusCode).toBe(200);
  });

  it('exports CSV with formula injection neutralised, and audits the export', async () => {
    // The API refuses such a username; the service (CLI, integrations) is where one could slip in.
    await signInAs(ctx, { username: '=cmd|calc', roles: ['agent'] });
    const csv = await get(auditor, '/audit/export.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\n')[0]).toContain('seq,at,actor,action');
    expect(csv.body).not.toMatch(/(^|,)"=/m);
    expect(csv.body).toContain("'=cmd|calc");
    const { rows } = await ctx.pool.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'audit.exported'",
    );
    expect(rows[0].n).toBe(1);
    expect((await get(agent, '/audit/export.csv')).statusCode).toBe(403);
  });

  it('verifies an intact chain, then finds an edited row and a deleted row', async () => {
    const ok = await ctx.app.http.inject({
      method: 'POST',
      url: '/api/v1/audit/verify',
      headers: as(auditor),
    });
    expect(ok.json()).toMatchObject({ ok: true, brokenAtSeq: null });
    expect(
      (await ctx.app.http.inject({ method: 'POST', url: '/api/v1/audit/verify', headers: as(agent) }))
        .statusCode,
    ).toBe(403);

    await tamper('UPDATE audit_log SET details = \'{"reason":"nothing to see"}\' WHERE seq = 3');
    expect(await ctx.app.audit.verify()).toMatchObject({ ok: false, brokenAtSeq: 3, reason: 'edited' });
  });

  it('`banyan audit verify` exits 0 on an intact chain and 1 on a broken one', async () => {
    const fresh = await createTestContext();
    try {
      await signInAs(fresh, { username: 'cli.user', roles: ['agent'] });
      const env = { ...process.env, DATABASE_URL: fresh.url, LOG_LEVEL: 'error' };
      const good = await run(process.execPath, [path.join(ROOT, 'bin/banyan.mjs'), 'audit', 'verify'], {
        env,
      });
      expect(good.stdout).toMatch(/audit chain intact: \d+ rows verified/);
      await fresh.pool.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete');
      await fresh.pool.query('DELETE FROM audit_log WHERE seq = 1');
      const bad = await run(process.execPath, [path.join(ROOT, 'bin/banyan.mjs'), 'audit', 'verify'], {
        env,
      }).catch((e) => e);
      expect(bad.code).toBe(1);
      expect(bad.stdout).toMatch(/AUDIT CHAIN BROKEN at seq 1 \(deleted\)/);
    } finally {
      await fresh.close();
    }
  }, 90_000); // two CLI runs, each loading the whole app: slow on a busy CI machine

  it('detects a deleted newest row through the chain head', async () => {
    const fresh = await createTestContext();
    try {
      await signInAs(fresh, { username: 'tail.user', roles: ['agent'] });
      await signInAs(fresh, { username: 'tail.user2', roles: ['agent'] });
      expect((await fresh.app.audit.verify()).ok).toBe(true);
      await fresh.pool.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete');
      await fresh.pool.query('DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)');
      expect(await fresh.app.audit.verify()).toMatchObject({ ok: false, reason: 'head_mismatch' });
    } finally {
      await fresh.close();
    }
  });
});
