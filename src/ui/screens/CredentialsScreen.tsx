import { Box, Text, useInput } from 'ink';
import { Select } from '../components/Select.js';
import { useState } from 'react';
import { Secret, validateAccountSid } from '../../core/engine/light.js';
import type { LiveCredentials } from '../../core/engine/types.js';
import { KeyHints } from '../components/KeyHints.js';
import { LineInput } from '../components/LineInput.js';
import { useColor, useRoom } from '../components/ui-context.js';
import { wrapText } from '../layout/lines.js';
import { Lines } from '../layout/TextLines.js';

export type { LiveCredentials };

/** What the form starts from after a failed check: the SID, key and region typed before (never the token). */
export type CredentialsDraft = Partial<Pick<LiveCredentials, 'accountSid' | 'apiKey' | 'region'>>;

const FIELDS = [
  { id: 'accountSid', prompt: 'Exotel account SID (API Settings in the dashboard)' },
  { id: 'apiKey', prompt: 'API key' },
  { id: 'apiToken', prompt: 'API token (hidden)' },
] as const;

/**
 * Live credentials, one field at a time; the token is masked and kept in a Secret from the first keystroke on.
 * The API key defaults to the account SID (Exotel's key is often the SID itself). When the form is done the
 * wizard checks them with one read at Exotel before anything else, and before a profile is saved.
 */
export function CredentialsScreen({ error, initial = {}, onDone, onCancel }: { error?: string; initial?: CredentialsDraft; onDone: (c: LiveCredentials) => void; onCancel: () => void }) {
  const color = useColor();
  const { width } = useRoom();
  const [step, setStep] = useState(0);
  const [got, setGot] = useState<{ accountSid?: string; apiKey?: string; apiToken?: Secret; region?: 'in' | 'sg' }>({});
  const [empty, setEmpty] = useState(false);
  const [invalid, setInvalid] = useState<string>();
  // Esc steps back one field (what was typed before stays); from the first field it leaves for the sandbox.
  useInput((_i, key) => {
    if (!key.escape) return;
    setEmpty(false);
    setInvalid(undefined);
    if (step === 0) onCancel();
    else setStep(step - 1);
  });
  const field = FIELDS[step];
  const fallback = field?.id === 'accountSid' ? initial.accountSid : field?.id === 'apiKey' ? (initial.apiKey && initial.apiKey !== initial.accountSid ? initial.apiKey : got.accountSid) : undefined;
  const submitText = (v: string) => {
    if (!field) return;
    const value = v.trim() || fallback;
    if (!value) return setEmpty(true);
    setEmpty(false);
    // the same check the headless commands make, before any request
    const sid = field.id === 'accountSid' ? validateAccountSid(value) : undefined;
    setInvalid(sid && !sid.ok ? sid.message : undefined);
    if (sid && !sid.ok) return;
    setGot({ ...got, [field.id]: field.id === 'apiToken' ? new Secret(value) : value });
    setStep(step + 1);
  };
  const regions = [
    { label: 'India (api.in.exotel.com)', value: 'in' as const },
    { label: 'Singapore (api.exotel.com)', value: 'sg' as const },
  ];
  return (
    <Box flexDirection="column">
      {error ? <Lines lines={wrapText(`✗ ${error}`, width, { indent: 2 })} /> : null}
      {/* only the fields before the one asked: after Esc, the field asked again is not also shown as done */}
      {got.accountSid && step > 0 ? <Text dimColor>Account SID: {got.accountSid}</Text> : null}
      {got.apiKey && step > 1 ? <Text dimColor>API key: {got.apiKey === got.accountSid ? `${got.apiKey} (the account SID)` : got.apiKey}</Text> : null}
      {got.apiToken && step > 2 ? <Text dimColor>API token: {Secret.mask}</Text> : null}
      {field ? (
        <Box>
          <Text>{field.prompt}: </Text>
          <LineInput key={field.id} onSubmit={submitText} mask={field.id === 'apiToken' ? '*' : undefined} placeholder={fallback} />
        </Box>
      ) : null}
      {field && fallback ? <Text dimColor>Enter on an empty line takes {field.id === 'apiKey' && fallback === got.accountSid ? 'the account SID' : fallback}.</Text> : null}
      {field && invalid ? <Text color={color('yellow')}>{invalid}</Text> : null}
      {field && empty ? <Text color={color('yellow')}>The {field.prompt.replace(/ \(.*$/, '')} is needed to reach your account (Esc: {step ? 'back' : 'use the sandbox'}).</Text> : null}
      {field ? null : step === 3 ? (
        <Box flexDirection="column">
          <Text>Region of the account</Text>
          <Select
            items={regions}
            initialIndex={initial.region === 'sg' ? 1 : 0}
            onSelect={(i) => {
              setGot({ ...got, region: i.value });
              setStep(4);
            }}
          />
        </Box>
      ) : (
        <Box flexDirection="column">
          <Text>Save these as a profile once Exotel accepts them? (the token goes to a file readable only by you)</Text>
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
