/**
 * Host names, host:port, ports, one-label subdomains (a LiveKit SIP subdomain, a Daily domain) and URLs. Hosts are lower-cased on success.
 * A "sip:" scheme is dropped from host and hostport (partners and Daily disagree on whether an endpoint
 * carries one; Exotel and LiveKit want none).
 */
import ipaddr from 'ipaddr.js';
import type { ValidationResult } from './contract.js';
import { IPV4_VALID, ipv4_public } from './ip.js';
import { describeChar, fail, firstBadChar, ok, quote } from './result.js';
import { bareSipUri } from '../sip-uri.js';

const FQDN_VALID = 'a host name of two or more dot-separated labels (letters, digits, "-"), e.g. sip.retellai.com';
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/u;
const TLD = /^[a-z]{2,63}$/u;

export function fqdn(raw: string): ValidationResult {
  const text = raw.trim().toLowerCase().replace(/\.$/u, '');
  if (text === '') return fail(`The host name is empty: enter ${FQDN_VALID}.`);
  if (/^sips?:/u.test(text)) return fail(`${quote(raw.trim())} starts with "sip:": enter the bare host name, ${FQDN_VALID}.`);
  if (text.includes(':')) return fail(`${quote(raw.trim())} has a ":": enter the host name without a port, ${FQDN_VALID}.`);
  const bad = firstBadChar(text, /[a-z0-9.-]/u);
  if (bad !== undefined) return fail(`${quote(raw.trim())} has ${describeChar(bad)}: enter ${FQDN_VALID}.`);
  if (text.length > 253) return fail(`The host name is ${text.length} characters: at most 253 are allowed.`);
  const labels = text.split('.');
  if (labels.length < 2) return fail(`${quote(text)} has one label only: enter ${FQDN_VALID}.`);
  for (const label of labels) {
    if (label === '') return fail(`${quote(text)} has an empty label (two dots in a row): enter ${FQDN_VALID}.`);
    if (label.length > 63) return fail(`${quote(text)} has a label longer than 63 characters: enter ${FQDN_VALID}.`);
    if (!LABEL.test(label)) return fail(`${quote(text)} has a label starting or ending with "-": enter ${FQDN_VALID}.`);
  }
  if (!TLD.test(labels[labels.length - 1])) {
    return fail(`${quote(text)} ends in ${quote(labels[labels.length - 1])}, which is not a top-level domain (letters only): enter ${FQDN_VALID}.`);
  }
  return ok(text);
}

const looksNumeric = (s: string) => /^[\d./]+$/u.test(s);

export function host(raw: string): ValidationResult {
  const text = bareSipUri(raw);
  if (text === '') return fail(`The host is empty: enter a host name such as sip.retellai.com or ${IPV4_VALID}.`);
  if (looksNumeric(text)) return ipv4_public(text);
  const r = fqdn(text);
  return r.ok ? r : fail(`${r.message.replace(/\.$/u, '')}, or ${IPV4_VALID}.`);
}

const PORT_VALID = 'a whole number from 1 to 65535, e.g. 5060 (TCP), 5061 (TLS)';

export function port(raw: string): ValidationResult {
  const text = raw.trim();
  if (!/^\d{1,5}$/u.test(text)) return fail(`${quote(text)} is not a port: a port is ${PORT_VALID}.`);
  const n = Number(text);
  if (n < 1 || n > 65535) return fail(`${n} is outside the port range: a port is ${PORT_VALID}.`);
  return ok(String(n));
}

export function hostport(raw: string): ValidationResult {
  const text = bareSipUri(raw);
  if (text.includes(';')) return fail(`${quote(raw.trim())} has a ";": enter only host[:port], e.g. sip.retellai.com:5060; the transport is asked separately.`);
  if (text.includes('@')) return fail(`${quote(raw.trim())} has an "@": enter only host[:port], e.g. in.voip.exotel.com:5070, with no user part.`);
  const m = /^(.*):([^:]*)$/u.exec(text);
  const h = host(m ? m[1] : text);
  if (!h.ok) return h;
  if (!m) return ok(h.value);
  const p = port(m[2]);
  if (!p.ok) return fail(`${quote(text)} has a bad port: ${p.message}`);
  return ok(`${h.value}:${p.value}`);
}

const SUBDOMAIN_VALID = 'one DNS label of 1 to 63 letters, digits or "-", not starting or ending with "-", e.g. abc123';

