import { Button, Center, Chip, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { PublicSurvey } from '../../../../../../packages/contracts/src/surveys.ts';
import { api } from '../../../app/api-client.ts';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { LanguageSwitcher } from '../../../shared/language-switcher.tsx';

/**
 * The public page of a survey link (`/survey?token=…`): no sign-in, the questions in the customer's
 * language (switchable), one answer per link.
 */
export function SurveyPage() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const lang = (['en', 'zh-CN', 'vi'] as const).find((l) => l === i18n.language);
  const survey = useQuery({
    queryKey: ['public-survey', token, lang],
    queryFn: () => api<PublicSurvey>('/public/survey', { query: { token, lang } }),
    enabled: token.length > 0,
    retry: false,
  });
  const [answers, setAnswers] = useState<Record<string, number | string>>({});
  const send = useMutation({
    mutationFn: () =>
      api<{ received: boolean }>(`/public/survey?token=${encodeURIComponent(token)}`, {
        method: 'POST',
        body: { answers, ...(lang ? { language: lang } : {}) },
      }),
  });

  return (
    <Center mih="100vh" p="md">
      <Paper withBorder p="lg" maw={560} w="100%" component="main">
        <Group justify="space-between" mb="md">
          <Title order={1} size="h3">
            {t('surveys.public.title')}
          </Title>
          <LanguageSwitcher />
        </Group>
        <ErrorAlert error={survey.error ?? send.error} />
        {send.isSuccess ? (
          <Text role="status">{t('surveys.public.thanks')}</Text>
        ) : (
          survey.data && (
            <Stack
              component="form"
              gap="md"
              onSubmit={(e) => {
                e.preventDefault();
                send.mutate();
              }}
            >
              {survey.data.questions.map((q) =>
                q.type === 'scale' ? (
                  <fieldset key={q.id} style={{ border: 0, padding: 0, margin: 0 }}>
                    <Text component="legend" fw={600} mb={6}>
                      {q.text}
                    </Text>
                    <Chip.Group
                      value={answers[q.id] === undefined ? '' : String(answers[q.id])}
                      onChange={(v) => setAnswers((a) => ({ ...a, [q.id]: Number(v) }))}
                    >
                      <Group gap={6}>
                        {Array.from(
                          { length: (q.max ?? 5) - (q.min ?? 1) + 1 },
                          (_, i) => (q.min ?? 1) + i,
                        ).map((n) => (
                          <Chip key={n} value={String(n)} variant="outline">
                            {n}
                          </Chip>
                        ))}
                      </Group>
                    </Chip.Group>
                  </fieldset>
                ) : (
                  <Textarea
                    key={q.id}
                    label={q.text}
                    maxLength={2000}
                    autosize
                    minRows={3}
                    value={String(answers[q.id] ?? '')}
                    onChange={(e) => {
                      const value = e.currentTarget.value;
                      setAnswers((a) => ({ ...a, [q.id]: value }));
                    }}
                  />
                ),
              )}
              <Button type="submit" loading={send.isPending} disabled={Object.keys(answers).length === 0}>
                {t('surveys.public.send')}
              </Button>
            </Stack>
          )
        )}
        {!token && <Text c="dimmed">{t('surveys.public.noToken')}</Text>}
      </Paper>
    </Center>
  );
}
