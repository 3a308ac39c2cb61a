import { Box } from 'ink';
import { Select } from '../components/Select.js';
import { errorLines } from '../components/ErrorBox.js';
import { usePaint, useRoom } from '../components/ui-context.js';
import { useScroll, Viewport } from '../layout/Viewport.js';
import type { ShownError } from '../state/wizard-reducer.js';

export type ErrorChoice = 'retry' | 'edit' | 'quit';

/**
 * What happened, the likely cause, what to do; then retry, edit the answers, or quit. When the rules refused the
 * answers, nothing was sent and a retry would fail the same way: the choices say so.
 */
export function ErrorScreen({ error, canEdit, refusedAnswers, sentSomething = true, onChoose }: { error: ShownError; canEdit: boolean; refusedAnswers?: boolean; sentSomething?: boolean; onChoose: (c: ErrorChoice) => void }) {
  const paint = usePaint();
  const { width, height } = useRoom();
  const items: { key: string; label: string; value: ErrorChoice }[] = [
    ...(refusedAnswers ? [] : [{ key: 'retry', label: 'Retry', value: 'retry' as const }]),
    ...(canEdit ? [{ key: 'edit', label: refusedAnswers ? 'Edit the answers (the review lists them all)' : 'Edit the answers', value: 'edit' as const }] : []),
    { key: 'quit', label: refusedAnswers || !sentSomething ? 'Quit (nothing was sent to Exotel)' : 'Quit (the state is saved; run the same command again to resume)', value: 'quit' },
  ];
  const lines = errorLines(error, width, paint);
  const { win } = useScroll(lines, Math.max(3, height - items.length - 1), width);
  return (
    <Box flexDirection="column">
      <Viewport lines={lines} win={win} />
      <Box marginTop={1}>
        <Select items={items} pageKeys={false} onSelect={(i) => onChoose(i.value)} />
      </Box>
    </Box>
  );
}
