import {
  Alert,
  Button,
  Code,
  ColorInput,
  ColorSwatch,
  CopyButton,
  Divider,
  Group,
  Select,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCheck, IconCopy, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ORIGIN_PATTERN } from '../../../../../../packages/contracts/src/patterns.ts';
import { LOCALE_NAMES, LOCALES } from '../../../app/i18n.ts';
import { ConfirmButton } from '../../../shared/confirm-button.tsx';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { notifySuccess } from '../../../shared/notify.ts';
import { PageHeader } from '../../../shared/page-header.tsx';
import { SidePanel } from '../../../shared/side-panel.tsx';
import { useCurrentUser } from '../../auth/api.ts';
import {
  type UpdateWebchatSite,
  useQueues,
  useRotateSiteSecret,
  useSaveWebchatSite,
  useWebchatSites,
  type WebchatSite,
} from '../api.ts';
import { DirectoryTable } from '../components/directory-table.tsx';

// The server's own check: a comma, a quote or a ';' in an origin is refused before it is sent.
const ORIGIN = new RegExp(ORIGIN_PATTERN);
const COLOR_PATTERN = /^#[0-9a-fA-F]{6}$/;

/** The `<script>` tag a bank pastes into its pages to show the chat widget. */
export function embedSnippet(origin: string, key: string): string {
  return `<script src="${origin}/widget.js" data-site="${key}" async></script>`;
}

export function WebchatSitesPage() {
  const { t } = useTranslation();
  const canManage = useCurrentUser().permissions.includes('staff.manage');
  const list = useWebchatSites();
  const queues = useQueues();
  const [editing, setEditing] = useState<WebchatSite | null>(null);
  const queueName = (id: string | undefined) =>
    id ? (queues.data?.find((q) => q.id === id)?.name ?? id) : '—';
  return (
    <Stack>
      <PageHeader title={t('nav.webchatSites')} description={t('webchatSites.description')} />
      <ErrorAlert error={list.error} />
      <DirectoryTable
        items={list.data}
        onEdit={canManage ? setEditing : null}
        columns={[
          { label: t('webchatSites.name'), render: (site) => site.name },
          {
            label: t('webchatSites.key'),
            render: (site) => (
              <Text ff="monospace" size="sm">
                {site.key}
              </Text>
            ),
          },
          {
            label: t('webchatSites.allowedOrigins'),
            render: (site) =>
              site.allowedOrigins.length === 0 ? (
                <Text size="sm" fw={700}>
                  {t('webchatSites.noOrigins')}
                </Text>
              ) : (
                site.allowedOrigins.join(', ')
              ),
          },
          {
            label: t('webchatSites.queues'),
            render: (site) => (
              <Stack gap={0}>
                {LOCALES.map((locale) => (
                  <Text key={locale} size="xs">
                    {LOCALE_NAMES[locale]}: {queueName(site.queueByLanguage[locale])}
                  </Text>
                ))}
              </Stack>
            ),
          },
          {
            label: t('webchatSites.color'),
            render: (site) => (
              <Group gap={6} wrap="nowrap">
                <ColorSwatch color={site.colors.primary} size={16} aria-hidden />
                <Text ff="monospace" size="sm">
                  {site.colors.primary}
                </Text>
              </Group>
            ),
          },
        ]}
      />
      <SidePanel
        opened={editing !== null}
        onClose={() => setEditing(null)}
        size="lg"
        title={editing ? t('webchatSites.edit', { name: editing.name }) : ''}
      >
        {editing && (
          <Stack gap="lg">
            <SiteForm key={editing.id} site={editing} onClose={() => setEditing(null)} />
            <Divider />
            <EmbedSnippet siteKey={editing.key} />
            <Divider />
            <RotateSecret key={`secret-${editing.id}`} site={editing} />
          </Stack>
        )}
      </SidePanel>
    </Stack>
  );
}

