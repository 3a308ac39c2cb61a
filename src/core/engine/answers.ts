/**
 * Headless answer collection: every answer from --set, an answers file, the environment, the previous run
 * or a default, validated before anything is sent. The wizard uses the same questions and validators.
 */
import { InputError } from '../errors.js';
import { Secret } from '../secret.js';
import type { Question, Recipe } from '../recipes/schema.js';
import { generatePassword } from '../rules/validators.js';
import { applies, defaultFor, isAnswered, QUIET_KEYS, questionsFor, validateAnswer } from './questions.js';
import { digestNeeded } from './inputs.js';
import type { AnswerSet, AnswerSource, AnswerValue } from './types.js';
import { cliName } from '../cli-name.js';

export interface AnswerSources {
  /** --set key=value */
  set?: Record<string, string>;
  /** --answers FILE (YAML/JSON) */
  file?: Record<string, AnswerValue>;
  env?: NodeJS.ProcessEnv;
  /** non-secret answers of the previous run of this recipe (state journal) */
  previous?: Record<string, AnswerValue>;
  /** secrets kept from the previous run (0600 secrets file) */
  previousSecrets?: Record<string, string>;
}

export const emptyAnswers = (): AnswerSet => ({ values: {}, secrets: {}, sources: {} });

/** Pure: a new answer set with one answer added (secrets go to `secrets`). */
export function withAnswer(a: AnswerSet, q: Question, value: AnswerValue, source: AnswerSource): AnswerSet {
  const next: AnswerSet = { values: { ...a.values }, secrets: { ...a.secrets }, sources: { ...a.sources, [q.id]: source } };
  if (q.kind === 'secret') {
    delete next.values[q.id];
    if (typeof value === 'string' && value) next.secrets[q.id] = new Secret(value);
    else next.values[q.id] = '';
  } else next.values[q.id] = value;
  return next;
}

/** Pure: drop an answer (Esc back in the wizard). */
export function withoutAnswer(a: AnswerSet, id: string): AnswerSet {
  const next: AnswerSet = { values: { ...a.values }, secrets: { ...a.secrets }, sources: { ...a.sources } };
  delete next.values[id];
  delete next.secrets[id];
  delete next.sources[id];
  return next;
}

/** The next question the wizard should ask, or undefined when everything is answered. */
export function nextQuestion(recipe: Recipe, a: AnswerSet): Question | undefined {
  const digest = digestNeeded(recipe, a);
  return questionsFor(recipe).find((q) => applies(q, recipe, a, digest) && !isAnswered(q, a) && !QUIET_KEYS.has(q.id));
}

export interface CollectResult {
  answers: AnswerSet;
  missing: Question[];
  invalid: { id: string; source: AnswerSource; message: string }[];
}

/**
 * Take every answer that can be had without asking. Questions still unanswered are `missing`: the caller
 * prompts for them (TTY) or fails listing them all (no TTY / --no-input / CI).
 */
