import { Box, Button, Center, Chip, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { deviceApi, deviceToken, type PadState, useLobbySocket } from '../api.ts';
import { BigLanguagePicker, DeviceGate, DeviceHeader } from './device-frame.tsx';

const REASONS = ['friendly', 'fast', 'clear', 'slow_wait', 'unclear', 'unresolved'] as const;

/** The counter's feedback pad: 1–5 and reason chips, right after each finished visit. */
export function PadPage() {
  const { t } = useTranslation();
  const [token] = useState(deviceToken);
  const queryClient = useQueryClient();
  const state = useQuery({
    queryKey: ['branch', 'pad'],
    queryFn: () => deviceApi<PadState>(token as string, '/branch/device/pad'),
    enabled: !!token,
  });
  useLobbySocket({ token }, (e) => {
    if (e.type === 'ready' || e.type === 'ticket.served' || e.type === 'feedback.submitted')
      void queryClient.invalidateQueries({ queryKey: ['branch', 'pad'] });
  });
  const [rating, setRating] = useState<number | null>(null);
  const [reasons, setReasons] = useState<string[]>([]);
  const [thanks, setThanks] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    document.title = t('branch.pad.title');
  }, [t]);
  const ticket = state.data?.ticket ?? null;
  useEffect(() => {
    if (ticket) {
      setRating(null);
      setReasons([]);
      setError(null);
    }
  }, [ticket]);

  const submit = async () => {
    if (!ticket || !rating || !token) return;
    try {
      await deviceApi(token, '/branch/device/feedback', { ticketId: ticket.id, rating, reasons });
      setThanks(true);
      setTimeout(() => setThanks(false), 5000);
      await queryClient.invalidateQueries({ queryKey: ['branch', 'pad'] });
    } catch (e) {
      setError(e);
    }
  };

  return (
    <DeviceGate token={token} isPending={state.isPending} error={state.error}>
      <Box component="main" mih="100vh">
        <DeviceHeader
          title={
            state.data?.counterNumber
              ? t('branch.display.counter', { counter: state.data.counterNumber })
              : ''
          }
          right={<BigLanguagePicker />}
        />
        <Center p="xl">
          {thanks ? (
            <Title order={2} role="status">
              {t('branch.pad.thanks')}
            </Title>
          ) : ticket ? (
            <Stack align="center" gap="xl">
              <Title order={2}>{t('branch.pad.question', { number: ticket.number })}</Title>
              <Group role="radiogroup" aria-label={t('branch.pad.ratingLabel')}>
                {[1, 2, 3, 4, 5].map((n) => (
                  <Button
                    key={n}
                    size="xl"
                    w={96}
                    h={96}
                    fz={36}
                    role="radio"
                    aria-checked={rating === n}
                    aria-label={t('branch.pad.stars', { count: n })}
                    variant={rating === n ? 'filled' : 'default'}
                    onClick={() => setRating(n)}
                  >
                    {n}
                  </Button>
                ))}
              </Group>
              <Chip.Group multiple value={reasons} onChange={setReasons}>
                <Group>
                  {REASONS.map((r) => (
                    <Chip key={r} value={r} size="lg">
                      {t(`branch.pad.reason.${r}`)}
                    </Chip>
                  ))}
                </Group>
              </Chip.Group>
              <ErrorAlert error={error} />
              <Button size="xl" disabled={!rating} onClick={() => void submit()}>
                {t('branch.pad.send')}
              </Button>
            </Stack>
          ) : (
            <Text fz={32}>{t('branch.pad.idle')}</Text>
          )}
        </Center>
      </Box>
    </DeviceGate>
  );
}
