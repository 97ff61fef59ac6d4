import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestContext, type Session, signInAs, type TestContext } from '../../../../test/harness.ts';
import { startSmtpSink } from '../../../../test/smtp-sink.ts';

let ctx: TestContext;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let conversationId: string;
let agentId: string;
let admin: Session;

beforeAll(async () => {
  sink = await startSmtpSink();
  ctx = await createTestContext({ smtpInboundPort: null, smtpUrl: sink.url, mailAuthDnsTimeoutMs: 200 });
  const queueId = await ctx.app.routing.createQueue(null, {
    code: 'email-b',
    name: 'Email',
    channels: ['email'],
  });
  await ctx.app.emailChannel.addAddress({ address: 'support@bank.example', queueId, displayName: 'Support' });
  const filed = await ctx.app.emailChannel.ingest({
    raw: Buffer.from(
      'From: Le Anh <anh.le@example.vn>\r\nTo: support@bank.example\r\nSubject: Sao ke\r\nMessage-ID: <b-q1@example.vn>\r\n\r\nXin gui sao ke.\r\n',
    ),
    envelopeTo: ['support@bank.example'],
  });
  conversationId = filed.conversationId as string;
  agentId = (
    await ctx.app.staff.createUser(null, {
      username: 'bounce.agent',
      displayName: 'Agent',
      password: 'Correct-Horse-9',
      roles: ['agent'],
    })
  ).id;
  admin = await signInAs(ctx, { username: 'bounce.admin', roles: ['admin'] });
});
afterAll(async () => {
  await ctx?.close();
  await sink?.close();
});

async function agentReplies(clientId: string, body: string) {
  await ctx.app.conversations.postMessage({
    conversationId,
    authorType: 'agent',
    authorId: agentId,
    clientId,
    kind: 'text',
    body,
  });
  await ctx.app.events.dispatchPending();
  await ctx.app.events.dispatchPending();
  return ctx.app.notifications.processDue();
}

/** A DSN as Postfix writes it (RFC 3464), for our message `original`. */
function dsn(original: string, recipient: string, status: string, action: string, id: string) {
  return Buffer.from(
    [
      'From: MAILER-DAEMON@relay.bank.example (Mail Delivery System)',
      'To: support@bank.example',
      'Subject: Undelivered Mail Returned to Sender',
      `Message-ID: <${id}@relay.bank.example>`,
      'Auto-Submitted: auto-replied',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="B1"',
      '',
      '--B1',
      'Content-Type: text/plain; charset=us-ascii',
      '',
      'I am sorry to have to inform you that your message could not be delivered.',
      '',
      '--B1',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; relay.bank.example',
      'X-Postfix-Queue-ID: 4F1A2',
      '',
      `Final-Recipient: rfc822; ${recipient}`,
      `Original-Recipient: rfc822;${recipient}`,
      `Action: ${action}`,
      `Status: ${status}`,
      'Remote-MTA: dns; mx.example.vn',
      'Diagnostic-Code: smtp; 550 5.1.1 <anh.le@example.vn>: Recipient address',
      '    rejected: User unknown',
      '',
      '--B1',
      'Content-Type: text/rfc822-headers',
      '',
      'From: Banyan Bank <no-reply@bank.example>',
      `To: ${recipient}`,
      'Subject: Re: Sao ke',
      `Message-ID: ${original}`,
      '',
      '--B1--',
      '',
    ].join('\r\n'),
  );
}

