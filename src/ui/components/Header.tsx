import { Box, Text } from 'ink';
import type { TargetKind } from '../../present/target.js';
import { useColor } from './ui-context.js';

/** Rows the header takes: two lines and a blank one, or one line in a short terminal. */
export const headerRows = (rows: number) => (rows < 18 ? 1 : 3);

/**
 * Where calls go: the built-in sandbox (nothing is created at Exotel), a server on this machine, or a live
 * account. In a short terminal it shrinks to one line, leaving the rows to the screen.
 */
export function Header({ kind, label, meaning, compact = false }: { kind: TargetKind; label: string; meaning: string; compact?: boolean }) {
  const color = useColor();
  const tag = (
    <Text bold color={color(kind === 'live' ? 'red' : kind === 'local' ? 'yellow' : 'green')}>
      {label}
    </Text>
  );
  if (compact) {
    return (
      <Text wrap="truncate-end">
        <Text bold>exotrunk</Text> {tag} {meaning}
      </Text>
    );
  }
  return (
    <Box flexDirection="column" marginBottom={1}>
      <Text bold>exotrunk: Exotel SIP trunks for Voice AI partners</Text>
      <Text wrap="truncate-end">
        {tag} {meaning}
      </Text>
    </Box>
  );
}
