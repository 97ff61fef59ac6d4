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

/**
 * The branch setup screens (issue #6): a lobby manager creates a service and a counter, staffs
 * the counter, registers a kiosk (the address with its token is shown once) and the kiosk opened
 * at that address offers the new service.
 */
describe('branch setup', () => {
  let browser: Browser;
  let page: Page;
  let branchName = '';
  const password = 'Banyan!e2e-setup4';
  const manager = { username: uniqueName('lobby.setup'), displayName: 'Hồ Thị Lan', password };
  const tellerUser = { username: uniqueName('teller.setup'), displayName: 'Vũ Đức Anh', password };

  beforeAll(async () => {
    const admin = await apiSession(demo.admin.username, demo.admin.password);
    const code = `S${Date.now().toString(36).slice(-5).toUpperCase()}`;
    branchName = `Branch ${code}`;
    const branch = await admin.request<{ id: string }>('POST', '/admin/branches', {
      code,
      name: branchName,
      city: 'Hanoi',
      country: 'VN',
      timeZone: 'Asia/Ho_Chi_Minh',
    });
    for (const [user, role] of [
      [manager, 'lobby_manager'],
      [tellerUser, 'branch_teller'],
    ] as const)
      await admin.request('POST', '/admin/users', {
        ...user,
        roles: [role],
        branchId: branch.id,
        locale: 'en',
      });
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
  });
  afterAll(() => browser?.close());

  it('opens the setup of the manager’s own branch', async () => {
    await signIn(page, manager.username, password);
    await page.getByRole('link', { name: 'Branch setup' }).first().click();
    await page.getByRole('heading', { name: 'Branch setup' }).waitFor();
    await page.getByText(branchName).first().waitFor();
    await page.getByLabel('Monday').fill('8am to 5pm');
    await page.getByText('Use HH:MM-HH:MM, separated by commas.').waitFor();
    expect(await page.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await page.getByLabel('Monday').fill('');
    await page.getByRole('combobox', { name: 'Business calendar' }).click();
    await page.getByRole('option', { name: /Vietnam/ }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').first().waitFor();
    await expectAccessible(page, 'branch setup hours');
    await page.reload();
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Business calendar' }).inputValue())
      .toMatch(/Vietnam/);
    // Back to no calendar, so the kiosk below opens whatever the day the journey runs.
    await page.getByRole('combobox', { name: 'Business calendar' }).click();
    await page.getByRole('option', { name: 'None (no holidays)' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
  });

  it('creates a service with its names in three languages', async () => {
    await page.getByRole('tab', { name: 'Services' }).click();
    await page.getByRole('button', { name: 'New service' }).click();
    const dialog = page.getByRole('dialog', { name: 'New service' });
    await dialog.getByLabel('Code').fill('fx');
    await dialog.getByLabel('Ticket letter').fill('F');
    await dialog.getByLabel('Name in English').fill('Foreign exchange');
    await dialog.getByLabel('Name in Chinese').fill('外汇');
    await dialog.getByLabel('Name in Vietnamese').fill('Ngoại tệ');
    await expectAccessible(page, 'new service');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page
      .getByRole('table', { name: 'Services' })
      .getByRole('cell', { name: 'Foreign exchange' })
      .waitFor();
  });

  it('adds a counter serving it and puts a teller at it', async () => {
    await page.getByRole('tab', { name: 'Counters' }).click();
    await page.getByLabel('Counter number').fill('7');
    // The pills input's frame takes the click for its inner field.
    await page.getByRole('combobox', { name: 'Services, in calling order' }).click({ force: true });
    await page.getByRole('option', { name: 'F · Foreign exchange' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Add counter' }).click();
    await page
      .getByRole('table', { name: 'Counters' })
      .getByRole('cell', { name: '7', exact: true })
      .waitFor();
    await expectAccessible(page, 'counters');

    await page.getByRole('tab', { name: "Today's staffing" }).click();
    await page.getByRole('combobox', { name: 'Counter 7' }).click();
    await page.getByRole('option', { name: tellerUser.displayName }).click();
    await page.getByText('Saved.').first().waitFor();
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Counter 7' }).inputValue())
      .toBe(tellerUser.displayName);
  });

  it('registers a kiosk, shows its address once, and the kiosk offers the new service', async () => {
    await page.getByRole('tab', { name: 'Devices' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Hall kiosk');
    await page.getByRole('button', { name: 'Register' }).click();
    const dialog = page.getByRole('dialog', { name: 'Hall kiosk is registered' });
    const address = (await dialog.getByTestId('device-address').textContent())?.trim() ?? '';
    expect(address).toMatch(/\/lobby\/kiosk#bdt_/);
    await dialog.getByRole('img', { name: 'QR code of the device address' }).waitFor();
    await expectAccessible(page, 'device token');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await page
      .getByRole('table', { name: 'Devices' })
      .getByRole('cell', { name: 'Hall kiosk', exact: true })
      .waitFor();

    const kiosk = await (await newContext(browser)).newPage();
    await kiosk.goto(address);
    await kiosk.getByRole('button', { name: /Foreign exchange/ }).waitFor();
    await kiosk.close();

    // Revoked: the kiosk's token no longer opens anything.
    await page.getByRole('button', { name: 'Revoke Hall kiosk' }).click();
    await page.getByText('Device revoked.').first().waitFor();
    const token = address.split('#')[1] as string;
    const res = await fetch(`${new URL(address).origin}/api/v1/branch/device/kiosk`, {
      headers: { 'x-device-token': token },
    });
    expect(res.status).toBe(401);
  });
});
