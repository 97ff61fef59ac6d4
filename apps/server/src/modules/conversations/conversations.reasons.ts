import { sql } from 'drizzle-orm';
import type { Audit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, translateUniqueViolation } from '../../platform/errors.ts';
import type { Ids } from '../../platform/ids.ts';
import { type Actor, requirePermission } from '../../platform/rbac.ts';

export interface ContactReason {
  id: string;
  parentId: string | null;
  code: string;
  names: Record<string, string>;
  sort: number;
  isActive: boolean;
}

interface Row {
  id: string;
  parent_id: string | null;
  code: string;
  names: Record<string, string>;
  sort: number;
  is_active: boolean;
}

const toReason = (r: Row): ContactReason => ({
  id: r.id,
  parentId: r.parent_id,
  code: r.code,
  names: r.names,
  sort: r.sort,
  isActive: r.is_active,
});

/** The contact-reason hierarchy, managed by administrators, chosen at wrap-up and on cases. */
export function createContactReasons(deps: { db: Db; ids: Ids; audit: Audit }) {
  const { db, ids, audit } = deps;

  async function listReasons(options: { includeInactive: boolean }): Promise<ContactReason[]> {
    const result = await db.execute(sql`SELECT * FROM contact_reasons
      ${options.includeInactive ? sql`` : sql`WHERE is_active`} ORDER BY parent_id NULLS FIRST, sort, code`);
    return (result.rows as unknown as Row[]).map(toReason);
  }

  /** Throws unless `id` names an active reason (closing a conversation needs one). */
  async function assertActive(id: string): Promise<void> {
    const result = await db.execute(sql`SELECT 1 FROM contact_reasons WHERE id = ${id} AND is_active`);
    if (result.rows.length === 0) throw new AppError('CONVERSATION_CONTACT_REASON_INVALID', 400);
  }

  async function createReason(
    actor: Actor | null,
    input: {
      id?: string;
      parentId?: string | null;
      code: string;
      names: Record<string, string>;
      sort?: number;
    },
  ): Promise<ContactReason> {
    if (actor) requirePermission(actor, 'staff.manage');
    return db
      .transaction(async (tx) => {
        if (input.parentId) {
          const parent = await tx.execute(sql`SELECT 1 FROM contact_reasons WHERE id = ${input.parentId}`);
          if (parent.rows.length === 0) throw new AppError('CONVERSATION_CONTACT_REASON_INVALID', 400);
        }
        const result = await tx.execute(sql`INSERT INTO contact_reasons (id, parent_id, code, names, sort)
          VALUES (${input.id ?? ids.uuid()}, ${input.parentId ?? null}, ${input.code}, ${JSON.stringify(input.names)}::jsonb,
            ${input.sort ?? 0}) RETURNING *`);
        const reason = toReason(result.rows[0] as unknown as Row);
        await audit.record(tx, {
          actorId: actor?.userId ?? null,
          actorName: actor?.username ?? 'system',
          action: 'conversation.contact_reason_created',
          targetType: 'contact_reason',
          targetId: reason.id,
          ip: actor?.ip ?? null,
          details: { code: reason.code },
        });
        return reason;
      })
      .catch((error) =>
        translateUniqueViolation(error, {
          contact_reasons_code_key: 'CONVERSATION_CONTACT_REASON_CODE_TAKEN',
        }),
      );
  }

  async function updateReason(
    actor: Actor,
    id: string,
    input: { names?: Record<string, string>; sort?: number; isActive?: boolean },
  ): Promise<ContactReason> {
    requirePermission(actor, 'staff.manage');
    return db.transaction(async (tx) => {
      const result = await tx.execute(sql`UPDATE contact_reasons SET
          names = coalesce(${input.names ? JSON.stringify(input.names) : null}::jsonb, names),
          sort = coalesce(${input.sort ?? null}::int, sort),
          is_active = coalesce(${input.isActive ?? null}::boolean, is_active)
        WHERE id = ${id} RETURNING *`);
      const row = result.rows[0] as unknown as Row | undefined;
      if (!row) throw new AppError('CONVERSATION_CONTACT_REASON_INVALID', 404);
      await audit.record(tx, {
        actorId: actor.userId,
        actorName: actor.username,
        action: 'conversation.contact_reason_updated',
        targetType: 'contact_reason',
        targetId: id,
        ip: actor.ip,
        details: { changed: Object.keys(input) },
      });
      return toReason(row);
    });
  }

  return { listReasons, assertActive, createReason, updateReason };
}

export type ContactReasons = ReturnType<typeof createContactReasons>;
