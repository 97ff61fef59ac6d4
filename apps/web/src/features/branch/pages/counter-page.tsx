import {
  Badge,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api-client.ts';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { notifyError } from '../../../shared/notify.ts';
import { PageHeader } from '../../../shared/page-header.tsx';
import { useRealtime } from '../../../shared/use-realtime.ts';
import {
  branchKeys,
  clock,
  isLobbyEvent,
  nameIn,
  type Ticket,
  useCounterView,
  useMyCounters,
} from '../api.ts';
import { OpenCaseButton } from '../components/open-case-button.tsx';

const COUNTER_KEY = 'banyan.branch.counter';

function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** The teller's counter: call next, recall, no-show, start/finish, transfer, park, notes, a timer. */
export function CounterPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const counters = useMyCounters();
  const [counterId, setCounterId] = useState<string | null>(() => localStorage.getItem(COUNTER_KEY));
  const view = useCounterView(counterId);
  const [error, setError] = useState<unknown>(null);
  const [notes, setNotes] = useState('');
  const [transferTo, setTransferTo] = useState<string | null>(null);
  const now = useNow();
  const status = useRealtime((e) => {
    if (isLobbyEvent(e.type) && counterId)
      void queryClient.invalidateQueries({ queryKey: branchKeys.counter(counterId) });
  });
  const current = view.data?.current ?? null;
  const savedNotes = current?.notes ?? '';
  useEffect(() => {
    setNotes(savedNotes);
  }, [savedNotes]);

  const run = async (path: string, body?: unknown) => {
    setError(null);
    try {
      await api(path, { method: 'POST', body: body ?? {} });
    } catch (e) {
      setError(e);
    }
    if (counterId) await queryClient.invalidateQueries({ queryKey: branchKeys.counter(counterId) });
  };
  const choose = (id: string | null) => {
    setCounterId(id);
    if (id) localStorage.setItem(COUNTER_KEY, id);
  };
  const counter = view.data?.counter;
  const timerFrom = current?.startedAt ?? current?.calledAt;

  return (
    <Stack gap="sm">
      <PageHeader
        title={t('branch.counter.title')}
        description={t('branch.counter.description')}
        actions={
          <Badge variant="dot" color={status === 'live' ? 'green' : 'yellow'} role="status">
            {t(`desk.realtime.${status}`)}
          </Badge>
        }
      />
      <ErrorAlert error={counters.error ?? view.error} />
      <Group>
        <Select
          label={t('branch.counter.choose')}
          data={(counters.data?.items ?? []).map((c) => ({
            value: c.id,
            label: t('branch.display.counter', { counter: c.number }),
          }))}
          value={counterId}
          onChange={choose}
          w={220}
        />
        {counter && (
          <Button
            mt={24}
            variant={counter.isOpen ? 'default' : 'filled'}
            onClick={() => void run(`/branch/counters/${counter.id}/${counter.isOpen ? 'close' : 'open'}`)}
          >
            {counter.isOpen ? t('branch.counter.close') : t('branch.counter.open')}
          </Button>
        )}
      </Group>
      <ErrorAlert error={error} />
      {view.data && counter && (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Card withBorder>
            <Stack>
              <Title order={2} size="h3">
                {t('branch.counter.current')}
              </Title>
              {current ? (
                <>
                  <Group align="baseline">
                    <Text fz={48} fw={800} data-testid="counter-ticket">
                      {current.number}
                    </Text>
                    <Badge size="lg">{t(`branch.status.${current.status}`)}</Badge>
                    {current.priority > 0 && (
                      <Badge color="grape.8">{t(`branch.priority.level${current.priority}`)}</Badge>
                    )}
                    {current.customerId && <Badge color="dark.6">{t('branch.counter.identified')}</Badge>}
                  </Group>
                  {timerFrom && (
                    <Text role="timer" aria-label={t('branch.counter.timer')}>
                      {t('branch.counter.timer')}: {clock((now - new Date(timerFrom).getTime()) / 1000)}
                    </Text>
                  )}
                  {current.status === 'called' && (
                    <Text size="sm">
                      {t('branch.counter.recalls', { count: current.recalls, max: view.data.maxRecalls })}
                    </Text>
                  )}
                  <Group>
                    {current.status === 'called' && (
                      <>
                        <Button onClick={() => void run(`/branch/tickets/${current.id}/start`)}>
                          {t('branch.counter.start')}
                        </Button>
                        <Button
                          variant="default"
                          onClick={() => void run(`/branch/tickets/${current.id}/recall`)}
                        >
                          {t('branch.counter.recall')}
                        </Button>
                        <Button
                          variant="default"
                          color="red"
                          disabled={current.recalls < view.data.maxRecalls}
                          onClick={() => void run(`/branch/tickets/${current.id}/no-show`)}
                        >
                          {t('branch.counter.noShow')}
                        </Button>
                      </>
                    )}
                    <Button onClick={() => void run(`/branch/tickets/${current.id}/finish`, { notes })}>
                      {t('branch.counter.finish')}
                    </Button>
                    <Button variant="default" onClick={() => void run(`/branch/tickets/${current.id}/park`)}>
                      {t('branch.counter.park')}
                    </Button>
                    {current.customerId && (
                      <OpenCaseButton customerId={current.customerId} ticketNumber={current.number} />
                    )}
                  </Group>
                  <Textarea
                    label={t('branch.counter.notes')}
                    value={notes}
                    onChange={(e) => setNotes(e.currentTarget.value)}
                    onBlur={() =>
                      void api(`/branch/tickets/${current.id}/notes`, {
                        method: 'PUT',
                        body: { notes },
                      }).catch(notifyError)
                    }
                    maxLength={2000}
                  />
                  <Group align="flex-end">
                    <Select
                      label={t('branch.counter.transferTo')}
                      data={[
                        ...view.data.services
                          .filter((s) => !s.isSelfService)
                          .map((s) => ({ value: `s:${s.id}`, label: nameIn(s.names) })),
                        ...view.data.counters
                          .filter((c) => c.id !== counter.id)
                          .map((c) => ({
                            value: `c:${c.id}`,
                            label: t('branch.display.counter', { counter: c.number }),
                          })),
                      ]}
                      value={transferTo}
                      onChange={setTransferTo}
                      w={260}
                    />
                    <Button
                      variant="default"
                      disabled={!transferTo}
                      onClick={() => {
                        const [kind, id] = (transferTo ?? '').split(':');
                        void run(
                          `/branch/tickets/${current.id}/transfer`,
                          kind === 's' ? { serviceId: id } : { counterId: id },
                        );
                        setTransferTo(null);
                      }}
                    >
                      {t('branch.counter.transfer')}
                    </Button>
                  </Group>
                </>
              ) : (
                <>
                  <Text c="dimmed">{t('branch.counter.idle')}</Text>
                  <Button
                    size="lg"
                    disabled={!counter.isOpen}
                    onClick={() => void run(`/branch/counters/${counter.id}/call-next`)}
                  >
                    {t('branch.counter.callNext')}
                  </Button>
                </>
              )}
            </Stack>
          </Card>
          <Card withBorder>
            <Title order={2} size="h3">
              {t('branch.counter.waiting')}
            </Title>
            <Table aria-label={t('branch.counter.waiting')}>
              <Table.Tbody>
                {view.data.waiting.map((w) => (
                  <Table.Tr key={w.serviceId}>
                    <Table.Td>
                      {w.letter} · {nameIn(w.names)}
                    </Table.Td>
                    <Table.Td ta="right">{w.count}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {view.data.parked.length > 0 && (
              <>
                <Title order={3} size="h4" mt="md">
                  {t('branch.counter.parked')}
                </Title>
                {view.data.parked.map((p: Ticket) => (
                  <Group key={p.id} justify="space-between">
                    <Text>{p.number}</Text>
                    <Button
                      size="xs"
                      variant="default"
                      disabled={!!current}
                      onClick={() => void run(`/branch/tickets/${p.id}/resume`)}
                    >
                      {t('branch.counter.resume')}
                    </Button>
                  </Group>
                ))}
              </>
            )}
          </Card>
        </SimpleGrid>
      )}
    </Stack>
  );
}
