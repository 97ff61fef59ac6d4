/**
 * Knowledge search (issue #5), bounded — searches are ranked by each process's in-process index
 * (decision 0013), the SQL path is measured for quality only:
 *   npm run bench:knowledge                          # 150,000 articles (50,000 × 3 locales), 30 s of load
 *   npm run bench:knowledge -- --articles 20000 --seconds 10   # a reduced run while developing
 *   npm run bench:knowledge -- --scale 5000          # the same as --articles 15000 (per locale)
 *   npm run bench:knowledge -- --database postgres://…/kb  # an existing database: loaded once,
 *                                                    # reused by later runs (no embedded PostgreSQL)
 *   npm run bench:knowledge -- --explain             # also EXPLAIN (ANALYZE, BUFFERS) of the search SQL
 *   npm run bench:knowledge -- --eval-only           # only the quality of the demo base (step 1), ~20 s
 *   npm run bench:knowledge -- --processes 2         # the load also once across 2 server processes,
 *                                                    # each with its own index (a deployment's N)
 *   npm run bench:knowledge -- --rates 100,300,600,900  # the open-loop rates (searches/s, 5 s each)
 * (BENCH_KNOWLEDGE_ARTICLES — total — and BENCH_KNOWLEDGE_SECONDS work too.)
 * 1. Quality: the demo base (seed/knowledge-articles.ts) and bench/knowledge-eval.json — nDCG@5 and
 *    recall@5, overall and by kind (plain, no-diacritics, typo, synonym), index and SQL path, and
 *    how often the two put the same article first.
 * 2. Load: N synthetic articles (built from the demo vocabulary, published through the same
 *    search-document code), a fresh index built over them (time, memory), then 50 concurrent
 *    searches for a fixed time, the same searches offered at steady rates (open loop), suggestions
 *    from long customer messages, and 5,000-character queries; the evaluation again on the loaded
 *    base.
 * 3. Freshness: a second process (its own index and event follower) polls the search for a new
 *    word while this one publishes it.
 * The service is called directly (no HTTP), on a pool of 20 connections. A fresh embedded PostgreSQL
 * unless --database names one (then BENCH_KNOWLEDGE_POSTMASTER_PARENT=<pid of the process that
 * started it> lets the bench count PostgreSQL's CPU).
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { Session as InspectorSession } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import type pg from 'pg';
import { createKnowledgeService, type KnowledgeService } from '../apps/server/src/modules/knowledge/index.ts';
import { searchDocument } from '../apps/server/src/modules/knowledge/knowledge.service.ts';
import { htmlToText } from '../apps/server/src/modules/knowledge/knowledge.text.ts';
import { createAudit } from '../apps/server/src/platform/audit.ts';
import { systemClock } from '../apps/server/src/platform/clock.ts';
import { createDb, createPool } from '../apps/server/src/platform/db.ts';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../apps/server/src/platform/embedded-pg.ts';
import { createEvents } from '../apps/server/src/platform/events.ts';
import { systemIds } from '../apps/server/src/platform/ids.ts';
import { createLogger } from '../apps/server/src/platform/logger.ts';
import { mulberry32 } from '../apps/server/src/platform/random.ts';
import { type Actor, permissionsOf, serviceActor } from '../apps/server/src/platform/rbac.ts';
import { migrateAll } from '../apps/server/src/runtime.ts';
import { seedKnowledge } from '../apps/server/src/seed/knowledge.ts';
import { DEMO_TOPICS } from '../apps/server/src/seed/knowledge-articles.ts';
import { bars } from './fixtures.ts';
import {
  assertNoPostgresLeft,
  check,
  makeDataDir,
  percentile,
  printChecks,
  printMachine,
  printTable,
  removeDataDir,
  round,
  writeResults,
} from './lib.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const options =
  process.argv[2] === '--follower' || process.argv[2] === '--searcher'
    ? null
    : parseArgs({
        options: {
          scale: { type: 'string' },
          articles: { type: 'string' },
          seconds: { type: 'string' },
          database: { type: 'string' },
          explain: { type: 'boolean', default: false },
          'eval-only': { type: 'boolean', default: false },
          processes: { type: 'string' },
          rates: { type: 'string' },
        },
      }).values;
const PER_LOCALE = options?.scale
  ? Number(options.scale)
  : Math.ceil(Number(options?.articles ?? process.env.BENCH_KNOWLEDGE_ARTICLES ?? 150_000) / 3);
const CONCURRENCY = 50;
/** With `--processes N` the load also runs once across N server processes (each its own index). */
const PROCESSES = Math.max(1, Math.min(8, Number(options?.processes ?? 1)));
const LOAD_SECONDS = Number(options?.seconds ?? process.env.BENCH_KNOWLEDGE_SECONDS ?? 30);
const MAX_SEARCHES = 20_000;
/**
 * Offered rates (searches/s) of the open-loop phase, each for OFFERED_SECONDS: what agents see at a
 * steady rate below saturation. The reference bank (70,000 calls a day, 1,400 staff) would search at
 * a few tens per second at its peak; the closed loop above runs at saturation.
 */
