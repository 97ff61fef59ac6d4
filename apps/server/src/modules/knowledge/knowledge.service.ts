import { diffWords } from 'diff';
import { sql } from 'drizzle-orm';
import type { Audit } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db, DbOrTx, Tx } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Events } from '../../platform/events.ts';
import { isLocale, type Locale } from '../../platform/i18n.ts';
import type { Ids } from '../../platform/ids.ts';
import { createLogger, type Logger } from '../../platform/logger.ts';
import { type Actor, requirePermission } from '../../platform/rbac.ts';
import { KNOWLEDGE_EVENTS, type ReviewOverduePayload } from './knowledge.events.ts';
import { sanitizeBody } from './knowledge.html.ts';
import { createKnowledgeIndex } from './knowledge.index.ts';
import type { ArticleStatus, KnowledgeAudience, Visibility } from './knowledge.schema.ts';
import {
  HAN,
  hasPhrase,
  highlight,
  htmlToText,
  htmlToTextCached,
  lexeme,
  markedForms,
  softTerms,
  termSequence,
  terms,
} from './knowledge.text.ts';

export interface ArticleInput {
  locale: Locale;
  /** Another variant's id: the new article is its translation (same group). */
  translationOf?: string | null;
  categoryId?: string | null;
  title: string;
  bodyHtml: string;
  /** The public answer an agent inserts into a reply (plain text); defaults to the body's text. */
  answer?: string;
  tags?: string[];
  products?: string[];
  visibility?: Visibility;
  audience?: KnowledgeAudience[];
  ownerId?: string | null;
  reviewBy?: string | null;
}

export interface SearchInput {
  q: string;
  locale?: Locale;
  categoryId?: string;
  product?: string;
  visibility?: Visibility;
  limit?: number;
  /** Where the search was typed: `kb` (knowledge page), `desk`, `help`. */
  source?: string;
  /** Suggestions are not logged as searches (they would read as content gaps). */
  isSuggestion?: boolean;
  /**
   * `sql` ranks in PostgreSQL even when the in-process index is built (the bench and the tests
   * compare the two paths; the API never sets it).
   */
  engine?: 'sql';
}

export interface SearchHit {
  id: string;
  groupId: string;
  locale: string;
  title: string;
  titleHtml: string;
  snippet: string;
  answer: string;
  categoryId: string | null;
  visibility: Visibility;
  score: number;
}

interface ArticleRow {
  id: string;
  group_id: string;
  locale: string;
  category_id: string | null;
  status: ArticleStatus;
  visibility: Visibility;
  audience: string[];
  products: string[];
  owner_id: string | null;
  review_by: Date | string | null;
  latest_version: number;
  published_version: number | null;
  publish_at: Date | string | null;
  published_at: Date | string | null;
  title: string;
  body_html: string;
  answer: string;
  tags: string[];
  views: number;
  helpful: number;
  not_helpful: number;
  created_at: Date | string;
  updated_at: Date | string;
}

/** What a search shows of an article (and re-checks: visibility, audience). */
interface HitRow {
  id: string;
  group_id: string;
  locale: string;
  title: string;
  body_html: string;
  answer: string;
  category_id: string | null;
  visibility: Visibility;
  audience: string[];
}

interface VersionRow {
  article_id: string;
  version: number;
  state: string;
  title: string;
  body_html: string;
  answer: string;
  tags: string[];
  author_id: string | null;
  approved_by: string | null;
  note: string | null;
  created_at: Date | string;
  published_at: Date | string | null;
}

/** drizzle's execute() gives timestamps as text, node-pg's query() as Date: both become ISO text. */
const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());
const day = (value: Date | string | null) =>
  value === null ? null : typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);

/** Most query terms a search uses: a 5,000-character paste costs no more than a sentence. */
const MAX_QUERY_TERMS = 12;
/** Soft words of a query (`softTerms`) kept at most. */
const MAX_SOFT_TERMS = 4;
/** Most candidates one search ranks: title/tag matches first, then any matches (see `search`). */
const TITLE_CANDIDATES = 100;
const BODY_CANDIDATES = 100;
/** Fewer all-terms results than this (or than the limit) and the search fills up with any-term ones. */
const MIN_STRICT_RESULTS = 5;
/** The search log is written at most this long after a search, in one INSERT of up to a batch. */
const SEARCH_LOG_FLUSH_MS = 50;
const SEARCH_LOG_BATCH = 500;
/** Synonym groups are read at most this often per process (editors' changes apply within it). */
const SYNONYMS_TTL_MS = 2000;
/**
 * Analysed queries remembered per process (terms and written forms; never results): desks and the
 * help center ask the same questions again and again, and analysis (jieba, folding, stemming) was
 * a good share of a search's CPU. Queries longer than ANALYSED_QUERY_CHARS are analysed each time.
 */
const ANALYSED_QUERIES = 5000;
const ANALYSED_QUERY_CHARS = 300;
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

/** Which audiences a staff member reads for (an editor reads all). */
function audiencesOf(actor: Actor): KnowledgeAudience[] {
  const out = new Set<KnowledgeAudience>();
  for (const role of actor.roles) {
    if (
      role === 'agent' ||
      role === 'supervisor' ||
      role === 'complaints_officer' ||
      role === 'quality_analyst'
    )
      out.add('agents');
    if (role === 'branch_teller' || role === 'lobby_manager') out.add('branches');
    if (role === 'back_office') out.add('back_office');
  }
  return [...out];
}

/** A tsvector literal with weights: A title, B tags, C body and answer (positions capped per term). */
export function searchDocument(input: { title: string; tags: string[]; bodyText: string; answer: string }) {
  const positions = new Map<string, string[]>();
  let position = 1;
  const add = (text: string, weight: 'A' | 'B' | 'C') => {
    for (const term of terms(text, { isDocument: true })) {
      if (term.length > 200) continue;
      const list = positions.get(term) ?? [];
      if (list.length < 32) list.push(`${Math.min(position, 16383)}${weight}`);
      positions.set(term, list);
      position++;
    }
  };
  add(input.title, 'A');
  add(input.tags.join(' '), 'B');
  add(`${input.bodyText}\n${input.answer}`, 'C');
  return {
    literal: [...positions].map(([term, list]) => `${lexeme(term)}:${list.join(',')}`).join(' '),
    terms: [...positions.keys()],
  };
}

