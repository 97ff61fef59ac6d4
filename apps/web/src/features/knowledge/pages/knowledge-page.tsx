import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Divider,
  FileInput,
  Group,
  Loader,
  MultiSelect,
  Paper,
  Progress,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
  Typography,
} from '@mantine/core';
import { lazy, type ReactNode, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { API_BASE } from '../../../app/api-client.ts';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { notifyError, notifySuccess } from '../../../shared/notify.ts';
import { PageHeader } from '../../../shared/page-header.tsx';
import tone from '../../../shared/tone.module.css';
import { useRealtime } from '../../../shared/use-realtime.ts';
import { hasAnyPermission, useCurrentUser } from '../../auth/api.ts';
import {
  type Article,
  type Category,
  type MorningBrief as MorningBriefData,
  openResult,
  useApproveArticle,
  useArchiveArticle,
  useArticle,
  useArticles,
  useBrief,
  useCategories,
  useCreateArticle,
  useCreateCategory,
  useDiff,
  useImport,
  useRejectArticle,
  useReviewQueue,
  useRollback,
  useSearch,
  useSubmitArticle,
  useUpdateArticle,
  useVersions,
} from '../api.ts';
import { ArticleBadges } from '../components/article-badges.tsx';
import { CategoryTree } from '../components/category-tree.tsx';
import { Highlighted } from '../components/highlighted.tsx';
import { MenuBrowser } from '../components/menu-browser.tsx';
import { KnowledgeWhatsNew } from '../components/whats-new.tsx';
import { applyKnowledgeEvent } from '../live.ts';

// The rich-text editor (TipTap) is a chunk of its own: only editors writing an article load it.
const RichBodyEditor = lazy(() => import('../components/rich-body-editor.tsx'));

const LOCALES = ['en', 'zh-CN', 'vi'] as const;
type Locale = (typeof LOCALES)[number];

const categoryOptions = (categories: Category[], locale: string) => {
  const out: Array<{ value: string; label: string }> = [];
  const walk = (parentId: string | null, depth: number) => {
    for (const c of categories.filter((x) => x.parentId === parentId)) {
      const name = c.names[locale as Locale] || c.names.en;
      out.push({ value: c.id, label: `${'— '.repeat(depth)}${name}` });
      walk(c.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
};

/** The knowledge base: search, articles and their review, the morning brief, the menu, import/export. */
export function KnowledgePage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const isEditor = hasAnyPermission(me, ['knowledge.edit']);
  const [params, setParams] = useSearchParams();
  const articleId = params.get('article');
  const editing = params.get('edit');
  const tab = params.get('tab') ?? 'search';
  const set = (next: Record<string, string | null>) => {
    const merged = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v === null) merged.delete(k);
      else merged.set(k, v);
    }
    setParams(merged, { replace: true });
  };
  // Editors and owners hear of articles past their review-by date here too (the desk has its own socket).
  useRealtime(applyKnowledgeEvent, isEditor);

  return (
    <Stack gap="sm">
      {isEditor && <KnowledgeWhatsNew />}
      <PageHeader
        title={t('knowledge.title')}
        description={t('knowledge.description')}
        actions={
          isEditor && (
            <Button onClick={() => set({ edit: 'new', article: null })}>{t('knowledge.article.new')}</Button>
          )
        }
      />
      {editing ? (
        <ArticleEditor
          key={editing}
          articleId={editing === 'new' ? null : editing}
          translationOf={params.get('translationOf')}
          onDone={(id) => set({ edit: null, translationOf: null, article: id })}
          onCancel={() => set({ edit: null, translationOf: null })}
        />
      ) : articleId ? (
        <ArticleView
          key={articleId}
          articleId={articleId}
          isEditor={isEditor}
          onOpen={(id) => set({ article: id })}
          onEdit={(id) => set({ edit: id })}
          onTranslate={(id) => set({ edit: 'new', translationOf: id })}
          onClose={() => set({ article: null })}
        />
      ) : (
        <Tabs value={tab} onChange={(value) => set({ tab: value })} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="search">{t('knowledge.tabs.search')}</Tabs.Tab>
            {isEditor && <Tabs.Tab value="articles">{t('knowledge.tabs.articles')}</Tabs.Tab>}
            {isEditor && <Tabs.Tab value="review">{t('knowledge.tabs.review')}</Tabs.Tab>}
            <Tabs.Tab value="brief">{t('knowledge.tabs.brief')}</Tabs.Tab>
            {isEditor && <Tabs.Tab value="manage">{t('knowledge.tabs.manage')}</Tabs.Tab>}
          </Tabs.List>
          <Tabs.Panel value="search" pt="sm">
            <SearchTab
              language={i18n.language}
              query={params.get('q') ?? ''}
              onQuery={(q) => set({ q: q || null })}
              onOpen={(id) => set({ article: id })}
            />
          </Tabs.Panel>
          <Tabs.Panel value="articles" pt="sm">
            <ArticlesTab onOpen={(id) => set({ article: id })} />
          </Tabs.Panel>
          <Tabs.Panel value="review" pt="sm">
            <ReviewTab onOpen={(id) => set({ article: id })} />
          </Tabs.Panel>
          <Tabs.Panel value="brief" pt="sm">
            <BriefTab onOpen={(id) => set({ article: id })} onSearch={(q) => set({ tab: 'search', q })} />
          </Tabs.Panel>
          <Tabs.Panel value="manage" pt="sm">
            <ManageTab />
          </Tabs.Panel>
        </Tabs>
      )}
    </Stack>
  );
}

/** The search box; the query lives in the address (`?q=`), so the brief can open a search. */
function SearchTab(props: {
  language: string;
  query: string;
  onQuery: (q: string) => void;
  onOpen: (id: string) => void;
}) {
  const { language, query: q, onQuery: setQ, onOpen } = props;
  const { t } = useTranslation();
  const [text, setText] = useState(q);
  const [locale, setLocale] = useState<string | null>(null);
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const categories = useCategories();
  const result = useSearch(q, { ...(locale ? { locale } : {}), ...(categoryId ? { categoryId } : {}) });
  return (
    <Stack gap="sm">
      <form
        aria-label={t('knowledge.search.label')}
        onSubmit={(event) => {
          event.preventDefault();
          setQ(text);
        }}
      >
        <Group align="flex-end" gap="xs">
          <TextInput
            style={{ flex: 1, minWidth: 240 }}
            label={t('knowledge.search.label')}
            type="search"
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
          />
          <Select
            label={t('knowledge.search.locale')}
            data={LOCALES.map((l) => ({ value: l, label: t(`knowledge.locale.${l}`) }))}
            value={locale}
            onChange={setLocale}
            placeholder={t('knowledge.search.anyLocale')}
            clearable
            w={150}
          />
          <Select
            label={t('knowledge.search.category')}
            data={categoryOptions(categories.data ?? [], language)}
            value={categoryId}
            onChange={setCategoryId}
            placeholder={t('knowledge.search.anyCategory')}
            clearable
            w={200}
          />
          <Button type="submit">{t('knowledge.search.submit')}</Button>
        </Group>
      </form>
      <ErrorAlert error={result.error} />
      {!q.trim() && <MenuBrowser categories={categories.data ?? []} locale={locale} onOpen={onOpen} />}
      {q && result.data && result.data.items.length === 0 && (
        <Text c="dimmed">{t('knowledge.search.none')}</Text>
      )}
      <Stack gap="xs" aria-label={t('knowledge.search.results')} component="section">
        {result.data?.items.map((hit) => (
          <Paper key={hit.id} withBorder p="sm">
            <Group gap="xs">
              <Anchor
                component="button"
                type="button"
                fw={600}
                onClick={() => {
                  void openResult(hit.id, result.data?.searchId ?? null).catch(() => undefined);
                  onOpen(hit.id);
                }}
              >
                <Highlighted html={hit.titleHtml} />
              </Anchor>
              <ArticleBadges locale={hit.locale} visibility={hit.visibility} />
            </Group>
            <Text size="sm" c="dimmed">
              <Highlighted html={hit.snippet} />
            </Text>
          </Paper>
        ))}
      </Stack>
    </Stack>
  );
}

function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const color =
    { draft: 'gray', in_review: 'yellow', published: 'green', archived: 'dark' }[status] ?? 'gray';
  return (
    <Badge size="sm" variant="dot" color={color}>
      {t(`knowledge.status.${status}`, { defaultValue: status })}
    </Badge>
  );
}

