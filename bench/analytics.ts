/**
 * Analytics at scale (issue #7): a fresh embedded PostgreSQL in a temporary directory, filled with
 *  - 10,000,000 contact facts over 365 days, 12 queues (generated in SQL, in chunks, then ANALYZE);
 * then measured in this process, through the service functions the routes call (no HTTP):
 *  - the wallboard (today's figures per queue + routing's live board), 50 times;
 *  - the 30-day contact report (totals, daily series, heatmap, by queue), all queues and one queue, 20 times each;
 *  - the rebuild of the facts from 1,000,000 conversation events in the outbox;
 *  - tokenising 1,000,000 customer messages (two weeks, three languages; done once per message by
 *    the minutely copy job, on worker threads), then the weekly hot topics over them.
 *   npm run bench:analytics
 *   npm run bench:analytics -- --facts 2000000 --events 200000 --messages 200000   # a smaller run
 * Every loop is bounded; sizes are clamped (facts ≤ 20 M, events ≤ 2 M, messages ≤ 2 M).
 */
import pg from 'pg';
import { tokenisePending } from '../apps/server/src/modules/analytics/analytics.message-copies.ts';
import { refreshRollups } from '../apps/server/src/modules/analytics/analytics.rollups.ts';
import { createAnalyticsService } from '../apps/server/src/modules/analytics/index.ts';
import { createRoutingService } from '../apps/server/src/modules/routing/index.ts';
import { createAudit } from '../apps/server/src/platform/audit.ts';
import { systemClock } from '../apps/server/src/platform/clock.ts';
import { createDb, createPool } from '../apps/server/src/platform/db.ts';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../apps/server/src/platform/embedded-pg.ts';
import { createEvents } from '../apps/server/src/platform/events.ts';
import { systemIds } from '../apps/server/src/platform/ids.ts';
import { createLogger } from '../apps/server/src/platform/logger.ts';
import { type Actor, permissionsOf, serviceActor } from '../apps/server/src/platform/rbac.ts';
import { migrateAll } from '../apps/server/src/runtime.ts';
import {
  assertNoPostgresLeft,
  bounded,
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

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const FACTS = bounded(arg('facts') ?? '10000000', 10_000, 20_000_000);
const EVENTS = bounded(arg('events') ?? '1000000', 1_000, 2_000_000);
const MESSAGES = bounded(arg('messages') ?? '1000000', 1_000, 2_000_000);
const QUEUES = 12;
const CHUNK = 500_000;
const DAYS = 365;

const log = createLogger({ level: 'warn' });
const out = (text: string) => process.stdout.write(text);

async function timed<T>(label: string, work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const t0 = performance.now();
  out(`  ${label}…`);
  const value = await work();
  const seconds = (performance.now() - t0) / 1000;
  out(` ${round(seconds, 1)} s\n`);
  return { value, seconds };
}

async function runs(n: number, work: () => Promise<unknown>): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await work();
    ms.push(performance.now() - t0);
  }
  return ms;
}

const stats = (name: string, ms: number[]) => ({
  query: name,
  runs: ms.length,
  'p50 ms': round(percentile(ms, 50), 1),
  'p95 ms': round(percentile(ms, 95), 1),
  'max ms': round(Math.max(...ms), 1),
});

/** The facts' secondary indexes, dropped during the bulk load and built once after it (as a bank's bulk import would). */
const FACT_INDEXES = [
  'analytics_contact_facts_offered_brin',
  'analytics_contact_facts_queue_offered_idx',
  'analytics_contact_facts_agent_offered_idx',
  'analytics_contact_facts_reason_offered_idx',
];

