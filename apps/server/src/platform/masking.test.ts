import { describe, expect, it } from 'vitest';
import { isLuhnValid, maskPans, maskPansDeep } from './masking.ts';

describe('maskPans', () => {
  it('masks a plain 16-digit Visa test number to BIN and last four', () => {
    expect(maskPans('card 4111111111111111 lost')).toBe('card 411111******1111 lost');
  });

  it('keeps the grouping when digits are separated by spaces or dashes', () => {
    expect(maskPans('4111 1111 1111 1111')).toBe('4111 11** **** 1111');
    expect(maskPans('5500-0000-0000-0004')).toBe('5500-00**-****-0004');
  });

  it('masks full-width digits inside Chinese text', () => {
    expect(maskPans('我的卡号是６２２２０２１２３４５６７８９０１２８，请冻结')).toBe(
      '我的卡号是６２２２０２*********０１２８，请冻结',
    );
  });

  it('masks a 19-digit UnionPay number inside Vietnamese text without spaces around it', () => {
    const pan = '6212345678901234569';
    expect(isLuhnValid(pan.split('').map(Number))).toBe(true);
    expect(maskPans(`Thẻ số${pan}bị khóa`)).toBe('Thẻ số621234*********4569bị khóa');
  });

  it('leaves Luhn-invalid numbers, phone numbers and short numbers alone', () => {
    expect(maskPans('4111111111111112')).toBe('4111111111111112');
    expect(maskPans('call +84 912 345 678 or 0912345678')).toBe('call +84 912 345 678 or 0912345678');
    expect(maskPans('amount 1234567')).toBe('amount 1234567');
  });

  it('does not mask a window inside a longer unseparated account number', () => {
    // 4111111111111111 is a valid PAN but here it is the head of a 22-digit reference.
    expect(maskPans('ref 4111111111111111000000')).toBe('ref 4111111111111111000000');
  });

  it('finds a PAN followed by another digit group such as an expiry year', () => {
    expect(maskPans('4111 1111 1111 1111 2027')).toBe('4111 11** **** 1111 2027');
  });

  it('masks 13-digit and several PANs in one text', () => {
    expect(maskPans('4222222222222 and 378282246310005')).toBe('422222***2222 and 378282*****0005');
  });

  it('deep-masks objects and arrays and keeps other values', () => {
    expect(maskPansDeep({ a: ['4111111111111111'], n: 4111111111111111, b: { c: 'x' } })).toEqual({
      a: ['411111******1111'],
      n: 4111111111111111,
      b: { c: 'x' },
    });
  });
});
