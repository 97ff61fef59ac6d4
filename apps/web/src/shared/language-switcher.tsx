import { Button, Menu } from '@mantine/core';
import { IconCheck, IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { applyLocale, isLocale, LOCALE_NAMES, LOCALES, type Locale } from '../app/i18n.ts';

/** Switches the UI language at once; `onChange` lets the shell also save it as the user's preference. */
export function LanguageSwitcher({ onChange }: { onChange?: (locale: Locale) => void }) {
  const { t, i18n } = useTranslation();
  const current = isLocale(i18n.language) ? i18n.language : 'en';
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          leftSection={<IconLanguage size={18} aria-hidden />}
          aria-label={t('language.switch', { current: LOCALE_NAMES[current] })}
        >
          {LOCALE_NAMES[current]}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {LOCALES.map((locale) => (
          <Menu.Item
            key={locale}
            lang={locale}
            rightSection={locale === current ? <IconCheck size={14} aria-hidden /> : null}
            onClick={() => {
              void applyLocale(locale);
              onChange?.(locale);
            }}
          >
            {LOCALE_NAMES[locale]}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
