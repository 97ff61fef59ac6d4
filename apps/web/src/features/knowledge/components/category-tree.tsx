import { ActionIcon, Button, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../../shared/notify.ts';
import { type Category, useUpdateCategory } from '../api.ts';

const LOCALES = ['en', 'zh-CN', 'vi'] as const;
type Names = { en: string; 'zh-CN': string; vi: string };

const byPosition = (a: Category, b: Category) => a.position - b.position;
const nameOf = (c: Category, locale: string) => c.names[locale as keyof Names] || c.names.en;

/** Every category that is not `id` nor below it: the parents `id` may move under. */
function parentChoices(categories: Category[], id: string, locale: string) {
  const below = new Set([id]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const c of categories)
      if (c.parentId && below.has(c.parentId) && !below.has(c.id)) {
        below.add(c.id);
        grew = true;
      }
  }
  const out: Array<{ value: string; label: string }> = [];
  const walk = (parentId: string | null, depth: number) => {
    for (const c of categories.filter((x) => x.parentId === parentId).sort(byPosition)) {
      if (!below.has(c.id)) out.push({ value: c.id, label: `${'— '.repeat(depth)}${nameOf(c, locale)}` });
      walk(c.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/**
 * The menu as editors keep it: each category renamed in three languages, moved under another
 * parent, or moved up and down among its siblings (positions renumbered 0…n−1).
 */
export function CategoryTree({ categories }: { categories: Category[] }) {
  const { t, i18n } = useTranslation();
  const update = useUpdateCategory();
  const [editing, setEditing] = useState<string | null>(null);

  async function move(category: Category, step: -1 | 1) {
    const siblings = categories.filter((c) => c.parentId === category.parentId).sort(byPosition);
    const from = siblings.findIndex((c) => c.id === category.id);
    const to = from + step;
    if (to < 0 || to >= siblings.length) return;
    const order = [...siblings];
    order.splice(from, 1);
    order.splice(to, 0, category);
    try {
      for (const [position, c] of order.entries())
        if (c.position !== position) await update.mutateAsync({ id: c.id, position });
    } catch (error) {
      notifyError(error);
    }
  }

  const render = (parentId: string | null, depth: number) =>
    categories
      .filter((c) => c.parentId === parentId)
      .sort(byPosition)
      .map((c, index, siblings) => (
        <li key={c.id} data-testid={`category-${c.id}`}>
          <Group gap={4} wrap="nowrap">
            <Text size="sm" style={{ flex: 1 }}>
              {nameOf(c, i18n.language)}{' '}
              <Text span size="xs" c="dimmed">
                {t('knowledge.manage.articles', { count: c.articleCount })}
              </Text>
            </Text>
            <ActionIcon
              variant="subtle"
              size="sm"
              disabled={index === 0 || update.isPending}
              onClick={() => move(c, -1)}
              aria-label={t('knowledge.manage.moveUp', { name: nameOf(c, i18n.language) })}
            >
              ↑
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              size="sm"
              disabled={index === siblings.length - 1 || update.isPending}
              onClick={() => move(c, 1)}
              aria-label={t('knowledge.manage.moveDown', { name: nameOf(c, i18n.language) })}
            >
              ↓
            </ActionIcon>
            <Button
              variant="subtle"
              size="compact-xs"
              onClick={() => setEditing(editing === c.id ? null : c.id)}
              aria-label={t('knowledge.manage.editCategory', { name: nameOf(c, i18n.language) })}
            >
              {t('knowledge.manage.edit')}
            </Button>
          </Group>
          {editing === c.id && (
            <CategoryForm
              category={c}
              parents={parentChoices(categories, c.id, i18n.language)}
              isSaving={update.isPending}
              onCancel={() => setEditing(null)}
              onSave={(changes) =>
                update.mutate(
                  { id: c.id, ...changes },
                  {
                    onSuccess: () => {
                      setEditing(null);
                      notifySuccess(t('knowledge.manage.saved'));
                    },
                    onError: notifyError,
                  },
                )
              }
            />
          )}
          {categories.some((x) => x.parentId === c.id) && <ul>{render(c.id, depth + 1)}</ul>}
        </li>
      ));

  return <ul aria-label={t('knowledge.manage.menu')}>{render(null, 0)}</ul>;
}

function CategoryForm(props: {
  category: Category;
  parents: Array<{ value: string; label: string }>;
  isSaving: boolean;
  onCancel: () => void;
  onSave: (changes: { names: Names; parentId?: string | null; position?: number }) => void;
}) {
  const { t } = useTranslation();
  const [names, setNames] = useState<Names>({ ...props.category.names });
  const [parentId, setParentId] = useState<string | null>(props.category.parentId);
  return (
    <Paper withBorder p="xs" my={4}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const isMoved = parentId !== props.category.parentId;
          // A moved category goes to the end of its new parent's list.
          props.onSave({ names, ...(isMoved ? { parentId, position: 10_000 } : {}) });
        }}
      >
        <Stack gap={6}>
          {LOCALES.map((l) => (
            <TextInput
              key={l}
              size="xs"
              label={t('knowledge.manage.name', { language: t(`knowledge.locale.${l}`) })}
              value={names[l]}
              required={l === 'en'}
              onChange={(event) => setNames({ ...names, [l]: event.currentTarget.value })}
            />
          ))}
          <Select
            size="xs"
            label={t('knowledge.manage.parent')}
            placeholder={t('knowledge.manage.topLevel')}
            data={props.parents}
            value={parentId}
            onChange={setParentId}
            clearable
          />
          <Group gap="xs">
            <Button type="submit" size="xs" loading={props.isSaving}>
              {t('knowledge.manage.save')}
            </Button>
            <Button variant="default" size="xs" onClick={props.onCancel}>
              {t('knowledge.manage.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
