import { useEffect, useRef, useState } from 'react';
import { API_BASE } from '../app/api-client.ts';

/** One message of the staff WebSocket (server: platform/realtime.ts). */
export interface RealtimeEvent {
  seq?: number;
  type: string;
  data?: unknown;
}

export type RealtimeStatus = 'connecting' | 'live' | 'offline';

const MAX_BACKOFF_MS = 30_000;
// Closed by the server for a missing session or a foreign origin: retrying cannot help; the next
// REST call's 401 takes the user back to sign-in.
const FINAL_CLOSE_CODES = new Set([4401, 4403]);

/**
 * The staff WebSocket (`/api/v1/realtime`, cookie auth, same origin). Reconnects with exponential
 * backoff and resumes from the last `seq` seen, so the server replays what was missed — or sends
 * `{type:'resync'}`, which the caller answers by refetching everything. `ready` follows the catch-up.
 */
export function useRealtime(onEvent: (event: RealtimeEvent) => void, enabled = true): RealtimeStatus {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const [status, setStatus] = useState<RealtimeStatus>('connecting');

  useEffect(() => {
    if (!enabled) return;
    let socket: WebSocket | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let lastSeq = 0;
    let stopped = false;

    const connect = () => {
      setStatus('connecting');
      const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
      const since = lastSeq > 0 ? `?since=${lastSeq}` : '';
      socket = new WebSocket(`${scheme}//${window.location.host}${API_BASE}/realtime${since}`);
      socket.onmessage = (message) => {
        let event: RealtimeEvent;
        try {
          event = JSON.parse(String(message.data)) as RealtimeEvent;
        } catch {
          return;
        }
        // The server sends events in commit order, which is not always position order: resume from
        // the last one received, not the highest.
        if (typeof event.seq === 'number') lastSeq = event.seq;
        if (event.type === 'ready') {
          attempt = 0;
          setStatus('live');
        }
        handler.current(event);
      };
      socket.onclose = (close) => {
        socket = null;
        setStatus('offline');
        if (stopped || FINAL_CLOSE_CODES.has(close.code)) return;
        // Full jitter, so a restarted server is not hit by every desk at the same instant.
        const delay = Math.random() * Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt);
        attempt += 1;
        timer = setTimeout(connect, delay);
      };
    };

    connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      socket?.close();
    };
  }, [enabled]);

  return status;
}
