import {
  ActionIcon,
  Badge,
  Button,
  Divider,
  Group,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCopy, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../app/api-client.ts';
import { ConfirmButton } from '../../../shared/confirm-button.tsx';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { notifySuccess } from '../../../shared/notify.ts';
import tone from '../../../shared/tone.module.css';
import { useCurrentUser } from '../../auth/api.ts';
import {
  type Calendar,
  type CreateCalendar,
  useCalendarStatus,
  useCalendars,
  useDeleteCalendar,
  useQueues,
  useSaveCalendar,
} from '../api.ts';
import { DirectoryTable } from '../components/directory-table.tsx';
import { EditorDrawer } from '../components/editor-drawer.tsx';
import { ListPageHeader } from '../components/list-page-header.tsx';
import {
  copyToWeekdays,
  DAY_ORDER,
  type DayKey,
  dayName,
  problemsByField,
  rangesProblem,
  rangesToPairs,
  rowsToWeekly,
  summarizeWeekly,
  type TimeRange,
  timeZoneOptions,
  type WeekRows,
  weeklyToRows,
} from '../hours.ts';

const CODE_PATTERN = /^[a-z0-9_-]+$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A new calendar starts as office hours, the usual case, rather than as an empty week. */
const OFFICE_WEEK: Calendar['weekly'] = {
  '1': [['08:00', '17:30']],
  '2': [['08:00', '17:30']],
  '3': [['08:00', '17:30']],
  '4': [['08:00', '17:30']],
  '5': [['08:00', '17:30']],
};

function OpenBadge({ open }: { open: boolean }) {
  const { t } = useTranslation();
  return (
    // A dot badge: the colour is in the dot, the text keeps the page's contrast (axe color-contrast
    // failed on light teal text whenever a calendar was open at test time).
    <Badge color={open ? 'teal' : 'gray'} variant="dot" tt="none">
      {open ? t('calendars.openNow') : t('calendars.closedNow')}
    </Badge>
  );
}

export function CalendarsPage() {
  const { t, i18n } = useTranslation();
  const canManage = useCurrentUser().permissions.includes('staff.manage');
  const list = useCalendars();
  const queues = useQueues();
  const [editing, setEditing] = useState<Calendar | 'new' | null>(null);
  const queueName = (id: string) => queues.data?.find((q) => q.id === id)?.name ?? id;
  return (
    <Stack>
      <ListPageHeader
        title={t('nav.calendars')}
        description={t('calendars.description')}
        createLabel={t('calendars.create')}
        onCreate={canManage ? () => setEditing('new') : null}
        error={list.error}
      />
      <DirectoryTable
        items={list.data}
        onEdit={canManage ? setEditing : null}
        columns={[
          { label: t('calendars.name'), render: (calendar) => calendar.name },
          {
            label: t('calendars.status'),
            render: (calendar) => <OpenBadge open={calendar.openNow} />,
          },
          {
            label: t('calendars.code'),
            render: (calendar) => (
              <Text ff="monospace" size="sm">
                {calendar.code}
              </Text>
            ),
          },
          { label: t('calendars.timeZone'), render: (calendar) => calendar.timeZone },
          {
            label: t('calendars.weekly'),
            render: (calendar) =>
              summarizeWeekly(calendar.weekly, i18n.language, t('calendars.alwaysClosed')),
          },
          {
            label: t('calendars.holidays'),
            render: (calendar) => t('calendars.holidayCount', { count: calendar.holidays.length }),
          },
          {
            label: t('calendars.queues'),
            render: (calendar) =>
              calendar.queueIds.length === 0
                ? t('calendars.noQueues')
                : calendar.queueIds.map(queueName).join(', '),
          },
        ]}
      />
      <Text size="xs" c="dimmed">
        {t('calendars.noCalendarHelp')}
      </Text>
      {editing && (
        <CalendarDrawer calendar={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
    </Stack>
  );
}

interface HolidayRow {
  date: string;
  name: string;
  hasHours: boolean;
  hours: TimeRange[];
}

interface CalendarForm {
  code: string;
  name: string;
  timeZone: string | null;
  week: WeekRows;
  holidays: HolidayRow[];
}

function CalendarDrawer({ calendar, onClose }: { calendar: Calendar | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const save = useSaveCalendar();
  const rangeMessage = (ranges: TimeRange[]) => {
    const problem = rangesProblem(ranges);
    return problem ? t(`calendars.rangeProblem.${problem}`) : null;
  };
  const form = useForm<CalendarForm>({
    initialValues: {
      code: calendar?.code ?? '',
      name: calendar?.name ?? '',
      timeZone: calendar?.timeZone ?? 'Asia/Ho_Chi_Minh',
      week: weeklyToRows(calendar?.weekly ?? OFFICE_WEEK),
      holidays: (calendar?.holidays ?? []).map((h) => ({
        date: h.date,
        name: h.name,
        hasHours: !!h.hours,
        hours: (h.hours ?? []).map(([from, to]) => ({ from, to })),
      })),
    },
    validate: (values) => {
      const errors: Record<string, string | null> = {};
      if (!calendar && !CODE_PATTERN.test(values.code.trim())) errors.code = t('calendars.codeInvalid');
      if (!values.name.trim()) errors.name = t('validation.required');
      if (!values.timeZone) errors.timeZone = t('validation.required');
      for (const day of DAY_ORDER) {
        const message = rangeMessage(values.week[day]);
        if (message) errors[`week.${day}`] = message;
      }
      const seen = new Set<string>();
      values.holidays.forEach((h, index) => {
        if (!DATE_PATTERN.test(h.date)) errors[`holidays.${index}.date`] = t('validation.required');
        else if (seen.has(h.date)) errors[`holidays.${index}.date`] = t('calendars.holidayTwice');
        seen.add(h.date);
        if (!h.name.trim()) errors[`holidays.${index}.name`] = t('validation.required');
        const message = h.hasHours
          ? h.hours.length === 0
            ? t('calendars.holidayHoursMissing')
            : rangeMessage(h.hours)
          : null;
        if (message) errors[`holidays.${index}.hours`] = message;
      });
      return errors;
    },
  });
  // Problems the server found, by field; the holidays are sorted before sending so their indexes match.
  const serverProblems = save.error instanceof ApiError ? problemsByField(save.error.details) : {};
  const serverMessage = (field: string) =>
    serverProblems[field] ? t('calendars.serverProblem', { detail: serverProblems[field].join('; ') }) : null;

  const setWeek = (week: WeekRows) => form.setFieldValue('week', week);

  return (
    <EditorDrawer
      opened
      size="xl"
      title={calendar ? t('calendars.edit', { name: calendar.name }) : t('calendars.create')}
      error={save.error}
      isSaving={save.isPending}
      onClose={onClose}
      onSubmit={form.onSubmit((values) => {
        const holidays = [...values.holidays].sort((a, b) => a.date.localeCompare(b.date));
        form.setFieldValue('holidays', holidays);
        const fields = {
          name: values.name.trim(),
          timeZone: values.timeZone ?? '',
          weekly: rowsToWeekly(values.week),
          holidays: holidays.map((h) => ({
            date: h.date,
            name: h.name.trim(),
            ...(h.hasHours ? { hours: rangesToPairs(h.hours) } : {}),
          })),
        };
        const done = {
          onSuccess: (saved: Calendar) => {
            notifySuccess(t('calendars.saved', { name: saved.name }));
            onClose();
          },
        };
        if (calendar) save.mutate({ id: calendar.id, input: fields }, done);
        else
          save.mutate(
            { id: null, input: { code: values.code.trim(), ...fields } satisfies CreateCalendar },
            done,
          );
      })}
    >
      {calendar ? (
        <Group justify="space-between">
          <TextInput label={t('calendars.code')} value={calendar.code} readOnly />
          <StatusCheck calendarId={calendar.id} openNow={calendar.openNow} />
        </Group>
      ) : (
        <TextInput
          label={t('calendars.code')}
          description={t('calendars.codeHelp')}
          maxLength={40}
          {...form.getInputProps('code')}
        />
      )}
      <TextInput label={t('calendars.name')} maxLength={120} {...form.getInputProps('name')} />
      <Select
        label={t('calendars.timeZone')}
        description={t('calendars.timeZoneHelp')}
        data={timeZoneOptions(form.values.timeZone)}
        searchable
        {...form.getInputProps('timeZone')}
        error={form.errors.timeZone ?? serverMessage('timeZone')}
      />

      <Divider />
      <Group justify="space-between">
        <Title order={3} size="h5">
          {t('calendars.weekly')}
        </Title>
        <Button
          size="compact-sm"
          variant="default"
          leftSection={<IconCopy size={14} aria-hidden />}
          onClick={() => setWeek(copyToWeekdays(form.values.week, '1'))}
        >
          {t('calendars.copyMonday')}
        </Button>
      </Group>
      {DAY_ORDER.map((day) => (
        <RangesEditor
          key={day}
          label={dayName(day, i18n.language, 'long')}
          ranges={form.values.week[day]}
          emptyLabel={t('calendars.closedDay')}
          error={(form.errors[`week.${day}`] as string | undefined) ?? serverMessage(`weekly.${day}`)}
          onChange={(ranges) => setWeek({ ...form.values.week, [day as DayKey]: ranges })}
        />
      ))}

      <Divider />
      <Title order={3} size="h5">
        {t('calendars.holidays')}
      </Title>
      <Text size="xs" c="dimmed">
        {t('calendars.holidaysHelp')}
      </Text>
      {form.values.holidays.map((holiday, index) => {
        const rowError = serverMessage(`holidays.${index}`);
        return (
          <Stack
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until saved
            key={index}
            gap={6}
            p="xs"
            style={{ border: '1px solid var(--mantine-color-default-border)' }}
          >
            <Group align="flex-start" wrap="nowrap" gap="xs">
              <TextInput
                type="date"
                label={t('calendars.holidayDate')}
                w={170}
                {...form.getInputProps(`holidays.${index}.date`)}
              />
              <TextInput
                label={t('calendars.holidayName')}
                maxLength={120}
                style={{ flex: 1 }}
                {...form.getInputProps(`holidays.${index}.name`)}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                mt={24}
                aria-label={t('calendars.removeHoliday', { date: holiday.date || index + 1 })}
                onClick={() => form.removeListItem('holidays', index)}
              >
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Group>
            <Switch
              label={t('calendars.shorterHours')}
              description={t('calendars.shorterHoursHelp')}
              checked={holiday.hasHours}
              onChange={(event) => {
                const on = event.currentTarget.checked;
                form.setFieldValue(`holidays.${index}.hasHours`, on);
                if (on && holiday.hours.length === 0)
                  form.setFieldValue(`holidays.${index}.hours`, [{ from: '08:00', to: '12:00' }]);
              }}
            />
            {holiday.hasHours && (
              <RangesEditor
                label={t('calendars.holidayHours')}
                ranges={holiday.hours}
                emptyLabel={t('calendars.closedDay')}
                error={(form.errors[`holidays.${index}.hours`] as string | undefined) ?? null}
                onChange={(ranges) => form.setFieldValue(`holidays.${index}.hours`, ranges)}
              />
            )}
            {rowError && (
              <Text size="xs" className={tone.alert} role="alert">
                {rowError}
              </Text>
            )}
          </Stack>
        );
      })}
      <Group>
        <Button
          variant="default"
          size="xs"
          leftSection={<IconPlus size={14} aria-hidden />}
          disabled={form.values.holidays.length >= 400}
          onClick={() => form.insertListItem('holidays', { date: '', name: '', hasHours: false, hours: [] })}
        >
          {t('calendars.addHoliday')}
        </Button>
      </Group>
      {calendar && <DeleteCalendar calendar={calendar} onDeleted={onClose} />}
    </EditorDrawer>
  );
}

/** One day's opening hours: "from–to" rows, each removable, and a button to add one. */
function RangesEditor({
  label,
  ranges,
  emptyLabel,
  error,
  onChange,
}: {
  label: string;
  ranges: TimeRange[];
  emptyLabel: string;
  error: string | null;
  onChange: (ranges: TimeRange[]) => void;
}) {
  const { t } = useTranslation();
  const set = (index: number, change: Partial<TimeRange>) =>
    onChange(ranges.map((r, i) => (i === index ? { ...r, ...change } : r)));
  return (
    <Group align="flex-start" wrap="nowrap" gap="sm" role="group" aria-label={label}>
      <Text size="sm" fw={500} w={110} pt={4}>
        {label}
      </Text>
      <Stack gap={4} style={{ flex: 1 }}>
        {ranges.length === 0 && (
          <Text size="sm" c="dimmed" pt={4}>
            {emptyLabel}
          </Text>
        )}
        {ranges.map((range, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: ranges have no identity but their place
          <Group key={index} gap={4} wrap="nowrap">
            <TextInput
              size="xs"
              w={80}
              placeholder="08:00"
              maxLength={5}
              aria-label={t('calendars.from', { day: label, n: index + 1 })}
              value={range.from}
              error={!!error}
              onChange={(event) => set(index, { from: event.currentTarget.value })}
            />
            <Text size="sm" aria-hidden>
              –
            </Text>
            <TextInput
              size="xs"
              w={80}
              placeholder="17:30"
              maxLength={5}
              aria-label={t('calendars.to', { day: label, n: index + 1 })}
              value={range.to}
              error={!!error}
              onChange={(event) => set(index, { to: event.currentTarget.value })}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('calendars.removeRange', { day: label, n: index + 1 })}
              onClick={() => onChange(ranges.filter((_, i) => i !== index))}
            >
              <IconTrash size={14} aria-hidden />
            </ActionIcon>
          </Group>
        ))}
        {error && (
          <Text size="xs" className={tone.alert} role="alert">
            {error}
          </Text>
        )}
      </Stack>
      <Button
        size="compact-xs"
        variant="subtle"
        leftSection={<IconPlus size={12} aria-hidden />}
        disabled={ranges.length >= 8}
        aria-label={t('calendars.addRangeTo', { day: label })}
        onClick={() => {
          const last = ranges[ranges.length - 1];
          onChange([...ranges, last ? { from: last.to, to: last.to } : { from: '08:00', to: '17:30' }]);
        }}
      >
        {t('calendars.addRange')}
      </Button>
    </Group>
  );
}

/** "Open now", and whether the calendar is open at a moment the administrator picks (their local time). */
function StatusCheck({ calendarId, openNow }: { calendarId: string; openNow: boolean }) {
  const { t } = useTranslation();
  const [moment, setMoment] = useState('');
  const at = moment && !Number.isNaN(Date.parse(moment)) ? new Date(moment).toISOString() : null;
  const status = useCalendarStatus(at ? calendarId : null, at);
  return (
    <Stack gap={4} align="flex-end">
      <OpenBadge open={openNow} />
      <Group gap="xs" wrap="nowrap" align="flex-end">
        <TextInput
          type="datetime-local"
          size="xs"
          label={t('calendars.checkMoment')}
          value={moment}
          onChange={(event) => setMoment(event.currentTarget.value)}
        />
        {at && status.data && (
          <Badge color={status.data.open ? 'teal' : 'gray'} variant="dot" tt="none" mb={4}>
            {status.data.open ? t('calendars.openThen') : t('calendars.closedThen')}
          </Badge>
        )}
      </Group>
    </Stack>
  );
}

/** Deleting asks once; a calendar that queues still follow is refused by the server, which names them. */
function DeleteCalendar({ calendar, onDeleted }: { calendar: Calendar; onDeleted: () => void }) {
  const { t } = useTranslation();
  const remove = useDeleteCalendar();
  return (
    <Stack gap="xs">
      <ErrorAlert error={remove.error} />
      <Group justify="flex-start">
        <ConfirmButton
          color="red"
          variant="outline"
          size="xs"
          question={t('calendars.deleteQuestion', { name: calendar.name })}
          confirmLabel={t('calendars.delete')}
          loading={remove.isPending}
          onConfirm={() =>
            remove.mutate(calendar.id, {
              onSuccess: () => {
                notifySuccess(t('calendars.deleted', { name: calendar.name }));
                onDeleted();
              },
            })
          }
        >
          {t('calendars.delete')}
        </ConfirmButton>
      </Group>
    </Stack>
  );
}
