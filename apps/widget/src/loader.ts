/**
 * The host-page script: `<script src="https://BANYAN/widget.js" data-site="demo-bank" async>`.
 * It draws only a launcher button; the chat itself runs in an iframe on Banyan's origin, so the
 * bank's page and the chat cannot read each other (Chatwoot's SDK does the same).
 *
 * A signed-in customer: the bank's server signs an identity token with the site's identity secret
 * and the page passes it as `data-identity-token="…"` on the script tag, or later with
 * `Banyan('identify', token)` (calls made before this script loaded are queued in `Banyan.q`, as
 * with the usual snippet). The token goes to the frame by postMessage, to Banyan's origin only,
 * never in a URL; the server links the chat only when the signature and expiry check out.
 */
import { type FrameToHost, type HostToFrame, isSafeColor, toWidgetLanguage } from './protocol.ts';

const labels = {
  en: ['Chat with us', 'Close chat', 'unread'],
  'zh-CN': ['在线咨询', '关闭聊天', '条未读'],
  vi: ['Chat với chúng tôi', 'Đóng chat', 'chưa đọc'],
} as const;

(() => {
  const script =
    (document.currentScript as HTMLScriptElement | null) ??
    document.querySelector<HTMLScriptElement>('script[data-site][src*="widget.js"]');
  const site = script?.dataset.site;
  if (!script || !site || document.getElementById('banyan-launcher')) return;
  const origin = new URL(script.src, location.href).origin;
  const language = toWidgetLanguage(document.documentElement.lang);
  const [openLabel, closeLabel, unreadLabel] = labels[language];
  const stateKey = `banyan-widget-open:${site}`;
  let identity = script.dataset.identityToken || '';

  const button = document.createElement('button');
  button.id = 'banyan-launcher';
  button.type = 'button';
  button.setAttribute('aria-label', openLabel);
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', 'banyan-frame');
  button.style.cssText =
    'position:fixed;right:20px;bottom:20px;z-index:2147483000;width:56px;height:56px;border-radius:50%;border:0;' +
    'background:#0b6e4f;color:#fff;cursor:pointer;box-shadow:0 4px 12px rgba(0,0,0,.25);padding:0';
  button.innerHTML =
    '<svg width="28" height="28" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z"/></svg>';
  const badge = document.createElement('span');
  badge.style.cssText =
    'position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;border-radius:10px;background:#c62828;color:#fff;' +
    'font:600 12px/20px system-ui,sans-serif;padding:0 5px;display:none';
  button.appendChild(badge);

  let frame: HTMLIFrameElement | null = null;
  let isLoaded = false;
  let isOpen = false;

  function post(message: HostToFrame): void {
    // Before its load event the frame is still about:blank (our own origin): wait for it.
    if (isLoaded) frame?.contentWindow?.postMessage(message, origin);
  }

  function setOpen(open: boolean): void {
    isOpen = open;
    if (open && !frame) {
      frame = document.createElement('iframe');
      frame.id = 'banyan-frame';
      frame.title = openLabel;
      // `identity=1` tells the frame to wait for the token (sent after load), not the token itself.
      frame.src = `${origin}/widget/frame.html?${new URLSearchParams({ site: site as string, lang: language, host: location.origin, ...(identity ? { identity: '1' } : {}) })}`;
      frame.allow = 'clipboard-write';
      frame.style.cssText =
        'position:fixed;right:20px;bottom:88px;z-index:2147483000;width:380px;height:600px;max-width:calc(100vw - 40px);' +
        'max-height:calc(100vh - 108px);border:0;border-radius:12px;box-shadow:0 8px 24px rgba(0,0,0,.25);background:#fff';
      frame.addEventListener('load', () => {
        isLoaded = true;
        if (identity) post({ type: 'banyan:identity', token: identity });
        post({ type: 'banyan:visibility', open: isOpen });
      });
      document.body.appendChild(frame);
    }
    if (frame) frame.style.display = open ? 'block' : 'none';
    button.setAttribute('aria-expanded', String(open));
    button.setAttribute('aria-label', open ? closeLabel : openLabel);
    post({ type: 'banyan:visibility', open });
    if (open) frame?.focus();
    try {
      sessionStorage.setItem(stateKey, open ? '1' : '');
    } catch {
      // sessionStorage blocked: the chat just does not reopen itself after a reload.
    }
  }

  button.addEventListener('click', () => setOpen(!isOpen));

  const api = window as unknown as {
    Banyan?: ((command: string, value?: unknown) => void) & { q?: unknown[][] };
  };
  const queued = api.Banyan?.q ?? [];
  api.Banyan = (command, value) => {
    if (command === 'identify' && typeof value === 'string' && value && value !== identity) {
      identity = value;
      post({ type: 'banyan:identity', token: value });
    }
  };
  for (const call of queued) api.Banyan(call[0] as string, call[1]);

  addEventListener('message', (event: MessageEvent<FrameToHost>) => {
    if (event.origin !== origin || !frame || event.source !== frame.contentWindow) return;
    const data = event.data;
    if (data?.type === 'banyan:close') {
      setOpen(false);
      button.focus();
    } else if (data?.type === 'banyan:unread') {
      const count = Math.max(0, Math.floor(Number(data.count)) || 0);
      badge.textContent = count > 9 ? '9+' : String(count);
      badge.style.display = count ? 'block' : 'none';
      button.setAttribute(
        'aria-label',
        `${isOpen ? closeLabel : openLabel}${count ? ` (${count} ${unreadLabel})` : ''}`,
      );
    } else if (data?.type === 'banyan:theme' && isSafeColor(data.color)) {
      button.style.background = data.color;
    }
  });

  const mount = () => {
    document.body.appendChild(button);
    let reopen = false;
    try {
      reopen = sessionStorage.getItem(stateKey) === '1';
    } catch {}
    if (reopen) setOpen(true);
  };
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
