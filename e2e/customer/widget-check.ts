// A by-hand check of the chat widget against a running Banyan (not part of `npm run test:e2e`):
//   npm run build:widget && npm start            (or any server serving dist/widget)
//   BANYAN_E2E_BASE_URL=http://127.0.0.1:3000 node --import tsx e2e/customer/widget-check.ts
// A bank page on another origin embeds the loader; the customer leaves an offline message, then
// chats with agent.vip: queue, agent joins, HTML shown as text, reload resumes, a network cut
// loses and doubles nothing, end of chat and rating. Prints each step; exits non-zero on failure.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, FrameLocator, Page } from 'playwright-core';
import { baseUrl, launchBrowser, newContext } from '../support.ts';

// The bank's page: a real server on another origin of the same site, like www.bank.example and
// chat.bank.example (a routed fake page counts as public address space and Chromium's local network
// checks block the loopback script; another site would get no localStorage in the frame).
const bank = createServer((request, response) => {
  const lang = new URL(request.url ?? '/', 'http://x').searchParams.get('lang') ?? 'en';
  response.setHeader('content-type', 'text/html; charset=utf-8');
  response.end(`<!doctype html><html lang="${lang}"><head><title>Bank</title></head><body><h1>Demo bank</h1>
    <script src="${baseUrl}/widget.js" data-site="demo-bank" async></script></body></html>`);
});
await new Promise<void>((resolve) => bank.listen(0, '127.0.0.1', resolve));
const bankOrigin = `${new URL(baseUrl).protocol}//${new URL(baseUrl).hostname}:${(bank.address() as AddressInfo).port}`;
const api = `${baseUrl}/api/v1`;

const step = (text: string) => console.log(`✓ ${text}`);

