import { randomBytes } from 'node:crypto';
import { hostPort, type ProbeTarget, type Transport } from './target.js';

/** RFC 3261 §8.1.1.7: a branch that starts with the magic cookie marks an RFC 3261 transaction. */
export const MAGIC_COOKIE = 'z9hG4bK';

const token = (bytes: number) => randomBytes(bytes).toString('hex');

export interface OptionsRequest {
  text: string;
  branch: string;
  callId: string;
  fromTag: string;
  cseq: number;
}

export interface OptionsParams {
  target: ProbeTarget;
  /** Our address and port as the peer should see them (Via sent-by, Contact). */
  localAddress: string;
  localPort: number;
  cseq?: number;
  callId?: string;
  fromTag?: string;
  branch?: string;
  userAgent?: string;
}

/** An OPTIONS request (RFC 3261 §11) with every mandatory header; `rport` (RFC 3581) helps through NAT. */
export function buildOptions(p: OptionsParams): OptionsRequest {
  const { target } = p;
  const branch = p.branch ?? `${MAGIC_COOKIE}${token(8)}`;
  const callId = p.callId ?? `${token(12)}@exotrunk`;
  const fromTag = p.fromTag ?? token(4);
  const cseq = p.cseq ?? 1;
  const via = viaTransport(target.transport);
  const local = hostPort(p.localAddress, p.localPort);
  const user = target.user ? `${target.user}@` : '';
  const requestUri = `${target.scheme}:${user}${hostPort(target.host, target.port)};transport=${target.transport}`;
  const lines = [
    `OPTIONS ${requestUri} SIP/2.0`,
    `Via: SIP/2.0/${via} ${local};branch=${branch};rport`,
    'Max-Forwards: 70',
    `From: <sip:probe@${hostPort(p.localAddress, p.localPort).replace(/:\d+$/, '')}>;tag=${fromTag}`,
    `To: <${target.scheme}:${user}${hostPort(target.host, target.port)}>`,
    `Call-ID: ${callId}`,
    `CSeq: ${cseq} OPTIONS`,
    `Contact: <sip:probe@${local};transport=${target.transport}>`,
    'Accept: application/sdp',
    `User-Agent: ${p.userAgent ?? 'exotrunk-probe'}`,
    'Content-Length: 0',
  ];
  return { text: `${lines.join('\r\n')}\r\n\r\n`, branch, callId, fromTag, cseq };
}

export function viaTransport(t: Transport): string {
  return t.toUpperCase();
}

export interface SipMessage {
  /** Present on responses. */
  statusCode?: number;
  reason?: string;
  /** Present on requests. */
  method?: string;
  startLine: string;
  /** Lower-case long header names; a header that appears more than once keeps every value. */
  headers: Map<string, string[]>;
  body: string;
}

/** RFC 3261 §7.3.3 compact forms. */
const COMPACT: Record<string, string> = {
  v: 'via', f: 'from', t: 'to', i: 'call-id', m: 'contact', l: 'content-length', c: 'content-type',
  e: 'content-encoding', k: 'supported', s: 'subject',
};

export function header(m: SipMessage, name: string): string | undefined {
  return m.headers.get(name.toLowerCase())?.[0];
}

/** The top Via's branch parameter, which ties a response to our transaction. */
export function topViaBranch(m: SipMessage): string | undefined {
  const via = header(m, 'via')?.split(',')[0];
  return via ? /;\s*branch=([^;,\s]+)/i.exec(via)?.[1] : undefined;
}

export class SipParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SipParseError';
  }
}

/** Parse a header block (start line + headers, no body). Tolerates LF-only lines and folded headers. */
export function parseHead(head: string): Omit<SipMessage, 'body'> {
  const rawLines = head.split(/\r?\n/);
  const startLine = (rawLines.shift() ?? '').trim();
  const lines: string[] = [];
  for (const l of rawLines) {
    // Line folding (RFC 3261 §7.3.1): a line starting with whitespace continues the previous header.
    if (/^[ \t]/.test(l) && lines.length > 0) lines[lines.length - 1] += ` ${l.trim()}`;
    else if (l.length > 0) lines.push(l);
  }
  const headers = new Map<string, string[]>();
  for (const l of lines) {
    const colon = l.indexOf(':');
    if (colon <= 0) continue;
    let name = l.slice(0, colon).trim().toLowerCase();
    name = COMPACT[name] ?? name;
    const value = l.slice(colon + 1).trim();
    headers.set(name, [...(headers.get(name) ?? []), value]);
  }
  const status = /^SIP\/2\.0\s+(\d{3})(?:\s+(.*))?$/i.exec(startLine);
  if (status) return { startLine, statusCode: Number(status[1]), reason: (status[2] ?? '').trim(), headers };
  const request = /^([A-Z]+)\s+\S+\s+SIP\/2\.0$/i.exec(startLine);
  if (request) return { startLine, method: request[1].toUpperCase(), headers };
  throw new SipParseError(`not a SIP message: "${startLine.slice(0, 80)}"`);
}

/** Parse one whole message, as a UDP datagram carries it. */
export function parseSipMessage(text: string): SipMessage {
  const m = /\r?\n\r?\n/.exec(text);
  const headEnd = m ? m.index : text.length;
  const head = parseHead(text.slice(0, headEnd).replace(/^(\r?\n)+/, ''));
  const rest = m ? text.slice(headEnd + m[0].length) : '';
  const len = Number(head.headers.get('content-length')?.[0]);
  return { ...head, body: Number.isFinite(len) && len >= 0 ? rest.slice(0, len) : rest };
}

const MAX_HEAD = 64 * 1024;

/**
 * Frames SIP messages out of a byte stream (TCP, TLS) by Content-Length (RFC 3261 §18.3). Skips the CRLF
 * keep-alives of RFC 5626 between messages. A stream without Content-Length is framed as having no body.
 */
export class SipStreamParser {
  private buf = Buffer.alloc(0);

  push(chunk: Buffer | string): SipMessage[] {
    this.buf = Buffer.concat([this.buf, typeof chunk === 'string' ? Buffer.from(chunk) : chunk]);
    const out: SipMessage[] = [];
    for (;;) {
      let skip = 0;
      while (skip < this.buf.length && (this.buf[skip] === 0x0d || this.buf[skip] === 0x0a)) skip++;
      if (skip) this.buf = this.buf.subarray(skip);
      const crlf = this.buf.indexOf('\r\n\r\n');
      const lf = this.buf.indexOf('\n\n');
      const [end, sepLen] = crlf >= 0 && (lf < 0 || crlf < lf) ? [crlf, 4] : [lf, 2];
      if (end < 0) {
        if (this.buf.length > MAX_HEAD) throw new SipParseError(`no end of SIP headers within ${MAX_HEAD} bytes`);
        return out;
      }
      const head = parseHead(this.buf.subarray(0, end).toString('utf8'));
      const lenText = head.headers.get('content-length')?.[0];
      const len = lenText === undefined ? 0 : Number(lenText);
      if (!Number.isInteger(len) || len < 0) throw new SipParseError(`bad Content-Length "${lenText}"`);
      const total = end + sepLen + len;
      if (this.buf.length < total) return out;
      out.push({ ...head, body: this.buf.subarray(end + sepLen, total).toString('utf8') });
      this.buf = this.buf.subarray(total);
    }
  }
}
