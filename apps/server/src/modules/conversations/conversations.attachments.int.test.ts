import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { as, createTestContext, type Session, signInAs, type TestContext } from '../../../test/harness.ts';

let ctx: TestContext;
let queueId: string;
let deskQueueId: string;
let agent: Session;
let otherTeamAgent: Session;
let supervisor: Session;
let backOffice: Session;
let socketBase: string;

// A real 1×1 PNG, a PDF header, and the disguises a browser would run as script.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const SVG = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>',
);
const HTML = Buffer.from('<!doctype html><html><script>alert(document.cookie)</script></html>');

const widget = (
  method: 'GET' | 'POST',
  url: string,
  token?: string,
  body?: Buffer | Readable | object,
  headers: Record<string, string> = {},
) =>
  ctx.app.http.inject({
    method,
    url: `/api/v1${url}`,
    payload: body as Buffer,
    headers: { 'accept-language': 'vi', ...(token ? { authorization: `Visitor ${token}` } : {}), ...headers },
  });

const staff = (
  session: Session | null,
  method: 'GET' | 'POST',
  url: string,
  body?: Buffer,
  headers: Record<string, string> = {},
) =>
  ctx.app.http.inject({
    method,
    url: `/api/v1${url}`,
    payload: body,
    headers: { ...(session ? as(session) : {}), 'accept-language': 'en', ...headers },
  });

const upload = (path: string, name: string, clientId: string) =>
  `${path}/attachments?name=${encodeURIComponent(name)}&clientId=${encodeURIComponent(clientId)}`;

/** A visitor's new chat; `files-desk` chats go to a queue of their own, routed one at a time. */
async function visitorChat(name: string, siteKey = 'files-bank') {
  const session = await widget('POST', '/widget/sessions', undefined, { siteKey, language: 'vi' });
  const token = session.json().visitorToken as string;
  const started = await widget('POST', '/widget/conversations', token, { name, language: 'vi' });
  return { token, id: started.json().id as string };
}

async function attachmentRows(conversationId: string) {
  const { rows } = await ctx.pool.query(
    `SELECT id, uploader_type, uploader_id, file_name, content_type, size, sha256, data
     FROM conversation_attachments WHERE conversation_id = $1 ORDER BY created_at, id`,
    [conversationId],
  );
  return rows;
}

beforeAll(async () => {
  ctx = await createTestContext();
  queueId = await ctx.app.routing.createQueue(null, { code: 'files_chat', name: 'Chat', channels: ['chat'] });
  await ctx.app.webchat.createSite({
    key: 'files-bank',
    name: 'Files Bank',
    queueByLanguage: { en: queueId, vi: queueId },
    greeting: {},
  });
  deskQueueId = await ctx.app.routing.createQueue(null, {
    code: 'files_desk',
    name: 'Desk',
    channels: ['chat'],
  });
  await ctx.app.webchat.createSite({
    key: 'files-desk',
    name: 'Files Desk',
    queueByLanguage: { vi: deskQueueId },
    greeting: {},
  });
  const teamA = (await ctx.app.staff.createTeam(null, { name: 'Chat A' })).id;
  const teamB = (await ctx.app.staff.createTeam(null, { name: 'Chat B' })).id;
  agent = await signInAs(ctx, { username: 'files.agent', roles: ['agent'], teamIds: [teamA] });
  otherTeamAgent = await signInAs(ctx, { username: 'files.other', roles: ['agent'], teamIds: [teamB] });
  supervisor = await signInAs(ctx, { username: 'files.super', roles: ['supervisor'], teamIds: [teamA] });
  backOffice = await signInAs(ctx, { username: 'files.bo', roles: ['back_office'] });
  await ctx.app.routing.setCapacity(agent.userId, 'chat', 5);
  await ctx.app.routing.setAgentState(agent.userId, 'available');
  await ctx.app.http.listen({ host: '127.0.0.1', port: 0 });
  socketBase = `ws://127.0.0.1:${(ctx.app.http.server.address() as { port: number }).port}/api/v1/widget/realtime`;
});
afterAll(async () => ctx?.close());

