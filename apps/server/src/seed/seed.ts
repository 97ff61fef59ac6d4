import type { BanyanApp } from '../app.ts';
import {
  DEMO_BRANCHES,
  DEMO_DEPARTMENTS,
  DEMO_SKILLS,
  DEMO_TEAMS,
  DEMO_USERS,
  seedDemoCustomers,
} from './demo-bank.ts';

export type SeedProgress = (step: string, done: number, total: number) => void;

/** The demo bank's printed sign-ins (username, password, roles). */
export const demoSignIns = () =>
  DEMO_USERS.map((u) => ({ username: u.username, password: u.password, roles: u.roles }));

/**
 * Seeds the demo bank on an empty database; returns false when staff users already exist.
 * Resumable: an interrupted first start (Ctrl-C mid-seed) completes on the next one.
 */
export async function seedDemoBank(
  app: BanyanApp,
  onProgress: SeedProgress = () => undefined,
): Promise<boolean> {
  const existingUsers = new Set(
    (await app.pool.query<{ username: string }>('SELECT username FROM users')).rows.map((r) => r.username),
  );
  if (existingUsers.size > 0 && DEMO_USERS.every((u) => existingUsers.has(u.username))) {
    const { rows } = await app.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM customers');
    if ((rows[0]?.n ?? 0) > 0) return false;
  } else if (existingUsers.size > 0 && !DEMO_USERS.some((u) => existingUsers.has(u.username))) {
    return false; // a real bank's database: never seed demo data into it
  }
  const existing = async (table: string, key: string) =>
    new Map(
      (await app.pool.query<{ k: string; id: string }>(`SELECT ${key} AS k, id FROM ${table}`)).rows.map(
        (r) => [r.k, r.id],
      ),
    );

  const branchIdByCode = await existing('branches', 'code');
  for (const b of DEMO_BRANCHES) {
    if (!branchIdByCode.has(b.code)) branchIdByCode.set(b.code, (await app.staff.createBranch(null, b)).id);
  }
  const departmentIdByCode = await existing('departments', 'code');
  for (const d of DEMO_DEPARTMENTS) {
    if (!departmentIdByCode.has(d.code))
      departmentIdByCode.set(d.code, (await app.staff.createDepartment(null, d)).id);
  }
  const teamIdByName = await existing('teams', 'name');
  for (const t of DEMO_TEAMS) {
    if (teamIdByName.has(t.name)) continue;
    const team = await app.staff.createTeam(null, {
      name: t.name,
      departmentId: t.departmentCode ? (departmentIdByCode.get(t.departmentCode) ?? null) : null,
      branchId: t.branchCode ? (branchIdByCode.get(t.branchCode) ?? null) : null,
    });
    teamIdByName.set(t.name, team.id);
  }
  const skillIdByCode = await existing('skills', 'code');
  for (const s of DEMO_SKILLS) {
    if (!skillIdByCode.has(s.code)) skillIdByCode.set(s.code, (await app.staff.createSkill(null, s)).id);
  }
  onProgress('organisation', 1, 1);

  let done = 0;
  for (const u of DEMO_USERS) {
    if (!existingUsers.has(u.username)) {
      await app.staff.createUser(null, {
        username: u.username,
        displayName: u.displayName,
        password: u.password,
        roles: u.roles,
        locale: u.locale,
        teamIds: u.teamNames.map((name) => teamIdByName.get(name)).filter((id): id is string => !!id),
        departmentId: u.departmentCode ? (departmentIdByCode.get(u.departmentCode) ?? null) : null,
        branchId: u.branchCode ? (branchIdByCode.get(u.branchCode) ?? null) : null,
        skills: u.skills
          .map((s) => ({ skillId: skillIdByCode.get(s.code) as string, proficiency: s.proficiency }))
          .filter((s) => s.skillId),
      });
    }
    onProgress('staff', ++done, DEMO_USERS.length);
  }
  await seedDemoContactCenter(app, skillIdByCode);
  await seedDemoCustomers({
    db: app.db,
    ids: app.ids,
    clock: app.clock,
    branchIdByCode,
    onProgress: (n: number, total: number) => onProgress('customers', n, total),
  });
  return true;
}

/** Chat queues per language (with the language skill) and the demo bank's website chat. */
async function seedDemoContactCenter(app: BanyanApp, skillIdByCode: Map<string, string>): Promise<void> {
  const queueIdByCode = new Map(
    (await app.pool.query<{ code: string; id: string }>('SELECT code, id FROM routing_queues')).rows.map(
      (r) => [r.code, r.id],
    ),
  );
  const queues = [
    { code: 'chat_vi', name: 'Chat — Tiếng Việt', skill: 'lang_vi', language: 'vi' },
    { code: 'chat_zh', name: 'Chat — 中文', skill: 'lang_zh', language: 'zh-CN' },
    { code: 'chat_en', name: 'Chat — English', skill: 'lang_en', language: 'en' },
  ];
  const queueByLanguage: Record<string, string> = {};
  for (const q of queues) {
    let id = queueIdByCode.get(q.code);
    if (!id) {
      const skillId = skillIdByCode.get(q.skill);
      id = await app.routing.createQueue({
        code: q.code,
        name: q.name,
        channels: ['chat'],
        requiredSkills: skillId ? [{ skillId, minProficiency: 3 }] : [],
      });
    }
    queueByLanguage[q.language] = id;
  }
  const { rows } = await app.pool.query("SELECT 1 FROM webchat_sites WHERE key = 'demo-bank'");
  if (rows.length === 0) {
    await app.webchat.createSite({
      key: 'demo-bank',
      name: 'Banyan Demo Bank',
      queueByLanguage,
      greeting: {
        en: 'Hello! How can we help you today?',
        'zh-CN': '您好！请问有什么可以帮您？',
        vi: 'Xin chào! Chúng tôi có thể giúp gì cho anh/chị?',
      },
    });
  }
}
