import { Box, useInput } from 'ink';
import { KeyHints } from '../components/KeyHints.js';
import { usePaint, useRoom } from '../components/ui-context.js';
import { tornDownView, type TornDown } from '../../present/teardown.js';
import { wrapText } from '../layout/lines.js';
import { Lines } from '../layout/TextLines.js';

/** Done: what was deleted, and what the trunk API cannot undo (the partner side, the Flow): the headless words. */
export function TornDownScreen({ t, onDone }: { t: TornDown; onDone: () => void }) {
  const paint = usePaint();
  const { width } = useRoom();
  useInput((input, key) => (key.return || key.escape || input === 'q') && onDone());
  const v = tornDownView(t);
  const lines = [
    ...wrapText(paint('green', v.headline), width),
    ...(v.undo.length ? ['Still to undo by hand:', ...v.undo.flatMap((l) => wrapText(l, width, { first: '  • ', indent: 4 }))] : []),
    ...(v.removed ? wrapText(v.removed, width) : []),
  ];
  return (
    <Box flexDirection="column">
      <Lines lines={lines} />
      <KeyHints hints={['Enter: back to the menu']} />
    </Box>
  );
}
