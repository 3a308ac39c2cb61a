import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import type { Inputs, RenderedOutput, RunState, WrittenFile } from '../../core/engine/types.js';
import { maskSecrets } from '../../core/engine/index.js';
import { relPath, resultsModel, troubleshootingOf, type ResultsModel } from '../../present/results.js';
import { count } from '../../present/words.js';
import { KeyHints } from '../components/KeyHints.js';
import { Pager } from '../components/Pager.js';
import { Select } from '../components/Select.js';
import { usePaint, useRoom } from '../components/ui-context.js';
import { truncate, wrapText, type Paint } from '../layout/lines.js';
import { useScroll, Viewport } from '../layout/Viewport.js';

export function secretValues(inputs: Inputs): string[] {
  return [inputs.sipPassword?.reveal(), ...Object.values(inputs.answers.secrets).map((s) => s.reveal())].filter((s): s is string => !!s);
}

export interface ResultsProps {
  inputs: Inputs;
  outputs: RenderedOutput[];
  files: WrittenFile[];
  run?: RunState;
  /** SANDBOX, LIVE acme (in), LOCAL http://… */
  targetLabel: string;
  reveal: boolean;
  onReveal: () => void;
  /** leave the wizard; raw: text to print as it is once the wizard is gone (configs to copy) */
  onFinish: (raw?: string) => void;
}

/** The one-screen results as lines: what exists, the numbered next steps, the files. */
export function resultsBody(m: ResultsModel, width: number, paint: Paint): string[] {
  const pad = Math.max(0, ...m.exists.map((e) => e.label.length)) + 2;
  return [
    ...wrapText(paint(['bold', 'green'], `✓ ${m.headline}`), width),
    ...(m.trunkless ? wrapText('  No Exotel trunk: this path connects without one.', width, { indent: 2 }) : m.exists.flatMap((e) => wrapText(`${e.label.padEnd(pad)}${e.value}`, width, { first: '  ', indent: 2 + pad }))),
    paint('bold', 'Next steps:'),
    ...m.steps.flatMap((s, i) => [
      ...wrapText(s, width, { first: `  ${`${i + 1}.`.padEnd(3)} `, indent: 6 }),
      ...(i === 0 ? m.pasteItems.flatMap((p) => wrapText(p, width, { first: '      • ', indent: 8 })) : []),
    ]),
    ...(m.trunkless ? wrapText(m.next, width, { indent: 2 }) : []),
    ...(m.filesLine ? [paint('bold', `Files: ${m.filesLine}`), ...m.files.map((f) => truncate(`  ${f.rel}${f.secret ? paint('dim', ' (secret)') : ''}`, width))] : []),
  ];
}

/** One config as printed into the terminal: the file named first, then the content exactly as in the file. */
export function rawConfig(o: RenderedOutput, path: string | undefined, secrets: string[], reveal: boolean): string {
  const content = reveal ? o.content : maskSecrets(o.content, secrets);
  const masked = !reveal && content !== o.content;
  return [`── ${o.title}${path ? `: ${relPath(path)}` : ''}`, `Paste: ${o.paste}`, ...(masked ? ['(secrets masked here; the file holds them)'] : []), '', content.replace(/\n+$/, ''), ''].join('\n');
}

type Mode = { tag: 'summary' } | { tag: 'files' } | { tag: 'view'; index: number } | { tag: 'trouble' };

/**
 * The end of a run, on one screen: what exists, the next steps with the real trunk sid, the files written.
 * Configs and troubleshooting open on demand in a viewer that scrolls inside the wizard; a config can be
 * printed into the terminal as it is after the wizard ends, for copying whole.
 */
