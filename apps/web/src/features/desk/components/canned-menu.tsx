import { Button, Menu, Text } from '@mantine/core';
import { IconMessageBolt, IconSettings } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { CANNED_SCOPES, type CannedItem } from '../canned.ts';

/** A menu of the agent's canned responses by scope, and the way to manage their own. */
export function CannedMenu({
  items,
  disabled,
  onPick,
  onManage,
}: {
  items: readonly CannedItem[];
  disabled: boolean;
  onPick: (item: CannedItem) => void;
  onManage: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Menu position="top-start" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          size="xs"
          disabled={disabled}
          leftSection={<IconMessageBolt size={16} aria-hidden />}
        >
          {t('desk.canned.insert')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown mah={360} style={{ overflowY: 'auto' }} miw={260}>
        {items.length === 0 && <Menu.Item disabled>{t('desk.canned.none')}</Menu.Item>}
        {CANNED_SCOPES.map((scope) => {
          const inScope = items.filter((item) => item.scope === scope);
          if (inScope.length === 0) return null;
          return [
            <Menu.Label key={`label-${scope}`}>{t(`desk.canned.scopes.${scope}`)}</Menu.Label>,
            ...inScope.map((item) => (
              <Menu.Item
                key={item.id}
                onClick={() => onPick(item)}
                rightSection={
                  <Text size="xs" c="dimmed" ff="monospace">
                    /{item.shortcut}
                  </Text>
                }
              >
                {item.title}
              </Menu.Item>
            )),
          ];
        })}
        <Menu.Divider />
        <Menu.Item leftSection={<IconSettings size={14} aria-hidden />} onClick={onManage}>
          {t('desk.canned.manage')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
