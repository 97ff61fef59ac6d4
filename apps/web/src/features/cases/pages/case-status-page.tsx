import { Badge, Center, Group, Paper, Stack, Text, Timeline, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Static } from 'typebox';
import type { PublicCaseStatus } from '../../../../../../packages/contracts/src/cases.ts';
import { api } from '../../../app/api-client.ts';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { useFormatters } from '../../../shared/format.ts';
import { LanguageSwitcher } from '../../../shared/language-switcher.tsx';

/**
 * The customer's case status page (`/case-status?token=…`, the signed link from a case update): no
 * sign-in; number, subject, status and the customer-visible updates, in en / zh-CN / vi (switchable).
 */
export function CaseStatusPage() {
  const { t, i18n } = useTranslation();
  const { dateTime } = useFormatters();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const status = useQuery({
    // The language is part of the key: a refusal is read again in the language the reader picks.
    queryKey: ['public-case-status', token, i18n.language],
    queryFn: () => api<Static<typeof PublicCaseStatus>>('/public/case-status', { query: { token } }),
    enabled: token.length > 0,
    retry: false,
  });
  const c = status.data;
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder p="lg" maw={640} w="100%" component="main">
        <Group justify="space-between" mb="md">
          <Title order={1} size="h3">
            {t('cases.public.title')}
          </Title>
          <LanguageSwitcher />
        </Group>
        {!token && <Text>{t('cases.public.noToken')}</Text>}
        <ErrorAlert error={status.error} />
        {c && (
          <Stack gap="md">
            <div>
              <Title order={2} size="h4">
                {c.number} · {c.subject}
              </Title>
              <Group gap="xs" mt={4}>
                <Text size="sm">{t('cases.public.status')}</Text>
                <Badge variant="light">{t(`cases.status.${c.status}`)}</Badge>
                <Text size="sm" c="dimmed">
                  {t('cases.public.opened', { at: dateTime(c.createdAt) })}
                </Text>
              </Group>
            </div>
            <Title order={3} size="h5">
              {t('cases.public.updates')}
            </Title>
            {c.updates.length === 0 ? (
              <Text c="dimmed">{t('cases.public.noUpdates')}</Text>
            ) : (
              <Timeline bulletSize={12} aria-label={t('cases.public.updates')}>
                {c.updates.map((u) => (
                  <Timeline.Item key={u.createdAt + u.body} title={dateTime(u.createdAt)}>
                    <Text size="sm">{u.body}</Text>
                  </Timeline.Item>
                ))}
              </Timeline>
            )}
          </Stack>
        )}
      </Paper>
    </Center>
  );
}
