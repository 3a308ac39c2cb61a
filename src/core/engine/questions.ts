/**
 * Which questions a recipe asks, in what order, and whether each is answered. Pure functions: the wizard
 * asks them one screen at a time, the headless runner takes them from flags / files / env and lists the missing.
 */
import { COMMON_QUESTIONS } from '../recipes/common-questions.js';
import type { Direction, Question, Recipe } from '../recipes/schema.js';
import { evalWhen } from '../recipes/loader.js';
import { isCidr, suggestTrunkName, validators } from '../rules/validators.js';
import type { ValidationResult } from '../rules/contract.js';
import type { AnswerSet, AnswerValue } from './types.js';

/** Questions only asked when the rules pick digest auth. */
export const DIGEST_KEYS = new Set(['sip_credential', 'sip_username', 'sip_password']);

/**
 * Answered by a flag, an answers file, the environment or the default, never prompted by the wizard: most accounts
 * have no credential of Exotel's own to choose, and a question about one would only puzzle.
 */
export const QUIET_KEYS = new Set(['sip_credential']);

/** Engine questions that depend on the recipe's shape. */
function recipeShapedQuestions(recipe: Recipe): Question[] {
  const qs: Question[] = [];
  const inboundSip = recipe.inbound_sip;
  // A recipe whose destination is its own question (Bolna's "sip.bolna.ai:5061;transport=tls") already chose
  // the transport there: asking again would be ignored.
  const uri = recipe.resources.destination?.uri;
  const transportMatters = !uri || /inbound_(transport|port)/.test(uri);
  if (inboundSip && inboundSip.transports.length > 1 && transportMatters) {
    qs.push({
      id: 'inbound_transport',
      prompt: `Transport from Exotel to ${recipe.title} (inbound)`,
      kind: 'select',
      choices: inboundSip.transports.map((t) => ({
        value: t,
        label: `${t.toUpperCase()}${inboundSip.ports[t] ? `, port ${inboundSip.ports[t]}` : ''}${t === 'udp' ? ' (Exotel documents tcp/tls)' : ''}`,
      })),
      default: inboundSip.transports[0],
      optional: false,
      when: recipe.resources.destination?.when ?? { direction: ['inbound', 'both'] },
      env: 'EXOTRUNK_INBOUND_TRANSPORT',
    });
  }
  if (recipe.resources.alias === undefined) {
    qs.push({
      id: 'set_alias',
      prompt: 'Show the ExoPhone as caller ID on outbound calls (trunk_external_alias)?',
      kind: 'confirm',
      default: true,
      optional: false,
      when: { direction: ['outbound', 'both'] },
      env: 'EXOTRUNK_SET_ALIAS',
    });
  }
  if (recipe.resources.allow_mixed_auth) {
    qs.push(
      {
        id: 'also_digest',
        prompt: 'Also require SIP digest on top of the IP whitelist (highest security)?',
        help: 'Exotel advises against mixing ACL and digest on one trunk unless they approved it.',
        kind: 'confirm',
        default: false,
        optional: false,
        // digest is how calls from the PBX prove themselves to Exotel: outbound only
        when: { direction: ['outbound', 'both'] },
        env: 'EXOTRUNK_ALSO_DIGEST',
      },
      {
        id: 'mix_approved',
        prompt: 'Has Exotel approved ACL + digest on this trunk?',
        kind: 'confirm',
        default: false,
        optional: false,
        when: { answers: { also_digest: true } },
        env: 'EXOTRUNK_MIX_APPROVED',
      },
    );
  }
  return qs;
}

/** Every question of a recipe, common first, with the recipe's defaults applied. */
export function questionsFor(recipe: Recipe): Question[] {
  const own = new Set(recipe.questions.map((q) => q.id));
  const common = COMMON_QUESTIONS.filter((q) => !own.has(q.id)).map((q) => {
    const d = recipe.defaults[q.id];
    let out: Question = d === undefined ? q : { ...q, default: d };
    if (q.id === 'direction') {
      out = {
        ...out,
        choices: q.choices!.filter((c) => recipe.directions.includes(c.value as Direction)),
        default: recipe.default_direction ?? recipe.directions[0],
      };
    }
    if (q.id === 'trunk_name' && out.default === undefined) out = { ...out, default: suggestTrunkName(recipe.id, recipe.default_direction ?? recipe.directions[0]) };
    return out;
  });
  const [head, tail] = [common.filter((q) => !DIGEST_KEYS.has(q.id)), common.filter((q) => DIGEST_KEYS.has(q.id))];
  // A recipe's `first` questions decide which others apply (Rapida: native path or SIP trunk), so they lead.
  const first = recipe.questions.filter((q) => q.first);
  const rest = recipe.questions.filter((q) => !q.first);
  return [...first, ...head, ...recipeShapedQuestions(recipe).filter((q) => !own.has(q.id)), ...rest, ...tail];
}

export function directionOf(answers: AnswerSet, recipe: Recipe): Direction {
  const d = answers.values.direction;
  return (typeof d === 'string' ? d : recipe.default_direction ?? recipe.directions[0]) as Direction;
}