async function fillFacts(pool: pg.Pool, queueIds: string[]): Promise<string[]> {
  const definitions = (
    await pool.query<{ indexdef: string }>('SELECT indexdef FROM pg_indexes WHERE indexname = ANY($1)', [
      FACT_INDEXES,
    ])
  ).rows.map((r) => r.indexdef);
  for (const name of FACT_INDEXES) await pool.query(`DROP INDEX ${name}`);
  // Arrivals spread over the year with a day/night profile; 4 % abandon; ratings on half.
  for (let start = 0; start < FACTS; start += CHUNK) {
    const n = Math.min(CHUNK, FACTS - start);
    await pool.query(
      `INSERT INTO analytics_contact_facts (conversation_id, channel, queue_id, agent_id, first_agent_id, reason_id,
         offered_at, answered_at, abandoned_at, closed_at, wait_seconds, handle_seconds, transfers, rating, last_position)
       SELECT gen_random_uuid(), 'chat', q[1 + (i % ${QUEUES})], a, a, NULL,
         t, CASE WHEN ab THEN NULL ELSE t + w * interval '1 second' END,
         CASE WHEN ab THEN t + w * interval '1 second' END,
         t + (w + h) * interval '1 second', w, CASE WHEN ab THEN NULL ELSE h END,
         (i % 17 = 0)::int, CASE WHEN i % 2 = 0 THEN 1 + (i % 5) END, 0
       FROM (
         SELECT i, $1::uuid[] AS q,
           ('00000000-0000-4000-8000-' || lpad(to_hex(i % 400), 12, '0'))::uuid AS a,
           now() - ($2::int * interval '1 day') * (i::float8 / $3) AS t,
           (i * 7919 % 120) AS w, 60 + (i * 104729 % 600) AS h, (i % 25 = 0) AS ab
         FROM generate_series($4::bigint, $5::bigint) AS i
       ) g`,
      [queueIds, DAYS, FACTS, start, start + n - 1],
    );
    out(`\r  contact facts: ${(start + n).toLocaleString('en-US')} / ${FACTS.toLocaleString('en-US')}`);
  }
  out('\n');
  return definitions;
}

/** 1 M events: conversations of 5 events each (queued, assigned, wrapped up, closed, rated). */
async function fillEvents(pool: pg.Pool, queueIds: string[]): Promise<void> {
  const conversations = Math.ceil(EVENTS / 5);
  for (let start = 0; start < conversations; start += CHUNK / 5) {
    const n = Math.min(CHUNK / 5, conversations - start);
    await pool.query(
      `INSERT INTO outbox (id, type, payload, actor_id, audience, created_at, dispatched_at)
       SELECT gen_random_uuid(), e.type, jsonb_build_object('conversationId', c.id, 'channel', 'chat',
           'queueId', c.q, 'agentId', c.a, 'customerId', NULL, 'at', c.t + e.k * interval '1 minute',
           'waitSeconds', 12, 'rating', 4), NULL, '{}'::jsonb, now(), now()
       FROM (
         SELECT gen_random_uuid() AS id, ($1::uuid[])[1 + (i % ${QUEUES})] AS q,
           ('00000000-0000-4000-8000-' || lpad(to_hex(i % 400), 12, '0'))::uuid AS a,
           now() - interval '30 days' + (i::float8 / $2) * interval '30 days' AS t
         FROM generate_series($3::bigint, $4::bigint) AS i
       ) c,
       (VALUES (0, 'conversation.queued'), (1, 'conversation.assigned'), (5, 'conversation.wrapped_up'),
               (6, 'conversation.closed'), (7, 'conversation.rated')) AS e(k, type)
       ORDER BY c.id, e.k`,
      [queueIds, conversations, start, start + n - 1],
    );
  }
}

