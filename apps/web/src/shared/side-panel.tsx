import { Drawer, type DrawerProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The right-hand panel where records are created and edited: dense screens prefer it to a modal. */
export function SidePanel({ size = 'md', ...props }: Omit<DrawerProps, 'position'>) {
  const { t } = useTranslation();
  return (
    <Drawer position="right" size={size} closeButtonProps={{ 'aria-label': t('common.close') }} {...props} />
  );
}
