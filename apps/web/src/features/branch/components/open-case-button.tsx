import { Button, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { IconFolderPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { notifySuccess } from '../../../shared/notify.ts';
import { SidePanel } from '../../../shared/side-panel.tsx';
import { type CreateCase, useCreateCase } from '../../cases/api.ts';
import { useContactReasons } from '../../desk/api.ts';

const TYPES = ['inquiry', 'service_request', 'complaint', 'incident'] as const;

/**
 * "Open case" at the counter for the identified customer in front of the teller: the case is the
 * customer's, with channel `branch` and the teller's branch; the teller picks type and category and
 * writes what it is about, and owns the case (the customer hears of it by email or SMS).
 */
export function OpenCaseButton(props: { customerId: string; ticketNumber: string }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const [type, setType] = useState<CreateCase['type']>('service_request');
  const [subject, setSubject] = useState('');
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
        variant="light"
        leftSection={<IconFolderPlus size={16} aria-hidden />}
        onClick={() => setOpen(true)}
      >
        {t('counterCase.button')}
      </Button>
      <SidePanel
        opened={open}
        onClose={() => setOpen(false)}
        title={t('counterCase.title', { ticket: props.ticketNumber })}
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate(
              {
                type,
                subject,
                description,
                categoryId,
                customerId: props.customerId,
                channel: 'branch',
              },
              {
                onSuccess: (c) => {
                  notifySuccess(t('cases.create.done', { number: c.number }));
                  setOpen(false);
                  setSubject('');
                  setDescription('');
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