const RATES = (options?.rates ?? '100,300,600,900')
  .split(',')
  .map(Number)
  .filter((r) => Number.isFinite(r) && r > 0)
  .slice(0, 8)
  .map((r) => Math.min(r, 5000));
const OFFERED_SECONDS = 5;
const INSERT_BATCH = 1000;
const LOCALES = ['en', 'zh-CN', 'vi'] as const;
const log = createLogger({ level: 'silent' });

interface EvalQuery {
  q: string;
  locale: 'en' | 'zh-CN' | 'vi';
  expect: string;
  kind: string;
}

const agent = (): Actor =>
  serviceActor({
    userId: '00000000-0000-7000-8000-000000000001',
    username: 'bench.agent',
    displayName: 'Bench agent',
    roles: ['agent'],
    permissions: permissionsOf(['agent']),
  });

function services(pool: pg.Pool) {
  const db = createDb(pool);
  const events = createEvents({ db, pool, ids: systemIds, clock: systemClock, log });
  const audit = createAudit({ db, clock: systemClock, ids: systemIds });
  return {
    events,
    knowledge: createKnowledgeService({ db, ids: systemIds, clock: systemClock, events, audit, log }),
  };
}

/** nDCG@5 with one relevant article per query (gain 1): 1/log2(rank+1); recall@5: found in the top 5. */
async function evaluate(
  knowledge: KnowledgeService,
  ids: Map<string, string>,
  queries: EvalQuery[],
  engine?: 'sql',
) {
  const actor = agent();
  const rows: Array<{ kind: string; ndcg: number; hit: number; q: string; rank: number; top: string[] }> = [];
  for (const query of queries) {
    const { items } = await knowledge.search(actor, {
      q: query.q,
      locale: query.locale,
      limit: 5,
      isSuggestion: true,
      engine,
    });
    const expected = ids.get(`${query.expect}:${query.locale}`);
    const rank = items.findIndex((h) => h.id === expected) + 1;
    rows.push({
      kind: query.kind,
      q: query.q,
      rank,
      ndcg: rank > 0 ? 1 / Math.log2(rank + 1) : 0,
      hit: rank > 0 ? 1 : 0,
      top: items.map((h) => h.id),
    });
  }
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const byKind = [...new Set(rows.map((r) => r.kind))].map((kind) => {
    const of = rows.filter((r) => r.kind === kind);
    return {
      kind,
      queries: of.length,
      'nDCG@5': round(mean(of.map((r) => r.ndcg)), 3),
      'recall@5': round(mean(of.map((r) => r.hit)), 3),
    };
  });
  return {
    ndcg: round(mean(rows.map((r) => r.ndcg)), 3),
    recall: round(mean(rows.map((r) => r.hit)), 3),
    byKind,
    misses: rows.filter((r) => r.rank !== 1).map((r) => `${r.q} → ${r.rank || 'not in top 5'}`),
    tops: rows.map((r) => r.top),
  };
}

/** How often two runs over the same queries agree: the same first article, the same top-5 set. */
function agreement(a: string[][], b: string[][]) {
  let first = 0;
  let five = 0;
  a.forEach((top, i) => {
    const other = b[i] ?? [];
    if (top[0] === other[0]) first++;
    if (top.length === other.length && top.every((id) => other.includes(id))) five++;
  });
  return { sameFirst: `${first}/${a.length}`, sameTop5Set: `${five}/${a.length}` };
}

/**
 * Synthetic articles: one or two sentences of the demo base each (so demo words match many of
 * them, as common banking words do), the rest from a Zipf-distributed vocabulary of 30,000 made-up
 * words per language (a real base's long tail), with a seeded generator.
 */
