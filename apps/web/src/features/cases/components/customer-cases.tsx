import { Badge, Divider, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../shared/format.ts';
import { useCases } from '../api.ts';

/** The customer 360's list of the customer's cases (newest first). */
export function CustomerCases({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { data } = useCases({ view: 'customer', customerId, sort: 'created', limit: 10 });
  const items = data?.items ?? [];
  return (
    <>
      <Divider label={t('cases.customer360.title')} labelPosition="left" />
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('cases.customer360.none')}
        </Text>
      ) : (
        <Stack
          gap={4}
          component="ul"
          aria-label={t('cases.customer360.title')}
          style={{ padding: 0, margin: 0 }}
        >
          {items.map((c) => (
            <li key={c.id} style={{ listStyle: 'none' }}>
              <Group gap={6} wrap="nowrap">
                <Text size="xs" fw={600}>
                  {c.number}
                </Text>
                <Badge size="xs" variant="light">
                  {t(`cases.status.${c.status}`)}
                </Badge>
                <Text size="xs" c="dimmed">
                  {format.date(c.createdAt)}
                </Text>
              </Group>
              <Text size="xs" c="dimmed">
                {t(`cases.type.${c.type}`)} · {c.subject}
              </Text>
            </li>
          ))}
        </Stack>
      )}
    </>
  );
}
