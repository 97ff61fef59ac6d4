import { Alert, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api-client.ts';
import { errorMessage } from './notify.ts';

/** Inline display of a failed request: the server's translated message, and its request id for support. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const requestId = error instanceof ApiError ? error.requestId : null;
  return (
    <Alert color="red" icon={<IconAlertCircle aria-hidden />} title={t('errors.title')} role="alert">
      {errorMessage(error)}
      {requestId && (
        <Text size="xs" mt={4}>
          {t('errors.requestId', { requestId })}
        </Text>
      )}
    </Alert>
  );
}
