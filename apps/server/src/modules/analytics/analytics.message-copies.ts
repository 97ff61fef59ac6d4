import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { CONVERSATION_EVENTS } from '../conversations/index.ts';
import { type Tokens, tokeniseMany } from './analytics.tokenise.ts';

/**
 * Customer messages for hot topics, off the chat hot path: a chat message wakes no analytics
 * handler. A batched job (every minute, and before each hot-topic report) follows the event log
 * from its own commit-safe cursor: it reads the customer's text messages named by
 * `conversation.message_created` from the conversations module's tables, tokenises them (inline,
 * 100 at a time) and writes each copy once, with its phrases, in one short statement
 * per batch, so the weekly report only counts phrases in SQL. Rows copied without phrases (the
 * simulated history, a rebuild) are tokenised afterwards by `tokenisePending`.
 */

const CURSOR = 'message_copies';
/**
 * Events per batch. Small on purpose: live pushes read the event log only below the oldest open
 * writing transaction (commit-safe order, decision 0003), so a copy of 10,000 messages held every
 * chat push back for the second or two it ran, one of 500 still held them up to 188 ms at 500
 * messages/s (bench:chat, seventh session), and a statement that read, joined and wrote 100 up to
 * 119 ms (eighth). The write is now only the insert of what was read and tokenised before it.
 */
const COPY_BATCH = 100;
/** Messages per tokenise round (select, segment on worker threads). */
const TOKENISE_BATCH = 10_000;
/**
 * The same, paced beside live traffic: segmented inline (about a millisecond), never on worker
 * threads, which took both cores for two or three seconds in the first minute after a start (the
 * demo history's messages) and held every chat push back meanwhile (bench:chat, eleventh session).
 */
const PACED_TOKENISE_BATCH = 100;
/** Messages per UPDATE of their phrases: each its own short transaction, for the same reason. */
const WRITE_CHUNK = 100;

/** The longest rest between two paced steps. */
const MAX_REST_MS = 100;

export interface PaceOptions {
  /**
   * Rest after each statement as long as it took (at most MAX_REST_MS): the minute's job runs beside
   * live chat on the same cores, and a minute of messages copied and written back to back (600
   * statements at 500 messages/s) crowded the chat statements' commits for a second or two. The
   * job takes about twice as long; a report that needs the copies now runs them unpaced.
   */
  pace?: boolean;
}

async function paced<T>(options: PaceOptions, step: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await step();
  if (options.pace) await sleep(Math.min(MAX_REST_MS, performance.now() - started));
  return result;
}

/** Copies the customer messages published since the cursor; returns how many were copied. */
export async function copyCustomerMessages(db: Db, options: PaceOptions = {}): Promise<number> {
  await db.execute(
    sql`INSERT INTO analytics_cursors (name, txid, position) VALUES (${CURSOR}, '0', 0) ON CONFLICT (name) DO NOTHING`,
  );
  let copied = 0;
  for (;;) {
    // 1. What to copy, read without a transaction id: no live push ever waits for this part.
    const read = (
      await paced(options, () =>
        db.execute(sql`
          WITH at AS (
            SELECT txid, position FROM analytics_cursors WHERE name = ${CURSOR}
          ), ev AS (
            SELECT txid, position, payload FROM outbox
             WHERE (txid, position) > ((SELECT txid::xid8 FROM at), (SELECT position::bigint FROM at))
               AND txid < pg_snapshot_xmin(pg_current_snapshot())
               AND type = ${CONVERSATION_EVENTS.messageCreated}
             ORDER BY txid, position LIMIT ${COPY_BATCH}
          ), last AS (
            SELECT txid, position FROM ev ORDER BY txid DESC, position DESC LIMIT 1
          )
          SELECT (SELECT txid FROM at) AS from_txid, (SELECT position FROM at)::bigint AS from_position,
            (SELECT txid::text FROM last) AS to_txid, (SELECT position FROM last) AS to_position,
            (SELECT count(*) FROM ev)::int AS events,
            coalesce((SELECT json_agg(json_build_object('id', m.id, 'conversation_id', m.conversation_id,
                'at', m.created_at, 'language', c.language, 'body', m.body))
              FROM ev
              JOIN conversation_messages m ON m.id = (ev.payload->>'messageId')::uuid
              JOIN conversations c ON c.id = m.conversation_id
             WHERE ev.payload->>'authorType' = 'customer' AND ev.payload->>'kind' = 'text'
               AND NOT coalesce((ev.payload->>'internal')::boolean, false) AND m.body <> ''), '[]') AS messages`),
      )
    ).rows[0] as {
      from_txid: string;
      from_position: number;
      to_txid: string | null;
      to_position: number | null;
      events: number;
      messages: Array<{ id: string; conversation_id: string; at: string; language: string; body: string }>;
    };
    if (read.events === 0) return copied;
    // 2. Their phrases (a batch this size is segmented inline, in about a millisecond).
    const tokens = await tokeniseMany(read.messages.map((m) => ({ text: m.body, language: m.language })));
    const rows = read.messages.map((m, i) => ({
      ...m,
      p: tokens[i]?.phrases ?? [],
      s: tokens[i]?.suggestion ?? false,
    }));
    // 3. One short statement writes the copies with their phrases (one write per message, none
    // later) and moves the cursor, only if it is still where step 1 read it. Another process that
    // moved it first wins: its copies stand, this run's are dropped, and the loop reads again.
    const wrote = (
      await paced(options, () =>
        db.execute(sql`
          WITH moved AS (
            UPDATE analytics_cursors SET txid = ${read.to_txid}, position = ${read.to_position}
             WHERE name = ${CURSOR} AND txid = ${read.from_txid} AND position = ${read.from_position}
            RETURNING 1
          ), copied AS (
            INSERT INTO analytics_message_facts (message_id, conversation_id, at, language, body, phrases, suggestion)
            SELECT v.id, v.conversation_id, v.at, v.language, v.body, v.p, v.s
              FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
                   AS v(id uuid, conversation_id uuid, at timestamptz, language text, body text, p text[], s boolean)
             WHERE EXISTS (SELECT 1 FROM moved)
            ON CONFLICT (message_id) DO NOTHING RETURNING 1
          )
          SELECT (SELECT count(*) FROM moved)::int AS moved, (SELECT count(*) FROM copied)::int AS copied`),
      )
    ).rows[0] as { moved: number; copied: number };
    copied += wrote.copied;
    if (wrote.moved > 0 && read.events < COPY_BATCH) return copied;
  }
}

