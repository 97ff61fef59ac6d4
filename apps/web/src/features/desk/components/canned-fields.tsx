import { Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LOCALE_NAMES, LOCALES } from '../../../app/i18n.ts';

/**
 * The fields of a canned response — shortcut, title, and its text in each language — shared by the
 * desk's personal responses and Admin's team and bank-wide ones. `inputProps` is the form's
 * `getInputProps`; `help` explains the variables.
 */
export function CannedFields(props: { inputProps: (field: string) => object; help: string }) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput
        label={t('desk.canned.shortcut')}
        description={t('desk.canned.shortcutHelp')}
        leftSection={<Text size="sm">/</Text>}
        maxLength={32}
        {...props.inputProps('shortcut')}
      />
      <TextInput label={t('desk.canned.title')} maxLength={120} {...props.inputProps('title')} />
      <Text size="xs" c="dimmed">
        {props.help}
      </Text>
      {LOCALES.map((locale) => (
        <Textarea
          key={locale}
          label={t('desk.canned.bodyIn', { language: LOCALE_NAMES[locale] })}
          lang={locale}
          autosize
          minRows={2}
          maxRows={6}
          maxLength={4000}
          {...props.inputProps(locale)}
        />
      ))}
    </>
  );
}
