import type { WidgetLanguage } from '../protocol.ts';
import type { Attachment } from './attachments.ts';
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

/** The post-chat survey configured by the bank, worded in the chat's language. */
export interface InlineSurvey {
  survey: {
    kind: string;
    questions: { id: string; type: string; min: number | null; max: number | null; text: string }[];
  } | null;
  answered: boolean;
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
  function authHeaders(): Record<string, string> {
    const headers: Record<string, string> = { 'Accept-Language': options.language() };
    const token = options.token();
    if (token) headers.Authorization = `Visitor ${token}`;
    return headers;
  }

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers = authHeaders();
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
    /** Sends a file's bytes (XHR, for upload progress); idempotent by clientId like a message. */
    uploadAttachment: (
      id: string,
      upload: { clientId: string; name: string; file: Blob },
      onProgress: (fraction: number) => void,
    ) =>
      new Promise<{ message: ChatMessage; duplicate: boolean }>((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        const query = new URLSearchParams({ name: upload.name, clientId: upload.clientId });
        xhr.open('POST', `/api/v1/widget/conversations/${encodeURIComponent(id)}/attachments?${query}`);
        for (const [name, value] of Object.entries(authHeaders())) xhr.setRequestHeader(name, value);
        xhr.setRequestHeader('Content-Type', upload.file.type || 'application/octet-stream');
        xhr.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
        xhr.onerror = () => reject(new ApiError(0, 'NETWORK', ''));
        xhr.onload = () => {
          let json: { error?: { code?: string; message?: string } } | null = null;
          try {
            json = JSON.parse(xhr.responseText);
          } catch {
            // Not JSON (a proxy's error page): the status speaks.
          }
          if (xhr.status >= 200 && xhr.status < 300) resolve(json as never);
          else
            reject(
              new ApiError(
                xhr.status,
                json?.error?.code ?? 'UNKNOWN',
                json?.error?.message ?? '',
                xhr.getResponseHeader('Retry-After'),
              ),
            );
        };
        xhr.send(upload.file);
      }),
    /** A file of the conversation as a Blob (the token is a header, so no plain link can fetch it). */
    fetchAttachment: async (id: string, attachment: Pick<Attachment, 'id'>): Promise<Blob> => {
      let response: Response;
      try {
        response = await fetch(
          `/api/v1/widget/conversations/${encodeURIComponent(id)}/attachments/${encodeURIComponent(attachment.id)}`,
          { headers: authHeaders() },
        );
      } catch {
        throw new ApiError(0, 'NETWORK', '');
      }
      if (!response.ok) throw new ApiError(response.status, 'UNKNOWN', '');
      return response.blob();
    },
    rate: (id: string, body: { rating: number; comment?: string }) =>
      call<void>('POST', `/widget/conversations/${encodeURIComponent(id)}/rating`, body),
    transcriptAddress: (id: string) =>
      call<{ email: string | null }>('GET', `/widget/conversations/${encodeURIComponent(id)}/transcript`),
    emailTranscript: (id: string, to: string) =>
      call<{ notificationId: string; duplicate: boolean }>(
        'POST',
        `/widget/conversations/${encodeURIComponent(id)}/transcript`,
        { to },
      ),
    survey: (id: string) =>
      call<InlineSurvey>('GET', `/widget/conversations/${encodeURIComponent(id)}/survey`),
    answerSurvey: (id: string, answers: Record<string, number | string>) =>
      call<unknown>('POST', `/widget/conversations/${encodeURIComponent(id)}/survey`, { answers }),
  };
}
export type Api = ReturnType<typeof createApi>;
