import { Box, Text, useInput } from 'ink';
import { Select } from '../components/Select.js';
import { useState } from 'react';
import { Secret } from '../../core/secret.js';
import { KeyHints } from '../components/KeyHints.js';
import { LineInput } from '../components/LineInput.js';
import { useColor } from '../components/ui-context.js';

export interface LiveCredentials {
  accountSid: string;
  apiKey: string;
  apiToken: Secret;
  region: 'in' | 'sg';
  saveProfile: boolean;
}

const FIELDS = [
  { id: 'accountSid', prompt: 'Exotel account SID (API Settings in the dashboard)' },
  { id: 'apiKey', prompt: 'API key' },
  { id: 'apiToken', prompt: 'API token (hidden)' },
] as const;

/** Live credentials, one field at a time; the token is masked and kept in a Secret from the first keystroke on. */
export function CredentialsScreen({ error, onDone, onCancel }: { error?: string; onDone: (c: LiveCredentials) => void; onCancel: () => void }) {
  const color = useColor();
  const [step, setStep] = useState(0);
  const [got, setGot] = useState<{ accountSid?: string; apiKey?: string; apiToken?: Secret; region?: 'in' | 'sg' }>({});
  const [empty, setEmpty] = useState(false);
  // Esc steps back one field (what was typed before stays); from the first field it leaves for the sandbox.
  useInput((_i, key) => {
    if (!key.escape) return;
    setEmpty(false);
    if (step === 0) onCancel();
    else setStep(step - 1);
  });
  const field = FIELDS[step];
  const submitText = (v: string) => {
    if (!field) return;
    if (!v.trim()) return setEmpty(true);
    setEmpty(false);
    setGot({ ...got, [field.id]: field.id === 'apiToken' ? new Secret(v.trim()) : v.trim() });
    setStep(step + 1);
  };
  return (
    <Box flexDirection="column">
      {error ? <Text color={color('red')}>✗ {error}</Text> : null}
      {got.accountSid ? <Text dimColor>Account SID: {got.accountSid}</Text> : null}
      {got.apiKey ? <Text dimColor>API key: {got.apiKey}</Text> : null}
      {got.apiToken ? <Text dimColor>API token: {Secret.mask}</Text> : null}
      {field ? (
        <Box>
          <Text>{field.prompt}: </Text>
          <LineInput key={field.id} onSubmit={submitText} mask={field.id === 'apiToken' ? '*' : undefined} />
        </Box>
      ) : null}
      {field && empty ? <Text color={color('yellow')}>The {field.prompt.replace(/ \(.*$/, '')} is needed to reach your account (Esc: {step ? 'back' : 'use the sandbox'}).</Text> : null}
      {field ? null : step === 3 ? (
        <Box flexDirection="column">
          <Text>Region of the account</Text>
          <Select
            items={[
              { label: 'India (api.in.exotel.com)', value: 'in' as const },
              { label: 'Singapore (api.exotel.com)', value: 'sg' as const },
            ]}
            onSelect={(i) => {
              setGot({ ...got, region: i.value });
              setStep(4);
            }}
          />
        </Box>
      ) : (
        <Box flexDirection="column">
          <Text>Save these as a profile for next time? (the token goes to a file readable only by you)</Text>
          <Select
            items={[
              { label: 'Yes, save the profile', value: true },
              { label: 'No, use them for this session only', value: false },
            ]}
            onSelect={(i) => onDone({ accountSid: got.accountSid!, apiKey: got.apiKey!, apiToken: got.apiToken!, region: got.region ?? 'in', saveProfile: i.value })}
          />
        </Box>
      )}
      <KeyHints hints={['Enter: next', step ? 'Esc: back one field' : 'Esc: back to the sandbox']} />
    </Box>
  );
}
