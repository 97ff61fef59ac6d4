/**
 * Many agents, visitors and chats, quickly, for benches and the simulator.
 *
 * Fixture rows that have no bulk API (300 agents with their skills and chat capacity, a bench queue
 * and a bench website) go straight into the server's database in a few statements. Everything a
 * person would do goes through the real HTTP and WebSocket API: staff sign-in, desk state, accepting
 * offers, visitor sessions, starting a chat, messages, both WebSockets.
 *
 * Customer-facing endpoints are rate-limited per client address (120 requests a minute). A bench
 * plays many customers from 127.0.0.1, so it starts the server with the documented `TRUST_PROXY=true`
 * and gives each customer its own `X-Forwarded-For` address, as a load balancer in front would.
 * The limits themselves are untouched.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import type pg from 'pg';
import WebSocket from 'ws';
import { createPasswords } from '../apps/server/src/modules/staff/staff.passwords.ts';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `work` on every item with at most `limit` running at once; results in item order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Polls `condition` every `everyMs` until it holds; throws after `timeoutMs`. */
export async function waitFor(
  label: string,
  condition: () => Promise<boolean> | boolean,
  timeoutMs: number,
  everyMs = 200,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${label}`);
    await sleep(everyMs);
  }
}

/** A distinct client address per simulated customer (10.0.0.0/8), for `X-Forwarded-For`. */
export const customerAddress = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

// ---------------------------------------------------------------------------------------------
// The server's database

/**
 * The connection string of the embedded PostgreSQL of a Banyan data directory: its password from
 * `embedded-postgres.json`, its port from `pg/postmaster.pid` (line 4).
 */
export async function embeddedDatabaseUrl(dataDir: string): Promise<string> {
  const secretsFile = path.join(dataDir, 'embedded-postgres.json');
  const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
  if (!existsSync(secretsFile) || !existsSync(pidFile)) {
    throw new Error(`no running embedded PostgreSQL in ${dataDir}`);
  }
  const { password } = JSON.parse(await readFile(secretsFile, 'utf8')) as { password: string };
  const port = Number((await readFile(pidFile, 'utf8')).split('\n')[3]);
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/banyan`;
}

export interface ChatFixture {
  tag: string;
  skillId: string;
  queueId: string;
  siteKey: string;
  /** The bench site's only allowed origin: the widget API checks `Origin` against it. */
  origin: string;
  agents: { id: string; username: string; password: string }[];
}

/**
 * A skill, a chat queue that requires it (offers never expire during a bench; room for `maxQueue`
 * waiting), a website whose English chats go to that queue, and `agents` agents (role `agent`,
 * the skill at proficiency 4, chat capacity `chatCapacity`, offline) who all share one password
 * hash (argon2id with the server's default cost, so sign-in costs what it costs in production).
 */
