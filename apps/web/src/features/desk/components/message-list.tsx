import { Stack, Text } from '@mantine/core';
import { IconChecks } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../auth/api.ts';
import type { MessageView } from '../api.ts';
import { AttachmentContent } from './attachment-parts.tsx';
import classes from './desk.module.css';

/** The transcript. Bodies are plain text (React escapes them); internal notes stand out in yellow. */
export function MessageList({
  messages,
  contactName,
  customerReadSeq = 0,
  consultants = [],
  conversationId,
}: {
  messages: readonly MessageView[];
  contactName: string;
  /** Agent replies up to this seq carry a "seen by the customer" tick. */
  customerReadSeq?: number;
  /** Names for the consult events in the thread. */
  consultants?: readonly { userId: string; displayName: string }[];
  /** Makes files downloadable (and images shown) from this conversation. */
  conversationId?: string;
}) {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const end = useRef<HTMLDivElement>(null);
  const time = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' });
  const lastId = messages.at(-1)?.id;

  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll to the newest message when one arrives
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [lastId]);

  const author = (message: MessageView) => {
    if (message.authorType === 'customer') return contactName;
    if (message.authorType === 'agent')
      return message.authorId === me.id ? t('desk.message.you') : t('desk.message.agent');
    return t('desk.message.system');
  };

  /** Consult events are stored as codes (server: conversations.consults.ts) and shown translated. */
  const bodyOf = (message: MessageView) => {
    if (message.authorType !== 'system' || message.kind !== 'note') return message.body;
    const event = { 'consult.joined': 'joined', 'consult.left': 'left' }[message.body];
    if (!event) return message.body;
    const name =
      consultants.find((c) => c.userId === message.authorId)?.displayName ?? t('desk.message.agent');
    return t(`desk.consult.${event}`, { name });
  };

  if (messages.length === 0) {
    return (
      <Text size="sm" c="dimmed" ta="center" py="md">
        {t('desk.message.none')}
      </Text>
    );
  }
  return (
    <Stack gap={6}>
      {messages.map((message) => {
        const isNote = message.kind === 'note';
        const side = isNote
          ? classes.note
          : message.authorType === 'customer'
            ? classes.customer
            : message.authorType === 'agent'
              ? classes.agent
              : classes.system;
        return (
          <div key={message.id} className={`${classes.message} ${side}`}>
            <Text size="xs" c="dimmed" mb={2}>
              {isNote && <strong>{t('desk.message.note')} · </strong>}
              {author(message)} · {time.format(new Date(message.createdAt))}
              {message.authorType === 'agent' && !isNote && message.seq <= customerReadSeq && (
                <>
                  {' · '}
                  <IconChecks size={12} aria-hidden style={{ verticalAlign: 'middle' }} />{' '}
                  {t('desk.live.seen')}
                </>
              )}
            </Text>
            {message.attachment ? (
              <AttachmentContent conversationId={conversationId} attachment={message.attachment} />
            ) : (
              <Text size="sm">{bodyOf(message)}</Text>
            )}
          </div>
        );
      })}
      <div ref={end} />
    </Stack>
  );
}
