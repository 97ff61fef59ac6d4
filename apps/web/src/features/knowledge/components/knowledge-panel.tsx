import {
  ActionIcon,
  Anchor,
  Button,
  Group,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconThumbDown, IconThumbUp } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../../../shared/notify.ts';
import { giveFeedback, type SearchHit, useSearch, useSuggestions } from '../api.ts';
import { insertIntoReply } from '../live.ts';
import { Highlighted } from './highlighted.tsx';

/** How many of the customer's latest messages the suggestions read. */
const LATEST_CUSTOMER_MESSAGES = 3;

/**
 * The desk's knowledge panel: articles suggested from the customer's latest messages in the
 * conversation's language, a search box, one click to put an article's public answer into the reply.
 */
export function KnowledgePanel({
  conversationId,
  language,
  messages,
}: {
  conversationId: string;
  language: string | null;
  messages: ReadonlyArray<{ authorType: string; kind: string; body: string }>;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const latest = messages
    .filter((m) => m.authorType === 'customer' && m.kind === 'text')
    .slice(-LATEST_CUSTOMER_MESSAGES)
    .map((m) => m.body)
    .join('\n');
  const locale = language === 'vi' || language === 'en' || language === 'zh-CN' ? language : null;
  const suggestions = useSuggestions(latest, locale);
  const search = useSearch(query, locale ? { locale } : {});
  const items = query.trim() ? (search.data?.items ?? []) : (suggestions.data ?? []);

  return (
    <Paper withBorder p="xs" component="section" aria-labelledby="knowledge-panel-title">
      <Title order={2} size="h6" id="knowledge-panel-title" mb={4}>
        {t('knowledge.panel.title')}
      </Title>
      <TextInput
        size="xs"
        type="search"
        aria-label={t('knowledge.panel.search')}
        placeholder={t('knowledge.panel.search')}
        value={query}
        onChange={(event) => setQuery(event.currentTarget.value)}
        mb={6}
      />
      <Text size="xs" c="dimmed" mb={4}>
        {query.trim() ? t('knowledge.panel.results') : t('knowledge.panel.suggested')}
      </Text>
      <Stack gap={6} aria-live="polite">
        {items.length === 0 && (
          <Text size="xs" c="dimmed">
            {t('knowledge.panel.none')}
          </Text>
        )}
        {items.map((hit) => (
          <Suggestion key={hit.id} hit={hit} conversationId={conversationId} />
        ))}
      </Stack>
    </Paper>
  );
}

function Suggestion({ hit, conversationId }: { hit: SearchHit; conversationId: string }) {
  const { t } = useTranslation();
  const [feedback, setFeedback] = useState<boolean | null>(null);
  const send = (isHelpful: boolean) =>
    giveFeedback(hit.id, isHelpful)
      .then(() => setFeedback(isHelpful))
      .catch(notifyError);
  return (
    <Paper withBorder p={6} radius="sm" component="article" aria-label={hit.title}>
      <Anchor href={`/knowledge?article=${hit.id}`} target="_blank" size="sm" fw={600}>
        <Highlighted html={hit.titleHtml} />
      </Anchor>
      <Text size="xs" c="dimmed" lineClamp={3}>
        <Highlighted html={hit.snippet} />
      </Text>
      <Group gap={4} mt={4} justify="space-between">
        <Button size="compact-xs" onClick={() => insertIntoReply(conversationId, hit.answer)}>
          {t('knowledge.panel.insert')}
        </Button>
        <Group gap={2}>
          <Tooltip label={t('knowledge.panel.helpful')}>
            <ActionIcon
              size="sm"
              variant={feedback === true ? 'filled' : 'subtle'}
              aria-label={t('knowledge.panel.helpful')}
              aria-pressed={feedback === true}
              onClick={() => void send(true)}
            >
              <IconThumbUp size={14} aria-hidden />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={t('knowledge.panel.notHelpful')}>
            <ActionIcon
              size="sm"
              variant={feedback === false ? 'filled' : 'subtle'}
              aria-label={t('knowledge.panel.notHelpful')}
              aria-pressed={feedback === false}
              onClick={() => void send(false)}
            >
              <IconThumbDown size={14} aria-hidden />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
    </Paper>
  );
}
