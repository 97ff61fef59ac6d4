import { useQuery } from '@tanstack/react-query';
import i18n from 'i18next';
import { useEffect, useRef, useState } from 'react';
import type { Static } from 'typebox';
import type {
  BranchVisits as BranchVisitsSchema,
  CounterView as CounterViewSchema,
  DisplayState as DisplayStateSchema,
  IssuedTicket as IssuedTicketSchema,
  KioskInfo as KioskInfoSchema,
  LobbyBoard as LobbyBoardSchema,
  MyCounters as MyCountersSchema,
  PadState as PadStateSchema,
  PublicTicket as PublicTicketSchema,
  Ticket as TicketSchema,
  WaitingTickets as WaitingTicketsSchema,
} from '../../../../../packages/contracts/src/branch.ts';
import { API_BASE, ApiError, api } from '../../app/api-client.ts';

export type KioskInfo = Static<typeof KioskInfoSchema>;
export type IssuedTicket = Static<typeof IssuedTicketSchema>;
export type DisplayState = Static<typeof DisplayStateSchema>;
export type PadState = Static<typeof PadStateSchema>;
export type PublicTicket = Static<typeof PublicTicketSchema>;
export type CounterView = Static<typeof CounterViewSchema>;
export type MyCounters = Static<typeof MyCountersSchema>;
export type LobbyBoard = Static<typeof LobbyBoardSchema>;
export type WaitingTickets = Static<typeof WaitingTicketsSchema>;
export type Ticket = Static<typeof TicketSchema>;
export type BranchVisits = Static<typeof BranchVisitsSchema>;

/** A service's name in the UI language (falls back to English). */
export const nameIn = (names: Record<string, string>, lang = i18n.language): string =>
  names[lang] ?? names.en ?? Object.values(names)[0] ?? '';

// ---- devices: kiosk, display, pad authenticate with their device token ----
const TOKEN_KEY = 'banyan.branch.deviceToken';

/**
 * The device token: given once in the address (`#bdt_…`, never sent to the server in a URL), kept
 * on the device so a reboot reopens the same page.
 */
export function deviceToken(): string | null {
  const fromHash = window.location.hash.slice(1);
  if (fromHash.startsWith('bdt_')) {
    localStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', window.location.pathname);
    return fromHash;
  }
  return localStorage.getItem(TOKEN_KEY);
}

export async function deviceApi<T>(token: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${API_BASE}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      Accept: 'application/json',
      'Accept-Language': i18n.language,
      'x-device-token': token,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).catch(() => {
    throw new ApiError(0, 'NETWORK_ERROR', i18n.t('errors.network'), null);
  });
  const payload = (await response.json().catch(() => null)) as
    | (T & { error?: { code: string; message: string; requestId: string } })
    | null;
  if (response.ok) return payload as T;
  const error = payload?.error;
  throw new ApiError(
    response.status,
    error?.code ?? 'HTTP_ERROR',
    error?.message ?? String(response.status),
    error?.requestId ?? null,
  );
}

export interface LobbyEvent {
  type: string;
  data?: Record<string, unknown>;
  own?: boolean;
}

/**
 * The lobby socket of a device (`token`) or a phone page (`ticket`). Reconnects with backoff; every
 * (re)connect triggers `onEvent({type:'ready'})`, on which the page refetches its state from the
 * server — so a restart of the server or the device loses nothing.
 */
export function useLobbySocket(
  query: { token?: string | null; ticket?: string | null },
  onEvent: (e: LobbyEvent) => void,
) {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const [live, setLive] = useState(false);
  const key = query.token
    ? `token=${encodeURIComponent(query.token)}`
    : query.ticket
      ? `ticket=${encodeURIComponent(query.ticket)}`
      : '';
  useEffect(() => {
    if (!key) return;
    let socket: WebSocket | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let stopped = false;
    const connect = () => {
      const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
      socket = new WebSocket(`${scheme}//${window.location.host}${API_BASE}/branch/realtime?${key}`);
      socket.onmessage = (message) => {
        let event: LobbyEvent;
        try {
          event = JSON.parse(String(message.data)) as LobbyEvent;
        } catch {
          return;
        }
        if (event.type === 'ready') {
          attempt = 0;
          setLive(true);
        }
        handler.current(event);
      };
      socket.onclose = (close) => {
        setLive(false);
        if (stopped || close.code === 4401) return;
        timer = setTimeout(connect, Math.random() * Math.min(15_000, 1000 * 2 ** attempt++));
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      socket?.close();
    };
  }, [key]);
  return live;
}

// ---- staff ----
export const branchKeys = {
  counters: ['branch', 'counters'] as const,
  counter: (id: string) => ['branch', 'counter', id] as const,
  lobby: (branchId: string) => ['branch', 'lobby', branchId] as const,
  waiting: (branchId: string) => ['branch', 'lobby', branchId, 'waiting'] as const,
  visits: (customerId: string) => ['branch', 'visits', customerId] as const,
};

export const useMyCounters = () =>
  useQuery({ queryKey: branchKeys.counters, queryFn: () => api<MyCounters>('/branch/counters') });
export const useCounterView = (id: string | null) =>
  useQuery({
    queryKey: branchKeys.counter(id ?? ''),
    queryFn: () => api<CounterView>(`/branch/counters/${id}`),
    enabled: !!id,
  });
export const useLobbyBoard = (branchId: string | null) =>
  useQuery({
    queryKey: branchKeys.lobby(branchId ?? ''),
    queryFn: () => api<LobbyBoard>(`/branch/branches/${branchId}/lobby`),
    enabled: !!branchId,
  });
/** Under the lobby key: every lobby event that refreshes the board refreshes the list too. */
export const useWaitingTickets = (branchId: string | null) =>
  useQuery({
    queryKey: branchKeys.waiting(branchId ?? ''),
    queryFn: () => api<WaitingTickets>(`/branch/branches/${branchId}/waiting`),
    enabled: !!branchId,
  });
export const useBranchVisits = (customerId: string | null) =>
  useQuery({
    queryKey: branchKeys.visits(customerId ?? ''),
    queryFn: () => api<BranchVisits>(`/customers/${customerId}/branch-visits`),
    enabled: !!customerId,
  });

export const isLobbyEvent = (type: string): boolean =>
  type.startsWith('ticket.') ||
  type === 'feedback.submitted' ||
  type === 'branch.counter_changed' ||
  type === 'resync' ||
  type === 'ready';

/** mm:ss (or h:mm:ss) of a number of seconds. */
export function clock(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}
