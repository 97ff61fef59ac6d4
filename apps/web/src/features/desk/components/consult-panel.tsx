import { Badge, Button, Group, Select, Stack, Text, Textarea, UnstyledButton } from '@mantine/core';
import { IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { notifySuccess } from '../../../shared/notify.ts';
import { SidePanel } from '../../../shared/side-panel.tsx';
import { useConsultCandidates, useConsultRequests, useInviteConsult } from '../live.ts';
import classes from './desk.module.css';

/**
 * "Consult" in the conversation header: the assignee (or their supervisor) asks another agent for
 * advice. The invited agent reads the thread and writes internal notes; ownership does not move.
 */
export function ConsultButton({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [userId, setUserId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const candidates = useConsultCandidates(conversationId, opened);
  const invite = useInviteConsult(conversationId);
  const close = () => {
    setOpened(false);
    setUserId(null);
    setNote('');
    invite.reset();
  };
  const options = (candidates.data ?? []).map((c) => ({
    value: c.userId,
    label: `${c.displayName} · ${t(`desk.state.${c.state}`, { defaultValue: c.state })}`,
  }));

  return (
    <>
      <Button
        size="xs"
        variant="default"
        leftSection={<IconUsersGroup size={16} aria-hidden />}
        onClick={() => setOpened(true)}
      >
        {t('desk.consult.action')}
      </Button>
      <SidePanel opened={opened} onClose={close} title={t('desk.consult.title')}>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('desk.consult.help')}
          </Text>
          <Select
            label={t('desk.consult.agent')}
            placeholder={t('desk.consult.agentPlaceholder')}
            data={options}
            value={userId}
            onChange={setUserId}
            searchable
            required
            nothingFoundMessage={t('desk.consult.noAgent')}
          />
          <Textarea
            label={t('desk.consult.note')}
            description={t('desk.consult.noteHelp')}
            value={note}
            maxLength={2000}
            autosize
            minRows={2}
            onChange={(event) => setNote(event.currentTarget.value)}
          />
          <ErrorAlert error={candidates.error ?? invite.error} />
          <Group justify="flex-end">
            <Button
              disabled={!userId}
              loading={invite.isPending}
              onClick={() =>
                userId &&
                invite.mutate(
                  { userId, ...(note.trim() ? { note: note.trim() } : {}) },
                  {
                    onSuccess: (consultant) => {
                      notifySuccess(t('desk.consult.done', { name: consultant.displayName }));
                      close();
                    },
                  },
                )
              }
            >
              {t('desk.consult.submit')}
            </Button>
          </Group>
        </Stack>
      </SidePanel>
    </>
  );
}

/** The conversations this agent was asked to consult on: under "My conversations", live. */
export function ConsultRequests({
  selectedId,
  onSelect,
}: {
  selectedId: string | null;
  onSelect: (conversationId: string) => void;
}) {
  const { t } = useTranslation();
  const requests = useConsultRequests();
  const items = requests.data ?? [];
  if (items.length === 0) return null;
  return (
    <Stack gap={2} p={4}>
      <Text component="h3" size="xs" fw={700} c="dimmed" px={4} id="desk-consults-title">
        {t('desk.consult.requests')}{' '}
        <Badge size="xs" circle>
          {items.length}
        </Badge>
      </Text>
      <Stack
        component="ul"
        gap={2}
        m={0}
        p={0}
        className={classes.list}
        aria-labelledby="desk-consults-title"
      >
        {items.map((item) => (
          <li key={item.conversationId}>
            <UnstyledButton
              className={classes.item}
              data-selected={item.conversationId === selectedId || undefined}
              aria-current={item.conversationId === selectedId ? 'true' : undefined}
              onClick={() => onSelect(item.conversationId)}
            >
              <Text size="sm" fw={600} truncate>
                {item.contactName ?? t('desk.conversations.anonymous')}
              </Text>
              <Text size="xs" c="dimmed" truncate>
                {t('desk.consult.from', { name: item.invitedByName ?? t('desk.message.agent') })}
                {item.note ? ` — ${item.note}` : ''}
              </Text>
            </UnstyledButton>
          </li>
        ))}
      </Stack>
    </Stack>
  );
}