export async function createChatFixture(
  pool: pg.Pool,
  options: { tag: string; agents: number; chatCapacity: number; maxQueue?: number },
): Promise<ChatFixture> {
  const { tag } = options;
  const password = `Bench!${tag}-agent-2026`;
  const hash = await createPasswords({
    memoryCost: Number(process.env.ARGON2_MEMORY_KIB ?? 19456),
    timeCost: Number(process.env.ARGON2_TIME_COST ?? 2),
  }).hashPassword(password);
  const skillId = crypto.randomUUID();
  const queueId = crypto.randomUUID();
  const siteKey = `bench-${tag}`;
  const origin = `https://${tag}.bench.banyan.test`;
  const agents = Array.from({ length: options.agents }, (_, i) => ({
    id: crypto.randomUUID(),
    username: `bench.${tag}.${String(i + 1).padStart(4, '0')}`,
    password,
  }));
  const ids = agents.map((a) => a.id);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('INSERT INTO skills (id, code, name) VALUES ($1, $2, $3)', [
      skillId,
      `bench_${tag}`,
      `Bench ${tag}`,
    ]);
    await client.query(
      `INSERT INTO routing_queues (id, code, name, channels, required_skills, offer_timeout_seconds, max_size)
       VALUES ($1, $2, $3, '{chat}', $4, 600, $5)`,
      [
        queueId,
        `bench_${tag}`,
        `Bench ${tag}`,
        JSON.stringify([{ skillId, minProficiency: 3 }]),
        options.maxQueue ?? 20_000,
      ],
    );
    await client.query(
      `INSERT INTO webchat_sites (id, key, name, allowed_origins, identity_secret, queue_by_language, greeting)
       VALUES ($1, $2, $3, $4, $5, $6, '{"en":"Hello"}')`,
      [
        crypto.randomUUID(),
        siteKey,
        `Bench ${tag}`,
        [origin],
        crypto.randomUUID(),
        JSON.stringify({ en: queueId }),
      ],
    );
    await client.query(
      `INSERT INTO users (id, username, display_name, password_hash, roles, locale)
       SELECT u, n, 'Bench agent ' || n, $3, '{agent}', 'en' FROM unnest($1::uuid[], $2::text[]) AS t(u, n)`,
      [ids, agents.map((a) => a.username), hash],
    );
    for (const table of ['user_skills', 'routing_agent_skills']) {
      await client.query(
        `INSERT INTO ${table} (user_id, skill_id, proficiency) SELECT u, $2, 4 FROM unnest($1::uuid[]) AS u`,
        [ids, skillId],
      );
    }
    await client.query(
      `INSERT INTO routing_agent_states (user_id, state, since, idle_since)
       SELECT u, 'offline', now(), now() FROM unnest($1::uuid[]) AS u`,
      [ids],
    );
    // Capacities as routing.listeners gives a new desk user, except chat.
    await client.query(
      `INSERT INTO routing_agent_channels (user_id, channel, capacity)
       SELECT u, c.channel, CASE c.channel WHEN 'chat' THEN $2::int ELSE c.capacity END
         FROM unnest($1::uuid[]) AS u
        CROSS JOIN (VALUES ('chat', 3), ('voice', 1), ('email', 5), ('sms', 5), ('task', 10)) AS c(channel, capacity)`,
      [ids, options.chatCapacity],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  return { tag, skillId, queueId, siteKey, origin, agents };
}

// ---------------------------------------------------------------------------------------------
// HTTP

export interface HttpAnswer<T = unknown> {
  status: number;
  body: T;
}

/**
 * Keep-alive connections for the load: `fetch` costs the load generator about twice the CPU of
 * `http.request` per call (WHATWG streams, an AbortSignal timer each), CPU the server under test
 * then lacks on a machine that runs both.
 */
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 256 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 256 }),
};

export function request<T = unknown>(
  baseUrl: string,
  method: string,
  pathname: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<HttpAnswer<T>> {
  const url = new URL(`${baseUrl}${pathname}`);
  const secure = url.protocol === 'https:';
  const payload = options.body === undefined ? null : Buffer.from(JSON.stringify(options.body));
  return new Promise((resolve, reject) => {
    const req = (secure ? https : http).request(
      url,
      {
        method,
        agent: agents[secure ? 'https:' : 'http:'],
        timeout: 30_000,
        headers: {
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': String(payload.length) }
            : {}),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, body: (text ? JSON.parse(text) : null) as T });
          } catch (error) {
            reject(error);
          }
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('The operation was aborted due to timeout')));
    req.on('error', reject);
    req.end(payload ?? undefined);
  });
}

