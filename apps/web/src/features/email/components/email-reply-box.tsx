import { Box, Button, Checkbox, Group, Kbd, Loader, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { lazy, type ReactNode, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { type EmailReplyInput, usePostEmailReply } from '../../desk/api.ts';
import { invalidAddress, splitAddresses } from '../addresses.ts';
import { useEmailCompose } from '../api.ts';

const RichReplyEditor = lazy(() => import('./rich-reply-editor.tsx'));

/**
 * The reply box of an email conversation: a rich-text editor (its own chunk), CC and BCC. The
 * addresses are checked here for a quick hint and again by the server (which also sanitizes the
 * HTML). A reply keeps its clientId until the server has it, so sending again is safe.
 */
export function EmailReplyBox({
  conversationId,
  disabled,
  actions,
  insertion,
}: {
  conversationId: string;
  disabled: boolean;
  /** Text to add at the end (a canned response, a knowledge answer); `n` counts the insertions. */
  insertion: { text: string; n: number } | null;
  /** Buttons beside Send (attach, the note switch). */
  actions: ReactNode;
}) {
  const { t } = useTranslation();
  const post = usePostEmailReply(conversationId);
  const [isEmpty, setEmpty] = useState(true);
  const [cc, setCc] = useState('');
  const [bcc, setBcc] = useState('');
  const [showCopies, setShowCopies] = useState(false);
  const compose = useEmailCompose(conversationId);
  const [addSignature, setAddSignature] = useState(true);
  // A template goes in at the cursor (the editor inserts it); `n` counts the insertions.
  const [templateInsert, setTemplateInsert] = useState<{ html: string; n: number } | null>(null);
  const signature = compose.data?.signature ?? null;
  const [checked, setChecked] = useState(false);
  // A new editor (empty) after each sent reply.
  const [generation, setGeneration] = useState(0);
  const pending = useRef<EmailReplyInput | null>(null);
  // The editor starts from `seed` (remounted with it on an insertion). What it holds now is kept in
  // a ref, set as the editor reports each change: Ctrl+Enter right after the last keystroke sends
  // that keystroke too, though React has not rendered it yet.
  const [seed, setSeed] = useState('');
  const content = useRef({ html: '', isEmpty: true });
  const edited = (html: string, empty: boolean) => {
    content.current = { html, isEmpty: empty };
    setEmpty(empty);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per insertion
  useEffect(() => {
    if (!insertion) return;
    const added = textToHtml(insertion.text);
    const next = content.current.isEmpty ? added : `${content.current.html}${added}`;
    setSeed(next);
    edited(next, false);
    setGeneration((g) => g + 1);
  }, [insertion?.n]);

  const ccError = invalidAddress(cc);
  const bccError = invalidAddress(bcc);
  const copyError = (bad: string | null) =>
    checked && bad !== null ? t('emailReply.invalidAddress', { address: bad }) : undefined;

  const send = () => {
    setChecked(true);
    const { html, isEmpty: hasNothing } = content.current;
    if (disabled || post.isPending || hasNothing || ccError !== null || bccError !== null) return;
    const next = {
      html,
      cc: splitAddresses(cc),
      bcc: splitAddresses(bcc),
      // The server decides which signature applies; the box only says whether the agent wants one.
      addSignature,
    };
    const previous = pending.current;
    const input: EmailReplyInput =
      previous && JSON.stringify({ ...previous, clientId: '' }) === JSON.stringify({ clientId: '', ...next })
        ? previous
        : { clientId: crypto.randomUUID(), ...next };
    pending.current = input;
    post.mutate(input, {
      onSuccess: () => {
        pending.current = null;
        setSeed('');
        edited('', true);
        setCc('');
        setBcc('');
        setChecked(false);
        setTemplateInsert(null);
        setAddSignature(true);
        setGeneration((g) => g + 1);
      },
    });
  };

  return (
    <Stack gap="xs">
      <ErrorAlert error={post.error} />
      <Select
        label={t('emailTemplates.picker')}
        placeholder={t('emailTemplates.pickerPlaceholder')}
        nothingFoundMessage={t('emailTemplates.pickerNone')}
        searchable
        clearable
        value={null}
        disabled={disabled || !compose.data}
        data={(compose.data?.templates ?? []).map((item) => ({ value: item.id, label: item.name }))}
        onChange={(id) => {
          const picked = compose.data?.templates.find((item) => item.id === id);
          if (!picked) return;
          setTemplateInsert((previous) => ({ html: picked.html, n: (previous?.n ?? 0) + 1 }));
        }}
      />
      {showCopies ? (
        <Group grow align="flex-start">
          <TextInput
            label={t('emailReply.cc')}
            placeholder={t('emailReply.copiesPlaceholder')}
            value={cc}
            disabled={disabled}
            error={copyError(ccError)}
            onChange={(event) => {
              setCc(event.currentTarget.value);
              if (post.isError) post.reset();
            }}
          />
          <TextInput
            label={t('emailReply.bcc')}
            placeholder={t('emailReply.copiesPlaceholder')}
            value={bcc}
            disabled={disabled}
            error={copyError(bccError)}
            onChange={(event) => {
              setBcc(event.currentTarget.value);
              if (post.isError) post.reset();
            }}
          />
        </Group>
      ) : (
        <Group>
          <Button size="compact-sm" variant="default" onClick={() => setShowCopies(true)} disabled={disabled}>
            {t('emailReply.addCopies')}
          </Button>
        </Group>
      )}
      <Suspense fallback={<Loader size="sm" aria-label={t('emailReply.loadingEditor')} />}>
        <RichReplyEditor
          key={generation}
          initialHtml={seed}
          insert={templateInsert}
          disabled={disabled}
          onSubmit={send}
          onChange={(value, empty) => {
            edited(value, empty);
            if (post.isError) post.reset();
          }}
        />
      </Suspense>
      {signature && (
        <Stack gap={4}>
          <Checkbox
            label={t('emailTemplates.addSignature')}
            checked={addSignature}
            disabled={disabled}
            onChange={(event) => setAddSignature(event.currentTarget.checked)}
          />
          {addSignature && (
            <Box
              aria-label={t('emailTemplates.signaturePreview')}
              role="note"
              c="dimmed"
              fz="sm"
              pl="sm"
              style={{ borderLeft: '2px solid var(--mantine-color-gray-4)' }}
            >
              <Text size="xs" c="dimmed">
                --
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {signature.text}
              </Text>
            </Box>
          )}
        </Stack>
      )}
      <Group justify="space-between">
        <Group gap="sm">{actions}</Group>
        <Button
          onClick={send}
          loading={post.isPending}
          disabled={disabled || isEmpty}
          leftSection={<IconSend size={16} aria-hidden />}
          rightSection={<Kbd size="xs">Ctrl+Enter</Kbd>}
        >
          {t('emailReply.send')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Plain text as paragraphs (a canned response or a knowledge answer into the rich editor). */
function textToHtml(text: string): string {
  const escapeHtml = (value: string) =>
    value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${paragraph.split('\n').map(escapeHtml).join('<br>')}</p>`)
    .join('');
}
