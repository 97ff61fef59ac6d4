import { Box, Button, Card, Center, Group, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { deviceApi, deviceToken, type IssuedTicket, type KioskInfo, nameIn, useLobbySocket } from '../api.ts';
import { BigLanguagePicker, DeviceGate, DeviceHeader } from './device-frame.tsx';

type Step =
  | { kind: 'services' }
  | { kind: 'identify'; serviceId: string }
  | { kind: 'checkin' }
  | { kind: 'ticket'; issued: IssuedTicket };
const PRIORITY_GROUPS = ['elderly', 'pregnant', 'disabled'] as const;
// A ticket left on screen goes back to the start, ready for the next customer.
const TICKET_SCREEN_MS = 30_000;

/** The lobby kiosk: a full-screen touch page. Service → optional identification → ticket. */
export function KioskPage() {
  const { t } = useTranslation();
  const [token] = useState(deviceToken);
  const queryClient = useQueryClient();
  const info = useQuery({
    queryKey: ['branch', 'kiosk'],
    queryFn: () => deviceApi<KioskInfo>(token as string, '/branch/device/kiosk'),
    enabled: !!token,
  });
  useLobbySocket({ token }, (e) => {
    if (e.type === 'ready' || e.type.startsWith('ticket.'))
      void queryClient.invalidateQueries({ queryKey: ['branch', 'kiosk'] });
  });
  const [step, setStep] = useState<Step>({ kind: 'services' });
  useEffect(() => {
    document.title = t('branch.kiosk.title');
  }, [t]);

  return (
    <DeviceGate token={token} isPending={info.isPending} error={info.error}>
      <Box component="main" mih="100vh" bg="gray.0">
        <DeviceHeader
          title={info.data?.branchName ?? ''}
          subtitle={t('branch.kiosk.welcome')}
          right={<BigLanguagePicker />}
        />
        <Box p="xl">
          {step.kind === 'services' && info.data && !info.data.isOpen && <ClosedScreen info={info.data} />}
          {step.kind === 'services' && info.data?.isOpen && (
            <Stack gap="lg">
              <Title order={2}>{t('branch.kiosk.chooseService')}</Title>
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="lg">
                {info.data.services
                  .filter((s) => !s.isSelfService)
                  .map((s) => (
                    <Button
                      key={s.id}
                      h={140}
                      size="xl"
                      variant="light"
                      onClick={() => setStep({ kind: 'identify', serviceId: s.id })}
                    >
                      <Stack gap={4} align="center">
                        <Text fz={28} fw={700}>
                          {nameIn(s.names)}
                        </Text>
                        <Text fz="lg">{t('branch.kiosk.waiting', { count: s.waiting })}</Text>
                      </Stack>
                    </Button>
                  ))}
              </SimpleGrid>
              <Button size="xl" variant="default" onClick={() => setStep({ kind: 'checkin' })}>
                {t('branch.kiosk.haveAppointment')}
              </Button>
            </Stack>
          )}
          {step.kind === 'identify' && token && (
            <Identify
              token={token}
              serviceId={step.serviceId}
              onBack={() => setStep({ kind: 'services' })}
              onIssued={(issued) => setStep({ kind: 'ticket', issued })}
            />
          )}
          {step.kind === 'checkin' && token && (
            <CheckIn
              token={token}
              onBack={() => setStep({ kind: 'services' })}
              onIssued={(issued) => setStep({ kind: 'ticket', issued })}
            />
          )}
          {step.kind === 'ticket' && (
            <TicketCard issued={step.issued} onDone={() => setStep({ kind: 'services' })} />
          )}
        </Box>
      </Box>
    </DeviceGate>
  );
}

/** The branch is closed: why (a holiday of its calendar) and when it opens, in the branch's time. */
function ClosedScreen({ info }: { info: KioskInfo }) {
  const { t, i18n } = useTranslation();
  const opensAt = info.opensAt
    ? new Intl.DateTimeFormat(i18n.language, {
        timeZone: info.timeZone,
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        hour: '2-digit',
        minute: '2-digit',
      }).format(new Date(info.opensAt))
    : null;
  return (
    <Center mih="60vh">
      <Stack gap="lg" align="center" data-testid="kiosk-closed">
        <Title order={1} fz={56}>
          {info.closedReason ? t('branch.kiosk.closedToday') : t('branch.kiosk.closedNow')}
        </Title>
        {info.closedReason && <Text fz={32}>{info.closedReason}</Text>}
        <Text fz={32} fw={600}>
          {opensAt ? t('branch.kiosk.opensAt', { time: opensAt }) : t('branch.kiosk.opensUnknown')}
        </Text>
      </Stack>
    </Center>
  );
}

function Identify(props: {
  token: string;
  serviceId: string;
  onBack: () => void;
  onIssued: (t: IssuedTicket) => void;
}) {
  const { t } = useTranslation();
  const [phone, setPhone] = useState('');
  const [card, setCard] = useState('');
  const [group, setGroup] = useState<(typeof PRIORITY_GROUPS)[number] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const issue = async (identify: boolean) => {
    setBusy(true);
    setError(null);
    try {
      props.onIssued(
        await deviceApi<IssuedTicket>(props.token, '/branch/device/tickets', {
          serviceId: props.serviceId,
          ...(identify && phone ? { phone } : {}),
          ...(identify && !phone && card ? { cardLast4: card } : {}),
          ...(group ? { priorityGroup: group } : {}),
        }),
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="lg" maw={760}>
      <Title order={2}>{t('branch.kiosk.identifyTitle')}</Title>
      <Text fz="lg">{t('branch.kiosk.identifyHint')}</Text>
      <TextInput
        size="xl"
        label={t('branch.kiosk.phone')}
        inputMode="tel"
        value={phone}
        onChange={(e) => setPhone(e.currentTarget.value)}
      />
      <TextInput
        size="xl"
        label={t('branch.kiosk.cardLast4')}
        inputMode="numeric"
        maxLength={4}
        value={card}
        onChange={(e) => setCard(e.currentTarget.value.replace(/\D/g, ''))}
      />
      <Text fz="lg" fw={600} id="kiosk-priority">
        {t('branch.kiosk.priorityGroup')}
      </Text>
      <Group role="group" aria-labelledby="kiosk-priority">
        {PRIORITY_GROUPS.map((g) => (
          <Button
            key={g}
            size="lg"
            variant={group === g ? 'filled' : 'default'}
            aria-pressed={group === g}
            onClick={() => setGroup(group === g ? null : g)}
          >
            {t(`branch.priority.${g}`)}
          </Button>
        ))}
      </Group>
      <ErrorAlert error={error} />
      <Group>
        <Button size="xl" variant="default" onClick={props.onBack}>
          {t('branch.kiosk.back')}
        </Button>
        <Button size="xl" variant="light" loading={busy} onClick={() => void issue(false)}>
          {t('branch.kiosk.skip')}
        </Button>
        <Button
          size="xl"
          loading={busy}
          disabled={!phone && card.length !== 4}
          onClick={() => void issue(true)}
        >
          {t('branch.kiosk.takeTicket')}
        </Button>
      </Group>
    </Stack>
  );
}

function CheckIn(props: { token: string; onBack: () => void; onIssued: (t: IssuedTicket) => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  return (
    <Stack gap="lg" maw={600}>
      <Title order={2}>{t('branch.kiosk.checkInTitle')}</Title>
      <TextInput
        size="xl"
        label={t('branch.kiosk.code')}
        value={code}
        onChange={(e) => setCode(e.currentTarget.value.toUpperCase())}
      />
      <ErrorAlert error={error} />
      <Group>
        <Button size="xl" variant="default" onClick={props.onBack}>
          {t('branch.kiosk.back')}
        </Button>
        <Button
          size="xl"
          disabled={code.length < 4}
          onClick={() =>
            void deviceApi<IssuedTicket>(props.token, '/branch/device/check-in', { code }).then(
              props.onIssued,
              setError,
            )
          }
        >
          {t('branch.kiosk.checkIn')}
        </Button>
      </Group>
    </Stack>
  );
}

function TicketCard({ issued, onDone }: { issued: IssuedTicket; onDone: () => void }) {
  const { t } = useTranslation();
  const [qr, setQr] = useState<string | null>(null);
  const url = `${window.location.origin}${issued.trackPath}`;
  useEffect(() => {
    void QRCode.toDataURL(url, { margin: 1, width: 220 }).then(setQr);
    const timer = setTimeout(onDone, TICKET_SCREEN_MS);
    return () => clearTimeout(timer);
  }, [url, onDone]);
  const minutes = Math.max(1, Math.round(issued.estimatedWaitSeconds / 60));
  return (
    <Center>
      <Card withBorder shadow="md" p="xl" w={560} className="ticket-print">
        <Stack align="center" gap="xs">
          <Text fz="xl">{nameIn(issued.serviceNames)}</Text>
          <Text
            fz={96}
            fw={800}
            lh={1}
            aria-label={t('branch.kiosk.yourNumber', { number: issued.ticket.number })}
            data-testid="ticket-number"
          >
            {issued.ticket.number}
          </Text>
          {issued.ticket.priority > 0 && (
            <Text c="blue.8" fw={700}>
              {t(`branch.priority.level${issued.ticket.priority}`)}
            </Text>
          )}
          <Text fz="xl">{t('branch.kiosk.peopleAhead', { count: issued.peopleAhead })}</Text>
          <Text fz="xl">{t('branch.kiosk.estimate', { minutes })}</Text>
          {qr && <img src={qr} width={220} height={220} alt={t('branch.kiosk.qrAlt')} />}
          <Text size="sm">{t('branch.kiosk.qrHint')}</Text>
          <Group mt="md" className="no-print">
            <Button size="xl" variant="default" onClick={() => window.print()}>
              {t('branch.kiosk.print')}
            </Button>
            <Button size="xl" onClick={onDone}>
              {t('branch.kiosk.done')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </Center>
  );
}
