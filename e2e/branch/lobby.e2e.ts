import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiSession,
  apiSession,
  baseUrl,
  demo,
  expectAccessible,
  launchBrowser,
  newContext,
  signIn,
  uniqueName,
} from '../support.ts';

/** A gold-tier demo customer (Nguyễn Thị Thu Hà): identified at the kiosk, she gets a VIP ticket. */
const VIP_PHONE = '0912345678';

describe('branch lobby', () => {
  let browser: Browser;
  let kiosk: Page;
  let display: Page;
  let teller: Page;
  let lobby: Page;
  let pad: Page;
  const tokens: Record<string, string> = {};
  let branchCode = '';
  let branchId = '';
  let analyst: ApiSession;
  let surveyId = '';
  let vipCustomerId = '';
  const password = 'Banyan!e2e-branch3';
  const manager = { username: uniqueName('lobby.e2e'), displayName: 'Đỗ Minh Quân', password };
  const tellerUser = { username: uniqueName('teller.e2e'), displayName: 'Lý Thu Trang', password };

  beforeAll(async () => {
    const admin = await apiSession(demo.admin.username, demo.admin.password);
    branchCode = `E${Date.now().toString(36).slice(-5).toUpperCase()}`;
    const branch = await admin.request<{ id: string }>('POST', '/admin/branches', {
      code: branchCode,
      name: `Branch ${branchCode}`,
      city: 'Hanoi',
      country: 'VN',
      timeZone: 'Asia/Ho_Chi_Minh',
    });
    branchId = branch.id;
    // The bank asks a CES survey after branch visits (surveys module): the pad asks it after its 1–5.
    analyst = await apiSession('qa', 'Banyan!quality1');
    const surveys = await analyst.request<{ items: { id: string; code: string }[] }>('GET', '/surveys');
    surveyId =
      surveys.items.find((x) => x.code === 'ces.branch.e2e')?.id ??
      (
        await analyst.request<{ id: string }>('POST', '/surveys', {
          code: 'ces.branch.e2e',
          kind: 'ces',
          trigger: 'branch_visit',
        })
      ).id;
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
      locale: 'en',
    });
    const lead = await apiSession(manager.username, password);
    await lead.request('PATCH', `/branch/branches/${branch.id}/settings`, {
      languages: ['vi', 'en'],
      ticker: 'Welcome to Banyan Bank',
    });
    const cash = await lead.request<{ id: string }>('POST', `/branch/branches/${branch.id}/services`, {
      code: 'cash',
      letter: 'A',
      names: { en: 'Cash', 'zh-CN': '现金', vi: 'Tiền mặt' },
      lineThreshold: 3,
      waitThresholdMinutes: 30,
      slotCapacity: 2,
    });
    const counter = await lead.request<{ id: string }>('POST', `/branch/branches/${branch.id}/counters`, {
      number: 3,
      serviceIds: [cash.id],
    });
    for (const [kind, counterId] of [
      ['kiosk', undefined],
      ['display', undefined],
      ['pad', counter.id],
    ] as const) {
      tokens[kind] = (
        await lead.request<{ token: string }>('POST', `/branch/branches/${branch.id}/devices`, {
          kind,
          name: kind,
          counterId,
        })
      ).token;
    }

    browser = await launchBrowser();
    kiosk = await (await newContext(browser)).newPage();
    const displayContext = await newContext(browser);
    // Record what the board says: the page speaks through the browser's own speechSynthesis.
    await displayContext.addInitScript(() => {
      const spoken: string[] = [];
      (window as unknown as { __spoken: string[] }).__spoken = spoken;
      const synth = window.speechSynthesis;
      const speak = synth.speak.bind(synth);
      synth.speak = (utterance: SpeechSynthesisUtterance) => {
        spoken.push(`${utterance.lang}|${utterance.text}`);
        speak(utterance);
      };
    });
    display = await displayContext.newPage();
    teller = await (await newContext(browser)).newPage();
    lobby = await (await newContext(browser)).newPage();
    pad = await (await newContext(browser)).newPage();
  });
  afterAll(() => browser?.close());

  it('issues a normal and a VIP ticket at the kiosk', async () => {
    await kiosk.goto(`/lobby/kiosk#${tokens.kiosk}`);
    await kiosk.getByRole('heading', { name: 'Choose a service' }).waitFor();
    await expectAccessible(kiosk, 'kiosk services');
    await kiosk.getByRole('button', { name: /Cash/ }).click();
    await kiosk.getByRole('button', { name: 'Skip and take a ticket' }).click();
    await expect.poll(() => kiosk.getByTestId('ticket-number').textContent()).toBe('A001');
    await kiosk.getByText('0 people ahead of you').waitFor();
    await kiosk.getByRole('img', { name: /QR code/ }).waitFor();
    await expectAccessible(kiosk, 'kiosk ticket');
    await kiosk.getByRole('button', { name: 'Done' }).click();

    await kiosk.getByRole('button', { name: /Cash/ }).click();
    await kiosk.getByLabel('Phone number').fill(VIP_PHONE);
    await expectAccessible(kiosk, 'kiosk identify');
    await kiosk.getByRole('button', { name: 'Identify and take a ticket' }).click();
    await expect.poll(() => kiosk.getByTestId('ticket-number').textContent()).toBe('A002');
    await kiosk.getByText('VIP').waitFor();
    await kiosk.getByRole('button', { name: 'Done' }).click();
  });

  it('shows the lobby manager the line', async () => {
    await signIn(lobby, manager.username, password);
    await lobby.getByRole('link', { name: 'Lobby' }).first().waitFor();
    await lobby.goto('/branch/lobby');
    await lobby.getByRole('heading', { name: 'Lobby' }).waitFor();
    await expect
      .poll(() => lobby.getByTestId('lobby-service-cash').locator('td').nth(1).textContent())
      .toBe('2');
    await expectAccessible(lobby, 'lobby manager');
  });

  it('calls the VIP ticket first; the board shows and speaks it', async () => {
    await display.goto(`/lobby/display#${tokens.display}`);
    await display.getByText('Please wait for your number').waitFor();
    await expectAccessible(display, 'display board');

    await signIn(teller, tellerUser.username, password);
    await teller.getByRole('link', { name: 'Counter' }).first().waitFor();
    await teller.goto('/branch/counter');
    await teller.getByRole('combobox', { name: 'Your counter' }).click();
    await teller.getByRole('option', { name: 'Counter 3' }).click();
    await teller.getByRole('button', { name: 'Open counter' }).click();
    await teller.getByRole('button', { name: 'Call next' }).click();
    await expect.poll(() => teller.getByTestId('counter-ticket').textContent()).toBe('A002');
    await expectAccessible(teller, 'counter');
    // The identified VIP customer: her visit (and later its rating) is on her timeline.
    const api = await apiSession(tellerUser.username, password);
    const mine = await api.request<{ items: Array<{ id: string; number: number }> }>(
      'GET',
      '/branch/counters',
    );
    const at3 = mine.items.find((c) => c.number === 3)?.id as string;
    const view = await api.request<{ current: { customerId: string | null } | null }>(
      'GET',
      `/branch/counters/${at3}`,
    );
    vipCustomerId = view.current?.customerId ?? '';
    expect(vipCustomerId).not.toBe('');

    await expect.poll(() => display.getByTestId('display-latest').textContent()).toContain('A002');
    await expect
      .poll(() => display.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken))
      .toEqual(['vi-VN|Mời khách hàng số A002 đến quầy số 3', 'en-US|Ticket A002, please go to counter 3']);
  });

  it('finishes, and the pad stores one rating and the survey answer', async () => {
    await teller.getByRole('button', { name: 'Start service' }).click();
    await teller.getByRole('timer').waitFor();
    await teller.getByLabel('Notes').fill('Withdrawal, VIP');
    await teller.getByRole('button', { name: 'Finish' }).click();
    await teller.getByText('No customer at the counter.').waitFor();

    await pad.goto(`/lobby/pad#${tokens.pad}`);
    await pad.getByRole('heading', { name: /ticket A002/ }).waitFor();
    await expectAccessible(pad, 'feedback pad');
    await pad.getByRole('radio', { name: '5 stars' }).click();
    await pad.getByText('Friendly').click();
    await pad.getByRole('button', { name: 'Send' }).click();
    // Then the branch-visit survey, for the same ticket, in the pad's language.
    await pad.getByRole('heading', { name: 'A few more questions' }).waitFor();
    await expectAccessible(pad, 'feedback pad survey');
    const ease = pad.getByRole('radiogroup', { name: 'How easy was it to get your issue resolved?' });
    expect(await ease.getByRole('radio').count()).toBe(7); // CES: 1 to 7
    await ease.getByRole('radio', { name: '6', exact: true }).click();
    await pad.getByRole('button', { name: 'Send answers' }).click();
    await pad.getByRole('status').getByText('Thank you for your feedback!').waitFor();
    const results = await analyst.request<{
      items: Array<{
        source: string;
        score: number;
        branchId: string;
        ticketId: string;
        serviceId: string;
        agentId: string;
      }>;
    }>('GET', `/surveys/${surveyId}/responses`);
    const here = results.items.filter((r) => r.branchId === branchId);
    expect(here).toHaveLength(1);
    expect(here[0]).toMatchObject({ source: 'branch_pad', score: 6, serviceId: await serviceId() });
    expect(here[0]?.ticketId).toBeTruthy();
    expect(here[0]?.agentId).toBeTruthy();

    // Stored: the pad has nothing left to ask (a second answer is refused: branch.int.test.ts).
    const padState = await fetch(`${baseUrl}/api/v1/branch/device/pad`, {
      headers: { 'x-device-token': tokens.pad as string },
    });
    expect(((await padState.json()) as { ticket: unknown }).ticket).toBeNull();
    // …and the rating is stored with the visit, on the customer's timeline.
    const api = await apiSession(tellerUser.username, password);
    const visits = await api.request<{
      items: Array<{ number: string; rating: number | null; notes: string }>;
    }>('GET', `/customers/${vipCustomerId}/branch-visits`);
    expect(visits.items.find((v) => v.number === 'A002')).toMatchObject({
      rating: 5,
      notes: 'Withdrawal, VIP',
    });
  });

  it('updates the lobby numbers and raises the line alert past its threshold', async () => {
    await expect
      .poll(() => lobby.getByTestId('lobby-service-cash').locator('td').nth(1).textContent())
      .toBe('1');
    await expect
      .poll(() => lobby.getByTestId('lobby-service-cash').locator('td').nth(4).textContent())
      .toBe('1');
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${baseUrl}/api/v1/branch/device/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-device-token': tokens.kiosk as string },
        body: JSON.stringify({ serviceId: await serviceId() }),
      });
      expect(res.status).toBe(201);
    }
    await lobby.getByRole('alert').getByText('Cash: the line is too long').waitFor();
    await expectAccessible(lobby, 'lobby alert');
  });

  it('the lobby manager gives a waiting customer the elderly priority at the door', async () => {
    const waiting = lobby.getByRole('table', { name: 'Waiting tickets' });
    await waiting.getByRole('cell', { name: 'A004' }).waitFor();
    await lobby.getByRole('combobox', { name: 'Priority of A004' }).click();
    await lobby.getByRole('option', { name: 'Elderly', exact: true }).click();
    await lobby.getByText('Priority of A004 set.').waitFor();
    // Calling order: the priority group before the earlier normal tickets.
    await expect
      .poll(() => waiting.locator('tbody tr').first().locator('td').first().textContent())
      .toBe('A004');
    await expectAccessible(lobby, 'lobby waiting tickets');
  });

  it('books an appointment online for tomorrow and gets a check-in code', async () => {
    const page = await (await newContext(browser)).newPage();
    await page.goto('/book');
    await page.getByRole('heading', { name: 'Book a branch appointment' }).waitFor();
    await page.getByRole('combobox', { name: 'Branch' }).click();
    await page.getByRole('option', { name: `Branch ${branchCode}` }).click();
    await page.getByRole('combobox', { name: 'Service' }).click();
    await page.getByRole('option', { name: 'Cash' }).click();
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Day').fill(tomorrow);
    await page.getByRole('group', { name: 'Available times' }).getByRole('button').first().click();
    await page.getByLabel('Your name').fill('Phạm Văn Hẹn');
    await page.getByLabel('Phone number (for the reminder)').fill('0987 000 111');
    await expectAccessible(page, 'online booking');
    await page.getByRole('button', { name: 'Book' }).click();
    await expect.poll(() => page.getByTestId('appointment-code').textContent()).toMatch(/^[A-Z0-9]{6}$/);
    await expectAccessible(page, 'booking confirmed');
  });

  async function serviceId(): Promise<string> {
    const res = await fetch(`${baseUrl}/api/v1/branch/device/kiosk`, {
      headers: { 'x-device-token': tokens.kiosk as string },
    });
    return ((await res.json()) as { services: Array<{ id: string }> }).services[0]?.id as string;
  }
});
