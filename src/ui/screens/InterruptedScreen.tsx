import { Box, Text, useInput } from 'ink';
import type { Step } from '../../core/engine/types.js';
import { useColor } from '../components/ui-context.js';
import { stepsDone, type StepProgress } from '../state/wizard-reducer.js';
import { cliName } from '../../core/cli-name.js';

/** Ctrl-C during apply: what got done, and how to resume (the journal was written after each step). */
export function InterruptedScreen({ recipeId, steps, progress, onDone }: { recipeId: string; steps: Step[]; progress: Record<string, StepProgress>; onDone: () => void }) {
  const color = useColor();
  useInput(() => onDone());
  const done = stepsDone(steps, progress);
  return (
    <Box flexDirection="column">
      <Text bold color={color('yellow')}>
        Stopped. {done} of {steps.length} steps were done; the state is saved.
      </Text>
      <Text>
        Resume with: <Text bold>{cliName()} apply {recipeId}</Text> (it reads the trunk first and never creates a duplicate)
      </Text>
      <Text dimColor>Press any key to exit.</Text>
    </Box>
  );
}
