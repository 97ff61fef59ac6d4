import { Badge, Card, Group, Loader, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../../shared/confirm-button.tsx';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { useFormatters } from '../../../shared/format.ts';
import { useRevokeSession, useSessions } from '../api.ts';

export function SessionsCard() {
  const { t } = useTranslation();
  const format = useFormatters();
  const sessions = useSessions();
  const revoke = useRevokeSession();
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        {t('account.sessions')}
      </Title>
      {sessions.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
      <ErrorAlert error={sessions.error} />
      {sessions.data && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('account.device')}</Table.Th>
                <Table.Th>{t('account.ip')}</Table.Th>
                <Table.Th>{t('account.signedIn')}</Table.Th>
                <Table.Th>{t('account.lastSeen')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sessions.data.map((session) => (
                <Table.Tr key={session.id}>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Text size="sm" truncate="end" maw={320} title={session.userAgent ?? undefined}>
                        {session.userAgent ?? t('account.unknownDevice')}
                      </Text>
                      {session.current && (
                        <Badge color="banyan" variant="light">
                          {t('account.thisSession')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{session.ip ?? '—'}</Table.Td>
                  <Table.Td>{format.dateTime(session.createdAt)}</Table.Td>
                  <Table.Td>{format.dateTime(session.lastSeenAt)}</Table.Td>
                  <Table.Td ta="right">
                    {!session.current && (
                      <ConfirmButton
                        size="xs"
                        variant="default"
                        question={t('account.revokeQuestion')}
                        confirmLabel={t('account.revoke')}
                        loading={revoke.isPending && revoke.variables === session.id}
                        onConfirm={() => revoke.mutate(session.id)}
                      >
                        {t('account.revoke')}
                      </ConfirmButton>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
