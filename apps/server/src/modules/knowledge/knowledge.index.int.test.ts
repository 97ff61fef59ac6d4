import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestContext, type Session, signInAs, type TestContext } from '../../../test/harness.ts';
import { createLogger } from '../../platform/logger.ts';
import { type Actor, permissionsOf } from '../../platform/rbac.ts';
import { seedKnowledge } from '../../seed/knowledge.ts';
import { createKnowledgeIndex } from './knowledge.index.ts';
import { terms } from './knowledge.text.ts';

let ctx: TestContext;
let writer: Session;
let reviewer: Session;
let peer: ChildProcess;
let peerReady: boolean;
const peerAnswers: Array<(ids: string[]) => void> = [];

const call = (session: Session, method: string, url: string, payload?: unknown) =>
  ctx.app.http.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    payload: payload as object,
    headers: as(session),
  });

async function publish(input: Record<string, unknown>): Promise<string> {
  const created = await call(writer, 'POST', '/knowledge/articles', input);
  expect(created.statusCode).toBe(201);
  const id = created.json().id as string;
  expect((await call(writer, 'POST', `/knowledge/articles/${id}/submit`)).statusCode).toBe(200);
  expect((await call(reviewer, 'POST', `/knowledge/articles/${id}/approve`, {})).statusCode).toBe(200);
  return id;
}

/** The other process's answer to a public search. */
function peerSearch(q: string): Promise<string[]> {
  return new Promise((resolve) => {
    peerAnswers.push(resolve);
    peer.stdin?.write(`${JSON.stringify({ q })}\n`);
  });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<number> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (await check()) return Date.now() - t0;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('timed out');
}

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.app.events.start({ pollMs: 200 });
  await ctx.app.knowledge.startIndex();
  writer = await signInAs(ctx, { username: 'kx.writer', roles: ['knowledge_editor'] });
  reviewer = await signInAs(ctx, { username: 'kx.reviewer', roles: ['knowledge_editor'] });
  peer = spawn(
    process.execPath,
    ['--import', 'tsx', path.resolve(import.meta.dirname, '../../../test/knowledge-peer.ts'), ctx.url],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve) => {
    createInterface({ input: peer.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      const message = JSON.parse(line);
      if ('ready' in message) {
        peerReady = message.ready;
        resolve();
      } else peerAnswers.shift()?.(message.ids);
    });
  });
}, 60_000);

afterAll(async () => {
  peer?.stdin?.end();
  peer?.kill('SIGTERM');
  await ctx?.close();
});

