/**
 * What a finished run leaves the user with, in one place for both front ends: what now exists at Exotel, the
 * numbered next steps (with the real trunk sid filled in), the files written, and the command that checks it.
 * The wizard shows it as its one-screen results and leaves it in the terminal; `exotrunk apply` prints it.
 */
import { relative, dirname, isAbsolute } from 'node:path';
import { cliName } from '../core/engine/light.js';
import { evalWhen, flatAnswers } from '../core/engine/index.js';
import type { Inputs, Recipe, RenderedOutput, RunState, WrittenFile } from '../core/engine/types.js';
import { agree, count } from './words.js';
import { isPartnerId, PARTNER_TITLES, type PartnerId } from '../core/engine/light.js';

export interface ResultFile {
  /** relative to the working directory when inside it */
  rel: string;
  path: string;
  title?: string;
  paste?: string;
  secret: boolean;
}

export interface ResultsModel {
  recipeId: string;
  /** "Set up on SANDBOX: LiveKit Cloud (SIP trunk), both directions" */
  headline: string;
  /** Rapida's native path and the like: nothing exists at Exotel */
  trunkless: boolean;
  /** what exists at Exotel now: label and value */
  exists: { label: string; value: string }[];
  /** the next steps, in order (numbered when shown) */
  steps: string[];
  /**
   * Lines under step 1, when it is "paste the configs in <folder>": one per job, alternatives grouped ("run
   * livekit-commands.sh OR paste the 3 files it sends", "firewall: ONE of …"), so the list reads top to bottom.
   */
  pasteItems: string[];
  files: ResultFile[];
  /** "6 files in .exotrunk/out/livekit/ (1 holds a secret: owner-only)" */
  filesLine?: string;
  /** the command to run next, and what it does */
  next: string;
}

/** Paths as the user would type them: relative to the working directory when below it. */
export function relPath(p: string, cwd = process.cwd()): string {
  if (!isAbsolute(p)) return p;
  const r = relative(cwd, p);
  return r && !r.startsWith('..') && !isAbsolute(r) ? r : p;
}

/**
 * Placeholders in recipe text that the run knows by now: <trunk_sid>, and <answer_id> for any non-secret
 * answer ("Dial whom = sip:<trunk_sid>" becomes "sip:trmum1…").
 */
export function fillKnown(text: string, known: Record<string, unknown>): string {
  return text.replace(/<([a-z][a-z0-9_]*)>/g, (whole, key: string) => {
    const v = known[key];
    return typeof v === 'string' && v ? v : whole;
  });
}

function knownValues(inputs: Inputs, run?: Pick<RunState, 'trunkSid'>): Record<string, unknown> {
  const sid = run?.trunkSid ?? inputs.trunkSid;
  const answers = inputs.answers.values as Record<string, unknown>;
  // LiveKit's help text speaks of <subdomain>: the answer is livekit_subdomain
  const aliases = Object.fromEntries(Object.entries(answers).flatMap(([k, v]) => (k.endsWith('_subdomain') ? [['subdomain', v]] : [])));
  return { ...aliases, ...answers, ...(sid ? { trunk_sid: sid } : {}) };
}

/** The dashboard checklist for this direction and these answers, placeholders filled in. */
export function checklistFor(inputs: Inputs, run?: Pick<RunState, 'trunkSid'> & Partial<Pick<RunState, 'partner'>>): string[] {
  const flat = flatAnswers(inputs.answers);
  const known = knownValues(inputs, run);
  const viaApi = madeThroughApi(run);
  return inputs.recipe.checklist.filter((c) => evalWhen(c.when, inputs.direction, flat) && !(viaApi && c.paste_only)).map((c) => fillKnown(c.text, known));
}

/** The partner side was set up through the partner's API (issue 17): nothing of it is left to paste. */
export const madeThroughApi = (run?: Partial<Pick<RunState, 'partner'>>): boolean => Object.keys(run?.partner?.ids ?? {}).length > 0;

/**
 * The troubleshooting rows that can happen in this direction: an outbound-only setup never sees an inbound
 * failure and the other way round (rows say which in their first word), placeholders filled in.
 */
