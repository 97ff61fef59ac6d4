// The live-chat journey (issue #3): a customer on the demo bank's website chats in Vietnamese with
// agent.hanoi on the desk — offer, accept, replies both ways, a network cut on the customer's side
// that loses and doubles nothing, wrap-up and close, rating. Two browser contexts, one server.
//
// Known desk race (reported, not fixed here): after Accept the conversation view can open on "This
// conversation does not exist." (GET /conversations/:id answers 404 before the assignment listener
// has run) and stay there until a later event refetches it; this journey then fails at "accepts
// with Alt+A". A failed step leaves screenshots of both screens in test-results/chat/.
// The server must serve the widget build (dist/widget): `npm run build:widget` first, since
// e2e/run.mjs builds only the web app.
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiSession,
  apiSession,
  baseUrl,
  expectAccessible,
  launchBrowser,
  newContext,
  screenshot,
  signIn,
} from '../support.ts';

const agentAccount = { username: 'agent.hanoi', password: 'Banyan!agent1' } as const;
// Unique per run, so a rerun against a long-lived server never matches an older conversation.
const run = Date.now().toString(36);
const customerName = `Trần Văn Minh ${run}`;
const firstMessage = 'Tôi muốn khóa thẻ';
const agentReply = 'Dạ, em hỗ trợ ngay ạ';
const offline = [`Thẻ số cuối 1234 (${run})`, `Tôi đang ở nước ngoài (${run})`];
const CONDITION_MS = 20_000;

