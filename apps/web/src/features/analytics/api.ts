import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AgentScorecards,
  ContactDrill,
  ContactReport,
  HotTopics,
  Wallboard,
} from '../../../../../packages/contracts/src/analytics.ts';
import type {
  BranchReport,
  BranchWallboard,
  CaseReport,
} from '../../../../../packages/contracts/src/analytics-outcomes.ts';
import type {
  BusinessUnit,
  BusinessUnitList,
  CreateBusinessUnit,
  CreateReportSchedule,
  ReportRun,
  ReportSchedule,
  ReportScheduleList,
} from '../../../../../packages/contracts/src/analytics-schedules.ts';
import { API_BASE, api, type Query, toSearch } from '../../app/api-client.ts';

export type {
  AgentScorecards,
  BranchReport,
  BranchWallboard,
  CaseReport,
  ContactDrill,
  ContactReport,
  HotTopics,
  Wallboard,
};

export const analyticsKeys = {
  wallboard: (timeZone: string) => ['analytics', 'wallboard', timeZone] as const,
  report: (filters: ReportFilters) => ['analytics', 'report', filters] as const,
  drill: (filters: ReportFilters, outcome: string | null) =>
    ['analytics', 'drill', filters, outcome] as const,
  agents: (filters: ReportFilters) => ['analytics', 'agents', filters] as const,
  hotTopics: (weekStart: string, language: string) =>
    ['analytics', 'hot-topics', weekStart, language] as const,
};

/** The report's filters as the API takes them (ISO instants, optional ids). */
export interface ReportFilters {
  from: string;
  to: string;
  timeZone: string;
  granularity?: 'hour' | 'day' | 'week';
  queueId?: string;
  channel?: string;
  agentId?: string;
  reasonId?: string;
  segment?: string;
}

// The WebSocket drives the wallboard; this only covers an event lost while the socket was down.
const SAFETY_REFETCH_MS = 30_000;

export function useWallboard(timeZone: string) {
  return useQuery({
    queryKey: analyticsKeys.wallboard(timeZone),
    queryFn: () => api<Wallboard>('/analytics/wallboard', { query: { timeZone } }),
    refetchInterval: SAFETY_REFETCH_MS,
  });
}

export function useContactReport(filters: ReportFilters) {
  return useQuery({
    queryKey: analyticsKeys.report(filters),
    queryFn: () => api<ContactReport>('/analytics/reports/contacts', { query: { ...filters } }),
  });
}

export function useDrill(filters: ReportFilters, outcome: string | null, enabled: boolean) {
  return useQuery({
    queryKey: analyticsKeys.drill(filters, outcome),
    queryFn: () =>
      api<ContactDrill>('/analytics/reports/contacts/list', { query: { ...filters, outcome, limit: 100 } }),
    enabled,
  });
}

export function useScorecards(filters: ReportFilters) {
  return useQuery({
    queryKey: analyticsKeys.agents(filters),
    queryFn: () => api<AgentScorecards>('/analytics/reports/agents', { query: { ...filters } }),
  });
}

/** Queues for the filter: every report viewer may list their names. */
export function useQueueOptions() {
  return useQuery({
    queryKey: ['analytics', 'queues'],
    queryFn: () => api<{ items: { id: string; name: string }[] }>('/analytics/queues'),
    select: (data) => data.items.map((q) => ({ value: q.id, label: q.name })),
    retry: false,
  });
}

export function useHotTopics(weekStart: string, language: string) {
  return useQuery({
    queryKey: analyticsKeys.hotTopics(weekStart, language),
    queryFn: () =>
      api<HotTopics>('/analytics/hot-topics', { query: { weekStart: weekStart || undefined, language } }),
  });
}

/** A download link for the export (a plain GET with the session cookie). */
export const exportUrl = (filters: ReportFilters, format: 'csv' | 'xlsx'): string =>
  `${API_BASE}/analytics/reports/contacts/export${toSearch({ ...(filters as unknown as Query), format })}`;

/** Case KPIs (first owner, complaint on time, resolution time, FCR) over the report's period. */
export function useCaseReport(filters: ReportFilters) {
  return useQuery({
    queryKey: ['analytics', 'cases', filters.from, filters.to, filters.timeZone] as const,
    queryFn: () =>
      api<CaseReport>('/analytics/reports/cases', {
        query: { from: filters.from, to: filters.to, timeZone: filters.timeZone },
      }),
    retry: false,
  });
}

/** Branch wait, service time, no-show rate and pad rating per branch over the report's period. */
export function useBranchReport(filters: ReportFilters) {
  return useQuery({
    queryKey: ['analytics', 'branches', filters.from, filters.to, filters.timeZone] as const,
    queryFn: () =>
      api<BranchReport>('/analytics/reports/branches', {
        query: { from: filters.from, to: filters.to, timeZone: filters.timeZone },
      }),
    retry: false,
  });
}

/** The wallboard's branch tiles (a viewer without branch reach gets none: 403, not retried). */
export function useBranchWallboard(timeZone: string) {
  return useQuery({
    queryKey: ['analytics', 'wallboard-branches', timeZone] as const,
    queryFn: () => api<BranchWallboard>('/analytics/wallboard/branches', { query: { timeZone } }),
    refetchInterval: 15_000,
    retry: false,
  });
}

export type { CreateReportSchedule, ReportRun, ReportSchedule };

const schedulesKey = ['analytics', 'schedules'] as const;

/** Scheduled reports the viewer may see (their own and their teams'; all for center-wide roles). */
export function useSchedules() {
  return useQuery({
    queryKey: schedulesKey,
    queryFn: () => api<ReportScheduleList>('/analytics/schedules'),
  });
}

export function useCreateSchedule() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { inlineError: true },
    mutationFn: (input: CreateReportSchedule) =>
      api<ReportSchedule>('/analytics/schedules', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: schedulesKey }),
  });
}

export function useSendScheduleNow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<ReportRun>(`/analytics/schedules/${id}/send`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: schedulesKey }),
  });
}

export function useDeleteSchedule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/analytics/schedules/${id}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: schedulesKey }),
  });
}

export type { BusinessUnit, CreateBusinessUnit };

const unitsKey = ['analytics', 'business-units'] as const;

/** Business units and the contact reasons they follow (center-wide report viewers only). */
export function useBusinessUnits() {
  return useQuery({
    queryKey: unitsKey,
    queryFn: () => api<BusinessUnitList>('/analytics/business-units'),
    retry: false,
  });
}

export function useCreateBusinessUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { inlineError: true },
    mutationFn: (input: CreateBusinessUnit) =>
      api<BusinessUnit>('/analytics/business-units', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: unitsKey }),
  });
}

export function useDeleteBusinessUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/analytics/business-units/${id}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: unitsKey }),
  });
}

/** Contact reasons to subscribe a unit to (the wrap-up list). */
export function useReasonOptions(language: string) {
  return useQuery({
    queryKey: ['contact-reasons'],
    queryFn: () =>
      api<{ items: { id: string; code?: string; names: Record<string, string> }[] }>('/contact-reasons'),
    staleTime: 5 * 60_000,
    select: (data) =>
      data.items.map((r) => ({ value: r.id, label: r.names[language] ?? r.names.en ?? r.code ?? r.id })),
  });
}
