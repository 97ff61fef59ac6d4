import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type {
  CaseDetail as CaseDetailSchema,
  CaseFacetName,
  CaseFacets as CaseFacetsSchema,
  CaseFacetValue as CaseFacetValueSchema,
  CaseList as CaseListSchema,
  CaseSummary as CaseSummarySchema,
  CaseTaskList as CaseTaskListSchema,
  CaseTask as CaseTaskSchema,
  CreateCase as CreateCaseSchema,
  TaskMessageList as TaskMessageListSchema,
} from '../../../../../packages/contracts/src/cases.ts';
import { api, type Query } from '../../app/api-client.ts';
import type { RealtimeEvent } from '../../shared/use-realtime.ts';

export type CaseSummary = Static<typeof CaseSummarySchema>;
export type CaseFacets = Static<typeof CaseFacetsSchema>;
export type CaseFacetValue = Static<typeof CaseFacetValueSchema>;
export type { CaseFacetName };
export type CaseDetail = Static<typeof CaseDetailSchema>;
export type CaseTask = Static<typeof CaseTaskSchema>;
export type CreateCase = Static<typeof CreateCaseSchema>;
type TaskMessages = Static<typeof TaskMessageListSchema>;

export const caseKeys = {
  all: ['cases'] as const,
  list: (query: Query) => ['cases', 'list', query] as const,
  // Outside `all`: a case event refreshes the lists, not the filters' counts (a minute old at most).
  facets: (view: string) => ['case-facets', view] as const,
  detail: (id: string) => ['cases', 'detail', id] as const,
  queue: ['cases', 'queue'] as const,
  mine: ['cases', 'my-tasks'] as const,
  thread: (taskId: string) => ['cases', 'thread', taskId] as const,
};

export function useCases(query: Query, enabled = true) {
  return useQuery({
    queryKey: caseKeys.list(query),
    queryFn: () => api<Static<typeof CaseListSchema>>('/cases', { query }),
    enabled,
  });
}

/** The values each filter of a view can take, with their counts (refreshed every minute). */
export function useCaseFacets(view: 'mine' | 'team' | 'complaints') {
  return useQuery({
    queryKey: caseKeys.facets(view),
    queryFn: () => api<CaseFacets>('/cases/facets', { query: { view } }),
    staleTime: 60_000,
    refetchInterval: 60_000,
  });
}

export function useCase(id: string | null) {
  return useQuery({
    queryKey: caseKeys.detail(id ?? ''),
    queryFn: () => api<CaseDetail>(`/cases/${id}`),
    enabled: !!id,
  });
}

export function useDepartmentQueue(enabled: boolean) {
  return useQuery({
    queryKey: caseKeys.queue,
    queryFn: () => api<Static<typeof CaseTaskListSchema>>('/case-tasks/queue'),
    enabled,
  });
}

export function useMyTasks(enabled: boolean) {
  return useQuery({
    queryKey: caseKeys.mine,
    queryFn: () => api<Static<typeof CaseTaskListSchema>>('/case-tasks/mine'),
    enabled,
  });
}

export function useTaskThread(taskId: string) {
  return useQuery({
    queryKey: caseKeys.thread(taskId),
    queryFn: () => api<TaskMessages>(`/case-tasks/${taskId}/messages`),
  });
}

export function useDepartments() {
  return useQuery({
    queryKey: ['departments'],
    queryFn: () =>
      api<{ items: Array<{ id: string; code: string; name: string; kind: string }> }>('/case-departments'),
    staleTime: 5 * 60_000,
  });
}

/** Any mutation of the cases module refreshes every cases query (lists are small and paged). */
function useCaseMutation<I, O>(fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: caseKeys.all }),
  });
}

export const useCreateCase = () =>
  useCaseMutation((body: CreateCase) => api<CaseSummary>('/cases', { method: 'POST', body }));
export const useChangeStatus = (id: string) =>
  useCaseMutation((body: { version: number; status: string; resolution?: string; rootCause?: string }) =>
    api<CaseSummary>(`/cases/${id}/status`, { method: 'POST', body }),
  );
export interface SavedView {
  id: string;
  name: string;
  view: 'mine' | 'team' | 'complaints';
  filters: Record<string, unknown>;
  sort: 'updated' | 'created' | 'due';
}
export function useSavedViews() {
  return useQuery({
    queryKey: [...caseKeys.all, 'views'] as const,
    queryFn: () => api<{ items: SavedView[] }>('/case-views'),
  });
}
export const useSaveView = () =>
  useCaseMutation((body: Omit<SavedView, 'id'>) => api<SavedView>('/case-views', { method: 'POST', body }));
export const useDeleteView = () =>
  useCaseMutation((id: string) => api(`/case-views/${id}`, { method: 'DELETE' }));

/** Supervisors: one action on many team cases (reassign with a reason, priority, tag). */
export const useBulkAction = () =>
  useCaseMutation(
    (body: {
      caseIds: string[];
      action: 'reassign' | 'priority' | 'tag';
      ownerId?: string;
      reason?: string;
      priority?: string;
      tag?: string;
    }) => api<{ changed: number; unchanged: number }>('/cases/bulk', { method: 'POST', body }),
  );
/** China complaints: the complaints officer extends the 15-day clock to 30 days once, with a reason. */
export const useExtendComplaint = (id: string) =>
  useCaseMutation((reason: string) =>
    api<CaseSummary>(`/cases/${id}/extension`, { method: 'POST', body: { reason } }),
  );
export const useAddNote = (id: string) =>
  useCaseMutation((body: { visibility: 'internal' | 'customer'; body: string }) =>
    api(`/cases/${id}/notes`, { method: 'POST', body }),
  );
export const useCreateTask = (id: string) =>
  useCaseMutation((body: { departmentId: string; title: string; instructions?: string }) =>
    api<CaseTask>(`/cases/${id}/tasks`, { method: 'POST', body }),
  );
export const useTakeTask = () =>
  useCaseMutation((taskId: string) => api<CaseTask>(`/case-tasks/${taskId}/take`, { method: 'POST' }));
export const useCompleteTask = () =>
  useCaseMutation((input: { taskId: string; outcome: string }) =>
    api<CaseTask>(`/case-tasks/${input.taskId}/complete`, {
      method: 'POST',
      body: { outcome: input.outcome },
    }),
  );
export const usePostTaskMessage = (taskId: string) =>
  useCaseMutation((body: string) =>
    api(`/case-tasks/${taskId}/messages`, { method: 'POST', body: { body } }),
  );

/** Case events on the staff WebSocket refresh what they touch (push deltas; lists refetch). */
export function refreshOnCaseEvent(queryClient: ReturnType<typeof useQueryClient>, event: RealtimeEvent) {
  if (event.type === 'resync') return void queryClient.invalidateQueries({ queryKey: caseKeys.all });
  if (!event.type.startsWith('case.')) return;
  const data = (event.data ?? {}) as { taskId?: string; caseId?: string };
  if (data.taskId) void queryClient.invalidateQueries({ queryKey: caseKeys.thread(data.taskId) });
  void queryClient.invalidateQueries({ queryKey: caseKeys.all });
}
