/**
 * A window onto pre-wrapped lines that never grows past `height` rows: long content scrolls inside the
 * wizard instead of making the frame taller than the terminal (which makes Ink clear the screen and the
 * scrollback on every redraw). "↑ n more" / "↓ n more" rows say there is more, and which key shows it.
 */
import { Box, Text, useInput } from 'ink';
import { useRef, useState } from 'react';
import { rowsOfLine } from './lines.js';

export interface Window {
  start: number;
  end: number;
  /** lines hidden above / below */
  above: number;
  below: number;
}

/** The lines from `top` that fit in `height` rows, with a row kept for each "more" marker that is needed. */
export function windowOf(lines: string[], top: number, height: number, width: number): Window {
  const rows = lines.map((l) => rowsOfLine(l, width));
  const total = rows.reduce((a, b) => a + b, 0);
  if (total <= height) return { start: 0, end: lines.length, above: 0, below: 0 };
  const fill = (from: number, room: number) => {
    let end = from;
    let used = 0;
    while (end < lines.length && used + rows[end]! <= room) used += rows[end++]!;
    return end;
  };
  // the last top that still shows the end (with the "above" marker)
  let maxTop = lines.length;
  for (let used = 0; maxTop > 0 && used + rows[maxTop - 1]! <= Math.max(1, height - 1); ) used += rows[--maxTop]!;
  const start = Math.max(0, Math.min(top, maxTop));
  const room = height - (start > 0 ? 1 : 0);
  let end = fill(start, room);
  if (end < lines.length) end = Math.max(start + 1, fill(start, room - 1));
  return { start, end, above: start, below: lines.length - end };
}

export interface ScrollKeys {
  /** ↑/↓ scroll a line (off when the screen's menu uses them) */
  arrows?: boolean;
  /** PgUp/PgDn, Home/End: on unless the screen says otherwise */
  pages?: boolean;
  isActive?: boolean;
}

/** The first line shown, moved by the keys; clamped by windowOf when drawn. */
export function useScroll(lines: string[], height: number, width: number, keys: ScrollKeys = {}) {
  const [top, setTop] = useState(0);
  const at = useRef(0);
  const win = windowOf(lines, top, height, width);
  at.current = win.start;
  const page = Math.max(1, height - 2);
  const move = (to: number) => {
    const next = Math.max(0, Math.min(to, lines.length - 1));
    at.current = windowOf(lines, next, height, width).start;
    setTop(at.current);
  };
  useInput(
    (_input, key) => {
      if (keys.arrows && key.upArrow) move(at.current - 1);
      else if (keys.arrows && key.downArrow) move(at.current + 1);
      else if (keys.pages !== false && key.pageUp) move(at.current - page);
      else if (keys.pages !== false && key.pageDown) move(at.current + page);
      else if (keys.pages !== false && key.home) move(0);
      else if (keys.pages !== false && key.end) move(lines.length);
    },
    { isActive: keys.isActive !== false },
  );
  return { win, scrollTo: move };
}

/** Draw a window: the lines, and a dim marker row for what is above and below. */
export function Viewport({ lines, win, moreHint = 'PgDn' }: { lines: string[]; win: Window; moreHint?: string }) {
  return (
    <Box flexDirection="column">
      {win.above ? <Text dimColor>↑ {win.above} more {win.above === 1 ? 'line' : 'lines'}</Text> : null}
      {lines.slice(win.start, win.end).map((l, i) => (
        <Text key={win.start + i}>{l === '' ? ' ' : l}</Text>
      ))}
      {win.below ? (
        <Text dimColor>
          ↓ {win.below} more {win.below === 1 ? 'line' : 'lines'} ({moreHint})
        </Text>
      ) : null}
    </Box>
  );
}
