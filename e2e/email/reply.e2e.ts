// The email journey (issue #8): a customer's mail, sent by swaks (Debian) to the built-in SMTP
// server, becomes an email conversation in the Vietnamese email queue; agent.hanoi gets the offer
// on the desk, accepts, sees the sender checks (SPF / DKIM / DMARC badges), attaches a PDF and
// replies in Chinese in the email box (a canned greeting with the name filled, rich text with a bold
// part, a CC; a wrong CC is named first);
// the reply reaches the test mailbox (the embedded demo's local mailbox, Admin · Mailbox) threaded:
// In-Reply-To is the customer's Message-ID, an HTML part with the bold, and the Cc header. Needs swaks and the server's SMTP port
// (`BANYAN_E2E_SMTP_PORT`, set by e2e/run.mjs; 2525 against a server already running).
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
} from '../support.ts';

const exec = promisify(execFile);
const SWAKS = process.env.SWAKS_PATH ?? '/usr/bin/swaks';
const SMTP_PORT = process.env.BANYAN_E2E_SMTP_PORT ?? '2525';
const agentAccount = { username: 'agent.hanoi', password: 'Banyan!agent1' } as const;
const run = Date.now().toString(36);
const subject = `Hỏi về phí thường niên ${run}`;
const customerMessageId = `<e2e-${run}@example.vn>`;
const replyStart = '您好，';
const replyBold = '年费已为您免除';
const replyEnd = `。(${run})`;
const reply = `${replyStart}${replyBold}${replyEnd}`;
const ccAddress = `branch.${run}@bank.example`;
const CONDITION_MS = 30_000;
const fileName = `bieu-phi-${run}.pdf`;
const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(4096, 0x20)]);

