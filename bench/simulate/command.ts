/**
 * `banyan simulate` (and `npm run bench:simulate`): options, the server to drive (one it starts on
 * a fresh database, or `--url`), the progress bar, and the table of measured against predicted.
 * The engine is in ./simulate.ts, loaded only when the command runs.
 */
import { Command } from 'commander';
import { requiredAgents } from '../../apps/server/src/modules/workforce/erlang.ts';
import type { Estimate } from '../../apps/server/src/modules/workforce/workforce.simulation-stats.ts';
import type { SimulationReport } from './simulate.ts';

const toNumber = (value: string) => Number(value);

export interface SimulateCliOptions {
  url?: string;
  admin: string;
  adminPassword: string;
  siteKey: string;
  queues: number;
  arrivalsPerHour: number;
  ahtSeconds: number;
  patienceSeconds?: number;
  agents?: number;
  sl: number;
  targetSeconds: number;
  contacts: number;
  warmup?: number;
  speed: number;
  acceptSeconds: number;
  maxMinutes: number;
  seed: number;
  json?: boolean;
  history?: string;
  historyContactsPerDay: number;
}

export function simulateCommand(): Command {
  return new Command('simulate')
    .description(
      'contact-center simulation against a real Banyan (widget customers, desk agents) next to the Erlang C/A prediction',
    )
    .option(
      '--url <url>',
      'a running Banyan (default: start one on a fresh database: DATABASE_URL or embedded)',
    )
    .option('--admin <username>', 'administrator who sets the simulation up', 'admin')
    .option('--admin-password <password>', "the administrator's password", 'Banyan!admin1')
    .option(
      '--site-key <key>',
      'widget site whose queues the simulation borrows (restored after)',
      'demo-bank',
    )
    .option('--queues <n>', 'independent queues, 1–3 (one per widget language)', toNumber, 3)
    .option('--arrivals-per-hour <n>', 'offered contacts per hour, per queue', toNumber, 400)
    .option('--aht-seconds <s>', 'mean handling time (exponential)', toNumber, 180)
    .option(
      '--patience-seconds <s>',
      'mean patience (exponential; Erlang A). Omit: nobody abandons (Erlang C)',
      toNumber,
    )
    .option(
      '--agents <n>',
      'agents per queue (default: Erlang C/A required agents for --sl within --target-seconds)',
      toNumber,
    )
    .option('--sl <fraction>', 'service-level goal for the default --agents', toNumber, 0.95)
    .option('--target-seconds <s>', 'service-level threshold t', toNumber, 20)
    .option('--contacts <n>', 'measured contacts, all queues (stop after them)', toNumber, 10_000)
    .option(
      '--warmup <n>',
      'contacts before the measured ones, dropped (default 5 % of --contacts)',
      toNumber,
    )
    .option('--speed <factor>', 'time acceleration: simulated seconds per real second', toNumber, 60)
    .option('--accept-seconds <s>', 'simulated delay before an agent accepts an offer', toNumber, 0)
    .option(
      '--max-minutes <m>',
      'hard bound on the run (arrivals stop; then at most 1 more minute)',
      toNumber,
      15,
    )
    .option('--seed <n>', 'random seed (arrivals, handling times, patience)', toNumber, 1)
    .option('--json', 'print the report as JSON')
    .option(
      '--history <period>',
      'instead of a live run: write a realistic past (e.g. 30d, 2w) into the analytics tables of the database',
    )
    .option(
      '--history-contacts-per-day <n>',
      'offered contacts on an average weekday (--history)',
      toNumber,
      1200,
    )
    .action(async (options: SimulateCliOptions) => {
      if (options.history !== undefined) {
        const { parseHistoryPeriod } = await import('../../apps/server/src/modules/analytics/index.ts');
        const days = parseHistoryPeriod(options.history);
        if (days === null || !(options.historyContactsPerDay > 0)) {
          process.stderr.write('banyan simulate: --history takes a period like 30d or 2w (1–400 days)\n');
          process.exitCode = 1;
          return;
        }
        const { simulateHistoryCommand } = await import('./history.ts');
        await simulateHistoryCommand({
          days,
          contactsPerDay: options.historyContactsPerDay,
          seed: options.seed,
        });
        return;
      }
      const problem = validate(options);
      if (problem) {
        process.stderr.write(`banyan simulate: ${problem}\n`);
        process.exitCode = 1;
        return;
      }
      const { simulateAndReport } = await import('./run.ts');
      process.exitCode = await simulateAndReport(options);
    });
}

