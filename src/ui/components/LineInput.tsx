import { Text, useInput } from 'ink';
import { useEffect, useRef, useState } from 'react';
import { releaseEarlyKeys } from './early-keys.js';

/**
 * One line of typed text. Our own instead of ink-text-input: in a real terminal a paste or fast typing
 * arrives as one chunk ("+918012345678\r"), and ink-text-input then inserts the carriage return and loses
 * its cursor between renders. Here the buffer lives in a ref, every chunk is applied in order, CR / LF
 * submits, Backspace / Delete remove the last character, Ctrl-U clears. Editing is at the end of the line.
 */
export function LineInput({ onChange, onSubmit, mask, placeholder, initial = '', focus = true }: { onChange?: (v: string) => void; onSubmit: (v: string) => void; mask?: string; placeholder?: string; initial?: string; focus?: boolean }) {
  const buffer = useRef(initial);
  const [shown, setShown] = useState(initial);
  const set = (v: string) => {
    buffer.current = v;
    setShown(v);
    onChange?.(v);
  };
  useInput(
    (input, key) => {
      if (key.return) return onSubmit(buffer.current);
      if (key.backspace || key.delete) return set(buffer.current.slice(0, -1));
      if (key.ctrl && input === 'u') return set('');
      if (key.ctrl || key.meta || key.escape || key.tab || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown) return;
      // A chunk may hold several keys (paste, fast typing, repeated Backspace): apply them in order.
      let v = buffer.current;
      for (const ch of input) {
        if (ch === '\r' || ch === '\n') {
          set(v);
          return onSubmit(v);
        }
        if (ch === '\x7f' || ch === '\b') v = v.slice(0, -1);
        else if (ch >= ' ') v += ch;
      }
      if (v !== buffer.current) set(v);
    },
    { isActive: focus },
  );
  useEffect(() => {
    if (focus) releaseEarlyKeys();
  }, [focus]);
  if (!shown && placeholder) return <Text dimColor>{placeholder}</Text>;
  return (
    <Text>
      {mask ? mask.repeat(shown.length) : shown}
      <Text inverse> </Text>
    </Text>
  );
}
