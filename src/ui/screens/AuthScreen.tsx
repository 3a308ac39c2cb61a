import { Box, useInput } from 'ink';
import type { Inputs } from '../../core/engine/types.js';
import { authView } from '../../present/auth.js';
import { KeyHints } from '../components/KeyHints.js';
import { usePaint, useRoom } from '../components/ui-context.js';
import { wrapText } from '../layout/lines.js';
import { useScroll, Viewport } from '../layout/Viewport.js';

export { authSummary } from '../../present/auth.js';

/** What the rules chose for authentication and why: one headline, one reason, the other decisions under plain labels. */
export function AuthScreen({ inputs, onContinue, onBack }: { inputs: Inputs; onContinue: () => void; onBack: () => void }) {
  const paint = usePaint();
  const { width, height } = useRoom();
  useInput((_i, key) => {
    if (key.return) onContinue();
    else if (key.escape) onBack();
  });
  const v = authView(inputs);
  const lines = [
    ...wrapText(paint('bold', v.headline), width),
    ...(v.why ? wrapText(v.why, width) : []),
    ...(v.bullets.length || v.warnings.length ? [''] : []),
    ...v.bullets.flatMap((b) => wrapText(`${paint('green', b.label)}: ${b.text}`, width, { first: `${paint('green', '•')} `, indent: 2 })),
    ...v.warnings.flatMap((w) => wrapText(paint('yellow', w), width, { first: paint('yellow', '! '), indent: 2 })),
  ];
  const { win } = useScroll(lines, height - 1, width);
  return (
    <Box flexDirection="column">
      <Viewport lines={lines} win={win} />
      <KeyHints hints={['Enter: see the plan', 'Esc: back to the answers', ...(win.above || win.below ? ['PgUp/PgDn: scroll'] : [])]} />
    </Box>
  );
}
