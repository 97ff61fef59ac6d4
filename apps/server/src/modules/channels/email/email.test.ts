import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  classifyMail,
  collapseQuoted,
  messageIds,
  sanitizeEmailHtml,
  signReplyToken,
  splitPlusAddress,
  verifyReplyToken,
} from './email.inbound.ts';

const headers = (h: Record<string, string>, contentType?: string, from = 'ha@example.vn') => ({
  get: (name: string) => h[name],
  contentType,
  from,
});

describe('classifyMail', () => {
  it('recognises RFC 3834 auto-replies, bulk mail and DSN bounces', () => {
    expect(classifyMail(headers({}))).toBe('message');
    expect(classifyMail(headers({ 'auto-submitted': 'no' }))).toBe('message');
    expect(classifyMail(headers({ 'auto-submitted': 'auto-replied' }))).toBe('auto_reply');
    expect(classifyMail(headers({ precedence: 'bulk' }))).toBe('auto_reply');
    expect(classifyMail(headers({ 'x-autoreply': 'yes' }))).toBe('auto_reply');
    expect(classifyMail(headers({}, 'multipart/report; report-type=delivery-status; boundary="x"'))).toBe(
      'bounce',
    );
    expect(classifyMail(headers({}, 'text/plain', 'MAILER-DAEMON@mx.example.vn'))).toBe('bounce');
  });
});

describe('collapseQuoted', () => {
  it('keeps the new text and drops the quoted history', () => {
    expect(
      collapseQuoted('Cảm ơn!\n\nOn Mon, 2 Mar 2026 at 09:00, Bank <support@bank.example> wrote:\n> hello'),
    ).toEqual({
      fresh: 'Cảm ơn!',
      quoted: true,
    });
    expect(collapseQuoted('好的\n\n在 2026年3月2日 写道：\n> 您好').fresh).toBe('好的');
    expect(collapseQuoted('Ok\n> old\n> older').fresh).toBe('Ok');
    expect(collapseQuoted('> only a quote')).toEqual({ fresh: '> only a quote', quoted: false });
  });
});

describe('sanitizeEmailHtml', () => {
  it('renders scripts, handlers, styles and remote images inert', () => {
    const html = sanitizeEmailHtml(
      '<style>p{display:none}</style><p style="position:fixed" onclick="x()">Hi<script>alert(1)</script></p>' +
        '<img src="https://tracker.example/p.gif"><img src="cid:logo"><a href="javascript:alert(1)">x</a>' +
        '<a href="https://bank.example">ok</a><form><input></form><iframe src="https://evil"></iframe>',
    );
    expect(html).not.toMatch(/script|onclick|style|tracker|javascript|iframe|form|input/);
    expect(html).toContain('<p>Hi</p>');
    expect(html).toContain('<img src="cid:logo" />');
    expect(html).toContain(
      '<a href="https://bank.example" rel="noopener noreferrer nofollow" target="_blank">ok</a>',
    );
  });
});

describe('sanitizeEmailHtml and card numbers', () => {
  it('masks them in text, link targets and titles, and image alt text', () => {
    const html = sanitizeEmailHtml(
      '<p>Card <b>4111 1111 1111 1111</b> and 4111-1111-1111-1111</p>' +
        '<a href="https://bank.example/?pan=4111111111111111" title="4111111111111111">x</a>' +
        '<img src="cid:scan" alt="card 4111111111111111">',
    );
    expect(html).not.toMatch(/4111 1111 1111 1111|4111-1111-1111-1111|4111111111111111/);
    expect(html).toContain('<b>4111 11** **** 1111</b>');
    expect(html).toContain('4111-11**-****-1111');
    expect(html).toContain('pan=411111******1111');
    expect(html).toContain('alt="card 411111******1111"');
    // An account or reference number that is not a card stays readable.
    expect(sanitizeEmailHtml('<p>Ref 1234567890123</p>')).toBe('<p>Ref 1234567890123</p>');
  });
});

describe('reply tokens', () => {
  const key = randomBytes(32);
  const id = '0192f3a4-5b6c-7d8e-9f00-112233445566';
  it('round-trip and fit a 64-character local part', () => {
    const token = signReplyToken(key, id);
    expect(token).toHaveLength(45);
    expect(`support+${token}`.length).toBeLessThanOrEqual(64);
    expect(verifyReplyToken(key, token)).toBe(id);
  });
  it('refuse forged, truncated, extended and other-key tokens', () => {
    const token = signReplyToken(key, id);
    const flipped = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    expect(verifyReplyToken(key, flipped)).toBeNull();
    expect(verifyReplyToken(key, token.slice(0, -1))).toBeNull();
    expect(verifyReplyToken(key, token.slice(0, 30))).toBeNull();
    expect(verifyReplyToken(key, `${token}A`)).toBeNull();
    expect(verifyReplyToken(randomBytes(32), token)).toBeNull();
    const other = signReplyToken(key, '0192f3a4-5b6c-7d8e-9f00-000000000000');
    expect(verifyReplyToken(key, token.slice(0, 23) + other.slice(23))).toBeNull();
  });
  it('split plus addresses and Message-ID lists', () => {
    expect(splitPlusAddress('Support+rAbC@Bank.Example')).toEqual({
      base: 'support@bank.example',
      tag: 'rAbC',
    });
    expect(splitPlusAddress('support@bank.example')).toEqual({ base: 'support@bank.example', tag: null });
    expect(messageIds('<a@x> <b@y>\r\n <c@z>')).toEqual(['<a@x>', '<b@y>', '<c@z>']);
  });
});
