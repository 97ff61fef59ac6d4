import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db.ts';

/**
 * The rollups hold counts for one threshold and one short-abandon limit: reports with other settings
 * read the facts. These are the defaults of DEFAULT_ANALYTICS_OPTIONS.
 */
export const ROLLUP_THRESHOLD = 20;
export const ROLLUP_SHORT_ABANDON = 5;

/**
 * Recomputes the hourly rollups (per hour × queue × channel) from the facts, for the hours whose
 * contacts were offered in [from, to) — or all of them. Idempotent: a bucket is replaced, never added to.
 */
export async function refreshRollups(tx: DbOrTx, from: Date | null, to: Date | null): Promise<void> {
  const window =
    from && to
      ? sql`offered_at >= date_trunc('hour', ${from}::timestamptz) AND offered_at < ${to}`
      : sql`true`;
  await tx.execute(
    sql`DELETE FROM analytics_hourly WHERE ${from && to ? sql`hour >= date_trunc('hour', ${from}::timestamptz) AND hour < ${to}` : sql`true`}`,
  );
  await tx.execute(sql`INSERT INTO analytics_hourly (hour, queue_id, channel, offered, answered, abandoned_after,
      abandoned_short, within_threshold, wait_sum, handle_sum, handled, ratings, good, transfers)
    SELECT date_trunc('hour', offered_at), coalesce(queue_id, '00000000-0000-0000-0000-000000000000'::uuid), channel,
      count(*), count(answered_at),
      count(*) FILTER (WHERE answered_at IS NULL AND abandoned_at IS NOT NULL AND wait_seconds > ${ROLLUP_SHORT_ABANDON}),
      count(*) FILTER (WHERE answered_at IS NULL AND abandoned_at IS NOT NULL AND wait_seconds <= ${ROLLUP_SHORT_ABANDON}),
      count(*) FILTER (WHERE answered_at IS NOT NULL AND wait_seconds <= ${ROLLUP_THRESHOLD}),
      coalesce(sum(wait_seconds) FILTER (WHERE answered_at IS NOT NULL), 0), coalesce(sum(handle_seconds), 0),
      count(handle_seconds), count(rating), count(*) FILTER (WHERE rating >= 4), coalesce(sum(transfers), 0)
    FROM analytics_contact_facts WHERE ${window} GROUP BY 1, 2, 3`);
}

/** Recomputes the one bucket a contact sits in (the listener calls it after each fact change). */
export async function refreshBucketOf(tx: DbOrTx, conversationId: string, previousQueueId?: string | null) {
  const result = await tx.execute(sql`SELECT offered_at, queue_id, channel FROM analytics_contact_facts
    WHERE conversation_id = ${conversationId}`);
  const row = result.rows[0] as { offered_at: string; queue_id: string | null; channel: string } | undefined;
  if (!row) return;
  const hour = new Date(row.offered_at);
  hour.setUTCMinutes(0, 0, 0);
  const queues = [row.queue_id, ...(previousQueueId !== undefined ? [previousQueueId] : [])];
  for (const queueId of new Set(queues)) {
    const q = queueId ?? '00000000-0000-0000-0000-000000000000';
    const bucket = sql`offered_at >= ${hour} AND offered_at < ${new Date(hour.getTime() + 3_600_000)}
      AND coalesce(queue_id, '00000000-0000-0000-0000-000000000000'::uuid) = ${q}::uuid AND channel = ${row.channel}`;
    await tx.execute(
      sql`DELETE FROM analytics_hourly WHERE hour = ${hour} AND queue_id = ${q}::uuid AND channel = ${row.channel}`,
    );
    await tx.execute(sql`INSERT INTO analytics_hourly (hour, queue_id, channel, offered, answered, abandoned_after,
        abandoned_short, within_threshold, wait_sum, handle_sum, handled, ratings, good, transfers)
      SELECT ${hour}, ${q}::uuid, ${row.channel}, count(*), count(answered_at),
        count(*) FILTER (WHERE answered_at IS NULL AND abandoned_at IS NOT NULL AND wait_seconds > ${ROLLUP_SHORT_ABANDON}),
        count(*) FILTER (WHERE answered_at IS NULL AND abandoned_at IS NOT NULL AND wait_seconds <= ${ROLLUP_SHORT_ABANDON}),
        count(*) FILTER (WHERE answered_at IS NOT NULL AND wait_seconds <= ${ROLLUP_THRESHOLD}),
        coalesce(sum(wait_seconds) FILTER (WHERE answered_at IS NOT NULL), 0), coalesce(sum(handle_seconds), 0),
        count(handle_seconds), count(rating), count(*) FILTER (WHERE rating >= 4), coalesce(sum(transfers), 0)
      FROM analytics_contact_facts WHERE ${bucket} HAVING count(*) > 0`);
  }
}