async function loadSynthetic(pool: pg.Pool, perLocale: number) {
  const random = mulberry32(20261123);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const material = Object.fromEntries(
    LOCALES.map((locale) => {
      const texts = DEMO_TOPICS.map((t) => t[locale]);
      const sentences = texts.flatMap((v) =>
        htmlToText(v.body)
          .split(/(?<=[.。!?！？])\s*|\n/)
          .filter((s) => s.length > 8),
      );
      const words = texts.flatMap((v) => v.title.split(/\s+/)).filter(Boolean);
      return [locale, { sentences, words, tags: texts.flatMap((v) => v.tags) }];
    }),
  ) as Record<(typeof LOCALES)[number], { sentences: string[]; words: string[]; tags: string[] }>;
  const syllables = {
    en: 'ba ce di fo gu ka le mi no pu ra se ti vo wu xa ye zo tran sfer acc ount bal inter est'.split(' '),
    vi: 'nga hàng thư viện quỹ lãi kỳ hạn khoản giao dịch biểu mẫu định danh bảo hiểm phí số dư'.split(' '),
    'zh-CN': '账户资金理财保险结算业务证券基金额度期限利息凭证网点客户服务流程审批担保抵押'.split(''),
  };
  const vocabulary = Object.fromEntries(
    LOCALES.map((l) => {
      const words = new Set<string>();
      for (let attempt = 0; words.size < 30_000 && attempt < 300_000; attempt++) {
        const n = 2 + Math.floor(random() * 3);
        words.add(Array.from({ length: n }, () => pick(syllables[l])).join(l === 'zh-CN' ? '' : ''));
      }
      return [l, [...words]];
    }),
  ) as Record<(typeof LOCALES)[number], string[]>;
  // Zipf (s = 1) over the vocabulary: rank r with probability ∝ 1/r.
  const zipf = (words: string[]) =>
    words[Math.min(words.length - 1, Math.floor(Math.exp(random() * Math.log(words.length))) - 1)] as string;
  const sentence = (l: (typeof LOCALES)[number]) =>
    Array.from({ length: 8 + Math.floor(random() * 8) }, () => zipf(vocabulary[l])).join(
      l === 'zh-CN' ? '' : ' ',
    ) + (l === 'zh-CN' ? '。' : '.');
  const total = perLocale * LOCALES.length;
  const bar = new cliProgress.SingleBar(
    { format: '  synthetic articles [{bar}] {value}/{total} {eta}s' },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  // Bulk load: the GIN and GiST indexes (eight GIN ones without a pending list on the articles,
  // the trigram one on the lexicon) are dropped and built once at the end, which is several times
  // faster than keeping them row by row; the next batch is analysed while the last one is written.
  const { rows: indexes } = await pool.query<{ name: string; definition: string }>(
    `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
     WHERE tablename IN ('knowledge_articles', 'knowledge_lexemes') AND indexdef ~* 'USING (gin|gist)'`,
  );
  for (const { name } of indexes) await pool.query(`DROP INDEX "${name}"`);
  let writing: Promise<unknown> = Promise.resolve();
  const now = Date.now();
  let done = 0;
  for (let start = 0; start < perLocale; start += INSERT_BATCH / LOCALES.length) {
    const lexicon = new Set<string>();
    const cols: Record<string, unknown[]> = {
      id: [],
      group: [],
      locale: [],
      title: [],
      body: [],
      answer: [],
      tags: [],
      doc: [],
      at: [],
      views: [],
    };
    for (let i = start; i < Math.min(perLocale, start + INSERT_BATCH / LOCALES.length); i++) {
      const group = systemIds.uuid();
      for (const locale of LOCALES) {
        const m = material[locale];
        const sep = locale === 'zh-CN' ? '' : ' ';
        const title = [
          pick(m.words),
          ...Array.from({ length: 2 + Math.floor(random() * 3) }, () => zipf(vocabulary[locale])),
        ].join(sep);
        const body = [
          ...Array.from({ length: 1 + Math.floor(random() * 2) }, () => pick(m.sentences)),
          ...Array.from({ length: 3 + Math.floor(random() * 5) }, () => sentence(locale)),
        ];
        const tags = [pick(m.tags), pick(m.tags)];
        const answer = body.slice(0, 2).join(sep);
        const doc = searchDocument({ title, tags, bodyText: body.join('\n'), answer });
        // The lexicon publishing keeps (its typo lookup is part of every search's cost).
        for (const t of doc.terms) if (/^[a-z]{4,}$/.test(t)) lexicon.add(t);
        cols.id?.push(systemIds.uuid());
        cols.group?.push(group);
        cols.locale?.push(locale);
        cols.title?.push(title);
        cols.body?.push(body.map((s) => `<p>${s.replace(/</g, '&lt;')}</p>`).join(''));
        cols.answer?.push(answer);
        cols.tags?.push(`{${tags.map((t) => `"${t.replace(/"/g, '')}"`).join(',')}}`);
        cols.doc?.push(doc.literal);
        cols.at?.push(new Date(now - Math.floor(random() * 3 * 365) * 86_400_000));
        cols.views?.push(Math.floor(random() * random() * 500));
      }
    }
    await writing;
    const articles = pool.query(
      `INSERT INTO knowledge_articles (id, group_id, locale, status, visibility, latest_version, published_version,
         published_at, title, body_html, answer, tags, search_doc, views, created_at, updated_at)
       SELECT id, grp, loc, 'published', 'public', 1, 1, at, title, body, answer, tags::text[], doc::tsvector, views, at, at
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
         $9::timestamptz[], $10::int[]) AS u(id, grp, loc, title, body, answer, tags, doc, at, views)`,
      [
        cols.id,
        cols.group,
        cols.locale,
        cols.title,
        cols.body,
        cols.answer,
        cols.tags,
        cols.doc,
        cols.at,
        cols.views,
      ],
    );
    const lexemes = pool.query(
      'INSERT INTO knowledge_lexemes (term) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING',
      [[...lexicon]],
    );
    writing = Promise.all([articles, lexemes]);
    done += (cols.id as unknown[]).length;
    bar.update(done);
  }
  await writing;
  bar.stop();
  const client = await pool.connect();
  try {
    await client.query("SET maintenance_work_mem = '256MB'");
    for (const { definition } of indexes) await client.query(definition);
  } finally {
    client.release();
  }
  await pool.query('ANALYZE knowledge_articles');
  await pool.query('ANALYZE knowledge_lexemes');
}

