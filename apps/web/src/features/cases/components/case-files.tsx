import { Anchor, Button, FileButton, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import i18n from 'i18next';
import { useTranslation } from 'react-i18next';
import { API_BASE, ApiError, csrfHeaders } from '../../../app/api-client.ts';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { type CaseDetail, caseKeys } from '../api.ts';

const ACCEPT = 'image/png,image/jpeg,image/gif,image/webp,application/pdf';

/** Sends a file's raw bytes to `/cases/:id/attachments` or `/case-tasks/:id/attachments`. */
async function uploadFile(url: string, file: File) {
  const response = await fetch(`${API_BASE}${url}?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'Accept-Language': i18n.language,
      'Content-Type': file.type || 'application/octet-stream',
      ...csrfHeaders(),
    },
    body: file,
  });
  const payload = (await response.json().catch(() => null)) as {
    error?: { code?: string; message?: string; requestId?: string };
  } | null;
  if (!response.ok)
    throw new ApiError(
      response.status,
      payload?.error?.code ?? 'HTTP_ERROR',
      payload?.error?.message ?? i18n.t('errors.httpStatus', { status: response.status }),
      payload?.error?.requestId ?? null,
    );
  return payload;
}

/** Files of the case (or of one task when `taskId` is given): download links and an upload button. */
export function CaseFiles({ data, taskId }: { data: CaseDetail; taskId?: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const upload = useMutation({
    mutationFn: (file: File) =>
      uploadFile(taskId ? `/case-tasks/${taskId}/attachments` : `/cases/${data.case.id}/attachments`, file),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: caseKeys.all }),
  });
  const files = (data.attachments ?? []).filter((f) => (taskId ? f.taskId === taskId : !f.taskId));
  const label = taskId ? t('cases.files.taskTitle') : t('cases.files.title');
  return (
    <Stack gap={6} aria-label={label}>
      {!taskId && (
        <Title order={3} size="h6">
          {label}
        </Title>
      )}
      {files.map((f) => (
        <Anchor key={f.id} size="sm" href={`${API_BASE}/case-attachments/${f.id}`} download={f.name}>
          {t('cases.files.download', { name: f.name, kb: Math.max(1, Math.round(f.size / 1024)) })}
        </Anchor>
      ))}
      {files.length === 0 && (
        <Text size="xs" c="dimmed">
          {t('cases.files.none')}
        </Text>
      )}
      <Group gap="xs">
        <FileButton onChange={(file) => file && upload.mutate(file)} accept={ACCEPT}>
          {(props) => (
            <Button {...props} size="xs" variant="default" loading={upload.isPending}>
              {taskId ? t('cases.files.attachToTask') : t('cases.files.attach')}
            </Button>
          )}
        </FileButton>
        <Text size="xs" c="dimmed">
          {t('cases.files.hint')}
        </Text>
      </Group>
      <ErrorAlert error={upload.error} />
    </Stack>
  );
}