describe('the ranking index in every process', () => {
  it('a publish here is searchable in the other process through its event follower; a change and an archive take it out', async () => {
    expect(peerReady).toBe(true);
    expect(ctx.app.knowledge.indexStats().isReady).toBe(true);
    expect(await peerSearch('zebracrossing')).toEqual([]);
    const id = await publish({
      locale: 'en',
      title: 'Zebracrossing card',
      bodyHtml: '<p>A word only this article has.</p>',
      visibility: 'public',
    });
    // This process has it as soon as the call returns; the other within the follower's delay
    // (the bench measures it; here only that it arrives, without any reconciliation there).
    const mine = await ctx.app.knowledge.search(null, { q: 'zebracrossing', isSuggestion: true });
    expect(mine.items.map((i) => i.id)).toEqual([id]);
    await waitFor(async () => (await peerSearch('zebracrossing')).includes(id));

    // Metadata applies at once: internal now, so the public search of the other process drops it.
    expect(
      (await call(writer, 'PATCH', `/knowledge/articles/${id}`, { visibility: 'internal' })).statusCode,
    ).toBe(200);
    const changed = await ctx.pool.query(
      "SELECT count(*)::int AS n FROM outbox WHERE type = 'knowledge.article_changed'",
    );
    expect(changed.rows[0].n).toBe(1);
    await waitFor(async () => (await peerSearch('zebracrossing')).length === 0);
    expect(
      (await call(writer, 'PATCH', `/knowledge/articles/${id}`, { visibility: 'public' })).statusCode,
    ).toBe(200);
    await waitFor(async () => (await peerSearch('zebracrossing')).includes(id));

    expect((await call(reviewer, 'POST', `/knowledge/articles/${id}/archive`)).statusCode).toBe(200);
    expect((await ctx.app.knowledge.search(null, { q: 'zebracrossing', isSuggestion: true })).items).toEqual(
      [],
    );
    await waitFor(async () => (await peerSearch('zebracrossing')).length === 0);
  });

  it('reconciliation heals a missed event: an index that hears no events catches up on its next pass', async () => {
    // A third index in this process that nobody tells about changes.
    const deaf = createKnowledgeIndex({
      pool: ctx.pool,
      clock: ctx.clock,
      log: createLogger({ level: 'silent' }),
      reconcileMs: 0,
    });
    await deaf.start();
    const find = (q: string) =>
      deaf.search({
        groups: terms(q).map((t) => [[t]]),
        locale: null,
        categoryIds: null,
        product: null,
        visibility: null,
        audiences: null,
        limit: 10,
        minStrict: 5,
      });
    const id = await publish({
      locale: 'en',
      title: 'Quokkaword fees',
      bodyHtml: '<p>Fees.</p>',
      visibility: 'public',
    });
    expect(find('quokkaword')).toEqual([]);
    expect(await deaf.reconcile()).toEqual({ patched: 1 });
    expect(find('quokkaword').map((h) => h.id)).toEqual([id]);
    // Nothing changed: the cheap check (count and latest update) finds nothing to patch.
    expect(await deaf.reconcile()).toEqual({ patched: 0 });
    expect((await call(reviewer, 'POST', `/knowledge/articles/${id}/archive`)).statusCode).toBe(200);
    expect(find('quokkaword').map((h) => h.id)).toEqual([id]);
    expect(await deaf.reconcile()).toEqual({ patched: 1 });
    expect(find('quokkaword')).toEqual([]);
    await deaf.stop();
  });

  it('ranks the demo base as the SQL path does, or better: where their first results differ, the index is right far more often', async () => {
    const seeded = await seedKnowledge(ctx.app);
    const evalSet = JSON.parse(
      await readFile(path.resolve(import.meta.dirname, '../../../../../bench/knowledge-eval.json'), 'utf8'),
    ) as { queries: Array<{ q: string; locale: 'en' | 'zh-CN' | 'vi'; expect: string }> };
    // An agent, as in the bench (internal demo articles are for agents).
    const agent: Actor = {
      kind: 'staff',
      userId: writer.userId,
      username: 'kx.agent',
      displayName: 'Agent',
      roles: ['agent'],
      permissions: permissionsOf(['agent']),
      teamIds: [],
      departmentId: null,
      branchId: null,
      locale: 'en',
      sessionId: null,
      tokenId: null,
      csrfToken: null,
      mfaEnrollmentRequired: false,
      ip: null,
    };
    const search = (q: string, locale: 'en' | 'zh-CN' | 'vi', engine?: 'sql') =>
      ctx.app.knowledge.search(agent, { q, locale, limit: 5, isSuggestion: true, engine });
    const differ: Array<{ q: string; index?: string; sql?: string; expected?: string }> = [];
    for (const { q, locale, expect: key } of evalSet.queries) {
      const [byIndex, bySql] = await Promise.all([search(q, locale), search(q, locale, 'sql')]);
      const index = byIndex.items[0]?.id;
      const sql = bySql.items[0]?.id;
      if (index !== sql) differ.push({ q, index, sql, expected: seeded.ids.get(`${key}:${locale}`) });
    }
    // Measured (180 articles, 218 queries): 13 differ; in 10 the index has the expected article first
    // and the SQL path (bounded candidates, proximity-based ts_rank of & queries) does not, in one
    // (giải chấp 手续) the other way round, in the rest neither.
    const wins = differ.filter((d) => d.index === d.expected).length;
    const losses = differ.filter((d) => d.sql === d.expected);
    expect(losses.length).toBeLessThanOrEqual(2);
    expect(wins).toBeGreaterThan(losses.length);
    expect(differ.length).toBeLessThan(20);
  }, 120_000);
});
