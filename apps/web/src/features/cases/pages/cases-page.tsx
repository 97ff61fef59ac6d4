import {
  Badge,
  Button,
  Checkbox,
  Grid,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { API_BASE } from '../../../app/api-client.ts';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { useFormatters } from '../../../shared/format.ts';
import { PageHeader } from '../../../shared/page-header.tsx';
import { useRealtime } from '../../../shared/use-realtime.ts';
import { hasAnyPermission, useCurrentUser } from '../../auth/api.ts';
import {
  type CaseSummary,
  refreshOnCaseEvent,
  useCases,
  useDeleteView,
  useDepartmentQueue,
  useMyTasks,
  useSavedViews,
  useSaveView,
} from '../api.ts';
import { BulkBar } from '../components/bulk-bar.tsx';
import { CaseFilters } from '../components/case-filters.tsx';
import { CasePanel, TaskCard } from '../components/case-panel.tsx';
import { NewCaseButton } from '../components/create-case-button.tsx';

type View = 'mine' | 'team' | 'tasks' | 'complaints';

/** My cases, team cases, my department's tasks and the complaints register; the chosen case beside. */
export function CasesPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const views: View[] = [
    ...(hasAnyPermission(me, ['desk.use', 'cases.create']) ? (['mine'] as const) : []),
    ...(hasAnyPermission(me, ['supervisor.view']) ? (['team'] as const) : []),
    ...(hasAnyPermission(me, ['backoffice.work']) ? (['tasks'] as const) : []),
    ...(hasAnyPermission(me, ['complaints.manage']) ? (['complaints'] as const) : []),
  ];
  const view = (params.get('view') as View | null) ?? views[0] ?? 'mine';
  const selected = params.get('case');
  const select = (id: string) => setParams((p) => ({ ...Object.fromEntries(p), case: id }));
  const status = useRealtime((event) => refreshOnCaseEvent(queryClient, event));
  return (
    <Stack>
      <PageHeader
        title={t('cases.title')}
        actions={
          hasAnyPermission(me, ['desk.use', 'cases.create', 'complaints.manage']) ? (
            <NewCaseButton />
          ) : undefined
        }
      />
      <Text size="xs" c="dimmed" aria-live="polite">
        {t(`cases.realtime.${status}`)}
      </Text>
      <Tabs value={view} onChange={(v) => v && setParams({ view: v })}>
        <Tabs.List>
          {views.map((v) => (
            <Tabs.Tab key={v} value={v}>
              {t(`cases.view.${v}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Grid>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          {view === 'tasks' ? (
            <DepartmentTasks onOpen={select} />
          ) : (
            <CaseTable key={view} view={view} onOpen={select} selected={selected} />
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          {selected ? (
            <Paper withBorder p="md">
              <CasePanel caseId={selected} />
            </Paper>
          ) : (
            <Text c="dimmed">{t('cases.pick')}</Text>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function CaseTable({
  view,
  onOpen,
  selected,
}: {
  view: 'mine' | 'team' | 'complaints';
  onOpen: (id: string) => void;
  selected: string | null;
}) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const me = useCurrentUser();
  const bulk = view === 'team' && hasAnyPermission(me, ['cases.reassign']);
  const [picked, setPicked] = useState<string[]>([]);
  const [overdue, setOverdue] = useState(false);
  const [sort, setSort] = useState<string>(view === 'complaints' ? 'due' : 'updated');
  const [status, setStatus] = useState<string | null>(null);
  // The register's other filters (owner, branch, category, product, channel, due within days).
  const [filters, setFilters] = useState<Record<string, string>>({});
  const [viewName, setViewName] = useState('');
  const [appliedView, setAppliedView] = useState<string | null>(null);
  const savedViews = useSavedViews();
  const saveView = useSaveView();
  const deleteView = useDeleteView();
  const viewsHere = (savedViews.data?.items ?? []).filter((v) => v.view === view);
  const applyView = (id: string | null) => {
    setAppliedView(id);
    const v = viewsHere.find((x) => x.id === id);
    if (!v) return;
    const { status: s, overdue: o, ...rest } = v.filters as { status?: string; overdue?: boolean };
    setStatus(s ?? null);
    setOverdue(!!o);
    setSort(v.sort);
    setFilters(Object.fromEntries(Object.entries(rest).map(([k, x]) => [k, String(x)])));
    setViewName(v.name);
  };
  const { data, error } = useCases({ view, ...filters, overdue: overdue ? 'true' : undefined, sort, status });
  const today = new Date();
  const from = new Date(today.getFullYear(), today.getMonth(), 1).toISOString().slice(0, 10);
  const to = new Date(today.getFullYear(), today.getMonth() + 1, 1).toISOString().slice(0, 10);
  return (
    <Stack gap="xs">
      <Group gap="xs" align="flex-end">
        <Select
          w={180}
          label={t('cases.field.status')}
          clearable
          value={status}
          onChange={setStatus}
          data={['new', 'in_progress', 'waiting_customer', 'waiting_back_office', 'resolved', 'closed'].map(
            (s) => ({ value: s, label: t(`cases.status.${s}`) }),
          )}
        />
        <Select
          w={160}
          label={t('cases.sort')}
          value={sort}
          onChange={(v) => v && setSort(v)}
          allowDeselect={false}
          data={(['updated', 'created', 'due'] as const).map((s) => ({
            value: s,
            label: t(`cases.sortBy.${s}`),
          }))}
        />
        <CaseFilters view={view} value={filters} onChange={setFilters} />
        {view === 'complaints' && (
          <>
            <Checkbox
              label={t('cases.overdue')}
              checked={overdue}
              onChange={(e) => setOverdue(e.currentTarget.checked)}
            />
            <Button
              component="a"
              size="xs"
              variant="default"
              href={`${API_BASE}/complaints/export.csv?from=${from}&to=${to}`}
            >
              {t('cases.export')}
            </Button>
          </>
        )}
      </Group>
      <Group gap="xs" align="flex-end" aria-label={t('cases.views.title')} role="group">
        <Select
          w={200}
          label={t('cases.views.saved')}
          placeholder={t('cases.views.none')}
          clearable
          value={appliedView}
          onChange={applyView}
          data={viewsHere.map((v) => ({ value: v.id, label: v.name }))}
        />
        <TextInput
          w={180}
          label={t('cases.views.name')}
          value={viewName}
          onChange={(e) => setViewName(e.currentTarget.value)}
        />
        <Button
          size="sm"
          variant="default"
          disabled={!viewName.trim()}
          loading={saveView.isPending}
          onClick={() =>
            saveView.mutate(
              {
                name: viewName.trim(),
                view,
                sort: sort as 'updated' | 'created' | 'due',
                filters: {
                  ...Object.fromEntries(
                    Object.entries(filters).map(([k, v]) => [k, k === 'dueWithinDays' ? Number(v) : v]),
                  ),
                  ...(status ? { status } : {}),
                  ...(overdue ? { overdue: true } : {}),
                },
              },
              { onSuccess: (v) => setAppliedView(v.id) },
            )
          }
        >
          {t('cases.views.save')}
        </Button>
        {appliedView && (
          <Button
            size="sm"
            variant="default"
            onClick={() =>
              deleteView.mutate(appliedView, {
                onSuccess: () => {
                  setAppliedView(null);
                  setFilters({});
                },
              })
            }
          >
            {t('cases.views.delete')}
          </Button>
        )}
      </Group>
      <ErrorAlert error={saveView.error ?? deleteView.error} />
      {error && <ErrorAlert error={error} />}
      {bulk && picked.length > 0 && <BulkBar caseIds={picked} />}
      <Table highlightOnHover aria-label={t(`cases.view.${view}`)}>
        <Table.Thead>
          <Table.Tr>
            {bulk && (
              <Table.Th>
                <Checkbox
                  aria-label={t('cases.bulk.selectAll')}
                  checked={!!data?.items.length && picked.length === data.items.length}
                  onChange={(e) =>
                    setPicked(e.currentTarget.checked ? (data?.items ?? []).map((c) => c.id) : [])
                  }
                />
              </Table.Th>
            )}
            <Table.Th>{t('cases.field.number')}</Table.Th>
            <Table.Th>{t('cases.field.subject')}</Table.Th>
            <Table.Th>{t('cases.field.status')}</Table.Th>
            <Table.Th>{view === 'complaints' ? t('cases.field.due') : t('cases.field.updated')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(data?.items ?? []).map((c: CaseSummary) => (
            <Table.Tr
              key={c.id}
              aria-selected={c.id === selected}
              bg={c.id === selected ? 'var(--mantine-color-blue-light)' : undefined}
            >
              {bulk && (
                <Table.Td>
                  <Checkbox
                    aria-label={t('cases.bulk.select', { number: c.number })}
                    checked={picked.includes(c.id)}
                    onChange={(e) => {
                      const on = e.currentTarget.checked;
                      setPicked((p) => (on ? [...p, c.id] : p.filter((id) => id !== c.id)));
                    }}
                  />
                </Table.Td>
              )}
              <Table.Td>
                <Button variant="subtle" size="compact-sm" onClick={() => onOpen(c.id)}>
                  {c.number}
                </Button>
              </Table.Td>
              <Table.Td>{c.subject}</Table.Td>
              <Table.Td>
                <Badge variant="light">{t(`cases.status.${c.status}`)}</Badge>
              </Table.Td>
              <Table.Td>{dateTime(view === 'complaints' ? c.regulatoryDueAt : c.updatedAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {data && data.items.length === 0 && <Text c="dimmed">{t('cases.empty')}</Text>}
    </Stack>
  );
}

function DepartmentTasks({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const queue = useDepartmentQueue(true);
  const mine = useMyTasks(true);
  return (
    <Stack gap="sm">
      <Text fw={600}>{t('cases.myTasks')}</Text>
      {(mine.data?.items ?? []).map((task) => (
        <Stack key={task.id} gap={4}>
          <Button variant="subtle" size="compact-sm" onClick={() => onOpen(task.caseId)}>
            {task.caseNumber} · {task.caseSubject}
          </Button>
          <TaskCard task={task} />
        </Stack>
      ))}
      <Text fw={600}>{t('cases.queue')}</Text>
      {(queue.data?.items ?? []).map((task) => (
        <Stack key={task.id} gap={4}>
          <Button variant="subtle" size="compact-sm" onClick={() => onOpen(task.caseId)}>
            {task.caseNumber} · {task.caseSubject}
          </Button>
          <TaskCard task={task} />
        </Stack>
      ))}
      {queue.data?.items.length === 0 && mine.data?.items.length === 0 && (
        <Text c="dimmed">{t('cases.noTasks')}</Text>
      )}
    </Stack>
  );
}
