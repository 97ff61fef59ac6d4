// The customer's case status page: `agent.hanoi` opens a case, writes one customer update and one
// internal note, and makes the signed link; the customer opens it with no sign-in and reads the
// status and the update (not the note) in Vietnamese and Chinese; a tampered link is refused.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, it } from 'vitest';
import { apiSession, expectAccessible, launchBrowser, newContext, screenshotsOnFailure } from '../support.ts';

const run = Date.now().toString(36);
const subject = `Card blocked abroad (${run})`;
const update = `Thẻ đã được mở khóa (${run})`;
const internal = `Checked with fraud desk (${run})`;

describe('the customer reads their case on the status page from the signed link', () => {
  let browser: Browser;
  let page: Page;
  let created: { id: string; number: string };
  let url = '';

  beforeAll(async () => {
    const agent = await apiSession('agent.hanoi', 'Banyan!agent1');
    created = await agent.request('POST', '/cases', { type: 'service_request', subject });
    await agent.request('POST', `/cases/${created.id}/notes`, { visibility: 'customer', body: update });
    await agent.request('POST', `/cases/${created.id}/notes`, { visibility: 'internal', body: internal });
    const link = await agent.request<{ url: string; token: string }>(
      'POST',
      `/cases/${created.id}/status-link`,
    );
    url = `/case-status?token=${encodeURIComponent(link.token)}`;
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
  });
  afterEach(({ task }) => screenshotsOnFailure(task, 'cases-status', { page }));
  afterAll(async () => {
    await browser?.close();
  });

  const switchTo = async (language: string) => {
    await page.getByRole('button', { name: /Change language|Đổi ngôn ngữ|切换语言/ }).click();
    await page.getByRole('menuitem', { name: language }).click();
  };

  it('shows the status and the customer update, never the internal note, in Vietnamese and Chinese', async () => {
    await page.goto(url);
    await switchTo('Tiếng Việt');
    await page.getByRole('heading', { name: 'Hồ sơ của bạn', level: 1 }).waitFor();
    await page.getByRole('heading', { name: `${created.number} · ${subject}` }).waitFor();
    await page.getByText('Mới', { exact: true }).waitFor();
    await page.getByText(update).waitFor();
    await expectAccessible(page, 'cases: customer status page (vi)');
    await switchTo('简体中文');
    await page.getByRole('heading', { name: '银行的进展通知' }).waitFor();
    await page.getByText(update).waitFor();
    if ((await page.getByText(internal).count()) !== 0) throw new Error('the internal note is shown');
  });

  it('refuses a tampered link with the reason in the reader’s language', async () => {
    await page.goto(`${url}x`);
    await switchTo('Tiếng Việt');
    await page.getByText('Đường dẫn không hợp lệ hoặc đã hết hạn.').waitFor();
  });
});
