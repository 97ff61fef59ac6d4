import type { WidgetLanguage } from '../protocol.ts';
import type { ChatMessage } from './messages.ts';

export interface Session {
  visitorToken: string;
  visitorId: string;
  verified: boolean;
  customerName: string | null;
  online: boolean;
  site: { name: string; greeting: string; colors: { primary: string } };
  openConversation: { id: string; status: string } | null;
}

export type ChatStatus = 'queued' | 'offered' | 'active' | 'wrap_up' | 'closed' | 'waiting_offline';

export interface Chat {
  id: string;
  status: ChatStatus;
  language: string;
  rating: number | null;
  /** The highest seq the agent has read ("Seen"). */
  agentReadSeq?: number;
  queuePosition: number | null;
  estimatedWaitSeconds: number | null;
  messages: ChatMessage[];
}

/** The server's error envelope; `message` is already in the visitor's language. status 0: no answer. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfter: string | null = null,
  ) {
    super(message);
  }
}

/** The widget API on the frame's own origin (the frame is served by Banyan). */
export function createApi(options: { language: () => WidgetLanguage; token: () => string | null }) {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { 'Accept-Language': options.language() };
    const token = options.token();
    if (token) headers.Authorization = `Visitor ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`/api/v1${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'NETWORK', '');
    }
    if (response.status === 204) return undefined as T;
    const json = (await response.json().catch(() => null)) as {
      error?: { code?: string; message?: string };
    } | null;
    if (!response.ok) {
      throw new ApiError(
        response.status,
        json?.error?.code ?? 'UNKNOWN',
        json?.error?.message ?? '',
        response.headers.get('Retry-After'),
      );
    }
    return json as T;
  }

  return {
    createSession: (body: {
      siteKey: string;
      visitorToken?: string;
      identityToken?: string;
      language: WidgetLanguage;
    }) => call<Session>('POST', '/widget/sessions', body),
    startChat: (body: {
      name: string;
      phone?: string;
      email?: string;
      topic?: string;
      language: WidgetLanguage;
    }) => call<{ id: string }>('POST', '/widget/conversations', body),
    getChat: (id: string, afterSeq = 0) =>
      call<Chat>('GET', `/widget/conversations/${encodeURIComponent(id)}?afterSeq=${afterSeq}`),
    postMessage: (id: string, body: { clientId: string; body: string }) =>
      call<{ message: ChatMessage; duplicate: boolean }>(
        'POST',
        `/widget/conversations/${encodeURIComponent(id)}/messages`,
        body,
      ),
    leave: (id: string) => call<void>('POST', `/widget/conversations/${encodeURIComponent(id)}/leave`),
    rate: (id: string, body: { rating: number; comment?: string }) =>
      call<void>('POST', `/widget/conversations/${encodeURIComponent(id)}/rating`, body),
  };
}
export type Api = ReturnType<typeof createApi>;
