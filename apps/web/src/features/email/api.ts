import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type {
  CreateEmailTemplate as CreateEmailTemplateSchema,
  EmailCompose as EmailComposeSchema,
  EmailSignature as EmailSignatureSchema,
  EmailSuppressionList as EmailSuppressionListSchema,
  EmailTemplate as EmailTemplateSchema,
  EmailThread as EmailThreadSchema,
  PutEmailSignature as PutEmailSignatureSchema,
  UpdateEmailTemplate as UpdateEmailTemplateSchema,
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

export type EmailTemplate = Static<typeof EmailTemplateSchema>;
export type CreateEmailTemplate = Static<typeof CreateEmailTemplateSchema>;
export type UpdateEmailTemplate = Static<typeof UpdateEmailTemplateSchema>;
export type EmailSignature = Static<typeof EmailSignatureSchema>;
export type PutEmailSignature = Static<typeof PutEmailSignatureSchema>;
export type EmailCompose = Static<typeof EmailComposeSchema>;

const templatesKey = ['email-templates'];
const signaturesKey = ['email-signatures'];

/** The templates this user manages (an administrator all; a supervisor the global and their queues'). */
export function useEmailTemplates() {
  return useQuery({
    queryKey: templatesKey,
    queryFn: () => api<{ items: EmailTemplate[] }>('/admin/email/templates').then((r) => r.items),
  });
}

export function useSaveEmailTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { inlineError: true },
    mutationFn: (
      change: { id: null; input: CreateEmailTemplate } | { id: string; input: UpdateEmailTemplate },
    ) =>
      change.id
        ? api<EmailTemplate>(`/admin/email/templates/${encodeURIComponent(change.id)}`, {
            method: 'PATCH',
            body: change.input,
          })
        : api<EmailTemplate>('/admin/email/templates', { method: 'POST', body: change.input }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: templatesKey }),
  });
}

export function useDeleteEmailTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { inlineError: true },
    mutationFn: (id: string) =>
      api<void>(`/admin/email/templates/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: templatesKey }),
  });
}

export function useEmailSignatures() {
  return useQuery({
    queryKey: signaturesKey,
    queryFn: () => api<{ items: EmailSignature[] }>('/admin/email/signatures').then((r) => r.items),
  });
}

/** Sets (creates or replaces) a queue's signature in one language. */
export function usePutEmailSignature() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { inlineError: true },
    mutationFn: (input: PutEmailSignature) =>
      api<EmailSignature>('/admin/email/signatures', { method: 'PUT', body: input }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: signaturesKey }),
  });
}

export function useDeleteEmailSignature() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { inlineError: true },
    mutationFn: (id: string) =>
      api<void>(`/admin/email/signatures/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: signaturesKey }),
  });
}

/** What the email box offers for a conversation: filled templates and the signature preview. */
export function useEmailCompose(conversationId: string) {
  return useQuery({
    queryKey: ['email-compose', conversationId],
    queryFn: () => api<EmailCompose>(`/conversations/${conversationId}/email/compose`),
  });
}
