/** Server-side translation of user-facing messages (errors, notifications). */
export const LOCALES = ['en', 'zh-CN', 'vi'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Picks the best supported locale from an Accept-Language header. */
export function negotiateLocale(header: string | undefined, fallback: Locale = 'en'): Locale {
  if (!header) return fallback;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag === 'vi' || tag.startsWith('vi-')) return 'vi';
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return fallback;
}

export type Messages = Record<string, Record<Locale, string>>;

const catalog: Messages = {};

/** Modules register their messages once at import time; keys are error codes or `module.key`. */
export function defineMessages(messages: Messages): void {
  for (const [key, value] of Object.entries(messages)) {
    if (catalog[key]) throw new Error(`message ${key} defined twice`);
    catalog[key] = value;
  }
}

export function hasMessage(key: string): boolean {
  return key in catalog;
}

/** Translates `key`, filling `{name}` placeholders from params. */
export function translate(key: string, locale: Locale, params: Record<string, string | number> = {}): string {
  const entry = catalog[key];
  const template = entry ? entry[locale] || entry.en : key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
