import type { WebSocket } from 'ws';
import type { Ephemeral } from '../../../platform/ephemeral.ts';
import type { Events, StoredEvent } from '../../../platform/events.ts';
import type { App } from '../../../platform/http.ts';
import { createRateLimiter } from '../../../platform/rate-limit.ts';
import type {
  ConversationLive,
  ConversationsService,
  Message,
  MessageCreatedPayload,
  ReadPayload,
} from '../../conversations/index.ts';
import type { WebchatService } from './webchat.service.ts';

interface Client {
  socket: WebSocket;
  lastSeq: number;
  visitorId: string;
}

/**
 * The customer's WebSocket: `GET /api/v1/widget/realtime?token=…&conversationId=…&since=<seq>`.
 * Pushes `{type:'message', message}` (never notes) and `{type:'status', status}`; on connect it
 * sends what the widget missed after `since`, then `{type:'ready', status, seq, agentReadSeq}`.
 * Messages carry their seq, so a resumed widget shows each exactly once. Also pushes
 * `{type:'read', seq}` (the agent has read up to seq) and `{type:'typing', typing, ttlMs}` (the
 * assignee types; ephemeral, through `platform/ephemeral.ts`, never stored).
 *
 * The widget sends `{type:'typing', typing}` (at most one every 2 s while typing, then a stop) and
 * `{type:'read', seq}` (the chat is visible up to seq); both are rate-limited per visitor, and
 * dropped silently past the limit. Consult events and notes never reach this socket.
 */
