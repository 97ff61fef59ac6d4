// The live side of the desk besides messages: the customer's typing, read receipts and consults.
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import i18n from 'i18next';
import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import type { Static } from 'typebox';
import type {
  Consultant as ConsultantSchema,
  ConsultCandidateList as ConsultCandidateListSchema,
  ConsultRequestList as ConsultRequestListSchema,
} from '../../../../../packages/contracts/src/live.ts';
import { api } from '../../app/api-client.ts';
import type { ConversationDetail } from '../../app/contracts.ts';
import { notifySuccess } from '../../shared/notify.ts';
import type { RealtimeEvent } from '../../shared/use-realtime.ts';
import { notifyDesktop } from './alert.ts';
import { deskKeys } from './api.ts';
import { isStillTyping, readMarkFor } from './live-model.ts';

export type ConsultRequestList = Static<typeof ConsultRequestListSchema>;
export type ConsultCandidateList = Static<typeof ConsultCandidateListSchema>;
export type Consultant = Static<typeof ConsultantSchema>;

export const liveKeys = {
  consults: ['desk', 'consults'] as const,
  candidates: (id: string) => ['desk', 'consult-candidates', id] as const,
};

/** Agent-side typing signals: first keystroke, then at most every 2 s; "stopped" after 3 s idle. */
export const TYPING_EVERY_MS = 2_000;
export const TYPING_IDLE_MS = 3_000;

// ---- the customer's typing (ephemeral: kept in memory, never in the query cache) ----

const typingUntil = new Map<string, number>();
const typingListeners = new Set<() => void>();
const emitTyping = () => {
  for (const listener of typingListeners) listener();
};

/** Records a typing signal; `until` is when it lapses on its own if no "stopped" comes. */
export function setCustomerTyping(conversationId: string, typing: boolean, ttlMs: number, now = Date.now()) {
  if (typing) typingUntil.set(conversationId, now + Math.min(Math.max(ttlMs, 1000), 30_000));
  else typingUntil.delete(conversationId);
  emitTyping();
}

/** "Customer is typing…" for one conversation; lapses by itself after the signal's time-to-live. */
export function useCustomerTyping(conversationId: string): boolean {
  const subscribe = useCallback((listener: () => void) => {
    typingListeners.add(listener);
    return () => void typingListeners.delete(listener);
  }, []);
  const until = useSyncExternalStore(subscribe, () => typingUntil.get(conversationId));
  const typing = isStillTyping(until, Date.now());
  useEffect(() => {
    if (until === undefined) return;
    const timer = setTimeout(
      () => {
        if (typingUntil.get(conversationId) === until) {
          typingUntil.delete(conversationId);
          emitTyping();
        }
      },
      Math.max(0, until - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [conversationId, until]);
  return typing;
}

/** The assignee's own typing, sent to the customer's widget (throttled; never for notes). */
export function useAgentTypingSignal(conversationId: string) {
  const state = useRef({
    typing: false,
    lastSent: 0,
    idle: undefined as ReturnType<typeof setTimeout> | undefined,
  });
  const send = useCallback(
    (typing: boolean) =>
      void api<void>(`/conversations/${conversationId}/typing`, { method: 'POST', body: { typing } }).catch(
        () => undefined,
      ),
    [conversationId],
  );
  const stop = useCallback(() => {
    const s = state.current;
    clearTimeout(s.idle);
    if (!s.typing) return;
    s.typing = false;
    send(false);
  }, [send]);
  const input = useCallback(() => {
    const s = state.current;
    const now = Date.now();
    if (!s.typing || now - s.lastSent >= TYPING_EVERY_MS) {
      s.typing = true;
      s.lastSent = now;
      send(true);
    }
    clearTimeout(s.idle);
    s.idle = setTimeout(stop, TYPING_IDLE_MS);
  }, [send, stop]);
  useEffect(() => stop, [stop]);
  return { input, stop };
}

// ---- read receipts ----

/** While the assignee has the conversation open and the tab in view, marks everything shown read. */
export function useMarkRead(conversationId: string, lastSeq: number, agentReadSeq: number, enabled: boolean) {
  const queryClient = useQueryClient();
  const sent = useRef(0);
  const visible = usePageVisible();
  useEffect(() => {
    const seq = readMarkFor(lastSeq, Math.max(agentReadSeq, sent.current), enabled && visible);
    if (seq === null) return;
    sent.current = seq;
    void api<{ seq: number }>(`/conversations/${conversationId}/read`, { method: 'POST', body: { seq } })
      .then(({ seq: read }) => {
        patchConversation(queryClient, conversationId, { agentReadSeq: read });
        void queryClient.invalidateQueries({ queryKey: deskKeys.conversations });
      })
      .catch(() => {
        sent.current = 0;
      });
  }, [conversationId, lastSeq, agentReadSeq, enabled, visible, queryClient]);
}

function usePageVisible(): boolean {
  const subscribe = useCallback((listener: () => void) => {
    document.addEventListener('visibilitychange', listener);
    return () => document.removeEventListener('visibilitychange', listener);
  }, []);
  return useSyncExternalStore(subscribe, () => document.visibilityState === 'visible');
}

function patchConversation(
  queryClient: QueryClient,
  conversationId: string,
  patch: { agentReadSeq?: number; customerReadSeq?: number },
) {
  queryClient.setQueryData<ConversationDetail>(deskKeys.conversation(conversationId), (detail) => {
    if (!detail) return detail;
    const c = detail.conversation;
    return {
      ...detail,
      conversation: {
        ...c,
        agentReadSeq: Math.max(c.agentReadSeq ?? 0, patch.agentReadSeq ?? 0),
        customerReadSeq: Math.max(c.customerReadSeq ?? 0, patch.customerReadSeq ?? 0),
      },
    };
  });
}

// ---- consults ----

export function useConsultRequests() {
  return useQuery({
    queryKey: liveKeys.consults,
    queryFn: () => api<ConsultRequestList>('/desk/consults'),
    select: (data) => data.items,
  });
}

export function useConsultCandidates(conversationId: string, enabled: boolean) {
  return useQuery({
    queryKey: liveKeys.candidates(conversationId),
    queryFn: () => api<ConsultCandidateList>(`/conversations/${conversationId}/consults/candidates`),
    select: (data) => data.items,
    enabled,
  });
}

export function useInviteConsult(conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { inlineError: true },
    mutationFn: (body: { userId: string; note?: string }) =>
      api<Consultant>(`/conversations/${conversationId}/consults`, { method: 'POST', body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: deskKeys.conversation(conversationId) });
      void queryClient.invalidateQueries({ queryKey: liveKeys.candidates(conversationId) });
    },
  });
}

