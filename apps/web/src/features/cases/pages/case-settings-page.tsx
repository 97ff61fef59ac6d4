import {
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  Stack,
  Switch,
  Table,
  Tabs,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api-client.ts';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { PageHeader } from '../../../shared/page-header.tsx';

const CASE_TYPES = ['inquiry', 'service_request', 'complaint', 'incident', 'internal_request'] as const;
const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
const FIELD_KINDS = ['text', 'number', 'date', 'select', 'money'] as const;

interface Day {
  date: string;
  name: string;
  asWeekday?: string;
}
interface CalendarView {
  code: string;
  name: string;
  timeZone: string;
  weekly: Record<string, [string, string][]>;
  holidays: Day[];
  makeUpDays: Day[];
  seeded: boolean;
}
interface SlaPolicy {
  id: string;
  name: string;
  caseType: string | null;
  priority: string | null;
  segment: string | null;
  calendarCode: string;
  firstResponseMinutes: number | null;
  resolutionMinutes: number | null;
  pauseWhileWaitingCustomer: boolean;
}
interface FieldDefinition {
  id: string;
  caseType: string;
  key: string;
  labels: Record<string, string>;
  kind: string;
  options: string[];
  isRequired: boolean;
}

const keys = {
  calendars: ['case-settings', 'calendars'] as const,
  policies: ['case-settings', 'policies'] as const,
  fields: ['case-settings', 'fields'] as const,
};

/** Admins: SLA policies, custom fields per case type, and business calendars (holidays, make-up days). */
export function CaseSettingsPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <PageHeader title={t('cases.settings.title')} />
      <Tabs defaultValue="policies" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="policies">{t('cases.settings.policies')}</Tabs.Tab>
          <Tabs.Tab value="fields">{t('cases.settings.fields')}</Tabs.Tab>
          <Tabs.Tab value="calendars">{t('cases.settings.calendars')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="policies" pt="md">
          <Policies />
        </Tabs.Panel>
        <Tabs.Panel value="fields" pt="md">
          <Fields />
        </Tabs.Panel>
        <Tabs.Panel value="calendars" pt="md">
          <Calendars />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function useCalendarList() {
  return useQuery({
    queryKey: keys.calendars,
    queryFn: () => api<{ items: CalendarView[] }>('/admin/case-calendars'),
  });
}

function Policies() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: keys.policies,
    queryFn: () => api<{ items: SlaPolicy[] }>('/admin/case-sla-policies'),
  });
  const calendars = useCalendarList();
  const [name, setName] = useState('');
  const [caseType, setCaseType] = useState<string | null>(null);
  const [priority, setPriority] = useState<string | null>(null);
  const [calendarCode, setCalendarCode] = useState<string | null>(null);
  const [firstResponse, setFirstResponse] = useState<number | string>('');
  const [resolution, setResolution] = useState<number | string>('');
  const [pause, setPause] = useState(true);
  const create = useMutation({
    mutationFn: () =>
      api('/admin/case-sla-policies', {
        method: 'POST',
        body: {
          name,
          caseType,
          priority,
          calendarCode,
          firstResponseMinutes: firstResponse === '' ? null : Number(firstResponse),
          resolutionMinutes: resolution === '' ? null : Number(resolution),
          pauseWhileWaitingCustomer: pause,
        },
      }),
    onSuccess: () => {
      setName('');
      void queryClient.invalidateQueries({ queryKey: keys.policies });
    },
  });
  const any = t('cases.settings.any');
  return (
    <Stack>
      <ErrorAlert error={list.error} />
      <Table aria-label={t('cases.settings.policies')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('cases.settings.name')}</Table.Th>
            <Table.Th>{t('cases.settings.caseType')}</Table.Th>
            <Table.Th>{t('cases.settings.priority')}</Table.Th>
            <Table.Th>{t('cases.settings.calendar')}</Table.Th>
            <Table.Th>{t('cases.settings.firstResponse')}</Table.Th>
            <Table.Th>{t('cases.settings.resolution')}</Table.Th>
            <Table.Th>{t('cases.settings.pause')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data?.items ?? []).map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>{p.name}</Table.Td>
              <Table.Td>{p.caseType ? t(`cases.type.${p.caseType}`) : any}</Table.Td>
              <Table.Td>{p.priority ? t(`cases.bulk.priorities.${p.priority}`) : any}</Table.Td>
              <Table.Td>{p.calendarCode}</Table.Td>
              <Table.Td>{p.firstResponseMinutes ?? '—'}</Table.Td>
              <Table.Td>{p.resolutionMinutes ?? '—'}</Table.Td>
              <Table.Td>
                {p.pauseWhileWaitingCustomer ? t('cases.settings.yes') : t('cases.settings.no')}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Card withBorder padding="sm" aria-label={t('cases.settings.newPolicy')}>
        <Stack gap="xs">
          <Text fw={600}>{t('cases.settings.newPolicy')}</Text>
          <Group gap="xs" align="flex-end">
            <TextInput
              label={t('cases.settings.name')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
            />
            <Select
              w={170}
              label={t('cases.settings.caseType')}
              placeholder={any}
              clearable
              value={caseType}
              onChange={setCaseType}
              data={CASE_TYPES.map((v) => ({ value: v, label: t(`cases.type.${v}`) }))}
            />
            <Select
              w={130}
              label={t('cases.settings.priority')}
              placeholder={any}
              clearable
              value={priority}
              onChange={setPriority}
              data={PRIORITIES.map((v) => ({ value: v, label: t(`cases.bulk.priorities.${v}`) }))}
            />
            <Select
              w={130}
              label={t('cases.settings.calendar')}
              value={calendarCode}
              onChange={setCalendarCode}
              data={(calendars.data?.items ?? []).map((c) => ({ value: c.code, label: c.code }))}
            />
            <NumberInput
              w={150}
              min={1}
              label={t('cases.settings.firstResponse')}
              value={firstResponse}
              onChange={setFirstResponse}
            />
            <NumberInput
              w={150}
              min={1}
              label={t('cases.settings.resolution')}
              value={resolution}
              onChange={setResolution}
            />
            <Switch
              label={t('cases.settings.pause')}
              checked={pause}
              onChange={(e) => setPause(e.currentTarget.checked)}
            />
            <Button
              disabled={!name.trim() || !calendarCode}
              loading={create.isPending}
              onClick={() => create.mutate()}
            >
              {t('cases.settings.add')}
            </Button>
          </Group>
          <ErrorAlert error={create.error} />
        </Stack>
      </Card>
    </Stack>
  );
}

