import { simpleParser } from 'mailparser';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestContext, type Session, signInAs, type TestContext } from '../../../../test/harness.ts';

// Templates and signatures per queue and language (decision 0011). No relay: replies go to the local
// mailbox, whose raw RFC 5322 message the test parses (as email.richreply.int.test.ts).
let ctx: TestContext;
let port: number;
let admin: Session;
let superA: Session;
let superB: Session;
let agent: Session;
let teamA: string;
let queueA: string;
let queueB: string;

const call = (session: Session | null, method: string, url: string, payload?: unknown, language?: string) =>
  ctx.app.http.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    payload: payload as object,
    headers: {
      ...(session ? as(session) : {}),
      ...(language ? { 'accept-language': language } : {}),
    },
  });

const rows = async (query: string, params: unknown[] = []) => (await ctx.pool.query(query, params)).rows;

beforeAll(async () => {
  ctx = await createTestContext({ smtpInboundPort: 0 });
  port = await ctx.app.inboundSmtp.start();
  teamA = (await ctx.app.staff.createTeam(null, { name: 'Cards email' })).id;
  const teamB = (await ctx.app.staff.createTeam(null, { name: 'Loans email' })).id;
  queueA = await ctx.app.routing.createQueue(null, {
    code: 'email-cards',
    name: 'Cards email',
    channels: ['email'],
  });
  queueB = await ctx.app.routing.createQueue(null, {
    code: 'email-loans',
    name: 'Loans',
    channels: ['email'],
  });
  await ctx.app.emailChannel.addAddress({
    address: 'cards@bank.example',
    queueId: queueA,
    displayName: 'Cards',
  });
  await ctx.app.emailChannel.addAddress({
    address: 'loans@bank.example',
    queueId: queueB,
    displayName: 'Loans',
  });
  admin = await signInAs(ctx, { username: 'tpl.admin', roles: ['admin'] });
  superA = await signInAs(ctx, { username: 'tpl.super.a', roles: ['supervisor'], teamIds: [teamA] });
  superB = await signInAs(ctx, { username: 'tpl.super.b', roles: ['supervisor'], teamIds: [teamB] });
  agent = await signInAs(ctx, { username: 'tpl.agent', roles: ['agent'], teamIds: [teamA] });
  // The queue's owning team is set on Admin · Queues.
  const owned = await call(admin, 'PATCH', `/admin/queues/${queueA}`, { teamId: teamA });
  expect(owned.statusCode).toBe(200);
  expect(owned.json().teamId).toBe(teamA);
});
afterAll(async () => ctx?.close());

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

const template = (queueId: string | null, name: string) => ({
  queueId,
  name,
  subjects: { en: 'About your card' },
  bodies: { en: '<p>Dear {customerName},</p>', vi: '<p>Kính gửi {customerName},</p>' },
});

describe('Admin · Queues owning team', () => {
  it('refuses an unknown team and shows the owner in the list', async () => {
    const bad = await call(admin, 'PATCH', `/admin/queues/${queueB}`, { teamId: crypto.randomUUID() });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('STAFF_TEAM_NOT_FOUND');
    expect((await rows('SELECT team_id FROM routing_queues WHERE id = $1', [queueB]))[0].team_id).toBeNull();
    const list = await call(admin, 'GET', '/admin/queues');
    expect(list.json().items.find((q: { id: string }) => q.id === queueA).teamId).toBe(teamA);
  });
});

