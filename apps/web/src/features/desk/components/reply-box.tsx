import { Button, Group, Kbd, Paper, Stack, Switch, Text, Textarea, UnstyledButton } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconSend } from '@tabler/icons-react';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { useCurrentUser } from '../../auth/api.ts';
import { EmailReplyBox } from '../../email/components/email-reply-box.tsx';
import { onInsertIntoReply } from '../../knowledge/live.ts';
import { SmsCounter } from '../../sms/components/sms-counter.tsx';
import { type ReplyInput, useCannedResponses, usePostMessage } from '../api.ts';
import {
  type CannedItem,
  cannedBody,
  fillVariables,
  insertAt,
  matchShortcut,
  typedShortcut,
} from '../canned.ts';
import { findMentions } from '../live-model.ts';
import { AttachButton } from './attachment-parts.tsx';
import { CannedManager } from './canned-manager.tsx';
import { CannedMenu } from './canned-menu.tsx';
import classes from './desk.module.css';

/**
 * The reply box. Ctrl+Enter sends, Alt+N switches between a reply and an internal note. A message
 * keeps its clientId until the server has it, so sending again after a network failure is safe.
 * Canned responses come from a menu or from typing `/` and a shortcut at the start of the box; they
 * are inserted in the conversation's language with `{customerName}` and `{agentName}` filled.
 */
