import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';
import type { Locale } from '../../app/i18n.ts';
import { type Me, meKey, type Theme } from '../auth/api.ts';

export interface Session {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

export interface MfaEnrollment {
  secret: string;
  otpauthUrl: string;
  qrDataUrl: string;
}

const sessionsKey = ['me', 'sessions'] as const;

export function useUpdatePreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { locale?: Locale; theme?: Theme }) =>
      api<Omit<Me, 'csrfToken'> & Partial<Pick<Me, 'csrfToken'>>>('/me/preferences', {
        method: 'PATCH',
        body: input,
      }),
    // Applied before the server answers, so the switch feels instant; rolled back if it fails.
    onMutate: (input) => {
      const previous = queryClient.getQueryData<Me>(meKey);
      if (previous) queryClient.setQueryData<Me>(meKey, { ...previous, ...input });
      return { previous };
    },
    onError: (_error, _input, context) => {
      if (context?.previous) queryClient.setQueryData(meKey, context.previous);
    },
    onSuccess: (me) => {
      queryClient.setQueryData<Me>(meKey, (previous) =>
        previous ? { ...me, csrfToken: me.csrfToken ?? previous.csrfToken } : previous,
      );
    },
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { inlineError: true },
    mutationFn: (input: { currentPassword: string; newPassword: string }) =>
      api<void>('/me/password', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionsKey }),
  });
}

export function useSessions() {
  return useQuery({
    queryKey: sessionsKey,
    queryFn: () => api<{ items: Session[] }>('/me/sessions'),
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
    mutationFn: () => api<MfaEnrollment>('/me/mfa/enroll', { method: 'POST' }),
  });
}

export function useVerifyMfa() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { inlineError: true },
    mutationFn: (code: string) =>
      api<{ recoveryCodes: string[] }>('/me/mfa/verify', { method: 'POST', body: { code } }),
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
