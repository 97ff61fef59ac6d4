import { Box, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import i18n from 'i18next';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type DisplayState, deviceApi, deviceToken, nameIn, useLobbySocket } from '../api.ts';
import { DeviceGate, DeviceHeader } from './device-frame.tsx';

const VOICE_LANG: Record<string, string> = { en: 'en-US', 'zh-CN': 'zh-CN', vi: 'vi-VN' };

/** A two-tone chime through Web Audio (no audio file to ship). */
function chime(context: AudioContext | null) {
  if (!context) return;
  for (const [i, freq] of [880, 660].entries()) {
    const osc = context.createOscillator();
    const gain = context.createGain();
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.2, context.currentTime + i * 0.35);
    gain.gain.exponentialRampToValueAtTime(0.001, context.currentTime + i * 0.35 + 0.3);
    osc.connect(gain).connect(context.destination);
    osc.start(context.currentTime + i * 0.35);
    osc.stop(context.currentTime + i * 0.35 + 0.32);
  }
}

/** The call, spoken once in each of the branch's languages ("请A023号到3号窗口"…). */
export function speakCall(number: string, counter: number, languages: string[]) {
  if (!('speechSynthesis' in window)) return;
  for (const lang of languages) {
    const text = i18n.getFixedT(lang)('branch.display.speech', { number, counter });
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = VOICE_LANG[lang] ?? lang;
    utterance.rate = 0.9;
    window.speechSynthesis.speak(utterance);
  }
}

/** The lobby TV: current calls with their counters, the last calls, waiting per service, a ticker. */
export function DisplayPage() {
  const { t } = useTranslation();
  const [token] = useState(deviceToken);
  const queryClient = useQueryClient();
  const audio = useRef<AudioContext | null>(null);
  const [soundOn, setSoundOn] = useState(false);
  const state = useQuery({
    queryKey: ['branch', 'display'],
    queryFn: () => deviceApi<DisplayState>(token as string, '/branch/device/display'),
    enabled: !!token,
  });
  const languages = state.data?.languages ?? ['en'];
  const live = useLobbySocket({ token }, (e) => {
    if (e.type === 'ticket.called' || e.type === 'ticket.recalled') {
      const data = e.data as { number: string; counterNumber: number };
      chime(audio.current);
      speakCall(data.number, data.counterNumber, languages);
    }
    if (e.type === 'ready' || e.type.startsWith('ticket.') || e.type === 'branch.counter_changed')
      void queryClient.invalidateQueries({ queryKey: ['branch', 'display'] });
  });
  useEffect(() => {
    document.title = t('branch.display.title');
  }, [t]);

  const [latest, ...earlier] = state.data?.calls ?? [];
  return (
    <DeviceGate token={token} isPending={state.isPending} error={state.error}>
      <Box component="main" mih="100vh" bg="dark.8" c="white">
        <DeviceHeader
          title={state.data?.branchName ?? ''}
          subtitle={live ? undefined : t('branch.device.reconnecting')}
          right={
            !soundOn && (
              <Button
                variant="white"
                onClick={() => {
                  audio.current = new AudioContext();
                  setSoundOn(true);
                }}
              >
                {t('branch.display.enableSound')}
              </Button>
            )
          }
        />
        <SimpleGrid cols={2} p="xl" spacing="xl">
          <Paper p="xl" bg="blue.9" c="white" radius="md" aria-live="assertive" aria-atomic>
            <Text fz={32}>{t('branch.display.nowServing')}</Text>
            {latest ? (
              <Group align="baseline" gap="xl" data-testid="display-latest">
                <Text fz={140} fw={800} lh={1}>
                  {latest.number}
                </Text>
                <Text fz={56} fw={700}>
                  {t('branch.display.counter', { counter: latest.counterNumber })}
                </Text>
              </Group>
            ) : (
              <Text fz={40}>{t('branch.display.noCalls')}</Text>
            )}
          </Paper>
          <Stack>
            <Title order={2} size="h2">
              {t('branch.display.lastCalls')}
            </Title>
            <Table fz={32} c="white" aria-label={t('branch.display.lastCalls')}>
              <Table.Tbody>
                {earlier.slice(0, 5).map((c) => (
                  <Table.Tr key={`${c.ticketId}-${c.calledAt}`}>
                    <Table.Td fw={700}>{c.number}</Table.Td>
                    <Table.Td>{t('branch.display.counter', { counter: c.counterNumber })}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        </SimpleGrid>
        <Group px="xl" gap="xl">
          {(state.data?.waiting ?? []).map((w) => (
            <Paper key={w.serviceId} p="md" bg="dark.6" c="white">
              <Text fz="xl">{nameIn(w.names)}</Text>
              <Text fz={36} fw={700}>
                {t('branch.display.waiting', { count: w.count })}
              </Text>
            </Paper>
          ))}
        </Group>
        {state.data?.ticker && (
          <Box pos="fixed" bottom={0} left={0} right={0} bg="yellow.4" c="dark.9" px="xl" py="sm">
            <Text fz={28} role="marquee">
              {state.data.ticker}
            </Text>
          </Box>
        )}
      </Box>
    </DeviceGate>
  );
}
