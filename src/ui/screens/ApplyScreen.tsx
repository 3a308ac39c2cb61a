import { Box, Static, Text } from 'ink';
import type { Plan } from '../../core/engine/types.js';
import { StepLine } from '../components/StepLine.js';
import { useColor } from '../components/ui-context.js';
import type { StepProgress } from '../state/wizard-reducer.js';

/**
 * Live progress. Finished steps go to <Static> (printed once, never redrawn: no flicker on long plans);
 * steps running at the same time show together below.
 */
export function ApplyScreen({ plan, progress, finished, interrupted }: { plan: Plan; progress: Record<string, StepProgress>; finished: string[]; interrupted: boolean }) {
  const color = useColor();
  const byId = new Map(plan.steps.map((s) => [s.id, s]));
  const live = plan.steps.filter((s) => !finished.includes(s.id));
  return (
    <Box flexDirection="column">
      <Static items={finished}>{(id) => <StepLine key={id} step={byId.get(id)!} p={progress[id]} />}</Static>
      <Text bold>
        Applying {plan.recipeId}: {finished.length}/{plan.steps.length} steps
      </Text>
      {live.map((s) => (
        <StepLine key={s.id} step={s} p={progress[s.id] ?? { status: 'pending' }} />
      ))}
      {interrupted ? <Text color={color('yellow')}>Stopping: waiting for the running calls to finish; the state is saved after each step.</Text> : <Text dimColor>Ctrl-C: stop cleanly</Text>}
    </Box>
  );
}