/**
 * CPU seconds used so far by the PostgreSQL processes under this one (postmaster and backends,
 * with the reaped children the postmaster counts), from /proc: on a shared machine, CPU per search
 * says more than latency, which waits for everybody else's work.
 */
function postgresCpuSeconds(): number {
  // With --database, BENCH_KNOWLEDGE_POSTMASTER_PARENT names the process that started PostgreSQL.
  const root = Number(process.env.BENCH_KNOWLEDGE_POSTMASTER_PARENT) || process.pid;
  const parentOf = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parentOf.set(Number(entry), Number(fields[1]));
      // utime, stime, cutime, cstime (fields 14–17 of proc(5), here 11–14).
      ticks.set(
        Number(entry),
        [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0),
      );
    } catch {
      // gone meanwhile
    }
  }
  let total = 0;
  for (const [pid, t] of ticks) {
    if (pid === root) continue;
    let up = parentOf.get(pid);
    for (let hops = 0; up !== undefined && up > 1 && hops < 4; hops++) {
      if (up === root) {
        total += t;
        break;
      }
      up = parentOf.get(up);
    }
  }
  return total / 100; // USER_HZ
}

async function loadTest(
  knowledge: KnowledgeService,
  queries: string[],
  share = { concurrency: CONCURRENCY, maxSearches: MAX_SEARCHES, first: 0 },
) {
  const actor = agent();
  const latencies: number[] = [];
  const deadline = performance.now() + LOAD_SECONDS * 1000;
  let issued = 0;
  const worker = async (w: number) => {
    let i = share.first + w;
    while (performance.now() < deadline && issued < share.maxSearches) {
      issued++;
      const q = queries[i++ % queries.length] as string;
      const t = performance.now();
      await knowledge.search(actor, { q, limit: 10, source: 'kb' });
      latencies.push(performance.now() - t);
    }
  };
  const t0 = performance.now();
  const node0 = process.cpuUsage();
  const pg0 = postgresCpuSeconds();
  await Promise.all(Array.from({ length: share.concurrency }, (_, w) => worker(w)));
  const seconds = (performance.now() - t0) / 1000;
  const node = process.cpuUsage(node0);
  const pgSeconds = postgresCpuSeconds() - pg0;
  const n = Math.max(1, latencies.length);
  return {
    latencies,
    seconds,
    nodeCpuTotalMs: (node.user + node.system) / 1000,
    perSecond: Math.round(latencies.length / seconds),
    nodeCpuMs: round((node.user + node.system) / 1000 / n, 3),
    postgresCpuMs: round((pgSeconds * 1000) / n, 3),
  };
}

/**
 * Searches offered at a steady rate (an open loop): search i is due at start + i / rate, and its
 * latency counts from when it was due, so a search that waited behind others shows that wait.
 */
async function offeredLoad(knowledge: KnowledgeService, queries: string[], rate: number) {
  const actor = agent();
  const total = Math.round(rate * OFFERED_SECONDS);
  const latencies: number[] = [];
  const searches: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const q = queries[i % queries.length] as string;
    searches.push(
      knowledge.search(actor, { q, limit: 10, source: 'kb' }).then(() => {
        latencies.push(performance.now() - due);
      }),
    );
  }
  await Promise.all(searches);
  return {
    'offered /s': rate,
    'achieved /s': Math.round(latencies.length / ((performance.now() - start) / 1000)),
    'p50 ms': round(percentile(latencies, 50), 1),
    'p95 ms': round(percentile(latencies, 95), 1),
    'p99 ms': round(percentile(latencies, 99), 1),
  };
}

/** A load's count, rate and latency percentiles, as its table row shows them. */
function latencyColumns(run: { latencies: number[]; perSecond: number }) {
  return {
    searches: run.latencies.length,
    'per s': run.perSecond,
    'p50 ms': round(percentile(run.latencies, 50), 1),
    'p95 ms': round(percentile(run.latencies, 95), 1),
    'p99 ms': round(percentile(run.latencies, 99), 1),
    'max ms': round(Math.max(...run.latencies), 1),
  };
}

async function timed(n: number, run: (i: number) => Promise<unknown>) {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await run(i);
    out.push(performance.now() - t);
  }
  return out;
}

