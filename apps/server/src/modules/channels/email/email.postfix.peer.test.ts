import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dkimVerify } from 'mailauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/harness.ts';
import { startPostfix } from '../../../../test/mail-peers.ts';
import { startSmtpSink } from '../../../../test/smtp-sink.ts';

// A peer test: Debian's Postfix, a private instance (own config, queue and data directories in a
// temp dir, on a free port), is the outbound relay; it relays to an SMTP sink in the test, where
// the message is parsed and its threading headers and DKIM signature are checked.
let ctx: TestContext;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let postfix: Awaited<ReturnType<typeof startPostfix>>;
let keyDir: string;
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const dkimRecord = `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;

beforeAll(async () => {
  sink = await startSmtpSink();
  postfix = await startPostfix({ relayPort: sink.port });
  keyDir = mkdtempSync(path.join(tmpdir(), 'banyan-dkim-'));
  const keyFile = path.join(keyDir, 'dkim.pem');
  writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  ctx = await createTestContext({
    smtpInboundPort: null,
    smtpUrl: `smtp://127.0.0.1:${postfix.port}`,
    dkimDomain: 'bank.example',
    dkimSelector: 'banyan2026',
    dkimKeyFile: keyFile,
    mailFromAddress: 'support@bank.example',
  });
  const queueId = await ctx.app.routing.createQueue(null, {
    code: 'email-pf',
    name: 'Email',
    channels: ['email'],
  });
  await ctx.app.emailChannel.addAddress({ address: 'support@bank.example', queueId, displayName: 'Support' });
});
afterAll(async () => {
  await ctx?.close();
  await postfix?.close();
  await sink?.close();
  if (keyDir) rmSync(keyDir, { recursive: true, force: true });
});

