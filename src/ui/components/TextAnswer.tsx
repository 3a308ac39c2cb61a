import { Box, Text } from 'ink';
import { useState } from 'react';
import { validateAnswer } from '../../core/engine/questions.js';
import type { Question } from '../../core/recipes/schema.js';
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
  const check = value.trim() ? validateAnswer(q, value) : undefined;
  const warning = check?.ok && 'warning' in check ? (check as { warning?: string }).warning : undefined;
  const message = check && !check.ok ? paint('yellow', check.message) : error && value === submitted ? paint('red', `✗ ${error}`) : warning ? paint('yellow', `Note: ${warning}`) : undefined;
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
      {def && !mask ? <Text dimColor wrap="truncate-end">Enter on an empty line takes the default: {def}</Text> : null}
      {message ? <Lines lines={wrapText(message, width)} /> : null}
    </Box>
  );
}

/** Rows the widget takes beyond the input line, for a screen counting its rows. */
export const textAnswerRows = (def: string | undefined, mask: boolean | undefined) => 1 + (def && !mask ? 1 : 0);
