import { Box, Text, useInput } from 'ink';
import { Select } from '../components/Select.js';
import { KeyHints } from '../components/KeyHints.js';
import { useColor } from '../components/ui-context.js';

/** Tear down deletes at Exotel: ask first, default No. */
export function ConfirmTeardownScreen({ recipeId, trunkSid, live, onAnswer }: { recipeId: string; trunkSid?: string; live: boolean; onAnswer: (yes: boolean) => void }) {
  const color = useColor();
  useInput((_i, key) => key.escape && onAnswer(false)); // Esc is No
  return (
    <Box flexDirection="column">
      <Text bold color={color('red')}>
        Delete the trunk {trunkSid ?? ''} of {recipeId} and its credentials{live ? ' in your real Exotel account' : ' in the sandbox'}?
      </Text>
      <Select
        items={[
          { key: 'no', label: 'No, keep it', value: false },
          { key: 'yes', label: `Yes, tear down ${recipeId}`, value: true },
        ]}
        onSelect={(i) => onAnswer(i.value)}
      />
      <KeyHints hints={['Enter: choose', 'Esc: keep it']} />
    </Box>
  );
}

export function TornDownScreen({ recipeId, trunkSid, deleted, onDone }: { recipeId: string; trunkSid: string; deleted: string[]; onDone: () => void }) {
  const color = useColor();
  useInput((input, key) => (key.return || input === 'q') && onDone());
  return (
    <Box flexDirection="column">
      <Text color={color('green')}>
        ✓ {recipeId}: trunk {trunkSid} deleted{deleted.length ? `, with credentials ${deleted.join(', ')}` : ''}.
      </Text>
      <KeyHints hints={['Enter: back to the menu']} />
    </Box>
  );
}
