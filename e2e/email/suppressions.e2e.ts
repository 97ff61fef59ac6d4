// Admin · Email suppressions (issue #8): a hard bounce (an RFC 3464 DSN sent by swaks to the
// built-in SMTP server) for one of the demo's sent notifications puts the recipient on the
// suppression list; the administrator finds it on the page and takes it off (the address is
// removed at the end, so other journeys still mail that customer).
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, demo, expectAccessible, launchBrowser, newContext, signIn } from '../support.ts';

const exec = promisify(execFile);
const SWAKS = process.env.SWAKS_PATH ?? '/usr/bin/swaks';
const SMTP_PORT = process.env.BANYAN_E2E_SMTP_PORT ?? '2525';
const run = Date.now().toString(36);

function dsn(original: string, recipient: string): string {
  return [
    'From: MAILER-DAEMON@relay.bank.example (Mail Delivery System)',
    'To: support@bank.example',
    'Subject: Undelivered Mail Returned to Sender',
    `Message-ID: <dsn-${run}@relay.bank.example>`,
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="B1"',
    '',
    '--B1',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'Your message could not be delivered.',
    '',
    '--B1',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; relay.bank.example',
    '',
    `Final-Recipient: rfc822; ${recipient}`,
    'Action: failed',
    'Status: 5.1.1',
    'Diagnostic-Code: smtp; 550 5.1.1 User unknown',
    '',
    '--B1',
    'Content-Type: text/rfc822-headers',
    '',
    'From: Banyan Bank <no-reply@bank.example>',
    `To: ${recipient}`,
    `Message-ID: ${original}`,
    '',
    '--B1--',
    '',
  ].join('\r\n');
}

describe('administrator manages the email suppression list', () => {
  let browser: Browser;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    const admin = await apiSession(demo.admin.username, demo.admin.password);
    await admin.request('PATCH', '/me/preferences', { locale: 'en', theme: 'light' });
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
    dir = await mkdtemp(join(tmpdir(), 'banyan-dsn-'));
  });
  afterAll(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('a hard bounce lists the address, and the admin removes it', async () => {
    const admin = await apiSession(demo.admin.username, demo.admin.password);
    type Summary = { id: string; messageId: string; to: string[] };
    let sent: Summary | undefined;
    await expect
      .poll(
        async () => {
          sent = (await admin.request<{ items: Summary[] }>('GET', '/admin/mailbox')).items[0];
          return sent !== undefined;
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    const recipient = sent?.to[0] as string;
    const file = join(dir, 'dsn.eml');
    await writeFile(file, dsn(sent?.messageId as string, recipient));
    const { stdout } = await exec(SWAKS, [
      '--server',
      `127.0.0.1:${SMTP_PORT}`,
      '--from',
      'MAILER-DAEMON@relay.bank.example',
      '--to',
      'support@bank.example',
      '--data',
      file,
    ]);
    expect(stdout).toMatch(/^<- {2}250 /m);

    await signIn(page, demo.admin.username, demo.admin.password);
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Email suppressions' })
      .click();
    await page.getByRole('heading', { name: 'Email suppressions', level: 1 }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(recipient.replaceAll('.', '\\.')) });
    await row.waitFor();
    expect(await row.textContent()).toContain('5.1.1');
    await expectAccessible(page, 'email suppressions');
    await row.getByRole('button', { name: `Remove ${recipient} from the list` }).click();
    await page.getByRole('button', { name: 'Remove', exact: true }).last().click();
    await row.waitFor({ state: 'detached' });
    const { items } = await admin.request<{ items: { address: string }[] }>(
      'GET',
      '/admin/email/suppressions',
    );
    expect(items.map((i) => i.address)).not.toContain(recipient);
  });
});
