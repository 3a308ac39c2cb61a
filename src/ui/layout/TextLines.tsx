import { Box, Text } from 'ink';

/** Pre-wrapped lines, one <Text> each (an empty line keeps its row). */
export function Lines({ lines }: { lines: string[] }) {
  if (!lines.length) return null;
  return (
    <Box flexDirection="column">
      {lines.map((l, i) => (
        <Text key={i}>{l === '' ? ' ' : l}</Text>
      ))}
    </Box>
  );
}
