// The complaints officer, working in Chinese, narrows the register with its filters: each offers the
// values found among the complaints with their counts; picking a product, then a channel, leaves
// only the matching complaints, and clearing the channel brings the other one back.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiSession,
  apiSession,
  expectAccessible,
  launchBrowser,
  newContext,
  screenshotsOnFailure,
  signIn,
} from '../support.ts';

const officerAccount = { username: 'complaints', password: 'Banyan!complaint1' } as const;
const agentAccount = { username: 'agent.saigon', password: 'Banyan!agent1' } as const;
const run = Date.now().toString(36);
const product = `sms_banking_${run}`;
const byPhone = `短信银行重复收费 (${run})`;
const byLetter = `短信银行重复收费 · 来信 (${run})`;

describe('the complaints register, filtered', () => {
  let browser: Browser;
  let page: Page;
  let officer: ApiSession;

  beforeAll(async () => {
    officer = await apiSession(officerAccount.username, officerAccount.password);
    await officer.request('PATCH', '/me/preferences', { locale: 'zh-CN', theme: 'light' });
    const agent = await apiSession(agentAccount.username, agentAccount.password);
    await agent.request('POST', '/cases', { type: 'complaint', subject: byPhone, product, channel: 'voice' });
    await agent.request('POST', '/cases', {
      type: 'complaint',
      subject: byLetter,
      product,
      channel: 'letter',
    });
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
  });
  afterEach(({ task }) => screenshotsOnFailure(task, 'cases-register', { page }));
  afterAll(async () => {
    await officer?.request('PATCH', '/me/preferences', { locale: 'en' }).catch(() => undefined);
    await browser?.close();
  });

  it('offers the values found with their counts and narrows the list by product and channel', async () => {
    await signIn(page, officerAccount.username, officerAccount.password);
    await page
      .getByRole('navigation', { name: '主导航' })
      .getByRole('link', { name: '工单', exact: true })
      .click();
    await page.getByRole('heading', { name: '工单', level: 1 }).waitFor();
    await page.getByRole('tab', { name: '投诉登记簿' }).click();
    const register = page.getByRole('table', { name: '投诉登记簿' });
    await register.waitFor();

    await page.getByRole('combobox', { name: '产品' }).click();
    await page.getByRole('option', { name: `${product} (2)` }).click();
    await register.getByRole('cell', { name: byPhone }).waitFor();
    await register.getByRole('cell', { name: byLetter }).waitFor();
    await expect(register.getByRole('row').count()).resolves.toBe(3); // the header and two complaints

    await page.getByRole('combobox', { name: '渠道' }).click();
    await page.getByRole('option', { name: /^信函 \(\d+\)$/ }).click();
    await register.getByRole('cell', { name: byPhone }).waitFor({ state: 'detached' });
    await register.getByRole('cell', { name: byLetter }).waitFor();
    await expectAccessible(page, 'cases: complaints register filtered (zh-CN)');

    // Clearing the channel brings the complaint by phone back.
    await page.getByRole('combobox', { name: '渠道' }).click();
    await page.getByRole('option', { name: /^信函 \(\d+\)$/ }).click();
    await register.getByRole('cell', { name: byPhone }).waitFor();
    await expect(register.getByRole('row').count()).resolves.toBe(3);
  });
});
