import { createServer, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/harness.ts';
import { startDovecot } from '../../../../test/mail-peers.ts';
import type { ImapMailboxConfig } from '../../../config.ts';
import { createLogger } from '../../../platform/logger.ts';
import { createImapReaders } from './email.imap.ts';

// A peer test: Debian's Dovecot, a real IMAP server with its own config and maildir in a temp dir,
// read by the IMAP mailbox readers (imapflow, IDLE). Run by `npm run test:peers` (`.ci/run`
// installs dovecot-imapd); runs as root, as in CI.
let ctx: TestContext;
let dovecot: Awaited<ReturnType<typeof startDovecot>>;
let queueId: string;
const logs: string[] = [];
const log = createLogger({
  level: 'info',
  destination: new Writable({
    write(chunk, _enc, done) {
      logs.push(chunk.toString());
      done();
    },
  }),
});

let support: ImapMailboxConfig;

function mail(id: string, subject: string, body: string) {
  return [
    'From: Tran Minh <minh.tran@example.vn>',
    'To: support@bank.example',
    `Subject: ${subject}`,
    `Message-ID: <${id}@example.vn>`,
    'Date: Mon, 23 Nov 2026 04:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    body,
    '',
  ].join('\r\n');
}

async function append(raw: string) {
  const client = new ImapFlow({
    host: '127.0.0.1',
    port: dovecot.port,
    secure: false,
    auth: { user: 'support', pass: 'imap-secret' },
    logger: false,
  });
  await client.connect();
  await client.append('INBOX', raw);
  await client.logout();
}

async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out; dovecot log:\n${dovecot.log().slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function conversationOf(messageId: string): Promise<string | null> {
  const { rows } = await ctx.pool.query('SELECT conversation_id FROM email_messages WHERE message_id = $1', [
    messageId,
  ]);
  return (rows[0]?.conversation_id as string | undefined) ?? null;
}

beforeAll(async () => {
  dovecot = await startDovecot({ support: 'imap-secret' });
  support = {
    name: 'support',
    host: '127.0.0.1',
    port: dovecot.port,
    tls: false,
    user: 'support',
    password: 'imap-secret',
    folder: 'INBOX',
    address: 'support@bank.example',
  };
  ctx = await createTestContext({ smtpInboundPort: null, imapMailboxes: [support] });
  queueId = await ctx.app.routing.createQueue(null, {
    code: 'email-imap',
    name: 'Email',
    channels: ['email'],
  });
  await ctx.app.emailChannel.addAddress({ address: 'support@bank.example', queueId, displayName: 'Support' });
});
afterAll(async () => {
  await ctx?.close();
  await dovecot?.close();
});

describe('IMAP mailboxes read from a real Dovecot', () => {
  it('files delivered and appended mail, resumes after a restart without doubling, and reconnects', async () => {
    // Delivered into the maildir before the reader ever ran (as Dovecot's LDA or any MDA would).
    dovecot.deliverToMaildir(
      'support',
      mail('imap-1', 'Sao kê tháng 10', 'Tôi chưa nhận được sao kê.'),
      'm1',
    );

    // A second mailbox whose server accepts TCP and never greets: it must not hold up `support`.
    const sockets: Socket[] = [];
    const silent = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const silentPort = (silent.address() as { port: number }).port;

    const readers = createImapReaders({
      db: ctx.app.db,
      clock: ctx.app.clock,
      log,
      email: ctx.app.emailChannel,
      mailboxes: [{ ...support, name: 'stuck', port: silentPort, address: 'support@bank.example' }, support],
      backoffMs: () => 200,
    });
    readers.start();
    const first = await waitFor(() => conversationOf('<imap-1@example.vn>'));
    const { rows: conv } = await ctx.pool.query(
      'SELECT channel, status, queue_id, topic FROM conversations WHERE id = $1',
      [first],
    );
    expect(conv[0]).toMatchObject({
      channel: 'email',
      status: 'queued',
      queue_id: queueId,
      topic: 'Sao kê tháng 10',
    });

    // New mail while the reader idles arrives by IDLE, not by a poll.
    await append(mail('imap-2', 'Khóa thẻ', 'Xin khóa thẻ giúp tôi.'));
    await waitFor(() => conversationOf('<imap-2@example.vn>'));
    expect(readers.status().find((s) => s.name === 'support')).toMatchObject({ connected: true, lastUid: 2 });
    expect(readers.status().find((s) => s.name === 'stuck')?.connected).toBe(false);
    await readers.stop();
    silent.close();
    for (const s of sockets) s.destroy();

    // While Banyan is down, more mail arrives; a new reader (a restart) resumes after UID 2.
    await append(mail('imap-3', 'Re: Khóa thẻ', 'Cảm ơn.'));
    const { rows: state } = await ctx.pool.query('SELECT last_uid FROM email_imap_state WHERE mailbox = $1', [
      'support',
    ]);
    expect(Number(state[0].last_uid)).toBe(2);
    logs.length = 0;
    const restarted = createImapReaders({
      db: ctx.app.db,
      clock: ctx.app.clock,
      log,
      email: ctx.app.emailChannel,
      mailboxes: [support],
      backoffMs: () => 200,
    });
    restarted.start();
    await waitFor(() => conversationOf('<imap-3@example.vn>'));
    // The reader logs a mail after its transaction commits, and stores its UID after that.
    await waitFor(async () => restarted.status()[0]?.lastUid === 3);
    // Only UID 3 was read again: nothing was filed twice, not even as a caught duplicate.
    const filed = logs.filter((l) => l.includes('"imap email"')).map((l) => JSON.parse(l));
    expect(filed.map((l) => [l.uid, l.outcome])).toEqual([[3, 'created']]);

    // The IMAP server restarts: the reader reconnects with backoff and goes on.
    await dovecot.stop();
    await waitFor(async () => restarted.status()[0]?.connected === false);
    await dovecot.start();
    await append(mail('imap-4', 'Lãi suất', 'Lãi suất tiết kiệm 12 tháng là bao nhiêu?'));
    await waitFor(() => conversationOf('<imap-4@example.vn>'), 20_000);
    await restarted.stop();

    const { rows: all } = await ctx.pool.query(
      "SELECT message_id FROM email_messages WHERE direction = 'in' ORDER BY message_id",
    );
    expect(all.map((r) => r.message_id)).toEqual([
      '<imap-1@example.vn>',
      '<imap-2@example.vn>',
      '<imap-3@example.vn>',
      '<imap-4@example.vn>',
    ]);
    const { rows: messages } = await ctx.pool.query(
      "SELECT count(*)::int AS n FROM conversation_messages WHERE author_type = 'customer'",
    );
    expect(messages[0].n).toBe(4);
  });
});
