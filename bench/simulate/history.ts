/**
 * `banyan simulate --history 30d`: a realistic past written into the analytics tables of the
 * database Banyan uses (DATABASE_URL or the embedded one), replacing earlier simulated history.
 * Seeds the demo bank first when the database is empty (queues, agents and reasons are needed).
 */
import cliProgress from 'cli-progress';
import { buildApp } from '../../apps/server/src/app.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { DEFAULT_HISTORY, simulateHistory } from '../../apps/server/src/modules/analytics/index.ts';
import { createLogger } from '../../apps/server/src/platform/logger.ts';
import { migrateAll, openDatabase } from '../../apps/server/src/runtime.ts';
import { seedDemoBank } from '../../apps/server/src/seed/seed.ts';

export async function simulateHistoryCommand(options: {
  days: number;
  contactsPerDay: number;
  seed: number;
}) {
  const config = loadConfig(process.env, {});
  const log = createLogger({ level: process.env.LOG_LEVEL ?? 'warn' });
  const database = await openDatabase(config, log);
  try {
    await migrateAll(database.pool, log);
    const app = await buildApp({ config, pool: database.pool, log });
    try {
      const users = await database.pool.query('SELECT 1 FROM users LIMIT 1');
      if (users.rows.length === 0) await seedDemoBank(app);
      // Earlier simulated history (never from an event: last_position 0) makes way for the new one.
      await database.pool.query(`WITH gone AS (
          DELETE FROM analytics_contact_facts WHERE last_position = 0 RETURNING conversation_id
        ), segments AS (
          DELETE FROM analytics_handle_segments s USING gone WHERE s.conversation_id = gone.conversation_id
        )
        DELETE FROM analytics_message_facts m USING gone WHERE m.conversation_id = gone.conversation_id`);
      const bar = new cliProgress.SingleBar(
        { format: '  simulating history [{bar}] {value}/{total} days', hideCursor: true },
        cliProgress.Presets.shades_classic,
      );
      bar.start(options.days, 0);
      const started = Date.now();
      const result = await simulateHistory(
        database.pool,
        {
          ...DEFAULT_HISTORY,
          days: options.days,
          contactsPerDay: options.contactsPerDay,
          seed: options.seed,
          now: new Date(),
        },
        (done) => bar.update(done),
      );
      bar.stop();
      process.stdout.write(
        `history: ${result.contacts.toLocaleString('en-US')} contacts and ${result.messages.toLocaleString('en-US')} customer messages over ${options.days} days in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
      );
    } finally {
      await app.stop();
    }
  } finally {
    await database.close();
  }
}
