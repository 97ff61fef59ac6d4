import type { WebSocket } from 'ws';
import type { Events } from '../../platform/events.ts';
import type { App } from '../../platform/http.ts';
import { isBranchEvent } from './branch.events.ts';
import type { BranchService } from './branch.service.ts';

interface Client {
  socket: WebSocket;
  /** Devices get every lobby event of their branch; a phone page only "something changed". */
  kind: 'device' | 'ticket';
  ticketId?: string;
}

/**
 * The socket of the lobby's non-staff clients: `GET /api/v1/branch/realtime?token=<device token>`
 * (kiosk, display, pad) or `?ticket=<public ticket token>` (the phone page). Sends `{type:'ready'}`,
 * then each lobby event of the branch as `{type, data}` (devices) or `{type:'changed'}` (phones).
 * State lives in the database: a client that reconnects refetches it, so a restart loses nothing.
 */
export function branchRealtimeRoutes(deps: { events: Events; branch: BranchService }) {
  const { events, branch } = deps;
  const byBranch = new Map<string, Set<Client>>();

  const send = (socket: WebSocket, message: unknown) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };

  events.subscribe((batch) => {
    for (const event of batch) {
      if (!isBranchEvent(event.type)) continue;
      const payload = event.payload as { branchId?: string; ticketId?: string };
      const clients = payload.branchId ? byBranch.get(payload.branchId) : undefined;
      if (!clients) continue;
      for (const client of clients) {
        if (client.kind === 'device') send(client.socket, { type: event.type, data: event.payload });
        else send(client.socket, { type: 'changed', own: payload.ticketId === client.ticketId });
      }
    }
  });

  return async (app: App) => {
    app.get('/branch/realtime', { websocket: true }, async (socket, request) => {
      const query = request.query as { token?: string; ticket?: string };
      let branchId: string;
      let client: Client;
      try {
        if (query.token) {
          branchId = (await branch.authenticateDevice(query.token)).branchId;
          client = { socket, kind: 'device' };
        } else {
          const t = await branch.findTicketByPublicToken(String(query.ticket ?? ''));
          if (!t) throw new Error('unknown ticket');
          branchId = t.branch_id;
          client = { socket, kind: 'ticket', ticketId: t.id };
        }
      } catch {
        send(socket, { type: 'error', data: { code: 'BRANCH_DEVICE_INVALID' } });
        return socket.close(4401, 'unauthorised');
      }
      const set = byBranch.get(branchId) ?? new Set<Client>();
      byBranch.set(branchId, set);
      set.add(client);
      socket.on('close', () => {
        set.delete(client);
        if (set.size === 0) byBranch.delete(branchId);
      });
      send(socket, { type: 'ready' });
    });
  };
}