function ArticlesTab({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<string | null>(null);
  const [locale, setLocale] = useState<string | null>(null);
  const [isOverdueOnly, setOverdueOnly] = useState(false);
  const articles = useArticles({
    ...(status ? { status } : {}),
    ...(locale ? { locale } : {}),
    ...(isOverdueOnly ? { isReviewOverdue: true } : {}),
  });
  return (
    <Stack gap="sm">
      <Group gap="xs">
        <Select
          label={t('knowledge.article.status')}
          data={['draft', 'in_review', 'published', 'archived'].map((s) => ({
            value: s,
            label: t(`knowledge.status.${s}`),
          }))}
          value={status}
          onChange={setStatus}
          clearable
          w={180}
        />
        <Select
          label={t('knowledge.search.locale')}
          data={LOCALES.map((l) => ({ value: l, label: t(`knowledge.locale.${l}`) }))}
          value={locale}
          onChange={setLocale}
          clearable
          w={150}
        />
        <Checkbox
          label={t('knowledge.article.overdueOnly')}
          checked={isOverdueOnly}
          onChange={(e) => setOverdueOnly(e.currentTarget.checked)}
          mt="lg"
        />
      </Group>
      <ErrorAlert error={articles.error} />
      <Table highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('knowledge.article.title')}</Table.Th>
            <Table.Th>{t('knowledge.article.locale')}</Table.Th>
            <Table.Th>{t('knowledge.article.status')}</Table.Th>
            <Table.Th>{t('knowledge.article.reviewBy')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {articles.data?.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>
                <Anchor component="button" type="button" onClick={() => onOpen(a.id)}>
                  {a.title}
                </Anchor>
              </Table.Td>
              <Table.Td>{a.locale}</Table.Td>
              <Table.Td>
                <StatusBadge status={a.status} />
              </Table.Td>
              <Table.Td>
                {a.reviewBy ?? '—'}{' '}
                {a.isReviewOverdue && (
                  <Badge size="xs" variant="dot" color="red">
                    {t('knowledge.article.overdue')}
                  </Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function ReviewTab({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const queue = useReviewQueue(true);
  return (
    <Stack gap="xs">
      <ErrorAlert error={queue.error} />
      {queue.data?.length === 0 && <Text c="dimmed">{t('knowledge.review.empty')}</Text>}
      {queue.data?.map((item) => (
        <Paper key={item.id} withBorder p="sm">
          <Group justify="space-between">
            <div>
              <Anchor component="button" type="button" fw={600} onClick={() => onOpen(item.id)}>
                {item.title}
              </Anchor>
              <Text size="xs" c="dimmed">
                {item.locale} · v{item.version} · {item.authorName ?? '—'}
              </Text>
            </div>
            {!item.canApprove && (
              <Text size="xs" c="dimmed">
                {t('knowledge.review.ownChange')}
              </Text>
            )}
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}

function BriefTab({ onOpen, onSearch }: { onOpen: (id: string) => void; onSearch: (q: string) => void }) {
  const { t } = useTranslation();
  const brief = useBrief();
  if (!brief.data) return <ErrorAlert error={brief.error} />;
  const { changed, topSearches, contentGaps, reviewOverdue } = brief.data;
  const max = Math.max(1, ...topSearches.map((s) => s.searches));
  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <BriefSection
          id="brief-top"
          title={t('knowledge.brief.topSearches')}
          empty={topSearches.length === 0}
        >
          {topSearches.map((s) => (
            <div key={s.query}>
              <Group justify="space-between">
                <Anchor component="button" type="button" size="sm" onClick={() => onSearch(s.query)}>
                  {s.query}
                </Anchor>
                <Text size="sm">{s.searches}</Text>
              </Group>
              <Progress value={(s.searches / max) * 100} size="sm" aria-hidden />
            </div>
          ))}
        </BriefSection>
        <BriefSection id="brief-gaps" title={t('knowledge.brief.gaps')} empty={contentGaps.length === 0}>
          {contentGaps.map((g) => (
            <BriefItem
              key={g.query}
              label={g.query}
              detail={t('knowledge.brief.gapCount', {
                searches: g.searches,
                total: g.total,
                results: g.results,
              })}
              onClick={() => onSearch(g.query)}
            />
          ))}
        </BriefSection>
        <BriefSection
          id="brief-overdue"
          title={t('knowledge.brief.overdue')}
          empty={reviewOverdue.length === 0}
        >
          {reviewOverdue.map((a) => (
            <BriefItem
              key={a.id}
              label={a.title}
              detail={t('knowledge.brief.reviewBy', { date: a.reviewBy })}
              detailClassName={tone.alert}
              onClick={() => onOpen(a.id)}
            />
          ))}
        </BriefSection>
      </SimpleGrid>
      <BriefSection id="brief-changed" title={t('knowledge.brief.changed')} empty={changed.length === 0}>
        {changed.length > 0 && (
          <ChangedSince changed={changed} total={brief.data.changedTotal} onOpen={onOpen} />
        )}
      </BriefSection>
    </Stack>
  );
}

const CHANGE_COLOR = { new: 'teal', updated: 'blue', archived: 'gray' } as const;

/**
 * The brief's changed articles, latest first: when, what kind of change (new, version n, archived),
 * the title, the language and who approved it.
 */
function ChangedSince(props: {
  changed: MorningBriefData['changed'];
  total: number;
  onOpen: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const time = new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit' });
  const dayTime = new Intl.DateTimeFormat(i18n.language, {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
  const today = new Date().toDateString();
  const when = (iso: string) => {
    const at = new Date(iso);
    return (at.toDateString() === today ? time : dayTime).format(at);
  };
  return (
    <Stack gap={4} mt="xs">
      {props.total > props.changed.length && (
        <Text size="xs" c="dimmed">
          {t('knowledge.brief.shown', { shown: props.changed.length, total: props.total })}
        </Text>
      )}
      <Table.ScrollContainer minWidth={520}>
        <Table verticalSpacing={4} layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={110}>{t('knowledge.brief.when')}</Table.Th>
              <Table.Th w={120}>{t('knowledge.brief.change')}</Table.Th>
              <Table.Th>{t('knowledge.brief.article')}</Table.Th>
              <Table.Th w={110}>{t('knowledge.brief.language')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.changed.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {when(a.changedAt)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge size="xs" variant="dot" color={CHANGE_COLOR[a.change]}>
                    {a.change === 'updated'
                      ? t('knowledge.brief.version', { version: a.version })
                      : t(`knowledge.brief.kind.${a.change}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Anchor
                    component="button"
                    type="button"
                    ta="left"
                    size="sm"
                    display="block"
                    w="100%"
                    truncate="end"
                    title={a.title}
                    onClick={() => props.onOpen(a.id)}
                  >
                    {a.title}
                  </Anchor>
                  {a.approvedBy && (
                    <Text size="xs" c="dimmed" truncate="end">
                      {t('knowledge.brief.approvedBy', { name: a.approvedBy })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge size="xs" variant="dot">
                    {a.locale}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

/** One panel of the morning brief: a titled section, "nothing" when it has no rows. */
/**
 * One entry of a brief list on two lines: what to open, then its detail. Beside each other, a long
 * detail (Vietnamese counts) wrapped and read as belonging to the next entry.
 */
function BriefItem(props: { label: string; detail: string; detailClassName?: string; onClick: () => void }) {
  return (
    <Stack gap={0} align="flex-start">
      <Anchor component="button" type="button" size="sm" ta="left" onClick={props.onClick}>
        {props.label}
      </Anchor>
      <Text size="xs" {...(props.detailClassName ? { className: props.detailClassName } : { c: 'dimmed' })}>
        {props.detail}
      </Text>
    </Stack>
  );
}

function BriefSection(props: { id: string; title: string; empty: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby={props.id}>
      <Title order={2} size="h5" id={props.id}>
        {props.title}
      </Title>
      {props.empty && <Text c="dimmed">{t('knowledge.brief.nothing')}</Text>}
      {props.children}
    </Paper>
  );
}

function ManageTab() {
  const { t, i18n } = useTranslation();
  const categories = useCategories();
  const create = useCreateCategory();
  const [names, setNames] = useState({ en: '', 'zh-CN': '', vi: '' });
  const [parentId, setParentId] = useState<string | null>(null);
  const importer = useImport();
  const [file, setFile] = useState<File | null>(null);
  const [exportLocale, setExportLocale] = useState<string | null>(null);

  async function runImport() {
    if (!file) return;
    const isZip = /\.zip$/i.test(file.name);
    const format = isZip ? 'zip' : /\.md$/i.test(file.name) ? 'markdown' : 'csv';
    const content = isZip
      ? btoa(Array.from(new Uint8Array(await file.arrayBuffer()), (b) => String.fromCharCode(b)).join(''))
      : await file.text();
    importer.mutate(
      { format, content },
      {
        onSuccess: (result) => notifySuccess(t('knowledge.import.done', { count: result.created })),
        onError: notifyError,
      },
    );
  }

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <Paper withBorder p="sm" component="section" aria-labelledby="manage-menu">
        <Title order={2} size="h5" id="manage-menu">
          {t('knowledge.manage.menu')}
        </Title>
        <CategoryTree categories={categories.data ?? []} />
        <form
          onSubmit={(event) => {
            event.preventDefault();
            create.mutate(
              { parentId, names },
              { onSuccess: () => setNames({ en: '', 'zh-CN': '', vi: '' }), onError: notifyError },
            );
          }}
        >
          <Stack gap={6}>
            <Select
              label={t('knowledge.manage.parent')}
              data={categoryOptions(categories.data ?? [], i18n.language)}
              value={parentId}
              onChange={setParentId}
              clearable
            />
            {LOCALES.map((l) => (
              <TextInput
                key={l}
                label={t('knowledge.manage.name', { language: t(`knowledge.locale.${l}`) })}
                value={names[l]}
                required={l === 'en'}
                onChange={(event) => setNames({ ...names, [l]: event.currentTarget.value })}
              />
            ))}
            <Button type="submit" loading={create.isPending}>
              {t('knowledge.manage.addCategory')}
            </Button>
          </Stack>
        </form>
      </Paper>
      <Paper withBorder p="sm" component="section" aria-labelledby="manage-import">
        <Title order={2} size="h5" id="manage-import">
          {t('knowledge.import.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('knowledge.import.help')}
        </Text>
        <FileInput
          label={t('knowledge.import.file')}
          accept=".csv,.md,.zip"
          value={file}
          onChange={setFile}
          clearable
        />
        {importer.isPending && (
          <Progress value={100} animated mt="xs" aria-label={t('knowledge.import.running')} />
        )}
        {importer.data && (
          <Alert mt="xs" color={importer.data.problems.length ? 'yellow' : 'green'}>
            {t('knowledge.import.done', { count: importer.data.created })}
            {importer.data.problems.map((p) => (
              <div key={p.row}>{t('knowledge.import.problem', { row: p.row, problem: p.problem })}</div>
            ))}
          </Alert>
        )}
        <Button mt="xs" onClick={() => void runImport()} disabled={!file} loading={importer.isPending}>
          {t('knowledge.import.run')}
        </Button>
        <Divider my="sm" />
        <Title order={3} size="h6">
          {t('knowledge.export.title')}
        </Title>
        <Group align="flex-end" gap="xs">
          <Select
            label={t('knowledge.search.locale')}
            data={LOCALES.map((l) => ({ value: l, label: t(`knowledge.locale.${l}`) }))}
            value={exportLocale}
            onChange={setExportLocale}
            clearable
            placeholder={t('knowledge.export.all')}
            w={180}
          />
          <Button
            component="a"
            variant="default"
            href={`${API_BASE}/knowledge/export${exportLocale ? `?locale=${exportLocale}` : ''}`}
            download
          >
            {t('knowledge.export.run')}
          </Button>
        </Group>
      </Paper>
    </SimpleGrid>
  );
}

function ArticleView({
  articleId,
  isEditor,
  onOpen,
  onEdit,
  onTranslate,
  onClose,
}: {
  articleId: string;
  isEditor: boolean;
  onOpen: (id: string) => void;
  onEdit: (id: string) => void;
  onTranslate: (id: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const article = useArticle(articleId);
  const submit = useSubmitArticle();
  const approve = useApproveArticle();
  const reject = useRejectArticle();
  const archive = useArchiveArticle();
  const [publishAt, setPublishAt] = useState('');
  const [note, setNote] = useState('');
  const [showHistory, setShowHistory] = useState(false);
  const canPublish = hasAnyPermission(me, ['knowledge.publish']);
  if (!article.data) return <ErrorAlert error={article.error} />;
  const a = article.data;
  const pending = a.draft;
  const shown = pending ?? a;
  const isInReview = pending?.state === 'in_review';
  const isOwnChange = pending?.authorId === me.id;

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Button variant="subtle" onClick={onClose}>
          {t('knowledge.article.back')}
        </Button>
        <Group gap="xs">
          {isEditor && (
            <Button variant="default" onClick={() => onEdit(a.id)}>
              {t('knowledge.article.edit')}
            </Button>
          )}
          {isEditor && (
            <Button variant="default" onClick={() => onTranslate(a.id)}>
              {t('knowledge.article.translate')}
            </Button>
          )}
          {isEditor && pending?.state === 'draft' && (
            <Button onClick={() => submit.mutate(a.id, { onError: notifyError })} loading={submit.isPending}>
              {t('knowledge.article.submit')}
            </Button>
          )}
          {isEditor && canPublish && a.status !== 'archived' && (
            <Button
              variant="default"
              color="red"
              onClick={() => archive.mutate(a.id, { onError: notifyError })}
            >
              {t('knowledge.article.archive')}
            </Button>
          )}
        </Group>
      </Group>
      <Group gap="xs">
        <StatusBadge status={a.status} />
        <Badge variant="dot">{a.locale}</Badge>
        <Badge variant="dot" color="gray">
          {t(`knowledge.visibility.${a.visibility}`)}
        </Badge>
        {a.isReviewOverdue && (
          <Badge variant="dot" color="red">
            {t('knowledge.article.overdue')}
          </Badge>
        )}
        {a.publishAt && (
          <Badge variant="dot" color="blue">
            {t('knowledge.article.scheduled', { at: a.publishAt })}
          </Badge>
        )}
        {pending && a.publishedVersion !== null && (
          <Badge variant="dot" color="yellow">
            {t('knowledge.article.pending', { version: pending.version })}
          </Badge>
        )}
      </Group>
      {isInReview && isEditor && (
        <Paper withBorder p="sm" bg="var(--mantine-color-yellow-light)">
          {isOwnChange || !canPublish ? (
            <Text size="sm">{t('knowledge.review.ownChange')}</Text>
          ) : (
            <Stack gap="xs">
              <Text size="sm" fw={600}>
                {t('knowledge.review.decide')}
              </Text>
              <Group align="flex-end" gap="xs">
                <TextInput
                  type="datetime-local"
                  label={t('knowledge.review.publishAt')}
                  value={publishAt}
                  onChange={(event) => setPublishAt(event.currentTarget.value)}
                />
                <Button
                  color="green"
                  loading={approve.isPending}
                  onClick={() =>
                    approve.mutate(
                      { id: a.id, publishAt: publishAt ? new Date(publishAt).toISOString() : null },
                      {
                        onSuccess: () => notifySuccess(t('knowledge.review.approved')),
                        onError: notifyError,
                      },
                    )
                  }
                >
                  {t('knowledge.review.approve')}
                </Button>
              </Group>
              <Group align="flex-end" gap="xs">
                <TextInput
                  label={t('knowledge.review.note')}
                  value={note}
                  onChange={(event) => setNote(event.currentTarget.value)}
                  style={{ flex: 1 }}
                />
                <Button
                  variant="default"
                  disabled={!note.trim()}
                  onClick={() => reject.mutate({ id: a.id, note }, { onError: notifyError })}
                >
                  {t('knowledge.review.reject')}
                </Button>
              </Group>
            </Stack>
          )}
        </Paper>
      )}
      {pending?.note && (
        <Alert color="yellow" title={t('knowledge.review.returned')}>
          {pending.note}
        </Alert>
      )}
      <Paper withBorder p="md">
        <Title order={2} size="h3" lang={a.locale}>
          {shown.title}
        </Title>
        <Typography>
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized on the server before storage (knowledge.html.ts) */}
          <div lang={a.locale} dangerouslySetInnerHTML={{ __html: shown.bodyHtml }} />
        </Typography>
        <Divider my="sm" label={t('knowledge.article.answer')} labelPosition="left" />
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {shown.answer}
        </Text>
      </Paper>
      {a.translations.length > 0 && (
        <Group gap="xs">
          <Text size="sm">{t('knowledge.article.translations')}</Text>
          {a.translations.map((tr) => (
            <Anchor
              key={tr.id}
              component="button"
              type="button"
              onClick={() => onOpen(tr.id)}
              lang={tr.locale}
            >
              {tr.locale}: {tr.title}
            </Anchor>
          ))}
        </Group>
      )}
      {isEditor && (
        <Button variant="subtle" onClick={() => setShowHistory(!showHistory)} w="fit-content">
          {t('knowledge.history.title')}
        </Button>
      )}
      {showHistory && <History article={a} />}
    </Stack>
  );
}

function History({ article }: { article: Article }) {
  const { t } = useTranslation();
  const versions = useVersions(article.id, true);
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const diff = useDiff(article.id, from, to);
  const rollback = useRollback(article.id);
  return (
    <Paper withBorder p="sm" component="section" aria-label={t('knowledge.history.title')}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('knowledge.history.version')}</Table.Th>
            <Table.Th>{t('knowledge.history.state')}</Table.Th>
            <Table.Th>{t('knowledge.history.published')}</Table.Th>
            <Table.Th>{t('knowledge.history.compare')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {versions.data?.map((v) => (
            <Table.Tr key={v.version}>
              <Table.Td>v{v.version}</Table.Td>
              <Table.Td>{t(`knowledge.versionState.${v.state}`, { defaultValue: v.state })}</Table.Td>
              <Table.Td>{v.publishedAt ? new Date(v.publishedAt).toLocaleString() : '—'}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <Button
                    size="compact-xs"
                    variant={from === v.version ? 'filled' : 'default'}
                    onClick={() => setFrom(v.version)}
                  >
                    {t('knowledge.history.from')}
                  </Button>
                  <Button
                    size="compact-xs"
                    variant={to === v.version ? 'filled' : 'default'}
                    onClick={() => setTo(v.version)}
                  >
                    {t('knowledge.history.to')}
                  </Button>
                </Group>
              </Table.Td>
              <Table.Td>
                {v.version !== article.latestVersion && (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    onClick={() =>
                      rollback.mutate(v.version, {
                        onSuccess: () =>
                          notifySuccess(t('knowledge.history.rolledBack', { version: v.version })),
                        onError: notifyError,
                      })
                    }
                  >
                    {t('knowledge.history.rollback')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {diff.data && (
        <ScrollArea.Autosize mah={320} mt="sm">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} aria-label={t('knowledge.history.diff')}>
            {diff.data.parts.map((p, index) =>
              p.change === 'added' ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: a diff's parts never reorder
                <ins key={index} style={{ background: 'var(--mantine-color-green-light)' }}>
                  {p.value}
                </ins>
              ) : p.change === 'removed' ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: a diff's parts never reorder
                <del key={index} style={{ background: 'var(--mantine-color-red-light)' }}>
                  {p.value}
                </del>
              ) : (
                // biome-ignore lint/suspicious/noArrayIndexKey: a diff's parts never reorder
                <span key={index}>{p.value}</span>
              ),
            )}
          </Text>
        </ScrollArea.Autosize>
      )}
    </Paper>
  );
}

function ArticleEditor({
  articleId,
  translationOf,
  onDone,
  onCancel,
}: {
  articleId: string | null;
  translationOf: string | null;
  onDone: (id: string) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const existing = useArticle(articleId);
  const source = useArticle(translationOf);
  if (articleId && !existing.data) return <ErrorAlert error={existing.error} />;
  if (translationOf && !source.data) return <ErrorAlert error={source.error} />;
  return (
    <EditorForm
      article={existing.data ?? null}
      source={source.data ?? null}
      language={i18n.language}
      onDone={onDone}
      onCancel={onCancel}
      t={t}
    />
  );
}

function EditorForm({
  article,
  source,
  language,
  onDone,
  onCancel,
  t,
}: {
  article: Article | null;
  source: Article | null;
  language: string;
  onDone: (id: string) => void;
  onCancel: () => void;
  t: ReturnType<typeof useTranslation>['t'];
}) {
  const categories = useCategories();
  const create = useCreateArticle();
  const update = useUpdateArticle(article?.id ?? '');
  const text = article?.draft ?? article;
  const [locale, setLocale] = useState<string>(article?.locale ?? (source ? '' : language));
  const [title, setTitle] = useState(text?.title ?? '');
  const [bodyHtml, setBodyHtml] = useState(text?.bodyHtml ?? '');
  const [answer, setAnswer] = useState(text?.answer ?? '');
  const [tags, setTags] = useState((text?.tags ?? []).join(', '));
  const [categoryId, setCategoryId] = useState<string | null>(
    article?.categoryId ?? source?.categoryId ?? null,
  );
  const [visibility, setVisibility] = useState<string>(
    article?.visibility ?? source?.visibility ?? 'internal',
  );
  const [audience, setAudience] = useState<string[]>(article?.audience ?? []);
  const [reviewBy, setReviewBy] = useState(article?.reviewBy ?? '');
  const saving = create.isPending || update.isPending;

  function save() {
    const common = {
      title,
      bodyHtml,
      answer,
      tags: tags
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
      categoryId,
      visibility: visibility as 'internal' | 'public',
      audience: audience as Array<'agents' | 'branches' | 'back_office'>,
      reviewBy: reviewBy || null,
    };
    if (article) update.mutate(common, { onSuccess: (a) => onDone(a.id), onError: notifyError });
    else
      create.mutate(
        { ...common, locale: locale as Locale, translationOf: source?.id ?? null },
        { onSuccess: (a) => onDone(a.id), onError: notifyError },
      );
  }

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
      aria-label={t('knowledge.editor.title')}
    >
      <Stack gap="sm">
        {source && (
          <Alert color="blue">
            {t('knowledge.editor.translating', { title: source.title, locale: source.locale })}
          </Alert>
        )}
        <Group grow align="flex-start">
          <Select
            label={t('knowledge.article.locale')}
            data={LOCALES.filter((l) => l !== source?.locale).map((l) => ({
              value: l,
              label: t(`knowledge.locale.${l}`),
            }))}
            value={locale || null}
            onChange={(value) => setLocale(value ?? '')}
            disabled={Boolean(article)}
            required
          />
          <Select
            label={t('knowledge.search.category')}
            data={categoryOptions(categories.data ?? [], language)}
            value={categoryId}
            onChange={setCategoryId}
            clearable
          />
          <Select
            label={t('knowledge.article.visibility')}
            data={['internal', 'public'].map((v) => ({ value: v, label: t(`knowledge.visibility.${v}`) }))}
            value={visibility}
            onChange={(value) => setVisibility(value ?? 'internal')}
          />
          <MultiSelect
            label={t('knowledge.article.audience')}
            data={['agents', 'branches', 'back_office'].map((v) => ({
              value: v,
              label: t(`knowledge.audience.${v}`),
            }))}
            value={audience}
            onChange={setAudience}
          />
          <TextInput
            type="date"
            label={t('knowledge.article.reviewBy')}
            value={reviewBy}
            onChange={(event) => setReviewBy(event.currentTarget.value)}
          />
        </Group>
        <TextInput
          label={t('knowledge.article.title')}
          value={title}
          onChange={(event) => setTitle(event.currentTarget.value)}
          required
          maxLength={300}
        />
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Suspense fallback={<Loader size="sm" aria-label={t('knowledge.editor.loading')} />}>
            <RichBodyEditor value={bodyHtml} onChange={setBodyHtml} />
          </Suspense>
          <Paper withBorder p="sm" component="section" aria-label={t('knowledge.editor.preview')}>
            <Text size="xs" c="dimmed">
              {t('knowledge.editor.preview')}
            </Text>
            <Title order={3} size="h4">
              {title}
            </Title>
            <Typography>
              {/* The preview shows the editor's own text; the server sanitizes it before it is stored or shown to anyone else. */}
              <PreviewBody html={bodyHtml} />
            </Typography>
          </Paper>
        </SimpleGrid>
        <Textarea
          label={t('knowledge.article.answer')}
          description={t('knowledge.editor.answerHelp')}
          value={answer}
          onChange={(event) => setAnswer(event.currentTarget.value)}
          autosize
          minRows={3}
        />
        <TextInput
          label={t('knowledge.article.tags')}
          description={t('knowledge.editor.tagsHelp')}
          value={tags}
          onChange={(event) => setTags(event.currentTarget.value)}
        />
        <Group>
          <Button type="submit" loading={saving}>
            {t('knowledge.editor.save')}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t('knowledge.editor.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The preview renders through an inert document (no script runs, no resource loads) as plain nodes. */
function PreviewBody({ html }: { html: string }) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const render = (node: Node, key: number): React.ReactNode => {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent;
    if (node.nodeType !== Node.ELEMENT_NODE) return null;
    const tag = (node as Element).tagName.toLowerCase();
    const allowed = [
      'h2',
      'h3',
      'h4',
      'p',
      'br',
      'strong',
      'b',
      'em',
      'i',
      'u',
      'ul',
      'ol',
      'li',
      'table',
      'thead',
      'tbody',
      'tr',
      'th',
      'td',
      'a',
      'blockquote',
      'code',
      'pre',
      'hr',
    ];
    const children = Array.from(node.childNodes).map(render);
    if (!allowed.includes(tag)) return <span key={key}>{children}</span>;
    const Tag = tag as 'p';
    return <Tag key={key}>{children.length ? children : undefined}</Tag>;
  };
  return <div>{Array.from(doc.body.childNodes).map(render)}</div>;
}
