// Email templates and signatures (issue #8, decision 0011): the administrator writes a template and
// the English signature of the Vietnamese email queue on Admin · Email templates (the desk's rich
// editor); a customer's mail sent by swaks is offered to agent.hanoi, who picks the template in the
// email box (the customer's name filled in), sees the signature preview and sends; the mail in the
// local mailbox (Admin · Mailbox) holds the template text and the signature, once. The journey takes
// its template and signature away at the end, so the other email journeys see the queue unsigned.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiSession,
  apiSession,
  demo,
  expectAccessible,
  launchBrowser,
  newContext,
  openAllHours,
  openDeskAvailable,
  screenshotsOnFailure,
  signIn,
} from '../support.ts';

const exec = promisify(execFile);
const SWAKS = process.env.SWAKS_PATH ?? '/usr/bin/swaks';
const SMTP_PORT = process.env.BANYAN_E2E_SMTP_PORT ?? '2525';
const agentAccount = { username: 'agent.hanoi', password: 'Banyan!agent1' } as const;
const run = Date.now().toString(36);
const templateName = `Fee waiver ${run}`;
const templateText = `the annual fee is waived (${run}).`;
const signatureMark = `Card services desk ${run}`;
const subject = `Miễn phí thường niên ${run}`;
const customer = `Phạm Thu ${run}`;
const CONDITION_MS = 30_000;

