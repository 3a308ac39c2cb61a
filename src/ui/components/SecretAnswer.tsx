import { Box, Text } from 'ink';
import { Select } from './Select.js';
import { useState } from 'react';
import type { AnswerSource, Question } from '../../core/engine/types.js';
import { generatePassword } from '../../core/engine/index.js';
import { TextAnswer } from './TextAnswer.js';
import { useColor } from './ui-context.js';

/** A secret: masked as typed; a SIP password can be generated (the default) or kept from the previous run. */
export function SecretAnswer({ q, previous, error, onSubmit }: { q: Question; previous?: string; error?: string; onSubmit: (v: string, source: AnswerSource) => void }) {
  const color = useColor();
  const isPassword = q.id === 'sip_password' || q.validate === 'sip_password';
  const [typing, setTyping] = useState(!isPassword);
  if (typing) {
    return <TextAnswer q={q} mask error={error} onSubmit={(v) => (v.trim() || !isPassword ? onSubmit(v, 'prompt') : onSubmit(generatePassword(), 'generated'))} />;
  }
  const items = [
    ...(previous ? [{ key: 'keep', label: 'Keep the password given before', value: 'keep' }] : []),
    { key: 'gen', label: 'Generate a strong password (recommended)', value: 'generate' },
    { key: 'type', label: 'Type my own', value: 'type' },
  ];
  return (
    <Box flexDirection="column">
      <Select
        items={items}
        onSelect={(i) => {
          if (i.value === 'keep' && previous) onSubmit(previous, 'state');
          else if (i.value === 'generate') onSubmit(generatePassword(), 'generated');
          else setTyping(true);
        }}
      />
      {error ? <Text color={color('red')}>✗ {error}</Text> : null}
    </Box>
  );
}
