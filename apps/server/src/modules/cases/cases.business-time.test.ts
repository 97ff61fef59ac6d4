import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  addCalendarDays,
  addWorkingDays,
  type BusinessCalendar,
  businessMinutesBetween,
  deadlineWithPauses,
  elapsedBusinessMinutes,
  hoursOn,
  subtractBusinessMinutes,
  zonedTime,
} from './cases.business-time.ts';
import {
  CHINA_HOLIDAYS,
  CHINA_MAKE_UP_DAYS,
  SEEDED_CALENDARS,
  VIETNAM_HOLIDAYS,
} from './cases.calendars-data.ts';

const DAY: Array<[string, string]> = [
  ['09:00', '12:00'],
  ['13:00', '18:00'],
];
/** Shanghai, Mon–Fri 09–12 + 13–18 (8 h), with the official 2026 holidays and make-up days. */
const china: BusinessCalendar = {
  timeZone: 'Asia/Shanghai',
  weekly: { '1': DAY, '2': DAY, '3': DAY, '4': DAY, '5': DAY },
  holidays: CHINA_HOLIDAYS,
  makeUpDays: CHINA_MAKE_UP_DAYS,
};
const sh = (local: string) => zonedTime(local.slice(0, 10), local.slice(11, 16), 'Asia/Shanghai');
const hcm = (local: string) => zonedTime(local.slice(0, 10), local.slice(11, 16), 'Asia/Ho_Chi_Minh');

describe('zonedTime', () => {
  it('turns a Shanghai wall time into UTC (+08:00, no DST)', () => {
    expect(sh('2026-03-02 09:00').toISOString()).toBe('2026-03-02T01:00:00.000Z');
  });
  it('handles a zone with DST (New York, first day of summer time)', () => {
    expect(zonedTime('2026-03-09', '09:00', 'America/New_York').toISOString()).toBe(
      '2026-03-09T13:00:00.000Z',
    );
    expect(zonedTime('2026-03-06', '09:00', 'America/New_York').toISOString()).toBe(
      '2026-03-06T14:00:00.000Z',
    );
  });
});

describe('addBusinessMinutes', () => {
  it('adds inside one working day, skipping lunch', () => {
    // Mon 10:00 + 3 h: 10–12 (2 h), lunch, 13–14 (1 h) → 14:00.
    expect(addBusinessMinutes(china, sh('2026-03-02 10:00'), 180)).toEqual(sh('2026-03-02 14:00'));
  });
  it('lands on a closing time rather than the next opening', () => {
    expect(addBusinessMinutes(china, sh('2026-03-02 10:00'), 120)).toEqual(sh('2026-03-02 12:00'));
  });
  it('starts at the next opening when started while closed', () => {
    // Sat 11:00 + 30 min → Mon 09:30.
    expect(addBusinessMinutes(china, sh('2026-03-07 11:00'), 30)).toEqual(sh('2026-03-09 09:30'));
  });
  it('skips the weekend', () => {
    // Fri 17:00 + 2 h: Fri 17–18 (1 h), Mon 09–10 (1 h).
    expect(addBusinessMinutes(china, sh('2026-03-06 17:00'), 120)).toEqual(sh('2026-03-09 10:00'));
  });
  it('skips public holidays (清明 4–6 April 2026)', () => {
    // Fri 3 Apr 17:00 + 2 h: Fri 1 h, Sat–Mon holiday, Tue 7 Apr 09–10.
    expect(addBusinessMinutes(china, sh('2026-04-03 17:00'), 120)).toEqual(sh('2026-04-07 10:00'));
  });
  it("works China's make-up Saturday (调休, 14 Feb 2026) and skips the Spring Festival", () => {
    // Fri 13 Feb 17:00 + 2 h: Fri 1 h, Sat 14 Feb is a working day → Sat 10:00.
    expect(hoursOn(china, '2026-02-14')).toEqual(DAY);
    expect(addBusinessMinutes(china, sh('2026-02-13 17:00'), 120)).toEqual(sh('2026-02-14 10:00'));
    // Sat 14 Feb 17:00 + 2 h: Sat 1 h, 15–23 Feb Spring Festival, Tue 24 Feb 09–10.
    expect(addBusinessMinutes(china, sh('2026-02-14 17:00'), 120)).toEqual(sh('2026-02-24 10:00'));
  });
  it('moves a deadline that would fall on a holiday to after it (国庆 2026)', () => {
    // Wed 30 Sep 16:00 + 8 h: 30 Sep 16–18 (2 h), 1–7 Oct closed, Thu 8 Oct 09–12 + 13–16 (6 h).
    expect(addBusinessMinutes(china, sh('2026-09-30 16:00'), 480)).toEqual(sh('2026-10-08 16:00'));
  });
  it('counts hours that cross midnight in the day they start', () => {
    const night: BusinessCalendar = {
      timeZone: 'Asia/Ho_Chi_Minh',
      weekly: {
        '1': [['22:00', '06:00']],
        '2': [['22:00', '06:00']],
        '3': [['22:00', '06:00']],
        '4': [['22:00', '06:00']],
        '5': [['22:00', '06:00']],
      },
      holidays: [],
      makeUpDays: [],
    };
    // Mon 23:00 + 3 h → Tue 02:00.
    expect(addBusinessMinutes(night, hcm('2026-03-02 23:00'), 180)).toEqual(hcm('2026-03-03 02:00'));
    // Fri 05:00 is still Thursday's night: 05–06 (1 h), then Fri 22:00 + 1 h → 23:00.
    expect(addBusinessMinutes(night, hcm('2026-03-06 05:00'), 120)).toEqual(hcm('2026-03-06 23:00'));
    // Friday's night runs into Saturday morning; Saturday evening is closed → Mon 22:00 + rest.
    expect(addBusinessMinutes(night, hcm('2026-03-07 05:00'), 120)).toEqual(hcm('2026-03-09 23:00'));
  });
  it('subtracts business time backwards across the night', () => {
    expect(subtractBusinessMinutes(china, sh('2026-03-03 10:00'), 120)).toEqual(sh('2026-03-02 17:00'));
    expect(addBusinessMinutes(china, sh('2026-03-03 10:00'), -120)).toEqual(sh('2026-03-02 17:00'));
  });
});

