import { describe, expect, it } from 'vitest';
import { buildOptions, header, parseSipMessage, SipParseError, SipStreamParser, topViaBranch } from '../../src/core/probe/sip-options.js';
import { parseTarget } from '../../src/core/probe/target.js';

const response = (status: string, extra: string[] = [], body = '') =>
  [`SIP/2.0 ${status}`, 'Via: SIP/2.0/TCP 10.0.0.1:40000;branch=z9hG4bKabc;rport=40000', 'From: <sip:probe@10.0.0.1>;tag=1', 'To: <sip:x>;tag=2', 'Call-ID: c1', 'CSeq: 1 OPTIONS', ...extra, `Content-Length: ${Buffer.byteLength(body)}`, '', body].join('\r\n');

describe('buildOptions', () => {
  const target = parseTarget('sip:in.voip.exotel.com:5070;transport=tcp');
  const req = buildOptions({ target, localAddress: '10.0.0.1', localPort: 40000 });
  const lines = req.text.split('\r\n');

  it('has the RFC 3261 request line and every mandatory header', () => {
    expect(lines[0]).toBe('OPTIONS sip:in.voip.exotel.com:5070;transport=tcp SIP/2.0');
    expect(req.text).toMatch(/\r\nVia: SIP\/2\.0\/TCP 10\.0\.0\.1:40000;branch=z9hG4bK[0-9a-f]{16};rport\r\n/);
    expect(req.text).toContain('\r\nMax-Forwards: 70\r\n');
    expect(req.text).toMatch(new RegExp(`\\r\\nFrom: <sip:probe@10\\.0\\.0\\.1>;tag=${req.fromTag}\\r\\n`));
    expect(req.text).toContain('\r\nTo: <sip:in.voip.exotel.com:5070>\r\n');
    expect(req.text).toContain(`\r\nCall-ID: ${req.callId}\r\n`);
    expect(req.text).toContain('\r\nCSeq: 1 OPTIONS\r\n');
    expect(req.text).toContain('\r\nContact: <sip:probe@10.0.0.1:40000;transport=tcp>\r\n');
    expect(req.text.endsWith('Content-Length: 0\r\n\r\n')).toBe(true);
  });

  it('uses fresh branch, tag and Call-ID each time, and the given CSeq', () => {
    const again = buildOptions({ target, localAddress: '10.0.0.1', localPort: 40000, cseq: 7 });
    expect(again.branch).not.toBe(req.branch);
    expect(again.callId).not.toBe(req.callId);
    expect(again.fromTag).not.toBe(req.fromTag);
    expect(again.text).toContain('CSeq: 7 OPTIONS');
  });

  it('brackets IPv6 and names UDP / TLS in the Via', () => {
    const v6 = buildOptions({ target: parseTarget('[::1]:5060;transport=udp'), localAddress: '::1', localPort: 5999 });
    expect(v6.text).toContain('OPTIONS sip:[::1]:5060;transport=udp SIP/2.0');
    expect(v6.text).toContain('Via: SIP/2.0/UDP [::1]:5999;branch=');
    expect(v6.text).toContain('From: <sip:probe@[::1]>;tag=');
    expect(buildOptions({ target: parseTarget('sips:h.example.com'), localAddress: '1.2.3.4', localPort: 1 }).text).toContain('Via: SIP/2.0/TLS ');
  });

  it('is parseable by our own parser as a request', () => {
    const m = parseSipMessage(req.text);
    expect(m.method).toBe('OPTIONS');
    expect(topViaBranch(m)).toBe(req.branch);
  });
});

describe('parseSipMessage', () => {
  it('reads status, reason, headers and body', () => {
    const m = parseSipMessage(response('403 Forbidden', ['X-Exotel-ErrorCode: 4001'], 'hello'));
    expect(m.statusCode).toBe(403);
    expect(m.reason).toBe('Forbidden');
    expect(header(m, 'X-Exotel-ErrorCode')).toBe('4001');
    expect(topViaBranch(m)).toBe('z9hG4bKabc');
    expect(m.body).toBe('hello');
  });

  it('accepts compact headers, LF-only lines, folded headers and a missing reason', () => {
    const text = 'SIP/2.0 200\nv: SIP/2.0/UDP 1.2.3.4;branch=z9hG4bKx\ni: abc\nServer: some\n  long server\nl: 0\n\n';
    const m = parseSipMessage(text);
    expect(m.statusCode).toBe(200);
    expect(m.reason).toBe('');
    expect(header(m, 'call-id')).toBe('abc');
    expect(header(m, 'server')).toBe('some long server');
    expect(topViaBranch(m)).toBe('z9hG4bKx');
  });

  it('keeps repeated headers and takes the branch of the top Via', () => {
    const m = parseSipMessage('SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP a;branch=z9hG4bKtop, SIP/2.0/UDP b;branch=z9hG4bKb\r\nVia: SIP/2.0/UDP c;branch=z9hG4bKc\r\n\r\n');
    expect(m.headers.get('via')).toHaveLength(2);
    expect(topViaBranch(m)).toBe('z9hG4bKtop');
  });

  it('refuses what is not SIP', () => {
    expect(() => parseSipMessage('HTTP/1.1 400 Bad Request\r\n\r\n')).toThrow(SipParseError);
  });
});

describe('SipStreamParser', () => {
  it('frames by Content-Length across arbitrary chunk boundaries', () => {
    const a = response('100 Trying');
    const b = response('200 OK', [], 'v=0\r\n\r\nbody with blank line');
    const all = Buffer.from(`\r\n\r\n${a}${b}`);
    for (const size of [1, 3, 17, all.length]) {
      const p = new SipStreamParser();
      const got = [];
      for (let i = 0; i < all.length; i += size) got.push(...p.push(all.subarray(i, i + size)));
      expect(got.map((m) => m.statusCode)).toEqual([100, 200]);
      expect(got[1].body).toBe('v=0\r\n\r\nbody with blank line');
    }
  });

  it('waits for the whole body before yielding a message', () => {
    const p = new SipStreamParser();
    const text = response('200 OK', [], '12345');
    expect(p.push(text.slice(0, -2))).toEqual([]);
    expect(p.push(text.slice(-2))).toHaveLength(1);
  });

  it('refuses a bad Content-Length and endless headers', () => {
    expect(() => new SipStreamParser().push('SIP/2.0 200 OK\r\nContent-Length: -1\r\n\r\n')).toThrow(/Content-Length/);
    expect(() => new SipStreamParser().push(`SIP/2.0 200 OK\r\nX: ${'a'.repeat(70_000)}`)).toThrow(/no end of SIP headers/);
  });
});
