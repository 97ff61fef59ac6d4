import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/harness.ts';

// A peer test: Debian's swaks, a third-party SMTP client, delivers to the built-in server. Run by
// `npm run test:peers` (which `.ci/run` calls after installing swaks); `npm test` needs no binaries.
const run = promisify(execFile);
const SWAKS = process.env.SWAKS_PATH ?? '/usr/bin/swaks';

let ctx: TestContext;
let port: number;
let queueId: string;

beforeAll(async () => {
  ctx = await createTestContext({ smtpInboundPort: 0 });
  port = await ctx.app.inboundSmtp.start();
  queueId = await ctx.app.routing.createQueue(null, {
    code: 'email-peer',
    name: 'Email',
    channels: ['email'],
  });
  await ctx.app.emailChannel.addAddress({ address: 'support@bank.example', queueId, displayName: 'Support' });
});
afterAll(async () => ctx?.close());

describe('swaks delivers to the built-in SMTP server', () => {
  it('files the mail as a queued email conversation, card number masked', async () => {
    const { stdout } = await run(SWAKS, [
      '--server',
      `127.0.0.1:${port}`,
      '--from',
      'anh.le@example.vn',
      '--to',
      'support@bank.example',
      '--header',
      'Subject: Thẻ bị khóa',
      '--header',
      'Message-Id: <swaks-peer@example.vn>',
      '--body',
      'Thẻ 4111 1111 1111 1111 của tôi bị khóa, giúp tôi với.',
    ]);
    // swaks prints the server's replies with `<-`; the end of DATA must be accepted.
    expect(stdout).toMatch(/^<- {2}250 .*(?:OK|queued)/im);
    const { rows } = await ctx.pool.query(
      `SELECT c.channel, c.status, c.queue_id, m.body FROM email_messages e
         JOIN conversations c ON c.id = e.conversation_id
         JOIN conversation_messages m ON m.conversation_id = c.id
        WHERE e.message_id = '<swaks-peer@example.vn>'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: 'email', status: 'queued', queue_id: queueId });
    expect(rows[0].body).toContain('4111 11** **** 1111');
    expect(rows[0].body).not.toContain('4111 1111 1111 1111');
  });

  it('gets a 550 for an unknown recipient', async () => {
    const refused = await run(SWAKS, [
      '--server',
      `127.0.0.1:${port}`,
      '--from',
      'x@example.vn',
      '--to',
      'nobody@bank.example',
      '--body',
      'x',
    ]).catch((error: { stdout: string }) => error);
    expect((refused as { stdout: string }).stdout).toMatch(/^<\*\* 550 /m);
  });
});
