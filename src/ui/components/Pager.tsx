/**
 * A text viewer inside the wizard: ↑/↓, PgUp/PgDn, Home/End scroll; it never grows past the terminal. For
 * code (a config to paste) nothing is wrapped: a line wider than the screen is cut with a » at the edge and
 * ←/→ scroll sideways, so what is on screen is always the file's own lines. `p` (when offered) prints the
 * file as it is into the terminal after the wizard ends, for copying whole.
 */
import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { widthOf } from '../layout/lines.js';
import { Lines } from '../layout/TextLines.js';
import { useScroll, Viewport } from '../layout/Viewport.js';
import { KeyHints } from './KeyHints.js';
import { usePaint, useRoom } from './ui-context.js';

/** Columns [left, left + width) of a line of code; » marks a cut (the » is not part of the file). */
export function codeSlice(line: string, left: number, width: number, mark: (s: string) => string): string {
  const chars = Array.from(line.replace(/\t/g, '    '));
  let col = 0;
  let out = '';
  let i = 0;
  for (; i < chars.length && col < left; i++) col += widthOf(chars[i]!);
  let used = 0;
  for (; i < chars.length; i++) {
    const w = widthOf(chars[i]!);
    if (used + w > width) break;
    out += chars[i];
    used += w;
  }
  if (i < chars.length) {
    // no room for all of it: make room for the marker
    while (out && used > width - 1) {
      const last = Array.from(out).pop()!;
      out = out.slice(0, -last.length);
      used -= widthOf(last);
    }
    return out + mark('»');
  }
  return out;
}

export interface PagerProps {
  /** pre-wrapped lines above the text (title, where to paste, the file) */
  head: string[];
  /** the text: prose (pre-wrapped) or code (never wrapped) */
  body: string[];
  code?: boolean;
  hints?: string[];
  onBack: () => void;
  /** other keys (p, r) */
  onKey?: (input: string) => void;
}

export function Pager({ head, body, code, hints = [], onBack, onKey }: PagerProps) {
  const paint = usePaint();
  const { width, height } = useRoom();
  const [left, setLeft] = useState(0);
  const widest = code ? Math.max(0, ...body.map((l) => widthOf(l.replace(/\t/g, '    ')))) : 0;
  const shown = code ? body.map((l) => codeSlice(l, left, width, (s) => paint('dim', s))) : body;
  const room = Math.max(3, height - head.length - 2);
  const { win } = useScroll(shown, room, width, { arrows: true });
  useInput((input, key) => {
    if (key.escape || input === 'q') onBack();
    else if (code && key.rightArrow && widest > width) setLeft((l) => Math.min(l + Math.floor(width / 2), Math.max(0, widest - width + 1)));
    else if (code && key.leftArrow) setLeft((l) => Math.max(0, l - Math.floor(width / 2)));
    else if (!key.ctrl && input) onKey?.(input);
  });
  const sideways = code && widest > width;
  const status = sideways ? `columns ${left + 1}–${Math.min(widest, left + width - 1)} of ${widest}: ←/→ scroll sideways, » marks a cut` : undefined;
  return (
    <Box flexDirection="column">
      <Lines lines={head} />
      <Viewport lines={shown} win={win} moreHint="↓ / PgDn" />
      {status ? <Text dimColor wrap="truncate-end">{status}</Text> : <Text dimColor>{'─'.repeat(Math.min(20, width))}</Text>}
      <KeyHints hints={[...(win.above || win.below ? ['↑↓ PgUp/PgDn: scroll'] : []), ...hints, 'Esc: back']} />
    </Box>
  );
}
