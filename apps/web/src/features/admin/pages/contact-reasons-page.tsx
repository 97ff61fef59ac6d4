import { Badge, Button, Group, NumberInput, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALE_NAMES, LOCALES } from '../../../app/i18n.ts';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { notifySuccess } from '../../../shared/notify.ts';
import { PageHeader } from '../../../shared/page-header.tsx';
import { useCurrentUser } from '../../auth/api.ts';
import {
  type ContactReason,
  useAllContactReasons,
  useSaveContactReason,
  useSetContactReasonActive,
} from '../api.ts';
import { EditorDrawer } from '../components/editor-drawer.tsx';

const CODE_PATTERN = /^[a-z0-9_.-]+$/;
const bySort = (a: ContactReason, b: ContactReason) => a.sort - b.sort || a.code.localeCompare(b.code);

/** Editing state: an existing reason, or a new one (optionally under a parent). */
type Editing = { reason: ContactReason } | { parentId: string | null };

/** The contact-reason tree agents pick from at wrap-up: top-level reasons and their children. */
export function ContactReasonsPage() {
  const { t, i18n } = useTranslation();
  const canManage = useCurrentUser().permissions.includes('staff.manage');
  const list = useAllContactReasons();
  const setActive = useSetContactReasonActive();
  const [editing, setEditing] = useState<Editing | null>(null);
  const reasons = list.data ?? [];
  const nameOf = (reason: ContactReason) => reason.names[i18n.language] ?? reason.names.en ?? reason.code;
  const tops = reasons.filter((r) => !r.parentId).sort(bySort);
  const childrenOf = (id: string) => reasons.filter((r) => r.parentId === id).sort(bySort);
  // Children whose parent is missing still show, at the end, so nothing is hidden.
  const orphans = reasons.filter((r) => r.parentId && !reasons.some((p) => p.id === r.parentId));

  const row = (reason: ContactReason, parent: ContactReason | null) => (
    <Table.Tr key={reason.id}>
      <Table.Td pl={parent ? 36 : undefined}>
        {canManage ? (
          <Button
            variant="subtle"
            size="compact-sm"
            px={4}
            fw={parent ? 400 : 600}
            onClick={() => setEditing({ reason })}
            aria-label={t('contactReasons.edit', { name: nameOf(reason) })}
          >
            {parent && <span aria-hidden>└ </span>}
            {nameOf(reason)}
          </Button>
        ) : (
          <Text size="sm" fw={parent ? 400 : 600}>
            {parent && <span aria-hidden>└ </span>}
            {nameOf(reason)}
          </Text>
        )}
      </Table.Td>
      <Table.Td ff="monospace">{reason.code}</Table.Td>
      <Table.Td>{reason.sort}</Table.Td>
      <Table.Td>
        <Badge variant="light" color={reason.isActive ? 'banyan' : 'gray'} tt="none">
          {reason.isActive ? t('contactReasons.active') : t('contactReasons.inactive')}
        </Badge>
      </Table.Td>
      {canManage && (
        <Table.Td>
          <Group gap={4} wrap="nowrap" justify="flex-end">
            {!parent && (
              <Button
                size="compact-xs"
                variant="subtle"
                leftSection={<IconPlus size={12} aria-hidden />}
                onClick={() => setEditing({ parentId: reason.id })}
                aria-label={t('contactReasons.addChildTo', { name: nameOf(reason) })}
              >
                {t('contactReasons.addChild')}
              </Button>
            )}
            <Button
              size="compact-xs"
              variant="default"
              loading={setActive.isPending && setActive.variables?.id === reason.id}
              onClick={() =>
                setActive.mutate(
                  { id: reason.id, isActive: !reason.isActive },
                  {
                    onSuccess: (saved) =>
                      notifySuccess(
                        t(saved.isActive ? 'contactReasons.activated' : 'contactReasons.deactivated', {
                          name: nameOf(saved),
                        }),
                      ),
                  },
                )
              }
              aria-label={t(
                reason.isActive ? 'contactReasons.deactivateName' : 'contactReasons.activateName',
                {
                  name: nameOf(reason),
                },
              )}
            >
              {reason.isActive ? t('contactReasons.deactivate') : t('contactReasons.activate')}
            </Button>
          </Group>
        </Table.Td>
      )}
    </Table.Tr>
  );

  return (
    <Stack>
      <PageHeader
        title={t('nav.contactReasons')}
        description={t('contactReasons.description')}
        actions={
          canManage && (
            <Button
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => setEditing({ parentId: null })}
            >
              {t('contactReasons.create')}
            </Button>
          )
        }
      />
      <ErrorAlert error={list.error} />
      <Table.ScrollContainer minWidth={640}>
        <Table striped highlightOnHover verticalSpacing={6} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('contactReasons.name')}</Table.Th>
              <Table.Th>{t('contactReasons.code')}</Table.Th>
              <Table.Th>{t('contactReasons.sort')}</Table.Th>
              <Table.Th>{t('contactReasons.status')}</Table.Th>
              {canManage && <Table.Th>{t('common.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tops.flatMap((top) => [row(top, null), ...childrenOf(top.id).map((child) => row(child, top))])}
            {orphans.map((reason) => row(reason, null))}
            {list.data && reasons.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={5}>
                  <Text size="sm" c="dimmed" ta="center" py="md">
                    {t('common.empty')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {editing && (
        <ReasonDrawer editing={editing} parents={tops} nameOf={nameOf} onClose={() => setEditing(null)} />
      )}
    </Stack>
  );
}

function ReasonDrawer({
  editing,
  parents,
  nameOf,
  onClose,
}: {
  editing: Editing;
  parents: ContactReason[];
  nameOf: (reason: ContactReason) => string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveContactReason();
  const reason = 'reason' in editing ? editing.reason : null;
  const form = useForm({
    initialValues: {
      parentId: reason ? reason.parentId : 'parentId' in editing ? editing.parentId : null,
      code: reason?.code ?? '',
      sort: reason?.sort ?? 0,
      en: reason?.names.en ?? '',
      'zh-CN': reason?.names['zh-CN'] ?? '',
      vi: reason?.names.vi ?? '',
    } as {
      parentId: string | null;
      code: string;
      sort: number | string;
      en: string;
      'zh-CN': string;
      vi: string;
    },
    validate: {
      code: (value) => (reason || CODE_PATTERN.test(value.trim()) ? null : t('contactReasons.codeInvalid')),
      en: (value) => (value.trim() ? null : t('validation.required')),
      'zh-CN': (value) => (value.trim() ? null : t('validation.required')),
      vi: (value) => (value.trim() ? null : t('validation.required')),
    },
  });
  const parentName = (id: string | null) => {
    const parent = parents.find((p) => p.id === id);
    return parent ? nameOf(parent) : t('contactReasons.topLevel');
  };
  return (
    <EditorDrawer
      opened
      title={reason ? t('contactReasons.edit', { name: nameOf(reason) }) : t('contactReasons.create')}
      error={save.error}
      isSaving={save.isPending}
      onClose={onClose}
      onSubmit={form.onSubmit((values) => {
        const names = { en: values.en.trim(), 'zh-CN': values['zh-CN'].trim(), vi: values.vi.trim() };
        const sort = Number(values.sort) || 0;
        const done = {
          onSuccess: (saved: ContactReason) => {
            notifySuccess(t('contactReasons.saved', { name: nameOf(saved) }));
            onClose();
          },
        };
        if (reason) save.mutate({ id: reason.id, input: { names, sort } }, done);
        else
          save.mutate(
            { id: null, input: { parentId: values.parentId, code: values.code.trim(), names, sort } },
            done,
          );
      })}
    >
      {reason ? (
        <>
          <TextInput label={t('contactReasons.parent')} value={parentName(reason.parentId)} readOnly />
          <TextInput label={t('contactReasons.code')} value={reason.code} readOnly />
        </>
      ) : (
        <>
          <Select
            label={t('contactReasons.parent')}
            data={[
              { value: '', label: t('contactReasons.topLevel') },
              ...parents.map((p) => ({ value: p.id, label: nameOf(p) })),
            ]}
            allowDeselect={false}
            value={form.values.parentId ?? ''}
            onChange={(value) => form.setFieldValue('parentId', value || null)}
          />
          <TextInput
            label={t('contactReasons.code')}
            description={t('contactReasons.codeHelp')}
            maxLength={40}
            {...form.getInputProps('code')}
          />
        </>
      )}
      {LOCALES.map((locale) => (
        <TextInput
          key={locale}
          label={t('contactReasons.nameIn', { language: LOCALE_NAMES[locale] })}
          lang={locale}
          maxLength={120}
          {...form.getInputProps(locale)}
        />
      ))}
      <NumberInput
        label={t('contactReasons.sort')}
        description={t('contactReasons.sortHelp')}
        min={0}
        max={10_000}
        allowDecimal={false}
        {...form.getInputProps('sort')}
      />
    </EditorDrawer>
  );
}
