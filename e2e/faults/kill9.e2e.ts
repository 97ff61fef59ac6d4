// Fault test (issue #3): `kill -9` Banyan during 200 live chats. A server of its own (fault-server.ts)
// runs the demo bank; 23 agents take as many chats as their capacity allows, the other chats wait in
// two queues; customers and agents keep writing with client ids; the server and its PostgreSQL are
// killed with SIGKILL mid-traffic and started again on the same data. Then: every acknowledged
// message is stored exactly once, retries of the unanswered ones store each once, customer widgets
// and staff desks resume by seq with nothing missing or doubled, waiting chats keep their place and
// enqueue time, assignments are unchanged and nothing is assigned twice or over capacity.
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type FaultServer, startFaultServer } from './fault-server.ts';

const CHATS = 200;
const EXTRA_AGENTS = 20;
const DEMO_AGENTS = ['agent.hanoi', 'agent.saigon', 'agent.vip'];
const AGENT_PASSWORD = 'Banyan!agent1';
const TRAFFIC_WORKERS = 24;
/** Acknowledged messages before the kill: traffic is still flowing when it comes. */
const ACKED_BEFORE_KILL = 400;
const SETTLE_MS = 20_000;

interface Reply<T = unknown> {
  status: number;
  body: T;
}

/** A network failure (the server is gone), as opposed to an HTTP answer. */
class Unreachable extends Error {}

async function call<T>(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<Reply<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? 'GET',
      headers: {
        ...init.headers,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch (error) {
    throw new Unreachable((error as Error).message);
  }
  const text = await response.text().catch(() => {
    throw new Unreachable('response cut');
  });
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

interface Staff {
  username: string;
  userId: string;
  cookie: string;
  request<T>(method: string, path: string, body?: unknown): Promise<Reply<T>>;
}

async function signIn(baseUrl: string, username: string, password: string): Promise<Staff> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!login.ok) throw new Error(`sign-in of ${username}: ${login.status} ${await login.text()}`);
  const { csrfToken, user } = (await login.json()) as { csrfToken: string; user: { id: string } };
  const cookie = login.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .join('; ');
  return {
    username,
    userId: user.id,
    cookie,
    request: (method, path, body) =>
      call(`${baseUrl}/api/v1${path}`, {
        method,
        headers: { cookie, 'x-csrf-token': csrfToken },
        body,
      }),
  };
}

/** One customer: a widget session from its own address, a chat, and its WebSocket. */
interface Customer {
  index: number;
  address: string;
  token: string;
  conversationId: string;
  socket: WebSocket | null;
  /** Messages pushed over the WebSocket, by seq, with how often each seq came. */
  received: Map<number, { id: string; count: number }>;
  lastSeq: number;
  ready: boolean;
}

/** One staff desk's WebSocket: the event log positions it saw and the messages announced to it. */
interface Desk {
  staff: Staff;
  socket: WebSocket | null;
  positions: Map<number, number>;
  messageIds: Map<string, number>;
  lastSeq: number;
  resynced: boolean;
  ready: boolean;
}

interface Sent {
  clientId: string;
  conversationId: string;
  author: 'customer' | 'agent';
  body: string;
  customer?: Customer;
  desk?: Desk;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = SETTLE_MS) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** Runs `work` over `items` with at most `limit` at a time. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

