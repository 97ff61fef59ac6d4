import { Badge, Group, Select, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALE_NAMES, LOCALES } from '../../../app/i18n.ts';
import { ConfirmButton } from '../../../shared/confirm-button.tsx';
import { notifyError, notifySuccess } from '../../../shared/notify.ts';
import { useCurrentUser } from '../../auth/api.ts';
import { SHORTCUT_PATTERN } from '../../desk/canned.ts';
import { CannedFields } from '../../desk/components/canned-fields.tsx';
import {
  type CannedResponse,
  type CreateSharedCannedResponse,
  teams,
  useDeleteSharedCanned,
  useSaveSharedCanned,
  useSharedCannedResponses,
} from '../api.ts';
import { DirectoryTable } from '../components/directory-table.tsx';
import { EditorDrawer } from '../components/editor-drawer.tsx';
import { ListPageHeader } from '../components/list-page-header.tsx';

/**
 * The teams and bank-wide canned responses: an administrator writes the bank-wide ones and any
 * team's; a supervisor their own teams' (the bank-wide ones are shown to them read-only).
 */
export function CannedResponsesPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const isAdmin = me.permissions.includes('staff.manage');
  const list = useSharedCannedResponses();
  const teamList = teams.useList();
  const remove = useDeleteSharedCanned();
  const [editing, setEditing] = useState<CannedResponse | 'new' | null>(null);
  // The teams whose responses this user writes: all for an administrator, their own for a supervisor.
  const writableTeams = isAdmin
    ? (teamList.data ?? []).map((team) => ({ value: team.id, label: team.name }))
    : me.teams.map((team) => ({ value: team.id, label: team.name }));
  const canEdit = (item: CannedResponse) =>
    item.scope === 'global' ? isAdmin : writableTeams.some((team) => team.value === item.teamId);
  const teamName = (id: string | null) =>
    teamList.data?.find((team) => team.id === id)?.name ??
    me.teams.find((team) => team.id === id)?.name ??
    id;

  return (
    <Stack>
      <ListPageHeader
        title={t('nav.cannedResponses')}
        description={t('cannedAdmin.description')}
        createLabel={t('desk.canned.create')}
        onCreate={isAdmin || writableTeams.length > 0 ? () => setEditing('new') : null}
        error={list.error}
      />
      <DirectoryTable
        items={list.data}
        onEdit={(item) => {
          if (canEdit(item)) setEditing(item);
        }}
        columns={[
          { label: t('desk.canned.title'), render: (item) => item.title },
          {
            label: t('desk.canned.shortcut'),
            render: (item) => (
              <Text ff="monospace" size="sm">
                /{item.shortcut}
              </Text>
            ),
          },
          {
            label: t('cannedAdmin.scope'),
            render: (item) => (
              <Badge variant="light" tt="none" color={item.scope === 'global' ? 'banyan' : 'gray'}>
                {item.scope === 'global'
                  ? t('desk.canned.scopes.global')
                  : t('cannedAdmin.teamScope', { team: teamName(item.teamId) })}
              </Badge>
            ),
          },
          {
            label: t('cannedAdmin.languages'),
            render: (item) =>
              LOCALES.filter((locale) => item.bodies[locale]?.trim())
                .map((locale) => LOCALE_NAMES[locale])
                .join(' · '),
          },
          {
            label: t('common.actions'),
            render: (item) =>
              canEdit(item) ? (
                <ConfirmButton
                  size="compact-xs"
                  variant="subtle"
                  color="red"
                  question={t('desk.canned.deleteQuestion', { title: item.title })}
                  confirmLabel={t('desk.canned.delete')}
                  aria-label={t('desk.canned.deleteLabel', { title: item.title })}
                  onConfirm={() =>
                    remove.mutate(item.id, {
                      onSuccess: () => notifySuccess(t('desk.canned.deleted', { title: item.title })),
                      onError: notifyError,
                    })
                  }
                >
                  {t('desk.canned.delete')}
                </ConfirmButton>
              ) : (
                <Text size="xs" c="dimmed">
                  {t('cannedAdmin.readOnly')}
                </Text>
              ),
          },
        ]}
      />
      {editing && (
        <CannedDrawer
          item={editing === 'new' ? null : editing}
          isAdmin={isAdmin}
          teams={writableTeams}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}

function CannedDrawer({
  item,
  isAdmin,
  teams: teamOptions,
  onClose,
}: {
  item: CannedResponse | null;
  isAdmin: boolean;
  teams: { value: string; label: string }[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveSharedCanned();
  const form = useForm({
    initialValues: {
      scope: (item?.scope ?? (isAdmin ? 'global' : 'team')) as 'team' | 'global',
      teamId: item?.teamId ?? teamOptions[0]?.value ?? null,
      shortcut: item?.shortcut ?? '',
      title: item?.title ?? '',
      en: item?.bodies.en ?? '',
      'zh-CN': item?.bodies['zh-CN'] ?? '',
      vi: item?.bodies.vi ?? '',
    },
    validate: {
      teamId: (value, values) => (values.scope === 'team' && !value ? t('validation.required') : null),
      shortcut: (value) => (SHORTCUT_PATTERN.test(value.trim()) ? null : t('desk.canned.shortcutInvalid')),
      title: (value) => (value.trim() ? null : t('validation.required')),
      en: (value) => (value.trim() ? null : t('validation.required')),
    },
  });
  const scopes = [
    ...(isAdmin ? [{ value: 'global', label: t('desk.canned.scopes.global') }] : []),
    ...(teamOptions.length ? [{ value: 'team', label: t('cannedAdmin.teamOnly') }] : []),
  ];
  return (
    <EditorDrawer
      opened
      size="lg"
      title={item ? t('desk.canned.edit', { title: item.title }) : t('desk.canned.create')}
      error={save.error}
      isSaving={save.isPending}
      onClose={onClose}
      onSubmit={form.onSubmit((values) => {
        const fields = {
          shortcut: values.shortcut.trim(),
          title: values.title.trim(),
          bodies: { en: values.en, 'zh-CN': values['zh-CN'], vi: values.vi },
        };
        const done = {
          onSuccess: (saved: CannedResponse) => {
            notifySuccess(t('desk.canned.saved', { title: saved.title }));
            onClose();
          },
        };
        if (item) save.mutate({ id: item.id, input: fields }, done);
        else
          save.mutate(
            {
              id: null,
              input: {
                scope: values.scope,
                ...(values.scope === 'team' ? { teamId: values.teamId } : {}),
                ...fields,
              } satisfies CreateSharedCannedResponse,
            },
            done,
          );
      })}
    >
      <Group grow align="flex-start">
        <Select
          label={t('cannedAdmin.scope')}
          data={scopes}
          allowDeselect={false}
          disabled={!!item}
          description={item ? t('cannedAdmin.scopeFixed') : undefined}
          {...form.getInputProps('scope')}
        />
        {form.values.scope === 'team' && (
          <Select
            label={t('cannedAdmin.team')}
            data={teamOptions}
            searchable
            disabled={!!item}
            {...form.getInputProps('teamId')}
          />
        )}
      </Group>
      <CannedFields inputProps={form.getInputProps} help={t('cannedAdmin.variablesHelp')} />
    </EditorDrawer>
  );
}
