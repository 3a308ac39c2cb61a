import { Text } from 'ink';
import Spinner from 'ink-spinner';
import { useColor, useUi } from './ui-context.js';

/** A spinner and what is being done; a fixed glyph when the spinner is static (tests). */
export function Working({ label }: { label: string }) {
  const { staticSpinner } = useUi();
  const color = useColor();
  return (
    <Text>
      <Text color={color('cyan')}>{staticSpinner ? '*' : <Spinner type="dots" />}</Text> {label}
    </Text>
  );
}
