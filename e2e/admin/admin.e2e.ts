import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiSession,
  demo,
  expectAccessible,
  launchBrowser,
  newContext,
  screenshot,
  signIn,
  uniqueName,
} from '../support.ts';

describe('administrator', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // The journey reads the screens in English and the README screenshot is light, whatever was saved before.
    const admin = await apiSession(demo.admin.username, demo.admin.password);
    await admin.request('PATCH', '/me/preferences', { locale: 'en', theme: 'light' });
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
  });
  afterAll(() => browser?.close());

  const nav = () => page.getByRole('navigation', { name: 'Main navigation' });

  it('signs in and sees the role-aware shell', async () => {
    await signIn(page, demo.admin.username, demo.admin.password);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/^Welcome, /);
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    for (const name of [
      'Home',
      'Users',
      'Teams',
      'Departments',
      'Branches',
      'API tokens',
      'Audit log',
      'My account',
    ]) {
      expect(await nav.getByRole('link', { name, exact: true }).count(), name).toBe(1);
    }
    await expectAccessible(page, 'home');
  });

  it('creates an agent from the Users page', async () => {
    await nav().getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    await page.getByRole('row').nth(1).waitFor();
    await expectAccessible(page, 'users');
    await screenshot(page, new URL('../../docs/screenshot.png', import.meta.url).pathname);

    const username = uniqueName('agent.e2e');
    await page.getByRole('button', { name: 'New user' }).click();
    const drawer = page.getByRole('dialog', { name: 'New user' });
    await drawer.getByLabel('Username').fill(username);
    await drawer.getByLabel('Display name').fill('Phạm Thu Trang');
    await drawer.getByLabel('Initial password').fill('Banyan!e2e-agent1');
    await drawer.getByRole('combobox', { name: 'Roles' }).click();
    await page.getByRole('option', { name: 'Agent', exact: true }).click();
    await page.keyboard.press('Escape');
    await expectAccessible(page, 'create user drawer');
    await drawer.getByRole('button', { name: 'New user' }).click();
    await drawer.waitFor({ state: 'hidden' });

    await page.getByLabel('Search').fill(username);
    await page.getByRole('row', { name: new RegExp(username.replaceAll('.', '\\.')) }).waitFor();
  });

  it('issues an API token shown exactly once', async () => {
    await nav().getByRole('link', { name: 'API tokens' }).click();
    await page.getByRole('heading', { name: 'API tokens', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'New token' }).click();
    const drawer = page.getByRole('dialog', { name: 'New token' });
    await drawer.getByLabel('Name', { exact: true }).fill(uniqueName('crm'));
    await drawer.getByRole('combobox', { name: 'Scopes' }).click();
    await page.getByRole('option').first().click();
    await page.keyboard.press('Escape');
    await drawer.getByRole('button', { name: 'Save' }).click();
    const notice = page.getByRole('dialog', { name: 'Token created' });
    expect(await notice.getByRole('textbox', { name: 'Token' }).inputValue()).not.toBe('');
    await expectAccessible(page, 'token created');
    await notice.getByRole('button', { name: 'Done' }).click();
    await notice.waitFor({ state: 'hidden' });
  });

  it('sets up business hours with a holiday, shown open or closed', async () => {
    await nav().getByRole('link', { name: 'Business hours' }).click();
    await page.getByRole('heading', { name: 'Business hours', level: 1 }).waitFor();
    // The demo's office calendars, with their state right now.
    const office = page.getByRole('row', { name: /Vietnam office hours/ });
    await office.waitFor();
    expect(await office.textContent()).toMatch(/Open now|Closed now/);

    const name = uniqueName('Hotline Hanoi');
    await page.getByRole('button', { name: 'New business hours' }).click();
    const drawer = page.getByRole('dialog', { name: 'New business hours' });
    await drawer.getByLabel('Code').fill(uniqueName('hn').replaceAll('.', '-').toLowerCase());
    await drawer.getByLabel('Name', { exact: true }).fill(name);
    await drawer.getByRole('button', { name: 'Add hours to Saturday' }).click();
    await drawer.getByLabel('Saturday, period 1: closes').fill('12:00');
    await drawer.getByRole('button', { name: 'Add holiday' }).click();
    await drawer.getByLabel('Date').fill('2026-09-02');
    await drawer.getByLabel('Name', { exact: true }).nth(1).fill('Quốc khánh');
    await expectAccessible(page, 'business hours drawer');
    await drawer.getByRole('button', { name: 'Save' }).click();
    await drawer.waitFor({ state: 'hidden' });
    const row = page.getByRole('row', { name: new RegExp(name) });
    await row.waitFor();
    expect(await row.textContent()).toContain('Mon–Fri 08:00–17:30 · Sat 08:00–12:00');
    expect(await row.textContent()).toContain('1 holiday');
  });

  it('warns that a widget site without allowed origins lets any page embed the chat', async () => {
    await nav().getByRole('link', { name: 'Widget sites', exact: true }).click();
    await page.getByRole('heading', { name: 'Widget sites', level: 1 }).waitFor();
    // The demo site has no list: any page may embed it, which the page says plainly.
    const demoSite = page.getByRole('row', { name: /Banyan Demo Bank/ });
    await demoSite.getByText('Any site: no list yet. Set one before going live.').waitFor();
    await expectAccessible(page, 'widget sites');
  });

  it('every admin page passes axe', async () => {
    for (const name of [
      'Teams',
      'Departments',
      'Branches',
      'Queues',
      'Business hours',
      'Skills',
      'Canned responses',
      'API tokens',
      'Audit log',
      'My account',
    ]) {
      await nav().getByRole('link', { name, exact: true }).click();
      await page.getByRole('heading', { name, level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      await expectAccessible(page, name);
    }
  });
});
