import { describe, expect, it } from 'vitest';
import { invalidAddress, splitAddresses } from './addresses.ts';

describe('CC / BCC fields', () => {
  it('split on commas, semicolons and spaces', () => {
    expect(splitAddresses(' a@bank.example, b@bank.example;c@bank.example  ')).toEqual([
      'a@bank.example',
      'b@bank.example',
      'c@bank.example',
    ]);
    expect(splitAddresses('')).toEqual([]);
  });
  it('name the first address the server would refuse', () => {
    expect(invalidAddress('a@bank.example, nope, x@y')).toBe('nope');
    expect(invalidAddress('a@bank.example')).toBeNull();
    expect(invalidAddress('')).toBeNull();
  });
});
