import { Button } from '@mantine/core';
import { IconFolderPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NewCasePanel } from './new-case-panel.tsx';

const TYPES = ['inquiry', 'service_request', 'complaint', 'incident', 'internal_request'] as const;

/**
 * "Create case" from a chat in the desk: the customer and the conversation come from the chat, and
 * the category from the topic the customer chose in the widget; the agent picks the type and writes
 * what the case is about. The creator owns the case.
 */
export function CreateCaseButton(props: {
  conversationId: string;
  customerId: string | null;
  topic?: string | null;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        size="xs"
        variant="light"
        leftSection={<IconFolderPlus size={16} aria-hidden />}
        onClick={() => setOpen(true)}
      >
        {t('cases.create.button')}
      </Button>
      <NewCasePanel
        opened={open}
        onClose={() => setOpen(false)}
        title={t('cases.create.title')}
        types={TYPES}
        initialType="inquiry"
        initialSubject={props.topic ?? ''}
        initialCategoryCode={props.topic}
        origin={{ conversationId: props.conversationId, customerId: props.customerId }}
      />
    </>
  );
}

/**
 * "New case" on the cases page: a customer who called, wrote a letter or an email outside Banyan.
 * The member of staff finds the customer (or leaves them out: an anonymous caller) and says where
 * the case was raised; the creator owns it, as from a chat.
 */
export function NewCaseButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button leftSection={<IconFolderPlus size={16} aria-hidden />} onClick={() => setOpen(true)}>
        {t('cases.create.new')}
      </Button>
      <NewCasePanel
        opened={open}
        onClose={() => setOpen(false)}
        title={t('cases.create.newTitle')}
        types={TYPES}
        initialType="inquiry"
        origin={{}}
        byHand
      />
    </>
  );
}
