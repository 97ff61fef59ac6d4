import { Button, Group, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { SidePanel } from '../../../shared/side-panel.tsx';

interface EditorDrawerProps {
  opened: boolean;
  title: string;
  error: unknown;
  isSaving: boolean;
  onClose: () => void;
  onSubmit: (event?: FormEvent<HTMLFormElement>) => void;
  children: ReactNode;
  /** Wider for editors with grids (business hours). */
  size?: 'md' | 'lg' | 'xl';
}

/** The side panel in which a directory record (team, department, branch, token) is created or edited. */
export function EditorDrawer({
  opened,
  title,
  error,
  isSaving,
  onClose,
  onSubmit,
  children,
  size = 'md',
}: EditorDrawerProps) {
  const { t } = useTranslation();
  return (
    <SidePanel opened={opened} onClose={onClose} title={title} size={size}>
      <form onSubmit={onSubmit}>
        <Stack>
          <ErrorAlert error={error} />
          {children}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={isSaving}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </SidePanel>
  );
}
