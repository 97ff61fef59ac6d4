import { Alert, Box, Button, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { applyLocale, isLocale, LOCALE_NAMES, LOCALES } from '../../../app/i18n.ts';
import { errorMessage } from '../../../shared/notify.ts';

/** Three big language buttons, each labelled in its own language (customer-facing screens). */
export function BigLanguagePicker() {
  const { i18n } = useTranslation();
  const current = isLocale(i18n.language) ? i18n.language : 'en';
  return (
    <Group gap="sm">
      {LOCALES.map((locale) => (
        <Button
          key={locale}
          size="lg"
          lang={locale}
          variant={locale === current ? 'filled' : 'default'}
          aria-pressed={locale === current}
          onClick={() => void applyLocale(locale)}
        >
          {LOCALE_NAMES[locale]}
        </Button>
      ))}
    </Group>
  );
}

/** A device page's states before it can work: no token, loading, or the server's error. */
export function DeviceGate({
  token,
  isPending,
  error,
  children,
}: {
  token: string | null;
  isPending: boolean;
  error: unknown;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  if (!token)
    return (
      <Center h="100vh" component="main">
        <Alert color="yellow" title={t('branch.device.unregisteredTitle')} role="alert" maw={560}>
          {t('branch.device.unregistered')}
        </Alert>
      </Center>
    );
  if (error)
    return (
      <Center h="100vh" component="main">
        <Alert color="red" title={t('branch.device.errorTitle')} role="alert" maw={560}>
          {errorMessage(error)}
        </Alert>
      </Center>
    );
  if (isPending)
    return (
      <Center h="100vh" component="main">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  return <>{children}</>;
}

export function DeviceHeader({
  title,
  subtitle,
  right,
}: {
  title: string;
  subtitle?: string;
  right?: ReactNode;
}) {
  return (
    <Box component="header" px="xl" py="md" bg="blue.8" c="white">
      <Group justify="space-between">
        <Stack gap={0}>
          <Title order={1} size="h2">
            {title}
          </Title>
          {subtitle && <Text size="lg">{subtitle}</Text>}
        </Stack>
        {right}
      </Group>
    </Box>
  );
}
