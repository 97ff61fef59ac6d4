// The knowledge journey (issue #5): an editor writes an article in Vietnamese in the web app and
// submits it; a second editor approves it (four-eyes); agent.hanoi, in the middle of a chat with a
// customer who writes in Vietnamese, sees it suggested in the desk's knowledge panel and inserts its
// answer into the reply; the public help center shows it in Vietnamese and finds it without
// diacritics; a Chinese translation (added through the API and approved) is found by a Chinese query.
// The customer's side of the chat is driven through the widget API (the chat journey covers the widget).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiSession,
  apiSession,
  baseUrl,
  demo,
  expectAccessible,
  launchBrowser,
  newContext,
  screenshotsOnFailure,
  signIn,
  uniqueName,
} from '../support.ts';

const editorAccount = { username: 'editor', password: 'Banyan!editor1' } as const;
const agentAccount = { username: 'agent.hanoi', password: 'Banyan!agent1' } as const;
const run = Date.now().toString(36);
// A made-up card name, unique per run, so only this run's article answers the customer.
const cardName = `Sen Vàng ${run}`;
const title = `Mất thẻ tín dụng ${cardName} khi ở nước ngoài`;
const heading = 'Khóa thẻ ngay';
const paragraph = `Nếu mất thẻ tín dụng ${cardName} ở nước ngoài, hãy khóa thẻ trên ứng dụng hoặc gọi +84 24 3900 1234.`;
const answer = `Quý khách vui lòng khóa thẻ ${cardName} ngay trên ứng dụng hoặc gọi +84 24 3900 1234; thẻ mới được gửi tới nước ngoài trong 5 ngày.`;
const zhTitle = `在境外丢失 ${cardName} 金莲花信用卡`;
const CONDITION_MS = 20_000;

