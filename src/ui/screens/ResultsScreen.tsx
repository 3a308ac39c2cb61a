import { Box, Text, useInput } from 'ink';
import { flatAnswers } from '../../core/engine/questions.js';
import type { Inputs } from '../../core/engine/types.js';
import type { RunState } from '../../core/plan/state.js';
import { evalWhen } from '../../core/recipes/loader.js';
import type { WrittenFile } from '../../core/render/output-files.js';
import type { RenderedOutput } from '../../core/render/render.js';
import { KeyHints } from '../components/KeyHints.js';
import { OutputBlock } from '../components/OutputBlock.js';
import { ResourcesTable } from '../components/ResourcesTable.js';
import { Table } from '../components/Table.js';
import { useColor } from '../components/ui-context.js';
import { cliName } from '../../core/cli-name.js';

export function secretValues(inputs: Inputs): string[] {
  return [inputs.sipPassword?.reveal(), ...Object.values(inputs.answers.secrets).map((s) => s.reveal())].filter((s): s is string => !!s);
}

/** The end: what exists, each config and where to paste it, the files, the dashboard checklist, what to run next. */
export function ResultsScreen(props: { inputs: Inputs; outputs: RenderedOutput[]; files: WrittenFile[]; run?: RunState; reveal: boolean; onReveal: () => void; onDone: () => void }) {
  const { inputs, outputs, files, reveal } = props;
  const color = useColor();
  useInput((input, key) => {
    if (input === 'r') props.onReveal();
    else if (key.return || input === 'q') props.onDone();
  });
  const recipe = inputs.recipe;
  const flat = flatAnswers(inputs.answers);
  const checklist = recipe.checklist.filter((c) => evalWhen(c.when, inputs.direction, flat));
  const secrets = secretValues(inputs);
  const pathOf = (file: string) => files.find((f) => f.file === file)?.path;
  return (
    <Box flexDirection="column">
      <Text bold color={color('green')}>
        ✓ {recipe.title} ({inputs.direction}) is set up
      </Text>
      <ResourcesTable run={props.run} />
      {outputs.map((o) => (
        <OutputBlock key={o.id} output={o} secrets={secrets} reveal={reveal} path={pathOf(o.file)} />
      ))}
      <Box flexDirection="column" marginTop={1}>
        <Text bold>Files written</Text>
        {files.map((f) => (
          <Text key={f.path}>
            {f.path} <Text dimColor>({f.mode === 0o600 ? 'owner only: holds a secret' : 'mode 644'})</Text>
          </Text>
        ))}
      </Box>
      {checklist.length ? (
        <Box flexDirection="column" marginTop={1}>
          <Text bold>In the dashboards</Text>
          {checklist.map((c, i) => (
            <Text key={c.text}>
              [ ] {i + 1}. {c.text}
            </Text>
          ))}
        </Box>
      ) : null}
      {recipe.troubleshooting.length ? (
        <Box flexDirection="column" marginTop={1}>
          <Text bold>If it does not work</Text>
          <Table head={['SIP', 'Symptom: what to check']} rows={recipe.troubleshooting.map((t) => [t.sip_code ? String(t.sip_code) : '-', `${t.symptom}: ${t.check}`])} widths={[6]} />
        </Box>
      ) : null}
      <Box marginTop={1}>
        <Text>
          Next: <Text bold>{cliName()} verify {recipe.id}</Text> checks the trunk against this setup.
        </Text>
      </Box>
      <KeyHints hints={[reveal ? 'r: mask secrets' : 'r: reveal secrets', 'Enter / q: finish']} />
    </Box>
  );
}

/**
 * What stays in the terminal after the wizard: what was set up, where the configs are, the dashboard steps
 * left and the next command. Plain lines, short enough to fit on one screen.
 */
export function resultsFarewell(inputs: Inputs, files: WrittenFile[], run: RunState | undefined, label: string): string[] {
  const recipe = inputs.recipe;
  const checklist = recipe.checklist.filter((c) => evalWhen(c.when, inputs.direction, flatAnswers(inputs.answers)));
  const rel = (p: string) => (p.startsWith(process.cwd() + '/') ? p.slice(process.cwd().length + 1) : p);
  const secretFiles = files.filter((f) => f.mode === 0o600).length;
  return [
    `✓ ${recipe.title} (${inputs.direction}) is set up on ${label}${run?.trunkSid ? `: trunk ${run.trunkSid}` : ''}.`,
    ...(files.length ? [`Configs to paste (${files.length} file${files.length === 1 ? '' : 's'}${secretFiles ? `; ${secretFiles} hold a secret and are owner-only` : ''}):`, ...files.map((f) => `  ${rel(f.path)}`)] : []),
    ...(checklist.length ? ['Still to do in the dashboards:', ...checklist.map((c, i) => `  [ ] ${i + 1}. ${c.text}`)] : []),
    `Next: ${cliName()} verify ${recipe.id} checks the trunk; ${cliName()} render ${recipe.id} prints the configs again.`,
  ];
}

export function Farewell({ lines }: { lines: string[] }) {
  return (
    <Box flexDirection="column" marginTop={1}>
      {lines.map((l, i) => (
        <Text key={i} bold={i === 0}>
          {l}
        </Text>
      ))}
    </Box>
  );
}
