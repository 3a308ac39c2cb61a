import { describe, expect, it } from 'vitest';
import { VALIDATOR_NAMES } from '../../src/core/recipes/schema.js';
import {
  friendly_name,
  identifier,
  nonempty,
  sip_username,
  suggestTrunkName,
  transport,
  trunk_name,
  validators,
} from '../../src/core/rules/validators.js';
import { fqdn, host, hostport, port, subdomain, url } from '../../src/core/rules/hosts.js';
import type { Validator } from '../../src/core/rules/contract.js';

type Good = [input: string, normalised: string];
type Bad = [input: string, ...mentions: string[]];

function table(name: string, v: Validator, good: Good[], bad: Bad[]) {
  describe(name, () => {
    it.each(good)('accepts %j as %j', (input, value) => {
      expect(v(input)).toMatchObject({ ok: true, value });
    });
    it.each(bad)('refuses %j, saying what is valid', (input, ...mentions) => {
      const r = v(input);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      for (const m of mentions) expect(r.message).toContain(m);
      expect(r.message.length).toBeLessThan(300);
    });
  });
}

describe('the registry', () => {
  it('has exactly one validator per name in VALIDATOR_NAMES', () => {
    expect(Object.keys(validators).sort()).toEqual([...VALIDATOR_NAMES].sort());
  });
});

table(
  'trunk_name',
  trunk_name,
  [
    ['livekit_out', 'livekit_out'],
    ['  A1_b2  ', 'A1_b2'],
    ['x', 'x'],
    ['abcdefghijklmnop', 'abcdefghijklmnop'],
  ],
  [
    ['ABC-1', '"ABC-1" has a "-"', '1 to 16 letters, digits or underscores', 'e.g. ABC_1'],
    ['ElevenLabs_Outbound_Trunk', 'is 25 characters', '1 to 16', 'e.g. ElevenLabs_Outbo.'],
    ['my trunk', 'has a space', 'e.g. my_trunk'],
    ['', 'empty', 'e.g. livekit_out'],
    ['abcdefghijklmnopq', 'is 17 characters'],
  ],
);

describe('suggestTrunkName', () => {
  it.each([
    ['livekit', 'outbound', 'livekit_out'],
    ['elevenlabs', 'inbound', 'elevenlabs_in'],
    ['pipecat-daily', 'both', 'pipecat_daily_io'],
    ['', 'outbound', 'exotrunk_out'],
    ['a-very-long-partner-name', 'outbound', 'a_very_long_out'],
  ])('%j, %j -> %j, a valid name', (partner, direction, expected) => {
    const name = suggestTrunkName(partner, direction);
    expect(name).toBe(expected);
    expect(trunk_name(name)).toEqual({ ok: true, value: name });
  });
});

table(
  'port',
  port,
  [
    ['5060', '5060'],
    [' 443 ', '443'],
    ['05061', '5061'],
    ['1', '1'],
    ['65535', '65535'],
  ],
  [
    ['0', 'outside the port range', '1 to 65535'],
    ['65536', 'outside the port range'],
    ['50a', 'not a port', '1 to 65535'],
    ['-1', 'not a port'],
    ['5060.5', 'not a port'],
    ['', 'not a port'],
  ],
);

table(
  'transport',
  transport,
  [
    ['tls', 'tls'],
    [' TCP ', 'tcp'],
    ['udp', 'udp'],
  ],
  [
    ['sctp', 'not a SIP transport', 'tls, tcp or udp'],
    ['', 'tls, tcp or udp'],
    ['SIP_TRANSPORT_TLS', 'tls, tcp or udp'],
  ],
);

describe('transport warnings and partner limits', () => {
  it('warns for udp that Exotel documents tcp and tls', () => {
    expect(transport('udp')).toMatchObject({ ok: true, value: 'udp', warning: expect.stringContaining('tcp and tls') });
    expect(transport('tls')).toEqual({ ok: true, value: 'tls' });
  });
});

table(
  'friendly_name',
  friendly_name,
  [
    ['voice_ai_platform', 'voice_ai_platform'],
    [' Retell Prod ', 'Retell Prod'],
    ['x'.repeat(32), 'x'.repeat(32)],
    ['स्वागत', 'स्वागत'],
  ],
  [
    ['x'.repeat(33), 'is 33 characters', '1 to 32 characters'],
    ['', 'empty', '1 to 32'],
    ['a\u0000b', 'control', '1 to 32'],
  ],
);

table(
  'sip_username',
  sip_username,
  [
    ['voice_ai_user', 'voice_ai_user'],
    ['a.b-c+d_e', 'a.b-c+d_e'],
    ['abc', 'abc'],
  ],
  [
    ['ab', 'is 2 characters', '3 to 64'],
    ['user@host', 'has a "@"', 'breaks SIP URIs', '3 to 64 letters'],
    ['user name', 'has a space'],
    ['u:p', 'has a ":"'],
    ['x'.repeat(65), 'is 65 characters'],
  ],
);

