/**
 * The pipeline's pure rules: which channel, when (quiet hours), and when to retry.
 */
export type Purpose = 'transactional' | 'service' | 'survey' | 'marketing';
export type Channel = 'email' | 'sms';
export const PURPOSES: readonly Purpose[] = ['transactional', 'service', 'survey', 'marketing'];

export interface Reachability {
  email: string | null;
  phone: string | null;
  marketingEmail: boolean;
  marketingSms: boolean;
  /** The phone texted STOP (or a local equivalent): no marketing or survey SMS. */
  smsOptedOut?: boolean;
}

export type ChannelChoice =
  | { channel: Channel; recipient: string }
  | { channel: null; reason: 'NO_ADDRESS' | 'NO_CONSENT' };

/**
 * Picks the channel. The caller's preference wins when the customer can be reached there; otherwise
 * time-critical transactional messages (codes, alerts) go by SMS first and the rest by email first.
 * Marketing needs the customer's consent on that channel (recorded on the customer); transactional,
 * service and survey messages do not.
 */
export function chooseChannel(purpose: Purpose, to: Reachability, preferred?: Channel): ChannelChoice {
  const allowed = (channel: Channel): boolean => {
    if (channel === 'sms' && to.smsOptedOut && (purpose === 'marketing' || purpose === 'survey'))
      return false;
    if (purpose !== 'marketing') return true;
    return channel === 'email' ? to.marketingEmail : to.marketingSms;
  };
  const address = (channel: Channel) => (channel === 'email' ? to.email : to.phone);
  const order: Channel[] = preferred
    ? [preferred, preferred === 'email' ? 'sms' : 'email']
    : purpose === 'transactional'
      ? ['sms', 'email']
      : ['email', 'sms'];
  for (const channel of order) {
    const recipient = address(channel);
    if (recipient && allowed(channel)) return { channel, recipient };
  }
  const reachable = order.some((c) => address(c));
  return { channel: null, reason: reachable ? 'NO_CONSENT' : 'NO_ADDRESS' };
}

/** Quiet hours for SMS that is not transactional: 21:00 to 08:00 local time. */
export const QUIET_START_HOUR = 21;
export const QUIET_END_HOUR = 8;

function localParts(at: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** The UTC instant of local wall time `y-m-d h:00` in `timeZone` (offsets found by two probes). */
function zonedTime(year: number, month: number, day: number, hour: number, timeZone: string): Date {
  let guess = Date.UTC(year, month - 1, day, hour);
  for (let i = 0; i < 2; i++) {
    const p = localParts(new Date(guess), timeZone);
    const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    guess += Date.UTC(year, month - 1, day, hour) - asUtc;
  }
  return new Date(guess);
}

/**
 * When a notification may first be sent. Non-transactional SMS is never sent at night in the
 * customer's time zone: it waits until 08:00 local. Email and transactional SMS go at once.
 */
export function earliestSendTime(now: Date, channel: Channel, purpose: Purpose, timeZone: string): Date {
  if (channel !== 'sms' || purpose === 'transactional') return now;
  const local = localParts(now, timeZone);
  if (local.hour >= QUIET_END_HOUR && local.hour < QUIET_START_HOUR) return now;
  // Before 08:00: this morning; from 21:00: tomorrow morning (Date.UTC rolls the day over).
  const day = local.hour < QUIET_END_HOUR ? local.day : local.day + 1;
  const next = new Date(Date.UTC(local.year, local.month - 1, day));
  return zonedTime(
    next.getUTCFullYear(),
    next.getUTCMonth() + 1,
    next.getUTCDate(),
    QUIET_END_HOUR,
    timeZone,
  );
}

/** The customer's time zone from their phone's country; the bank's zone otherwise. */
const ZONE_BY_CALLING_CODE: [string, string][] = [
  ['+84', 'Asia/Ho_Chi_Minh'],
  ['+86', 'Asia/Shanghai'],
  ['+852', 'Asia/Hong_Kong'],
  ['+853', 'Asia/Macau'],
  ['+886', 'Asia/Taipei'],
  ['+65', 'Asia/Singapore'],
  ['+60', 'Asia/Kuala_Lumpur'],
  ['+66', 'Asia/Bangkok'],
  ['+44', 'Europe/London'],
];

export function timeZoneOf(phone: string | null, bankTimeZone: string): string {
  if (!phone) return bankTimeZone;
  const match = ZONE_BY_CALLING_CODE.filter(([code]) => phone.startsWith(code)).sort(
    (a, b) => b[0].length - a[0].length,
  )[0];
  return match ? match[1] : bankTimeZone;
}

/** Attempts before a notification fails for good. */
export const MAX_ATTEMPTS = 6;

/** Exponential backoff: 30 s, 1 min, 2 min, 4 min, 8 min… capped at one hour, ±10 % jitter from `random`. */
export function retryDelayMs(attempt: number, random = 0.5): number {
  const base = Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
  return Math.round(base * (0.9 + 0.2 * random));
}
