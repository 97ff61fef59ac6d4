import { Button, Group, Kbd, Stack, Switch, Textarea } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconSend } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { type ReplyInput, usePostMessage } from '../api.ts';
import classes from './desk.module.css';

/**
 * The reply box. Ctrl+Enter sends, Alt+N switches between a reply and an internal note. A message
 * keeps its clientId until the server has it, so sending again after a network failure is safe.
 */
export function ReplyBox({
  conversationId,
  disabled,
  focusOnMount,
}: {
  conversationId: string;
  disabled: boolean;
  focusOnMount: boolean;
}) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [isNote, setIsNote] = useState(false);
  const pending = useRef<ReplyInput | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const post = usePostMessage(conversationId);

  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the box first appears
  useEffect(() => {
    if (focusOnMount) textarea.current?.focus();
  }, []);

  useHotkeys([['alt+N', () => setIsNote((value) => !value)]], []);

  const send = () => {
    if (disabled || post.isPending || body.trim() === '') return;
    const kind: ReplyInput['kind'] = isNote ? 'note' : 'text';
    const previous = pending.current;
    const input: ReplyInput =
      previous && previous.body === body && previous.kind === kind
        ? previous
        : { clientId: crypto.randomUUID(), body, kind };
    pending.current = input;
    post.mutate(input, {
      onSuccess: () => {
        pending.current = null;
        setBody((current) => (current === input.body ? '' : current));
      },
    });
  };

  return (
    <Stack gap="xs">
      <ErrorAlert error={post.error} />
      <Textarea
        ref={textarea}
        label={isNote ? t('desk.reply.noteLabel') : t('desk.reply.label')}
        placeholder={isNote ? t('desk.reply.notePlaceholder') : t('desk.reply.placeholder')}
        className={isNote ? classes.noteInput : undefined}
        autosize
        minRows={2}
        maxRows={8}
        value={body}
        disabled={disabled}
        onChange={(event) => {
          setBody(event.currentTarget.value);
          if (post.isError) post.reset();
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            send();
          }
        }}
        aria-keyshortcuts="Control+Enter"
      />
      <Group justify="space-between">
        <Switch
          label={
            <>
              {t('desk.reply.noteToggle')} <Kbd size="xs">Alt+N</Kbd>
            </>
          }
          checked={isNote}
          color="yellow"
          onChange={(event) => setIsNote(event.currentTarget.checked)}
          aria-keyshortcuts="Alt+N"
        />
        <Button
          onClick={send}
          loading={post.isPending}
          disabled={disabled || body.trim() === ''}
          color={isNote ? 'yellow' : undefined}
          autoContrast
          leftSection={<IconSend size={16} aria-hidden />}
          rightSection={<Kbd size="xs">Ctrl+Enter</Kbd>}
        >
          {isNote ? t('desk.reply.addNote') : t('desk.reply.send')}
        </Button>
      </Group>
    </Stack>
  );
}