table(
  'identifier',
  identifier,
  [
    ['agent_8f3c', 'agent_8f3c'],
    ['ST_abc:1.2-3', 'ST_abc:1.2-3'],
  ],
  [
    ['', 'empty', '1 to 128'],
    ['ag 1', 'has a space', '_ . : -'],
    ['a/b', 'has a "/"'],
    ['x'.repeat(129), 'is 129 characters'],
  ],
);

table(
  'nonempty',
  nonempty,
  [
    ['x', 'x'],
    ['  hello world ', 'hello world'],
  ],
  [
    ['', 'empty', 'enter a value'],
    ['   \t', 'empty'],
  ],
);

table(
  'fqdn',
  fqdn,
  [
    ['sip.retellai.com', 'sip.retellai.com'],
    ['  SIP.RetellAI.com. ', 'sip.retellai.com'],
    ['abc123.india.sip.livekit.cloud', 'abc123.india.sip.livekit.cloud'],
    ['a-b.co', 'a-b.co'],
  ],
  [
    ['localhost', 'one label only', 'two or more dot-separated labels'],
    ['sip.retellai.com:5060', 'has a ":"', 'without a port'],
    ['sip:sip.retellai.com', 'starts with "sip:"'],
    ['-bad.example.com', 'starting or ending with "-"'],
    ['a..b.com', 'empty label'],
    ['host_name.com', 'has a "_"'],
    ['1.2.3.4', 'not a top-level domain'],
    [`${'a'.repeat(64)}.com`, 'longer than 63'],
    ['', 'empty', 'e.g. sip.retellai.com'],
  ],
);

table(
  'host',
  host,
  [
    ['sip.retellai.com', 'sip.retellai.com'],
    ['sip:In.Voip.Exotel.com', 'in.voip.exotel.com'],
    ['44.248.146.11', '44.248.146.11'],
  ],
  [
    ['10.0.0.1', 'private range', 'single public IPv4'],
    ['203.0.113.5', 'documentation range 203.0.113.0/24'],
    ['bad_host.com', 'has a "_"', 'or a single public IPv4'],
    ['', 'empty'],
  ],
);

table(
  'hostport',
  hostport,
  [
    ['in.voip.exotel.com:5070', 'in.voip.exotel.com:5070'],
    ['sip:Sip.RetellAI.com:5060', 'sip.retellai.com:5060'],
    ['sip.retellai.com', 'sip.retellai.com'],
    ['13.200.45.61:5060', '13.200.45.61:5060'],
  ],
  [
    ['sip.retellai.com:5060;transport=tcp', 'has a ";"', 'host[:port]'],
    ['user@in.voip.exotel.com', 'has an "@"', 'no user part'],
    ['sip.retellai.com:99999', 'bad port', '1 to 65535'],
    ['sip.retellai.com:', 'bad port'],
    ['192.168.1.10:5060', 'private range'],
  ],
);

table(
  'subdomain',
  subdomain,
  [
    ['abc123', 'abc123'],
    [' ABC-123 ', 'abc-123'],
  ],
  [
    ['p_abc123', 'starts with "p_"', 'e.g. abc123'],
    ['abc.india', 'has a "."', 'one DNS label'],
    ['-abc', 'starts or ends with "-"'],
    ['ab_c', 'has a "_"'],
    ['', 'empty'],
    ['a'.repeat(64), 'is 64 characters'],
  ],
);

table(
  'url',
  url,
  [
    ['https://api.example.com/hook', 'https://api.example.com/hook'],
    ['HTTPS://API.Example.com/Path?x=A', 'https://api.example.com/Path?x=A'],
    ['http://localhost:3000/hook', 'http://localhost:3000/hook'],
    ['https://websocket-01.in.rapida.ai/v1/talk/exotel/call/{assistant-id}', 'https://websocket-01.in.rapida.ai/v1/talk/exotel/call/{assistant-id}'],
  ],
  [
    ['http://api.example.com', 'uses http', 'https://'],
    ['ftp://example.com', 'uses ftp', 'https://'],
    ['example.com/hook', 'does not start with https://'],
    ['https://user:pass@example.com', 'user name or password', 'own field'],
    ['https://exa mple.com', 'space'],
    ['', 'empty'],
  ],
);

describe('messages never echo a secret', () => {
  it('does not put the password into its message', () => {
    const secret = 'short"pw';
    const r = validators.sip_password(secret);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).not.toContain('short');
  });
  it('does not put URL credentials into its message', () => {
    const r = url('https://user:hunter2secret@example.com');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).not.toContain('hunter2secret');
  });
});
