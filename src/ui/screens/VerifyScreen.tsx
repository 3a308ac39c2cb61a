import { Box, useInput } from 'ink';
import type { VerifyReport } from '../../core/engine/types.js';
import { verifyView } from '../../present/verify.js';
import { KeyHints } from '../components/KeyHints.js';
import { usePaint, useRoom } from '../components/ui-context.js';
import { wrapText, type Paint } from '../layout/lines.js';
import { useScroll, Viewport } from '../layout/Viewport.js';

/** One report as lines: in sync with every check listed, or each drift item and how to repair it. */
export function verifyLines(report: VerifyReport, width: number, paint: Paint): string[] {
  const v = verifyView(report);
  if (v.trunkless) return wrapText(paint(['bold', 'green'], v.headline), width);
  return [
    ...wrapText(paint(['bold', v.inSync ? 'green' : 'yellow'], v.headline), width),
    ...v.checks.map((c) => `  ${c.ok ? paint('green', '✓') : paint('red', '✗')} ${c.resource.padEnd(12)}${c.item}`),
    ...v.drift.flatMap((d) => wrapText(`${paint('yellow', d.kind)} ${d.resource} ${d.text}`, width, { first: '  ! ', indent: 4 })),
    // what verify could not judge or chose to leave alone (Exotel's own credential, secure trunking, …)
    ...v.notes.flatMap((n) => wrapText(paint('yellow', `! ${n}`), width, { first: '  ', indent: 4 })),
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
