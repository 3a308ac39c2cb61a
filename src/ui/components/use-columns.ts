import { useStdout } from 'ink';
import { useEffect, useState } from 'react';
import { useUi } from './ui-context.js';

/**
 * The terminal's size, kept current on resize. Screens draw one column short of it: a line that fills the
 * last column leaves some terminals (tmux among them) in a pending wrap, Ink then miscounts the lines it has
 * to erase, and the header ends up drawn twice. Without a size (not a terminal) 80×24 is assumed.
 */
export function useTerminalSize(): { columns: number; rows: number } {
  const { stdout } = useStdout();
  const fixed = useUi().size;
  // realRows: the wizard hands Ink a stream that hides its height from Ink (see run-wizard), not from us
  const read = () => ({ columns: stdout?.columns || 80, rows: (stdout as { realRows?: number } | undefined)?.realRows || stdout?.rows || 24 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    if (!stdout || fixed) return;
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, fixed]);
  return fixed ?? size;
}
