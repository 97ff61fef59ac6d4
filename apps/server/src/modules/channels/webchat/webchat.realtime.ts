import type { WebSocket } from 'ws';
import type { Events, StoredEvent } from '../../../platform/events.ts';
import type { App } from '../../../platform/http.ts';
import type { ConversationsService, Message } from '../../conversations/index.ts';
import type { WebchatService } from './webchat.service.ts';

interface Client {
  socket: WebSocket;
  lastSeq: number;
}

/**
 * The customer's WebSocket: `GET /api/v1/widget/realtime?token=…&conversationId=…&since=<seq>`.
 * Pushes `{type:'message', message}` (never notes) and `{type:'status', status}`; on connect it
 * sends what the widget missed after `since`, then `{type:'ready'}`. Messages carry their seq, so
 * a resumed widget shows each exactly once.
 */
export function webchatRealtimeRoutes(deps: {
  events: Events;
  webchat: WebchatService;
  conversations: ConversationsService;
}) {
  const { events, webchat, conversations } = deps;
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
    createdAt: m.createdAt,
  });

  async function deliver(event: StoredEvent): Promise<void> {
    const payload = event.payload as { conversationId?: string; internal?: boolean; seq?: number };
    const clients = payload.conversationId ? byConversation.get(payload.conversationId) : undefined;
    if (!clients?.size || !payload.conversationId) return;
    if (event.type === 'conversation.message_created') {
      if (payload.internal) return;
      const lowest = Math.min(...[...clients].map((c) => c.lastSeq));
      const fresh = await conversations.listMessages(payload.conversationId, {
        afterSeq: lowest,
        includeNotes: false,
      });
      for (const client of clients) {
        for (const m of fresh) {
          if (m.seq <= client.lastSeq) continue;
          client.lastSeq = m.seq;
          send(client.socket, { type: 'message', message: publicMessage(m) });
        }
      }
    } else if (event.type.startsWith('conversation.')) {
      const c = await conversations.getConversation(payload.conversationId);
      for (const client of clients) send(client.socket, { type: 'status', status: c.status });
    }
  }

  events.subscribe((batch) => {
    for (const event of batch) {
      if (event.type.startsWith('conversation.')) void deliver(event).catch(() => undefined);
    }
  });

  return async (app: App) => {
    app.get('/widget/realtime', { websocket: true }, async (socket, request) => {
      const query = request.query as { token?: string; conversationId?: string; since?: string };
      let conversationId: string;
      try {
        const visitor = await webchat.authenticate(query.token);
        conversationId = (await webchat.ownConversation(visitor, String(query.conversationId ?? ''))).id;
      } catch {
        send(socket, { type: 'error', data: { code: 'WEBCHAT_VISITOR_INVALID' } });
        return socket.close(4401, 'unauthorised');
      }
      const client: Client = { socket, lastSeq: Math.max(0, Number(query.since) || 0) };
      const set = byConversation.get(conversationId) ?? new Set<Client>();
      byConversation.set(conversationId, set);
      set.add(client);
      socket.on('close', () => {
        set.delete(client);
        if (set.size === 0) byConversation.delete(conversationId);
      });
      socket.on('message', () => undefined);
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
      send(socket, { type: 'ready', status: c.status, seq: client.lastSeq });
    });
  };
}
