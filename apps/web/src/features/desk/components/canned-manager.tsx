import { ActionIcon, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../../shared/confirm-button.tsx';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { notifySuccess } from '../../../shared/notify.ts';
import { SidePanel } from '../../../shared/side-panel.tsx';
import { type CannedResponse, useDeleteCannedResponse, useSaveCannedResponse } from '../api.ts';
import { SHORTCUT_PATTERN } from '../canned.ts';
import { CannedFields } from './canned-fields.tsx';

/** "My canned responses": the agent's personal ones, listed, created, edited and deleted. */
export function CannedManager({
  opened,
  items,
  onClose,
}: {
  opened: boolean;
  items: readonly CannedResponse[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<CannedResponse | 'new' | null>(null);
  const remove = useDeleteCannedResponse();
  const personal = items.filter((item) => item.scope === 'personal');
  return (
    <SidePanel
      opened={opened}
      onClose={() => {
        setEditing(null);
        onClose();
      }}
      size="lg"
      title={t('desk.canned.manageTitle')}
    >
      {editing ? (
        <CannedForm
          key={editing === 'new' ? 'new' : editing.id}
          item={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      ) : (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('desk.canned.manageHelp')}
          </Text>
          <Group justify="flex-end">
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
              {t('desk.canned.create')}
            </Button>
          </Group>
          {personal.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('desk.canned.nonePersonal')}
            </Text>
          )}
          {personal.map((item) => (
            <Paper key={item.id} withBorder p="xs">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <div style={{ minWidth: 0 }}>
                  <Text fw={600} size="sm">
                    {item.title}{' '}
                    <Text span size="xs" c="dimmed" ff="monospace">
                      /{item.shortcut}
                    </Text>
                  </Text>
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {item.bodies.en}
                  </Text>
                </div>
                <Group gap={4} wrap="nowrap">
                  <ActionIcon
                    variant="subtle"
                    aria-label={t('desk.canned.edit', { title: item.title })}
                    onClick={() => setEditing(item)}
                  >
                    <IconPencil size={16} aria-hidden />
                  </ActionIcon>
                  <ConfirmButton
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    question={t('desk.canned.deleteQuestion', { title: item.title })}
                    confirmLabel={t('desk.canned.delete')}
                    aria-label={t('desk.canned.deleteLabel', { title: item.title })}
                    onConfirm={() =>
                      remove.mutate(item.id, {
                        onSuccess: () => notifySuccess(t('desk.canned.deleted', { title: item.title })),
                      })
                    }
                  >
                    {t('desk.canned.delete')}
                  </ConfirmButton>
                </Group>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
    </SidePanel>
  );
}

function CannedForm({ item, onDone }: { item: CannedResponse | null; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveCannedResponse();
  const form = useForm({
    initialValues: {
      shortcut: item?.shortcut ?? '',
      title: item?.title ?? '',
      en: item?.bodies.en ?? '',
      'zh-CN': item?.bodies['zh-CN'] ?? '',
      vi: item?.bodies.vi ?? '',
    },
    validate: {
      shortcut: (value) => (SHORTCUT_PATTERN.test(value.trim()) ? null : t('desk.canned.shortcutInvalid')),
      title: (value) => (value.trim() ? null : t('validation.required')),
      en: (value) => (value.trim() ? null : t('validation.required')),
    },
  });
  return (
    <form
      onSubmit={form.onSubmit((values) =>
        save.mutate(
          {
            id: item?.id ?? null,
            input: {
              shortcut: values.shortcut.trim(),
              title: values.title.trim(),
              bodies: { en: values.en, 'zh-CN': values['zh-CN'], vi: values.vi },
            },
          },
          {
            onSuccess: (saved) => {
              notifySuccess(t('desk.canned.saved', { title: saved.title }));
              onDone();
            },
          },
        ),
      )}
    >
      <Stack gap="sm">
        <Title order={3} size="h5">
          {item ? t('desk.canned.edit', { title: item.title }) : t('desk.canned.create')}
        </Title>
        <ErrorAlert error={save.error} />
        <CannedFields inputProps={form.getInputProps} help={t('desk.canned.variablesHelp')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
