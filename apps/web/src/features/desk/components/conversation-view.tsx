import { Badge, Button, Group, Loader, Paper, ScrollArea, Select, Stack, Text, Title } from '@mantine/core';
import { IconCheck, IconClipboardCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { useCloseConversation, useContactReasons, useConversation, useWrapUp } from '../api.ts';
import { reasonOptions } from '../model.ts';
import { TranscriptButton } from './attachment-parts.tsx';
import { statusColors } from './badges.ts';
import { MessageList } from './message-list.tsx';
import { ReplyBox } from './reply-box.tsx';
import { TransferButton } from './transfer-dialog.tsx';

/** One conversation: its details, transcript, reply box, wrap-up and close. */
export function ConversationView({
  conversationId,
  focusReply,
  onClosed,
}: {
  conversationId: string;
  focusReply: boolean;
  onClosed: () => void;
}) {
  const { t } = useTranslation();
  const { data, error, isPending } = useConversation(conversationId);

  if (isPending) return <Loader aria-label={t('common.loading')} m="md" />;
  if (error || !data) return <ErrorAlert error={error} />;

  const { conversation, messages } = data;
  const contactName = conversation.contactName ?? t('desk.conversations.anonymous');
  const isClosed = conversation.status === 'closed';
  return (
    <Stack gap="sm" h="100%">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <div>
          <Title order={2} size="h4">
            {contactName}
          </Title>
          <Group gap={6}>
            <Badge size="sm" variant="light" {...statusColors(conversation.status)}>
              {t(`desk.status.${conversation.status}`, { defaultValue: conversation.status })}
            </Badge>
            <Text size="xs" c="dimmed">
              {[
                t(`desk.channel.${conversation.channel}`, { defaultValue: conversation.channel }),
                conversation.topic,
                conversation.language,
              ]
                .filter(Boolean)
                .join(' · ')}
            </Text>
          </Group>
        </div>
        <Group gap="xs" align="flex-start">
          <TranscriptButton contactName={contactName} messages={messages} />
          <TransferButton
            conversationId={conversation.id}
            channel={conversation.channel}
            status={conversation.status}
            onTransferred={onClosed}
          />
          <WrapUpAndClose conversationId={conversation.id} status={conversation.status} onClosed={onClosed} />
        </Group>
      </Group>
      <Paper withBorder p="sm" style={{ flex: 1, minHeight: 0 }}>
        <ScrollArea h="100%" type="auto" aria-label={t('desk.message.transcript')}>
          <MessageList messages={messages} contactName={contactName} conversationId={conversation.id} />
        </ScrollArea>
      </Paper>
      <ReplyBox
        conversationId={conversation.id}
        disabled={isClosed}
        focusOnMount={focusReply}
        language={conversation.language}
        contactName={conversation.contactName}
      />
    </Stack>
  );
}

/** Wrap-up first (after-contact work), then close with a contact reason. */
function WrapUpAndClose({
  conversationId,
  status,
  onClosed,
}: {
  conversationId: string;
  status: string;
  onClosed: () => void;
}) {
  const { t, i18n } = useTranslation();
  const wrapUp = useWrapUp(conversationId);
  const close = useCloseConversation(conversationId);
  const reasons = useContactReasons();
  const [reasonId, setReasonId] = useState<string | null>(null);

  return (
    <Stack gap={4} align="flex-end">
      {status === 'active' && (
        <Button
          size="xs"
          variant="default"
          leftSection={<IconClipboardCheck size={16} aria-hidden />}
          loading={wrapUp.isPending}
          onClick={() => wrapUp.mutate(undefined)}
        >
          {t('desk.wrapUp.action')}
        </Button>
      )}
      {status === 'wrap_up' && (
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <Select
            size="xs"
            label={t('desk.close.reason')}
            placeholder={t('desk.close.reasonPlaceholder')}
            data={reasonOptions(reasons.data?.items ?? [], i18n.language)}
            searchable
            value={reasonId}
            onChange={setReasonId}
            required
            w={200}
          />
          <Button
            size="xs"
            leftSection={<IconCheck size={16} aria-hidden />}
            disabled={!reasonId}
            loading={close.isPending}
            onClick={() => reasonId && close.mutate({ contactReasonId: reasonId }, { onSuccess: onClosed })}
          >
            {t('desk.close.action')}
          </Button>
        </Group>
      )}
      <ErrorAlert error={wrapUp.error ?? close.error} />
    </Stack>
  );
}
