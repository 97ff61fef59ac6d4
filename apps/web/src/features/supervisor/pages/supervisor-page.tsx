import { Badge, Grid, Paper, Stack, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { PageHeader } from '../../../shared/page-header.tsx';
import { type RealtimeEvent, useRealtime } from '../../../shared/use-realtime.ts';
import { invalidateBoards, supervisorKeys, useAgentBoard, useQueueBoard } from '../api.ts';
import { AgentsTable } from '../components/agents-table.tsx';
import { MonitorPanel, type MonitorTarget } from '../components/monitor-panel.tsx';
import { QueueTiles } from '../components/queue-tiles.tsx';
import { WaitingChart } from '../components/waiting-chart.tsx';
import { isBoardEvent, throttle } from '../model.ts';

// However busy the center, the boards refetch at most once a second.
const REFRESH_THROTTLE_MS = 1000;

/** The supervisor's live view: queues as tiles and a chart, agents as a table; pushed, not polled. */
export function SupervisorPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const queues = useQueueBoard();
  const agents = useAgentBoard();
  const [monitor, setMonitor] = useState<MonitorTarget | null>(null);

  const refresh = useMemo(
    () => throttle(() => invalidateBoards(queryClient), REFRESH_THROTTLE_MS),
    [queryClient],
  );
  useEffect(() => () => refresh.cancel(), [refresh]);

  const status = useRealtime((event: RealtimeEvent) => {
    if (!isBoardEvent(event.type)) return;
    refresh.call();
    const conversationId = (event.data as { conversationId?: string; refId?: string } | undefined)
      ?.conversationId;
    if (monitor && conversationId === monitor.conversation.id) {
      void queryClient.invalidateQueries({ queryKey: supervisorKeys.conversation(conversationId) });
    }
  });

  const queueItems = queues.data ?? [];
  const channels = useMemo(() => new Set(queueItems.flatMap((queue) => queue.channels)), [queueItems]);

  return (
    <Stack gap="sm">
      <PageHeader
        title={t('supervisor.title')}
        description={t('supervisor.description')}
        actions={
          <Badge
            variant="dot"
            color={status === 'live' ? 'green' : status === 'connecting' ? 'yellow' : 'red'}
            role="status"
          >
            {t(`desk.realtime.${status}`)}
          </Badge>
        }
      />
      <section aria-labelledby="supervisor-queues-title">
        <Title order={2} size="h5" id="supervisor-queues-title" mb="xs">
          {t('supervisor.queue.title')}
        </Title>
        <ErrorAlert error={queues.error} />
        <QueueTiles queues={queueItems} />
      </section>
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <WaitingChart queues={queueItems} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Paper withBorder p="xs" component="section" aria-labelledby="supervisor-agents-title">
            <Title order={2} size="h6" id="supervisor-agents-title" mb="xs">
              {t('supervisor.agents.title', { count: agents.data?.length ?? 0 })}
            </Title>
            <ErrorAlert error={agents.error} />
            <AgentsTable
              agents={agents.data ?? []}
              updatedAt={agents.dataUpdatedAt}
              channels={channels}
              onOpenConversation={(conversation, agent) => setMonitor({ conversation, agent })}
            />
          </Paper>
        </Grid.Col>
      </Grid>
      <MonitorPanel target={monitor} agents={agents.data ?? []} onClose={() => setMonitor(null)} />
    </Stack>
  );
}