async function fillMessages(pool: pg.Pool): Promise<void> {
  const texts = {
    'zh-CN': [
      '手机银行App更新后闪退，登录不了',
      '我的信用卡丢了，需要马上挂失',
      '跨行转账还没到账',
      '希望手机银行增加指纹登录',
      '现在房贷利率是多少',
    ],
    vi: [
      'Ứng dụng di động bị lỗi đăng nhập sau khi cập nhật',
      'Tôi bị mất thẻ tín dụng, cần khóa thẻ gấp',
      'Chuyển khoản liên ngân hàng chưa đến',
      'Lãi suất vay mua nhà hiện nay là bao nhiêu',
    ],
    en: [
      'The mobile app crashes after the update and I cannot sign in',
      'I lost my credit card and need to block it',
      'My interbank transfer has not arrived',
      'You should add fingerprint sign-in to the app',
    ],
  };
  const languages = Object.keys(texts) as (keyof typeof texts)[];
  for (let start = 0; start < MESSAGES; start += CHUNK) {
    const n = Math.min(CHUNK, MESSAGES - start);
    await pool.query(
      `INSERT INTO analytics_message_facts (message_id, conversation_id, at, language, body)
       SELECT gen_random_uuid(), gen_random_uuid(), now() - interval '14 days' + (i::float8 / $1) * interval '14 days',
         ($2::text[])[1 + i % 3],
         CASE 1 + i % 3 WHEN 1 THEN ($3::text[])[1 + (i / 3) % array_length($3::text[], 1)]
                        WHEN 2 THEN ($4::text[])[1 + (i / 3) % array_length($4::text[], 1)]
                        ELSE ($5::text[])[1 + (i / 3) % array_length($5::text[], 1)] END || ' #' || (i % 97)
       FROM generate_series($6::bigint, $7::bigint) AS i`,
      [MESSAGES, languages, texts['zh-CN'], texts.vi, texts.en, start, start + n - 1],
    );
  }
}

