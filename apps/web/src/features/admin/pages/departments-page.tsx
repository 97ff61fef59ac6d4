import { Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../auth/api.ts';
import { type Department, type DepartmentKind, departments } from '../api.ts';
import { DirectoryTable } from '../components/directory-table.tsx';
import { EditorDrawer } from '../components/editor-drawer.tsx';
import { ListPageHeader } from '../components/list-page-header.tsx';

const KINDS: DepartmentKind[] = ['front_office', 'back_office', 'branch_network', 'management'];

export function DepartmentsPage() {
  const { t } = useTranslation();
  const canManage = useCurrentUser().permissions.includes('staff.manage');
  const list = departments.useList();
  const [editing, setEditing] = useState<Department | 'new' | null>(null);
  return (
    <Stack>
      <ListPageHeader
        title={t('nav.departments')}
        description={t('departments.description')}
        createLabel={t('departments.create')}
        onCreate={canManage ? () => setEditing('new') : null}
        error={list.error}
      />
      <DirectoryTable
        items={list.data}
        onEdit={canManage ? setEditing : null}
        columns={[
          { label: t('departments.name'), render: (department) => department.name },
          { label: t('departments.code'), render: (department) => department.code },
          { label: t('departments.kind'), render: (department) => t(`departments.kinds.${department.kind}`) },
        ]}
      />
      {editing && (
        <DepartmentDrawer department={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
    </Stack>
  );
}

function DepartmentDrawer({ department, onClose }: { department: Department | null; onClose: () => void }) {
  const { t } = useTranslation();
  const save = departments.useSave();
  const form = useForm({
    initialValues: {
      code: department?.code ?? '',
      name: department?.name ?? '',
      kind: (department?.kind ?? 'front_office') as string | null,
    },
    validate: {
      code: (value) => (value.trim() ? null : t('validation.required')),
      name: (value) => (value.trim() ? null : t('validation.required')),
    },
  });
  return (
    <EditorDrawer
      opened
      title={department ? t('departments.edit', { name: department.name }) : t('departments.create')}
      error={save.error}
      isSaving={save.isPending}
      onClose={onClose}
      onSubmit={form.onSubmit((values) =>
        save.mutate(
          {
            id: department?.id ?? null,
            input: {
              code: values.code.trim(),
              name: values.name.trim(),
              kind: values.kind as DepartmentKind,
            },
          },
          { onSuccess: onClose },
        ),
      )}
    >
      <TextInput label={t('departments.code')} {...form.getInputProps('code')} />
      <TextInput label={t('departments.name')} {...form.getInputProps('name')} />
      <Select
        label={t('departments.kind')}
        data={KINDS.map((kind) => ({ value: kind, label: t(`departments.kinds.${kind}`) }))}
        allowDeselect={false}
        {...form.getInputProps('kind')}
      />
    </EditorDrawer>
  );
}
