import { Paper, Table, Text, Title, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ContactReport } from '../api.ts';
import { heatmapGrid } from '../model.ts';

const HOURS = Array.from({ length: 24 }, (_, h) => h);

/** Offered contacts by weekday × hour; shade by share of the busiest cell. A table, so it reads aloud. */
export function Heatmap({ cells }: { cells: ContactReport['heatmap'] }) {
  const { t } = useTranslation();
  const grid = heatmapGrid(cells);
  const max = Math.max(1, ...grid.flat());
  return (
    <Paper withBorder p="xs" style={{ overflowX: 'auto' }}>
      <Title order={2} size="h6" mb="xs" id="analytics-heatmap-title">
        {t('analytics.report.heatmap')}
      </Title>
      <Table
        aria-labelledby="analytics-heatmap-title"
        withRowBorders={false}
        verticalSpacing={1}
        horizontalSpacing={1}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th />
            {HOURS.map((h) => (
              <Table.Th key={h} style={{ fontSize: 10, textAlign: 'center' }}>
                {h}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {grid.map((row, d) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: weekdays are fixed positions
            <Table.Tr key={d}>
              <Table.Th scope="row" style={{ fontSize: 12 }}>
                {t(`analytics.weekday.${d + 1}`)}
              </Table.Th>
              {row.map((value, h) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: hours are fixed positions
                <Table.Td key={h} p={0}>
                  <Tooltip label={`${t(`analytics.weekday.${d + 1}`)} ${h}:00 · ${value}`}>
                    <div
                      style={{
                        minWidth: 18,
                        height: 18,
                        borderRadius: 2,
                        background: `rgba(12, 133, 110, ${value === 0 ? 0.04 : 0.15 + (0.85 * value) / max})`,
                      }}
                    >
                      <Text component="span" style={{ position: 'absolute', left: -9999 }}>
                        {value}
                      </Text>
                    </div>
                  </Tooltip>
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
