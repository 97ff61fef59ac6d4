import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CustomerVerification,
  NotificationList,
} from '../../../../../packages/contracts/src/notifications.ts';
import { api } from '../../app/api-client.ts';

export type CustomerNotification = NotificationList['items'][number];

/** What the bank sent a customer (case updates, survey links, reminders) and how far it got. */
export function useCustomerNotifications(customerId: string) {
  return useQuery({
    queryKey: ['customer-notifications', customerId],
    queryFn: () => api<NotificationList>(`/customers/${customerId}/notifications`),
    refetchInterval: 30_000,
  });
}

export type { CustomerVerification };

const verificationKey = (conversationId: string) => ['conversation-verification', conversationId] as const;

/** Whether the customer of this conversation has been verified by a one-time password, and any code waiting. */
export function useVerification(conversationId: string, enabled: boolean) {
  return useQuery({
    queryKey: verificationKey(conversationId),
    queryFn: () => api<CustomerVerification>(`/conversations/${conversationId}/verification`),
    enabled,
  });
}

export function useSendVerificationCode(conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    // Shown inline beside the form (attempts left, which address), not as a toast.
    meta: { inlineError: true },
    mutationFn: () =>
      api<CustomerVerification>(`/conversations/${conversationId}/verification/code`, { method: 'POST' }),
    onSuccess: (state) => queryClient.setQueryData(verificationKey(conversationId), state),
  });
}

export function useCheckVerificationCode(conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    // Shown inline beside the form (attempts left, which address), not as a toast.
    meta: { inlineError: true },
    mutationFn: (code: string) =>
      api<CustomerVerification>(`/conversations/${conversationId}/verification/check`, {
        method: 'POST',
        body: { code },
      }),
    onSuccess: (state) => queryClient.setQueryData(verificationKey(conversationId), state),
    // A wrong code used an attempt: show what is left.
    onError: () => queryClient.invalidateQueries({ queryKey: verificationKey(conversationId) }),
  });
}

/** Emails a closed chat's transcript to the customer (the pre-chat form's address unless `to`). */
export function useEmailTranscript(conversationId: string, customerId: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    // Shown inline beside the form (attempts left, which address), not as a toast.
    meta: { inlineError: true },
    mutationFn: (to: string | undefined) =>
      api<{ notificationId: string; status: string; duplicate: boolean }>(
        `/conversations/${conversationId}/transcript`,
        { method: 'POST', body: to ? { to } : {} },
      ),
    onSuccess: () => {
      if (customerId)
        void queryClient.invalidateQueries({ queryKey: ['customer-notifications', customerId] });
    },
  });
}
