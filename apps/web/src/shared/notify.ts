import { notifications } from '@mantine/notifications';
import i18n from 'i18next';
import { ApiError } from '../app/api-client.ts';

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return i18n.t('errors.unexpected');
}

export function notifyError(error: unknown): void {
  notifications.show({
    color: 'red',
    title: i18n.t('errors.title'),
    message: errorMessage(error),
    closeButtonProps: { 'aria-label': i18n.t('common.close') },
  });
}

export function notifySuccess(message: string): void {
  notifications.show({
    color: 'banyan',
    message,
    closeButtonProps: { 'aria-label': i18n.t('common.close') },
  });
}
