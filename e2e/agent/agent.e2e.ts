import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiSession,
  baseUrl,
  demo,
  expectAccessible,
  launchBrowser,
  newContext,
  uniqueName,
} from '../support.ts';

describe('agent', () => {
  let browser: Browser;
  let page: Page;
  const agent = {
    username: uniqueName('agent.e2e'),
    password: 'Banyan!e2e-agent2',
    displayName: 'Võ Hoàng Nam',
  };

  beforeAll(async () => {
    const admin = await apiSession(demo.admin.username, demo.admin.password);
    await admin.request('POST', '/admin/users', { ...agent, roles: ['agent'], locale: 'en' });
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
  });
  afterAll(() => browser?.close());

  it('sees a wrong password explained in Vietnamese', async () => {
    await page.goto('/sign-in');
    await page.getByRole('button', { name: /Change language/ }).click();
    await page.getByRole('menuitem', { name: 'Tiếng Việt' }).click();
    await page.getByRole('menu').waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await expectAccessible(page, 'sign-in (vi)');

    await page.getByLabel('Tên đăng nhập').fill(agent.username);
    await page.getByLabel('Mật khẩu', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();

    // The message is the server's own translation: ask it in both languages and compare. An unknown
    // username gets the same answer without counting towards the agent's lockout.
    const messageIn = async (language: string) => {
      const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Accept-Language': language },
        body: JSON.stringify({ username: uniqueName('nobody'), password: 'not-the-password' }),
      });
      expect(response.status).toBe(401);
      return ((await response.json()) as { error: { message: string } }).error.message;
    };
    const vietnamese = await messageIn('vi');
    expect(vietnamese).not.toBe(await messageIn('en'));
    expect(await alert.textContent()).toContain(vietnamese);
    await expectAccessible(page, 'sign-in error (vi)');
  });

  it('signs in with the password the administrator set, and sees only what an agent may use', async () => {
    await page.getByLabel('Mật khẩu', { exact: true }).fill(agent.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    // The user's saved language (English) wins once signed in.
    await page.getByRole('heading', { name: `Welcome, ${agent.displayName}` }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'Home',
      'Desk',
      'Cases',
      'Knowledge',
      'My account',
    ]);
    await expectAccessible(page, 'agent home');
  });

  it('switches to Chinese, and the choice follows the user', async () => {
    await page.getByRole('button', { name: /Change language/ }).click();
    await page.getByRole('menuitem', { name: '简体中文' }).click();
    await page.getByRole('menu').waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: `欢迎，${agent.displayName}` }).waitFor();
    const nav = page.getByRole('navigation', { name: '主导航' });
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      '首页',
      '座席工作台',
      '工单',
      '知识库',
      '我的账户',
    ]);
    expect(await page.getByText('座席代表').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'agent home (zh-CN)');

    // A new browser profile (no local storage) still opens in Chinese: the preference is on the server.
    const other = await (await newContext(browser)).newPage();
    await other.goto('/sign-in');
    await other.getByLabel('Username').fill(agent.username);
    await other.getByLabel('Password', { exact: true }).fill(agent.password);
    await other.getByRole('button', { name: 'Sign in' }).click();
    await other.getByRole('heading', { name: `欢迎，${agent.displayName}` }).waitFor();
    await other.context().close();

    await nav.getByRole('link', { name: '我的账户' }).click();
    await page.getByRole('heading', { name: '我的账户', level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'my account (zh-CN)');
  });
});
