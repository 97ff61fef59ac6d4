import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';
import type {
  ApiToken,
  Branch,
  BranchBody,
  Calendar,
  CalendarStatus,
  CannedResponse,
  ContactReason,
  CreateApiToken,
  CreateCalendar,
  CreateContactReason,
  CreatedApiToken,
  CreateQueue,
  CreateSharedCannedResponse,
  CreateUser,
  Department,
  DepartmentBody,
  Queue,
  RolesReply,
  RotatedSecret,
  Skill,
  SkillBody,
  SkillMember,
  SkillPatch,
  Team,
  TeamBody,
  UpdateCalendar,
  UpdateCannedResponse,
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
  Calendar,
  CannedResponse,
  ContactReason,
  CreateCalendar,
  CreateContactReason,
  CreateQueue,
  CreateSharedCannedResponse,
  CreateUser,
  Department,
  DepartmentBody,
  DepartmentKind,
  Queue,
  Skill,
  SkillMember,
  Team,
  TeamBody,
  UpdateCalendar,
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
  resource: 'teams' | 'departments' | 'branches' | 'queues' | 'calendars',
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

export const queues = directory<Queue, CreateQueue, UpdateQueue>('queues', [
  ['supervisor', 'queues'],
  ['admin', 'calendars'],
]);
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

// ---- business hours ----

export const calendars = directory<Calendar, CreateCalendar, UpdateCalendar>('calendars');
export const useCalendars = calendars.useList;
export const useSaveCalendar = calendars.useSave;

/** Deletes business hours that no queue follows (the server refuses, naming the queues, otherwise). */
export function useDeleteCalendar() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { inlineError: true },
    mutationFn: (id: string) => api<void>(`/admin/calendars/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'calendars'] }),
  });
}

/** Whether a calendar is open at `at` (ISO; default now), for the editor's "try a moment" check. */
export function useCalendarStatus(id: string | null, at: string | null) {
  return useQuery({
    queryKey: ['admin', 'calendars', id, 'status', at],
    queryFn: () =>
      api<CalendarStatus>(`/admin/calendars/${encodeURIComponent(id ?? '')}/status`, { query: { at } }),
    enabled: !!id,
  });
}

// ---- skills and their holders ----

const skillsKey = ['admin', 'skills'] as const;

export function useSaveSkill() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { inlineError: true },
    mutationFn: (change: { id: null; input: SkillBody } | { id: string; input: SkillPatch }) =>
      change.id
        ? api<Skill>(`/admin/skills/${encodeURIComponent(change.id)}`, {
            method: 'PATCH',
            body: change.input,
          })
        : api<Skill>('/admin/skills', { method: 'POST', body: change.input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: skillsKey }),
  });
}

export function useSkillMembers(skillId: string | null) {
  return useQuery({
    queryKey: [...skillsKey, skillId, 'members'],
    queryFn: () =>
      api<{ items: SkillMember[] }>(`/admin/skills/${encodeURIComponent(skillId ?? '')}/members`),
    select: (data) => data.items,
    enabled: !!skillId,
  });
}

/** Sets one user's level in a skill (null removes it); the users' list and counts follow. */
export function useSetSkillLevel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      skillId,
      userId,
      proficiency,
    }: {
      skillId: string;
      userId: string;
      proficiency: number | null;
    }) =>
      api<void>(`/admin/skills/${encodeURIComponent(skillId)}/members/${encodeURIComponent(userId)}`, {
        method: proficiency === null ? 'DELETE' : 'PUT',
        body: proficiency === null ? undefined : { proficiency },
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: skillsKey });
      void queryClient.invalidateQueries({ queryKey: usersKey });
    },
  });
}

// ---- shared canned responses (the desk's reply box lists them under ['desk', 'canned-responses']) ----

const sharedCannedKey = ['admin', 'canned-responses'] as const;

export function useSharedCannedResponses() {
  return useQuery({
    queryKey: sharedCannedKey,
    queryFn: () => api<{ items: CannedResponse[] }>('/admin/canned-responses'),
    select: (data) => data.items,
  });
}

export function useSaveSharedCanned() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { inlineError: true },
    mutationFn: (
      change: { id: null; input: CreateSharedCannedResponse } | { id: string; input: UpdateCannedResponse },
    ) =>
      change.id
        ? api<CannedResponse>(`/admin/canned-responses/${encodeURIComponent(change.id)}`, {
            method: 'PATCH',
            body: change.input,
          })
        : api<CannedResponse>('/admin/canned-responses', { method: 'POST', body: change.input }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: sharedCannedKey });
      void queryClient.invalidateQueries({ queryKey: ['desk', 'canned-responses'] });
    },
  });
}

export function useDeleteSharedCanned() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<void>(`/admin/canned-responses/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: sharedCannedKey });
      void queryClient.invalidateQueries({ queryKey: ['desk', 'canned-responses'] });
    },
  });
}