export function ReplyBox({
  conversationId,
  disabled,
  focusOnMount,
  language,
  contactName,
  channel,
  notesOnly = false,
  onTyping,
  mentionable = [],
}: {
  conversationId: string;
  disabled: boolean;
  focusOnMount: boolean;
  /** A consultant writes internal notes only. */
  notesOnly?: boolean;
  /** A keystroke in a reply (not a note): the customer sees "Agent is typing…". */
  onTyping?: () => void;
  /** Colleagues a note can name as `@Name` (they get it pushed to their desk). */
  mentionable?: readonly { id: string; name: string }[];
  /** The conversation's language: canned responses are inserted in it (English when missing). */
  language: string | null;
  contactName: string | null;
  /** An email conversation's replies are written in the email box (rich text, CC, BCC; notes here);
   * an SMS conversation shows the segment and encoding counter under the box. */
  channel?: string;
}) {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const canned = useCannedResponses();
  const [managing, setManaging] = useState(false);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const listId = useId();
  const [body, setBody] = useState('');
  // A knowledge article's answer inserted from the knowledge panel (features/knowledge).
  // In an email conversation the reply is written in the email box: the text goes there.
  const [emailInsertion, setEmailInsertion] = useState<{ text: string; n: number } | null>(null);
  const insertIntoEmail = (text: string) =>
    setEmailInsertion((previous) => ({ text, n: (previous?.n ?? 0) + 1 }));
  useEffect(
    () =>
      onInsertIntoReply(conversationId, (text) =>
        channel === 'email'
          ? setEmailInsertion((previous) => ({ text, n: (previous?.n ?? 0) + 1 }))
          : setBody((current) => (current ? `${current}\n${text}` : text)),
      ),
    [conversationId, channel],
  );
  const [noteChosen, setIsNote] = useState(false);
  const isNote = notesOnly || noteChosen;
  const pending = useRef<ReplyInput | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const post = usePostMessage(conversationId);

  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the box first appears
  useEffect(() => {
    if (focusOnMount) textarea.current?.focus();
  }, []);

  useHotkeys([['alt+N', () => setIsNote((value) => !value)]], []);

  const items = canned.data ?? [];
  const query = typedShortcut(body);
  const suggestions = useMemo(
    () => (query === null || query === dismissed ? [] : matchShortcut(items, query).slice(0, 8)),
    [items, query, dismissed],
  );
  const highlighted = Math.min(active, suggestions.length - 1);

  const fill = (item: CannedItem) => {
    const lang = language && item.bodies[language]?.trim() ? language : 'en';
    return fillVariables(cannedBody(item, lang), {
      customerName: contactName ?? i18n.getFixedT(lang)('desk.conversations.anonymous'),
      agentName: me.displayName,
    });
  };

  /** Replaces a typed `/shortcut`, or else the selection, with the filled response. */
  const insert = (item: CannedItem) => {
    const text = fill(item);
    const element = textarea.current;
    const next =
      typedShortcut(body) !== null
        ? { value: text, caret: text.length }
        : insertAt(body, text, element?.selectionStart ?? body.length, element?.selectionEnd ?? body.length);
    setBody(next.value);
    setActive(0);
    if (post.isError) post.reset();
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(next.caret, next.caret);
    });
  };

  const mentionsIn = (kind: ReplyInput['kind'], text: string) => {
    const ids = kind === 'note' ? findMentions(text, mentionable) : [];
    return ids.length > 0 ? { mentions: ids } : {};
  };

  const send = () => {
    if (disabled || post.isPending || body.trim() === '') return;
    const kind: ReplyInput['kind'] = isNote ? 'note' : 'text';
    const previous = pending.current;
    const input: ReplyInput =
      previous && previous.body === body && previous.kind === kind
        ? previous
        : { clientId: crypto.randomUUID(), body, kind, ...mentionsIn(kind, body) };
    pending.current = input;
    post.mutate(input, {
      onSuccess: () => {
        pending.current = null;
        setBody((current) => (current === input.body ? '' : current));
      },
    });
  };

  const noteSwitch = (
    <Switch
      label={
        <>
          {t('desk.reply.noteToggle')} <Kbd size="xs">Alt+N</Kbd>
        </>
      }
      checked={isNote}
      disabled={notesOnly}
      color="yellow"
      onChange={(event) => setIsNote(event.currentTarget.checked)}
      aria-keyshortcuts="Alt+N"
    />
  );

  if (channel === 'email' && !isNote)
    return (
      <>
        <EmailReplyBox
          conversationId={conversationId}
          disabled={disabled}
          insertion={emailInsertion}
          actions={
            <>
              <CannedMenu
                items={items}
                disabled={disabled}
                onPick={(item) => insertIntoEmail(fill(item))}
                onManage={() => setManaging(true)}
              />
              <AttachButton conversationId={conversationId} disabled={disabled} />
              {noteSwitch}
            </>
          }
        />
        <CannedManager opened={managing} items={items} onClose={() => setManaging(false)} />
      </>
    );

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
          if (!isNote) onTyping?.();
        }}
        onKeyDown={(event) => {
          if (suggestions.length > 0 && !event.ctrlKey && !event.metaKey) {
            const chosen = suggestions[highlighted];
            if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
              event.preventDefault();
              const step = event.key === 'ArrowDown' ? 1 : -1;
              setActive((highlighted + step + suggestions.length) % suggestions.length);
              return;
            }
            if ((event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey && chosen) {
              event.preventDefault();
              insert(chosen);
              return;
            }
            if (event.key === 'Escape') {
              event.preventDefault();
              event.stopPropagation();
              setDismissed(query);
              return;
            }
          }
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            send();
          }
        }}
        aria-keyshortcuts="Control+Enter"
        description={t('desk.canned.slashHint')}
        aria-autocomplete="list"
        aria-controls={suggestions.length > 0 ? listId : undefined}
        aria-activedescendant={suggestions.length > 0 ? `${listId}-${highlighted}` : undefined}
      />
      {channel === 'sms' && !isNote && <SmsCounter text={body} />}
      {suggestions.length > 0 && (
        <Paper withBorder shadow="sm" p={4}>
          <div id={listId} role="listbox" aria-label={t('desk.canned.suggestions')}>
            {suggestions.map((item, index) => (
              <UnstyledButton
                key={item.id}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === highlighted}
                tabIndex={-1}
                className={classes.suggestion}
                data-active={index === highlighted || undefined}
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => insert(item)}
              >
                <Text span size="sm" ff="monospace" fw={600}>
                  /{item.shortcut}
                </Text>{' '}
                <Text span size="sm">
                  {item.title}
                </Text>{' '}
                <Text span size="xs" c="dimmed">
                  · {t(`desk.canned.scopes.${item.scope}`)}
                </Text>
              </UnstyledButton>
            ))}
          </div>
          <Text size="xs" c="dimmed" px={6}>
            {t('desk.canned.suggestionsHelp')}
          </Text>
        </Paper>
      )}
      <Group justify="space-between">
        <Group gap="sm">
          <CannedMenu items={items} disabled={disabled} onPick={insert} onManage={() => setManaging(true)} />
          <AttachButton conversationId={conversationId} disabled={disabled || isNote} />
          {noteSwitch}
        </Group>
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
      <CannedManager opened={managing} items={items} onClose={() => setManaging(false)} />
    </Stack>
  );
}
