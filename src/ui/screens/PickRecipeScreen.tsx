import { Box, Text, useStdout } from 'ink';
import SelectInput from 'ink-select-input';
import type { Recipe } from '../../core/recipes/schema.js';

/** The partner's short name: the title without its parenthesised detail. */
export const shortTitle = (r: Recipe) => r.title.replace(/\s*\(.*\)\s*$/, '');

/** One line per partner, cut to the terminal width so the list never wraps (80 columns and up). */
export function recipeLabel(r: Recipe, columns: number): string {
  const line = `${shortTitle(r).padEnd(22)} ${r.summary}`;
  const room = Math.max(30, columns - 4);
  return line.length > room ? `${line.slice(0, room - 1)}…` : line;
}

/** Pick a partner: one line each on what it is. */
export function PickRecipeScreen({ recipes, broken, onPick }: { recipes: Recipe[]; broken: string[]; onPick: (r: Recipe) => void }) {
  const { stdout } = useStdout();
  const columns = stdout?.columns || 80;
  const items = recipes.map((r) => ({ key: r.id, label: recipeLabel(r, columns), value: r }));
  return (
    <Box flexDirection="column">
      <Text bold>Which Voice AI partner are you connecting?</Text>
      <SelectInput items={items} onSelect={(i) => onPick(i.value)} limit={12} />
      {broken.length ? <Text dimColor>Not loadable right now: {broken.join(', ')}</Text> : null}
    </Box>
  );
}
