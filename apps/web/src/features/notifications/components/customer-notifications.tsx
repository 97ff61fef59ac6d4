import { Badge, Divider, Group, Loader, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { useFormatters } from '../../../shared/format.ts';
import { useCustomerNotifications } from '../api.ts';

const STATUS_COLORS: Record<string, string> = {
  queued: 'gray',
  sending: 'gray',
  sent: 'blue',
  delivered: 'green',
  failed: 'red',
  suppressed: 'dark',
};

/**
 * The customer's notifications on the customer 360: what was sent (case updates, survey links,
 * appointment reminders, replies), on which channel, and its delivery status — newest first.
 */
export function CustomerNotifications({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const list = useCustomerNotifications(customerId);
  const items = (list.data?.items ?? []).slice(0, 10);
  return (
    <Stack gap={4}>
      <Divider label={t('customerNotifications.title')} labelPosition="left" />
      <ErrorAlert error={list.error} />
      {list.isPending && <Loader size="xs" aria-label={t('customerNotifications.loading')} />}
      {list.data && items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('customerNotifications.empty')}
        </Text>
      )}
      {items.length > 0 && (
        <Stack
          gap={4}
          component="ol"
          aria-label={t('customerNotifications.title')}
          style={{ padding: 0, margin: 0 }}
        >
          {items.map((n) => (
            <li key={n.id} style={{ listStyle: 'none' }}>
              <Group gap={6} wrap="nowrap">
                <Text size="xs" fw={500}>
                  {t(`customerNotifications.template.${n.templateKey}`, { defaultValue: n.templateKey })}
                </Text>
                <Badge size="xs" variant="light" color={STATUS_COLORS[n.status] ?? 'gray'}>
                  {t(`customerNotifications.status.${n.status}`)}
                </Badge>
              </Group>
              <Text size="xs" c="dimmed">
                {[
                  n.channel ? t(`customerNotifications.channel.${n.channel}`) : null,
                  format.dateTime(n.deliveredAt ?? n.sentAt ?? n.createdAt),
                  n.status === 'queued' && new Date(n.nextAttemptAt).getTime() > Date.now()
                    ? t('customerNotifications.notBefore', { time: format.dateTime(n.nextAttemptAt) })
                    : null,
                  n.reason ? t(`customerNotifications.reason.${n.reason}`, { defaultValue: n.reason }) : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
