import { Box, Text, useInput } from 'ink';
import { Select } from '../components/Select.js';
import { KeyHints } from '../components/KeyHints.js';
import { useColor, usePaint, useRoom } from '../components/ui-context.js';
import { cleanupLines } from '../../present/teardown.js';
import { wrapText } from '../layout/lines.js';
import { Lines } from '../layout/TextLines.js';
import { tornDownLine } from '../state/wizard-reducer.js';

/** Tear down deletes at Exotel: ask first, default No. A setup without a trunk is only forgotten here. */
export function ConfirmTeardownScreen({ recipeId, trunkSid, live, onAnswer }: { recipeId: string; trunkSid?: string; live: boolean; onAnswer: (yes: boolean) => void }) {
  const paint = usePaint();
  const { width } = useRoom();
  useInput((_i, key) => key.escape && onAnswer(false)); // Esc is No
  const question = trunkSid
    ? `Delete the trunk ${trunkSid} of ${recipeId} and its credentials${live ? ' in your real Exotel account' : ' in the sandbox'}?`
    : `Forget ${recipeId} here? It has no Exotel trunk: only its state and rendered configs are removed.`;
  return (
    <Box flexDirection="column">
      <Lines lines={wrapText(paint(['bold', 'red'], question), width)} />
      <Select
        items={[
          { key: 'no', label: 'No, keep it', value: false },
          { key: 'yes', label: trunkSid ? `Yes, tear down ${recipeId}` : `Yes, forget ${recipeId}`, value: true },
        ]}
        onSelect={(i) => onAnswer(i.value)}
      />
      <KeyHints hints={['Enter: choose', 'Esc: keep it']} />
    </Box>
  );
}

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
