import { Box, useInput } from 'ink';
import type { VerifyReport } from '../../core/engine/types.js';
import { count } from '../../present/words.js';
import { KeyHints } from '../components/KeyHints.js';
import { usePaint, useRoom } from '../components/ui-context.js';
import { wrapText, type Paint } from '../layout/lines.js';
import { useScroll, Viewport } from '../layout/Viewport.js';

/** One report as lines: in sync with every check listed, or each drift item and how to repair it. */
export function verifyLines(report: VerifyReport, width: number, paint: Paint): string[] {
  if (!report.checked.length && report.inSync) return wrapText(paint(['bold', 'green'], `✓ ${report.recipeId}: nothing to check at Exotel (this setup uses no trunk)`), width);
  const head = report.inSync
    ? paint(['bold', 'green'], `✓ ${report.recipeId}: trunk ${report.trunkSid} matches the setup (${count(report.checked.length, 'check')})`)
    : paint(['bold', 'yellow'], `! ${report.recipeId}: trunk ${report.trunkSid} has drifted (${count(report.items.length, 'item')})`);
  return [
    ...wrapText(head, width),
    ...report.checked.map((c) => `  ${c.ok ? paint('green', '✓') : paint('red', '✗')} ${c.resource.padEnd(12)}${c.key}`),
    ...report.items.flatMap((i) =>
      wrapText(`${paint('yellow', i.kind)} ${i.resource} ${i.key}${i.expected ? `: expected ${i.expected}` : ''}${i.actual ? `, found ${i.actual}` : ''}. ${i.repair === 'apply' ? 'Re-apply repairs it' : 'In the dashboard'}: ${i.how}`, width, { first: '  ! ', indent: 4 }),
    ),
    // what verify could not judge or chose to leave alone (Exotel's own credential, secure trunking, …)
    ...(report.notes ?? []).flatMap((n) => wrapText(paint('yellow', n), width, { first: '  note: ', indent: 8 })),
  ];
}

/** The trunk (or every trunk) against the journal: the checks made, and each drift item and its repair. */
export function VerifyScreen({ reports, onDone }: { reports: VerifyReport[]; onDone: () => void }) {
  const paint = usePaint();
  const { width, height } = useRoom();
  useInput((input, key) => (key.return || key.escape || input === 'q') && onDone());
  const lines = reports.flatMap((r, i) => [...(i ? [''] : []), ...verifyLines(r, width, paint)]);
  const { win } = useScroll(lines, height - 1, width, { arrows: true });
  return (
    <Box flexDirection="column">
      <Viewport lines={lines} win={win} />
      <KeyHints hints={['Enter / Esc: back to the menu', ...(win.above || win.below ? ['↑↓ PgUp/PgDn: scroll'] : [])]} />
    </Box>
  );
}
