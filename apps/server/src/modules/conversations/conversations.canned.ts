import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
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
 * administrator writes the bank-wide ones. Everyone sees their own, their teams' and the global.
 */
export function createCannedResponses(deps: { db: Db; ids: Ids }) {
  const { db, ids } = deps;

  async function listFor(actor: Actor): Promise<CannedResponse[]> {
    requirePermission(actor, 'desk.use');
    const teams = actor.teamIds.length ? actor.teamIds : ['00000000-0000-0000-0000-000000000000'];
    const result = await db.execute(sql`SELECT * FROM canned_responses
      WHERE owner_id = ${actor.userId} OR team_id IN ${teams} OR (owner_id IS NULL AND team_id IS NULL)
      ORDER BY shortcut`);
    return (result.rows as unknown as Row[]).map(toCanned);
  }

  function assertMayWrite(actor: Actor, scope: CannedResponse['scope'], teamId: string | null): void {
    requirePermission(actor, 'desk.use');
    if (scope === 'global' && !hasPermission(actor, 'staff.manage'))
      throw new AppError('AUTH_FORBIDDEN', 403);
    if (
      scope === 'team' &&
      !(hasPermission(actor, 'supervisor.view') && teamId && actor.teamIds.includes(teamId))
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
    const result =
      await db.execute(sql`INSERT INTO canned_responses (id, owner_id, team_id, shortcut, title, bodies)
      VALUES (${ids.uuid()}, ${input.scope === 'personal' ? (actor?.userId ?? null) : null}, ${input.scope === 'team' ? (input.teamId ?? null) : null},
        ${input.shortcut}, ${input.title}, ${JSON.stringify(input.bodies)}::jsonb) RETURNING *`);
    return toCanned(result.rows[0] as unknown as Row);
  }

  async function load(id: string): Promise<Row> {
    const result = await db.execute(sql`SELECT * FROM canned_responses WHERE id = ${id}`);
    const row = result.rows[0] as unknown as Row | undefined;
    if (!row) throw new AppError('CONVERSATION_CANNED_NOT_FOUND', 404);
    return row;
  }

  function assertOwns(actor: Actor, row: Row): void {
    const item = toCanned(row);
    if (item.scope === 'personal' && row.owner_id !== actor.userId)
      throw new AppError('CONVERSATION_CANNED_NOT_FOUND', 404);
    assertMayWrite(actor, item.scope, row.team_id);
  }

  async function update(
    actor: Actor,
    id: string,
    input: { shortcut?: string; title?: string; bodies?: Record<string, string> },
  ) {
    assertOwns(actor, await load(id));
    const result = await db.execute(sql`UPDATE canned_responses SET
        shortcut = coalesce(${input.shortcut ?? null}, shortcut), title = coalesce(${input.title ?? null}, title),
        bodies = coalesce(${input.bodies ? JSON.stringify(input.bodies) : null}::jsonb, bodies), updated_at = now()
      WHERE id = ${id} RETURNING *`);
    return toCanned(result.rows[0] as unknown as Row);
  }

  async function remove(actor: Actor, id: string): Promise<void> {
    assertOwns(actor, await load(id));
    await db.execute(sql`DELETE FROM canned_responses WHERE id = ${id}`);
  }

  return { listFor, create, update, remove };
}

export type CannedResponses = ReturnType<typeof createCannedResponses>;

/** Fills `{customerName}`-style variables; unknown ones stay as written so the agent sees them. */
export function fillTemplate(body: string, values: Record<string, string>): string {
  return body.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
