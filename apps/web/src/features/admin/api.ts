import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';
import type { Locale } from '../../app/i18n.ts';

export type UserStatus = 'active' | 'disabled';
export type DepartmentKind = 'front_office' | 'back_office' | 'branch_network' | 'management';
export type Country = 'VN' | 'CN';

export interface SkillLevel {
  skillId: string;
  proficiency: number;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  roles: string[];
  teamIds: string[];
  departmentId: string | null;
  branchId: string | null;
  skills: SkillLevel[];
  status: UserStatus;
  locale: Locale;
  mfaEnabled: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  version: number;
}

export interface Team {
  id: string;
  name: string;
  departmentId: string | null;
  branchId: string | null;
}

export interface Department {
  id: string;
  code: string;
  name: string;
  kind: DepartmentKind;
}

export interface Branch {
  id: string;
  code: string;
  name: string;
  city: string;
  country: Country;
  timeZone: string;
  isHeadOffice: boolean;
}

export interface Skill {
  id: string;
  code: string;
  name: string;
}

export interface ApiToken {
  id: string;
  name: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdBy: string;
}

export interface RolesMeta {
  roles: { name: string; permissions: string[] }[];
  permissions: string[];
  tokenScopes: string[];
}

export interface UserFilters {
  q: string;
  role: string | null;
  status: UserStatus | null;
  limit: number;
  offset: number;
}

export interface CreateUserInput {
  username: string;
  displayName: string;
  email?: string;
  password: string;
  roles: string[];
  teamIds?: string[];
  departmentId?: string;
  branchId?: string;
  locale?: Locale;
}

export interface UpdateUserInput {
  displayName?: string;
  email?: string | null;
  roles?: string[];
  teamIds?: string[];
  departmentId?: string | null;
  branchId?: string | null;
  skills?: SkillLevel[];
  locale?: Locale;
  version: number;
}

export type TeamInput = Omit<Team, 'id'>;
export type DepartmentInput = Omit<Department, 'id'>;
export type BranchInput = Omit<Branch, 'id' | 'isHeadOffice'>;

const usersKey = ['admin', 'users'] as const;
const tokensKey = ['admin', 'tokens'] as const;

export function useRolesMeta() {
  return useQuery({
    queryKey: ['meta', 'roles'],
    queryFn: () => api<RolesMeta>('/meta/roles'),
    staleTime: Infinity,
  });
}

export function useUsers(filters: UserFilters) {
  return useQuery({
    queryKey: [...usersKey, filters],
    queryFn: () => api<{ items: User[]; total: number }>('/admin/users', { query: { ...filters } }),
    placeholderData: keepPreviousData,
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { inlineError: true },
    mutationFn: (input: CreateUserInput) => api<User>('/admin/users', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { inlineError: true },
    mutationFn: ({ id, ...input }: UpdateUserInput & { id: string }) =>
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
function directory<Item extends { id: string }, Input>(resource: 'teams' | 'departments' | 'branches') {
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
        mutationFn: ({ id, input }: { id: string | null; input: Input }) =>
          id
            ? api<Item>(`/admin/${resource}/${encodeURIComponent(id)}`, { method: 'PATCH', body: input })
            : api<Item>(`/admin/${resource}`, { method: 'POST', body: input }),
        onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
      });
    },
  };
}

export const teams = directory<Team, TeamInput>('teams');
export const departments = directory<Department, DepartmentInput>('departments');
export const branches = directory<Branch, BranchInput>('branches');

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
    mutationFn: (input: { name: string; scopes: string[]; expiresAt: string }) =>
      api<{ token: string; item: ApiToken }>('/admin/tokens', { method: 'POST', body: input }),
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