function Fields() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: keys.fields,
    queryFn: () => api<{ items: FieldDefinition[] }>('/admin/case-fields'),
  });
  const [caseType, setCaseType] = useState<string | null>('complaint');
  const [key, setKey] = useState('');
  const [labels, setLabels] = useState({ en: '', 'zh-CN': '', vi: '' });
  const [kind, setKind] = useState<string | null>('text');
  const [options, setOptions] = useState('');
  const [required, setRequired] = useState(false);
  const create = useMutation({
    mutationFn: () =>
      api('/admin/case-fields', {
        method: 'POST',
        body: {
          caseType,
          key,
          labels,
          kind,
          isRequired: required,
          ...(kind === 'select'
            ? {
                options: options
                  .split(',')
                  .map((o) => o.trim())
                  .filter(Boolean),
              }
            : {}),
        },
      }),
    onSuccess: () => {
      setKey('');
      setLabels({ en: '', 'zh-CN': '', vi: '' });
      void queryClient.invalidateQueries({ queryKey: keys.fields });
    },
  });
  return (
    <Stack>
      <ErrorAlert error={list.error} />
      <Table aria-label={t('cases.settings.fields')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('cases.settings.caseType')}</Table.Th>
            <Table.Th>{t('cases.settings.key')}</Table.Th>
            <Table.Th>{t('cases.settings.label')}</Table.Th>
            <Table.Th>{t('cases.settings.kind')}</Table.Th>
            <Table.Th>{t('cases.settings.required')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data?.items ?? []).map((f) => (
            <Table.Tr key={f.id}>
              <Table.Td>{t(`cases.type.${f.caseType}`)}</Table.Td>
              <Table.Td>{f.key}</Table.Td>
              <Table.Td>{f.labels[i18n.language] ?? f.labels.en}</Table.Td>
              <Table.Td>
                {t(`cases.settings.kinds.${f.kind}`)}
                {f.options.length > 0 ? ` (${f.options.join(', ')})` : ''}
              </Table.Td>
              <Table.Td>{f.isRequired ? t('cases.settings.yes') : t('cases.settings.no')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Card withBorder padding="sm" aria-label={t('cases.settings.newField')}>
        <Stack gap="xs">
          <Text fw={600}>{t('cases.settings.newField')}</Text>
          <Group gap="xs" align="flex-end">
            <Select
              w={170}
              label={t('cases.settings.caseType')}
              allowDeselect={false}
              value={caseType}
              onChange={setCaseType}
              data={CASE_TYPES.map((v) => ({ value: v, label: t(`cases.type.${v}`) }))}
            />
            <TextInput
              label={t('cases.settings.key')}
              value={key}
              onChange={(e) => setKey(e.currentTarget.value)}
            />
            {(['en', 'zh-CN', 'vi'] as const).map((lang) => (
              <TextInput
                key={lang}
                label={t('cases.settings.labelIn', { lang: t(`cases.lang.${lang}`) })}
                value={labels[lang]}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setLabels((l) => ({ ...l, [lang]: value }));
                }}
              />
            ))}
            <Select
              w={130}
              label={t('cases.settings.kind')}
              allowDeselect={false}
              value={kind}
              onChange={setKind}
              data={FIELD_KINDS.map((v) => ({ value: v, label: t(`cases.settings.kinds.${v}`) }))}
            />
            {kind === 'select' && (
              <TextInput
                label={t('cases.settings.options')}
                value={options}
                onChange={(e) => setOptions(e.currentTarget.value)}
              />
            )}
            <Switch
              label={t('cases.settings.required')}
              checked={required}
              onChange={(e) => setRequired(e.currentTarget.checked)}
            />
            <Button loading={create.isPending} onClick={() => create.mutate()}>
              {t('cases.settings.add')}
            </Button>
          </Group>
          <ErrorAlert error={create.error} />
        </Stack>
      </Card>
    </Stack>
  );
}

