/**
 * From answers to validated inputs: the edge, the destination, and the rules' auth decision.
 */
import { InputError } from '../errors.js';
import type { Recipe } from '../recipes/schema.js';
import { evalWhen } from '../recipes/loader.js';
import { renderString } from '../render/render.js';
import { destinationUri } from '../render/destination.js';
import { sipHost } from '../sip-uri.js';
import { edgeInfo, type EdgeInfo } from '../exotel/network.js';
import { decideAuth, noTrunkAuth } from '../rules/auth.js';
import type { AuthPlan } from '../rules/contract.js';
import { directionOf, flatAnswers } from './questions.js';
import type { AnswerSet, Inputs } from './types.js';

/** The Exotel edge the partner dials, from the answers (one edge model for engine and templates). */
export function edgeFrom(answers: AnswerSet): EdgeInfo {
  const host = typeof answers.values.edge_host === 'string' ? answers.values.edge_host : '';
  return edgeInfo(host, answers.values.edge_transport === 'tls' ? 'tls' : 'tcp');
}

export function skipsTrunk(recipe: Recipe, answers: AnswerSet): boolean {
  const skip = recipe.resources.skip_all_when;
  return !!skip && evalWhen(skip, directionOf(answers, recipe), flatAnswers(answers));
}

/** The destination URI as sent (host:port;transport=…), or undefined when the recipe wants none (yet). */
export function destinationFor(recipe: Recipe, answers: AnswerSet): string | undefined {
  try {
    return destinationUri(recipe, directionOf(answers, recipe), flatAnswers(answers)) || undefined;
  } catch {
    return undefined; // not all answers known yet
  }
}

function listAnswer(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string' && v.trim()) return v.split(/[\s,]+/).filter(Boolean);
  return [];
}

/** The rules' decision for these answers (throws InputError when the rules refuse): the one place it is made. */
export function authFor(recipe: Recipe, answers: AnswerSet): AuthPlan {
  const direction = directionOf(answers, recipe);
  const flat = flatAnswers(answers);
  let own: string[] = [];
  if (recipe.resources.acl_ips) {
    try {
      own = listAnswer(renderString(recipe.resources.acl_ips, flat, `${recipe.id}: resources.acl_ips`));
    } catch {
      own = [];
    }
  }
  const destination = destinationFor(recipe, answers);
  const cred = recipe.resources.credentials;
  return decideAuth({
    partnerName: recipe.title.replace(/\s*\(.*\)$/, ''),
    direction,
    egress: { kind: recipe.egress.kind, ips: recipe.egress.ips, cidrs: recipe.egress.cidrs },
    userIps: listAnswer(answers.values.partner_egress_ips),
    // StreamKit's server IPs (Exotel's StreamKit guide, "Map ACL to Trunk"), a PBX's own addresses
    recipeAcl: own.length ? { ips: own, title: recipe.title } : undefined,
    policy: recipe.resources.outbound_auth,
    allowMixedAuth: recipe.resources.allow_mixed_auth,
    mixConfirmed: answers.values.mix_approved === true,
    wantDigestToo: answers.values.also_digest === true,
    destinationHost: destination ? sipHost(destination) : undefined,
    numberMode: recipe.resources.number_mode,
    credentialsAlways: !!cred && evalWhen(cred.when, direction, flat),
  });
}

/** Does the recipe need digest credentials with the answers so far? (false while the rules would refuse) */
export function digestNeeded(recipe: Recipe, answers: AnswerSet): boolean {
  if (skipsTrunk(recipe, answers)) return false;
  try {
    return authFor(recipe, answers).digest;
  } catch {
    return false;
  }
}

/** Where the secrets file keeps the password of Exotel's own credential (read from Exotel, never typed). */
export const EXOTEL_PASSWORD_KEY = 'exotel_sip_password';

export function buildInputs(recipe: Recipe, answers: AnswerSet, opts: { trunkSid?: string } = {}): Inputs {
  const direction = directionOf(answers, recipe);
  if (!recipe.directions.includes(direction)) {
    throw new InputError(`${recipe.title} does not support direction "${direction}": use one of ${recipe.directions.join(', ')}.`);
  }
  const skipTrunk = skipsTrunk(recipe, answers);
  const auth: AuthPlan = skipTrunk ? noTrunkAuth(recipe.resources.number_mode) : authFor(recipe, answers);
  const did = String(answers.values.did ?? '');
  const alias =
    recipe.resources.alias !== undefined
      ? evalWhen(recipe.resources.alias.when, direction, flatAnswers(answers))
      : answers.values.set_alias === true;
  // Exotel's own credential: its username is the trunk sid, its password is read from Exotel after apply and kept in
  // the secrets file under its own key, so a re-render has it.
  const credentialSource = auth.digest && answers.values.sip_credential === 'exotel' ? 'exotel' : 'recipe';
  return {
    recipe,
    direction,
    skipTrunk,
    trunkName: String(answers.values.trunk_name ?? ''),
    trunkSid: opts.trunkSid,
    did,
    numberMode: auth.mode,
    edge: edgeFrom(answers),
    auth,
    credentialSource,
    sipUsername: !auth.digest ? undefined : credentialSource === 'exotel' ? opts.trunkSid ?? '' : String(answers.values.sip_username ?? ''),
    sipPassword: !auth.digest ? undefined : credentialSource === 'exotel' ? answers.secrets[EXOTEL_PASSWORD_KEY] : answers.secrets.sip_password,
    destination: skipTrunk ? undefined : destinationFor(recipe, answers),
    alias: alias && did && !skipTrunk ? did : undefined,
    answers,
  };
}
