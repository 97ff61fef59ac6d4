import {
  Box,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { ApiError } from '../../../app/api-client.ts';
import { BRAND_ICON } from '../../../app/sections.ts';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { LanguageSwitcher } from '../../../shared/language-switcher.tsx';
import { useLogin, useMe } from '../api.ts';

/** Only same-site paths are followed after sign-in, so a crafted link cannot send the user elsewhere. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const { data: me } = useMe();
  const login = useLogin();
  const [needsTotp, setNeedsTotp] = useState(false);
  const form = useForm({
    initialValues: { username: '', password: '', totp: '' },
    validate: {
      username: (value) => (value.trim() ? null : t('signIn.usernameRequired')),
      password: (value) => (value ? null : t('signIn.passwordRequired')),
      totp: (value) =>
        !needsTotp || /^\d{6}$|^[\w-]{8,}$/.test(value.trim()) ? null : t('signIn.totpInvalid'),
    },
  });

  useEffect(() => {
    document.title = `${t('signIn.title')} · ${t('shell.bankName')}`;
  }, [t]);

  useEffect(() => {
    if (login.error instanceof ApiError && login.error.code === 'AUTH_MFA_REQUIRED') setNeedsTotp(true);
  }, [login.error]);

  if (me) return <Navigate to={safeNext(params.get('next'))} replace />;

  // The first AUTH_MFA_REQUIRED is the server asking for the code, not a mistake to display.
  const isMfaPrompt = login.error instanceof ApiError && login.error.code === 'AUTH_MFA_REQUIRED';

  return (
    <Box mih="100vh" bg="var(--mantine-color-body)">
      <Group component="header" justify="space-between" p="md">
        <Group gap="xs">
          <BRAND_ICON size={26} aria-hidden />
          <Text fw={700} size="lg">
            {t('shell.bankName')}
          </Text>
        </Group>
        <LanguageSwitcher />
      </Group>
      <Center component="main" px="md" pt="xl">
        <Paper withBorder shadow="sm" p="xl" w={380} maw="100%">
          <form
            onSubmit={form.onSubmit(({ username, password, totp }) =>
              login.mutate({
                username: username.trim(),
                password,
                totp: needsTotp ? totp.trim() : undefined,
              }),
            )}
          >
            <Stack>
              <Title order={1} size="h3">
                {t('signIn.title')}
              </Title>
              {login.error && !isMfaPrompt && <ErrorAlert error={login.error} />}
              <TextInput
                label={t('signIn.username')}
                autoComplete="username"
                autoFocus
                {...form.getInputProps('username')}
              />
              <PasswordInput
                label={t('signIn.password')}
                autoComplete="current-password"
                {...form.getInputProps('password')}
              />
              {needsTotp && (
                <TextInput
                  label={t('signIn.totp')}
                  description={t('signIn.totpHelp')}
                  autoComplete="one-time-code"
                  inputMode="numeric"
                  autoFocus
                  {...form.getInputProps('totp')}
                />
              )}
              <Button type="submit" loading={login.isPending} fullWidth>
                {t('signIn.submit')}
              </Button>
            </Stack>
          </form>
        </Paper>
      </Center>
    </Box>
  );
}
