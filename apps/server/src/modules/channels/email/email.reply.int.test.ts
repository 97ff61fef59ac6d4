import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestContext, signInAs, type TestContext } from '../../../../test/harness.ts';
import { startSmtpSink } from '../../../../test/smtp-sink.ts';

let ctx: TestContext;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let port: number;

beforeAll(async () => {
  sink = await startSmtpSink();
  ctx = await createTestContext({ smtpInboundPort: 0, smtpUrl: sink.url });
  port = await ctx.app.inboundSmtp.start();
  const queueId = await ctx.app.routing.createQueue(null, {
    code: 'email-support',
    name: 'Email',
    channels: ['email'],
  });
  await ctx.app.emailChannel.addAddress({ address: 'support@bank.example', queueId, displayName: 'Support' });
});
afterAll(async () => {
  await ctx?.close();
  await sink?.close();
});

async function customerSends(message: SendMailOptions) {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  try {
    await transport.sendMail(message);
  } finally {
    transport.close();
  }
}

describe('agent replies by email', () => {
  it('go out through the pipeline threaded, and the customer answer threads back by the reply token', async () => {
    await customerSends({
      from: 'Wang Fang <wang.fang@example.cn>',
      to: 'support@bank.example',
      subject: '信用卡额度',
      text: '请问如何提高信用卡额度？',
      messageId: '<q-1@example.cn>',
    });
    const conversationId = (
      await ctx.pool.query("SELECT conversation_id FROM email_messages WHERE message_id = '<q-1@example.cn>'")
    ).rows[0].conversation_id as string;
    const agent = await ctx.app.staff.createUser(null, {
      username: 'email.agent',
      displayName: 'Agent',
      password: 'Correct-Horse-9',
      roles: ['agent'],
    });
    await ctx.app.conversations.postMessage({
      conversationId,
      authorType: 'agent',
      authorId: agent.id,
      clientId: 'a-1',
      kind: 'text',
      body: '您好，您可以在手机银行中申请提高额度。',
    });
    // An internal note never leaves the bank.
    await ctx.app.conversations.postMessage({
      conversationId,
      authorType: 'agent',
      authorId: agent.id,
      clientId: 'a-2',
      kind: 'note',
      body: 'VIP customer',
    });
    await ctx.app.events.dispatchPending();
    await ctx.app.events.dispatchPending();
    expect(await ctx.app.notifications.processDue()).toEqual({ attempted: 1, sent: 1 });
    expect(sink.received).toHaveLength(1);
    const mail = sink.received[0]?.parsed;
    expect(mail?.subject).toBe('Re: 信用卡额度');
    expect(mail?.text?.trim()).toBe('您好，您可以在手机银行中申请提高额度。');
    expect(mail?.inReplyTo).toBe('<q-1@example.cn>');
    expect(mail?.references).toBe('<q-1@example.cn>');
    expect(sink.received[0]?.envelopeTo).toEqual(['wang.fang@example.cn']);
    expect(mail?.headers.has('auto-submitted')).toBe(false);
    const replyTo = mail?.replyTo?.value[0]?.address as string;
    expect(replyTo).toMatch(/^support\+r[A-Za-z0-9_-]{44}@bank\.example$/);
    const out = await ctx.pool.query(
      "SELECT message_id FROM email_messages WHERE conversation_id = $1 AND direction = 'out'",
      [conversationId],
    );
    expect(out.rows.map((r) => r.message_id)).toEqual([mail?.messageId]);

    // The customer's client drops the headers: the token alone threads the answer.
    await customerSends({
      from: 'wang.fang@example.cn',
      to: replyTo,
      subject: '谢谢',
      text: '好的，谢谢！',
      messageId: '<q-2@example.cn>',
    });
    const threaded = (
      await ctx.pool.query("SELECT conversation_id FROM email_messages WHERE message_id = '<q-2@example.cn>'")
    ).rows[0].conversation_id;
    expect(threaded).toBe(conversationId);

    // The desk's view: the assignee's supervisor reads it, another agent gets 404.
    const supervisor = await signInAs(ctx, { username: 'email.sup', roles: ['supervisor'] });
    const other = await signInAs(ctx, { username: 'email.other', roles: ['agent'] });
    const thread = await ctx.app.http.inject({
      method: 'GET',
      url: `/api/v1/conversations/${conversationId}/email`,
      headers: as(supervisor),
    });
    expect(thread.statusCode).toBe(200);
    expect(
      thread.json().items.map((m: { direction: string; subject: string }) => [m.direction, m.subject]),
    ).toEqual([
      ['in', '信用卡额度'],
      ['out', 'Re: 信用卡额度'],
      ['in', '谢谢'],
    ]);
    const refused = await ctx.app.http.inject({
      method: 'GET',
      url: `/api/v1/conversations/${conversationId}/email`,
      headers: as(other),
    });
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.code).toBe('CONVERSATION_NOT_FOUND');

    // Dispatching again sends nothing more.
    await ctx.app.events.dispatchPending();
    await ctx.app.notifications.processDue();
    expect(sink.received).toHaveLength(1);
  });

  it('send the files the agent attached before the reply with it, once', async () => {
    await customerSends({
      from: 'Le Anh <anh.le@example.vn>',
      to: 'support@bank.example',
      subject: 'Xin sao kê',
      text: 'Gửi tôi sao kê tháng 10.',
      messageId: '<att-1@example.vn>',
    });
    const conversationId = (
      await ctx.pool.query(
        "SELECT conversation_id FROM email_messages WHERE message_id = '<att-1@example.vn>'",
      )
    ).rows[0].conversation_id as string;
    const agent = await ctx.app.staff.createUser(null, {
      username: 'email.agent2',
      displayName: 'Agent',
      password: 'Correct-Horse-9',
      roles: ['agent'],
    });
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2048, 0x20)]);
    await ctx.app.attachments.storeAttachment({
      conversationId,
      uploaderType: 'agent',
      uploaderId: agent.id,
      clientId: 'att-f1',
      fileName: 'sao-ke-10.pdf',
      data: pdf,
    });
    const before = sink.received.length;
    for (const [clientId, body] of [
      ['att-a1', '您好，附件是您的对账单。'],
      ['att-a2', 'Không có tệp nào ở thư này.'],
    ]) {
      await ctx.app.conversations.postMessage({
        conversationId,
        authorType: 'agent',
        authorId: agent.id,
        clientId: clientId as string,
        kind: 'text',
        body: body as string,
      });
    }
    await ctx.app.events.dispatchPending();
    await ctx.app.events.dispatchPending();
    expect(await ctx.app.notifications.processDue()).toEqual({ attempted: 2, sent: 2 });
    const mails = sink.received.slice(before).map((m) => m.parsed);
    const withFile = mails.find((m) => m.text?.includes('附件'));
    const without = mails.find((m) => m.text?.includes('Không có tệp'));
    expect(withFile?.attachments.map((a) => [a.filename, a.contentType, a.content.equals(pdf)])).toEqual([
      ['sao-ke-10.pdf', 'application/pdf', true],
    ]);
    expect(withFile?.inReplyTo).toBe('<att-1@example.vn>');
    expect(without?.attachments).toEqual([]);
  });

  it('from the email box go through the relay as text + HTML, with CC in the header and BCC only in the envelope', async () => {
    await customerSends({
      from: 'Tran Binh <tran.binh@example.vn>',
      to: 'support@bank.example',
      subject: 'Lãi suất',
      text: 'Lãi suất tiết kiệm 12 tháng?',
      messageId: '<relay-1@example.vn>',
    });
    const conversationId = (
      await ctx.pool.query(
        "SELECT conversation_id FROM email_messages WHERE message_id = '<relay-1@example.vn>'",
      )
    ).rows[0].conversation_id as string;
    const agent = await signInAs(ctx, { username: 'email.rich.relay', roles: ['agent'] });
    await ctx.pool.query('UPDATE conversations SET assignee_id = $2 WHERE id = $1', [
      conversationId,
      agent.userId,
    ]);
    const posted = await ctx.app.http.inject({
      method: 'POST',
      url: `/api/v1/conversations/${conversationId}/email/reply`,
      headers: as(agent),
      payload: {
        clientId: 'relay-a1',
        html: '<p>Lãi suất là <strong>5,2 %</strong>/năm.</p>',
        cc: ['branch@bank.example'],
        bcc: ['audit@bank.example'],
      },
    });
    expect(posted.statusCode).toBe(201);
    const before = sink.received.length;
    await ctx.app.events.dispatchPending();
    await ctx.app.events.dispatchPending();
    expect(await ctx.app.notifications.processDue()).toEqual({ attempted: 1, sent: 1 });
    const received = sink.received.slice(before);
    expect(received).toHaveLength(1);
    const mail = received[0]?.parsed;
    expect(mail?.inReplyTo).toBe('<relay-1@example.vn>');
    expect(mail?.text?.trim()).toBe('Lãi suất là 5,2 %/năm.');
    expect(mail?.html).toContain('<strong>5,2 %</strong>');
    expect(mail?.cc && !Array.isArray(mail.cc) ? mail.cc.value.map((a) => a.address) : []).toEqual([
      'branch@bank.example',
    ]);
    expect(mail?.headers.has('bcc')).toBe(false);
    expect([...(received[0]?.envelopeTo ?? [])].sort()).toEqual([
      'audit@bank.example',
      'branch@bank.example',
      'tran.binh@example.vn',
    ]);
  });
});
