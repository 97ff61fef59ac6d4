import { Card, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { useId } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { Me, Theme } from '../../../app/contracts.ts';
import { applyLocale, isLocale, LOCALE_NAMES, LOCALES } from '../../../app/i18n.ts';
import { useUpdatePreferences } from '../api.ts';

const THEMES: Theme[] = ['light', 'dark', 'auto'];

export function PreferencesCard({ me }: { me: Me }) {
  const { t } = useTranslation();
  const themeLabelId = useId();
  const updatePreferences = useUpdatePreferences();
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        {t('account.preferences')}
      </Title>
      <Stack>
        <Select
          label={t('account.language')}
          data={LOCALES.map((locale) => ({ value: locale, label: LOCALE_NAMES[locale] }))}
          value={me.locale}
          allowDeselect={false}
          onChange={(value) => {
            if (!isLocale(value)) return;
            void applyLocale(value);
            updatePreferences.mutate({ locale: value });
          }}
        />
        <div>
          <Text id={themeLabelId} size="sm" fw={500} mb={4}>
            {t('account.theme')}
          </Text>
          <SegmentedControl
            aria-labelledby={themeLabelId}
            value={me.theme}
            onChange={(value) => updatePreferences.mutate({ theme: value as Theme })}
            data={THEMES.map((theme) => ({ value: theme, label: t(`account.themes.${theme}`) }))}
          />
        </div>
      </Stack>
    </Card>
  );
}
