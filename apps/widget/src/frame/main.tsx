import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { type FrameToHost, type HostToFrame, isSafeColor, toWidgetLanguage } from '../protocol.ts';
import { createApi } from './api.ts';
import { App } from './app.tsx';
import { type ChatState, createChatController } from './chat.ts';
import type { KeyValueStore } from './outbox.ts';
import './styles.css';

const params = new URLSearchParams(location.search);
const siteKey = params.get('site') ?? '';
const language = toWidgetLanguage(params.get('lang'));
// The embedding page's origin, given by the loader: the only target and source we talk to.
const host = (() => {
  try {
    const origin = new URL(params.get('host') ?? '').origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
})();

function toHost(message: FrameToHost): void {
  if (host && window.parent !== window) window.parent.postMessage(message, host);
}

/**
 * localStorage when the browser gives it to a framed page; otherwise (third-party storage blocked,
 * when Banyan is on another site than the bank's page) memory: the chat works, a reload starts over.
 */
function storage(): KeyValueStore {
  try {
    localStorage.setItem('banyan:probe', '1');
    localStorage.removeItem('banyan:probe');
    return localStorage;
  } catch {
    const memory = new Map<string, string>();
    return {
      getItem: (key) => memory.get(key) ?? null,
      setItem: (key, value) => void memory.set(key, value),
      removeItem: (key) => void memory.delete(key),
    };
  }
}

let session: ChatState['session'] = null;
// The bank's page has a signed-in customer (the loader says so in the URL, never the token itself):
// the token follows by postMessage, and the session waits for it (a little) so the chat is linked.
const expectsIdentity = params.get('identity') === '1';
const IDENTITY_WAIT_MS = 3000;
let identityToken: string | null = null;
let identityArrived: (() => void) | null = null;
let hostOpen = !host;
const controller = createChatController({
  api: createApi({ language: () => language, token: () => session?.visitorToken ?? null }),
  store: storage(),
  siteKey,
  language,
  identityToken: () => identityToken,
  isPageVisible: () => document.visibilityState === 'visible',
  onChange: (state) => {
    for (const listener of listeners) listener(state);
  },
});
const listeners = new Set<(state: ChatState) => void>();

const close = () => toHost({ type: 'banyan:close' });

function Root() {
  const [state, setState] = useState(controller.state);
  useEffect(() => {
    listeners.add(setState);
    return () => void listeners.delete(setState);
  }, []);
  return <App controller={controller} state={state} language={language} onClose={close} />;
}

let lastUnread = -1;
let lastColor = '';
listeners.add((state) => {
  session = state.session;
  if (state.unread !== lastUnread) {
    lastUnread = state.unread;
    toHost({ type: 'banyan:unread', count: state.unread });
  }
  const color = state.session?.site.colors.primary;
  if (isSafeColor(color) && color !== lastColor) {
    lastColor = color;
    document.documentElement.style.setProperty('--primary', color);
    toHost({ type: 'banyan:theme', color });
  }
});

addEventListener('message', (event: MessageEvent<HostToFrame>) => {
  if (!host || event.origin !== host || event.source !== window.parent) return;
  if (event.data?.type === 'banyan:visibility') {
    hostOpen = event.data.open === true;
    controller.setVisible(hostOpen);
    if (event.data.open) document.querySelector<HTMLElement>('input, textarea, button')?.focus();
  } else if (event.data?.type === 'banyan:identity' && typeof event.data.token === 'string') {
    const isNew = event.data.token !== identityToken;
    identityToken = event.data.token.slice(0, 2000);
    if (identityArrived) identityArrived();
    else if (isNew) void controller.identify();
  }
});
// Read receipts only while the customer can actually see the chat.
document.addEventListener('visibilitychange', () => controller.setVisible(hostOpen));
// Opened without a host page (a direct link): it is visible.
if (!host) controller.setVisible(true);

const root = document.getElementById('app');
if (root) render(<Root />, root);
if (expectsIdentity && !identityToken) {
  void new Promise<void>((resolve) => {
    identityArrived = resolve;
    setTimeout(resolve, IDENTITY_WAIT_MS);
  }).then(() => {
    identityArrived = null;
    return controller.start();
  });
} else void controller.start();
