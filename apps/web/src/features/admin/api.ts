import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';
import type {
  ApiToken,
  Branch,
  BranchBody,
  ContactReason,
  CreateApiToken,
  CreateContactReason,
  CreatedApiToken,
  CreateQueue,
  CreateUser,
  Department,
  DepartmentBody,
  Queue,
  RolesReply,
  RotatedSecret,
  Skill,
  Team,
  TeamBody,
  UpdateContactReason,
  UpdateQueue,
  UpdateUser,
  UpdateWebchatSite,
  User,
  UserList,
  WebchatSite,
} from '../../app/contracts.ts';

export type {
  ApiToken,
  Branch,
  BranchBody,
  ContactReason,
  CreateContactReason,
  CreateQueue,
  CreateUser,
  Department,
  DepartmentBody,
  DepartmentKind,
  Queue,
  Skill,
  Team,
  TeamBody,
  UpdateContactReason,
  UpdateQueue,
  UpdateUser,
  UpdateWebchatSite,
  User,
  UserSkill,
  WebchatSite,
} from '../../app/contracts.ts';

export type UserStatus = User['status'];
export type Country = BranchBody['country'];

export interface UserFilters {
  q: string;
  role: string | null;
  status: UserStatus | null;
  limit: number;
  offset: number;
}

const usersKey = ['admin', 'users'] as const;
const tokensKey = ['admin', 'tokens'] as const;

export function useRolesMeta() {
  return useQuery({
    queryKey: ['meta', 'roles'],
    queryFn: () => api<RolesReply>('/meta/roles'),
    staleTime: Infinity,
  });
}

export function useUsers(filters: UserFilters) {
  return useQuery({
    queryKey: [...usersKey, filters],
    queryFn: () => api<UserList>('/admin/users', { query: { ...filters } }),
    placeholderData: keepPreviousData,
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { inlineError: true },
    mutationFn: (input: CreateUser) => api<User>('/admin/users', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { inlineError: true },
    mutationFn: ({ id, ...input }: UpdateUser & { id: string }) =>
      api<User>(`/admin/users/${encodeURIComponent(id)}`, { method: 'PATCH', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}

export function useSetUserStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, status }: { id: string; status: UserStatus }) =>
      api<User>(`/admin/users/${encodeURIComponent(id)}/${status === 'active' ? 'enable' : 'disable'}`, {
        method: 'POST',
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}

export function useResetPassword() {
  return useMutation({
    meta: { inlineError: true },
    mutationFn: ({ id, password }: { id: string; password: string }) =>
      api<void>(`/admin/users/${encodeURIComponent(id)}/reset-password`, {
        method: 'POST',
        body: { password },
      }),
  });
}

/** Teams, departments and branches share one shape of API: list, create, and patch by id. */
/**
 * List and save hooks of an admin collection at `/admin/<resource>`: POST creates, PATCH changes.
 * `alsoInvalidate` names other views that show the same records.
 */
function directory<Item extends { id: string }, CreateInput, UpdateInput = CreateInput>(
  resource: 'teams' | 'departments' | 'branches' | 'queues',
  alsoInvalidate: readonly (readonly string[])[] = [],
) {
  const key = ['admin', resource] as const;
  return {
    useList: () =>
      useQuery({
        queryKey: key,
        queryFn: () => api<{ items: Item[] }>(`/admin/${resource}`),
        select: (data) => data.items,
      }),
    useSave: () => {
      const queryClient = useQueryClient();
      return useMutation({
        meta: { inlineError: true },
        mutationFn: (change: { id: null; input: CreateInput } | { id: string; input: UpdateInput }) =>
          change.id
            ? api<Item>(`/admin/${resource}/${encodeURIComponent(change.id)}`, {
                method: 'PATCH',
                body: change.input,
              })
            : api<Item>(`/admin/${resource}`, { method: 'POST', body: change.input }),
        onSuccess: () => {
          for (const queryKey of [key, ...alsoInvalidate]) void queryClient.invalidateQueries({ queryKey });
        },
      });
    },
  };
}

export const teams = directory<Team, TeamBody>('teams');
export const departments = directory<Department, DepartmentBody>('departments');
export const branches = directory<Branch, BranchBody>('branches');

export function useSkills() {
  return useQuery({
    queryKey: ['admin', 'skills'],
    queryFn: () => api<{ items: Skill[] }>('/admin/skills'),
    select: (data) => data.items,
  });
}

export function useTokens() {
  return useQuery({
    queryKey: tokensKey,
    queryFn: () => api<{ items: ApiToken[] }>('/admin/tokens'),
    select: (data) => data.items,
  });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { inlineError: true },
    mutationFn: (input: CreateApiToken) =>
      api<CreatedApiToken>('/admin/tokens', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/admin/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}

// ---- contact reasons (the desk's wrap-up list shares the 'contact-reasons' key prefix) ----

const reasonsKey = ['contact-reasons', 'all'] as const;

export function useAllContactReasons() {
  return useQuery({
    queryKey: reasonsKey,
    queryFn: () =>
      api<{ items: ContactReason[] }>('/contact-reasons', { query: { includeInactive: 'true' } }),
    select: (data) => data.items,
  });
}

export function useSaveContactReason() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { inlineError: true },
    mutationFn: (
      change: { id: null; input: CreateContactReason } | { id: string; input: UpdateContactReason },
    ) =>
      change.id
        ? api<ContactReason>(`/admin/contact-reasons/${encodeURIComponent(change.id)}`, {
            method: 'PATCH',
            body: change.input,
          })
        : api<ContactReason>('/admin/contact-reasons', { method: 'POST', body: change.input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['contact-reasons'] }),
  });
}

/** Deactivates or reactivates a reason from the list; errors come as a notification. */
export function useSetContactReasonActive() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, isActive }: { id: string; isActive: boolean }) =>
      api<ContactReason>(`/admin/contact-reasons/${encodeURIComponent(id)}`, {
        method: 'PATCH',
        body: { isActive } satisfies UpdateContactReason,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['contact-reasons'] }),
  });
}

// ---- queues ----

export const queues = directory<Queue, CreateQueue, UpdateQueue>('queues', [['supervisor', 'queues']]);
export const useQueues = queues.useList;
export const useSaveQueue = queues.useSave;

// ---- widget sites ----

const sitesKey = ['admin', 'webchat-sites'] as const;

export function useWebchatSites() {
  return useQuery({
    queryKey: sitesKey,
    queryFn: () => api<{ items: WebchatSite[] }>('/admin/webchat-sites'),
    select: (data) => data.items,
  });
}

export function useSaveWebchatSite() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { inlineError: true },
    mutationFn: ({ id, input }: { id: string; input: UpdateWebchatSite }) =>
      api<WebchatSite>(`/admin/webchat-sites/${encodeURIComponent(id)}`, { method: 'PATCH', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sitesKey }),
  });
}

/** A new identity secret, returned once: the caller shows it and never stores it. */
export function useRotateSiteSecret() {
  return useMutation({
    meta: { inlineError: true },
    mutationFn: (id: string) =>
      api<RotatedSecret>(`/admin/webchat-sites/${encodeURIComponent(id)}/rotate-secret`, { method: 'POST' }),
  });
}
