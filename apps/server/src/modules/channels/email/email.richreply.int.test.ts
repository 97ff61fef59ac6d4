import { simpleParser } from 'mailparser';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestContext, type Session, signInAs, type TestContext } from '../../../../test/harness.ts';
import { htmlToText } from './email.reply.ts';

// No relay: replies go to the local mailbox, whose raw RFC 5322 message the test parses.
let ctx: TestContext;
let port: number;

beforeAll(async () => {
  ctx = await createTestContext({ smtpInboundPort: 0 });
  port = await ctx.app.inboundSmtp.start();
  const queueId = await ctx.app.routing.createQueue(null, {
    code: 'email-rich',
    name: 'Email',
    channels: ['email'],
  });
  await ctx.app.emailChannel.addAddress({ address: 'support@bank.example', queueId, displayName: 'Support' });
});
afterAll(async () => {
  await ctx?.close();
});

async function customerWrites(message: SendMailOptions): Promise<string> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  try {
    await transport.sendMail(message);
  } finally {
    transport.close();
  }
  return (
    await ctx.pool.query('SELECT conversation_id FROM email_messages WHERE message_id = $1', [
      message.messageId,
    ])
  ).rows[0].conversation_id as string;
}

const assign = (conversationId: string, agent: Session) =>
  ctx.pool.query('UPDATE conversations SET assignee_id = $2 WHERE id = $1', [conversationId, agent.userId]);

const reply = (session: Session, conversationId: string, body: object, language?: string) =>
  ctx.app.http.inject({
    method: 'POST',
    url: `/api/v1/conversations/${conversationId}/email/reply`,
    headers: { ...as(session), ...(language ? { 'accept-language': language } : {}) },
    payload: body,
  });

describe('htmlToText', () => {
  it('keeps paragraphs, lists and links as readable text', () => {
    expect(
      htmlToText(
        '<p>Hello <strong>Anh</strong>,</p><ul><li>one</li><li>two</li></ul><ol><li>first</li></ol>' +
          '<p>See <a href="https://bank.example/fees">fees</a> &amp; more<br>Thanks</p>',
      ),
    ).toBe('Hello Anh,\n\n- one\n- two\n\n1. first\n\nSee fees (https://bank.example/fees) & more\nThanks');
  });
});

