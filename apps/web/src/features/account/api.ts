import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';
import type {
  ChangePasswordBody,
  Me,
  MfaEnrollReply,
  MfaVerifyReply,
  PreferencesBody,
  SessionItem,
} from '../../app/contracts.ts';
import { meKey } from '../auth/api.ts';

const sessionsKey = ['me', 'sessions'] as const;

export function useUpdatePreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PreferencesBody) => api<Me>('/me/preferences', { method: 'PATCH', body: input }),
    // Applied before the server answers, so the switch feels instant; rolled back if it fails.
    onMutate: (input) => {
      const previous = queryClient.getQueryData<Me>(meKey);
      if (previous) queryClient.setQueryData<Me>(meKey, { ...previous, ...input });
      return { previous };
    },
    onError: (_error, _input, context) => {
      if (context?.previous) queryClient.setQueryData(meKey, context.previous);
    },
    onSuccess: (me) => queryClient.setQueryData<Me>(meKey, me),
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { inlineError: true },
    mutationFn: (input: ChangePasswordBody) => api<void>('/me/password', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionsKey }),
  });
}

export function useSessions() {
  return useQuery({
    queryKey: sessionsKey,
    queryFn: () => api<{ items: SessionItem[] }>('/me/sessions'),
    select: (data) => data.items,
  });
}

export function useRevokeSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/me/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionsKey }),
  });
}

export function useEnrollMfa() {
  return useMutation({
    meta: { inlineError: true },
    mutationFn: () => api<MfaEnrollReply>('/me/mfa/enroll', { method: 'POST' }),
  });
}

export function useVerifyMfa() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { inlineError: true },
    mutationFn: (code: string) => api<MfaVerifyReply>('/me/mfa/verify', { method: 'POST', body: { code } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meKey, exact: true }),
  });
}

export function useDisableMfa() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { inlineError: true },
    mutationFn: (code: string) => api<void>('/me/mfa/disable', { method: 'POST', body: { code } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meKey, exact: true }),
  });
}
