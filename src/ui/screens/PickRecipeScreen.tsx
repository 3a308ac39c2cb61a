import { Box, Text, useInput } from 'ink';
import { useColumns } from '../components/use-columns.js';
import { Select } from '../components/Select.js';
import type { Recipe } from '../../core/recipes/schema.js';

/** The partner's short name: the title without its parenthesised details ("Smallest AI (Atoms) Import SIP"). */
export const shortTitle = (r: Recipe) => r.title.replace(/\s*\([^)]*\)/g, '').trim();

const NAME_COLUMN = 22;

/** One line per partner, names in one column, cut to the terminal width so the list never wraps. */
export function recipeLabel(r: Recipe, columns: number): string {
  const name = shortTitle(r);
  const cell = name.length > NAME_COLUMN ? `${name.slice(0, NAME_COLUMN - 1)}…` : name.padEnd(NAME_COLUMN);
  const line = `${cell} ${r.summary}`;
  const room = Math.max(30, columns - 4);
  return line.length > room ? `${line.slice(0, room - 1)}…` : line;
}

/** Pick a partner: one line each on what it is. */
export function PickRecipeScreen({ recipes, broken, onPick, onBack }: { recipes: Recipe[]; broken: string[]; onPick: (r: Recipe) => void; onBack?: () => void }) {
  useInput((_i, key) => key.escape && onBack?.());
  const columns = useColumns() - 1;
  const items = recipes.map((r) => ({ key: r.id, label: recipeLabel(r, columns), value: r }));
  return (
    <Box flexDirection="column">
      <Text bold>Which Voice AI partner are you connecting?</Text>
      <Select items={items} onSelect={(i) => onPick(i.value)} limit={12} />
      {broken.length ? <Text dimColor>Not loadable right now: {broken.join(', ')}</Text> : null}
    </Box>
  );
}
