import { BarChart, LineChart } from '@mantine/charts';
import {
  Anchor,
  Button,
  Group,
  Loader,
  Paper,
  ScrollArea,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { useFormatters } from '../../../shared/format.ts';
import { PageHeader } from '../../../shared/page-header.tsx';
import { daysAgo, periodOf } from '../../../shared/period.ts';
import { PeriodFields } from '../../../shared/period-fields.tsx';
import { SidePanel } from '../../../shared/side-panel.tsx';
import { DirectoryTable } from '../../admin/components/directory-table.tsx';
import { useQueueOptions } from '../../analytics/api.ts';
import { hasAnyPermission, useCurrentUser } from '../../auth/api.ts';
import { useConversation } from '../../desk/api.ts';
import { MessageList } from '../../desk/components/message-list.tsx';
import { browserTimeZone } from '../../supervisor/api.ts';
import { type SurveyResults, type SurveyResultsFilters, useSurveyResults, useTeamOptions } from '../api.ts';

type Kind = 'csat' | 'nps' | 'ces';
type Comment = SurveyResults['comments'][number];
const KINDS: readonly Kind[] = ['csat', 'nps', 'ces'];
const CHANNELS = ['chat', 'voice', 'sms', 'email', 'branch', 'case'] as const;

/** A kind's headline as docs/metrics.md states it: CSAT in %, NPS signed, CES to one decimal. */
export function formatValue(kind: Kind, value: number | null): string {
  if (value === null) return '—';
  if (kind === 'csat') return `${Math.round(value * 1000) / 10} %`;
  if (kind === 'nps') return `${value > 0 ? '+' : ''}${Math.round(value)}`;
  return value.toFixed(1);
}

/**
 * Survey results for supervisors and quality analysts: CSAT, NPS and CES over a period, their score
 * distribution and trend, NPS promoters / passives / detractors, and the latest comments (masked),
 * each opening its conversation or case. A team supervisor sees their own teams' answers only.
 */
export function SurveyResultsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [fromDay, setFromDay] = useState(daysAgo(29));
  const [toDay, setToDay] = useState(daysAgo(0));
  const [granularity, setGranularity] = useState<'day' | 'week'>('day');
  const [channel, setChannel] = useState<string | null>(null);
  const [queueId, setQueueId] = useState<string | null>(null);
  const [teamId, setTeamId] = useState<string | null>(null);
  const [openConversation, setOpenConversation] = useState<string | null>(null);
  const queues = useQueueOptions();
  const teams = useTeamOptions(me.teams, hasAnyPermission(me, ['staff.read']));
  const filters: SurveyResultsFilters = {
    ...periodOf(fromDay, toDay),
    timeZone: browserTimeZone(),
    granularity,
    ...(channel ? { channel } : {}),
    ...(queueId ? { queueId } : {}),
    ...(teamId ? { teamId } : {}),
  };
  const results = useSurveyResults(filters);
  const data = results.data;

  return (
    <Stack gap="sm">
      <PageHeader title={t('surveys.results.title')} description={t('surveys.results.description')} />
      <Paper withBorder p="xs" component="form" aria-label={t('surveys.results.filters')}>
        <Group gap="sm" align="end" wrap="wrap">
          <PeriodFields fromDay={fromDay} toDay={toDay} onFromDay={setFromDay} onToDay={setToDay} />
          <Select
            label={t('surveys.results.channel')}
            placeholder={t('surveys.results.allChannels')}
            data={CHANNELS.map((c) => ({ value: c, label: t(`surveys.results.channels.${c}`) }))}
            value={channel}
            onChange={setChannel}
            clearable
          />
          <Select
            label={t('surveys.results.queue')}
            placeholder={t('surveys.results.allQueues')}
            data={queues.data ?? []}
            value={queueId}
            onChange={setQueueId}
            clearable
          />
          {teams.length > 0 && (
            <Select
              label={t('surveys.results.team')}
              placeholder={t('surveys.results.allTeams')}
              data={teams}
              value={teamId}
              onChange={setTeamId}
              clearable
            />
          )}
          <SegmentedControl
            aria-label={t('surveys.results.granularity')}
            value={granularity}
            onChange={(v) => setGranularity(v as 'day' | 'week')}
            data={(['day', 'week'] as const).map((g) => ({ value: g, label: t(`surveys.results.by.${g}`) }))}
          />
        </Group>
      </Paper>
      <ErrorAlert error={results.error} />
      {results.isPending && <Loader aria-label={t('surveys.results.loading')} />}
      {data && (
        <>
          <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
            {KINDS.map((kind) => (
              <KindCard key={kind} kind={kind} results={data} />
            ))}
          </SimpleGrid>
          <Paper withBorder p="xs" component="section" aria-labelledby="survey-comments-title">
            <Title order={2} size="h6" id="survey-comments-title" mb="xs">
              {t('surveys.results.comments')}
            </Title>
            <Comments comments={data.comments} onOpenConversation={setOpenConversation} />
          </Paper>
        </>
      )}
      <SidePanel
        opened={openConversation !== null}
        onClose={() => setOpenConversation(null)}
        title={t('surveys.results.conversation')}
        size="lg"
      >
        {openConversation && <Transcript id={openConversation} />}
      </SidePanel>
    </Stack>
  );
}