async function main() {
  printMachine();
  out(
    `facts ${FACTS.toLocaleString('en-US')}, events ${EVENTS.toLocaleString('en-US')}, messages ${MESSAGES.toLocaleString('en-US')}\n`,
  );
  const dataDir = await makeDataDir();
  let embedded: EmbeddedPostgres | null = null;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void embedded?.stop());
  const results: Record<string, unknown> = {};
  const checks: ReturnType<typeof check>[] = [];
  try {
    embedded = await startEmbeddedPostgres({ dataDir, log, database: 'bench' });
    const pool = createPool(embedded.url, 6);
    try {
      await migrateAll(pool, log);
      const queueIds: string[] = [];
      for (let q = 0; q < QUEUES; q++) {
        const id = systemIds.uuid();
        queueIds.push(id);
        await pool.query(
          `INSERT INTO routing_queues (id, code, name, channels) VALUES ($1, $2, $2, '{chat}')`,
          [id, `bench_q${q}`],
        );
      }
      const fill = await timed('filling contact facts', () => fillFacts(pool, queueIds));
      const indexes = await timed('building the indexes', async () => {
        for (const definition of fill.value) await pool.query(definition);
      });
      results.indexSeconds = round(indexes.seconds, 1);
      await timed('VACUUM ANALYZE', () => pool.query('VACUUM ANALYZE analytics_contact_facts'));
      const rollup = await timed('hourly rollups', () => refreshRollups(createDb(pool), null, null));
      await pool.query('VACUUM ANALYZE analytics_hourly');
      results.rollupSeconds = round(rollup.seconds, 1);
      const size = await pool.query(
        `SELECT pg_size_pretty(pg_total_relation_size('analytics_contact_facts')) AS total,
                pg_size_pretty(pg_relation_size('analytics_contact_facts')) AS heap`,
      );
      results.factsLoadSeconds = round(fill.seconds, 1);
      results.factsSize = size.rows[0];

      const db = createDb(pool);
      const events = createEvents({ db, pool, ids: systemIds, clock: systemClock, log });
      const audit = createAudit({ db, clock: systemClock, ids: systemIds });
      const routing = createRoutingService({ db, ids: systemIds, clock: systemClock, events, audit });
      const analytics = createAnalyticsService({
        db,
        clock: systemClock,
        events,
        routing,
        teamMembers: async () => [],
      });
      const actor: Actor = serviceActor({
        userId: systemIds.uuid(),
        username: 'bench',
        displayName: 'bench',
        roles: ['admin', 'quality_analyst'],
        permissions: new Map([...permissionsOf(['quality_analyst']), ['supervisor.view', 'all']]),
      });
      const now = Math.floor(Date.now() / 3_600_000) * 3_600_000;
      const thirty = {
        from: new Date(now - 30 * 86_400_000).toISOString(),
        to: new Date(now).toISOString(),
        granularity: 'day' as const,
        timeZone: 'Asia/Ho_Chi_Minh',
      };
      await analytics.wallboard(actor); // warm-up
      const wall = await runs(50, () => analytics.wallboard(actor, 'Asia/Ho_Chi_Minh'));
      await analytics.contactReport(actor, thirty);
      const reportAll = await runs(20, () => analytics.contactReport(actor, thirty));
      const reportQueue = await runs(20, () =>
        analytics.contactReport(actor, { ...thirty, queueId: queueIds[3] }),
      );
      const scorecards = await runs(10, () =>
        analytics.agentScorecards(actor, { ...thirty, queueId: queueIds[3] }),
      );
      const queries = [
        stats('wallboard', wall),
        stats('30-day report, all queues', reportAll),
        stats('30-day report, one queue', reportQueue),
      ];
      printTable(`Queries on ${FACTS.toLocaleString('en-US')} contact facts`, queries);
      results.queries = queries;
      out(`  (scorecards, one queue: p95 ${round(percentile(scorecards, 95), 1)} ms; no segments loaded)\n`);
      checks.push(check('wallboard refresh (p95)', percentile(wall, 95), 'max', 50, 'ms'));
      checks.push(check('30-day report, all queues (p95)', percentile(reportAll, 95), 'max', 300, 'ms'));
      checks.push(check('30-day report, one queue (p95)', percentile(reportQueue, 95), 'max', 300, 'ms'));

      await timed(`writing ${EVENTS.toLocaleString('en-US')} events to the outbox`, () =>
        fillEvents(pool, queueIds),
      );
      const rebuild = await timed('rebuilding the facts from them', () => analytics.rebuild());
      results.rebuild = { events: rebuild.value.events, seconds: round(rebuild.seconds, 1) };
      checks.push(
        check(`rebuild of ${EVENTS.toLocaleString('en-US')} events`, rebuild.seconds, 'max', 60, 's'),
      );

      await timed(`writing ${MESSAGES.toLocaleString('en-US')} customer messages`, () => fillMessages(pool));
      // Tokenising happens once per message, when the minutely job copies it (here: all at once).
      const tokens = await timed('tokenising them (once per message)', () => tokenisePending(db));
      results.tokenise = {
        messages: tokens.value,
        seconds: round(tokens.seconds, 1),
        perSecond: Math.round(tokens.value / tokens.seconds),
      };
      await pool.query('VACUUM ANALYZE analytics_message_facts');
      const hot = await timed('weekly hot topics', () => analytics.hotTopics(actor, {}));
      const rising = hot.value.items.filter((i) => i.rising).length;
      results.hotTopics = {
        messages: MESSAGES,
        seconds: round(hot.seconds, 1),
        items: hot.value.items.length,
        rising,
      };
      checks.push(
        check(`hot topics over ${MESSAGES.toLocaleString('en-US')} messages`, hot.seconds, 'max', 60, 's'),
      );
    } finally {
      await pool.end().catch(() => undefined);
    }
  } finally {
    await embedded?.stop();
    await removeDataDir(dataDir);
  }
  await assertNoPostgresLeft([dataDir]);
  printChecks(checks);
  const file = await writeResults('analytics', {
    facts: FACTS,
    events: EVENTS,
    messages: MESSAGES,
    ...results,
    checks,
  });
  out(`\nresults: ${file}\n`);
}

await main();
// pg keeps nothing open after the pools end; exit explicitly in case a timer lingers.
process.exit(0);
void pg;