function expectStatus(answer: HttpAnswer, expected: number[], what: string): void {
  if (!expected.includes(answer.status)) {
    throw new Error(`${what} answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Staff

export interface SignedInAgent {
  id: string;
  username: string;
  cookie: string;
  csrf: string;
}

/** `POST /auth/login` with the right password (never near the lockout); returns cookie and CSRF token. */
export async function signInAgent(
  baseUrl: string,
  agent: { id: string; username: string; password: string },
): Promise<SignedInAgent> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: agent.username, password: agent.password }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await response.json()) as { csrfToken?: string };
  if (response.status !== 200 || !body.csrfToken) {
    throw new Error(`sign-in as ${agent.username} answered ${response.status}: ${JSON.stringify(body)}`);
  }
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('banyan_session='));
  if (!cookie) throw new Error(`sign-in as ${agent.username} set no session cookie`);
  return {
    id: agent.id,
    username: agent.username,
    cookie: cookie.split(';')[0] as string,
    csrf: body.csrfToken,
  };
}

/** Headers of a signed-in staff request that changes something. */
export const staffHeaders = (agent: SignedInAgent) => ({ cookie: agent.cookie, 'x-csrf-token': agent.csrf });

export async function setDeskState(
  baseUrl: string,
  agent: SignedInAgent,
  state: 'available' | 'away' | 'offline',
): Promise<void> {
  const answer = await request(baseUrl, 'PUT', '/api/v1/desk/state', {
    headers: staffHeaders(agent),
    body: state === 'away' ? { state, reason: 'break' } : { state },
  });
  expectStatus(answer, [200], `PUT /desk/state as ${agent.username}`);
}

export async function acceptOffer(baseUrl: string, agent: SignedInAgent, itemId: string): Promise<number> {
  const answer = await request(baseUrl, 'POST', `/api/v1/desk/offers/${itemId}/accept`, {
    headers: staffHeaders(agent),
  });
  return answer.status;
}

export interface StaffEvent {
  seq?: number;
  type: string;
  data?: Record<string, unknown>;
}

const wsUrl = (baseUrl: string, pathname: string) => `${baseUrl.replace(/^http/, 'ws')}${pathname}`;

/**
 * Opens a socket and resolves once the server said `{type:'ready'}`; `onMessage` sees every parsed
 * message (including `ready`) with the time it arrived (`performance.now()`).
 */
function openSocket<M extends { type: string }>(
  url: string,
  headers: Record<string, string>,
  onMessage: (message: M, at: number) => void,
  timeoutMs: number,
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers, perMessageDeflate: false });
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`no 'ready' within ${timeoutMs} ms from ${url.split('?')[0]}`));
    }, timeoutMs);
    socket.on('message', (raw) => {
      const at = performance.now();
      let message: M;
      try {
        message = JSON.parse(String(raw)) as M;
      } catch {
        return;
      }
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve(socket);
      }
      onMessage(message, at);
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`socket closed (${code}) before 'ready'`));
    });
  });
}

/** The staff WebSocket `/api/v1/realtime` of a signed-in agent. */
export const openStaffSocket = (
  baseUrl: string,
  agent: SignedInAgent,
  onEvent: (event: StaffEvent, at: number) => void,
  timeoutMs = 30_000,
) => openSocket<StaffEvent>(wsUrl(baseUrl, '/api/v1/realtime'), { cookie: agent.cookie }, onEvent, timeoutMs);

// ---------------------------------------------------------------------------------------------
// Customers (the widget's API)

export interface VisitorChat {
  n: number;
  address: string;
  visitorId: string;
  visitorToken: string;
  conversationId: string;
}

export const widgetHeaders = (origin: string, address: string, token?: string) => ({
  origin,
  'x-forwarded-for': address,
  ...(token ? { authorization: `Visitor ${token}` } : {}),
});

/** `POST /widget/sessions` then `POST /widget/conversations`, as customer number `n`. */
export async function startVisitorChat(
  baseUrl: string,
  fixture: { siteKey: string; origin: string },
  n: number,
): Promise<VisitorChat> {
  const address = customerAddress(n);
  const session = await request<{ visitorToken: string; visitorId: string }>(
    baseUrl,
    'POST',
    '/api/v1/widget/sessions',
    { headers: widgetHeaders(fixture.origin, address), body: { siteKey: fixture.siteKey, language: 'en' } },
  );
  expectStatus(session, [200], `POST /widget/sessions (customer ${n})`);
  const chat = await request<{ id: string }>(baseUrl, 'POST', '/api/v1/widget/conversations', {
    headers: widgetHeaders(fixture.origin, address, session.body.visitorToken),
    body: { name: `Bench customer ${n}`, language: 'en', topic: 'bench' },
  });
  expectStatus(chat, [200, 201], `POST /widget/conversations (customer ${n})`);
  return {
    n,
    address,
    visitorId: session.body.visitorId,
    visitorToken: session.body.visitorToken,
    conversationId: chat.body.id,
  };
}

export interface CustomerPush {
  type: string;
  message?: { id: string; seq: number; authorType: string; clientId: string | null };
  status?: string;
}

/** The customer's WebSocket `/api/v1/widget/realtime` for one chat. */
export const openCustomerSocket = (
  baseUrl: string,
  chat: Pick<VisitorChat, 'visitorToken' | 'conversationId'>,
  origin: string,
  onPush: (push: CustomerPush, at: number) => void,
  timeoutMs = 30_000,
) =>
  openSocket<CustomerPush>(
    wsUrl(
      baseUrl,
      `/api/v1/widget/realtime?token=${encodeURIComponent(chat.visitorToken)}&conversationId=${chat.conversationId}`,
    ),
    { origin },
    onPush,
    timeoutMs,
  );

// ---------------------------------------------------------------------------------------------
// Server memory

export interface ServerMemory {
  /** resident set of the server's Node process */
  rssMiB: number;
  heapUsedMiB: number;
  heapTotalMiB: number;
  externalMiB: number;
}

/** The server's own process memory, from its Prometheus `/metrics` (works with `--url` too). */
export async function serverMemory(baseUrl: string): Promise<ServerMemory> {
  const text = await (await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(10_000) })).text();
  const value = (name: string) => {
    const match = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+]+)$`, 'm').exec(text);
    return match ? Number(match[1]) / 2 ** 20 : Number.NaN;
  };
  return {
    rssMiB: value('banyan_process_resident_memory_bytes'),
    heapUsedMiB: value('banyan_nodejs_heap_size_used_bytes'),
    heapTotalMiB: value('banyan_nodejs_heap_size_total_bytes'),
    externalMiB: value('banyan_nodejs_external_memory_bytes'),
  };
}

