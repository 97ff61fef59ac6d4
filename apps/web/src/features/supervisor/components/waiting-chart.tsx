import { BarChart } from '@mantine/charts';
import { Paper, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { QueueRow } from '../api.ts';

/** Contacts waiting per queue, as bars; a hidden sentence says the same for screen readers. */
export function WaitingChart({ queues }: { queues: readonly QueueRow[] }) {
  const { t } = useTranslation();
  const data = queues.map((queue) => ({ queue: queue.code, waiting: queue.waiting }));
  const summary = queues
    .map((queue) => t('supervisor.chart.item', { queue: queue.name, count: queue.waiting }))
    .join('; ');
  return (
    <Paper withBorder p="xs" component="figure" m={0} aria-labelledby="supervisor-chart-title">
      <Title order={2} size="h6" id="supervisor-chart-title" mb="xs">
        {t('supervisor.chart.title')}
      </Title>
      {queues.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('supervisor.queue.none')}
        </Text>
      ) : (
        <>
          <div aria-hidden>
            <BarChart
              h={Math.max(140, queues.length * 34)}
              data={data}
              dataKey="queue"
              orientation="vertical"
              yAxisProps={{ width: 72 }}
              xAxisProps={{ allowDecimals: false }}
              series={[{ name: 'waiting', label: t('supervisor.queue.waiting'), color: 'banyan.6' }]}
              withTooltip={false}
              barProps={{ radius: 3 }}
              // Hidden from assistive tech (the caption says it): nothing inside may take focus.
              barChartProps={{ accessibilityLayer: false }}
            />
          </div>
          <VisuallyHidden component="figcaption">{summary}</VisuallyHidden>
        </>
      )}
    </Paper>
  );
}
