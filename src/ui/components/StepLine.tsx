import { Text } from 'ink';
import type { Step } from '../../core/engine/types.js';
import { stepWords, type StepProgress } from '../../present/steps.js';
import { useColor } from './ui-context.js';
import { Working } from './Working.js';

/** One step as the plan runs: a spinner while it runs, then the words the headless commands print for it. */
export function StepLine({ step, p }: { step: Step; p: StepProgress }) {
  const color = useColor();
  const w = stepWords(step.title, p, step.effect);
  if (p.status === 'running') {
    return (
      <Text wrap="truncate-end">
        <Working label={step.title} />
        {w.tail ? <Text color={color('yellow')}> {w.tail}</Text> : null}
      </Text>
    );
  }
  return (
    <Text wrap="truncate-end">
      <Text color={color(w.tone === 'dim' ? 'gray' : w.tone)}>{w.glyph}</Text> {w.title}
      {w.tail ? <Text dimColor>{`  ${w.tail}`}</Text> : null}
    </Text>
  );
}
