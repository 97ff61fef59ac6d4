import { describe, expect, it } from 'vitest';
import { catalogFiles, messagesFor } from './catalog.ts';

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

function valuesOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return typeof value === 'object' && value !== null ? Object.values(value).flatMap(valuesOf) : [];
}

describe('locales', () => {
  const englishFiles = Object.keys(catalogFiles('en')).map((path) => path.replace(/en\.json$/, ''));

  it('finds the shared catalogue and every feature catalogue', () => {
    expect(englishFiles).toContain('./');
    for (const locale of ['zh-CN', 'vi'] as const) {
      const folders = Object.keys(catalogFiles(locale)).map((path) => path.replace(/[^/]+\.json$/, ''));
      expect(folders.sort()).toEqual([...englishFiles].sort());
    }
  });

  it.each(['zh-CN', 'vi'] as const)('%s has exactly the English keys', (locale) => {
    expect(keysOf(messagesFor(locale)).sort()).toEqual(keysOf(messagesFor('en')).sort());
  });

  it.each(['en', 'zh-CN', 'vi'] as const)('%s has no empty message', (locale) => {
    expect(valuesOf(messagesFor(locale)).filter((text) => text.trim() === '')).toEqual([]);
  });
});