// ---------------------------------------------------------------------------------------------
// Figures

/** Counts of `values` (ms) per latency bucket, drawn as bars. */
export function histogram(values: number[], width = 40): string[] {
  const edges = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, Number.POSITIVE_INFINITY];
  const counts = edges.map(() => 0);
  for (const v of values) {
    const i = edges.findIndex((edge) => v <= edge);
    counts[i] = (counts[i] ?? 0) + 1;
  }
  const most = Math.max(1, ...counts);
  let low = 0;
  return edges.map((edge, i) => {
    const label = edge === Number.POSITIVE_INFINITY ? `> ${low} ms` : `${low}–${edge} ms`;
    low = edge;
    const count = counts[i] as number;
    const bar = '█'.repeat(Math.round((count / most) * width)) || (count > 0 ? '▏' : '');
    return `  ${label.padStart(14)}  ${String(count).padStart(7)}  ${bar}`;
  });
}

/** One bar per labelled value, `label │█████▌ value unit`, scaled to the largest (eighths of a block). */
export function bars(rows: Array<{ label: string; value: number; unit: string }>, width = 40): string[] {
  const most = Math.max(...rows.map((r) => r.value), 1e-9);
  const labelWidth = Math.max(...rows.map((r) => r.label.length));
  return rows.map((r) => {
    const eighths = Math.round((r.value / most) * width * 8);
    const bar = '█'.repeat(eighths >> 3) + (eighths & 7 ? ' ▏▎▍▌▋▊▉'[eighths & 7] : '');
    return `  ${r.label.padStart(labelWidth)} │${bar} ${r.value} ${r.unit}`;
  });
}

/** One character per value, low to high: ▁▂▃▄▅▆▇█ (NaN as a space). */
export function sparkline(values: number[]): string {
  const blocks = '▁▂▃▄▅▆▇█';
  const finite = values.filter(Number.isFinite);
  const max = Math.max(...finite, 0);
  const min = Math.min(...finite, max);
  return values
    .map((v) =>
      Number.isFinite(v)
        ? blocks[Math.min(7, Math.floor(((v - min) / Math.max(max - min, 1e-9)) * 7.999))]
        : ' ',
    )
    .join('');
}