function validate(o: SimulateCliOptions): string | null {
  const positive = (name: string, v: number | undefined) =>
    v !== undefined && !(Number.isFinite(v) && v > 0) ? `${name} must be a number > 0` : null;
  if (!(Number.isInteger(o.queues) && o.queues >= 1 && o.queues <= 3)) return '--queues must be 1, 2 or 3';
  for (const [name, v] of [
    ['--arrivals-per-hour', o.arrivalsPerHour],
    ['--aht-seconds', o.ahtSeconds],
    ['--patience-seconds', o.patienceSeconds],
    ['--speed', o.speed],
    ['--max-minutes', o.maxMinutes],
    ['--contacts', o.contacts],
  ] as const) {
    const p = positive(name, v);
    if (p) return p;
  }
  if (o.agents !== undefined && !(Number.isInteger(o.agents) && o.agents >= 1 && o.agents <= 2000))
    return '--agents must be a whole number from 1 to 2000';
  if (!(o.sl > 0 && o.sl < 1)) return '--sl must be in (0, 1)';
  if (!(o.targetSeconds >= 0)) return '--target-seconds must be ≥ 0';
  if (!(o.acceptSeconds >= 0)) return '--accept-seconds must be ≥ 0';
  return null;
}

/** Agents per queue: as given, or the fewest reaching --sl within --target-seconds. */
export function agentsFor(o: SimulateCliOptions): number {
  return (
    o.agents ??
    requiredAgents({
      model: o.patienceSeconds === undefined ? 'c' : 'a',
      arrivalsPerHour: o.arrivalsPerHour,
      ahtSeconds: o.ahtSeconds,
      targetSeconds: o.targetSeconds,
      ...(o.patienceSeconds === undefined ? {} : { patienceSeconds: o.patienceSeconds }),
      serviceLevelTarget: o.sl,
    })
  );
}

// ---------------------------------------------------------------------------------------------
// The report

const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)} %` : '—');
const pctCi = (e: Estimate) =>
  Number.isFinite(e.value)
    ? `${(e.value * 100).toFixed(1)} % ± ${Number.isFinite(e.halfWidth) ? (e.halfWidth * 100).toFixed(1) : '?'}`
    : '—';
const secCi = (e: Estimate) =>
  Number.isFinite(e.value)
    ? `${e.value.toFixed(1)} s ± ${Number.isFinite(e.halfWidth) ? e.halfWidth.toFixed(1) : '?'}`
    : '—';
const pp = (measured: number, predicted: number) =>
  Number.isFinite(measured) && Number.isFinite(predicted)
    ? `${measured - predicted >= 0 ? '+' : ''}${((measured - predicted) * 100).toFixed(1)} pp`
    : '—';
const secDiff = (measured: number, predicted: number) =>
  Number.isFinite(measured) && Number.isFinite(predicted)
    ? `${measured - predicted >= 0 ? '+' : ''}${(measured - predicted).toFixed(1)} s`
    : '—';
const sec = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} s` : '—');

function table(rows: string[][]): string {
  const widths = (rows[0] as string[]).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map(
      (r, k) =>
        `  ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('   ')}${k === 0 ? `\n  ${widths.map((w) => '-'.repeat(w)).join('   ')}` : ''}`,
    )
    .join('\n');
}