export function subdomain(raw: string): ValidationResult {
  let text = raw.trim().toLowerCase();
  if (text === '') return fail(`The subdomain is empty: enter ${SUBDOMAIN_VALID}.`);
  // The whole SIP URI pasted from the dashboard (sip:abc123.sip.livekit.cloud): its first label is the answer.
  const uri = /^(?:sips?:)?([^.:;@]+)\.sip\.[a-z0-9.-]+$/u.exec(text);
  let note: string | undefined;
  if (uri && uri[1] !== text) {
    note = `took "${uri[1]}" from ${raw.trim()}`;
    text = uri[1];
  }
  if (text.startsWith('p_')) return fail(`${quote(raw.trim())} starts with "p_": enter the project id without "p_", e.g. ${text.slice(2) || 'abc123'}.`);
  if (text.includes('.')) return fail(`${quote(raw.trim())} has a ".": enter only the first label, ${SUBDOMAIN_VALID}.`);
  if (text.length > 63) return fail(`The subdomain is ${text.length} characters: enter ${SUBDOMAIN_VALID}.`);
  const bad = firstBadChar(text, /[a-z0-9-]/u);
  if (bad !== undefined) return fail(`${quote(raw.trim())} has ${describeChar(bad)}: enter ${SUBDOMAIN_VALID}.`);
  if (!LABEL.test(text)) return fail(`${quote(raw.trim())} starts or ends with "-": enter ${SUBDOMAIN_VALID}.`);
  return ok(text, note);
}

