import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import pg from 'pg';
import { inject } from 'vitest';
import { type BanyanApp, buildApp } from '../src/app.ts';
import { type Config, loadConfig } from '../src/config.ts';
import { createFakeClock } from '../src/platform/clock.ts';
import { createPool } from '../src/platform/db.ts';
import { createLogger } from '../src/platform/logger.ts';

const TEMPLATE_DB = 'banyan_test_template';

/** A fresh database cloned from the migrated template, for one test file. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const baseUrl = inject('pgBaseUrl');
  const name = `banyan_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: `${baseUrl}/postgres` });
  await admin.connect();
  // CREATE DATABASE … TEMPLATE needs the template idle; retry briefly when a sibling file clones it.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
      break;
    } catch (error) {
      if (attempt > 50 || !String((error as Error).message).includes('being accessed')) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await admin.end();
  return {
    url: `${baseUrl}/${name}`,
    drop: async () => {
      const client = new pg.Client({ connectionString: `${baseUrl}/postgres` });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export interface TestContext {
  app: BanyanApp;
  pool: pg.Pool;
  url: string;
  clock: ReturnType<typeof createFakeClock>;
  logs: string[];
  close(): Promise<void>;
}

/** The whole app on a fresh database, with a fake clock and cheap argon2 parameters. */
export async function createTestContext(overrides: Partial<Config> = {}): Promise<TestContext> {
  const database = await createTestDatabase();
  const pool = createPool(database.url, 10);
  const clock = createFakeClock(new Date());
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const config = loadConfig(
    {},
    {
      databaseUrl: database.url,
      demoMode: false,
      requireAdminMfa: false,
      argon2MemoryKiB: 1024,
      argon2TimeCost: 1,
      runWorkers: false,
      webDistDir: '/nonexistent',
      ...overrides,
    },
  );
  const app = await buildApp({ config, pool, log: createLogger({ level: 'info', destination }), clock });
  await app.http.ready();
  return {
    app,
    pool,
    url: database.url,
    clock,
    logs,
    async close() {
      await app.stop();
      await pool.end();
      await database.drop();
    },
  };
}

export interface Session {
  cookie: string;
  csrf: string;
  userId: string;
}

/** Creates a user through the service (system actor) and signs them in through the API. */
export async function signInAs(
  ctx: TestContext,
  input: {
    username: string;
    roles: string[];
    teamIds?: string[];
    branchId?: string | null;
    departmentId?: string | null;
  },
  password = 'Correct-Horse-9',
): Promise<Session> {
  const user = await ctx.app.staff.createUser(null, {
    username: input.username,
    displayName: input.username,
    password,
    roles: input.roles,
    teamIds: input.teamIds,
    branchId: input.branchId,
    departmentId: input.departmentId,
  });
  return login(ctx, input.username, password, user.id);
}

export async function login(
  ctx: TestContext,
  username: string,
  password: string,
  userId = '',
): Promise<Session> {
  const res = await ctx.app.http.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
    remoteAddress: `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
  });
  if (res.statusCode !== 200)
    throw new Error(`login failed: ${res.statusCode} ${res.body}\n${ctx.logs.slice(-3).join('')}`);
  const setCookie = String(res.headers['set-cookie']);
  const cookie = (setCookie.split(';')[0] as string).trim();
  const body = res.json() as { csrfToken: string; user: { id: string } };
  return { cookie, csrf: body.csrfToken, userId: userId || body.user.id };
}

/** Headers for a signed-in request (cookie + CSRF token). */
export const as = (session: Session, extra: Record<string, string> = {}) => ({
  cookie: session.cookie,
  'x-csrf-token': session.csrf,
  ...extra,
});

/**
 * Waits until every event in this database's outbox is older than the oldest open transaction, so
 * that commit-safe readers (decision 0003) see them all. Transaction ids are cluster-wide: an open
 * transaction of a test file running beside this one, in its own database, holds them back too.
 */
export async function eventsVisible(pool: pg.Pool, timeoutMs = 15_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const { rows } = await pool.query<{ visible: boolean }>(
      `SELECT coalesce(max(txid) < pg_snapshot_xmin(pg_current_snapshot()), true) AS visible FROM outbox`,
    );
    if (rows[0]?.visible) return;
    if (performance.now() > deadline) throw new Error(`outbox events still held back after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
