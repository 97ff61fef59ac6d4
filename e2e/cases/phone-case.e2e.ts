// A customer phones the hotline (no conversation in Banyan): `agent.saigon`, working in Vietnamese,
// opens "New case" on the cases page, finds the customer by a name typed without diacritics, says
// the case came by phone, and owns the new complaint, which shows at once under "My cases".
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

const account = { username: 'agent.saigon', password: 'Banyan!agent1' } as const;
const run = Date.now().toString(36);
const subject = `Phí thường niên bị trừ hai lần (${run})`;

describe('a case opened by hand for a phone call', () => {
  let browser: Browser;
  let page: Page;
  let api: ApiSession;

  beforeAll(async () => {
    api = await apiSession(account.username, account.password);
    await api.request('PATCH', '/me/preferences', { locale: 'vi', theme: 'light' });
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
  });
  afterEach(({ task }) => screenshotsOnFailure(task, 'cases-phone', { page }));
  afterAll(async () => {
    await api?.request('PATCH', '/me/preferences', { locale: 'en' }).catch(() => undefined);
    await browser?.close();
  });

  it('finds the caller without diacritics, keeps the phone channel, and the agent owns the case', async () => {
    await signIn(page, account.username, account.password);
    await page
      .getByRole('navigation', { name: 'Điều hướng chính' })
      .getByRole('link', { name: 'Hồ sơ', exact: true })
      .click();
    await page.getByRole('heading', { name: 'Hồ sơ', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Hồ sơ mới' }).click();
    const panel = page.getByRole('dialog', { name: 'Mở hồ sơ cho cuộc gọi, thư hoặc email' });
    await panel.waitFor();
    await panel.getByRole('combobox', { name: 'Khách hàng' }).fill('nguyen thi thu ha');
    await page.getByRole('option', { name: /Nguyễn Thị Thu Hà · C0001001/ }).click();
    // The picked customer stays in the box once the search has settled.
    await page.waitForTimeout(600);
    await expect(panel.getByRole('combobox', { name: 'Khách hàng' }).inputValue()).resolves.toMatch(
      /^Nguyễn Thị Thu Hà · C0001001/,
    );
    // A phone call is the default channel.
    await expect(panel.getByRole('combobox', { name: 'Kênh tiếp nhận' }).inputValue()).resolves.toBe(
      'Cuộc gọi',
    );
    await panel.getByRole('combobox', { name: 'Loại' }).click();
    await page.getByRole('option', { name: 'Khiếu nại', exact: true }).click();
    await panel.getByRole('textbox', { name: 'Tiêu đề' }).fill(subject);
    await expectAccessible(page, 'cases: new case by hand (vi)');
    await panel.getByRole('button', { name: 'Tạo hồ sơ' }).click();
    await page.getByText(/Đã tạo hồ sơ CS-\d{4}-\d{6}, bạn là người phụ trách\./).waitFor();
    await page.getByRole('cell', { name: subject }).waitFor();

    const mine = await api.request<{ items: { id: string; number: string; subject: string }[] }>(
      'GET',
      '/cases?view=mine',
    );
    const created = mine.items.find((c) => c.subject === subject);
    expect(created).toBeDefined();
    // The case page says where the case came from, among its facts.
    await page
      .getByRole('table', { name: 'Hồ sơ của tôi' })
      .getByRole('button', { name: created?.number })
      .click();
    await page.getByRole('heading', { name: `${created?.number} · ${subject}` }).waitFor();
    const channel = page.getByRole('term').filter({ hasText: 'Kênh tiếp nhận' }).locator('xpath=..');
    await expect(channel.getByRole('definition').textContent()).resolves.toBe('Cuộc gọi');
    await expectAccessible(page, 'cases: the case page and its facts (vi)');
    const detail = await api.request<{
      case: { type: string; channel: string | null; customerId: string | null };
    }>('GET', `/cases/${created?.id}`);
    expect(detail.case).toMatchObject({ type: 'complaint', channel: 'voice' });
    expect(detail.case.customerId).not.toBeNull();
  });
});
