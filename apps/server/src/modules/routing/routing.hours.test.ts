import { describe, expect, it } from 'vitest';
import { hoursProblems, isOpen, localParts } from './routing.hours.ts';

const hanoi = {
  timeZone: 'Asia/Ho_Chi_Minh',
  weekly: {
    '1': [
      ['08:00', '12:00'],
      ['13:00', '17:30'],
    ],
    '6': [['08:00', '11:30']],
  } as never,
  holidays: [
    { date: '2026-09-02', name: 'Quốc khánh' },
    { date: '2026-02-16', name: 'Tất niên', hours: [['08:00', '10:00']] as Array<[string, string]> },
  ],
};

describe('business hours', () => {
  it('reads the local weekday and time in the calendar time zone', () => {
    // 2026-03-02 is a Monday; 01:00Z is 08:00 in Hanoi (UTC+7).
    expect(localParts(new Date('2026-03-02T01:00:00Z'), 'Asia/Ho_Chi_Minh')).toEqual({
      date: '2026-03-02',
      weekday: '1',
      time: '08:00',
    });
    // 23:30Z on Sunday is already Monday morning in Shanghai.
    expect(localParts(new Date('2026-03-01T23:30:00Z'), 'Asia/Shanghai').weekday).toBe('1');
  });

  it('is open inside a range, closed at lunch, at the closing minute and on days without hours', () => {
    expect(isOpen(hanoi, new Date('2026-03-02T01:00:00Z'))).toBe(true); // Mon 08:00
    expect(isOpen(hanoi, new Date('2026-03-02T05:30:00Z'))).toBe(false); // Mon 12:30 lunch
    expect(isOpen(hanoi, new Date('2026-03-02T10:29:00Z'))).toBe(true); // Mon 17:29
    expect(isOpen(hanoi, new Date('2026-03-02T10:30:00Z'))).toBe(false); // Mon 17:30
    expect(isOpen(hanoi, new Date('2026-03-03T03:00:00Z'))).toBe(false); // Tue: no hours
    expect(isOpen(hanoi, new Date('2026-03-07T02:00:00Z'))).toBe(true); // Sat 09:00
  });

  it('a holiday closes the day, or keeps its own shorter hours', () => {
    // 2026-09-02 is a Wednesday; even a Monday-like open hour is closed on the national day.
    expect(
      isOpen({ ...hanoi, weekly: { '3': [['00:00', '24:00']] } }, new Date('2026-09-02T03:00:00Z')),
    ).toBe(false);
    // 2026-02-16 is a Monday with shorter holiday hours 08:00–10:00.
    expect(isOpen(hanoi, new Date('2026-02-16T02:00:00Z'))).toBe(true); // 09:00
    expect(isOpen(hanoi, new Date('2026-02-16T04:00:00Z'))).toBe(false); // 11:00
  });

  it('names malformed hours and holidays', () => {
    expect(hoursProblems({ '1': [['08:00', '17:00']] }, [{ date: '2026-01-01', name: 'New Year' }])).toEqual(
      [],
    );
    expect(hoursProblems({ '1': [['17:00', '08:00']], '7': [] } as never, [])).toHaveLength(2);
    expect(
      hoursProblems({}, [
        { date: '2026-13-40', name: 'x' },
        { date: '2026-01-01', name: 'a' },
        { date: '2026-01-01', name: 'b', hours: [['9:00', '10:00']] },
      ]),
    ).toHaveLength(3);
  });
});
