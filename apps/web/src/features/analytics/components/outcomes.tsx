import { BarChart } from '@mantine/charts';
import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import {
  type BranchWallboard,
  type ReportFilters,
  useBranchReport,
  useBranchWallboard,
  useCaseReport,
} from '../api.ts';
import { percent, seconds } from '../model.ts';

function Figure({ label, value, hint }: { label: string; value: string | number; hint?: string }) {
  return (
    <Paper withBorder p="xs" role="group" aria-label={label}>
      <Text size="xs" c="dimmed" lh={1.2}>
        {label}
      </Text>
      <Text fw={700} fz={22} lh={1.3} ff="monospace">
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

const forbidden = (error: unknown) => (error as { status?: number } | null)?.status === 403;

/** Case KPIs and per-branch figures for the report's period (hidden for a viewer without reach). */
export function OutcomesPanel({ filters }: { filters: ReportFilters }) {
  const { t, i18n } = useTranslation();
  const cases = useCaseReport(filters);
  const branches = useBranchReport(filters);
  const hours = (v: number | null) =>
    v === null
      ? '—'
      : t('analytics.outcomes.hours', {
          value: v.toLocaleString(i18n.language, { maximumFractionDigits: 1 }),
        });
  const c = cases.data;
  const b = branches.data;
  return (
    <Stack gap="sm">
      {!forbidden(cases.error) && <ErrorAlert error={cases.error} />}
      {c && (
        <Paper withBorder p="sm" component="section" aria-label={t('analytics.outcomes.casesTitle')}>
          <Title order={2} size="h5" mb="xs">
            {t('analytics.outcomes.casesTitle')}
          </Title>
          <SimpleGrid cols={{ base: 2, sm: 4, lg: 7 }} spacing="xs">
            <Figure label={t('analytics.outcomes.created')} value={c.created} />
            <Figure
              label={t('analytics.outcomes.fcr')}
              value={percent(c.fcr)}
              hint={t('analytics.outcomes.fcrHint', { days: c.fcrWindowDays, count: c.fcrContacts })}
            />
            <Figure label={t('analytics.outcomes.firstOwner')} value={percent(c.closedByFirstOwner)} />
            <Figure
              label={t('analytics.outcomes.complaintOnTime')}
              value={percent(c.complaintOnTimeRate)}
              hint={t('analytics.outcomes.complaintsResolved', { count: c.complaintsResolved })}
            />
            <Figure label={t('analytics.outcomes.resolution')} value={hours(c.averageResolutionHours)} />
            <Figure
              label={t('analytics.outcomes.resolutionBusiness')}
              value={hours(c.averageBusinessResolutionHours)}
              hint={t('analytics.outcomes.resolutionBusinessHint', { count: c.businessResolutionCases })}
            />
            <Figure label={t('analytics.outcomes.reopened')} value={c.reopened} />
          </SimpleGrid>
        </Paper>
      )}
      {!forbidden(branches.error) && <ErrorAlert error={branches.error} />}
      {b && (
        <Paper withBorder p="sm" component="section" aria-label={t('analytics.outcomes.branchesTitle')}>
          <Title order={2} size="h5" mb="xs">
            {t('analytics.outcomes.branchesTitle')}
          </Title>
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs" mb="sm">
            <Figure label={t('analytics.outcomes.tickets')} value={b.totals.issued} />
            <Figure label={t('analytics.outcomes.branchWait')} value={seconds(b.totals.averageWaitSeconds)} />
            <Figure
              label={t('analytics.outcomes.branchService')}
              value={seconds(b.totals.averageServiceSeconds)}
            />
            <Figure label={t('analytics.outcomes.noShow')} value={percent(b.totals.noShowRate)} />
          </SimpleGrid>
          {b.branches.length > 0 ? (
            <BarChart
              h={Math.max(160, 40 * b.branches.length)}
              data={b.branches.map((x) => ({
                branch: x.name,
                wait: Math.round(x.averageWaitSeconds ?? 0),
                service: Math.round(x.averageServiceSeconds ?? 0),
              }))}
              dataKey="branch"
              orientation="vertical"
              yAxisProps={{ width: 120 }}
              withLegend
              series={[
                { name: 'wait', label: t('analytics.outcomes.branchWaitSeconds'), color: 'blue.6' },
                { name: 'service', label: t('analytics.outcomes.branchServiceSeconds'), color: 'teal.6' },
              ]}
              aria-label={t('analytics.outcomes.branchChart')}
            />
          ) : (
            <Text size="sm" c="dimmed">
              {t('analytics.outcomes.noTickets')}
            </Text>
          )}
        </Paper>
      )}
    </Stack>
  );
}

function BranchTileView({ tile }: { tile: BranchWallboard['branches'][number] }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" component="section" aria-label={tile.name}>
      <Title order={3} size="h5" mb="xs">
        {tile.name}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="xs">
        <Figure label={t('analytics.tile.waiting')} value={tile.waiting} />
        <Figure label={t('analytics.tile.longestWait')} value={seconds(tile.longestWaitSeconds)} />
        <Figure label={t('analytics.outcomes.servedToday')} value={tile.servedToday} />
        <Figure label={t('analytics.outcomes.branchWait')} value={seconds(tile.averageWaitSecondsToday)} />
        <Figure label={t('analytics.outcomes.noShow')} value={percent(tile.noShowRateToday)} />
      </SimpleGrid>
    </Paper>
  );
}

/** Per-branch wallboard tiles: live lobby figures and today's no-show rate. */
export function BranchTiles({ timeZone }: { timeZone: string }) {
  const { t } = useTranslation();
  const board = useBranchWallboard(timeZone);
  if (forbidden(board.error)) return null;
  return (
    <Stack gap="xs" component="section" aria-label={t('analytics.outcomes.branchTiles')}>
      <ErrorAlert error={board.error} />
      {board.data && board.data.branches.length > 0 && (
        <>
          <Title order={2} size="h5">
            {t('analytics.outcomes.branchTiles')}
          </Title>
          {board.data.branches.map((tile) => (
            <BranchTileView key={tile.branchId} tile={tile} />
          ))}
        </>
      )}
    </Stack>
  );
}
