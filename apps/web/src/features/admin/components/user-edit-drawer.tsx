import {
  ActionIcon,
  Badge,
  Button,
  Divider,
  Group,
  MultiSelect,
  NumberInput,
  PasswordInput,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isLocale } from '../../../app/i18n.ts';
import { ConfirmButton } from '../../../shared/confirm-button.tsx';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { notifySuccess } from '../../../shared/notify.ts';
import { SidePanel } from '../../../shared/side-panel.tsx';
import {
  type User,
  type UserSkill,
  useResetPassword,
  useSetUserStatus,
  useSkills,
  useUpdateUser,
} from '../api.ts';
import { useOptions } from './use-options.ts';

interface UserEditDrawerProps {
  user: User | null;
  canManage: boolean;
  onClose: () => void;
}

export function UserEditDrawer({ user, canManage, onClose }: UserEditDrawerProps) {
  const { t } = useTranslation();
  return (
    <SidePanel
      opened={user !== null}
      onClose={onClose}
      size="lg"
      title={user ? user.username : t('users.edit')}
    >
      {user && (
        <Stack gap="lg">
          <UserForm key={`${user.id}:${user.version}`} user={user} canManage={canManage} onSaved={onClose} />
          {canManage && (
            <>
              <Divider />
              <StatusSection user={user} />
              <Divider />
              <ResetPasswordSection user={user} />
            </>
          )}
        </Stack>
      )}
    </SidePanel>
  );
}

function UserForm({ user, canManage, onSaved }: { user: User; canManage: boolean; onSaved: () => void }) {
  const { t } = useTranslation();
  const options = useOptions();
  const skills = useSkills();
  const updateUser = useUpdateUser();
  const form = useForm({
    initialValues: {
      displayName: user.displayName,
      email: user.email ?? '',
      roles: user.roles,
      teamIds: user.teamIds,
      departmentId: user.departmentId,
      branchId: user.branchId,
      locale: user.locale as string | null,
      skills: user.skills,
    },
    validate: {
      displayName: (value) => (value.trim() ? null : t('validation.required')),
      email: (value) => (!value || /^\S+@\S+\.\S+$/.test(value) ? null : t('validation.email')),
      roles: (value) => (value.length > 0 ? null : t('users.rolesRequired')),
    },
  });
  const skillOptions = (skills.data ?? []).map((skill) => ({ value: skill.id, label: skill.name }));
  const unusedSkill = skillOptions.find(
    (option) => !form.values.skills.some((level) => level.skillId === option.value),
  );

  return (
    <form
      onSubmit={form.onSubmit((values) =>
        updateUser.mutate(
          {
            id: user.id,
            version: user.version,
            displayName: values.displayName.trim(),
            email: values.email.trim() || null,
            roles: values.roles,
            teamIds: values.teamIds,
            departmentId: values.departmentId,
            branchId: values.branchId,
            locale: isLocale(values.locale) ? values.locale : undefined,
            skills: values.skills,
          },
          {
            onSuccess: (saved) => {
              notifySuccess(t('users.saved', { username: saved.username }));
              onSaved();
            },
          },
        ),
      )}
    >
      <fieldset disabled={!canManage} style={{ border: 0, padding: 0, margin: 0 }}>
        <Stack>
          <ErrorAlert error={updateUser.error} />
          <TextInput label={t('users.displayName')} {...form.getInputProps('displayName')} />
          <TextInput label={t('users.email')} type="email" {...form.getInputProps('email')} />
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
          <Group grow align="flex-start">
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
          </Group>
          <Select
            label={t('users.locale')}
            data={options.locales}
            allowDeselect={false}
            {...form.getInputProps('locale')}
          />

          <Title order={3} size="h5">
            {t('users.skills')}
          </Title>
          {form.values.skills.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('users.noSkills')}
            </Text>
          )}
          {form.values.skills.map((level: UserSkill, index) => (
            <Group key={level.skillId} align="flex-end" wrap="nowrap">
              <Select
                label={t('users.skill')}
                data={skillOptions.filter(
                  (option) =>
                    option.value === level.skillId ||
                    !form.values.skills.some((other) => other.skillId === option.value),
                )}
                allowDeselect={false}
                style={{ flex: 1 }}
                {...form.getInputProps(`skills.${index}.skillId`)}
              />
              <NumberInput
                label={t('users.proficiency')}
                min={1}
                max={5}
                clampBehavior="strict"
                allowDecimal={false}
                w={150}
                {...form.getInputProps(`skills.${index}.proficiency`)}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                aria-label={t('users.removeSkill')}
                onClick={() => form.removeListItem('skills', index)}
              >
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Group>
          ))}
          {canManage && (
            <Button
              variant="default"
              leftSection={<IconPlus size={16} aria-hidden />}
              disabled={!unusedSkill}
              onClick={() =>
                unusedSkill && form.insertListItem('skills', { skillId: unusedSkill.value, proficiency: 3 })
              }
              style={{ alignSelf: 'flex-start' }}
            >
              {t('users.addSkill')}
            </Button>
          )}
          {canManage && (
            <Group justify="flex-end">
              <Button type="submit" loading={updateUser.isPending}>
                {t('common.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </fieldset>
    </form>
  );
}

function StatusSection({ user }: { user: User }) {
  const { t } = useTranslation();
  const setStatus = useSetUserStatus();
  const isActive = user.status === 'active';
  return (
    <Group justify="space-between">
      <Group gap="xs">
        <Text size="sm" fw={500}>
          {t('users.status')}
        </Text>
        <Badge color={isActive ? 'banyan' : 'gray'} variant="light">
          {t(`users.statuses.${user.status}`)}
        </Badge>
      </Group>
      {isActive ? (
        <ConfirmButton
          color="red"
          variant="outline"
          question={t('users.disableQuestion', { username: user.username })}
          confirmLabel={t('users.disable')}
          loading={setStatus.isPending}
          onConfirm={() => setStatus.mutate({ id: user.id, status: 'disabled' })}
        >
          {t('users.disable')}
        </ConfirmButton>
      ) : (
        <Button
          variant="outline"
          loading={setStatus.isPending}
          onClick={() => setStatus.mutate({ id: user.id, status: 'active' })}
        >
          {t('users.enable')}
        </Button>
      )}
    </Group>
  );
}

function ResetPasswordSection({ user }: { user: User }) {
  const { t } = useTranslation();
  const resetPassword = useResetPassword();
  const [password, setPassword] = useState('');
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        resetPassword.mutate(
          { id: user.id, password },
          {
            onSuccess: () => {
              setPassword('');
              notifySuccess(t('users.passwordReset', { username: user.username }));
            },
          },
        );
      }}
    >
      <Stack>
        <ErrorAlert error={resetPassword.error} />
        <Group align="flex-end">
          <PasswordInput
            label={t('users.newPassword')}
            autoComplete="new-password"
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            style={{ flex: 1 }}
          />
          <Button type="submit" variant="default" disabled={!password} loading={resetPassword.isPending}>
            {t('users.resetPassword')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
