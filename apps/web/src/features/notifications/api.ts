import { useQuery } from '@tanstack/react-query';
import type { NotificationList } from '../../../../../packages/contracts/src/notifications.ts';
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
