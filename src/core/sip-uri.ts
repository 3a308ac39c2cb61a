/**
 * SIP URIs, read and written in one place: the `sip:` prefix, the host, the port and the transport. Exotel
 * wants a destination as "host:port;transport=tls" (no scheme) and stores it with `sip:`; templates, probes,
 * the rules and the partner bodies all need its parts. Every one of them comes here rather than cutting the
 * text by hand, so "with or without sip:" and "which port by default" are decided once.
 *
 * Lenient by design: `parseSipUri` splits what it is given and never throws; callers that must refuse bad
 * input (the probe, the resource commands, the rules) validate the parts with their own words.
 */

export type SipTransport = 'udp' | 'tcp' | 'tls';
export const SIP_TRANSPORTS: readonly SipTransport[] = ['udp', 'tcp', 'tls'];

/** SIP's default ports (RFC 3261 §19.1.2): 5060 for udp and tcp, 5061 for tls. */
export const DEFAULT_SIP_PORTS = { udp: 5060, tcp: 5060, tls: 5061 } as const;

export interface SipUri {
  /** the scheme as written; undefined when the text had none ("host:port;transport=tcp") */
  scheme?: 'sip' | 'sips';
  user?: string;
  /** host name or IP literal (IPv6 without brackets) */
  host: string;
  /** the port as written (digits), undefined when none */
  portText?: string;
  /** the transport parameter as written, lower-cased; undefined when none */
  transportText?: string;
  /** the other ;params, as written (e.g. "lr") */
  params: string[];
}

const SCHEME = /^(sips?):/i;

/** Without its `sip:` / `sips:` scheme and surrounding <…>: how Exotel wants a destination sent. */
export function bareSipUri(text: unknown): string {
  return String(text ?? '').trim().replace(/^<(.*)>$/, '$1').replace(SCHEME, '');
}

/** With `sip:` once, never twice (`sips:` kept): how Exotel stores a destination and partners want a URI. */
export function withSip(text: unknown): string {
  const t = String(text ?? '').trim();
  return SCHEME.test(t) ? t : `sip:${t}`;
}

/** Split a SIP URI (with or without a scheme) into its parts; never throws. */
export function parseSipUri(text: unknown): SipUri {
  const raw = String(text ?? '').trim().replace(/^<(.*)>$/, '$1');
  const scheme = SCHEME.exec(raw)?.[1]?.toLowerCase() as SipUri['scheme'];
  const [hostPart = '', ...paramParts] = raw.replace(SCHEME, '').split('?')[0]!.split(';');
  let hostport = hostPart;
  let user: string | undefined;
  const at = hostport.lastIndexOf('@');
  if (at >= 0) {
    user = hostport.slice(0, at).split(':')[0] || undefined;
    hostport = hostport.slice(at + 1);
  }
  let host = hostport;
  let portText: string | undefined;
  const v6 = /^\[([^\]]*)\](?::(.*))?$/.exec(hostport);
  if (v6) {
    host = v6[1]!;
    portText = v6[2];
  } else if ((hostport.match(/:/g) ?? []).length === 1) {
    [host, portText] = hostport.split(':') as [string, string];
  }
  const params: string[] = [];
  let transportText: string | undefined;
  for (const p of paramParts.map((x) => x.trim()).filter(Boolean)) {
    const m = /^transport=(.*)$/i.exec(p);
    if (m) transportText = m[1]!.trim().toLowerCase();
    else params.push(p);
  }
  return { scheme, user, host: host.trim(), portText: portText === '' ? undefined : portText?.trim(), transportText, params };
}

/** The transport a URI names, or `fallback` when it names none or one SIP does not have. */
export function sipTransport(text: unknown, fallback: SipTransport = 'tcp'): SipTransport {
  const t = parseSipUri(text).transportText;
  return (SIP_TRANSPORTS as readonly string[]).includes(t ?? '') ? (t as SipTransport) : fallback;
}

/** The transport a URI names, or undefined when it names none (or an unknown one). */
export function namedTransport(text: unknown): SipTransport | undefined {
  const t = parseSipUri(text).transportText;
  return (SIP_TRANSPORTS as readonly string[]).includes(t ?? '') ? (t as SipTransport) : undefined;
}

/** The host of a URI: "sip:abc.sip.livekit.cloud:5061;transport=tls" → "abc.sip.livekit.cloud". */
export function sipHost(text: unknown): string {
  return parseSipUri(text).host;
}

/** The port a URI names, else the default for its transport (5061 for tls, 5060 otherwise). */
export function sipPort(text: unknown, fallbackTransport: SipTransport = 'tcp'): number {
  const u = parseSipUri(text);
  if (u.portText && /^\d+$/.test(u.portText)) return Number(u.portText);
  return DEFAULT_SIP_PORTS[sipTransport(text, fallbackTransport)];
}

/** Host, port and transport, with the defaults Exotel's destinations use (tcp; 5060, or 5061 for tls). */
export function sipParts(text: unknown): { host: string; port: number; transport: SipTransport } {
  return { host: sipHost(text), port: sipPort(text), transport: sipTransport(text) };
}

/** "host:port" with an IPv6 literal in brackets, as SIP URIs and headers write it. */
export function hostPort(host: string, port: number | string): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** Write a URI: `sip:` (or `sips:`) only when asked for, the port and transport when known, other params kept. */
export function formatSipUri(u: { scheme?: 'sip' | 'sips'; user?: string; host: string; port?: number | string; transport?: string; params?: string[] }): string {
  const hp = u.port === undefined || u.port === '' ? (u.host.includes(':') ? `[${u.host}]` : u.host) : hostPort(u.host, u.port);
  const params = [...(u.transport ? [`transport=${u.transport}`] : []), ...(u.params ?? [])];
  return `${u.scheme ? `${u.scheme}:` : ''}${u.user ? `${u.user}@` : ''}${hp}${params.map((p) => `;${p}`).join('')}`;
}

/** Exotel wants host:port;transport=…: a URI without a port gets its transport's default (5061 for tls, else 5060). */
export function withDefaultPort(text: string): string {
  const u = parseSipUri(text);
  if (u.portText) return text;
  const port = DEFAULT_SIP_PORTS[sipTransport(text)];
  const [hostPart, ...rest] = text.split(';');
  return [`${hostPart}:${port}`, ...rest].join(';');
}

/** Two destinations are the same when they differ only in the scheme or the case (Exotel stores `sip:`). */
export function sameSipUri(a: string, b: string): boolean {
  return bareSipUri(a).toLowerCase() === bareSipUri(b).toLowerCase();
}
