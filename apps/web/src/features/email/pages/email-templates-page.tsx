import {
  Badge,
  Button,
  Group,
  Loader,
  Select,
  Stack,
  Switch,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALE_NAMES, LOCALES } from '../../../app/i18n.ts';
import { ConfirmButton } from '../../../shared/confirm-button.tsx';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { notifyError, notifySuccess } from '../../../shared/notify.ts';
import { useQueues } from '../../admin/api.ts';
import { DirectoryTable } from '../../admin/components/directory-table.tsx';
import { EditorDrawer } from '../../admin/components/editor-drawer.tsx';
import { ListPageHeader } from '../../admin/components/list-page-header.tsx';
import { useCurrentUser } from '../../auth/api.ts';
import {
  type EmailSignature,
  type EmailTemplate,
  useDeleteEmailSignature,
  useDeleteEmailTemplate,
  useEmailSignatures,
  useEmailTemplates,
  usePutEmailSignature,
  useSaveEmailTemplate,
} from '../api.ts';

// The desk's email editor (its own chunk), reused to write templates and signatures.
const RichReplyEditor = lazy(() => import('../components/rich-reply-editor.tsx'));

type Language = (typeof LOCALES)[number];
const GLOBAL = 'global';

/**
 * Admin · Email templates: the templates agents insert into email replies and the signature the
 * server appends, per queue and language. An administrator manages every queue's and the global
 * ones; a supervisor those of the queues their teams own (Admin · Queues · Owning team).
 */
