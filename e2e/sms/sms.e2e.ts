// SMS in the embedded demo (built-in SMSC simulator with receipts): an agent resolves a customer's
// case, which notifies the customer by SMS; the simulator's delivery receipt turns it "Delivered" on
// the customer's panel in the desk. The customer texts the bank; the text lands in the SMS queue, the
// agent answers it with the segment counter under the box, and Admin · SMS outbox shows the reply.
// The agent then verifies the customer with a one-time code sent by SMS (read off the SMSC outbox).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiSession,
  apiSession,
  demo,
  expectAccessible,
  launchBrowser,
  newContext,
  screenshotsOnFailure,
  signIn,
} from '../support.ts';

const agentAccount = { username: 'agent.hanoi', password: 'Banyan!agent1' } as const;
const run = Date.now().toString(36);
const subject = `Card locked after three wrong PINs (${run})`;
const reply = `Dạ, thẻ của anh/chị đã được mở khóa (${run}).`;

interface OutboxItem {
  direction: string;
  phone: string;
  text: string;
  status: string;
}

describe('SMS: a case update delivered to the phone, and a text answered from the desk', () => {
  let browser: Browser;
  let agentApi: ApiSession;
  let adminApi: ApiSession;
  const contexts: BrowserContext[] = [];
  let desk: Page;
  let admin: Page;
  let customer: { id: string; fullName: string; phone: string };
  let caseNumber = '';

  beforeAll(async () => {
    agentApi = await apiSession(agentAccount.username, agentAccount.password);
    adminApi = await apiSession(demo.admin.username, demo.admin.password);
    await agentApi.request('PATCH', '/me/preferences', { locale: 'en', theme: 'light' });
    await adminApi.request('PATCH', '/me/preferences', { locale: 'en', theme: 'light' });
    await closeLeftovers(agentApi);
    customer = await phoneOnlyCustomer(agentApi);
    browser = await launchBrowser();
    for (let i = 0; i < 2; i++) contexts.push(await newContext(browser));
    [desk, admin] = (await Promise.all(contexts.map((c) => c.newPage()))) as [Page, Page];
  });
  afterEach(({ task }) => screenshotsOnFailure(task, 'sms', { desk, admin }));
  afterAll(async () => {
    await closeLeftovers(agentApi).catch(() => undefined);
    await agentApi?.request('PUT', '/desk/state', { state: 'offline' }).catch(() => undefined);
    await browser?.close();
  });

  it('the agent resolves the customer case: the update goes by SMS', async () => {
    const created = await agentApi.request<{ id: string; number: string }>('POST', '/cases', {
      type: 'service_request',
      subject,
      description: 'Customer asked to unlock the card.',
      customerId: customer.id,
    });
    caseNumber = created.number;
    await signIn(desk, agentAccount.username, agentAccount.password);
    await desk
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Cases', exact: true })
      .click();
    await desk.getByRole('table', { name: 'My cases' }).getByRole('button', { name: caseNumber }).click();
    await desk.getByRole('heading', { name: `${caseNumber} · ${subject}` }).waitFor();
    await desk.getByRole('textbox', { name: 'Resolution' }).fill('Card unlocked after identity check.');
    await desk.getByRole('button', { name: 'Resolve' }).click();
    await desk
      .getByRole('heading', { name: `${caseNumber} · ${subject}` })
      .locator('..')
      .getByText('Resolved')
      .waitFor();
    // The resolution leaves by SMS (the customer has no email) and the simulator receipts it.
    await expect
      .poll(
        async () =>
          (await adminApi.request<{ items: OutboxItem[] }>('GET', '/admin/sms?limit=200')).items.find(
            (i) => i.direction === 'out' && i.phone === customer.phone && i.text.includes(caseNumber),
          )?.status,
        { timeout: 30_000 },
      )
      .toBe('delivered');
  });

  it('the customer texts the bank; the agent takes it from the SMS queue and sees the update delivered', async () => {
    await desk
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Desk', exact: true })
      .click();
    await desk.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    await desk.getByRole('button', { name: /^Your state: .* Change state$/ }).click();
    await desk.getByRole('menuitem', { name: 'Available', exact: true }).click();
    // The administrator plays the customer on the demo's SMSC simulator (Admin · SMS outbox).
    await signIn(admin, demo.admin.username, demo.admin.password);
    await admin
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'SMS outbox' })
      .click();
    await admin.getByRole('heading', { name: 'SMS outbox', level: 1 }).waitFor();
    await admin.getByRole('textbox', { name: 'Customer phone' }).fill(customer.phone);
    await admin
      .getByRole('textbox', { name: 'Text' })
      .fill('Cảm ơn, tôi đã dùng thẻ được rồi. Cho hỏi hạn mức rút tiền?');
    await admin.getByRole('button', { name: 'Send as the customer' }).click();
    await admin
      .getByRole('status')
      .filter({ hasText: 'Delivered to Banyan by the SMSC simulator.' })
      .waitFor();
    const offers = desk.getByRole('region', { name: 'Offers' });
    await offers.getByRole('button', { name: 'Accept' }).click({ timeout: 30_000 });
    await desk.getByRole('heading', { name: customer.fullName, level: 2 }).waitFor();
    const notifications = desk.getByRole('list', { name: 'Notifications' });
    await notifications.getByText('Delivered').first().waitFor({ timeout: 30_000 });
    expect(await notifications.textContent()).toContain('SMS');
    await expectAccessible(desk, 'desk: sms conversation');
  });

  it('the agent answers with the segment counter under the box; the reply leaves as SMS', async () => {
    const box = desk.getByRole('textbox', { name: 'Reply to the customer' });
    await box.fill('OK');
    await desk.getByRole('status').filter({ hasText: 'GSM-7 · 1 segment · 158 left' }).waitFor();
    await box.fill(reply);
    await desk
      .getByRole('status')
      .filter({ hasText: /^UCS-2 \(Unicode\) · 1 segment · \d+ left$/ })
      .waitFor();
    await box.press('Control+Enter');
    await expect
      .poll(
        async () =>
          (await adminApi.request<{ items: OutboxItem[] }>('GET', '/admin/sms?limit=200')).items.find(
            (i) => i.direction === 'out' && i.text === reply,
          )?.status,
        { timeout: 30_000 },
      )
      .toBe('delivered');

    // The outbox refreshes itself every few seconds.
    const row = admin.getByRole('row', { name: new RegExp(escapeRegExp(reply)) });
    await row.getByText('Delivered').waitFor({ timeout: 15_000 });
    await expectAccessible(admin, 'admin: sms outbox');
  });
  it('the agent verifies the customer with a code sent by SMS, read back on the phone', async () => {
    const outbound = async () =>
      (await adminApi.request<{ items: OutboxItem[] }>('GET', '/admin/sms?limit=200')).items
        .filter((i) => i.direction === 'out' && /\b\d{6}\b/.test(i.text))
        .map((i) => i.text);
    const before = new Set(await outbound());
    const panel = desk.getByRole('complementary', { name: 'Customer' });
    await panel.getByRole('button', { name: 'Send verification code' }).click();
    await panel.getByText(/^Code sent by SMS, valid until .* · 5 attempts left$/).waitFor();
    let text: string | undefined;
    await expect
      .poll(
        async () => {
          text = (await outbound()).find((t) => !before.has(t));
          return text;
        },
        { timeout: 30_000 },
      )
      .toBeTruthy();
    const code = /\b(\d{6})\b/.exec(text as string)?.[1] as string;
    const field = panel.getByRole('textbox', { name: 'Code the customer reads back' });
    await field.fill(code === '000000' ? '000001' : '000000');
    await panel.getByRole('button', { name: 'Verify', exact: true }).click();
    await panel.getByRole('alert').filter({ hasText: 'The code is not correct. 4 attempts left.' }).waitFor();
    await field.fill(code);
    await panel.getByRole('button', { name: 'Verify', exact: true }).click();
    await panel.getByText('Verified by code').waitFor();
    await expectAccessible(desk, 'desk: customer verified');
  });
});

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A demo customer with a Vietnamese phone and no email: case updates reach them by SMS. */
async function phoneOnlyCustomer(api: ApiSession) {
  for (const q of ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Võ']) {
    const { items } = await api.request<{ items: { id: string; fullName: string }[] }>(
      'GET',
      `/customers?q=${encodeURIComponent(q)}&limit=50`,
    );
    for (const item of items) {
      const c = await api.request<{ contacts: { kind: string; value: string }[] }>(
        'GET',
        `/customers/${item.id}`,
      );
      const phone = c.contacts.find((x) => x.kind === 'phone' && x.value.startsWith('+84'))?.value;
      if (phone && !c.contacts.some((x) => x.kind === 'email'))
        return { id: item.id, fullName: item.fullName, phone };
    }
  }
  throw new Error('no demo customer with a phone and no email');
}

/** A run stopped half-way may have left agent.hanoi a conversation: close it as the desk would. */
async function closeLeftovers(agent: ApiSession): Promise<void> {
  const { items } = await agent.request<{ items: { id: string; status: string }[] }>(
    'GET',
    '/desk/conversations',
  );
  if (items.length === 0) return;
  const { items: reasons } = await agent.request<{ items: { id: string }[] }>('GET', '/contact-reasons');
  for (const conversation of items) {
    if (conversation.status === 'active')
      await agent.request('POST', `/conversations/${conversation.id}/wrap-up`);
    await agent.request('POST', `/conversations/${conversation.id}/close`, {
      contactReasonId: reasons[0]?.id,
    });
  }
}
