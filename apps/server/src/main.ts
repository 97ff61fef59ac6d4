import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cliProgress from 'cli-progress';
import { Command, Option } from 'commander';
import { simulateCommand } from '../../../bench/simulate/command.ts';
import type { BanyanApp } from './app.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { erlangCommand } from './modules/workforce/index.ts';
import { AppError } from './platform/errors.ts';
import { translate } from './platform/i18n.ts';
import { createLogger, type Logger } from './platform/logger.ts';
import { TOKEN_SCOPES } from './platform/rbac.ts';
import { migrateAll, openDatabase } from './runtime.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

// The app and the seed are loaded when a command needs them, not at parse time: `banyan --help` and
// argument errors answer at once instead of loading every module (jieba, PDF, mail…).
const loadApp = () => import('./app.ts');
const loadSeed = () => import('./seed/seed.ts');

function fail(message: string): never {
  process.stderr.write(`\nbanyan: ${message}\n`);
  process.exit(1);
}

function configFrom(overrides: Partial<Config> = {}): Config {
  try {
    return loadConfig(process.env, overrides);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

/** Opens the database, migrates, builds the app (not listening); runs `work`, then closes all. */
async function withApp<T>(config: Config, work: (app: BanyanApp, log: Logger) => Promise<T>): Promise<T> {
  const log = createLogger({ level: process.env.LOG_LEVEL ?? 'warn' });
  const database = await openDatabase(config, log);
  try {
    await migrateAll(database.pool, log);
    const { buildApp } = await loadApp();
    const app = await buildApp({ config, pool: database.pool, log });
    try {
      return await work(app, log);
    } finally {
      await app.stop();
    }
  } catch (error) {
    if (error instanceof AppError) fail(`${error.code}: ${translate(error.code, 'en', error.params)}`);
    throw error;
  } finally {
    await database.close();
  }
}

function progressBar(label: string) {
  if (!process.stdout.isTTY) {
    let lastPct = -1;
    return {
      update: (done: number, total: number, step: string) => {
        const pct = Math.floor((done / Math.max(total, 1)) * 100);
        if (pct >= lastPct + 25 || done === total) {
          lastPct = pct;
          process.stdout.write(`  ${label} ${step}: ${done}/${total}\n`);
        }
      },
      stop: () => undefined,
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: `  ${label} {step} [{bar}] {value}/{total}`, hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update: (done: number, total: number, step: string) => {
      if (!started) {
        bar.start(total, done, { step });
        started = true;
      }
      bar.setTotal(total);
      bar.update(done, { step });
    },
    stop: () => started && bar.stop(),
  };
}

async function seedWithProgress(app: BanyanApp): Promise<boolean> {
  const bar = progressBar('seeding demo bank');
  try {
    const { seedDemoBank } = await loadSeed();
    return await seedDemoBank(app, (step, done, total) => bar.update(done, total, step));
  } finally {
    bar.stop();
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function viteBin(): string | null {
  try {
    return path.join(
      path.dirname(createRequire(import.meta.url).resolve('vite/package.json')),
      'bin/vite.js',
    );
  } catch {
    return null;
  }
}

/**
 * Builds a front end (the web app, the chat widget) when its output is missing or older than its
 * sources: a fresh clone, a pull. Each vite build runs in a child process, so its memory (~700 MB)
 * goes back to the system when it ends.
 */
async function buildIfNeeded(what: {
  label: string;
  root: string;
  builtFile: string;
  outDir: string;
  configs: string[];
  extraSources?: string[];
}): Promise<void> {
  if (!existsSync(path.join(what.root, 'src'))) return;
  const sources = [
    path.join(what.root, 'src'),
    ...[...what.configs, ...(what.extraSources ?? [])].map((c) => path.join(what.root, c)),
  ];
  const newest = Math.max(
    ...sources.map((p) => (statSync(p).isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)),
  );
  if (existsSync(what.builtFile) && statSync(what.builtFile).mtimeMs >= newest) return;
  const vite = viteBin();
  if (!vite) {
    process.stdout.write(`  vite is not installed (production install?): not building ${what.label}\n`);
    return;
  }
  process.stdout.write(`  building ${what.label} (first start or sources changed)…\n`);
  for (const [i, config] of what.configs.entries()) {
    const args = [
      vite,
      'build',
      '--config',
      path.join(what.root, config),
      '--outDir',
      what.outDir,
      '--logLevel',
      'warn',
    ];
    if (i === 0) args.push('--emptyOutDir');
    const code = await new Promise<number | null>((resolve) => {
      spawn(process.execPath, args, { stdio: 'inherit' }).on('close', resolve);
    });
    if (code !== 0) fail(`${what.label} did not build (vite exited with ${code})`);
  }
}

async function buildFrontEndsIfNeeded(config: Config): Promise<void> {
  await buildIfNeeded({
    label: 'the web app',
    root: path.join(ROOT, 'apps/web'),
    builtFile: path.join(config.webDistDir, 'index.html'),
    outDir: config.webDistDir,
    configs: ['vite.config.ts'],
    extraSources: ['index.html'],
  });
  await buildIfNeeded({
    label: 'the chat widget',
    root: path.join(ROOT, 'apps/widget'),
    builtFile: path.join(config.widgetDistDir, 'loader.js'),
    outDir: config.widgetDistDir,
    configs: ['vite.config.ts', 'vite.loader.config.ts'],
  });
}

async function start(options: { host?: string; port?: string; seed: boolean }) {
  const startedAt = Date.now();
  const config = configFrom({
    ...(options.host ? { host: options.host } : {}),
    ...(options.port ? { port: Number(options.port) } : {}),
  });
  const log = createLogger({ level: config.logLevel });
  process.stdout.write(
    `\nBanyan is starting (${config.databaseUrl ? 'external PostgreSQL' : `embedded PostgreSQL in ${config.dataDir}`})…\n`,
  );

  const database = await openDatabase(config, log).catch((error: Error) =>
    fail(`could not open the database: ${error.message}`),
  );
  let app: BanyanApp | null = null;
  let stopping: Promise<void> | null = null;
  const shutdown = (signal: string) => {
    if (stopping) {
      process.stderr.write('\nforced exit\n');
      process.exit(130);
    }
    process.stdout.write(`\n${signal}: stopping Banyan…\n`);
    stopping = (async () => {
      await app?.stop().catch((error) => log.error({ err: error }, 'stop failed'));
      await database.close();
      process.stdout.write('Banyan stopped.\n');
      process.exit(0);
    })();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  try {
    await migrateAll(database.pool, log);
    await buildFrontEndsIfNeeded(config);
    const { buildApp } = await loadApp();
    app = await buildApp({ config, pool: database.pool, log });
    let seeded = false;
    if (config.demoMode && options.seed) seeded = await seedWithProgress(app);
    await app.start();
    await app.http.listen({ host: config.host, port: config.port });
    const address = app.http.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = config.publicUrl.includes(`:${config.port}`)
      ? config.publicUrl.replace(`:${config.port}`, `:${port}`)
      : config.publicUrl;
    const lines = [
      '',
      `  Banyan is ready at ${url}   (${((Date.now() - startedAt) / 1000).toFixed(1)} s${seeded ? ', demo bank seeded' : ''})`,
      `  API reference: ${url}/docs`,
    ];
    const { demoSignIns } = await loadSeed();
    const { demoDeviceUrls } = await import('./seed/branch.ts');
    if (config.demoMode) {
      lines.push('', '  Demo sign-ins (username / password — roles):');
      for (const s of demoSignIns())
        lines.push(`    ${s.username.padEnd(18)} ${s.password.padEnd(18)} ${s.roles.join(', ')}`);
    }
    if (demoDeviceUrls.length > 0) {
      lines.push('', '  Demo branch devices (open on the kiosk / TV / tablet; tokens are shown only now):');
      for (const line of demoDeviceUrls) lines.push(`    ${line.replace('/lobby/', `${url}/lobby/`)}`);
    }
    lines.push('', '  Press Ctrl-C to stop.', '');
    process.stdout.write(`${lines.join('\n')}\n`);
  } catch (error) {
    log.error({ err: error }, 'start failed');
    await app?.stop().catch(() => undefined);
    await database.close();
    fail(`start failed: ${(error as Error).message}`);
  }
}

const program = new Command('banyan')
  .description('Banyan — the open-source contact center for banks')
  .showHelpAfterError();

program
  .command('start')
  .description(
    'start Banyan (embedded PostgreSQL unless DATABASE_URL is set); migrates and seeds the demo bank',
  )
  .option('--host <host>', 'address to listen on (default HOST or 127.0.0.1)')
  .option('--port <port>', 'port to listen on (default PORT or 3000; 0 = any free port)')
  .option('--no-seed', 'do not seed the demo bank on first start')
  .action(start);

program
  .command('migrate')
  .description('apply database migrations and exit (for operators running several processes)')
  .action(async () => {
    const config = configFrom();
    await withApp(config, async () => undefined);
    process.stdout.write('migrations applied\n');
  });

program
  .command('seed')
  .description('seed the demo bank into an empty database')
  .action(async () => {
    await withApp(configFrom(), async (app) => {
      const seeded = await seedWithProgress(app);
      process.stdout.write(
        seeded ? 'demo bank seeded\n' : 'the database already has users: nothing seeded\n',
      );
    });
  });

const user = program.command('user').description('manage staff users');
user
  .command('create')
  .description('create a staff user')
  .requiredOption('--username <username>')
  .requiredOption('--name <displayName>')
  .requiredOption('--password <password>', 'initial password (at least 10 characters)')
  .addOption(new Option('--role <role...>', 'one or more roles').makeOptionMandatory())
  .option('--email <email>')
  .addOption(new Option('--locale <locale>').choices(['en', 'zh-CN', 'vi']).default('en'))
  .action(async (o) => {
    await withApp(configFrom(), async (app) => {
      const created = await app.staff.createUser(null, {
        username: o.username,
        displayName: o.name,
        password: o.password,
        roles: o.role,
        email: o.email ?? null,
        locale: o.locale,
      });
      process.stdout.write(`created user ${created.username} (${created.id})\n`);
    });
  });
user
  .command('reset-password')
  .description('set a new password for a user and end their sessions')
  .requiredOption('--username <username>')
  .requiredOption('--password <password>')
  .action(async (o) => {
    await withApp(configFrom(), async (app) => {
      const found = await app.staff.findUserByUsername(o.username);
      if (!found) fail(`no user named ${o.username}`);
      await app.staff.resetPassword(null, found.id, o.password);
      process.stdout.write(`password reset for ${found.username}\n`);
    });
  });
user
  .command('disable')
  .description('disable a user and end their sessions')
  .requiredOption('--username <username>')
  .action(async (o) => {
    await withApp(configFrom(), async (app) => {
      const found = await app.staff.findUserByUsername(o.username);
      if (!found) fail(`no user named ${o.username}`);
      await app.staff.setUserStatus(null, found.id, 'disabled');
      process.stdout.write(`disabled ${found.username}\n`);
    });
  });

const token = program.command('token').description('manage API tokens for integrations');
token
  .command('create')
  .description('create a scoped API token acting for a user; the token is printed once')
  .requiredOption('--username <username>', 'the user the token acts for')
  .requiredOption('--name <name>')
  .addOption(new Option('--scope <scope...>', 'scopes').choices(TOKEN_SCOPES).makeOptionMandatory())
  .option('--days <days>', 'validity in days', '90')
  .action(async (o) => {
    await withApp(configFrom(), async (app) => {
      const found = await app.staff.findUserByUsername(o.username);
      if (!found) fail(`no user named ${o.username}`);
      const created = await app.staff.createToken(null, {
        name: o.name,
        scopes: o.scope,
        ownerId: found.id,
        expiresAt: new Date(Date.now() + Number(o.days) * 86_400_000),
      });
      process.stdout.write(`token ${created.item.id} (shown once):\n${created.token}\n`);
    });
  });
token
  .command('revoke')
  .description('revoke an API token')
  .requiredOption('--id <id>')
  .action(async (o) => {
    await withApp(configFrom(), async (app) => {
      await app.staff.revokeToken(null, o.id);
      process.stdout.write(`revoked ${o.id}\n`);
    });
  });

const audit = program.command('audit').description('the audit log');
audit
  .command('verify')
  .description('verify the audit hash chain; exits 1 when a row was edited or deleted')
  .action(async () => {
    await withApp(configFrom(), async (app) => {
      const bar = progressBar('verifying audit chain');
      const result = await app.audit.verify((checked, total) => bar.update(checked, total, 'rows'));
      bar.stop();
      if (result.ok) process.stdout.write(`audit chain intact: ${result.checked} rows verified\n`);
      else {
        process.stdout.write(
          `AUDIT CHAIN BROKEN at seq ${result.brokenAtSeq} (${result.reason}); ${result.checked} rows verified before it\n`,
        );
        process.exitCode = 1;
      }
    });
  });

const analytics = program.command('analytics').description('contact facts, KPIs and reports');
analytics
  .command('rebuild')
  .description(
    'rebuild the contact, case and branch ticket facts from the event log (every retained event, in order)',
  )
  .action(async () => {
    await withApp(configFrom(), async (app) => {
      const bar = progressBar('rebuilding analytics');
      const started = Date.now();
      const result = await app.analytics.rebuild((done, total) => bar.update(done, total, 'chunks'));
      bar.stop();
      process.stdout.write(
        `analytics rebuilt: ${result.events} events replayed in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
      );
    });
  });

const knowledgeCli = program.command('knowledge').description('the knowledge base');
knowledgeCli
  .command('import <file>')
  .description(
    'import articles as drafts from a CSV, a Markdown article (.md) or a zip of HTML/Markdown files',
  )
  .option('--locale <locale>', 'language of files that do not say it (en, zh-CN, vi)', 'en')
  .action(async (file: string, o: { locale: string }) => {
    const bytes = await readFile(file);
    const format = /\.zip$/i.test(file) ? 'zip' : /\.md$/i.test(file) ? 'markdown' : 'csv';
    const content = format === 'zip' ? bytes.toString('base64') : bytes.toString('utf8');
    await withApp(configFrom(), async (app) => {
      const { parseImport } = await import('./modules/knowledge/index.ts');
      const rows = parseImport(format, content, o.locale);
      const bar = progressBar('importing');
      const result = await app.knowledge.importArticles(null, rows, (done, total) =>
        bar.update(done, total, 'articles'),
      );
      bar.stop();
      process.stdout.write(`${result.created} articles imported as drafts\n`);
      for (const p of result.problems) process.stdout.write(`  row ${p.row}: ${p.problem}\n`);
      if (result.problems.length) process.exitCode = 1;
    });
  });
knowledgeCli
  .command('export [file]')
  .description('export the knowledge base (or one --locale) as JSON to a file or stdout')
  .option('--locale <locale>', 'en, zh-CN or vi (default: every language)')
  .action(async (file: string | undefined, o: { locale?: string }) => {
    await withApp(configFrom(), async (app) => {
      const result = await app.pool.query(
        `SELECT a.id, a.group_id, a.locale, a.status, a.visibility, a.title, a.body_html, a.answer, a.tags
         FROM knowledge_articles a WHERE ($1::text IS NULL OR a.locale = $1) ORDER BY a.group_id, a.locale`,
        [o.locale ?? null],
      );
      const text = `${JSON.stringify({ exportedAt: new Date().toISOString(), items: result.rows }, null, 2)}\n`;
      if (file) await writeFile(file, text);
      else process.stdout.write(text);
    });
  });

program.addCommand(erlangCommand());
program.addCommand(simulateCommand());

await program.parseAsync(process.argv);
