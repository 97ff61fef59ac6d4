import { sql } from 'drizzle-orm';
import type { HotTopics, HotTopicsQuery } from '#contracts/analytics.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { type Actor, requirePermission } from '../../platform/rbac.ts';
import { risingTest } from './analytics.kpi.ts';
import { isSuggestion, phrasesOf, withoutSubsumed } from './analytics.phrases.ts';

const WEEK_MS = 7 * 86_400_000;
/** Phrases with fewer uses this week are noise, whatever their change. */
const MIN_PHRASE_COUNT = 5;
const MAX_PHRASES = 30;
const EXAMPLES = 3;
const BATCH = 20_000;

interface Tally {
  thisWeek: number;
  lastWeek: number;
  examples: string[];
}

/**
 * The weekly hot-topic report (metrics.md § Hot topics): contact reasons and phrases of customer
 * messages, this week [weekStart, +7 d) against the week before, rising by the binomial test.
 * Without a week, the seven days up to now.
 */
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

    const reasons = await db.execute(sql`SELECT r.code, r.names,
        count(*) FILTER (WHERE f.offered_at >= ${weekStart})::int AS this_week,
        count(*) FILTER (WHERE f.offered_at < ${weekStart})::int AS last_week,
        (array_agg(f.conversation_id ORDER BY f.offered_at DESC) FILTER (WHERE f.offered_at >= ${weekStart}))[1:${EXAMPLES}] AS examples
      FROM analytics_contact_facts f JOIN contact_reasons r ON r.id = f.reason_id
      WHERE f.offered_at >= ${lastStart} AND f.offered_at < ${weekEnd}
      GROUP BY r.code, r.names`);

    // Phrases, per language of the conversation; only the chosen language's when one is asked for.
    const tallies = new Map<string, Map<string, Tally>>();
    const suggestions: HotTopics['suggestions'] = [];
    let cursor: { at: Date; id: string } = { at: lastStart, id: '00000000-0000-0000-0000-000000000000' };
    let done = 0;
    for (;;) {
      const batch =
        await db.execute(sql`SELECT message_id, conversation_id, at, language, body FROM analytics_message_facts
        WHERE (at, message_id) > (${cursor.at}, ${cursor.id}::uuid) AND at < ${weekEnd}
          ${q.language ? sql`AND language = ${q.language}` : sql``}
        ORDER BY at, message_id LIMIT ${BATCH}`);
      const rows = batch.rows as {
        message_id: string;
        conversation_id: string;
        at: string;
        language: string;
        body: string;
      }[];
      if (rows.length === 0) break;
      for (const m of rows) {
        const isThisWeek = new Date(m.at) >= weekStart;
        let byPhrase = tallies.get(m.language);
        if (!byPhrase) {
          byPhrase = new Map();
          tallies.set(m.language, byPhrase);
        }
        for (const phrase of phrasesOf(m.body, m.language)) {
          let t = byPhrase.get(phrase);
          if (!t) {
            t = { thisWeek: 0, lastWeek: 0, examples: [] };
            byPhrase.set(phrase, t);
          }
          if (isThisWeek) {
            t.thisWeek++;
            if (t.examples.length < EXAMPLES && !t.examples.includes(m.conversation_id))
              t.examples.push(m.conversation_id);
          } else t.lastWeek++;
        }
        if (isThisWeek && isSuggestion(m.body)) {
          suggestions.unshift({ conversationId: m.conversation_id, text: m.body });
          if (suggestions.length > 20) suggestions.pop();
        }
      }
      const last = rows.at(-1) as (typeof rows)[number];
      cursor = { at: new Date(last.at), id: last.message_id };
      done += rows.length;
      onProgress?.(done);
      if (rows.length < BATCH) break;
    }

    const items: HotTopics['items'] = [];
    for (const r of reasons.rows as {
      code: string;
      names: Record<string, string>;
      this_week: number;
      last_week: number;
      examples: string[] | null;
    }[]) {
      const test = risingTest(r.this_week, r.last_week);
      items.push({
        kind: 'reason',
        topic: r.names[language] ?? r.names.en ?? r.code,
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
    return {
      weekStart: weekStart.toISOString(),
      items: [...items, ...phrases.slice(0, MAX_PHRASES)].sort(order),
      suggestions: suggestions.slice(0, 10),
    };
  }

  return { hotTopics };
}

export type HotTopicsService = ReturnType<typeof createHotTopics>;