export function webchatRealtimeRoutes(deps: {
  events: Events;
  webchat: WebchatService;
  conversations: ConversationsService;
  live: ConversationLive;
  ephemeral: Ephemeral;
}) {
  const { events, webchat, conversations, live, ephemeral } = deps;
  const typingPerVisitor = createRateLimiter({ limit: 20, windowMs: 10_000 });
  const readsPerVisitor = createRateLimiter({ limit: 30, windowMs: 10_000 });
  const byConversation = new Map<string, Set<Client>>();

  const send = (socket: WebSocket, message: unknown) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const publicMessage = (m: Message) => ({
    id: m.id,
    seq: m.seq,
    authorType: m.authorType,
    kind: m.kind,
    clientId: m.clientId,
    body: m.body,
    attachment: m.attachment ?? null,
    createdAt: m.createdAt,
  });

  async function deliver(event: StoredEvent): Promise<void> {
    const payload = event.payload as { conversationId?: string; internal?: boolean; seq?: number };
    const clients = payload.conversationId ? byConversation.get(payload.conversationId) : undefined;
    if (!clients?.size || !payload.conversationId) return;
    if (event.type === 'conversation.read') {
      const read = event.payload as ReadPayload;
      if (read.side !== 'agent') return;
      for (const client of clients) send(client.socket, { type: 'read', seq: read.seq });
    } else if (event.type.startsWith('conversation.consult_')) {
      // Staff-only: the customer never learns a consultant was asked.
    } else if (event.type.startsWith('conversation.')) {
      const c = await conversations.getConversation(payload.conversationId);
      for (const client of clients) send(client.socket, { type: 'status', status: c.status });
    }
  }

  /** Sends each customer socket the messages after its last seq, in order, each once. */
  function sendInOrder(clients: Set<Client>, messages: Message[]): void {
    for (const client of clients) {
      for (const m of messages) {
        if (m.seq <= client.lastSeq) continue;
        client.lastSeq = m.seq;
        send(client.socket, { type: 'message', message: publicMessage(m) });
      }
    }
  }

  /**
   * The customer-visible messages of a batch of events, read in one query. A socket that would
   * see a gap (a message it has not had yet, from an earlier batch still being read) gets its
   * conversation read from its last seq instead, so nothing is skipped whatever finishes first.
   */
  async function deliverMessages(batch: StoredEvent[]): Promise<void> {
    const events = batch.filter((e) => {
      const p = e.payload as MessageCreatedPayload;
      return (
        e.type === 'conversation.message_created' && !p.internal && byConversation.has(p.conversationId ?? '')
      );
    });
    if (events.length === 0) return;
    // The event carries the message (the chat line's statement writes it); only others are read.
    const carried = events.flatMap((e) => (e.payload as MessageCreatedPayload).message ?? []);
    const missing = events
      .filter((e) => !(e.payload as MessageCreatedPayload).message)
      .map((e) => (e.payload as MessageCreatedPayload).messageId);
    const read = missing.length > 0 ? await conversations.findMessages(missing) : [];
    const byThread = new Map<string, Message[]>();
    for (const m of [...carried, ...read].sort((a, b) => a.seq - b.seq)) {
      if (m.kind === 'note') continue;
      byThread.set(m.conversationId, [...(byThread.get(m.conversationId) ?? []), m]);
    }
    for (const [conversationId, messages] of byThread) {
      const clients = byConversation.get(conversationId);
      if (!clients?.size) continue;
      const lowest = Math.min(...[...clients].map((c) => c.lastSeq));
      // Seqs are given in commit order (the conversation row is locked), so a run that starts right
      // after the socket's last seq and has no holes is complete; otherwise (a note, or a message of
      // a batch still being read) read the thread from the last seq.
      const contiguous = messages.every((m, i) => m.seq === lowest + 1 + i);
      const complete = contiguous
        ? messages
        : await conversations.listMessages(conversationId, { afterSeq: lowest, includeNotes: false });
      sendInOrder(clients, complete);
    }
  }

  events.subscribe((batch) => {
    void deliverMessages(batch).catch(() => undefined);
    for (const event of batch) {
      if (event.type.startsWith('conversation.') && event.type !== 'conversation.message_created')
        void deliver(event).catch(() => undefined);
    }
  });

  ephemeral.subscribe((message) => {
    if (message.type !== 'conversation.typing' || !message.conversation) return;
    for (const client of byConversation.get(message.conversation) ?? []) {
      send(client.socket, {
        type: 'typing',
        typing: message.data.typing === true,
        ttlMs: message.data.ttlMs,
      });
    }
  });

  /** What the widget sends: typing signals and read marks; anything else is ignored. */
  function receive(client: Client, conversationId: string, raw: unknown): void {
    let message: { type?: unknown; typing?: unknown; seq?: unknown };
    try {
      message = JSON.parse(String(raw));
    } catch {
      return;
    }
    if (message?.type === 'typing') {
      if (!typingPerVisitor.hit(client.visitorId)) return;
      void live.customerTyping(conversationId, message.typing === true).catch(() => undefined);
    } else if (message?.type === 'read' && Number.isInteger(message.seq) && (message.seq as number) >= 0) {
      if (!readsPerVisitor.hit(client.visitorId)) return;
      void live
        .markRead({ conversationId, side: 'customer', seq: message.seq as number })
        .catch(() => undefined);
    }
  }

  return async (app: App) => {
    app.get('/widget/realtime', { websocket: true }, async (socket, request) => {
      const query = request.query as { token?: string; conversationId?: string; since?: string };
      let conversationId: string;
      let visitorId: string;
      try {
        const visitor = await webchat.authenticate(query.token);
        conversationId = (await webchat.ownConversation(visitor, String(query.conversationId ?? ''))).id;
        visitorId = visitor.visitorId;
      } catch {
        send(socket, { type: 'error', data: { code: 'WEBCHAT_VISITOR_INVALID' } });
        return socket.close(4401, 'unauthorised');
      }
      const client: Client = { socket, lastSeq: Math.max(0, Number(query.since) || 0), visitorId };
      const set = byConversation.get(conversationId) ?? new Set<Client>();
      byConversation.set(conversationId, set);
      set.add(client);
      socket.on('close', () => {
        set.delete(client);
        if (set.size === 0) byConversation.delete(conversationId);
      });
      socket.on('message', (raw) => receive(client, conversationId, raw));
      const missed = await conversations.listMessages(conversationId, {
        afterSeq: client.lastSeq,
        includeNotes: false,
      });
      for (const m of missed) {
        if (m.seq <= client.lastSeq) continue;
        client.lastSeq = m.seq;
        send(socket, { type: 'message', message: publicMessage(m) });
      }
      const c = await conversations.getConversation(conversationId);
      send(socket, {
        type: 'ready',
        status: c.status,
        seq: client.lastSeq,
        agentReadSeq: c.agent_read_seq,
      });
    });
  };
}