describe('email templates: authorization', () => {
  it('lets an administrator write global and any queue’s templates, audited', async () => {
    const global = await call(admin, 'POST', '/admin/email/templates', template(null, 'Greeting'));
    expect(global.statusCode).toBe(201);
    expect(global.json()).toMatchObject({ queueId: null, name: 'Greeting', active: true });
    const forB = await call(admin, 'POST', '/admin/email/templates', template(queueB, 'Loan offer'));
    expect(forB.statusCode).toBe(201);
    const stored = await rows('SELECT queue_id, name, bodies FROM email_templates ORDER BY name');
    expect(stored).toEqual([
      { queue_id: null, name: 'Greeting', bodies: template(null, '').bodies },
      { queue_id: queueB, name: 'Loan offer', bodies: template(null, '').bodies },
    ]);
    const audited = await rows(
      "SELECT target_id FROM audit_log WHERE action = 'email.template_created' ORDER BY seq",
    );
    expect(audited.map((r) => r.target_id)).toEqual([global.json().id, forB.json().id]);
  });

  it('lets the supervisor of the owning team write, and nobody else below admin', async () => {
    const mine = await call(superA, 'POST', '/admin/email/templates', template(queueA, 'Card fee'));
    expect(mine.statusCode).toBe(201);
    const id = mine.json().id as string;
    const edited = await call(superA, 'PATCH', `/admin/email/templates/${id}`, { active: false });
    expect(edited.statusCode).toBe(200);
    expect((await rows('SELECT active FROM email_templates WHERE id = $1', [id]))[0].active).toBe(false);

    // Another team's supervisor: neither on this queue nor on the global ones.
    for (const [method, url, body] of [
      ['POST', '/admin/email/templates', template(queueA, 'Other')],
      ['POST', '/admin/email/templates', template(null, 'Other')],
      ['PATCH', `/admin/email/templates/${id}`, { name: 'Taken over' }],
      ['DELETE', `/admin/email/templates/${id}`, undefined],
    ] as const) {
      const res = await call(superB, method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().error.code).toBe('AUTH_FORBIDDEN');
    }
    // The owning supervisor cannot write global ones either (administrators only).
    expect((await call(superA, 'POST', '/admin/email/templates', template(null, 'G2'))).statusCode).toBe(403);
    // An agent cannot write at all; signed out is 401.
    const byAgent = await call(agent, 'POST', '/admin/email/templates', template(queueA, 'Mine'));
    expect(byAgent.statusCode).toBe(403);
    expect((await call(agent, 'GET', '/admin/email/templates')).statusCode).toBe(403);
    const signedOut = await call(null, 'POST', '/admin/email/templates', template(queueA, 'Anon'));
    expect(signedOut.statusCode).toBe(401);
    expect((await call(null, 'GET', '/admin/email/templates')).statusCode).toBe(401);
    expect(await rows("SELECT 1 FROM email_templates WHERE name IN ('Other', 'G2', 'Mine', 'Anon')")).toEqual(
      [],
    );
    expect((await rows('SELECT name FROM email_templates WHERE id = $1', [id]))[0].name).toBe('Card fee');

    // A supervisor lists the global ones and their own queues', not another team's.
    const listA = await call(superA, 'GET', '/admin/email/templates');
    expect(
      listA
        .json()
        .items.map((t: { name: string }) => t.name)
        .sort(),
    ).toEqual(['Card fee', 'Greeting']);
    const listB = await call(superB, 'GET', '/admin/email/templates');
    expect(listB.json().items.map((t: { name: string }) => t.name)).toEqual(['Greeting']);

    const removed = await call(superA, 'DELETE', `/admin/email/templates/${id}`);
    expect(removed.statusCode).toBe(204);
    expect(await rows('SELECT 1 FROM email_templates WHERE id = $1', [id])).toEqual([]);
    expect(
      await rows("SELECT 1 FROM audit_log WHERE action = 'email.template_deleted' AND target_id = $1", [id]),
    ).toHaveLength(1);
  });

  it('applies the same rules to signatures', async () => {
    const byB = await call(superB, 'PUT', '/admin/email/signatures', {
      queueId: queueA,
      language: 'en',
      html: '<p>x</p>',
    });
    expect(byB.statusCode).toBe(403);
    const byAgent = await call(agent, 'PUT', '/admin/email/signatures', {
      queueId: queueA,
      language: 'en',
      html: '<p>x</p>',
    });
    expect(byAgent.statusCode).toBe(403);
    const signedOut = await call(null, 'PUT', '/admin/email/signatures', {
      queueId: queueA,
      language: 'en',
      html: '<p>x</p>',
    });
    expect(signedOut.statusCode).toBe(401);
    expect(await rows('SELECT 1 FROM email_signatures')).toEqual([]);
  });
});

