import { BarChart, LineChart } from '@mantine/charts';
import {
  Anchor,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { PageHeader } from '../../../shared/page-header.tsx';
import { daysAgo, periodOf } from '../../../shared/period.ts';
import { PeriodFields } from '../../../shared/period-fields.tsx';
import { browserTimeZone } from '../../supervisor/api.ts';
import {
  exportUrl,
  type ReportFilters,
  useContactReport,
  useDrill,
  useQueueOptions,
  useScorecards,
} from '../api.ts';
import { Heatmap } from '../components/heatmap.tsx';
import { OutcomesPanel } from '../components/outcomes.tsx';
import { percent, seconds } from '../model.ts';

/** Contact reports: a period and filters, KPIs, charts, the contacts behind them, scorecards, export. */
export function ReportsPage() {
  const { t, i18n } = useTranslation();
  const [fromDay, setFromDay] = useState(daysAgo(6));
  const [toDay, setToDay] = useState(daysAgo(0));
  const [granularity, setGranularity] = useState<'hour' | 'day' | 'week'>('day');
  const [queueId, setQueueId] = useState<string | null>(null);
  const [channel, setChannel] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const queues = useQueueOptions();

  const filters: ReportFilters = {
    ...periodOf(fromDay, toDay),
    timeZone: browserTimeZone(),
    granularity,
    ...(queueId ? { queueId } : {}),
    ...(channel ? { channel } : {}),
  };
  const report = useContactReport(filters);
  const scorecards = useScorecards(filters);
  const drill = useDrill(filters, outcome === 'all' ? null : outcome, outcome !== null);
  const data = report.data;
  const label = (iso: string) =>
    new Intl.DateTimeFormat(
      i18n.language,
      granularity === 'hour' ? { dateStyle: 'short', timeStyle: 'short' } : { dateStyle: 'medium' },
    ).format(new Date(iso));

  return (
    <Stack gap="sm">
      <PageHeader
        title={t('analytics.report.title')}
        description={t('analytics.report.description')}
        actions={
          <Group gap="xs">
            <Button component="a" href={exportUrl(filters, 'csv')} variant="default" size="xs" download>
              {t('analytics.report.exportCsv')}
            </Button>
            <Button component="a" href={exportUrl(filters, 'xlsx')} variant="default" size="xs" download>
              {t('analytics.report.exportXlsx')}
            </Button>
          </Group>
        }
      />
      <Paper withBorder p="xs" component="form" aria-label={t('analytics.report.filters')}>
        <Group gap="sm" align="end" wrap="wrap">
          <PeriodFields fromDay={fromDay} toDay={toDay} onFromDay={setFromDay} onToDay={setToDay} />
          <Select
            label={t('analytics.report.queue')}
            placeholder={t('analytics.report.allQueues')}
            data={queues.data ?? []}
            value={queueId}
            onChange={setQueueId}
            clearable
          />
          <Select
            label={t('analytics.report.channel')}
            placeholder={t('analytics.report.allChannels')}
            data={['chat', 'voice', 'email', 'sms'].map((c) => ({
              value: c,
              label: t(`analytics.channel.${c}`),
            }))}
            value={channel}
            onChange={setChannel}
            clearable
          />
          <SegmentedControl
            aria-label={t('analytics.report.granularity')}
            value={granularity}
            onChange={(v) => setGranularity(v as 'hour' | 'day' | 'week')}
            data={(['hour', 'day', 'week'] as const).map((g) => ({
              value: g,
              label: t(`analytics.granularity.${g}`),
            }))}
          />
        </Group>
      </Paper>
      <ErrorAlert error={report.error} />
      {data && (
        <>
          <SimpleGrid cols={{ base: 2, sm: 4, lg: 8 }} spacing="xs">
            {(
              [
                ['offered', data.totals.offered, 'all'],
                ['answered', data.totals.answered, 'answered'],
                ['abandoned', data.totals.abandoned, 'abandoned'],
                ['serviceLevel', percent(data.totals.serviceLevelOffered), null],
                ['asa', seconds(data.totals.asaSeconds), null],
                ['aht', seconds(data.totals.ahtSeconds), null],
                ['abandonment', percent(data.totals.abandonmentRate), null],
                ['csat', percent(data.totals.csat), null],
              ] as const
            ).map(([key, value, drillTo]) => (
              <Paper withBorder p="xs" key={key}>
                <Text size="xs" c="dimmed">
                  {t(`analytics.kpi.${key}`)}
                </Text>
                {drillTo ? (
                  <Anchor
                    component="button"
                    type="button"
                    fw={700}
                    fz={22}
                    ff="monospace"
                    onClick={() => setOutcome(drillTo)}
                    aria-label={t('analytics.report.drillLabel', { kpi: t(`analytics.kpi.${key}`), value })}
                  >
                    {value}
                  </Anchor>
                ) : (
                  <Text fw={700} fz={22} ff="monospace">
                    {value}
                  </Text>
                )}
              </Paper>
            ))}
          </SimpleGrid>
          <Paper withBorder p="xs" component="figure" m={0} aria-labelledby="analytics-series-title">
            <Title order={2} size="h6" mb="xs" id="analytics-series-title">
              {t('analytics.report.series')}
            </Title>
            <div data-testid="report-chart">
              <LineChart
                h={240}
                data={data.series.map((s) => ({ ...s, bucket: label(s.bucket) }))}
                dataKey="bucket"
                series={[
                  { name: 'offered', label: t('analytics.kpi.offered'), color: 'blue.6' },
                  { name: 'answered', label: t('analytics.kpi.answered'), color: 'teal.7' },
                  { name: 'abandoned', label: t('analytics.kpi.abandoned'), color: 'red.7' },
                ]}
                withLegend
                curveType="linear"
              />
            </div>
          </Paper>
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="sm">
            <Paper withBorder p="xs">
              <Title order={2} size="h6" mb="xs">
                {t('analytics.report.byQueue')}
              </Title>
              <BarChart
                h={Math.max(140, data.byQueue.length * 34)}
                data={data.byQueue}
                dataKey="name"
                orientation="vertical"
                yAxisProps={{ width: 110 }}
                series={[
                  { name: 'offered', label: t('analytics.kpi.offered'), color: 'blue.6' },
                  { name: 'answered', label: t('analytics.kpi.answered'), color: 'teal.7' },
                ]}
              />
            </Paper>
            <Heatmap cells={data.heatmap} />
          </SimpleGrid>
        </>
      )}
      {outcome !== null && (
        <Paper withBorder p="xs" component="section" aria-labelledby="analytics-drill-title">
          <Group justify="space-between">
            <Title order={2} size="h6" id="analytics-drill-title">
              {t('analytics.report.drillTitle', { count: drill.data?.total ?? 0 })}
            </Title>
            <Button size="xs" variant="subtle" onClick={() => setOutcome(null)}>
              {t('analytics.report.closeDrill')}
            </Button>
          </Group>
          <ErrorAlert error={drill.error} />
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('analytics.drill.offeredAt')}</Table.Th>
                <Table.Th>{t('analytics.drill.queue')}</Table.Th>
                <Table.Th>{t('analytics.drill.agent')}</Table.Th>
                <Table.Th>{t('analytics.drill.outcome')}</Table.Th>
                <Table.Th>{t('analytics.drill.wait')}</Table.Th>
                <Table.Th>{t('analytics.drill.handle')}</Table.Th>
                <Table.Th>{t('analytics.drill.reason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(drill.data?.items ?? []).map((c) => (
                <Table.Tr key={c.conversationId}>
                  <Table.Td>{new Date(c.offeredAt).toLocaleString(i18n.language)}</Table.Td>
                  <Table.Td>{c.queueName ?? '—'}</Table.Td>
                  <Table.Td>{c.agentName ?? '—'}</Table.Td>
                  <Table.Td>{t(`analytics.outcome.${c.outcome}`)}</Table.Td>
                  <Table.Td>{seconds(c.waitSeconds)}</Table.Td>
                  <Table.Td>{seconds(c.handleSeconds)}</Table.Td>
                  <Table.Td>{c.reason ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <Paper withBorder p="xs" component="section" aria-labelledby="analytics-agents-title">
        <Title order={2} size="h6" mb="xs" id="analytics-agents-title">
          {t('analytics.scorecards.title')}
        </Title>
        <ErrorAlert error={scorecards.error} />
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('analytics.scorecards.agent')}</Table.Th>
              <Table.Th>{t('analytics.scorecards.handled')}</Table.Th>
              <Table.Th>{t('analytics.kpi.aht')}</Table.Th>
              <Table.Th>{t('analytics.kpi.csat')}</Table.Th>
              <Table.Th>{t('analytics.scorecards.transfersOut')}</Table.Th>
              <Table.Th>{t('analytics.scorecards.perDay')}</Table.Th>
              <Table.Th>{t('analytics.scorecards.occupancy')}</Table.Th>
              <Table.Th>{t('analytics.scorecards.utilization')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(scorecards.data?.items ?? []).map((a) => (
              <Table.Tr key={a.agentId}>
                <Table.Td>{a.displayName}</Table.Td>
                <Table.Td>{a.handled}</Table.Td>
                <Table.Td>{seconds(a.ahtSeconds)}</Table.Td>
                <Table.Td>{percent(a.csat)}</Table.Td>
                <Table.Td>{a.transfersOut}</Table.Td>
                <Table.Td>{a.contactsPerDay === null ? '—' : a.contactsPerDay.toFixed(1)}</Table.Td>
                <Table.Td>{percent(a.occupancy)}</Table.Td>
                <Table.Td>{percent(a.utilization)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <OutcomesPanel filters={filters} />
    </Stack>
  );
}
