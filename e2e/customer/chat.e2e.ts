// The live-chat journey (issue #3): a customer on the demo bank's website chats in Vietnamese with
// agent.hanoi on the desk — offer, accept, replies both ways, a 10 s network cut on the customer's
// side that loses and doubles nothing; agent.hanoi transfers the chat to the English queue with a
// note, agent.vip (English 5, Vietnamese 4) takes it, reads the note, answers, wraps up and closes
// with a contact reason; the customer answers the bank's post-chat survey (NPS + why) in the widget
// and the quality analyst finds the answer in the survey's results; the supervisor's live view
// counts the answered chat.
// Four browser contexts (customer, two agents, supervisor), one server. A failed step leaves
// screenshots of every screen in test-results/chat/.
// The server must serve the widget build (dist/widget): `npm run build:widget` first, since
// e2e/run.mjs builds only the web app.
// The server must serve the widget build (dist/widget): `npm run build:widget` first, since
// e2e/run.mjs builds only the web app.
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiSession,
  apiSession,
  baseUrl,
  demo,
  expectAccessible,
  launchBrowser,
  newContext,
  openDeskAvailable,
  screenshotsOnFailure,
  signIn,
} from '../support.ts';

const agentAccount = { username: 'agent.hanoi', password: 'Banyan!agent1' } as const;
// The transfer target: the English chat queue needs lang_en ≥ 3, which agent.hanoi (2) lacks and
// agent.vip (5) has (apps/server/src/seed/demo-bank.ts).
const secondAgentAccount = { username: 'agent.vip', password: 'Banyan!agent1' } as const;
const supervisorAccount = { username: 'supervisor', password: 'Banyan!super1' } as const;
const analystAccount = { username: 'qa', password: 'Banyan!quality1' } as const;
/** The post-chat survey this journey configures (kept on a long-lived server: found again by code). */
const surveyCode = 'nps.chat.e2e';
const targetQueue = { code: 'chat_en', name: 'Chat — English' } as const;
// Unique per run, so a rerun against a long-lived server never matches an older conversation.
const run = Date.now().toString(36);
const customerName = `Trần Văn Minh ${run}`;
const firstMessage = 'Tôi muốn khóa thẻ';
const agentReply = 'Dạ, em hỗ trợ ngay ạ';
const offline = [`Thẻ số cuối 1234 (${run})`, `Tôi đang ở nước ngoài (${run})`];
const surveyWhy = `Nhân viên hỗ trợ rất nhanh, thẻ 4111 1111 1111 1111 đã khóa (${run})`;
const transferNote = `Khách đang ở nước ngoài, cần khóa thẻ ngay (${run})`;
const secondReply = `Chào anh, em đã khóa thẻ cho anh rồi ạ (${run})`;
const CONDITION_MS = 20_000;