/**
 * Partner egress IPs matter only for outbound calls from a partner that could have single static IPs: not
 * for one that publishes ranges (never whitelisted) or a recipe that asks for its own IPs (your PBX).
 */
export function egressIpsAsked(recipe: Recipe, direction: Direction): boolean {
  return direction !== 'inbound' && (recipe.egress.kind === 'static' || recipe.egress.kind === 'dynamic');
}

/** Is the question asked at all, given the answers so far? */
export function applies(q: Question, recipe: Recipe, answers: AnswerSet, digest: boolean): boolean {
  if (q.id === 'direction' && recipe.directions.length === 1) return false;
  if (DIGEST_KEYS.has(q.id) && !digest) return false;
  // Exotel's own credential: nothing to name or generate
  if ((q.id === 'sip_username' || q.id === 'sip_password') && answers.values.sip_credential === 'exotel') return false;
  const skip = recipe.resources.skip_all_when;
  const direction = directionOf(answers, recipe);
  const flat = flatAnswers(answers);
  if (q.id === 'partner_egress_ips' && !egressIpsAsked(recipe, direction)) return false;
  if (skip && q.id !== 'direction' && evalWhen(skip, direction, flat) && !recipe.questions.some((r) => r.id === q.id)) return false;
  return evalWhen(q.when, direction, flat);
}

export function flatAnswers(answers: AnswerSet): Record<string, AnswerValue> {
  return { ...answers.values, ...Object.fromEntries(Object.keys(answers.secrets).map((k) => [k, '(secret)'])) };
}

export const isAnswered = (q: Question, a: AnswerSet) => q.id in a.values || q.id in a.secrets;

/** Validate one raw answer for a question; lists are split on commas / whitespace and validated item by item. */
export function validateAnswer(q: Question, raw: AnswerValue, recipe?: Recipe): { ok: true; value: AnswerValue } | { ok: false; message: string } {
  if (q.kind === 'confirm') {
    if (typeof raw === 'boolean') return { ok: true, value: raw };
    const s = String(raw).trim().toLowerCase();
    if (['y', 'yes', 'true', '1'].includes(s)) return { ok: true, value: true };
    if (['n', 'no', 'false', '0'].includes(s)) return { ok: true, value: false };
    return { ok: false, message: `"${raw}" is not a yes/no answer: use yes or no.` };
  }
  if (q.kind === 'select') {
    const s = String(raw).trim();
    const choices = q.choices ?? [];
    if (choices.some((c) => c.value === s)) return { ok: true, value: s };
    return { ok: false, message: `"${s}" is not a choice here: use one of ${choices.map((c) => c.value).join(', ')}.` };
  }
  if (q.kind === 'list') {
    const items = (Array.isArray(raw) ? raw : String(raw).split(/[\s,]+/)).map((s) => s.trim()).filter(Boolean);
    if (!items.length && !q.optional) return { ok: false, message: 'Enter at least one value (comma separated).' };
    const name = q.validate === 'ipv4_public_list' ? 'ipv4_public' : q.validate === 'e164_list' ? 'e164' : q.validate;
    const out: string[] = [];
    for (const raw of items) {
      // "44.248.146.11/32" is one address written as a range: take it as the address
      const item = q.validate === 'ipv4_public_list' ? raw.replace(/\/32$/, '') : raw;
      // A partner's range is accepted on purpose: the rules then explain why it cannot be whitelisted and pick
      // digest. IPs that can only be whitelisted (your PBX, a media server) are refused as they are typed.
      const range = q.validate === 'ipv4_public_list' && isCidr(item);
      const r: ValidationResult = range
        ? q.id === 'partner_egress_ips'
          ? { ok: true, value: item }
          : { ok: false, message: `"${item}" is an IP range, and Exotel whitelists single IPs only (mask 32): enter each static public IP, e.g. 44.248.146.11.` }
        : name ? validators[name](item) : { ok: true, value: item };
      if (!r.ok) return r;
      out.push(r.value);
    }
    return { ok: true, value: out };
  }
  const s = String(raw).trim();
  if (!s) {
    if (q.optional) return { ok: true, value: '' };
    return { ok: false, message: `${q.prompt.replace(/\s*(\(|, e\.g\.| in E\.164).*$/, '')} is required.` };
  }
  const r: ValidationResult = q.validate ? validators[q.validate](s) : { ok: true, value: s };
  void recipe;
  return r.ok && q.pattern ? matchesPattern(q, r.value) : r;
}

/** A partner's own id format (question `pattern`), said the way the validators say theirs. */
function matchesPattern(q: Question, value: string): { ok: true; value: string } | { ok: false; message: string } {
  if (!q.pattern || new RegExp(q.pattern.regex, 'u').test(value)) return { ok: true, value };
  return { ok: false, message: `"${value}" is not ${q.pattern.what}: it looks like ${q.pattern.example}.` };
}

/** The default a question offers, if any (string form for text inputs). */
export function defaultFor(q: Question, answers: AnswerSet): AnswerValue | undefined {
  if (q.id === 'sip_username' && q.default === undefined) {
    const t = answers.values.trunk_name;
    return typeof t === 'string' ? `${t.toLowerCase()}_sip`.replace(/[^a-z0-9_]/g, '_') : undefined;
  }
  return q.default;
}
