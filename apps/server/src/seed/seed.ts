import type { BanyanApp } from '../app.ts';
import {
  DEMO_BRANCHES,
  DEMO_DEPARTMENTS,
  DEMO_SKILLS,
  DEMO_TEAMS,
  DEMO_USERS,
  seedDemoCustomers,
} from './demo-bank.ts';

export interface SeedProgress {
  (step: string, done: number, total: number): void;
}

/** The demo bank's printed sign-ins (username, password, roles). */
export const demoSignIns = () => DEMO_USERS.map((u) => ({ username: u.username, password: u.password, roles: u.roles }));

/** Seeds the demo bank once; returns false when the database already holds users. */
export async function seedDemoBank(app: BanyanApp, onProgress: SeedProgress = () => undefined): Promise<boolean> {
  const { rows } = await app.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  if ((rows[0]?.n ?? 0) > 0) return false;

  const branchIdByCode = new Map<string, string>();
  for (const b of DEMO_BRANCHES) branchIdByCode.set(b.code, (await app.staff.createBranch(null, b)).id);
  const departmentIdByCode = new Map<string, string>();
  for (const d of DEMO_DEPARTMENTS) departmentIdByCode.set(d.code, (await app.staff.createDepartment(null, d)).id);
  const teamIdByName = new Map<string, string>();
  for (const t of DEMO_TEAMS) {
    const team = await app.staff.createTeam(null, {
      name: t.name,
      departmentId: t.departmentCode ? (departmentIdByCode.get(t.departmentCode) ?? null) : null,
      branchId: t.branchCode ? (branchIdByCode.get(t.branchCode) ?? null) : null,
    });
    teamIdByName.set(t.name, team.id);
  }
  const skillIdByCode = new Map<string, string>();
  for (const s of DEMO_SKILLS) skillIdByCode.set(s.code, (await app.staff.createSkill(null, s)).id);
  onProgress('organisation', 1, 3);

  let done = 0;
  for (const u of DEMO_USERS) {
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
    onProgress('staff', ++done, DEMO_USERS.length);
  }
  await seedDemoCustomers({
    db: app.db,
    ids: app.ids,
    clock: app.clock,
    branchIdByCode,
    onProgress: (n: number, total: number) => onProgress('customers', n, total),
  });
  return true;
}
