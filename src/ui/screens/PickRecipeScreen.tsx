import { Box, Text } from 'ink';
import SelectInput from 'ink-select-input';
import type { Recipe } from '../../core/recipes/schema.js';

/** Pick a partner: one line each on what it is. */
export function PickRecipeScreen({ recipes, broken, onPick }: { recipes: Recipe[]; broken: string[]; onPick: (r: Recipe) => void }) {
  const items = recipes.map((r) => ({ key: r.id, label: `${r.title}: ${r.summary}`, value: r }));
  return (
    <Box flexDirection="column">
      <Text bold>Which Voice AI partner are you connecting?</Text>
      <SelectInput items={items} onSelect={(i) => onPick(i.value)} limit={12} />
      {broken.length ? <Text dimColor>Not loadable right now: {broken.join(', ')}</Text> : null}
    </Box>
  );
}
