import { Box, Text } from 'ink';
import type { Plan } from '../../core/engine/types.js';
import { count } from '../../present/words.js';
import { StepLine } from '../components/StepLine.js';
import { useColor, useRoom } from '../components/ui-context.js';
import { stepsDone, type StepProgress } from '../state/wizard-reducer.js';

/**
 * Live progress: every step in plan order, with its status, duration and retry notices; steps running at the
 * same time show together. No <Static> here: a recipe has a screenful of steps at most, and Ink's Static node
 * left behind when the screen changes corrupted later frames (the process spun on its layout after an apply
 * failure, Esc and Ctrl-C). Ink only rewrites the lines that change, so the list does not flicker. A plan
 * longer than the terminal shows the steps around the first unfinished one.
 */
export function ApplyScreen({ plan, progress, finished, interrupted }: { plan: Plan; progress: Record<string, StepProgress>; finished: string[]; interrupted: boolean }) {
  const done = stepsDone(plan.steps, progress);
  const color = useColor();
  const { height } = useRoom();
  const room = Math.max(1, height - 3);
  const firstOpen = Math.max(0, plan.steps.findIndex((s) => !finished.includes(s.id)));
  const start = plan.steps.length <= room ? 0 : Math.min(Math.max(0, firstOpen - 1), plan.steps.length - room + 1);
  const shown = plan.steps.length <= room ? plan.steps : plan.steps.slice(start, start + room - 1);
  const hidden = plan.steps.length - shown.length;
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">
        {plan.steps.length ? `${plan.purpose === 'teardown' ? 'Tearing down' : 'Applying'} ${plan.recipeId}: ${done}/${count(plan.steps.length, 'step')} done` : `${plan.purpose === 'teardown' ? 'Forgetting' : 'Recording'} ${plan.recipeId}: nothing to ${plan.purpose === 'teardown' ? 'delete' : 'create'} at Exotel`}
        {finished.length > done ? `, ${finished.length - done} not (failed or skipped)` : ''}
      </Text>
      {start > 0 ? <Text dimColor>… {start} earlier</Text> : null}
      {shown.map((s) => (
        <StepLine key={s.id} step={s} p={progress[s.id] ?? { status: 'pending' }} />
      ))}
      {hidden > start ? <Text dimColor>… {hidden - start} more</Text> : null}
      {interrupted ? (
        <Text color={color('yellow')} wrap="truncate-end">
          Stopping: waiting for the calls in flight to finish; the state is saved after each step.
        </Text>
      ) : (
        <Text dimColor>Ctrl-C: stop cleanly</Text>
      )}
    </Box>
  );
}
