import { isIP } from 'node:net';
import { InputError } from '../errors.js';
import { DEFAULT_SIP_PORTS, formatSipUri, hostPort as sipHostPort, parseSipUri } from '../sip-uri.js';

export type Transport = 'udp' | 'tcp' | 'tls';
export const TRANSPORTS: readonly Transport[] = ['udp', 'tcp', 'tls'];

/** Where a probe goes, with how the port and transport were chosen (so the report can say so). */
export interface ProbeTarget {
  /** The text the user gave, trimmed. */
  input: string;
  scheme: 'sip' | 'sips';
  /** Hostname or IP literal, IPv6 without brackets. */
  host: string;
  port: number;
  transport: Transport;
  /** Optional user part of a SIP URI, kept for the Request-URI. */
  user?: string;
  /** How transport and port were picked when the input left them out; empty when both were given. */
  defaults: string[];
}

/**
 * Defaults when the input leaves something out. RFC 3263 says a `sip:` URI with a port and no transport is
 * UDP; we follow it except for the ports whose purpose is unambiguous: 5070 is Exotel's TCP signalling
 * port, 443 and 5061 only ever carry TLS for SIP (seed 002 §15 "Ports to Open"). `sips:` is always TLS.
 * Port defaults: 5060 for udp/tcp, 5061 for tls (RFC 3261 §19.1.2).
 */
export function defaultTransportForPort(port: number | undefined): { transport: Transport; why: string } {
  if (port === 5070) return { transport: 'tcp', why: 'transport tcp: port 5070 is Exotel TCP signalling' };
  if (port === 443 || port === 5061) return { transport: 'tls', why: `transport tls: port ${port} carries SIP over TLS` };
  if (port === undefined) return { transport: 'udp', why: 'transport udp: the SIP default (RFC 3263)' };
  return { transport: 'udp', why: `transport udp: no transport given for port ${port} (RFC 3263)` };
}

export function defaultPort(transport: Transport): number {
  return DEFAULT_SIP_PORTS[transport];
}

const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;
const OTHER_SCHEMES = new Set(['tel', 'http', 'https', 'ws', 'wss', 'urn', 'mailto', 'im', 'pres']);
const EXAMPLE = 'for example sip:in.voip.exotel.com:5070;transport=tcp or sip.example.com:5061;transport=tls';

function bad(input: string, why: string): InputError {
  return new InputError(`Cannot probe "${input}": ${why}.`, { fix: `Give a SIP URI or host:port;transport=udp|tcp|tls, ${EXAMPLE}.` });
}

/** Parse `sip:[user@]host[:port][;transport=x]`, `sips:…`, or `host[:port][;transport=x]`; `<…>` allowed. */
export function parseTarget(raw: string): ProbeTarget {
  const input = (raw ?? '').trim();
  if (!input) throw bad(input, 'the target is empty');
  let rest = input.replace(/^<(.*)>$/, '$1');
  let scheme: 'sip' | 'sips' = 'sip';
  // A scheme is sip:/sips:, or something that is clearly another URI (tel:, https://); else host:port.
  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(rest);
  if (schemeMatch) {
    const s = schemeMatch[1].toLowerCase();
    const after = rest.slice(schemeMatch[0].length);
    if (s === 'sip' || s === 'sips') {
      scheme = s;
      rest = after;
    } else if (after.startsWith('//') || OTHER_SCHEMES.has(s)) {
      throw bad(input, `the scheme "${schemeMatch[1]}:" is not sip: or sips:`);
    }
  }
  // Headers (?a=b) mean nothing to a probe: parseSipUri drops them. It splits leniently; the checks are here.
  const hostPortText = rest.split('?')[0]!.split(';')[0]!.replace(/^.*@/, '');
  const uri = parseSipUri(rest);
  const user = uri.user;
  let host = uri.host;
  const portText = uri.portText ?? (/^\[[^\]]*\]:$|^[^:]*:$/.test(hostPortText) ? '' : undefined);
  if (hostPortText.startsWith('[')) {
    if (isIP(host) !== 6) throw bad(input, `"[${host}]" is not an IPv6 address`);
  } else {
    if ((hostPortText.match(/:/g) ?? []).length > 1) throw bad(input, 'an IPv6 address must be written in brackets, [2001:db8::1]:5060');
    if (!host) throw bad(input, 'there is no host');
    if (!isIP(host) && !HOSTNAME.test(host)) throw bad(input, `"${host}" is not a valid host name or IP address`);
    host = host.replace(/\.$/, '');
  }

  let port: number | undefined;
  if (portText !== undefined) {
    if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
      throw bad(input, `the port "${portText}" is not a number from 1 to 65535`);
    }
    port = Number(portText);
  }

  const defaults: string[] = [];
  let transport: Transport;
  const given = uri.transportText;
  if (given !== undefined) {
    if (!(TRANSPORTS as readonly string[]).includes(given)) throw bad(input, `transport "${given}" is not udp, tcp or tls`);
    transport = given as Transport;
    if (scheme === 'sips' && transport !== 'tls') throw bad(input, `sips: needs TLS, not ${transport}`);
  } else if (scheme === 'sips') {
    transport = 'tls';
    defaults.push('transport tls: sips: is always TLS');
  } else {
    const d = defaultTransportForPort(port);
    transport = d.transport;
    defaults.push(d.why);
  }
  if (port === undefined) {
    port = defaultPort(transport);
    defaults.push(`port ${port}: the default for ${transport}`);
  }
  return { input, scheme, host, port, transport, user, defaults };
}

/** `host:port` with IPv6 bracketed, as SIP headers and URIs want it. */
export const hostPort = (host: string, port: number): string => sipHostPort(host, port);

/** The canonical URI for a target, e.g. `sip:host:5070;transport=tcp`. */
export function formatTarget(t: ProbeTarget): string {
  return formatSipUri({ scheme: t.scheme, user: t.user, host: t.host, port: t.port, transport: t.transport });
}
