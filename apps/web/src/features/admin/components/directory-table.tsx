import { Button, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Column<Item> {
  label: string;
  render: (item: Item) => ReactNode;
}

interface DirectoryTableProps<Item extends { id: string }> {
  items: Item[] | undefined;
  columns: Column<Item>[];
  /** The first column is the record's name, a button that opens it for editing when allowed. */
  onEdit: ((item: Item) => void) | null;
}

export function DirectoryTable<Item extends { id: string }>({
  items,
  columns,
  onEdit,
}: DirectoryTableProps<Item>) {
  const { t } = useTranslation();
  const [first, ...rest] = columns;
  if (!first) return null;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped highlightOnHover verticalSpacing={6} fz="sm">
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th key={column.label}>{column.label}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items?.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td>
                {onEdit ? (
                  <Button variant="subtle" size="compact-sm" px={4} onClick={() => onEdit(item)}>
                    {first.render(item)}
                  </Button>
                ) : (
                  first.render(item)
                )}
              </Table.Td>
              {rest.map((column) => (
                <Table.Td key={column.label}>{column.render(item)}</Table.Td>
              ))}
            </Table.Tr>
          ))}
          {items?.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={columns.length}>
                <Text size="sm" c="dimmed" ta="center" py="md">
                  {t('common.empty')}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
