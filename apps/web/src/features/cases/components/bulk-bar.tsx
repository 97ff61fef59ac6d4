import { Button, Card, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { useAgentBoard } from '../../supervisor/api.ts';
import { useBulkAction } from '../api.ts';

type Action = 'reassign' | 'priority' | 'tag';

/**
 * A supervisor's bulk actions on the selected team cases: reassign (with a reason), priority, tag. The
 * selection stays after an action, so a second one can follow (e.g. tag, then raise the priority).
 */
export function BulkBar({ caseIds }: { caseIds: string[] }) {
  const { t } = useTranslation();
  const bulk = useBulkAction();
  const agents = useAgentBoard();
  const [action, setAction] = useState<Action>('reassign');
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [priority, setPriority] = useState<string | null>(null);
  const [tag, setTag] = useState('');
  const [result, setResult] = useState<{ changed: number; unchanged: number } | null>(null);
  const ready =
    action === 'reassign'
      ? !!ownerId && reason.trim().length > 0
      : action === 'priority'
        ? !!priority
        : !!tag;
  const apply = () =>
    bulk.mutate(
      {
        caseIds,
        action,
        ...(action === 'reassign' ? { ownerId: ownerId as string, reason: reason.trim() } : {}),
        ...(action === 'priority' ? { priority: priority as string } : {}),
        ...(action === 'tag' ? { tag: tag.trim() } : {}),
      },
      {
        onSuccess: (r) => setResult(r),
      },
    );
  return (
    <Card withBorder padding="sm" aria-label={t('cases.bulk.title')}>
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          {t('cases.bulk.selected', { count: caseIds.length })}
        </Text>
        <Group gap="xs" align="flex-end">
          <Select
            w={180}
            label={t('cases.bulk.action')}
            value={action}
            allowDeselect={false}
            onChange={(v) => v && setAction(v as Action)}
            data={(['reassign', 'priority', 'tag'] as const).map((a) => ({
              value: a,
              label: t(`cases.bulk.actions.${a}`),
            }))}
          />
          {action === 'reassign' && (
            <>
              <Select
                w={200}
                label={t('cases.bulk.owner')}
                searchable
                value={ownerId}
                onChange={setOwnerId}
                data={(agents.data ?? []).map((a) => ({ value: a.userId, label: a.displayName }))}
              />
              <TextInput
                label={t('cases.bulk.reason')}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
              />
            </>
          )}
          {action === 'priority' && (
            <Select
              w={160}
              label={t('cases.bulk.priority')}
              value={priority}
              onChange={setPriority}
              data={(['low', 'normal', 'high', 'urgent'] as const).map((p) => ({
                value: p,
                label: t(`cases.bulk.priorities.${p}`),
              }))}
            />
          )}
          {action === 'tag' && (
            <TextInput
              label={t('cases.bulk.tag')}
              value={tag}
              onChange={(e) => setTag(e.currentTarget.value)}
            />
          )}
          <Button size="sm" disabled={!ready} loading={bulk.isPending} onClick={apply}>
            {t('cases.bulk.apply')}
          </Button>
        </Group>
        {result && (
          <Text size="sm" role="status">
            {t('cases.bulk.done', result)}
          </Text>
        )}
        {bulk.error && <ErrorAlert error={bulk.error} />}
      </Stack>
    </Card>
  );
}
