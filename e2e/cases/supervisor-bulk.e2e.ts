// Bulk actions: `agent.hanoi` has two new inquiries (seeded through the API); the supervisor of her
// team selects both under Cases · Team cases and tags them at once; each case carries the tag.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  apiSession,
  expectAccessible,
  launchBrowser,
  newContext,
  screenshotsOnFailure,
  signIn,
} from '../support.ts';

const run = Date.now().toString(36);
const tag = `atm-outage-${run}`;

describe('a supervisor tags two team cases in one bulk action', () => {
  let browser: Browser;
  let page: Page;
  const cases: Array<{ id: string; number: string }> = [];

  beforeAll(async () => {
    const agent = await apiSession('agent.hanoi', 'Banyan!agent1');
    for (const n of [1, 2])
      cases.push(
        await agent.request('POST', '/cases', {
          type: 'inquiry',
          subject: `ATM kept the card ${n} (${run})`,
        }),
      );
    const supervisorApi = await apiSession('supervisor', 'Banyan!super1');
    await supervisorApi.request('PATCH', '/me/preferences', { locale: 'en', theme: 'light' });
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
  });
  afterEach(({ task }) => screenshotsOnFailure(task, 'cases-bulk', { page }));
  afterAll(async () => {
    await browser?.close();
  });

  it('selects the two cases, adds a tag, and both cases carry it', async () => {
    await signIn(page, 'supervisor', 'Banyan!super1');
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Cases', exact: true })
      .click();
    await page.getByRole('tab', { name: 'Team cases' }).click();
    const table = page.getByRole('table', { name: 'Team cases' });
    for (const c of cases) await table.getByRole('checkbox', { name: `Select ${c.number}` }).check();
    const bar = page.getByLabel('Bulk actions');
    await bar.getByText('Selected: 2').waitFor();
    await bar.getByRole('combobox', { name: 'Action' }).click();
    await page.getByRole('option', { name: 'Add a tag', exact: true }).click();
    await bar.getByRole('textbox', { name: 'Tag' }).fill(tag);
    await expectAccessible(page, 'cases: bulk actions');
    await bar.getByRole('button', { name: 'Apply to selected' }).click();
    await page.getByRole('status').filter({ hasText: 'Changed 2, already so 0.' }).waitFor();
    const supervisorApi = await apiSession('supervisor', 'Banyan!super1');
    for (const c of cases) {
      const detail = await supervisorApi.request<{ case: { tags: string[] } }>('GET', `/cases/${c.id}`);
      expect(detail.case.tags).toEqual([tag]);
    }
  });
});
