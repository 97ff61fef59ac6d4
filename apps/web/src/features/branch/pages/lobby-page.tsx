import { BarChart } from '@mantine/charts';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api-client.ts';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { notifySuccess } from '../../../shared/notify.ts';
import { PageHeader } from '../../../shared/page-header.tsx';
import { useRealtime } from '../../../shared/use-realtime.ts';
import { useCurrentUser } from '../../auth/api.ts';
import {
  branchKeys,
  clock,
  isLobbyEvent,
  type LobbyBoard,
  nameIn,
  useLobbyBoard,
  useWaitingTickets,
} from '../api.ts';

/** The lobby manager's live board: lines per service, counters, threshold alerts and actions. */
export function LobbyPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const branchId = me.branch?.id ?? null;
  const queryClient = useQueryClient();
  const board = useLobbyBoard(branchId);
  const [error, setError] = useState<unknown>(null);
  const status = useRealtime((e) => {
    if (isLobbyEvent(e.type) && branchId)
      void queryClient.invalidateQueries({ queryKey: branchKeys.lobby(branchId) });
  });
  const act = async (path: string, body: unknown, done: string) => {
    setError(null);
    try {
      await api(path, { method: 'POST', body });
      notifySuccess(done);
    } catch (e) {
      setError(e);
    }
    if (branchId) await queryClient.invalidateQueries({ queryKey: branchKeys.lobby(branchId) });
  };
  const chart = useMemo(
    () =>
      (board.data?.services ?? []).map((s) => ({
        service: nameIn(s.service.names),
        [t('branch.lobby.waiting')]: s.waiting,
      })),
    [board.data, t],
  );

  return (
    <Stack gap="sm">
      <PageHeader
        title={t('branch.lobby.title')}
        description={me.branch?.name ?? t('branch.lobby.noBranch')}
        actions={
          <Badge variant="dot" color={status === 'live' ? 'green' : 'yellow'} role="status">
            {t(`desk.realtime.${status}`)}
          </Badge>
        }
      />
      <ErrorAlert error={board.error ?? error} />
      {board.data && (
        <>
          <Alerts board={board.data} onAct={act} />
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Card withBorder>
              <Title order={2} size="h3" mb="sm">
                {t('branch.lobby.services')}
              </Title>
              <Table aria-label={t('branch.lobby.services')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('branch.lobby.service')}</Table.Th>
                    <Table.Th ta="right">{t('branch.lobby.waiting')}</Table.Th>
                    <Table.Th ta="right">{t('branch.lobby.longest')}</Table.Th>
                    <Table.Th ta="right">{t('branch.lobby.average')}</Table.Th>
                    <Table.Th ta="right">{t('branch.lobby.served')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {board.data.services.map((s) => (
                    <Table.Tr key={s.service.id} data-testid={`lobby-service-${s.service.code}`}>
                      <Table.Td>
                        {s.service.letter} · {nameIn(s.service.names)}
                      </Table.Td>
                      <Table.Td ta="right" fw={s.alert ? 700 : undefined} c={s.alert ? 'red.8' : undefined}>
                        {s.waiting}
                      </Table.Td>
                      <Table.Td ta="right">{clock(s.longestWaitSeconds)}</Table.Td>
                      <Table.Td ta="right">{clock(s.averageWaitSeconds)}</Table.Td>
                      <Table.Td ta="right">{s.servedToday}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <BarChart
                h={200}
                mt="md"
                data={chart}
                dataKey="service"
                series={[{ name: t('branch.lobby.waiting'), color: 'blue.6' }]}
              />
            </Card>
            <Card withBorder>
              <Title order={2} size="h3" mb="sm">
                {t('branch.lobby.counters')}
              </Title>
              <Group gap="xs" mb="sm">
                {(['closed', 'idle', 'serving'] as const).map((state) => (
                  <Badge key={state} variant="light">
                    {t(`branch.lobby.state.${state}`)}:{' '}
                    {board.data.counters.filter((c) => c.state === state).length}
                  </Badge>
                ))}
              </Group>
              <Table aria-label={t('branch.lobby.counters')}>
                <Table.Tbody>
                  {board.data.counters.map((c) => (
                    <Table.Tr key={c.counter.id}>
                      <Table.Td>{t('branch.display.counter', { counter: c.counter.number })}</Table.Td>
                      <Table.Td>
                        {t(`branch.lobby.state.${c.state}`)}
                        {c.counter.isFlexible ? ` · ${t('branch.lobby.flexible')}` : ''}
                      </Table.Td>
                      <Table.Td>{c.ticketNumber ?? ''}</Table.Td>
                      <Table.Td>{c.counter.tellerName ?? ''}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Card>
          </SimpleGrid>
          {branchId && <WaitingTickets branchId={branchId} board={board.data} />}
        </>
      )}
    </Stack>
  );
}

function Alerts({
  board,
  onAct,
}: {
  board: LobbyBoard;
  onAct: (path: string, body: unknown, done: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const alerts = board.services.filter((s) => s.alert);
  const [counter, setCounter] = useState<string | null>(null);
  const [target, setTarget] = useState<string | null>(null);
  const [count, setCount] = useState<number | string>(3);
  if (alerts.length === 0) return null;
  return (
    <Stack gap="xs">
      {alerts.map((s) => (
        <Alert
          key={s.service.id}
          color="red"
          role="alert"
          title={t(`branch.lobby.alert.${s.alert}`, { service: nameIn(s.service.names) })}
        >
          <Text size="sm" mb="xs">
            {t('branch.lobby.alertDetail', { waiting: s.waiting, longest: clock(s.longestWaitSeconds) })}
          </Text>
          <Group align="flex-end">
            <Select
              label={t('branch.lobby.counter')}
              data={board.counters
                .filter((c) => c.state !== 'serving')
                .map((c) => ({
                  value: c.counter.id,
                  label: t('branch.display.counter', { counter: c.counter.number }),
                }))}
              value={counter}
              onChange={setCounter}
              w={160}
            />
            <Button
              disabled={!counter}
              onClick={() =>
                void onAct(
                  '/branch/lobby/flexible-counter',
                  { counterId: counter, serviceId: s.service.id },
                  t('branch.lobby.flexibleOpened'),
                )
              }
            >
              {t('branch.lobby.openFlexible')}
            </Button>
            <Select
              label={t('branch.lobby.moveTo')}
              data={board.services
                .filter((o) => o.service.id !== s.service.id)
                .map((o) => ({ value: o.service.id, label: nameIn(o.service.names) }))}
              value={target}
              onChange={setTarget}
              w={220}
            />
            <NumberInput
              label={t('branch.lobby.count')}
              min={1}
              max={200}
              value={count}
              onChange={setCount}
              w={90}
            />
            <Button
              variant="default"
              disabled={!target}
              onClick={() =>
                void onAct(
                  '/branch/lobby/move-tickets',
                  { fromServiceId: s.service.id, toServiceId: target, count: Number(count) || 1 },
                  t('branch.lobby.moved'),
                )
              }
            >
              {t('branch.lobby.move')}
            </Button>
          </Group>
        </Alert>
      ))}
    </Stack>
  );
}

const GROUPS = ['none', 'elderly', 'pregnant', 'disabled', 'vip'] as const;

/**
 * The waiting tickets in calling order, each with its priority: staff at the door set a legal
 * priority group (elderly, pregnant, disabled) or VIP for a customer who did not identify.
 */
function WaitingTickets({ branchId, board }: { branchId: string; board: LobbyBoard }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const waiting = useWaitingTickets(branchId);
  const [error, setError] = useState<unknown>(null);
  const services = new Map(board.services.map((s) => [s.service.id, s.service]));
  const now = Date.now();
  const label = (g: string) =>
    g === 'none'
      ? t('branch.lobby.priorityNone')
      : g === 'vip'
        ? t('branch.lobby.priorityVip')
        : t(`branch.priority.${g}`);
  const setPriority = async (id: string, number: string, group: string) => {
    setError(null);
    try {
      await api(`/branch/tickets/${id}/priority`, { method: 'PUT', body: { group } });
      notifySuccess(t('branch.lobby.prioritySet', { number }));
    } catch (e) {
      setError(e);
    }
    await queryClient.invalidateQueries({ queryKey: branchKeys.lobby(branchId) });
  };
  const items = waiting.data?.items ?? [];
  return (
    <Card withBorder>
      <Title order={2} size="h3" mb="sm">
        {t('branch.lobby.waitingTickets')}
      </Title>
      <ErrorAlert error={waiting.error ?? error} />
      {items.length === 0 ? (
        <Text c="dimmed">{t('branch.lobby.noWaiting')}</Text>
      ) : (
        <Table aria-label={t('branch.lobby.waitingTickets')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('branch.lobby.ticket')}</Table.Th>
              <Table.Th>{t('branch.lobby.service')}</Table.Th>
              <Table.Th ta="right">{t('branch.lobby.since')}</Table.Th>
              <Table.Th>{t('branch.lobby.priority')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((ticket) => {
              const reason = ticket.priorityReason ?? 'none';
              const service = services.get(ticket.serviceId);
              return (
                <Table.Tr key={ticket.id}>
                  <Table.Td fw={600}>{ticket.number}</Table.Td>
                  <Table.Td>{service ? nameIn(service.names) : ''}</Table.Td>
                  <Table.Td ta="right">
                    {clock(Math.max(0, Math.round((now - Date.parse(ticket.issuedAt)) / 1000)))}
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={t('branch.lobby.priorityLabel', { number: ticket.number })}
                      data={[
                        ...GROUPS.map((g) => ({ value: g, label: label(g) })),
                        ...(reason === 'appointment'
                          ? [{ value: 'appointment', label: t('branch.priority.level1'), disabled: true }]
                          : []),
                      ]}
                      value={reason}
                      allowDeselect={false}
                      onChange={(g) => {
                        if (g && g !== reason) void setPriority(ticket.id, ticket.number, g);
                      }}
                      w={200}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
