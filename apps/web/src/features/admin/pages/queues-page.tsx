import {
  ActionIcon,
  Badge,
  Button,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../shared/notify.ts';
import { useCurrentUser } from '../../auth/api.ts';
import {
  type CreateQueue,
  type Queue,
  teams,
  useCalendars,
  useQueues,
  useSaveQueue,
  useSkills,
} from '../api.ts';
import { DirectoryTable } from '../components/directory-table.tsx';
import { EditorDrawer } from '../components/editor-drawer.tsx';
import { ListPageHeader } from '../components/list-page-header.tsx';
import { type OverflowRow, overflowBody } from '../overflow.ts';

const CHANNELS = ['chat', 'voice', 'email', 'sms', 'task'] as const;
type Channel = (typeof CHANNELS)[number];
const CODE_PATTERN = /^[a-z0-9_-]+$/;

/** The server's defaults for a new queue, shown in the form so nothing is implicit. */
const DEFAULTS = {
  offerTimeoutSeconds: 30,
  maxSize: 1000,
  wrapUpSeconds: 60,
  autoAccept: false,
  agingSeconds: 60,
  stickySeconds: 0,
};

interface OverflowRule {
  afterSeconds?: number;
  action?: string;
  toQueueId?: string;
  dropSkillIds?: string[];
}

export function QueuesPage() {
  const { t } = useTranslation();
  const canManage = useCurrentUser().permissions.includes('staff.manage');
  const list = useQueues();
  const skills = useSkills();
  const calendars = useCalendars();
  const teamList = teams.useList();
  const [editing, setEditing] = useState<Queue | 'new' | null>(null);
  const skillName = (id: string) => skills.data?.find((s) => s.id === id)?.name ?? id;
  const channelName = (channel: string) => t(`desk.channel.${channel}`, { defaultValue: channel });
  return (
    <Stack>
      <ListPageHeader
        title={t('nav.queues')}
        description={t('queues.description')}
        createLabel={t('queues.create')}
        onCreate={canManage ? () => setEditing('new') : null}
        error={list.error}
      />
      <DirectoryTable
        items={list.data}
        onEdit={canManage ? setEditing : null}
        columns={[
          { label: t('queues.name'), render: (queue) => queue.name },
          {
            label: t('queues.code'),
            render: (queue) => (
              <Text ff="monospace" size="sm">
                {queue.code}
              </Text>
            ),
          },
          {
            label: t('queues.channels'),
            render: (queue) => (
              <Group gap={4}>
                {queue.channels.map((channel) => (
                  <Badge key={channel} size="sm" variant="light" tt="none">
                    {channelName(channel)}
                  </Badge>
                ))}
              </Group>
            ),
          },
          {
            label: t('queues.requiredSkills'),
            render: (queue) =>
              queue.requiredSkills.length === 0
                ? t('queues.noSkills')
                : queue.requiredSkills
                    .map((rs) =>
                      t('queues.skillAtLeast', { skill: skillName(rs.skillId), level: rs.minProficiency }),
                    )
                    .join(', '),
          },
          {
            label: t('queues.offerTimeout'),
            render: (queue) => t('queues.seconds', { count: queue.offerTimeoutSeconds }),
          },
          {
            label: t('queues.maxSize'),
            render: (queue) => queue.maxSize,
          },
          {
            label: t('queues.wrapUp'),
            render: (queue) => t('queues.seconds', { count: queue.wrapUpSeconds }),
          },
          {
            label: t('queues.autoAccept'),
            render: (queue) => (queue.autoAccept ? t('queues.yes') : t('queues.no')),
          },
          {
            label: t('queues.calendar'),
            render: (queue) =>
              queue.calendarId
                ? (calendars.data?.find((c) => c.id === queue.calendarId)?.name ?? queue.calendarId)
                : t('queues.open247'),
          },
          {
            label: t('emailTemplates.queueTeam'),
            render: (queue) =>
              queue.teamId
                ? (teamList.data?.find((team) => team.id === queue.teamId)?.name ?? queue.teamId)
                : t('emailTemplates.queueNoTeam'),
          },
          {
            label: t('queues.overflow'),
            render: (queue) =>
              queue.overflow.length === 0
                ? t('queues.noOverflow')
                : (queue.overflow as OverflowRule[])
                    .map((rule) =>
                      rule.action === 'move'
                        ? t('queues.overflowMove', {
                            seconds: rule.afterSeconds,
                            queue: list.data?.find((q) => q.id === rule.toQueueId)?.name ?? rule.toQueueId,
                          })
                        : t('queues.overflowWiden', {
                            seconds: rule.afterSeconds,
                            count: rule.dropSkillIds?.length ?? 0,
                          }),
                    )
                    .join('; '),
          },
        ]}
      />
      {editing && (
        <QueueDrawer
          queue={editing === 'new' ? null : editing}
          queues={list.data ?? []}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}

function QueueDrawer({
  queue,
  queues,
  onClose,
}: {
  queue: Queue | null;
  queues: Queue[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveQueue();
  const skills = useSkills();
  const calendars = useCalendars();
  const teamList = teams.useList();
  const form = useForm({
    initialValues: {
      code: queue?.code ?? '',
      name: queue?.name ?? '',
      channels: (queue?.channels ?? ['chat']) as string[],
      requiredSkills: (queue?.requiredSkills ?? []).map((rs) => ({
        skillId: rs.skillId as string | null,
        minProficiency: rs.minProficiency as number | string,
      })),
      offerTimeoutSeconds: (queue?.offerTimeoutSeconds ?? DEFAULTS.offerTimeoutSeconds) as number | string,
      maxSize: (queue?.maxSize ?? DEFAULTS.maxSize) as number | string,
      wrapUpSeconds: (queue?.wrapUpSeconds ?? DEFAULTS.wrapUpSeconds) as number | string,
      autoAccept: queue?.autoAccept ?? DEFAULTS.autoAccept,
      agingSeconds: (queue?.agingSeconds ?? DEFAULTS.agingSeconds) as number | string,
      stickySeconds: (queue?.stickySeconds ?? DEFAULTS.stickySeconds) as number | string,
      calendarId: queue?.calendarId ?? null,
      teamId: queue?.teamId ?? null,
      overflow: ((queue?.overflow ?? []) as OverflowRule[]).map(
        (rule): OverflowRow => ({
          afterSeconds: rule.afterSeconds ?? 60,
          action: rule.action === 'move' ? 'move' : 'widen',
          dropSkillIds: rule.dropSkillIds ?? [],
          toQueueId: rule.toQueueId ?? null,
        }),
      ),
    },
    validate: {
      code: (value) => (queue || CODE_PATTERN.test(value.trim()) ? null : t('queues.codeInvalid')),
      name: (value) => (value.trim() ? null : t('validation.required')),
      channels: (value) => (value.length > 0 ? null : t('queues.channelsRequired')),
      requiredSkills: {
        skillId: (value) => (value ? null : t('validation.required')),
      },
      offerTimeoutSeconds: (value) => (value === '' ? t('validation.required') : null),
      maxSize: (value) => (value === '' ? t('validation.required') : null),
      wrapUpSeconds: (value) => (value === '' ? t('validation.required') : null),
      agingSeconds: (value) => (value === '' ? t('validation.required') : null),
      stickySeconds: (value) => (value === '' ? t('validation.required') : null),
      overflow: {
        afterSeconds: (value) => (value === '' ? t('validation.required') : null),
        dropSkillIds: (value, values, path) => {
          const index = Number(path.split('.')[1]);
          return values.overflow[index]?.action === 'widen' && value.length === 0
            ? t('queues.overflowDropRequired')
            : null;
        },
        toQueueId: (value, values, path) => {
          const index = Number(path.split('.')[1]);
          return values.overflow[index]?.action === 'move' && !value ? t('validation.required') : null;
        },
      },
    },
  });
  const skillOptions = (skills.data ?? []).map((skill) => ({ value: skill.id, label: skill.name }));
  const requiredSkillOptions = skillOptions.filter((option) =>
    form.values.requiredSkills.some((rs) => rs.skillId === option.value),
  );
  const otherQueues = queues.filter((q) => q.id !== queue?.id).map((q) => ({ value: q.id, label: q.name }));

  return (
    <EditorDrawer
      opened
      size="lg"
      title={queue ? t('queues.edit', { name: queue.name }) : t('queues.create')}
      error={save.error}
      isSaving={save.isPending}
      onClose={onClose}
      onSubmit={form.onSubmit((values) => {
        const fields = {
          name: values.name.trim(),
          channels: values.channels as Channel[],
          requiredSkills: values.requiredSkills.map((rs) => ({
            skillId: rs.skillId ?? '',
            minProficiency: Number(rs.minProficiency) || 1,
          })),
          offerTimeoutSeconds: Number(values.offerTimeoutSeconds),
          maxSize: Number(values.maxSize),
          wrapUpSeconds: Number(values.wrapUpSeconds),
          autoAccept: values.autoAccept,
          agingSeconds: Number(values.agingSeconds),
          stickySeconds: Number(values.stickySeconds),
          calendarId: values.calendarId,
          teamId: values.teamId,
          overflow: overflowBody(values.overflow),
        };
        const done = {
          onSuccess: (saved: Queue) => {
            notifySuccess(t('queues.saved', { name: saved.name }));
            onClose();
          },
        };
        if (queue) save.mutate({ id: queue.id, input: fields }, done);
        else
          save.mutate(
            { id: null, input: { code: values.code.trim(), ...fields } satisfies CreateQueue },
            done,
          );
      })}
    >
      {queue ? (
        <TextInput label={t('queues.code')} value={queue.code} readOnly />
      ) : (
        <TextInput
          label={t('queues.code')}
          description={t('queues.codeHelp')}
          maxLength={40}
          {...form.getInputProps('code')}
        />
      )}
      <TextInput label={t('queues.name')} maxLength={120} {...form.getInputProps('name')} />
      <MultiSelect
        label={t('queues.channels')}
        data={CHANNELS.map((channel) => ({ value: channel, label: t(`desk.channel.${channel}`) }))}
        {...form.getInputProps('channels')}
      />
      <Stack gap={6} component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
        <Text component="legend" size="sm" fw={500}>
          {t('queues.requiredSkills')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('queues.requiredSkillsHelp')}
        </Text>
        {form.values.requiredSkills.map((_, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until a skill is chosen
          <Group key={index} gap="xs" align="flex-end" wrap="nowrap">
            <Select
              label={t('queues.skill')}
              data={skillOptions}
              searchable
              style={{ flex: 1 }}
              {...form.getInputProps(`requiredSkills.${index}.skillId`)}
            />
            <NumberInput
              label={t('queues.minProficiency')}
              min={1}
              max={5}
              w={120}
              allowDecimal={false}
              {...form.getInputProps(`requiredSkills.${index}.minProficiency`)}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              mb={2}
              aria-label={t('queues.removeSkill')}
              onClick={() => form.removeListItem('requiredSkills', index)}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button
            variant="default"
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            disabled={form.values.requiredSkills.length >= 10}
            onClick={() => form.insertListItem('requiredSkills', { skillId: null, minProficiency: 1 })}
          >
            {t('queues.addSkill')}
          </Button>
        </Group>
      </Stack>
      <SimpleGrid cols={2} spacing="sm">
        <NumberInput
          label={t('queues.offerTimeoutSeconds')}
          min={5}
          max={600}
          allowDecimal={false}
          {...form.getInputProps('offerTimeoutSeconds')}
        />
        <NumberInput
          label={t('queues.maxSize')}
          description={t('queues.maxSizeHelp')}
          min={0}
          max={100_000}
          allowDecimal={false}
          {...form.getInputProps('maxSize')}
        />
        <NumberInput
          label={t('queues.wrapUpSeconds')}
          min={0}
          max={3600}
          allowDecimal={false}
          {...form.getInputProps('wrapUpSeconds')}
        />
        <NumberInput
          label={t('queues.agingSeconds')}
          description={t('queues.agingHelp')}
          min={1}
          max={3600}
          allowDecimal={false}
          {...form.getInputProps('agingSeconds')}
        />
        <NumberInput
          label={t('queues.stickySeconds')}
          description={t('queues.stickyHelp')}
          min={0}
          max={86_400}
          allowDecimal={false}
          {...form.getInputProps('stickySeconds')}
        />
      </SimpleGrid>
      <Switch
        label={t('queues.autoAccept')}
        description={t('queues.autoAcceptHelp')}
        {...form.getInputProps('autoAccept', { type: 'checkbox' })}
      />
      <Select
        label={t('queues.calendar')}
        description={t('queues.calendarHelp')}
        placeholder={t('queues.open247')}
        data={(calendars.data ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.timeZone})` }))}
        clearable
        {...form.getInputProps('calendarId')}
      />
      <Select
        label={t('emailTemplates.queueTeam')}
        description={t('emailTemplates.queueTeamHelp')}
        placeholder={t('emailTemplates.queueNoTeam')}
        data={(teamList.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
        clearable
        searchable
        {...form.getInputProps('teamId')}
      />
      <Stack gap={6} component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
        <Title order={3} size="h6" component="legend">
          {t('queues.overflow')}
        </Title>
        <Text size="xs" c="dimmed">
          {t('queues.overflowHelp')}
        </Text>
        {form.values.overflow.map((rule, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rules have no identity but their place
          <Group key={index} gap="xs" align="flex-start" wrap="nowrap">
            <NumberInput
              label={t('queues.overflowAfter')}
              min={1}
              max={86_400}
              w={120}
              allowDecimal={false}
              {...form.getInputProps(`overflow.${index}.afterSeconds`)}
            />
            <Select
              label={t('queues.overflowAction')}
              w={150}
              allowDeselect={false}
              data={[
                { value: 'widen', label: t('queues.overflowActionWiden') },
                { value: 'move', label: t('queues.overflowActionMove') },
              ]}
              {...form.getInputProps(`overflow.${index}.action`)}
            />
            {rule.action === 'widen' ? (
              <MultiSelect
                label={t('queues.overflowDrop')}
                data={requiredSkillOptions}
                style={{ flex: 1 }}
                {...form.getInputProps(`overflow.${index}.dropSkillIds`)}
              />
            ) : (
              <Select
                label={t('queues.overflowTo')}
                data={otherQueues}
                searchable
                style={{ flex: 1 }}
                {...form.getInputProps(`overflow.${index}.toQueueId`)}
              />
            )}
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              mt={24}
              aria-label={t('queues.removeOverflow', { n: index + 1 })}
              onClick={() => form.removeListItem('overflow', index)}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button
            variant="default"
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            disabled={form.values.overflow.length >= 10}
            onClick={() =>
              form.insertListItem('overflow', {
                afterSeconds: 120,
                action: 'widen',
                dropSkillIds: [],
                toQueueId: null,
              } satisfies OverflowRow)
            }
          >
            {t('queues.addOverflow')}
          </Button>
        </Group>
      </Stack>
    </EditorDrawer>
  );
}
