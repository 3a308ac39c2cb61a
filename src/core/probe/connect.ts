import { connect as netConnect, isIP, type Socket } from 'node:net';
import { checkServerIdentity, connect as tlsConnect, type PeerCertificate, type TLSSocket } from 'node:tls';
import { elapsed, withTimeout } from './timeout.js';

/** Open a TCP connection to one address, bounded by `timeoutMs`. */
export async function connectTcp(address: string, port: number, timeoutMs: number): Promise<{ socket: Socket; ms: number }> {
  const start = performance.now();
  const socket = netConnect({ host: address, port });
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  try {
    await withTimeout(opened, timeoutMs, 'TCP connection (SYN unanswered)', () => socket.destroy());
  } catch (e) {
    socket.destroy();
    throw e;
  }
  socket.removeAllListeners('error');
  return { socket, ms: elapsed(start) };
}

export interface CertInfo {
  subject: string;
  issuer: string;
  /** Subject alternative names as printed by OpenSSL, e.g. "DNS:example.com, IP Address:127.0.0.1". */
  altNames?: string;
  validFrom: string;
  validTo: string;
  /** Whole days until expiry; negative once expired. */
  daysLeft: number;
  fingerprint256: string;
  selfSigned: boolean;
}

export interface TlsResult {
  socket: TLSSocket;
  ms: number;
  protocol: string;
  cipher: string;
  cert?: CertInfo;
  /** Whether the chain and the name verified. */
  authorized: boolean;
  /** Every problem found, in words ("self-signed certificate", "certificate expired on …"). */
  problems: string[];
}

function dn(x: Record<string, string | string[]> | undefined): string {
  if (!x) return '';
  return Object.entries(x)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`)
    .join(', ');
}

export function certInfo(c: PeerCertificate, now = new Date()): CertInfo {
  const validTo = new Date(c.valid_to);
  const subject = dn(c.subject as unknown as Record<string, string>);
  const issuer = dn(c.issuer as unknown as Record<string, string>);
  return {
    subject,
    issuer,
    altNames: c.subjectaltname || undefined,
    validFrom: new Date(c.valid_from).toISOString(),
    validTo: validTo.toISOString(),
    daysLeft: Math.floor((validTo.getTime() - now.getTime()) / 86_400_000),
    fingerprint256: c.fingerprint256,
    selfSigned: subject === issuer,
  };
}

/** OpenSSL / Node verification codes, in words a person can act on. */
const VERIFY_WORDS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in the chain (untrusted root)',
  CERT_HAS_EXPIRED: 'certificate has expired',
  CERT_NOT_YET_VALID: 'certificate is not yet valid',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'issuer not trusted (incomplete chain: the server does not send its intermediate certificate)',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'issuer not trusted (unknown certificate authority)',
  UNABLE_TO_GET_ISSUER_CERT: 'issuer not trusted (unknown certificate authority)',
  CERT_REVOKED: 'certificate revoked',
  ERR_TLS_CERT_ALTNAME_INVALID: 'certificate name does not match the host',
};

export function describeVerifyError(code: string | Error | undefined, servername: string): string | undefined {
  if (!code) return undefined;
  const key = typeof code === 'string' ? code : ((code as NodeJS.ErrnoException).code ?? code.message);
  const words = VERIFY_WORDS[key] ?? key;
  return key === 'ERR_TLS_CERT_ALTNAME_INVALID' ? `${words} (${servername})` : words;
}

/**
 * TLS handshake over an open socket. Verification is done by Node (chain and name) but never aborts the
 * handshake here, so the certificate can be reported even when it is bad; the caller decides, from
 * `authorized` and `--insecure`, whether the stage failed.
 */
export async function handshakeTls(
  socket: Socket,
  opts: { host: string; servername?: string; timeoutMs: number; ca?: string | Buffer },
): Promise<TlsResult> {
  const start = performance.now();
  // SNI cannot carry an IP address; without a name the certificate is checked against the IP.
  const servername = opts.servername ?? (isIP(opts.host) ? undefined : opts.host);
  const tls = tlsConnect({ socket, host: opts.host, servername, rejectUnauthorized: false, ca: opts.ca });
  const done = new Promise<void>((resolve, reject) => {
    tls.once('secureConnect', () => resolve());
    tls.once('error', reject);
  });
  try {
    await withTimeout(done, opts.timeoutMs, 'TLS handshake', () => tls.destroy());
  } catch (e) {
    tls.destroy();
    throw e;
  }
  tls.removeAllListeners('error');
  const ms = elapsed(start);
  const peer = tls.getPeerCertificate();
  const cert = peer && Object.keys(peer).length > 0 ? certInfo(peer) : undefined;
  const name = servername ?? opts.host;
  const problems = new Set<string>();
  const verify = describeVerifyError(tls.authorizationError as unknown as string | undefined, name);
  if (verify && !/expired/.test(verify)) problems.add(verify);
  // Node checks the name only when the chain verified; check it anyway so both problems are named.
  if (peer && Object.keys(peer).length > 0 && checkServerIdentity(name, peer)) problems.add(describeVerifyError('ERR_TLS_CERT_ALTNAME_INVALID', name)!);
  if (cert && cert.daysLeft < 0) problems.add(`certificate expired on ${cert.validTo.slice(0, 10)}`);
  else if (verify && /expired/.test(verify)) problems.add(verify);
  const cipher = tls.getCipher();
  return {
    socket: tls,
    ms,
    protocol: tls.getProtocol() ?? 'unknown',
    cipher: cipher?.name ?? 'unknown',
    cert,
    authorized: tls.authorized && problems.size === 0,
    problems: [...problems],
  };
}

/** A certificate that verification refused; the message names the problem. */
export class CertificateProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CertificateProblem';
  }
}
