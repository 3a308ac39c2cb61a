import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { elapsed, withTimeout } from './timeout.js';

/**
 * How names become addresses. The default asks the operating system (getaddrinfo, so /etc/hosts counts,
 * as it would for any SIP client on this machine); tests pass a fake so that no query leaves the host.
 */
export interface Resolver {
  resolve(host: string): Promise<string[]>;
}

export const systemResolver: Resolver = {
  async resolve(host) {
    const found = await lookup(host, { all: true, family: 0 });
    return found.map((a) => a.address);
  },
};

export interface DnsResult {
  addresses: string[];
  ms: number;
  /** True when the host was already an IP literal and nothing was looked up. */
  literal: boolean;
}

/** Resolve a host, IPv4 first (Exotel's edge and ACLs are IPv4), duplicates dropped. */
export async function resolveHost(host: string, opts: { resolver?: Resolver; timeoutMs: number }): Promise<DnsResult> {
  if (isIP(host)) return { addresses: [host], ms: 0, literal: true };
  const start = performance.now();
  const found = await withTimeout((opts.resolver ?? systemResolver).resolve(host), opts.timeoutMs, 'DNS answer');
  const unique = [...new Set(found)];
  if (unique.length === 0) throw Object.assign(new Error(`${host} has no addresses`), { code: 'ENODATA' });
  const v4 = unique.filter((a) => isIP(a) === 4);
  const v6 = unique.filter((a) => isIP(a) === 6);
  return { addresses: [...v4, ...v6], ms: elapsed(start), literal: false };
}
