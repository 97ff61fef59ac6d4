import { sql } from 'drizzle-orm';
import type { Audit } from '../../../platform/audit.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Db, DbOrTx } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { type Actor, requirePermission } from '../../../platform/rbac.ts';

export interface Suppression {
  address: string;
  reason: string;
  notificationId: string | null;
  createdAt: Date;
}

const ADDRESS = /^[^\s@<>()",;:\\]+@[^\s@<>()",;:\\]+\.[^\s@<>()",;:\\]+$/;

/**
 * The email suppression list: addresses that hard-bounced our mail. The notifications pipeline asks
 * `isSuppressed` before each send and stores such mail as `suppressed` (`SUPPRESSED`); admins see the
 * list and take an address off it (audited) when the customer's mailbox works again.
 */
export function createEmailSuppressions(deps: { db: Db; clock: Clock; audit: Audit }) {
  const { db, clock, audit } = deps;

  async function isSuppressed(address: string): Promise<boolean> {
    const result = await db.execute(
      sql`SELECT 1 FROM email_suppressions WHERE address = ${address.trim().toLowerCase()}`,
    );
    return result.rows.length > 0;
  }

  /** Puts an address on the list (first reason wins); idempotent. */
  async function suppress(
    tx: DbOrTx,
    input: { address: string; reason: string; notificationId: string | null },
  ): Promise<void> {
    await tx.execute(sql`INSERT INTO email_suppressions (address, reason, notification_id, created_at)
      VALUES (${input.address.trim().toLowerCase()}, ${input.reason.slice(0, 500)}, ${input.notificationId}, ${clock.now()})
      ON CONFLICT (address) DO NOTHING`);
  }

  async function listSuppressions(actor: Actor, input: { limit?: number } = {}): Promise<Suppression[]> {
    requirePermission(actor, 'staff.manage');
    const limit = Math.min(Math.max(input.limit ?? 100, 1), 500);
    const result = await db.execute(sql`SELECT address, reason, notification_id, created_at
      FROM email_suppressions ORDER BY created_at DESC, address LIMIT ${limit}`);
    return (
      result.rows as { address: string; reason: string; notification_id: string | null; created_at: Date }[]
    ).map((r) => ({
      address: r.address,
      reason: r.reason,
      notificationId: r.notification_id,
      createdAt: new Date(r.created_at),
    }));
  }

  async function removeSuppression(actor: Actor, address: string): Promise<void> {
    requirePermission(actor, 'staff.manage');
    const normalized = address.trim().toLowerCase();
    if (!ADDRESS.test(normalized) || normalized.length > 320)
      throw new AppError('EMAIL_ADDRESS_INVALID', 400);
    await db.transaction(async (tx) => {
      const removed = await tx.execute(
        sql`DELETE FROM email_suppressions WHERE address = ${normalized} RETURNING address`,
      );
      if (removed.rows.length === 0) throw new AppError('EMAIL_SUPPRESSION_NOT_FOUND', 404);
      await audit.record(tx, {
        actorId: actor.userId,
        actorName: actor.username,
        action: 'email.suppression_removed',
        targetType: 'email_address',
        targetId: normalized,
        ip: actor.ip,
      });
    });
  }

  return { isSuppressed, suppress, listSuppressions, removeSuppression };
}

export type EmailSuppressions = ReturnType<typeof createEmailSuppressions>;