/** Follower mode: polls the search for a word until it appears, then prints the time it saw it. */
async function follower(url: string, word: string) {
  const pool = createPool(url, 2);
  const { events, knowledge } = services(pool);
  // A server process: its own event follower and index (the search must be the index's).
  await events.start();
  await knowledge.startIndex();
  if (!knowledge.indexStats().isReady) throw new Error('follower index not built');
  const until = Date.now() + 30_000;
  process.stdout.write('ready\n');
  while (Date.now() < until) {
    const { items } = await knowledge.search(agent(), { q: word, limit: 1, isSuggestion: true });
    if (items.length > 0) {
      process.stdout.write(`seen ${Date.now()}\n`);
      break;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  await knowledge.stopIndex();
  await events.stop();
  await pool.end();
}

/**
 * Searcher mode (`--processes`): another server process with its own index. It builds, says
 * `ready`, waits for `go` on stdin, runs its share of the load and prints `result <json>`.
 */
async function searcher(url: string, share: { concurrency: number; maxSearches: number; first: number }) {
  const pool = createPool(url, 20);
  const { knowledge } = services(pool);
  await knowledge.startIndex();
  if (!knowledge.indexStats().isReady) throw new Error('searcher index not built');
  const queries = (
    JSON.parse(await readFile(path.join(HERE, 'knowledge-eval.json'), 'utf8')) as { queries: EvalQuery[] }
  ).queries.map((q) => q.q);
  for (let i = 0; i < 50; i++)
    await knowledge.search(agent(), {
      q: queries[i % queries.length] as string,
      limit: 10,
      isSuggestion: true,
    });
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
  const run = await loadTest(knowledge, queries, share);
  process.stdout.write(
    `result ${JSON.stringify({ latencies: run.latencies, seconds: run.seconds, cpuMs: run.nodeCpuTotalMs })}\n`,
  );
  await knowledge.stopIndex();
  await pool.end();
}

/**
 * The load across PROCESSES server processes, as a deployment runs them behind a load balancer:
 * this one and PROCESSES − 1 searchers, each with its own index and an equal share of the 50
 * searches in flight, started together once every index is built.
 */
async function loadAcrossProcesses(url: string, knowledge: KnowledgeService, queries: string[]) {
  const shareOf = (p: number) => ({
    concurrency: Math.floor(CONCURRENCY / PROCESSES) + (p < CONCURRENCY % PROCESSES ? 1 : 0),
    maxSearches: Math.floor(MAX_SEARCHES / PROCESSES),
    first: p * 7,
  });
  const children = Array.from({ length: PROCESSES - 1 }, (_, c) => {
    const share = shareOf(c + 1);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(HERE, 'knowledge.ts'), '--searcher', url, JSON.stringify(share)],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    let output = '';
    const ready = new Promise<void>((resolve) =>
      child.stdout.on('data', (chunk) => {
        output += String(chunk);
        if (output.includes('ready')) resolve();
      }),
    );
    const done = new Promise<{ latencies: number[]; seconds: number; cpuMs: number }>((resolve, reject) =>
      child.on('exit', (code) => {
        const line = output.split('\n').find((l) => l.startsWith('result '));
        if (line) resolve(JSON.parse(line.slice('result '.length)));
        else reject(new Error(`searcher exited with ${code} and no result`));
      }),
    );
    return { child, ready, done };
  });
  await Promise.all(children.map((c) => c.ready));
  for (const c of children) c.child.stdin.end('go\n');
  const [own, ...others] = await Promise.all([
    loadTest(knowledge, queries, shareOf(0)),
    ...children.map((c) => c.done),
  ]);
  const latencies = [...own.latencies, ...others.flatMap((o) => o.latencies)];
  const seconds = Math.max(own.seconds, ...others.map((o) => o.seconds));
  const cpuMs = own.nodeCpuTotalMs + others.reduce((sum, o) => sum + o.cpuMs, 0);
  const n = Math.max(1, latencies.length);
  return {
    latencies,
    perSecond: Math.round(latencies.length / seconds),
    // Node's CPU of every process; PostgreSQL's is not counted here (the searchers' backends end
    // with their pools before it could be read).
    nodeCpuMs: round(cpuMs / n, 3),
  };
}

async function freshness(url: string, knowledge: KnowledgeService) {
  const word = `zebrafresh${Date.now()}`;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(HERE, 'knowledge.ts'), '--follower', url, word],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let output = '';
  const ready = new Promise<void>((resolve) =>
    child.stdout.on('data', (chunk) => {
      output += String(chunk);
      if (output.includes('ready')) resolve();
    }),
  );
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  // The follower builds its own index first: at 150,000 articles on a busy machine that took over 90 s.
  let waiting: NodeJS.Timeout | undefined;
  await Promise.race([ready, new Promise((r) => (waiting = setTimeout(r, 300_000)))]);
  // A pending timer would keep the bench alive after its results.
  clearTimeout(waiting);
  const created = await knowledge.createArticle(null, {
    locale: 'en',
    title: `Fresh ${word}`,
    bodyHtml: `<p>${word}</p>`,
    visibility: 'public',
  });
  const publishedAt = Date.now();
  await knowledge.publishAsSystem(created.id);
  const committedAt = Date.now();
  await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
  child.kill();
  const seen = Number(/seen (\d+)/.exec(output)?.[1] ?? Number.NaN);
  return { commitMs: committedAt - publishedAt, visibleAfterCommitMs: seen - committedAt };
}

