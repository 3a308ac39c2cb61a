import type { Socket } from 'node:net';
import { CertificateProblem, connectTcp, handshakeTls, type CertInfo } from './connect.js';
import { resolveHost, type Resolver } from './dns.js';
import { streamChannel, udpChannel, type SipChannel } from './sip-channel.js';
import { explainSipCode, sipClass } from './sip-codes.js';
import { header } from './sip-options.js';
import { sendOptions, type OptionsOutcome } from './sip-transaction.js';
import { formatTarget, hostPort, type ProbeTarget, type Transport } from './target.js';
import { StageTimeout } from './timeout.js';
import { likelyCause } from './likely-cause.js';

export type StageName = 'dns' | 'connect' | 'tls' | 'sip';

export interface ProbeStage {
  stage: StageName;
  ok: boolean;
  ms: number;
  detail: string;
  error?: string;
  likelyCause?: string;
}

export interface ProbeOptions {
  /** OPTIONS requests to send (default 3). */
  attempts?: number;
  /** Bound on every stage, and on each OPTIONS transaction (default 3000 ms). */
  timeoutMs?: number;
  /** Report the certificate but do not fail on it. */
  insecure?: boolean;
  /** SNI and the name the certificate must match (default: the target host). */
  servername?: string;
  resolver?: Resolver;
  /** Extra trusted CA certificates (PEM), e.g. a private CA. */
  ca?: string | Buffer;
}

export interface TlsSummary {
  protocol: string;
  cipher: string;
  cert?: CertInfo;
  verified: boolean;
  /** Problems found with the certificate, even when --insecure let the probe go on. */
  problems: string[];
}

export interface SipSummary {
  /** The last final response's code and reason. */
  statusCode: number;
  reason: string;
  rtt: { min: number; median: number; max: number };
  /** OPTIONS sent and final responses received. */
  attempts: number;
  answered: number;
  /** Every final code received, in order (they can differ between attempts). */
  codes: number[];
  server?: string;
  exotelErrorCode?: string;
}

export interface ProbeResult {
  target: string;
  host: string;
  port: number;
  transport: Transport;
  /** How port and transport were chosen when the input left them out. */
  defaults: string[];
  addresses: string[];
  /** The address probed: the first resolved, IPv4 preferred. */
  address?: string;
  stages: ProbeStage[];
  tls?: TlsSummary;
  sip?: SipSummary;
  /** True when any SIP final response came back, whatever its code. */
  answered: boolean;
  failedStage?: StageName;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : Math.round(((s[mid - 1] + s[mid]) / 2) * 10) / 10;
};

function errText(e: unknown): string {
  if (e instanceof CertificateProblem || !(e instanceof Error)) return e instanceof Error ? e.message : String(e);
  const code = (e as NodeJS.ErrnoException).code;
  return code && !e.message.includes(code) ? `${code}: ${e.message}` : e.message;
}

