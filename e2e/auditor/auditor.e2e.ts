import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiSession,
  demo,
  expectAccessible,
  launchBrowser,
  newContext,
  signIn,
  uniqueName,
} from '../support.ts';

interface AuditEvent {
  seq: number;
  action: string;
  actorId: string | null;
  targetId: string | null;
}

describe('auditor', () => {
  let browser: Browser;
  let page: Page;
  let userId: string;

  beforeAll(async () => {
    // The scene: an administrator creates a user, who then signs in.
    const admin = await apiSession(demo.admin.username, demo.admin.password);
    const user = { username: uniqueName('teller.e2e'), password: 'Banyan!e2e-teller1' };
    ({ id: userId } = await admin.request<{ id: string }>('POST', '/admin/users', {
      ...user,
      displayName: 'Đặng Thu Hà',
      roles: ['branch_teller'],
    }));
    await apiSession(user.username, user.password);
    // The journey reads the screens in English, whatever language the demo auditor last chose.
    const auditor = await apiSession(demo.auditor.username, demo.auditor.password);
    await auditor.request('PATCH', '/me/preferences', { locale: 'en', theme: 'light' });
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
  });
  afterAll(() => browser?.close());

  it('sees the user creation and the sign-in in the audit log', async () => {
    await signIn(page, demo.auditor.username, demo.auditor.password);
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByRole('link', { name: 'Audit log' }).waitFor();
    // Auditors read staff records and the audit trail; they manage nothing.
    expect(await nav.getByRole('link', { name: 'API tokens' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Users' }).count()).toBe(1);

    await nav.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    await page.getByRole('row').nth(1).waitFor();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'audit');

    const auditor = await apiSession(demo.auditor.username, demo.auditor.password);
    const { items } = await auditor.request<{ items: AuditEvent[] }>('GET', '/audit?limit=100');
    const aboutUser = items.filter((event) => event.targetId === userId || event.actorId === userId);
    expect(aboutUser.length, 'events about the new user').toBeGreaterThanOrEqual(2);
    for (const event of aboutUser) {
      const row = page
        .getByRole('row')
        .filter({ has: page.getByRole('cell', { name: String(event.seq), exact: true }) });
      expect(await row.textContent()).toContain(event.action);
    }
  });

  it('filters by action, exports and verifies the chain', async () => {
    await page.getByRole('combobox', { name: 'Action' }).click();
    await page.getByRole('option').first().click();
    await page.waitForLoadState('networkidle');
    const href = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    expect(href).toMatch(/^\/api\/v1\/audit\/export\.csv\?action=/);

    await page.getByRole('button', { name: 'Verify chain' }).click();
    const status = page.getByRole('status').filter({ hasText: /chain/i });
    await status.waitFor();
    expect(await status.textContent()).toMatch(/intact/);
    await expectAccessible(page, 'audit filtered');
  });
});
