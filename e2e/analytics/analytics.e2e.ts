// The supervisor's numbers: on a demo bank with a simulated month (the demo seed writes it, with an
// app incident in the last days), the wallboard moves as a new chat is answered, a report filtered to
// one queue draws its chart and exports XLSX, the weekly hot topics show the incident rising, in Chinese,
// and a scheduled report saved on its screen is sent now and reaches the mailbox.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
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

const supervisor = {
  username: uniqueName('lead.e2e'),
  password: 'Banyan!e2e-lead1',
  displayName: 'Lý Thu Hà',
};
const agentAccount = { username: 'agent.shanghai', password: 'Banyan!agent1' };
const CONDITION_MS = 15_000;

describe('analytics: wallboard, reports and hot topics', () => {
  let browser: Browser;
  let page: Page;
  let agent: ApiSession;
  let lead: ApiSession;
  let conversationId: string | null = null;

  beforeAll(async () => {
    const admin = await apiSession(demo.admin.username, demo.admin.password);
    await admin.request('POST', '/admin/users', {
      ...supervisor,
      roles: ['supervisor', 'quality_analyst'],
      locale: 'en',
    });
    lead = await apiSession(supervisor.username, supervisor.password);
    agent = await apiSession(agentAccount.username, agentAccount.password);
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
  });
  afterEach(({ task }) => screenshotsOnFailure(task, 'analytics', { page }));
  afterAll(async () => {
    if (conversationId) {
      const { items } = await agent.request<{ items: { id: string }[] }>('GET', '/contact-reasons');
      await agent.request('POST', `/conversations/${conversationId}/wrap-up`).catch(() => undefined);
      await agent
        .request('POST', `/conversations/${conversationId}/close`, { contactReasonId: items[0]?.id })
        .catch(() => undefined);
    }
    await agent?.request('PUT', '/desk/state', { state: 'offline' }).catch(() => undefined);
    await browser?.close();
  });

  const overall = () => page.getByRole('region', { name: 'Whole center' });
  const figure = async (name: string) =>
    Number((await overall().getByRole('group', { name, exact: true }).textContent())?.replace(/\D+/g, ''));

  it('the supervisor opens the wallboard: the center today, queue by queue', async () => {
    await signIn(page, supervisor.username, supervisor.password);
    await page.getByRole('heading', { name: `Welcome, ${supervisor.displayName}` }).waitFor();
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Wallboard' })
      .click();
    await page.getByRole('heading', { name: 'Wallboard', level: 1 }).waitFor();
    await page.getByRole('status').getByText('Live').waitFor();
    await overall().waitFor();
    // The simulated month includes today: the board is not empty on a first start.
    expect(await figure('Answered')).toBeGreaterThan(0);
    await page.getByRole('region', { name: 'Chat — 中文' }).waitFor();
    await expectAccessible(page, 'wallboard');
  });

  it('sees the tiles move as a new chat waits and is answered', async () => {
    const answeredBefore = await figure('Answered');
    await agent.request('PUT', '/desk/state', { state: 'available' });
    const session = await fetch(`${baseUrl}/api/v1/widget/sessions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ siteKey: 'demo-bank', language: 'zh-CN' }),
    });
    const { visitorToken } = (await session.json()) as { visitorToken: string };
    const started = await fetch(`${baseUrl}/api/v1/widget/conversations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Visitor ${visitorToken}` },
      body: JSON.stringify({ name: `王芳 ${Date.now().toString(36)}`, language: 'zh-CN' }),
    });
    expect(started.status).toBe(201);
    conversationId = ((await started.json()) as { id: string }).id;

    let offer: { itemId: string; refId: string } | undefined;
    const deadline = Date.now() + CONDITION_MS;
    while (!offer && Date.now() < deadline) {
      const { items } = await agent.request<{ items: { itemId: string; refId: string }[] }>(
        'GET',
        '/desk/offers',
      );
      offer = items.find((o) => o.refId === conversationId);
      if (!offer) await new Promise((r) => setTimeout(r, 250));
    }
    expect(offer).toBeDefined();
    await agent.request('POST', `/desk/offers/${offer?.itemId}/accept`);
    await expect
      .poll(() => figure('Answered'), { timeout: CONDITION_MS, interval: 200 })
      .toBe(answeredBefore + 1);
  });

  it('filters a report to one queue: the chart draws and the XLSX downloads', async () => {
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Reports' })
      .click();
    await page.getByRole('heading', { name: 'Contact reports', level: 1 }).waitFor();
    await page.getByRole('combobox', { name: 'Queue' }).click();
    await page.getByRole('option', { name: 'Chat — 中文' }).click();
    const chart = page.getByTestId('report-chart');
    await chart.locator('.recharts-line').first().waitFor();
    const offered = page.getByRole('button', { name: /^Offered: / });
    await offered.waitFor();
    await expectAccessible(page, 'reports (one queue)');

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export XLSX' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^banyan-contacts-.*\.xlsx$/);
    const bytes = readFileSync((await file.path()) as string);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    expect(file.url()).toContain('queueId=');
  });

  it('the weekly hot topics show the app incident rising, in Chinese', async () => {
    await lead.request('PATCH', '/me/preferences', { locale: 'zh-CN' });
    await page.goto('/analytics/hot-topics');
    await page.getByRole('heading', { name: '热点话题', level: 1 }).waitFor();
    const table = page.getByRole('region', { name: '热点话题' });
    const incident = table.getByRole('row').filter({ hasText: '手机银行App' }).first();
    await incident.waitFor();
    expect(await incident.textContent()).toContain('上升');
    const phrase = table.getByRole('row').filter({ hasText: '闪退' }).first();
    expect(await phrase.textContent()).toContain('上升');
    await page.getByRole('region', { name: '客户建议' }).waitFor();
    await expectAccessible(page, 'hot topics (zh-CN)');
  });

  it('schedules the report and sends it now: the PDF mail reaches Admin · Mailbox', async () => {
    // The main navigation is labelled in Chinese now: find the link in any navigation landmark.
    await page.getByRole('navigation').getByRole('link', { name: '定时报表', exact: true }).click();
    await page.getByRole('heading', { name: '定时报表', level: 1 }).waitFor();
    const name = uniqueName('每周中文聊天');
    const form = page.getByRole('form', { name: '新建定时报表' });
    await form.getByRole('textbox', { name: '名称' }).fill(name);
    await form.getByRole('textbox', { name: '收件人' }).fill('ops@demo-bank.example, head@demo-bank.example');
    await form.getByRole('button', { name: '保存' }).click();
    const card = page.getByRole('region', { name });
    await card.waitFor();
    await card.getByText('尚未发送。').waitFor();
    await card.getByRole('button', { name: '立即发送' }).click();
    await card.getByText('已加入发件箱').waitFor();
    await expectAccessible(page, 'scheduled reports (zh-CN)');
    // The notification worker delivers it to the local mailbox, which Admin · Mailbox lists.
    const admin = await apiSession(demo.admin.username, demo.admin.password);
    await expect
      .poll(
        async () =>
          (
            await admin.request<{ items: { subject: string; to: string[] }[] }>(
              'GET',
              '/admin/mailbox?limit=100',
            )
          ).items.filter((m) => m.subject.startsWith(name)).length,
        { timeout: CONDITION_MS, interval: 500 },
      )
      .toBe(2);
  });

  it('subscribes a business unit to the app topic for the weekly hot-topic report', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '业务部门', exact: true }).click();
    await page.getByRole('heading', { name: '业务部门', level: 1 }).waitFor();
    const name = uniqueName('电子银行部');
    const form = page.getByRole('form', { name: '新建业务部门' });
    await form.getByRole('textbox', { name: '名称' }).fill(name);
    await form.getByRole('textbox', { name: '电子邮件' }).fill('ebank@demo-bank.example');
    await form.getByLabel('关注的接触原因').click();
    await page.getByRole('option', { name: '手机银行App' }).click();
    await page.keyboard.press('Escape');
    await form.getByRole('button', { name: '保存' }).click();
    const row = page.getByRole('region', { name: '业务部门' }).getByRole('row').filter({ hasText: name });
    await row.waitFor();
    expect(await row.textContent()).toContain('手机银行App');
    await expectAccessible(page, 'business units (zh-CN)');
  });
});
