import { Group, Paper, RingProgress, SimpleGrid, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import tone from '../../../shared/tone.module.css';
import type { QueueRow } from '../api.ts';
import {
  formatDuration,
  LEVEL_COLOR,
  type Level,
  serviceLevelLevel,
  toPercent,
  waitLevel,
} from '../model.ts';
import classes from './supervisor.module.css';

/** One figure: label above, value below; a coloured top edge and a word carry the traffic light. */
function Tile({
  label,
  value,
  level,
  children,
}: {
  label: string;
  value: ReactNode;
  level?: Level;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Paper
      withBorder
      p="xs"
      className={classes.tile}
      style={level ? { borderTopColor: `var(--mantine-color-${LEVEL_COLOR[level]}-6)` } : undefined}
    >
      <Text size="xs" c="dimmed" lh={1.2}>
        {label}
      </Text>
      <Group gap={6} align="baseline" wrap="wrap">
        <Text fw={700} fz={22} lh={1.3} ff="monospace" style={{ whiteSpace: 'nowrap' }}>
          {value}
        </Text>
        {level && level !== 'none' && (
          <Text size="xs" fw={600} className={tone[level]}>
            {t(`supervisor.level.${level}`)}
          </Text>
        )}
      </Group>
      {children}
    </Paper>
  );
}

function ServiceLevelTile({ queue }: { queue: QueueRow }) {
  const { t } = useTranslation();
  const percent = toPercent(queue.serviceLevel20s);
  const level = serviceLevelLevel(queue.serviceLevel20s);
  return (
    <Paper
      withBorder
      p="xs"
      className={classes.tile}
      style={{ borderTopColor: `var(--mantine-color-${LEVEL_COLOR[level]}-6)` }}
    >
      <Group gap="xs" wrap="nowrap" justify="space-between">
        <div>
          <Text size="xs" c="dimmed" lh={1.2}>
            {t('supervisor.queue.serviceLevel')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('supervisor.queue.answeredWithin', { count: queue.answeredWithin20s, total: queue.answered })}
          </Text>
          {level !== 'none' && (
            <Text size="xs" fw={600} className={tone[level]}>
              {t(`supervisor.level.${level}`)}
            </Text>
          )}
        </div>
        <RingProgress
          size={64}
          thickness={7}
          roundCaps
          role="img"
          aria-label={
            percent === null
              ? t('supervisor.queue.serviceLevelNone')
              : t('supervisor.queue.serviceLevelValue', { percent })
          }
          sections={percent === null ? [] : [{ value: percent, color: LEVEL_COLOR[level] }]}
          label={
            <Text ta="center" size="xs" fw={700} aria-hidden>
              {percent === null ? '—' : `${percent}%`}
            </Text>
          }
        />
      </Group>
    </Paper>
  );
}

/** A row of tiles per queue: waiting, longest wait, answered, abandoned, service level, ASA. */
export function QueueTiles({ queues }: { queues: readonly QueueRow[] }) {
  const { t } = useTranslation();
  if (queues.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        {t('supervisor.queue.none')}
      </Text>
    );
  }
  return (
    <>
      {queues.map((queue) => (
        <section key={queue.id} aria-labelledby={`queue-${queue.id}`} className={classes.queue}>
          <Group gap="xs" mb={4}>
            <Title order={3} size="h6" id={`queue-${queue.id}`}>
              {queue.name}
            </Title>
            <Text size="xs" c="dimmed">
              {queue.code} ·{' '}
              {queue.channels.map((c) => t(`desk.channel.${c}`, { defaultValue: c })).join(', ')}
            </Text>
          </Group>
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="xs">
            <Tile label={t('supervisor.queue.waiting')} value={queue.waiting} />
            <Tile
              label={t('supervisor.queue.longestWait')}
              value={queue.waiting > 0 ? formatDuration(queue.longestWaitSeconds) : '—'}
              level={queue.waiting > 0 ? waitLevel(queue.longestWaitSeconds) : 'none'}
            />
            <Tile label={t('supervisor.queue.answered')} value={queue.answered} />
            <Tile label={t('supervisor.queue.abandoned')} value={queue.abandoned} />
            <ServiceLevelTile queue={queue} />
            <Tile
              label={t('supervisor.queue.asa')}
              value={queue.answered > 0 ? formatDuration(queue.asaSeconds) : '—'}
            />
          </SimpleGrid>
        </section>
      ))}
    </>
  );
}