/** Prints EXPLAIN (ANALYZE, BUFFERS) of the statements one search runs (captured from the pool). */
async function explain(
  pool: pg.Pool,
  knowledge: KnowledgeService,
  q: string,
  locale?: 'en' | 'zh-CN' | 'vi',
) {
  const captured: pg.QueryConfig[] = [];
  const original = pool.query;
  const capturing = (config: unknown, values?: unknown) => {
    if (typeof config === 'object' && config && (config as pg.QueryConfig).name?.startsWith('knowledge_'))
      captured.push(config as pg.QueryConfig);
    return (original as (c: unknown, v?: unknown) => unknown).call(pool, config, values);
  };
  pool.query = capturing as typeof pool.query;
  try {
    await knowledge.search(agent(), { q, locale, limit: 10, isSuggestion: true, engine: 'sql' });
  } finally {
    pool.query = original;
  }
  process.stdout.write(
    `\nEXPLAIN of a search for ${JSON.stringify(q.slice(0, 60))}${q.length > 60 ? '…' : ''}:\n`,
  );
  for (const c of captured) {
    const plan = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${c.text}`, c.values);
    process.stdout.write(`-- ${c.name}\n${plan.rows.map((r) => `  ${r['QUERY PLAN']}`).join('\n')}\n`);
  }
}

/** The demo articles' ids in an already seeded database (a reused `--database`). */
async function demoIds(pool: pg.Pool) {
  const ids = new Map<string, string>();
  const { rows } = await pool.query<{ id: string; locale: string; title: string }>(
    `SELECT id, locale, title FROM knowledge_articles WHERE title = ANY($1::text[])`,
    [DEMO_TOPICS.flatMap((t) => LOCALES.map((l) => t[l].title))],
  );
  for (const topic of DEMO_TOPICS)
    for (const locale of LOCALES) {
      const row = rows.find((r) => r.locale === locale && r.title === topic[locale].title);
      if (row) ids.set(`${topic.key}:${locale}`, row.id);
    }
  return ids;
}

const load = () =>
  os
    .loadavg()
    .map((x) => round(x, 2))
    .join(' / ');

/** Steps 2 and 3: the synthetic load, the evaluation again among it, latencies and freshness. */
async function measureLoad({
  url,
  pool,
  demo,
  ids,
  quality,
  count: initialCount,
  results,
  evalSet,
}: {
  url: string;
  pool: pg.Pool;
  demo: KnowledgeService;
  ids: Map<string, string>;
  quality: Awaited<ReturnType<typeof evaluate>> | null;
  count: number;
  results: Record<string, unknown>;
  evalSet: { queries: EvalQuery[] };
}) {
  let count = initialCount;
  if (count < ids.size + PER_LOCALE * LOCALES.length) {
    const t0 = performance.now();
    await loadSynthetic(pool, Math.ceil((ids.size + PER_LOCALE * LOCALES.length - count) / LOCALES.length));
    results.loadSeconds = round((performance.now() - t0) / 1000, 1);
    count = (await pool.query('SELECT count(*)::int AS n FROM knowledge_articles')).rows[0].n as number;
    process.stdout.write(`loaded: ${count} articles in ${results.loadSeconds} s\n`);
  } else process.stdout.write(`reused: ${count} articles already loaded\n`);
  results.articles = count;
  await demo.stopIndex();

  // A fresh process's index over the loaded base: build time and memory.
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage();
  const t1 = performance.now();
  const { knowledge } = services(pool);
  await knowledge.startIndex();
  const buildSeconds = round((performance.now() - t1) / 1000, 2);
  gc?.();
  const after = process.memoryUsage();
  const mb = (x: number) => round(x / 1048576, 1);
  const { isReady: _built, ...figures } = knowledge.indexStats();
  const index = {
    ...figures,
    'build s': buildSeconds,
    'heap MB': mb(after.heapUsed - before.heapUsed),
    'array buffers MB': mb(after.arrayBuffers - before.arrayBuffers),
    'rss MB': mb(after.rss - before.rss),
    gc: gc ? 'yes' : 'no (run with --expose-gc for exact figures)',
  };
  printTable(`Index of ${count} articles (memory: this process, after − before the build)`, [index]);
  results.index = index;

  const qualityLoaded = await evaluate(knowledge, ids, evalSet.queries);
  process.stdout.write(
    `quality among ${count} articles: nDCG@5 ${qualityLoaded.ndcg}, recall@5 ${qualityLoaded.recall}\n`,
  );
  results.qualityLoaded = qualityLoaded;

  const messages = DEMO_TOPICS.flatMap((t) =>
    LOCALES.map((l) => ({ text: `${t[l].title}. ${htmlToText(t[l].body).slice(0, 300)}`, locale: l })),
  );
  const longText = (i: number) => (messages[i % messages.length]?.text ?? '').repeat(40).slice(0, 5000);
  if (options?.explain) {
    // The SQL path (the fallback while an index builds).
    for (const q of ['credit card annual fee', 'the tin dung bi khoa', '信用卡 挂失', 'tranfser limit'])
      await explain(pool, knowledge, q);
    await explain(pool, knowledge, longText(0), 'en');
  }

  const warm = evalSet.queries.map((q) => q.q);
  await timed(50, (i) =>
    knowledge.search(agent(), { q: warm[i % warm.length] as string, limit: 10, isSuggestion: true }),
  );
  const loadBefore = load();
  // BENCH_KNOWLEDGE_PROFILE=<file>: a CPU profile of this process during the load only.
  const profiler = process.env.BENCH_KNOWLEDGE_PROFILE ? new InspectorSession() : null;
  if (profiler) {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  }
  const statsBefore = knowledge.indexStats();
  const run = await loadTest(knowledge, warm);
  const statsAfter = knowledge.indexStats();
  const intersected = statsAfter.intersections - statsBefore.intersections;
  const byTiers =
    statsAfter.tiered + statsAfter.tieredFillUps - statsBefore.tiered - statsBefore.tieredFillUps;
  const ranked = statsAfter.candidatesRanked - statsBefore.candidatesRanked;
  const fillUpCandidates = statsAfter.fillUpCandidates - statsBefore.fillUpCandidates;
  const fillUpRanked = statsAfter.fillUpRanked - statsBefore.fillUpRanked;
  if (profiler) {
    const { profile } = await profiler.post('Profiler.stop');
    await writeFile(process.env.BENCH_KNOWLEDGE_PROFILE as string, JSON.stringify(profile));
    profiler.disconnect();
  }
  const searchRow = {
    ...latencyColumns(run),
    'Node CPU ms/search': run.nodeCpuMs,
    'PG CPU ms/search': run.postgresCpuMs,
    // The rest walked every posting of their terms (decision 0013).
    'by intersection %': round((100 * intersected) / Math.max(1, run.latencies.length), 0),
    // Answered from the title/tag tiers (strict list or fill-up), and candidates looked up per search.
    'by tiers %': round((100 * byTiers) / Math.max(1, run.latencies.length), 0),
    'candidates/search': round(ranked / Math.max(1, run.latencies.length), 0),
    // Of the fill-ups' candidates (a query term in the title or tags), those whose bound made
    // them worth ranking (the rest were passed over unranked).
    'fill-up ranked %': round((100 * fillUpRanked) / Math.max(1, fillUpCandidates), 1),
    // Of the Node CPU per search, the index's ranking (the rest: analysis, rows, snippets, driver).
    'ranking ms/search': round(
      (statsAfter.rankingMs - statsBefore.rankingMs) / Math.max(1, run.latencies.length),
      3,
    ),
  };
  printTable(
    `Search, ${CONCURRENCY} concurrent for ${LOAD_SECONDS} s (load average before ${loadBefore}, after ${load()})`,
    [searchRow],
  );
  // The same load across several server processes (`--processes N`), each with its own index.
  let spreadRow: Record<string, number> | null = null;
  if (PROCESSES > 1) {
    const spreadBefore = load();
    const spread = await loadAcrossProcesses(url, knowledge, warm);
    spreadRow = {
      processes: PROCESSES,
      ...latencyColumns(spread),
      'Node CPU ms/search': spread.nodeCpuMs,
    };
    printTable(
      `Search, ${CONCURRENCY} concurrent across ${PROCESSES} processes for ${LOAD_SECONDS} s (load average before ${spreadBefore}, after ${load()})`,
      [spreadRow],
    );
    results.searchAcrossProcesses = spreadRow;
  }

  // The same searches at steady rates below saturation (open loop).
  const offered: Array<Record<string, number>> = [];
  for (const rate of RATES) offered.push(await offeredLoad(knowledge, warm, rate));
  if (offered.length > 0) {
    printTable(
      `Search at steady offered rates, ${OFFERED_SECONDS} s each (open loop; load average ${load()})`,
      offered,
    );
    const p95 = offered.map((r) => ({
      label: `${r['offered /s']}/s`,
      value: r['p95 ms'] as number,
      unit: 'ms',
    }));
    process.stdout.write(`\np95 by offered rate\n${bars(p95).join('\n')}\n`);
    results.offered = offered;
  }

  const suggest = await timed(100, (i) =>
    knowledge.suggest(agent(), messages[i % messages.length] as { text: string; locale: 'en' }),
  );
  const longQuery = await timed(30, (i) =>
    knowledge.search(agent(), { q: longText(i), limit: 10, isSuggestion: true }),
  );
  const fresh = await freshness(url, knowledge);
  await knowledge.stopIndex();
  const row = (what: string, xs: number[]) => ({
    what,
    'p50 ms': round(percentile(xs, 50), 1),
    'p95 ms': round(percentile(xs, 95), 1),
    'p99 ms': round(percentile(xs, 99), 1),
  });
  printTable(`Suggestions and 5,000-character queries, one at a time (load average ${load()})`, [
    row('suggestion (100)', suggest),
    row('5,000-char query (30)', longQuery),
  ]);
  printTable('Freshness', [
    { what: 'publish commit ms', value: fresh.commitMs },
    { what: 'seen by 2nd process after commit ms', value: fresh.visibleAfterCommitMs },
  ]);
  results.search = searchRow;
  results.suggestP95Ms = round(percentile(suggest, 95), 1);
  results.longQueryP95Ms = round(percentile(longQuery, 95), 1);
  results.freshness = fresh;
  results.loadAverageAfter = os.loadavg();
  const checks = [
    ...(quality ? [check('nDCG@5 × 100 (demo base)', round(quality.ndcg * 100, 1), 'min', 85, '')] : []),
    check('search p95', searchRow['p95 ms'], 'max', 20, 'ms'),
    check('search p99', searchRow['p99 ms'], 'max', 50, 'ms'),
    ...(spreadRow
      ? [
          check(`search p95, ${PROCESSES} processes`, spreadRow['p95 ms'] as number, 'max', 20, 'ms'),
          check(`search p99, ${PROCESSES} processes`, spreadRow['p99 ms'] as number, 'max', 50, 'ms'),
        ]
      : []),
    check('suggestion p95', results.suggestP95Ms as number, 'max', 50, 'ms'),
    check('5,000-char query p95', results.longQueryP95Ms as number, 'max', 50, 'ms'),
    check('visible in 2nd process', fresh.commitMs + fresh.visibleAfterCommitMs, 'max', 1000, 'ms'),
  ];
  printChecks(checks);
  process.stdout.write(`load average (1/5/15 min) at the end: ${load()} on ${os.cpus().length} CPUs\n`);
  results.checks = checks;
}

async function main() {
  if (process.argv[2] === '--follower') return follower(process.argv[3] as string, process.argv[4] as string);
  if (process.argv[2] === '--searcher')
    return searcher(process.argv[3] as string, JSON.parse(process.argv[4] as string));
  printMachine();
  if (options?.['eval-only']) process.stdout.write('scale: the demo base only (--eval-only)\n');
  else
    process.stdout.write(
      `scale: ${PER_LOCALE} synthetic articles per locale × 3, ${CONCURRENCY} concurrent searches for ${LOAD_SECONDS} s; load average (1/5/15 min) ${load()}\n`,
    );
  const dataDir = options?.database ? null : await makeDataDir();
  let embedded: EmbeddedPostgres | null = null;
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      void Promise.resolve(embedded?.stop()).finally(() => process.exit(130));
    });
  if (dataDir) embedded = await startEmbeddedPostgres({ dataDir, log, database: 'bench' });
  const url = embedded?.url ?? (options?.database as string);
  const pool = createPool(url, 20);
  const evalSet = JSON.parse(await readFile(path.join(HERE, 'knowledge-eval.json'), 'utf8')) as {
    queries: EvalQuery[];
  };
  const results: Record<string, unknown> = {
    perLocale: PER_LOCALE,
    concurrency: CONCURRENCY,
    loadAverageBefore: os.loadavg(),
  };
  try {
    await migrateAll(pool, log);
    const demo = services(pool).knowledge;
    const seeded = await seedKnowledge({ knowledge: demo, pool, clock: systemClock });
    const ids = seeded.articles > 0 ? seeded.ids : await demoIds(pool);
    process.stdout.write(`demo base: ${ids.size} articles, ${evalSet.queries.length} evaluation queries\n`);
    const count = (await pool.query('SELECT count(*)::int AS n FROM knowledge_articles')).rows[0].n as number;
    await demo.startIndex();
    const quality = count <= ids.size + 100 ? await evaluate(demo, ids, evalSet.queries) : null;
    if (quality) {
      const bySql = await evaluate(demo, ids, evalSet.queries, 'sql');
      printTable(
        `Quality on the demo base (index): nDCG@5 ${quality.ndcg}, recall@5 ${quality.recall}`,
        quality.byKind,
      );
      if (quality.misses.length) process.stdout.write(`  not first: ${quality.misses.join(' | ')}\n`);
      printTable(
        `Quality on the demo base (SQL path): nDCG@5 ${bySql.ndcg}, recall@5 ${bySql.recall}`,
        bySql.byKind,
      );
      if (bySql.misses.length) process.stdout.write(`  not first: ${bySql.misses.join(' | ')}\n`);
      const same = agreement(quality.tops, bySql.tops);
      printTable('Index vs SQL path on the evaluation queries', [same]);
      results.quality = { ...quality, tops: undefined };
      results.qualitySql = { ...bySql, tops: undefined };
      results.indexVsSql = same;
    } else
      process.stdout.write('quality on the demo base: not measured (the database already holds a load)\n');

    if (!options?.['eval-only'])
      await measureLoad({ url, pool, demo, ids, quality, count, results, evalSet });
    else if (quality) {
      results.checks = [check('nDCG@5 × 100 (demo base)', round(quality.ndcg * 100, 1), 'min', 85, '')];
      printChecks(results.checks as ReturnType<typeof check>[]);
    }
  } finally {
    await pool.end().catch(() => undefined);
    await embedded?.stop();
    if (dataDir) await removeDataDir(dataDir);
  }
  if (dataDir) await assertNoPostgresLeft([dataDir]);
  process.stdout.write(
    `results: ${await writeResults(options?.['eval-only'] ? 'knowledge-eval' : 'knowledge', results)}\n`,
  );
}

await main();
