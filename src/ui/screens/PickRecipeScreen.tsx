import { Box, Text, useInput } from 'ink';
import { Select } from '../components/Select.js';
import { KeyHints } from '../components/KeyHints.js';
import { useRoom } from '../components/ui-context.js';
import type { Recipe } from '../../core/engine/types.js';
import { truncate } from '../layout/lines.js';

/** The partner's short name: the title without its parenthesised details ("Smallest AI (Atoms) Import SIP"). */
export const shortTitle = (r: Recipe) => r.title.replace(/\s*\([^)]*\)/g, '').trim();

/** Names in one column as wide as the longest (capped), two spaces before the summary, cut to the width. */
export function recipeLabels(recipes: Recipe[], columns: number): string[] {
  const names = recipes.map(shortTitle);
  const col = Math.min(26, Math.max(0, ...names.map((n) => n.length)));
  return recipes.map((r, i) => {
    const name = names[i]!;
    const cell = name.length > col ? truncate(name, col) : name.padEnd(col);
    return truncate(`${cell}  ${r.summary}`, Math.max(30, columns - 2));
  });
}

/** Pick a partner: one line each on what it is. */
export function PickRecipeScreen({ recipes, broken, onPick, onBack, onQuit }: { recipes: Recipe[]; broken: string[]; onPick: (r: Recipe) => void; onBack?: () => void; onQuit?: () => void }) {
  useInput((input, key) => {
    if (key.escape) onBack?.();
    else if (input === 'q') onQuit?.();
  });
  const { width, height } = useRoom();
  const labels = recipeLabels(recipes, width);
  const items = recipes.map((r, i) => ({ key: r.id, label: labels[i]!, value: r }));
  const room = height - 2 - (broken.length ? 1 : 0);
  return (
    <Box flexDirection="column">
      <Text bold>Which Voice AI partner are you connecting?</Text>
      <Select items={items} onSelect={(i) => onPick(i.value)} limit={items.length <= room ? items.length : Math.max(3, room - 2)} />
      {broken.length ? <Text dimColor>Not loadable right now: {broken.join(', ')}</Text> : null}
      <KeyHints hints={['↑↓ Enter: choose', '1-9: pick a row', ...(onBack ? ['Esc: back'] : []), onQuit ? 'q / Ctrl-C: quit' : 'Ctrl-C: quit']} />
    </Box>
  );
}