describe('kill -9 during 200 live chats', () => {
  let server: FaultServer;
  const wsUrl = () => server.baseUrl.replace(/^http/, 'ws');

  beforeAll(async () => {
    server = await startFaultServer();
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
  }, 30_000);

  function connectCustomer(customer: Customer) {
    customer.ready = false;
    const socket = new WebSocket(
      `${wsUrl()}/api/v1/widget/realtime?token=${encodeURIComponent(customer.token)}&conversationId=${customer.conversationId}&since=${customer.lastSeq}`,
      { headers: { 'x-forwarded-for': customer.address } },
    );
    socket.on('message', (raw) => {
      const message = JSON.parse(String(raw)) as {
        type: string;
        message?: { id: string; seq: number };
      };
      if (message.type === 'ready') customer.ready = true;
      if (message.type !== 'message' || !message.message) return;
      const { id, seq } = message.message;
      const seen = customer.received.get(seq);
      customer.received.set(seq, { id, count: (seen?.count ?? 0) + 1 });
      customer.lastSeq = Math.max(customer.lastSeq, seq);
    });
    socket.on('error', () => undefined);
    customer.socket = socket;
  }

  function connectDesk(desk: Desk) {
    desk.ready = false;
    const since = desk.lastSeq > 0 ? `?since=${desk.lastSeq}` : '';
    const socket = new WebSocket(`${wsUrl()}/api/v1/realtime${since}`, {
      headers: { cookie: desk.staff.cookie },
    });
    socket.on('message', (raw) => {
      const message = JSON.parse(String(raw)) as {
        type: string;
        seq?: number;
        data?: { messageId?: string };
      };
      if (message.type === 'ready') desk.ready = true;
      if (message.type === 'resync') desk.resynced = true;
      if (message.seq === undefined || message.type === 'ready') return;
      desk.positions.set(message.seq, (desk.positions.get(message.seq) ?? 0) + 1);
      // The position of the last event received: where this desk resumes.
      desk.lastSeq = message.seq;
      if (message.type === 'conversation.message_created' && message.data?.messageId) {
        const id = message.data.messageId;
        desk.messageIds.set(id, (desk.messageIds.get(id) ?? 0) + 1);
      }
    });
    socket.on('error', () => undefined);
    desk.socket = socket;
  }

  it('keeps every acknowledged message, the queues and the assignments', async () => {
    const t0 = performance.now();
    const admin = await signIn(server.baseUrl, 'admin', 'Banyan!admin1');
    const skills = (await admin.request<{ items: { id: string; code: string }[] }>('GET', '/admin/skills'))
      .body.items;
    const skill = (code: string) => skills.find((s) => s.code === code)?.id as string;
    const run = Date.now().toString(36);
    const usernames = [...DEMO_AGENTS];
    for (let i = 0; i < EXTRA_AGENTS; i++) {
      const username = `fault.${run}.${i}`;
      const created = await admin.request('POST', '/admin/users', {
        username,
        displayName: `Fault agent ${i}`,
        password: AGENT_PASSWORD,
        roles: ['agent'],
        skills: [
          { skillId: skill('lang_vi'), proficiency: 5 },
          { skillId: skill('lang_en'), proficiency: 5 },
        ],
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      usernames.push(username);
    }
    const agents = await Promise.all(usernames.map((u) => signIn(server.baseUrl, u, AGENT_PASSWORD)));
    const desks: Desk[] = agents.map((staff) => ({
      staff,
      socket: null,
      positions: new Map(),
      messageIds: new Map(),
      lastSeq: 0,
      resynced: false,
      ready: false,
    }));
    for (const desk of desks) connectDesk(desk);
    await until(() => desks.every((d) => d.ready), 'staff desks to connect');
    for (const agent of agents) {
      const state = await agent.request('PUT', '/desk/state', { state: 'available' });
      expect(state.status).toBe(200);
    }
    const capacity = (
      await server.query<{ n: number }>(
        `SELECT sum(capacity)::int AS n FROM routing_agent_channels WHERE channel = 'chat' AND user_id = ANY($1::uuid[])`,
        [agents.map((a) => a.userId)],
      )
    )[0]?.n as number;

    // Agents accept every offer until they are full (the way the desk's Accept button does).
    let accepting = true;
    const acceptLoops = agents.map(async (agent) => {
      while (accepting) {
        const offers = await agent.request<{ items: { itemId: string }[] }>('GET', '/desk/offers');
        for (const offer of offers.body.items ?? []) {
          const accepted = await agent.request('POST', `/desk/offers/${offer.itemId}/accept`);
          expect([204, 409]).toContain(accepted.status);
        }
        await sleep(250);
      }
    });

    // 200 customers, each from its own address; one in four writes in English.
    const customers: Customer[] = [];
    await pool(
      Array.from({ length: CHATS }, (_, i) => i),
      16,
      async (index) => {
        const address = `10.77.${Math.floor(index / 200)}.${(index % 200) + 1}`;
        const headers = { 'x-forwarded-for': address, origin: server.baseUrl };
        const language = index % 4 === 0 ? 'en' : 'vi';
        const session = await call<{ visitorToken: string }>(`${server.baseUrl}/api/v1/widget/sessions`, {
          method: 'POST',
          headers,
          body: { siteKey: 'demo-bank', language },
        });
        expect(session.status).toBe(200);
        const token = session.body.visitorToken;
        const chat = await call<{ id: string }>(`${server.baseUrl}/api/v1/widget/conversations`, {
          method: 'POST',
          headers: { ...headers, authorization: `Visitor ${token}` },
          body: { name: `Khách ${index}`, language, topic: 'Thẻ' },
        });
        expect(chat.status).toBe(201);
        const customer: Customer = {
          index,
          address,
          token,
          conversationId: chat.body.id,
          socket: null,
          received: new Map(),
          lastSeq: 0,
          ready: false,
        };
        connectCustomer(customer);
        customers.push(customer);
      },
    );
    await until(() => customers.every((c) => c.ready), 'customer sockets to connect');
    const expectedActive = Math.min(CHATS, capacity);
    await until(
      async () =>
        (
          await server.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM conversations WHERE status = 'active' AND assignee_id IS NOT NULL`,
          )
        )[0]?.n === expectedActive,
      `${expectedActive} active chats`,
      30_000,
    );
    accepting = false;
    await Promise.all(acceptLoops);

    // The picture before the crash: who has which chat, and the queues in order of service.
    const assignmentsBefore = await server.query<{ id: string; assignee_id: string }>(
      `SELECT id, assignee_id FROM conversations WHERE status = 'active' ORDER BY id`,
    );
    const queueSql = `SELECT w.id, w.ref_id, w.queue_id, w.priority, w.enqueued_at::text AS enqueued_at
      FROM routing_work_items w WHERE w.status = 'waiting' ORDER BY w.queue_id, w.priority DESC, w.enqueued_at, w.id`;
    const queueBefore = await server.query<Record<string, unknown>>(queueSql);
    expect(queueBefore.length).toBe(CHATS - expectedActive);
    const waiting = customers.filter((c) => queueBefore.some((w) => w.ref_id === c.conversationId));
    const positionsOf = async (list: Customer[]) => {
      const positions = new Map<string, number | null>();
      await pool(list, 16, async (customer) => {
        const chat = await call<{ queuePosition: number | null }>(
          `${server.baseUrl}/api/v1/widget/conversations/${customer.conversationId}`,
          { headers: { authorization: `Visitor ${customer.token}`, 'x-forwarded-for': customer.address } },
        );
        expect(chat.status).toBe(200);
        positions.set(customer.conversationId, chat.body.queuePosition);
      });
      return positions;
    };
    const positionsBefore = await positionsOf(waiting);
    const deskOf = new Map(desks.map((d) => [d.staff.userId, d]));
    const active = customers
      .filter((c) => assignmentsBefore.some((a) => a.id === c.conversationId))
      .map((customer) => ({
        customer,
        desk: deskOf.get(
          assignmentsBefore.find((a) => a.id === customer.conversationId)?.assignee_id as string,
        ) as Desk,
      }));
    const tSetup = performance.now();

    // Traffic: customers (waiting or not) and agents write, with client ids, until the kill.
    const acked = new Map<string, Sent & { id: string; seq: number }>();
    const unanswered: Sent[] = [];
    const unexpected: string[] = [];
    let down = false;
    let turn = 0;
    const nextMessage = (): Sent => {
      const n = turn++;
      if (n % 3 === 2) {
        const { customer, desk } = active[((n / 3) % active.length) | 0] as (typeof active)[number];
        return {
          clientId: `k9-a-${n}`,
          conversationId: customer.conversationId,
          author: 'agent',
          body: `Trả lời ${n}`,
          desk,
          customer,
        };
      }
      const customer = customers[n % CHATS] as Customer;
      return {
        clientId: `k9-c-${n}`,
        conversationId: customer.conversationId,
        author: 'customer',
        body: `Tin nhắn ${n}`,
        customer,
      };
    };
    const send = (m: Sent) =>
      m.author === 'agent'
        ? (m.desk as Desk).staff.request<{ message: { id: string; seq: number } }>(
            'POST',
            `/conversations/${m.conversationId}/messages`,
            { clientId: m.clientId, body: m.body },
          )
        : call<{ message: { id: string; seq: number } }>(
            `${server.baseUrl}/api/v1/widget/conversations/${m.conversationId}/messages`,
            {
              method: 'POST',
              headers: {
                authorization: `Visitor ${m.customer?.token}`,
                'x-forwarded-for': m.customer?.address as string,
              },
              body: { clientId: m.clientId, body: m.body },
            },
          );
    const traffic = Array.from({ length: TRAFFIC_WORKERS }, async () => {
      while (!down) {
        const m = nextMessage();
        try {
          const reply = await send(m);
          if (reply.status === 201 || reply.status === 200) {
            acked.set(m.clientId, { ...m, id: reply.body.message.id, seq: reply.body.message.seq });
          } else {
            unexpected.push(`${m.clientId}: ${reply.status} ${JSON.stringify(reply.body)}`);
          }
        } catch (error) {
          if (!(error instanceof Unreachable)) throw error;
          unanswered.push(m);
          return;
        }
      }
    });
    await until(() => acked.size >= ACKED_BEFORE_KILL || unexpected.length > 0, 'traffic', 30_000);
    expect(unexpected).toEqual([]);
    const tKill = performance.now();
    await server.kill9();
    down = true;
    await Promise.all(traffic);
    for (const c of customers) c.socket?.terminate();
    for (const d of desks) d.socket?.terminate();
    expect(unanswered.length).toBeGreaterThan(0);

    await server.restart();
    const tRestarted = performance.now();
    for (const c of customers) connectCustomer(c);
    for (const d of desks) connectDesk(d);

    // The clients retry what got no answer, with the same client id.
    let storedBeforeKill = 0;
    await pool(unanswered, 16, async (m) => {
      const reply = await send(m);
      expect([200, 201], `${m.clientId}: ${JSON.stringify(reply.body)}`).toContain(reply.status);
      const body = reply.body as { message: { id: string; seq: number }; duplicate: boolean };
      if (body.duplicate) storedBeforeKill++;
      acked.set(m.clientId, { ...m, id: body.message.id, seq: body.message.seq });
    });
    await until(() => customers.every((c) => c.ready) && desks.every((d) => d.ready), 'clients to resume');

    // Every acknowledged or retried message: stored once, with the id and seq it was answered with.
    const stored = await server.query<{
      client_id: string;
      id: string;
      seq: number;
      body: string;
      conversation_id: string;
    }>(
      `SELECT client_id, id, seq, body, conversation_id FROM conversation_messages WHERE client_id LIKE 'k9-%'`,
    );
    expect(stored.length).toBe(acked.size);
    const storedByClientId = new Map(stored.map((row) => [row.client_id, row]));
    for (const [clientId, m] of acked) {
      expect(storedByClientId.get(clientId), clientId).toEqual({
        client_id: clientId,
        id: m.id,
        seq: m.seq,
        body: m.body,
        conversation_id: m.conversationId,
      });
    }
    // Each conversation's seqs run 1..n without a gap or a double.
    const seqProblems = await server.query(
      `SELECT conversation_id FROM conversation_messages GROUP BY conversation_id
        HAVING count(*) <> max(seq) OR count(DISTINCT seq) <> count(*) OR min(seq) <> 1`,
    );
    expect(seqProblems).toEqual([]);

    // The waiting chats: same place, same enqueue time and priority; the assignments did not move.
    expect(await server.query(queueSql)).toEqual(queueBefore);
    expect(await positionsOf(waiting)).toEqual(positionsBefore);
    expect(
      await server.query(`SELECT id, assignee_id FROM conversations WHERE status = 'active' ORDER BY id`),
    ).toEqual(assignmentsBefore);
    // No chat is held twice, no agent is over capacity, and each agent's load matches what it holds.
    expect(
      await server.query(`SELECT ref_id FROM routing_work_items WHERE status <> 'ended'
        GROUP BY ref_id HAVING count(*) > 1`),
    ).toEqual([]);
    expect(
      await server.query(`SELECT w.id FROM routing_work_items w JOIN conversations c ON c.id = w.ref_id
        WHERE (w.status = 'assigned' AND (w.assigned_to IS DISTINCT FROM c.assignee_id OR w.offered_to IS NOT NULL))
           OR (w.status = 'waiting' AND (w.assigned_to IS NOT NULL OR w.offered_to IS NOT NULL))`),
    ).toEqual([]);
    expect(
      await server.query(`SELECT c.user_id, c.load, c.capacity,
          (SELECT count(*)::int FROM routing_work_items w WHERE w.channel = c.channel
             AND ((w.status = 'assigned' AND w.assigned_to = c.user_id) OR (w.status = 'offered' AND w.offered_to = c.user_id))) AS held
        FROM routing_agent_channels c WHERE c.load > c.capacity OR c.load <> (SELECT count(*) FROM routing_work_items w
          WHERE w.channel = c.channel AND ((w.status = 'assigned' AND w.assigned_to = c.user_id)
            OR (w.status = 'offered' AND w.offered_to = c.user_id)))`),
    ).toEqual([]);

    // Widgets: every message of their chat came over the WebSocket once, across the restart.
    const transcripts = new Map<Customer, { seq: number; id: string; count: number }[]>();
    await pool(customers, 16, async (customer) => {
      const chat = await call<{ messages: { id: string; seq: number }[] }>(
        `${server.baseUrl}/api/v1/widget/conversations/${customer.conversationId}`,
        { headers: { authorization: `Visitor ${customer.token}`, 'x-forwarded-for': customer.address } },
      );
      expect(chat.status).toBe(200);
      transcripts.set(
        customer,
        chat.body.messages.map((m) => ({ seq: m.seq, id: m.id, count: 1 })),
      );
    });
    await until(
      () => customers.every((c) => (transcripts.get(c) ?? []).every((m) => c.received.has(m.seq))),
      'widgets to receive every message',
    );
    for (const customer of customers) {
      const received = [...customer.received.entries()]
        .sort(([a], [b]) => a - b)
        .map(([seq, { id, count }]) => ({ seq, id, count }));
      expect(received, `widget ${customer.index}`).toEqual(transcripts.get(customer));
    }

    // Desks: resumed from the log (no resync), each event once, every message of their chats announced once.
    for (const { customer, desk } of active) {
      for (const row of stored.filter((r) => r.conversation_id === customer.conversationId)) {
        await until(
          () => desk.messageIds.has(row.id),
          `desk ${desk.staff.username}: message ${row.client_id}`,
        );
      }
    }
    for (const desk of desks) {
      expect(desk.resynced, desk.staff.username).toBe(false);
      expect(
        [...desk.positions.values()].filter((count) => count > 1),
        desk.staff.username,
      ).toEqual([]);
      expect(
        [...desk.messageIds.values()].filter((count) => count > 1),
        desk.staff.username,
      ).toEqual([]);
    }
    const tEnd = performance.now();

    for (const c of customers) c.socket?.close();
    for (const d of desks) d.socket?.close();
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    console.log(
      [
        `kill -9: ${CHATS} chats (${expectedActive} active with ${agents.length} agents, ${queueBefore.length} waiting),`,
        `${acked.size} messages checked (${unanswered.length} unanswered at the kill and retried, ${storedBeforeKill} of them already stored);`,
        `setup ${seconds(tSetup - t0)}, traffic ${seconds(tKill - tSetup)}, kill to ready ${seconds(tRestarted - tKill)},`,
        `checks ${seconds(tEnd - tRestarted)}, total ${seconds(tEnd - t0)}`,
      ].join(' '),
    );
  }, 120_000);
});
