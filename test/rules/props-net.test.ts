/** Property tests (1,000 runs each) for IPs, hosts, ports, transports, subdomains and URLs. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fqdn, host, hostport, port, subdomain, url } from '../../src/core/rules/hosts.js';
import { classifyIPv4, ipv4_public, ipv4_public_list, isCidr } from '../../src/core/rules/ip.js';
import { transport } from '../../src/core/rules/validators.js';
import { RUNS, anyIPv4, fqdnArb, inRefusedRange, insertAt, label, padded, publicIPv4, recase, refusedIPv4, tld } from './arbitraries.js';

describe('ipv4_public properties', () => {
  it('never accepts an address in a refused range, and names the range', () => {
    fc.assert(
      fc.property(refusedIPv4, (ip) => {
        const r = ipv4_public(ip);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.message).toMatch(/range|address 255/);
        expect(classifyIPv4(ip).range).not.toBe('public');
      }),
      RUNS,
    );
  });
  it('accepts any address outside the refused ranges, unchanged and idempotent', () => {
    fc.assert(
      fc.property(padded(publicIPv4), ({ raw, core }) => {
        expect(ipv4_public(raw)).toEqual({ ok: true, value: core });
        expect(ipv4_public(core)).toEqual({ ok: true, value: core });
      }),
      RUNS,
    );
  });
  it('on any address, accepts it only when the independent list says public', () => {
    fc.assert(
      fc.property(anyIPv4, (ip) => {
        if (inRefusedRange(ip)) expect(ipv4_public(ip).ok).toBe(false);
        if (ipv4_public(ip).ok) expect(inRefusedRange(ip)).toBe(false);
      }),
      RUNS,
    );
  });
  it('a CIDR range (mask < 32) is refused, explaining that digest will be used', () => {
    fc.assert(
      fc.property(anyIPv4, fc.integer({ min: 0, max: 31 }), (ip, bits) => {
        const cidr = `${ip}/${bits}`;
        expect(isCidr(cidr)).toBe(true);
        expect(ipv4_public(cidr)).toMatchObject({ ok: false, message: expect.stringContaining('digest credentials') });
      }),
      RUNS,
    );
  });
  it('a public list is accepted, de-duplicated, in order, and idempotent', () => {
    fc.assert(
      fc.property(fc.array(publicIPv4, { minLength: 1, maxLength: 6 }), fc.constantFrom(', ', ',', ' ', ';', '\n'), (ips, sep) => {
        const r = ipv4_public_list(ips.join(sep));
        const expected = [...new Set(ips)].join(', ');
        expect(r).toEqual({ ok: true, value: expected });
        expect(ipv4_public_list(expected)).toEqual(r);
      }),
      RUNS,
    );
  });
  it('a list with one refused address fails, naming its position', () => {
    fc.assert(
      fc.property(fc.array(publicIPv4, { maxLength: 4 }), refusedIPv4, fc.array(publicIPv4, { maxLength: 3 }), (before, bad, after) => {
        const r = ipv4_public_list([...before, bad, ...after].join(', '));
        expect(r.ok).toBe(false);
        if (!r.ok && before.length + after.length > 0) expect(r.message).toMatch(new RegExp(`^Item ${before.length + 1}: `));
      }),
      RUNS,
    );
  });
});

describe('fqdn / host / hostport properties', () => {
  it('any well-formed host name passes, lower-cased and idempotent', () => {
    fc.assert(
      fc.property(padded(recase(fqdnArb)), ({ raw, core }) => {
        const r = fqdn(raw);
        expect(r).toEqual({ ok: true, value: core.toLowerCase() });
        if (r.ok) expect(fqdn(r.value)).toEqual(r);
      }),
      RUNS,
    );
  });
  it('a character outside [a-z0-9.-] fails with what is valid', () => {
    fc.assert(
      fc.property(insertAt(fqdnArb, fc.constantFrom('_', ' ', '!', '/', 'é', '*', '@')), (h) => {
        expect(fqdn(`a${h}.com`)).toMatchObject({ ok: false, message: expect.stringContaining('e.g. sip.retellai.com') });
      }),
      RUNS,
    );
  });
  it('a label with a leading or trailing hyphen fails', () => {
    fc.assert(
      fc.property(label, tld, fc.boolean(), (l, t, lead) => {
        expect(fqdn(lead ? `-${l}.${t}` : `${l}-.${t}`).ok).toBe(false);
      }),
      RUNS,
    );
  });
  it('host accepts host names and public IPs, never a refused IP', () => {
    fc.assert(
      fc.property(fc.oneof(fqdnArb, publicIPv4, refusedIPv4), (h) => {
        const r = host(h);
        expect(r.ok).toBe(!/^[\d.]+$/.test(h) || !inRefusedRange(h));
        if (r.ok) expect(host(r.value)).toEqual(r);
      }),
      RUNS,
    );
  });
  it('hostport accepts host[:port], drops a sip: scheme, and is idempotent', () => {
    fc.assert(
      fc.property(fc.constantFrom('', 'sip:', 'SIP:'), fc.oneof(fqdnArb, publicIPv4), fc.option(fc.integer({ min: 1, max: 65535 })), (scheme, h, p) => {
        const r = hostport(`${scheme}${h}${p === null ? '' : `:${p}`}`);
        expect(r).toEqual({ ok: true, value: `${h}${p === null ? '' : `:${p}`}` });
        if (r.ok) expect(hostport(r.value)).toEqual(r);
      }),
      RUNS,
    );
  });
  it('hostport refuses a port outside 1..65535', () => {
    fc.assert(
      fc.property(fqdnArb, fc.oneof(fc.constant(0), fc.integer({ min: 65536, max: 99999 })), (h, p) => {
        expect(hostport(`${h}:${p}`)).toMatchObject({ ok: false, message: expect.stringContaining('1 to 65535') });
      }),
      RUNS,
    );
  });
});

describe('port / transport properties', () => {
  it('every port 1..65535 passes, also with leading zeros, idempotent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 65535 }), fc.constantFrom('', '0', '00'), (n, zeros) => {
        // a port is at most 5 digits, leading zeros included
        const raw = `${zeros}${n}`.length <= 5 ? `${zeros}${n}` : String(n);
        expect(port(raw)).toEqual({ ok: true, value: String(n) });
        expect(port(String(n))).toEqual({ ok: true, value: String(n) });
      }),
      RUNS,
    );
  });
  it('non-numbers and out-of-range numbers fail with the valid range', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -99999, max: 0 }).map(String), fc.integer({ min: 65536, max: 10 ** 9 }).map(String), fc.stringMatching(/^[0-9]*[a-z.][0-9]*$/)), (s) => {
        expect(port(s)).toMatchObject({ ok: false, message: expect.stringContaining('1 to 65535') });
      }),
      RUNS,
    );
  });
  it('tls/tcp/udp in any case pass lower-cased; udp always warns; others fail', () => {
    fc.assert(
      fc.property(fc.oneof(recase(fc.constantFrom('tls', 'tcp', 'udp')), fc.string({ maxLength: 6 })), (t) => {
        const r = transport(t);
        const known = ['tls', 'tcp', 'udp'].includes(t.trim().toLowerCase());
        expect(r.ok).toBe(known);
        if (r.ok) {
          expect(r.value).toBe(t.trim().toLowerCase());
          expect(r.warning !== undefined).toBe(r.value === 'udp');
          expect(transport(r.value)).toEqual(r);
        } else expect(r.message).toContain('tls, tcp or udp');
      }),
      RUNS,
    );
  });
});

describe('subdomain / url properties', () => {
  const sub = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/).filter((s) => !s.startsWith('p_'));
  it('one DNS label passes lower-cased and idempotent', () => {
    fc.assert(
      fc.property(padded(recase(sub)), ({ raw, core }) => {
        const r = subdomain(raw);
        expect(r).toEqual({ ok: true, value: core.toLowerCase() });
        if (r.ok) expect(subdomain(r.value)).toEqual(r);
      }),
      RUNS,
    );
  });
  it('the SIP URI pasted whole from the dashboard gives its first label, with a note', () => {
    expect(subdomain('sip:abc123.sip.livekit.cloud')).toEqual({ ok: true, value: 'abc123', warning: 'took "abc123" from sip:abc123.sip.livekit.cloud' });
    expect(subdomain('abc123.sip.livekit.cloud')).toMatchObject({ ok: true, value: 'abc123' });
    expect(subdomain('abc123.example.com')).toMatchObject({ ok: false });
  });
  it('a dot, underscore or other character fails with what is valid', () => {
    fc.assert(
      fc.property(insertAt(sub, fc.constantFrom('.', '_', ' ', '/', 'ä')), (s) => {
        expect(subdomain(`a${s}b`)).toMatchObject({ ok: false, message: expect.stringContaining('one DNS label') });
      }),
      RUNS,
    );
  });
  const path = fc.stringMatching(/^(\/[A-Za-z0-9_.{}~-]{0,12}){0,3}(\?[a-z]{1,5}=[A-Za-z0-9]{0,8})?$/);
  it('https URLs pass, scheme and host lower-cased, path kept, idempotent', () => {
    fc.assert(
      fc.property(recase(fc.constant('https')), recase(fqdnArb), path, (scheme, h, p) => {
        const r = url(`${scheme}://${h}${p}`);
        expect(r).toEqual({ ok: true, value: `https://${h.toLowerCase()}${p}` });
        if (r.ok) expect(url(r.value)).toEqual(r);
      }),
      RUNS,
    );
  });
  it('http is refused except for localhost', () => {
    fc.assert(
      fc.property(fqdnArb, path, (h, p) => {
        expect(url(`http://${h}${p}`)).toMatchObject({ ok: false, message: expect.stringContaining('https://') });
        expect(url(`http://localhost${p}`).ok).toBe(true);
      }),
      RUNS,
    );
  });
});
