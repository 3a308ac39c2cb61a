import { Box } from 'ink';
import { Select } from '../components/Select.js';
import { ErrorBox } from '../components/ErrorBox.js';
import type { ShownError } from '../state/wizard-reducer.js';

export type ErrorChoice = 'retry' | 'edit' | 'quit';

/** What happened, the likely cause, what to do; then retry, edit an answer, or quit with the state saved. */
export function ErrorScreen({ error, canEdit, onChoose }: { error: ShownError; canEdit: boolean; onChoose: (c: ErrorChoice) => void }) {
  const items: { key: string; label: string; value: ErrorChoice }[] = [
    { key: 'retry', label: 'Retry', value: 'retry' },
    ...(canEdit ? [{ key: 'edit', label: 'Edit the last answer', value: 'edit' as const }] : []),
    { key: 'quit', label: 'Quit (the state is saved; run the same command again to resume)', value: 'quit' },
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