describe('the desk email box', () => {
  it('sends a sanitized multipart/alternative reply with CC and BCC to the mailbox', async () => {
    const conversationId = await customerWrites({
      from: 'Le Anh <anh.le@example.vn>',
      to: 'support@bank.example',
      subject: 'Phí thẻ',
      text: 'Phí thường niên là bao nhiêu?',
      messageId: '<rich-1@example.vn>',
    });
    const agent = await signInAs(ctx, { username: 'rich.agent', roles: ['agent'] });
    await assign(conversationId, agent);
    const html =
      '<p>Xin chào <strong>chị Anh</strong>,</p><ul><li>Thẻ chuẩn: <em>miễn phí</em></li></ul>' +
      '<p><a href="https://bank.example/phi">Biểu phí</a></p><script>alert(1)</script>' +
      '<img src="https://tracker.example/p.gif"><p onclick="x()">Trân trọng</p>';
    const posted = await reply(agent, conversationId, {
      clientId: 'rich-a1',
      html,
      cc: ['Branch.Manager@bank.example', ' branch.manager@bank.example '],
      bcc: ['audit@bank.example'],
    });
    expect(posted.statusCode).toBe(201);
    const message = posted.json().message;
    expect(message.body).toBe(
      'Xin chào chị Anh,\n\n- Thẻ chuẩn: miễn phí\n\nBiểu phí (https://bank.example/phi)\n\nTrân trọng',
    );
    // A retry with the same client id answers the stored message and queues nothing more.
    const again = await reply(agent, conversationId, { clientId: 'rich-a1', html, cc: ['x@bank.example'] });
    expect(again.statusCode).toBe(200);
    expect(again.json().message.id).toBe(message.id);

    await ctx.app.events.dispatchPending();
    await ctx.app.events.dispatchPending();
    expect(await ctx.app.notifications.processDue()).toEqual({ attempted: 1, sent: 1 });
    const stored = await ctx.pool.query(
      "SELECT to_addresses, cc_addresses, raw FROM mailbox_messages WHERE subject = 'Re: Phí thẻ'",
    );
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0].to_addresses).toEqual(['anh.le@example.vn']);
    expect(stored.rows[0].cc_addresses).toEqual(['branch.manager@bank.example']);
    const raw = stored.rows[0].raw as string;
    expect(raw).toMatch(/^Content-Type: multipart\/alternative;/m);
    expect(raw).toMatch(/^Cc: branch\.manager@bank\.example\r?$/m);
    // The local mailbox is the bank's sent copy, so it records the BCC (like a Sent folder); through
    // a relay the header is dropped and BCC is an envelope recipient only (email.reply.int.test.ts).
    expect(raw).toMatch(/^Bcc: audit@bank\.example\r?$/m);
    const mail = await simpleParser(raw);
    expect(mail.inReplyTo).toBe('<rich-1@example.vn>');
    expect(mail.text?.trim()).toBe(message.body);
    expect(mail.html).toContain('<strong>chị Anh</strong>');
    expect(mail.html).toMatch(/<a href="https:\/\/bank\.example\/phi"[^>]*>Biểu phí<\/a>/);
    expect(mail.html).not.toMatch(/script|onclick|tracker\.example/);
    // Admin · Mailbox shows the HTML part.
    const admin = await signInAs(ctx, { username: 'rich.admin', roles: ['admin'] });
    const id = (await ctx.pool.query("SELECT id FROM mailbox_messages WHERE subject = 'Re: Phí thẻ'")).rows[0]
      .id;
    const viewed = await ctx.app.http.inject({
      method: 'GET',
      url: `/api/v1/admin/mailbox/${id}`,
      headers: as(admin),
    });
    expect(viewed.statusCode).toBe(200);
    expect(viewed.json().html).toContain('<strong>chị Anh</strong>');
    expect(viewed.json().text.trim()).toBe(message.body);
    // The pipeline carries the BCC to the relay (the notification's composed email).
    const queued = await ctx.pool.query(
      "SELECT email FROM notifications WHERE conversation_id = $1 AND template_key = 'conversation_reply'",
      [conversationId],
    );
    expect(queued.rows.map((r) => [r.email.cc, r.email.bcc])).toEqual([
      [['branch.manager@bank.example'], ['audit@bank.example']],
    ]);
    // The desk's thread shows our reply with its CC and HTML.
    const thread = await ctx.app.http.inject({
      method: 'GET',
      url: `/api/v1/conversations/${conversationId}/email`,
      headers: as(agent),
    });
    const out = thread.json().items.find((m: { direction: string }) => m.direction === 'out');
    expect(out.cc).toEqual(['branch.manager@bank.example']);
    expect(out.html).toContain('<strong>chị Anh</strong>');
  });

  it('refuses bad copies in the agent language and stores nothing', async () => {
    const conversationId = await customerWrites({
      from: 'wang.fang@example.cn',
      to: 'support@bank.example',
      subject: '额度',
      text: '你好',
      messageId: '<rich-2@example.cn>',
    });
    const agent = await signInAs(ctx, { username: 'rich.agent2', roles: ['agent'] });
    await assign(conversationId, agent);
    const cases: [object, string, string, RegExp][] = [
      [
        { cc: ['x@bank.example\r\nBcc: evil@attacker.example'] },
        'en',
        'EMAIL_REPLY_ADDRESS_INVALID',
        /CC address/,
      ],
      [{ bcc: ['not-an-address'] }, 'zh-CN', 'EMAIL_REPLY_ADDRESS_INVALID', /BCC 地址“not-an-address”/],
      [
        { cc: Array.from({ length: 21 }, (_, i) => `c${i}@bank.example`) },
        'vi',
        'EMAIL_REPLY_TOO_MANY_COPIES',
        /tối đa 20/,
      ],
      [{ html: '<p> </p><script>x</script>' }, 'en', 'CONVERSATION_MESSAGE_EMPTY', /./],
    ];
    for (const [extra, language, code, text] of cases) {
      const res = await reply(
        agent,
        conversationId,
        { clientId: `bad-${code}`, html: '<p>Hi</p>', ...extra },
        language,
      );
      expect(res.statusCode, code).toBe(400);
      expect(res.json().error.code).toBe(code);
      expect(res.json().error.message).toMatch(text);
    }
    const messages = await ctx.pool.query(
      "SELECT count(*)::int AS n FROM conversation_messages WHERE conversation_id = $1 AND author_type = 'agent'",
      [conversationId],
    );
    expect(messages.rows[0].n).toBe(0);
    const options = await ctx.pool.query(
      'SELECT count(*)::int AS n FROM email_reply_options WHERE conversation_id = $1',
      [conversationId],
    );
    expect(options.rows[0].n).toBe(0);
  });

  it('lets only the assignee reply, and only in an email conversation', async () => {
    const conversationId = await customerWrites({
      from: 'tran.binh@example.vn',
      to: 'support@bank.example',
      subject: 'Khoản vay',
      text: 'Xin chào',
      messageId: '<rich-3@example.vn>',
    });
    const assignee = await signInAs(ctx, { username: 'rich.assignee', roles: ['agent'] });
    await assign(conversationId, assignee);
    const other = await signInAs(ctx, { username: 'rich.other', roles: ['agent'] });
    const supervisor = await signInAs(ctx, { username: 'rich.sup', roles: ['supervisor'] });
    for (const session of [other, supervisor]) {
      const res = await reply(session, conversationId, { clientId: 'x1', html: '<p>Hi</p>' });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('CONVERSATION_NOT_FOUND');
    }
    const anonymous = await ctx.app.http.inject({
      method: 'POST',
      url: `/api/v1/conversations/${conversationId}/email/reply`,
      payload: { clientId: 'x2', html: '<p>Hi</p>' },
    });
    expect(anonymous.statusCode).toBe(401);
    // A chat conversation keeps its plain messages: the email box refuses it.
    await ctx.pool.query("UPDATE conversations SET channel = 'chat' WHERE id = $1", [conversationId]);
    const chat = await reply(assignee, conversationId, { clientId: 'x3', html: '<p>Hi</p>' });
    expect(chat.statusCode).toBe(409);
    expect(chat.json().error.code).toBe('EMAIL_REPLY_NOT_EMAIL');
  });
});
