import { Badge, Group, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../auth/api.ts';
import { type Branch, branches, type Country } from '../api.ts';
import { DirectoryTable } from '../components/directory-table.tsx';
import { EditorDrawer } from '../components/editor-drawer.tsx';
import { ListPageHeader } from '../components/list-page-header.tsx';

const COUNTRIES: Country[] = ['VN', 'CN'];
const DEFAULT_TIME_ZONE: Record<Country, string> = { VN: 'Asia/Ho_Chi_Minh', CN: 'Asia/Shanghai' };
const TIME_ZONES = Intl.supportedValuesOf('timeZone');

export function BranchesPage() {
  const { t } = useTranslation();
  const canManage = useCurrentUser().permissions.includes('staff.manage');
  const list = branches.useList();
  const [editing, setEditing] = useState<Branch | 'new' | null>(null);
  return (
    <Stack>
      <ListPageHeader
        title={t('nav.branches')}
        description={t('branches.description')}
        createLabel={t('branches.create')}
        onCreate={canManage ? () => setEditing('new') : null}
        error={list.error}
      />
      <DirectoryTable
        items={list.data}
        onEdit={canManage ? setEditing : null}
        columns={[
          { label: t('branches.name'), render: (branch) => branch.name },
          {
            label: t('branches.code'),
            render: (branch) => (
              <Group gap={6}>
                {branch.code}
                {branch.isHeadOffice && (
                  <Badge size="sm" variant="light">
                    {t('branches.headOffice')}
                  </Badge>
                )}
              </Group>
            ),
          },
          { label: t('branches.city'), render: (branch) => branch.city },
          { label: t('branches.country'), render: (branch) => t(`branches.countries.${branch.country}`) },
          { label: t('branches.timeZone'), render: (branch) => branch.timeZone },
        ]}
      />
      {editing && (
        <BranchDrawer branch={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
    </Stack>
  );
}

function BranchDrawer({ branch, onClose }: { branch: Branch | null; onClose: () => void }) {
  const { t } = useTranslation();
  const save = branches.useSave();
  const form = useForm({
    initialValues: {
      code: branch?.code ?? '',
      name: branch?.name ?? '',
      city: branch?.city ?? '',
      country: (branch?.country ?? 'VN') as string | null,
      timeZone: (branch?.timeZone ?? DEFAULT_TIME_ZONE.VN) as string | null,
    },
    validate: {
      code: (value) => (value.trim() ? null : t('validation.required')),
      name: (value) => (value.trim() ? null : t('validation.required')),
      city: (value) => (value.trim() ? null : t('validation.required')),
      timeZone: (value) => (value ? null : t('validation.required')),
    },
    onValuesChange: (values, previous) => {
      // A new branch in another country most likely keeps that country's single time zone.
      if (values.country !== previous.country && values.country && !branch) {
        form.setFieldValue('timeZone', DEFAULT_TIME_ZONE[values.country as Country]);
      }
    },
  });
  return (
    <EditorDrawer
      opened
      title={branch ? t('branches.edit', { name: branch.name }) : t('branches.create')}
      error={save.error}
      isSaving={save.isPending}
      onClose={onClose}
      onSubmit={form.onSubmit((values) =>
        save.mutate(
          {
            id: branch?.id ?? null,
            input: {
              code: values.code.trim(),
              name: values.name.trim(),
              city: values.city.trim(),
              country: values.country as Country,
              timeZone: values.timeZone ?? DEFAULT_TIME_ZONE.VN,
            },
          },
          { onSuccess: onClose },
        ),
      )}
    >
      <TextInput label={t('branches.code')} {...form.getInputProps('code')} />
      <TextInput label={t('branches.name')} {...form.getInputProps('name')} />
      <TextInput label={t('branches.city')} {...form.getInputProps('city')} />
      <Select
        label={t('branches.country')}
        data={COUNTRIES.map((country) => ({ value: country, label: t(`branches.countries.${country}`) }))}
        allowDeselect={false}
        {...form.getInputProps('country')}
      />
      <Select
        label={t('branches.timeZone')}
        data={TIME_ZONES}
        searchable
        allowDeselect={false}
        {...form.getInputProps('timeZone')}
      />
    </EditorDrawer>
  );
}