async function bankPage(context: BrowserContext, lang = 'en'): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${bankOrigin}/?lang=${lang}`);
  return page;
}

async function openWidget(page: Page, label = 'Chat with us'): Promise<FrameLocator> {
  await page.getByRole('button', { name: label }).click();
  return page.frameLocator('#banyan-frame');
}

async function agentSession(username: string) {
  const login = await fetch(`${api}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'Banyan!agent1' }),
  });
  assert.equal(login.status, 200, `login ${username}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${api}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  return { call };
}

async function until<T>(
  what: string,
  probe: () => Promise<T | null | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`timed out: ${what}`);
}

const agent = await agentSession('agent.vip');
// Demo agents start offline; a run that stopped half-way may have left this one available.
await agent.call('PUT', '/desk/state', { state: 'offline' });
const browser = await launchBrowser();
try {
  // The launcher speaks the page's language.
  {
    const context = await newContext(browser);
    const page = await bankPage(context, 'zh-CN');
    await page.getByRole('button', { name: '在线咨询' }).waitFor();
    step('launcher labelled in the page language (zh-CN)');
    await context.close();
  }

  // No agent available: the form says so and keeps the message for later.
  {
    const context = await newContext(browser);
    const page = await bankPage(context);
    const frame = await openWidget(page);
    await frame.getByText('Our agents are away right now').waitFor();
    await frame.getByLabel('Name').fill('Offline Visitor');
    await frame.getByLabel('Email').fill('offline@example.com');
    await frame.getByLabel('Your message').fill('Please call me back about my card.');
    await frame.getByRole('button', { name: 'Send message' }).click();
    await frame.getByText('Please call me back about my card.').waitFor();
    await frame.getByText('Your message has been saved').waitFor();
    await until(
      'offline message acknowledged',
      async () => (await frame.getByText('Sending…').count()) === 0,
    );
    step('offline mode: message kept for later');
    await context.close();
  }

  await agent.call('PUT', '/desk/state', { state: 'available' });

  const context = await newContext(browser);
  const page = await bankPage(context);
  let frame = await openWidget(page);
  await frame.getByText('Tell us a little about you').waitFor();
  await frame.getByLabel('Name').fill('Lan Nguyen');
  await frame.getByLabel('Phone').fill('+84 90 000 0000');
  await frame.getByLabel('Topic').selectOption('cards');
  await frame.getByLabel('Your question (optional)').fill('<b>Hello</b> I lost my card');
  await frame.getByRole('button', { name: 'Start chat' }).click();
  await frame.getByText('<b>Hello</b> I lost my card').waitFor();
  assert.equal(await frame.locator('b').count(), 0, 'HTML in a message is shown as text');
  step('chat started; HTML shown as text');

  const offer = await until('offer for agent.vip', async () => {
    const { items } = (await agent.call('GET', '/desk/offers')) as {
      items: { itemId: string; refId: string }[];
    };
    return items[0];
  });
  await agent.call('POST', `/desk/offers/${offer.itemId}/accept`);
  await frame.getByText('An agent has joined the chat.').waitFor();
  step('agent accepted: "agent joined" shown');

  await agent.call('POST', `/conversations/${offer.refId}/messages`, {
    clientId: crypto.randomUUID(),
    body: 'Hi Lan, I can help.',
  });
  await frame.getByText('Hi Lan, I can help.').waitFor();
  step('agent message arrives over the WebSocket');

  await frame.getByLabel('Type your message').fill('First line');
  await frame.getByLabel('Type your message').press('Shift+Enter');
  await frame.getByLabel('Type your message').pressSequentially('second line');
  await frame.getByLabel('Type your message').press('Enter');
  await frame.getByText('First line\nsecond line').waitFor();
  step('Shift+Enter newline, Enter sends');

  // Reload: the launcher reopens and the same conversation is shown, nothing doubled.
  await page.reload();
  frame = page.frameLocator('#banyan-frame');
  await frame.getByText('Hi Lan, I can help.').waitFor();
  assert.equal(await frame.getByText('<b>Hello</b> I lost my card').count(), 1);
  step('reload resumes the same conversation');

  // Network cut: the message waits in the outbox, then goes exactly once.
  await context.setOffline(true);
  await frame.getByLabel('Type your message').fill('Sent while offline');
  await frame.getByLabel('Type your message').press('Enter');
  await frame.getByText(/Sending…|Not sent yet, retrying…/).waitFor();
  await agent.call('POST', `/conversations/${offer.refId}/messages`, {
    clientId: crypto.randomUUID(),
    body: 'Are you still there?',
  });
  await context.setOffline(false);
  await frame.getByText('Are you still there?').waitFor({ timeout: 40_000 });
  await until(
    'offline message acknowledged',
    async () => (await frame.getByText(/Sending…|retrying/).count()) === 0,
    40_000,
  );
  assert.equal(await frame.getByText('Sent while offline').count(), 1);
  const stored = (await agent.call('GET', `/conversations/${offer.refId}`)) as {
    messages?: { body: string }[];
  };
  if (stored.messages) assert.equal(stored.messages.filter((m) => m.body === 'Sent while offline').length, 1);
  step('network cut: outbox flushed once, missed agent message caught up');

  await frame.getByRole('button', { name: 'Download transcript' }).click();
  step('transcript download offered');

  await frame.getByRole('button', { name: 'End chat' }).click();
  await frame.getByRole('button', { name: 'Yes, end chat' }).click();
  await frame.getByText('How was your chat?').waitFor();
  await frame.getByRole('radio', { name: '5 out of 5' }).check({ force: true }); // visually hidden radio, star label
  await frame.getByLabel('Comment (optional)').fill('Quick and kind');
  await frame.getByRole('button', { name: 'Send rating' }).click();
  await frame.getByText('Thank you for your feedback.').waitFor();
  step('leave chat and rate it');

  await frame.getByRole('button', { name: 'Minimise chat' }).click();
  await page.getByRole('button', { name: 'Chat with us' }).waitFor();
  step('minimise returns to the launcher');
  await context.close();
} finally {
  await agent.call('PUT', '/desk/state', { state: 'offline' }).catch(() => undefined);
  await browser.close();
  bank.close();
}
