import {
  Alert,
  Anchor,
  Button,
  Code,
  Group,
  Loader,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconDownload, IconShieldCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { useFormatters } from '../../../shared/format.ts';
import { PageHeader } from '../../../shared/page-header.tsx';
import { useCurrentUser } from '../../auth/api.ts';
import { type AuditFilters, exportCsvUrl, useAuditActions, useAuditEvents, useVerifyChain } from '../api.ts';
import { EventsPerDayChart } from '../components/events-per-day-chart.tsx';

/** `<input type="date">` values are local calendar days; the API wants instants. */
function startOfDay(day: string): string | null {
  return day ? new Date(`${day}T00:00:00`).toISOString() : null;
}
function endOfDay(day: string): string | null {
  return day ? new Date(`${day}T23:59:59.999`).toISOString() : null;
}

export function AuditPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const canVerify = useCurrentUser().permissions.includes('audit.verify');
  const [action, setAction] = useState<string | null>(null);
  const [actorId, setActorId] = useState<string | null>(null);
  const [fromDay, setFromDay] = useState('');
  const [toDay, setToDay] = useState('');
  const filters: AuditFilters = { action, actorId, from: startOfDay(fromDay), to: endOfDay(toDay) };

  const actions = useAuditActions();
  const events = useAuditEvents(filters);
  const verify = useVerifyChain();
  const items = events.data?.pages.flatMap((page) => page.items) ?? [];

  // Actors offered in the filter are those seen in the loaded events, so the page needs no staff permission.
  const actors = new Map<string, string>();
  for (const event of items) if (event.actorId) actors.set(event.actorId, event.actorName ?? event.actorId);
  if (actorId && !actors.has(actorId)) actors.set(actorId, actorId);

  return (
    <Stack>
      <PageHeader
        title={t('nav.audit')}
        description={t('audit.description')}
        actions={
          <>
            <Button
              component="a"
              href={exportCsvUrl(filters)}
              download
              variant="default"
              leftSection={<IconDownload size={16} aria-hidden />}
            >
              {t('audit.exportCsv')}
            </Button>
            {canVerify && (
              <Button
                leftSection={<IconShieldCheck size={16} aria-hidden />}
                loading={verify.isPending}
                onClick={() => verify.mutate()}
              >
                {t('audit.verify')}
              </Button>
            )}
          </>
        }
      />
      {verify.data && (
        <Alert
          color={verify.data.ok ? 'banyan' : 'red'}
          role="status"
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={verify.reset}
        >
          {verify.data.ok
            ? t('audit.verifyOk', { checked: verify.data.checked })
            : t('audit.verifyBroken', { checked: verify.data.checked, seq: verify.data.brokenAtSeq })}
          {verify.data.reason && (
            <Text size="sm" mt={4}>
              {t(`audit.brokenReasons.${verify.data.reason}`)}
            </Text>
          )}
        </Alert>
      )}
      <ErrorAlert error={verify.error} />
      <Group align="flex-end" gap="sm" role="search">
        <Select
          label={t('audit.action')}
          placeholder={t('audit.allActions')}
          data={actions.data ?? []}
          value={action}
          onChange={setAction}
          searchable
          clearable
          w={240}
        />
        <Select
          label={t('audit.actor')}
          placeholder={t('audit.allActors')}
          data={[...actors].map(([value, label]) => ({ value, label }))}
          value={actorId}
          onChange={setActorId}
          searchable
          clearable
          w={220}
        />
        <TextInput
          type="date"
          label={t('audit.from')}
          value={fromDay}
          max={toDay || undefined}
          onChange={(event) => setFromDay(event.currentTarget.value)}
        />
        <TextInput
          type="date"
          label={t('audit.to')}
          value={toDay}
          min={fromDay || undefined}
          onChange={(event) => setToDay(event.currentTarget.value)}
        />
        {events.isFetching && <Loader size="sm" aria-label={t('common.loading')} />}
      </Group>
      <ErrorAlert error={events.error} />
      {items.length > 0 && <EventsPerDayChart events={items} fromDay={fromDay} toDay={toDay} />}
      <Table.ScrollContainer minWidth={900}>
        <Table striped highlightOnHover verticalSpacing={6} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('audit.seq')}</Table.Th>
              <Table.Th>{t('audit.at')}</Table.Th>
              <Table.Th>{t('audit.actor')}</Table.Th>
              <Table.Th>{t('audit.action')}</Table.Th>
              <Table.Th>{t('audit.target')}</Table.Th>
              <Table.Th>{t('audit.ip')}</Table.Th>
              <Table.Th>{t('audit.details')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((event) => (
              <Table.Tr key={event.id}>
                <Table.Td>{event.seq}</Table.Td>
                <Table.Td>{format.dateTime(event.at)}</Table.Td>
                <Table.Td>{event.actorName ?? t('audit.system')}</Table.Td>
                <Table.Td>
                  <Code>{event.action}</Code>
                </Table.Td>
                <Table.Td>
                  {event.targetType ?? '—'}
                  {event.targetId && (
                    // Ids are long; the full one is in the tooltip and in the CSV export.
                    <Code ml={6} title={event.targetId}>
                      {event.targetId.slice(0, 8)}
                    </Code>
                  )}
                </Table.Td>
                <Table.Td>{event.ip ?? '—'}</Table.Td>
                <Table.Td>
                  <Text
                    size="xs"
                    ff="monospace"
                    truncate="end"
                    maw={360}
                    title={JSON.stringify(event.details)}
                  >
                    {Object.keys(event.details).length ? JSON.stringify(event.details) : '—'}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
            {events.isSuccess && items.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={7}>
                  <Text size="sm" c="dimmed" ta="center" py="md">
                    {t('audit.empty')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {events.hasNextPage && (
        <Anchor
          component="button"
          type="button"
          onClick={() => void events.fetchNextPage()}
          disabled={events.isFetchingNextPage}
        >
          {t('audit.loadMore')}
        </Anchor>
      )}
    </Stack>
  );
}
