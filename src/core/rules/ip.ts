/**
 * IPv4 classification for ACL entries and destinations. Exotel only accepts single, publicly routable IPv4
 * addresses (mask 32): anything else is refused here, naming the range, before a request is sent.
 */
import ipaddr from 'ipaddr.js';
import type { ValidationResult } from './contract.js';
import { fail, ok, quote, splitList, validateItems } from './result.js';

export type IPv4Range =
  | 'public'
  | 'private'
  | 'loopback'
  | 'linkLocal'
  | 'carrierGradeNat'
  | 'multicast'
  | 'broadcast'
  | 'unspecified'
  | 'documentation'
  | 'benchmarking'
  | 'reserved'
  | 'cidr'
  | 'invalid';

export interface IPv4Class {
  range: IPv4Range;
  label: string;
}

/** Documentation ranges (RFC 5737) and benchmarking (RFC 2544) are checked before ipaddr's catch-all "reserved". */
const OWN_RANGES: Array<[string, IPv4Range, string]> = [
  ['192.0.2.0/24', 'documentation', 'the documentation range 192.0.2.0/24 (TEST-NET-1)'],
  ['198.51.100.0/24', 'documentation', 'the documentation range 198.51.100.0/24 (TEST-NET-2)'],
  ['203.0.113.0/24', 'documentation', 'the documentation range 203.0.113.0/24 (TEST-NET-3)'],
  ['198.18.0.0/15', 'benchmarking', 'the benchmarking range 198.18.0.0/15'],
];

const IPADDR_LABELS: Record<string, [IPv4Range, string]> = {
  unspecified: ['unspecified', 'the unspecified range 0.0.0.0/8'],
  broadcast: ['broadcast', 'the broadcast address 255.255.255.255'],
  multicast: ['multicast', 'the multicast range 224.0.0.0/4'],
  linkLocal: ['linkLocal', 'the link-local range 169.254.0.0/16'],
  loopback: ['loopback', 'the loopback range 127.0.0.0/8'],
  carrierGradeNat: ['carrierGradeNat', 'the carrier-grade NAT range 100.64.0.0/10'],
  private: ['private', 'a private range (10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16)'],
  reserved: ['reserved', 'a reserved range (192.0.0.0/24, 192.88.99.0/24 or 240.0.0.0/4)'],
  as112: ['reserved', 'the AS112 anycast range (192.175.48.0/24, 192.31.196.0/24)'],
  amt: ['reserved', 'the AMT anycast range 192.52.193.0/24'],
};

/** A strict dotted quad: four decimal parts, no leading zeros (which some parsers read as octal). */
export function isIPv4(s: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(s);
}

/** "a.b.c.d/n" with a valid address and 0 <= n <= 32. */
export function isCidr(s: string): boolean {
  return ipaddr.IPv4.isValidCIDRFourPartDecimal(s.trim());
}

export function classifyIPv4(s: string): IPv4Class {
  const text = s.trim();
  if (isCidr(text)) return { range: 'cidr', label: 'an IP range (CIDR), not a single address' };
  if (!isIPv4(text)) return { range: 'invalid', label: 'not an IPv4 address' };
  const addr = ipaddr.IPv4.parse(text);
  for (const [cidr, range, label] of OWN_RANGES) {
    if (addr.match(ipaddr.IPv4.parseCIDR(cidr))) return { range, label };
  }
  const known = IPADDR_LABELS[addr.range()];
  if (known) return { range: known[0], label: known[1] };
  return { range: 'public', label: 'a public address' };
}

/** A CIDR of mask 32 is one address: "1.2.3.4/32" means "1.2.3.4". Returns the address, else undefined. */
export function singleFromCidr(s: string): string | undefined {
  if (!isCidr(s)) return undefined;
  const [addr, bits] = ipaddr.IPv4.parseCIDR(s.trim());
  return bits === 32 ? addr.toString() : undefined;
}

export const IPV4_VALID = 'a single public IPv4 address such as 44.248.146.11';

export function ipv4_public(raw: string): ValidationResult {
  const text = raw.trim();
  if (text === '') return fail(`The IP address is empty: enter ${IPV4_VALID}.`);
  const single = singleFromCidr(text);
  if (single !== undefined) return ipv4_public(single);
  const { range, label } = classifyIPv4(text);
  if (range === 'public') return ok(ipaddr.IPv4.parse(text).toString());
  if (range === 'cidr') {
    return fail(
      `${quote(text)} is an IP range: Exotel whitelists single IPs only (mask 32), so this trunk will use SIP digest credentials; enter ${IPV4_VALID}, or leave it empty.`,
    );
  }
  if (range === 'invalid') {
    if (/^\d+(\.\d+){3}$/u.test(text)) return fail(`${quote(text)} is not a valid IPv4 address (each part is 0 to 255, without leading zeros): enter ${IPV4_VALID}.`);
    return fail(`${quote(text)} is not an IPv4 address: enter ${IPV4_VALID}.`);
  }
  return fail(`${quote(text)} is in ${label}, which Exotel cannot reach or whitelist: enter ${IPV4_VALID}.`);
}

export function ipv4_public_list(raw: string): ValidationResult {
  return validateItems(splitList(raw), ipv4_public, 'Item', 'The list is empty: enter one or more public IPv4 addresses separated by commas, e.g. 44.248.146.11, 13.200.45.61.');
}
