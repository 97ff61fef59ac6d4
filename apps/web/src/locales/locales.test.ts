import { describe, expect, it } from 'vitest';
import en from './en.json' with { type: 'json' };
import vi from './vi.json' with { type: 'json' };
import zhCN from './zh-CN.json' with { type: 'json' };

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

function valuesOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return typeof value === 'object' && value !== null ? Object.values(value).flatMap(valuesOf) : [];
}

describe('locales', () => {
  const english = keysOf(en).sort();

  it.each([
    ['zh-CN', zhCN],
    ['vi', vi],
  ])('%s has exactly the English keys', (_name, messages) => {
    expect(keysOf(messages).sort()).toEqual(english);
  });

  it.each([
    ['en', en],
    ['zh-CN', zhCN],
    ['vi', vi],
  ])('%s has no empty message', (_name, messages) => {
    expect(valuesOf(messages).filter((text) => text.trim() === '')).toEqual([]);
  });
});
