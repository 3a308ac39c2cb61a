/**
 * Field rules the real API enforces, as seed 000 and exotel-facts.md describe them.
 */
import ipaddr from 'ipaddr.js';
import type { AclRecord } from './state.js';

export const TRUNK_NAME = /^[A-Za-z0-9_]{1,16}$/;
export const E164 = /^\+[1-9]\d{7,14}$/;
export const MODES = ['pstn', 'flow'] as const;

export function isE164(v: unknown): v is string {
  return typeof v === 'string' && E164.test(v);
}

export function isIPv4(v: unknown): v is string {
  return typeof v === 'string' && ipaddr.IPv4.isValidFourPartDecimal(v);
}

export function isMode(v: unknown): v is (typeof MODES)[number] {
  return typeof v === 'string' && (MODES as readonly string[]).includes(v);
}

/** RFC 2606 / 6761 names never resolve on the public internet, so Exotel cannot reach them. */
const UNRESOLVABLE_TLDS = new Set(['invalid', 'test', 'example', 'localhost', 'local', 'internal']);
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

function isPublicFqdn(host: string): boolean {
  if (host.length > 253) return false;
  const labels = host.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return false;
  const tld = labels[labels.length - 1];
  return /^[a-z]{2,63}$/.test(tld) && !UNRESOLVABLE_TLDS.has(tld);
}

export type ParsedDestination =
  | { ok: true; kind: 'ip' | 'fqdn'; host: string; port: number; transport: string; uri: string }
  | { ok: false };

/**
 * "host:port;transport=tls|tcp|udp", an optional leading "sip:" tolerated. Only a public unicast IPv4
 * or a resolvable-looking FQDN passes: documentation, private, loopback, link-local and CGNAT
 * addresses are what Exotel answers with "Destination is not a valid Ip or Fqdn".
 */
export function parseDestination(value: unknown): ParsedDestination {
  if (typeof value !== 'string') return { ok: false };
  const m = /^(?:sip:)?([^:;\s]+):(\d{1,5});transport=(tls|tcp|udp)$/i.exec(value.trim());
  if (!m) return { ok: false };
  const host = m[1].toLowerCase();
  const port = Number(m[2]);
  const transport = m[3].toLowerCase();
  if (port < 1 || port > 65535) return { ok: false };
  const uri = `sip:${host}:${port};transport=${transport}`;
  if (/^[\d.]+$/.test(host)) {
    if (!isIPv4(host) || ipaddr.IPv4.parse(host).range() !== 'unicast') return { ok: false };
    return { ok: true, kind: 'ip', host, port, transport, uri };
  }
  return isPublicFqdn(host) ? { ok: true, kind: 'fqdn', host, port, transport, uri } : { ok: false };
}

/** true when some ACL entry (ip/mask) covers the address */
export function aclCovers(acl: AclRecord[], ip: string): boolean {
  const addr = ipaddr.IPv4.parse(ip);
  return acl.some((e) => addr.match(ipaddr.IPv4.parse(e.ip), e.mask));
}
