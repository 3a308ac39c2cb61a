import { Box, useInput } from 'ink';
import type { VerifyReport } from '../../core/engine/types.js';
import { verifyView, type PartnerView } from '../../present/verify.js';
import { KeyHints } from '../components/KeyHints.js';
import { usePaint, useRoom } from '../components/ui-context.js';
import { wrapText, type Paint } from '../layout/lines.js';
import { useScroll, Viewport } from '../layout/Viewport.js';

/** One report as lines: in sync with every check listed, or each drift item and how to repair it. */
export function verifyLines(report: VerifyReport, width: number, paint: Paint): string[] {
  const v = verifyView(report);
  if (v.trunkless) return wrapText(paint(['bold', 'green'], v.headline), width);
  // a partner side that differs comes right after the headline, on the first screen; one in sync after the trunk's checks
  const partner = v.partner ? partnerLines(v.partner, width, paint) : [];
  const partnerFirst = v.partner && !v.partner.inSync;
  return [
    ...wrapText(paint(['bold', v.inSync ? 'green' : 'yellow'], v.headline), width),
    ...v.drift.flatMap((d) => wrapText(`${paint('yellow', d.kind)} ${d.resource} ${d.text}`, width, { first: '  ! ', indent: 4 })),
    ...(partnerFirst ? [...partner.slice(1), ''] : []),
    ...v.checks.map((c) => `  ${c.ok ? paint('green', '✓') : paint('red', '✗')} ${c.resource.padEnd(12)}${c.item}`),
    // what verify could not judge or chose to leave alone (Exotel's own credential, secure trunking, …)
    ...v.notes.flatMap((n) => wrapText(paint('yellow', `! ${n}`), width, { first: '  ', indent: 4 })),
    ...(partnerFirst ? [] : partner),
  ];
}

const MARK_COLOR = { ok: 'green', drift: 'red', missing: 'red', 'not-comparable': 'yellow' } as const;

/**
 * The partner side (issue 17): each cross-side check with both sides' values and, when they differ, which side
 * is off; then the partner's fields that differ from the recipe, the verdict and what could not be compared.
 */
export function partnerLines(p: PartnerView, width: number, paint: Paint): string[] {
  return [
    '',
    ...wrapText(paint(['bold', p.inSync ? 'green' : 'yellow'], p.heading), width),
    ...p.cross.flatMap((c) => [
      ...wrapText(`${paint(MARK_COLOR[c.status], c.mark)} ${c.check}`, width, { first: '  ', indent: 4 }),
      ...c.lines.flatMap((l) => wrapText(c.status !== 'ok' && l.startsWith('expected ') ? paint('yellow', l) : l, width, { first: '      ', indent: 8 })),
    ]),
    ...(p.offHeading ? wrapText(paint('yellow', p.offHeading), width, { indent: 2 }) : []),
    ...p.off.flatMap((o) => wrapText(`${o.resource} ${o.field}: ${o.text}`, width, { first: '  ! ', indent: 4 })),
    ...wrapText(paint(p.inSync ? 'green' : 'yellow', p.verdict), width, { indent: 2 }),
    ...p.notes.flatMap((n) => wrapText(paint('dim', n), width, { first: '  ', indent: 4 })),
  ];
}

/**
 * The trunk (or every trunk) against the journal, and the partner side against the trunk: the checks made, each
 * drift item and its repair. r plans the repair of the first setup that differs, on whichever side differs.
 */
export function VerifyScreen({ reports, onDone, onRepair }: { reports: VerifyReport[]; onDone: () => void; onRepair?: (recipeId: string) => void }) {
  const paint = usePaint();
  const { width, height } = useRoom();
  const drifted = reports.find((r) => !r.inSync);
  useInput((input, key) => {
    if (input === 'r' && drifted && onRepair) onRepair(drifted.recipeId);
    else if (key.return || key.escape || input === 'q') onDone();
  });
  const lines = reports.flatMap((r, i) => [...(i ? [''] : []), ...verifyLines(r, width, paint)]);
  const { win } = useScroll(lines, height - 1, width, { arrows: true });
  return (
    <Box flexDirection="column">
      <Viewport lines={lines} win={win} />
      <KeyHints hints={[...(drifted && onRepair ? [`r: repair ${drifted.recipeId} (plan first)`] : []), 'Enter / Esc: back to the menu', ...(win.above || win.below ? ['↑↓ PgUp/PgDn: scroll'] : [])]} />
    </Box>
  );
}
