import {
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { PageHeader } from '../../../shared/page-header.tsx';
import { DirectoryTable } from '../../admin/components/directory-table.tsx';
import { useCurrentUser } from '../../auth/api.ts';
import {
  type CreateReportSchedule,
  type ReportSchedule,
  useCreateSchedule,
  useDeleteSchedule,
  useQueueOptions,
  useSchedules,
  useSendScheduleNow,
} from '../api.ts';

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/**
 * Scheduled reports: a contact report's filters mailed as PDF daily, weekly or monthly to a list of
 * addresses, in one language; send now; the last runs with their status.
 */
export function SchedulesPage() {
  const { t } = useTranslation();
  const schedules = useSchedules();
  const items = schedules.data?.items ?? [];
  return (
    <Stack gap="sm">
      <PageHeader title={t('analytics.schedules.title')} description={t('analytics.schedules.description')} />
      <NewSchedule />
      <ErrorAlert error={schedules.error} />
      {schedules.data && items.length === 0 && <Text c="dimmed">{t('analytics.schedules.none')}</Text>}
      {items.map((s) => (
        <ScheduleCard key={s.id} schedule={s} />
      ))}
    </Stack>
  );
}

function NewSchedule() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const queues = useQueueOptions();
  const create = useCreateSchedule();
  const [name, setName] = useState('');
  const [queueId, setQueueId] = useState<string | null>(null);
  const [teamId, setTeamId] = useState<string | null>(me.teams[0]?.id ?? null);
  const [period, setPeriod] = useState<CreateReportSchedule['period']>('weekly');
  const [language, setLanguage] = useState<CreateReportSchedule['language']>(
    (['en', 'zh-CN', 'vi'] as const).find((l) => l === i18n.language) ?? 'en',
  );
  const [recipients, setRecipients] = useState('');
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    create.mutate(
      {
        name,
        filters: { ...(queueId ? { queueId } : {}), ...(teamId ? { teamId } : {}) },
        period,
        language,
        timeZone: browserZone(),
        recipients: recipients
          .split(/[\s,;]+/)
          .map((r) => r.trim())
          .filter(Boolean),
      },
      {
        onSuccess: () => {
          setName('');
          setRecipients('');
        },
      },
    );
  };
  return (
    <Paper withBorder p="sm" component="form" onSubmit={submit} aria-label={t('analytics.schedules.new')}>
      <Title order={2} size="h5" mb="xs">
        {t('analytics.schedules.new')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
        <TextInput
          label={t('analytics.schedules.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          required
          maxLength={120}
        />
        <Select
          label={t('analytics.schedules.period')}
          value={period}
          onChange={(v) => v && setPeriod(v as CreateReportSchedule['period'])}
          data={(['daily', 'weekly', 'monthly'] as const).map((p) => ({
            value: p,
            label: t(`analytics.schedules.periods.${p}`),
          }))}
          allowDeselect={false}
        />
        <Select
          label={t('analytics.schedules.language')}
          value={language}
          onChange={(v) => v && setLanguage(v as CreateReportSchedule['language'])}
          data={[
            { value: 'zh-CN', label: '中文' },
            { value: 'vi', label: 'Tiếng Việt' },
            { value: 'en', label: 'English' },
          ]}
          allowDeselect={false}
        />
        <Select
          label={t('analytics.schedules.queue')}
          placeholder={t('analytics.schedules.allQueues')}
          value={queueId}
          onChange={setQueueId}
          data={queues.data ?? []}
          clearable
          searchable
        />
        <Select
          label={t('analytics.schedules.team')}
          placeholder={t('analytics.schedules.allTeams')}
          value={teamId}
          onChange={setTeamId}
          data={me.teams.map((team) => ({ value: team.id, label: team.name }))}
          clearable
        />
        <Textarea
          label={t('analytics.schedules.recipients')}
          description={t('analytics.schedules.recipientsHint')}
          value={recipients}
          onChange={(e) => setRecipients(e.currentTarget.value)}
          autosize
          minRows={1}
          required
        />
      </SimpleGrid>
      <ErrorAlert error={create.error} />
      <Group justify="flex-end" mt="xs">
        <Button type="submit" loading={create.isPending}>
          {t('analytics.schedules.save')}
        </Button>
      </Group>
    </Paper>
  );
}

function ScheduleCard({ schedule: s }: { schedule: ReportSchedule }) {
  const { t, i18n } = useTranslation();
  const send = useSendScheduleNow();
  const remove = useDeleteSchedule();
  const when = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  const day = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(new Date(iso));
  return (
    <Paper withBorder p="sm" component="section" aria-label={s.name}>
      <Group justify="space-between" mb="xs">
        <div>
          <Title order={2} size="h5">
            {s.name}
          </Title>
          <Text size="sm" c="dimmed">
            {t(`analytics.schedules.periods.${s.period}`)} · {s.recipients.join(', ')} ·{' '}
            {t('analytics.schedules.next', { when: when(s.nextRunAt) })}
          </Text>
        </div>
        <Group gap="xs">
          <Button variant="light" loading={send.isPending} onClick={() => send.mutate(s.id)}>
            {t('analytics.schedules.sendNow')}
          </Button>
          <Button variant="subtle" color="red" loading={remove.isPending} onClick={() => remove.mutate(s.id)}>
            {t('analytics.schedules.delete')}
          </Button>
        </Group>
      </Group>
      <DirectoryTable
        items={s.lastRuns}
        emptyLabel={t('analytics.schedules.noRuns')}
        minWidth={0}
        columns={[
          {
            label: t('analytics.schedules.ranAt'),
            render: (r) => (
              <>
                {when(r.createdAt)}
                {r.trigger === 'manual' && (
                  <Text span size="xs" c="dimmed">
                    {' '}
                    ({t('analytics.schedules.manual')})
                  </Text>
                )}
              </>
            ),
          },
          {
            label: t('analytics.schedules.covering'),
            render: (r) =>
              `${day(r.periodFrom)} – ${day(new Date(new Date(r.periodTo).getTime() - 1).toISOString())}`,
          },
          {
            label: t('analytics.schedules.status'),
            render: (r) => (
              <Badge color={r.status === 'queued' ? 'banyan' : 'red'} variant="light" tt="none">
                {t(`analytics.schedules.runStatus.${r.status}`)}
              </Badge>
            ),
          },
          { label: t('analytics.schedules.recipientsCount'), render: (r) => r.recipients },
        ]}
      />
    </Paper>
  );
}