export function collectAnswers(recipe: Recipe, src: AnswerSources, opts: { generateSecrets: boolean } = { generateSecrets: true }): CollectResult {
  const all = questionsFor(recipe);
  const known = new Set(all.map((q) => q.id));
  const invalid: CollectResult['invalid'] = [];
  for (const [where, obj] of [['set', src.set], ['file', src.file]] as const) {
    for (const k of Object.keys(obj ?? {})) {
      if (!known.has(k)) invalid.push({ id: k, source: where === 'set' ? 'flag' : 'file', message: `"${k}" is not a question of ${recipe.id}: valid keys are ${[...known].join(', ')}.` });
    }
  }
  for (const q of all) {
    if (q.kind === 'secret' && src.set && q.id in src.set) {
      invalid.push({ id: q.id, source: 'flag', message: `A secret never goes on the command line (it would show in shell history and ps): put ${q.id} in an answers file or ${q.env ?? 'the environment'}, or leave it out to generate one.` });
    }
  }
  // A one-direction recipe never asks for the direction, but a different one given is still a mistake, not a no-op.
  if (recipe.directions.length === 1) {
    for (const [source, v] of [['flag', src.set?.direction], ['file', src.file?.direction]] as const) {
      if (v !== undefined && v !== recipe.directions[0]) invalid.push({ id: 'direction', source, message: `${recipe.id} supports ${recipe.directions[0]} only, not "${String(v)}".` });
    }
  }
  // Egress IPs for a partner that publishes ranges would be silently ignored: say why instead.
  if (recipe.egress.kind === 'cidr' || recipe.egress.kind === 'user') {
    for (const [source, v] of [['flag', src.set?.partner_egress_ips], ['file', src.file?.partner_egress_ips]] as const) {
      if (v !== undefined && String(v).trim()) {
        invalid.push({
          id: 'partner_egress_ips',
          source,
          message: recipe.egress.kind === 'cidr'
            ? `${recipe.title} sends SIP from published ranges (${recipe.egress.cidrs.join(', ')}), which Exotel cannot whitelist (mask 32 only), so this recipe uses digest: leave partner_egress_ips out.`
            : `${recipe.id} asks for your own IPs in its own question (see ${cliName()} recipes show ${recipe.id}): leave partner_egress_ips out.`,
        });
      }
    }
  }
  let a = emptyAnswers();
  const missing: Question[] = [];
  // Answers unlock later questions (direction, digest), so walk in order, re-checking applicability.
  for (const q of all) {
    const digest = digestNeeded(recipe, a);
    if (!applies(q, recipe, a, digest)) continue;
    const candidates: [AnswerSource, AnswerValue | undefined][] = [
      ['flag', q.kind === 'secret' ? undefined : src.set?.[q.id]],
      ['file', src.file?.[q.id]],
      ['env', q.env ? src.env?.[q.env] : undefined],
      ['state', q.kind === 'secret' ? src.previousSecrets?.[q.id] : src.previous?.[q.id]],
      ['default', defaultFor(q, a)],
    ];
    const found = candidates.find(([, v]) => v !== undefined && v !== '');
    if (found) {
      const [source, raw] = found;
      const r = validateAnswer(q, raw as AnswerValue, recipe);
      if (r.ok) a = withAnswer(a, q, r.value, source);
      else invalid.push({ id: q.id, source, message: r.message });
      continue;
    }
    if (q.kind === 'secret' && q.id === 'sip_password' && opts.generateSecrets) {
      a = withAnswer(a, q, generatePassword(), 'generated');
      continue;
    }
    if (q.optional) continue;
    // its default comes from trunk_name: with that one invalid, fixing it fills this in too
    if (q.id === 'sip_username' && invalid.some((i) => i.id === 'trunk_name')) continue;
    missing.push(q);
  }
  return { answers: a, missing, invalid };
}

/** One error listing every missing or invalid answer and how to supply it (non-interactive runs). */
export function answersError(recipe: Recipe, r: CollectResult): InputError | undefined {
  if (!r.missing.length && !r.invalid.length) return undefined;
  const details = [
    ...r.invalid.map((i) => `${i.id} (from ${i.source}): ${i.message}`),
    ...r.missing.map((q) => `${q.id}: missing. ${q.prompt}. Supply --set ${q.id}=…${q.env ? ` or ${q.env}=…` : ''}${q.kind === 'secret' ? ' (never --set for a secret)' : ''}`),
  ];
  return new InputError(
    r.missing.length ? `${recipe.id}: ${r.missing.length} answer(s) missing${r.invalid.length ? ` and ${r.invalid.length} invalid` : ''}; nothing was sent.` : `${recipe.id}: ${r.invalid.length} answer(s) invalid; nothing was sent.`,
    { details, fix: `Run ${cliName()} recipes show ${recipe.id} for every question, or run ${cliName()} in a terminal for the wizard.` },
  );
}
