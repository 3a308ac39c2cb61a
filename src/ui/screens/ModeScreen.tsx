import { Box, Text, useInput } from 'ink';
import { Select } from '../components/Select.js';
import { KeyHints } from '../components/KeyHints.js';
import { useRoom } from '../components/ui-context.js';
import { wrapText } from '../layout/lines.js';
import { Lines } from '../layout/TextLines.js';

/**
 * No credentials configured: stay in the sandbox, or enter credentials for a live account. The wizard's first
 * menu: it is drawn by the boot screen itself, before the engine has loaded, so it appears at once. Once the
 * engine is there, `note` says which runs of this folder's journal belong to a LIVE account (the sandbox cannot
 * reach them).
 */
export function ModeScreen({ onSandbox, onLive, onQuit, note = [] }: { onSandbox: () => void; onLive: () => void; onQuit?: () => void; note?: string[] }) {
  const { width } = useRoom();
  useInput((input, key) => (key.escape || input === 'q') && onQuit?.());
  const items = [
    { label: 'Continue in the SANDBOX (try everything, nothing is created at Exotel)', value: 'sandbox' },
    { label: 'Use my Exotel account (LIVE): enter the API key and token', value: 'live' },
  ];
  return (
    <Box flexDirection="column">
      <Text>No Exotel credentials are configured.</Text>
      {note.length ? <Lines lines={note.flatMap((l) => wrapText(l, width))} /> : null}
      <Select items={items} onSelect={(i) => (i.value === 'live' ? onLive() : onSandbox())} />
      <KeyHints hints={['↑↓ Enter: choose', 'q / Esc: quit']} />
    </Box>
  );
}
