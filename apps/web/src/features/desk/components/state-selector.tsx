import { Badge, Button, Group, Menu, Text, Tooltip } from '@mantine/core';
import { IconChevronDown, IconCircleFilled } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { type DeskState, useDeskState, useSetDeskState } from '../api.ts';
import { AWAY_REASONS, formatClock } from '../model.ts';
import { useNow } from '../use-now.ts';
import { WARN_BADGE } from './badges.ts';

const STATE_COLOR: Record<DeskState['state'], string> = {
  available: 'green',
  away: 'orange',
  offline: 'gray',
};

/** The agent's routing state, the time spent in it, and load against capacity per channel. */
export function StateSelector() {
  const { t } = useTranslation();
  const { data: state } = useDeskState();
  const setState = useSetDeskState();
  const now = useNow();
  if (!state) return null;

  const label =
    state.state === 'away' && state.reason
      ? t(`desk.reason.${state.reason}`)
      : t(`desk.state.${state.state}`);
  const elapsed = state.since ? formatClock(now - Date.parse(state.since)) : null;

  return (
    <Group gap="sm" wrap="wrap">
      <Menu position="bottom-start" withinPortal>
        <Menu.Target>
          <Button
            variant="default"
            size="sm"
            loading={setState.isPending}
            leftSection={
              <IconCircleFilled
                size={10}
                color={`var(--mantine-color-${STATE_COLOR[state.state]}-6)`}
                aria-hidden
              />
            }
            rightSection={<IconChevronDown size={14} aria-hidden />}
            aria-label={t('desk.state.change', { state: label, time: elapsed ?? '—' })}
          >
            {label}
            {elapsed && (
              <Text span ml={8} size="sm" c="dimmed" ff="monospace">
                {elapsed}
              </Text>
            )}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => setState.mutate({ state: 'available' })}>
            {t('desk.state.available')}
          </Menu.Item>
          <Menu.Divider />
          <Menu.Label>{t('desk.state.away')}</Menu.Label>
          {AWAY_REASONS.map((reason) => (
            <Menu.Item key={reason} onClick={() => setState.mutate({ state: 'away', reason })}>
              {t(`desk.reason.${reason}`)}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item onClick={() => setState.mutate({ state: 'offline' })}>
            {t('desk.state.offline')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {state.channels.map((channel) => (
        <Tooltip
          key={channel.channel}
          label={t('desk.load', { load: channel.load, capacity: channel.capacity })}
        >
          <Badge
            variant="light"
            {...(channel.load >= channel.capacity ? WARN_BADGE : { color: 'banyan' })}
            aria-label={t('desk.loadLabel', {
              channel: t(`desk.channel.${channel.channel}`, { defaultValue: channel.channel }),
              load: channel.load,
              capacity: channel.capacity,
            })}
          >
            {t(`desk.channel.${channel.channel}`, { defaultValue: channel.channel })} {channel.load}/
            {channel.capacity}
          </Badge>
        </Tooltip>
      ))}
    </Group>
  );
}
