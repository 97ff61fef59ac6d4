// Case settings (admin): an SLA policy, a custom field in three languages and a make-up working day
// on the China calendar, each added on the page and read back through the API.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  apiSession,
  demo,
  expectAccessible,
  launchBrowser,
  newContext,
  screenshotsOnFailure,
  signIn,
} from '../support.ts';

const run = Date.now().toString(36);
const policy = `Incidents ${run}`;
const fieldKey = `ref_${run}`.slice(0, 40);

describe('an admin edits SLA policies, custom fields and a business calendar', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const admin = await apiSession(demo.admin.username, demo.admin.password);
    await admin.request('PATCH', '/me/preferences', { locale: 'en', theme: 'light' });
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
  });
  afterEach(({ task }) => screenshotsOnFailure(task, 'cases-settings', { page }));
  afterAll(async () => {
    await browser?.close();
  });

  it('adds a policy, a field and a make-up day', async () => {
    await signIn(page, demo.admin.username, demo.admin.password);
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Case settings', exact: true })
      .click();
    // SLA policy.
    const newPolicy = page.getByLabel('New SLA policy');
    await newPolicy.getByRole('textbox', { name: 'Name' }).fill(policy);
    await newPolicy.getByRole('combobox', { name: 'Case type' }).click();
    await page.getByRole('option', { name: 'Incident', exact: true }).click();
    await newPolicy.getByRole('combobox', { name: 'Calendar' }).click();
    await page.getByRole('option', { name: 'CN', exact: true }).click();
    await newPolicy.getByRole('textbox', { name: 'First response (min)' }).fill('30');
    await newPolicy.getByRole('textbox', { name: 'Resolution (min)' }).fill('240');
    await expectAccessible(page, 'case settings: SLA policies');
    await newPolicy.getByRole('button', { name: 'Add' }).click();
    await page.getByRole('table', { name: 'SLA policies' }).getByRole('cell', { name: policy }).waitFor();
    // Custom field.
    await page.getByRole('tab', { name: 'Custom fields' }).click();
    const newField = page.getByLabel('New custom field');
    await newField.getByRole('textbox', { name: 'Key' }).fill(fieldKey);
    await newField.getByRole('textbox', { name: 'Label (English)' }).fill('Card reference');
    await newField.getByRole('textbox', { name: 'Label (Chinese)' }).fill('卡片参考号');
    await newField.getByRole('textbox', { name: 'Label (Vietnamese)' }).fill('Mã tham chiếu thẻ');
    await newField.getByRole('button', { name: 'Add' }).click();
    await page.getByRole('table', { name: 'Custom fields' }).getByRole('cell', { name: fieldKey }).waitFor();
    await expectAccessible(page, 'case settings: custom fields');
    // A make-up working day on the China calendar.
    await page.getByRole('tab', { name: 'Business calendars' }).click();
    await page.getByRole('combobox', { name: 'Calendar' }).click();
    await page.getByRole('option', { name: /^CN · / }).click();
    const newDay = page.getByLabel('Add a day');
    await newDay.getByRole('combobox', { name: 'Kind of day' }).click();
    await page.getByRole('option', { name: 'Make-up working day' }).click();
    await newDay.getByLabel('Date').fill('2027-12-26');
    await newDay.getByRole('textbox', { name: 'Name' }).fill(`Bank make-up day ${run}`);
    await newDay.getByRole('button', { name: 'Add' }).click();
    await page
      .getByRole('table', { name: 'Holidays and make-up days of CN' })
      .getByRole('cell', { name: `Bank make-up day ${run}` })
      .waitFor();
    await expectAccessible(page, 'case settings: business calendars');

    const admin = await apiSession(demo.admin.username, demo.admin.password);
    const policies = await admin.request<{ items: Array<Record<string, unknown>> }>(
      'GET',
      '/admin/case-sla-policies',
    );
    expect(policies.items.find((p) => p.name === policy)).toMatchObject({
      caseType: 'incident',
      calendarCode: 'CN',
      firstResponseMinutes: 30,
      resolutionMinutes: 240,
    });
    const fields = await admin.request<{ items: Array<Record<string, unknown>> }>(
      'GET',
      '/admin/case-fields',
    );
    expect(fields.items.find((f) => f.key === fieldKey)).toMatchObject({
      labels: { en: 'Card reference', 'zh-CN': '卡片参考号', vi: 'Mã tham chiếu thẻ' },
    });
    const calendars = await admin.request<{
      items: Array<{ code: string; makeUpDays: Array<{ date: string }> }>;
    }>('GET', '/admin/case-calendars');
    expect(calendars.items.find((c) => c.code === 'CN')?.makeUpDays.map((d) => d.date)).toContain(
      '2027-12-26',
    );
  });
});