function SiteForm({ site, onClose }: { site: WebchatSite; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveWebchatSite();
  const queues = useQueues();
  const queueOptions = (queues.data ?? []).map((queue) => ({ value: queue.id, label: queue.name }));
  const form = useForm({
    initialValues: {
      name: site.name,
      allowedOrigins: site.allowedOrigins,
      queueEn: site.queueByLanguage.en ?? null,
      'queueZh-CN': site.queueByLanguage['zh-CN'] ?? null,
      queueVi: site.queueByLanguage.vi ?? null,
      greetingEn: site.greeting.en ?? '',
      'greetingZh-CN': site.greeting['zh-CN'] ?? '',
      greetingVi: site.greeting.vi ?? '',
      primary: site.colors.primary,
    } as Record<string, string | string[] | null>,
    validate: {
      name: (value) => (typeof value === 'string' && value.trim() ? null : t('validation.required')),
      allowedOrigins: (value) => {
        const bad = (value as string[]).filter((origin) => !ORIGIN.test(origin));
        return bad.length ? t('webchatSites.originInvalid', { origins: bad.join(', ') }) : null;
      },
      primary: (value) => (COLOR_PATTERN.test(String(value)) ? null : t('webchatSites.colorInvalid')),
    },
  });
  const field = (prefix: 'queue' | 'greeting', locale: string) =>
    `${prefix}${locale.charAt(0).toUpperCase()}${locale.slice(1)}`;

  return (
    <form
      onSubmit={form.onSubmit((values) => {
        const queueByLanguage: Record<string, string> = {};
        const greeting: Record<string, string> = {};
        for (const locale of LOCALES) {
          const queueId = values[field('queue', locale)];
          if (typeof queueId === 'string' && queueId) queueByLanguage[locale] = queueId;
          greeting[locale] = String(values[field('greeting', locale)] ?? '').trim();
        }
        const input: UpdateWebchatSite = {
          name: String(values.name).trim(),
          allowedOrigins: values.allowedOrigins as string[],
          queueByLanguage,
          greeting,
          colors: { primary: String(values.primary) },
        };
        save.mutate(
          { id: site.id, input },
          {
            onSuccess: (saved) => {
              notifySuccess(t('webchatSites.saved', { name: saved.name }));
              onClose();
            },
          },
        );
      })}
    >
      <Stack>
        <ErrorAlert error={save.error} />
        <TextInput
          label={t('webchatSites.key')}
          value={site.key}
          readOnly
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        />
        <TextInput label={t('webchatSites.name')} maxLength={120} {...form.getInputProps('name')} />
        <TagsInput
          label={t('webchatSites.allowedOrigins')}
          description={t('webchatSites.allowedOriginsHelp')}
          placeholder="https://www.example.com"
          splitChars={[',', ' ']}
          maxTags={50}
          clearable
          {...form.getInputProps('allowedOrigins')}
        />
        <Title order={3} size="h6">
          {t('webchatSites.queueByLanguage')}
        </Title>
        {LOCALES.map((locale) => (
          <Select
            key={locale}
            label={t('webchatSites.queueFor', { language: LOCALE_NAMES[locale] })}
            placeholder={t('webchatSites.noQueue')}
            data={queueOptions}
            clearable
            {...form.getInputProps(field('queue', locale))}
          />
        ))}
        <Title order={3} size="h6">
          {t('webchatSites.greeting')}
        </Title>
        {LOCALES.map((locale) => (
          <Textarea
            key={locale}
            label={t('webchatSites.greetingIn', { language: LOCALE_NAMES[locale] })}
            lang={locale}
            autosize
            minRows={2}
            maxRows={5}
            maxLength={500}
            {...form.getInputProps(field('greeting', locale))}
          />
        ))}
        <ColorInput
          label={t('webchatSites.color')}
          description={t('webchatSites.colorHelp')}
          format="hex"
          withEyeDropper={false}
          {...form.getInputProps('primary')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
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

function CopyValue({ value, label }: { value: string; label: string }) {
  const { t } = useTranslation();
  return (
    <CopyButton value={value}>
      {({ copied, copy }) => (
        <Button
          variant="default"
          size="xs"
          leftSection={copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />}
          onClick={copy}
          aria-label={copied ? t('common.copied') : label}
        >
          {copied ? t('common.copied') : t('common.copy')}
        </Button>
      )}
    </CopyButton>
  );
}

function EmbedSnippet({ siteKey }: { siteKey: string }) {
  const { t } = useTranslation();
  const snippet = embedSnippet(window.location.origin, siteKey);
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={3} size="h6" id="webchat-embed-title">
          {t('webchatSites.embed')}
        </Title>
        <CopyValue value={snippet} label={t('webchatSites.copyEmbed')} />
      </Group>
      <Text size="xs" c="dimmed">
        {t('webchatSites.embedHelp')}
      </Text>
      <Code
        block
        aria-labelledby="webchat-embed-title"
        style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
      >
        {snippet}
      </Code>
    </Stack>
  );
}

function RotateSecret({ site }: { site: WebchatSite }) {
  const { t } = useTranslation();
  const rotate = useRotateSiteSecret();
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <Stack gap="xs">
      <Title order={3} size="h6">
        {t('webchatSites.secret')}
      </Title>
      <Text size="xs" c="dimmed">
        {t('webchatSites.secretHelp')}
      </Text>
      <ErrorAlert error={rotate.error} />
      {secret ? (
        <Stack gap="xs">
          <Alert color="yellow" title={t('webchatSites.secretOnceTitle')}>
            {t('webchatSites.secretOnceBody')}
          </Alert>
          <TextInput
            label={t('webchatSites.newSecret')}
            value={secret}
            readOnly
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            onFocus={(event) => event.currentTarget.select()}
          />
          <Group justify="space-between">
            <CopyValue value={secret} label={t('webchatSites.copySecret')} />
            <Button size="xs" onClick={() => setSecret(null)}>
              {t('common.done')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Group>
          <ConfirmButton
            variant="default"
            color="red"
            size="xs"
            leftSection={<IconRefresh size={14} aria-hidden />}
            loading={rotate.isPending}
            question={t('webchatSites.rotateQuestion', { name: site.name })}
            confirmLabel={t('webchatSites.rotate')}
            onConfirm={() =>
              rotate.mutate(site.id, {
                onSuccess: ({ identitySecret }) => setSecret(identitySecret),
              })
            }
          >
            {t('webchatSites.rotate')}
          </ConfirmButton>
        </Group>
      )}
    </Stack>
  );
}
