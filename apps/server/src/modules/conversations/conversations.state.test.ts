import { describe, expect, it } from 'vitest';
import { canTransition, isAbandonment } from './conversations.state.ts';

describe('conversation lifecycle', () => {
  it('follows queued → offered → active → wrap_up → closed', () => {
    expect(canTransition('queued', 'offered')).toBe(true);
    expect(canTransition('offered', 'active')).toBe(true);
    expect(canTransition('active', 'wrap_up')).toBe(true);
    expect(canTransition('wrap_up', 'closed')).toBe(true);
  });

  it('refuses skipping wrap-up backwards or reopening a closed conversation', () => {
    expect(canTransition('wrap_up', 'active')).toBe(false);
    expect(canTransition('closed', 'queued')).toBe(false);
    expect(canTransition('waiting_offline', 'active')).toBe(false);
  });

  it('counts a customer leaving before an agent answered as abandoned, not after', () => {
    expect(isAbandonment('queued', 'closed')).toBe(true);
    expect(isAbandonment('offered', 'closed')).toBe(true);
    expect(isAbandonment('active', 'closed')).toBe(false);
  });
});
