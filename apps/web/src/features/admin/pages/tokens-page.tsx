import {
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  MultiSelect,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCheck, IconCopy, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../../shared/confirm-button.tsx';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { useFormatters } from '../../../shared/format.ts';
import { PageHeader } from '../../../shared/page-header.tsx';
import { SidePanel } from '../../../shared/side-panel.tsx';
import { type ApiToken, useCreateToken, useRevokeToken, useTokens } from '../api.ts';
import { EditorDrawer } from '../components/editor-drawer.tsx';
import { useOptions } from '../components/use-options.ts';

const EXPIRY_DAYS = ['30', '90', '180', '365'];
const DAY_MS = 86_400_000;

export function TokensPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const tokens = useTokens();
  const revoke = useRevokeToken();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ token: string; item: ApiToken } | null>(null);

  const stateOf = (token: ApiToken) =>
    token.revokedAt ? 'revoked' : new Date(token.expiresAt).getTime() < Date.now() ? 'expired' : 'active';

  return (
    <Stack>
      <PageHeader
        title={t('nav.tokens')}
        description={t('tokens.description')}
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
            {t('tokens.create')}
          </Button>
        }
      />
      <ErrorAlert error={tokens.error} />
      <Table.ScrollContainer minWidth={860}>
        <Table striped highlightOnHover verticalSpacing={6} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('tokens.name')}</Table.Th>
              <Table.Th>{t('tokens.scopes')}</Table.Th>
              <Table.Th>{t('tokens.createdAt')}</Table.Th>
              <Table.Th>{t('tokens.expiresAt')}</Table.Th>
              <Table.Th>{t('tokens.lastUsedAt')}</Table.Th>
              <Table.Th>{t('tokens.state')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tokens.data?.map((token) => {
              const state = stateOf(token);
              return (
                <Table.Tr key={token.id}>
                  <Table.Td>
                    {token.name} <Code c="dimmed">{token.prefix}…</Code>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {token.scopes.map((scope) => (
                        <Code key={scope}>{scope}</Code>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>{format.dateTime(token.createdAt)}</Table.Td>
                  <Table.Td>{format.date(token.expiresAt)}</Table.Td>
                  <Table.Td>{format.dateTime(token.lastUsedAt)}</Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={state === 'active' ? 'banyan' : 'gray'}>
                      {t(`tokens.states.${state}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">
                    {state === 'active' && (
                      <ConfirmButton
                        size="xs"
                        variant="default"
                        question={t('tokens.revokeQuestion', { name: token.name })}
                        confirmLabel={t('tokens.revoke')}
                        aria-label={t('tokens.revokeNamed', { name: token.name })}
                        onConfirm={() => revoke.mutate(token.id)}
                      >
                        {t('tokens.revoke')}
                      </ConfirmButton>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
            {tokens.data?.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={7}>
                  <Text size="sm" c="dimmed" ta="center" py="md">
                    {t('common.empty')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {creating && (
        <TokenDrawer
          onClose={() => setCreating(false)}
          onCreated={(result) => {
            setCreating(false);
            setCreated(result);
          }}
        />
      )}
      <SidePanel
        opened={created !== null}
        onClose={() => setCreated(null)}
        size="md"
        title={t('tokens.createdTitle')}
      >
        {created && <NewTokenNotice token={created.token} onDone={() => setCreated(null)} />}
      </SidePanel>
    </Stack>
  );
}

function TokenDrawer({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (result: { token: string; item: ApiToken }) => void;
}) {
  const { t } = useTranslation();
  const options = useOptions();
  const create = useCreateToken();
  const form = useForm({
    initialValues: { name: '', scopes: [] as string[], expiryDays: '90' as string | null },
    validate: {
      name: (value) => (value.trim() ? null : t('validation.required')),
      scopes: (value) => (value.length > 0 ? null : t('tokens.scopesRequired')),
    },
  });
  return (
    <EditorDrawer
      opened
      title={t('tokens.create')}
      error={create.error}
      isSaving={create.isPending}
      onClose={onClose}
      onSubmit={form.onSubmit((values) =>
        create.mutate(
          {
            name: values.name.trim(),
            scopes: values.scopes,
            expiresAt: new Date(Date.now() + Number(values.expiryDays ?? 90) * DAY_MS).toISOString(),
          },
          { onSuccess: onCreated },
        ),
      )}
    >
      <TextInput
        label={t('tokens.name')}
        description={t('tokens.nameHelp')}
        {...form.getInputProps('name')}
      />
      <MultiSelect
        label={t('tokens.scopes')}
        data={options.tokenScopes}
        searchable
        {...form.getInputProps('scopes')}
      />
      <Select
        label={t('tokens.expiry')}
        data={EXPIRY_DAYS.map((days) => ({ value: days, label: t('tokens.days', { count: Number(days) }) }))}
        allowDeselect={false}
        {...form.getInputProps('expiryDays')}
      />
    </EditorDrawer>
  );
}

function NewTokenNotice({ token, onDone }: { token: string; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack>
      <Alert color="yellow" title={t('tokens.onceTitle')}>
        {t('tokens.onceBody')}
      </Alert>
      <TextInput
        label={t('tokens.token')}
        value={token}
        readOnly
        ff="monospace"
        onFocus={(event) => event.currentTarget.select()}
      />
      <Group justify="space-between">
        <CopyButton value={token}>
          {({ copied, copy }) => (
            <Button
              variant="default"
              leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
              onClick={copy}
            >
              {copied ? t('common.copied') : t('common.copy')}
            </Button>
          )}
        </CopyButton>
        <Button onClick={onDone}>{t('common.done')}</Button>
      </Group>
    </Stack>
  );
}
