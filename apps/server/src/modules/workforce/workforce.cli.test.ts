import { afterEach, describe, expect, it } from 'vitest';
import { erlangCommand } from './workforce.cli.ts';

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  await erlangCommand({ out: (t) => out.push(t), err: (t) => err.push(t) }).parseAsync(args, {
    from: 'user',
  });
  return { out: out.join(''), err: err.join('') };
}

const example = ['--arrivals-per-hour', '200', '--aht-seconds', '180', '--target-seconds', '20'];

afterEach(() => {
  process.exitCode = undefined;
});

describe('banyan erlang', () => {
  it('prints the JSON keys, asa null when Erlang C is unstable', async () => {
    const ok = JSON.parse((await run(...example, '--agents', '14', '--required', '--json')).out);
    expect(Object.keys(ok)).toEqual(
      expect.arrayContaining([
        'pWait',
        'serviceLevel',
        'serviceLevelAnswered',
        'asa',
        'pAbandon',
        'occupancy',
        'requiredAgents',
      ]),
    );
    expect(ok).toMatchObject({ model: 'c', agents: 14, requiredAgents: 14, pAbandon: 0 });
    expect(ok.serviceLevel).toBeCloseTo(0.8884, 4);

    const unstable = JSON.parse((await run(...example, '--agents', '10', '--json')).out);
    expect(unstable).toMatchObject({ pWait: 1, serviceLevel: 0, asa: null, isStable: false });
  });

  it('computes Erlang A and the required agents without --agents', async () => {
    const r = JSON.parse(
      (
        await run(
          ...example,
          '--model',
          'a',
          '--patience-seconds',
          '120',
          '--required',
          '--sl',
          '0.8',
          '--json',
        )
      ).out,
    );
    expect(r.model).toBe('a');
    expect(r.agents).toBe(r.requiredAgents);
    expect(r.serviceLevel).toBeGreaterThanOrEqual(0.8);
    expect(r.pAbandon).toBeGreaterThan(0);
  });

  it('prints a table without --json, saying when the queue is unbounded', async () => {
    const table = (await run(...example, '--agents', '10')).out;
    expect(table).toContain('probability of waiting');
    expect(table).toContain('unbounded');
  });

  it('reports bad parameters with the error code and exit code 1', async () => {
    const r = await run(...example, '--agents', '0');
    expect(r.out).toBe('');
    expect(r.err).toContain('WORKFORCE_INVALID_PARAMETERS');
    expect(process.exitCode).toBe(1);
    expect((await run(...example, '--model', 'a', '--agents', '12')).err).toContain('patienceSeconds');
  });
});
