import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db.ts';
import type { Events } from '../../platform/events.ts';
import type { RoutingService } from './routing.service.ts';

/** Default contacts at once per channel for a new desk user (an admin changes them per agent). */
export const DEFAULT_CAPACITY: Record<string, number> = { chat: 3, voice: 1, email: 5, sms: 5, task: 10 };
const DESK_ROLES = ['agent', 'supervisor'];

/**
 * Keeps routing's copy of each agent in step with staff: skills and proficiencies, and a routing
 * row (offline, default capacities) the first time a user with a desk role appears.
 */
export function registerRoutingListeners(deps: { events: Events; routing: RoutingService }) {
  const { events, routing } = deps;

  async function sync(tx: Tx, userId: string): Promise<void> {
    const user = await tx.execute(sql`SELECT roles, status FROM users WHERE id = ${userId}`);
    const row = user.rows[0] as { roles: string[]; status: string } | undefined;
    if (!row) return;
    const skills = await tx.execute(
      sql`SELECT skill_id, proficiency FROM user_skills WHERE user_id = ${userId}`,
    );
    await routing.syncAgentSkills(
      tx,
      userId,
      (skills.rows as { skill_id: string; proficiency: number }[]).map((s) => ({
        skillId: s.skill_id,
        proficiency: s.proficiency,
      })),
    );
    if (row.roles.some((r) => DESK_ROLES.includes(r))) {
      await tx.execute(sql`INSERT INTO routing_agent_states (user_id, state, since, idle_since)
        VALUES (${userId}, 'offline', now(), now()) ON CONFLICT (user_id) DO NOTHING`);
      for (const [channel, capacity] of Object.entries(DEFAULT_CAPACITY)) {
        await tx.execute(sql`INSERT INTO routing_agent_channels (user_id, channel, capacity)
          VALUES (${userId}, ${channel}, ${capacity}) ON CONFLICT (user_id, channel) DO NOTHING`);
      }
    }
    if (row.status !== 'active') {
      await tx.execute(
        sql`UPDATE routing_agent_states SET state = 'offline', reason = NULL WHERE user_id = ${userId}`,
      );
    }
  }

  const handler = (event: { payload: unknown }, tx: Tx) =>
    sync(tx, (event.payload as { userId: string }).userId);
  events.on('staff.user_created', 'routing.sync_agent_on_create', handler);
  events.on('staff.user_updated', 'routing.sync_agent_on_update', handler);
}
