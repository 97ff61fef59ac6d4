import { Secret, TOTP } from 'otpauth';
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

describe('agent turning on two-step verification', () => {
  let browser: Browser;
  let page: Page;
  const agent = {
    username: uniqueName('agent.mfa'),
    password: 'Banyan!e2e-agent3',
    displayName: 'Hứa Minh Khang',
  };
  let recoveryCode: string;

  beforeAll(async () => {
    const admin = await apiSession(demo.admin.username, demo.admin.password);
    await admin.request('POST', '/admin/users', { ...agent, roles: ['agent'], locale: 'en' });
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
  });
  afterAll(() => browser?.close());

  it('enrols with the QR code secret and receives recovery codes once', async () => {
    await signIn(page, agent.username, agent.password);
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'My account' })
      .click();
    await page.getByRole('button', { name: 'Set up two-step verification' }).click();
    await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
    await expectAccessible(page, 'mfa enrolment');

    const secret = await page.getByText('Secret key').locator('xpath=..').locator('code').textContent();
    const code = new TOTP({ secret: Secret.fromBase32(secret ?? '') }).generate();
    await page.getByLabel('6-digit code').fill(code);
    await page.getByRole('button', { name: 'Verify and turn on' }).click();

    await page.getByText('Save your recovery codes').waitFor();
    const codes = await page.locator('code').allTextContents();
    expect(codes.length).toBeGreaterThan(0);
    recoveryCode = codes[0] ?? '';
    await page.getByRole('button', { name: 'I have saved them' }).click();
    await page.getByText('On', { exact: true }).waitFor();
  });

  it('is asked for a code at the next sign-in, and a recovery code lets them in', async () => {
    await page.getByRole('button', { name: `Account menu for ${agent.displayName}` }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();

    await page.getByLabel('Username').fill(agent.username);
    await page.getByLabel('Password', { exact: true }).fill(agent.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const totp = page.getByLabel('Verification code');
    await totp.waitFor();
    // The server asking for the code is a step, not a mistake: no error is shown.
    expect(await page.getByRole('alert').count()).toBe(0);
    await expectAccessible(page, 'sign-in code step');

    await totp.fill(recoveryCode);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: `Welcome, ${agent.displayName}` }).waitFor();
  });
});
