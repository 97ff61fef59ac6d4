import { Badge, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { useFormatters } from '../../../shared/format.ts';
import { nameIn, useBranchVisits } from '../api.ts';

/**
 * The customer's branch visits for the customer 360 (desk, cases): branch, ticket, service, teller,
 * notes and rating, newest first. Mount it beside the contact history: `<BranchVisits customerId=… />`.
 */
export function BranchVisits({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const visits = useBranchVisits(customerId);
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t('branch.visits.title')}
      </Title>
      <ErrorAlert error={visits.error} />
      {visits.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
      {visits.data?.items.length === 0 && <Text c="dimmed">{t('branch.visits.empty')}</Text>}
      {visits.data?.items.map((v) => (
        <Stack key={v.ticketId} gap={2}>
          <Group gap="xs">
            <Text fw={600}>{v.number}</Text>
            <Text>{nameIn(v.serviceNames)}</Text>
            <Badge variant="light">{t(`branch.status.${v.status}`)}</Badge>
            {v.rating !== null && (
              <Badge variant="outline">{t('branch.visits.rating', { rating: v.rating })}</Badge>
            )}
          </Group>
          <Text size="sm">
            {v.branchName} · {dateTime(v.issuedAt)}
            {v.tellerName ? ` · ${v.tellerName}` : ''}
          </Text>
          {v.notes && <Text size="sm">{v.notes}</Text>}
        </Stack>
      ))}
    </Stack>
  );
}
