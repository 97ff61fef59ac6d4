import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';
import type {
  AgentBoard,
  ConversationDetail,
  DeskState,
  QueueBoard,
  SetDeskState,
} from '../../app/contracts.ts';

export type QueueRow = QueueBoard['items'][number];
export type AgentRow = AgentBoard['items'][number];
export type AgentConversation = AgentRow['conversations'][number];

export const supervisorKeys = {
  all: ['supervisor'] as const,
  queues: (timeZone: string) => ['supervisor', 'queues', timeZone] as const,
  agents: ['supervisor', 'agents'] as const,
  conversation: (id: string) => ['supervisor', 'conversation', id] as const,
};

// The WebSocket drives every refresh; this only covers an event lost while the socket was down.
const BOARD_SAFETY_REFETCH_MS = 30_000;

/** The browser's time zone: the server counts "today" from its local midnight. */
export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function useQueueBoard() {
  const timeZone = browserTimeZone();
  return useQuery({
    queryKey: supervisorKeys.queues(timeZone),
    queryFn: () => api<QueueBoard>('/supervisor/queues', { query: { timeZone } }),
    select: (data) => data.items,
    refetchInterval: BOARD_SAFETY_REFETCH_MS,
  });
}

export function useAgentBoard() {
  return useQuery({
    queryKey: supervisorKeys.agents,
    queryFn: () => api<AgentBoard>('/supervisor/agents'),
    select: (data) => data.items,
    refetchInterval: BOARD_SAFETY_REFETCH_MS,
  });
}

/** Refetches both boards (the realtime handler calls it, throttled). */
export function invalidateBoards(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: ['supervisor', 'queues'] });
  void queryClient.invalidateQueries({ queryKey: supervisorKeys.agents });
}

export function useSetAgentState() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, ...body }: SetDeskState & { userId: string }) =>
      api<DeskState>(`/supervisor/agents/${userId}/state`, { method: 'PUT', body }),
    onSettled: () => invalidateBoards(queryClient),
  });
}

/** How many chats (or calls…) an agent takes at once; audited on the server. */
export function useSetAgentCapacity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, ...body }: { userId: string; channel: string; capacity: number }) =>
      api<DeskState>(`/supervisor/agents/${userId}/capacity`, { method: 'PUT', body }),
    onSettled: () => invalidateBoards(queryClient),
  });
}

/** Moves a conversation to another agent; a full agent answers 409 with the server's message. */
export function useReassign() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { inlineError: true },
    mutationFn: ({ conversationId, agentId }: { conversationId: string; agentId: string }) =>
      api<void>(`/supervisor/conversations/${conversationId}/reassign`, {
        method: 'POST',
        body: { agentId },
      }),
    onSettled: (_data, _error, { conversationId }) => {
      invalidateBoards(queryClient);
      void queryClient.invalidateQueries({ queryKey: supervisorKeys.conversation(conversationId) });
    },
  });
}

/** Read-only monitor of one conversation. */
export function useMonitoredConversation(id: string | null) {
  return useQuery({
    queryKey: supervisorKeys.conversation(id ?? ''),
    queryFn: () => api<ConversationDetail>(`/conversations/${id}`),
    enabled: id !== null,
  });
}
