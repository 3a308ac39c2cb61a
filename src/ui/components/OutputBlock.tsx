import { Box, Text } from 'ink';
import type { RenderedOutput } from '../../core/render/render.js';
import { maskSecrets } from '../../core/render/output-files.js';
import { useColor } from './ui-context.js';

/** One rendered config: its title, where exactly to paste it, and the content (secrets masked unless revealed). */
export function OutputBlock({ output, secrets, reveal, path }: { output: RenderedOutput; secrets: string[]; reveal: boolean; path?: string }) {
  const color = useColor();
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text bold color={color('cyan')}>
        {output.title}
      </Text>
      <Text>Paste: {output.paste}</Text>
      {path ? <Text dimColor>File: {path}</Text> : null}
      {/* No border or indent: text copied from the terminal must paste as it is. */}
      <Text dimColor>{'─'.repeat(20)}</Text>
      <Text>{reveal ? output.content.trimEnd() : maskSecrets(output.content, secrets).trimEnd()}</Text>
      <Text dimColor>{'─'.repeat(20)}</Text>
    </Box>
  );
}
