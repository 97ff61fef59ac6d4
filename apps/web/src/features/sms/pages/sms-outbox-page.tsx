import { Badge, Button, Group, Paper, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { useFormatters } from '../../../shared/format.ts';
import tone from '../../../shared/tone.module.css';
import { DirectoryTable } from '../../admin/components/directory-table.tsx';
import { ListPageHeader } from '../../admin/components/list-page-header.tsx';
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
      <ListPageHeader
        title={t('sms.outbox.title')}
        description={t('sms.outbox.description')}
        error={outbox.error}
      />
      <SimulateInbound />
      <DirectoryTable
        label={t('sms.outbox.title')}
        items={items}
        isLoading={outbox.isPending}
        loadingLabel={t('sms.outbox.loading')}
        emptyLabel={t('sms.outbox.empty')}
        more={{
          hasMore: outbox.hasNextPage,
          isLoading: outbox.isFetchingNextPage,
          onMore: () => void outbox.fetchNextPage(),
          label: t('sms.outbox.more'),
        }}
        columns={[
          { label: t('sms.outbox.at'), render: (item) => dateTime(item.createdAt) },
          {
            label: t('sms.outbox.direction'),
            render: (item) => t(`sms.outbox.directions.${item.direction}`),
          },
          { label: t('sms.outbox.phone'), render: (item) => item.phone },
          {
            label: t('sms.outbox.text'),
            render: (item) => item.text,
            style: { whiteSpace: 'pre-wrap', maxWidth: 420 },
          },
          {
            label: t('sms.outbox.encoding'),
            render: (item) =>
              `${t(`sms.encoding.${item.encoding}`)} · ${t('sms.outbox.segments', { count: item.segments })}`,
          },
          {
            label: t('sms.outbox.status'),
            render: (item) => (
              <>
                {/* Only the theme's green passes 4.5:1 on its tint; the others use the text colour. */}
                <Badge variant={item.status === 'delivered' ? 'light' : 'default'}>
                  {t(`sms.status.${item.status}`)}
                </Badge>
                {item.error && (
                  <Text size="xs" className={tone.alert}>
                    {item.error}
                  </Text>
                )}
              </>
            ),
          },
        ]}
      />
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
