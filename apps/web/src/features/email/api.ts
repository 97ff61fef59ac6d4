import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type {
  EmailSuppressionList as EmailSuppressionListSchema,
  EmailThread as EmailThreadSchema,
} from '../../../../../packages/contracts/src/email.ts';
import type {
  MailboxList as MailboxListSchema,
  MailboxMessage as MailboxMessageSchema,
} from '../../../../../packages/contracts/src/notifications.ts';
import { api } from '../../app/api-client.ts';

export type MailboxList = Static<typeof MailboxListSchema>;
export type MailboxMessage = Static<typeof MailboxMessageSchema>;
export type MailboxSummary = MailboxList['items'][number];

const PAGE_SIZE = 50;

/** The local mailbox (outbound mail kept when no relay is configured), newest first. */
export function useMailbox() {
  return useInfiniteQuery({
    queryKey: ['mailbox'],
    queryFn: ({ pageParam }) =>
      api<MailboxList>('/admin/mailbox', { query: { limit: PAGE_SIZE, before: pageParam } }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextBefore,
  });
}

export function useMailboxMessage(id: string | null) {
  return useQuery({
    queryKey: ['mailbox', id],
    queryFn: () => api<MailboxMessage>(`/admin/mailbox/${id}`),
    enabled: id !== null,
  });
}

export type EmailThread = Static<typeof EmailThreadSchema>;
export type EmailHeader = EmailThread['items'][number];

/** An email conversation's mails: subject, addresses and sanitized HTML (refreshed with the thread). */
export function useEmailThread(conversationId: string, messageCount: number) {
  return useQuery({
    queryKey: ['email-thread', conversationId, messageCount],
    queryFn: () => api<EmailThread>(`/conversations/${conversationId}/email`),
  });
}

export type EmailSuppression = Static<typeof EmailSuppressionListSchema>['items'][number];

/** The suppression list (hard bounces): addresses our mail no longer goes to. */
export function useSuppressions() {
  return useQuery({
    queryKey: ['email-suppressions'],
    queryFn: () => api<{ items: EmailSuppression[] }>('/admin/email/suppressions', { query: { limit: 500 } }),
  });
}

/** Takes an address off the list (the mailbox works again); audited by the server. */
export function useRemoveSuppression() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { inlineError: true },
    mutationFn: (address: string) =>
      api<void>(`/admin/email/suppressions/${encodeURIComponent(address)}`, { method: 'DELETE' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['email-suppressions'] }),
  });
}
