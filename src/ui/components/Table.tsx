import { Box, Text } from 'ink';

/**
 * Rows of cells in fixed-width columns; the last column takes the rest and wraps, so the table fits 80
 * columns and uses a wide terminal.
 */
export function Table({ head, rows, widths }: { head?: string[]; rows: string[][]; widths: number[] }) {
  const line = (cells: string[], key: string, bold = false) => (
    <Box key={key}>
      {cells.map((c, i) =>
        i < widths.length ? (
          <Box key={i} width={widths[i]} flexShrink={0}>
            <Text bold={bold} wrap="truncate-end">{c}</Text>
          </Box>
        ) : (
          <Box key={i} flexGrow={1}>
            <Text bold={bold} wrap="wrap">{c}</Text>
          </Box>
        ),
      )}
    </Box>
  );
  return (
    <Box flexDirection="column">
      {head ? line(head, 'head', true) : null}
      {rows.map((r, i) => line(r, String(i)))}
    </Box>
  );
}
