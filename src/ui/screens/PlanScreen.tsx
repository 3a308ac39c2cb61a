import { Box, useInput } from 'ink';
import type { Plan } from '../../core/engine/types.js';
import { applyChoice, partnerOfPlan, planView, sidesWhere } from '../../present/plan.js';
import { teardownConfirmLines } from '../../present/teardown.js';
import type { TargetLabel } from '../../present/target.js';
import { KeyHints } from '../components/KeyHints.js';
import { Select } from '../components/Select.js';
import { usePaint, useRoom } from '../components/ui-context.js';
import { wrapText } from '../layout/lines.js';
import { Lines } from '../layout/TextLines.js';
import { useScroll, Viewport } from '../layout/Viewport.js';
import type { ExportKind } from '../state/wizard-reducer.js';

export type PlanChoice = 'apply' | 'curl' | 'answers' | 'back' | 'quit';

export interface PlanScreenProps {
  plan: Plan;
  target: TargetLabel;
  notice?: string;
  /** the files the exports write (per recipe) */
  files: { curl: string; answers: string };
  /** an export would overwrite this kind of file: ask first */
  confirm?: ExportKind;
  onChoose: (c: PlanChoice) => void;
  onConfirm: (kind: ExportKind, yes: boolean) => void;
}

/** The plan as lines: each call with its method and path on a line of its own, then its reason. */
export function planLines(plan: Plan, width: number, paint: ReturnType<typeof usePaint>): string[] {
  const p = planView(plan);
  const lines = wrapText(paint('bold', p.headline), width);
  for (const r of p.rows) {
    if (r.heading) lines.push(paint('bold', r.heading));
    lines.push(...wrapText(r.title, width, { first: r.n.padEnd(4), indent: 4 }));
    lines.push(...wrapText(paint('dim', `${r.call}: ${r.reason}`), width, { first: '    ', indent: 4 }));
  }
  if (p.empty) lines.push(...wrapText(p.empty, width));
  if (p.inSync) lines.push(...wrapText(paint('green', p.inSync), width, { indent: 2 }));
  for (const m of p.manual) lines.push(...wrapText(paint('yellow', m), width, { indent: 2 }));
  for (const w of p.warnings) lines.push(...wrapText(paint('yellow', w), width, { first: paint('yellow', '! '), indent: 2 }));
  if (plan.steps.length) lines.push(paint('bold', p.summary));
  return lines;
}

/** Every API call that will be made, in order, with its reason; export it or confirm. A teardown is a plan too. */
export function PlanScreen(props: PlanScreenProps) {
  return props.plan.purpose === 'teardown' ? <TeardownPlan {...props} /> : <SetupPlan {...props} />;
}

function SetupPlan(props: PlanScreenProps) {
  const { plan, target, confirm } = props;
  const paint = usePaint();
  const { width, height } = useRoom();
  useInput((_i, key) => {
    if (!key.escape) return;
    if (confirm) props.onConfirm(confirm, false);
    else props.onChoose('back');
  });
  const n = plan.steps.length;
  const apply = applyChoice(plan, target);
  const items: { key: string; label: string; value: PlanChoice }[] = [
    { key: 'apply', label: apply, value: 'apply' },
    ...(n ? [{ key: 'curl', label: `Export the plan as a curl script (./${props.files.curl})`, value: 'curl' as const }] : []),
    { key: 'answers', label: `Save the answers for headless runs (./${props.files.answers})`, value: 'answers' },
    { key: 'back', label: 'Back: the auth decision, then the answers (Esc)', value: 'back' },
    { key: 'quit', label: 'Quit without changing anything', value: 'quit' },
  ];
  const file = confirm === 'curl' ? props.files.curl : props.files.answers;
  const footer = confirm
    ? [paint('yellow', `./${file} exists. Overwrite it?`)]
    : props.notice
      ? wrapText(paint('green', props.notice), width)
      : [];
  const menuRows = confirm ? 2 : items.length;
  const lines = planLines(plan, width, paint);
  const { win } = useScroll(lines, Math.max(3, height - footer.length - menuRows - 1), width, { pages: true });
  return (
    <Box flexDirection="column">
      <Viewport lines={lines} win={win} />
      <Lines lines={footer} />
      {confirm ? (
        <Select
          key={`confirm-${confirm}`}
          items={[
            { key: 'no', label: 'No, keep the file as it is', value: false },
            { key: 'yes', label: `Yes, overwrite ./${file}`, value: true },
          ]}
          pageKeys={false}
          onSelect={(i) => props.onConfirm(confirm, i.value)}
        />
      ) : (
        <Select items={items} pageKeys={false} onSelect={(i) => props.onChoose(i.value)} />
      )}
      <KeyHints hints={['Enter: choose', 'Esc: back', ...(win.above || win.below ? ['PgUp/PgDn: scroll the plan'] : [])]} />
    </Box>
  );
}

/** A teardown deletes at Exotel: the same plan, and "No, keep it" first (Esc too). */
function TeardownPlan({ plan, target, onChoose }: PlanScreenProps) {
  const paint = usePaint();
  const { width, height } = useRoom();
  useInput((_i, key) => key.escape && onChoose('back'));
  const n = plan.steps.length;
  // both sides listed, the partner's resources first (they are deleted first)
  const confirm = n ? teardownConfirmLines(plan, target.where, partnerOfPlan(plan)) : [];
  // what goes, on both sides, first; the plan's calls and reasons below it
  const lines = [...confirm.flatMap((l) => wrapText(l.startsWith('  • ') ? l.slice(4) : paint('bold', l), width, { first: l.startsWith('  • ') ? '  • ' : '', indent: 4 })), ...(confirm.length ? [''] : []), ...planLines(plan, width, paint)];
  const items: { key: string; label: string; value: PlanChoice }[] = [
    { key: 'back', label: 'No, keep it (Esc)', value: 'back' },
    { key: 'apply', label: n ? `Yes, tear down ${plan.recipeId}: ${n === 1 ? 'this deletion' : `these ${n} deletions`}${partnerOfPlan(plan) ? ':' : ''} ${sidesWhere(plan, target.where)}` : `Yes, forget ${plan.recipeId} here`, value: 'apply' },
  ];
  const { win } = useScroll(lines, Math.max(3, height - items.length - 1), width, { pages: true });
  return (
    <Box flexDirection="column">
      <Viewport lines={lines} win={win} />
      <Select items={items} pageKeys={false} onSelect={(i) => onChoose(i.value)} />
      <KeyHints hints={['Enter: choose', 'Esc: keep it', ...(win.above || win.below ? ['PgUp/PgDn: scroll the plan'] : [])]} />
    </Box>
  );
}
