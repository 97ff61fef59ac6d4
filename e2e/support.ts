import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const baseUrl = process.env.BANYAN_E2E_BASE_URL ?? 'http://127.0.0.1:3000';

/** Demo accounts seeded by `banyan start` on an empty database. */
export const demo = {
  admin: { username: 'admin', password: 'Banyan!admin1' },
  auditor: { username: 'auditor', password: 'Banyan!audit1' },
} as const;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'],
  });
}

/** A fresh browser profile: no cookie, no stored language, light colour scheme, laptop-sized window. */
export function newContext(browser: Browser, options: { locale?: string } = {}): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: baseUrl,
    locale: options.locale ?? 'en-US',
    colorScheme: 'light',
    reducedMotion: 'reduce',
    viewport: { width: 1366, height: 800 },
  });
}

export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs an agent in, opens the desk, waits for its live connection and goes available. */
export async function openDeskAvailable(page: Page, account: { username: string; password: string }) {
  await signIn(page, account.username, account.password);
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Desk', exact: true })
    .click();
  await page.getByRole('heading', { name: 'Agent desk', level: 1 }).waitFor();
  await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
  await page.getByRole('button', { name: /^Your state: .* Change state$/ }).click();
  await page.getByRole('menuitem', { name: 'Available', exact: true }).click();
  await page.getByRole('button', { name: /^Your state: Available for / }).waitFor();
}

/** axe-core on the current page: no serious or critical WCAG 2.1 A/AA violation. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  // A panel still fading in reads as low contrast: let transitions finish (or be cancelled) first.
  await page.evaluate(() =>
    Promise.allSettled(document.getAnimations().map((animation) => animation.finished)),
  );
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const blocking = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      page: label,
      rule: violation.id,
      impact: violation.impact,
      targets: violation.nodes.map((node) => node.target.join(' ')).slice(0, 5),
    }));
  expect(blocking).toEqual([]);
}

export async function screenshot(page: Page, path: string): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  await page.screenshot({ path });
}

/**
 * In an `afterEach`: when the test failed, a screenshot of every page under test
 * (`test-results/<folder>/<test name>.<label>.png`); pages not opened yet are skipped.
 */
export async function screenshotsOnFailure(
  task: { name: string; result?: { state?: string } },
  folder: string,
  pages: Record<string, Page | undefined>,
): Promise<void> {
  if (task.result?.state !== 'fail') return;
  const name = task.name.replace(/[^\p{L}\p{N}]+/gu, '-');
  const dir = new URL(`../test-results/${folder}/`, import.meta.url).pathname;
  for (const [label, page] of Object.entries(pages)) {
    if (page) await screenshot(page, `${dir}${name}.${label}.png`).catch(() => undefined);
  }
}

/** Names unique to one run, so journeys never collide with demo data or an earlier run. */
export function uniqueName(prefix: string): string {
  return `${prefix}.${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
}

export interface ApiSession {
  request<T>(method: string, path: string, body?: unknown): Promise<T>;
}

/** Seeds data through the REST API as a signed-in user (cookie + CSRF token), the way journeys set the scene. */
export async function apiSession(username: string, password: string): Promise<ApiSession> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!login.ok) throw new Error(`sign-in of ${username} failed: ${login.status} ${await login.text()}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .join('; ');
  return {
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      const response = await fetch(`${baseUrl}/api/v1${path}`, {
        method,
        headers: {
          cookie,
          'x-csrf-token': csrfToken,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok)
        throw new Error(`${method} ${path} failed: ${response.status} ${await response.text()}`);
      return (response.status === 204 ? undefined : await response.json()) as T;
    },
  };
}

/**
 * Takes a demo queue off its business-hours calendar, so a journey does not depend on the hour it
 * runs at (`email_vi` follows Vietnamese office hours: closed in the evening, mail waits there).
 */
export async function openAllHours(queueCode: string): Promise<void> {
  const admin = await apiSession(demo.admin.username, demo.admin.password);
  const { items } = await admin.request<{ items: { id: string; code: string }[] }>('GET', '/admin/queues');
  const queue = items.find((q) => q.code === queueCode);
  if (!queue) throw new Error(`no queue ${queueCode}`);
  await admin.request('PATCH', `/admin/queues/${queue.id}`, { calendarId: null });
}
