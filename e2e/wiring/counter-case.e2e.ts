import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiSession,
  baseUrl,
  demo,
  expectAccessible,
  launchBrowser,
  newContext,
  signIn,
  uniqueName,
} from '../support.ts';

/** The gold-tier demo customer Nguyễn Thị Thu Hà (Vietnamese, email thuha.nguyen@gmail.com). */
const HA_PHONE = '0912345678';

/**
 * Branch ↔ cases ↔ notifications: a teller opens a case at the counter for the customer identified
 * at the kiosk; the case's "received" update leaves through the one pipeline and lands in
 * Admin · Mailbox in the customer's language, and her notifications list shows it sent.
 */
describe('a teller opens a case at the counter; the customer is told by email', () => {
  let browser: Browser;
  let teller: Page;
  let adminPage: Page;
  let caseNumber = '';
  const password = 'Banyan!e2e-wiring4';
  const manager = { username: uniqueName('lobby.wire'), displayName: 'Phạm Văn Lâm', password };
  const tellerUser = { username: uniqueName('teller.wire'), displayName: 'Vũ Thị Mai', password };

  beforeAll(async () => {
    const admin = await apiSession(demo.admin.username, demo.admin.password);
    await admin.request('PATCH', '/me/preferences', { locale: 'en', theme: 'light' });
    const code = `W${Date.now().toString(36).slice(-5).toUpperCase()}`;
    const branch = await admin.request<{ id: string }>('POST', '/admin/branches', {
      code,
      name: `Branch ${code}`,
      city: 'Hanoi',
      country: 'VN',
      timeZone: 'Asia/Ho_Chi_Minh',
    });
    for (const [user, role] of [
      [manager, 'lobby_manager'],
      [tellerUser, 'branch_teller'],
    ] as const) {
      await admin.request('POST', '/admin/users', {
        ...user,
        roles: [role],
        branchId: branch.id,
        locale: 'en',
      });
    }
    const lead = await apiSession(manager.username, password);
    const cash = await lead.request<{ id: string }>('POST', `/branch/branches/${branch.id}/services`, {
      code: 'cash',
      letter: 'A',
      names: { en: 'Cash', 'zh-CN': '现金', vi: 'Tiền mặt' },
      lineThreshold: 5,
      waitThresholdMinutes: 30,
      slotCapacity: 0,
    });
    await lead.request('POST', `/branch/branches/${branch.id}/counters`, {
      number: 1,
      serviceIds: [cash.id],
    });
    const kiosk = await lead.request<{ token: string }>('POST', `/branch/branches/${branch.id}/devices`, {
      kind: 'kiosk',
      name: 'Kiosk',
    });
    const issued = await fetch(`${baseUrl}/api/v1/branch/device/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-device-token': kiosk.token },
      body: JSON.stringify({ serviceId: cash.id, phone: HA_PHONE }),
    });
    expect(issued.status).toBe(201);
    browser = await launchBrowser();
    teller = await (await newContext(browser)).newPage();
    adminPage = await (await newContext(browser)).newPage();
  });
  afterAll(() => browser?.close());

  it('calls the identified customer and opens a case for her from the counter', async () => {
    await signIn(teller, tellerUser.username, password);
    await teller.getByRole('link', { name: 'Counter' }).first().waitFor();
    await teller.goto('/branch/counter');
    await teller.getByRole('combobox', { name: 'Your counter' }).click();
    await teller.getByRole('option', { name: 'Counter 1' }).click();
    await teller.getByRole('button', { name: 'Open counter' }).click();
    await teller.getByRole('button', { name: 'Call next' }).click();
    await expect.poll(() => teller.getByTestId('counter-ticket').textContent()).toBe('A001');
    await teller.getByRole('button', { name: 'Start service' }).click();

    await teller.getByRole('button', { name: 'Open case' }).click();
    const panel = teller.getByRole('dialog', { name: 'Open a case for the customer at ticket A001' });
    await panel.waitFor();
    await panel.getByLabel('Subject').fill('Replace a damaged card');
    await panel.getByLabel('Description').fill('Chip unreadable at ATMs; customer keeps the same number.');
    await expectAccessible(teller, 'counter open case');
    await panel.getByRole('button', { name: 'Create case' }).click();
    const done = teller.getByText(/Case CS-\d{4}-\d+ created: you own it\./);
    await done.waitFor();
    caseNumber = /CS-\d{4}-\d+/.exec((await done.textContent()) ?? '')?.[0] ?? '';
    expect(caseNumber).not.toBe('');
    await panel.waitFor({ state: 'hidden' });
    await teller.getByRole('button', { name: 'Finish' }).click();
    await teller.getByText('No customer at the counter.').waitFor();
  });

  it('the teller finds the case under Cases · My cases and resolves it', async () => {
    await teller
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Cases' })
      .click();
    await teller.getByRole('tab', { name: 'My cases' }).waitFor();
    await teller.getByRole('button', { name: caseNumber }).click();
    await teller.getByRole('textbox', { name: 'Resolution' }).fill('New card issued at the counter.');
    await expectAccessible(teller, 'teller case panel');
    await teller.getByRole('button', { name: 'Resolve', exact: true }).click();
    await expect
      .poll(() => teller.getByRole('row', { name: new RegExp(caseNumber) }).textContent())
      .toContain('Resolved');
  });

  it('the case update lands in Admin · Mailbox in Vietnamese (received, resolved) and shows as sent on her notifications', async () => {
    const admin = await apiSession(demo.admin.username, demo.admin.password);
    const subject = `Yêu cầu ${caseNumber} của quý khách đã được cập nhật`;
    // The event handler queues it and the worker sends it within seconds (bounded wait).
    await expect
      .poll(
        async () =>
          (await admin.request<{ items: { subject: string }[] }>('GET', '/admin/mailbox')).items.filter(
            (m) => m.subject === subject,
          ).length,
        { timeout: 30_000 },
      )
      .toBe(2); // received, then resolved
    await signIn(adminPage, demo.admin.username, demo.admin.password);
    await adminPage
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Mailbox' })
      .click();
    await expect.poll(() => adminPage.getByRole('row', { name: new RegExp(subject) }).count()).toBe(2);
    await expectAccessible(adminPage, 'mailbox with the case update');

    // The teller reads customers (customers.read); the desk's customer 360 lists the same.
    const staff = await apiSession(tellerUser.username, password);
    const found = await staff.request<{ items: { id: string }[] }>('GET', '/customers?q=C0001001');
    const customerId = found.items[0]?.id as string;
    const sent = await staff.request<{ items: { templateKey: string; status: string; channel: string }[] }>(
      'GET',
      `/customers/${customerId}/notifications`,
    );
    const updates = sent.items.filter((n) => n.templateKey === 'case_updated').slice(0, 2);
    expect(updates.map((n) => [n.status, n.channel])).toEqual([
      ['sent', 'email'],
      ['sent', 'email'],
    ]);
  });
});
