import { describe, expect, it } from 'vitest';
import {
  buildSearchName,
  foldForSearch,
  hashNationalId,
  maskNationalId,
  normaliseEmail,
  normaliseNationalId,
  normalisePhone,
  parsePhone,
} from './customers.normalise.ts';

describe('normalisePhone — Viet Nam', () => {
  it('accepts national mobile numbers with the trunk 0 and any grouping', () => {
    expect(normalisePhone('0912345678', 'VN')).toBe('+84912345678');
    expect(normalisePhone('091 234 5678', 'VN')).toBe('+84912345678');
    expect(normalisePhone('0912.345.678', 'VN')).toBe('+84912345678');
    expect(normalisePhone('(091) 234-5678', 'VN')).toBe('+84912345678');
    expect(normalisePhone('0386 123 456', 'VN')).toBe('+84386123456');
  });

  it('accepts international forms: +84, 0084, 84 without plus, and a stray (0)', () => {
    expect(normalisePhone('+84 912 345 678', 'VN')).toBe('+84912345678');
    expect(normalisePhone('0084912345678', 'VN')).toBe('+84912345678');
    expect(normalisePhone('84912345678', 'VN')).toBe('+84912345678');
    expect(normalisePhone('+84 (0) 912 345 678', 'VN')).toBe('+84912345678');
    expect(normalisePhone('+84912345678', 'CN')).toBe('+84912345678');
  });

  it('accepts a mobile written without its trunk 0', () => {
    expect(normalisePhone('912345678', 'VN')).toBe('+84912345678');
  });

  it('maps pre-2018 eleven-digit mobile numbers to their current ten-digit form', () => {
    expect(normalisePhone('01681234567', 'VN')).toBe('+84381234567');
    expect(normalisePhone('0123 456 7890', 'VN')).toBe('+84834567890');
    expect(normalisePhone('+84 199 123 4567', 'VN')).toBe('+84591234567');
  });

  it('accepts landlines with the 02x area codes', () => {
    expect(parsePhone('024 3825 1234', 'VN')).toEqual({
      e164: '+842438251234',
      country: 'VN',
      type: 'landline',
    });
    expect(parsePhone('028 3829 5555', 'VN')).toEqual({
      e164: '+842838295555',
      country: 'VN',
      type: 'landline',
    });
    expect(parsePhone('0912345678', 'VN')?.type).toBe('mobile');
  });

  it('rejects wrong lengths, unknown prefixes, and hotline short numbers', () => {
    expect(normalisePhone('091234567', 'VN')).toBeNull();
    expect(normalisePhone('09123456789', 'VN')).toBeNull();
    expect(normalisePhone('0612345678', 'VN')).toBeNull();
    expect(normalisePhone('1900 545 413', 'VN')).toBeNull();
    expect(normalisePhone('+84 12345', 'VN')).toBeNull();
  });
});

describe('normalisePhone — China', () => {
  it('accepts mobiles as dialled, with +86, 0086, or a mistaken trunk 0', () => {
    expect(normalisePhone('13812345678', 'CN')).toBe('+8613812345678');
    expect(normalisePhone('138 1234 5678', 'CN')).toBe('+8613812345678');
    expect(normalisePhone('+86 138-1234-5678', 'CN')).toBe('+8613812345678');
    expect(normalisePhone('008613812345678', 'CN')).toBe('+8613812345678');
    expect(normalisePhone('8613812345678', 'CN')).toBe('+8613812345678');
    expect(normalisePhone('013812345678', 'CN')).toBe('+8613812345678');
    expect(normalisePhone('8613812345678', 'VN')).toBe('+8613812345678');
  });

  it('converts full-width digits typed on a Chinese keyboard', () => {
    expect(normalisePhone('１３８１２３４５６７８', 'CN')).toBe('+8613812345678');
    expect(normalisePhone('＋８６ １３８１２３４５６７８', 'VN')).toBe('+8613812345678');
  });

  it('accepts landlines with two- and three-digit area codes', () => {
    expect(parsePhone('010-6512 3456', 'CN')).toEqual({
      e164: '+861065123456',
      country: 'CN',
      type: 'landline',
    });
    expect(normalisePhone('021 5888 1234', 'CN')).toBe('+862158881234');
    expect(normalisePhone('0755-8888 1234', 'CN')).toBe('+8675588881234');
    expect(normalisePhone('+86 755 8888 1234', 'VN')).toBe('+8675588881234');
  });

  it('rejects mobiles with an unassigned second digit or the wrong length', () => {
    expect(normalisePhone('12812345678', 'CN')).toBeNull();
    expect(normalisePhone('1381234567', 'CN')).toBeNull();
    expect(normalisePhone('+86 138 1234 56789', 'CN')).toBeNull();
  });
});

