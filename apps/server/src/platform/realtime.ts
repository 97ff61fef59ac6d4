import type { WebSocket } from 'ws';
import type { Ephemeral } from './ephemeral.ts';
import type { Audience, Cursor, Events, StoredEvent } from './events.ts';
import { compareCursor } from './events.ts';
import type { App } from './http.ts';
import type { Actor, Permission } from './rbac.ts';

/** Whether `actor` may receive an event with this audience (empty audience = internal only). */
export function canSee(actor: Actor, audience: Audience): boolean {
  if (audience.users?.includes(actor.userId)) return true;
  if (audience.roles?.some((r) => actor.roles.includes(r))) return true;
  if (audience.permissions?.some((p) => actor.permissions.has(p as Permission))) return true;
  if (audience.teams?.some((t) => actor.teamIds.includes(t))) return true;
  if (actor.branchId && audience.branches?.includes(actor.branchId)) return true;
  if (actor.departmentId && audience.departments?.includes(actor.departmentId)) return true;
  return false;
}

export interface ServerMessage {
  seq?: number;
  type: string;
  data?: unknown;
  id?: string;
}

const PING_MS = 25_000;

/**
 * The staff WebSocket: `GET /api/v1/realtime?since=<seq>`. Each pushed event carries `seq`, its
 * position in the event log. A client reconnects with the last seq it saw and gets what it missed
 * (from the outbox), or `{type:'resync'}` when that position is no longer retained.
 */
export function realtimeRoutes(deps: {
  events: Events;
  /** Signals worth nothing later (typing): pushed to the listed users without a seq. */
  ephemeral?: Ephemeral;
  publicUrl: string;
  authenticate: (request: import('fastify').FastifyRequest) => Promise<Actor | null>;
}) {
  const { events } = deps;
  const connectListeners = new Set<(actor: Actor) => void>();
  const sockets = new Set<{ socket: WebSocket; actor: Actor; deliver: (batch: StoredEvent[]) => void }>();

  events.subscribe((batch) => {
    for (const client of sockets) client.deliver(batch);
  });
  deps.ephemeral?.subscribe((message) => {
    if (!message.users?.length) return;
    const text = JSON.stringify({ type: message.type, data: message.data });
    for (const { socket, actor } of sockets) {
      if (message.users.includes(actor.userId) && socket.readyState === socket.OPEN) socket.send(text);
    }
  });

  const allowedOrigin = (origin: string | undefined, host: string | undefined) => {
    if (!origin) return true; // non-browser clients
    try {
      const url = new URL(origin);
      return url.host === host || url.origin === new URL(deps.publicUrl).origin;
    } catch {
      return false;
    }
  };

  /** Users with an open staff socket in this process (for desk presence). */
  const connectedUserIds = () => [...new Set([...sockets].map((c) => c.actor.userId))];

  const plugin = async (app: App) => {
    app.get('/realtime', { websocket: true }, async (socket, request) => {
      const send = (message: ServerMessage) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
      };
      // Cross-site WebSocket hijacking: a browser always sends Origin; refuse foreign ones.
      if (!allowedOrigin(request.headers.origin, request.headers.host)) {
        send({ type: 'error', data: { code: 'AUTH_FORBIDDEN' } });
        return socket.close(4403, 'origin');
      }
      const actor = request.actor;
      if (!actor) {
        send({ type: 'error', data: { code: 'AUTH_REQUIRED' } });
        return socket.close(4401, 'unauthenticated');
      }

      let cursor: Cursor | null = null;
      let buffered: StoredEvent[] | null = [];
      const push = (event: StoredEvent) => {
        if (cursor && compareCursor(event, cursor) <= 0) return;
        cursor = { txid: event.txid, position: event.position };
        if (
          (event.type === 'staff.sessions_revoked' &&
            (event.payload as { userId: string; sessionIds: string[] | null }).userId === actor.userId &&
            ((event.payload as { sessionIds: string[] | null }).sessionIds === null ||
              (event.payload as { sessionIds: string[] }).sessionIds.includes(actor.sessionId ?? ''))) ||
          false
        ) {
          send({ seq: event.position, type: 'session.ended' });
          socket.close(4401, 'session ended');
          return;
        }
        if (canSee(actor, event.audience)) {
          send({ seq: event.position, type: event.type, data: event.payload });
        }
      };
      const client = {
        socket,
        actor,
        deliver: (batch: StoredEvent[]) => {
          if (buffered) buffered.push(...batch);
          else for (const e of batch) push(e);
        },
      };
      sockets.add(client);
      for (const listener of connectListeners) listener(actor);
      socket.on('close', () => sockets.delete(client));
      socket.on('message', (raw) => {
        let message: { id?: unknown; type?: unknown };
        try {
          message = JSON.parse(String(raw));
        } catch {
          return send({ type: 'error', data: { code: 'VALIDATION_FAILED' } });
        }
        if (message.type === 'ping')
          send({ type: 'pong', id: typeof message.id === 'string' ? message.id : undefined });
      });
      const keepAlive = setInterval(() => socket.ping(), PING_MS);
      socket.on('close', () => clearInterval(keepAlive));

      // Catch up from `since`, then flush what arrived live meanwhile (deduplicated by cursor).
      const since = Number((request.query as { since?: string }).since ?? 0);
      if (since > 0) {
        const from = await events.cursorAt(since);
        if (!from) {
          send({ type: 'resync' });
          cursor = events.currentCursor();
        } else {
          cursor = from;
          const live = events.currentCursor();
          for (;;) {
            const batch = await events.readAfter(cursor, 500);
            for (const e of batch) push(e);
            if (batch.length < 500 || (live && compareCursor(cursor, live) >= 0)) break;
          }
        }
      } else {
        cursor = events.currentCursor();
      }
      const pending = buffered ?? [];
      buffered = null;
      for (const e of pending) push(e);
      send({ type: 'ready', seq: cursor?.position ?? 0 });
    });
  };
  return Object.assign(plugin, {
    connectedUserIds,
    onConnect: (listener: (actor: Actor) => void) => connectListeners.add(listener),
  });
}
