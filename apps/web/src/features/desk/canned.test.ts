import { describe, expect, it } from 'vitest';
import {
  type CannedItem,
  cannedBody,
  fillVariables,
  insertAt,
  matchShortcut,
  typedShortcut,
} from './canned.ts';

const item = (shortcut: string, scope: CannedItem['scope'] = 'global'): CannedItem => ({
  id: shortcut + scope,
  scope,
  shortcut,
  title: shortcut,
  bodies: { en: `en ${shortcut}`, 'zh-CN': `zh ${shortcut}`, vi: '' },
});

describe('cannedBody', () => {
  it('takes the conversation language, English when missing or empty', () => {
    expect(cannedBody(item('a'), 'zh-CN')).toBe('zh a');
    expect(cannedBody(item('a'), 'vi')).toBe('en a');
    expect(cannedBody(item('a'), 'fr')).toBe('en a');
    expect(cannedBody(item('a'), null)).toBe('en a');
  });
});

describe('fillVariables', () => {
  it('fills known variables and leaves unknown ones as written', () => {
    expect(
      fillVariables('Hello {customerName}, {agentName} here. {ticket}', {
        customerName: 'Lan',
        agentName: 'Minh',
      }),
    ).toBe('Hello Lan, Minh here. {ticket}');
  });
  it('leaves a variable without a value as written', () => {
    expect(fillVariables('Hi {customerName}', { customerName: undefined })).toBe('Hi {customerName}');
  });
});

describe('typedShortcut', () => {
  it('reads a slash command only when it is the whole box', () => {
    expect(typedShortcut('/')).toBe('');
    expect(typedShortcut('/hel')).toBe('hel');
    expect(typedShortcut('/hello world')).toBeNull();
    expect(typedShortcut('say /hello')).toBeNull();
    expect(typedShortcut('')).toBeNull();
  });
});

describe('matchShortcut', () => {
  it('lists prefix matches, the exact one first, personal before team before global', () => {
    const items = [item('hello'), item('help', 'team'), item('hello2', 'personal'), item('bye')];
    expect(matchShortcut(items, 'hel').map((i) => i.shortcut)).toEqual(['hello2', 'help', 'hello']);
    expect(matchShortcut(items, 'hello').map((i) => i.shortcut)).toEqual(['hello', 'hello2']);
    expect(matchShortcut(items, 'x')).toEqual([]);
  });
});

describe('insertAt', () => {
  it('replaces the selection and puts the caret after the text', () => {
    expect(insertAt('ab cd', 'XY', 3, 5)).toEqual({ value: 'ab XY', caret: 5 });
    expect(insertAt('', 'Hi', 0, 0)).toEqual({ value: 'Hi', caret: 2 });
  });
});
