import type { WidgetLanguage } from '../protocol.ts';
import { type Api, ApiError, type ChatStatus, type Session } from './api.ts';
import { type Attachment, checkFile, type Upload } from './attachments.ts';
import { backoffDelay, retryAfterMs } from './backoff.ts';
import type { MessageKey } from './i18n.ts';
import { createTypingSender, readMarkToSend } from './live.ts';
import { type ChatMessage, countUnread, lastSeq, mergeMessages } from './messages.ts';
import { createOutbox, type KeyValueStore, type Outbox, type OutboxItem } from './outbox.ts';

export const MAX_MESSAGE_LENGTH = 10_000;
const QUEUE_POLL_MS = 15_000;

export interface ChatState {
  phase: 'loading' | 'form' | 'chat' | 'error';
  error: string | null;
  session: Session | null;
  conversationId: string | null;
  status: ChatStatus | null;
  messages: ChatMessage[];
  outbox: OutboxItem[];
  /** clientIds whose last send attempt failed and will be retried. */
  retrying: string[];
  /** Files being sent, or whose sending failed (shown with Retry and Remove). */
  uploads: Upload[];
  queuePosition: number | null;
  estimatedWaitSeconds: number | null;
  connected: boolean;
  /** Seq after which "an agent has joined" is shown (seen live, not stored by the server). */
  joinedAfterSeq: number | null;
  rated: boolean;
  unread: number;
  /** The agent is typing a reply (ephemeral; cleared by a stop, a reply or a time-out). */
  agentTyping: boolean;
  /** The highest seq the agent has read ("Seen"). */
  agentReadSeq: number;
}

const initial: ChatState = {
  phase: 'loading',
  error: null,
  session: null,
  conversationId: null,
  status: null,
  messages: [],
  outbox: [],
  retrying: [],
  uploads: [],
  queuePosition: null,
  estimatedWaitSeconds: null,
  connected: false,
  joinedAfterSeq: null,
  rated: false,
  unread: 0,
  agentTyping: false,
  agentReadSeq: 0,
};

/**
 * Everything the chat frame does that is not drawing: session, conversation, WebSocket with
 * resume, the outbox and its retries. The view calls the verbs and renders `state`.
 */
