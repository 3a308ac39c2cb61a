import { Box, Text } from 'ink';
import type { ShownError } from '../state/wizard-reducer.js';
import { useColor } from './ui-context.js';

/** What happened, the likely cause, what to do. */
export function ErrorBox({ error }: { error: ShownError }) {
  const color = useColor();
  return (
    <Box flexDirection="column">
      <Text color={color('red')} bold>
        ✗ {error.what}
      </Text>
      {error.details?.map((d) => <Text key={d}>  {d}</Text>)}
      {error.cause ? <Text>Likely cause: {error.cause}</Text> : null}
      {error.fix ? <Text>What to do: {error.fix}</Text> : null}
    </Box>
  );
}