describe('live chat: customer on the demo bank ↔ agent on the desk', () => {
  let browser: Browser;
  let agentApi: ApiSession;
  let secondAgentApi: ApiSession;
  let supervisorApi: ApiSession;
  let agentContext: BrowserContext;
  let secondAgentContext: BrowserContext;
  let supervisorContext: BrowserContext;
  let customerContext: BrowserContext;
  let desk: Page;
  let secondDesk: Page;
  let board: Page;
  let bank: Page;
  let widget: FrameLocator;
  let answeredBefore: number;
  let analystApi: ApiSession;
  let surveyId: string;

  beforeAll(async () => {
    const loader = await fetch(`${baseUrl}/widget.js`);
    if (!loader.ok) throw new Error(`GET /widget.js: ${loader.status}; run \`npm run build:widget\` first`);
    agentApi = await apiSession(agentAccount.username, agentAccount.password);
    secondAgentApi = await apiSession(secondAgentAccount.username, secondAgentAccount.password);
    supervisorApi = await apiSession(supervisorAccount.username, supervisorAccount.password);
    // Staff screens are read in English whatever each saved before; the widget follows the bank page.
    for (const api of [agentApi, secondAgentApi, supervisorApi]) {
      await api.request('PATCH', '/me/preferences', { locale: 'en', theme: 'light' });
    }
    await closeLeftovers(agentApi);
    await closeLeftovers(secondAgentApi);
    // agent.vip also speaks Vietnamese: offline until the transfer, so the first offer goes to agent.hanoi.
    await secondAgentApi.request('PUT', '/desk/state', { state: 'offline' });
    answeredBefore = await answeredToday(supervisorApi, targetQueue.code);
    // The bank asks an NPS survey after chats (surveys module): the widget shows it instead of the 1–5.
    analystApi = await apiSession(analystAccount.username, analystAccount.password);
    const surveys = await analystApi.request<{ items: { id: string; code: string }[] }>('GET', '/surveys');
    surveyId =
      surveys.items.find((s) => s.code === surveyCode)?.id ??
      (
        await analystApi.request<{ id: string }>('POST', '/surveys', {
          code: surveyCode,
          kind: 'nps',
          trigger: 'chat_closed',
        })
      ).id;
    browser = await launchBrowser();
    agentContext = await newContext(browser);
    secondAgentContext = await newContext(browser);
    supervisorContext = await newContext(browser);
    customerContext = await newContext(browser, { locale: 'vi-VN' });
    desk = await agentContext.newPage();
    secondDesk = await secondAgentContext.newPage();
    board = await supervisorContext.newPage();
    bank = await customerContext.newPage();
  });
  // A failed step leaves both screens in test-results/ (ignored by git) for the CI artefacts.
  afterEach(({ task }) =>
    screenshotsOnFailure(task, 'chat', {
      desk,
      'second-desk': secondDesk,
      supervisor: board,
      customer: bank,
    }),
  );
  afterAll(async () => {
    // Demo agents start offline: leave both agents that way for the next journey or run.
    await agentApi?.request('PUT', '/desk/state', { state: 'offline' }).catch(() => undefined);
    await secondAgentApi?.request('PUT', '/desk/state', { state: 'offline' }).catch(() => undefined);
    await browser?.close();
  });

  const offers = () => desk.getByRole('region', { name: 'Offers' });
  const transcript = () => desk.getByLabel('Messages', { exact: true });
  const chatLog = () => widget.getByRole('log', { name: 'Cuộc trò chuyện' });
  const myConversations = (page = desk) => page.getByRole('navigation', { name: 'My conversations' });

  it('the agent signs in, opens the desk and becomes available', async () => {
    await openDeskAvailable(desk, agentAccount);
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

  it('a 10 s network cut on the customer side loses and doubles nothing', async () => {
    const composer = widget.getByLabel('Nhập tin nhắn');
    await customerContext.setOffline(true);
    for (const text of offline) {
      await composer.fill(text);
      await composer.press('Enter');
      await chatLog().getByText(text, { exact: true }).waitFor();
    }
    // The only fixed wait of the journey: the customer stays offline for a while, as on a train.
    await new Promise((resolve) => setTimeout(resolve, 10_000));
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

  it('a second agent, agent.vip, opens the desk and becomes available', async () => {
    await openDeskAvailable(secondDesk, secondAgentAccount);
  });

  it('agent.hanoi transfers the chat to the English queue with a note', async () => {
    await desk.getByRole('button', { name: 'Transfer', exact: true }).click();
    const panel = desk.getByRole('dialog', { name: 'Transfer the conversation' });
    await panel.waitFor();
    await expect.poll(() => panel.getByRole('radio', { name: 'Another queue' }).isChecked()).toBe(true);
    await panel.getByRole('combobox', { name: 'Queue' }).click();
    await desk.getByRole('option', { name: targetQueue.name, exact: true }).click();
    await panel.getByLabel('Note for the next agent').fill(transferNote);
    await expectAccessible(desk, 'desk transfer panel');
    await panel.getByRole('button', { name: 'Transfer', exact: true }).click();
    await panel.waitFor({ state: 'hidden' });
    await desk.getByText('Select a conversation on the left.').waitFor();
    await myConversations().getByText('No open conversations.').waitFor();
  });

  it('agent.vip gets the offer, accepts, reads the note and the history, and answers', async () => {
    const offers = secondDesk.getByRole('region', { name: 'Offers' });
    await offers
      .getByRole('heading', { name: /^Incoming conversation · / })
      .waitFor({ timeout: CONDITION_MS });
    await offers.getByRole('button', { name: 'Accept' }).click();
    await offers.waitFor({ state: 'hidden' });
    await secondDesk.getByRole('heading', { name: customerName, level: 2 }).waitFor();
    const messages = secondDesk.getByLabel('Messages', { exact: true });
    await messages.getByText(transferNote, { exact: true }).waitFor();
    for (const text of [firstMessage, agentReply, ...offline]) {
      expect(await messages.getByText(text, { exact: true }).count(), `history: ${text}`).toBe(1);
    }
    const reply = secondDesk.getByLabel('Reply to the customer');
    await reply.fill(secondReply);
    await reply.press('Control+Enter');
    await messages.getByText(secondReply, { exact: true }).waitFor();
    await expectAccessible(secondDesk, 'second desk with the transferred conversation');
  });

  it("the customer sees the second agent's answer, and never the note", async () => {
    await chatLog().getByText(secondReply, { exact: true }).waitFor({ timeout: CONDITION_MS });
    expect(await chatLog().getByText(transferNote).count()).toBe(0);
  });

  it('agent.vip wraps up and closes with a contact reason', async () => {
    await secondDesk.getByRole('button', { name: 'Wrap up' }).click();
    await secondDesk.getByRole('combobox', { name: 'Contact reason' }).click();
    await secondDesk.getByRole('option', { name: 'Card services', exact: true }).click();
    await secondDesk.getByRole('button', { name: 'Close conversation' }).click();
    await secondDesk.getByText('Select a conversation on the left.').waitFor();
    await myConversations(secondDesk).getByText('No open conversations.').waitFor();
    expect(
      await myConversations(secondDesk)
        .getByRole('button', { name: new RegExp(customerName) })
        .count(),
    ).toBe(0);
  });

  it("the customer sees the chat ended and answers the bank's survey in Vietnamese", async () => {
    await chatLog().getByText('Cuộc trò chuyện đã kết thúc.').waitFor();
    const score = widget.getByRole('group', {
      name: 'Anh/chị có sẵn lòng giới thiệu chúng tôi với bạn bè, đồng nghiệp không?',
    });
    await score.waitFor();
    await expectAccessibleFrame(bank, 'widget survey form');
    expect(await score.getByRole('radio').count()).toBe(11); // NPS: 0 to 10
    // The radios are visually hidden behind their numbers: the label is what the customer clicks.
    await score.getByRole('radio', { name: '9', exact: true }).check({ force: true });
    await widget.getByLabel('Vì sao anh/chị chọn mức điểm này?').fill(surveyWhy);
    await widget.getByRole('button', { name: 'Gửi câu trả lời' }).click();
    await widget.getByRole('status').filter({ hasText: 'Cảm ơn bạn đã góp ý.' }).waitFor();
    await widget.getByRole('button', { name: 'Bắt đầu cuộc trò chuyện mới' }).waitFor();
    await expectAccessibleFrame(bank, 'widget thank-you');
  });

  it('the customer asks for the transcript by email: it lands in the mailbox, without the note', async () => {
    await widget.getByRole('button', { name: 'Gửi bản ghi qua email cho tôi' }).click();
    const address = widget.getByLabel('Địa chỉ email nhận bản ghi');
    await address.fill('khong-phai-email');
    await widget.getByRole('button', { name: 'Gửi bản ghi', exact: true }).click();
    await widget.getByRole('alert').filter({ hasText: 'Vui lòng nhập địa chỉ email hợp lệ.' }).waitFor();
    const to = `minh.${run}@example.vn`;
    await address.fill(to);
    await widget.getByRole('button', { name: 'Gửi bản ghi', exact: true }).click();
    await widget
      .getByRole('status')
      .filter({ hasText: `Bản ghi đang được gửi tới ${to}.` })
      .waitFor();
    await expectAccessibleFrame(bank, 'widget transcript sent');

    const admin = await apiSession(demo.admin.username, demo.admin.password);
    let id: string | undefined;
    await expect
      .poll(
        async () => {
          const { items } = await admin.request<{ items: { id: string; to: string[] }[] }>(
            'GET',
            '/admin/mailbox',
          );
          id = items.find((m) => m.to.includes(to))?.id;
          return id;
        },
        { timeout: CONDITION_MS },
      )
      .toBeTruthy();
    const mail = await admin.request<{ text: string }>('GET', `/admin/mailbox/${id}`);
    expect(mail.text).toContain(secondReply);
    expect(mail.text).toContain(firstMessage);
    expect(mail.text).not.toContain(transferNote);
  });

  it("the quality analyst finds the widget's answer in the survey's results, linked and masked", async () => {
    const results = await analystApi.request<{
      items: {
        source: string;
        score: number;
        answers: { why?: string };
        conversationId: string;
        queueId: string;
      }[];
    }>('GET', `/surveys/${surveyId}/responses`);
    const mine = results.items.filter((r) => r.answers.why?.endsWith(`(${run})`));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      source: 'widget',
      score: 9,
      answers: { why: `Nhân viên hỗ trợ rất nhanh, thẻ 4111 11** **** 1111 đã khóa (${run})` },
    });
    expect(mine[0]?.conversationId).toBeTruthy();
    expect(mine[0]?.queueId).toBeTruthy();
  });

  it("the supervisor's live view counts the chat as answered in the English queue", async () => {
    await signIn(board, supervisorAccount.username, supervisorAccount.password);
    await board
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Supervisor', exact: true })
      .click();
    await board.getByRole('heading', { name: 'Supervisor · live view', level: 1 }).waitFor();
    const queue = board.getByRole('region', { name: targetQueue.name, exact: true });
    const tile = (label: string) => queue.getByText(label, { exact: true }).locator('xpath=..');
    await expect
      .poll(() => tile('Answered').textContent(), { timeout: CONDITION_MS })
      .toBe(`Answered${answeredBefore + 1}`);
    expect(await tile('Waiting').textContent()).toBe(
      `Waiting${await waitingNow(supervisorApi, targetQueue.code)}`,
    );
    expect(await answeredToday(supervisorApi, targetQueue.code)).toBe(answeredBefore + 1);
    await expectAccessible(board, 'supervisor live view after the chat');
  });
});

/** Signs an agent in on their own browser page, opens the desk and makes them available. */

interface QueueFigures {
  code: string;
  waiting: number;
  answered: number;
}

/** The supervisor board's figures for one queue, "today" in this machine's time zone (as the browser's). */
async function queueFigures(supervisor: ApiSession, code: string): Promise<QueueFigures> {
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const { items } = await supervisor.request<{ items: QueueFigures[] }>(
    'GET',
    `/supervisor/queues?timeZone=${encodeURIComponent(timeZone)}`,
  );
  const queue = items.find((item) => item.code === code);
  if (!queue) throw new Error(`no queue ${code} on the supervisor board`);
  return queue;
}

const answeredToday = async (supervisor: ApiSession, code: string) =>
  (await queueFigures(supervisor, code)).answered;
const waitingNow = async (supervisor: ApiSession, code: string) =>
  (await queueFigures(supervisor, code)).waiting;

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
