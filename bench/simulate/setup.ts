/**
 * Puts the simulation in place through the administration API, idempotently: one skill and one
 * chat queue per simulated queue (offers that never expire during a run, no auto-accept), agents
 * who hold only that skill, an observer (supervisor) who sees every routing event, and the widget
 * site's queue per language pointed at the simulated queues (restored afterwards).
 */
import { type StaffSession, staffRequest } from './http.ts';

export const LANGUAGES = ['en', 'vi', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];
export const SIM_PASSWORD = 'Simulated!agent1';

export interface SimQueue {
  index: number;
  code: string;
  id: string;
  skillId: string;
  language: Language;
}

export interface Placed {
  queues: SimQueue[];
  /** usernames of the agents, per queue */
  agents: string[][];
  observer: string;
  site: { id: string; originalQueueByLanguage: Record<string, string> };
}

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

export async function placeSimulation(
  url: string,
  admin: StaffSession,
  options: { queues: number; agentsPerQueue: number; siteKey: string; onProgress?: (text: string) => void },
): Promise<Placed> {
  const say = options.onProgress ?? (() => undefined);
  const api = <T>(path: string, init: { method?: string; body?: unknown } = {}) =>
    staffRequest<T>(url, admin, `/api/v1${path}`, init);

  const skills = (await api<{ items: { id: string; code: string }[] }>('/admin/skills')).items;
  const existingQueues = (await api<{ items: { id: string; code: string }[] }>('/admin/queues')).items;
  const queues: SimQueue[] = [];
  for (let i = 0; i < options.queues; i++) {
    const code = `sim_q${i + 1}`;
    let skill = skills.find((s) => s.code === code);
    skill ??= await api<{ id: string; code: string }>('/admin/skills', {
      method: 'POST',
      body: { code, name: `Simulation queue ${i + 1}` },
    });
    const settings = {
      name: `Simulation queue ${i + 1}`,
      channels: ['chat'],
      requiredSkills: [{ skillId: skill.id, minProficiency: 1 }],
      // A stalled machine must not turn into missed offers (two send an agent away).
      offerTimeoutSeconds: 600,
      maxSize: 100_000,
      autoAccept: false,
    };
    const found = existingQueues.find((q) => q.code === code);
    const id = found
      ? (await api<{ id: string }>(`/admin/queues/${found.id}`, { method: 'PATCH', body: settings })).id
      : (await api<{ id: string }>('/admin/queues', { method: 'POST', body: { code, ...settings } })).id;
    queues.push({ index: i, code, id, skillId: skill.id, language: LANGUAGES[i] as Language });
  }

  // Existing simulated users (a second run against the same server reuses them).
  const known = new Set<string>();
  for (let offset = 0; offset < 20_000; offset += 200) {
    const page = await api<{ items: { username: string }[]; total: number }>(
      `/admin/users?q=sim.&limit=200&offset=${offset}`,
    );
    for (const u of page.items) known.add(u.username);
    if (offset + 200 >= page.total) break;
  }
  const agents = queues.map((q) =>
    Array.from({ length: options.agentsPerQueue }, (_, j) => `sim.${q.code.slice(4)}.agent${j + 1}`),
  );
  const observer = 'sim.observer';
  const toCreate = [
    ...(known.has(observer) ? [] : [{ username: observer, roles: ['supervisor'], skills: [] as unknown[] }]),
    ...queues.flatMap((q, i) =>
      (agents[i] as string[])
        .filter((u) => !known.has(u))
        .map((username) => ({
          username,
          roles: ['agent'],
          skills: [{ skillId: q.skillId, proficiency: 3 }],
        })),
    ),
  ];
  let created = 0;
  await pool(toCreate, 4, async (u) => {
    await api('/admin/users', {
      method: 'POST',
      body: {
        username: u.username,
        displayName: `Simulated ${u.username.slice(4)}`,
        password: SIM_PASSWORD,
        roles: u.roles,
        skills: u.skills,
        locale: 'en',
      },
    });
    created++;
    if (created % 10 === 0 || created === toCreate.length)
      say(`users created: ${created}/${toCreate.length}`);
  });

  const sites = (
    await api<{ items: { id: string; key: string; queueByLanguage: Record<string, string> }[] }>(
      '/admin/webchat-sites',
    )
  ).items;
  const site = sites.find((s) => s.key === options.siteKey);
  if (!site) throw new Error(`no widget site with key "${options.siteKey}" (see --site-key)`);
  const queueByLanguage: Record<string, string> = {};
  for (const q of queues) queueByLanguage[q.language] = q.id;
  await api(`/admin/webchat-sites/${site.id}`, { method: 'PATCH', body: { queueByLanguage } });
  return {
    queues,
    agents,
    observer,
    site: { id: site.id, originalQueueByLanguage: site.queueByLanguage },
  };
}

/** Puts the widget site's queues back as they were before the run. */
export async function restoreSite(url: string, admin: StaffSession, placed: Placed): Promise<void> {
  await staffRequest(url, admin, `/api/v1/admin/webchat-sites/${placed.site.id}`, {
    method: 'PATCH',
    body: { queueByLanguage: placed.site.originalQueueByLanguage },
  });
}

export { pool as runPool };
