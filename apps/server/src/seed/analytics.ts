import type { BanyanApp } from '../app.ts';
import { DEFAULT_HISTORY, simulateHistory } from '../modules/analytics/index.ts';
import type { SeedProgress } from './seed.ts';

/**
 * A month of contact history for the demo bank, so every report and the hot topics show something
 * on the first start (a few seconds; see docs/performance.md § Analytics). Skipped when any facts exist.
 */
export async function seedAnalyticsHistory(app: BanyanApp, onProgress: SeedProgress): Promise<void> {
  const { rows } = await app.pool.query('SELECT 1 FROM analytics_contact_facts LIMIT 1');
  if (rows.length > 0) return;
  await simulateHistory(app.pool, { ...DEFAULT_HISTORY, now: app.clock.now() }, (done, total) =>
    onProgress('contact history', done, total),
  );
}