describe('email: swaks → email queue → agent replies in Chinese with a PDF → threaded in the mailbox', () => {
  let browser: Browser;
  let agentApi: ApiSession;
  let vipApi: ApiSession;
  let desk: Page;

  beforeAll(async () => {
    // support@ lands in email_vi, which keeps Vietnamese office hours: open it whatever the hour.
    await openAllHours('email_vi');
    agentApi = await apiSession(agentAccount.username, agentAccount.password);
    vipApi = await apiSession('agent.vip', 'Banyan!agent1');
    await agentApi.request('PATCH', '/me/preferences', { locale: 'en', theme: 'light' });
    // agent.vip also speaks Vietnamese: offline, so the offer goes to agent.hanoi.
    await vipApi.request('PUT', '/desk/state', { state: 'offline' });
    browser = await launchBrowser();
    desk = await (await newContext(browser)).newPage();
  });
  afterEach(({ task }) => screenshotsOnFailure(task, 'email', { desk }));
  afterAll(async () => {
    await agentApi?.request('PUT', '/desk/state', { state: 'offline' }).catch(() => undefined);
    await browser?.close();
  });

  const offers = () => desk.getByRole('region', { name: 'Offers' });
  const transcript = () => desk.getByLabel('Messages', { exact: true });

  it('the agent is available on the desk', async () => {
    await openDeskAvailable(desk, agentAccount);
  });

  it('a mail sent by swaks is offered to the agent, who sees the sender checks', async () => {
    const { stdout } = await exec(SWAKS, [
      '--server',
      `127.0.0.1:${SMTP_PORT}`,
      '--from',
      'minh.tran@example.vn',
      '--to',
      'support@bank.example',
      '--header',
      `Subject: ${subject}`,
      '--header',
      `Message-Id: ${customerMessageId}`,
      '--header',
      `From: Trần Minh ${run} <minh.tran@example.vn>`,
      '--body',
      'Tôi bị trừ phí thường niên thẻ tín dụng, xin kiểm tra giúp.',
    ]);
    expect(stdout).toMatch(/^<- {2}250 /m);

    await offers().getByRole('button', { name: 'Accept' }).waitFor({ timeout: CONDITION_MS });
    await expectAccessible(desk, 'desk with an email offer');
    await desk.keyboard.press('Alt+A');
    await offers().waitFor({ state: 'hidden' });
    await transcript().getByText(subject).first().waitFor();
    const checks = desk.getByRole('group', { name: 'Sender checks' }).first();
    await checks.waitFor();
    for (const mechanism of ['spf', 'dkim', 'dmarc']) {
      const badge = checks.getByTestId(`email-auth-${mechanism}`);
      expect(await badge.getAttribute('data-result')).toMatch(
        /^(pass|fail|softfail|neutral|none|temperror|permerror|policy)$/,
      );
      expect(await badge.textContent()).toMatch(new RegExp(`^${mechanism.toUpperCase()} `));
    }
    await expectAccessible(desk, 'desk with an email conversation');
  });

  it('the agent attaches a PDF, replies in Chinese, and the reply reaches the mailbox threaded', async () => {
    // Attach first, then write: the files attached since the last reply go out with the next one.
    const chooser = desk.waitForEvent('filechooser');
    await desk.getByRole('button', { name: 'Attach' }).click();
    await (await chooser).setFiles({ name: fileName, mimeType: 'application/pdf', buffer: pdf });
    await transcript().getByText(fileName).first().waitFor({ timeout: CONDITION_MS });
    // The email box: a rich-text editor (its own chunk) with a bold part, and a CC.
    await desk.getByRole('button', { name: 'Add Cc / Bcc' }).click();
    const cc = desk.getByLabel('Cc', { exact: true });
    await cc.fill('branch manager');
    const editor = desk.getByRole('textbox', { name: 'Email reply' });
    // A canned response (the demo's Greeting) in the conversation's language, the name filled in.
    await desk.getByRole('button', { name: 'Canned responses' }).click();
    await desk.getByRole('menuitem', { name: /Greeting/ }).click();
    await editor.getByText(`Trần Minh ${run}`).waitFor();
    await editor.click();
    await editor.press('Control+End');
    await editor.press('Enter');
    await desk.keyboard.type(replyStart);
    await desk.keyboard.press('Control+B');
    await desk.keyboard.type(replyBold);
    await desk.keyboard.press('Control+B');
    await desk.keyboard.type(replyEnd);
    // A wrong address is named before anything is sent.
    await desk.getByRole('button', { name: 'Send email' }).click();
    await desk.getByText('“branch” is not a valid email address.').waitFor();
    await expectAccessible(desk, 'desk with the email box');
    await cc.fill(ccAddress);
    await editor.press('Control+Enter');
    await transcript().getByText(reply).first().waitFor();

    const admin = await apiSession(demo.admin.username, demo.admin.password);
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
    expect(found?.to).toEqual(['minh.tran@example.vn']);
    const message = await admin.request<{ text: string; headers: string; html: string | null }>(
      'GET',
      `/admin/mailbox/${found?.id}`,
    );
    // The greeting, filled in, then the agent's own paragraph.
    expect(message.text.trim()).toContain(`Trần Minh ${run}`);
    expect(message.text).not.toContain('{customerName}');
    expect(message.text.trim().endsWith(`\n\n${reply}`)).toBe(true);
    // multipart/alternative: the text part above and the HTML part, with the bold kept; the CC header.
    expect(message.html).toContain(`<strong>${replyBold}</strong>`);
    expect(message.headers).toMatch(new RegExp(`^Cc: ${ccAddress.replaceAll('.', '\\.')}\\r?$`, 'mi'));
    expect(found?.to).toEqual(['minh.tran@example.vn']);
    expect(message.headers).toMatch(new RegExp(`^In-Reply-To: ${customerMessageId}\\r?$`, 'mi'));
    expect(message.headers).toMatch(new RegExp(`^References: ${customerMessageId}\\r?$`, 'mi'));
    expect(message.headers).toMatch(/^Reply-To:\s+support\+r[A-Za-z0-9_-]{44}@bank\.example/im);
  });
});
