import { describe, expect, it } from 'vitest';
import {
  decodeGsm7,
  decodeUcs2,
  encodeSms,
  optInKeyword,
  optOutKeyword,
  parseReceipt,
  parseUdh,
  sanitizeSenderId,
  splitSms,
  stripVietnamese,
  toE164,
} from './sms.codec.ts';
import { REPLAY_WINDOW_SECONDS, signBody, verifySignature } from './sms.gateway.ts';

describe('encoding and segments', () => {
  it('keeps plain text in GSM-7 up to 160 septets, extension characters counting two', () => {
    expect(splitSms('a'.repeat(160))).toMatchObject({
      encoding: 'gsm7',
      parts: ['a'.repeat(160)],
      remaining: 0,
    });
    const euro = splitSms(`${'a'.repeat(158)}€`);
    expect(euro.units).toBe(160);
    expect(euro.parts).toHaveLength(1);
    expect(splitSms(`${'a'.repeat(159)}€`).parts).toHaveLength(2);
  });

  it('splits long GSM-7 into 153-septet parts without cutting an escape sequence', () => {
    const text = `${'a'.repeat(152)}{${'b'.repeat(10)}`;
    const split = splitSms(text);
    expect(split.parts).toHaveLength(2);
    expect(split.parts[0]).toBe('a'.repeat(152));
    expect(split.parts[1]).toBe(`{${'b'.repeat(10)}`);
  });

  it('uses UCS-2 for Chinese and Vietnamese, 70 then 67 per part, never splitting a surrogate pair', () => {
    expect(splitSms('您好'.repeat(35))).toMatchObject({ encoding: 'ucs2', units: 70 });
    expect(splitSms('您好'.repeat(35)).parts).toHaveLength(1);
    expect(splitSms(`${'好'.repeat(71)}`).parts.map((p) => p.length)).toEqual([67, 4]);
    const emoji = `${'a'.repeat(66)}😀b`;
    const split = splitSms(`${emoji}${'c'.repeat(10)}`);
    expect(split.parts[0]).toBe('a'.repeat(66));
    expect(split.parts[1]?.startsWith('😀')).toBe(true);
    expect(splitSms('Ngân hàng Banyan').encoding).toBe('ucs2');
  });

  it('strips Vietnamese diacritics on request, which keeps the text in GSM-7', () => {
    expect(stripVietnamese('Ngân hàng Đông Á: yêu cầu đã được giải quyết')).toBe(
      'Ngan hang Dong A: yeu cau da duoc giai quyet',
    );
    expect(splitSms('Ngân hàng', { stripDiacritics: true })).toMatchObject({
      encoding: 'gsm7',
      parts: ['Ngan hang'],
    });
    // Chinese has no such option: it stays UCS-2.
    expect(splitSms('榕树银行', { stripDiacritics: true }).encoding).toBe('ucs2');
  });

  it('encodes parts with a concatenation UDH carrying the same reference, total and sequence', () => {
    const encoded = encodeSms('好'.repeat(100), { concatRef: 42 });
    expect(encoded.dataCoding).toBe(8);
    expect(encoded.parts).toHaveLength(2);
    for (const [i, part] of encoded.parts.entries()) {
      const { concat, payload } = parseUdh(part);
      expect(concat).toEqual({ ref: 42, total: 2, seq: i + 1 });
      expect(decodeUcs2(payload)).toBe('好'.repeat(i === 0 ? 67 : 33));
    }
    const single = encodeSms('Hello {x} €', { concatRef: 1 });
    expect(single.dataCoding).toBe(0);
    expect(decodeGsm7(single.parts[0] as Buffer)).toBe('Hello {x} €');
    expect(single.parts[0]?.length).toBe(14); // { } € take two septets each
  });
});

