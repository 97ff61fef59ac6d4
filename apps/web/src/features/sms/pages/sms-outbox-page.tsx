import { Badge, Button, Group, Loader, Paper, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { useFormatters } from '../../../shared/format.ts';
import { PageHeader } from '../../../shared/page-header.tsx';
import { type SmsOutboxItem, useSimulateInbound, useSmsOutbox } from '../api.ts';

/**
 * Admin · SMS outbox: every text Banyan sent (with its delivery receipt status) or received, newest
 * first. In the demo the built-in SMSC simulator answers with receipts, so each notification shows
 * its way to "delivered".
 */
export function SmsOutboxPage() {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const outbox = useSmsOutbox();
  const items: SmsOutboxItem[] = outbox.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack>
      <PageHeader title={t('sms.outbox.title')} description={t('sms.outbox.description')} />
      <ErrorAlert error={outbox.error} />
      <SimulateInbound />
      {outbox.isPending ? (
        <Loader aria-label={t('sms.outbox.loading')} />
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('sms.outbox.empty')}</Text>
      ) : (
        <Table striped aria-label={t('sms.outbox.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('sms.outbox.at')}</Table.Th>
              <Table.Th>{t('sms.outbox.direction')}</Table.Th>
              <Table.Th>{t('sms.outbox.phone')}</Table.Th>
              <Table.Th>{t('sms.outbox.text')}</Table.Th>
              <Table.Th>{t('sms.outbox.encoding')}</Table.Th>
              <Table.Th>{t('sms.outbox.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => (
              <Table.Tr key={item.id}>
                <Table.Td>{dateTime(item.createdAt)}</Table.Td>
                <Table.Td>{t(`sms.outbox.directions.${item.direction}`)}</Table.Td>
                <Table.Td>{item.phone}</Table.Td>
                <Table.Td style={{ whiteSpace: 'pre-wrap', maxWidth: 420 }}>{item.text}</Table.Td>
                <Table.Td>
                  {t(`sms.encoding.${item.encoding}`)} · {t('sms.outbox.segments', { count: item.segments })}
                </Table.Td>
                <Table.Td>
                  {/* Only the theme's green passes 4.5:1 on its tint; the others use the text colour. */}
                  <Badge variant={item.status === 'delivered' ? 'light' : 'default'}>
                    {t(`sms.status.${item.status}`)}
                  </Badge>
                  {item.error && (
                    <Text size="xs" c="red.9">
                      {item.error}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {outbox.hasNextPage && (
        <Group>
          <Button
            variant="default"
            loading={outbox.isFetchingNextPage}
            onClick={() => outbox.fetchNextPage()}
          >
            {t('sms.outbox.more')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** Demo: play a customer texting the short code 8088; it lands in the SMS queue like a real text. */
function SimulateInbound() {
  const { t } = useTranslation();
  const simulate = useSimulateInbound();
  const [from, setFrom] = useState('');
  const [text, setText] = useState('');
  return (
    <Paper withBorder p="sm">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          simulate.mutate({ from, text }, { onSuccess: () => setText('') });
        }}
      >
        <Stack gap="xs">
          <Text size="sm" fw={500}>
            {t('sms.simulate.title')}
          </Text>
          <Group align="flex-end" wrap="wrap">
            <TextInput
              label={t('sms.simulate.from')}
              value={from}
              onChange={(e) => setFrom(e.currentTarget.value)}
              required
            />
            <Textarea
              label={t('sms.simulate.text')}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              required
              autosize
              minRows={1}
              style={{ flex: 1, minWidth: 240 }}
            />
            <Button type="submit" loading={simulate.isPending}>
              {t('sms.simulate.send')}
            </Button>
          </Group>
          <ErrorAlert error={simulate.error} />
          {simulate.isSuccess && (
            <Text size="sm" role="status">
              {t('sms.simulate.done')}
            </Text>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