describe('outbound mail through a real Postfix relay', () => {
  it('arrives threaded and with a DKIM signature that verifies after the relay', async () => {
    const customerMail = [
      'From: =?utf-8?B?546L6Iqz?= <wang.fang@example.cn>',
      'To: support@bank.example',
      'Subject: =?utf-8?B?5L+h55So5Y2h6aKd5bqm?=',
      'Message-ID: <pf-q1@example.cn>',
      'References: <older@example.cn>',
      'Date: Mon, 23 Nov 2026 04:00:00 +0000',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      '请问如何提高信用卡额度？',
      '',
    ].join('\r\n');
    const filed = await ctx.app.emailChannel.ingest({
      raw: Buffer.from(customerMail),
      envelopeTo: ['support@bank.example'],
    });
    expect(filed.outcome).toBe('created');
    const agent = await ctx.app.staff.createUser(null, {
      username: 'pf.agent',
      displayName: 'Agent',
      password: 'Correct-Horse-9',
      roles: ['agent'],
    });
    await ctx.app.conversations.postMessage({
      conversationId: filed.conversationId as string,
      authorType: 'agent',
      authorId: agent.id,
      clientId: 'pf-a1',
      kind: 'text',
      body: '您好，您可以在手机银行中申请提高额度。',
    });
    await ctx.app.events.dispatchPending();
    await ctx.app.events.dispatchPending();
    expect(await ctx.app.notifications.processDue()).toEqual({ attempted: 1, sent: 1 });

    const until = Date.now() + 20_000;
    while (sink.received.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(sink.received, postfix.log().slice(-2000)).toHaveLength(1);
    const got = sink.received[0];
    const mail = got?.parsed;
    // It went through Postfix: Postfix's own Received header is on top, and the relay log has it.
    expect(got?.raw).toMatch(/^Received: from [^\r\n]*\r?\n\s+by relay\.banyan\.test \(Postfix\)/m);
    expect(postfix.log()).toMatch(/status=sent/);
    expect(got?.envelopeTo).toEqual(['wang.fang@example.cn']);
    expect(mail?.subject).toBe('Re: 信用卡额度');
    expect(mail?.text?.trim()).toBe('您好，您可以在手机银行中申请提高额度。');
    expect(mail?.messageId).toMatch(/^<[^@\s]+@bank\.example>$/);
    expect(mail?.inReplyTo).toBe('<pf-q1@example.cn>');
    expect(mail?.references).toEqual(['<older@example.cn>', '<pf-q1@example.cn>']);
    const out = await ctx.pool.query(
      "SELECT message_id FROM email_messages WHERE conversation_id = $1 AND direction = 'out'",
      [filed.conversationId],
    );
    expect(out.rows.map((r) => r.message_id)).toEqual([mail?.messageId]);

    // DKIM: verified over the bytes the sink received, with the public key served as DNS would.
    const verified = await dkimVerify(Buffer.from(got?.raw ?? ''), {
      resolver: async (name: string, rrtype: string) => {
        if (name === 'banyan2026._domainkey.bank.example' && rrtype === 'TXT') return [[dkimRecord]];
        throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
      },
    });
    expect(verified.results.map((r) => [r.signingDomain, r.selector, r.status.result])).toEqual([
      ['bank.example', 'banyan2026', 'pass'],
    ]);
    // And a tampered copy does not verify: the check can fail.
    const forgedFrom = (got?.raw ?? '').replace(/^From: .*$/m, 'From: Support <support@evil.example>');
    expect(forgedFrom).not.toBe(got?.raw);
    const tampered = await dkimVerify(Buffer.from(forgedFrom), {
      resolver: async () => [[dkimRecord]],
    });
    expect(tampered.results[0]?.status.result).not.toBe('pass');
  });

  it('waits out a relay outage with backoff and delivers the mail once when the relay is back', async () => {
    const filed = await ctx.app.emailChannel.ingest({
      raw: Buffer.from(
        [
          'From: Le Anh <anh.le@example.vn>',
          'To: support@bank.example',
          'Subject: Outage',
          'Message-ID: <pf-outage@example.vn>',
          'Date: Mon, 23 Nov 2026 05:00:00 +0000',
          'Content-Type: text/plain; charset=utf-8',
          '',
          'Xin chào, tôi cần hỗ trợ.',
          '',
        ].join('\r\n'),
      ),
      envelopeTo: ['support@bank.example'],
    });
    const agent = await ctx.app.staff.createUser(null, {
      username: 'pf.outage',
      displayName: 'Agent',
      password: 'Correct-Horse-9',
      roles: ['agent'],
    });
    const before = sink.received.length;
    await postfix.stop();
    await ctx.app.conversations.postMessage({
      conversationId: filed.conversationId as string,
      authorType: 'agent',
      authorId: agent.id,
      clientId: 'pf-outage-1',
      kind: 'text',
      body: 'Chúng tôi đã nhận được yêu cầu.',
    });
    await ctx.app.events.dispatchPending();
    await ctx.app.events.dispatchPending();
    const row = async () =>
      (
        await ctx.pool.query(
          'SELECT id, status, attempts, next_attempt_at, last_error FROM notifications WHERE conversation_id = $1',
          [filed.conversationId],
        )
      ).rows;

    // Relay down: the attempt fails, the mail stays queued, the next try is pushed back.
    expect(await ctx.app.notifications.processDue()).toEqual({ attempted: 1, sent: 0 });
    const [first] = await row();
    expect(first).toMatchObject({ status: 'queued', attempts: 1 });
    const firstDelay = new Date(first.next_attempt_at).getTime() - ctx.clock.now().getTime();
    expect(firstDelay).toBeGreaterThan(0);
    // Not due yet: nothing is attempted.
    expect(await ctx.app.notifications.processDue()).toEqual({ attempted: 0, sent: 0 });
    // Due again, still down: a longer wait (backoff grows).
    ctx.clock.advance(firstDelay + 1);
    expect(await ctx.app.notifications.processDue()).toEqual({ attempted: 1, sent: 0 });
    const [second] = await row();
    expect(second).toMatchObject({ status: 'queued', attempts: 2 });
    const secondDelay = new Date(second.next_attempt_at).getTime() - ctx.clock.now().getTime();
    expect(secondDelay).toBeGreaterThan(firstDelay);
    expect(sink.received.length).toBe(before);

    // The relay is back: the next due try delivers, once, with the same Message-ID.
    await postfix.start();
    ctx.clock.advance(secondDelay + 1);
    expect(await ctx.app.notifications.processDue()).toEqual({ attempted: 1, sent: 1 });
    expect(await ctx.app.notifications.processDue()).toEqual({ attempted: 0, sent: 0 });
    const until = Date.now() + 20_000;
    while (sink.received.length === before && Date.now() < until)
      await new Promise((r) => setTimeout(r, 100));
    // Give a duplicate time to show up before counting.
    await new Promise((r) => setTimeout(r, 1500));
    const delivered = sink.received.slice(before);
    expect(delivered, postfix.log().slice(-2000)).toHaveLength(1);
    const out = await ctx.pool.query(
      "SELECT message_id FROM email_messages WHERE conversation_id = $1 AND direction = 'out'",
      [filed.conversationId],
    );
    expect(out.rows.map((r) => r.message_id)).toEqual([delivered[0]?.parsed?.messageId]);
    expect(delivered[0]?.parsed?.inReplyTo).toBe('<pf-outage@example.vn>');
    expect((await row())[0]).toMatchObject({ status: 'sent', attempts: 3 });
  });
});
