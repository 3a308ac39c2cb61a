import { Box, Text, useInput } from 'ink';
import type { Inputs } from '../../core/engine/types.js';
import { KeyHints } from '../components/KeyHints.js';
import { useColor } from '../components/ui-context.js';

export function authSummary(inputs: Inputs): string {
  const { digest, aclIps } = inputs.auth;
  if (inputs.skipTrunk) return 'no Exotel trunk is needed for this path';
  if (digest && aclIps.length) return `IP whitelist (${aclIps.join(', ')}) and SIP digest`;
  if (digest) return 'SIP digest (username and password)';
  if (aclIps.length) return `IP whitelist (ACL): ${aclIps.join(', ')}`;
  return 'none needed';
}

/** What the rules chose for authentication and why, next to the partner's published egress. */
export function AuthScreen({ inputs, onContinue, onBack }: { inputs: Inputs; onContinue: () => void; onBack: () => void }) {
  const color = useColor();
  useInput((_i, key) => {
    if (key.return) onContinue();
    else if (key.escape) onBack();
  });
  const eg = inputs.recipe.egress;
  const listed = [...eg.ips, ...eg.cidrs].join(', ');
  const source = {
    static: `fixed IPs ${listed}`,
    cidr: `published ranges ${listed}`,
    dynamic: 'shared cloud addresses (no fixed IP)',
    user: listed ? `the IPs you entered (${listed})` : 'the IPs you entered',
  }[eg.kind];
  return (
    <Box flexDirection="column">
      <Text bold>Authentication: {authSummary(inputs)}</Text>
      <Text>
        {inputs.recipe.title} sends SIP from {source}
      </Text>
      {eg.note ? <Text dimColor>{eg.note}</Text> : null}
      <Box flexDirection="column" marginTop={1}>
        {inputs.auth.decisions.map((d) => (
          <Box key={`${d.topic}:${d.choice}`} flexDirection="row">
            <Box width={2}>
              <Text color={color('green')}>•</Text>
            </Box>
            <Box flexShrink={1}>
              <Text>
                <Text color={color('green')}>{d.choice}</Text>: {d.reason}
              </Text>
            </Box>
          </Box>
        ))}
        {inputs.auth.warnings.map((w) => (
          <Text key={w} color={color('yellow')}>
            ! {w}
          </Text>
        ))}
      </Box>
      <KeyHints hints={['Enter: see the plan', 'Esc: back']} />
    </Box>
  );
}