describe('email templates: the admin writes a template and a signature, the agent replies with them', () => {
  let browser: Browser;
  let admin: ApiSession;
  let agentApi: ApiSession;
  let adminPage: Page;
  let desk: Page;

  beforeAll(async () => {
    // support@ lands in email_vi, which keeps Vietnamese office hours: open it whatever the hour.
    await openAllHours('email_vi');
    admin = await apiSession(demo.admin.username, demo.admin.password);
    await admin.request('PATCH', '/me/preferences', { locale: 'en', theme: 'light' });
    agentApi = await apiSession(agentAccount.username, agentAccount.password);
    await agentApi.request('PATCH', '/me/preferences', { locale: 'en', theme: 'light' });
    // agent.vip also speaks Vietnamese: offline, so the offer goes to agent.hanoi.
    const vip = await apiSession('agent.vip', 'Banyan!agent1');
    await vip.request('PUT', '/desk/state', { state: 'offline' });
    browser = await launchBrowser();
    adminPage = await (await newContext(browser)).newPage();
    desk = await (await newContext(browser)).newPage();
  });
  afterEach(({ task }) => screenshotsOnFailure(task, 'email-templates', { adminPage, desk }));
  afterAll(async () => {
    await agentApi?.request('PUT', '/desk/state', { state: 'offline' }).catch(() => undefined);
    // Leave the queue as the other journeys expect it: no signature, no extra template.
    if (admin) {
      const signatures = await admin
        .request<{ items: { id: string; html: string }[] }>('GET', '/admin/email/signatures')
        .catch(() => ({ items: [] }));
      for (const s of signatures.items.filter((item) => item.html.includes(signatureMark)))
        await admin.request('DELETE', `/admin/email/signatures/${s.id}`).catch(() => undefined);
      const templates = await admin
        .request<{ items: { id: string; name: string }[] }>('GET', '/admin/email/templates')
        .catch(() => ({ items: [] }));
      for (const item of templates.items.filter((t) => t.name === templateName))
        await admin.request('DELETE', `/admin/email/templates/${item.id}`).catch(() => undefined);
    }
    await browser?.close();
  });

  it('the administrator writes a template and the queue’s signature', async () => {
    await signIn(adminPage, demo.admin.username, demo.admin.password);
    await adminPage
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Email templates' })
      .click();
    await adminPage.getByRole('heading', { name: 'Email templates', level: 1 }).waitFor();
    await expectAccessible(adminPage, 'email templates');

    await adminPage.getByRole('button', { name: 'New template' }).click();
    const drawer = adminPage.getByRole('dialog');
    await drawer.getByRole('combobox', { name: 'Queue', exact: true }).click();
    await adminPage.getByRole('option', { name: /^Email — Tiếng Việt/ }).click();
    await drawer.getByRole('textbox', { name: 'Name', exact: true }).fill(templateName);
    await drawer
      .getByRole('textbox', { name: 'Subject (English), used when starting a new email' })
      .fill(subject);
    const body = drawer.getByRole('textbox', { name: 'Template text (English)' });
    await body.click();
    await adminPage.keyboard.type(`Dear {customerName}, ${templateText}`);
    await expectAccessible(adminPage, 'email template editor');
    await drawer.getByRole('button', { name: 'Save' }).click();
    await adminPage.getByRole('row', { name: new RegExp(templateName) }).waitFor();

    await adminPage.getByRole('button', { name: 'Set a signature' }).click();
    const signing = adminPage.getByRole('dialog');
    await signing.getByRole('combobox', { name: 'Queue', exact: true }).click();
    await adminPage.getByRole('option', { name: /^Email — Tiếng Việt/ }).click();
    await signing.getByRole('textbox', { name: 'Signature', exact: true }).click();
    await adminPage.keyboard.type(`{agentName}, ${signatureMark}`);
    await signing.getByRole('button', { name: 'Save' }).click();
    await signing.waitFor({ state: 'hidden' });

    const { items } = await admin.request<{
      items: { queueId: string | null; language: string; html: string }[];
    }>('GET', '/admin/email/signatures');
    expect(items.filter((s) => s.html.includes(signatureMark)).map((s) => s.language)).toEqual(['en']);
  }, 120_000);

  it('the agent is available on the desk', async () => {
    await openDeskAvailable(desk, agentAccount);
  });

  it('a customer’s mail is offered to the agent, who accepts it', async () => {
    const { stdout } = await exec(SWAKS, [
      '--server',
      `127.0.0.1:${SMTP_PORT}`,
      '--from',
      'thu.pham@example.vn',
      '--to',
      'support@bank.example',
      '--header',
      `Subject: ${subject}`,
      '--header',
      `From: ${customer} <thu.pham@example.vn>`,
      '--body',
      'Xin miễn phí thường niên thẻ của tôi.',
    ]);
    expect(stdout).toMatch(/^<- {2}250 /m);
    const offers = desk.getByRole('region', { name: 'Offers' });
    await offers.getByRole('button', { name: 'Accept' }).waitFor({ timeout: CONDITION_MS });
    await desk.keyboard.press('Alt+A');
    await offers.waitFor({ state: 'hidden' });
    await desk.getByLabel('Messages', { exact: true }).getByText(subject).first().waitFor();
  });

  it('the agent inserts the template into a reply; the mail holds it and the signature once', async () => {
    // The picker: search by name; the template goes in at the cursor with the name filled in.
    const editor = desk.getByRole('textbox', { name: 'Email reply' });
    await editor.waitFor();
    await desk.getByPlaceholder('Search templates by name').click();
    await desk.getByPlaceholder('Search templates by name').fill(run);
    await desk.getByRole('option', { name: templateName }).click();
    await editor.getByText(`Dear ${customer}, ${templateText}`).waitFor();
    // The signature the server will add, shown under the editor.
    const preview = desk.getByRole('note', { name: 'Signature preview' });
    await preview.getByText(`Nguyễn Thị Lan, ${signatureMark}`).waitFor();
    await expect.poll(() => desk.getByRole('checkbox', { name: 'Add signature' }).isChecked()).toBe(true);
    await expectAccessible(desk, 'email box with a template');
    await editor.press('Control+Enter');
    await desk.getByLabel('Messages', { exact: true }).getByText(templateText).first().waitFor();

    type Summary = { id: string; subject: string; to: string[] };
    let found: Summary | undefined;
    await expect
      .poll(
        async () => {
          const { items } = await admin.request<{ items: Summary[] }>('GET', '/admin/mailbox');
          found = items.find((m) => m.subject === `Re: ${subject}`);
          return found !== undefined;
        },
        { timeout: CONDITION_MS },
      )
      .toBe(true);
    expect(found?.to).toEqual(['thu.pham@example.vn']);
    const message = await admin.request<{ text: string; html: string | null }>(
      'GET',
      `/admin/mailbox/${found?.id}`,
    );
    const count = (text: string | null, needle: string) => (text ?? '').split(needle).length - 1;
    expect(message.text).toContain(`Dear ${customer}, ${templateText}`);
    expect(message.text.trim().endsWith(`-- \nNguyễn Thị Lan, ${signatureMark}`)).toBe(true);
    expect(count(message.text, signatureMark)).toBe(1);
    expect(count(message.html, signatureMark)).toBe(1);
    expect(count(message.html, templateText)).toBe(1);
  }, 120_000);
});
