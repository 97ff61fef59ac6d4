import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { SmsOutboxList } from '../../../../../packages/contracts/src/sms.ts';
import { api } from '../../app/api-client.ts';

export type SmsOutboxItem = SmsOutboxList['items'][number];

const PAGE_SIZE = 50;

/** Admin · SMS outbox: texts in and out, newest first, with their receipt status. */
export function useSmsOutbox() {
  return useInfiniteQuery({
    queryKey: ['sms-outbox'],
    queryFn: ({ pageParam }) =>
      api<SmsOutboxList>('/admin/sms', { query: { limit: PAGE_SIZE, before: pageParam } }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextBefore,
    refetchInterval: 5_000,
  });
}

/** Demo only: a customer's text played through the built-in SMSC simulator (404 with a real SMSC). */
export function useSimulateInbound() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { from: string; text: string }) =>
      api<{ outcome: string }>('/admin/sms/simulate-inbound', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['sms-outbox'] }),
  });
}