/** Signs in and opens a section from the main navigation (signIn does not wait for the shell). */
async function signInTo(page: Page, account: { username: string; password: string }, section: string) {
  await signIn(page, account.username, account.password);
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: section, exact: true })
    .click();
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined>): Promise<T> {
  const deadline = Date.now() + CONDITION_MS;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out: ${what}`);
}

describe('knowledge: write, approve, suggest in the desk, help center', () => {
  let browser: Browser;
  let contexts: BrowserContext[] = [];
  let editorPage: Page;
  let reviewerPage: Page;
  let desk: Page;
  let help: Page;
  let agentApi: ApiSession;
  let editorApi: ApiSession;
  let reviewerApi: ApiSession;
  const reviewer = { username: uniqueName('reviewer'), password: 'Reviewer-Pass-9' };

  beforeAll(async () => {
    const admin = await apiSession(demo.admin.username, demo.admin.password);
    await admin.request('POST', '/admin/users', {
      ...reviewer,
      displayName: 'Second Editor',
      roles: ['knowledge_editor'],
      locale: 'en',
    });
    editorApi = await apiSession(editorAccount.username, editorAccount.password);
    reviewerApi = await apiSession(reviewer.username, reviewer.password);
    agentApi = await apiSession(agentAccount.username, agentAccount.password);
    for (const api of [editorApi, agentApi])
      await api.request('PATCH', '/me/preferences', { locale: 'en', theme: 'light' });
    browser = await launchBrowser();
    contexts = await Promise.all([
      newContext(browser),
      newContext(browser),
      newContext(browser),
      newContext(browser, { locale: 'vi-VN' }),
    ]);
    [editorPage, reviewerPage, desk, help] = (await Promise.all(contexts.map((c) => c.newPage()))) as [
      Page,
      Page,
      Page,
      Page,
    ];
  });

  afterEach(({ task }) =>
    screenshotsOnFailure(task, 'knowledge', { editor: editorPage, reviewer: reviewerPage, desk, help }),
  );

  afterAll(async () => {
    await agentApi?.request('PUT', '/desk/state', { state: 'offline' }).catch(() => undefined);
    await browser?.close();
  });

  let articleId = '';

  it('an editor writes a Vietnamese article with a preview and submits it', async () => {
    await signInTo(editorPage, editorAccount, 'Knowledge');
    await editorPage.getByRole('button', { name: 'New article' }).click();
    const form = editorPage.getByRole('form', { name: 'Article editor' });
    await form.getByLabel('Language').click();
    await editorPage.getByRole('option', { name: 'Tiếng Việt' }).click();
    await form.getByLabel('Visibility').click();
    await editorPage.getByRole('option', { name: 'Public' }).click();
    await form.getByLabel('Title').fill(title);
    // The rich-text editor (its own chunk): a heading, then a paragraph, through the toolbar.
    const bodyBox = form.getByRole('textbox', { name: 'Body', exact: true });
    await bodyBox.click();
    await form.getByRole('button', { name: 'Heading', exact: true }).click();
    await bodyBox.pressSequentially(heading);
    await bodyBox.press('Enter');
    await bodyBox.pressSequentially(paragraph);
    await form.getByLabel('Public answer').fill(answer);
    const preview = form.getByRole('region', { name: 'Preview' });
    await expect.poll(() => preview.getByRole('heading', { name: heading }).count()).toBe(1);
    await expect.poll(() => preview.textContent()).toContain(paragraph);
    await form.getByRole('button', { name: 'Save draft' }).click();
    await editorPage.getByRole('button', { name: 'Submit for review' }).click();
    await expect.poll(() => editorPage.getByText('Another editor must review this change.').count()).toBe(1);
    articleId = new URL(editorPage.url()).searchParams.get('article') ?? '';
    expect(articleId).toMatch(/^[0-9a-f-]{36}$/);
    await expectAccessible(editorPage, 'knowledge article in review');
  });

  it('a second editor approves it; the author could not', async () => {
    await expect(editorApi.request('POST', `/knowledge/articles/${articleId}/approve`, {})).rejects.toThrow(
      /403/,
    );
    await signInTo(reviewerPage, reviewer, 'Knowledge');
    await reviewerPage.getByRole('tab', { name: 'Review queue' }).click();
    await reviewerPage.getByRole('button', { name: title }).click();
    await reviewerPage.getByRole('button', { name: 'Approve and publish' }).click();
    await expect.poll(() => reviewerPage.getByText('Published', { exact: true }).count()).toBeGreaterThan(0);

    // The morning brief lists it among the changes since yesterday: new, approved by the reviewer.
    await reviewerPage.getByRole('button', { name: 'Back' }).click();
    await reviewerPage.getByRole('tab', { name: 'Morning brief' }).click();
    const changed = reviewerPage.getByRole('region', { name: 'Changed since yesterday' });
    const row = changed.getByRole('row').filter({ has: reviewerPage.getByRole('button', { name: title }) });
    await expect.poll(() => row.count()).toBe(1);
    await expect.poll(() => row.getByText('New', { exact: true }).count()).toBe(1);
    await expect.poll(() => row.getByText('Approved by Second Editor').count()).toBe(1);
    await expectAccessible(reviewerPage, 'knowledge: morning brief');
    // A content gap of the demo bank's day opens as a search, to see what agents were shown.
    const gaps = reviewerPage.getByRole('region', { name: 'Searches without an answer' });
    await expect.poll(() => gaps.getByText('6 of 6 unanswered', { exact: false }).count()).toBe(1);
    await gaps.getByRole('button', { name: 'apple pay', exact: true }).click();
    await expect
      .poll(() => reviewerPage.getByRole('tab', { name: 'Search', selected: true }).count())
      .toBe(1);
    await expect
      .poll(() => reviewerPage.getByRole('searchbox', { name: 'Search articles' }).inputValue())
      .toBe('apple pay');
    const results = reviewerPage.getByRole('region', { name: 'Search results' });
    await expect.poll(() => results.getByRole('button').count()).toBeGreaterThan(0);
  });

  it('an agent in a Vietnamese chat sees it suggested and inserts its answer', async () => {
    await signInTo(desk, agentAccount, 'Desk');
    await expect
      .poll(() => desk.getByRole('status').filter({ hasText: 'Live' }).count(), { timeout: CONDITION_MS })
      .toBe(1);
    await agentApi.request('PUT', '/desk/state', { state: 'available' });

    const session = (await (
      await fetch(`${baseUrl}/api/v1/widget/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: baseUrl },
        body: JSON.stringify({ siteKey: 'demo-bank', language: 'vi' }),
      })
    ).json()) as { visitorToken: string };
    const visitor = {
      'content-type': 'application/json',
      authorization: `Visitor ${session.visitorToken}`,
      origin: baseUrl,
    };
    const chat = (await (
      await fetch(`${baseUrl}/api/v1/widget/conversations`, {
        method: 'POST',
        headers: visitor,
        body: JSON.stringify({ name: `Nguyễn Thị Lan ${run}`, language: 'vi' }),
      })
    ).json()) as { id: string };
    await fetch(`${baseUrl}/api/v1/widget/conversations/${chat.id}/messages`, {
      method: 'POST',
      headers: visitor,
      body: JSON.stringify({
        clientId: `k-${run}`,
        body: `Em ơi, chị đang ở nước ngoài và làm mất thẻ tín dụng ${cardName} rồi`,
      }),
    });
    const offer = await until('an offer of the chat', async () => {
      const offers = await agentApi.request<{ items: Array<{ itemId: string; refId: string }> }>(
        'GET',
        '/desk/offers',
      );
      return offers.items.find((o) => o.refId === chat.id);
    });
    await agentApi.request('POST', `/desk/offers/${offer.itemId}/accept`);

    await desk.goto(`/desk?c=${chat.id}`);
    const panel = desk.getByRole('region', { name: 'Knowledge' });
    const suggestion = panel.getByRole('article', { name: title });
    await suggestion.waitFor({ timeout: CONDITION_MS });
    await suggestion.getByRole('button', { name: 'Insert answer' }).click();
    await expect
      .poll(() => desk.getByRole('textbox', { name: 'Reply to the customer' }).inputValue())
      .toBe(answer);
    await suggestion.getByRole('button', { name: 'Helpful', exact: true }).click();
    await expectAccessible(desk, 'desk with knowledge panel');
  });

  it('an agent browses the menu: a topic lists its articles, their own language first', async () => {
    await desk
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Knowledge', exact: true })
      .click();
    const menu = desk.getByRole('navigation', { name: 'Menu' });
    await menu.getByRole('button', { name: 'Lost, stolen or retained cards' }).click();
    const topic = desk.getByRole('region', { name: 'Lost, stolen or retained cards' });
    const titles = topic.getByRole('button');
    await expect.poll(() => titles.count()).toBe(6);
    expect(await titles.allTextContents()).toEqual(
      expect.arrayContaining(['Lost or stolen card: block it and order a replacement']),
    );
    expect((await titles.first().textContent()) ?? '').toMatch(/^[\x20-\x7e]+$/);
    await expectAccessible(desk, 'knowledge: the menu');
    await titles.filter({ hasText: 'Lost or stolen card: block it and order a replacement' }).click();
    await expect
      .poll(() => desk.getByText('Lost or stolen card: block it and order a replacement').count())
      .toBeGreaterThan(0);
    await expect.poll(() => desk.getByRole('button', { name: 'Back' }).count()).toBe(1);
  });

  it('the help center shows it in Vietnamese, finds it without diacritics, and a Chinese query finds the translation', async () => {
    const zh = await editorApi.request<{ id: string }>('POST', '/knowledge/articles', {
      locale: 'zh-CN',
      translationOf: articleId,
      title: zhTitle,
      bodyHtml: `<p>在境外丢失 ${cardName} 金莲花信用卡，请立即在手机银行冻结卡片，或拨打 +84 24 3900 1234。</p>`,
      visibility: 'public',
    });
    await editorApi.request('POST', `/knowledge/articles/${zh.id}/submit`);
    await reviewerApi.request('POST', `/knowledge/articles/${zh.id}/approve`, {});

    await help.goto('/help/vi');
    await help.getByRole('searchbox', { name: 'Tìm trợ giúp' }).fill(`mat the tin dung sen vang ${run}`);
    await help.getByRole('button', { name: 'Tìm', exact: true }).click();
    await help.getByRole('link', { name: title }).click();
    await expect.poll(() => help.getByRole('heading', { name: title }).count()).toBe(1);
    expect(await help.locator('html').getAttribute('lang')).toBe('vi');
    await help.getByRole('button', { name: 'Có', exact: true }).click();
    await expect.poll(() => help.getByRole('status').textContent()).toContain('Cảm ơn');
    await expectAccessible(help, 'help center article');

    await help.goto(`/help/zh-CN/search?q=${encodeURIComponent(`金莲花信用卡丢失 ${run}`)}`);
    await expect.poll(() => help.getByRole('link', { name: zhTitle }).count()).toBe(1);
  });
  it('an editor keeps the menu: adds a category, renames it in three languages, reorders and moves it', async () => {
    type Cat = { id: string; parentId: string | null; position: number; names: Record<string, string> };
    const categories = async () =>
      (await editorApi.request<{ items: Cat[] }>('GET', '/knowledge/categories')).items;
    const name = `Gift cards ${run}`;
    await editorPage.goto('/knowledge?tab=manage');
    const menu = editorPage.getByRole('region', { name: 'Menu (categories)' });
    await menu.getByLabel('Name in English').fill(name);
    await menu.getByLabel('Name in 简体中文').fill(`礼品卡 ${run}`);
    await menu.getByLabel('Name in Tiếng Việt').fill(`Thẻ quà tặng ${run}`);
    await menu.getByRole('button', { name: 'Add category' }).click();
    const created = await until('the new category', async () =>
      (await categories()).find((c) => c.names.en === name),
    );
    const tree = menu.getByRole('list', { name: 'Menu (categories)' });
    await tree.getByRole('button', { name: `Edit ${name}` }).click();
    const renamed = `Gift and prepaid cards ${run}`;
    await menu.getByLabel('Name in English').first().fill(renamed);
    await menu.getByLabel('Name in Tiếng Việt').first().fill(`Thẻ quà tặng và trả trước ${run}`);
    await menu.getByRole('button', { name: 'Save', exact: true }).click();
    await expect
      .poll(async () => (await categories()).find((c) => c.id === created.id)?.names)
      .toMatchObject({ en: renamed, 'zh-CN': `礼品卡 ${run}`, vi: `Thẻ quà tặng và trả trước ${run}` });

    // Up one place among the top-level categories.
    const order = async () =>
      (await categories())
        .filter((c) => c.parentId === null)
        .sort((a, b) => a.position - b.position)
        .map((c) => c.id);
    const before = await order();
    const at = before.indexOf(created.id);
    expect(at).toBeGreaterThan(0);
    await tree.getByRole('button', { name: `Move ${renamed} up` }).click();
    await expect.poll(async () => (await order()).indexOf(created.id)).toBe(at - 1);

    // Under Cards.
    const cards = (await categories()).find((c) => c.names.en === 'Cards' && c.parentId === null) as Cat;
    await tree.getByRole('button', { name: `Edit ${renamed}` }).click();
    await menu.getByLabel('Parent category').first().click();
    await editorPage.getByRole('option', { name: 'Cards', exact: true }).click();
    await menu.getByRole('button', { name: 'Save', exact: true }).click();
    await expect
      .poll(async () => (await categories()).find((c) => c.id === created.id)?.parentId)
      .toBe(cards.id);
    await expectAccessible(editorPage, 'knowledge menu editor');
  });
});
