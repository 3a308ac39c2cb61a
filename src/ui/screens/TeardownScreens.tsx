import { Box, Text, useInput } from 'ink';
import { KeyHints } from '../components/KeyHints.js';
import { useColor, useRoom } from '../components/ui-context.js';
import { cleanupLines } from '../../present/teardown.js';
import { wrapText } from '../layout/lines.js';
import { Lines } from '../layout/TextLines.js';
import { tornDownLine } from '../state/wizard-reducer.js';

/** Done: what was deleted, and what the trunk API cannot undo (the partner side, the Flow). */
export function TornDownScreen({ recipeId, partner, trunkSid, deleted, direction, onDone }: { recipeId: string; partner: string; trunkSid: string; deleted: string[]; direction?: string; onDone: () => void }) {
  const color = useColor();
  const { width } = useRoom();
  useInput((input, key) => (key.return || key.escape || input === 'q') && onDone());
  return (
    <Box flexDirection="column">
      <Text color={color('green')}>{tornDownLine(recipeId, trunkSid, deleted)}</Text>
      {trunkSid ? <Lines lines={cleanupLines(partner, trunkSid, direction).flatMap((l) => wrapText(l, width, { first: '  ', indent: 2 }))} /> : null}
      <KeyHints hints={['Enter: back to the menu']} />
    </Box>
  );
}