export function createChatController(deps: {
  api: Api;
  store: KeyValueStore;
  siteKey: string;
  language: WidgetLanguage;
  onChange: (state: ChatState) => void;
  /** The identity token the bank's page handed over (loader), if any: links the chat to the customer. */
  identityToken?: () => string | null;
  /** Whether the page is in the foreground (read receipts are sent only then). */
  isPageVisible?: () => boolean;
}) {
  const { api, store, siteKey } = deps;
  const tokenKey = `banyan:${siteKey}:visitor`;
  const conversationKey = `banyan:${siteKey}:conversation`;
  let state = initial;
  let outbox: Outbox | null = null;
  let socket: WebSocket | null = null;
  let socketAttempt = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let pollTimer: ReturnType<typeof setInterval> | undefined;
  let flushing = false;
  let wake: (() => void) | null = null;
  let visible = false;
  let seenSeq = 0;
  let readReported = 0;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  const typingSender = createTypingSender({ send: (typing) => sendOnSocket({ type: 'typing', typing }) });

  function sendOnSocket(message: unknown): boolean {
    if (!socket || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify(message));
    return true;
  }

  /** Tells the agent the customer has seen everything shown, while the chat is open and in view. */
  function reportRead(): void {
    const isVisible = visible && state.phase === 'chat' && (deps.isPageVisible?.() ?? true);
    const seq = readMarkToSend(state.messages, readReported, isVisible);
    if (seq !== null && sendOnSocket({ type: 'read', seq })) readReported = seq;
  }

  const read = (key: string) => {
    try {
      return store.getItem(key);
    } catch {
      return null;
    }
  };
  const write = (key: string, value: string | null) => {
    try {
      if (value === null) store.removeItem(key);
      else store.setItem(key, value);
    } catch {
      // Storage blocked: the chat still works for this page, it just will not resume after a reload.
    }
  };

  function set(patch: Partial<ChatState>): void {
    state = { ...state, ...patch };
    if (visible) seenSeq = lastSeq(state.messages);
    const unread = countUnread(state.messages, seenSeq);
    if (unread !== state.unread) state = { ...state, unread };
    deps.onChange(state);
    reportRead();
  }

  function receive(messages: ChatMessage[]): void {
    const merged = mergeMessages(state.messages, messages);
    if (merged !== state.messages) set({ messages: merged });
  }

  function changeStatus(status: ChatStatus): void {
    if (status === state.status) return;
    const joined = status === 'active' && state.status !== null && state.status !== 'active';
    set({ status, ...(joined ? { joinedAfterSeq: lastSeq(state.messages) } : {}) });
    if (status === 'active') set({ queuePosition: null, estimatedWaitSeconds: null });
    if (status === 'closed') {
      // Nothing more can be sent: whatever is left is shown as not sent rather than retried forever.
      for (const item of outbox?.pending() ?? []) outbox?.fail(item.clientId, '');
      set({ outbox: outbox?.list() ?? [] });
    }
  }

  function fail(error: unknown): void {
    const message = error instanceof ApiError ? error.message : '';
    set({ phase: 'error', error: message || null });
  }

  async function start(): Promise<void> {
    stopConnection();
    outbox = null;
    set({ ...initial, phase: 'loading' });
    try {
      const identityToken = deps.identityToken?.() ?? undefined;
      const session = await api.createSession({
        siteKey,
        visitorToken: read(tokenKey) ?? undefined,
        language: deps.language,
        ...(identityToken ? { identityToken } : {}),
      });
      write(tokenKey, session.visitorToken);
      set({ session });
      const id = session.openConversation?.id ?? read(conversationKey);
      if (id && (await open(id))) return;
      write(conversationKey, null);
      set({ phase: 'form' });
    } catch (error) {
      fail(error);
    }
  }

  /** Shows a stored conversation; false when it is gone or finished and rated (then a new form). */
  async function open(id: string): Promise<boolean> {
    let chat: Awaited<ReturnType<Api['getChat']>>;
    try {
      chat = await api.getChat(id);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 401 || error.status === 403))
        return false;
      throw error;
    }
    if (chat.status === 'closed' && chat.rating !== null) {
      createOutbox(store, id).clear();
      return false;
    }
    write(conversationKey, id);
    outbox = createOutbox(store, id);
    set({
      phase: 'chat',
      conversationId: id,
      status: chat.status,
      messages: mergeMessages([], chat.messages),
      outbox: outbox.list(),
      queuePosition: chat.queuePosition,
      estimatedWaitSeconds: chat.estimatedWaitSeconds,
      rated: chat.rating !== null,
      agentReadSeq: chat.agentReadSeq ?? 0,
    });
    connect();
    startPolling();
    void flush();
    return true;
  }

  function connect(): void {
    clearTimeout(reconnectTimer);
    if (!state.conversationId || !state.session || socket) return;
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const query = new URLSearchParams({
      token: state.session.visitorToken,
      conversationId: state.conversationId,
      since: String(lastSeq(state.messages)),
    });
    const ws = new WebSocket(`${scheme}://${location.host}/api/v1/widget/realtime?${query}`);
    socket = ws;
    readReported = 0;
    ws.onmessage = (event) => {
      let data: {
        type?: string;
        message?: ChatMessage;
        status?: ChatStatus;
        seq?: number;
        typing?: boolean;
        ttlMs?: number;
        agentReadSeq?: number;
      };
      try {
        data = JSON.parse(String(event.data));
      } catch {
        return;
      }
      if (data.type === 'message' && data.message) {
        if (data.message.authorType === 'agent') showTyping(false);
        receive([data.message]);
      } else if (data.type === 'typing') showTyping(data.typing === true, data.ttlMs);
      else if (data.type === 'read' && typeof data.seq === 'number') seenByAgent(data.seq);
      else if ((data.type === 'status' || data.type === 'ready') && data.status) changeStatus(data.status);
      if (data.type === 'ready') {
        socketAttempt = 0;
        if (typeof data.agentReadSeq === 'number') seenByAgent(data.agentReadSeq);
        set({ connected: true });
        void flush();
      }
    };
    ws.onclose = (event) => {
      if (socket !== ws) return;
      socket = null;
      set({ connected: false });
      if (event.code === 4401) {
        // The visitor token is no longer accepted: a new session (same stored conversation if ours).
        void start();
        return;
      }
      if (state.rated) return;
      reconnectTimer = setTimeout(connect, backoffDelay(socketAttempt++));
    };
  }

  function showTyping(typing: boolean, ttlMs = 6000): void {
    clearTimeout(typingTimer);
    // A lost "stopped" (closed tab, dropped socket) must not leave the indicator on forever.
    if (typing) typingTimer = setTimeout(() => set({ agentTyping: false }), Math.min(ttlMs, 30_000));
    if (typing !== state.agentTyping) set({ agentTyping: typing });
  }

  function seenByAgent(seq: number): void {
    if (seq > state.agentReadSeq) set({ agentReadSeq: seq });
  }

  function startPolling(): void {
    clearInterval(pollTimer);
    // Queue position is not pushed; and while the socket is down, polling still shows replies.
    pollTimer = setInterval(() => {
      const waiting = state.status === 'queued' || state.status === 'offered';
      if (!state.conversationId || (!waiting && state.connected)) return;
      void api
        .getChat(state.conversationId, lastSeq(state.messages))
        .then((chat) => {
          receive(chat.messages);
          if (typeof chat.agentReadSeq === 'number') seenByAgent(chat.agentReadSeq);
          changeStatus(chat.status);
          set({ queuePosition: chat.queuePosition, estimatedWaitSeconds: chat.estimatedWaitSeconds });
        })
        .catch(() => undefined);
    }, QUEUE_POLL_MS);
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });
  }

  /** Sends the outbox oldest first, one at a time (so order is kept), until it is empty. */
  async function flush(): Promise<void> {
    if (flushing || !outbox || !state.conversationId) return;
    flushing = true;
    const conversationId = state.conversationId;
    const box = outbox;
    let attempt = 0;
    try {
      for (let item = box.pending()[0]; item && outbox === box; item = box.pending()[0]) {
        try {
          const { message } = await api.postMessage(conversationId, {
            clientId: item.clientId,
            body: item.body,
          });
          // Acknowledged (201, or 200 for a retry of a message that had arrived): only now forget it.
          box.remove(item.clientId);
          attempt = 0;
          set({ outbox: box.list(), retrying: state.retrying.filter((id) => id !== item?.clientId) });
          receive([message]);
        } catch (error) {
          const status = error instanceof ApiError ? error.status : 0;
          if (status === 401) {
            void start();
            return;
          }
          if (status === 400 || status === 404 || status === 409 || status === 403) {
            box.fail(item.clientId, error instanceof ApiError ? error.message : '');
            set({ outbox: box.list() });
            if (status === 409) changeStatus('closed');
            continue;
          }
          // No answer, 429 or 5xx: the message may or may not have arrived; the same clientId makes
          // the retry safe either way.
          set({ retrying: [...new Set([...state.retrying, item.clientId])] });
          const hinted = error instanceof ApiError ? retryAfterMs(error.retryAfter) : null;
          await sleep(hinted ?? backoffDelay(attempt++));
        }
      }
    } finally {
      flushing = false;
    }
  }

  function patchUpload(clientId: string, patch: Partial<Upload> | null): void {
    set({
      uploads:
        patch === null
          ? state.uploads.filter((u) => u.clientId !== clientId)
          : state.uploads.map((u) => (u.clientId === clientId ? { ...u, ...patch } : u)),
    });
  }

  /** Sends a file now (files are not queued offline); the same clientId makes a retry safe. */
  async function sendUpload(upload: Upload): Promise<void> {
    const conversationId = state.conversationId;
    if (!conversationId) return;
    patchUpload(upload.clientId, { progress: 0, error: undefined, errorKey: undefined });
    try {
      const { message } = await api.uploadAttachment(conversationId, upload, (progress) =>
        patchUpload(upload.clientId, { progress }),
      );
      receive([message]);
      patchUpload(upload.clientId, null);
    } catch (error) {
      const status = error instanceof ApiError ? error.status : 0;
      if (status === 401) {
        void start();
        return;
      }
      if (status === 409) changeStatus('closed');
      const message = error instanceof ApiError ? error.message : '';
      patchUpload(upload.clientId, {
        error: message,
        errorKey: message ? undefined : status === 0 ? 'file.offline' : 'error.generic',
        // Refused (type, size, closed chat) stays refused; no answer, 429 or 5xx may pass later.
        canRetry: status === 0 || status === 429 || status >= 500,
      });
    }
  }

  function onOnline(): void {
    wake?.();
    if (!socket) connect();
  }
  addEventListener('online', onOnline);

  return {
    get state() {
      return state;
    },
    start,
    async startChat(form: {
      name: string;
      phone?: string;
      email?: string;
      topic?: string;
      language: WidgetLanguage;
      message?: string;
    }) {
      const { message, ...body } = form;
      const { id } = await api.startChat(body);
      if (!(await open(id))) throw new ApiError(404, 'CONVERSATION_NOT_FOUND', '');
      if (message?.trim()) this.send(message);
    },
    /** Queues a message; returns false when it is too long to ever be accepted. */
    send(body: string): boolean {
      if (!outbox || body.trim() === '') return false;
      if (body.length > MAX_MESSAGE_LENGTH) return false;
      typingSender.stop();
      outbox.add({ clientId: crypto.randomUUID(), body, createdAt: new Date().toISOString() });
      set({ outbox: outbox.list() });
      void flush();
      return true;
    },
    /** Sends a file; returns why it cannot be sent (type, size, offline), or null when it goes. */
    sendFile(file: File): MessageKey | null {
      const refused = checkFile(file, navigator.onLine);
      if (refused || !state.conversationId) return refused;
      const upload: Upload = { clientId: crypto.randomUUID(), file, name: file.name, progress: 0 };
      set({ uploads: [...state.uploads, upload] });
      void sendUpload(upload);
      return null;
    },
    retryUpload(clientId: string) {
      const upload = state.uploads.find((u) => u.clientId === clientId);
      if (upload) void sendUpload(upload);
    },
    discardUpload(clientId: string) {
      patchUpload(clientId, null);
    },
    /** A file of this chat as a Blob, for a thumbnail or a download. */
    fetchAttachment(attachment: Attachment): Promise<Blob> {
      return api.fetchAttachment(state.conversationId ?? '', attachment);
    },
    discard(clientId: string) {
      if (!outbox) return;
      set({ outbox: outbox.remove(clientId) });
    },
    async leave() {
      if (!state.conversationId) return;
      await api.leave(state.conversationId);
      changeStatus('closed');
    },
    async rate(rating: number, comment: string) {
      if (!state.conversationId) return;
      await api.rate(state.conversationId, {
        rating,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      set({ rated: true });
    },
    /** The address the transcript would go to: the form's, else the known customer's. */
    async transcriptAddress(): Promise<string | null> {
      if (!state.conversationId) return null;
      return (await api.transcriptAddress(state.conversationId)).email;
    },
    /** Emails the finished chat's transcript (once per address: asking again is not a second mail). */
    async emailTranscript(to: string) {
      if (!state.conversationId) return;
      await api.emailTranscript(state.conversationId, to);
    },
    /** The bank's post-chat survey (null: none configured, keep the 1–5 rating). */
    async survey() {
      if (!state.conversationId) return { survey: null, answered: false };
      return api.survey(state.conversationId);
    },
    async answerSurvey(answers: Record<string, number | string>) {
      if (!state.conversationId) return;
      await api.answerSurvey(state.conversationId, answers);
      set({ rated: true });
    },
    /** After the rating: forget the finished chat and show the form again. */
    async newChat() {
      outbox?.clear();
      outbox = null;
      write(conversationKey, null);
      stopConnection();
      await start();
    },
    setVisible(isVisible: boolean) {
      visible = isVisible;
      set({});
    },
    /** A keystroke in the composer: the agent sees "Customer is typing…" (throttled). */
    typing() {
      if (state.status === 'active') typingSender.input();
    },
    /** The bank's page signed the customer in: a new session that links the chat to them. */
    async identify() {
      await start();
    },
    dispose() {
      stopConnection();
      removeEventListener('online', onOnline);
    },
  };

  function stopConnection(): void {
    typingSender.stop();
    clearTimeout(typingTimer);
    clearTimeout(reconnectTimer);
    clearInterval(pollTimer);
    const ws = socket;
    socket = null;
    ws?.close();
  }
}
export type ChatController = ReturnType<typeof createChatController>;
