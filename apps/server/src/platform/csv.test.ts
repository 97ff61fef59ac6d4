import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from './csv.ts';

describe('csvCell', () => {
  it('quotes every cell and doubles quotes inside', () => {
    expect(csvCell('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(csvCell('line 1\nline 2')).toBe('"line 1\nline 2"');
    expect(csvCell(null)).toBe('""');
    expect(csvCell(undefined)).toBe('""');
  });

  it('neutralises what a spreadsheet would run as a formula, whatever starts it', () => {
    for (const attack of ['=cmd|calc', '+SUM(A1)', '-2+3+cmd|calc', '@SUM(1)', '\t=1+1', '\r=1+1'])
      expect(csvCell(attack)).toBe(`"'${attack.replace(/"/g, '""')}"`);
  });

  it('leaves numbers, negative ones included, and dates and objects readable', () => {
    expect(csvCell(-12.5)).toBe('"-12.5"');
    expect(csvCell('-12.5')).toBe('"-12.5"');
    expect(csvCell(new Date('2026-11-23T12:00:00Z'))).toBe('"2026-11-23T12:00:00.000Z"');
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
    expect(csvLine(['Hà Nội', 3, true])).toBe('"Hà Nội","3","true"');
  });
});
