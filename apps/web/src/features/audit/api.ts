import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { API_BASE, api, toSearch } from '../../app/api-client.ts';
import type { AuditList, AuditVerifyReply } from '../../app/contracts.ts';

export type { AuditItem } from '../../app/contracts.ts';

export interface AuditFilters {
  action: string | null;
  actorId: string | null;
  /** ISO instants bounding the range; null leaves that side open. */
  from: string | null;
  to: string | null;
}

const PAGE_SIZE = 100;

export function useAuditEvents(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ['audit', 'events', filters],
    queryFn: ({ pageParam }) =>
      api<AuditList>('/audit', {
        query: { ...filters, limit: PAGE_SIZE, before: pageParam },
      }),
    initialPageParam: null as number | null,
    getNextPageParam: (page) => page.nextBefore,
  });
}

export function useAuditActions() {
  return useQuery({
    queryKey: ['audit', 'actions'],
    queryFn: () => api<{ items: string[] }>('/audit/actions'),
    select: (data) => data.items,
  });
}

export function useVerifyChain() {
  return useMutation({
    meta: { inlineError: true },
    mutationFn: () => api<AuditVerifyReply>('/audit/verify', { method: 'POST' }),
  });
}

/** A plain link, so the browser streams the download with the session cookie. */
export function exportCsvUrl(filters: AuditFilters): string {
  return `${API_BASE}/audit/export.csv${toSearch({ ...filters })}`;
}
