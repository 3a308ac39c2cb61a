import { Box, Text, useInput } from 'ink';
import type { VerifyReport } from '../../core/engine/types.js';
import { KeyHints } from '../components/KeyHints.js';
import { Table } from '../components/Table.js';
import { useColor } from '../components/ui-context.js';

/** The trunk against the journal: in sync, or each drift item and how to repair it. */
export function VerifyScreen({ report, onDone }: { report: VerifyReport; onDone: () => void }) {
  const color = useColor();
  useInput((input, key) => (key.return || key.escape || input === 'q') && onDone());
  return (
    <Box flexDirection="column">
      {report.inSync ? (
        <Text bold color={color('green')}>
          ✓ {report.recipeId}: trunk {report.trunkSid} matches the setup ({report.checked.length} checks)
        </Text>
      ) : (
        <Text bold color={color('yellow')}>
          ! {report.recipeId}: trunk {report.trunkSid} has drifted ({report.items.length} items)
        </Text>
      )}
      {report.items.length ? (
        <Table
          head={['Drift', 'Resource', 'What and how to repair']}
          rows={report.items.map((i) => [i.kind, i.resource, `${i.key}${i.expected ? ` expected ${i.expected}` : ''}${i.actual ? `, found ${i.actual}` : ''}. ${i.repair === 'apply' ? 'Re-apply repairs it' : 'Dashboard'}: ${i.how}`])}
          widths={[11, 12]}
        />
      ) : null}
      {(report.notes ?? []).map((n) => (
        <Text key={n} color={color('yellow')}>
          ! {n}
        </Text>
      ))}
      <KeyHints hints={['Enter: back to the menu']} />
    </Box>
  );
}
