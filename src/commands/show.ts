/** How the headless commands print plans, progress, results and rendered configs. */
import type { ApplyEvent, Inputs, Plan, VerifyReport } from '../core/engine/types.js';
import type { RenderedOutput } from '../core/render/render.js';
import type { WrittenFile } from '../core/render/output-files.js';
import { maskSecrets } from '../core/render/output-files.js';
import { evalWhen } from '../core/recipes/loader.js';
import { retryText } from '../core/plan/retry-text.js';
import { bold, dim, err, green, out, red, table, yellow } from './format.js';

export function planText(plan: Plan, label: string): string {
  const lines = [bold(`Plan for ${plan.recipeId} (${plan.direction}) on ${label}: trunk ${plan.trunkName}${plan.trunkSid ? ` (${plan.trunkSid})` : ''}`)];
  if (plan.decisions.length) {
    lines.push('', bold('Decisions'));
    for (const d of plan.decisions) lines.push(`  • ${d.choice}: ${d.reason}`);
  }
  for (const w of plan.warnings) lines.push(yellow(`  ! ${w}`));
  lines.push('');
  if (plan.steps.length) {
    lines.push(table(['#', 'call', 'what and why'], plan.steps.map((s, i) => [String(i + 1), `${s.request.method} ${s.request.path.replace(/^\/v2\/accounts\/[^/]+/, '…')}`, `${s.title}. ${s.reason}${s.dependsOn.length ? ` (after ${s.dependsOn.join(', ')})` : ''}`])));
  } else if (plan.manual.length) {
    lines.push(yellow(`No API call can bring the trunk closer to the recipe: the ${plan.manual.length} item(s) marked ! below need the Exotel dashboard.`));
  } else lines.push(green('Nothing to do: the trunk matches the recipe.'));
  if (plan.inSync.length) lines.push('', dim(`Already in place: ${plan.inSync.join('; ')}`));
  for (const m of plan.manual) lines.push(yellow(`  ! ${m}`));
  return lines.join('\n');
}

export function eventLine(e: ApplyEvent, titles: Map<string, string>): string {
  const t = titles.get(e.stepId) ?? e.stepId;
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
    lines.push('', bold(`── ${o.title}`) + (f ? dim(`  (${f.path}${o.secret ? ', 0600' : ''})`) : ''), `Paste: ${o.paste}`, '');
    lines.push(reveal ? o.content.trimEnd() : maskSecrets(o.content, secrets).trimEnd());
  }
  if (!reveal && outputs.some((o) => o.secret)) lines.push('', dim('Secrets are masked. The files hold them (0600); --show-secrets prints them.'));
  return lines.join('\n');
}

export function checklistText(inputs: Inputs): string {
  const r = inputs.recipe;
  const items = r.checklist.filter((c) => evalWhen(c.when, inputs.direction, { ...inputs.answers.values }));
  const lines: string[] = [];
  if (items.length) {
    lines.push('', bold('Dashboard checklist'));
    items.forEach((c, i) => lines.push(`  ${i + 1}. ${c.text}`));
  }
  if (r.troubleshooting.length) {
    lines.push('', bold('If something goes wrong'));
    lines.push(table(['symptom', 'check'], r.troubleshooting.map((t) => [t.symptom, t.check])));
  }
  return lines.join('\n');
}

export function driftText(rep: VerifyReport): string {
  const lines = [bold(`Verify ${rep.recipeId}: trunk ${rep.trunkSid} (${rep.ms} ms)`)];
  lines.push(table(['', 'resource', 'item'], rep.checked.map((c) => [c.ok ? green('✓') : red('✗'), c.resource, c.key])));
  if (rep.inSync) lines.push('', green('In sync: the trunk matches the recipe.'));
  else {
    lines.push('', red(`Drift: ${rep.items.length} item(s)`));
    lines.push(table(['drift', 'resource', 'detail and repair'], rep.items.map((i) => [i.kind, i.resource, `${i.key}${i.expected ? ` expected ${i.expected}` : ''}${i.actual ? `, found ${i.actual}` : ''}. Repair: ${i.how}`])));
  }
  for (const n of rep.notes ?? []) lines.push(yellow(`! ${n}`));
  return lines.join('\n');
}

export { out, err };
