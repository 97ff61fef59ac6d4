import { Button, Group, Loader, Table, Text, VisuallyHidden } from '@mantine/core';
import type { CSSProperties, KeyboardEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface Column<Item> {
  label: string;
  render: (item: Item) => ReactNode;
  /** Cell style, e.g. wrapping a long text. */
  style?: CSSProperties;
}

interface DirectoryTableProps<Item> {
  items: Item[] | undefined;
  columns: Column<Item>[];
  /** The first column is the record's name, a button that opens it for editing when allowed. */
  onEdit?: ((item: Item) => void) | null;
  /** The table's accessible name (journeys and screen readers find it by it). */
  label?: string;
  /** The row's React key; `item.id` when left out. */
  rowKey?: (item: Item) => string;
  /** A last column of row actions (edit, revoke, a confirm-delete…); its header is read, not shown. */
  actions?: (item: Item) => ReactNode;
  /** The whole row opens the record (click, Enter or Space), e.g. into a side panel. */
  onOpen?: (item: Item) => void;
  /** The row shown as opened (`aria-selected`). */
  isOpen?: (item: Item) => boolean;
  /** Loading the first page: a spinner named by `loadingLabel` instead of the table. */
  isLoading?: boolean;
  loadingLabel?: string;
  /** What an empty list says (`common.empty` when left out). */
  emptyLabel?: string;
  /** Pages loaded on demand: a "more" button under the table while there is a next page. */
  more?: { hasMore: boolean; isLoading: boolean; onMore: () => void; label: string };
  /** Below this width the table scrolls sideways; 0 for narrow tables inside a card. */
  minWidth?: number;
}

const idOf = (item: unknown) => (item as { id: string }).id;

/**
 * The list of an admin page (and of any page that lists records to manage): one row per record, the
 * first column optionally opening its editor, an optional action column, an empty state, a loading
 * state and "more" pagination — so pages do not re-build the table by hand.
 */
export function DirectoryTable<Item>({
  items,
  columns,
  onEdit = null,
  label,
  rowKey = idOf,
  actions,
  onOpen,
  isOpen,
  isLoading = false,
  loadingLabel,
  emptyLabel,
  more,
  minWidth = 640,
}: DirectoryTableProps<Item>) {
  const { t } = useTranslation();
  const [first, ...rest] = columns;
  if (!first) return null;
  if (isLoading) return <Loader aria-label={loadingLabel ?? t('common.loading')} />;
  const span = columns.length + (actions ? 1 : 0);
  const openProps = (item: Item) =>
    onOpen && {
      tabIndex: 0,
      style: { cursor: 'pointer' },
      'aria-selected': isOpen?.(item) ?? false,
      onClick: () => onOpen(item),
      onKeyDown: (event: KeyboardEvent) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          onOpen(item);
        }
      },
    };
  const table = (
    <Table striped highlightOnHover verticalSpacing={6} fz="sm" aria-label={label}>
      <Table.Thead>
        <Table.Tr>
          {columns.map((column) => (
            <Table.Th key={column.label}>{column.label}</Table.Th>
          ))}
          {actions && (
            <Table.Th>
              <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
            </Table.Th>
          )}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items?.map((item) => (
          <Table.Tr key={rowKey(item)} {...openProps(item)}>
            <Table.Td style={first.style}>
              {onEdit ? (
                <Button variant="subtle" size="compact-sm" px={4} onClick={() => onEdit(item)}>
                  {first.render(item)}
                </Button>
              ) : (
                first.render(item)
              )}
            </Table.Td>
            {rest.map((column) => (
              <Table.Td key={column.label} style={column.style}>
                {column.render(item)}
              </Table.Td>
            ))}
            {actions && <Table.Td ta="right">{actions(item)}</Table.Td>}
          </Table.Tr>
        ))}
        {items?.length === 0 && (
          <Table.Tr>
            <Table.Td colSpan={span}>
              <Text size="sm" c="dimmed" ta="center" py="md">
                {emptyLabel ?? t('common.empty')}
              </Text>
            </Table.Td>
          </Table.Tr>
        )}
      </Table.Tbody>
    </Table>
  );
  return (
    <>
      {minWidth > 0 ? <Table.ScrollContainer minWidth={minWidth}>{table}</Table.ScrollContainer> : table}
      {more?.hasMore && (
        <Group>
          <Button variant="default" loading={more.isLoading} onClick={more.onMore}>
            {more.label}
          </Button>
        </Group>
      )}
    </>
  );
}
