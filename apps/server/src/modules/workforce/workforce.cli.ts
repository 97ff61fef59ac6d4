import { Command, Option } from 'commander';
import { AppError } from '../../platform/errors.ts';
import { translate } from '../../platform/i18n.ts';
import { planStaffing, type StaffingReport } from './erlang.ts';
import './workforce.messages.ts';

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const stdio: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

// Commander hands over strings; "abc" becomes NaN, which the calculator rejects with the field name.
const toNumber = (value: string) => Number(value);

/** `banyan erlang …`: the staffing calculator on the command line; needs no database. */
export function erlangCommand(io: Io = stdio): Command {
  return new Command('erlang')
    .description('service level, ASA, abandonment and required agents for one queue (Erlang C or Erlang A)')
    .addOption(
      new Option('--model <model>', 'c = Erlang C (no abandonment), a = Erlang A (exponential patience)')
        .choices(['c', 'a'])
        .default('c'),
    )
    .requiredOption('--arrivals-per-hour <calls>', 'offered calls per hour', toNumber)
    .requiredOption('--aht-seconds <seconds>', 'average handling time', toNumber)
    .option('--agents <n>', 'agents on the queue (optional with --required)', toNumber)
    .requiredOption(
      '--target-seconds <seconds>',
      'service-level threshold: answered within this time',
      toNumber,
    )
    .option('--patience-seconds <seconds>', 'mean caller patience (required for --model a)', toNumber)
    .option('--required', 'also find the fewest agents reaching --sl')
    .option('--sl <fraction>', 'service-level target for --required, in (0, 1)', toNumber, 0.8)
    .option('--json', 'print JSON instead of a table')
    .action((o) => {
      try {
        const report = planStaffing({
          model: o.model,
          arrivalsPerHour: o.arrivalsPerHour,
          ahtSeconds: o.ahtSeconds,
          agents: o.agents,
          targetSeconds: o.targetSeconds,
          patienceSeconds: o.patienceSeconds,
          required: o.required === true,
          sl: o.sl,
        });
        // JSON: the API's response body (asa null when unbounded).
        io.out(o.json ? `${JSON.stringify(report)}\n` : renderTable(report, o.targetSeconds));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        io.err(`banyan: ${error.code}: ${translate(error.code, 'en', error.params)}\n`);
        process.exitCode = 1;
      }
    });
}

function renderTable(r: StaffingReport, targetSeconds: number): string {
  const pct = (v: number) => `${(v * 100).toFixed(2)} %`;
  const rows: [string, string][] = [
    ['model', r.model === 'c' ? 'Erlang C (M/M/N)' : 'Erlang A (M/M/N+M)'],
    ['agents', String(r.agents)],
    ['offered load', `${r.offeredLoad.toFixed(2)} Erlangs`],
    ['probability of waiting', pct(r.pWait)],
    [`service level (${targetSeconds} s), of offered`, pct(r.serviceLevel)],
    [`service level (${targetSeconds} s), of answered`, pct(r.serviceLevelAnswered)],
    ['average speed of answer', r.asa === null ? 'unbounded' : `${r.asa.toFixed(1)} s`],
    ['abandoned', pct(r.pAbandon)],
    ['occupancy', pct(r.occupancy)],
  ];
  if (r.requiredAgents !== null)
    rows.push([
      `required agents (${pct(r.serviceLevelTarget ?? 0)} in ${targetSeconds} s)`,
      String(r.requiredAgents),
    ]);
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`);
  if (!r.isStable)
    lines.push(
      '',
      '  agents ≤ offered load: without abandonment the queue grows without limit (asa is null).',
    );
  return `${lines.join('\n')}\n`;
}