export function useLeaveConsult(conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { inlineError: true },
    mutationFn: () => api<void>(`/conversations/${conversationId}/consults/leave`, { method: 'POST' }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: deskKeys.conversation(conversationId) });
      void queryClient.invalidateQueries({ queryKey: liveKeys.consults });
    },
  });
}

/**
 * The staff WebSocket's live events: typing goes to the in-memory store, read receipts patch the
 * cached conversation, consult changes refresh the consult list and the conversation.
 */
export function applyLiveEvent(queryClient: QueryClient, event: RealtimeEvent, meId?: string): void {
  const data = (event.data ?? {}) as {
    userId?: string;
    conversationId?: string;
    side?: string;
    typing?: boolean;
    ttlMs?: number;
    seq?: number;
    authorType?: string;
  };
  if (!data.conversationId) return;
  if (event.type === 'conversation.typing' && data.side === 'customer') {
    setCustomerTyping(data.conversationId, data.typing === true, data.ttlMs ?? 6000);
  } else if (event.type === 'conversation.read' && typeof data.seq === 'number') {
    patchConversation(
      queryClient,
      data.conversationId,
      data.side === 'customer' ? { customerReadSeq: data.seq } : { agentReadSeq: data.seq },
    );
    if (data.side === 'agent') void queryClient.invalidateQueries({ queryKey: deskKeys.conversations });
  } else if (event.type === 'conversation.message_created' && data.authorType === 'customer') {
    // A customer message ends their typing.
    setCustomerTyping(data.conversationId, false, 0);
  } else if (event.type === 'conversation.consult_joined' || event.type === 'conversation.consult_left') {
    void queryClient.invalidateQueries({ queryKey: liveKeys.consults });
    void queryClient.invalidateQueries({ queryKey: deskKeys.conversation(data.conversationId) });
    if (event.type === 'conversation.consult_joined' && data.userId === meId) {
      // Replayed after a reconnect too: the list entry is the lasting notice, this only draws the eye.
      notifySuccess(i18n.t('desk.consult.invited'));
      notifyDesktop(i18n.t('desk.consult.requests'), i18n.t('desk.consult.invited'));
    }
  }
}
