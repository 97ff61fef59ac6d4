import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/harness.ts';

/**
 * STARTTLS on the built-in SMTP server when a certificate is configured (BANYAN_SMTP_TLS_CERT /
 * _KEY): offered in the EHLO answer, and a client that requires TLS delivers through it. Without a
 * certificate it is not offered (email.int.test.ts's server has none).
 */
let ctx: TestContext;
let plain: TestContext;
let port: number;
let plainPort: number;
let dir: string;

async function ehlo(target: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(target, '127.0.0.1');
    let text = '';
    let sent = false;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      text += chunk;
      if (!sent && /^220 /m.test(text)) {
        sent = true;
        text = '';
        socket.write('EHLO client.example\r\n');
      } else if (sent && /^250 /m.test(text)) {
        socket.end('QUIT\r\n');
        resolve(text);
      }
    });
    socket.on('error', reject);
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'banyan-smtp-tls-'));
  const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=mx.bank.example',
    ],
    { stdio: 'ignore' },
  );
  ctx = await createTestContext({ smtpInboundPort: 0, smtpTlsCertFile: cert, smtpTlsKeyFile: key });
  port = await ctx.app.inboundSmtp.start();
  plain = await createTestContext({ smtpInboundPort: 0 });
  plainPort = await plain.app.inboundSmtp.start();
  const queueId = await ctx.app.routing.createQueue(null, {
    code: 'email-tls',
    name: 'Email',
    channels: ['email'],
  });
  await ctx.app.emailChannel.addAddress({ address: 'support@bank.example', queueId, displayName: 'Support' });
});
afterAll(async () => {
  await ctx?.close();
  await plain?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('inbound SMTP with a certificate', () => {
  it('offers STARTTLS only when a certificate is configured', async () => {
    expect(await ehlo(port)).toMatch(/^250[- ]STARTTLS\r?$/m);
    expect(await ehlo(plainPort)).not.toMatch(/STARTTLS/);
  });

  it('takes mail from a client that requires TLS', async () => {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port,
      secure: false,
      requireTLS: true,
      // The test certificate is self-signed; the bank's MTA would check a real one.
      tls: { rejectUnauthorized: false },
    });
    // requireTLS: nodemailer refuses to send unless STARTTLS succeeded first.
    let response = '';
    try {
      const info = await transport.sendMail({
        from: 'Nguyễn Văn Bình <binh@example.vn>',
        to: 'support@bank.example',
        subject: 'Over TLS',
        text: 'Xin chào, thư này đi qua STARTTLS.',
      });
      response = info.response;
    } finally {
      transport.close();
    }
    expect(response).toMatch(/^250/);
    const { rows } = await ctx.pool.query(
      `SELECT c.channel FROM email_messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.subject = 'Over TLS'`,
    );
    expect(rows).toEqual([{ channel: 'email' }]);
  });
});