const URL_VALID = 'an https:// URL, e.g. https://api.example.com/hook (http only for localhost)';
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function url(raw: string): ValidationResult {
  const text = raw.trim();
  if (text === '') return fail(`The URL is empty: enter ${URL_VALID}.`);
  if (/[\s\\]/u.test(text)) return fail(`${quote(text)} has a space or a backslash: enter ${URL_VALID}.`);
  if (!/^[a-z][a-z0-9+.-]*:\/\//iu.test(text)) return fail(`${quote(text)} does not start with https://: enter ${URL_VALID}.`);
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return fail(`${quote(text)} is not a URL: enter ${URL_VALID}.`);
  }
  if (u.username || u.password) return fail(`The URL carries a user name or password: enter ${URL_VALID} without credentials; secrets go in their own field.`);
  if (u.protocol === 'http:' && !LOCAL_HOSTS.has(u.hostname)) return fail(`${quote(text)} uses http: enter ${URL_VALID}.`);
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return fail(`${quote(text)} uses ${u.protocol.replace(/:$/u, '')}: enter ${URL_VALID}.`);
  if (!u.hostname) return fail(`${quote(text)} has no host: enter ${URL_VALID}.`);
  // Keep the user's spelling (templates such as {assistant-id} must not be percent-encoded); only the scheme and host are lower-cased.
  const schemeEnd = text.indexOf('//') + 2;
  const hostEnd = text.slice(schemeEnd).search(/[/?#]/u);
  const authority = hostEnd === -1 ? text.slice(schemeEnd) : text.slice(schemeEnd, schemeEnd + hostEnd);
  const rest = hostEnd === -1 ? '' : text.slice(schemeEnd + hostEnd);
  return ok(`${text.slice(0, schemeEnd).toLowerCase()}${authority.toLowerCase()}${rest}`);
}

const DAILY_VALID = 'your Daily domain, the "acme" of acme.daily.co (one label of letters, digits or "-")';

/**
 * A Daily domain: "acme", or what a user copies from the browser (acme.daily.co, https://acme.daily.co/room),
 * from which the first label is taken, as subdomain() does with a pasted LiveKit SIP URI.
 */
export function daily_domain(raw: string): ValidationResult {
  const typed = raw.trim();
  if (typed === '') return fail(`The Daily domain is empty: enter ${DAILY_VALID}.`);
  // From a pasted web address (https://acme.daily.co/room) the path, query and port go; anything else is a host
  // name or the bare label, and a "/" or "#" in it is refused below.
  const lower = typed.toLowerCase();
  const web = /^https?:\/\/([^/?#]*)/u.exec(lower);
  const host = (web ? web[1]!.replace(/:\d*$/u, '') : lower).replace(/\.$/u, '');
  let label = host;
  if (host.includes('.')) {
    if (!host.endsWith('.daily.co') || host === 'daily.co') return fail(`${quote(typed)} is not a daily.co address: enter ${DAILY_VALID}.`);
    label = host.slice(0, -'.daily.co'.length);
    if (label.includes('.')) return fail(`${quote(typed)} has more than one label before daily.co: enter ${DAILY_VALID}.`);
  }
  if (label === '') return fail(`${quote(typed)} names no domain: enter ${DAILY_VALID}.`);
  if (label.length > 63) return fail(`The Daily domain is ${label.length} characters: enter ${DAILY_VALID}.`);
  const bad = firstBadChar(label, /[a-z0-9-]/u);
  if (bad !== undefined) return fail(`${quote(typed)} has ${describeChar(bad)}: enter ${DAILY_VALID}.`);
  if (!LABEL.test(label)) return fail(`${quote(typed)} starts or ends with "-": enter ${DAILY_VALID}.`);
  return ok(label, label === typed.toLowerCase() ? undefined : `took "${label}" from ${typed}`);
}

const WSS_VALID = 'a secure WebSocket URL on a public host, such as wss://bot.example.com/media';
/** Names that never resolve on the public internet (RFC 6761, RFC 6762 .local, ICANN's .internal, home networks). */
const NON_PUBLIC_NAME = /(^|\.)(localhost|local|internal|lan|home\.arpa|test|invalid|example)$/u;

/**
 * The host of a URL a platform connects to from the internet: a dotted public name or a public IP. Loopback,
 * private and single-label hosts are refused: Exotel (or the partner) could never reach them.
 */
function publicUrlHost(hostname: string, text: string): ValidationResult | undefined {
  const reach = 'the voice platform connects to this URL over the internet';
  if (hostname.startsWith('[')) {
    const v6 = hostname.slice(1, -1);
    const range = ipaddr.IPv6.isValid(v6) ? ipaddr.IPv6.parse(v6).range() : 'invalid';
    return range === 'unicast' ? undefined : fail(`${quote(text)} points at ${range === 'invalid' ? 'an invalid IPv6 address' : `a ${range} IPv6 address`}, but ${reach}: enter ${WSS_VALID}.`);
  }
  if (NON_PUBLIC_NAME.test(hostname)) return fail(`${quote(text)} points at ${hostname}, a name only this machine or your network knows, but ${reach}: enter ${WSS_VALID}.`);
  if (/^[\d.]+$/u.test(hostname)) {
    const r = ipv4_public(hostname);
    return r.ok ? undefined : fail(`${quote(text)} points at ${hostname}: ${r.message.replace(/\.$/u, '')}; ${reach}.`);
  }
  if (!hostname.includes('.')) return fail(`${quote(text)} has the one-label host "${hostname}", which only your network could resolve, but ${reach}: enter ${WSS_VALID}.`);
  const r = fqdn(hostname);
  return r.ok ? undefined : fail(`${quote(text)} has no valid host: ${r.message}`);
}

/** A WebSocket URL for media (wss://), on a host the platform can reach from the internet, no credentials. */
export function wss_url(raw: string): ValidationResult {
  const text = raw.trim();
  if (text === '') return fail(`The WebSocket URL is empty: enter ${WSS_VALID}.`);
  if (/[\s\\]/u.test(text)) return fail(`${quote(text)} has a space or a backslash: enter ${WSS_VALID}.`);
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return fail(`${quote(text)} is not a URL: enter ${WSS_VALID}.`);
  }
  if (u.protocol === 'ws:') return fail(`${quote(text)} uses ws://, which would carry the call audio unencrypted: enter ${WSS_VALID}.`);
  if (u.protocol !== 'wss:') return fail(`${quote(text)} starts with ${u.protocol}//, not wss://: enter ${WSS_VALID}.`);
  if (u.username || u.password) return fail(`The URL carries a user name or password: enter ${WSS_VALID} without credentials.`);
  if (!u.hostname) return fail(`${quote(text)} has no host: enter ${WSS_VALID}.`);
  const bad = publicUrlHost(u.hostname, text);
  if (bad) return bad;
  const schemeEnd = text.indexOf('//') + 2;
  const hostEnd = text.slice(schemeEnd).search(/[/?#]/u);
  const authority = hostEnd === -1 ? text.slice(schemeEnd) : text.slice(schemeEnd, schemeEnd + hostEnd);
  const rest = hostEnd === -1 ? '' : text.slice(schemeEnd + hostEnd);
  return ok(`${text.slice(0, schemeEnd).toLowerCase()}${authority.toLowerCase()}${rest}`);
}