export function EmailTemplatesPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const isAdmin = me.permissions.includes('staff.manage');
  const queues = useQueues();
  const templates = useEmailTemplates();
  const signatures = useEmailSignatures();
  const removeTemplate = useDeleteEmailTemplate();
  const removeSignature = useDeleteEmailSignature();
  const [editing, setEditing] = useState<EmailTemplate | 'new' | null>(null);
  const [signing, setSigning] = useState<EmailSignature | 'new' | null>(null);
  const myTeams = new Set(me.teams.map((team) => team.id));
  const writableQueues = (queues.data ?? [])
    .filter((queue) => isAdmin || (queue.teamId !== null && myTeams.has(queue.teamId)))
    .map((queue) => ({ value: queue.id, label: queue.name }));
  const queueOptions = [
    ...(isAdmin ? [{ value: GLOBAL, label: t('emailTemplates.global') }] : []),
    ...writableQueues,
  ];
  const canEdit = (queueId: string | null) =>
    queueId === null ? isAdmin : writableQueues.some((queue) => queue.value === queueId);
  const queueName = (id: string | null) =>
    id === null ? t('emailTemplates.global') : (queues.data?.find((queue) => queue.id === id)?.name ?? id);

  return (
    <Stack>
      <ListPageHeader
        title={t('emailTemplates.title')}
        description={t('emailTemplates.description')}
        createLabel={t('emailTemplates.create')}
        onCreate={queueOptions.length > 0 ? () => setEditing('new') : null}
        error={templates.error ?? removeTemplate.error}
      />
      <DirectoryTable
        items={templates.data}
        onEdit={(item) => {
          if (canEdit(item.queueId)) setEditing(item);
        }}
        columns={[
          { label: t('emailTemplates.name'), render: (item) => item.name },
          { label: t('emailTemplates.queue'), render: (item) => queueName(item.queueId) },
          {
            label: t('emailTemplates.languages'),
            render: (item) =>
              LOCALES.filter((locale) => item.bodies[locale]?.trim())
                .map((locale) => LOCALE_NAMES[locale])
                .join(' · '),
          },
          {
            label: t('emailTemplates.active'),
            render: (item) => (
              <Badge variant="light" color={item.active ? 'green' : 'gray'} tt="none">
                {item.active ? t('emailTemplates.isActive') : t('emailTemplates.isInactive')}
              </Badge>
            ),
          },
          {
            label: t('common.actions'),
            render: (item) =>
              canEdit(item.queueId) ? (
                <ConfirmButton
                  size="compact-xs"
                  variant="subtle"
                  color="red"
                  question={t('emailTemplates.deleteQuestion', { name: item.name })}
                  confirmLabel={t('emailTemplates.delete')}
                  aria-label={t('emailTemplates.deleteLabel', { name: item.name })}
                  onConfirm={() =>
                    removeTemplate.mutate(item.id, {
                      onSuccess: () => notifySuccess(t('emailTemplates.deleted', { name: item.name })),
                      onError: notifyError,
                    })
                  }
                >
                  {t('emailTemplates.delete')}
                </ConfirmButton>
              ) : (
                <Text size="xs" c="dimmed">
                  {t('emailTemplates.readOnly')}
                </Text>
              ),
          },
        ]}
      />
      <Group justify="space-between" mt="md" align="flex-end">
        <div>
          <Title order={2} size="h4">
            {t('emailTemplates.signatures')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('emailTemplates.signaturesDescription')}
          </Text>
        </div>
        {queueOptions.length > 0 && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setSigning('new')}>
            {t('emailTemplates.createSignature')}
          </Button>
        )}
      </Group>
      <ErrorAlert error={signatures.error ?? removeSignature.error} />
      <DirectoryTable
        items={signatures.data}
        onEdit={(item) => {
          if (canEdit(item.queueId)) setSigning(item);
        }}
        columns={[
          { label: t('emailTemplates.queue'), render: (item) => queueName(item.queueId) },
          { label: t('emailTemplates.language'), render: (item) => LOCALE_NAMES[item.language] },
          {
            label: t('common.actions'),
            render: (item) =>
              canEdit(item.queueId) ? (
                <ConfirmButton
                  size="compact-xs"
                  variant="subtle"
                  color="red"
                  question={t('emailTemplates.deleteSignatureQuestion')}
                  confirmLabel={t('emailTemplates.delete')}
                  aria-label={t('emailTemplates.deleteSignatureLabel', {
                    queue: queueName(item.queueId),
                    language: LOCALE_NAMES[item.language],
                  })}
                  onConfirm={() => removeSignature.mutate(item.id, { onError: notifyError })}
                >
                  {t('emailTemplates.delete')}
                </ConfirmButton>
              ) : (
                <Text size="xs" c="dimmed">
                  {t('emailTemplates.readOnly')}
                </Text>
              ),
          },
        ]}
      />
      {editing && (
        <TemplateDrawer
          item={editing === 'new' ? null : editing}
          queues={queueOptions}
          onClose={() => setEditing(null)}
        />
      )}
      {signing && (
        <SignatureDrawer
          item={signing === 'new' ? null : signing}
          queues={queueOptions}
          onClose={() => setSigning(null)}
        />
      )}
    </Stack>
  );
}

function HtmlField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (html: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<Loader size="sm" aria-label={t('emailReply.loadingEditor')} />}>
      <RichReplyEditor
        label={label}
        initialHtml={value}
        disabled={false}
        onSubmit={() => undefined}
        onChange={(html, isEmpty) => onChange(isEmpty ? '' : html)}
      />
    </Suspense>
  );
}

