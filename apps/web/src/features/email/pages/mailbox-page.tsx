import { Code, Divider, Loader, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { useFormatters } from '../../../shared/format.ts';
import { SidePanel } from '../../../shared/side-panel.tsx';
import { DirectoryTable } from '../../admin/components/directory-table.tsx';
import { ListPageHeader } from '../../admin/components/list-page-header.tsx';
import { type MailboxSummary, useMailbox, useMailboxMessage } from '../api.ts';

/**
 * Admin · Mailbox: with no SMTP relay configured (the embedded demo), every email Banyan would have
 * sent is kept here, so the demo shows each notification. Rows open with a click or Enter.
 */
export function MailboxPage() {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const mailbox = useMailbox();
  const [openId, setOpenId] = useState<string | null>(null);
  const items: MailboxSummary[] = mailbox.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack>
      <ListPageHeader
        title={t('mailbox.title')}
        description={t('mailbox.description')}
        error={mailbox.error}
      />
      <DirectoryTable
        label={t('mailbox.title')}
        items={items}
        isLoading={mailbox.isPending}
        loadingLabel={t('mailbox.loading')}
        emptyLabel={t('mailbox.empty')}
        onOpen={(item) => setOpenId(item.id)}
        isOpen={(item) => item.id === openId}
        more={{
          hasMore: mailbox.hasNextPage,
          isLoading: mailbox.isFetchingNextPage,
          onMore: () => void mailbox.fetchNextPage(),
          label: t('mailbox.more'),
        }}
        columns={[
          { label: t('mailbox.sentAt'), render: (item) => dateTime(item.createdAt) },
          { label: t('mailbox.to'), render: (item) => item.to.join(', ') },
          { label: t('mailbox.subject'), render: (item) => item.subject },
        ]}
      />
      <SidePanel
        opened={openId !== null}
        onClose={() => setOpenId(null)}
        title={t('mailbox.message')}
        size="lg"
      >
        {openId && <MessageView id={openId} />}
      </SidePanel>
    </Stack>
  );
}

function MessageView({ id }: { id: string }) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const message = useMailboxMessage(id);
  if (message.error) return <ErrorAlert error={message.error} />;
  if (!message.data) return <Loader aria-label={t('mailbox.loading')} />;
  const m = message.data;
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {m.subject}
      </Title>
      <Text size="sm">
        <strong>{t('mailbox.from')}:</strong> {m.from}
      </Text>
      <Text size="sm">
        <strong>{t('mailbox.to')}:</strong> {m.to.join(', ')}
      </Text>
      {m.cc.length > 0 && (
        <Text size="sm">
          <strong>{t('mailbox.cc')}:</strong> {m.cc.join(', ')}
        </Text>
      )}
      <Text size="sm">
        <strong>{t('mailbox.sentAt')}:</strong> {dateTime(m.createdAt)}
      </Text>
      <Text size="sm" c="dimmed">
        {t('mailbox.messageId')}: {m.messageId}
      </Text>
      <Divider />
      <Text component="div" style={{ whiteSpace: 'pre-wrap' }} aria-label={t('mailbox.body')}>
        {m.text}
      </Text>
      <Divider />
      <details>
        <summary>{t('mailbox.headers')}</summary>
        <Code block>{m.headers}</Code>
      </details>
    </Stack>
  );
}
