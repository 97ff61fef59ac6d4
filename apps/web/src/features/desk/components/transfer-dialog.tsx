import { Button, Group, Radio, Select, Stack, Text, Textarea } from '@mantine/core';
import { IconArrowForwardUp } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api-client.ts';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { notifySuccess } from '../../../shared/notify.ts';
import { SidePanel } from '../../../shared/side-panel.tsx';
import { deskKeys } from '../api.ts';

/** GET /desk/transfer-targets (routing.routes.ts). */
interface TransferTargets {
  queues: { id: string; code: string; name: string; channels: string[] }[];
  agents: {
    userId: string;
    displayName: string;
    state: string;
    channels: { channel: string; capacity: number; load: number }[];
  }[];
}

const NOTE_MAX_LENGTH = 2000;

function useTransferTargets(enabled: boolean) {
  return useQuery({
    queryKey: [...deskKeys.all, 'transfer-targets'],
    queryFn: () => api<TransferTargets>('/desk/transfer-targets'),
    enabled,
    // Agents' load changes by the second: ask again each time the panel opens.
    staleTime: 0,
  });
}

function useTransfer(conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { inlineError: true },
    mutationFn: (body: { toQueueId?: string; toAgentId?: string; note?: string }) =>
      api<void>(`/conversations/${conversationId}/transfer`, { method: 'POST', body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: deskKeys.conversations });
      void queryClient.invalidateQueries({ queryKey: deskKeys.state });
      queryClient.removeQueries({ queryKey: deskKeys.conversation(conversationId) });
    },
  });
}

/**
 * Hands an active conversation to another queue or to an available colleague, with an internal
 * note for whoever takes it next (stored as a note: the customer never sees it).
 */
export function TransferDialog({
  conversationId,
  channel,
  opened,
  onClose,
  onTransferred,
}: {
  conversationId: string;
  channel: string;
  opened: boolean;
  onClose: () => void;
  onTransferred: () => void;
}) {
  const { t } = useTranslation();
  const targets = useTransferTargets(opened);
  const transfer = useTransfer(conversationId);
  const [kind, setKind] = useState<'queue' | 'agent'>('queue');
  const [queueId, setQueueId] = useState<string | null>(null);
  const [agentId, setAgentId] = useState<string | null>(null);
  const [note, setNote] = useState('');

  const queues = (targets.data?.queues ?? [])
    .filter((queue) => queue.channels.includes(channel))
    .map((queue) => ({ value: queue.id, label: queue.name }));
  // Only colleagues who could take it now: available, with a free slot for this channel.
  const agents = (targets.data?.agents ?? []).flatMap((agent) => {
    const slot = agent.channels.find((c) => c.channel === channel);
    if (agent.state !== 'available' || !slot || slot.load >= slot.capacity) return [];
    return [
      {
        value: agent.userId,
        label: t('desk.transfer.agentOption', {
          name: agent.displayName,
          load: slot.load,
          capacity: slot.capacity,
        }),
      },
    ];
  });
  const target = kind === 'queue' ? queueId : agentId;
  const targetLabel =
    (kind === 'queue' ? queues : agents).find((option) => option.value === target)?.label ?? '';

  const reset = () => {
    setKind('queue');
    setQueueId(null);
    setAgentId(null);
    setNote('');
    transfer.reset();
  };
  const close = () => {
    reset();
    onClose();
  };

  return (
    <SidePanel opened={opened} onClose={close} title={t('desk.transfer.title')}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!target) return;
          transfer.mutate(
            {
              ...(kind === 'queue' ? { toQueueId: target } : { toAgentId: target }),
              ...(note.trim() ? { note: note.trim() } : {}),
            },
            {
              onSuccess: () => {
                notifySuccess(t('desk.transfer.done', { target: targetLabel }));
                reset();
                onTransferred();
              },
            },
          );
        }}
      >
        <Stack gap="sm">
          <ErrorAlert error={targets.error ?? transfer.error} />
          <Radio.Group
            label={t('desk.transfer.to')}
            value={kind}
            onChange={(value) => setKind(value === 'agent' ? 'agent' : 'queue')}
          >
            <Group gap="md" mt={4}>
              <Radio value="queue" label={t('desk.transfer.toQueue')} />
              <Radio value="agent" label={t('desk.transfer.toAgent')} />
            </Group>
          </Radio.Group>
          {kind === 'queue' ? (
            <Select
              label={t('desk.transfer.queue')}
              placeholder={t('desk.transfer.queuePlaceholder')}
              data={queues}
              value={queueId}
              onChange={setQueueId}
              searchable
              required
              disabled={targets.isPending}
              nothingFoundMessage={t('desk.transfer.noQueue')}
            />
          ) : (
            <Select
              label={t('desk.transfer.agent')}
              placeholder={t('desk.transfer.agentPlaceholder')}
              description={t('desk.transfer.agentHelp')}
              data={agents}
              value={agentId}
              onChange={setAgentId}
              searchable
              required
              disabled={targets.isPending}
              nothingFoundMessage={t('desk.transfer.noAgent')}
            />
          )}
          <Textarea
            label={t('desk.transfer.note')}
            description={t('desk.transfer.noteHelp')}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
            autosize
            minRows={3}
            maxRows={8}
            maxLength={NOTE_MAX_LENGTH}
          />
          <Text size="xs" c="dimmed">
            {t('desk.transfer.help')}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              leftSection={<IconArrowForwardUp size={16} aria-hidden />}
              disabled={!target}
              loading={transfer.isPending}
            >
              {t('desk.transfer.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </SidePanel>
  );
}

/** The conversation header's "Transfer" button (active conversations only) and its panel. */
export function TransferButton({
  conversationId,
  channel,
  status,
  onTransferred,
}: {
  conversationId: string;
  channel: string;
  status: string;
  onTransferred: () => void;
}) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  if (status !== 'active') return null;
  return (
    <>
      <Button
        size="xs"
        variant="default"
        leftSection={<IconArrowForwardUp size={16} aria-hidden />}
        onClick={() => setOpened(true)}
      >
        {t('desk.transfer.action')}
      </Button>
      <TransferDialog
        conversationId={conversationId}
        channel={channel}
        opened={opened}
        onClose={() => setOpened(false)}
        onTransferred={() => {
          setOpened(false);
          onTransferred();
        }}
      />
    </>
  );
}
