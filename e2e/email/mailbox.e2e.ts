import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, demo, expectAccessible, launchBrowser, newContext, signIn } from '../support.ts';

/**
 * The embedded demo has no mail relay: notifications go to the local mailbox, and an administrator
 * reads them in Admin · Mailbox (the demo seed queues one case update per language).
 */
describe('administrator reads the demo mailbox', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const admin = await apiSession(demo.admin.username, demo.admin.password);
    await admin.request('PATCH', '/me/preferences', { locale: 'en', theme: 'light' });
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
  });
  afterAll(() => browser?.close());

  it('lists the sent notifications and opens one in the side panel', async () => {
    const admin = await apiSession(demo.admin.username, demo.admin.password);
    // The worker sends within a second or two of start; wait for the three demo emails (bounded).
    await expect
      .poll(async () => (await admin.request<{ items: unknown[] }>('GET', '/admin/mailbox')).items.length, {
        timeout: 30_000,
      })
      .toBeGreaterThanOrEqual(3);
    await signIn(page, demo.admin.username, demo.admin.password);
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Mailbox' })
      .click();
    await page.getByRole('heading', { name: 'Mailbox', level: 1 }).waitFor();
    const chinese = page.getByRole('row', { name: /您的申请 CS-DEMO-\d+ 已更新/ });
    await chinese.waitFor();
    await expectAccessible(page, 'mailbox');
    await chinese.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('dialog', { name: 'Email' });
    await panel.getByRole('heading', { name: /您的申请 CS-DEMO-\d+ 已更新/ }).waitFor();
    expect(await panel.getByLabel('Message text').textContent()).toMatch(
      /您的申请 CS-DEMO-\d+ 当前状态：已解决/,
    );
    expect(await panel.textContent()).toContain('no-reply@bank.example');
    await expectAccessible(page, 'mailbox message');
  });
});
