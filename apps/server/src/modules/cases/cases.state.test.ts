import { describe, expect, it } from 'vitest';
import { transitionProblem } from './cases.state.ts';

const base = {
  type: 'inquiry' as const,
  resolution: 'Refunded',
  rootCause: null,
  resolvedAt: null,
  now: new Date('2026-03-20T00:00:00Z'),
  reopenWindowDays: 14,
};

describe('case status workflow', () => {
  it('allows the documented path new → in_progress → waiting_* → resolved → closed', () => {
    expect(transitionProblem({ ...base, from: 'new', to: 'in_progress' })).toBeNull();
    expect(transitionProblem({ ...base, from: 'in_progress', to: 'waiting_customer' })).toBeNull();
    expect(transitionProblem({ ...base, from: 'waiting_customer', to: 'waiting_back_office' })).toBeNull();
    expect(transitionProblem({ ...base, from: 'waiting_back_office', to: 'resolved' })).toBeNull();
    expect(transitionProblem({ ...base, from: 'resolved', to: 'closed' })).toBeNull();
  });
  it('refuses skipping to closed and going back to new', () => {
    expect(transitionProblem({ ...base, from: 'in_progress', to: 'closed' })).toEqual({
      code: 'CASE_TRANSITION_INVALID',
    });
    expect(transitionProblem({ ...base, from: 'in_progress', to: 'new' })).toEqual({
      code: 'CASE_TRANSITION_INVALID',
    });
  });
  it('needs a resolution, and a root cause for complaints', () => {
    expect(transitionProblem({ ...base, resolution: ' ', from: 'in_progress', to: 'resolved' })).toEqual({
      code: 'CASE_RESOLUTION_REQUIRED',
    });
    expect(transitionProblem({ ...base, type: 'complaint', from: 'in_progress', to: 'resolved' })).toEqual({
      code: 'CASE_ROOT_CAUSE_REQUIRED',
    });
    expect(
      transitionProblem({
        ...base,
        type: 'complaint',
        rootCause: 'fee rule',
        from: 'in_progress',
        to: 'resolved',
      }),
    ).toBeNull();
  });
  it('reopens only within the window after resolution', () => {
    const resolvedAt = new Date('2026-03-10T00:00:00Z');
    expect(transitionProblem({ ...base, resolvedAt, from: 'closed', to: 'in_progress' })).toBeNull();
    expect(
      transitionProblem({
        ...base,
        resolvedAt,
        now: new Date('2026-03-24T00:00:01Z'),
        from: 'closed',
        to: 'in_progress',
      }),
    ).toEqual({
      code: 'CASE_REOPEN_WINDOW_PASSED',
      days: 14,
    });
  });
});
