import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../../shared/confirm-button.tsx';
import { useFormatters } from '../../../shared/format.ts';
import { DirectoryTable } from '../../admin/components/directory-table.tsx';
import { ListPageHeader } from '../../admin/components/list-page-header.tsx';
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
  return (
    <Stack>
      <ListPageHeader
        title={t('suppressions.title')}
        description={t('suppressions.description')}
        error={list.error ?? remove.error}
      />
      <DirectoryTable
        label={t('suppressions.title')}
        items={list.data?.items ?? []}
        rowKey={(item) => item.address}
        isLoading={list.isPending}
        loadingLabel={t('suppressions.loading')}
        emptyLabel={t('suppressions.empty')}
        columns={[
          { label: t('suppressions.address'), render: (item) => item.address },
          { label: t('suppressions.reason'), render: (item) => item.reason },
          { label: t('suppressions.since'), render: (item) => dateTime(item.createdAt) },
        ]}
        actions={(item) => (
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
        )}
      />
    </Stack>
  );
}
