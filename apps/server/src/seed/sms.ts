import type { BanyanApp } from '../app.ts';

/**
 * The demo bank's SMS: customers text the short code 8088 (or answer the BanyanBank sender ID) and
 * land in the SMS queue (`sms`, any language); one service notification per language goes out by SMS
 * through the built-in SMSC simulator, so Admin · SMS outbox shows messages with their receipts.
 */
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
