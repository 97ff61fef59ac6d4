import {
  Alert,
  Badge,
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
  nextUpdateMinutes: number | null;
  resolutionMinutes: number | null;
  pauseWhileWaitingCustomer: boolean;
  escalation: Array<{ atPercent: number; notify: string }>;
  isActive: boolean;
  version: number;
}
interface FieldDefinition {
  id: string;
  caseType: string;
  key: string;
  labels: Record<string, string>;
  kind: string;
  options: string[];
  isRequired: boolean;
  isActive: boolean;
  version: number;
}

/** Monday first; the API's weekday keys are 0 = Sunday … 6 = Saturday. */
const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '0'] as const;
// An end of 24:00 closes the day; an end before the start runs past midnight (the server's rules).
const RANGE = /^([01][0-9]|2[0-3]):[0-5][0-9]-(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/;

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

/** Inline two-step delete (no modal): the first click arms, the second deletes. */
function DeleteButton({ label, onConfirm, busy }: { label: string; onConfirm: () => void; busy: boolean }) {
  const { t } = useTranslation();
  const [armed, setArmed] = useState(false);
  return armed ? (
    <Group gap={4} wrap="nowrap">
      <Button size="compact-xs" color="red" loading={busy} onClick={onConfirm}>
        {t('cases.settings.confirmDelete')}
      </Button>
      <Button size="compact-xs" variant="subtle" onClick={() => setArmed(false)}>
        {t('cases.settings.cancel')}
      </Button>
    </Group>
  ) : (
    <Button size="compact-xs" variant="subtle" color="red" aria-label={label} onClick={() => setArmed(true)}>
      {t('cases.settings.delete')}
    </Button>
  );
}

/** What a delete did: gone, or kept (deactivated) because cases use it. */
function DeleteOutcome({
  outcome,
  kind,
}: {
  outcome: 'deleted' | 'deactivated' | null;
  kind: 'policy' | 'field';
}) {
  const { t } = useTranslation();
  if (!outcome) return null;
  return (
    <Alert color={outcome === 'deleted' ? 'green' : 'yellow'} role="status">
      {t(`cases.settings.outcome.${kind}.${outcome}`)}
    </Alert>
  );
}

const StatusBadge = ({ isActive }: { isActive: boolean }) => {
  const { t } = useTranslation();
  return isActive ? null : (
    <Badge color="gray" variant="light" ml="xs">
      {t('cases.settings.deactivated')}
    </Badge>
  );
};

function Policies() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: keys.policies,
    queryFn: () => api<{ items: SlaPolicy[] }>('/admin/case-sla-policies'),
  });
  const calendars = useCalendarList();
  const [editing, setEditing] = useState<SlaPolicy | null>(null);
  const [name, setName] = useState('');
  const [caseType, setCaseType] = useState<string | null>(null);
  const [priority, setPriority] = useState<string | null>(null);
  const [calendarCode, setCalendarCode] = useState<string | null>(null);
  const [firstResponse, setFirstResponse] = useState<number | string>('');
  const [resolution, setResolution] = useState<number | string>('');
  const [pause, setPause] = useState(true);
  const [outcome, setOutcome] = useState<'deleted' | 'deactivated' | null>(null);
  const fill = (p: SlaPolicy | null) => {
    setEditing(p);
    setName(p?.name ?? '');
    setCaseType(p?.caseType ?? null);
    setPriority(p?.priority ?? null);
    setCalendarCode(p?.calendarCode ?? null);
    setFirstResponse(p?.firstResponseMinutes ?? '');
    setResolution(p?.resolutionMinutes ?? '');
    setPause(p?.pauseWhileWaitingCustomer ?? true);
  };
  const save = useMutation({
    mutationFn: () => {
      const body = {
        name,
        caseType,
        priority,
        segment: editing?.segment ?? null,
        calendarCode,
        firstResponseMinutes: firstResponse === '' ? null : Number(firstResponse),
        resolutionMinutes: resolution === '' ? null : Number(resolution),
        pauseWhileWaitingCustomer: pause,
      };
      return editing
        ? api(`/admin/case-sla-policies/${editing.id}`, {
            method: 'PATCH',
            body: {
              ...body,
              nextUpdateMinutes: editing.nextUpdateMinutes,
              escalation: editing.escalation,
              version: editing.version,
            },
          })
        : api('/admin/case-sla-policies', { method: 'POST', body });
    },
    onSuccess: () => {
      fill(null);
      void queryClient.invalidateQueries({ queryKey: keys.policies });
    },
  });
  const remove = useMutation({
    mutationFn: (p: SlaPolicy) =>
      api<{ outcome: 'deleted' | 'deactivated' }>(`/admin/case-sla-policies/${p.id}?version=${p.version}`, {
        method: 'DELETE',
      }),
    onSuccess: (r, p) => {
      setOutcome(r.outcome);
      if (editing?.id === p.id) fill(null);
      void queryClient.invalidateQueries({ queryKey: keys.policies });
    },
  });
  const any = t('cases.settings.any');
  const formTitle = editing
    ? t('cases.settings.editPolicy', { name: editing.name })
    : t('cases.settings.newPolicy');
  return (
    <Stack>
      <ErrorAlert error={list.error ?? remove.error} />
      <Text size="sm" c="dimmed">
        {t('cases.settings.policyNote')}
      </Text>
      <DeleteOutcome outcome={outcome} kind="policy" />
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
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data?.items ?? []).map((p) => (
            <Table.Tr key={p.id} c={p.isActive ? undefined : 'dimmed'}>
              <Table.Td>
                {p.name}
                <StatusBadge isActive={p.isActive} />
              </Table.Td>
              <Table.Td>{p.caseType ? t(`cases.type.${p.caseType}`) : any}</Table.Td>
              <Table.Td>{p.priority ? t(`cases.bulk.priorities.${p.priority}`) : any}</Table.Td>
              <Table.Td>{p.calendarCode}</Table.Td>
              <Table.Td>{p.firstResponseMinutes ?? '—'}</Table.Td>
              <Table.Td>{p.resolutionMinutes ?? '—'}</Table.Td>
              <Table.Td>
                {p.pauseWhileWaitingCustomer ? t('cases.settings.yes') : t('cases.settings.no')}
              </Table.Td>
              <Table.Td>
                {p.isActive && (
                  <Group gap={4} wrap="nowrap">
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      aria-label={t('cases.settings.editNamed', { name: p.name })}
                      onClick={() => fill(p)}
                    >
                      {t('cases.settings.edit')}
                    </Button>
                    <DeleteButton
                      label={t('cases.settings.deleteNamed', { name: p.name })}
                      busy={remove.isPending}
                      onConfirm={() => remove.mutate(p)}
                    />
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Card withBorder padding="sm" aria-label={formTitle}>
        <Stack gap="xs">
          <Text fw={600}>{formTitle}</Text>
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
              loading={save.isPending}
              onClick={() => save.mutate()}
            >
              {editing ? t('cases.settings.save') : t('cases.settings.add')}
            </Button>
            {editing && (
              <Button variant="subtle" onClick={() => fill(null)}>
                {t('cases.settings.cancel')}
              </Button>
            )}
          </Group>
          <ErrorAlert error={save.error} />
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
  const [editing, setEditing] = useState<FieldDefinition | null>(null);
  const [caseType, setCaseType] = useState<string | null>('complaint');
  const [key, setKey] = useState('');
  const [labels, setLabels] = useState({ en: '', 'zh-CN': '', vi: '' });
  const [kind, setKind] = useState<string | null>('text');
  const [options, setOptions] = useState('');
  const [required, setRequired] = useState(false);
  const [outcome, setOutcome] = useState<'deleted' | 'deactivated' | null>(null);
  const fill = (f: FieldDefinition | null) => {
    setEditing(f);
    setCaseType(f?.caseType ?? 'complaint');
    setKey(f?.key ?? '');
    setLabels({ en: f?.labels.en ?? '', 'zh-CN': f?.labels['zh-CN'] ?? '', vi: f?.labels.vi ?? '' });
    setKind(f?.kind ?? 'text');
    setOptions(f?.options.join(', ') ?? '');
    setRequired(f?.isRequired ?? false);
  };
  const optionList = () =>
    options
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean);
  const save = useMutation({
    mutationFn: () =>
      editing
        ? api(`/admin/case-fields/${editing.id}`, {
            method: 'PATCH',
            body: {
              version: editing.version,
              labels,
              isRequired: required,
              ...(editing.kind === 'select' ? { options: optionList() } : {}),
            },
          })
        : api('/admin/case-fields', {
            method: 'POST',
            body: {
              caseType,
              key,
              labels,
              kind,
              isRequired: required,
              ...(kind === 'select' ? { options: optionList() } : {}),
            },
          }),
    onSuccess: () => {
      fill(null);
      void queryClient.invalidateQueries({ queryKey: keys.fields });
    },
  });
  const remove = useMutation({
    mutationFn: (f: FieldDefinition) =>
      api<{ outcome: 'deleted' | 'deactivated' }>(`/admin/case-fields/${f.id}?version=${f.version}`, {
        method: 'DELETE',
      }),
    onSuccess: (r, f) => {
      setOutcome(r.outcome);
      if (editing?.id === f.id) fill(null);
      void queryClient.invalidateQueries({ queryKey: keys.fields });
    },
  });
  const formTitle = editing
    ? t('cases.settings.editField', { key: editing.key })
    : t('cases.settings.newField');
  return (
    <Stack>
      <ErrorAlert error={list.error ?? remove.error} />
      <Text size="sm" c="dimmed">
        {t('cases.settings.fieldNote')}
      </Text>
      <DeleteOutcome outcome={outcome} kind="field" />
      <Table aria-label={t('cases.settings.fields')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('cases.settings.caseType')}</Table.Th>
            <Table.Th>{t('cases.settings.key')}</Table.Th>
            <Table.Th>{t('cases.settings.label')}</Table.Th>
            <Table.Th>{t('cases.settings.kind')}</Table.Th>
            <Table.Th>{t('cases.settings.required')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data?.items ?? []).map((f) => (
            <Table.Tr key={f.id} c={f.isActive ? undefined : 'dimmed'}>
              <Table.Td>{t(`cases.type.${f.caseType}`)}</Table.Td>
              <Table.Td>
                {f.key}
                <StatusBadge isActive={f.isActive} />
              </Table.Td>
              <Table.Td>{f.labels[i18n.language] ?? f.labels.en}</Table.Td>
              <Table.Td>
                {t(`cases.settings.kinds.${f.kind}`)}
                {f.options.length > 0 ? ` (${f.options.join(', ')})` : ''}
              </Table.Td>
              <Table.Td>{f.isRequired ? t('cases.settings.yes') : t('cases.settings.no')}</Table.Td>
              <Table.Td>
                {f.isActive && (
                  <Group gap={4} wrap="nowrap">
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      aria-label={t('cases.settings.editNamed', { name: f.key })}
                      onClick={() => fill(f)}
                    >
                      {t('cases.settings.edit')}
                    </Button>
                    <DeleteButton
                      label={t('cases.settings.deleteNamed', { name: f.key })}
                      busy={remove.isPending}
                      onConfirm={() => remove.mutate(f)}
                    />
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Card withBorder padding="sm" aria-label={formTitle}>
        <Stack gap="xs">
          <Text fw={600}>{formTitle}</Text>
          <Group gap="xs" align="flex-end">
            <Select
              w={170}
              label={t('cases.settings.caseType')}
              allowDeselect={false}
              disabled={!!editing}
              value={caseType}
              onChange={setCaseType}
              data={CASE_TYPES.map((v) => ({ value: v, label: t(`cases.type.${v}`) }))}
            />
            <TextInput
              label={t('cases.settings.key')}
              disabled={!!editing}
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
              disabled={!!editing}
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
            <Button loading={save.isPending} onClick={() => save.mutate()}>
              {editing ? t('cases.settings.save') : t('cases.settings.add')}
            </Button>
            {editing && (
              <Button variant="subtle" onClick={() => fill(null)}>
                {t('cases.settings.cancel')}
              </Button>
            )}
          </Group>
          {editing && (
            <Text size="xs" c="dimmed">
              {t('cases.settings.fieldFixed')}
            </Text>
          )}
          <ErrorAlert error={save.error} />
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
          <WeeklyHours
            key={`${calendar.code}-${calendar.timeZone}-${JSON.stringify(calendar.weekly)}`}
            calendar={calendar}
            busy={save.isPending}
            onSave={(next) => save.mutate(next)}
          />
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

/** Working hours per weekday and the time zone of a business calendar. */
function WeeklyHours({
  calendar,
  busy,
  onSave,
}: {
  calendar: CalendarView;
  busy: boolean;
  onSave: (next: CalendarView) => void;
}) {
  const { t } = useTranslation();
  const [timeZone, setTimeZone] = useState(calendar.timeZone);
  const [days, setDays] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      WEEKDAYS.map((d) => [d, (calendar.weekly[d] ?? []).map(([a, b]) => `${a}-${b}`).join(', ')]),
    ),
  );
  const isInvalid = (value: string) =>
    value.trim() !== '' && !value.split(',').every((r) => RANGE.test(r.trim()));
  const save = () => {
    const weekly: Record<string, [string, string][]> = {};
    for (const d of WEEKDAYS) {
      const ranges = (days[d] ?? '')
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean)
        .map((r) => r.split('-') as [string, string]);
      if (ranges.length) weekly[d] = ranges;
    }
    onSave({ ...calendar, timeZone: timeZone.trim(), weekly });
  };
  return (
    <Card withBorder padding="sm" maw={640} aria-label={t('cases.settings.weekly')}>
      <Stack gap="xs">
        <Text fw={600}>{t('cases.settings.weekly')}</Text>
        <Text size="sm" c="dimmed">
          {t('cases.settings.weeklyHint')}
        </Text>
        <TextInput
          label={t('cases.settings.timeZone')}
          placeholder="Asia/Shanghai"
          value={timeZone}
          onChange={(e) => setTimeZone(e.currentTarget.value)}
        />
        {WEEKDAYS.map((d) => (
          <TextInput
            key={d}
            label={t(`cases.settings.weekday.${d}`)}
            placeholder={t('cases.settings.closed')}
            value={days[d] ?? ''}
            error={isInvalid(days[d] ?? '') ? t('cases.settings.hoursInvalid') : null}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setDays((all) => ({ ...all, [d]: value }));
            }}
          />
        ))}
        <Group>
          <Button
            loading={busy}
            disabled={!timeZone.trim() || WEEKDAYS.some((d) => isInvalid(days[d] ?? ''))}
            onClick={save}
          >
            {t('cases.settings.saveWeekly')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
