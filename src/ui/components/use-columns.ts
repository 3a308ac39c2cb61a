import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

/**
 * The terminal's width, kept current on resize. Screens draw one column short of it: a line that fills the
 * last column leaves some terminals (tmux among them) in a pending wrap, Ink then miscounts the lines it has
 * to erase, and the header ends up drawn twice.
 */
export function useColumns(): number {
  const { stdout } = useStdout();
  const [columns, setColumns] = useState(stdout?.columns || 80);
  useEffect(() => {
    if (!stdout) return;
    const onResize = () => setColumns(stdout.columns || 80);
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return columns;
}
