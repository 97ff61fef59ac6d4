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
const controller = createChatController({
  api: createApi({ language: () => language, token: () => session?.visitorToken ?? null }),
  store: storage(),
  siteKey,
  language,
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
    controller.setVisible(event.data.open === true);
    if (event.data.open) document.querySelector<HTMLElement>('input, textarea, button')?.focus();
  }
});
// Opened without a host page (a direct link): it is visible.
if (!host) controller.setVisible(true);

const root = document.getElementById('app');
if (root) render(<Root />, root);
void controller.start();