export function ResultsScreen(props: ResultsProps) {
  const { inputs, outputs, files, reveal } = props;
  const paint = usePaint();
  const { width, height } = useRoom();
  const [mode, setMode] = useState<Mode>({ tag: 'summary' });
  const secrets = secretValues(inputs);
  const pathOf = (file: string) => files.find((f) => f.file === file)?.path;
  const m = resultsModel(inputs, outputs, files, props.run, props.targetLabel);
  const trouble = troubleshootingOf(inputs, props.run);
  const printAll = () => props.onFinish(outputs.map((o) => rawConfig(o, pathOf(o.file), secrets, reveal)).join('\n'));
  const summary = mode.tag === 'summary';
  useInput(
    (input) => {
      if (input === 'r') props.onReveal();
      else if (input === 'q') props.onFinish();
    },
    { isActive: summary },
  );
  const lines = resultsBody(m, width, paint);
  const items = [
    ...(outputs.length ? [{ key: 'files', label: `View a config (${count(outputs.length, 'file')})`, value: 'files' }] : []),
    ...(trouble.length ? [{ key: 'trouble', label: `If a call fails: what to check (${trouble.length})`, value: 'trouble' }] : []),
    ...(outputs.length ? [{ key: 'print', label: 'Print every config into the terminal, then finish', value: 'print' }] : []),
    { key: 'finish', label: 'Finish', value: 'finish' },
  ];
  const { win } = useScroll(lines, Math.max(3, height - items.length - 1), width, { isActive: summary });

  if (mode.tag === 'view') {
    const o = outputs[mode.index]!;
    const path = pathOf(o.file);
    const content = (reveal ? o.content : maskSecrets(o.content, secrets)).replace(/\n+$/, '');
    // r only where there is something to reveal: a file that holds no secret has nothing masked
    const holdsSecret = maskSecrets(o.content, secrets) !== o.content;
    return (
      <Pager
        head={[...wrapText(paint(['bold', 'cyan'], o.title), width), ...wrapText(`Paste: ${o.paste}`, width, { indent: 2 }), ...(path ? [truncate(paint('dim', `File: ${relPath(path)}`), width)] : [])]}
        body={content.split('\n')}
        code
        hints={['p: print it and finish', ...(holdsSecret ? [reveal ? 'r: mask secrets' : 'r: reveal secrets'] : [])]}
        onBack={() => setMode({ tag: 'files' })}
        onKey={(k) => {
          if (k === 'p') props.onFinish(rawConfig(o, path, secrets, reveal));
          else if (k === 'r' && holdsSecret) props.onReveal();
        }}
      />
    );
  }
  if (mode.tag === 'trouble') {
    // "SIP 488" once, not "SIP 488 488 Not Acceptable Here"
    const body = trouble.flatMap((t) => wrapText(`${t.code && !t.symptom.startsWith(String(t.code)) ? paint('bold', `SIP ${t.code}`) + ' ' : ''}${t.symptom}: ${t.check}`, width, { first: '• ', indent: 2 }));
    const dir = { outbound: 'outbound calls', inbound: 'inbound calls', both: 'both directions' }[inputs.direction];
    return <Pager head={wrapText(paint('bold', `If a call fails: ${inputs.recipe.title}, ${dir}`), width)} body={body} onBack={() => setMode({ tag: 'summary' })} />;
  }
  if (mode.tag === 'files') {
    const names = outputs.map((o) => o.file.split('/').pop() ?? o.file);
    const col = Math.min(Math.floor(width / 2), Math.max(...names.map((n) => n.length)));
    const list = outputs.map((o, i) => ({ key: o.id, label: `${names[i]!.padEnd(col)}  ${o.title}${o.secret ? ' (holds a secret)' : ''}`, value: i }));
    const dirs = [...new Set(outputs.map((o) => pathOf(o.file)).filter((p): p is string => !!p).map((p) => relPath(p).replace(/\/[^/]*$/, '/')))];
    return (
      <FilesMenu
        title={`Which config?${dirs.length === 1 ? ` (in ${dirs[0]})` : ''} Each one says where it goes.`}
        items={[...list, { key: 'back', label: 'Back to the results', value: -1 }]}
        height={height}
        onPick={(i) => setMode(i < 0 ? { tag: 'summary' } : { tag: 'view', index: i })}
        onPrintAll={printAll}
      />
    );
  }
  return (
    <Box flexDirection="column">
      <Viewport lines={lines} win={win} />
      <Select
        items={items}
        pageKeys={false}
        onSelect={(i) => {
          if (i.value === 'files') setMode({ tag: 'files' });
          else if (i.value === 'trouble') setMode({ tag: 'trouble' });
          else if (i.value === 'print') printAll();
          else props.onFinish();
        }}
      />
      <KeyHints hints={['Enter: choose', 'q: finish', ...(win.above || win.below ? ['PgUp/PgDn: scroll'] : [])]} />
    </Box>
  );
}

function FilesMenu({ title, items, height, onPick, onPrintAll }: { title: string; items: { key: string; label: string; value: number }[]; height: number; onPick: (i: number) => void; onPrintAll: () => void }) {
  useInput((input, key) => {
    if (key.escape || input === 'q') onPick(-1);
    else if (input === 'p') onPrintAll();
  });
  const limit = items.length + 2 <= height ? items.length : Math.max(3, height - 4);
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">
        {title}
      </Text>
      <Select items={items} limit={limit} onSelect={(i) => onPick(i.value)} />
      <KeyHints hints={['Enter: view it', 'p: print them all and finish', 'Esc: back']} />
    </Box>
  );
}
