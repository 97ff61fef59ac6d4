import { BarChart } from '@mantine/charts';
import { Card, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../api.ts';

/** Local calendar day (YYYY-MM-DD) of an instant, the unit the operators count in. */
function dayOf(iso: string): string {
  const date = new Date(iso);
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

export function EventsPerDayChart({ events }: { events: AuditEvent[] }) {
  const { t, i18n } = useTranslation();
  const counts = new Map<string, number>();
  for (const event of events) counts.set(dayOf(event.at), (counts.get(dayOf(event.at)) ?? 0) + 1);
  const label = new Intl.DateTimeFormat(i18n.language, { month: 'short', day: 'numeric' });
  const data = [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, count]) => ({ day: label.format(new Date(`${day}T00:00:00`)), events: count }));
  const title = t('audit.perDay');
  return (
    <Card withBorder>
      <Title order={2} size="h5">
        {title}
      </Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t('audit.perDayNote', { count: events.length })}
      </Text>
      <div role="img" aria-label={t('audit.chartSummary', { days: data.length, total: events.length })}>
        <BarChart
          h={160}
          data={data}
          dataKey="day"
          series={[{ name: 'events', label: t('audit.events'), color: 'banyan.7' }]}
          tickLine="y"
          gridAxis="y"
          withTooltip
        />
      </div>
    </Card>
  );
}
