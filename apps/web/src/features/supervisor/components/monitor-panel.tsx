import { Badge, Button, Group, Loader, ScrollArea, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { notifySuccess } from '../../../shared/notify.ts';
import { SidePanel } from '../../../shared/side-panel.tsx';
import { MessageList } from '../../desk/components/message-list.tsx';
import { type AgentConversation, type AgentRow, useMonitoredConversation, useReassign } from '../api.ts';
import { stateLabel } from './agents-table.tsx';

export interface MonitorTarget {
  conversation: AgentConversation;
  agent: AgentRow;
}

/** Read-only view of an agent's conversation, with a reassign to another agent of the board. */
export function MonitorPanel({
  target,
  agents,
  onClose,
}: {
  target: MonitorTarget | null;
  agents: readonly AgentRow[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <SidePanel
      opened={target !== null}
      onClose={onClose}
      size="lg"
      title={
        target
          ? t('supervisor.monitor.title', {
              contact: target.conversation.contactName ?? t('desk.conversations.anonymous'),
              name: target.agent.displayName,
            })
          : ''
      }
    >
      {target && (
        <MonitorBody key={target.conversation.id} target={target} agents={agents} onDone={onClose} />
      )}
    </SidePanel>
  );
}

function MonitorBody({
  target,
  agents,
  onDone,
}: {
  target: MonitorTarget;
  agents: readonly AgentRow[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const detail = useMonitoredConversation(target.conversation.id);
  const reassign = useReassign();
  const [agentId, setAgentId] = useState<string | null>(null);
  const conversation = detail.data?.conversation;
  const holder = conversation?.assigneeId ?? target.agent.userId;
  const options = agents
    .filter((agent) => agent.userId !== holder)
    .map((agent) => {
      const chat = agent.channels.find((c) => c.channel === (conversation?.channel ?? 'chat'));
      const load = chat ? ` · ${chat.load}/${chat.capacity}` : '';
      return { value: agent.userId, label: `${agent.displayName} (${stateLabel(t, agent)}${load})` };
    });

  return (
    <Stack gap="sm">
      <ErrorAlert error={detail.error} />
      {detail.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
      {conversation && (
        <Group gap="xs">
          <Text fw={600}>{conversation.contactName ?? t('desk.conversations.anonymous')}</Text>
          <Badge variant="light" color="banyan" tt="none">
            {t(`desk.status.${conversation.status}`, { defaultValue: conversation.status })}
          </Badge>
          <Text size="xs" c="dimmed">
            {t(`desk.channel.${conversation.channel}`, { defaultValue: conversation.channel })}
            {conversation.topic ? ` · ${conversation.topic}` : ''}
          </Text>
        </Group>
      )}
      <section aria-labelledby="supervisor-monitor-transcript">
        <Title order={3} size="h6" id="supervisor-monitor-transcript" mb={4}>
          {t('desk.message.transcript')}
        </Title>
        <ScrollArea.Autosize mah="50dvh">
          {detail.data && (
            <MessageList
              messages={detail.data.messages}
              conversationId={detail.data.conversation.id}
              contactName={conversation?.contactName ?? t('desk.conversations.anonymous')}
            />
          )}
        </ScrollArea.Autosize>
      </section>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!agentId) return;
          reassign.mutate(
            { conversationId: target.conversation.id, agentId },
            {
              onSuccess: () => {
                const name = agents.find((a) => a.userId === agentId)?.displayName ?? '';
                notifySuccess(t('supervisor.reassign.done', { name }));
                onDone();
              },
            },
          );
        }}
      >
        <Stack gap="xs">
          <Title order={3} size="h6">
            {t('supervisor.reassign.title')}
          </Title>
          <Select
            label={t('supervisor.reassign.to')}
            placeholder={t('supervisor.reassign.placeholder')}
            data={options}
            value={agentId}
            onChange={setAgentId}
            searchable
            nothingFoundMessage={t('supervisor.agents.none')}
            comboboxProps={{ withinPortal: true }}
          />
          <ErrorAlert error={reassign.error} />
          <Group justify="flex-end">
            <Button type="submit" disabled={!agentId} loading={reassign.isPending}>
              {t('supervisor.reassign.action')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
