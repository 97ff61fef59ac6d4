// An agent creates a complaint from a chat; hands a task to the card center; a card-center user takes
// it, writes in the task thread and completes it; the owner sees the reply live and resolves; the
// complaints officer finds it in the register and downloads the final letter in Chinese (and the
// statement the owner attached to the case).
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiSession,
  apiSession,
  expectAccessible,
  launchBrowser,
  newContext,
  openDeskAvailable,
  screenshotsOnFailure,
  signIn,
} from '../support.ts';

const agentAccount = { username: 'agent.hanoi', password: 'Banyan!agent1' } as const;
const cardsAccount = { username: 'cards.officer', password: 'Banyan!cards1' } as const;
const officerAccount = { username: 'complaints', password: 'Banyan!complaint1' } as const;
const run = Date.now().toString(36);
const customerName = `Lê Thị Hoa ${run}`;
const subject = `Annual fee charged twice (${run})`;
const cardReply = `Found two postings, one reversed (${run})`;
const STATEMENT = Buffer.from(
  `%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n% statement ${run}\n%%EOF\n`,
);

describe('a complaint from a chat, worked with the card center, answered with a letter', () => {
  let browser: Browser;
  let agentApi: ApiSession;
  const contexts: BrowserContext[] = [];
  let desk: Page;
  let cards: Page;
  let officer: Page;
  let bank: Page;
  let widget: FrameLocator;
  let caseNumber = '';

  beforeAll(async () => {
    agentApi = await apiSession(agentAccount.username, agentAccount.password);
    for (const account of [agentAccount, cardsAccount, officerAccount]) {
      const api = account === agentAccount ? agentApi : await apiSession(account.username, account.password);
      await api.request('PATCH', '/me/preferences', { locale: 'en', theme: 'light' });
    }
    await closeLeftovers(agentApi);
    browser = await launchBrowser();
    for (let i = 0; i < 4; i++) contexts.push(await newContext(browser, i === 3 ? { locale: 'vi-VN' } : {}));
    [desk, cards, officer, bank] = (await Promise.all(contexts.map((c) => c.newPage()))) as [
      Page,
      Page,
      Page,
      Page,
    ];
  });
  afterEach(({ task }) => screenshotsOnFailure(task, 'cases', { desk, cards, officer, bank }));
  afterAll(async () => {
    await closeLeftovers(agentApi).catch(() => undefined);
    await agentApi?.request('PUT', '/desk/state', { state: 'offline' }).catch(() => undefined);
    await browser?.close();
  });

  it('the agent takes a chat and creates a complaint from it', async () => {
    await openDeskAvailable(desk, agentAccount);

    await bank.goto('/demo-bank?lang=vi');
    await bank.getByRole('button', { name: 'Chat với chúng tôi' }).click();
    widget = bank.getByTitle('Chat với chúng tôi').contentFrame();
    await widget.getByLabel('Họ tên').fill(customerName);
    await widget.getByLabel('Số điện thoại').fill('+84 912 345 679');
    await widget.getByLabel('Chủ đề').selectOption({ label: 'Thẻ' });
    await widget.getByLabel('Câu hỏi của bạn (không bắt buộc)').fill('Tôi bị thu phí thường niên hai lần');
    await widget.getByRole('button', { name: 'Bắt đầu chat' }).click();

    const offers = desk.getByRole('region', { name: 'Offers' });
    await offers.getByRole('button', { name: 'Accept' }).click({ timeout: 30_000 });
    await desk.getByRole('heading', { name: customerName, level: 2 }).waitFor();

    await desk.getByRole('button', { name: 'Create case' }).click();
    const panel = desk.getByRole('dialog', { name: 'Create a case from this chat' });
    await panel.getByRole('combobox', { name: 'Type' }).click();
    await desk.getByRole('option', { name: 'Complaint', exact: true }).click();
    await panel.getByRole('textbox', { name: 'Subject' }).fill(subject);
    await panel
      .getByRole('textbox', { name: 'Description' })
      .fill('The customer was charged the annual card fee twice in March.');
    await expectAccessible(desk, 'desk: create case panel');
    await panel.getByRole('button', { name: 'Create case' }).click();
    const done = desk.getByText(/^Case CS-\d{4}-\d{6} created: you own it\.$/);
    await done.waitFor();
    caseNumber = /CS-\d{4}-\d{6}/.exec((await done.textContent()) ?? '')?.[0] ?? '';
    expect(caseNumber).toMatch(/^CS-/);
  });

  it('the owner hands a task to the card center', async () => {
    await desk
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Cases', exact: true })
      .click();
    await desk.getByRole('table', { name: 'My cases' }).getByRole('button', { name: caseNumber }).click();
    await desk.getByRole('heading', { name: `${caseNumber} · ${subject}` }).waitFor();
    await desk.getByRole('combobox', { name: 'Department' }).click();
    await desk.getByRole('option', { name: 'Card Center', exact: true }).click();
    await desk.getByRole('textbox', { name: 'Task', exact: true }).fill('Check the fee postings');
    await desk
      .getByRole('textbox', { name: 'Instructions' })
      .fill('Two annual fee postings in March: reverse the duplicate.');
    await desk.getByRole('button', { name: 'Hand over' }).click();
    await desk.getByLabel('Task: Check the fee postings').waitFor();
    // The customer's statement goes on the case as a file (the server sniffs the bytes: a PDF).
    const [chooser] = await Promise.all([
      desk.waitForEvent('filechooser'),
      desk.getByRole('button', { name: 'Attach a file', exact: true }).click(),
    ]);
    await chooser.setFiles({ name: 'statement-march.pdf', mimeType: 'application/pdf', buffer: STATEMENT });
    await desk.getByRole('link', { name: 'statement-march.pdf (1 KB)' }).waitFor();
    await expectAccessible(desk, 'cases: case panel (owner)');
  });

  it('a card-center officer takes the task, writes in its thread and completes it; the owner sees the reply live', async () => {
    await signIn(cards, cardsAccount.username, cardsAccount.password);
    await cards
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Cases', exact: true })
      .click();
    await cards.getByRole('tab', { name: "My department's tasks" }).click();
    const task = cards.getByLabel('Task: Check the fee postings').first();
    await task.getByRole('button', { name: 'Take task' }).click();
    await task.getByRole('button', { name: 'Complete task' }).waitFor();
    await task.getByRole('textbox', { name: 'Message' }).fill(cardReply);
    await task.getByRole('button', { name: 'Send' }).click();
    await task.getByRole('log', { name: 'Task discussion' }).getByText(cardReply).waitFor();
    await expectAccessible(cards, 'cases: department tasks');
    // Live on the owner's screen: no reload.
    await desk
      .getByRole('log', { name: 'Task discussion' })
      .getByText(cardReply)
      .waitFor({ timeout: 15_000 });
    await task.getByRole('textbox', { name: 'Outcome' }).fill('Duplicate fee reversed');
    await task.getByRole('button', { name: 'Complete task' }).click();
    await desk
      .getByLabel('Task: Check the fee postings')
      .getByText('Done', { exact: true })
      .waitFor({ timeout: 15_000 });
  });

  it('the owner resolves the complaint with the resolution and root cause', async () => {
    await desk.getByRole('textbox', { name: 'Resolution' }).fill('Đã hoàn lại phí thường niên thu trùng.');
    await desk.getByRole('textbox', { name: 'Root cause' }).fill('Batch job ran twice');
    await desk.getByRole('button', { name: 'Resolve' }).click();
    await desk
      .getByRole('heading', { name: `${caseNumber} · ${subject}` })
      .locator('..')
      .getByText('Resolved')
      .waitFor();
  });

  it('the complaints officer finds it in the register and downloads the final letter in Chinese', async () => {
    await signIn(officer, officerAccount.username, officerAccount.password);
    await officer
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Cases', exact: true })
      .click();
    const register = officer.getByRole('table', { name: 'Complaints register' });
    await register.getByRole('button', { name: caseNumber }).click();
    await officer.getByRole('heading', { name: `${caseNumber} · ${subject}` }).waitFor();
    await expectAccessible(officer, 'cases: complaints register');
    const [download] = await Promise.all([
      officer.waitForEvent('download'),
      officer.getByRole('link', { name: 'Final letter (Chinese)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${caseNumber}-zh-CN.pdf`);
    const file = await download.path();
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(10_000); // the subset CJK font is embedded
    // The statement the owner attached downloads as it was uploaded.
    const [statement] = await Promise.all([
      officer.waitForEvent('download'),
      officer.getByRole('link', { name: 'statement-march.pdf (1 KB)' }).click(),
    ]);
    expect(statement.suggestedFilename()).toBe('statement-march.pdf');
    expect(readFileSync(await statement.path()).equals(STATEMENT)).toBe(true);
  });
});

/** A run stopped half-way may have left agent.hanoi a conversation: close it as the desk would. */
async function closeLeftovers(agent: ApiSession): Promise<void> {
  const { items } = await agent.request<{ items: { id: string; status: string }[] }>(
    'GET',
    '/desk/conversations',
  );
  if (items.length === 0) return;
  const { items: reasons } = await agent.request<{ items: { id: string }[] }>('GET', '/contact-reasons');
  for (const conversation of items) {
    if (conversation.status === 'active')
      await agent.request('POST', `/conversations/${conversation.id}/wrap-up`);
    await agent.request('POST', `/conversations/${conversation.id}/close`, {
      contactReasonId: reasons[0]?.id,
    });
  }
}
