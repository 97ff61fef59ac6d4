import {
  Button,
  Group,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { PageHeader } from '../../../shared/page-header.tsx';
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
      {units.data && units.data.items.length === 0 && <Text c="dimmed">{t('analytics.units.none')}</Text>}
      {units.data && units.data.items.length > 0 && (
        <Paper withBorder p="xs" component="section" aria-labelledby="units-table">
          <Title order={2} size="h6" id="units-table" mb="xs">
            {t('analytics.units.title')}
          </Title>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('analytics.units.name')}</Table.Th>
                <Table.Th>{t('analytics.units.email')}</Table.Th>
                <Table.Th>{t('analytics.units.language')}</Table.Th>
                <Table.Th>{t('analytics.units.topics')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('analytics.units.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {units.data.items.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>{u.name}</Table.Td>
                  <Table.Td>{u.email}</Table.Td>
                  <Table.Td>{u.language}</Table.Td>
                  <Table.Td>{u.reasonIds.map((id) => reasonName.get(id) ?? '?').join(', ')}</Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      aria-label={t('analytics.units.deleteOne', { name: u.name })}
                      onClick={() => remove.mutate(u.id)}
                    >
                      {t('analytics.units.delete')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}
