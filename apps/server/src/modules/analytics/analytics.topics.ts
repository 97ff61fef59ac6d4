import { sql } from 'drizzle-orm';
import type { HotTopics, HotTopicsQuery } from '#contracts/analytics.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { type Actor, requirePermission } from '../../platform/rbac.ts';
import { risingTest } from './analytics.kpi.ts';
import { copyCustomerMessages, tokenisePending } from './analytics.message-copies.ts';
import { withoutSubsumed } from './analytics.phrases.ts';

const WEEK_MS = 7 * 86_400_000;
/** Phrases with fewer uses this week are noise, whatever their change. */
const MIN_PHRASE_COUNT = 5;
const MAX_PHRASES = 30;
const EXAMPLES = 3;

interface Tally {
  thisWeek: number;
  lastWeek: number;
  examples: string[];
}

/**
 * The weekly hot-topic report (metrics.md § Hot topics): contact reasons, case categories and phrases of customer
 * messages, this week [weekStart, +7 d) against the week before, rising by the binomial test.
 * Without a week, the seven days up to now.
 */
interface ReasonRow {
  id: string;
  code: string;
  names: Record<string, string>;
  this_week: number;
  last_week: number;
  examples: string[] | null;
}

export function createHotTopics(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  async function hotTopics(
    actor: Actor | null,
    q: HotTopicsQuery,
    onProgress?: (done: number) => void,
  ): Promise<HotTopics> {
    requirePermission(actor, 'reports.view');
    const weekStart = q.weekStart ? new Date(q.weekStart) : new Date(clock.now().getTime() - WEEK_MS);
    const lastStart = new Date(weekStart.getTime() - WEEK_MS);
    const weekEnd = new Date(weekStart.getTime() + WEEK_MS);
    const language = q.language ?? 'en';

    const reasons = await db.execute(sql`SELECT r.id, r.code, r.names,
        count(*) FILTER (WHERE f.offered_at >= ${weekStart})::int AS this_week,
        count(*) FILTER (WHERE f.offered_at < ${weekStart})::int AS last_week,
        (array_agg(f.conversation_id ORDER BY f.offered_at DESC) FILTER (WHERE f.offered_at >= ${weekStart}))[1:${EXAMPLES}] AS examples
      FROM analytics_contact_facts f JOIN contact_reasons r ON r.id = f.reason_id
      WHERE f.offered_at >= ${lastStart} AND f.offered_at < ${weekEnd}
      GROUP BY r.id, r.code, r.names`);

    // Case categories (the same contact-reason tree): cases opened this week on every channel,
    // the branch counter included, with the conversation behind each as its example when there is one.
    const categories = await db.execute(sql`SELECT r.id, r.code, r.names,
        count(*) FILTER (WHERE f.created_at >= ${weekStart})::int AS this_week,
        count(*) FILTER (WHERE f.created_at < ${weekStart})::int AS last_week,
        (array_agg(coalesce(f.conversation_id, f.case_id) ORDER BY f.created_at DESC)
          FILTER (WHERE f.created_at >= ${weekStart}))[1:${EXAMPLES}] AS examples
      FROM analytics_case_facts f JOIN contact_reasons r ON r.id = f.category_id
      WHERE f.created_at >= ${lastStart} AND f.created_at < ${weekEnd}
      GROUP BY r.id, r.code, r.names`);

    // Phrases, per language of the conversation; only the chosen language's when one is asked for.
    // Messages are tokenised once (analytics.message-copies.ts): bring the copies up to date, then count.
    await copyCustomerMessages(db);
    await tokenisePending(db, onProgress);
    const inLanguage = q.language ? sql`AND m.language = ${q.language}` : sql``;
    const counted = await db.execute(sql`SELECT m.language, phrase,
        count(*) FILTER (WHERE m.at >= ${weekStart})::int AS this_week,
        count(*) FILTER (WHERE m.at < ${weekStart})::int AS last_week
      FROM analytics_message_facts m CROSS JOIN LATERAL unnest(m.phrases) AS phrase
      WHERE m.at >= ${lastStart} AND m.at < ${weekEnd} ${inLanguage}
      GROUP BY m.language, phrase
      HAVING count(*) FILTER (WHERE m.at >= ${weekStart}) >= ${MIN_PHRASE_COUNT}`);
    const tallies = new Map<string, Map<string, Tally>>();
    for (const r of counted.rows as {
      language: string;
      phrase: string;
      this_week: number;
      last_week: number;
    }[]) {
      let byPhrase = tallies.get(r.language);
      if (!byPhrase) {
        byPhrase = new Map();
        tallies.set(r.language, byPhrase);
      }
      byPhrase.set(r.phrase, { thisWeek: r.this_week, lastWeek: r.last_week, examples: [] });
    }
    const suggested = await db.execute(sql`SELECT m.conversation_id, m.body FROM analytics_message_facts m
      WHERE m.suggestion AND m.at >= ${weekStart} AND m.at < ${weekEnd} ${inLanguage}
      ORDER BY m.at DESC, m.message_id DESC LIMIT 10`);
    const suggestions: HotTopics['suggestions'] = (
      suggested.rows as { conversation_id: string; body: string }[]
    ).map((r) => ({ conversationId: r.conversation_id, text: r.body }));

    const items: HotTopics['items'] = [];
    const topics = [
      ...(reasons.rows as unknown as ReasonRow[]).map((r) => ({ ...r, kind: 'reason' as const })),
      ...(categories.rows as unknown as ReasonRow[]).map((r) => ({ ...r, kind: 'category' as const })),
    ];
    for (const r of topics) {
      const test = risingTest(r.this_week, r.last_week);
      items.push({
        kind: r.kind,
        topic: r.names[language] ?? r.names.en ?? r.code,
        reasonId: r.id,
        language: null,
        thisWeek: r.this_week,
        lastWeek: r.last_week,
        ...test,
        examples: r.examples ?? [],
      });
    }
    const phrases: HotTopics['items'] = [];
    for (const [lang, byPhrase] of tallies) {
      const frequent = new Map(
        [...byPhrase].filter(([, t]) => t.thisWeek >= MIN_PHRASE_COUNT).map(([p, t]) => [p, t.thisWeek]),
      );
      for (const phrase of withoutSubsumed(frequent).keys()) {
        const t = byPhrase.get(phrase) as Tally;
        phrases.push({
          kind: 'phrase',
          topic: phrase,
          language: lang,
          thisWeek: t.thisWeek,
          lastWeek: t.lastWeek,
          ...risingTest(t.thisWeek, t.lastWeek),
          examples: t.examples,
        });
      }
    }
    const order = (a: HotTopics['items'][number], b: HotTopics['items'][number]) =>
      Number(b.rising) - Number(a.rising) || b.thisWeek - a.thisWeek;
    phrases.sort(order);
    items.sort(order);
    const shown = phrases.slice(0, MAX_PHRASES);
    await addPhraseExamples(shown, weekStart, weekEnd);
    return {
      weekStart: weekStart.toISOString(),
      items: [...items, ...shown].sort(order),
      suggestions,
    };
  }

  /** The latest conversations of this week using each shown phrase (at most EXAMPLES, distinct). */
  async function addPhraseExamples(shown: HotTopics['items'], weekStart: Date, weekEnd: Date): Promise<void> {
    if (shown.length === 0) return;
    const wanted = sql`ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(shown.map((i) => i.topic))}::jsonb))`;
    const found = await db.execute(sql`SELECT m.language, phrase,
        (array_agg(m.conversation_id ORDER BY m.at DESC))[1:${EXAMPLES * 4}] AS examples
      FROM analytics_message_facts m CROSS JOIN LATERAL unnest(m.phrases) AS phrase
      WHERE m.at >= ${weekStart} AND m.at < ${weekEnd} AND m.phrases && ${wanted} AND phrase = ANY(${wanted})
      GROUP BY m.language, phrase`);
    const byKey = new Map(
      (found.rows as { language: string; phrase: string; examples: string[] }[]).map((r) => [
        `${r.language}\u0000${r.phrase}`,
        [...new Set(r.examples)].slice(0, EXAMPLES),
      ]),
    );
    for (const item of shown) item.examples = byKey.get(`${item.language}\u0000${item.topic}`) ?? [];
  }

  return { hotTopics };
}

export type HotTopicsService = ReturnType<typeof createHotTopics>;
