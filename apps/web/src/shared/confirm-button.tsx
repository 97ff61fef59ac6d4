import { Button, type ButtonProps, Group, Popover, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface ConfirmButtonProps extends Omit<ButtonProps, 'children'> {
  children: ReactNode;
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
}

/** A destructive action asks once, in a small popover next to the button rather than a modal. */
export function ConfirmButton({
  children,
  question,
  confirmLabel,
  onConfirm,
  ...buttonProps
}: ConfirmButtonProps) {
  const { t } = useTranslation();
  const [opened, { close, toggle }] = useDisclosure(false);
  return (
    <Popover opened={opened} onChange={(open) => !open && close()} position="bottom-end" withArrow trapFocus>
      <Popover.Target>
        <Button {...buttonProps} onClick={toggle}>
          {children}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Text size="sm" mb="xs">
          {question}
        </Text>
        <Group gap="xs" justify="flex-end">
          <Button size="xs" variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button
            size="xs"
            color="red"
            onClick={() => {
              close();
              onConfirm();
            }}
          >
            {confirmLabel}
          </Button>
        </Group>
      </Popover.Dropdown>
    </Popover>
  );
}
