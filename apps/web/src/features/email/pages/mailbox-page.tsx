import { Button, Code, Divider, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { useFormatters } from '../../../shared/format.ts';
import { PageHeader } from '../../../shared/page-header.tsx';
import { SidePanel } from '../../../shared/side-panel.tsx';
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
      <PageHeader title={t('mailbox.title')} description={t('mailbox.description')} />
      <ErrorAlert error={mailbox.error} />
      {mailbox.isPending ? (
        <Loader aria-label={t('mailbox.loading')} />
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('mailbox.empty')}</Text>
      ) : (
        <Table highlightOnHover striped aria-label={t('mailbox.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('mailbox.sentAt')}</Table.Th>
              <Table.Th>{t('mailbox.to')}</Table.Th>
              <Table.Th>{t('mailbox.subject')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => (
              <Table.Tr
                key={item.id}
                tabIndex={0}
                style={{ cursor: 'pointer' }}
                aria-selected={item.id === openId}
                onClick={() => setOpenId(item.id)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter' || event.key === ' ') {
                    event.preventDefault();
                    setOpenId(item.id);
                  }
                }}
              >
                <Table.Td>{dateTime(item.createdAt)}</Table.Td>
                <Table.Td>{item.to.join(', ')}</Table.Td>
                <Table.Td>{item.subject}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {mailbox.hasNextPage && (
        <Group>
          <Button
            variant="default"
            loading={mailbox.isFetchingNextPage}
            onClick={() => mailbox.fetchNextPage()}
          >
            {t('mailbox.more')}
          </Button>
        </Group>
      )}
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
