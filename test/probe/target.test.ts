import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { formatTarget, parseTarget } from '../../src/core/probe/target.js';

describe('parseTarget', () => {
  it('reads a full SIP URI', () => {
    const t = parseTarget('sip:in.voip.exotel.com:5070;transport=tcp');
    expect(t).toMatchObject({ scheme: 'sip', host: 'in.voip.exotel.com', port: 5070, transport: 'tcp', defaults: [] });
    expect(formatTarget(t)).toBe('sip:in.voip.exotel.com:5070;transport=tcp');
  });

  it('reads host:port;transport=x, any case, with angle brackets and a user part', () => {
    expect(parseTarget('sip-01.in.rapida.ai:5060;transport=UDP')).toMatchObject({ host: 'sip-01.in.rapida.ai', port: 5060, transport: 'udp' });
    expect(parseTarget('<sip:+918012345678@edge.in.exotel.com:5070;transport=tcp>')).toMatchObject({ user: '+918012345678', host: 'edge.in.exotel.com', transport: 'tcp' });
    expect(parseTarget('  127.0.0.1:5061;transport=tls  ')).toMatchObject({ host: '127.0.0.1', port: 5061, transport: 'tls' });
  });

  it('reads IPv6 literals in brackets', () => {
    expect(parseTarget('sip:[::1]:5070;transport=tcp')).toMatchObject({ host: '::1', port: 5070, transport: 'tcp' });
    expect(formatTarget(parseTarget('[2001:db8::1];transport=tls'))).toBe('sip:[2001:db8::1]:5061;transport=tls');
  });

  it.each([
    ['in.voip.exotel.com:5070', 'tcp', 5070],
    ['in.voip.exotel.com:443', 'tls', 443],
    ['host.example.com:5061', 'tls', 5061],
    ['host.example.com:5080', 'udp', 5080],
    ['host.example.com', 'udp', 5060],
    ['sips:host.example.com', 'tls', 5061],
    ['host.example.com;transport=tcp', 'tcp', 5060],
    ['host.example.com;transport=tls', 'tls', 5061],
  ])('defaults %s to %s port %i and says why', (input, transport, port) => {
    const t = parseTarget(input);
    expect(t).toMatchObject({ transport, port });
    expect(t.defaults.length).toBeGreaterThan(0);
    expect(t.defaults.join(' ')).toContain(transport);
  });

  it.each([
    ['', 'empty'],
    ['sip:', 'no host'],
    ['host:0', 'port'],
    ['host:70000', 'port'],
    ['host:50a', 'port'],
    ['host;transport=ws', 'transport "ws"'],
    ['sips:host;transport=tcp', 'sips: needs TLS'],
    ['tel:+918012345678', 'scheme'],
    ['https://example.com', 'scheme'],
    ['bad_host!:5060', 'not a valid host'],
    ['2001:db8::1:5060', 'brackets'],
    ['[nothex]:5060', 'IPv6'],
  ])('refuses %j with an InputError naming the problem', (input, words) => {
    let err: unknown;
    try {
      parseTarget(input);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toContain(words);
    expect((err as InputError).exitCode).toBe(2);
    expect((err as InputError).fix).toMatch(/transport=/);
  });
});
