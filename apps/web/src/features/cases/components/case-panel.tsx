import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_BASE } from '../../../app/api-client.ts';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { useFormatters } from '../../../shared/format.ts';
import { useCurrentUser } from '../../auth/api.ts';
import { useContactReasons } from '../../desk/api.ts';
import {
  type CaseDetail,
  type CaseTask,
  useAddNote,
  useCase,
  useChangeStatus,
  useCompleteTask,
  useCreateTask,
  useDepartments,
  useExtendComplaint,
  usePostTaskMessage,
  useTakeTask,
  useTaskThread,
} from '../api.ts';
import { caseChannelLabel, productLabel } from '../labels.ts';
import { CaseFiles } from './case-files.tsx';

const NEXT: Record<string, string[]> = {
  new: ['in_progress', 'waiting_customer', 'waiting_back_office', 'resolved'],
  in_progress: ['waiting_customer', 'waiting_back_office', 'resolved'],
  waiting_customer: ['in_progress', 'waiting_back_office', 'resolved'],
  waiting_back_office: ['in_progress', 'waiting_customer', 'resolved'],
  resolved: ['closed', 'in_progress'],
  closed: ['in_progress'],
};

/** One case: status, SLA clocks, tasks with their threads, notes and the timeline. */
export function CasePanel({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const { data, error } = useCase(caseId);
  const me = useCurrentUser();
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <Text c="dimmed">{t('cases.loading')}</Text>;
  const c = data.case;
  const isOwner = me.id === c.ownerId;
  return (
    <Stack gap="md">
      <div>
        <Title order={2} size="h4">
          {c.number} · {c.subject}
        </Title>
        <Group gap={6}>
          <Badge variant="light">{t(`cases.status.${c.status}`)}</Badge>
          <Badge variant="outline">{t(`cases.type.${c.type}`)}</Badge>
          <Text size="sm" c="dimmed">
            {t('cases.owner', { name: c.ownerName })}
          </Text>
        </Group>
      </div>
      <Facts data={data} />
      {c.description && <Text size="sm">{c.description}</Text>}
      {isOwner && <StatusActions data={data} />}
      {data.view === 'full' &&
        (c.status === 'resolved' || c.status === 'closed') &&
        c.type === 'complaint' && (
          <Group gap="xs">
            {(['zh-CN', 'vi', 'en'] as const).map((lang) => (
              <Anchor key={lang} href={`${API_BASE}/cases/${c.id}/letter.pdf?lang=${lang}`} download>
                {t('cases.letter', { lang: t(`cases.lang.${lang}`) })}
              </Anchor>
            ))}
          </Group>
        )}
      {data.view === 'full' && c.type === 'complaint' && c.regulatoryProfile === 'cn_nfra' && (
        <Extension data={data} />
      )}
      {data.clocks.length > 0 && <Clocks data={data} />}
      {data.view === 'full' && <CaseFiles data={data} />}
      <Tasks data={data} isOwner={isOwner} />
      {data.view === 'full' && <Notes data={data} isOwner={isOwner} />}
      {data.view === 'full' && <Timeline data={data} />}
    </Stack>
  );
}

/** What the case is about and where it came from: priority, category, product, channel, dates. */
function Facts({ data }: { data: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const { dateTime } = useFormatters();
  const reasons = useContactReasons();
  const c = data.case;
  const category = reasons.data?.items.find((r) => r.id === c.categoryId);
  const facts: [string, string][] = [
    [t('cases.facts.priority'), t(`cases.bulk.priorities.${c.priority}`, c.priority)],
    ...(c.categoryId
      ? [
          [
            t('cases.field.category'),
            category ? (category.names[i18n.language] ?? category.names.en ?? category.code) : '…',
          ] as [string, string],
        ]
      : []),
    ...(c.product ? [[t('cases.facts.product'), productLabel(t, c.product)] as [string, string]] : []),
    ...(c.channel ? [[t('cases.facts.channel'), caseChannelLabel(t, c.channel)] as [string, string]] : []),
    [t('cases.facts.created'), dateTime(c.createdAt)],
    ...(c.regulatoryDueAt ? [[t('cases.field.due'), dateTime(c.regulatoryDueAt)] as [string, string]] : []),
    ...(c.tags?.length ? [[t('cases.facts.tags'), c.tags.join(', ')] as [string, string]] : []),
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs" verticalSpacing={4} component="dl" m={0}>
      {facts.map(([label, value]) => (
        <div key={label}>
          <Text component="dt" size="xs" c="dimmed">
            {label}
          </Text>
          <Text component="dd" size="sm" m={0}>
            {value}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}

function StatusActions({ data }: { data: CaseDetail }) {
  const { t } = useTranslation();
  const c = data.case;
  const change = useChangeStatus(c.id);
  const [resolution, setResolution] = useState(c.resolution ?? '');
  const [rootCause, setRootCause] = useState(c.rootCause ?? '');
  const open = c.status !== 'resolved' && c.status !== 'closed';
  return (
    <Card withBorder padding="sm">
      <Stack gap="xs">
        {open && (
          <>
            <Textarea
              label={t('cases.field.resolution')}
              value={resolution}
              onChange={(e) => setResolution(e.currentTarget.value)}
              autosize
            />
            {c.type === 'complaint' && (
              <TextInput
                label={t('cases.field.rootCause')}
                value={rootCause}
                onChange={(e) => setRootCause(e.currentTarget.value)}
              />
            )}
          </>
        )}
        <Group gap="xs">
          {(NEXT[c.status] ?? []).map((to) => (
            <Button
              key={to}
              size="xs"
              variant={to === 'resolved' ? 'filled' : 'default'}
              loading={change.isPending && change.variables?.status === to}
              onClick={() =>
                change.mutate({
                  version: c.version,
                  status: to,
                  ...(to === 'resolved'
                    ? { resolution, ...(c.type === 'complaint' ? { rootCause } : {}) }
                    : {}),
                })
              }
            >
              {t(`cases.action.${to}`)}
            </Button>
          ))}
        </Group>
        {change.error && <ErrorAlert error={change.error} />}
      </Stack>
    </Card>
  );
}

/** China's complaint clock: 15 calendar days, extended once to 30 by the complaints officer, with a reason. */
function Extension({ data }: { data: CaseDetail }) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const me = useCurrentUser();
  const c = data.case;
  const extend = useExtendComplaint(c.id);
  const [reason, setReason] = useState('');
  const canExtend =
    !c.extensionReason &&
    me.permissions.includes('complaints.manage') &&
    c.status !== 'resolved' &&
    c.status !== 'closed';
  return (
    <Card withBorder padding="sm" aria-label={t('cases.extension.title')}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h6">
            {t('cases.extension.title')}
          </Title>
          <Text size="sm">{t('cases.extension.due', { at: dateTime(c.regulatoryDueAt) })}</Text>
        </Group>
        {c.extensionReason ? (
          <Text size="sm">{t('cases.extension.done', { reason: c.extensionReason })}</Text>
        ) : canExtend ? (
          <>
            <Text size="xs" c="dimmed">
              {t('cases.extension.hint')}
            </Text>
            <Textarea
              label={t('cases.extension.reason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              autosize
              required
            />
            <Group>
              <Button
                size="xs"
                disabled={reason.trim().length === 0}
                loading={extend.isPending}
                onClick={() => extend.mutate(reason.trim(), { onSuccess: () => setReason('') })}
              >
                {t('cases.extension.approve')}
              </Button>
            </Group>
            {extend.error && <ErrorAlert error={extend.error} />}
          </>
        ) : (
          <Text size="xs" c="dimmed">
            {t('cases.extension.notExtended')}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

function Clocks({ data }: { data: CaseDetail }) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  return (
    <Stack gap={6} aria-label={t('cases.clocks')}>
      <Title order={3} size="h6">
        {t('cases.clocks')}
      </Title>
      {data.clocks.map((k) => {
        const percent = k.metAt ? 100 : Math.min(100, [0, 50, 80, 100][k.stage] ?? 0);
        const color = k.metAt
          ? 'teal'
          : k.stage >= 3
            ? 'red'
            : k.stage >= 2
              ? 'orange'
              : k.stage >= 1
                ? 'yellow'
                : 'blue';
        return (
          <div key={k.kind}>
            <Group justify="space-between">
              <Text size="sm">{t(`cases.clock.${k.kind}`)}</Text>
              <Text size="xs" c="dimmed">
                {k.metAt
                  ? t('cases.clockMet')
                  : k.paused
                    ? t('cases.clockPaused')
                    : k.dueAt
                      ? t('cases.due', { at: dateTime(k.dueAt) })
                      : ''}
              </Text>
            </Group>
            <Progress value={percent} color={color} aria-label={t(`cases.clock.${k.kind}`)} />
          </div>
        );
      })}
    </Stack>
  );
}

function Tasks({ data, isOwner }: { data: CaseDetail; isOwner: boolean }) {
  const { t } = useTranslation();
  const departments = useDepartments();
  const create = useCreateTask(data.case.id);
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [instructions, setInstructions] = useState('');
  const open = data.case.status !== 'resolved' && data.case.status !== 'closed';
  return (
    <Stack gap="xs">
      <Title order={3} size="h6">
        {t('cases.tasks')}
      </Title>
      {data.tasks.map((task) => (
        <Stack key={task.id} gap={4}>
          <TaskCard task={task} />
          <CaseFiles data={data} taskId={task.id} />
        </Stack>
      ))}
      {isOwner && open && (
        <Card withBorder padding="sm">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (!departmentId) return;
              create.mutate(
                { departmentId, title, instructions },
                {
                  onSuccess: () => {
                    setTitle('');
                    setInstructions('');
                  },
                },
              );
            }}
          >
            <Stack gap="xs">
              <Select
                label={t('cases.field.department')}
                data={(departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
                value={departmentId}
                onChange={setDepartmentId}
              />
              <TextInput
                label={t('cases.field.taskTitle')}
                value={title}
                onChange={(e) => setTitle(e.currentTarget.value)}
              />
              <Textarea
                label={t('cases.field.instructions')}
                value={instructions}
                onChange={(e) => setInstructions(e.currentTarget.value)}
                autosize
              />
              {create.error && <ErrorAlert error={create.error} />}
              <Button
                type="submit"
                size="xs"
                disabled={!departmentId || !title.trim()}
                loading={create.isPending}
              >
                {t('cases.handOver')}
              </Button>
            </Stack>
          </form>
        </Card>
      )}
    </Stack>
  );
}

/** A task with its thread: the case owner and the back office talk here, live on both desks. */
export function TaskCard({ task }: { task: CaseTask }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const thread = useTaskThread(task.id);
  const post = usePostTaskMessage(task.id);
  const take = useTakeTask();
  const complete = useCompleteTask();
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState('');
  const { dateTime } = useFormatters();
  const isAssignee = me.id === task.assigneeId;
  return (
    <Card withBorder padding="sm" aria-label={t('cases.taskLabel', { title: task.title })}>
      <Stack gap={6}>
        <Group justify="space-between">
          <Text fw={600} size="sm">
            {task.title}
          </Text>
          <Badge variant="light">{t(`cases.taskStatus.${task.status}`)}</Badge>
        </Group>
        {task.instructions && <Text size="sm">{task.instructions}</Text>}
        {task.outcome && <Text size="sm">{t('cases.outcome', { text: task.outcome })}</Text>}
        <Stack gap={2} role="log" aria-label={t('cases.thread')}>
          {(thread.data?.items ?? []).map((m) => (
            <Text key={m.id} size="sm">
              <Text span fw={600}>
                {m.authorName}
              </Text>{' '}
              <Text span size="xs" c="dimmed">
                {dateTime(m.createdAt)}
              </Text>
              : {m.body}
            </Text>
          ))}
        </Stack>
        {task.status !== 'done' && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              post.mutate(text, { onSuccess: () => setText('') });
            }}
          >
            <Group gap="xs" align="flex-end">
              <TextInput
                style={{ flex: 1 }}
                label={t('cases.message')}
                value={text}
                onChange={(e) => setText(e.currentTarget.value)}
              />
              <Button type="submit" size="xs" disabled={!text.trim()} loading={post.isPending}>
                {t('cases.send')}
              </Button>
            </Group>
          </form>
        )}
        {task.status === 'open' && !isAssignee && task.assigneeId === null && (
          <Button size="xs" variant="light" onClick={() => take.mutate(task.id)} loading={take.isPending}>
            {t('cases.take')}
          </Button>
        )}
        {isAssignee && task.status === 'in_progress' && (
          <Group gap="xs" align="flex-end">
            <TextInput
              style={{ flex: 1 }}
              label={t('cases.field.outcome')}
              value={outcome}
              onChange={(e) => setOutcome(e.currentTarget.value)}
            />
            <Button
              size="xs"
              disabled={!outcome.trim()}
              onClick={() => complete.mutate({ taskId: task.id, outcome })}
              loading={complete.isPending}
            >
              {t('cases.complete')}
            </Button>
          </Group>
        )}
        {(take.error || complete.error || post.error) && (
          <ErrorAlert error={take.error ?? complete.error ?? post.error} />
        )}
      </Stack>
    </Card>
  );
}

function Notes({ data, isOwner }: { data: CaseDetail; isOwner: boolean }) {
  const { t } = useTranslation();
  const add = useAddNote(data.case.id);
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<'internal' | 'customer'>('internal');
  return (
    <Stack gap="xs">
      <Title order={3} size="h6">
        {t('cases.notes')}
      </Title>
      {data.notes.map((n) => (
        <Text key={n.id} size="sm">
          <Badge size="xs" variant="outline">
            {t(`cases.visibility.${n.visibility}`)}
          </Badge>{' '}
          {n.body}
        </Text>
      ))}
      {isOwner && data.case.status !== 'closed' && (
        <Group gap="xs" align="flex-end">
          <Select
            w={160}
            label={t('cases.field.visibility')}
            data={(['internal', 'customer'] as const).map((v) => ({
              value: v,
              label: t(`cases.visibility.${v}`),
            }))}
            value={visibility}
            onChange={(v) => v && setVisibility(v as 'internal' | 'customer')}
            allowDeselect={false}
          />
          <TextInput
            style={{ flex: 1 }}
            label={t('cases.field.note')}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
          />
          <Button
            size="xs"
            disabled={!body.trim()}
            onClick={() => add.mutate({ visibility, body }, { onSuccess: () => setBody('') })}
          >
            {t('cases.addNote')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function Timeline({ data }: { data: CaseDetail }) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  return (
    <Stack gap="xs">
      <Title order={3} size="h6">
        {t('cases.timeline')}
      </Title>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('cases.when')}</Table.Th>
            <Table.Th>{t('cases.who')}</Table.Th>
            <Table.Th>{t('cases.what')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.timeline.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>{dateTime(e.at)}</Table.Td>
              <Table.Td>{e.actorName ?? '—'}</Table.Td>
              <Table.Td>
                {t(`cases.event.${e.kind}`, { defaultValue: e.kind })}
                {e.kind === 'status_changed'
                  ? ` (${t(`cases.status.${String(e.details.from)}`)} → ${t(`cases.status.${String(e.details.to)}`)})`
                  : ''}
                {e.kind === 'attachment_added' ? ` (${String(e.details.name)})` : ''}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
