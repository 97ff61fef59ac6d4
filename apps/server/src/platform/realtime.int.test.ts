import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestContext, type Session, signInAs, type TestContext } from '../../test/harness.ts';

let ctx: TestContext;
let base: string;
let admin: Session;
let agent: Session;

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.app.events.start({ pollMs: 100 });
  await ctx.app.http.listen({ host: '127.0.0.1', port: 0 });
  const address = ctx.app.http.server.address() as { port: number };
  base = `ws://127.0.0.1:${address.port}/api/v1/realtime`;
  admin = await signInAs(ctx, { username: 'rt.admin', roles: ['admin'] });
  agent = await signInAs(ctx, { username: 'rt.agent', roles: ['agent'] });
});
afterAll(async () => ctx?.close());

interface Message {
  seq?: number;
  type: string;
  data?: Record<string, unknown>;
}

function connect(session: Session | null, query = '', origin?: string) {
  const messages: Message[] = [];
  const headers: Record<string, string> = {};
  if (session) headers.cookie = session.cookie;
  if (origin) headers.origin = origin;
  const socket = new WebSocket(`${base}${query}`, { headers });
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

const createUser = (username: string) =>
  ctx.app.staff.createUser(null, {
    username,
    displayName: username,
    password: 'Correct-Horse-9',
    roles: ['agent'],
  });

describe('staff realtime', () => {
  it('refuses an anonymous socket and a foreign origin', async () => {
    const anonymous = connect(null);
    expect(await anonymous.closed).toBe(4401);
    const foreign = connect(admin, '', 'https://evil.example');
    expect(await foreign.closed).toBe(4403);
  });

  it('pushes events the viewer may see, with sequence numbers, and nothing else', async () => {
    const adminSocket = connect(admin);
    const agentSocket = connect(agent);
    await adminSocket.until((m) => m.some((x) => x.type === 'ready'));
    await agentSocket.until((m) => m.some((x) => x.type === 'ready'));
    const created = await createUser('rt.new1');
    // The users signed in above were created a moment earlier: their events may arrive first.
    const isNew = (x: Message) => x.type === 'staff.user_created' && x.data?.userId === created.id;
    await adminSocket.until((m) => m.some(isNew));
    const pushed = adminSocket.messages.find(isNew) as Message;
    expect(pushed.data).toEqual({ userId: created.id });
    expect(pushed.seq).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 300));
    // user_created is for staff managers: the agent's socket got nothing.
    expect(agentSocket.messages.filter((x) => x.type.startsWith('staff.'))).toEqual([]);
    adminSocket.socket.close();
    agentSocket.socket.close();
  });

  it('resumes from the last sequence without gaps after a disconnect', async () => {
    const first = connect(admin);
    await first.until((m) => m.some((x) => x.type === 'ready'));
    const gap1 = await createUser('rt.gap1');
    await first.until((m) => m.some((x) => x.type === 'staff.user_created' && x.data?.userId === gap1.id));
    const lastSeq = first.messages.filter((x) => x.seq && x.type !== 'ready').at(-1)?.seq as number;
    first.socket.close();
    await first.closed;

    // While disconnected, three more users are created.
    const missed = [await createUser('rt.gap2'), await createUser('rt.gap3'), await createUser('rt.gap4')];
    const second = connect(admin, `?since=${lastSeq}`);
    await second.until(
      (m) =>
        m.filter((x) => x.type === 'staff.user_created').length >= 3 && m.some((x) => x.type === 'ready'),
    );
    const replayed = second.messages
      .filter((x) => x.type === 'staff.user_created')
      .map((x) => x.data?.userId);
    expect(replayed).toEqual(missed.map((u) => u.id));
    // And live events keep flowing after the replay, exactly once.
    const live = await createUser('rt.gap5');
    await second.until((m) => m.some((x) => x.data?.userId === live.id));
    expect(second.messages.filter((x) => x.data?.userId === live.id)).toHaveLength(1);
    second.socket.close();
  });

  it('asks for a resync when the position is no longer retained', async () => {
    const socket = connect(admin, '?since=99999999');
    await socket.until((m) => m.some((x) => x.type === 'resync'));
    socket.socket.close();
  });

  it('closes the socket when the session is revoked', async () => {
    const victim = await signInAs(ctx, { username: 'rt.victim', roles: ['agent'] });
    const socket = connect(victim);
    await socket.until((m) => m.some((x) => x.type === 'ready'));
    await ctx.app.http.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: victim.cookie, 'x-csrf-token': victim.csrf },
    });
    expect(await socket.closed).toBe(4401);
  });
});