function TemplateDrawer({
  item,
  queues,
  onClose,
}: {
  item: EmailTemplate | null;
  queues: { value: string; label: string }[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveEmailTemplate();
  const [queueId, setQueueId] = useState<string | null>(
    item ? (item.queueId ?? GLOBAL) : (queues[0]?.value ?? null),
  );
  const [name, setName] = useState(item?.name ?? '');
  const [active, setActive] = useState(item?.active ?? true);
  const [subjects, setSubjects] = useState<Record<Language, string>>({
    en: item?.subjects.en ?? '',
    'zh-CN': item?.subjects['zh-CN'] ?? '',
    vi: item?.subjects.vi ?? '',
  });
  const [bodies, setBodies] = useState<Record<Language, string>>({
    en: item?.bodies.en ?? '',
    'zh-CN': item?.bodies['zh-CN'] ?? '',
    vi: item?.bodies.vi ?? '',
  });
  return (
    <EditorDrawer
      opened
      size="lg"
      title={item ? t('emailTemplates.edit', { name: item.name }) : t('emailTemplates.create')}
      error={save.error}
      isSaving={save.isPending}
      onClose={onClose}
      onSubmit={(event) => {
        event?.preventDefault();
        const fields = { name: name.trim(), subjects, bodies, active };
        const done = {
          onSuccess: (saved: EmailTemplate) => {
            notifySuccess(t('emailTemplates.saved', { name: saved.name }));
            onClose();
          },
        };
        if (item) save.mutate({ id: item.id, input: fields }, done);
        else
          save.mutate({ id: null, input: { queueId: queueId === GLOBAL ? null : queueId, ...fields } }, done);
      }}
    >
      <Select
        label={t('emailTemplates.queue')}
        data={queues}
        allowDeselect={false}
        disabled={!!item}
        value={queueId}
        onChange={setQueueId}
      />
      <TextInput
        label={t('emailTemplates.name')}
        required
        maxLength={120}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
      />
      <Switch
        label={t('emailTemplates.active')}
        checked={active}
        onChange={(e) => setActive(e.currentTarget.checked)}
      />
      <Text size="xs" c="dimmed">
        {t('emailTemplates.variablesHelp')}
      </Text>
      <Tabs defaultValue="en">
        <Tabs.List>
          {LOCALES.map((locale) => (
            <Tabs.Tab key={locale} value={locale}>
              {LOCALE_NAMES[locale]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {LOCALES.map((locale) => (
          <Tabs.Panel key={locale} value={locale} pt="sm">
            <Stack gap="sm">
              <TextInput
                label={t('emailTemplates.subjectIn', { language: LOCALE_NAMES[locale] })}
                maxLength={200}
                value={subjects[locale]}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setSubjects((s) => ({ ...s, [locale]: value }));
                }}
              />
              <HtmlField
                label={t('emailTemplates.bodyIn', { language: LOCALE_NAMES[locale] })}
                value={bodies[locale]}
                onChange={(html) => setBodies((b) => ({ ...b, [locale]: html }))}
              />
            </Stack>
          </Tabs.Panel>
        ))}
      </Tabs>
    </EditorDrawer>
  );
}

function SignatureDrawer({
  item,
  queues,
  onClose,
}: {
  item: EmailSignature | null;
  queues: { value: string; label: string }[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const put = usePutEmailSignature();
  const [queueId, setQueueId] = useState<string | null>(
    item ? (item.queueId ?? GLOBAL) : (queues[0]?.value ?? null),
  );
  const [language, setLanguage] = useState<Language>(item?.language ?? 'en');
  const [html, setHtml] = useState(item?.html ?? '');
  return (
    <EditorDrawer
      opened
      size="lg"
      title={t('emailTemplates.signatureTitle')}
      error={put.error}
      isSaving={put.isPending}
      onClose={onClose}
      onSubmit={(event) => {
        event?.preventDefault();
        put.mutate(
          { queueId: queueId === GLOBAL ? null : queueId, language, html },
          {
            onSuccess: () => {
              notifySuccess(t('emailTemplates.signatureSaved'));
              onClose();
            },
          },
        );
      }}
    >
      <Select
        label={t('emailTemplates.queue')}
        data={queues}
        allowDeselect={false}
        disabled={!!item}
        value={queueId}
        onChange={setQueueId}
      />
      <Select
        label={t('emailTemplates.language')}
        data={LOCALES.map((locale) => ({ value: locale, label: LOCALE_NAMES[locale] }))}
        allowDeselect={false}
        disabled={!!item}
        value={language}
        onChange={(value) => setLanguage((value ?? 'en') as Language)}
      />
      <Text size="xs" c="dimmed">
        {t('emailTemplates.signatureHelp')}
      </Text>
      <HtmlField label={t('emailTemplates.signature')} value={html} onChange={setHtml} />
    </EditorDrawer>
  );
}