describe('receipts, keywords, sender IDs, numbers', () => {
  it('parses the SMPP 3.4 Appendix B receipt text', () => {
    expect(
      parseReceipt(
        'id:0a1b2c sub:001 dlvrd:001 submit date:2611230405 done date:2611230405 stat:DELIVRD err:000 text:',
      ),
    ).toEqual({ id: '0a1b2c', stat: 'DELIVRD', err: '000' });
    expect(parseReceipt('hello')).toBeNull();
  });

  it('recognises STOP and the local opt-out keywords, not a sentence containing them', () => {
    for (const word of [
      'STOP',
      ' stop ',
      'Stop.',
      'TD',
      '退订',
      'TU CHOI',
      'từ chối',
      'Hủy',
      'HUY DK',
      'unsubscribe',
    ])
      expect(optOutKeyword(word), word).not.toBeNull();
    for (const text of ['stop by the branch', 'I want to huy my card', 'TDX', '退订了吗？你好'])
      expect(optOutKeyword(text), text).toBeNull();
  });

  it('recognises opt-in keywords on the whole message only', () => {
    for (const word of ['START', ' start ', 'Unstop', '开始', '订阅', 'BẮT ĐẦU', 'bat dau', 'Bắt đầu!'])
      expect(optInKeyword(word), word).not.toBeNull();
    for (const text of ['start my card', 'STOP', '开始了吗', 'bat dau tu hom nay'])
      expect(optInKeyword(text), text).toBeNull();
  });

  it('sanitises sender IDs: control characters removed, alphanumeric ≤ 11 or a number', () => {
    expect(sanitizeSenderId('Banyan\r\nBank')).toEqual({ value: 'BanyanBank', ton: 5, npi: 0 });
    expect(sanitizeSenderId('+84901234567')).toEqual({ value: '84901234567', ton: 1, npi: 1 });
    expect(sanitizeSenderId('8088')).toEqual({ value: '8088', ton: 0, npi: 1 });
    expect(sanitizeSenderId('BanyanBankVietnam')).toBeNull();
    expect(sanitizeSenderId('\u0000\u0007')).toBeNull();
    expect(sanitizeSenderId('Bank<script>')).toBeNull();
  });

  it('normalises numbers to E.164 and refuses what is not a phone number', () => {
    expect(toE164('0912 345 678')).toBe('+84912345678');
    expect(toE164('84912345678')).toBe('+84912345678');
    expect(toE164('+86 138 0013 8000')).toBe('+8613800138000');
    expect(toE164('13800138000', 'CN')).toBe('+8613800138000');
    expect(toE164('+44 20 7946 0958')).toBe('+442079460958');
    for (const bad of ['12', 'abc', '+84 12', '0000000000', '']) expect(toE164(bad), bad).toBeNull();
  });
});

describe('gateway signatures', () => {
  const secret = 'whsec_test';
  const body = '{"from":"+84912345678","to":"8088","text":"hi","id":"m1"}';
  it('accepts a fresh, exact signature', () => {
    const header = signBody(secret, body, 1_700_000_000);
    expect(verifySignature({ secret, header, body, nowSeconds: 1_700_000_010 })).toBe(true);
  });
  it('refuses a changed body, a wrong secret, a truncated MAC, and a replay outside the window', () => {
    const header = signBody(secret, body, 1_700_000_000);
    expect(verifySignature({ secret, header, body: `${body} `, nowSeconds: 1_700_000_000 })).toBe(false);
    expect(verifySignature({ secret: 'other', header, body, nowSeconds: 1_700_000_000 })).toBe(false);
    expect(verifySignature({ secret, header: header.slice(0, -2), body, nowSeconds: 1_700_000_000 })).toBe(
      false,
    );
    expect(verifySignature({ secret, header: `${header}00`, body, nowSeconds: 1_700_000_000 })).toBe(false);
    expect(
      verifySignature({ secret, header, body, nowSeconds: 1_700_000_000 + REPLAY_WINDOW_SECONDS + 1 }),
    ).toBe(false);
    expect(verifySignature({ secret, header: undefined, body, nowSeconds: 1_700_000_000 })).toBe(false);
  });
});
