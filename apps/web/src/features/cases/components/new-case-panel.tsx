import { Button, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { notifySuccess } from '../../../shared/notify.ts';
import { SidePanel } from '../../../shared/side-panel.tsx';
import { useContactReasons } from '../../desk/api.ts';
import { useCustomerSearch } from '../../desk/customer-api.ts';
import { type CreateCase, useCreateCase } from '../api.ts';

type CaseType = CreateCase['type'];
/** Where a case opened by hand was raised (`CreateCase.channel`, the counter's `branch` apart). */
const MANUAL_CHANNELS = ['voice', 'email', 'letter', 'other'] as const;
type ManualChannel = (typeof MANUAL_CHANNELS)[number];

/**
 * The side panel that opens a case wherever a member of staff meets the customer (a chat in the
 * desk, a visit at the counter): they pick type and category and write what it is about; where the
 * case comes from (`origin`: customer, conversation, channel) is the caller's. The creator owns it.
 */
export function NewCasePanel(props: {
  opened: boolean;
  onClose: () => void;
  title: string;
  types: readonly CaseType[];
  initialType: CaseType;
  initialSubject?: string;
  /** The contact reason to preselect, by code (a chat's topic from the widget: `cards`, `loans`…). */
  initialCategoryCode?: string | null;
  origin: Pick<CreateCase, 'customerId' | 'conversationId' | 'channel'>;
  /**
   * Opened by hand (a phone call, a letter: no conversation in Banyan): the member of staff finds
   * the customer and says where the case was raised.
   */
  byHand?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [type, setType] = useState<CaseType>(props.initialType);
  const [subject, setSubject] = useState(props.initialSubject ?? '');
  const [description, setDescription] = useState('');
  // `undefined` until the agent picks: until then the reason matching the chat's topic is proposed.
  const [picked, setCategoryId] = useState<string | null | undefined>(undefined);
  const reasons = useContactReasons();
  const suggested =
    reasons.data?.items.find((r) => props.initialCategoryCode && r.code === props.initialCategoryCode)?.id ??
    null;
  const categoryId = picked === undefined ? suggested : picked;
  const create = useCreateCase();
  const [channel, setChannel] = useState<ManualChannel>('voice');
  const [customer, setCustomer] = useState<{ value: string; label: string } | null>(null);
  const [customerQuery, setCustomerQuery] = useState('');
  // Once picked, the box shows the customer's label: that is no new search.
  const [q] = useDebouncedValue(customerQuery === customer?.label ? '' : customerQuery.trim(), 250);
  const found = useCustomerSearch(props.byHand ? q : '');
  const results = (found.data?.items ?? []).map((c) => ({
    value: c.id,
    label: [
      c.fullName,
      c.customerNo,
      c.vipTier && c.vipTier !== 'none'
        ? t(`desk.customer.vip.${c.vipTier}`, { defaultValue: c.vipTier })
        : null,
    ]
      .filter(Boolean)
      .join(' · '),
  }));
  // The picked customer stays among the options while the list follows the search.
  const customerOptions = customer
    ? [customer, ...results.filter((o) => o.value !== customer.value)]
    : results;
  const origin = props.byHand
    ? { ...props.origin, customerId: customer?.value ?? null, channel }
    : props.origin;
  const lang = i18n.language as 'en' | 'zh-CN' | 'vi';
  const options = (reasons.data?.items ?? []).map((r) => ({
    value: r.id,
    label: r.names[lang] ?? r.names.en ?? r.id,
  }));
  return (
    <SidePanel opened={props.opened} onClose={props.onClose} title={props.title}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(
            { type, subject, description, categoryId, ...origin },
            {
              onSuccess: (c) => {
                notifySuccess(t('cases.create.done', { number: c.number }));
                setSubject(props.initialSubject ?? '');
                setDescription('');
                setCustomer(null);
                setCustomerQuery('');
                props.onClose();
              },
            },
          );
        }}
      >
        <Stack gap="sm">
          {props.byHand && (
            <>
              <Select
                label={t('cases.create.customer')}
                description={t('cases.create.customerHint')}
                placeholder={t('cases.create.customerPlaceholder')}
                data={customerOptions}
                value={customer?.value ?? null}
                onChange={(_, option) =>
                  setCustomer(option ? { value: option.value, label: option.label } : null)
                }
                searchable
                clearable
                searchValue={customerQuery}
                onSearchChange={setCustomerQuery}
                filter={({ options }) => options}
                nothingFoundMessage={
                  q.length >= 2 && !found.isFetching ? t('cases.create.noCustomer') : undefined
                }
              />
              <Select
                label={t('cases.create.channel')}
                data={MANUAL_CHANNELS.map((c) => ({ value: c, label: t(`cases.channel.${c}`) }))}
                value={channel}
                onChange={(v) => v && setChannel(v as ManualChannel)}
                allowDeselect={false}
              />
            </>
          )}
          <Select
            label={t('cases.field.type')}
            data={props.types.map((x) => ({ value: x, label: t(`cases.type.${x}`) }))}
            value={type}
            onChange={(v) => v && setType(v as CaseType)}
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
  );
}
