import { ActionIcon, Badge, Button, Group, Menu, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconDots, IconEye } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { WARN_BADGE } from '../../desk/components/badges.ts';
import { AWAY_REASONS, formatClock } from '../../desk/model.ts';
import { useNow } from '../../desk/use-now.ts';
import { type AgentConversation, type AgentRow, useSetAgentCapacity, useSetAgentState } from '../api.ts';

/** The chat capacities a supervisor can pick from the agent's menu. */
const CHAT_CAPACITIES = [1, 2, 3, 4, 5] as const;

// A dot badge: the colour is in the dot, the text keeps the default contrast.
const STATE_DOT: Record<string, string> = { available: 'green', away: 'yellow', offline: 'gray' };

export function stateLabel(t: (key: string) => string, agent: Pick<AgentRow, 'state' | 'reason'>) {
  const state = t(`desk.state.${agent.state}`);
  return agent.state === 'away' && agent.reason ? `${state} · ${t(`desk.reason.${agent.reason}`)}` : state;
}

/**
 * The agents a supervisor sees: state with reason, time in it (ticking), load per channel, and a menu
 * to change the state or monitor one of their open conversations (from the board, labelled by contact). `updatedAt` is when the board was read,
 * so the clocks keep running between refreshes.
 */
export function AgentsTable({
  agents,
  updatedAt,
  channels,
  onOpenConversation,
}: {
  agents: readonly AgentRow[];
  updatedAt: number;
  /** Channels to show load for (those the queues serve); a channel with load always shows. */
  channels: ReadonlySet<string>;
  onOpenConversation: (conversation: AgentConversation, agent: AgentRow) => void;
}) {
  const { t } = useTranslation();
  const now = useNow();
  const setState = useSetAgentState();
  const setCapacity = useSetAgentCapacity();
  const channelName = (channel: string) => t(`desk.channel.${channel}`, { defaultValue: channel });
  const contactOf = (conversation: AgentConversation) =>
    conversation.contactName ?? t('desk.conversations.anonymous');

  if (agents.length === 0) {
    return (
      <Text c="dimmed" size="sm" p="xs">
        {t('supervisor.agents.none')}
      </Text>
    );
  }

  return (
    <Table.ScrollContainer minWidth={680}>
      <Table striped highlightOnHover verticalSpacing={4} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('supervisor.agents.name')}</Table.Th>
            <Table.Th>{t('supervisor.agents.state')}</Table.Th>
            <Table.Th>{t('supervisor.agents.timeInState')}</Table.Th>
            <Table.Th>{t('supervisor.agents.load')}</Table.Th>
            <Table.Th>{t('supervisor.agents.conversations')}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {agents.map((agent) => {
            const elapsed = formatClock((agent.secondsInState * 1000 || 0) + (now - updatedAt));
            const shown = agent.channels.filter((c) => c.load > 0 || channels.has(c.channel));
            const conversations = agent.conversations;
            return (
              <Table.Tr key={agent.userId}>
                <Table.Td>
                  <Text size="sm" fw={500} lh={1.2}>
                    {agent.displayName}
                  </Text>
                  <Text size="xs" c="dimmed" lh={1.2}>
                    {agent.username}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="dot" color={STATE_DOT[agent.state] ?? 'gray'} tt="none">
                    {stateLabel(t, agent)}
                  </Badge>
                </Table.Td>
                <Table.Td ff="monospace">{elapsed}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {shown.map((c) => (
                      <Badge
                        key={c.channel}
                        variant="outline"
                        tt="none"
                        {...(c.load >= c.capacity && c.capacity > 0 ? WARN_BADGE : { color: 'banyan' })}
                        aria-label={t('desk.loadLabel', {
                          channel: channelName(c.channel),
                          load: c.load,
                          capacity: c.capacity,
                        })}
                      >
                        {channelName(c.channel)} {c.load}/{c.capacity}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  {conversations.length === 0 ? (
                    <Text size="xs" c="dimmed">
                      {t('supervisor.agents.noConversations')}
                    </Text>
                  ) : (
                    <Stack gap={2} align="flex-start">
                      {conversations.map((conversation) => (
                        <Button
                          key={conversation.id}
                          variant="subtle"
                          size="compact-xs"
                          leftSection={<IconEye size={14} aria-hidden />}
                          onClick={() => onOpenConversation(conversation, agent)}
                          aria-label={t('supervisor.agents.monitorLabel', {
                            contact: contactOf(conversation),
                            channel: channelName(conversation.channel),
                            status: t(`desk.status.${conversation.status}`, {
                              defaultValue: conversation.status,
                            }),
                            agent: agent.displayName,
                          })}
                        >
                          {contactOf(conversation)} · {channelName(conversation.channel)}
                        </Button>
                      ))}
                    </Stack>
                  )}
                </Table.Td>
                <Table.Td>
                  <Menu position="bottom-end" withinPortal>
                    <Menu.Target>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={t('supervisor.agents.actions', { name: agent.displayName })}
                      >
                        <IconDots size={16} aria-hidden />
                      </ActionIcon>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Label>{t('supervisor.agents.setState')}</Menu.Label>
                      <Menu.Item
                        disabled={agent.state === 'available'}
                        onClick={() => setState.mutate({ userId: agent.userId, state: 'available' })}
                      >
                        {t('desk.state.available')}
                      </Menu.Item>
                      {AWAY_REASONS.map((reason) => (
                        <Menu.Item
                          key={reason}
                          disabled={agent.state === 'away' && agent.reason === reason}
                          onClick={() => setState.mutate({ userId: agent.userId, state: 'away', reason })}
                        >
                          {t('desk.state.away')} · {t(`desk.reason.${reason}`)}
                        </Menu.Item>
                      ))}
                      <Menu.Item
                        disabled={agent.state === 'offline'}
                        onClick={() => setState.mutate({ userId: agent.userId, state: 'offline' })}
                      >
                        {t('desk.state.offline')}
                      </Menu.Item>
                      <Menu.Divider />
                      <Menu.Label>{t('supervisor.agents.chatCapacity')}</Menu.Label>
                      <Group
                        gap={4}
                        px="xs"
                        pb={4}
                        role="group"
                        aria-label={t('supervisor.agents.chatCapacity')}
                      >
                        {CHAT_CAPACITIES.map((capacity) => {
                          const current = agent.channels.find((c) => c.channel === 'chat')?.capacity;
                          return (
                            <Button
                              key={capacity}
                              size="compact-xs"
                              variant={current === capacity ? 'filled' : 'default'}
                              aria-pressed={current === capacity}
                              aria-label={t('supervisor.agents.chatCapacityLabel', { count: capacity })}
                              onClick={() =>
                                setCapacity.mutate({ userId: agent.userId, channel: 'chat', capacity })
                              }
                            >
                              {capacity}
                            </Button>
                          );
                        })}
                      </Group>
                      <Menu.Divider />
                      <Menu.Label>{t('supervisor.agents.conversations')}</Menu.Label>
                      {conversations.length === 0 ? (
                        <Menu.Item disabled>{t('supervisor.agents.noConversations')}</Menu.Item>
                      ) : (
                        conversations.map((conversation) => (
                          <Menu.Item
                            key={conversation.id}
                            leftSection={<IconEye size={14} aria-hidden />}
                            onClick={() => onOpenConversation(conversation, agent)}
                          >
                            {t('supervisor.agents.openConversation', {
                              contact: contactOf(conversation),
                              channel: channelName(conversation.channel),
                            })}
                          </Menu.Item>
                        ))
                      )}
                    </Menu.Dropdown>
                  </Menu>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
