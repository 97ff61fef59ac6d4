import type { BusinessCalendar, CalendarDay, MakeUpDay, WeeklyHours } from './cases.business-time.ts';

/** Monday–Friday 08:30–17:30 with a lunch break: the back offices' usual day. */
const OFFICE_WEEK: WeeklyHours = {
  '1': [
    ['08:30', '12:00'],
    ['13:00', '17:30'],
  ],
  '2': [
    ['08:30', '12:00'],
    ['13:00', '17:30'],
  ],
  '3': [
    ['08:30', '12:00'],
    ['13:00', '17:30'],
  ],
  '4': [
    ['08:30', '12:00'],
    ['13:00', '17:30'],
  ],
  '5': [
    ['08:30', '12:00'],
    ['13:00', '17:30'],
  ],
};

const days = (from: string, to: string, name: string): CalendarDay[] => {
  const out: CalendarDay[] = [];
  for (
    let d = new Date(`${from}T00:00:00Z`);
    d <= new Date(`${to}T00:00:00Z`);
    d = new Date(d.getTime() + 86_400_000)
  )
    out.push({ date: d.toISOString().slice(0, 10), name });
  return out;
};

/**
 * China: 国务院办公厅关于2026年部分节假日安排的通知 (State Council, published November 2025).
 * 2027: not yet published when this was written. The dates below are the statutory holidays
 * (全国年节及纪念日放假办法, as amended 2024) on the 2027 lunar dates, bridged the way the State
 * Council usually does; they are EXPECTED dates — admins replace them once the 2027 notice is out.
 */
export const CHINA_HOLIDAYS: CalendarDay[] = [
  ...days('2026-01-01', '2026-01-03', '元旦'),
  ...days('2026-02-15', '2026-02-23', '春节'),
  ...days('2026-04-04', '2026-04-06', '清明节'),
  ...days('2026-05-01', '2026-05-05', '劳动节'),
  ...days('2026-06-19', '2026-06-21', '端午节'),
  ...days('2026-09-25', '2026-09-27', '中秋节'),
  ...days('2026-10-01', '2026-10-07', '国庆节'),
  // 2027 — expected (see above).
  ...days('2027-01-01', '2027-01-03', '元旦'),
  ...days('2027-02-05', '2027-02-13', '春节'),
  ...days('2027-04-03', '2027-04-05', '清明节'),
  ...days('2027-05-01', '2027-05-05', '劳动节'),
  ...days('2027-06-09', '2027-06-11', '端午节'),
  ...days('2027-09-15', '2027-09-17', '中秋节'),
  ...days('2027-10-01', '2027-10-07', '国庆节'),
];

/** China's make-up working days (调休上班), 2026 per the State Council notice; 2027 expected. */
export const CHINA_MAKE_UP_DAYS: MakeUpDay[] = [
  { date: '2026-01-04', name: '元旦调休上班' },
  { date: '2026-02-14', name: '春节调休上班' },
  { date: '2026-02-28', name: '春节调休上班' },
  { date: '2026-05-09', name: '劳动节调休上班' },
  { date: '2026-09-20', name: '国庆节调休上班' },
  { date: '2026-10-10', name: '国庆节调休上班' },
  // 2027 — expected.
  { date: '2027-02-20', name: '春节调休上班' },
  { date: '2027-04-25', name: '劳动节调休上班' },
  { date: '2027-09-26', name: '国庆节调休上班' },
  { date: '2027-10-09', name: '国庆节调休上班' },
];

/**
 * Vietnam: Labour Code 2019 art. 112 (as amended 2025: two days for National Day) with the
 * Government's 2026 Tết schedule (27 Chạp – mùng 6, 14–22 Feb 2026) and the compensatory day
 * for Hùng Kings' day falling on a Sunday. 2027: EXPECTED dates on the lunar calendar (Tết 6 Feb
 * 2027); admins adjust them to the Government's notice.
 */
export const VIETNAM_HOLIDAYS: CalendarDay[] = [
  { date: '2026-01-01', name: 'Tết Dương lịch' },
  ...days('2026-02-14', '2026-02-22', 'Tết Nguyên đán'),
  { date: '2026-04-27', name: 'Giỗ Tổ Hùng Vương (nghỉ bù)' },
  { date: '2026-04-30', name: 'Ngày Giải phóng miền Nam' },
  { date: '2026-05-01', name: 'Quốc tế Lao động' },
  { date: '2026-09-01', name: 'Quốc khánh' },
  { date: '2026-09-02', name: 'Quốc khánh' },
  // 2027 — expected.
  { date: '2027-01-01', name: 'Tết Dương lịch' },
  ...days('2027-02-04', '2027-02-12', 'Tết Nguyên đán'),
  { date: '2027-04-16', name: 'Giỗ Tổ Hùng Vương' },
  { date: '2027-04-30', name: 'Ngày Giải phóng miền Nam' },
  { date: '2027-05-03', name: 'Quốc tế Lao động (nghỉ bù)' },
  { date: '2027-09-02', name: 'Quốc khánh' },
  { date: '2027-09-03', name: 'Quốc khánh' },
];

export const SEEDED_CALENDARS: Array<{ code: string; name: string } & BusinessCalendar> = [
  {
    code: 'CN',
    name: 'China — office hours',
    timeZone: 'Asia/Shanghai',
    weekly: OFFICE_WEEK,
    holidays: CHINA_HOLIDAYS,
    makeUpDays: CHINA_MAKE_UP_DAYS,
  },
  {
    code: 'VN',
    name: 'Vietnam — office hours',
    timeZone: 'Asia/Ho_Chi_Minh',
    weekly: OFFICE_WEEK,
    holidays: VIETNAM_HOLIDAYS,
    makeUpDays: [],
  },
];
