import { Button } from '@mantine/core';
import { IconFolderPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NewCasePanel } from '../../cases/components/new-case-panel.tsx';

const TYPES = ['inquiry', 'service_request', 'complaint', 'incident'] as const;

/**
 * "Open case" at the counter for the identified customer in front of the teller: the case is the
 * customer's, with channel `branch` and the teller's branch; the teller picks type and category and
 * writes what it is about, and owns the case (the customer hears of it by email or SMS).
 */
export function OpenCaseButton(props: { customerId: string; ticketNumber: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        variant="light"
        leftSection={<IconFolderPlus size={16} aria-hidden />}
        onClick={() => setOpen(true)}
      >
        {t('counterCase.button')}
      </Button>
      <NewCasePanel
        opened={open}
        onClose={() => setOpen(false)}
        title={t('counterCase.title', { ticket: props.ticketNumber })}
        types={TYPES}
        initialType="service_request"
        origin={{ customerId: props.customerId, channel: 'branch' }}
      />
    </>
  );
}