export function troubleshootingFor(recipe: Recipe, direction: Inputs['direction'], known: Record<string, unknown> = {}): { code?: number; symptom: string; check: string }[] {
  const other = direction === 'outbound' ? /^inbound\b/i : direction === 'inbound' ? /^outbound\b/i : undefined;
  return recipe.troubleshooting
    .filter((t) => !other || !other.test(t.symptom))
    .map((t) => ({ code: t.sip_code, symptom: fillKnown(t.symptom, known), check: fillKnown(t.check, known) }));
}

export function troubleshootingOf(inputs: Inputs, run?: Pick<RunState, 'trunkSid'>) {
  return troubleshootingFor(inputs.recipe, inputs.direction, knownValues(inputs, run));
}

export function existsRows(run: RunState | undefined): { label: string; value: string }[] {
  if (!run?.trunkSid) return [];
  const r = run.resources;
  const rows = [{ label: 'Trunk', value: `${run.trunkSid} (${run.trunkName})` }];
  for (const [phone, n] of Object.entries(r.numbers)) rows.push({ label: 'Number', value: `${phone}, ${n.mode ?? 'pstn'} mode` });
  if (r.credential) rows.push({ label: 'Credential', value: `username ${r.credential.userName}` });
  const acl = Object.keys(r.acl);
  if (acl.length) rows.push({ label: 'Whitelisted', value: acl.map((ip) => `${ip}/32`).join(', ') });
  for (const uri of Object.keys(r.destinations)) rows.push({ label: 'Destination', value: uri });
  if (r.alias) rows.push({ label: 'Caller ID', value: r.alias });
  // what exotrunk made at the partner through its API
  if (run.partner && madeThroughApi(run)) {
    const title = isPartnerId(run.partner.id) ? PARTNER_TITLES[run.partner.id] : run.partner.id;
    for (const [kind, id] of Object.entries(run.partner.ids)) rows.push({ label: title, value: `${kind.replace('-', ' ')} ${id}` });
  }
  return rows;
}

const DIRECTION = { outbound: 'outbound calls', inbound: 'inbound calls', both: 'both directions' } as const;

export function resultsModel(inputs: Inputs, outputs: RenderedOutput[], files: WrittenFile[], run: RunState | undefined, targetLabel: string, cwd = process.cwd()): ResultsModel {
  const recipe = inputs.recipe;
  const trunkless = inputs.skipTrunk || !run?.trunkSid;
  const byFile = new Map(outputs.map((o) => [o.file, o]));
  const list: ResultFile[] = files.map((f) => {
    const o = byFile.get(f.file);
    return { rel: relPath(f.path, cwd), path: f.path, title: o?.title, paste: o?.paste, secret: f.mode === 0o600 || !!o?.secret };
  });
  const secret = list.filter((f) => f.secret).length;
  const dirs = [...new Set(list.map((f) => dirname(f.rel)))];
  const where = dirs.length === 1 ? ` in ${dirs[0]}/` : '';
  const filesLine = list.length
    ? `${count(list.length, 'file')}${where}${secret ? ` (${secret === list.length && secret > 1 ? 'all' : secret} ${agree(secret, 'holds', 'hold')} a secret: owner-only)` : ''}`
    : undefined;
  const steps: string[] = [];
  let pasteItems: string[] = [];
  if (madeThroughApi(run)) {
    const title = PARTNER_TITLES[run!.partner!.id as PartnerId] ?? run!.partner!.id;
    steps.push(`Nothing to paste at ${title}: exotrunk set it up through its API (${run!.partner!.host}); the files below are a record of the same settings, not to be pasted again.`);
  } else if (list.length === 1) steps.push(`Paste ${list[0]!.title ?? list[0]!.rel} where it says (${list[0]!.rel}).`);
  else if (list.length) {
    pasteItems = pasteGroups(recipe, outputs, list);
    const folder = dirs.length === 1 ? ` in ${dirs[0]}/` : '';
    steps.push(`Use the configs${folder} as follows (${cliName()} render ${recipe.id} shows where each one goes):`);
  }
  steps.push(...checklistFor(inputs, run));
  const next = trunkless
    ? `Nothing to check at Exotel: this setup uses no trunk. ${cliName()} render ${recipe.id} prints the configs again.`
    : `${cliName()} verify ${recipe.id} checks the trunk against this setup; ${cliName()} render ${recipe.id} prints the configs again.`;
  if (!trunkless) steps.push(`Check the trunk: ${cliName()} verify ${recipe.id}`);
  return {
    recipeId: recipe.id,
    headline: `Set up on ${targetLabel}: ${recipe.title}, ${DIRECTION[inputs.direction]}`,
    trunkless,
    exists: trunkless ? [] : existsRows(run),
    steps,
    pasteItems,
    files: list,
    filesLine,
    next,
  };
}

