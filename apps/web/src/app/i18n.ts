import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { messagesFor } from '../locales/catalog.ts';

export const LOCALES = ['en', 'zh-CN', 'vi'] as const;
export type Locale = (typeof LOCALES)[number];

/** Each language is named in itself, so a reader finds their own whatever the current UI language. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文', vi: 'Tiếng Việt' };

const STORAGE_KEY = 'banyan.locale';

export function isLocale(value: unknown): value is Locale {
  return LOCALES.includes(value as Locale);
}

function initialLocale(): Locale {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (isLocale(stored)) return stored;
  for (const tag of navigator.languages) {
    if (tag.toLowerCase().startsWith('zh')) return 'zh-CN';
    if (tag.toLowerCase().startsWith('vi')) return 'vi';
    if (tag.toLowerCase().startsWith('en')) return 'en';
  }
  return 'en';
}

/** Switches the UI language and remembers it on this device (the signed-in user's choice also lives on the server). */
export async function applyLocale(locale: Locale): Promise<void> {
  localStorage.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
}

export async function initI18n(): Promise<void> {
  const lng = initialLocale();
  document.documentElement.lang = lng;
  await i18n.use(initReactI18next).init({
    resources: {
      en: { translation: messagesFor('en') },
      'zh-CN': { translation: messagesFor('zh-CN') },
      vi: { translation: messagesFor('vi') },
    },
    lng,
    fallbackLng: 'en',
    supportedLngs: [...LOCALES],
    interpolation: { escapeValue: false },
  });
}
