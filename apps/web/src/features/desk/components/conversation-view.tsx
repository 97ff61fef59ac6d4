import {
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  ScrollArea,
  Select,
  Stack,
  TagsInput,
  Text,
  Title,
} from '@mantine/core';
import { IconCheck, IconClipboardCheck, IconDoorExit } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { useCurrentUser } from '../../auth/api.ts';
import { CreateCaseButton } from '../../cases/components/create-case-button.tsx';
import { EmailHeaders } from '../../email/components/email-headers.tsx';
import { EmailTranscriptButton } from '../../notifications/components/email-transcript.tsx';
import { useCloseConversation, useContactReasons, useConversation, useWrapUp } from '../api.ts';
import { useAgentTypingSignal, useCustomerTyping, useLeaveConsult, useMarkRead } from '../live.ts';
import { reasonOptions } from '../model.ts';
import { TranscriptButton } from './attachment-parts.tsx';
import { statusColors } from './badges.ts';
import { ConsultButton } from './consult-panel.tsx';
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
  const me = useCurrentUser();
  const customerTyping = useCustomerTyping(conversationId);
  const agentTyping = useAgentTypingSignal(conversationId);
  const isAssignee = data?.conversation.assigneeId === me.id;
  // Read receipts: the assignee reading with the tab in view is "seen" for the customer.
  useMarkRead(
    conversationId,
    data?.messages.at(-1)?.seq ?? 0,
    data?.conversation.agentReadSeq ?? 0,
    isAssignee && data?.conversation.status !== 'closed',
  );

  if (isPending) return <Loader aria-label={t('common.loading')} m="md" />;
  if (error || !data) return <ErrorAlert error={error} />;

  const { conversation, messages } = data;
  const contactName = conversation.contactName ?? t('desk.conversations.anonymous');
  const isClosed = conversation.status === 'closed';
  const isConsultant =
    !isAssignee && (data.consultants ?? []).some((c) => c.userId === me.id && c.leftAt === null);
  // Who a note can name with @: the assignee (for a consultant) and the consultants still in.
  const mentionable = [
    ...(conversation.assigneeId && data.assigneeName && !isAssignee
      ? [{ id: conversation.assigneeId, name: data.assigneeName }]
      : []),
    ...(data.consultants ?? [])
      .filter((c) => c.leftAt === null && c.userId !== me.id)
      .map((c) => ({ id: c.userId, name: c.displayName })),
  ];
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
          {isAssignee && isClosed && conversation.channel === 'chat' && (
            <EmailTranscriptButton conversationId={conversation.id} customerId={conversation.customerId} />
          )}
          {isAssignee && (
            <CreateCaseButton
              conversationId={conversation.id}
              customerId={conversation.customerId}
              topic={conversation.topic}
            />
          )}
          {isAssignee && (
            <TransferButton
              conversationId={conversation.id}
              channel={conversation.channel}
              status={conversation.status}
              onTransferred={onClosed}
            />
          )}
          <Group gap="xs" align="flex-start">
            {isAssignee && !isClosed && <ConsultButton conversationId={conversation.id} />}
            {isConsultant ? (
              <LeaveConsult conversationId={conversation.id} onLeft={onClosed} />
            ) : (
              <WrapUpAndClose
                conversationId={conversation.id}
                status={conversation.status}
                onClosed={onClosed}
              />
            )}
          </Group>
        </Group>
      </Group>
      {conversation.channel === 'email' && (
        <EmailHeaders conversationId={conversation.id} messageCount={messages.length} />
      )}
      <Paper withBorder p="sm" style={{ flex: 1, minHeight: 0 }}>
        {/* Focusable, so a keyboard alone can scroll a long transcript (WCAG 2.1.1; axe scrollable-region-focusable). */}
        <ScrollArea
          h="100%"
          type="auto"
          aria-label={t('desk.message.transcript')}
          viewportProps={{ tabIndex: 0 }}
        >
          <MessageList
            messages={messages}
            contactName={contactName}
            conversationId={conversation.id}
            customerReadSeq={conversation.customerReadSeq ?? 0}
            consultants={data.consultants ?? []}
          />
        </ScrollArea>
      </Paper>
      {isConsultant && (
        <Text size="xs" c="dimmed">
          {t('desk.consult.consulting', { name: data.assigneeName ?? t('desk.message.agent') })}
        </Text>
      )}
      <Text size="xs" c="dimmed" role="status" mih={18}>
        {customerTyping && !isClosed ? t('desk.live.customerTyping') : ''}
      </Text>
      <ReplyBox
        conversationId={conversation.id}
        notesOnly={isConsultant}
        mentionable={mentionable}
        onTyping={isAssignee ? agentTyping.input : undefined}
        disabled={isClosed}
        focusOnMount={focusReply}
        language={conversation.language}
        contactName={conversation.contactName}
        channel={conversation.channel}
      />
    </Stack>
  );
}

/** The consultant leaves: the thread records it and the conversation leaves their desk. */
function LeaveConsult({ conversationId, onLeft }: { conversationId: string; onLeft: () => void }) {
  const { t } = useTranslation();
  const leave = useLeaveConsult(conversationId);
  return (
    <Stack gap={4} align="flex-end">
      <Button
        size="xs"
        variant="default"
        leftSection={<IconDoorExit size={16} aria-hidden />}
        loading={leave.isPending}
        onClick={() => leave.mutate(undefined, { onSuccess: onLeft })}
      >
        {t('desk.consult.leave')}
      </Button>
      <ErrorAlert error={leave.error} />
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
  const [tags, setTags] = useState<string[]>([]);

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
        // Wraps: reason, tags and Close do not fit one line of the middle column on a laptop.
        <Group gap="xs" align="flex-end" justify="flex-end" wrap="wrap">
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
          <TagsInput
            size="xs"
            label={t('desk.close.tags')}
            placeholder={t('desk.close.tagsPlaceholder')}
            value={tags}
            onChange={setTags}
            maxTags={10}
            splitChars={[',', ' ']}
            w={200}
          />
          <Button
            size="xs"
            leftSection={<IconCheck size={16} aria-hidden />}
            disabled={!reasonId}
            loading={close.isPending}
            onClick={() =>
              reasonId && close.mutate({ contactReasonId: reasonId, tags }, { onSuccess: onClosed })
            }
          >
            {t('desk.close.action')}
          </Button>
        </Group>
      )}
      <ErrorAlert error={wrapUp.error ?? close.error} />
    </Stack>
  );
}
