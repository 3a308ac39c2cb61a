/**
 * The field validators a recipe may name (VALIDATOR_NAMES). Each one trims and normalises on success and,
 * on failure, says in one or two short sentences what is wrong and what is valid.
 */
import type { ValidatorName } from '../recipes/schema.js';
import type { ValidationResult, Validator } from './contract.js';
import { e164, e164_list } from './phone.js';
import { daily_domain, fqdn, host, hostport, port, subdomain, url, wss_url } from './hosts.js';
import { ipv4_public, ipv4_public_list } from './ip.js';
import { sip_password } from './password.js';
import { describeChar, fail, firstBadChar, ok, quote } from './result.js';

export { e164, e164_list } from './phone.js';
export { daily_domain, fqdn, host, hostport, port, subdomain, url, wss_url } from './hosts.js';
export { classifyIPv4, isCidr, isIPv4, ipv4_public, ipv4_public_list, type IPv4Class, type IPv4Range } from './ip.js';
export { generatePassword, sip_password } from './password.js';

export const TRUNK_NAME_MAX = 16;
const TRUNK_CHAR = /[A-Za-z0-9_]/u;

/** A valid name near what the user typed: other characters become "_", cut to 16. */
function nearTrunkName(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9_]+/gu, '_').replace(/^_+|_+$/gu, '').slice(0, TRUNK_NAME_MAX).replace(/_+$/u, '');
  return cleaned || 'livekit_out';
}

export function trunk_name(raw: string): ValidationResult {
  const text = raw.trim();
  const valid = (eg: string) => `a trunk name is 1 to ${TRUNK_NAME_MAX} letters, digits or underscores, e.g. ${eg}`;
  if (text === '') return fail(`The trunk name is empty: ${valid('livekit_out')}.`);
  const bad = firstBadChar(text, TRUNK_CHAR);
  if (bad !== undefined) return fail(`${quote(text)} has ${describeChar(bad)}: ${valid(nearTrunkName(text))}.`);
  if (text.length > TRUNK_NAME_MAX) return fail(`${quote(text)} is ${text.length} characters: ${valid(nearTrunkName(text))}.`);
  return ok(text);
}

const DIRECTION_SUFFIX: Record<string, string> = { outbound: 'out', inbound: 'in', both: 'io' };

/** A valid default trunk name for a partner and direction, e.g. ("elevenlabs", "outbound") -> elevenlabs_out. */
export function suggestTrunkName(partnerId: string, direction: string): string {
  const suffix = `_${DIRECTION_SUFFIX[direction] ?? 'trunk'}`;
  const base = partnerId.replace(/[^A-Za-z0-9]+/gu, '_').replace(/^_+|_+$/gu, '').toLowerCase() || 'exotrunk';
  return `${base.slice(0, TRUNK_NAME_MAX - suffix.length).replace(/_+$/u, '')}${suffix}`;
}

export const TRANSPORTS = ['tls', 'tcp', 'udp'] as const;
const UDP_WARNING = 'Exotel documents tcp and tls for trunks; use udp only because this partner requires it.';

export function transport(raw: string): ValidationResult {
  const text = raw.trim().toLowerCase();
  if (!(TRANSPORTS as readonly string[]).includes(text)) return fail(`${quote(raw.trim())} is not a SIP transport: choose tls, tcp or udp.`);
  return ok(text, text === 'udp' ? UDP_WARNING : undefined);
}


export const FRIENDLY_NAME_MAX = 32;

export function friendly_name(raw: string): ValidationResult {
  const text = raw.trim();
  const length = Array.from(text).length;
  const valid = `a friendly name is 1 to ${FRIENDLY_NAME_MAX} characters, e.g. voice_ai_platform`;
  if (length === 0) return fail(`The friendly name is empty: ${valid}.`);
  if (/\p{C}/u.test(text)) return fail(`${quote(text)} has a control or invisible character: ${valid}.`);
  if (length > FRIENDLY_NAME_MAX) return fail(`${quote(text)} is ${length} characters: ${valid}.`);
  return ok(text);
}

const SIP_USER_CHAR = /[A-Za-z0-9_.\-+]/u;

export function sip_username(raw: string): ValidationResult {
  const text = raw.trim();
  // Letters, digits and _ . - + stay literal in a SIP URI's user part; anything else needs escaping some partner forms get wrong.
  const valid = 'a SIP username is 3 to 64 letters, digits or _ . - +, e.g. voice_ai_user';
  const bad = firstBadChar(text, SIP_USER_CHAR);
  if (bad !== undefined) return fail(`${quote(text)} has ${describeChar(bad)}, which breaks SIP URIs: ${valid}.`);
  if (text.length < 3 || text.length > 64) return fail(`${quote(text)} is ${text.length} characters: ${valid}.`);
  return ok(text);
}

const IDENTIFIER_CHAR = /[A-Za-z0-9_.:-]/u;

export function identifier(raw: string): ValidationResult {
  const text = raw.trim();
  const valid = 'an id is 1 to 128 letters, digits or _ . : -, e.g. agent_8f3c or ST_abc123';
  if (text === '') return fail(`The id is empty: ${valid}.`);
  const bad = firstBadChar(text, IDENTIFIER_CHAR);
  if (bad !== undefined) return fail(`${quote(text)} has ${describeChar(bad)}: ${valid}.`);
  if (text.length > 128) return fail(`The id is ${text.length} characters: ${valid}.`);
  return ok(text);
}

export function nonempty(raw: string): ValidationResult {
  const text = raw.trim();
  return text === '' ? fail('This answer is empty: enter a value (spaces alone do not count).') : ok(text);
}

export const validators: Record<ValidatorName, Validator> = {
  nonempty,
  trunk_name,
  e164,
  e164_list,
  ipv4_public,
  ipv4_public_list,
  fqdn,
  host,
  hostport,
  port,
  transport,
  friendly_name,
  sip_username,
  sip_password,
  subdomain,
  daily_domain,
  url,
  wss_url,
  identifier,
};
