// The survey figures from grouped answers, on the worked examples of docs/metrics.md § Surveys.
import { describe, expect, it } from 'vitest';
import { type ScoreGroup, summariseResults } from './surveys.results.ts';

const groups = (kind: string, start: string, scores: number[]): ScoreGroup[] => {
  const counts = new Map<number, number>();
  for (const s of scores) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts].map(([score, count]) => ({ kind, score, start, count }));
};

describe('summariseResults', () => {
  it('computes CSAT, NPS and CES as metrics.md defines them', () => {
    const r = summariseResults([
      ...groups('csat', '2026-05-04', [5, 4, 3, 5, 1]),
      ...groups('nps', '2026-05-04', [10, 9, 8, 7, 6, 0, 10, 3, 9, 10]),
      ...groups('ces', '2026-05-04', [7, 5, 6, 2]),
    ]);
    expect(r.csat.value).toBe(0.6);
    expect(r.nps.value).toBe(20);
    expect(r.ces.value).toBe(5);
    expect(r.npsGroups).toEqual({ promoters: 5, passives: 2, detractors: 3 });
    expect(r.csat.distribution).toEqual([
      { score: 1, count: 1 },
      { score: 2, count: 0 },
      { score: 3, count: 1 },
      { score: 4, count: 1 },
      { score: 5, count: 2 },
    ]);
  });

  it('gives one trend point per bucket in order, and leaves out-of-scale answers out', () => {
    const r = summariseResults([
      ...groups('ces', '2026-05-05', [1, 1]),
      ...groups('ces', '2026-05-04', [7, 9]),
      ...groups('custom', '2026-05-04', [3]),
    ]);
    expect(r.ces.trend).toEqual([
      { start: '2026-05-04', responses: 1, value: 7 },
      { start: '2026-05-05', responses: 2, value: 1 },
    ]);
    expect(r.ces.responses).toBe(3);
    expect(r.csat).toMatchObject({ responses: 0, value: null, trend: [] });
    expect(r.nps.distribution).toHaveLength(11);
  });
});
