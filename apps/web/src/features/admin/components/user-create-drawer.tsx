import { Button, Group, MultiSelect, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { isLocale } from '../../../app/i18n.ts';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { notifySuccess } from '../../../shared/notify.ts';
import { SidePanel } from '../../../shared/side-panel.tsx';
import { useCreateUser } from '../api.ts';
import { useOptions } from './use-options.ts';

export function UserCreateDrawer({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const options = useOptions();
  const createUser = useCreateUser();
  const form = useForm({
    initialValues: {
      username: '',
      displayName: '',
      email: '',
      password: '',
      roles: [] as string[],
      teamIds: [] as string[],
      departmentId: null as string | null,
      branchId: null as string | null,
      locale: i18n.language as string | null,
    },
    validate: {
      username: (value) => (value.trim() ? null : t('validation.required')),
      displayName: (value) => (value.trim() ? null : t('validation.required')),
      email: (value) => (!value || /^\S+@\S+\.\S+$/.test(value) ? null : t('validation.email')),
      password: (value) => (value ? null : t('validation.required')),
      roles: (value) => (value.length > 0 ? null : t('users.rolesRequired')),
    },
  });

  const close = () => {
    form.reset();
    createUser.reset();
    onClose();
  };

  return (
    <SidePanel opened={opened} onClose={close} title={t('users.create')}>
      <form
        onSubmit={form.onSubmit((values) =>
          createUser.mutate(
            {
              username: values.username.trim(),
              displayName: values.displayName.trim(),
              email: values.email.trim() || undefined,
              password: values.password,
              roles: values.roles,
              teamIds: values.teamIds,
              departmentId: values.departmentId ?? undefined,
              branchId: values.branchId ?? undefined,
              locale: isLocale(values.locale) ? values.locale : undefined,
            },
            {
              onSuccess: (user) => {
                notifySuccess(t('users.created', { username: user.username }));
                close();
              },
            },
          ),
        )}
      >
        <Stack>
          <ErrorAlert error={createUser.error} />
          <TextInput label={t('users.username')} autoComplete="off" {...form.getInputProps('username')} />
          <TextInput label={t('users.displayName')} {...form.getInputProps('displayName')} />
          <TextInput label={t('users.email')} type="email" {...form.getInputProps('email')} />
          <PasswordInput
            label={t('users.initialPassword')}
            description={t('users.initialPasswordHelp')}
            autoComplete="new-password"
            {...form.getInputProps('password')}
          />
          <MultiSelect
            label={t('users.roles')}
            data={options.roles}
            searchable
            {...form.getInputProps('roles')}
          />
          <MultiSelect
            label={t('users.teams')}
            data={options.teams}
            searchable
            {...form.getInputProps('teamIds')}
          />
          <Select
            label={t('users.department')}
            data={options.departments}
            clearable
            {...form.getInputProps('departmentId')}
          />
          <Select
            label={t('users.branch')}
            data={options.branches}
            clearable
            searchable
            {...form.getInputProps('branchId')}
          />
          <Select
            label={t('users.locale')}
            data={options.locales}
            allowDeselect={false}
            {...form.getInputProps('locale')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={createUser.isPending}>
              {t('users.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </SidePanel>
  );
}
