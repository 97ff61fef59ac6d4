/**
 * Runs one simulation: starts a Banyan on a fresh database unless `--url` names one (embedded
 * PostgreSQL in a temporary directory, or a throwaway database on DATABASE_URL, created and
 * dropped), prints progress and the report, and stops what it started.
 */
import cliProgress from 'cli-progress';
import pg from 'pg';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../../apps/server/src/platform/embedded-pg.ts';
import { createLogger } from '../../apps/server/src/platform/logger.ts';
import { type BanyanProcess, makeDataDir, removeDataDir, startBanyan, writeResults } from '../lib.ts';
import { agentsFor, renderReport, type SimulateCliOptions } from './command.ts';
import { closeSockets } from './http.ts';
import { type Progress, runSimulation } from './simulate.ts';

const say = (text: string) => process.stderr.write(`  ${text}\n`);

export async function simulateAndReport(o: SimulateCliOptions): Promise<number> {
  const agents = agentsFor(o);
  let server: BanyanProcess | null = null;
  let embedded: EmbeddedPostgres | null = null;
  let dataDir: string | null = null;
  let dbDir: string | null = null;
  let throwaway: { adminUrl: string; name: string } | null = null;
  let url = o.url;
  let databaseUrl: string | undefined;
  const bar = process.stderr.isTTY
    ? new cliProgress.SingleBar(
        {
          format:
            '  simulating [{bar}] {value}/{total} contacts | waiting {waiting} | answered {answered} | abandoned {abandoned}',
          hideCursor: true,
          stream: process.stderr,
        },
        cliProgress.Presets.shades_classic,
      )
    : null;
  let barStarted = false;
  let lastPrinted = 0;
  const onProgress = (p: Progress) => {
    if (bar) {
      if (!barStarted) bar.start(p.total, 0, p);
      barStarted = true;
      bar.update(p.launched, p);
    } else if (Date.now() - lastPrinted > 10_000) {
      lastPrinted = Date.now();
      say(
        `${p.launched}/${p.total} contacts, ${p.waiting} waiting, ${p.answered} answered, ${p.abandoned} abandoned`,
      );
    }
  };
  try {
    if (!url) {
      dataDir = await makeDataDir();
      if (process.env.DATABASE_URL) {
        const name = `banyan_simulate_${process.pid}`;
        const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
        await admin.connect();
        await admin.query(`CREATE DATABASE ${name}`);
        await admin.end();
        throwaway = { adminUrl: process.env.DATABASE_URL, name };
        const u = new URL(process.env.DATABASE_URL);
        u.pathname = `/${name}`;
        databaseUrl = u.toString();
      } else {
        say('starting an embedded PostgreSQL…');
        // Its own directory: PostgreSQL runs as another user, who cannot enter the server's.
        dbDir = await makeDataDir();
        // lib's Ctrl-C handler stops the server and removes the directories; this stops our PostgreSQL.
        for (const signal of ['SIGINT', 'SIGTERM'] as const)
          process.once(signal, () => void embedded?.stop());
        embedded = await startEmbeddedPostgres({
          dataDir: dbDir,
          log: createLogger({ level: 'silent' }),
          database: 'banyan',
        });
        databaseUrl = embedded.url;
      }
      say('starting Banyan (demo bank seeded: its administrator and widget site)…');
      server = await startBanyan({
        dataDir,
        env: {
          DATABASE_URL: databaseUrl,
          BANYAN_DEMO: 'true',
          // Sign-in cost is not what this measures; the simulated agents sign in by the hundred.
          ARGON2_MEMORY_KIB: '1024',
          ARGON2_TIME_COST: '1',
        },
      });
      url = server.url;
    }
    const report = await runSimulation({
      url,
      adminUsername: o.admin,
      adminPassword: o.adminPassword,
      siteKey: o.siteKey,
      queues: o.queues,
      arrivalsPerHour: o.arrivalsPerHour,
      ahtSeconds: o.ahtSeconds,
      ...(o.patienceSeconds === undefined ? {} : { patienceSeconds: o.patienceSeconds }),
      agents,
      targetSeconds: o.targetSeconds,
      contacts: o.contacts,
      warmupContacts: o.warmup ?? Math.round(o.contacts * 0.05),
      speed: o.speed,
      acceptSeconds: o.acceptSeconds,
      maxMinutes: o.maxMinutes,
      seed: o.seed,
      onProgress,
      say,
    });
    bar?.stop();
    process.stdout.write(o.json ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report));
    if (!o.json) await writeResults('simulate', report);
    return report.incidents.errors.length > 0 ? 1 : 0;
  } finally {
    bar?.stop();
    closeSockets();
    if (server) await server.stop();
    if (embedded) await embedded.stop();
    if (throwaway) {
      const admin = new pg.Client({ connectionString: throwaway.adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${throwaway.name} WITH (FORCE)`);
      await admin.end();
    }
    if (dataDir) await removeDataDir(dataDir);
    if (dbDir) await removeDataDir(dbDir);
  }
}
