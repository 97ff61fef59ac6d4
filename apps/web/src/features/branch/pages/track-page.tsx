import { Alert, Badge, Box, Card, Center, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../../app/api-client.ts';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { nameIn, type PublicTicket, useLobbySocket } from '../api.ts';
import { BigLanguagePicker } from './device-frame.tsx';

// "Your turn is near" when this many people or fewer are ahead.
const NEAR = 2;

/** The phone page behind the ticket's QR code: live position, estimate, and an alert when near. */
export function TrackPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const queryClient = useQueryClient();
  const ticket = useQuery({
    queryKey: ['branch', 'track', token],
    queryFn: () => api<PublicTicket>(`/branch/public/tickets/${encodeURIComponent(token)}`),
  });
  useLobbySocket(
    { ticket: token },
    () => void queryClient.invalidateQueries({ queryKey: ['branch', 'track', token] }),
  );
  const alerted = useRef(false);
  const data = ticket.data;
  const near =
    !!data && ((data.status === 'waiting' && data.peopleAhead <= NEAR) || data.status === 'called');
  useEffect(() => {
    if (!near || alerted.current) return;
    alerted.current = true;
    navigator.vibrate?.([300, 100, 300]);
    if ('Notification' in window && Notification.permission === 'granted')
      new Notification(t('branch.track.near'));
  }, [near, t]);

  return (
    <Box component="main" p="md" maw={480} mx="auto">
      <Stack>
        <BigLanguagePicker />
        <ErrorAlert error={ticket.error} />
        {data && (
          <Card withBorder p="lg">
            <Stack align="center" gap="xs">
              <Text>{data.branchName}</Text>
              <Text>{nameIn(data.serviceNames)}</Text>
              <Title order={1} fz={72}>
                {data.number}
              </Title>
              <Badge size="lg">{t(`branch.status.${data.status}`)}</Badge>
              {data.status === 'waiting' && (
                <>
                  <Text fz="xl">{t('branch.kiosk.peopleAhead', { count: data.peopleAhead })}</Text>
                  <Text>
                    {t('branch.kiosk.estimate', {
                      minutes: Math.max(1, Math.round(data.estimatedWaitSeconds / 60)),
                    })}
                  </Text>
                </>
              )}
              {data.counterNumber !== null && data.status === 'called' && (
                <Text fz={28} fw={700}>
                  {t('branch.display.counter', { counter: data.counterNumber })}
                </Text>
              )}
            </Stack>
          </Card>
        )}
        {near && (
          <Alert color="orange" role="alert" title={t('branch.track.near')}>
            {t('branch.track.nearHint')}
          </Alert>
        )}
        {!ticket.isPending && !data && !ticket.error && (
          <Center>
            <Text>{t('common.loading')}</Text>
          </Center>
        )}
      </Stack>
    </Box>
  );
}
