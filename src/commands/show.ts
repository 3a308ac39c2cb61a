/** How the headless commands print plans, progress, results and rendered configs. */
import type { ApplyEvent, Inputs, Plan, RenderedOutput, VerifyReport, WrittenFile } from '../core/engine/types.js';
import { maskSecrets } from '../core/engine/index.js';
import { retryText } from '../present/retry.js';
import { authView } from '../present/auth.js';
import { callText, emptyPlanLine, planHeadline, planSummary } from '../present/plan-summary.js';
import { checklistFor, troubleshootingOf } from '../present/results.js';
import { count } from '../present/words.js';
import { bold, dim, err, green, out, outputWidth, red, table, wrap, yellow } from './format.js';

/**
 * The plan as the wizard shows it: each call with its method and path on a line of its own (a path is never cut),
 * then its reason; the decisions, what is already in place, and the summary line.
 */
export function planText(plan: Plan, label: string, inputs?: Inputs, width = outputWidth()): string {
  const lines = [bold(wrap(planHeadline(plan, label), width))];
  if (inputs) {
    const v = authView(inputs);
    lines.push('', bold(v.headline));
    if (v.why) lines.push(wrap(`  ${v.why}`, width, 2));
    for (const b of v.bullets) lines.push(wrap(`  • ${b.label}: ${b.text}`, width, 4));
  } else if (plan.decisions.length) {
    lines.push('', bold('Decisions'));
    for (const d of plan.decisions) lines.push(wrap(`  • ${d.choice}: ${d.reason}`, width, 4));
  }
  for (const w of plan.warnings) lines.push(yellow(wrap(`  ! ${w}`, width, 4)));
  lines.push('');
  if (plan.steps.length) {
    plan.steps.forEach((s, i) => {
      lines.push(wrap(`${`${i + 1}.`.padEnd(4)}${s.title}`, width, 4));
      lines.push(dim(wrap(`    ${callText(plan, s)}: ${s.reason}`, width, 4)));
    });
  } else if (plan.manual.length) {
    lines.push(yellow(wrap(`No API call can bring the trunk closer to the recipe: the ${count(plan.manual.length, 'item')} marked ! below need the Exotel dashboard.`, width)));
  } else lines.push(green(plan.purpose === 'teardown' ? emptyPlanLine(plan) : 'Nothing to do: the trunk matches the recipe.'));
  if (plan.inSync.length) lines.push('', dim(wrap(`Already in place: ${plan.inSync.join('; ')}`, width, 2)));
  for (const m of plan.manual) lines.push(yellow(wrap(`  ! ${m}`, width, 4)));
  return lines.join('\n');
}

/** The end of `plan`: Terraform's summary line, and the command that applies exactly this. */
export function planFooter(plan: Plan, applyCommand: string): string {
  if (!plan.steps.length) return `\n\n${bold('Plan: nothing to change.')}`;
  return `\n\n${bold(`Plan: ${planSummary(plan)}.`)}\nApply it with: ${applyCommand}`;
}

export function eventLine(e: ApplyEvent, titles: Map<string, string> | ((stepId: string) => string)): string {
  const t = typeof titles === 'function' ? titles(e.stepId) : titles.get(e.stepId) ?? e.stepId;
  switch (e.type) {
    case 'started':
      return dim(`… ${t}`);
    case 'retrying':
      return yellow(`↻ ${t}: ${retryText(e)}`);
    case 'done':
      return green(`✓ ${t}`) + dim(` ${e.ms} ms · ${e.detail}`);
    case 'exists':
      return green(`✓ ${t}`) + dim(` already existed · ${e.detail}`);
    case 'failed':
      return red(`✗ ${t}: ${e.message}`) + (e.cause ? `\n    Why: ${e.cause}` : '') + (e.fix ? `\n    Next: ${e.fix}` : '');
    case 'skipped':
      return dim(`- ${t}: skipped (${e.reason})`);
  }
}

export function outputsText(outputs: RenderedOutput[], files: WrittenFile[], secrets: string[], reveal: boolean): string {
  const lines: string[] = [];
  for (const o of outputs) {
    const f = files.find((x) => x.file === o.file);
    // the file is named first; the content is printed as it is (never wrapped: it is pasted)
    lines.push('', bold(`── ${o.title}`) + (f ? dim(`  (${f.path}${o.secret ? ', 0600' : ''})`) : ''), wrap(`Paste: ${o.paste}`, outputWidth(), 2), '');
    lines.push(reveal ? o.content.trimEnd() : maskSecrets(o.content, secrets).trimEnd());
  }
  if (!reveal && outputs.some((o) => o.secret)) lines.push('', dim('Secrets are masked. The files hold them (0600); --show-secrets prints them.'));
  return lines.join('\n');
}

export function checklistText(inputs: Inputs, trunkSid?: string): string {
  const run = { trunkSid };
  const items = checklistFor(inputs, run);
  const trouble = troubleshootingOf(inputs, run);
  const lines: string[] = [];
  if (items.length) {
    lines.push('', bold('Dashboard checklist'));
    items.forEach((c, i) => lines.push(wrap(`  ${i + 1}. ${c}`, outputWidth(), 5)));
  }
  if (trouble.length) {
    lines.push('', bold('If something goes wrong'));
    lines.push(table(['symptom', 'check'], trouble.map((t) => [`${t.code ? `SIP ${t.code}: ` : ''}${t.symptom}`, t.check])));
  }
  return lines.join('\n');
}

export function driftText(rep: VerifyReport): string {
  if (!rep.checked.length && rep.inSync) return green(`✓ ${rep.recipeId}: nothing to check at Exotel (this setup uses no trunk).`);
  const lines = [bold(`Verify ${rep.recipeId}: trunk ${rep.trunkSid} (${rep.ms} ms)`)];
  lines.push(table(['', 'resource', 'item'], rep.checked.map((c) => [c.ok ? green('✓') : red('✗'), c.resource, c.key])));
  if (rep.inSync) lines.push('', green('In sync: the trunk matches the recipe.'));
  else {
    lines.push('', red(`Drift: ${count(rep.items.length, 'item')}`));
    lines.push(table(['drift', 'resource', 'detail and repair'], rep.items.map((i) => [i.kind, i.resource, `${i.key}${i.expected ? ` expected ${i.expected}` : ''}${i.actual ? `, found ${i.actual}` : ''}. Repair: ${i.how}`])));
  }
  for (const n of rep.notes ?? []) lines.push(yellow(`! ${n}`));
  return lines.join('\n');
}

export { out, err };
