import { Box, Text, useInput } from 'ink';
import { Select } from '../components/Select.js';
import type { Plan } from '../../core/engine/types.js';
import { KeyHints } from '../components/KeyHints.js';
import { useColor } from '../components/ui-context.js';

export type PlanChoice = 'apply' | 'curl' | 'answers' | 'back' | 'quit';

/** The API path without the account prefix every call shares: …/trunks/{trunk_sid}/credentials */
export const shortPath = (path: string) => path.replace(/^\/v2\/accounts\/[^/]+/, '…');

/** Every API call that will be made, in order, with its reason; export it or confirm. */
export function PlanScreen(props: { plan: Plan; mode: 'sandbox' | 'live'; label: string; notice?: string; onChoose: (c: PlanChoice) => void }) {
  const { plan, mode } = props;
  const color = useColor();
  useInput((_i, key) => key.escape && props.onChoose('back'));
  const confirm = !plan.steps.length
    ? 'Nothing to create: continue to the configs'
    : mode === 'live'
      ? `Apply: make these ${plan.steps.length} changes in your real Exotel account ${props.label.replace(/^LIVE /, '')}`
      : `Apply in the SANDBOX (${plan.steps.length} calls, nothing is created at Exotel)`;
  const items: { key: string; label: string; value: PlanChoice }[] = [
    { key: 'apply', label: confirm, value: 'apply' },
    { key: 'curl', label: 'Export the plan as a curl script (./exotrunk-plan.sh)', value: 'curl' },
    { key: 'answers', label: 'Save the answers for headless runs (./exotrunk-answers.yaml)', value: 'answers' },
    { key: 'back', label: 'Back: the auth decision, then the answers (Esc)', value: 'back' },
    { key: 'quit', label: 'Quit without changing anything', value: 'quit' },
  ];
  return (
    <Box flexDirection="column">
      <Text bold>
        Plan for {plan.recipeId} ({plan.direction}), trunk {plan.trunkName}
        {plan.trunkSid ? ` (${plan.trunkSid})` : ''}
      </Text>
      {plan.steps.map((s, i) => (
        <Box key={s.id} flexDirection="row">
          <Box width={4}>
            <Text>{i + 1}.</Text>
          </Box>
          {/* a column of its own, so wrapped lines stay indented under the title */}
          <Box flexDirection="column" flexShrink={1}>
            <Text>
              {s.title} <Text dimColor>{s.request.method} {shortPath(s.request.path)}</Text>
            </Text>
            <Text dimColor>{s.reason}</Text>
          </Box>
        </Box>
      ))}
      {plan.inSync.length ? <Text color={color('green')}>Already in place: {plan.inSync.join(', ')}</Text> : null}
      {plan.manual.map((m) => (
        <Text key={m} color={color('yellow')}>
          Dashboard step: {m}
        </Text>
      ))}
      {plan.warnings.map((w) => (
        <Text key={w} color={color('yellow')}>
          ! {w}
        </Text>
      ))}
      {props.notice ? <Text color={color('green')}>{props.notice}</Text> : null}
      <Box marginTop={1}>
        <Select items={items} onSelect={(i) => props.onChoose(i.value)} />
      </Box>
      <KeyHints hints={['Enter: choose', 'Esc: back']} />
    </Box>
  );
}
