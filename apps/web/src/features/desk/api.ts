import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../app/api-client.ts';
import type {
  CannedResponse,
  CannedResponseList,
  ConversationDetail,
  ConversationList,
  CreateCannedResponse,
  DeskOfferList,
  DeskState,
  MessageView,
  PostedMessage,
  UpdateCannedResponse,
} from '../../app/contracts.ts';
import type { RealtimeEvent } from '../../shared/use-realtime.ts';
import { type AwayReason, type ContactReasonItem, mergeMessages, refreshesFor } from './model.ts';

export type {
  CannedResponse,
  ConversationSummary,
  DeskOffer,
  DeskState,
  MessageView,
} from '../../app/contracts.ts';

export const deskKeys = {
  all: ['desk'] as const,
  state: ['desk', 'state'] as const,
  offers: ['desk', 'offers'] as const,
  conversations: ['desk', 'conversations'] as const,
  conversation: (id: string) => ['desk', 'conversation', id] as const,
  canned: ['desk', 'canned-responses'] as const,
};

// The WebSocket drives every refresh; this only covers an event lost while the socket was down.
const OFFERS_SAFETY_REFETCH_MS = 30_000;

export function useDeskState() {
  return useQuery({ queryKey: deskKeys.state, queryFn: () => api<DeskState>('/desk/state') });
}

export function useSetDeskState() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { state: DeskState['state']; reason?: AwayReason }) =>
      api<DeskState>('/desk/state', { method: 'PUT', body }),
    onSuccess: (state) => queryClient.setQueryData(deskKeys.state, state),
  });
}

/** The contact-reason hierarchy for wrap-up (changes rarely: cached for five minutes). */
export function useContactReasons() {
  return useQuery({
    queryKey: ['contact-reasons'],
    queryFn: () => api<{ items: ContactReasonItem[] }>('/contact-reasons'),
    staleTime: 5 * 60_000,
  });
}

export function useOffers() {
  return useQuery({
    queryKey: deskKeys.offers,
    queryFn: () => api<DeskOfferList>('/desk/offers'),
    select: (data) => data.items,
    refetchInterval: OFFERS_SAFETY_REFETCH_MS,
  });
}

/** The offer expired or went to someone else: not the agent's error, so it just disappears. */
export const isOfferGone = (error: unknown) =>
  error instanceof ApiError && error.code === 'ROUTING_OFFER_GONE';

export function useAnswerOffer() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { inlineError: true },
    mutationFn: ({ itemId, answer }: { itemId: string; answer: 'accept' | 'reject' }) =>
      api<void>(`/desk/offers/${itemId}/${answer}`, { method: 'POST' }),
    onSettled: (_data, _error, { itemId }) => {
      queryClient.setQueryData<DeskOfferList>(deskKeys.offers, (data) =>
        data ? { items: data.items.filter((offer) => offer.itemId !== itemId) } : data,
      );
      void queryClient.invalidateQueries({ queryKey: deskKeys.offers });
      void queryClient.invalidateQueries({ queryKey: deskKeys.conversations });
      void queryClient.invalidateQueries({ queryKey: deskKeys.state });
    },
  });
}

export function useMyConversations() {
  return useQuery({
    queryKey: deskKeys.conversations,
    queryFn: () => api<ConversationList>('/desk/conversations'),
    select: (data) => data.items,
  });
}

export function useConversation(id: string | null) {
  return useQuery({
    queryKey: deskKeys.conversation(id ?? ''),
    queryFn: () => api<ConversationDetail>(`/conversations/${id}`),
    enabled: id !== null,
  });
}

function addMessage(queryClient: QueryClient, conversationId: string, message: MessageView) {
  queryClient.setQueryData<ConversationDetail>(deskKeys.conversation(conversationId), (detail) =>
    detail ? { ...detail, messages: mergeMessages(detail.messages, [message]) } : detail,
  );
}

export interface ReplyInput {
  clientId: string;
  body: string;
  kind: 'text' | 'note';
  /** Colleagues named in a note (their desks get it pushed). */
  mentions?: string[];
}

const isNetworkError = (error: unknown) => error instanceof ApiError && error.code === 'NETWORK_ERROR';

export function usePostMessage(conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { inlineError: true },
    mutationFn: (input: ReplyInput) =>
      api<PostedMessage>(`/conversations/${conversationId}/messages`, { method: 'POST', body: input }),
    // The same clientId goes again, so a retry after a lost response never posts the message twice.
    retry: (failureCount, error) => isNetworkError(error) && failureCount < 3,
    retryDelay: (failureCount) => 500 * 2 ** failureCount,
    onSuccess: ({ message }) => {
      addMessage(queryClient, conversationId, message);
      void queryClient.invalidateQueries({ queryKey: deskKeys.conversations });
    },
  });
}

