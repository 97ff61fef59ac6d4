/**
 * The few messages the host page (loader) and the chat frame exchange with postMessage. Nothing
 * else crosses the boundary: no message text, and only one token, host to frame — the identity
 * token the bank's own server signed for Banyan (posted to Banyan's origin only). Both sides check
 * origin and source.
 */
export type HostToFrame =
  | { type: 'banyan:visibility'; open: boolean }
  | { type: 'banyan:identity'; token: string };
export type FrameToHost =
  | { type: 'banyan:close' }
  | { type: 'banyan:unread'; count: number }
  | { type: 'banyan:theme'; color: string };

export type WidgetLanguage = 'en' | 'zh-CN' | 'vi';

/** `document.documentElement.lang` (any BCP 47 tag) to one of the three languages Banyan speaks. */
export function toWidgetLanguage(tag: string | null | undefined): WidgetLanguage {
  const lower = (tag ?? '').toLowerCase();
  if (lower.startsWith('zh')) return 'zh-CN';
  if (lower.startsWith('vi')) return 'vi';
  return 'en';
}

/** A CSS colour we are willing to paint the launcher with (the site's config, but still checked). */
export function isSafeColor(value: unknown): value is string {
  return typeof value === 'string' && /^#[0-9a-f]{3,8}$/i.test(value);
}
