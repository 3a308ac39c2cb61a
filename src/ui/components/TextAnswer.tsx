import { Box, Text } from 'ink';
import TextInput from 'ink-text-input';
import { useRef, useState } from 'react';
import { validateAnswer } from '../../core/engine/questions.js';
import type { Question } from '../../core/recipes/schema.js';
import { useColor } from './ui-context.js';

/**
 * A typed answer (text, list or secret) with validation as the user types: the message says what is valid.
 * Enter on an empty line takes the default.
 */
export function TextAnswer({ q, def, mask, onSubmit }: { q: Question; def?: string; mask?: boolean; onSubmit: (v: string) => void }) {
  const color = useColor();
  const [value, setValue] = useState('');
  // The latest text, read at submit: Enter right after a paste can reach a handler from the previous render.
  const latest = useRef('');
  const change = (v: string) => {
    latest.current = v;
    setValue(v);
  };
  const check = value.trim() ? validateAnswer(q, value) : undefined;
  const warning = check?.ok && 'warning' in check ? (check as { warning?: string }).warning : undefined;
  return (
    <Box flexDirection="column">
      <Box>
        <Text color={color('cyan')}>› </Text>
        <TextInput value={value} onChange={change} onSubmit={() => onSubmit(latest.current.trim() ? latest.current : def ?? '')} mask={mask ? '*' : undefined} placeholder={def && !mask ? def : undefined} />
      </Box>
      {def && !mask ? <Text dimColor>Enter on an empty line takes the default: {def}</Text> : null}
      {check && !check.ok ? <Text color={color('yellow')}>{check.message}</Text> : null}
      {warning ? <Text color={color('yellow')}>Note: {warning}</Text> : null}
    </Box>
  );
}
