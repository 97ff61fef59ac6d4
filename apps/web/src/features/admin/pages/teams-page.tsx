import { Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../auth/api.ts';
import { type Team, teams } from '../api.ts';
import { DirectoryTable } from '../components/directory-table.tsx';
import { EditorDrawer } from '../components/editor-drawer.tsx';
import { ListPageHeader } from '../components/list-page-header.tsx';
import { useOptions } from '../components/use-options.ts';

export function TeamsPage() {
  const { t } = useTranslation();
  const canManage = useCurrentUser().permissions.includes('staff.manage');
  const list = teams.useList();
  const options = useOptions();
  const [editing, setEditing] = useState<Team | 'new' | null>(null);
  return (
    <Stack>
      <ListPageHeader
        title={t('nav.teams')}
        description={t('teams.description')}
        createLabel={t('teams.create')}
        onCreate={canManage ? () => setEditing('new') : null}
        error={list.error}
      />
      <DirectoryTable
        items={list.data}
        onEdit={canManage ? setEditing : null}
        columns={[
          { label: t('teams.name'), render: (team) => team.name },
          { label: t('teams.department'), render: (team) => options.nameOf.department(team.departmentId) },
          { label: t('teams.branch'), render: (team) => options.nameOf.branch(team.branchId) },
        ]}
      />
      {editing && <TeamDrawer team={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function TeamDrawer({ team, onClose }: { team: Team | null; onClose: () => void }) {
  const { t } = useTranslation();
  const options = useOptions();
  const save = teams.useSave();
  const form = useForm({
    initialValues: {
      name: team?.name ?? '',
      departmentId: team?.departmentId ?? null,
      branchId: team?.branchId ?? null,
    },
    validate: { name: (value) => (value.trim() ? null : t('validation.required')) },
  });
  return (
    <EditorDrawer
      opened
      title={team ? t('teams.edit', { name: team.name }) : t('teams.create')}
      error={save.error}
      isSaving={save.isPending}
      onClose={onClose}
      onSubmit={form.onSubmit((values) =>
        save.mutate(
          { id: team?.id ?? null, input: { ...values, name: values.name.trim() } },
          { onSuccess: onClose },
        ),
      )}
    >
      <TextInput label={t('teams.name')} {...form.getInputProps('name')} />
      <Select
        label={t('teams.department')}
        data={options.departments}
        clearable
        {...form.getInputProps('departmentId')}
      />
      <Select
        label={t('teams.branch')}
        data={options.branches}
        clearable
        searchable
        {...form.getInputProps('branchId')}
      />
    </EditorDrawer>
  );
}
