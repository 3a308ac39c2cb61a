/** How the headless commands print plans, progress, results and rendered configs. */
import type { ApplyEvent, Inputs, Plan, RenderedOutput, VerifyReport, WrittenFile } from '../core/engine/types.js';
import { maskSecrets } from '../core/engine/index.js';
import { eventWords } from '../present/steps.js';
import { CAUSE, FIX } from '../present/failure.js';
import { verifyView, type PartnerView } from '../present/verify.js';
import { authView } from '../present/auth.js';
import { planView } from '../present/plan.js';
import { checklistFor, troubleshootingOf } from '../present/results.js';
import { bold, dim, err, green, out, outputWidth, red, table, wrap as wrapWords, yellow } from './format.js';
import { glueCommands, lineLead, unglue } from '../present/words.js';
import { cliName } from '../core/engine/light.js';

/** Prose wrapped at words (format.ts), with every command a sentence names kept on one line. */
const wrap = (text: string, max = outputWidth(), indent = 0) => unglue(wrapWords(glueCommands(text, cliName()), max, indent));

/**
 * The results of a run (present/results.ts) for a terminal: the headline in bold, each line wrapped at words to
 * the width with its continuation hanging under the text after its number, bullet or label; piped, as they are.
 */
export function resultsText(lines: string[], width = outputWidth()): string {
  // a label and one long value ("Destination  sip:…;transport=tls") stay on one line: the value is not prose
  const one = (l: string) => !/\s/.test(l.slice(lineLead(l).length).trim());
  return lines.map((l, i) => (i === 0 ? bold(wrap(l, width, 2)) : one(l) ? l : wrap(l, width, lineLead(l).length || 2))).join('\n');
}

/**
 * The plan as the wizard shows it: each call with its method and path on a line of its own (a path is never cut),
 * then its reason; the decisions, what is already in place, and the summary line.
 */
export function planText(plan: Plan, label: string, inputs?: Inputs, width = outputWidth()): string {
  const p = planView(plan, label);
  const lines = [bold(wrap(p.headline, width))];
  if (inputs) {
    const v = authView(inputs);
    lines.push('', bold(v.headline));
    if (v.why) lines.push(wrap(`  ${v.why}`, width, 2));
    for (const b of v.bullets) lines.push(wrap(`  • ${b.label}: ${b.text}`, width, 4));
  } else if (plan.decisions.length) {
    lines.push('', bold('Decisions'));
    for (const d of plan.decisions) lines.push(wrap(`  • ${d.choice}: ${d.reason}`, width, 4));
  }
  for (const w of p.warnings) lines.push(yellow(wrap(`  ! ${w}`, width, 4)));
  lines.push('');
  for (const r of p.rows) {
    lines.push(wrap(`${r.n.padEnd(4)}${r.title}`, width, 4));
    lines.push(dim(wrap(`    ${r.call}: ${r.reason}`, width, 4)));
  }
  if (p.empty) lines.push((plan.manual.length ? yellow : green)(wrap(p.empty, width)));
  if (p.inSync) lines.push('', dim(wrap(p.inSync, width, 2)));
  for (const m of p.manual) lines.push(yellow(wrap(`  ! ${m}`, width, 4)));
  return lines.join('\n');
}

/** The end of `plan`: Terraform's summary line, and the command that applies exactly this. */
export function planFooter(plan: Plan, applyCommand: string): string {
  if (!plan.steps.length) return `\n\n${bold(planView(plan).summary)}`;
  return `\n\n${bold(planView(plan).summary)}\nApply it with: ${applyCommand}`;
}

const TONE = { dim, green, red, yellow, cyan: dim };

/** One event of a running plan, in the words the wizard shows for the step (present/steps.ts). */
export function eventLine(e: ApplyEvent, plan: Pick<Plan, 'steps'>): string {
  const step = plan.steps.find((s) => s.id === e.stepId);
  const w = eventWords(e, step?.title ?? e.stepId, step?.effect);
  const line = TONE[w.tone](`${w.glyph} ${w.title}`) + (w.tail ? dim(`  ${w.tail}`) : '');
  return line + (w.cause ? `\n${wrap(`    ${CAUSE} ${w.cause}`, outputWidth(), 6)}` : '') + (w.fix ? `\n${wrap(`    ${FIX} ${w.fix}`, outputWidth(), 6)}` : '');
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

/** A verify report as the wizard words it (present/verify.ts), with the checks and the drift as tables. */
export function reportText(rep: VerifyReport): string {
  const v = verifyView(rep);
  const lines = [v.trunkless ? green(v.headline) : (v.inSync ? green : yellow)(bold(v.headline))];
  if (!v.trunkless) {
    lines.push(table(['', 'resource', 'item'], v.checks.map((c) => [c.ok ? green('✓') : red('✗'), c.resource, c.item])));
    if (v.drift.length) lines.push('', table(['drift', 'resource', 'detail and repair'], v.drift.map((d) => [d.kind, d.resource, d.text])));
  }
  for (const n of v.notes) lines.push(yellow(wrap(`! ${n}`, outputWidth(), 2)));
  if (v.partner) lines.push('', partnerText(v.partner));
  return lines.join('\n');
}

function partnerText(p: PartnerView): string {
  const paint = (status: string, t: string) => (status === 'ok' ? green(t) : status === 'not-comparable' ? yellow(t) : red(t));
  const lines = [bold(p.heading), table(['', 'check', 'Exotel side / partner side'], p.cross.map((c) => [paint(c.status, c.mark), c.check, c.lines.join('\n')]))];
  if (p.offHeading) lines.push('', red(p.offHeading), table(['resource', 'field', 'expected / found'], p.off.map((r) => [r.resource, r.field, r.text])));
  lines.push('', (p.inSync ? green : red)(p.verdict));
  for (const n of p.notes) lines.push(yellow(wrap(`! ${n}`, outputWidth(), 2)));
  return lines.join('\n');
}

export { out, err };
