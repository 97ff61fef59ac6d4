import { Alert, Button, Card, PasswordInput, Stack, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { useChangePassword } from '../api.ts';

export function PasswordCard() {
  const { t } = useTranslation();
  const changePassword = useChangePassword();
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
    validate: {
      currentPassword: (value) => (value ? null : t('account.currentPasswordRequired')),
      // The password policy is the server's; its translated message explains a rejection.
      newPassword: (value) => (value ? null : t('validation.required')),
      confirmPassword: (value, values) =>
        value === values.newPassword ? null : t('account.passwordsDiffer'),
    },
  });
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        {t('account.changePassword')}
      </Title>
      <form
        onSubmit={form.onSubmit(({ currentPassword, newPassword }) =>
          changePassword.mutate({ currentPassword, newPassword }, { onSuccess: () => form.reset() }),
        )}
      >
        <Stack>
          {changePassword.isSuccess && (
            <Alert color="banyan" role="status">
              {t('account.passwordChanged')}
            </Alert>
          )}
          <ErrorAlert error={changePassword.error} />
          <PasswordInput
            label={t('account.currentPassword')}
            autoComplete="current-password"
            {...form.getInputProps('currentPassword')}
          />
          <PasswordInput
            label={t('account.newPassword')}
            autoComplete="new-password"
            {...form.getInputProps('newPassword')}
          />
          <PasswordInput
            label={t('account.confirmPassword')}
            autoComplete="new-password"
            {...form.getInputProps('confirmPassword')}
          />
          <Button type="submit" loading={changePassword.isPending} style={{ alignSelf: 'flex-start' }}>
            {t('account.changePassword')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
