import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';
import type { Customer360, CustomerSearchResult } from '../../app/contracts.ts';

export type { Customer360 } from '../../app/contracts.ts';

/**
 * The customer 360 (profile, masked products, timeline). Each fetch is an audited view on the
 * server, so it is fetched once per conversation opened and kept for its lifetime on the desk.
 */
export function useCustomer360(customerId: string | null) {
  return useQuery({
    queryKey: ['customers', customerId],
    queryFn: () => api<Customer360>(`/customers/${customerId}`),
    enabled: !!customerId,
    staleTime: 5 * 60_000,
  });
}

/** Customers by name (with or without diacritics), customer number, phone or email; from 2 characters. */
export function useCustomerSearch(q: string) {
  return useQuery({
    queryKey: ['customers', 'search', q],
    queryFn: () => api<CustomerSearchResult>(`/customers?q=${encodeURIComponent(q)}&limit=10`),
    enabled: q.length >= 2,
    staleTime: 60_000,
  });
}
