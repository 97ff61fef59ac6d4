import { describe, expect, it } from 'vitest';
import { negotiateLocale, translate } from './i18n.ts';
import './errors.ts';

describe('negotiateLocale', () => {
  it.each([
    ['vi-VN,vi;q=0.9,en;q=0.8', 'vi'],
    ['zh-TW,zh;q=0.9', 'zh-CN'],
    ['en-GB', 'en'],
    ['fr-FR,de;q=0.5', 'en'],
    ['fr;q=1, zh;q=0.2, vi;q=0.5', 'vi'],
    [undefined, 'en'],
  ])('%s -> %s', (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});

describe('translate', () => {
  it('fills placeholders and falls back to the key for an unknown message', () => {
    expect(translate('INTERNAL_ERROR', 'vi', { requestId: 'r-1' })).toContain('r-1');
    expect(translate('NO_SUCH_CODE', 'en')).toBe('NO_SUCH_CODE');
  });
});
