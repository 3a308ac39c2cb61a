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
      <Box borderStyle="single" borderDimColor paddingX={1}>
        <Text>{reveal ? output.content.trimEnd() : maskSecrets(output.content, secrets).trimEnd()}</Text>
      </Box>
    </Box>
  );
}
