import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../platform/i18n.ts';
import { headerSafe, isEmailAddress, messageIdFor } from './notifications.email.ts';
import { chooseChannel, earliestSendTime, retryDelayMs, timeZoneOf } from './notifications.policy.ts';
import { renderTemplate, requiredParams, TEMPLATES } from './notifications.templates.ts';
import { formatTranscript } from './notifications.transcript.ts';
import { newCode } from './notifications.verification.ts';

const reach = { email: 'ha@example.vn', phone: '+84912345678', marketingEmail: false, marketingSms: false };

describe('chooseChannel', () => {
  it('sends transactional by SMS first and the rest by email first', () => {
    expect(chooseChannel('transactional', reach)).toEqual({ channel: 'sms', recipient: '+84912345678' });
    expect(chooseChannel('service', reach)).toEqual({ channel: 'email', recipient: 'ha@example.vn' });
    expect(chooseChannel('survey', { ...reach, email: null })).toEqual({
      channel: 'sms',
      recipient: '+84912345678',
    });
  });

  it('follows the preference when the customer is reachable there', () => {
    expect(chooseChannel('service', reach, 'sms')).toMatchObject({ channel: 'sms' });
    expect(chooseChannel('service', { ...reach, phone: null }, 'sms')).toMatchObject({ channel: 'email' });
  });

  it('needs consent on the channel for marketing, never for the rest', () => {
    expect(chooseChannel('marketing', reach)).toEqual({ channel: null, reason: 'NO_CONSENT' });
    expect(chooseChannel('marketing', { ...reach, marketingSms: true })).toMatchObject({ channel: 'sms' });
    expect(chooseChannel('transactional', { ...reach, email: null })).toMatchObject({ channel: 'sms' });
    expect(chooseChannel('service', { ...reach, email: null, phone: null })).toEqual({
      channel: null,
      reason: 'NO_ADDRESS',
    });
  });
});

describe('earliestSendTime (quiet hours)', () => {
  const hcm = 'Asia/Ho_Chi_Minh';
  it('holds non-transactional SMS sent at night until 08:00 local', () => {
    // 23:30 in Ho Chi Minh City (UTC+7) → 08:00 the next morning = 01:00Z.
    expect(earliestSendTime(new Date('2026-03-02T16:30:00Z'), 'sms', 'survey', hcm).toISOString()).toBe(
      '2026-03-03T01:00:00.000Z',
    );
    // 05:00 local → 08:00 the same morning.
    expect(earliestSendTime(new Date('2026-03-01T22:00:00Z'), 'sms', 'marketing', hcm).toISOString()).toBe(
      '2026-03-02T01:00:00.000Z',
    );
    // Month end rolls over: 22:00 on 31 March local.
    expect(earliestSendTime(new Date('2026-03-31T15:00:00Z'), 'sms', 'service', hcm).toISOString()).toBe(
      '2026-04-01T01:00:00.000Z',
    );
  });

  it('sends transactional SMS, email, and daytime SMS at once', () => {
    const night = new Date('2026-03-02T16:30:00Z');
    expect(earliestSendTime(night, 'sms', 'transactional', hcm)).toEqual(night);
    expect(earliestSendTime(night, 'email', 'marketing', hcm)).toEqual(night);
    const day = new Date('2026-03-02T05:00:00Z');
    expect(earliestSendTime(day, 'sms', 'survey', hcm)).toEqual(day);
  });

  it('uses the zone of the phone country, else the bank zone', () => {
    expect(timeZoneOf('+8613800138000', 'Asia/Ho_Chi_Minh')).toBe('Asia/Shanghai');
    expect(timeZoneOf('+85291234567', 'Asia/Ho_Chi_Minh')).toBe('Asia/Hong_Kong');
    expect(timeZoneOf(null, 'Asia/Ho_Chi_Minh')).toBe('Asia/Ho_Chi_Minh');
    // 22:00 in Shanghai (UTC+8) is 21:00 in Hanoi: quiet in both, morning is 00:00Z there.
    expect(
      earliestSendTime(new Date('2026-03-02T14:00:00Z'), 'sms', 'survey', 'Asia/Shanghai').toISOString(),
    ).toBe('2026-03-03T00:00:00.000Z');
  });
});

describe('retryDelayMs', () => {
  it('doubles from 30 s and is capped at an hour', () => {
    expect(retryDelayMs(1)).toBe(30_000);
    expect(retryDelayMs(2)).toBe(60_000);
    expect(retryDelayMs(4)).toBe(240_000);
    expect(retryDelayMs(30)).toBe(3_600_000);
    expect(retryDelayMs(1, 0)).toBe(27_000);
    expect(retryDelayMs(1, 1)).toBe(33_000);
  });
});

describe('templates', () => {
  it('exist in every language with the same placeholders', () => {
    for (const [key, byLocale] of Object.entries(TEMPLATES)) {
      const needed = requiredParams(key).sort();
      for (const locale of LOCALES) {
        const t = byLocale[locale];
        const used = new Set<string>();
        for (const part of [t.subject, t.body, t.sms])
          for (const m of part.matchAll(/\{(\w+)\}/g)) used.add(m[1] as string);
        expect([...used].sort(), `${key}/${locale}`).toEqual(needed);
      }
    }
  });

  it('fills params', () => {
    expect(
      renderTemplate('case_updated', 'zh-CN', { name: '王芳', caseNo: 'C-1', status: '已解决' }).subject,
    ).toBe('您的申请 C-1 已更新');
  });
});

describe('headers', () => {
  it('removes CR, LF and other control characters', () => {
    expect(headerSafe('Hello\r\nBcc: evil@example.com')).toBe('Hello Bcc: evil@example.com');
    expect(headerSafe('a\u2028b\u0000c')).toBe('a b c');
  });
  it('checks addresses and builds Message-IDs under the sender domain', () => {
    expect(isEmailAddress('ha@example.vn')).toBe(true);
    expect(isEmailAddress('ha@example.vn\r\nBcc: x@y.z')).toBe(false);
    expect(isEmailAddress('a b@example.vn')).toBe(false);
    expect(messageIdFor('abc', 'no-reply@bank.example')).toBe('<abc@bank.example>');
  });
});

describe('the chat transcript text', () => {
  it('puts one line per message with the local time and the author, card numbers masked', () => {
    const text = formatTranscript(
      [
        { at: new Date('2026-03-02T01:05:00Z'), author: 'Lan', text: 'Card 4111 1111 1111 1111 is blocked' },
        { at: new Date('2026-03-02T01:06:00Z'), author: 'Minh', text: 'Unblocked.' },
      ],
      'vi',
      'Asia/Ho_Chi_Minh',
    );
    const lines = text.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\[08:05\] Lan: Card /);
    expect(lines[0]).not.toContain('4111 1111 1111 1111');
    expect(lines[1]).toBe('[08:06] Minh: Unblocked.');
  });

  it('draws verification codes as six digits, leading zeros kept', () => {
    for (let i = 0; i < 200; i++) expect(newCode()).toMatch(/^\d{6}$/);
  });
});