function Calendars() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const list = useCalendarList();
  const [code, setCode] = useState<string | null>(null);
  const calendar = (list.data?.items ?? []).find((c) => c.code === code) ?? null;
  const [date, setDate] = useState('');
  const [dayName, setDayName] = useState('');
  const [kind, setKind] = useState<'holiday' | 'makeUp'>('holiday');
  const save = useMutation({
    mutationFn: (next: CalendarView) => {
      const { code: c, seeded: _s, ...body } = next;
      return api(`/admin/case-calendars/${c}`, { method: 'PUT', body });
    },
    onSuccess: () => {
      setDate('');
      setDayName('');
      void queryClient.invalidateQueries({ queryKey: keys.calendars });
    },
  });
  const days = calendar
    ? [
        ...calendar.holidays.map((d) => ({ ...d, kind: 'holiday' as const })),
        ...calendar.makeUpDays.map((d) => ({ ...d, kind: 'makeUp' as const })),
      ].sort((a, b) => a.date.localeCompare(b.date))
    : [];
  const without = (c: CalendarView, day: { date: string; kind: 'holiday' | 'makeUp' }): CalendarView =>
    day.kind === 'holiday'
      ? { ...c, holidays: c.holidays.filter((d) => d.date !== day.date) }
      : { ...c, makeUpDays: c.makeUpDays.filter((d) => d.date !== day.date) };
  return (
    <Stack>
      <ErrorAlert error={list.error ?? save.error} />
      <Select
        w={260}
        label={t('cases.settings.calendar')}
        value={code}
        onChange={setCode}
        data={(list.data?.items ?? []).map((c) => ({ value: c.code, label: `${c.code} · ${c.name}` }))}
      />
      {calendar && (
        <>
          <Text size="sm" c="dimmed">
            {t('cases.settings.zone', { zone: calendar.timeZone })}
            {calendar.seeded ? ` · ${t('cases.settings.seeded')}` : ''}
          </Text>
          <Card withBorder padding="sm" aria-label={t('cases.settings.newDay')}>
            <Group gap="xs" align="flex-end">
              <Select
                w={170}
                label={t('cases.settings.dayKind')}
                allowDeselect={false}
                value={kind}
                onChange={(v) => v && setKind(v as 'holiday' | 'makeUp')}
                data={[
                  { value: 'holiday', label: t('cases.settings.holiday') },
                  { value: 'makeUp', label: t('cases.settings.makeUp') },
                ]}
              />
              <TextInput
                type="date"
                label={t('cases.settings.date')}
                value={date}
                onChange={(e) => setDate(e.currentTarget.value)}
              />
              <TextInput
                label={t('cases.settings.dayName')}
                value={dayName}
                onChange={(e) => setDayName(e.currentTarget.value)}
              />
              <Button
                disabled={!date || !dayName.trim()}
                loading={save.isPending}
                onClick={() => {
                  const day = { date, name: dayName.trim() };
                  save.mutate(
                    kind === 'holiday'
                      ? { ...calendar, holidays: [...calendar.holidays, day] }
                      : { ...calendar, makeUpDays: [...calendar.makeUpDays, day] },
                  );
                }}
              >
                {t('cases.settings.add')}
              </Button>
            </Group>
          </Card>
          <Table aria-label={t('cases.settings.days', { code: calendar.code })}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('cases.settings.date')}</Table.Th>
                <Table.Th>{t('cases.settings.dayName')}</Table.Th>
                <Table.Th>{t('cases.settings.dayKind')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {days.map((d) => (
                <Table.Tr key={`${d.kind}-${d.date}`}>
                  <Table.Td>{d.date}</Table.Td>
                  <Table.Td>{d.name}</Table.Td>
                  <Table.Td>
                    {d.kind === 'holiday' ? t('cases.settings.holiday') : t('cases.settings.makeUp')}
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      aria-label={t('cases.settings.remove', { date: d.date })}
                      onClick={() => save.mutate(without(calendar, d))}
                    >
                      {t('cases.settings.removeShort')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}
