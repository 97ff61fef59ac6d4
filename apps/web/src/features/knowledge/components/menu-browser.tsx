import { Anchor, Group, Loader, NavLink, Paper, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { type Category, useCategoryArticles } from '../api.ts';
import { ArticleBadges } from './article-badges.tsx';

type Names = Category['names'];
const nameOf = (c: Category, locale: string) => c.names[locale as keyof Names] || c.names.en;
const byPosition = (a: Category, b: Category) => a.position - b.position;

/**
 * The knowledge base as a menu: the category tree on the left, the chosen topic's published
 * articles on the right (those of the reader's audience, in `locale` or every language). What the
 * search tab shows before anything is searched.
 */
export function MenuBrowser(props: {
  categories: Category[];
  locale: string | null;
  onOpen: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [chosen, setChosen] = useState<string | null>(null);
  const articles = useCategoryArticles(chosen, props.locale);
  const category = props.categories.find((c) => c.id === chosen) ?? null;
  // The reader's own language first, each language by title (as the server sorts them).
  const own = (locale: string) => (locale === i18n.language ? 0 : 1);
  const listed = [...(articles.data ?? [])].sort((a, b) => own(a.locale) - own(b.locale));

  const branch = (parentId: string | null) =>
    props.categories
      .filter((c) => c.parentId === parentId)
      .sort(byPosition)
      .map((c) => {
        const children = branch(c.id);
        return (
          <NavLink
            key={c.id}
            component="button"
            type="button"
            label={nameOf(c, i18n.language)}
            active={c.id === chosen}
            aria-current={c.id === chosen ? 'true' : undefined}
            onClick={() => setChosen(c.id)}
            defaultOpened
            childrenOffset="sm"
          >
            {children.length > 0 ? children : undefined}
          </NavLink>
        );
      });

  return (
    <Group align="flex-start" gap="sm" wrap="nowrap">
      <Paper withBorder p={4} w={300} component="nav" aria-labelledby="knowledge-menu-title">
        <Title order={2} size="h6" id="knowledge-menu-title" px="xs" pt={4}>
          {t('knowledge.browse.menu')}
        </Title>
        <ScrollArea.Autosize mah={560}>{branch(null)}</ScrollArea.Autosize>
      </Paper>
      <Paper
        withBorder
        p="sm"
        style={{ flex: 1, minWidth: 0 }}
        component="section"
        aria-live="polite"
        aria-labelledby={category ? 'knowledge-topic-title' : undefined}
      >
        {category === null ? (
          <Text c="dimmed">{t('knowledge.browse.choose')}</Text>
        ) : (
          <Stack gap={6}>
            <Title order={2} size="h5" id="knowledge-topic-title">
              {nameOf(category, i18n.language)}
            </Title>
            <ErrorAlert error={articles.error} />
            {articles.isPending && <Loader size="sm" />}
            {articles.data?.length === 0 && <Text c="dimmed">{t('knowledge.browse.empty')}</Text>}
            {listed.map((a) => (
              <Group key={a.id} gap="xs" wrap="nowrap">
                <Anchor
                  component="button"
                  type="button"
                  ta="left"
                  truncate="end"
                  style={{ minWidth: 0 }}
                  onClick={() => props.onOpen(a.id)}
                >
                  {a.title}
                </Anchor>
                <ArticleBadges locale={a.locale} visibility={a.visibility} />
              </Group>
            ))}
          </Stack>
        )}
      </Paper>
    </Group>
  );
}
