import type { CaseStatus, CaseType } from './cases.schema.ts';

/** Where a case may go from each status (reopening is resolved/closed → in_progress). */
export const TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  new: ['in_progress', 'waiting_customer', 'waiting_back_office', 'resolved'],
  in_progress: ['waiting_customer', 'waiting_back_office', 'resolved'],
  waiting_customer: ['in_progress', 'waiting_back_office', 'resolved'],
  waiting_back_office: ['in_progress', 'waiting_customer', 'resolved'],
  resolved: ['closed', 'in_progress'],
  closed: ['in_progress'],
};

export const isOpenStatus = (s: CaseStatus) => s !== 'resolved' && s !== 'closed';

export type TransitionProblem =
  | { code: 'CASE_TRANSITION_INVALID' }
  | { code: 'CASE_RESOLUTION_REQUIRED' }
  | { code: 'CASE_ROOT_CAUSE_REQUIRED' }
  | { code: 'CASE_REOPEN_WINDOW_PASSED'; days: number };

/** Why a status change is refused (null = allowed). Pure, so every rule has a unit test. */
export function transitionProblem(input: {
  type: CaseType;
  from: CaseStatus;
  to: CaseStatus;
  resolution: string | null;
  rootCause: string | null;
  resolvedAt: Date | null;
  now: Date;
  reopenWindowDays: number;
}): TransitionProblem | null {
  if (!TRANSITIONS[input.from].includes(input.to)) return { code: 'CASE_TRANSITION_INVALID' };
  if (input.to === 'resolved') {
    if (!input.resolution?.trim()) return { code: 'CASE_RESOLUTION_REQUIRED' };
    if (input.type === 'complaint' && !input.rootCause?.trim()) return { code: 'CASE_ROOT_CAUSE_REQUIRED' };
  }
  if (!isOpenStatus(input.from) && input.to === 'in_progress') {
    const since = input.resolvedAt?.getTime() ?? 0;
    if (input.now.getTime() - since > input.reopenWindowDays * 86_400_000)
      return { code: 'CASE_REOPEN_WINDOW_PASSED', days: input.reopenWindowDays };
  }
  return null;
}
