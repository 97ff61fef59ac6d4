// Case settings (admin): an SLA policy (added, then edited), a custom field in three languages (added,
// then relabelled), a make-up working day and Saturday hours on the China calendar, each done on the
// page and read back through the API.
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
    await page
      .getByRole('table', { name: 'SLA policies' })
      .getByRole('cell', { name: policy, exact: true })
      .waitFor();
    // Edit it: resolution 240 → 300 minutes (applies to clocks started afterwards, as the page says).
    await page.getByText('Changes to a policy apply to SLA clocks started from now on').waitFor();
    await page.getByRole('button', { name: `Edit ${policy}` }).click();
    const editPolicy = page.getByLabel(`Edit SLA policy ${policy}`);
    await editPolicy.getByRole('textbox', { name: 'Resolution (min)' }).fill('300');
    await editPolicy.getByRole('button', { name: 'Save' }).click();
    await page
      .getByRole('table', { name: 'SLA policies' })
      .getByRole('row', { name: new RegExp(policy) })
      .getByRole('cell', { name: '300', exact: true })
      .waitFor();
    // Custom field.
    await page.getByRole('tab', { name: 'Custom fields' }).click();
    const newField = page.getByLabel('New custom field');
    await newField.getByRole('textbox', { name: 'Key' }).fill(fieldKey);
    await newField.getByRole('textbox', { name: 'Label (English)' }).fill('Card reference');
    await newField.getByRole('textbox', { name: 'Label (Chinese)' }).fill('卡片参考号');
    await newField.getByRole('textbox', { name: 'Label (Vietnamese)' }).fill('Mã tham chiếu thẻ');
    await newField.getByRole('button', { name: 'Add' }).click();
    await page
      .getByRole('table', { name: 'Custom fields' })
      .getByRole('cell', { name: fieldKey, exact: true })
      .waitFor();
    await page.getByRole('button', { name: `Edit ${fieldKey}` }).click();
    const editField = page.getByLabel(`Edit custom field ${fieldKey}`);
    await editField.getByRole('textbox', { name: 'Label (English)' }).fill('Card reference number');
    await editField.getByRole('button', { name: 'Save' }).click();
    await page
      .getByRole('table', { name: 'Custom fields' })
      .getByRole('cell', { name: 'Card reference number', exact: true })
      .waitFor();
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
    // Saturday hours on the same calendar.
    const weekly = page.getByLabel('Working hours');
    await weekly.getByRole('textbox', { name: 'Saturday' }).fill('09:00-12:00');
    await weekly.getByRole('button', { name: 'Save working hours' }).click();
    await expect
      .poll(
        async () => (await weekly.getByRole('textbox', { name: 'Saturday' }).inputValue()) === '09:00-12:00',
      )
      .toBe(true);
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
      resolutionMinutes: 300,
      version: 2,
    });
    const fields = await admin.request<{ items: Array<Record<string, unknown>> }>(
      'GET',
      '/admin/case-fields',
    );
    expect(fields.items.find((f) => f.key === fieldKey)).toMatchObject({
      labels: { en: 'Card reference number', 'zh-CN': '卡片参考号', vi: 'Mã tham chiếu thẻ' },
      version: 2,
    });
    const calendars = await admin.request<{
      items: Array<{ code: string; makeUpDays: Array<{ date: string }>; weekly: Record<string, string[][]> }>;
    }>('GET', '/admin/case-calendars');
    const cn = calendars.items.find((c) => c.code === 'CN');
    expect(cn?.makeUpDays.map((d) => d.date)).toContain('2027-12-26');
    expect(cn?.weekly['6']).toEqual([['09:00', '12:00']]);
  });
});
