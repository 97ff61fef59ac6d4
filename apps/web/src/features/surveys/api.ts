import { useQuery } from '@tanstack/react-query';
import type { SurveyResults } from '../../../../../packages/contracts/src/surveys.ts';
import { api } from '../../app/api-client.ts';

export type { SurveyResults };

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
