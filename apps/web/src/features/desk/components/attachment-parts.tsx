import { Anchor, Button, FileButton, Group, Image, Stack, Text } from '@mantine/core';
import { IconDownload, IconFileDownload, IconFileTypePdf, IconPaperclip } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageView } from '../../../app/contracts.ts';
import tone from '../../../shared/tone.module.css';
import { useCurrentUser } from '../../auth/api.ts';
import {
  ACCEPTED_TYPES,
  attachmentUrl,
  checkFile,
  formatSize,
  MAX_FILE_MB,
  useUploadAttachment,
} from '../attachments.ts';
import { buildDeskTranscript, downloadText } from '../transcript.ts';

type AttachmentView = NonNullable<MessageView['attachment']>;

/**
 * A file in the transcript: an image as a thumbnail, a PDF as a chip; either downloads on click.
 * The desk is signed in by cookie, so the API address works for both (served as an attachment).
 */
export function AttachmentContent({
  conversationId,
  attachment,
}: {
  conversationId?: string;
  attachment: AttachmentView;
}) {
  const { t, i18n } = useTranslation();
  const size = formatSize(attachment.size, i18n.language);
  const label = `${attachment.name} · ${size}`;
  if (!conversationId) return <Text size="sm">{label}</Text>;
  const url = attachmentUrl(conversationId, attachment.id);
  return (
    <Anchor
      href={url}
      download={attachment.name}
      size="sm"
      title={t('desk.files.download', { name: attachment.name, size })}
    >
      <Stack gap={4} align="flex-start">
        {attachment.contentType.startsWith('image/') ? (
          <Image
            src={url}
            alt={t('desk.files.image', { name: attachment.name })}
            maw={240}
            mah={180}
            fit="contain"
            radius="sm"
          />
        ) : (
          <IconFileTypePdf size={28} aria-hidden />
        )}
        <Group gap={4} wrap="nowrap">
          <IconDownload size={14} aria-hidden />
          <span>{label}</span>
        </Group>
      </Stack>
    </Anchor>
  );
}

/** Sends an image or a PDF to the customer (checked here first, sniffed by the server). */
export function AttachButton({ conversationId, disabled }: { conversationId: string; disabled: boolean }) {
  const { t } = useTranslation();
  const upload = useUploadAttachment(conversationId);
  const reset = useRef<() => void>(null);
  const [refused, setRefused] = useState<string | null>(null);

  const send = (file: File | null) => {
    reset.current?.();
    if (!file) return;
    const problem = checkFile(file);
    setRefused(problem ? t(`desk.files.${problem}`, { max: MAX_FILE_MB }) : null);
    // A new clientId per chosen file; Retry sends the same one again, so it is stored once.
    if (!problem) upload.mutate({ clientId: crypto.randomUUID(), file });
  };

  const error = refused ?? upload.error?.message ?? null;
  return (
    <Group gap={6} wrap="nowrap">
      <FileButton
        onChange={send}
        accept={ACCEPTED_TYPES.join(',')}
        resetRef={reset}
        disabled={disabled || upload.isPending}
      >
        {(props) => (
          <Button
            {...props}
            variant="default"
            size="xs"
            loading={upload.isPending}
            leftSection={<IconPaperclip size={16} aria-hidden />}
            title={t('desk.files.hint', { max: MAX_FILE_MB })}
          >
            {t('desk.files.attach')}
          </Button>
        )}
      </FileButton>
      {error && (
        <Text size="xs" className={tone.alert} role="alert">
          {error}
          {!refused && upload.variables && (
            <Button
              variant="subtle"
              size="compact-xs"
              ml={4}
              onClick={() => upload.variables && upload.mutate(upload.variables)}
            >
              {t('desk.files.retry')}
            </Button>
          )}
        </Text>
      )}
    </Group>
  );
}

/** Downloads the conversation as text: times in the agent's zone, internal notes marked. */
export function TranscriptButton({
  contactName,
  messages,
}: {
  contactName: string;
  messages: readonly MessageView[];
}) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const download = () => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const text = buildDeskTranscript(messages, {
      myId: me.id,
      labels: {
        title: t('desk.files.transcriptTitle', { name: contactName }),
        timeZone: t('desk.files.timeZone', { zone }),
        customer: contactName,
        agent: t('desk.message.agent'),
        you: t('desk.message.you'),
        system: t('desk.message.system'),
        note: `[${t('desk.message.note')}]`,
        file: t('desk.files.file'),
      },
    });
    downloadText(text, `conversation-${new Date().toISOString().slice(0, 10)}.txt`);
  };
  return (
    <Button
      size="xs"
      variant="default"
      leftSection={<IconFileDownload size={16} aria-hidden />}
      disabled={messages.length === 0}
      onClick={download}
    >
      {t('desk.files.transcript')}
    </Button>
  );
}