/** "Firewall rules (iptables)" → "iptables" when the group has a label; inner parentheses become a comma. */
const memberWords = (title: string, labelled: boolean) => {
  const inner = /\(([^()]+)\)$/u.exec(title)?.[1];
  return labelled && inner ? inner : title.replace(/\s*\(([^()]+)\)$/u, ', $1');
};

/** "a, b or c" */
const oneOf = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`);

/**
 * The configs as jobs, in the recipe's order: a file alone, or a group of a primary output and the outputs that
 * name it in `alternative_of`. Either the primary sends the others (its content names their files: a script and
 * the JSON files it sends; the user runs it OR pastes them by hand), or each one does the same job (ONE of
 * iptables, ufw, an AWS security group).
 */
export function pasteGroups(recipe: Recipe, outputs: RenderedOutput[], files: ResultFile[]): string[] {
  const byFile = new Map(outputs.map((o) => [o.file, o]));
  const groupOf = (o: RenderedOutput | undefined) => (o ? recipe.outputs.find((r) => r.id === o.id)?.alternative_of ?? o.id : undefined);
  const name = (f: ResultFile) => f.rel.split('/').pop()!;
  const groups = new Map<string, ResultFile[]>();
  for (const f of files) {
    const key = groupOf(byFile.get(name(f))) ?? f.rel;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups.entries()].map(([key, members]) => {
    if (members.length === 1) return `${name(members[0]!)}: ${members[0]!.title ?? 'config'}`;
    const primary = members.find((f) => byFile.get(name(f))?.id === key);
    const others = members.filter((f) => f !== primary);
    const sent = primary ? others.filter((f) => byFile.get(name(primary))!.content.includes(name(f))) : [];
    if (primary && sent.length === others.length) {
      const verb = byFile.get(name(primary))!.format === 'shell' ? 'run' : 'use';
      return `${primary.title ?? name(primary)}: ${verb} ${name(primary)} OR paste the ${count(others.length, 'file')} it sends by hand (${others.map(name).join(', ')}), not both`;
    }
    // a label the files share ("firewall-iptables.sh", "firewall-ufw.sh" → firewall), unless it is only the partner's id
    const prefixes = new Set(members.map((f) => /^([a-z0-9]+)-/.exec(name(f))?.[1]));
    const label = prefixes.size === 1 && [...prefixes][0] && ![...prefixes][0]!.startsWith(recipe.id.split('-')[0]!) ? [...prefixes][0]! : undefined;
    const choices = members.map((f) => `${name(f)} (${memberWords(f.title ?? '', !!label)})`);
    const head = label ? `${label[0]!.toUpperCase()}${label.slice(1)}: ONE of` : 'ONE of';
    return `${head} ${oneOf(choices)}, whichever your setup uses; not ${members.length === 2 ? 'both' : 'more than one'}`;
  });
}

/**
 * The results as plain lines: what the wizard leaves in the terminal and `exotrunk apply` prints. Short enough
 * for one screen; the configs themselves are in the files (and `exotrunk render`).
 */
export function resultsLines(m: ResultsModel): string[] {
  const pad = Math.max(0, ...m.exists.map((e) => e.label.length)) + 2;
  return [
    `✓ ${m.headline}`,
    ...(m.trunkless ? ['  No Exotel trunk: this path connects without one.'] : m.exists.map((e) => `  ${e.label.padEnd(pad)}${e.value}`)),
    'Next steps:',
    ...m.steps.flatMap((s, i) => [`  ${i + 1}. ${s}`, ...(i === 0 ? m.pasteItems.map((p) => `      • ${p}`) : [])]),
    ...(m.filesLine ? [`Files: ${m.filesLine}`, ...m.files.map((f) => `  ${f.rel}${f.secret ? ' (secret)' : ''}`)] : []),
    ...(m.trunkless ? [m.next] : []),
  ];
}
