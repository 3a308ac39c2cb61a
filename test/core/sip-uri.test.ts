import { describe, expect, it } from 'vitest';
import { bareSipUri, formatSipUri, namedTransport, parseSipUri, sameSipUri, sipHost, sipParts, sipPort, sipTransport, withDefaultPort, withSip } from '../../src/core/sip-uri.js';

describe('one SIP-URI module', () => {
  it('adds sip: once and takes it off (sips: kept when adding)', () => {
    expect(withSip('sip.retellai.com:5060;transport=tcp')).toBe('sip:sip.retellai.com:5060;transport=tcp');
    expect(withSip('sip:a.example')).toBe('sip:a.example');
    expect(withSip('SIPS:a.example')).toBe('SIPS:a.example');
    expect(bareSipUri('sip:a.example:5061;transport=tls')).toBe('a.example:5061;transport=tls');
    expect(bareSipUri(' <sips:a.example> ')).toBe('a.example');
    expect(bareSipUri('a.example')).toBe('a.example');
  });

  it('splits host, port, transport, user and other params', () => {
    expect(parseSipUri('sip:bot@abc.sip.livekit.cloud:5061;transport=TLS;lr')).toEqual({ scheme: 'sip', user: 'bot', host: 'abc.sip.livekit.cloud', portText: '5061', transportText: 'tls', params: ['lr'] });
    expect(parseSipUri('[2001:db8::1]:5060')).toMatchObject({ host: '2001:db8::1', portText: '5060' });
    expect(parseSipUri('host-only')).toMatchObject({ host: 'host-only', portText: undefined, transportText: undefined });
  });

  it('defaults the port by transport, and the transport to tcp, as Exotel destinations do', () => {
    expect(sipParts('sip:pbx.example:5080;transport=tls')).toEqual({ host: 'pbx.example', port: 5080, transport: 'tls' });
    expect(sipParts('pbx.example;transport=tls')).toEqual({ host: 'pbx.example', port: 5061, transport: 'tls' });
    expect(sipParts('pbx.example')).toEqual({ host: 'pbx.example', port: 5060, transport: 'tcp' });
    expect(sipPort('h;transport=udp')).toBe(5060);
    expect(sipTransport('h;transport=bogus')).toBe('tcp');
    expect(namedTransport('h;transport=bogus')).toBeUndefined();
    expect(namedTransport('h:5061;transport=tls')).toBe('tls');
  });

  it('gives the bare host of whatever form the rules, the planner and the templates pass', () => {
    for (const s of ['44.248.146.11', 'sip:44.248.146.11', '44.248.146.11:5060', 'sip:44.248.146.11:5060;transport=tcp']) expect(sipHost(s)).toBe('44.248.146.11');
  });

  it('writes a URI back the way it is read, and fills a missing port', () => {
    expect(formatSipUri({ host: 'a.example', port: 5061, transport: 'tls' })).toBe('a.example:5061;transport=tls');
    expect(formatSipUri({ scheme: 'sip', host: '::1', port: 5060 })).toBe('sip:[::1]:5060');
    expect(withDefaultPort('a.example;transport=tls')).toBe('a.example:5061;transport=tls');
    expect(withDefaultPort('a.example')).toBe('a.example:5060');
    expect(withDefaultPort('a.example:5080;transport=tls')).toBe('a.example:5080;transport=tls');
  });

  it('compares destinations as Exotel stores them (scheme and case aside)', () => {
    expect(sameSipUri('sip:Sip.RetellAI.com:5060;transport=tcp', 'sip.retellai.com:5060;transport=tcp')).toBe(true);
    expect(sameSipUri('a.example:5060', 'a.example:5061')).toBe(false);
  });
});
