/**
 * A list to pick from: ↑/↓ (or k/j) move and wrap, Home/End and PgUp/PgDn jump, 1–9 pick a visible row,
 * Enter picks the highlighted one.
 *
 * Why not ink-select-input: it computes each move from the index of the last render, so keys that arrive in
 * one chunk (a held arrow key, a fast typist, a paste) all start from the same row: five ↓ moved one row.
 * Here the highlighted row lives in a ref that every key event updates at once, and React state only redraws.
 */
import { Box, Text, useInput } from 'ink';
import { useEffect, useRef, useState } from 'react';
import { releaseEarlyKeys } from './early-keys.js';
import { useColor } from './ui-context.js';

export interface SelectItem<V> {
  key?: string;
  label: string;
  value: V;
}

export interface SelectProps<V> {
  items: SelectItem<V>[];
  onSelect: (item: SelectItem<V>) => void;
  initialIndex?: number;
  /** rows shown at once; the list scrolls to keep the highlighted row in view */
  limit?: number;
  isFocused?: boolean;
  /** PgUp/PgDn and Home/End jump in the list (off when the screen scrolls a text body with them) */
  pageKeys?: boolean;
}

/** The first visible row that keeps `index` in a window of `size` rows, moving the window as little as possible. */
export function scrollTop(index: number, top: number, size: number, count: number): number {
  if (count <= size) return 0;
  if (index < top) return index;
  if (index >= top + size) return index - size + 1;
  return Math.min(top, count - size);
}

export function Select<V>({ items, onSelect, initialIndex = 0, limit, isFocused = true, pageKeys = true }: SelectProps<V>) {
  const color = useColor();
  const count = items.length;
  const size = limit && limit < count ? limit : count;
  const clamp = (i: number) => Math.max(0, Math.min(count - 1, i));
  const at = useRef({ index: clamp(initialIndex), top: scrollTop(clamp(initialIndex), 0, size, count) });
  const [, redraw] = useState(0);

  // Another list in the same place (the next question): start again from its initial row, in this very render.
  const signature = items.map((i) => i.key ?? String(i.value)).join('\u0000');
  const shown = useRef(signature);
  if (shown.current !== signature) {
    shown.current = signature;
    at.current = { index: clamp(initialIndex), top: scrollTop(clamp(initialIndex), 0, size, count) };
  }

  const moveTo = (index: number) => {
    at.current = { index, top: scrollTop(index, at.current.top, size, count) };
    redraw((n) => n + 1);
  };

  useInput(
    (input, key) => {
      if (count === 0) return;
      const { index, top } = at.current;
      if (key.upArrow || input === 'k') moveTo((index - 1 + count) % count);
      else if (key.downArrow || input === 'j') moveTo((index + 1) % count);
      else if (pageKeys && key.home) moveTo(0);
      else if (pageKeys && key.end) moveTo(count - 1);
      else if (pageKeys && key.pageUp) moveTo(Math.max(0, index - size));
      else if (pageKeys && key.pageDown) moveTo(Math.min(count - 1, index + size));
      else if (/^[1-9]$/.test(input)) {
        const pick = top + Number(input) - 1;
        if (pick < Math.min(count, top + size)) {
          moveTo(pick);
          onSelect(items[pick]!);
        }
      } else if (key.return) onSelect(items[index]!);
    },
    { isActive: isFocused },
  );
  // the first menu on screen also gets the keys typed while the wizard was starting (after its handler is on)
  useEffect(() => {
    if (isFocused) releaseEarlyKeys();
  }, [isFocused]);

  const { index, top } = at.current;
  const visible = items.slice(top, top + size);
  return (
    <Box flexDirection="column">
      {top > 0 ? <Text dimColor>  ↑ {top} more</Text> : null}
      {visible.map((item, i) => {
        const selected = top + i === index;
        return (
          <Box key={item.key ?? String(item.value)}>
            {/* the pointer column never shrinks: a long label wraps under itself, not under the pointer */}
            <Box marginRight={1} flexShrink={0}>
              {selected ? <Text color={color('blue')}>❯</Text> : <Text> </Text>}
            </Box>
            {/* one row per item, always: the screens count their rows to stay within the terminal */}
            <Text color={selected ? color('blue') : undefined} wrap="truncate-end">
              {item.label}
            </Text>
          </Box>
        );
      })}
      {top + size < count ? <Text dimColor>  ↓ {count - top - size} more</Text> : null}
    </Box>
  );
}
