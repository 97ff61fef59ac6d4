import type { BanyanApp } from '../app.ts';

/**
 * The demo bank's mail: `support@bank.example` lands in the office-hours Vietnamese email queue
 * (`email_vi`), `complaints@bank.example` in a complaints queue (complaints skill), and one service
 * notification per language goes to the local mailbox so Admin · Mailbox has something to show.
 */
export async function seedDemoEmail(app: BanyanApp): Promise<void> {
  const queueIdByCode = new Map(
    (await app.pool.query<{ code: string; id: string }>('SELECT code, id FROM routing_queues')).rows.map(
      (r) => [r.code, r.id],
    ),
  );
  let complaints = queueIdByCode.get('email_complaints');
  if (!complaints) {
    const skill = await app.pool.query<{ id: string }>("SELECT id FROM skills WHERE code = 'complaints'");
    complaints = await app.routing.createQueue(null, {
      code: 'email_complaints',
      name: 'Email — Complaints / 投诉 / Khiếu nại',
      channels: ['email'],
      requiredSkills: skill.rows[0] ? [{ skillId: skill.rows[0].id, minProficiency: 1 }] : [],
    });
  }
  const support = queueIdByCode.get('email_vi') ?? complaints;
  await app.emailChannel.addAddress({
    address: 'support@bank.example',
    queueId: support,
    displayName: 'Support',
  });
  await app.emailChannel.addAddress({
    address: 'complaints@bank.example',
    queueId: complaints,
    displayName: 'Complaints',
  });

  const samples = await app.pool.query<{ id: string; language: string; name: string }>(
    `SELECT DISTINCT ON (c.preferred_language) c.id, c.preferred_language AS language, c.full_name AS name
       FROM customers c JOIN customer_identities i ON i.customer_id = c.id AND i.kind = 'email'
      ORDER BY c.preferred_language, c.customer_no`,
  );
  const status = { en: 'resolved', 'zh-CN': '已解决', vi: 'đã giải quyết' } as Record<string, string>;
  await app.db.transaction(async (tx) => {
    for (const [n, c] of samples.rows.entries()) {
      await app.notifications.queueNotification(tx, {
        customerId: c.id,
        purpose: 'service',
        templateKey: 'case_updated',
        params: { name: c.name, caseNo: `CS-DEMO-${n + 1}`, status: status[c.language] ?? 'resolved' },
        idempotencyKey: `demo:case_updated:${c.id}`,
      });
    }
  });
}
