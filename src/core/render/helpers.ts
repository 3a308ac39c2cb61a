/**
 * Template helpers. Kept small and pure: each turns answers into the exact text a partner form or API wants.
 */
import type { HelperDelegate } from 'handlebars';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max'; // the validator's metadata (src/core/rules/phone.ts): one copy in the bundle
import { bareSipUri, sipParts, withSip } from '../sip-uri.js';

type HelperOptions = { name?: string; hash?: Record<string, unknown> };

/** Handlebars passes an options object last; helpers that take "any number of args" drop it. */
const args = (list: unknown[]): unknown[] => list.slice(0, -1);


export function e164(v: unknown): string {
  const raw = String(v ?? '').trim();
  const parsed = parsePhoneNumberFromString(raw, 'IN');
  if (!parsed?.isValid()) throw new Error(`e164 helper: "${raw}" is not a valid phone number`);
  return parsed.number;
}

/**
 * The forms a called number may take in an INVITE, E.164 first: "+918012345678", the national dialling form
 * "08012345678" and the bare national number "8012345678". Exotel does not document which one its INVITE
 * carries toward a destination, so partner configs that accept several numbers list them all.
 */
export function numberForms(v: unknown): string[] {
  const raw = String(v ?? '').trim();
  const parsed = parsePhoneNumberFromString(raw, 'IN');
  if (!parsed?.isValid()) throw new Error(`numberForms helper: "${raw}" is not a valid phone number`);
  const national = parsed.formatNational().replace(/\D/g, '');
  return [...new Set([parsed.number, national, parsed.nationalNumber])];
}

const toList = (v: unknown): string[] => {
  if (Array.isArray(v)) return v.map(String);
  if (v === undefined || v === null || v === '') return [];
  return String(v)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
};

/** Answers from flags arrive as strings: "true" equals true, "5060" equals 5060. */
const same = (a: unknown, b: unknown): boolean => String(a) === String(b);

const truthy = (v: unknown): boolean => (Array.isArray(v) ? v.length > 0 : Boolean(v));

export const helpers: Record<string, HelperDelegate> = {
  json: (v: unknown) => JSON.stringify(v ?? null),
  jsonList: (v: unknown) => JSON.stringify(toList(v)),
  e164: (v: unknown) => e164(v),
  /** all called-number forms (see numberForms): {{json (numberForms did)}}, {{join (numberForms did) ", "}} */
  numberForms: (v: unknown) => numberForms(v),
  /** the national dialling form, e.g. 08012345678 */
  nationalNumber: (v: unknown) => numberForms(v)[1] ?? e164(v),
  /** `sip:` once, never twice */
  sipUri: (v: unknown) => withSip(bareSipUri(v)),
  stripSip: (v: unknown) => bareSipUri(v),
  hostport: (host: unknown, port: unknown, options?: HelperOptions) => {
    // Called as {{hostport host}} the options object lands in `port`.
    const p = options === undefined || port === '' || port === null ? '' : String(port);
    return p ? `${bareSipUri(host)}:${p}` : bareSipUri(host);
  },
  uriHost: (v: unknown) => sipParts(v).host,
  uriPort: (v: unknown) => sipParts(v).port,
  uriTransport: (v: unknown) => sipParts(v).transport,
  /** the L4 protocol a firewall rule needs for that URI's signalling */
  uriProto: (v: unknown) => (sipParts(v).transport === 'udp' ? 'udp' : 'tcp'),
  upper: (v: unknown) => String(v ?? '').toUpperCase(),
  lower: (v: unknown) => String(v ?? '').toLowerCase(),
  eq: (a: unknown, b: unknown) => same(a, b),
  ne: (a: unknown, b: unknown) => !same(a, b),
  and: (...list: unknown[]) => args(list).every(truthy),
  or: (...list: unknown[]) => args(list).some(truthy),
  includes: (list: unknown, v: unknown) => toList(list).some((x) => same(x, v)),
  join: (list: unknown, sep: unknown, options?: HelperOptions) =>
    toList(list).join(options === undefined ? ', ' : String(sep)),
};