describe('files in a chat', () => {
  it('the customer and the agent send files to each other, stored once with the message', async () => {
    const { token, id } = await visitorChat('Lan');
    const sent = await widget(
      'POST',
      upload(`/widget/conversations/${id}`, 'thẻ bị khóa.png', 'f-1'),
      token,
      PNG,
      { 'content-type': 'image/png' },
    );
    expect(sent.statusCode, sent.body).toBe(201);
    const message = sent.json().message;
    expect(message).toMatchObject({
      kind: 'attachment',
      authorType: 'customer',
      clientId: 'f-1',
      body: '',
      attachment: { name: 'thẻ bị khóa.png', contentType: 'image/png', size: PNG.length },
    });
    const [row] = await attachmentRows(id);
    expect(row).toMatchObject({
      id: message.attachment.id,
      uploader_type: 'customer',
      file_name: 'thẻ bị khóa.png',
      content_type: 'image/png',
      size: PNG.length,
      sha256: createHash('sha256').update(PNG).digest('hex'),
    });
    expect(Buffer.compare(row.data, PNG)).toBe(0);
    const stored = await ctx.pool.query(
      `SELECT kind, attachment FROM conversation_messages WHERE conversation_id = $1`,
      [id],
    );
    expect(stored.rows).toEqual([
      {
        kind: 'attachment',
        attachment: { id: row.id, name: 'thẻ bị khóa.png', contentType: 'image/png', size: PNG.length },
      },
    ]);

    // The agent takes the chat, sees the file in the transcript and downloads it.
    const offer = await ctx.app.routing.routeOnce(queueId);
    expect((await staff(agent, 'POST', `/desk/offers/${offer?.itemId}/accept`)).statusCode).toBe(204);
    await ctx.app.events.dispatchPending();
    const detail = await staff(agent, 'GET', `/conversations/${id}`);
    expect(detail.json().messages[0].attachment).toEqual(message.attachment);
    const downloaded = await staff(agent, 'GET', `/conversations/${id}/attachments/${row.id}`);
    expect(downloaded.statusCode).toBe(200);
    expect(downloaded.rawPayload.equals(PNG)).toBe(true);

    // The agent sends a PDF whose name claims otherwise: the bytes decide the type and extension.
    const fromAgent = await staff(
      agent,
      'POST',
      upload(`/conversations/${id}`, 'Biểu phí.html', 'a-1'),
      PDF,
      { 'content-type': 'application/octet-stream' },
    );
    expect(fromAgent.statusCode).toBe(201);
    expect(fromAgent.json().message.attachment).toMatchObject({
      name: 'Biểu phí.html.pdf',
      contentType: 'application/pdf',
      size: PDF.length,
    });
    const rows = await attachmentRows(id);
    expect(rows.map((r) => [r.uploader_type, r.uploader_id, r.content_type])).toEqual([
      ['customer', expect.any(String), 'image/png'],
      ['agent', agent.userId, 'application/pdf'],
    ]);

    // The customer sees it in the chat (GET and the WebSocket) and downloads it.
    const chat = await widget('GET', `/widget/conversations/${id}`, token);
    expect(chat.json().messages.map((m: { attachment: { name: string } }) => m.attachment.name)).toEqual([
      'thẻ bị khóa.png',
      'Biểu phí.html.pdf',
    ]);
    const pushed = await new Promise<{ attachment: unknown }[]>((resolve, reject) => {
      const socket = new WebSocket(
        `${socketBase}?token=${encodeURIComponent(token)}&conversationId=${id}&since=1`,
      );
      const messages: { attachment: unknown }[] = [];
      socket.on('message', (raw) => {
        const data = JSON.parse(String(raw));
        if (data.type === 'message') messages.push(data.message);
        if (data.type === 'ready') {
          socket.close();
          resolve(messages);
        }
      });
      socket.on('error', reject);
    });
    expect(pushed.map((m) => m.attachment)).toEqual([fromAgent.json().message.attachment]);
    const pdf = await widget(
      'GET',
      `/widget/conversations/${id}/attachments/${fromAgent.json().message.attachment.id}`,
      token,
    );
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.equals(PDF)).toBe(true);
  });

  it('downloads as an attachment with the sniffed type, never rendered, never shared-cached', async () => {
    const { token, id } = await visitorChat('Headers');
    const sent = await widget(
      'POST',
      upload(`/widget/conversations/${id}`, "Ảnh thẻ (Nam's).png", 'h-1'),
      token,
      PNG,
      // A lying header does not matter: the bytes are a PNG.
      { 'content-type': 'text/html' },
    );
    expect(sent.statusCode).toBe(201);
    const res = await widget(
      'GET',
      `/widget/conversations/${id}/attachments/${sent.json().message.attachment.id}`,
      token,
    );
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="_nh th_ (Nam's).png"; filename*=UTF-8''%E1%BA%A2nh%20th%E1%BA%BB%20%28Nam%27s%29.png`,
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toMatch(/^private\b/);
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(Number(res.headers['content-length'])).toBe(PNG.length);
  });

  it('refuses SVG and HTML disguised as PNG, empty and oversize files, and stores nothing', async () => {
    const { token, id } = await visitorChat('Mallory');
    for (const [body, name] of [
      [SVG, 'cat.png'],
      [HTML, 'page.png'],
      [Buffer.from('MZ\x90\x00'), 'setup.png'],
    ] as const) {
      const res = await widget(
        'POST',
        upload(`/widget/conversations/${id}`, name, `x-${name}`),
        token,
        body,
        {
          'content-type': 'image/png',
        },
      );
      expect(res.statusCode).toBe(415);
      expect(res.json().error).toMatchObject({
        code: 'CONVERSATION_ATTACHMENT_TYPE',
        message: 'Chỉ có thể gửi ảnh (PNG, JPEG, GIF, WebP) và tệp PDF.',
      });
    }
    const empty = await widget(
      'POST',
      upload(`/widget/conversations/${id}`, 'a.png', 'e-1'),
      token,
      Buffer.alloc(0),
      {
        'content-type': 'image/png',
      },
    );
    expect(empty.statusCode).toBe(400);
    const big = Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]);
    const oversize = await widget(
      'POST',
      upload(`/widget/conversations/${id}`, 'big.png', 'b-1'),
      token,
      big,
      {
        'content-type': 'image/png',
      },
    );
    expect(oversize.statusCode).toBe(413);
    expect(oversize.json().error).toMatchObject({
      code: 'CONVERSATION_ATTACHMENT_TOO_LARGE',
      message: 'Mỗi tệp tối đa 10 MB.',
    });
    // Without a Content-Length (chunked), the limit holds while reading.
    const streamed = await widget(
      'POST',
      upload(`/widget/conversations/${id}`, 'big.png', 'b-2'),
      token,
      Readable.from([PNG, Buffer.alloc(6 * 1024 * 1024), Buffer.alloc(6 * 1024 * 1024)]),
      { 'content-type': 'image/png' },
    );
    expect(streamed.statusCode).toBe(413);
    expect(streamed.json().error.code).toBe('CONVERSATION_ATTACHMENT_TOO_LARGE');
    expect(await attachmentRows(id)).toEqual([]);
    const { rows } = await ctx.pool.query(
      'SELECT count(*)::int AS n FROM conversation_messages WHERE conversation_id = $1',
      [id],
    );
    expect(rows[0].n).toBe(0);

    // The same check on the desk side.
    const agentChat = await visitorChat('Desk refusal', 'files-desk');
    await ctx.app.routing.routeOnce(deskQueueId);
    const offers = await staff(agent, 'GET', '/desk/offers');
    const item = offers.json().items.find((o: { refId: string }) => o.refId === agentChat.id);
    await staff(agent, 'POST', `/desk/offers/${item.itemId}/accept`);
    const svg = await staff(agent, 'POST', upload(`/conversations/${agentChat.id}`, 'logo.png', 's-1'), SVG, {
      'content-type': 'image/png',
    });
    expect(svg.statusCode).toBe(415);
    expect(svg.json().error.code).toBe('CONVERSATION_ATTACHMENT_TYPE');
    expect(await attachmentRows(agentChat.id)).toEqual([]);
  });

  it('stores a retried upload once, and nothing in a closed chat', async () => {
    const { token, id } = await visitorChat('Retry');
    const path = upload(`/widget/conversations/${id}`, 'scan.pdf', 'r-1');
    const first = await widget('POST', path, token, PDF, { 'content-type': 'application/pdf' });
    const again = await widget('POST', path, token, PDF, { 'content-type': 'application/pdf' });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ duplicate: true, message: { id: first.json().message.id } });
    expect(await attachmentRows(id)).toHaveLength(1);

    await widget('POST', `/widget/conversations/${id}/leave`, token);
    const closed = await widget(
      'POST',
      upload(`/widget/conversations/${id}`, 'late.pdf', 'r-2'),
      token,
      PDF,
      {
        'content-type': 'application/pdf',
      },
    );
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe('CONVERSATION_CLOSED');
    expect(await attachmentRows(id)).toHaveLength(1);
  });
});

describe('who may send and read files', () => {
  it('a visitor reaches only their own conversation’s files', async () => {
    const alice = await visitorChat('Alice');
    const bob = await visitorChat('Bob');
    const sent = await widget(
      'POST',
      upload(`/widget/conversations/${alice.id}`, 'id.png', 'p-1'),
      alice.token,
      PNG,
      {
        'content-type': 'image/png',
      },
    );
    const fileId = sent.json().message.attachment.id;
    const bobsFile = await widget(
      'POST',
      upload(`/widget/conversations/${bob.id}`, 'b.png', 'p-1'),
      bob.token,
      PNG,
      {
        'content-type': 'image/png',
      },
    );
    expect(bobsFile.statusCode).toBe(201);

    const intoAlice = await widget(
      'POST',
      upload(`/widget/conversations/${alice.id}`, 'x.png', 'p-2'),
      bob.token,
      PNG,
      {
        'content-type': 'image/png',
      },
    );
    expect(intoAlice.statusCode).toBe(404);
    expect(intoAlice.json().error.code).toBe('CONVERSATION_NOT_FOUND');
    expect(
      (await widget('GET', `/widget/conversations/${alice.id}/attachments/${fileId}`, bob.token)).statusCode,
    ).toBe(404);
    // Alice's file id through Bob's own conversation: the pair must match.
    const crossed = await widget('GET', `/widget/conversations/${bob.id}/attachments/${fileId}`, bob.token);
    expect(crossed.statusCode).toBe(404);
    expect(crossed.json().error.code).toBe('CONVERSATION_ATTACHMENT_NOT_FOUND');
    expect((await widget('GET', `/widget/conversations/${alice.id}/attachments/${fileId}`)).statusCode).toBe(
      401,
    );
    const anonymous = await widget(
      'POST',
      upload(`/widget/conversations/${alice.id}`, 'x.png', 'p-3'),
      undefined,
      PNG,
      {
        'content-type': 'image/png',
      },
    );
    expect(anonymous.statusCode).toBe(401);
    expect(await attachmentRows(alice.id)).toHaveLength(1);
  });

  it('on the desk: the assignee sends and reads, a supervisor reads, other staff cannot', async () => {
    const { token, id } = await visitorChat('Desk rights', 'files-desk');
    const sent = await widget('POST', upload(`/widget/conversations/${id}`, 'stmt.pdf', 'd-1'), token, PDF, {
      'content-type': 'application/pdf',
    });
    const fileId = sent.json().message.attachment.id;
    const file = `/conversations/${id}/attachments/${fileId}`;
    // Not yet assigned: even the future assignee sees nothing.
    expect((await staff(agent, 'GET', file)).statusCode).toBe(404);
    await ctx.app.routing.routeOnce(deskQueueId);
    const offers = await staff(agent, 'GET', '/desk/offers');
    const item = offers.json().items.find((o: { refId: string }) => o.refId === id);
    await staff(agent, 'POST', `/desk/offers/${item.itemId}/accept`);

    expect((await staff(agent, 'GET', file)).statusCode).toBe(200);
    const bySupervisor = await staff(supervisor, 'GET', file);
    expect(bySupervisor.statusCode).toBe(200);
    expect(bySupervisor.headers['content-type']).toBe('application/pdf');

    for (const [who, status] of [
      [otherTeamAgent, 404],
      [supervisor, 404],
      [backOffice, 403],
      [null, 401],
    ] as const) {
      const res = await staff(who, 'POST', upload(`/conversations/${id}`, 'x.png', `s-${status}`), PNG, {
        'content-type': 'image/png',
      });
      expect(res.statusCode).toBe(status);
    }
    expect((await staff(otherTeamAgent, 'GET', file)).statusCode).toBe(404);
    expect((await staff(backOffice, 'GET', file)).statusCode).toBe(403);
    expect((await staff(null, 'GET', file)).statusCode).toBe(401);
    expect(
      (await staff(agent, 'GET', `/conversations/${id}/attachments/${crypto.randomUUID()}`)).json().error
        .code,
    ).toBe('CONVERSATION_ATTACHMENT_NOT_FOUND');
    expect(await attachmentRows(id)).toHaveLength(1);
    // Each staff download is a sensitive read in the audit log: who, which file; refusals are not downloads.
    const audited = await ctx.pool.query(
      `SELECT actor_name, details FROM audit_log WHERE action = 'conversation.attachment_downloaded'
         AND target_id = $1 ORDER BY seq`,
      [id],
    );
    expect(audited.rows.map((r) => r.actor_name)).toEqual(['files.agent', 'files.super']);
    expect(audited.rows[0].details).toEqual({ attachmentId: fileId, fileName: 'stmt.pdf' });
  });
});
