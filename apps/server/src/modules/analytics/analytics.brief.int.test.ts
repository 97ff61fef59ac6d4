// The morning brief: yesterday's hot and hard contact reasons (metrics.md § Hard topics), mailed
// once a day to active supervisors with an address, in their language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, signInAs, type TestContext } from '../../../test/harness.ts';

let ctx: TestContext;
let cards: string;
let loans: string;
const DAY = 86_400_000;

/** Contact facts as the listeners would have built them (a recorded history, not a mock of anything). */
async function facts(
  reasonId: string,
  at: Date,
  n: number,
  handle: number,
  rating: number,
  transfers: number,
) {
  await ctx.pool.query(
    `INSERT INTO analytics_contact_facts (conversation_id, channel, reason_id, offered_at, answered_at, closed_at,
       wait_seconds, handle_seconds, transfers, rating, last_position)
     SELECT gen_random_uuid(), 'chat', $1, $2::timestamptz + i * interval '1 minute', $2::timestamptz + i * interval '1 minute',
       $2::timestamptz + i * interval '1 minute' + $4 * interval '1 second', 5, $4, $6, $5, 1
     FROM generate_series(1, $3) i`,
    [reasonId, at.toISOString(), n, handle, rating, transfers],
  );
}

beforeAll(async () => {
  ctx = await createTestContext({ bankTimeZone: 'UTC' });
  ctx.clock.set('2026-03-11T05:00:00Z'); // Wednesday; yesterday is Tuesday 10 March (UTC).
  cards = (
    await ctx.app.reasons.createReason(null, {
      code: 'cards.lost',
      names: { en: 'Lost card', 'zh-CN': '挂失', vi: 'Mất thẻ' },
    })
  ).id;
  loans = (
    await ctx.app.reasons.createReason(null, {
      code: 'loans.rates',
      names: { en: 'Loan rates', 'zh-CN': '贷款利率', vi: 'Lãi suất' },
    })
  ).id;
  const yesterday = new Date('2026-03-10T09:00:00Z');
  // Baseline over the four weeks before: 5 min handle, happy customers.
  for (let d = 2; d <= 28; d += 2) {
    await facts(cards, new Date(yesterday.getTime() - d * DAY), 2, 300, 5, 0);
    await facts(loans, new Date(yesterday.getTime() - d * DAY), 2, 300, 5, 0);
  }
  // The same weekday a week before: 2 each.
  await facts(cards, new Date(yesterday.getTime() - 7 * DAY), 2, 300, 5, 0);
  await facts(loans, new Date(yesterday.getTime() - 7 * DAY), 2, 300, 5, 0);
  // Yesterday: lost cards surge (12 against 2: p = 106 / 16,384), take three times as long, unhappy, transferred.
  await facts(cards, yesterday, 12, 900, 2, 1);
  // Loan rates: as usual (2 a week before and 5 yesterday: not significant), fine.
  await facts(loans, yesterday, 5, 310, 5, 0);
  await ctx.app.staff.createUser(null, {
    username: 'mb.lead',
    displayName: 'Lead',
    password: 'Correct-Horse-9',
    roles: ['supervisor'],
    email: 'lead@bank.example',
    locale: 'zh-CN',
  });
  await ctx.app.staff.createUser(null, {
    username: 'mb.lead.noemail',
    displayName: 'Lead 2',
    password: 'Correct-Horse-9',
    roles: ['supervisor'],
  });
  await signInAs(ctx, { username: 'mb.agent', roles: ['agent'] });
  await ctx.pool.query(`UPDATE users SET email = 'agent@bank.example' WHERE username = 'mb.agent'`);
});
afterAll(async () => ctx?.close());

describe('morning brief', () => {
  it('calls a reason hot when it rose against the same weekday and hard by handle time, CSAT and transfers', async () => {
    const brief = await ctx.app.morningBrief.yesterday('en');
    expect(brief.day).toBe('2026-03-10T00:00:00.000Z');
    const byTopic = Object.fromEntries(brief.topics.map((t) => [t.topic, t]));
    expect(byTopic['Lost card']).toMatchObject({
      contacts: 12,
      weekBefore: 2,
      rising: true,
      hard: ['long_handle', 'low_csat', 'many_transfers'],
    });
    expect(byTopic['Lost card']?.ahtSeconds).toBe(900);
    expect(byTopic['Lost card']?.baselineAhtSeconds).toBe(300);
    expect(byTopic['Loan rates']).toMatchObject({ contacts: 5, weekBefore: 2, rising: false, hard: [] });
  });

  it('goes once a day to active supervisors with an address, in their language', async () => {
    expect(await ctx.app.morningBrief.sendMorningBrief()).toBe(1);
    expect(await ctx.app.morningBrief.sendMorningBrief()).toBe(0);
    const mail = await ctx.pool.query(
      `SELECT recipient, locale, email FROM notifications WHERE template_key = 'morning_brief'`,
    );
    expect(mail.rows.map((r) => r.recipient)).toEqual(['lead@bank.example']);
    expect(mail.rows[0].locale).toBe('zh-CN');
    expect(mail.rows[0].email.subject).toContain('晨报');
    expect(mail.rows[0].email.text).toContain('挂失: 12 次接触 (2 → 12)');
    expect(mail.rows[0].email.text).toContain('挂失: 12 次接触 (处理时间长, 满意度低, 转接多)');
    expect(mail.rows[0].email.text).not.toContain('贷款利率: 5 次接触 (');
  });
});