describe('live chat: customer on the demo bank ↔ agent on the desk', () => {
  let browser: Browser;
  let agentApi: ApiSession;
  let agentContext: BrowserContext;
  let customerContext: BrowserContext;
  let desk: Page;
  let bank: Page;
  let widget: FrameLocator;

  beforeAll(async () => {
    const loader = await fetch(`${baseUrl}/widget.js`);
    if (!loader.ok) throw new Error(`GET /widget.js: ${loader.status}; run \`npm run build:widget\` first`);
    agentApi = await apiSession(agentAccount.username, agentAccount.password);
    // The desk is read in English whatever agent.hanoi saved before; the widget follows the bank page.
    await agentApi.request('PATCH', '/me/preferences', { locale: 'en', theme: 'light' });
    await closeLeftovers(agentApi);
    browser = await launchBrowser();
    agentContext = await newContext(browser);
    customerContext = await newContext(browser, { locale: 'vi-VN' });
    desk = await agentContext.newPage();
    bank = await customerContext.newPage();
  });
  // A failed step leaves both screens in test-results/ (ignored by git) for the CI artefacts.
  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail') return;
    const name = task.name.replace(/[^\p{L}\p{N}]+/gu, '-');
    const dir = new URL('../../test-results/chat/', import.meta.url).pathname;
    await screenshot(desk, `${dir}${name}.desk.png`).catch(() => undefined);
    await screenshot(bank, `${dir}${name}.customer.png`).catch(() => undefined);
  });
  afterAll(async () => {
    // Demo agents start offline: leave agent.hanoi that way for the next journey or run.
    await agentApi?.request('PUT', '/desk/state', { state: 'offline' }).catch(() => undefined);
    await browser?.close();
  });

  const offers = () => desk.getByRole('region', { name: 'Offers' });
  const transcript = () => desk.getByLabel('Messages', { exact: true });
  const chatLog = () => widget.getByRole('log', { name: 'Cuộc trò chuyện' });
  const myConversations = () => desk.getByRole('navigation', { name: 'My conversations' });

  it('the agent signs in, opens the desk and becomes available', async () => {
    await signIn(desk, agentAccount.username, agentAccount.password);
    await desk
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Desk', exact: true })
      .click();
    await desk.getByRole('heading', { name: 'Agent desk', level: 1 }).waitFor();
    await desk.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    await desk.getByRole('button', { name: /^Your state: .* Change state$/ }).click();
    await desk.getByRole('menuitem', { name: 'Available', exact: true }).click();
    await desk.getByRole('button', { name: /^Your state: Available for / }).waitFor();
    await expectAccessible(desk, 'desk (available, no conversation)');
  });

  it('the customer opens the widget on the demo bank page and starts a chat in Vietnamese', async () => {
    await bank.goto('/demo-bank?lang=vi');
    await bank.getByRole('heading', { name: 'Ngân hàng Demo Banyan', level: 1 }).waitFor();
    await bank.getByRole('button', { name: 'Chat với chúng tôi' }).click();
    await bank.getByRole('button', { name: 'Đóng chat' }).waitFor();
    const frame = bank.getByTitle('Chat với chúng tôi');
    widget = frame.contentFrame();

    await widget.getByText('Hãy cho chúng tôi biết đôi chút về bạn').waitFor();
    await widget.getByLabel('Họ tên').fill(customerName);
    await widget.getByLabel('Số điện thoại').fill('+84 912 345 678');
    await widget.getByLabel('Chủ đề').selectOption({ label: 'Thẻ' });
    expect(await widget.getByLabel('Ngôn ngữ').inputValue()).toBe('vi');
    await widget.getByLabel('Câu hỏi của bạn (không bắt buộc)').fill(firstMessage);
    await widget.getByRole('button', { name: 'Bắt đầu chat' }).click();
    await chatLog().getByText(firstMessage, { exact: true }).waitFor();
  });

  it('the agent gets the offer, accepts with Alt+A and answers', async () => {
    await offers()
      .getByRole('heading', { name: /^Incoming conversation · / })
      .waitFor({
        timeout: CONDITION_MS,
      });
    await expectAccessible(desk, 'desk with an offer');
    await offers().getByRole('button', { name: 'Accept' }).waitFor();
    await desk.keyboard.press('Alt+A');
    await offers().waitFor({ state: 'hidden' });

    await desk.getByRole('heading', { name: customerName, level: 2 }).waitFor();
    await transcript().getByText(firstMessage, { exact: true }).waitFor();
    const reply = desk.getByLabel('Reply to the customer');
    // Alt+A puts the cursor in the reply box, so the agent types straight away.
    await expect.poll(() => reply.evaluate((element) => element === document.activeElement)).toBe(true);
    await reply.fill(agentReply);
    await reply.press('Control+Enter');
    await transcript().getByText(agentReply, { exact: true }).waitFor();
    await expect.poll(() => reply.inputValue()).toBe('');
    await expectAccessible(desk, 'desk with an active conversation');
  });

  it('the customer sees that an agent joined and the reply', async () => {
    await chatLog().getByText('Nhân viên đã tham gia cuộc trò chuyện.').waitFor();
    await chatLog().getByText(agentReply, { exact: true }).waitFor();
    await expectAccessibleFrame(bank, 'widget in a conversation');
  });

  it('a network cut on the customer side loses and doubles nothing', async () => {
    const composer = widget.getByLabel('Nhập tin nhắn');
    await customerContext.setOffline(true);
    for (const text of offline) {
      await composer.fill(text);
      await composer.press('Enter');
      await chatLog().getByText(text, { exact: true }).waitFor();
    }
    // The only fixed wait of the journey: the customer stays offline for a while, as on a train.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await customerContext.setOffline(false);

    for (const text of offline) {
      await expect
        .poll(() => transcript().getByText(text, { exact: true }).count(), { timeout: CONDITION_MS })
        .toBe(1);
    }
    // Every message sent and shown by the server's copy, nothing left in the outbox.
    await expect
      .poll(
        () =>
          chatLog()
            .getByText(/Đang gửi…|Chưa gửi/)
            .count(),
        { timeout: CONDITION_MS },
      )
      .toBe(0);
    for (const text of [firstMessage, agentReply, ...offline]) {
      expect(await chatLog().getByText(text, { exact: true }).count(), `widget: ${text}`).toBe(1);
      expect(await transcript().getByText(text, { exact: true }).count(), `desk: ${text}`).toBe(1);
    }
  });

  it('the agent wraps up and closes with a contact reason', async () => {
    await desk.getByRole('button', { name: 'Wrap up' }).click();
    await desk.getByRole('combobox', { name: 'Contact reason' }).click();
    await desk.getByRole('option', { name: 'Card services', exact: true }).click();
    await desk.getByRole('button', { name: 'Close conversation' }).click();
    await desk.getByText('Select a conversation on the left.').waitFor();
    await myConversations().getByText('No open conversations.').waitFor();
    expect(
      await myConversations()
        .getByRole('button', { name: new RegExp(customerName) })
        .count(),
    ).toBe(0);
  });

  it('the customer sees the chat ended and rates it 5 with a comment', async () => {
    await chatLog().getByText('Cuộc trò chuyện đã kết thúc.').waitFor();
    await widget.getByRole('group', { name: 'Bạn đánh giá cuộc trò chuyện thế nào?' }).waitFor();
    await expectAccessibleFrame(bank, 'widget rating form');
    // The radios are visually hidden behind the stars: the label is what the customer clicks.
    await widget.getByRole('radio', { name: '5 trên 5' }).check({ force: true });
    await widget.getByLabel('Nhận xét (không bắt buộc)').fill('Nhân viên hỗ trợ rất nhanh, cảm ơn!');
    await widget.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await widget.getByRole('status').filter({ hasText: 'Cảm ơn bạn đã góp ý.' }).waitFor();
    await widget.getByRole('button', { name: 'Bắt đầu cuộc trò chuyện mới' }).waitFor();
    await expectAccessibleFrame(bank, 'widget thank-you');
  });
});

/**
 * On a long-lived server (BANYAN_E2E_BASE_URL), a run stopped half-way may have left agent.hanoi a
 * conversation: close it as the desk would, so the desk starts empty and "no open conversations" means ours closed.
 */
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

/** axe-core on the bank page; @axe-core/playwright also analyses the widget's iframe (Banyan's origin). */
async function expectAccessibleFrame(page: Page, label: string): Promise<void> {
  await expectAccessible(page, label);
}
