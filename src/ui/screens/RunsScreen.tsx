import { Box, Text } from 'ink';
import { Select } from '../components/Select.js';
import type { RunState } from '../../core/plan/state.js';
import type { RunAction } from '../state/wizard-reducer.js';

type Choice = { action: RunAction; recipeId: string } | { action: 'new' } | { action: 'quit' };

/** Runs the journal knows here: verify, repair drift, re-render, or tear down, before starting a new one. */
export function RunsScreen({ runs, onChoose }: { runs: RunState[]; onChoose: (c: Choice) => void }) {
  const items: { key: string; label: string; value: Choice }[] = [];
  for (const r of runs) {
    const id = r.recipeId;
    if (!r.appliedAt) {
      // An unfinished run: finishing it comes first, and its configs would name resources not created yet.
      items.push(
        { key: `a-${id}`, label: `Finish setting up ${id} (apply the steps that remain)`, value: { action: 'reapply', recipeId: id } },
        { key: `v-${id}`, label: `Verify ${id} against Exotel`, value: { action: 'verify', recipeId: id } },
        { key: `t-${id}`, label: `Tear down ${id} (delete its trunk)`, value: { action: 'teardown', recipeId: id } },
      );
      continue;
    }
    items.push(
      { key: `v-${id}`, label: `Verify ${id} against Exotel`, value: { action: 'verify', recipeId: id } },
      { key: `a-${id}`, label: `Re-apply ${id} (repair drift)`, value: { action: 'reapply', recipeId: id } },
      { key: `r-${id}`, label: `Re-render the ${id} configs`, value: { action: 'rerender', recipeId: id } },
      { key: `t-${id}`, label: `Tear down ${id} (delete its trunk)`, value: { action: 'teardown', recipeId: id } },
    );
  }
  items.push({ key: 'new', label: 'Set up a new partner', value: { action: 'new' } }, { key: 'quit', label: 'Quit', value: { action: 'quit' } });
  return (
    <Box flexDirection="column">
      <Text bold>Already set up here:</Text>
      {runs.map((r) => (
        <Text key={r.recipeId}>
          {'  '}
          {r.recipeId} ({r.direction}) trunk {r.trunkSid ?? '(not created yet)'}
          {r.appliedAt ? '' : ', not finished'}
        </Text>
      ))}
      <Box marginTop={1}>
        <Select items={items} onSelect={(i) => onChoose(i.value)} limit={12} />
      </Box>
    </Box>
  );
}
