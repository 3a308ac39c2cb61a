import { Box, Text } from 'ink';
import { Select } from '../components/Select.js';

/** No credentials configured: stay in the sandbox, or enter credentials for a live account. */
export function ModeScreen({ onSandbox, onLive }: { onSandbox: () => void; onLive: () => void }) {
  const items = [
    { label: 'Continue in the SANDBOX (try everything, nothing is created at Exotel)', value: 'sandbox' },
    { label: 'Use my Exotel account (LIVE): enter the API key and token', value: 'live' },
  ];
  return (
    <Box flexDirection="column">
      <Text>No Exotel credentials are configured.</Text>
      <Select items={items} onSelect={(i) => (i.value === 'live' ? onLive() : onSandbox())} />
    </Box>
  );
}
