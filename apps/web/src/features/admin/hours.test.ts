import { describe, expect, it } from 'vitest';
import {
  copyToWeekdays,
  groupDays,
  problemsByField,
  rangesProblem,
  rowsToWeekly,
  summarizeWeekly,
  timeZoneOptions,
  weeklyToRows,
} from './hours.ts';

describe('weekly hours ↔ form rows', () => {
  it('round-trips, leaving closed days out and putting each day’s ranges in order', () => {
    const weekly = {
      '1': [
        ['08:00', '12:00'],
        ['13:00', '17:30'],
      ] as Array<[string, string]>,
      '6': [['08:00', '12:00']] as Array<[string, string]>,
    };
    const rows = weeklyToRows(weekly);
    expect(rows['0']).toEqual([]);
    expect(rows['1']).toEqual([
      { from: '08:00', to: '12:00' },
      { from: '13:00', to: '17:30' },
    ]);
    expect(rowsToWeekly(rows)).toEqual(weekly);
    rows['1'] = [
      { from: '13:00', to: '17:30' },
      { from: '08:00', to: '12:00' },
    ];
    expect(rowsToWeekly(rows)['1']).toEqual([
      ['08:00', '12:00'],
      ['13:00', '17:30'],
    ]);
  });

  it('copies a day to Monday–Friday without sharing the objects', () => {
    const rows = weeklyToRows({ '1': [['08:00', '17:30']] });
    const copied = copyToWeekdays(rows, '1');
    expect(rowsToWeekly(copied)).toEqual({
      '1': [['08:00', '17:30']],
      '2': [['08:00', '17:30']],
      '3': [['08:00', '17:30']],
      '4': [['08:00', '17:30']],
      '5': [['08:00', '17:30']],
    });
    (copied['2'][0] as { from: string }).from = '09:00';
    expect(copied['3'][0]?.from).toBe('08:00');
  });
});

describe('checks and server problems', () => {
  it('finds bad times, reversed ranges and overlaps', () => {
    expect(rangesProblem([{ from: '08:00', to: '17:30' }])).toBeNull();
    expect(rangesProblem([{ from: '8:00', to: '17:30' }])).toBe('time');
    expect(rangesProblem([{ from: '', to: '17:30' }])).toBe('time');
    expect(rangesProblem([{ from: '17:30', to: '08:00' }])).toBe('order');
    expect(
      rangesProblem([
        { from: '13:00', to: '17:00' },
        { from: '08:00', to: '13:30' },
      ]),
    ).toBe('overlap');
    expect(rangesProblem([{ from: '00:00', to: '24:00' }])).toBeNull();
  });

  it('groups the server’s problems by field and ignores anything else', () => {
    expect(
      problemsByField({
        problems: [
          { field: 'weekly.1', problem: 'day 1: 17:00–08:00' },
          { field: 'holidays.2', problem: 'holiday 2026-05-01 twice' },
          { field: 'weekly.1', problem: 'day 1: overlap' },
          { nope: true },
        ],
      }),
    ).toEqual({
      'weekly.1': ['day 1: 17:00–08:00', 'day 1: overlap'],
      'holidays.2': ['holiday 2026-05-01 twice'],
    });
    expect(problemsByField(null)).toEqual({});
    expect(problemsByField({ problems: 'x' })).toEqual({});
  });
});

describe('summary', () => {
  it('groups consecutive days with the same hours, Monday first', () => {
    const weekly = {
      '1': [['08:00', '17:30']],
      '2': [['08:00', '17:30']],
      '3': [['08:00', '17:30']],
      '4': [['08:00', '17:30']],
      '5': [['08:00', '17:30']],
      '6': [['08:00', '12:00']],
    } as const satisfies Record<string, Array<[string, string]>>;
    expect(groupDays(weekly).map((g) => g.days)).toEqual([['1', '2', '3', '4', '5'], ['6']]);
    expect(summarizeWeekly(weekly, 'en', 'Closed')).toBe('Mon–Fri 08:00–17:30 · Sat 08:00–12:00');
    expect(summarizeWeekly({}, 'en', 'Closed')).toBe('Closed');
    expect(summarizeWeekly({ '0': [['09:00', '12:00']], '1': [['09:00', '12:00']] }, 'en', 'x')).toBe(
      'Mon 09:00–12:00 · Sun 09:00–12:00',
    );
  });

  it('offers the calendar’s own time zone even when the browser does not list it', () => {
    expect(timeZoneOptions('Asia/Ho_Chi_Minh')).toContain('Asia/Ho_Chi_Minh');
    expect(timeZoneOptions('Mars/Olympus')[0]).toBe('Mars/Olympus');
  });
});
