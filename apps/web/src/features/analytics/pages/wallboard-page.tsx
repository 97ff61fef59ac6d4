import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { PageHeader } from '../../../shared/page-header.tsx';
import { type RealtimeEvent, useRealtime } from '../../../shared/use-realtime.ts';
import { browserTimeZone } from '../../supervisor/api.ts';
import { isBoardEvent, throttle } from '../../supervisor/model.ts';
import { useWallboard } from '../api.ts';
import { BranchTiles } from '../components/outcomes.tsx';
import { AgentStates, TileRow } from '../components/wallboard-tiles.tsx';
import { paginate } from '../model.ts';

// Events arrive in bursts: refetch at once, then at most twice a second (within a second of an event).
const REFRESH_THROTTLE_MS = 500;
const FOLLOW_UP_MS = 600;
// The TV shows this many queues at a time and turns the page every so often.
const TV_QUEUES_PER_PAGE = 4;
const TV_PAGE_MS = 10_000;

/**
 * The live wallboard: the whole center and each queue, today since local midnight. `?tv=1` is the
 * wall-screen mode: large figures, no navigation, queue pages rotating.
 */
export function WallboardPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tv = params.get('tv') === '1';
  const timeZone = browserTimeZone();
  const board = useWallboard(timeZone);
  const queryClient = useQueryClient();
  const refresh = useMemo(
    () =>
      throttle(
        () => void queryClient.invalidateQueries({ queryKey: ['analytics', 'wallboard'] }),
        REFRESH_THROTTLE_MS,
      ),
    [queryClient],
  );
  const followUp = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(
    () => () => {
      refresh.cancel();
      clearTimeout(followUp.current);
    },
    [refresh],
  );
  const status = useRealtime((event: RealtimeEvent) => {
    if (!isBoardEvent(event.type)) return;
    refresh.call();
    // Today's figures come from the facts, which the durable handler writes just after the event is
    // pushed: look again shortly, so the tile has moved within a second even after a lone event.
    clearTimeout(followUp.current);
    followUp.current = setTimeout(() => refresh.call(), FOLLOW_UP_MS);
  });

  const pages = paginate(board.data?.queues ?? [], tv ? TV_QUEUES_PER_PAGE : 1000);
  const [page, setPage] = useState(0);
  useEffect(() => {
    if (!tv || pages.length < 2) return;
    const timer = setInterval(() => setPage((p) => (p + 1) % pages.length), TV_PAGE_MS);
    return () => clearInterval(timer);
  }, [tv, pages.length]);
  const shown = pages[page % pages.length] ?? [];

  return (
    <Stack gap="sm">
      <PageHeader
        title={t('analytics.wallboard.title')}
        description={t('analytics.wallboard.description')}
        actions={
          <Group gap="xs">
            <Badge
              variant="dot"
              color={status === 'live' ? 'green' : status === 'connecting' ? 'yellow' : 'red'}
              role="status"
            >
              {t(`desk.realtime.${status}`)}
            </Badge>
            <Button variant="default" size="xs" onClick={() => setParams(tv ? {} : { tv: '1' })}>
              {tv ? t('analytics.wallboard.leaveTv') : t('analytics.wallboard.tv')}
            </Button>
          </Group>
        }
      />
      <ErrorAlert error={board.error} />
      {board.data && (
        <>
          <TileRow
            big={tv}
            title={t('analytics.wallboard.overall')}
            tile={board.data.overall}
            thresholds={board.data.thresholds}
          />
          <AgentStates big={tv} agents={board.data.agents} />
          {tv && pages.length > 1 && (
            <Text size="sm" c="dimmed" aria-live="polite">
              {t('analytics.wallboard.page', { page: (page % pages.length) + 1, pages: pages.length })}
            </Text>
          )}
          {shown.map((queue) => (
            <TileRow
              big={tv}
              key={queue.id}
              title={queue.name}
              tile={queue}
              agents={queue.agents}
              thresholds={board.data.thresholds}
            />
          ))}
        </>
      )}
      <BranchTiles timeZone={timeZone} />
    </Stack>
  );
}
