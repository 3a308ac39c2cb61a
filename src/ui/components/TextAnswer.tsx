import { Box, Text } from 'ink';
import { useState } from 'react';
import { validateAnswer } from '../../core/engine/questions.js';
import type { Question } from '../../core/recipes/schema.js';
import { LineInput } from './LineInput.js';
import { useColor } from './ui-context.js';

/**
 * A typed answer (text, list or secret) with validation as the user types: the message says what is valid.
 * Enter on an empty line takes the default.
 */
export function TextAnswer({ q, def, mask, error, onSubmit }: { q: Question; def?: string; mask?: boolean; error?: string; onSubmit: (v: string) => void }) {
  const color = useColor();
  const [value, setValue] = useState('');
  const [submitted, setSubmitted] = useState<string | undefined>(undefined);
  const check = value.trim() ? validateAnswer(q, value) : undefined;
  const warning = check?.ok && 'warning' in check ? (check as { warning?: string }).warning : undefined;
  return (
    <Box flexDirection="column">
      <Box>
        <Text color={color('cyan')}>› </Text>
        <LineInput
          onChange={setValue}
          onSubmit={(v) => {
            setSubmitted(v);
            onSubmit(v.trim() ? v : def ?? '');
          }}
          mask={mask ? '*' : undefined}
          placeholder={def && !mask ? def : undefined}
        />
      </Box>
      {def && !mask ? <Text dimColor>Enter on an empty line takes the default: {def}</Text> : null}
      {check && !check.ok ? <Text color={color('yellow')}>{check.message}</Text> : null}
      {/* the refusal of what was submitted, once (the live message above already says a field-level one), and
          only until the text changes */}
      {error && value === submitted && !(check && !check.ok) ? <Text color={color('red')}>✗ {error}</Text> : null}
      {warning ? <Text color={color('yellow')}>Note: {warning}</Text> : null}
    </Box>
  );
}
