import { Button, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { IconFolderPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { notifySuccess } from '../../../shared/notify.ts';
import { SidePanel } from '../../../shared/side-panel.tsx';
import { useContactReasons } from '../../desk/api.ts';
import { type CreateCase, useCreateCase } from '../api.ts';

const TYPES = ['inquiry', 'service_request', 'complaint', 'incident', 'internal_request'] as const;

/**
 * "Create case" from a chat in the desk: the customer and the conversation come from the chat; the
 * agent picks type and category and writes what the case is about. The creator owns the case.
 */
export function CreateCaseButton(props: {
  conversationId: string;
  customerId: string | null;
  topic?: string | null;
}) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const [type, setType] = useState<CreateCase['type']>('inquiry');
  const [subject, setSubject] = useState(props.topic ?? '');
  const [description, setDescription] = useState('');
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const reasons = useContactReasons();
  const create = useCreateCase();
  const lang = i18n.language as 'en' | 'zh-CN' | 'vi';
  const options = (reasons.data?.items ?? []).map((r) => ({
    value: r.id,
    label: r.names[lang] ?? r.names.en ?? r.id,
  }));
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
      <SidePanel opened={open} onClose={() => setOpen(false)} title={t('cases.create.title')}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate(
              {
                type,
                subject,
                description,
                categoryId,
                conversationId: props.conversationId,
                customerId: props.customerId,
              },
              {
                onSuccess: (c) => {
                  notifySuccess(t('cases.create.done', { number: c.number }));
                  setOpen(false);
                },
              },
            );
          }}
        >
          <Stack gap="sm">
            <Select
              label={t('cases.field.type')}
              data={TYPES.map((x) => ({ value: x, label: t(`cases.type.${x}`) }))}
              value={type}
              onChange={(v) => v && setType(v as CreateCase['type'])}
              allowDeselect={false}
            />
            <Select
              label={t('cases.field.category')}
              data={options}
              value={categoryId}
              onChange={setCategoryId}
              clearable
              searchable
            />
            <TextInput
              label={t('cases.field.subject')}
              value={subject}
              onChange={(e) => setSubject(e.currentTarget.value)}
              required
            />
            <Textarea
              label={t('cases.field.description')}
              value={description}
              onChange={(e) => setDescription(e.currentTarget.value)}
              autosize
              minRows={3}
            />
            {create.error && <ErrorAlert error={create.error} />}
            <Button type="submit" loading={create.isPending} disabled={!subject.trim()}>
              {t('cases.create.submit')}
            </Button>
          </Stack>
        </form>
      </SidePanel>
    </>
  );
}
