import { Text } from 'ink';

/** The keys a screen understands, on one dim line (cut to the width: it is one row, always). */
export function KeyHints({ hints }: { hints: string[] }) {
  return (
    <Text dimColor wrap="truncate-end">
      {hints.join(' · ')}
    </Text>
  );
}
