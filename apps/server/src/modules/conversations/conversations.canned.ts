import { sql } from 'drizzle-orm';
import type { Audit } from '../../platform/audit.ts';
import type { Db, Tx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { Ids } from '../../platform/ids.ts';
import { type Actor, hasPermission, requirePermission } from '../../platform/rbac.ts';

export interface CannedResponse {
  id: string;
  scope: 'personal' | 'team' | 'global';
  teamId: string | null;
  shortcut: string;
  title: string;
  bodies: Record<string, string>;
}

interface Row {
  id: string;
  owner_id: string | null;
  team_id: string | null;
  shortcut: string;
  title: string;
  bodies: Record<string, string>;
}

const toCanned = (r: Row): CannedResponse => ({
  id: r.id,
  scope: r.owner_id ? 'personal' : r.team_id ? 'team' : 'global',
  teamId: r.team_id,
  shortcut: r.shortcut,
  title: r.title,
  bodies: r.bodies,
});

/**
 * Canned responses: an agent writes personal ones; a supervisor writes their teams' ones; an
 * administrator writes the bank-wide ones and any team's. Everyone sees their own, their teams' and
 * the global. Shared (team and global) ones are what the bank says to customers: their changes are
 * audited; personal ones are the agent's own notes and are not.
 */
export function createCannedResponses(deps: { db: Db; ids: Ids; audit: Audit }) {
  const { db, ids, audit } = deps;

  async function recordShared(
    tx: Tx,
    actor: Actor | null,
    action: 'created' | 'updated' | 'deleted',
    item: CannedResponse,
  ): Promise<void> {
    if (item.scope === 'personal') return;
    await audit.record(tx, {
      actorId: actor?.userId ?? null,
      actorName: actor?.username ?? 'system',
      action: `conversation.canned_${action}`,
      targetType: 'canned_response',
      targetId: item.id,
      ip: actor?.ip ?? null,
      details: { scope: item.scope, teamId: item.teamId, shortcut: item.shortcut },
    });
  }

  /**
   * The shared responses an actor manages: an administrator (`staff.manage`) every team's and the
   * global ones; a supervisor the global ones (to read) and their own teams'.
   */
  async function listManaged(actor: Actor): Promise<CannedResponse[]> {
    if (hasPermission(actor, 'staff.manage')) {
      const result = await db.execute(sql`SELECT * FROM canned_responses WHERE owner_id IS NULL
        ORDER BY team_id NULLS FIRST, shortcut`);
      return (result.rows as unknown as Row[]).map(toCanned);
    }
    requirePermission(actor, 'supervisor.view');
    const teams = `{${actor.teamIds.join(',')}}`;
    const result = await db.execute(sql`SELECT * FROM canned_responses WHERE owner_id IS NULL
        AND (team_id IS NULL OR team_id = ANY(${teams}::uuid[]))
      ORDER BY team_id NULLS FIRST, shortcut`);
    return (result.rows as unknown as Row[]).map(toCanned);
  }

  async function listFor(actor: Actor): Promise<CannedResponse[]> {
    requirePermission(actor, 'desk.use');
    const teams = actor.teamIds.length ? actor.teamIds : ['00000000-0000-0000-0000-000000000000'];
    const result = await db.execute(sql`SELECT * FROM canned_responses
      WHERE owner_id = ${actor.userId} OR team_id IN ${teams} OR (owner_id IS NULL AND team_id IS NULL)
      ORDER BY shortcut`);
    return (result.rows as unknown as Row[]).map(toCanned);
  }

  function assertMayWrite(actor: Actor, scope: CannedResponse['scope'], teamId: string | null): void {
    if (scope === 'personal') requirePermission(actor, 'desk.use');
    if (scope === 'global' && !hasPermission(actor, 'staff.manage'))
      throw new AppError('AUTH_FORBIDDEN', 403);
    if (
      scope === 'team' &&
      !(
        teamId &&
        (hasPermission(actor, 'staff.manage') ||
          (hasPermission(actor, 'supervisor.view') && actor.teamIds.includes(teamId)))
      )
    ) {
      throw new AppError('AUTH_FORBIDDEN', 403);
    }
  }

  /** Creates a canned response; `actor` null is the system (the seed), for bank-wide ones only. */
  async function create(
    actor: Actor | null,
    input: {
      scope: CannedResponse['scope'];
      teamId?: string | null;
      shortcut: string;
      title: string;
      bodies: Record<string, string>;
    },
  ): Promise<CannedResponse> {
    if (actor) assertMayWrite(actor, input.scope, input.teamId ?? null);
    else if (input.scope !== 'global') throw new AppError('AUTH_FORBIDDEN', 403);
    return db.transaction(async (tx) => {
      if (input.scope === 'team') {
        const team = await tx.execute(sql`SELECT 1 FROM teams WHERE id = ${input.teamId ?? null}`);
        if (team.rows.length === 0) throw new AppError('STAFF_TEAM_NOT_FOUND', 400);
      }
      const result =
        await tx.execute(sql`INSERT INTO canned_responses (id, owner_id, team_id, shortcut, title, bodies)
        VALUES (${ids.uuid()}, ${input.scope === 'personal' ? (actor?.userId ?? null) : null}, ${input.scope === 'team' ? (input.teamId ?? null) : null},
          ${input.shortcut}, ${input.title}, ${JSON.stringify(input.bodies)}::jsonb) RETURNING *`);
      const item = toCanned(result.rows[0] as unknown as Row);
      await recordShared(tx, actor, 'created', item);
      return item;
    });
  }

  async function load(id: string): Promise<Row> {
    const result = await db.execute(sql`SELECT * FROM canned_responses WHERE id = ${id}`);
    const row = result.rows[0] as unknown as Row | undefined;
    if (!row) throw new AppError('CONVERSATION_CANNED_NOT_FOUND', 404);
    return row;
  }

  /** `sharedOnly`: the caller is Admin, where a personal response is not found. */
  function assertOwns(actor: Actor, row: Row, sharedOnly = false): void {
    const item = toCanned(row);
    if (sharedOnly && item.scope === 'personal') throw new AppError('CONVERSATION_CANNED_NOT_FOUND', 404);
    if (item.scope === 'personal' && row.owner_id !== actor.userId)
      throw new AppError('CONVERSATION_CANNED_NOT_FOUND', 404);
    assertMayWrite(actor, item.scope, row.team_id);
  }

  async function update(
    actor: Actor,
    id: string,
    input: { shortcut?: string; title?: string; bodies?: Record<string, string> },
    options: { sharedOnly?: boolean } = {},
  ) {
    assertOwns(actor, await load(id), options.sharedOnly);
    return db.transaction(async (tx) => {
      const result = await tx.execute(sql`UPDATE canned_responses SET
          shortcut = coalesce(${input.shortcut ?? null}, shortcut), title = coalesce(${input.title ?? null}, title),
          bodies = coalesce(${input.bodies ? JSON.stringify(input.bodies) : null}::jsonb, bodies), updated_at = now()
        WHERE id = ${id} RETURNING *`);
      const item = toCanned(result.rows[0] as unknown as Row);
      await recordShared(tx, actor, 'updated', item);
      return item;
    });
  }

  async function remove(actor: Actor, id: string, options: { sharedOnly?: boolean } = {}): Promise<void> {
    const row = await load(id);
    assertOwns(actor, row, options.sharedOnly);
    await db.transaction(async (tx) => {
      await tx.execute(sql`DELETE FROM canned_responses WHERE id = ${id}`);
      await recordShared(tx, actor, 'deleted', toCanned(row));
    });
  }

  return { listFor, listManaged, create, update, remove };
}

export type CannedResponses = ReturnType<typeof createCannedResponses>;

/** Fills `{customerName}`-style variables; unknown ones stay as written so the agent sees them. */
export function fillTemplate(body: string, values: Record<string, string>): string {
  return body.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