describe('elapsed business time with pauses', () => {
  it('measures a working day and leaves out paused business time', () => {
    expect(businessMinutesBetween(china, sh('2026-03-02 09:00'), sh('2026-03-02 18:00'))).toBe(480);
    const pauses = [
      { from: sh('2026-03-02 10:00'), to: sh('2026-03-02 11:00') }, // 60 min
      { from: sh('2026-03-02 11:30'), to: sh('2026-03-02 14:00') }, // 30 + lunch + 60 = 90 min
    ];
    expect(elapsedBusinessMinutes(china, sh('2026-03-02 09:00'), sh('2026-03-02 18:00'), pauses)).toBe(330);
    // A pause still open at `now` counts up to now; an overlapping pause is not counted twice.
    const open = [
      ...pauses,
      { from: sh('2026-03-02 10:30'), to: sh('2026-03-02 10:45') },
      { from: sh('2026-03-02 17:00'), to: null },
    ];
    expect(elapsedBusinessMinutes(china, sh('2026-03-02 09:00'), sh('2026-03-02 18:00'), open)).toBe(270);
  });
  it('pushes a deadline back by the business time spent paused', () => {
    // 4 h budget from Mon 09:00 → 14:00; a 1 h pause (10–11) makes it 15:00.
    const pauses = [{ from: sh('2026-03-02 10:00'), to: sh('2026-03-02 11:00') }];
    expect(deadlineWithPauses(china, sh('2026-03-02 09:00'), 240, pauses)).toEqual(sh('2026-03-02 15:00'));
    // A pause over the weekend costs nothing.
    const weekend = [{ from: sh('2026-03-07 09:00'), to: sh('2026-03-08 18:00') }];
    expect(deadlineWithPauses(china, sh('2026-03-06 17:00'), 120, weekend)).toEqual(sh('2026-03-09 10:00'));
  });
});

describe('regulatory day counts', () => {
  it('China: 15 calendar days end at local midnight, holiday or not', () => {
    // Received 20 Sep 2026 → due end of 5 Oct (inside National Day: calendar days do not move).
    expect(addCalendarDays('Asia/Shanghai', sh('2026-09-20 15:00'), 15)).toEqual(sh('2026-10-06 00:00'));
  });
  it('Vietnam: working days skip weekends and public holidays', () => {
    const vn = SEEDED_CALENDARS.find((c) => c.code === 'VN') as BusinessCalendar;
    expect(VIETNAM_HOLIDAYS.some((h) => h.date === '2026-04-27')).toBe(true);
    // Received Fri 24 Apr 2026: 27 Apr (Hùng Kings, in lieu), 30 Apr and 1 May are holidays →
    // working days 28, 29 Apr, 4, 5, 6 May → due end of Wed 6 May.
    expect(addWorkingDays(vn, hcm('2026-04-24 10:00'), 5)).toEqual(hcm('2026-05-07 00:00'));
  });
});

describe('seeded calendars', () => {
  it("China's make-up days are all weekend days and no holiday is also a make-up day", () => {
    for (const d of CHINA_MAKE_UP_DAYS)
      expect(['0', '6']).toContain(String(new Date(`${d.date}T00:00:00Z`).getUTCDay()));
    const holidays = new Set(CHINA_HOLIDAYS.map((h) => h.date));
    for (const d of CHINA_MAKE_UP_DAYS) expect(holidays.has(d.date)).toBe(false);
    expect(CHINA_HOLIDAYS.filter((h) => h.date.startsWith('2026') && h.name === '春节')).toHaveLength(9);
  });
});
