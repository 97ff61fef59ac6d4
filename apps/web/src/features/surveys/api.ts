import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateSurvey,
  Survey,
  SurveyResults,
  UpdateSurvey,
} from '../../../../../packages/contracts/src/surveys.ts';
import { api } from '../../app/api-client.ts';

export type { CreateSurvey, Survey, SurveyResults, UpdateSurvey };
export type SurveyQuestion = Survey['questions'][number];

const definitionsKey = ['surveys', 'definitions'];

/** Every survey definition, active or not (quality analysts). */
export function useSurveys() {
  return useQuery({
    queryKey: definitionsKey,
    queryFn: () => api<{ items: Survey[] }>('/surveys'),
    select: (data) => data.items,
  });
}

/** Creates or changes a survey; the API's coded errors are shown in the editor. */
export function useSaveSurvey() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { inlineError: true },
    mutationFn: (change: { id: null; input: CreateSurvey } | { id: string; input: UpdateSurvey }) =>
      change.id
        ? api<Survey>(`/surveys/${encodeURIComponent(change.id)}`, { method: 'PATCH', body: change.input })
        : api<Survey>('/surveys', { method: 'POST', body: change.input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: definitionsKey }),
  });
}

/** Turns a survey on or off from the list; errors come as a notification. */
export function useSetSurveyActive() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, isActive }: { id: string; isActive: boolean }) =>
      api<Survey>(`/surveys/${encodeURIComponent(id)}`, {
        method: 'PATCH',
        body: { isActive } satisfies UpdateSurvey,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: definitionsKey }),
  });
}

/** The results page's filters as the API takes them (ISO instants, optional ids). */
export interface SurveyResultsFilters {
  from: string;
  to: string;
  timeZone: string;
  granularity: 'day' | 'week';
  channel?: string;
  queueId?: string;
  teamId?: string;
}

export function useSurveyResults(filters: SurveyResultsFilters) {
  return useQuery({
    queryKey: ['surveys', 'results', filters],
    queryFn: () => api<SurveyResults>('/surveys/results', { query: { ...filters } }),
    placeholderData: (previous) => previous,
  });
}

/** Every team for those who may read the directory, else the viewer's own teams. */
export function useTeamOptions(ownTeams: readonly { id: string; name: string }[], canReadDirectory: boolean) {
  const all = useQuery({
    queryKey: ['surveys', 'teams'],
    queryFn: () => api<{ items: { id: string; name: string }[] }>('/admin/teams'),
    enabled: canReadDirectory,
    retry: false,
  });
  return (all.data?.items ?? ownTeams).map((team) => ({ value: team.id, label: team.name }));
}
