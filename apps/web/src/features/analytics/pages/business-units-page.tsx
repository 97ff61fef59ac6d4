import {
  Button,
  Group,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { PageHeader } from '../../../shared/page-header.tsx';
import { DirectoryTable } from '../../admin/components/directory-table.tsx';
import {
  type CreateBusinessUnit,
  useBusinessUnits,
  useCreateBusinessUnit,
  useDeleteBusinessUnit,
  useReasonOptions,
} from '../api.ts';

/** Business units that get the weekly hot-topic report as PDF, and the contact reasons they follow. */
export function BusinessUnitsPage() {
  const { t, i18n } = useTranslation();
  const units = useBusinessUnits();
  const reasons = useReasonOptions(i18n.language);
  const create = useCreateBusinessUnit();
  const remove = useDeleteBusinessUnit();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [language, setLanguage] = useState<CreateBusinessUnit['language']>('zh-CN');
  const [reasonIds, setReasonIds] = useState<string[]>([]);
  const reasonName = new Map((reasons.data ?? []).map((r) => [r.value, r.label]));
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name, email, language, reasonIds },
      {
        onSuccess: () => {
          setName('');
          setEmail('');
          setReasonIds([]);
        },
      },
    );
  };
  return (
    <Stack gap="sm">
      <PageHeader title={t('analytics.units.title')} description={t('analytics.units.description')} />
      <Paper withBorder p="sm" component="form" onSubmit={submit} aria-label={t('analytics.units.new')}>
        <Title order={2} size="h5" mb="xs">
          {t('analytics.units.new')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="xs">
          <TextInput
            label={t('analytics.units.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
            maxLength={120}
          />
          <TextInput
            label={t('analytics.units.email')}
            type="email"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            required
          />
          <Select
            label={t('analytics.units.language')}
            value={language}
            onChange={(v) => v && setLanguage(v as CreateBusinessUnit['language'])}
            data={[
              { value: 'zh-CN', label: '中文' },
              { value: 'vi', label: 'Tiếng Việt' },
              { value: 'en', label: 'English' },
            ]}
            allowDeselect={false}
          />
          <MultiSelect
            label={t('analytics.units.topics')}
            value={reasonIds}
            onChange={setReasonIds}
            data={reasons.data ?? []}
            searchable
          />
        </SimpleGrid>
        <ErrorAlert error={create.error} />
        <Group justify="flex-end" mt="xs">
          <Button type="submit" loading={create.isPending}>
            {t('analytics.units.save')}
          </Button>
        </Group>
      </Paper>
      <ErrorAlert error={units.error} />
      {units.data && (
        <Paper withBorder p="xs" component="section" aria-labelledby="units-table">
          <Title order={2} size="h6" id="units-table" mb="xs">
            {t('analytics.units.title')}
          </Title>
          <DirectoryTable
            items={units.data.items}
            emptyLabel={t('analytics.units.none')}
            minWidth={0}
            columns={[
              { label: t('analytics.units.name'), render: (u) => u.name },
              { label: t('analytics.units.email'), render: (u) => u.email },
              { label: t('analytics.units.language'), render: (u) => u.language },
              {
                label: t('analytics.units.topics'),
                render: (u) => u.reasonIds.map((id) => reasonName.get(id) ?? '?').join(', '),
              },
            ]}
            actions={(u) => (
              <Button
                size="xs"
                variant="subtle"
                color="red"
                aria-label={t('analytics.units.deleteOne', { name: u.name })}
                onClick={() => remove.mutate(u.id)}
              >
                {t('analytics.units.delete')}
              </Button>
            )}
          />
        </Paper>
      )}
    </Stack>
  );
}