/** Probe a SIP target: DNS, TCP connect, TLS handshake, then OPTIONS; stops at the first failed stage. */
export async function probe(target: ProbeTarget, opts: ProbeOptions = {}): Promise<ProbeResult> {
  const attempts = Math.max(1, Math.floor(opts.attempts ?? 3));
  const timeoutMs = Math.max(1, Math.floor(opts.timeoutMs ?? 3000));
  const result: ProbeResult = {
    target: formatTarget(target),
    host: target.host,
    port: target.port,
    transport: target.transport,
    defaults: target.defaults,
    addresses: [],
    stages: [],
    answered: false,
  };
  const fail = (stage: StageName, ms: number, detail: string, e: unknown): ProbeResult => {
    result.stages.push({ stage, ok: false, ms, detail, error: errText(e), likelyCause: likelyCause(stage, e, target) });
    result.failedStage = stage;
    return result;
  };

  // DNS
  const dnsStart = performance.now();
  try {
    const dns = await resolveHost(target.host, { resolver: opts.resolver, timeoutMs });
    result.addresses = dns.addresses;
    result.address = dns.addresses[0];
    result.stages.push({ stage: 'dns', ok: true, ms: dns.ms, detail: dns.literal ? `${target.host} (IP literal, no lookup)` : `${target.host} -> ${dns.addresses.join(', ')}` });
  } catch (e) {
    return fail('dns', Math.round(performance.now() - dnsStart), `cannot resolve ${target.host}`, e);
  }
  const address = result.address!;
  const where = hostPort(address, target.port);

  let channel: SipChannel | undefined;
  try {
    if (target.transport === 'udp') {
      try {
        channel = await udpChannel(address, target.port);
      } catch (e) {
        return fail('sip', 0, `cannot open a UDP socket toward ${where}`, e);
      }
    } else {
      let socket: Socket;
      const connectStart = performance.now();
      try {
        const c = await connectTcp(address, target.port, timeoutMs);
        socket = c.socket;
        result.stages.push({ stage: 'connect', ok: true, ms: c.ms, detail: `${where}/tcp open` });
      } catch (e) {
        return fail('connect', Math.round(performance.now() - connectStart), `${where}/tcp`, e);
      }
      if (target.transport === 'tls') {
        const tlsStart = performance.now();
        try {
          const t = await handshakeTls(socket, { host: target.host, servername: opts.servername, timeoutMs, ca: opts.ca });
          socket = t.socket;
          result.tls = { protocol: t.protocol, cipher: t.cipher, cert: t.cert, verified: t.authorized, problems: t.problems };
          // Subject and issuer live in result.tls.cert; the detail stays one readable line.
          const certLine = t.cert ? ` (certificate expires ${t.cert.validTo.slice(0, 10)})` : '';
          if (!t.authorized && !opts.insecure) {
            socket.destroy();
            const problem = t.problems.join('; ') || 'certificate not verified';
            return fail('tls', t.ms, `${t.protocol}: ${problem}${certLine}`, new CertificateProblem(problem));
          }
          const note = t.authorized ? 'verified' : `NOT verified (--insecure): ${t.problems.join('; ')}`;
          result.stages.push({ stage: 'tls', ok: true, ms: t.ms, detail: `${t.protocol}, ${note}${certLine}` });
        } catch (e) {
          socket.destroy();
          return fail('tls', Math.round(performance.now() - tlsStart), 'TLS handshake', e);
        }
      }
      channel = streamChannel(socket);
    }
    return await optionsStage(channel, target, attempts, timeoutMs, result);
  } finally {
    channel?.close();
  }
}

async function optionsStage(channel: SipChannel, target: ProbeTarget, attempts: number, timeoutMs: number, result: ProbeResult): Promise<ProbeResult> {
  const outcomes: OptionsOutcome[] = [];
  let lastError: unknown;
  let spent = 0;
  for (let i = 1; i <= attempts; i++) {
    const start = performance.now();
    try {
      outcomes.push(await sendOptions(channel, target, i, timeoutMs));
    } catch (e) {
      lastError = e;
      // A closed stream will not answer the next attempt either.
      if (!(e instanceof StageTimeout)) break;
    } finally {
      spent += performance.now() - start;
    }
  }
  const ms = Math.round(spent);
  if (outcomes.length === 0) {
    result.stages.push({
      stage: 'sip',
      ok: false,
      ms,
      detail: `OPTIONS x${attempts} over ${target.transport}: no final response`,
      error: errText(lastError),
      likelyCause: likelyCause('sip', lastError, target),
    });
    result.failedStage = 'sip';
    return result;
  }
  const last = outcomes[outcomes.length - 1].response;
  const rtts = outcomes.map((o) => o.rtt);
  const statusCode = last.statusCode!;
  result.sip = {
    statusCode,
    reason: last.reason ?? '',
    rtt: { min: Math.min(...rtts), median: median(rtts), max: Math.max(...rtts) },
    attempts,
    answered: outcomes.length,
    codes: outcomes.map((o) => o.response.statusCode!),
    server: header(last, 'server') ?? header(last, 'user-agent'),
    exotelErrorCode: header(last, 'x-exotel-errorcode'),
  };
  result.answered = true;
  const exo = result.sip.exotelErrorCode ? ` (X-Exotel-ErrorCode ${result.sip.exotelErrorCode})` : '';
  const stage: ProbeStage = {
    stage: 'sip',
    ok: true,
    ms: result.sip.rtt.median,
    detail: `${statusCode} ${result.sip.reason}${exo}; ${outcomes.length}/${attempts} answered; rtt min ${result.sip.rtt.min} / median ${result.sip.rtt.median} / max ${result.sip.rtt.max} ms`,
  };
  if (statusCode >= 300) {
    const row = explainSipCode(statusCode);
    stage.likelyCause = row ? `${row.meaning}. ${row.causes.join('; ')}` : `${statusCode} is a ${sipClass(statusCode)}; the server is up and answered`;
  }
  result.stages.push(stage);
  return result;
}
