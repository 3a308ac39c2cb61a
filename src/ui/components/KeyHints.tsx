import { Text } from 'ink';

/** The keys a screen understands, on one dim line. */
export function KeyHints({ hints }: { hints: string[] }) {
  return <Text dimColor>{hints.join(' · ')}</Text>;
}
