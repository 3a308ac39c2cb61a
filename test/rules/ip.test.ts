import { describe, expect, it } from 'vitest';
import { classifyIPv4, ipv4_public, ipv4_public_list, isCidr, isIPv4 } from '../../src/core/rules/ip.js';

describe('classifyIPv4', () => {
  it.each([
    ['44.248.146.11', 'public', 'public'],
    ['10.1.2.3', 'private', '10.0.0.0/8'],
    ['172.16.0.1', 'private', 'private'],
    ['192.168.1.1', 'private', 'private'],
    ['127.0.0.1', 'loopback', '127.0.0.0/8'],
    ['169.254.10.10', 'linkLocal', '169.254.0.0/16'],
    ['100.64.0.1', 'carrierGradeNat', '100.64.0.0/10'],
    ['224.0.0.5', 'multicast', '224.0.0.0/4'],
    ['255.255.255.255', 'broadcast', '255.255.255.255'],
    ['0.0.0.0', 'unspecified', '0.0.0.0/8'],
    ['192.0.2.10', 'documentation', '192.0.2.0/24'],
    ['198.51.100.7', 'documentation', '198.51.100.0/24'],
    ['203.0.113.50', 'documentation', '203.0.113.0/24'],
    ['198.18.3.4', 'benchmarking', '198.18.0.0/15'],
    ['240.0.0.1', 'reserved', 'reserved'],
    ['192.0.0.8', 'reserved', 'reserved'],
    ['18.98.16.120/30', 'cidr', 'range'],
    ['1.2.3', 'invalid', 'not an IPv4'],
    ['01.2.3.4', 'invalid', 'not an IPv4'],
    ['256.1.1.1', 'invalid', 'not an IPv4'],
  ])('%s is %s', (ip, range, label) => {
    const c = classifyIPv4(ip);
    expect(c.range).toBe(range);
    expect(c.label).toContain(label);
  });
});

describe('isCidr / isIPv4', () => {
  it.each([
    ['18.98.16.120/30', true],
    ['143.223.88.0/21', true],
    ['1.2.3.4/32', true],
    ['1.2.3.4/33', false],
    ['1.2.3.4', false],
    ['abc/3', false],
  ])('isCidr(%j) is %s', (s, expected) => expect(isCidr(s)).toBe(expected));
  it.each([
    ['1.2.3.4', true],
    ['1.2.3.04', false],
    ['0x1.2.3.4', false],
    ['1.2.3', false],
  ])('isIPv4(%j) is %s', (s, expected) => expect(isIPv4(s)).toBe(expected));
});

describe('ipv4_public', () => {
  it.each([
    ['44.248.146.11', '44.248.146.11'],
    [' 13.200.45.61 ', '13.200.45.61'],
    ['35.154.174.161/32', '35.154.174.161'],
  ])('accepts %j as %j', (input, value) => expect(ipv4_public(input)).toEqual({ ok: true, value }));

  it.each([
    ['18.98.16.120/30', ['is an IP range', 'single IPs only (mask 32)', 'digest credentials']],
    ['192.168.1.10', ['private range', 'single public IPv4 address']],
    ['203.0.113.50', ['documentation range 203.0.113.0/24', 'single public IPv4']],
    ['100.64.1.1', ['carrier-grade NAT']],
    ['127.0.0.1', ['loopback']],
    ['999.1.1.1', ['not a valid IPv4 address', '0 to 255']],
    ['sip.retellai.com', ['not an IPv4 address']],
    ['', ['empty']],
  ])('refuses %j naming the range and what is valid', (input, mentions) => {
    const r = ipv4_public(input);
    expect(r.ok).toBe(false);
    if (!r.ok) for (const m of mentions) expect(r.message).toContain(m);
  });
});

describe('ipv4_public_list', () => {
  it('splits on commas and spaces, de-duplicates, keeps order', () => {
    expect(ipv4_public_list('13.200.45.61, 44.248.146.11 13.200.45.61;15.252.21.46')).toEqual({
      ok: true,
      value: '13.200.45.61, 44.248.146.11, 15.252.21.46',
    });
  });
  it('names the bad item', () => {
    expect(ipv4_public_list('13.200.45.61, 10.0.0.1')).toMatchObject({ ok: false, message: expect.stringMatching(/^Item 2: .*private/) });
  });
  it('refuses an empty list with an example', () => {
    expect(ipv4_public_list(' , ')).toMatchObject({ ok: false, message: expect.stringContaining('e.g. 44.248.146.11') });
  });
});
