import { Loader, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../../shared/confirm-button.tsx';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { useFormatters } from '../../../shared/format.ts';
import { PageHeader } from '../../../shared/page-header.tsx';
import { useRemoveSuppression, useSuppressions } from '../api.ts';

/**
 * Admin · Email suppressions: addresses a hard bounce put on the list (our mail to them is stored
 * as suppressed, never sent). An admin takes one off when the customer's mailbox works again.
 */
export function SuppressionsPage() {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const list = useSuppressions();
  const remove = useRemoveSuppression();
  const items = list.data?.items ?? [];
  return (
    <Stack>
      <PageHeader title={t('suppressions.title')} description={t('suppressions.description')} />
      <ErrorAlert error={list.error ?? remove.error} />
      {list.isPending ? (
        <Loader aria-label={t('suppressions.loading')} />
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('suppressions.empty')}</Text>
      ) : (
        <Table striped aria-label={t('suppressions.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('suppressions.address')}</Table.Th>
              <Table.Th>{t('suppressions.reason')}</Table.Th>
              <Table.Th>{t('suppressions.since')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('suppressions.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => (
              <Table.Tr key={item.address}>
                <Table.Td>{item.address}</Table.Td>
                <Table.Td>{item.reason}</Table.Td>
                <Table.Td>{dateTime(item.createdAt)}</Table.Td>
                <Table.Td ta="right">
                  <ConfirmButton
                    size="xs"
                    variant="default"
                    question={t('suppressions.removeQuestion', { address: item.address })}
                    confirmLabel={t('suppressions.remove')}
                    aria-label={t('suppressions.removeNamed', { address: item.address })}
                    onConfirm={() => remove.mutate(item.address)}
                  >
                    {t('suppressions.remove')}
                  </ConfirmButton>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
