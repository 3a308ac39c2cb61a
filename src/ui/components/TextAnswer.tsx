import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { validateAnswer } from '../../core/engine/index.js';
import type { Question } from '../../core/engine/types.js';
import { wrapText } from '../layout/lines.js';
import { Lines } from '../layout/TextLines.js';
import { LineInput } from './LineInput.js';
import { useColor, usePaint, useRoom } from './ui-context.js';

/**
 * A typed answer (text, list or secret) with validation as the user types: the message says what is valid.
 * Enter on an empty line takes the default. One message at a time: the live check while typing, or the
 * refusal of what was submitted (until the text changes), never both.
 */
export function TextAnswer({ q, def, mask, error, onSubmit }: { q: Question; def?: string; mask?: boolean; error?: string; onSubmit: (v: string) => void }) {
  const paint = usePaint();
  const color = useColor();
  const { width } = useRoom();
  const [value, setValue] = useState('');
  const [submitted, setSubmitted] = useState<string | undefined>(undefined);
  // a fresh input holding the fix, when Tab takes the one the message offers
  const [seed, setSeed] = useState({ text: '', n: 0 });
  const check = value.trim() ? validateAnswer(q, value) : undefined;
  // "add it, as in +912247790801": the fix is known, so one key takes it instead of retyping
  const fix = check && !check.ok ? /\bas in (\+\d{6,15})\b/.exec(check.message)?.[1] : undefined;
  useInput((_i, key) => {
    if (!key.tab || !fix) return;
    setSeed({ text: fix, n: seed.n + 1 });
    setValue(fix);
  });
  const warning = check?.ok && 'warning' in check ? (check as { warning?: string }).warning : undefined;
  const message = check && !check.ok ? paint('yellow', check.message) : error && value === submitted ? paint('red', `✗ ${error}`) : warning ? paint('yellow', `Note: ${warning}`) : undefined;
  return (
    <Box flexDirection="column">
      <Box>
        <Text color={color('cyan')}>› </Text>
        <LineInput
          key={seed.n}
          initial={seed.text}
          onChange={setValue}
          onSubmit={(v) => {
            setSubmitted(v);
            onSubmit(v.trim() ? v : def ?? '');
          }}
          mask={mask ? '*' : undefined}
          placeholder={def && !mask ? def : undefined}
        />
      </Box>
      {def && !mask ? <Text dimColor wrap="truncate-end">Enter on an empty line takes the default: {def}</Text> : null}
      {message ? <Lines lines={wrapText(message, width)} /> : null}
      {fix ? <Text dimColor>Tab: use {fix}</Text> : null}
    </Box>
  );
}