describe('normalisePhone — other input', () => {
  it('shape-checks numbers of other countries given in international form', () => {
    expect(parsePhone('+1 (415) 555-2671', 'VN')).toEqual({
      e164: '+14155552671',
      country: null,
      type: 'unknown',
    });
    expect(normalisePhone('+44 20 7946 0958', 'CN')).toBe('+442079460958');
  });

  it('rejects text, letters, extensions and empty input', () => {
    expect(normalisePhone('', 'VN')).toBeNull();
    expect(normalisePhone('   ', 'VN')).toBeNull();
    expect(normalisePhone('0912 ABC 678', 'VN')).toBeNull();
    expect(normalisePhone('0912345678 ext 12', 'VN')).toBeNull();
    expect(normalisePhone('++84912345678', 'VN')).toBeNull();
    expect(normalisePhone('Nguyễn', 'VN')).toBeNull();
    expect(normalisePhone('+0912345678', 'VN')).toBeNull();
  });
});

describe('normaliseEmail', () => {
  it('trims and lowercases', () => {
    expect(normaliseEmail('  Ha.Nguyen@Example.COM.vn ')).toBe('ha.nguyen@example.com.vn');
    expect(normaliseEmail('wang.fang+bank@qq.com')).toBe('wang.fang+bank@qq.com');
  });

  it('rejects strings that are not shaped like an address', () => {
    expect(normaliseEmail('ha.nguyen')).toBeNull();
    expect(normaliseEmail('ha@localhost')).toBeNull();
    expect(normaliseEmail('ha nguyen@example.com')).toBeNull();
    expect(normaliseEmail('a@b@example.com')).toBeNull();
    expect(normaliseEmail('ha@example..com')).toBeNull();
    expect(normaliseEmail('')).toBeNull();
  });
});

describe('foldForSearch and buildSearchName', () => {
  it('removes Vietnamese diacritics including đ and lowercases', () => {
    expect(foldForSearch('Nguyễn Thị Thu Hà')).toBe('nguyen thi thu ha');
    expect(foldForSearch('ĐẶNG Văn Đức')).toBe('dang van duc');
    expect(foldForSearch('  Trần   Quốc  Bảo ')).toBe('tran quoc bao');
  });

  it('folds decomposed input the same as precomposed', () => {
    expect(foldForSearch('Nguye\u0302\u0303n')).toBe(foldForSearch('Nguyễn'));
  });

  it('keeps Han characters and converts full-width Latin', () => {
    expect(foldForSearch('王芳')).toBe('王芳');
    expect(foldForSearch('ＷＡＮＧ Fang')).toBe('wang fang');
  });

  it('joins the folded native and Latin names, without repeating an identical one', () => {
    expect(buildSearchName('王芳', 'WANG FANG')).toBe('王芳 wang fang');
    expect(buildSearchName('Nguyễn Thị Thu Hà', 'NGUYEN THI THU HA')).toBe('nguyen thi thu ha');
    expect(buildSearchName('Emily Carter', null)).toBe('emily carter');
  });
});

describe('national ids', () => {
  it('normalises spacing, dashes and a lowercase check character', () => {
    expect(normaliseNationalId(' 0012 3456 7889 ')).toBe('001234567889');
    expect(normaliseNationalId('11010119900307001x')).toBe('11010119900307001X');
    expect(normaliseNationalId('12')).toBeNull();
    expect(normaliseNationalId('0012-3456-78;9')).toBeNull();
  });

  it('masks all but the first four and last two characters', () => {
    expect(maskNationalId('001234567889')).toBe('0012******89');
    expect(maskNationalId('11010119900307001X')).toBe('1101************1X');
    expect(maskNationalId('12345')).toBe('*****');
  });

  it('hashes to 64 hex characters, keyed when a key is given', () => {
    const plain = hashNationalId('001234567889');
    // sha256("001234567889"), computed independently with `sha256sum`.
    expect(plain).toBe('a18e8064d03b404d449d269d7e4235c8152eb2239860bb912c4ef388359a1151');
    const keyed = hashNationalId('001234567889', 'bank-key');
    expect(keyed).toMatch(/^[0-9a-f]{64}$/);
    expect(keyed).not.toBe(plain);
    expect(hashNationalId('001234567889', 'bank-key')).toBe(keyed);
  });
});
