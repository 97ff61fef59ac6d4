import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/harness.ts';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

let ctx: TestContext;
let port: number;
let supportQueue: string;
let complaintsQueue: string;

/** Sends through the built-in server with nodemailer (a real SMTP client). */
async function send(message: SendMailOptions & { envelope?: { from: string; to: string[] } }) {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  try {
    return await transport.sendMail(message);
  } finally {
    transport.close();
  }
}

const messagesOf = async (conversationId: string) =>
  (
    await ctx.pool.query(
      'SELECT author_type, kind, body, attachment FROM conversation_messages WHERE conversation_id = $1 ORDER BY seq',
      [conversationId],
    )
  ).rows;

beforeAll(async () => {
  ctx = await createTestContext({ smtpInboundPort: 0, smtpInboundMaxBytes: 200_000 });
  port = await ctx.app.inboundSmtp.start();
  supportQueue = await ctx.app.routing.createQueue(null, {
    code: 'email-support',
    name: 'Email',
    channels: ['email'],
  });
  complaintsQueue = await ctx.app.routing.createQueue(null, {
    code: 'email-complaints',
    name: 'Complaints',
    channels: ['email'],
  });
  await ctx.app.emailChannel.addAddress({
    address: 'support@bank.example',
    queueId: supportQueue,
    displayName: 'Support',
  });
  await ctx.app.emailChannel.addAddress({
    address: 'Complaints@bank.example',
    queueId: complaintsQueue,
    displayName: 'Complaints',
  });
});
afterAll(async () => {
  await ctx?.close();
});

