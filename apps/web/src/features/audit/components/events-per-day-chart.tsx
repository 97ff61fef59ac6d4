import { BarChart } from '@mantine/charts';
import { Card, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditItem } from '../api.ts';

const DAY_MS = 86_400_000;
// A longer range would make bars too thin to read; the table below still lists every event.
const MAX_DAYS = 92;

/** Local calendar day (YYYY-MM-DD) of a date, the unit operators count in. */
function dayOf(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

/** Every day of the range, including days without events, so gaps read as zero rather than vanish. */
function daysBetween(first: string, last: string): string[] {
  const days: string[] = [];
  const end = new Date(`${last}T12:00:00`).getTime();
  for (
    let time = new Date(`${first}T12:00:00`).getTime();
    time <= end && days.length < MAX_DAYS;
    time += DAY_MS
  ) {
    days.push(dayOf(new Date(time)));
  }
  return days;
}

interface EventsPerDayChartProps {
  events: AuditItem[];
  /** The filter's range as YYYY-MM-DD; an open side is taken from the events. */
  fromDay: string;
  toDay: string;
}

export function EventsPerDayChart({ events, fromDay, toDay }: EventsPerDayChartProps) {
  const { t, i18n } = useTranslation();
  const counts = new Map<string, number>();
  for (const event of events) {
    const day = dayOf(new Date(event.at));
    counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  const seen = [...counts.keys()].sort();
  const first = fromDay || seen[0];
  const last = toDay || seen[seen.length - 1];
  const label = new Intl.DateTimeFormat(i18n.language, { month: 'short', day: 'numeric' });
  const data =
    first && last
      ? daysBetween(first, last).map((day) => ({
          day: label.format(new Date(`${day}T12:00:00`)),
          events: counts.get(day) ?? 0,
        }))
      : [];
  return (
    <Card withBorder>
      <Title order={2} size="h5">
        {t('audit.perDay')}
      </Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t('audit.perDayNote', { count: events.length })}
      </Text>
      <div role="img" aria-label={t('audit.chartSummary', { days: data.length, total: events.length })}>
        <BarChart
          h={160}
          data={data}
          dataKey="day"
          series={[{ name: 'events', label: t('audit.events'), color: 'banyan.6' }]}
          maxBarWidth={48}
          tickLine="y"
          gridAxis="y"
          withTooltip
        />
      </div>
    </Card>
  );
}
