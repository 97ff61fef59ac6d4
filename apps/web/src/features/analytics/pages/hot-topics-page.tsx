import { BarChart } from '@mantine/charts';
import { Badge, Group, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { PageHeader } from '../../../shared/page-header.tsx';
import { useHotTopics } from '../api.ts';
import { percent } from '../model.ts';

const LANGUAGES = ['zh-CN', 'vi', 'en'] as const;

/** The weekly hot-topic report: contact reasons and customers' phrases, rising ones first. */
export function HotTopicsPage() {
  const { t, i18n } = useTranslation();
  const [language, setLanguage] = useState<string>(
    (LANGUAGES as readonly string[]).includes(i18n.language) ? i18n.language : 'en',
  );
  // The seven days up to now (the server's default week).
  const topics = useHotTopics('', language);
  const items = topics.data?.items ?? [];
  const top = items.slice(0, 12).map((i) => ({ topic: i.topic, thisWeek: i.thisWeek, lastWeek: i.lastWeek }));

  return (
    <Stack gap="sm">
      <PageHeader title={t('analytics.hot.title')} description={t('analytics.hot.description')} />
      <Group>
        <SegmentedControl
          aria-label={t('analytics.hot.language')}
          value={language}
          onChange={setLanguage}
          data={LANGUAGES.map((l) => ({
            value: l,
            label: { 'zh-CN': '中文', vi: 'Tiếng Việt', en: 'English' }[l],
          }))}
        />
      </Group>
      <ErrorAlert error={topics.error} />
      {topics.data && items.length === 0 && <Text c="dimmed">{t('analytics.hot.none')}</Text>}
      {top.length > 0 && (
        <Paper withBorder p="xs">
          <BarChart
            h={Math.max(160, top.length * 30)}
            data={top}
            dataKey="topic"
            orientation="vertical"
            yAxisProps={{ width: 150 }}
            series={[
              { name: 'lastWeek', label: t('analytics.hot.lastWeek'), color: 'gray.5' },
              { name: 'thisWeek', label: t('analytics.hot.thisWeek'), color: 'teal.7' },
            ]}
            withLegend
          />
        </Paper>
      )}
      {items.length > 0 && (
        <Paper withBorder p="xs" component="section" aria-labelledby="hot-topics-table">
          <Title order={2} size="h6" id="hot-topics-table" mb="xs">
            {t('analytics.hot.title')}
          </Title>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('analytics.hot.topic')}</Table.Th>
                <Table.Th>{t('analytics.hot.kind')}</Table.Th>
                <Table.Th>{t('analytics.hot.thisWeek')}</Table.Th>
                <Table.Th>{t('analytics.hot.lastWeek')}</Table.Th>
                <Table.Th>{t('analytics.hot.change')}</Table.Th>
                <Table.Th>{t('analytics.hot.examples')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((i) => (
                <Table.Tr key={`${i.kind}:${i.language}:${i.topic}`}>
                  <Table.Td>
                    <Group gap={6}>
                      <Text size="sm" fw={i.rising ? 700 : 400}>
                        {i.topic}
                      </Text>
                      {i.rising && (
                        <Badge color="red" variant="light" title={`p = ${i.pValue.toExponential(1)}`}>
                          {t('analytics.hot.rising')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{t(`analytics.hot.${i.kind}`)}</Table.Td>
                  <Table.Td>{i.thisWeek}</Table.Td>
                  <Table.Td>{i.lastWeek}</Table.Td>
                  <Table.Td>
                    {i.change === null ? '—' : `${i.change >= 0 ? '+' : ''}${percent(i.change)}`}
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" ff="monospace">
                      {i.examples.map((id) => id.slice(0, 8)).join(' ')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {topics.data && (
        <Paper withBorder p="xs" component="section" aria-labelledby="hot-topics-suggestions">
          <Title order={2} size="h6" id="hot-topics-suggestions" mb="xs">
            {t('analytics.hot.suggestions')}
          </Title>
          {topics.data.suggestions.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t('analytics.hot.noSuggestions')}
            </Text>
          ) : (
            <Stack gap={4} component="ul" m={0} pl="md">
              {topics.data.suggestions.map((s) => (
                <Text component="li" size="sm" key={`${s.conversationId}:${s.text}`}>
                  {s.text}
                </Text>
              ))}
            </Stack>
          )}
        </Paper>
      )}
    </Stack>
  );
}
