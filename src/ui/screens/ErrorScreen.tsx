import { Box } from 'ink';
import { Select } from '../components/Select.js';
import { ErrorBox } from '../components/ErrorBox.js';
import type { ShownError } from '../state/wizard-reducer.js';

export type ErrorChoice = 'retry' | 'edit' | 'quit';

/**
 * What happened, the likely cause, what to do; then retry, edit the answers, or quit. When the rules refused the
 * answers, nothing was sent and a retry would fail the same way: the choices say so.
 */
export function ErrorScreen({ error, canEdit, refusedAnswers, onChoose }: { error: ShownError; canEdit: boolean; refusedAnswers?: boolean; onChoose: (c: ErrorChoice) => void }) {
  const items: { key: string; label: string; value: ErrorChoice }[] = [
    ...(refusedAnswers ? [] : [{ key: 'retry', label: 'Retry', value: 'retry' as const }]),
    ...(canEdit ? [{ key: 'edit', label: 'Edit the answers (Esc goes back one question at a time, keeping each answer)', value: 'edit' as const }] : []),
    { key: 'quit', label: refusedAnswers ? 'Quit (nothing was sent to Exotel)' : 'Quit (the state is saved; run the same command again to resume)', value: 'quit' },
  ];
  return (
    <Box flexDirection="column">
      <ErrorBox error={error} />
      <Box marginTop={1}>
        <Select items={items} onSelect={(i) => onChoose(i.value)} />
      </Box>
    </Box>
  );
}
