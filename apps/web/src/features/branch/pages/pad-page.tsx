import { Box, Button, Center, Chip, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { deviceApi, deviceToken, type PadState, useLobbySocket } from '../api.ts';
import { BigLanguagePicker, DeviceGate, DeviceHeader } from './device-frame.tsx';

const REASONS = ['friendly', 'fast', 'clear', 'slow_wait', 'unclear', 'unresolved'] as const;

/** The branch-visit survey the bank configured (surveys module), worded in the pad's language. */
interface PadSurvey {
  survey: {
    kind: string;
    questions: { id: string; type: string; min: number | null; max: number | null; text: string }[];
  } | null;
  answered: boolean;
}

/**
 * The counter's feedback pad: 1–5 and reason chips, right after each finished visit; then, when a
 * branch-visit survey is configured, its questions (in the pad's language) for the same ticket.
 */
export function PadPage() {
  const { t, i18n } = useTranslation();
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
  // The ticket whose survey is being asked (the pad's state has moved on once it was rated).
  const [surveyTicket, setSurveyTicket] = useState<string | null>(null);
  const [answers, setAnswers] = useState<Record<string, number | string>>({});
  const survey = useQuery({
    queryKey: ['branch', 'pad', 'survey', surveyTicket, i18n.language],
    queryFn: () =>
      deviceApi<PadSurvey>(
        token as string,
        `/branch/device/survey?ticketId=${surveyTicket}&lang=${encodeURIComponent(i18n.language)}`,
      ),
    enabled: !!token && !!surveyTicket,
  });
  const showThanks = () => {
    setSurveyTicket(null);
    setThanks(true);
    setTimeout(() => setThanks(false), 5000);
  };
  useEffect(() => {
    if (surveyTicket && survey.data && !survey.data.survey) showThanks();
    if (surveyTicket && survey.error) showThanks(); // the 1–5 is stored: never block the pad on the survey
  });
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
      setAnswers({});
      setSurveyTicket(ticket.id);
      await queryClient.invalidateQueries({ queryKey: ['branch', 'pad'] });
    } catch (e) {
      setError(e);
    }
  };

  const sendSurvey = async () => {
    if (!surveyTicket || !token) return;
    try {
      await deviceApi(token, '/branch/device/survey', {
        ticketId: surveyTicket,
        answers,
        language: i18n.language,
      });
      showThanks();
    } catch (e) {
      setError(e);
    }
  };
  const questions = surveyTicket ? (survey.data?.survey?.questions ?? null) : null;

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
          ) : surveyTicket ? (
            questions && (
              <Stack align="center" gap="xl" data-testid="pad-survey">
                <Title order={2}>{t('branch.pad.surveyTitle')}</Title>
                {questions.map((q) =>
                  q.type === 'scale' ? (
                    <Stack key={q.id} align="center" gap="sm">
                      <Text fz={24}>{q.text}</Text>
                      <Group role="radiogroup" aria-label={q.text}>
                        {Array.from(
                          { length: (q.max ?? 5) - (q.min ?? 1) + 1 },
                          (_, i) => (q.min ?? 1) + i,
                        ).map((n) => (
                          <Button
                            key={n}
                            size="lg"
                            w={64}
                            h={64}
                            fz={24}
                            role="radio"
                            aria-checked={answers[q.id] === n}
                            variant={answers[q.id] === n ? 'filled' : 'default'}
                            onClick={() => setAnswers({ ...answers, [q.id]: n })}
                          >
                            {n}
                          </Button>
                        ))}
                      </Group>
                    </Stack>
                  ) : (
                    <Textarea
                      key={q.id}
                      label={q.text}
                      w={560}
                      size="lg"
                      maxLength={2000}
                      value={String(answers[q.id] ?? '')}
                      onChange={(e) => setAnswers({ ...answers, [q.id]: e.currentTarget.value })}
                    />
                  ),
                )}
                <ErrorAlert error={error} />
                <Group>
                  <Button size="xl" variant="default" onClick={showThanks}>
                    {t('branch.pad.surveySkip')}
                  </Button>
                  <Button
                    size="xl"
                    disabled={Object.keys(answers).length === 0}
                    onClick={() => void sendSurvey()}
                  >
                    {t('branch.pad.surveySend')}
                  </Button>
                </Group>
              </Stack>
            )
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
