/**
 * Order of service, as pure functions (the SQL in routing.service.ts follows the same rules).
 *
 * Contacts: highest effective priority first, where effective = base priority + whole aging steps
 * waited (one point per `agingSeconds`), so a low-priority contact is never starved; ties go to
 * the longest wait. Agents: among eligible agents (available, free capacity on the channel, every
 * required skill at its minimum), the best-skilled (sum of proficiencies in the required skills),
 * then the longest idle (oldest last assignment).
 */

export const VIP_PRIORITY: Record<string, number> = { none: 0, silver: 10, gold: 20, platinum: 30 };
export const COMPLAINT_PRIORITY = 20;
export const CALLBACK_PRIORITY = 15;

export function basePriority(input: {
  vipTier?: string | null;
  isComplaint?: boolean;
  isCallback?: boolean;
}): number {
  return (
    (VIP_PRIORITY[input.vipTier ?? 'none'] ?? 0) +
    (input.isComplaint ? COMPLAINT_PRIORITY : 0) +
    (input.isCallback ? CALLBACK_PRIORITY : 0)
  );
}

export function effectivePriority(
  priority: number,
  enqueuedAt: Date,
  now: Date,
  agingSeconds: number,
): number {
  const waited = Math.max(0, now.getTime() - enqueuedAt.getTime()) / 1000;
  return priority + Math.floor(waited / Math.max(1, agingSeconds));
}

export interface WaitingContact {
  id: string;
  priority: number;
  enqueuedAt: Date;
}

/** Sorts contacts in order of service (best first). */
export function orderContacts<T extends WaitingContact>(items: T[], now: Date, agingSeconds: number): T[] {
  return [...items].sort((a, b) => {
    const diff =
      effectivePriority(b.priority, b.enqueuedAt, now, agingSeconds) -
      effectivePriority(a.priority, a.enqueuedAt, now, agingSeconds);
    return diff !== 0 ? diff : a.enqueuedAt.getTime() - b.enqueuedAt.getTime();
  });
}

export interface CandidateAgent {
  userId: string;
  skills: Record<string, number>;
  idleSince: Date;
}

/** Skill score of an agent for the requirements, or null when not eligible. */
export function skillScore(
  agent: CandidateAgent,
  required: { skillId: string; minProficiency: number }[],
): number | null {
  let score = 0;
  for (const r of required) {
    const level = agent.skills[r.skillId];
    if (level === undefined || level < r.minProficiency) return null;
    score += level;
  }
  return score;
}

/** The agent to offer to: best-skilled, then longest idle; null when nobody is eligible. */
export function chooseAgent<T extends CandidateAgent>(
  agents: T[],
  required: { skillId: string; minProficiency: number }[],
): T | null {
  let best: { agent: T; score: number } | null = null;
  for (const agent of agents) {
    const score = skillScore(agent, required);
    if (score === null) continue;
    if (!best || score > best.score || (score === best.score && agent.idleSince < best.agent.idleSince)) {
      best = { agent, score };
    }
  }
  return best?.agent ?? null;
}

/** An agent the router has locked for a batch: skill score, idle time, free places on the channel. */
export interface EligibleAgent {
  userId: string;
  score: number;
  idleSince: Date;
  spare: number;
}

export interface MatchableContact {
  id: string;
  declined_by: string[];
  sticky_agent_id: string | null;
  sticky_until: string | Date | null;
}

/**
 * Matches contacts (already in order of service) to locked agents, the way one decision at a time
 * would: each contact goes to its sticky agent when that agent is free, otherwise to the best-skilled,
 * longest-idle agent who has not declined it. An agent who gets one ranks as just-busy (behind equal
 * scores) and leaves once full. A contact nobody can take stops the batch unless some agents declined
 * it (others may still take the contacts behind it).
 */
export function matchContacts<C extends MatchableContact>(
  contacts: C[],
  agents: EligibleAgent[],
  now: Date,
  max: number,
): Array<{ item: C; agentId: string }> {
  const pool = [...agents].sort((a, b) => b.score - a.score || a.idleSince.getTime() - b.idleSince.getTime());
  const matches: Array<{ item: C; agentId: string }> = [];
  for (const contact of contacts) {
    if (matches.length >= max) break;
    const sticky =
      contact.sticky_agent_id && contact.sticky_until && new Date(contact.sticky_until) > now
        ? contact.sticky_agent_id
        : null;
    let index = sticky ? pool.findIndex((a) => a.userId === sticky) : -1;
    if (index < 0) index = pool.findIndex((a) => !contact.declined_by.includes(a.userId));
    if (index < 0) {
      if (contact.declined_by.length === 0) break;
      continue;
    }
    const [agent] = pool.splice(index, 1) as [EligibleAgent];
    matches.push({ item: contact, agentId: agent.userId });
    if (--agent.spare > 0) {
      // Just busy: behind every agent with the same score, ahead of lower scores.
      let at = pool.findIndex((a) => a.score < agent.score);
      if (at < 0) at = pool.length;
      pool.splice(at, 0, { ...agent, idleSince: now });
    }
  }
  return matches;
}
