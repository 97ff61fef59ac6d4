import { Badge, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationSummary } from '../api.ts';
import { statusColors } from './badges.ts';
import classes from './desk.module.css';

/** The agent's open conversations; arrow keys move the selection. */
export function ConversationList({
  conversations,
  selectedId,
  onSelect,
}: {
  conversations: readonly ConversationSummary[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const time = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' });

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const index = conversations.findIndex((c) => c.id === selectedId);
    const next = conversations[index + (event.key === 'ArrowDown' ? 1 : -1)];
    if (!next) return;
    onSelect(next.id);
    document.getElementById(`desk-conversation-${next.id}`)?.focus();
  };

  if (conversations.length === 0) {
    return (
      <Text size="sm" c="dimmed" p="sm">
        {t('desk.conversations.empty')}
      </Text>
    );
  }
  return (
    <Stack component="ul" gap={2} m={0} p={0} className={classes.list} onKeyDown={onKeyDown}>
      {conversations.map((conversation) => {
        const isSelected = conversation.id === selectedId;
        const last = conversation.lastMessageAt ?? conversation.createdAt;
        return (
          <li key={conversation.id}>
            <UnstyledButton
              id={`desk-conversation-${conversation.id}`}
              className={classes.item}
              data-selected={isSelected || undefined}
              aria-current={isSelected ? 'true' : undefined}
              onClick={() => onSelect(conversation.id)}
            >
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Text size="sm" fw={600} truncate>
                  {conversation.contactName ?? t('desk.conversations.anonymous')}
                </Text>
                <Group gap={4} wrap="nowrap">
                  {(conversation.unreadCount ?? 0) > 0 && (
                    <Badge
                      size="xs"
                      circle
                      aria-label={t('desk.live.unread', { count: conversation.unreadCount })}
                    >
                      {conversation.unreadCount}
                    </Badge>
                  )}
                  <Text size="xs" c="dimmed">
                    {time.format(new Date(last))}
                  </Text>
                </Group>
              </Group>
              <Group gap={4} wrap="nowrap" mt={2}>
                <Badge size="xs" variant="light" {...statusColors(conversation.status)}>
                  {t(`desk.status.${conversation.status}`, { defaultValue: conversation.status })}
                </Badge>
                <Text size="xs" c="dimmed" truncate>
                  {[
                    t(`desk.channel.${conversation.channel}`, { defaultValue: conversation.channel }),
                    conversation.topic,
                    conversation.language,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </Text>
              </Group>
            </UnstyledButton>
          </li>
        );
      })}
    </Stack>
  );
}
