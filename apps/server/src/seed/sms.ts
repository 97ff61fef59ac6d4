import type { BanyanApp } from '../app.ts';

/**
 * The demo bank's SMS: customers text the short code 8088 (or answer the BanyanBank sender ID) and
 * land in the SMS queue (`sms`, any language); one service notification per language goes out by SMS
 * through the built-in SMSC simulator, so Admin · SMS outbox shows messages with their receipts.
 */
const SMS_TEMPLATES = [
  {
    shortcut: 'sms-received',
    title: 'SMS: request received',
    bodies: {
      en: 'Banyan Bank: we received your message and will reply within 2 hours. Never share OTP codes.',
      'zh-CN': '榕树银行：已收到您的短信，我们将在2小时内回复。请勿泄露验证码。',
      vi: 'Ngan hang Banyan: chung toi da nhan tin nhan va se tra loi trong 2 gio. Khong chia se ma OTP.',
    },
  },
  {
    shortcut: 'sms-card-locked',
    title: 'SMS: card locked',
    bodies: {
      en: 'Banyan Bank: your card is locked for your safety. Call 1900 0000 or visit a branch to unlock it.',
      'zh-CN': '榕树银行：为保障安全，您的卡已锁定。请致电1900 0000或前往网点解锁。',
      vi: 'Ngan hang Banyan: the cua quy khach da duoc khoa de bao ve. Goi 1900 0000 hoac den chi nhanh de mo khoa.',
    },
  },
];

export async function seedDemoSms(app: BanyanApp): Promise<void> {
  if (!app.smsChannel) return;
  const existing = await app.pool.query<{ id: string }>("SELECT id FROM routing_queues WHERE code = 'sms'");
  const queueId =
    existing.rows[0]?.id ??
    (await app.routing.createQueue(null, {
      code: 'sms',
      name: 'SMS / 短信 / Tin nhắn',
      channels: ['sms'],
    }));
  await app.smsChannel.addNumber({ number: '8088', queueId });
  await app.smsChannel.addNumber({ number: 'BanyanBank', queueId });

  // SMS templates: canned responses short enough for one segment in each language (Vietnamese
  // without diacritics stays GSM-7: 160 characters instead of 70).
  const known = new Set(
    (await app.pool.query<{ shortcut: string }>('SELECT shortcut FROM canned_responses')).rows.map(
      (r) => r.shortcut,
    ),
  );
  for (const template of SMS_TEMPLATES)
    if (!known.has(template.shortcut)) await app.canned.create(null, { scope: 'global', ...template });

  const samples = await app.pool.query<{ id: string; language: string; name: string }>(
    `SELECT DISTINCT ON (c.preferred_language) c.id, c.preferred_language AS language, c.full_name AS name
       FROM customers c JOIN customer_identities i ON i.customer_id = c.id AND i.kind = 'phone'
      ORDER BY c.preferred_language, c.customer_no`,
  );
  const status = { en: 'resolved', 'zh-CN': '已解决', vi: 'đã giải quyết' } as Record<string, string>;
  await app.db.transaction(async (tx) => {
    for (const [n, c] of samples.rows.entries()) {
      await app.notifications.queueNotification(tx, {
        customerId: c.id,
        purpose: 'service',
        templateKey: 'case_updated',
        params: { name: c.name, caseNo: `CS-SMS-${n + 1}`, status: status[c.language] ?? 'resolved' },
        idempotencyKey: `demo:sms:case_updated:${c.id}`,
        preferredChannel: 'sms',
      });
    }
  });
}