export function renderReport(r: SimulationReport): string {
  const p = r.parameters;
  const t = r.total;
  const servers = r.queues.reduce((s, q) => s + q.servers, 0);
  const lines: string[] = [];
  lines.push(
    '',
    `${r.model}: ${p.queues} queue(s) × ${p.arrivalsPerHour} contacts/h, AHT ${p.ahtSeconds} s, ` +
      `${p.patienceSeconds === undefined ? 'no abandonment' : `patience ${p.patienceSeconds} s`}, ` +
      `${r.queues.map((q) => q.servers).join('/')} agents (chat capacity 1), t = ${p.targetSeconds} s, ` +
      `speed ×${p.speed} (AHT ${((p.ahtSeconds / p.speed) * 1000).toFixed(0)} ms real, t ${((p.targetSeconds / p.speed) * 1000).toFixed(0)} ms real)`,
    `  ${t.offered.toLocaleString('en-US')} measured contacts after ${p.warmupContacts} warm-up, in ${r.wallSeconds.toFixed(0)} s` +
      `${r.stoppedBy === 'max-minutes' ? ' (stopped by --max-minutes)' : ''}; 95 % intervals by batch means (${t.serviceLevel.batches} batches)`,
    '',
  );
  const row = (label: string, measured: string, predicted: string, diff: string) => [
    label,
    measured,
    predicted,
    diff,
  ];
  lines.push(
    table([
      ['', 'measured', 'predicted', 'difference'],
      row('offered', t.offered.toLocaleString('en-US'), '', ''),
      row('answered', t.answered.toLocaleString('en-US'), '', ''),
      row(
        'abandoned',
        `${t.abandoned.toLocaleString('en-US')} (${pctCi(t.abandonRate)})`,
        pct(r.predictedTotal.pAbandon),
        pp(t.abandonRate.value, r.predictedTotal.pAbandon),
      ),
      row(
        `service level (${p.targetSeconds} s, of offered)`,
        pctCi(t.serviceLevel),
        pct(r.predictedTotal.serviceLevel),
        pp(t.serviceLevel.value, r.predictedTotal.serviceLevel),
      ),
      row(
        'ASA (answered)',
        secCi(t.asa),
        sec(r.predictedTotal.asa),
        Number.isFinite(t.asa.value)
          ? `${t.asa.value - r.predictedTotal.asa >= 0 ? '+' : ''}${(t.asa.value - r.predictedTotal.asa).toFixed(1)} s`
          : '—',
      ),
      row(
        'occupancy',
        pctCi(t.occupancy),
        pct(r.predictedTotal.occupancy),
        pp(t.occupancy.value, r.predictedTotal.occupancy),
      ),
      row('as served (latency included):', '', '', ''),
      row(
        `  service level (${p.targetSeconds} s)`,
        pctCi(r.totalAsServed.serviceLevel),
        pct(r.predictedTotal.serviceLevel),
        pp(r.totalAsServed.serviceLevel.value, r.predictedTotal.serviceLevel),
      ),
      row(
        '  ASA',
        secCi(r.totalAsServed.asa),
        sec(r.predictedTotal.asa),
        secDiff(r.totalAsServed.asa.value, r.predictedTotal.asa),
      ),
    ]),
    '',
    '  Waits above the line run from queued until the agent who took the contact came free (server',
    '  times), without the system\'s own latency after that moment; "as served" is queued → accepted.',
  );
  if (r.queues.length > 1) {
    lines.push('', '  per queue: service level measured / predicted');
    for (const q of r.queues)
      lines.push(
        `    ${q.queue} (${q.language}, ${q.servers} agents): ${pctCi(q.measured.serviceLevel)} / ${pct(q.predicted.serviceLevel)}  (${q.measured.offered} contacts)`,
      );
  }
  const l = r.latency;
  const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : '—');
  const asSim = (v: number) => (Number.isFinite(v) ? `${((v / 1000) * p.speed).toFixed(2)} s` : '—');
  lines.push(
    '',
    "  The system's own latency (real time; in simulated seconds at this speed):",
    `    offer pushed to the agent's socket   p50 ${ms(l.offerPushMs.p50)}, p99 ${ms(l.offerPushMs.p99)}`,
    `    accept round trip                    p50 ${ms(l.acceptRoundTripMs.p50)}, p99 ${ms(l.acceptRoundTripMs.p99)}`,
    `    offer → answered (server)            mean ${ms(l.offerToAnswerMs.mean)} = ${asSim(l.offerToAnswerMs.mean)} simulated, added to every wait`,
    `    agent free → next offer (queue busy) mean ${ms(l.freeToNextOfferMs.mean)} = ${asSim(l.freeToNextOfferMs.mean)} simulated, n = ${l.freeToNextOfferMs.n}`,
    `    server hold ÷ drawn handling time    ${l.holdRatio.toFixed(4)} (agents close early by their close round trip and the mean free → next offer)`,
  );
  const i = r.incidents;
  lines.push(
    '',
    `  agents sent away ${i.agentsSentAway}, offers gone before accept ${i.acceptsGone}, closes after the customer left ${i.closesAfterCustomerLeft}, errors ${i.errors.length}, total chat slots ${servers}`,
  );
  for (const e of i.errors.slice(0, 5)) lines.push(`    error: ${e}`);
  return `${lines.join('\n')}\n`;
}