describe('email templates: validation', () => {
  it('answers each bad input with its code, in the caller’s language, and stores nothing', async () => {
    const cases: [unknown, number, string][] = [
      [
        { ...template(queueA, 'Empty'), bodies: { en: '<p> </p><script>x</script>' } },
        400,
        'EMAIL_TEMPLATE_BODY_EMPTY',
      ],
      [{ ...template(queueA, '   ') }, 400, 'EMAIL_TEMPLATE_NAME_REQUIRED'],
      [
        { ...template(queueA, 'Crlf'), subjects: { en: 'Hi\r\nBcc: x@evil.example' } },
        400,
        'EMAIL_TEMPLATE_SUBJECT_INVALID',
      ],
      [template(crypto.randomUUID(), 'No queue'), 400, 'EMAIL_TEMPLATE_QUEUE_NOT_FOUND'],
      [{ ...template(queueA, 'Extra'), color: 'red' }, 400, 'VALIDATION_FAILED'],
      [
        { ...template(queueA, 'Klingon'), bodies: { en: '<p>x</p>', tlh: '<p>y</p>' } },
        400,
        'VALIDATION_FAILED',
      ],
      [template(null, 'Greeting'), 409, 'EMAIL_TEMPLATE_NAME_TAKEN'],
    ];
    for (const [body, status, code] of cases) {
      const res = await call(admin, 'POST', '/admin/email/templates', body, 'vi');
      expect(res.statusCode, code).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
    const vi = await call(admin, 'POST', '/admin/email/templates', template(null, 'Greeting'), 'vi');
    expect(vi.json().error.message).toBe('Hàng đợi này đã có mẫu email cùng tên.');
    expect(
      await rows(
        "SELECT 1 FROM email_templates WHERE name IN ('Empty', 'Crlf', 'No queue', 'Extra', 'Klingon')",
      ),
    ).toEqual([]);
    const missing = await call(admin, 'PATCH', `/admin/email/templates/${crypto.randomUUID()}`, {
      active: true,
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('EMAIL_TEMPLATE_NOT_FOUND');
    const emptySig = await call(admin, 'PUT', '/admin/email/signatures', {
      queueId: queueA,
      language: 'en',
      html: '<img src="https://tracker.example/x.gif">',
    });
    expect(emptySig.statusCode).toBe(400);
    expect(emptySig.json().error.code).toBe('EMAIL_SIGNATURE_EMPTY');
    const badLanguage = await call(admin, 'PUT', '/admin/email/signatures', {
      queueId: queueA,
      language: 'fr',
      html: '<p>x</p>',
    });
    expect(badLanguage.statusCode).toBe(400);
    expect(badLanguage.json().error.code).toBe('VALIDATION_FAILED');
    const noSig = await call(admin, 'DELETE', `/admin/email/signatures/${crypto.randomUUID()}`);
    expect(noSig.json().error.code).toBe('EMAIL_SIGNATURE_NOT_FOUND');
  });

  it('sanitizes the body on save', async () => {
    const res = await call(admin, 'POST', '/admin/email/templates', {
      queueId: queueA,
      name: 'Sanitized',
      bodies: { en: '<p onclick="x()">Hi <strong>there</strong></p><script>alert(1)</script>' },
    });
    expect(res.statusCode).toBe(201);
    const stored = (await rows("SELECT bodies FROM email_templates WHERE name = 'Sanitized'"))[0].bodies;
    expect(stored.en).toBe('<p>Hi <strong>there</strong></p>');
  });
});

describe('the email box: templates and the signature', () => {
  let vietnamese: string;
  let chinese: string;

  beforeAll(async () => {
    // Signatures: queue A in English and Vietnamese, a global one in Chinese.
    for (const [queueId, language, html] of [
      [queueA, 'en', '<p><strong>{agentName}</strong>, {queueName} — {bankName}</p>'],
      [queueA, 'vi', '<p>{agentName}, {queueName} — Ngân hàng {bankName}</p>'],
      [null, 'zh-CN', '<p>{agentName} · {bankName}</p>'],
    ] as const) {
      const res = await call(admin, 'PUT', '/admin/email/signatures', { queueId, language, html });
      expect(res.statusCode).toBe(201);
    }
    // Setting it again replaces it (200), one row per queue and language.
    const again = await call(superA, 'PUT', '/admin/email/signatures', {
      queueId: queueA,
      language: 'vi',
      html: '<p>{agentName}, {queueName} — Trân trọng</p>',
    });
    expect(again.statusCode).toBe(200);
    expect(
      await rows("SELECT html FROM email_signatures WHERE queue_id = $1 AND language = 'vi'", [queueA]),
    ).toEqual([{ html: '<p>{agentName}, {queueName} — Trân trọng</p>' }]);

    vietnamese = await customerWrites({
      from: 'Le Anh <anh.le@example.vn>',
      to: 'cards@bank.example',
      subject: 'Phí thẻ',
      text: 'Phí thường niên là bao nhiêu? Xin cảm ơn ngân hàng.',
      messageId: '<tpl-vi@example.vn>',
    });
    chinese = await customerWrites({
      from: 'Wang Fang <wang@example.cn>',
      to: 'loans@bank.example',
      subject: '贷款',
      text: '我想了解贷款利率，请尽快回复我，谢谢。',
      messageId: '<tpl-zh@example.cn>',
    });
    await ctx.pool.query("UPDATE conversations SET language = 'vi', contact_name = 'Anh <b>' WHERE id = $1", [
      vietnamese,
    ]);
    await ctx.pool.query("UPDATE conversations SET language = 'zh-CN' WHERE id = $1", [chinese]);
    await ctx.pool.query('UPDATE conversations SET assignee_id = $2 WHERE id = ANY($1::uuid[])', [
      [vietnamese, chinese],
      agent.userId,
    ]);
  });

  it('offers the queue’s and global active templates, filled, in the language or English', async () => {
    const res = await call(agent, 'GET', `/conversations/${vietnamese}/email/compose`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.language).toBe('vi');
    const byName = Object.fromEntries(body.templates.map((t: { name: string }) => [t.name, t]));
    // Loan offer (queue B) is not offered; the inactive ones were deleted or are not listed.
    expect(Object.keys(byName).sort()).toEqual(['Greeting', 'Sanitized']);
    // Vietnamese variant, the name escaped into the HTML.
    expect(byName.Greeting).toMatchObject({
      language: 'vi',
      subject: 'About your card',
      html: '<p>Kính gửi Anh &lt;b&gt;,</p>',
    });
    // No Vietnamese variant: English.
    expect(byName.Sanitized).toMatchObject({ language: 'en', html: '<p>Hi <strong>there</strong></p>' });
    expect(body.signature).toEqual({
      language: 'vi',
      html: '<p>tpl.agent, Cards email — Trân trọng</p>',
      text: 'tpl.agent, Cards email — Trân trọng',
    });
    // Queue B has no signature of its own: the global one in the language.
    const zh = (await call(agent, 'GET', `/conversations/${chinese}/email/compose`)).json();
    expect(zh.signature).toMatchObject({ language: 'zh-CN', text: 'tpl.agent · Banyan Bank' });
    expect(zh.templates.map((t: { name: string }) => t.name).sort()).toEqual(['Greeting', 'Loan offer']);
    // Another agent (not working it) does not see the conversation; signed out is 401.
    const other = await signInAs(ctx, { username: 'tpl.agent.2', roles: ['agent'] });
    expect((await call(other, 'GET', `/conversations/${vietnamese}/email/compose`)).statusCode).toBe(404);
    expect((await call(null, 'GET', `/conversations/${vietnamese}/email/compose`)).statusCode).toBe(401);
  });

  it('falls back to the queue’s English signature, then to none', async () => {
    await ctx.pool.query("UPDATE conversations SET language = 'zh-CN' WHERE id = $1", [vietnamese]);
    const zh = (await call(agent, 'GET', `/conversations/${vietnamese}/email/compose`)).json();
    // The queue's English one wins over the global Chinese one.
    expect(zh.signature).toMatchObject({ language: 'en', text: 'tpl.agent, Cards email — Banyan Bank' });
    await ctx.pool.query("UPDATE conversations SET language = 'vi' WHERE id = $1", [vietnamese]);
    await ctx.pool.query("UPDATE conversations SET language = 'en' WHERE id = $1", [chinese]);
    const none = (await call(agent, 'GET', `/conversations/${chinese}/email/compose`)).json();
    expect(none.signature).toBeNull();
    await ctx.pool.query("UPDATE conversations SET language = 'zh-CN' WHERE id = $1", [chinese]);
  });

  it('appends the signature exactly once to the sent mail, and not when unticked', async () => {
    const reply = (conversationId: string, body: object) =>
      call(agent, 'POST', `/conversations/${conversationId}/email/reply`, body);
    const first = await reply(vietnamese, {
      clientId: 'tpl-r1',
      html: '<p>Phí là <strong>0 đ</strong>.</p>',
    });
    expect(first.statusCode).toBe(201);
    // The conversation message is what the agent wrote; the signature belongs to the mail.
    expect(first.json().message.body).toBe('Phí là 0 đ.');
    // A retry answers the stored message and adds nothing.
    expect(
      (await reply(vietnamese, { clientId: 'tpl-r1', html: '<p>Phí là <strong>0 đ</strong>.</p>' }))
        .statusCode,
    ).toBe(200);
    const unsigned = await reply(chinese, {
      clientId: 'tpl-r2',
      html: '<p>利率为 5%。</p>',
      addSignature: false,
    });
    expect(unsigned.statusCode).toBe(201);
    await ctx.app.events.dispatchPending();
    await ctx.app.events.dispatchPending();
    expect(await ctx.app.notifications.processDue()).toEqual({ attempted: 2, sent: 2 });

    const signature = 'tpl.agent, Cards email — Trân trọng';
    const count = (text: string | null | undefined, needle: string) => (text ?? '').split(needle).length - 1;
    const options = await rows(
      'SELECT signature_html, signature_text FROM email_reply_options WHERE client_id = $1',
      ['tpl-r1'],
    );
    expect(options).toEqual([{ signature_html: `<p>${signature}</p>`, signature_text: signature }]);
    const filed = await rows(
      "SELECT html FROM email_messages WHERE direction = 'out' AND conversation_id = $1",
      [vietnamese],
    );
    expect(filed).toHaveLength(1);
    expect(filed[0].html).toBe(`<p>Phí là <strong>0 đ</strong>.</p><div><p>${signature}</p></div>`);
    const sent = await rows("SELECT raw FROM mailbox_messages WHERE subject = 'Re: Phí thẻ'");
    expect(sent).toHaveLength(1);
    const mail = await simpleParser(sent[0].raw as string);
    expect(count(mail.html || '', signature)).toBe(1);
    expect(mail.text?.trim()).toBe(`Phí là 0 đ.\n\n-- \n${signature}`);
    expect(count(mail.text, signature)).toBe(1);

    const plain = await simpleParser(
      (await rows("SELECT raw FROM mailbox_messages WHERE subject = 'Re: 贷款'"))[0].raw as string,
    );
    expect(plain.text?.trim()).toBe('利率为 5%。');
    expect(plain.html).not.toContain('Banyan Bank');
    expect(await rows("SELECT signature_html FROM email_reply_options WHERE client_id = 'tpl-r2'")).toEqual([
      { signature_html: null },
    ]);
  });
});