export function createKnowledgeService(deps: {
  db: Db;
  ids: Ids;
  clock: Clock;
  events: Events;
  audit: Audit;
  log?: Logger;
  /** How often each process's index reconciles with the database (ms; 0 = only when asked). */
  indexReconcileMs?: number;
}) {
  const { db, ids, clock, events, audit } = deps;
  const pool = db.$client;
  const log = deps.log ?? createLogger({ level: 'silent' });
  // The ranking index of this process (decision 0013); searches use PostgreSQL until it is built.
  const index = createKnowledgeIndex({ pool, clock, log, reconcileMs: deps.indexReconcileMs });
  let isIndexStarted = false;
  let unsubscribe: (() => void) | null = null;
  /** After this process's own commit: the index has the change before the call returns. */
  const syncIndex = (id: string) => (isIndexStarted ? index.refresh([id]) : Promise.resolve());
  const INDEXED_EVENTS = new Set<string>([
    KNOWLEDGE_EVENTS.published,
    KNOWLEDGE_EVENTS.archived,
    KNOWLEDGE_EVENTS.changed,
  ]);

  /**
   * Builds this process's index in the background and keeps it in step with every process's
   * changes through the event follower (each process sees every event). Searches use it once built.
   */
  function startIndex(): Promise<void> {
    if (!isIndexStarted) {
      isIndexStarted = true;
      unsubscribe = events.subscribe((batch) => {
        const changed = batch
          .filter((e) => INDEXED_EVENTS.has(e.type))
          .map((e) => (e.payload as { articleId: string }).articleId);
        if (changed.length > 0) void index.refresh(changed);
      });
    }
    return index.start();
  }
  /** Stops the index and writes the search log still held. */
  async function stopIndex() {
    unsubscribe?.();
    unsubscribe = null;
    await index.stop();
    await flushSearchLog();
  }

  const view = (r: ArticleRow) => ({
    id: r.id,
    groupId: r.group_id,
    locale: r.locale,
    categoryId: r.category_id,
    status: r.status,
    visibility: r.visibility,
    audience: r.audience,
    products: r.products,
    ownerId: r.owner_id,
    reviewBy: day(r.review_by),
    isReviewOverdue:
      r.review_by !== null && (day(r.review_by) as string) < clock.now().toISOString().slice(0, 10),
    latestVersion: r.latest_version,
    publishedVersion: r.published_version,
    hasPendingRevision: r.published_version !== null && r.latest_version > r.published_version,
    publishAt: iso(r.publish_at),
    publishedAt: iso(r.published_at),
    title: r.title,
    bodyHtml: r.body_html,
    answer: r.answer,
    tags: r.tags,
    views: r.views,
    helpful: r.helpful,
    notHelpful: r.not_helpful,
    updatedAt: iso(r.updated_at) as string,
  });
  const versionView = (v: VersionRow) => ({
    version: v.version,
    state: v.state,
    title: v.title,
    bodyHtml: v.body_html,
    answer: v.answer,
    tags: v.tags,
    authorId: v.author_id,
    approvedBy: v.approved_by,
    note: v.note,
    createdAt: iso(v.created_at) as string,
    publishedAt: iso(v.published_at),
  });

  async function findRow(tx: DbOrTx, id: string, lock = false): Promise<ArticleRow | null> {
    const result = await tx.execute(
      lock
        ? sql`SELECT * FROM knowledge_articles WHERE id = ${id} FOR UPDATE`
        : sql`SELECT * FROM knowledge_articles WHERE id = ${id}`,
    );
    return (result.rows[0] as unknown as ArticleRow | undefined) ?? null;
  }
  async function getRow(tx: DbOrTx, id: string, lock = false): Promise<ArticleRow> {
    const row = await findRow(tx, id, lock);
    if (!row) throw notFound('KNOWLEDGE_ARTICLE_NOT_FOUND');
    return row;
  }
  async function latestVersionRow(tx: DbOrTx, row: ArticleRow): Promise<VersionRow> {
    const result = await tx.execute(
      sql`SELECT * FROM knowledge_versions WHERE article_id = ${row.id} AND version = ${row.latest_version}`,
    );
    return result.rows[0] as unknown as VersionRow;
  }

  /** Whether `actor` (null = the public) may read this variant as it is live. */
  function canRead(actor: Actor | null, row: ArticleRow): boolean {
    if (!actor) return row.status === 'published' && row.visibility === 'public';
    if (actor.permissions.has('knowledge.edit')) return true;
    if (!actor.permissions.has('knowledge.read')) return false;
    if (row.status !== 'published') return false;
    if (row.audience.length === 0) return true;
    return audiencesOf(actor).some((a) => row.audience.includes(a));
  }

  function record(tx: Tx, actor: Actor | null, action: string, targetId: string, details = {}) {
    return audit.record(tx, {
      actorId: actor?.userId ?? null,
      actorName: actor?.username ?? 'system',
      action,
      targetType: 'knowledge_article',
      targetId,
      ip: actor?.ip ?? null,
      details,
    });
  }

  // ——— categories ———

  async function listCategories(actor: Actor | null) {
    if (actor) requirePermission(actor, 'knowledge.read');
    const result = await pool.query(
      `SELECT c.id, c.parent_id, c.position, c.names,
         (SELECT count(*)::int FROM knowledge_articles a WHERE a.category_id = c.id AND a.status = 'published'
            AND ($1::boolean OR a.visibility = 'public')) AS article_count
       FROM knowledge_categories c ORDER BY c.position, c.created_at`,
      [actor !== null],
    );
    return result.rows.map((r) => ({
      id: r.id as string,
      parentId: r.parent_id as string | null,
      position: r.position as number,
      names: r.names as Record<Locale, string>,
      articleCount: r.article_count as number,
    }));
  }

  async function createCategory(
    actor: Actor | null,
    input: { parentId?: string | null; position?: number; names: Record<string, string> },
  ) {
    if (actor) requirePermission(actor, 'knowledge.edit');
    const id = ids.uuid();
    await db.transaction(async (tx) => {
      if (input.parentId) {
        const parent = await tx.execute(sql`SELECT 1 FROM knowledge_categories WHERE id = ${input.parentId}`);
        if (parent.rows.length === 0) throw notFound('KNOWLEDGE_CATEGORY_NOT_FOUND');
      }
      await tx.execute(sql`INSERT INTO knowledge_categories (id, parent_id, position, names, created_at)
        VALUES (${id}, ${input.parentId ?? null}, ${input.position ?? 0}, ${JSON.stringify(input.names)}::jsonb, ${clock.now()})`);
      if (actor)
        await audit.record(tx, {
          actorId: actor.userId,
          actorName: actor.username,
          action: 'knowledge.category_created',
          targetType: 'knowledge_category',
          targetId: id,
          ip: actor.ip,
          details: { parentId: input.parentId ?? null },
        });
    });
    // Other processes take the new tree at their next reconciliation (the category filter only).
    if (isIndexStarted) await index.loadCategories();
    return id;
  }

  async function updateCategory(
    actor: Actor,
    id: string,
    input: { parentId?: string | null; position?: number; names?: Record<string, string> },
  ) {
    requirePermission(actor, 'knowledge.edit');
    await db.transaction(async (tx) => {
      const found = await tx.execute(sql`SELECT 1 FROM knowledge_categories WHERE id = ${id} FOR UPDATE`);
      if (found.rows.length === 0) throw notFound('KNOWLEDGE_CATEGORY_NOT_FOUND');
      if (input.parentId) {
        // The new parent must exist and must not be the category or one of its descendants.
        const below =
          await tx.execute(sql`WITH RECURSIVE d AS (SELECT id FROM knowledge_categories WHERE id = ${id}
            UNION ALL SELECT c.id FROM knowledge_categories c JOIN d ON c.parent_id = d.id)
          SELECT (SELECT count(*) FROM knowledge_categories WHERE id = ${input.parentId})::int AS found,
            (SELECT count(*) FROM d WHERE d.id = ${input.parentId})::int AS cycle`);
        const r = below.rows[0] as { found: number; cycle: number };
        if (!r.found) throw notFound('KNOWLEDGE_CATEGORY_NOT_FOUND');
        if (r.cycle) throw new AppError('KNOWLEDGE_CATEGORY_CYCLE', 400);
      }
      if (input.parentId !== undefined)
        await tx.execute(sql`UPDATE knowledge_categories SET parent_id = ${input.parentId} WHERE id = ${id}`);
      if (input.position !== undefined)
        await tx.execute(sql`UPDATE knowledge_categories SET position = ${input.position} WHERE id = ${id}`);
      if (input.names !== undefined)
        await tx.execute(
          sql`UPDATE knowledge_categories SET names = ${JSON.stringify(input.names)}::jsonb WHERE id = ${id}`,
        );
      await audit.record(tx, {
        actorId: actor.userId,
        actorName: actor.username,
        action: 'knowledge.category_updated',
        targetType: 'knowledge_category',
        targetId: id,
        ip: actor.ip,
        details: { changed: Object.keys(input) },
      });
    });
    if (isIndexStarted) await index.loadCategories();
  }

  // ——— articles ———

  async function createArticle(actor: Actor | null, input: ArticleInput) {
    if (actor) requirePermission(actor, 'knowledge.edit');
    if (!input.title.trim()) throw new AppError('KNOWLEDGE_EMPTY_TITLE', 400);
    const id = ids.uuid();
    const now = clock.now();
    const body = sanitizeBody(input.bodyHtml);
    const answer = (input.answer ?? '').trim() || htmlToText(body).slice(0, 2000);
    await db.transaction(async (tx) => {
      let groupId = id;
      let categoryId = input.categoryId ?? null;
      if (input.translationOf) {
        const source = await getRow(tx, input.translationOf);
        groupId = source.group_id;
        categoryId = input.categoryId ?? source.category_id;
        const taken = await tx.execute(
          sql`SELECT 1 FROM knowledge_articles WHERE group_id = ${groupId} AND locale = ${input.locale}`,
        );
        if (taken.rows.length)
          throw new AppError('KNOWLEDGE_TRANSLATION_EXISTS', 409, undefined, { locale: input.locale });
      }
      if (categoryId) {
        const category = await tx.execute(sql`SELECT 1 FROM knowledge_categories WHERE id = ${categoryId}`);
        if (category.rows.length === 0) throw notFound('KNOWLEDGE_CATEGORY_NOT_FOUND');
      }
      await tx.execute(sql`INSERT INTO knowledge_articles (id, group_id, locale, category_id, status, visibility,
          audience, products, owner_id, review_by, latest_version, title, body_html, answer, tags, created_at, updated_at)
        VALUES (${id}, ${groupId}, ${input.locale}, ${categoryId}, 'draft', ${input.visibility ?? 'internal'},
          ${pgArray(input.audience ?? [])}::text[], ${pgArray(input.products ?? [])}::text[],
          ${input.ownerId ?? actor?.userId ?? null}, ${input.reviewBy ?? null}, 1, ${input.title.trim()}, ${body},
          ${answer}, ${pgArray(input.tags ?? [])}::text[], ${now}, ${now})`);
      await tx.execute(sql`INSERT INTO knowledge_versions (article_id, version, state, title, body_html, answer, tags,
          author_id, created_at)
        VALUES (${id}, 1, 'draft', ${input.title.trim()}, ${body}, ${answer}, ${pgArray(input.tags ?? [])}::text[],
          ${actor?.userId ?? null}, ${now})`);
      if (actor) await record(tx, actor, 'knowledge.article_created', id, { locale: input.locale });
    });
    return getArticle(null, id, { asEditor: true });
  }

  async function getArticle(actor: Actor | null, id: string, options: { asEditor?: boolean } = {}) {
    const row = await getRow(db, id);
    if (!options.asEditor && !canRead(actor, row)) {
      if (actor && !actor.permissions.has('knowledge.read')) requirePermission(actor, 'knowledge.read');
      throw notFound('KNOWLEDGE_ARTICLE_NOT_FOUND');
    }
    const translations = await pool.query(
      `SELECT id, locale, title, status, visibility FROM knowledge_articles WHERE group_id = $1 AND id <> $2 ORDER BY locale`,
      [row.group_id, row.id],
    );
    const isEditor = options.asEditor || actor?.permissions.has('knowledge.edit');
    const draft =
      isEditor && row.latest_version !== row.published_version ? await latestVersionRow(db, row) : null;
    return {
      ...view(row),
      translations: translations.rows
        .filter((t) => isEditor || (t.status === 'published' && (actor || t.visibility === 'public')))
        .map((t) => ({ id: t.id as string, locale: t.locale as string, title: t.title as string })),
      draft: draft ? versionView(draft) : null,
    };
  }

  /** Published public articles of one locale in a category (the help center's category page). */
  async function listPublicArticles(locale: Locale, categoryId: string) {
    const result = await pool.query(
      `SELECT id, title FROM knowledge_articles WHERE status = 'published' AND visibility = 'public'
         AND locale = $1 AND category_id = $2 ORDER BY title LIMIT 200`,
      [locale, categoryId],
    );
    return result.rows.map((r) => ({ id: r.id as string, title: r.title as string }));
  }

  /**
   * A category's published articles for a reader (the menu agents browse): by title, in one
   * language or all, only those for the reader's audience (editors see every audience).
   */
  async function categoryArticles(actor: Actor, categoryId: string, input: { locale?: Locale } = {}) {
    requirePermission(actor, 'knowledge.read');
    const audiences = actor.permissions.has('knowledge.edit') ? null : audiencesOf(actor);
    const result = await pool.query(
      // The category joined first: a row (of nulls) for a category without articles, none for an unknown one.
      `SELECT a.id, a.group_id, a.locale, a.title, a.visibility, a.published_at
       FROM knowledge_categories c
       LEFT JOIN knowledge_articles a ON a.category_id = c.id AND a.status = 'published'
         AND ($2::text IS NULL OR a.locale = $2)
         AND ($3::text[] IS NULL OR cardinality(a.audience) = 0 OR a.audience && $3::text[])
       WHERE c.id = $1
       ORDER BY a.title, a.locale LIMIT 500`,
      [categoryId, input.locale ?? null, audiences],
    );
    if (result.rows.length === 0) throw notFound('KNOWLEDGE_CATEGORY_NOT_FOUND');
    return result.rows
      .filter((r) => r.id !== null)
      .map((r) => ({
        id: r.id as string,
        groupId: r.group_id as string,
        locale: r.locale as string,
        title: r.title as string,
        visibility: r.visibility as string,
        publishedAt: r.published_at ? (r.published_at as Date).toISOString() : null,
      }));
  }

  async function listArticles(
    actor: Actor,
    filters: { status?: ArticleStatus; locale?: Locale; categoryId?: string; isReviewOverdue?: boolean } = {},
  ) {
    requirePermission(actor, 'knowledge.edit');
    const result = await pool.query(
      `SELECT * FROM knowledge_articles
       WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR locale = $2)
         AND ($3::uuid IS NULL OR category_id = $3)
         AND (NOT $4::boolean OR review_by < $5::date)
       ORDER BY updated_at DESC LIMIT 500`,
      [
        filters.status ?? null,
        filters.locale ?? null,
        filters.categoryId ?? null,
        filters.isReviewOverdue ?? false,
        clock.now().toISOString().slice(0, 10),
      ],
    );
    return (result.rows as ArticleRow[]).map(view);
  }

  /**
   * Saves a change. Text (title, body, answer, tags) goes into the open draft revision, or a new one
   * when the latest was already submitted or published — the live text changes only on approval.
   * Metadata (category, visibility, audience, products, owner, review date) applies at once.
   */
  async function updateArticle(
    actor: Actor,
    id: string,
    input: Partial<Omit<ArticleInput, 'locale' | 'translationOf'>>,
  ) {
    requirePermission(actor, 'knowledge.edit');
    if (input.title !== undefined && !input.title.trim()) throw new AppError('KNOWLEDGE_EMPTY_TITLE', 400);
    const now = clock.now();
    await db.transaction(async (tx) => {
      const row = await getRow(tx, id, true);
      if (input.categoryId) {
        const category = await tx.execute(
          sql`SELECT 1 FROM knowledge_categories WHERE id = ${input.categoryId}`,
        );
        if (category.rows.length === 0) throw notFound('KNOWLEDGE_CATEGORY_NOT_FOUND');
      }
      await tx.execute(sql`UPDATE knowledge_articles SET
          category_id = ${input.categoryId === undefined ? row.category_id : input.categoryId},
          visibility = ${input.visibility ?? row.visibility},
          audience = ${pgArray(input.audience ?? row.audience)}::text[],
          products = ${pgArray(input.products ?? row.products)}::text[],
          owner_id = ${input.ownerId === undefined ? row.owner_id : input.ownerId},
          review_by = ${input.reviewBy === undefined ? row.review_by : input.reviewBy},
          updated_at = ${now}
        WHERE id = ${id}`);
      const touchesText =
        input.title !== undefined ||
        input.bodyHtml !== undefined ||
        input.answer !== undefined ||
        input.tags !== undefined;
      if (touchesText) {
        const latest = await latestVersionRow(tx, row);
        const body = input.bodyHtml !== undefined ? sanitizeBody(input.bodyHtml) : latest.body_html;
        const title = input.title?.trim() ?? latest.title;
        const answer =
          input.answer !== undefined ? input.answer.trim() || htmlToText(body).slice(0, 2000) : latest.answer;
        const tags = input.tags ?? latest.tags;
        if (latest.state === 'draft') {
          await tx.execute(sql`UPDATE knowledge_versions SET title = ${title}, body_html = ${body}, answer = ${answer},
              tags = ${pgArray(tags)}::text[], author_id = ${actor.userId}, created_at = ${now}, note = NULL
            WHERE article_id = ${id} AND version = ${latest.version}`);
        } else {
          await tx.execute(sql`INSERT INTO knowledge_versions (article_id, version, state, title, body_html, answer,
              tags, author_id, created_at)
            VALUES (${id}, ${row.latest_version + 1}, 'draft', ${title}, ${body}, ${answer}, ${pgArray(tags)}::text[],
              ${actor.userId}, ${now})`);
          await tx.execute(sql`UPDATE knowledge_articles SET latest_version = latest_version + 1,
              status = CASE WHEN published_version IS NULL THEN 'draft' ELSE status END, publish_at = NULL
            WHERE id = ${id}`);
        }
        // A draft never published has its working text on the row too (the editor's list shows it).
        if (row.published_version === null)
          await tx.execute(sql`UPDATE knowledge_articles SET title = ${title}, body_html = ${body}, answer = ${answer},
              tags = ${pgArray(tags)}::text[], status = 'draft' WHERE id = ${id}`);
      }
      const touchesIndex =
        input.categoryId !== undefined ||
        input.visibility !== undefined ||
        input.audience !== undefined ||
        input.products !== undefined;
      // Metadata of a live article applies at once: every process's index takes it (internal event).
      if (row.status === 'published' && touchesIndex)
        await events.publish(tx, {
          type: KNOWLEDGE_EVENTS.changed,
          actorId: actor.userId,
          payload: eventPayload(row, row.title, row.published_version ?? row.latest_version),
        });
      await record(tx, actor, 'knowledge.article_updated', id, { changed: Object.keys(input) });
    });
    await syncIndex(id);
    return getArticle(actor, id, { asEditor: true });
  }

  async function submitForReview(actor: Actor, id: string) {
    requirePermission(actor, 'knowledge.edit');
    await db.transaction(async (tx) => {
      const row = await getRow(tx, id, true);
      const latest = await latestVersionRow(tx, row);
      if (latest.state !== 'draft')
        throw new AppError('KNOWLEDGE_INVALID_STATE', 409, undefined, { status: latest.state });
      await tx.execute(sql`UPDATE knowledge_versions SET state = 'in_review'
        WHERE article_id = ${id} AND version = ${latest.version}`);
      if (row.published_version === null)
        await tx.execute(
          sql`UPDATE knowledge_articles SET status = 'in_review', updated_at = ${clock.now()} WHERE id = ${id}`,
        );
      await events.publish(tx, {
        type: KNOWLEDGE_EVENTS.submitted,
        actorId: actor.userId,
        payload: eventPayload(row, latest.title, latest.version),
        audience: { permissions: ['knowledge.publish'] },
      });
      await record(tx, actor, 'knowledge.article_submitted', id, { version: latest.version });
    });
    return getArticle(actor, id, { asEditor: true });
  }

  const eventPayload = (row: ArticleRow, title: string, version: number) => ({
    articleId: row.id,
    groupId: row.group_id,
    locale: row.locale,
    title,
    version,
    categoryId: row.category_id,
  });

  /**
   * Four-eyes approval: a `knowledge.publish` holder who did not write the revision approves it.
   * It goes live at once, or at `publishAt` (the minutely job publishes it then).
   */
  async function approve(actor: Actor, id: string, input: { publishAt?: string | null } = {}) {
    requirePermission(actor, 'knowledge.publish');
    const publishAt = input.publishAt ? new Date(input.publishAt) : null;
    await db.transaction(async (tx) => {
      const row = await getRow(tx, id, true);
      const latest = await latestVersionRow(tx, row);
      if (latest.state !== 'in_review')
        throw new AppError('KNOWLEDGE_INVALID_STATE', 409, undefined, { status: latest.state });
      if (latest.author_id === actor.userId) throw new AppError('KNOWLEDGE_OWN_APPROVAL', 403);
      await tx.execute(sql`UPDATE knowledge_versions SET approved_by = ${actor.userId},
          state = ${publishAt && publishAt > clock.now() ? 'scheduled' : 'approved'}
        WHERE article_id = ${id} AND version = ${latest.version}`);
      await record(tx, actor, 'knowledge.article_approved', id, {
        version: latest.version,
        publishAt: publishAt?.toISOString() ?? null,
      });
      if (publishAt && publishAt > clock.now()) {
        await tx.execute(sql`UPDATE knowledge_articles SET publish_at = ${publishAt} WHERE id = ${id}`);
        await events.publish(tx, {
          type: KNOWLEDGE_EVENTS.approved,
          actorId: actor.userId,
          payload: { ...eventPayload(row, latest.title, latest.version), publishAt: publishAt.toISOString() },
          audience: { permissions: ['knowledge.edit'] },
        });
      } else {
        await publishVersion(tx, row, latest.version, actor.userId);
      }
    });
    await syncIndex(id);
    return getArticle(actor, id, { asEditor: true });
  }

  async function reject(actor: Actor, id: string, note: string) {
    requirePermission(actor, 'knowledge.publish');
    await db.transaction(async (tx) => {
      const row = await getRow(tx, id, true);
      const latest = await latestVersionRow(tx, row);
      if (latest.state !== 'in_review')
        throw new AppError('KNOWLEDGE_INVALID_STATE', 409, undefined, { status: latest.state });
      await tx.execute(sql`UPDATE knowledge_versions SET state = 'draft', note = ${note}
        WHERE article_id = ${id} AND version = ${latest.version}`);
      if (row.published_version === null)
        await tx.execute(sql`UPDATE knowledge_articles SET status = 'draft' WHERE id = ${id}`);
      await record(tx, actor, 'knowledge.article_rejected', id, { version: latest.version });
    });
    return getArticle(actor, id, { asEditor: true });
  }

  /** Makes `version` the live text: row, search document, lexicon, history, event — one transaction. */
  async function publishVersion(tx: Tx, row: ArticleRow, version: number, approverId: string | null) {
    const now = clock.now();
    const v = (
      await tx.execute(
        sql`SELECT * FROM knowledge_versions WHERE article_id = ${row.id} AND version = ${version}`,
      )
    ).rows[0] as unknown as VersionRow;
    const doc = searchDocument({
      title: v.title,
      tags: v.tags,
      bodyText: htmlToText(v.body_html),
      answer: v.answer,
    });
    await tx.execute(sql`UPDATE knowledge_versions SET state = 'superseded'
      WHERE article_id = ${row.id} AND state = 'published'`);
    await tx.execute(sql`UPDATE knowledge_versions SET state = 'published', published_at = ${now},
        approved_by = COALESCE(approved_by, ${approverId})
      WHERE article_id = ${row.id} AND version = ${version}`);
    await tx.execute(sql`UPDATE knowledge_articles SET status = 'published', published_version = ${version},
        publish_at = NULL, published_at = ${now}, updated_at = ${now}, title = ${v.title}, body_html = ${v.body_html},
        answer = ${v.answer}, tags = ${pgArray(v.tags)}::text[], search_doc = ${doc.literal}::tsvector
      WHERE id = ${row.id}`);
    await tx.execute(sql`INSERT INTO knowledge_lexemes (term)
      SELECT unnest(${pgArray(doc.terms.filter((t) => /^[a-z]{4,}$/.test(t)))}::text[]) ON CONFLICT DO NOTHING`);
    await events.publish(tx, {
      type: KNOWLEDGE_EVENTS.published,
      actorId: approverId,
      payload: eventPayload(row, v.title, version),
      audience: { permissions: ['knowledge.read'] },
    });
  }

  /**
   * Publishes an article's latest revision without review: only for the system (demo seed, bench
   * fixtures), never reachable from the API — people publish through four-eyes approval.
   */
  async function publishAsSystem(id: string) {
    await db.transaction(async (tx) => {
      const row = await getRow(tx, id, true);
      await publishVersion(tx, row, row.latest_version, null);
    });
    await syncIndex(id);
  }

  /** Publishes approved revisions whose time has come (the minutely job; idempotent). */
  async function publishDue(): Promise<number> {
    const due = await pool.query(
      `SELECT id FROM knowledge_articles WHERE publish_at IS NOT NULL AND publish_at <= $1 LIMIT 200`,
      [clock.now()],
    );
    let published = 0;
    for (const { id } of due.rows) {
      await db.transaction(async (tx) => {
        const row = await getRow(tx, id, true);
        if (!row.publish_at || new Date(row.publish_at) > clock.now()) return;
        const latest = await latestVersionRow(tx, row);
        if (latest.state !== 'scheduled') {
          await tx.execute(sql`UPDATE knowledge_articles SET publish_at = NULL WHERE id = ${id}`);
          return;
        }
        await publishVersion(tx, row, latest.version, latest.approved_by);
        await record(tx, null, 'knowledge.article_published', id, {
          version: latest.version,
          scheduled: true,
        });
        published++;
      });
      await syncIndex(id);
    }
    return published;
  }

  /**
   * Flags articles past their review-by date to their owner and the editors (the daily job;
   * idempotent): one `knowledge.review_overdue` per article and review-by date, so a moved date is
   * flagged again once it passes, and a second run the same day raises nothing.
   */
  async function flagOverdueReviews(): Promise<number> {
    const today = clock.now().toISOString().slice(0, 10);
    return db.transaction(async (tx) => {
      const due = await tx.execute(sql`UPDATE knowledge_articles SET review_flagged_for = review_by
        WHERE status <> 'archived' AND review_by < ${today}::date
          AND review_flagged_for IS DISTINCT FROM review_by
        RETURNING id, group_id, locale, title, latest_version, category_id, owner_id, review_by::text AS review_by`);
      const rows = due.rows as Array<{
        id: string;
        group_id: string;
        locale: string;
        title: string;
        latest_version: number;
        category_id: string | null;
        owner_id: string | null;
        review_by: string;
      }>;
      for (const r of rows) {
        const payload: ReviewOverduePayload = {
          articleId: r.id,
          groupId: r.group_id,
          locale: r.locale,
          title: r.title,
          version: r.latest_version,
          categoryId: r.category_id,
          reviewBy: r.review_by,
          ownerId: r.owner_id,
        };
        await events.publish(tx, {
          type: KNOWLEDGE_EVENTS.reviewOverdue,
          actorId: null,
          payload,
          audience: { ...(r.owner_id ? { users: [r.owner_id] } : {}), permissions: ['knowledge.edit'] },
        });
      }
      return rows.length;
    });
  }

  async function archive(actor: Actor, id: string) {
    requirePermission(actor, 'knowledge.publish');
    await db.transaction(async (tx) => {
      const row = await getRow(tx, id, true);
      if (row.status === 'archived')
        throw new AppError('KNOWLEDGE_INVALID_STATE', 409, undefined, { status: row.status });
      await tx.execute(sql`UPDATE knowledge_articles SET status = 'archived', publish_at = NULL, updated_at = ${clock.now()}
        WHERE id = ${id}`);
      await events.publish(tx, {
        type: KNOWLEDGE_EVENTS.archived,
        actorId: actor.userId,
        payload: eventPayload(row, row.title, row.latest_version),
        audience: { permissions: ['knowledge.read'] },
      });
      await record(tx, actor, 'knowledge.article_archived', id);
    });
    await syncIndex(id);
    return getArticle(actor, id, { asEditor: true });
  }

  // ——— history ———

  async function listVersions(actor: Actor, id: string) {
    requirePermission(actor, 'knowledge.edit');
    await getRow(db, id);
    const result = await pool.query(
      `SELECT * FROM knowledge_versions WHERE article_id = $1 ORDER BY version DESC`,
      [id],
    );
    return (result.rows as VersionRow[]).map(versionView);
  }

  async function getVersion(tx: DbOrTx, id: string, version: number): Promise<VersionRow> {
    const result = await tx.execute(
      sql`SELECT * FROM knowledge_versions WHERE article_id = ${id} AND version = ${version}`,
    );
    const row = result.rows[0] as unknown as VersionRow | undefined;
    if (!row) throw notFound('KNOWLEDGE_VERSION_NOT_FOUND');
    return row;
  }

  /** A word diff of two revisions' readable text (title, answer, body), for the history screen. */
  async function diffVersions(actor: Actor, id: string, from: number, to: number) {
    requirePermission(actor, 'knowledge.edit');
    const [a, b] = await Promise.all([getVersion(db, id, from), getVersion(db, id, to)]);
    const text = (v: VersionRow) => `${v.title}\n\n${htmlToText(v.body_html)}\n\n${v.answer}`;
    return {
      from,
      to,
      parts: diffWords(text(a), text(b)).map((p) => ({
        value: p.value,
        change: p.added ? ('added' as const) : p.removed ? ('removed' as const) : ('same' as const),
      })),
    };
  }

  /** Rollback: a new draft holding an earlier revision's text; it goes live through review as any change. */
  async function rollback(actor: Actor, id: string, version: number) {
    requirePermission(actor, 'knowledge.edit');
    const old = await getVersion(db, id, version);
    await updateArticle(actor, id, {
      title: old.title,
      bodyHtml: old.body_html,
      answer: old.answer,
      tags: old.tags,
    });
    await db.transaction(async (tx) => {
      await record(tx, actor, 'knowledge.article_rolled_back', id, { toVersion: version });
    });
    return getArticle(actor, id, { asEditor: true });
  }

  /** What the article said on `at`: the revision live then, or null if none was. */
  async function asOf(actor: Actor, id: string, at: Date) {
    requirePermission(actor, 'knowledge.read');
    const row = await getRow(db, id);
    if (!actor.permissions.has('knowledge.edit') && row.visibility !== 'public' && !canRead(actor, row))
      throw notFound('KNOWLEDGE_ARTICLE_NOT_FOUND');
    const result = await pool.query(
      `SELECT * FROM knowledge_versions WHERE article_id = $1 AND published_at IS NOT NULL AND published_at <= $2
       ORDER BY published_at DESC LIMIT 1`,
      [id, at],
    );
    const v = result.rows[0] as VersionRow | undefined;
    return v ? versionView(v) : null;
  }

  // ——— search ———

  /** Synonym phrases of the query: each group any of whose phrases the query contains. */
  let synonymCache: { at: number; groups: string[][][] } | null = null;
  async function synonymGroups(): Promise<string[][][]> {
    if (synonymCache && Date.now() - synonymCache.at < SYNONYMS_TTL_MS) return synonymCache.groups;
    const result = await pool.query('SELECT terms FROM knowledge_synonyms');
    const groups = (result.rows as Array<{ terms: string[] }>).map(({ terms: phrases }) =>
      phrases.map((p) => terms(p, { keepStopWords: true })).filter((t) => t.length > 0),
    );
    synonymCache = { at: Date.now(), groups };
    return groups;
  }

  /**
   * The synonym groups the query meets: for each, the query terms of the phrase it contains and the
   * group's other phrases, which stand in for those terms (the rest of the query still applies).
   * Soft words (`softTerms`) complete a phrase but never meet one alone: `the` of `the card` is
   * English.
   */
  async function expandSynonyms(
    queryTerms: string[],
    soft: string[],
    sequence: Array<string | null>,
  ): Promise<Array<{ covers: string[]; others: string[][] }>> {
    const have = new Set([...queryTerms, ...soft]);
    const softSet = new Set(soft);
    const isFirm = (t: string) => queryTerms.includes(t);
    // A phrase of Latin words is met where the query has them in its order (Chinese pieces
    // overlap, so a Chinese phrase is met by its pieces anywhere).
    const isMet = (phrase: string[]) =>
      phrase.every((t) => have.has(t)) &&
      phrase.some(isFirm) &&
      (phrase.length === 1 || phrase.some((t) => HAN.test(t)) || hasPhrase(sequence, phrase, softSet));
    const out: Array<{ covers: string[]; others: string[][] }> = [];
    for (const analysed of await synonymGroups()) {
      const met = analysed.filter(isMet);
      if (met.length === 0) continue;
      out.push({
        covers: [...new Set(met.flat())],
        others: analysed.filter((phrase) => !met.includes(phrase)),
      });
    }
    return out;
  }

  /** Close spellings, from the published lexicon, of Latin terms that no article contains. */
  async function corrections(queryTerms: string[]): Promise<Map<string, string[]>> {
    const latin = queryTerms.filter((t) => /^[a-z]{4,}$/.test(t));
    const out = new Map<string, string[]>();
    if (latin.length === 0) return out;
    const result = await pool.query({
      name: 'knowledge_corrections',
      // Known terms through the primary key (a range, which the trigram index cannot answer: for
      // `=` the planner takes the GiST index at 100× the cost), then the two nearest lexicon terms
      // of each unknown one through the GiST trigram index.
      text: `WITH missing AS (SELECT q.t FROM unnest($1::text[]) AS q(t)
         WHERE NOT EXISTS (SELECT 1 FROM knowledge_lexemes e WHERE e.term >= q.t AND e.term <= q.t))
       SELECT m.t, l.term FROM missing m
       CROSS JOIN LATERAL (SELECT term FROM knowledge_lexemes WHERE term % m.t ORDER BY term <-> m.t LIMIT 2) l`,
      values: [latin],
    });
    for (const r of result.rows) out.set(r.t, [...(out.get(r.t) ?? []), r.term]);
    return out;
  }

  /** A category and every category below it (the search's category filter). */
  async function categorySubtree(id: string): Promise<string[]> {
    const result = await pool.query({
      name: 'knowledge_category_subtree',
      text: `WITH RECURSIVE d AS (SELECT id FROM knowledge_categories WHERE id = $1
        UNION ALL SELECT c.id FROM knowledge_categories c JOIN d ON c.parent_id = d.id) SELECT id FROM d`,
      values: [id],
    });
    return result.rows.map((r) => r.id as string);
  }

  /**
   * Published rows by id for the searches of one turn of the event loop, in one query: concurrent
   * searches share a round trip (under load, one statement per search was most of the remaining
   * cost of sending and receiving).
   */
  let rowBatch: { ids: Set<string>; rows: Promise<Map<string, HitRow>> } | null = null;
  function publishedRows(articleIds: string[]): Promise<Map<string, HitRow>> {
    if (!rowBatch || rowBatch.ids.size >= 500) {
      const ids = new Set<string>();
      const batch = {
        ids,
        rows: new Promise<Map<string, HitRow>>((resolve, reject) =>
          setImmediate(() => {
            if (rowBatch === batch) rowBatch = null;
            pool
              .query({
                name: 'knowledge_search_rows',
                text: `SELECT id, group_id, locale, title, body_html, answer, category_id, visibility, audience
                  FROM knowledge_articles WHERE id = ANY($1::uuid[]) AND status = 'published'`,
                values: [[...ids]],
              })
              .then(({ rows }) => resolve(new Map((rows as HitRow[]).map((r) => [r.id, r]))), reject);
          }),
        ),
      };
      rowBatch = batch;
    }
    for (const id of articleIds) rowBatch.ids.add(id);
    return rowBatch.rows;
  }

  /**
   * The display fields of the index's hits, in its order, through the primary key. The filters are
   * checked again on the rows (a process whose index has not yet taken a change omits an article,
   * never shows one it must not).
   */
  async function displayHits(
    hits: Array<{ id: string; score: number }>,
    options: {
      visibility: Visibility | null;
      audiences: string[] | null;
      highlightFor: (locale: string) => Set<string>;
    },
  ): Promise<SearchHit[]> {
    if (hits.length === 0) return [];
    const byId = await publishedRows(hits.map((h) => h.id));
    const { visibility, audiences } = options;
    return hits.flatMap((h) => {
      const r = byId.get(h.id);
      if (!r) return [];
      if (visibility !== null && r.visibility !== visibility) return [];
      if (audiences !== null && r.audience.length > 0 && !r.audience.some((a) => audiences.includes(a)))
        return [];
      return [
        {
          id: r.id,
          groupId: r.group_id,
          locale: r.locale,
          title: r.title,
          titleHtml: highlight(r.title, options.highlightFor(r.locale), 300),
          snippet: highlight(htmlToTextCached(r.body_html), options.highlightFor(r.locale)),
          answer: r.answer,
          categoryId: r.category_id,
          visibility: r.visibility,
          score: h.score,
        },
      ];
    });
  }

  const analysedQueries = new Map<
    string,
    { queryTerms: string[]; marked: Map<string, string>; soft: string[]; sequence: Array<string | null> }
  >();
  /**
   * A query's distinct terms (at most MAX_QUERY_TERMS), its marked words and its soft words,
   * remembered (LRU).
   */
  function analyseQuery(q: string) {
    const text = q.slice(0, 5000);
    const known = analysedQueries.get(text);
    if (known) {
      analysedQueries.delete(text);
      analysedQueries.set(text, known);
      return known;
    }
    const queryTerms = [...new Set(terms(text))].slice(0, MAX_QUERY_TERMS);
    const analysed = {
      queryTerms,
      // A word typed with its marks also counts as written (mất: `mat` matches, `mất` adds), so
      // the exact word ranks above its folded namesakes (mặt); only documents analysed since
      // marked forms were stored carry them.
      marked: markedForms(text),
      // `the tin dung`: `the` is a stop word in English and thẻ (card) in Vietnamese typed without
      // marks; it completes a synonym phrase and adds to what matched, never required.
      soft: softTerms(text)
        .filter((t) => !queryTerms.includes(t))
        .slice(0, MAX_SOFT_TERMS),
      sequence: termSequence(text),
    };
    if (text.length <= ANALYSED_QUERY_CHARS) {
      if (analysedQueries.size >= ANALYSED_QUERIES)
        analysedQueries.delete(analysedQueries.keys().next().value as string);
      analysedQueries.set(text, analysed);
    }
    return analysed;
  }

  async function search(actor: Actor | null, input: SearchInput) {
    if (actor) requirePermission(actor, 'knowledge.read');
    const limit = Math.min(Math.max(input.limit ?? 10, 1), 50);
    const { queryTerms, marked, soft, sequence } = analyseQuery(input.q);
    let items: SearchHit[] = [];
    // The in-process index ranks once built (decision 0013); PostgreSQL until then, or when asked.
    const isIndexed = index.isReady() && input.engine !== 'sql';
    if (queryTerms.length > 0) {
      const [synonyms, fixes] = await Promise.all([
        expandSynonyms(queryTerms, soft, sequence),
        isIndexed ? index.corrections(queryTerms) : corrections(queryTerms),
      ]);
      const alternatives = (t: string) =>
        [t, ...(marked.has(t) ? [marked.get(t) as string] : []), ...(fixes.get(t) ?? [])].map(lexeme);
      const termQuery = (t: string) => `(${alternatives(t).join(' | ')})`;
      const phrase = (p: string[]) => `(${p.map(lexeme).join(' & ')})`;
      // All terms first (precise), then any term (recall). A synonym group stands in for the words
      // of the query it matched (信用卡 年费 → (信用卡 | credit & card | thẻ & tín & dụng) & 年费), so
      // the rest of the query still narrows the matches.
      const covered = new Set(synonyms.flatMap((g) => g.covers));
      const all = [
        ...queryTerms.filter((t) => !covered.has(t)).map(termQuery),
        ...synonyms.map((g) => `(${[phrase(g.covers), ...g.others.map(phrase)].join(' | ')})`),
      ].join(' & ');
      const any = [...queryTerms.map(termQuery), ...synonyms.flatMap((g) => g.others.map(phrase))].join(
        ' | ',
      );
      const highlightTerms = new Set([
        ...queryTerms,
        ...[...fixes.values()].flat(),
        ...synonyms.flatMap((g) => g.others.flat()),
      ]);
      // Soft words are marked in Vietnamese only (thẻ), not every `the` of an English text.
      const withSoft = soft.length > 0 ? new Set([...highlightTerms, ...soft]) : highlightTerms;
      const highlightFor = (locale: string) => (locale === 'vi' ? withSoft : highlightTerms);
      const isPublic = actor === null;
      const audiences = actor && !actor.permissions.has('knowledge.edit') ? audiencesOf(actor) : null;
      if (isIndexed) {
        const visibility = isPublic ? 'public' : (input.visibility ?? null);
        const hits = index.search({
          // The same groups as the SQL `all` query: each term with its corrections, each synonym
          // group as its phrases (a phrase needs all its words).
          groups: [
            ...queryTerms
              .filter((t) => !covered.has(t))
              .map((t) => [[t], ...(fixes.get(t) ?? []).map((f) => [f])]),
            ...synonyms.map((g) => [g.covers, ...g.others]),
          ],
          // An article with the written form scores that word twice (as ts_rank sums `mat | mất`).
          // Soft words too (`the` of `the tin dung`), unless a synonym group took them.
          bonus: [...marked.values(), ...soft.filter((t) => !covered.has(t))],
          locale: input.locale ?? null,
          categoryIds: input.categoryId ? index.categorySubtree(input.categoryId) : null,
          product: input.product ?? null,
          visibility,
          audiences,
          limit,
          minStrict: MIN_STRICT_RESULTS,
        });
        items = await displayHits(hits, { visibility, audiences, highlightFor });
      } else {
        const categoryIds = input.categoryId ? await categorySubtree(input.categoryId) : null;
        const params = [
          input.locale ?? null,
          categoryIds,
          input.product ?? null,
          isPublic ? 'public' : (input.visibility ?? null),
          audiences,
          clock.now(),
          limit,
        ];
        // The locale is written into the statement (one of three known values), so the planner
        // can use that locale's partial indexes; one named statement per locale.
        const locale = input.locale && isLocale(input.locale) ? input.locale : null;
        const filters = `a.status = 'published'
               ${locale ? `AND a.locale = '${locale}'` : ''} AND ($1::text IS NULL OR a.locale = $1)
               AND ($2::uuid[] IS NULL OR a.category_id = ANY($2::uuid[]))
               AND ($3::text IS NULL OR $3 = ANY(a.products))
               AND ($4::text IS NULL OR a.visibility = $4)
               AND ($5::text[] IS NULL OR cardinality(a.audience) = 0 OR a.audience && $5::text[])
               AND NOT (a.id = ANY($9::uuid[]))`;
        // Ranking reads each candidate's whole document, so few are ranked: up to TITLE_CANDIDATES
        // whose title or tags match (the small title index) and up to BODY_CANDIDATES more from the
        // whole text, both taken in index order — the cost no longer grows with the base, and a
        // title match is never crowded out by thousands of body matches. Only published rows are in
        // the (partial) indexes. Snippets are made in Node for the returned page only.
        // A named statement: each connection plans it once.
        // The any-term fill-up takes its candidates from titles and tags only: the union of every
        // term's postings over whole texts is the most expensive read there is (tens of thousands of
        // rows for a customer's sentence), and a text that matches only some words adds little.
        const run = (tsquery: string, exclude: string[], isAnyTerm = false) =>
          pool.query({
            name: `knowledge_search_${locale ?? 'all'}${isAnyTerm ? '_any' : ''}`,
            text: `WITH candidates AS (
               (SELECT a.id FROM knowledge_articles a WHERE a.title_doc @@ CAST($8 AS tsquery) AND ${filters}
                LIMIT ${TITLE_CANDIDATES})${
                  isAnyTerm
                    ? ''
                    : `
               UNION
               (SELECT a.id FROM knowledge_articles a WHERE a.search_doc @@ CAST($8 AS tsquery) AND ${filters}
                LIMIT ${BODY_CANDIDATES})`
                })
           SELECT a.id, a.group_id, a.locale, a.title, a.body_html, a.answer, a.category_id, a.visibility,
             ts_rank('{0.05, 0.2, 0.5, 1.0}', a.search_doc, CAST($8 AS tsquery), 1)
               * (0.85 + 0.15 / (1 + extract(epoch FROM ($6::timestamptz - a.published_at)) / 31536000.0))
               * (1 + ln(1 + a.views + 3 * a.helpful) / 30) AS score
           FROM candidates c JOIN knowledge_articles a ON a.id = c.id
           ORDER BY score DESC LIMIT $7`,
            values: [...params, tsquery, exclude],
          });
        const strict = await run(all, []);
        let rows = strict.rows;
        // Any-term matches only fill up a short list: they are many, and ranking them is the cost.
        if (rows.length < Math.min(limit, MIN_STRICT_RESULTS) && queryTerms.length > 1) {
          const loose = await run(
            any,
            rows.map((r) => r.id),
            true,
          );
          rows = [...rows, ...loose.rows.slice(0, limit - rows.length)];
        }
        items = rows.map((r) => ({
          id: r.id,
          groupId: r.group_id,
          locale: r.locale,
          title: r.title,
          titleHtml: highlight(r.title, highlightFor(r.locale), 300),
          snippet: highlight(htmlToText(r.body_html), highlightFor(r.locale)),
          answer: r.answer,
          categoryId: r.category_id,
          visibility: r.visibility,
          score: Number(r.score),
        }));
      }
    }
    let searchId: string | null = null;
    if (!input.isSuggestion && input.q.trim()) {
      searchId = ids.uuid();
      logSearch([
        searchId,
        actor?.userId ?? null,
        input.source ?? (actor ? 'kb' : 'help'),
        input.q.slice(0, 500),
        input.locale ?? null,
        items.length,
        clock.now(),
      ]);
    }
    return { searchId, items };
  }

  // The search log is written in batches, one INSERT per SEARCH_LOG_FLUSH_MS rather than a commit
  // per search (at thousands of searches a second that commit was PostgreSQL's largest cost). Up to
  // that long of log is lost if the process dies; opening a result and the brief flush it first.
  let searchLog: unknown[][] = [];
  let searchLogTimer: NodeJS.Timeout | null = null;
  let searchLogWrites: Promise<void> = Promise.resolve();
  function logSearch(row: unknown[]) {
    searchLog.push(row);
    if (searchLog.length >= SEARCH_LOG_BATCH) void flushSearchLog();
    else if (!searchLogTimer) {
      searchLogTimer = setTimeout(() => void flushSearchLog(), SEARCH_LOG_FLUSH_MS);
      searchLogTimer.unref();
    }
  }
  function flushSearchLog(): Promise<void> {
    if (searchLogTimer) clearTimeout(searchLogTimer);
    searchLogTimer = null;
    const rows = searchLog;
    searchLog = [];
    if (rows.length > 0) {
      const column = (i: number) => rows.map((r) => r[i]);
      searchLogWrites = searchLogWrites
        .then(() =>
          pool.query(
            `INSERT INTO knowledge_searches (id, user_id, source, query, locale, result_count, created_at)
             SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::int[], $7::timestamptz[])`,
            [0, 1, 2, 3, 4, 5, 6].map(column),
          ),
        )
        .then(() => undefined)
        .catch((error) =>
          log.error({ err: error, searches: rows.length }, 'knowledge search log not written'),
        );
    }
    return searchLogWrites;
  }

  /** Articles for the customer's latest messages, in the conversation's language (top 5, not logged). */
  async function suggest(actor: Actor, input: { text: string; locale?: Locale }) {
    requirePermission(actor, 'knowledge.read');
    const { items } = await search(actor, {
      q: input.text,
      locale: input.locale,
      limit: 5,
      isSuggestion: true,
    });
    return items;
  }

  /** Records that a search's result was opened (its search is no content gap) and counts the view. */
  async function openResult(actor: Actor | null, searchId: string | null, articleId: string) {
    if (searchId) await flushSearchLog();
    const row = await getRow(db, articleId);
    if (!canRead(actor, row)) throw notFound('KNOWLEDGE_ARTICLE_NOT_FOUND');
    await db.transaction(async (tx) => {
      if (searchId) {
        const updated = await tx.execute(sql`UPDATE knowledge_searches SET opened_article_id = ${articleId}
          WHERE id = ${searchId} AND opened_article_id IS NULL AND (user_id IS NOT DISTINCT FROM ${actor?.userId ?? null})
          RETURNING id`);
        if (updated.rows.length === 0) {
          const exists = await tx.execute(sql`SELECT 1 FROM knowledge_searches WHERE id = ${searchId}`);
          if (exists.rows.length === 0) throw notFound('KNOWLEDGE_SEARCH_NOT_FOUND');
        }
      }
      await tx.execute(sql`UPDATE knowledge_articles SET views = views + 1 WHERE id = ${articleId}`);
    });
    index.countUse(articleId, { views: 1 });
  }

  async function giveFeedback(
    actor: Actor | null,
    articleId: string,
    input: { isHelpful: boolean; source?: string },
  ) {
    const row = await getRow(db, articleId);
    if (!canRead(actor, row)) throw notFound('KNOWLEDGE_ARTICLE_NOT_FOUND');
    await db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO knowledge_feedback (id, article_id, user_id, source, is_helpful, created_at)
        VALUES (${ids.uuid()}, ${articleId}, ${actor?.userId ?? null}, ${input.source ?? (actor ? 'desk' : 'help')},
          ${input.isHelpful}, ${clock.now()})`);
      await tx.execute(
        input.isHelpful
          ? sql`UPDATE knowledge_articles SET helpful = helpful + 1 WHERE id = ${articleId}`
          : sql`UPDATE knowledge_articles SET not_helpful = not_helpful + 1 WHERE id = ${articleId}`,
      );
    });
    if (input.isHelpful) index.countUse(articleId, { helpful: 1 });
    return {
      helpful: row.helpful + (input.isHelpful ? 1 : 0),
      notHelpful: row.not_helpful + (input.isHelpful ? 0 : 1),
    };
  }

  // ——— synonyms ———

  async function listSynonyms(actor: Actor) {
    requirePermission(actor, 'knowledge.read');
    const result = await pool.query('SELECT id, terms FROM knowledge_synonyms ORDER BY created_at');
    return result.rows.map((r) => ({ id: r.id as string, terms: r.terms as string[] }));
  }
  async function createSynonyms(actor: Actor | null, input: { terms: string[] }) {
    if (actor) requirePermission(actor, 'knowledge.edit');
    const cleaned = [...new Set(input.terms.map((t) => t.trim()).filter(Boolean))];
    if (cleaned.length < 2)
      throw new AppError('VALIDATION_FAILED', 400, undefined, { detail: 'terms: at least two' });
    const id = ids.uuid();
    await db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO knowledge_synonyms (id, terms, created_at)
        VALUES (${id}, ${pgArray(cleaned)}::text[], ${clock.now()})`);
      if (actor) await record(tx, actor, 'knowledge.synonyms_created', id, { terms: cleaned });
    });
    synonymCache = null;
    return { id, terms: cleaned };
  }
  async function deleteSynonyms(actor: Actor, id: string) {
    requirePermission(actor, 'knowledge.edit');
    await db.transaction(async (tx) => {
      await tx.execute(sql`DELETE FROM knowledge_synonyms WHERE id = ${id}`);
      await record(tx, actor, 'knowledge.synonyms_deleted', id);
    });
    synonymCache = null;
  }

  // ——— editors' views ———

  async function reviewQueue(actor: Actor) {
    requirePermission(actor, 'knowledge.edit');
    const result = await pool.query(
      `SELECT a.id, a.locale, v.title, v.version, v.author_id, v.created_at, u.display_name AS author_name
       FROM knowledge_articles a JOIN knowledge_versions v ON v.article_id = a.id AND v.version = a.latest_version
       LEFT JOIN users u ON u.id = v.author_id
       WHERE v.state = 'in_review' ORDER BY v.created_at`,
    );
    return result.rows.map((r) => ({
      id: r.id as string,
      locale: r.locale as string,
      title: r.title as string,
      version: r.version as number,
      authorId: r.author_id as string | null,
      authorName: (r.author_name as string | null) ?? null,
      submittedAt: (r.created_at as Date).toISOString(),
      canApprove: actor.permissions.has('knowledge.publish') && r.author_id !== actor.userId,
    }));
  }

  /**
   * The team lead's morning page: published (new or updated) and archived in the last day, most
   * searched, searched without an answer, review overdue.
   */
  async function morningBrief(actor: Actor) {
    requirePermission(actor, 'knowledge.read');
    await flushSearchLog();
    const since = new Date(clock.now().getTime() - 86_400_000);
    const [changed, top, gaps, overdue] = await Promise.all([
      pool.query(
        `SELECT a.id, a.locale, a.title, a.status, a.published_version, a.published_at, u.display_name AS approver,
           CASE WHEN a.status = 'archived' THEN a.updated_at ELSE a.published_at END AS changed_at,
           count(*) OVER ()::int AS total
         FROM knowledge_articles a
         LEFT JOIN knowledge_versions v ON v.article_id = a.id AND v.version = a.published_version
         LEFT JOIN users u ON u.id = v.approved_by
         WHERE (a.status = 'published' AND a.published_at >= $1) OR (a.status = 'archived' AND a.updated_at >= $1)
         ORDER BY changed_at DESC, a.id LIMIT 50`,
        [since],
      ),
      pool.query(
        `SELECT lower(query) AS query, count(*)::int AS searches FROM knowledge_searches WHERE created_at >= $1
         GROUP BY lower(query) ORDER BY searches DESC, query LIMIT 20`,
        [since],
      ),
      // A query is a gap when at least half its searches ended with no result opened: one that
      // agents mostly answer is not editors' work, however often it was searched. Queries without
      // any result come first, then the most searches left unanswered.
      pool.query(
        `SELECT lower(query) AS query, count(*) FILTER (WHERE opened_article_id IS NULL)::int AS searches,
           count(*)::int AS total, max(result_count)::int AS results
         FROM knowledge_searches WHERE created_at >= $1
         GROUP BY lower(query)
         HAVING 2 * count(*) FILTER (WHERE opened_article_id IS NULL) >= count(*)
         ORDER BY max(result_count) = 0 DESC, searches DESC, query LIMIT 20`,
        [since],
      ),
      pool.query(
        `SELECT id, locale, title, review_by::text AS review_by FROM knowledge_articles
         WHERE status <> 'archived' AND review_by < $1::date ORDER BY review_by LIMIT 50`,
        [clock.now().toISOString().slice(0, 10)],
      ),
    ]);
    return {
      since: since.toISOString(),
      changed: changed.rows.map((r) => ({
        id: r.id as string,
        locale: r.locale as string,
        title: r.title as string,
        change:
          r.status === 'archived'
            ? ('archived' as const)
            : r.published_version === 1
              ? ('new' as const)
              : ('updated' as const),
        version: (r.published_version as number | null) ?? null,
        approvedBy: (r.approver as string | null) ?? null,
        publishedAt: r.published_at ? (r.published_at as Date).toISOString() : null,
        changedAt: (r.changed_at as Date).toISOString(),
      })),
      changedTotal: (changed.rows[0]?.total as number | undefined) ?? 0,
      topSearches: top.rows.map((r) => ({ query: r.query as string, searches: r.searches as number })),
      contentGaps: gaps.rows.map((r) => ({
        query: r.query as string,
        searches: r.searches as number,
        total: r.total as number,
        results: r.results as number,
      })),
      reviewOverdue: overdue.rows.map((r) => ({
        id: r.id as string,
        locale: r.locale as string,
        title: r.title as string,
        reviewBy: r.review_by as string,
      })),
    };
  }

  // ——— import / export ———

  /** Every variant (or one locale's) with its live or working text, for backup and transfer. Audited. */
  async function exportArticles(actor: Actor, input: { locale?: Locale }) {
    requirePermission(actor, 'knowledge.edit');
    const result = await pool.query(
      `SELECT a.*, c.names AS category_names FROM knowledge_articles a
       LEFT JOIN knowledge_categories c ON c.id = a.category_id
       WHERE ($1::text IS NULL OR a.locale = $1) ORDER BY a.group_id, a.locale`,
      [input.locale ?? null],
    );
    await audit.recordAlone({
      actorId: actor.userId,
      actorName: actor.username,
      action: 'knowledge.exported',
      targetType: 'knowledge',
      targetId: input.locale ?? 'all',
      ip: actor.ip,
      details: { articles: result.rows.length },
    });
    return result.rows.map((r) => ({
      ...view(r as ArticleRow),
      category: (r.category_names as Record<string, string> | null)?.en ?? null,
    }));
  }

  /**
   * Imports articles as drafts (they go live through review as any change). `onProgress` reports
   * each one for the CLI's bar and the web's progress.
   */
  async function importArticles(
    actor: Actor | null,
    rows: ImportRow[],
    onProgress: (done: number, total: number) => void = () => undefined,
  ) {
    if (actor) requirePermission(actor, 'knowledge.edit');
    const created: string[] = [];
    const problems: Array<{ row: number; problem: string }> = [];
    const categories = await listCategories(null);
    for (const [index, row] of rows.entries()) {
      try {
        if (!isLocale(row.locale)) throw new Error(`locale ${row.locale}`);
        const category = row.category
          ? categories.find((c) =>
              Object.values(c.names).some((n) => n.toLowerCase() === row.category?.toLowerCase()),
            )
          : undefined;
        const article = await createArticle(actor, {
          locale: row.locale,
          title: row.title,
          bodyHtml: row.bodyHtml,
          answer: row.answer,
          tags: row.tags,
          categoryId: category?.id ?? null,
          visibility: row.visibility === 'public' ? 'public' : 'internal',
        });
        created.push(article.id);
      } catch (error) {
        problems.push({
          row: index + 1,
          problem: error instanceof AppError ? error.code : (error as Error).message,
        });
      }
      onProgress(index + 1, rows.length);
    }
    return { created: created.length, ids: created, problems };
  }

  async function uploadImage(actor: Actor, bytes: Buffer, contentType: string) {
    requirePermission(actor, 'knowledge.edit');
    if (bytes.length > MAX_IMAGE_BYTES)
      throw new AppError('KNOWLEDGE_IMAGE_TOO_LARGE', 413, undefined, { max: MAX_IMAGE_BYTES / 1024 / 1024 });
    const id = ids.uuid();
    await pool.query(
      'INSERT INTO knowledge_images (id, content_type, bytes, uploaded_by, created_at) VALUES ($1, $2, $3, $4, $5)',
      [id, contentType, bytes, actor.userId, clock.now()],
    );
    return { id, url: `/api/v1/knowledge/images/${id}` };
  }

  async function getImage(id: string) {
    const result = await pool.query('SELECT content_type, bytes FROM knowledge_images WHERE id = $1', [id]);
    if (result.rows.length === 0) throw notFound('NOT_FOUND');
    return { contentType: result.rows[0].content_type as string, bytes: result.rows[0].bytes as Buffer };
  }

  return {
    listCategories,
    createCategory,
    updateCategory,
    createArticle,
    getArticle,
    listArticles,
    categoryArticles,
    listPublicArticles,
    updateArticle,
    submitForReview,
    approve,
    reject,
    publishDue,
    flagOverdueReviews,
    publishAsSystem,
    archive,
    listVersions,
    diffVersions,
    rollback,
    asOf,
    search,
    suggest,
    startIndex,
    stopIndex,
    /** The index's figures (articles, terms, postings, whether it is built). */
    indexStats: () => index.stats(),
    /** Writes the search log held in this process now (the brief and opening a result do). */
    flushSearchLog,
    /** Reconciles this process's index now (tests; the timer does it every 30 s). */
    reconcileIndex: () => index.reconcile(),
    openResult,
    giveFeedback,
    listSynonyms,
    createSynonyms,
    deleteSynonyms,
    reviewQueue,
    morningBrief,
    exportArticles,
    importArticles,
    uploadImage,
    getImage,
  };
}

export interface ImportRow {
  locale: string;
  title: string;
  bodyHtml: string;
  answer?: string;
  tags?: string[];
  category?: string;
  visibility?: string;
}

/** A text[] parameter: node-pg sends a JS array as a PostgreSQL array (drizzle would spread it). */
function pgArray(values: readonly string[]) {
  return sql`${`{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`}`;
}

export type KnowledgeService = ReturnType<typeof createKnowledgeService>;
