import type { BanyanApp } from '../app.ts';

/**
 * Demo SLA policies: complaints and incidents on the Vietnamese office calendar, with the default
 * escalation chain (owner at 50 %, team lead at 80 %, department head at 100 %). Idempotent.
 */
export async function seedDemoCases(app: BanyanApp): Promise<void> {
  const { rows } = await app.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM case_sla_policies');
  if ((rows[0]?.n ?? 0) > 0) return;
  const policies = [
    {
      name: 'Complaints',
      caseType: 'complaint' as const,
      firstResponseMinutes: 120,
      nextUpdateMinutes: 24 * 60,
      resolutionMinutes: 5 * 8 * 60,
    },
    {
      name: 'Incidents — urgent',
      caseType: 'incident' as const,
      priority: 'urgent' as const,
      firstResponseMinutes: 30,
      resolutionMinutes: 4 * 60,
    },
    {
      name: 'Service requests',
      caseType: 'service_request' as const,
      firstResponseMinutes: 8 * 60,
      resolutionMinutes: 3 * 8 * 60,
    },
  ];
  for (const p of policies) await app.cases.createSlaPolicy(null, { calendarCode: 'VN', ...p });
}
