// Survey results: a branch visit served by a teller of a new team is rated through the pad's API (the
// branch-visit CES survey, 6 of 7); that team's supervisor opens Survey results and finds the answer —
// only their team's — in the CES figure and its distribution, also by ISO week and filtered to branch
// visits; the page reads in Vietnamese; axe on each view. Survey definitions: the supervisor has no
// menu entry for them; a quality analyst creates a custom branch-visit survey worded in English,
// Chinese and Vietnamese (first meeting the API's coded error for a bad scale), then turns it off.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiSession,
  baseUrl,
  demo,
  expectAccessible,
  launchBrowser,
  newContext,
  signIn,
  uniqueName,
} from '../support.ts';

describe('survey results', () => {
  let browser: Browser;
  let page: Page;
  const password = 'Banyan!e2e-survey4';
  const lead = { username: uniqueName('sv.results'), displayName: 'Trần Quốc Bảo', password };
  const tellerUser = { username: uniqueName('teller.results'), displayName: 'Mai Thị Lan', password };
  const analystUser = { username: uniqueName('qa.defs'), displayName: 'Lưu Minh Châu', password };

  beforeAll(async () => {
    const admin = await apiSession(demo.admin.username, demo.admin.password);
    const team = await admin.request<{ id: string }>('POST', '/admin/teams', {
      name: uniqueName('Survey team'),
    });
    const code = `S${Date.now().toString(36).slice(-5).toUpperCase()}`;
    const branch = await admin.request<{ id: string }>('POST', '/admin/branches', {
      code,
      name: `Branch ${code}`,
      city: 'Hanoi',
      country: 'VN',
      timeZone: 'Asia/Ho_Chi_Minh',
    });
    const manager = { username: uniqueName('lobby.results'), displayName: 'Hồ Văn Nam', password };
    await admin.request('POST', '/admin/users', {
      ...manager,
      roles: ['lobby_manager'],
      branchId: branch.id,
      locale: 'en',
    });
    await admin.request('POST', '/admin/users', {
      ...tellerUser,
      roles: ['branch_teller'],
      branchId: branch.id,
      teamIds: [team.id],
      locale: 'en',
    });
    await admin.request('POST', '/admin/users', {
      ...lead,
      roles: ['supervisor'],
      teamIds: [team.id],
      locale: 'en',
    });
    // The bank's branch-visit survey (the same one the lobby journey uses): CES, asked on the pad.
    const analyst = await apiSession('qa', 'Banyan!quality1');
    const surveys = await analyst.request<{ items: { code: string }[] }>('GET', '/surveys');
    if (!surveys.items.some((s) => s.code === 'ces.branch.e2e'))
      await analyst.request('POST', '/surveys', {
        code: 'ces.branch.e2e',
        kind: 'ces',
        trigger: 'branch_visit',
      });

    const lobby = await apiSession(manager.username, password);
    const service = await lobby.request<{ id: string }>('POST', `/branch/branches/${branch.id}/services`, {
      code: 'cash',
      letter: 'A',
      names: { en: 'Cash', 'zh-CN': '现金', vi: 'Tiền mặt' },
      lineThreshold: 10,
      waitThresholdMinutes: 30,
    });
    const counter = await lobby.request<{ id: string }>('POST', `/branch/branches/${branch.id}/counters`, {
      number: 1,
      serviceIds: [service.id],
    });
    const device = async (kind: string, counterId?: string) =>
      (
        await lobby.request<{ token: string }>('POST', `/branch/branches/${branch.id}/devices`, {
          kind,
          name: kind,
          counterId,
        })
      ).token;
    const kiosk = await device('kiosk');
    const pad = await device('pad', counter.id);

    const issued = await fetch(`${baseUrl}/api/v1/branch/device/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-device-token': kiosk },
      body: JSON.stringify({ serviceId: service.id }),
    });
    expect(issued.status).toBe(201);
    const teller = await apiSession(tellerUser.username, password);
    await teller.request('POST', `/branch/counters/${counter.id}/open`, {});
    const called = await teller.request<{ ticket: { id: string } }>(
      'POST',
      `/branch/counters/${counter.id}/call-next`,
      {},
    );
    await teller.request('POST', `/branch/tickets/${called.ticket.id}/start`, {});
    await teller.request('POST', `/branch/tickets/${called.ticket.id}/finish`, {});

    // The customer answers the survey on the pad: through its API, as the pad page does.
    const answered = await fetch(`${baseUrl}/api/v1/branch/device/survey`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-device-token': pad },
      body: JSON.stringify({ ticketId: called.ticket.id, answers: { score: 6 } }),
    });
    expect(answered.status).toBe(201);

    await admin.request('POST', '/admin/users', {
      ...analystUser,
      roles: ['quality_analyst'],
      locale: 'en',
    });

    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
  });
  afterAll(() => browser?.close());

  it("shows the team supervisor their team's CES answer in the figure and its distribution", async () => {
    await signIn(page, lead.username, password);
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Survey results' })
      .click();
    await page.getByRole('heading', { name: 'Survey results', level: 1 }).waitFor();
    const ces = page.getByTestId('survey-ces');
    await expect.poll(() => ces.textContent(), { timeout: 15_000 }).toBe('6.01 answer');
    // Only the team's answers: the demo's other surveys do not reach this supervisor.
    expect(await page.getByTestId('survey-csat').textContent()).toBe('—0 answers');
    expect(await page.getByTestId('survey-nps').textContent()).toBe('—0 answers');
    await page
      .getByRole('img', { name: /^CES scores — 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 1, 7: 0$/ })
      .waitFor();
    await page.getByRole('img', { name: /^CES over time — .+: 6\.0$/ }).waitFor();
    await page
      .getByRole('table', { name: 'Latest comments' })
      .getByText('No comments in this period.')
      .waitFor();
    await expectAccessible(page, 'survey results');
  });

  it('groups by week and filters to branch visits; the page reads in Vietnamese', async () => {
    await page.getByText('Week', { exact: true }).click();
    await page.getByRole('combobox', { name: 'Channel' }).click();
    await page.getByRole('option', { name: 'Branch visit' }).click();
    await expect.poll(() => page.getByTestId('survey-ces').textContent()).toBe('6.01 answer');
    await page.getByRole('combobox', { name: 'Channel' }).click();
    await page.getByRole('option', { name: 'Chat' }).click();
    await expect.poll(() => page.getByTestId('survey-ces').textContent()).toBe('—0 answers');
    await expectAccessible(page, 'survey results, filtered');

    await page.getByRole('button', { name: /Change language/ }).click();
    await page.getByRole('menuitem', { name: 'Tiếng Việt' }).click();
    await page.getByRole('heading', { name: 'Kết quả khảo sát', level: 1 }).waitFor();
    await page.getByRole('table', { name: 'Góp ý mới nhất' }).waitFor();
    await expectAccessible(page, 'survey results (vi)');
  });

  it('shows no survey definitions to the team supervisor', async () => {
    // The page reads in Vietnamese now: its links are found by where they lead.
    await page.locator('a[href$="/analytics/surveys"]').first().waitFor({ state: 'attached' });
    expect(await page.locator('a[href$="/analytics/survey-definitions"]').count()).toBe(0);
  });

  it('lets a quality analyst create a survey in three languages and turn it off', async () => {
    const analystPage = await (await newContext(browser)).newPage();
    await signIn(analystPage, analystUser.username, password);
    await analystPage
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Survey definitions' })
      .click();
    await analystPage.getByRole('heading', { name: 'Survey definitions', level: 1 }).waitFor();
    await expectAccessible(analystPage, 'survey definitions');

    const code = `custom.visit.${Date.now().toString(36)}`;
    await analystPage.getByRole('button', { name: 'New survey' }).click();
    const panel = analystPage.getByRole('dialog', { name: 'New survey' });
    await panel.getByLabel('Code', { exact: true }).fill(code);
    await panel.getByRole('combobox', { name: 'Kind' }).click();
    await analystPage.getByRole('option', { name: 'Custom' }).click();
    await panel.getByRole('combobox', { name: 'Asked after' }).click();
    await analystPage.getByRole('option', { name: 'A branch visit' }).click();
    await panel.getByLabel('Contacts asked').fill('50');
    await panel.getByLabel('At most once every (days)').fill('14');
    await panel.getByLabel('Hold links back during quiet hours').check();
    await panel.getByLabel('Question 1 in English').fill('How was your visit today?');
    await panel.getByLabel('Question 1 in 简体中文').fill('您对今天的到访满意吗？');
    await panel.getByLabel('Question 1 in Tiếng Việt').fill('Quý khách hài lòng với lần đến hôm nay không?');
    await panel.getByRole('button', { name: 'Add a question' }).click();
    await panel.getByRole('combobox', { name: 'Answer' }).nth(1).click();
    await analystPage.getByRole('option', { name: 'Free text' }).click();
    await panel.getByLabel('Question 2 in English').fill('What could we do better?');
    await panel.getByLabel('Question 2 in 简体中文').fill('我们还可以做得更好吗？');
    await panel.getByLabel('Question 2 in Tiếng Việt').fill('Chúng tôi có thể cải thiện điều gì?');
    // A scale running backwards: the server refuses it with its coded error, shown in the panel.
    await panel.getByLabel('From', { exact: true }).fill('5');
    await panel.getByLabel('To', { exact: true }).fill('1');
    await panel.getByRole('button', { name: 'Save' }).click();
    await panel
      .getByRole('alert')
      .getByText('A scale question needs a minimum below its maximum: q1.')
      .waitFor();
    await expectAccessible(analystPage, 'survey editor with an error');
    await panel.getByLabel('From', { exact: true }).fill('1');
    await panel.getByLabel('To', { exact: true }).fill('5');
    await panel.getByRole('button', { name: 'Save' }).click();
    await panel.waitFor({ state: 'hidden' });

    const row = analystPage.getByRole('row').filter({ hasText: code });
    await row.getByText('Custom', { exact: true }).waitFor();
    await row.getByText('A branch visit', { exact: true }).waitFor();
    await row.getByText('50 %', { exact: true }).waitFor();
    await row.getByText('Once every 14 days at most', { exact: true }).waitFor();
    await row.getByText('Active', { exact: true }).first().waitFor();

    await row.getByRole('switch', { name: `Survey ${code} active` }).click({ force: true });
    await row.getByText('Off', { exact: true }).waitFor();
    const qa = await apiSession(analystUser.username, password);
    const stored = (await qa.request<{ items: SurveyView[] }>('GET', '/surveys')).items.find(
      (s) => s.code === code,
    );
    expect(stored).toMatchObject({
      kind: 'custom',
      trigger: 'branch_visit',
      samplingRate: 0.5,
      isActive: false,
    });
    expect(stored?.questions.map((q) => q.text)).toEqual([
      {
        en: 'How was your visit today?',
        'zh-CN': '您对今天的到访满意吗？',
        vi: 'Quý khách hài lòng với lần đến hôm nay không?',
      },
      {
        en: 'What could we do better?',
        'zh-CN': '我们还可以做得更好吗？',
        vi: 'Chúng tôi có thể cải thiện điều gì?',
      },
    ]);
    await expectAccessible(analystPage, 'survey definitions, one off');
  });
});

interface SurveyView {
  code: string;
  kind: string;
  trigger: string;
  samplingRate: number;
  isActive: boolean;
  questions: { text: Record<string, string> }[];
}
