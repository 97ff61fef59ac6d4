// Case and branch KPIs in the browser: an agent opens, resolves and closes an inquiry through the
// cases API; a report viewer sees it in the Cases figures of the reports page (closed by its first
// owner) and the branch figures; the wallboard shows per-branch tiles; in Vietnamese too.
import type { Browser, Page } from 'playwright-core';
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
  uniqueName,
} from '../support.ts';

const viewer = {
  username: uniqueName('facts.e2e'),
  password: 'Banyan!e2e-facts1',
  displayName: 'Trần Minh Anh',
};
const agentAccount = { username: 'agent.shanghai', password: 'Banyan!agent1' };

describe('analytics: case and branch KPIs', () => {
  let browser: Browser;
  let page: Page;
  let agent: ApiSession;
  let lead: ApiSession;

  beforeAll(async () => {
    const admin = await apiSession(demo.admin.username, demo.admin.password);
    await admin.request('POST', '/admin/users', {
      ...viewer,
      roles: ['supervisor', 'quality_analyst'],
      locale: 'en',
    });
    lead = await apiSession(viewer.username, viewer.password);
    agent = await apiSession(agentAccount.username, agentAccount.password);
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
  });
  afterEach(({ task }) => screenshotsOnFailure(task, 'analytics', { page }));
  afterAll(async () => {
    await browser?.close();
  });

  it('an inquiry closed by its first owner shows in the Cases figures of the reports page', async () => {
    const created = await agent.request<{ id: string; version: number }>('POST', '/cases', {
      type: 'inquiry',
      subject: `Card limit ${Date.now().toString(36)}`,
    });
    let version = created.version;
    for (const status of ['in_progress', 'resolved', 'closed']) {
      const moved = await agent.request<{ version: number }>('POST', `/cases/${created.id}/status`, {
        version,
        status,
        ...(status === 'resolved' ? { resolution: 'Limit explained', rootCause: 'Question' } : {}),
      });
      version = moved.version;
    }
    await signIn(page, viewer.username, viewer.password);
    await page.getByRole('heading', { name: `Welcome, ${viewer.displayName}` }).waitFor();
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Reports' })
      .click();
    await page.getByRole('heading', { name: 'Contact reports', level: 1 }).waitFor();
    const cases = page.getByRole('region', { name: 'Cases' });
    await cases.waitFor();
    // The facts follow the events within a moment of the close.
    await expect
      .poll(
        async () =>
          Number(
            (await cases.getByRole('group', { name: 'Cases created' }).textContent())?.replace(/\D+/g, ''),
          ),
        { timeout: 15_000, interval: 500 },
      )
      .toBeGreaterThan(0);
    await expect
      .poll(async () => cases.getByRole('group', { name: 'Closed by first owner' }).textContent(), {
        timeout: 15_000,
        interval: 500,
      })
      .toMatch(/%/);
    await page.getByRole('region', { name: 'Branches' }).waitFor();
    await expectAccessible(page, 'reports with case and branch KPIs');
  });

  it('the wallboard shows a tile per branch, and the figures read in Vietnamese', async () => {
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Wallboard' })
      .click();
    await page.getByRole('heading', { name: 'Wallboard', level: 1 }).waitFor();
    const branches = page.getByRole('region', { name: 'Branches' });
    await branches.waitFor();
    expect(await branches.getByRole('group', { name: 'Longest wait' }).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'wallboard with branch tiles');
    await lead.request('PATCH', '/me/preferences', { locale: 'vi' });
    await page.goto('/analytics/reports');
    await page
      .getByRole('region', { name: 'Hồ sơ' })
      .getByText('Đóng bởi người phụ trách đầu tiên')
      .waitFor();
  });
});