describe('inbound email (built-in SMTP server)', () => {
  it('files a mail as an email conversation in the queue, card masked', async () => {
    const customer = await ctx.app.customers.createCustomer({
      customerNo: 'C9001',
      fullName: 'Lê Minh Anh',
      preferredLanguage: 'vi',
      emails: ['anh.le@example.vn'],
    });
    const info = await send({
      from: 'anh.le@example.vn',
      to: 'support@bank.example',
      subject: 'Thẻ bị khóa',
      messageId: '<swaks-1@example.vn>',
      text: 'Thẻ 4111 1111 1111 1111 của tôi bị khóa, giúp tôi với.',
    });
    expect(info.response).toMatch(/^250 /);
    const row = (
      await ctx.pool.query(
        "SELECT conversation_id, kind, subject FROM email_messages WHERE message_id = '<swaks-1@example.vn>'",
      )
    ).rows[0];
    expect(row).toMatchObject({ kind: 'message', subject: 'Thẻ bị khóa' });
    const conversation = (
      await ctx.pool.query(
        'SELECT channel, status, queue_id, customer_id, language, topic FROM conversations WHERE id = $1',
        [row.conversation_id],
      )
    ).rows[0];
    expect(conversation).toMatchObject({
      channel: 'email',
      status: 'queued',
      queue_id: supportQueue,
      customer_id: customer.id,
      language: 'vi',
      topic: 'Thẻ bị khóa',
    });
    const [message] = await messagesOf(row.conversation_id);
    expect(message.body).toContain('Thẻ bị khóa');
    expect(message.body).toContain('4111 11** **** 1111');
    expect(message.body).not.toContain('4111 1111 1111 1111');
    const routed = await ctx.pool.query(
      'SELECT queue_id, channel FROM routing_work_items WHERE ref_id = $1',
      [row.conversation_id],
    );
    expect(routed.rows[0]).toMatchObject({ queue_id: supportQueue, channel: 'email' });
  });

  it('masks a card number in the subject and the HTML it stores and shows, not only in the message', async () => {
    await send({
      from: 'pan.html@example.vn',
      to: 'support@bank.example',
      subject: 'Thẻ 4111 1111 1111 1111 bị trừ tiền hai lần',
      messageId: '<pan-html@example.vn>',
      text: 'Xem thư HTML.',
      html: '<p>Thẻ <b>4111 1111 1111 1111</b> bị trừ tiền hai lần.</p>',
    });
    const { rows } = await ctx.pool.query(
      `SELECT m.subject, m.html, c.topic FROM email_messages m JOIN conversations c ON c.id = m.conversation_id
       WHERE m.message_id = '<pan-html@example.vn>'`,
    );
    expect(rows[0].subject).toBe('Thẻ 4111 11** **** 1111 bị trừ tiền hai lần');
    expect(rows[0].topic).toBe(rows[0].subject);
    expect(rows[0].html).toContain('<b>4111 11** **** 1111</b>');
    expect(JSON.stringify(rows)).not.toContain('4111 1111 1111 1111');
  });

  it('routes complaints@ to the complaints queue and refuses unknown recipients with 550', async () => {
    const info = await send({
      from: 'Wang Fang <wang.fang@example.cn>',
      to: 'complaints@bank.example',
      subject: '投诉：服务态度',
      text: '我要投诉。',
      messageId: '<c-1@example.cn>',
    });
    expect(info.accepted).toEqual(['complaints@bank.example']);
    const row = (
      await ctx.pool.query("SELECT conversation_id FROM email_messages WHERE message_id = '<c-1@example.cn>'")
    ).rows[0];
    const conversation = (
      await ctx.pool.query('SELECT queue_id, language FROM conversations WHERE id = $1', [
        row.conversation_id,
      ])
    ).rows[0];
    expect(conversation).toEqual({ queue_id: complaintsQueue, language: 'zh-CN' });

    await expect(
      send({ from: 'x@example.vn', to: 'nobody@bank.example', subject: 'x', text: 'x' }),
    ).rejects.toMatchObject({ responseCode: 550 });
  });

  it('refuses oversized mail at SMTP time with 552', async () => {
    await expect(
      send({
        from: 'big@example.vn',
        to: 'support@bank.example',
        subject: 'big',
        text: 'x'.repeat(300_000),
        messageId: '<big@example.vn>',
      }),
    ).rejects.toMatchObject({ responseCode: 552 });
    const stored = await ctx.pool.query("SELECT 1 FROM email_messages WHERE message_id = '<big@example.vn>'");
    expect(stored.rows).toHaveLength(0);
  });

  it('threads by In-Reply-To and by a valid reply token, never by a forged or truncated one; dedupes by Message-ID', async () => {
    await send({
      from: 'binh@example.vn',
      to: 'support@bank.example',
      subject: 'Hỏi về khoản vay',
      text: 'Lãi suất bao nhiêu?',
      messageId: '<t-1@example.vn>',
    });
    const first = (
      await ctx.pool.query("SELECT conversation_id FROM email_messages WHERE message_id = '<t-1@example.vn>'")
    ).rows[0].conversation_id as string;

    await send({
      from: 'binh@example.vn',
      to: 'support@bank.example',
      subject: 'Re: Hỏi về khoản vay',
      text: 'Còn phí nữa?\n\nOn Mon, 2 Mar 2026, support@bank.example wrote:\n> Lãi suất bao nhiêu?',
      messageId: '<t-2@example.vn>',
      inReplyTo: '<t-1@example.vn>',
      references: ['<t-1@example.vn>'],
    });
    const byHeader = (
      await ctx.pool.query("SELECT conversation_id FROM email_messages WHERE message_id = '<t-2@example.vn>'")
    ).rows[0].conversation_id;
    expect(byHeader).toBe(first);
    const bodies = (await messagesOf(first)).map((m) => m.body);
    expect(bodies[1]).toBe('Re: Hỏi về khoản vay\n\nCòn phí nữa?');

    const reply = await ctx.app.emailChannel.replyAddress('support@bank.example', first);
    expect(reply).toMatch(/^support\+r[A-Za-z0-9_-]{44}@bank\.example$/);
    await send({
      from: 'binh@example.vn',
      to: reply,
      subject: 'no headers',
      text: 'token only',
      messageId: '<t-3@example.vn>',
    });
    const byToken = (
      await ctx.pool.query("SELECT conversation_id FROM email_messages WHERE message_id = '<t-3@example.vn>'")
    ).rows[0].conversation_id;
    expect(byToken).toBe(first);

    const token = reply.slice('support+'.length, reply.indexOf('@'));
    const forged = `support+${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}@bank.example`;
    const truncated = `support+${token.slice(0, 30)}@bank.example`;
    for (const [to, id] of [
      [forged, '<t-4@example.vn>'],
      [truncated, '<t-5@example.vn>'],
    ] as const) {
      await send({ from: 'binh@example.vn', to, subject: 'try', text: 'try', messageId: id });
      const other = (
        await ctx.pool.query('SELECT conversation_id FROM email_messages WHERE message_id = $1', [id])
      ).rows[0].conversation_id;
      expect(other).not.toBe(first);
    }

    const before = (await messagesOf(first)).length;
    await send({
      from: 'binh@example.vn',
      to: 'support@bank.example',
      subject: 'again',
      text: 'dup',
      messageId: '<t-3@example.vn>',
    });
    expect(await messagesOf(first)).toHaveLength(before);
  });

  it('never queues auto-replies or bounces', async () => {
    const conversationsBefore = (await ctx.pool.query('SELECT count(*)::int AS n FROM conversations')).rows[0]
      .n;
    await send({
      from: 'away@example.vn',
      to: 'support@bank.example',
      subject: 'Out of office',
      text: 'I am away',
      messageId: '<ooo@example.vn>',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    await send({
      from: 'list@example.vn',
      to: 'support@bank.example',
      subject: 'Newsletter',
      text: 'bulk',
      messageId: '<bulk@example.vn>',
      headers: { Precedence: 'bulk' },
    });
    await send({
      envelope: { from: '', to: ['support@bank.example'] },
      from: 'MAILER-DAEMON@mx.example.vn',
      to: 'support@bank.example',
      subject: 'Undelivered Mail Returned to Sender',
      messageId: '<dsn@mx.example.vn>',
      text: 'bounce',
    });
    const kinds = (
      await ctx.pool.query(
        "SELECT message_id, kind, conversation_id FROM email_messages WHERE message_id IN ('<ooo@example.vn>', '<bulk@example.vn>', '<dsn@mx.example.vn>') ORDER BY message_id",
      )
    ).rows;
    expect(kinds).toEqual([
      { message_id: '<bulk@example.vn>', kind: 'auto_reply', conversation_id: null },
      { message_id: '<dsn@mx.example.vn>', kind: 'bounce', conversation_id: null },
      { message_id: '<ooo@example.vn>', kind: 'auto_reply', conversation_id: null },
    ]);
    expect((await ctx.pool.query('SELECT count(*)::int AS n FROM conversations')).rows[0].n).toBe(
      conversationsBefore,
    );
  });

  it('sanitizes HTML for display and stores attachments content-sniffed', async () => {
    await send({
      from: 'chi@example.vn',
      to: 'support@bank.example',
      subject: 'Ảnh chụp',
      text: 'Xem ảnh đính kèm',
      html: '<p onclick="steal()">Xem ảnh<script>alert(1)</script><img src="https://tracker.example/x.gif"></p>',
      messageId: '<att-1@example.vn>',
      attachments: [
        { filename: 'screen.png', content: PNG },
        { filename: 'invoice.exe', content: Buffer.from('MZ\x90\x00not really') },
      ],
    });
    const row = (
      await ctx.pool.query(
        "SELECT conversation_id, html FROM email_messages WHERE message_id = '<att-1@example.vn>'",
      )
    ).rows[0];
    expect(row.html).toBe('<p>Xem ảnh</p>');
    const messages = await messagesOf(row.conversation_id);
    expect(messages.map((m) => m.kind)).toEqual(['text', 'attachment']);
    expect(messages[1].attachment).toMatchObject({ name: 'screen.png', contentType: 'image/png' });
  });
});