/**
 * Tokenises every copied message that is not yet (simulated history and the rebuild insert
 * untokenised rows too); returns how many. A three-stage pipeline: while the database writes one
 * batch's phrases, the next batch is segmented (worker threads) and the one after it is read.
 */
export async function tokenisePending(
  db: Db,
  onProgress?: (done: number) => void,
  options: PaceOptions = {},
): Promise<number> {
  type Row = { message_id: string; language: string; body: string };
  const batchSize = options.pace ? PACED_TOKENISE_BATCH : TOKENISE_BATCH;
  const next = async (after: string) =>
    (
      await paced(options, () =>
        db.execute(sql`SELECT message_id, language, body FROM analytics_message_facts
          WHERE phrases IS NULL AND message_id > ${after}::uuid ORDER BY message_id LIMIT ${batchSize}`),
      )
    ).rows as Row[];
  const write = async (rows: Row[], tokens: Tokens[]) => {
    const values = rows.map((r, i) => ({
      id: r.message_id,
      p: tokens[i]?.phrases,
      s: tokens[i]?.suggestion,
    }));
    for (let at = 0; at < values.length; at += WRITE_CHUNK) {
      const chunk = values.slice(at, at + WRITE_CHUNK);
      await paced(options, () =>
        db.execute(sql`UPDATE analytics_message_facts m SET phrases = v.p, suggestion = v.s
          FROM jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) AS v(id uuid, p text[], s boolean)
          WHERE m.message_id = v.id`),
      );
    }
  };
  let done = 0;
  // The write in flight settles to its error (or null), so a failure surfaces where it is awaited.
  let writing: Promise<unknown> = Promise.resolve(null);
  const settle = async () => {
    const error = await writing;
    if (error) throw error;
  };
  let rows = await next('00000000-0000-0000-0000-000000000000');
  while (rows.length > 0) {
    const last = (rows.at(-1) as Row).message_id;
    const [tokens, following] = await Promise.all([
      paced(options, () => tokeniseMany(rows.map((r) => ({ text: r.body, language: r.language })))),
      rows.length < batchSize ? Promise.resolve([] as Row[]) : next(last),
    ]);
    await settle();
    const batch = rows;
    writing = write(batch, tokens).then(
      () => {
        done += batch.length;
        onProgress?.(done);
        return null;
      },
      (error: unknown) => error,
    );
    rows = following;
  }
  await settle();
  return done;
}

/** The job: copy, then tokenise. */
export async function syncMessageFacts(
  db: Db,
  options: PaceOptions = {},
): Promise<{ copied: number; tokenised: number }> {
  const copied = await copyCustomerMessages(db, options);
  const tokenised = await tokenisePending(db, undefined, options);
  return { copied, tokenised };
}
