import { Text } from 'ink';
import type { Step } from '../../core/engine/types.js';
import type { StepProgress } from '../state/wizard-reducer.js';
import { useColor } from './ui-context.js';
import { Working } from './Working.js';

const GLYPH = { pending: '·', running: '', done: '✓', exists: '✓', failed: '✗', skipped: '-' } as const;
const COLOR = { pending: 'gray', running: 'cyan', done: 'green', exists: 'green', failed: 'red', skipped: 'yellow' } as const;

/** One apply step: a spinner while it runs, then ✓ / ✗ / "already existed" with its duration. */
export function StepLine({ step, p }: { step: Step; p: StepProgress }) {
  const color = useColor();
  if (p.status === 'running') {
    return (
      <Text wrap="truncate-end">
        <Working label={step.title} />
        {p.notice ? <Text color={color('yellow')}> ({p.notice})</Text> : null}
      </Text>
    );
  }
  const tail =
    p.status === 'exists' ? ` already existed (${p.detail ?? ''})` : p.status === 'done' ? ` ${p.detail ?? ''}` : p.status === 'failed' ? ` ${p.detail ?? ''}` : p.status === 'skipped' ? ` skipped: ${p.detail ?? ''}` : '';
  return (
    <Text wrap="truncate-end">
      <Text color={color(COLOR[p.status])}>{GLYPH[p.status]}</Text> {step.title}
      <Text dimColor>{tail}{p.ms !== undefined ? ` ${p.ms} ms` : ''}</Text>
    </Text>
  );
}