describe('bounces and the suppression list', () => {
  it('fails the bounced notification, suppresses a hard-bounced address, and the pipeline honours it', async () => {
    expect(await agentReplies('b-a1', 'Chúng tôi đã gửi sao kê.')).toEqual({ attempted: 1, sent: 1 });
    const first = (
      await ctx.pool.query('SELECT id, provider_message_id FROM notifications WHERE conversation_id = $1', [
        conversationId,
      ])
    ).rows[0];

    // A delay report (4.x.x, Action: delayed) changes nothing: the relay is still trying.
    const delayed = await ctx.app.emailChannel.ingest({
      raw: dsn(first.provider_message_id, 'anh.le@example.vn', '4.4.1', 'delayed', 'dsn-1'),
      envelopeTo: ['support@bank.example'],
    });
    expect(delayed).toMatchObject({ kind: 'bounce', outcome: 'ignored', conversationId: null });
    expect((await ctx.app.notifications.getNotification(first.id)).status).toBe('sent');
    expect((await ctx.pool.query('SELECT count(*)::int AS n FROM email_suppressions')).rows[0].n).toBe(0);

    // A hard bounce fails it with the reason and suppresses the address.
    await ctx.app.emailChannel.ingest({
      raw: dsn(first.provider_message_id, 'anh.le@example.vn', '5.1.1', 'failed', 'dsn-2'),
      envelopeTo: ['support@bank.example'],
    });
    expect(await ctx.app.notifications.getNotification(first.id)).toMatchObject({
      status: 'failed',
      reason: 'BOUNCED',
    });
    const { rows: lastError } = await ctx.pool.query('SELECT last_error FROM notifications WHERE id = $1', [
      first.id,
    ]);
    expect(lastError[0].last_error).toBe('DSN_5.1.1');
    const { rows: suppressed } = await ctx.pool.query('SELECT * FROM email_suppressions');
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0]).toMatchObject({ address: 'anh.le@example.vn', notification_id: first.id });
    expect(suppressed[0].reason).toMatch(/^5\.1\.1 smtp; 550 5\.1\.1 .*User unknown$/);
    // The bounce was never queued or answered.
    const { rows: customerMessages } = await ctx.pool.query(
      "SELECT count(*)::int AS n FROM conversation_messages WHERE conversation_id = $1 AND author_type = 'customer'",
      [conversationId],
    );
    expect(customerMessages[0].n).toBe(1);

    // The next reply to that address is not sent: suppressed, and the relay saw one mail only.
    expect(await agentReplies('b-a2', 'Anh đã nhận được chưa?')).toEqual({ attempted: 1, sent: 0 });
    const { rows: second } = await ctx.pool.query(
      'SELECT status, reason FROM notifications WHERE conversation_id = $1 AND id <> $2',
      [conversationId, first.id],
    );
    expect(second).toEqual([{ status: 'suppressed', reason: 'SUPPRESSED' }]);
    expect(sink.received).toHaveLength(1);
    const { rows: events } = await ctx.pool.query(
      "SELECT type FROM outbox WHERE type IN ('notification.failed', 'notification.suppressed') ORDER BY position",
    );
    expect(events.map((e) => e.type)).toEqual(['notification.failed', 'notification.suppressed']);
  });

  it('lets an admin list and remove entries (audited); others are refused', async () => {
    const agent = await signInAs(ctx, { username: 'bounce.agent2', roles: ['agent'] });
    const supervisor = await signInAs(ctx, { username: 'bounce.sup', roles: ['supervisor'] });
    const list = await ctx.app.http.inject({
      method: 'GET',
      url: '/api/v1/admin/email/suppressions',
      headers: as(admin),
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((s: { address: string }) => s.address)).toEqual(['anh.le@example.vn']);

    for (const session of [agent, supervisor]) {
      const read = await ctx.app.http.inject({
        method: 'GET',
        url: '/api/v1/admin/email/suppressions',
        headers: as(session),
      });
      expect(read.statusCode).toBe(403);
      const remove = await ctx.app.http.inject({
        method: 'DELETE',
        url: '/api/v1/admin/email/suppressions/anh.le%40example.vn',
        headers: as(session),
      });
      expect(remove.statusCode).toBe(403);
    }
    const anonymous = await ctx.app.http.inject({ method: 'GET', url: '/api/v1/admin/email/suppressions' });
    expect(anonymous.statusCode).toBe(401);

    const invalid = await ctx.app.http.inject({
      method: 'DELETE',
      url: '/api/v1/admin/email/suppressions/not-an-address',
      headers: as(admin, { 'accept-language': 'zh-CN' }),
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error).toMatchObject({
      code: 'EMAIL_ADDRESS_INVALID',
      message: '这不是有效的电子邮件地址。',
    });
    const unknown = await ctx.app.http.inject({
      method: 'DELETE',
      url: '/api/v1/admin/email/suppressions/nobody%40example.vn',
      headers: as(admin, { 'accept-language': 'vi' }),
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toMatchObject({
      code: 'EMAIL_SUPPRESSION_NOT_FOUND',
      message: 'Địa chỉ này không có trong danh sách chặn gửi.',
    });

    const removed = await ctx.app.http.inject({
      method: 'DELETE',
      url: '/api/v1/admin/email/suppressions/Anh.Le%40example.vn',
      headers: as(admin),
    });
    expect(removed.statusCode).toBe(204);
    const { rows: audit } = await ctx.pool.query(
      "SELECT actor_id, target_id FROM audit_log WHERE action = 'email.suppression_removed'",
    );
    expect(audit).toEqual([{ actor_id: admin.userId, target_id: 'anh.le@example.vn' }]);
    // Mail flows to the address again.
    expect(await agentReplies('b-a3', 'Chúng tôi gửi lại sao kê.')).toEqual({ attempted: 1, sent: 1 });
  });
});
