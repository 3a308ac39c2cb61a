import { Box, Text } from 'ink';
import type { Plan } from '../../core/engine/types.js';
import { StepLine } from '../components/StepLine.js';
import { useColor } from '../components/ui-context.js';
import { stepsDone, type StepProgress } from '../state/wizard-reducer.js';

/**
 * Live progress: every step in plan order, with its status, duration and retry notices; steps running at the
 * same time show together. No <Static> here: a recipe has a screenful of steps at most, and Ink's Static node
 * left behind when the screen changes corrupted later frames (the process spun on its layout after an apply
 * failure, Esc and Ctrl-C). Ink only rewrites the lines that change, so the list does not flicker.
 */
export function ApplyScreen({ plan, progress, finished, interrupted }: { plan: Plan; progress: Record<string, StepProgress>; finished: string[]; interrupted: boolean }) {
  const done = stepsDone(plan.steps, progress);
  const color = useColor();
  return (
    <Box flexDirection="column">
      <Text bold>
        Applying {plan.recipeId}: {done}/{plan.steps.length} steps done
        {finished.length > done ? `, ${finished.length - done} not (failed or skipped)` : ''}
      </Text>
      {plan.steps.map((s) => (
        <StepLine key={s.id} step={s} p={progress[s.id] ?? { status: 'pending' }} />
      ))}
      {interrupted ? <Text color={color('yellow')}>Stopping: waiting for the running calls to finish; the state is saved after each step.</Text> : <Text dimColor>Ctrl-C: stop cleanly</Text>}
    </Box>
  );
}
