import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, setCsrfToken } from '../../app/api-client.ts';
import type { LoginBody, LoginReply, Me, SessionState } from '../../app/contracts.ts';

export type { Me };

export const meKey = ['me'] as const;

/** The signed-in user, or null when signed out. */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async (): Promise<Me | null> => {
      try {
        // 200 with `me: null` when signed out, so a first visit logs no failed request.
        const { me } = await api<SessionState>('/auth/session');
        if (me) setCsrfToken(me.csrfToken);
        return me;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

/** The signed-in user inside the authenticated shell, where `useMe` has already resolved. */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser is only available inside the signed-in shell');
  return data;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { inlineError: true },
    mutationFn: (input: LoginBody) =>
      api<LoginReply>('/auth/login', {
        method: 'POST',
        body: input,
      }),
    onSuccess: ({ user, csrfToken }) => {
      setCsrfToken(csrfToken);
      queryClient.setQueryData<Me>(meKey, { ...user, csrfToken });
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/auth/logout', { method: 'POST' }),
    onSettled: () => {
      setCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(meKey, null);
    },
  });
}

export function hasAnyPermission(me: Pick<Me, 'permissions'>, permissions: readonly string[]): boolean {
  return permissions.length === 0 || permissions.some((permission) => me.permissions.includes(permission));
}

/** Whether a screen is for this user: any of its permissions, bank-wide where it needs that. */
export function canOpenSection(
  me: Pick<Me, 'permissions' | 'permissionScopes'>,
  section: { permissions: readonly string[]; bankWide?: string },
): boolean {
  if (!hasAnyPermission(me, section.permissions)) return false;
  return !section.bankWide || me.permissionScopes?.[section.bankWide] === 'all';
}
