import { Box, Text } from 'ink';
import { useColor } from './ui-context.js';

/** Where calls go: the built-in sandbox (nothing is created at Exotel) or a live account. */
export function Header({ mode, label }: { mode: 'sandbox' | 'live'; label: string }) {
  const color = useColor();
  return (
    <Box flexDirection="column" marginBottom={1}>
      <Text bold>exotrunk: Exotel SIP trunks for Voice AI partners</Text>
      {mode === 'sandbox' ? (
        <Text>
          <Text bold color={color('green')}>SANDBOX</Text> the built-in Exotel sandbox: nothing is created at Exotel
        </Text>
      ) : (
        <Text>
          <Text bold color={color('red')}>{label}</Text> calls go to your real Exotel account
        </Text>
      )}
    </Box>
  );
}