/** One kind: its headline and count, the distribution of scores, the trend; NPS adds its groups. */
function KindCard({ kind, results }: { kind: Kind; results: SurveyResults }) {
  const { t, i18n } = useTranslation();
  const r = results[kind];
  const label = (start: string) =>
    new Intl.DateTimeFormat(i18n.language, { month: 'short', day: 'numeric' }).format(
      new Date(`${start}T12:00:00`),
    );
  const name = t(`surveys.results.kinds.${kind}`);
  const g = results.npsGroups;
  return (
    <Paper withBorder p="xs" component="section" aria-labelledby={`survey-${kind}-title`}>
      <Title order={2} size="h6" id={`survey-${kind}-title`}>
        {name}
      </Title>
      <Group gap="xs" align="baseline" data-testid={`survey-${kind}`}>
        <Text fw={700} fz={26} ff="monospace">
          {formatValue(kind, r.value)}
        </Text>
        <Text size="sm" c="dimmed">
          {t('surveys.results.answers', { count: r.responses })}
        </Text>
      </Group>
      <Text size="xs" c="dimmed" mb="xs">
        {t(`surveys.results.definitions.${kind}`)}
      </Text>
      {kind === 'nps' && (
        <Text size="sm" mb="xs" data-testid="survey-nps-groups">
          {t('surveys.results.npsGroups', g)}
        </Text>
      )}
      <Title order={3} size="h6" fz="sm" mt="xs">
        {t('surveys.results.distribution')}
      </Title>
      <div
        role="img"
        aria-label={t('surveys.results.distributionSummary', {
          kind: name,
          counts: r.distribution.map((d) => `${d.score}: ${d.count}`).join(', '),
        })}
      >
        <BarChart
          h={140}
          data={r.distribution.map((d) => ({ score: String(d.score), count: d.count }))}
          dataKey="score"
          series={[{ name: 'count', label: t('surveys.results.count'), color: 'banyan.6' }]}
          tickLine="y"
          gridAxis="y"
        />
      </div>
      <Title order={3} size="h6" fz="sm" mt="xs">
        {t('surveys.results.trend')}
      </Title>
      {r.trend.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('surveys.results.noAnswers')}
        </Text>
      ) : (
        <div
          role="img"
          aria-label={t('surveys.results.trendSummary', {
            kind: name,
            points: r.trend.map((p) => `${label(p.start)}: ${formatValue(kind, p.value)}`).join(', '),
          })}
        >
          <LineChart
            h={140}
            data={r.trend.map((p) => ({
              bucket: label(p.start),
              value: p.value === null ? null : kind === 'csat' ? Math.round(p.value * 1000) / 10 : p.value,
            }))}
            dataKey="bucket"
            series={[{ name: 'value', label: name, color: 'teal.7' }]}
            curveType="linear"
            connectNulls
          />
        </div>
      )}
    </Paper>
  );
}

/** The newest comments, masked by the server; each opens its conversation (side panel) or case. */
function Comments({
  comments,
  onOpenConversation,
}: {
  comments: Comment[];
  onOpenConversation: (id: string) => void;
}) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  return (
    <DirectoryTable
      label={t('surveys.results.comments')}
      items={comments}
      emptyLabel={t('surveys.results.noComments')}
      columns={[
        { label: t('surveys.results.at'), render: (c) => dateTime(c.createdAt) },
        { label: t('surveys.results.survey'), render: (c) => t(`surveys.results.kinds.${c.kind}`, c.kind) },
        { label: t('surveys.results.score'), render: (c) => c.score ?? '—' },
        {
          label: t('surveys.results.channel'),
          render: (c) => (c.channel ? t(`surveys.results.channels.${c.channel}`, c.channel) : '—'),
        },
        { label: t('surveys.results.comment'), render: (c) => c.comment, style: { whiteSpace: 'pre-wrap' } },
      ]}
      actions={(c) =>
        c.conversationId ? (
          <Button
            size="xs"
            variant="subtle"
            aria-label={t('surveys.results.openConversationOf', { comment: c.comment.slice(0, 40) })}
            onClick={() => onOpenConversation(c.conversationId as string)}
          >
            {t('surveys.results.openConversation')}
          </Button>
        ) : c.caseId ? (
          <Anchor component={Link} to={`/cases?case=${c.caseId}`} size="sm">
            {t('surveys.results.openCase')}
          </Anchor>
        ) : c.ticketId ? (
          <Text size="xs" c="dimmed">
            {t('surveys.results.branchVisit')}
          </Text>
        ) : null
      }
    />
  );
}

function Transcript({ id }: { id: string }) {
  const { t } = useTranslation();
  const detail = useConversation(id);
  if (detail.error) return <ErrorAlert error={detail.error} />;
  if (!detail.data) return <Loader aria-label={t('surveys.results.loading')} />;
  return (
    <ScrollArea.Autosize mah="80dvh">
      <MessageList
        messages={detail.data.messages}
        conversationId={detail.data.conversation.id}
        contactName={detail.data.conversation.contactName ?? t('surveys.results.customer')}
      />
    </ScrollArea.Autosize>
  );
}
