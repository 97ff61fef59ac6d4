import { createHash } from 'node:crypto';
import { and, desc, eq, gte, lt, lte, sql } from 'drizzle-orm';
import type { Clock } from './clock.ts';
import type { Db, DbOrTx } from './db.ts';
import type { Ids } from './ids.ts';
import { auditHead, auditLog } from './platform.schema.ts';

export interface AuditEntry {
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditRecord extends Required<Omit<AuditEntry, 'details'>> {
  seq: number;
  id: string;
  at: Date;
  details: Record<string, unknown>;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with sorted keys, so a row hashes the same after a round trip through jsonb. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function hashAuditRow(prevHash: string, row: Omit<AuditRecord, 'hash' | 'prevHash'>): string {
  const body = canonicalJson({
    seq: row.seq,
    id: row.id,
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorName: row.actorName,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    ip: row.ip,
    details: row.details,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

export interface AuditFilters {
  action?: string;
  actorId?: string;
  from?: Date;
  to?: Date;
  before?: number;
  limit?: number;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  brokenAtSeq: number | null;
  reason: 'edited' | 'deleted' | 'head_mismatch' | null;
}

/**
 * The append-only, hash-chained audit log. `record` must run inside the transaction of the change it
 * describes; the row lock on audit_head orders concurrent writers into one chain.
 */
export function createAudit(deps: { db: Db; clock: Clock; ids: Ids }) {
  const { db, clock, ids } = deps;

  async function record(tx: DbOrTx, entry: AuditEntry): Promise<AuditRecord> {
    const head = await tx.execute(sql`SELECT seq, hash FROM audit_head WHERE id = 'head' FOR UPDATE`);
    const prev = (head.rows[0] as { seq: number; hash: string } | undefined) ?? {
      seq: 0,
      hash: GENESIS_HASH,
    };
    const row = {
      seq: Number(prev.seq) + 1,
      id: ids.uuid(),
      at: clock.now(),
      actorId: entry.actorId,
      actorName: entry.actorName,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      ip: entry.ip ?? null,
      details: entry.details ?? {},
    };
    const hash = hashAuditRow(prev.hash, row);
    await tx.insert(auditLog).values({ ...row, prevHash: prev.hash, hash });
    await tx
      .insert(auditHead)
      .values({ id: 'head', seq: row.seq, hash })
      .onConflictDoUpdate({ target: auditHead.id, set: { seq: row.seq, hash } });
    return { ...row, prevHash: prev.hash, hash } as AuditRecord;
  }

  /** Records an entry in a transaction of its own (for reads worth auditing, like exports). */
  const recordAlone = (entry: AuditEntry) => db.transaction((tx) => record(tx, entry));

  function whereOf(filters: AuditFilters) {
    return and(
      filters.action ? eq(auditLog.action, filters.action) : undefined,
      filters.actorId ? eq(auditLog.actorId, filters.actorId) : undefined,
      filters.from ? gte(auditLog.at, filters.from) : undefined,
      filters.to ? lte(auditLog.at, filters.to) : undefined,
      filters.before ? lt(auditLog.seq, filters.before) : undefined,
    );
  }

  async function listAudit(filters: AuditFilters) {
    const limit = Math.min(filters.limit ?? 50, 500);
    const rows = await db
      .select()
      .from(auditLog)
      .where(whereOf(filters))
      .orderBy(desc(auditLog.seq))
      .limit(limit + 1);
    const items = rows.slice(0, limit);
    return { items, nextBefore: rows.length > limit ? (items.at(-1)?.seq ?? null) : null };
  }

  /** Streams matching rows, newest first, in pages (for CSV export). */
  async function* iterateAudit(filters: Omit<AuditFilters, 'before' | 'limit'>) {
    let before: number | undefined;
    for (;;) {
      const page = await listAudit({ ...filters, before, limit: 500 });
      yield* page.items;
      if (page.nextBefore === null) return;
      before = page.nextBefore;
    }
  }

  async function listAuditActions(): Promise<string[]> {
    const rows = await db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(auditLog.action);
    return rows.map((r) => r.action);
  }

  /** Walks the whole chain; detects an edited row, a deleted row and a deleted tail. */
  async function verify(onProgress?: (checked: number, total: number) => void): Promise<VerifyResult> {
    const total = Number(
      ((await db.execute(sql`SELECT count(*)::bigint AS n FROM audit_log`)).rows[0] as { n: number }).n,
    );
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    let checked = 0;
    for (;;) {
      const rows = await db
        .select()
        .from(auditLog)
        .where(gte(auditLog.seq, expectedSeq))
        .orderBy(auditLog.seq)
        .limit(1000);
      if (rows.length === 0) break;
      for (const row of rows) {
        if (row.seq !== expectedSeq || row.prevHash !== prevHash) {
          return { ok: false, checked, brokenAtSeq: expectedSeq, reason: 'deleted' };
        }
        const details = (row.details ?? {}) as Record<string, unknown>;
        if (hashAuditRow(prevHash, { ...row, details }) !== row.hash) {
          return { ok: false, checked, brokenAtSeq: row.seq, reason: 'edited' };
        }
        prevHash = row.hash;
        expectedSeq++;
        checked++;
      }
      onProgress?.(checked, total);
    }
    const head = (await db.select().from(auditHead).where(eq(auditHead.id, 'head')))[0];
    if (head && (head.seq !== expectedSeq - 1 || head.hash !== prevHash)) {
      return { ok: false, checked, brokenAtSeq: expectedSeq, reason: 'head_mismatch' };
    }
    return { ok: true, checked, brokenAtSeq: null, reason: null };
  }

  return { record, recordAlone, listAudit, iterateAudit, listAuditActions, verify };
}

export type Audit = ReturnType<typeof createAudit>;
