// China's complaint clock: `agent.shanghai` opens a complaint (Shanghai branch → 15 calendar days);
// the complaints officer opens it from the register and extends it to 30 days with a reason, once;
// then saves the register's overdue filter as a view of their own.
import type { Browser, BrowserContext, Page } from 'playwright-core';
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
const subject = `Loan rate not as agreed (${run})`;
const reason = `Awaiting the credit center's file review (${run})`;

describe('a China complaint extended from 15 to 30 days by the complaints officer', () => {
  let browser: Browser;
  let context: BrowserContext;
  let officer: Page;
  let created: { id: string; number: string; regulatoryDueAt: string };

  beforeAll(async () => {
    const agent = await apiSession('agent.shanghai', 'Banyan!agent1');
    created = await agent.request('POST', '/cases', {
      type: 'complaint',
      subject,
      description: 'The customer says the mortgage rate differs from the offer.',
    });
    const officerApi = await apiSession('complaints', 'Banyan!complaint1');
    await officerApi.request('PATCH', '/me/preferences', { locale: 'en', theme: 'light' });
    browser = await launchBrowser();
    context = await newContext(browser);
    officer = await context.newPage();
  });
  afterEach(({ task }) => screenshotsOnFailure(task, 'cases-extension', { officer }));
  afterAll(async () => {
    await browser?.close();
  });

  it('the officer opens the complaint from the register and approves the extension with a reason', async () => {
    await signIn(officer, 'complaints', 'Banyan!complaint1');
    await officer
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Cases', exact: true })
      .click();
    await officer
      .getByRole('table', { name: 'Complaints register' })
      .getByRole('button', { name: created.number })
      .click();
    await officer.getByRole('heading', { name: `${created.number} · ${subject}` }).waitFor();
    const card = officer.getByLabel('Regulatory deadline (China, 15 → 30 days)');
    await card.getByRole('button', { name: 'Approve extension to 30 days' }).waitFor();
    expect(await card.getByRole('button', { name: 'Approve extension to 30 days' }).isDisabled()).toBe(true);
    await expectAccessible(officer, 'cases: China complaint extension');
    await card.getByRole('textbox', { name: 'Reason for the extension' }).fill(reason);
    await card.getByRole('button', { name: 'Approve extension to 30 days' }).click();
    await card.getByText(`Extended to 30 days. Reason: ${reason}`).waitFor();
    expect(await card.getByRole('button', { name: 'Approve extension to 30 days' }).count()).toBe(0);
    // The server moved the deadline: 30 calendar days from receipt instead of 15.
    const after = await (await apiSession('complaints', 'Banyan!complaint1')).request<{
      case: { regulatoryDueAt: string; extensionReason: string };
    }>('GET', `/cases/${created.id}`);
    expect(after.case.extensionReason).toBe(reason);
    const days = (Date.parse(after.case.regulatoryDueAt) - Date.parse(created.regulatoryDueAt)) / 86_400_000;
    expect(days).toBe(15);
  });

  it('the officer saves the overdue filter of the register as a view and gets it back after a reload', async () => {
    const name = `Overdue ${run}`;
    const views = officer.getByRole('group', { name: 'Saved views' });
    await officer.getByRole('checkbox', { name: 'Overdue only' }).check();
    await views.getByRole('textbox', { name: 'View name' }).fill(name);
    await views.getByRole('button', { name: 'Save view' }).click();
    await views.getByRole('button', { name: 'Delete view' }).waitFor();
    await officer.reload();
    await officer.getByRole('table', { name: 'Complaints register' }).waitFor();
    expect(await officer.getByRole('checkbox', { name: 'Overdue only' }).isChecked()).toBe(false);
    await views.getByRole('combobox', { name: 'Saved view' }).click();
    await officer.getByRole('option', { name, exact: true }).click();
    await expect.poll(() => officer.getByRole('checkbox', { name: 'Overdue only' }).isChecked()).toBe(true);
    await expectAccessible(officer, 'cases: saved views');
    await views.getByRole('button', { name: 'Delete view' }).click();
    await views.getByRole('button', { name: 'Delete view' }).waitFor({ state: 'detached' });
  });
});