/** A reply from the email box: rich text (the server sanitizes it and derives the text part), CC, BCC. */
export interface EmailReplyInput {
  clientId: string;
  html: string;
  cc: string[];
  bcc: string[];
  /** Append the queue's signature (the server does, when the mail is composed). */
  addSignature: boolean;
}

export function usePostEmailReply(conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { inlineError: true },
    mutationFn: (input: EmailReplyInput) =>
      api<PostedMessage>(`/conversations/${conversationId}/email/reply`, { method: 'POST', body: input }),
    retry: (failureCount, error) => isNetworkError(error) && failureCount < 3,
    retryDelay: (failureCount) => 500 * 2 ** failureCount,
    onSuccess: ({ message }) => {
      addMessage(queryClient, conversationId, message);
      void queryClient.invalidateQueries({ queryKey: deskKeys.conversations });
      void queryClient.invalidateQueries({ queryKey: ['email-thread', conversationId] });
    },
  });
}

function useConversationAction(conversationId: string, action: 'wrap-up' | 'close') {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { inlineError: true },
    mutationFn: (body?: { contactReasonId: string; tags?: string[] }) =>
      api<void>(`/conversations/${conversationId}/${action}`, { method: 'POST', body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: deskKeys.conversation(conversationId) });
      void queryClient.invalidateQueries({ queryKey: deskKeys.conversations });
      void queryClient.invalidateQueries({ queryKey: deskKeys.state });
    },
  });
}

export const useWrapUp = (conversationId: string) => useConversationAction(conversationId, 'wrap-up');
export const useCloseConversation = (conversationId: string) =>
  useConversationAction(conversationId, 'close');

/** Turns one staff WebSocket event into cache invalidations: the desk never polls for these. */
export function applyRealtimeEvent(queryClient: QueryClient, event: RealtimeEvent): void {
  const data = (event.data ?? {}) as {
    conversationId?: string;
    messageId?: string;
    kind?: string;
    refId?: string;
    /** A new message's event carries the message itself (see conversations.events.ts). */
    message?: MessageView;
  };
  // Conversation events name it `conversationId`; routing events carry the work item's `refId`.
  const conversationId = data.conversationId ?? (data.kind === 'conversation' ? data.refId : undefined);
  for (const refresh of refreshesFor(event.type)) {
    if (refresh === 'all') {
      void queryClient.invalidateQueries({ queryKey: deskKeys.all });
    } else if (refresh === 'conversation') {
      if (!conversationId) continue;
      const key = deskKeys.conversation(conversationId);
      const cached = queryClient.getQueryData<ConversationDetail>(key);
      // Our own reply is already merged in from the POST answer.
      if (data.messageId && cached?.messages.some((message) => message.id === data.messageId)) continue;
      // The next message of an open thread is merged as it comes: no read-back per message.
      const last = cached?.messages.at(-1)?.seq ?? 0;
      if (
        cached &&
        data.message &&
        event.type === 'conversation.message_created' &&
        data.message.seq === last + 1
      ) {
        addMessage(queryClient, conversationId, data.message);
        continue;
      }
      void queryClient.invalidateQueries({ queryKey: key });
    } else {
      void queryClient.invalidateQueries({ queryKey: deskKeys[refresh] });
    }
  }
}

/** The canned responses the agent may use: their own, their teams' and the bank-wide ones. */
export function useCannedResponses() {
  return useQuery({
    queryKey: deskKeys.canned,
    queryFn: () => api<CannedResponseList>('/desk/canned-responses'),
    select: (data) => data.items,
    staleTime: 60_000,
  });
}

/** Creates (no id) or edits one of the agent's personal canned responses. */
export function useSaveCannedResponse() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { inlineError: true },
    mutationFn: ({
      id,
      input,
    }: {
      id: string | null;
      input: Omit<CreateCannedResponse, 'scope' | 'teamId'>;
    }) =>
      id
        ? api<CannedResponse>(`/desk/canned-responses/${encodeURIComponent(id)}`, {
            method: 'PATCH',
            body: input satisfies UpdateCannedResponse,
          })
        : api<CannedResponse>('/desk/canned-responses', {
            method: 'POST',
            body: { scope: 'personal', ...input } satisfies CreateCannedResponse,
          }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: deskKeys.canned }),
  });
}

export function useDeleteCannedResponse() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<void>(`/desk/canned-responses/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: deskKeys.canned }),
  });
}
