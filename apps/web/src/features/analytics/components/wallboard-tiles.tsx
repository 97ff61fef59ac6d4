import { Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Wallboard } from '../api.ts';
import { LEVEL_COLOR, type Level, longestWaitLevel, percent, seconds, serviceLevelLevel } from '../model.ts';

type Tile = Wallboard['overall'];

function Figure({
  label,
  value,
  level,
  big,
}: {
  label: string;
  value: ReactNode;
  level?: Level;
  big?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Paper
      withBorder
      p="xs"
      role="group"
      aria-label={label}
      style={level ? { borderTop: `4px solid var(--mantine-color-${LEVEL_COLOR[level]}-6)` } : undefined}
    >
      <Text size={big ? 'md' : 'xs'} c="dimmed" lh={1.2}>
        {label}
      </Text>
      <Group gap={6} align="baseline" wrap="nowrap">
        <Text fw={700} fz={big ? 44 : 22} lh={1.3} ff="monospace" style={{ whiteSpace: 'nowrap' }}>
          {value}
        </Text>
        {level && level !== 'none' && (
          // The colour is on the tile's top edge; the word stays dark for contrast.
          <Text size="xs" fw={600}>
            {t(`analytics.level.${level}`)}
          </Text>
        )}
      </Group>
    </Paper>
  );
}

/** One row of figures for a queue (or the whole center); the colours follow the board's thresholds. */
export function TileRow({
  title,
  tile,
  thresholds,
  big,
  agents,
}: {
  title: string;
  tile: Tile;
  thresholds: Wallboard['thresholds'];
  big?: boolean;
  /** The agents who can take this queue's work, by state. */
  agents?: Wallboard['agents'];
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" component="section" aria-label={title}>
      <Title order={2} size={big ? 'h2' : 'h5'} mb="xs">
        {title}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 4, lg: 7 }} spacing="xs">
        <Figure big={big} label={t('analytics.tile.waiting')} value={tile.waiting} />
        <Figure
          big={big}
          label={t('analytics.tile.longestWait')}
          value={seconds(tile.longestWaitSeconds)}
          level={longestWaitLevel(tile.longestWaitSeconds, thresholds)}
        />
        <Figure
          big={big}
          label={t('analytics.tile.serviceLevel')}
          value={percent(tile.serviceLevelToday)}
          level={serviceLevelLevel(tile.serviceLevelToday, thresholds)}
        />
        <Figure big={big} label={t('analytics.tile.asa')} value={seconds(tile.asaSeconds)} />
        <Figure big={big} label={t('analytics.tile.answered')} value={tile.answeredToday} />
        <Figure big={big} label={t('analytics.tile.abandoned')} value={tile.abandonedToday} />
        <Figure big={big} label={t('analytics.tile.csat')} value={percent(tile.csatToday)} />
      </SimpleGrid>
      {agents && <StateBadges agents={agents} big={big} />}
    </Paper>
  );
}

export function AgentStates({ agents, big }: { agents: Wallboard['agents']; big?: boolean }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} component="section" aria-label={t('analytics.agents.title')}>
      <Title order={2} size={big ? 'h2' : 'h5'}>
        {t('analytics.agents.title')}
      </Title>
      <StateBadges agents={agents} big={big} />
    </Stack>
  );
}

function StateBadges({ agents, big }: { agents: Wallboard['agents']; big?: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" mt="xs">
      {(['available', 'busy', 'away', 'offline'] as const).map((state) => (
        <Badge
          key={state}
          size={big ? 'xl' : 'lg'}
          variant="dot"
          color={{ available: 'green', busy: 'blue', away: 'yellow', offline: 'gray' }[state]}
        >
          {t(`analytics.agents.${state}`)}: {agents[state]}
        </Badge>
      ))}
    </Group>
  );
}
