import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext } from '../support.ts';

/**
 * Mantine labels some of its own controls in English. A screen reader on the Vietnamese or Chinese
 * sign-in page must not hear "Toggle password visibility".
 */
describe('controls Mantine labels itself speak the UI language', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each([
    ['en-US', 'Show or hide the password'],
    ['vi-VN', 'Hiện hoặc ẩn mật khẩu'],
    ['zh-CN', '显示或隐藏密码'],
  ])('the password field show/hide button in %s', async (locale, label) => {
    const context = await newContext(browser, { locale });
    const page = await context.newPage();
    await page.goto('/sign-in');
    const toggle = page.getByRole('button', { name: label, exact: true });
    await toggle.waitFor({ state: 'attached' });
    expect(await page.getByRole('button', { name: 'Toggle password visibility' }).count()).toBe(0);
    // It still shows the password.
    const password = page.locator('input[autocomplete="current-password"]');
    await password.fill('Banyan!x');
    await toggle.dispatchEvent('mousedown');
    await expect.poll(() => password.getAttribute('type')).toBe('text');
    await context.close();
  });

  it('a first visit to the sign-in page logs no error and asks for nothing that fails', async () => {
    const context = await newContext(browser, { locale: 'vi-VN' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
    });
    await page.goto('/sign-in');
    await page.locator('input[autocomplete="current-password"]').waitFor();
    await page.waitForLoadState('networkidle');
    expect(problems).toEqual([]);
    await context.close();
  });
});
