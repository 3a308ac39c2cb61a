import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { decideAuth, explainRule } from '../../src/core/rules/auth.js';
import type { AuthInput, Decision } from '../../src/core/rules/contract.js';

const base: AuthInput = {
  direction: 'outbound',
  egress: { kind: 'dynamic', ips: [], cidrs: [] },
  userIps: [],
  policy: 'auto',
  allowMixedAuth: false,
  mixConfirmed: false,
  wantDigestToo: false,
  numberMode: 'pstn',
};
const input = (over: Partial<AuthInput>): AuthInput => ({ ...base, ...over });
const topic = (ds: Decision[], t: Decision['topic']) => ds.filter((d) => d.topic === t);
const retell = { kind: 'cidr' as const, ips: [], cidrs: ['18.98.16.120/30', '143.223.88.0/21'] };

function refusal(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an InputError');
}

describe('outbound authentication (rules 1-2)', () => {
  it('a partner publishing CIDR ranges gets digest, with the ranges in the reason', () => {
    const plan = decideAuth(input({ egress: retell, partnerName: 'Retell' }));
    expect(plan.digest).toBe(true);
    expect(plan.aclIps).toEqual([]);
    expect(topic(plan.decisions, 'outbound-auth')).toEqual([
      {
        topic: 'outbound-auth',
        choice: 'digest',
        reason:
          'Retell publishes IP ranges (18.98.16.120/30, 143.223.88.0/21), and Exotel whitelists single IPs only (mask 32), so outbound calls authenticate with SIP digest credentials.',
      },
    ]);
  });

  it('dynamic egress gets digest', () => {
    const plan = decideAuth(input({ partnerName: 'Rapida' }));
    expect(plan).toMatchObject({ digest: true, aclIps: [] });
    expect(topic(plan.decisions, 'outbound-auth')[0].reason).toBe(
      'Rapida has no fixed egress IP, and Exotel whitelists single static IPs only, so outbound calls authenticate with SIP digest credentials.',
    );
  });

  it('"user" egress with no IPs typed gets digest', () => {
    const plan = decideAuth(input({ egress: { kind: 'user', ips: [], cidrs: [] } }));
    expect(plan.digest).toBe(true);
    expect(plan.decisions[0].reason).toBe('No static IP was given for the partner, so outbound calls authenticate with SIP digest credentials.');
  });

  it.each(['auto', 'acl'] as const)('recipe static IPs with policy %s get one ACL entry each, mask 32, no digest', (policy) => {
    const plan = decideAuth(input({ policy, egress: { kind: 'static', ips: ['13.200.45.61', '15.252.21.46'], cidrs: [] }, partnerName: 'Bolna' }));
    expect(plan).toMatchObject({ digest: false, aclIps: ['13.200.45.61', '15.252.21.46'] });
    expect(topic(plan.decisions, 'outbound-auth')[0]).toEqual({
      topic: 'outbound-auth',
      choice: 'acl',
      reason: 'Bolna sends from single static IPs (13.200.45.61, 15.252.21.46), so Exotel whitelists each one (mask 32) and outbound calls need no digest credentials.',
    });
    expect(topic(plan.decisions, 'acl')[0]).toMatchObject({ choice: '13.200.45.61, 15.252.21.46', reason: expect.stringContaining('mask 32') });
  });

  it('user-typed single IPs (and /32) lead to ACL, de-duplicated in stable order', () => {
    const plan = decideAuth(input({ egress: { kind: 'user', ips: [], cidrs: [] }, userIps: ['44.248.146.11', ' 35.154.174.161/32 ', '44.248.146.11'] }));
    expect(plan).toMatchObject({ digest: false, aclIps: ['44.248.146.11', '35.154.174.161'] });
    expect(plan.decisions[0].reason).toContain('sends from single static IPs');
  });

  it('a single IP reads in the singular', () => {
    const plan = decideAuth(input({ egress: { kind: 'static', ips: ['13.200.45.61'], cidrs: [] }, partnerName: 'Bolna' }));
    expect(plan.decisions[0].reason).toBe(
      'Bolna sends from a single static IP (13.200.45.61), so Exotel whitelists it (mask 32) and outbound calls need no digest credentials.',
    );
  });

  it('user single IPs override a dynamic partner, with a warning that other addresses will be refused', () => {
    const plan = decideAuth(input({ userIps: ['44.248.146.11'], partnerName: 'Pipecat' }));
    expect(plan.aclIps).toEqual(['44.248.146.11']);
    expect(plan.warnings).toEqual(['Pipecat has no fixed egress IP; only the IPs you gave are whitelisted, so calls from any other address will be refused (403).']);
  });

  it('a user-typed CIDR with policy auto leads to digest, with the reason', () => {
    const plan = decideAuth(input({ egress: { kind: 'user', ips: [], cidrs: [] }, userIps: ['18.98.16.120/30', '44.248.146.11'] }));
    expect(plan).toMatchObject({ digest: true, aclIps: [] });
    expect(plan.decisions[0].reason).toBe(
      '18.98.16.120/30 is an IP range, and Exotel whitelists single IPs only (mask 32), so outbound calls authenticate with SIP digest credentials.',
    );
    expect(plan.warnings).toEqual(['The IPs you gave (44.248.146.11) are not whitelisted: the partner also sends from ranges.']);
  });

  it('a digest-only recipe says a typed range is not used either, instead of dropping it silently', () => {
    const plan = decideAuth(input({ policy: 'digest', userIps: ['1.2.3.0/24'] }));
    expect(plan).toMatchObject({ digest: true, aclIps: [] });
    expect(plan.warnings).toEqual(['1.2.3.0/24 is an IP range, and would not be whitelisted anyway: Exotel takes single IPs only (mask 32); this recipe uses digest credentials.']);
  });

  it('a user-typed CIDR with policy acl is refused, explaining rule 2', () => {
    const e = refusal(() => decideAuth(input({ policy: 'acl', userIps: ['18.98.16.120/30', '143.223.88.0/21'] })));
    expect(e.message).toBe('18.98.16.120/30, 143.223.88.0/21 are IP ranges, and Exotel whitelists single IPs only (mask 32).');
    expect(e.why).toBe(explainRule(2));
    expect(e.fix).toContain('single static IPs');
  });

  it('policy acl with no IP at all is refused', () => {
    const e = refusal(() => decideAuth(input({ policy: 'acl', egress: retell, partnerName: 'Retell' })));
    expect(e.message).toContain('needs at least one single static IP for Retell');
  });

  it('policy digest ignores static IPs, saying so', () => {
    const plan = decideAuth(input({ policy: 'digest', egress: { kind: 'static', ips: ['13.200.45.61'], cidrs: [] }, userIps: ['44.248.146.11'], partnerName: 'Bolna' }));
    expect(plan).toMatchObject({ digest: true, aclIps: [] });
    expect(plan.decisions[0].reason).toBe('This recipe authenticates outbound calls from Bolna with SIP digest credentials, so no partner IP is whitelisted.');
    expect(plan.warnings[0]).toContain('44.248.146.11');
  });

  it.each([
    ['10.0.0.5', 'private range'],
    ['203.0.113.50', 'documentation range 203.0.113.0/24'],
    ['not-an-ip', 'not an IPv4 address'],
  ])('a user IP %s is refused, naming the range', (ip, mention) => {
    expect(refusal(() => decideAuth(input({ userIps: [ip] }))).message).toContain(mention);
  });
});

describe('mixed ACL + digest (rule 3)', () => {
  const pbx = input({ egress: { kind: 'user', ips: [], cidrs: [] }, userIps: ['44.248.146.11'], allowMixedAuth: true, wantDigestToo: true });

  it('needs the confirmation that Exotel approved it', () => {
    const e = refusal(() => decideAuth(pbx));
    expect(e.message).toBe("ACL plus digest on one trunk needs Exotel's approval for your account first.");
    expect(e.why).toBe(explainRule(3));
    expect(e.fix).toContain('mix_approved');
  });

  it('is refused when the recipe does not allow it', () => {
    const e = refusal(() => decideAuth({ ...pbx, allowMixedAuth: false, mixConfirmed: true }));
    expect(e.message).toBe('This recipe does not allow digest credentials on top of ACL entries.');
  });

  it('with allow + want + confirmed: ACL and digest, with a mixed-auth decision', () => {
    const plan = decideAuth({ ...pbx, mixConfirmed: true });
    expect(plan).toMatchObject({ digest: true, aclIps: ['44.248.146.11'] });
    expect(plan.decisions[0]).toMatchObject({ choice: 'acl+digest', reason: expect.stringContaining('also checks digest credentials') });
    expect(topic(plan.decisions, 'mixed-auth')).toEqual([
      { topic: 'mixed-auth', choice: 'acl+digest', reason: 'Exotel approved ACL plus digest for this account, so the trunk whitelists the IPs and also requires the credentials.' },
    ]);
  });

  it('confirmed mix without wanting digest stays ACL only', () => {
    const plan = decideAuth({ ...pbx, wantDigestToo: false, mixConfirmed: true });
    expect(plan).toMatchObject({ digest: false, aclIps: ['44.248.146.11'] });
    expect(topic(plan.decisions, 'mixed-auth')).toEqual([]);
  });
});

describe('inbound destination (rule 4)', () => {
  const inbound = input({ direction: 'inbound' });

  it('an IP destination gets its ACL entry first', () => {
    const plan = decideAuth({ ...inbound, destinationHost: '44.248.146.11' });
    expect(plan).toMatchObject({ digest: false, aclIps: ['44.248.146.11'], destinationNeedsAcl: true });
    expect(topic(plan.decisions, 'order')).toEqual([
      {
        topic: 'order',
        choice: 'acl 44.248.146.11 before destination',
        reason: '44.248.146.11 must be whitelisted before it can be a destination, so its ACL entry is created first.',
      },
    ]);
    expect(topic(plan.decisions, 'destination')[0].reason).toContain('needs an ACL entry');
  });

  it('an FQDN destination needs no ACL entry', () => {
    const plan = decideAuth({ ...inbound, destinationHost: 'Sip.RetellAI.com' });
    expect(plan).toMatchObject({ aclIps: [], destinationNeedsAcl: false });
    expect(topic(plan.decisions, 'destination')).toEqual([
      { topic: 'destination', choice: 'sip.retellai.com', reason: 'The destination sip.retellai.com is a host name, and an FQDN destination needs no ACL entry.' },
    ]);
    expect(topic(plan.decisions, 'order')).toEqual([]);
  });

  it('reads the host out of a full destination URI', () => {
    expect(decideAuth({ ...inbound, destinationHost: 'sip:13.200.45.61:5060;transport=tcp' }).aclIps).toEqual(['13.200.45.61']);
  });

  it.each([
    ['203.0.113.10', 'documentation range 203.0.113.0/24'],
    ['192.0.2.1', 'documentation range 192.0.2.0/24'],
    ['198.51.100.3', 'documentation range 198.51.100.0/24'],
    ['192.168.1.20', 'private range'],
    ['127.0.0.1', 'loopback'],
  ])('the destination %s is refused (%s)', (ip, mention) => {
    const e = refusal(() => decideAuth({ ...inbound, destinationHost: ip }));
    expect(e.message).toContain(mention);
    expect(e.message).toContain('207 / 1002');
    expect(e.why).toBe(explainRule(4));
  });

  it.each(['44.248.146.0/24', '999.1.1.1', 'bad_host.example.com'])('the destination %j is refused', (h) => {
    refusal(() => decideAuth({ ...inbound, destinationHost: h }));
  });

  it('inbound with no destination warns', () => {
    expect(decideAuth(inbound).warnings).toEqual(['No destination URI: inbound calls need one (Exotel\'s SIP trunking API reference, "Map Destination URI to Trunk"), unless the partner routes them another way.']);
  });

  it('inbound ignores partner IPs, saying so, and decides no outbound auth', () => {
    const plan = decideAuth({ ...inbound, userIps: ['44.248.146.11'], destinationHost: 'sip.retellai.com' });
    expect(plan).toMatchObject({ digest: false, aclIps: [] });
    expect(topic(plan.decisions, 'outbound-auth')).toEqual([]);
    expect(plan.warnings[0]).toContain('not whitelisted');
  });

  it('both directions: partner ACL then destination IP, de-duplicated, order stable', () => {
    const plan = decideAuth(
      input({ direction: 'both', egress: { kind: 'static', ips: ['13.200.45.61', '15.252.21.46'], cidrs: [] }, destinationHost: '13.200.45.61:5060' }),
    );
    expect(plan.aclIps).toEqual(['13.200.45.61', '15.252.21.46']);
    expect(plan.destinationNeedsAcl).toBe(true);
  });

  it('both directions with digest and an IP destination warns about the mix', () => {
    const plan = decideAuth(input({ direction: 'both', egress: retell, destinationHost: '44.248.146.11' }));
    expect(plan).toMatchObject({ digest: true, aclIps: ['44.248.146.11'] });
    expect(plan.warnings).toEqual([expect.stringContaining('When to use Credentials vs ACL')]);
  });

  it('outbound with no destination gives no destination warning', () => {
    expect(decideAuth(base).warnings).toEqual([]);
  });
});

describe('credentials always (StreamKit) and mode (rule 6)', () => {
  it('credentialsAlways gives digest even inbound, with its reason', () => {
    const plan = decideAuth(input({ direction: 'inbound', credentialsAlways: true, numberMode: 'flow', destinationHost: 'bot.example.com' }));
    expect(plan.digest).toBe(true);
    expect(topic(plan.decisions, 'outbound-auth')).toEqual([
      { topic: 'outbound-auth', choice: 'digest', reason: 'This setup needs SIP digest credentials on the trunk in every direction, so they are created.' },
    ]);
  });

  it('credentialsAlways on an ACL trunk warns about rule 3', () => {
    const plan = decideAuth(input({ credentialsAlways: true, userIps: ['44.248.146.11'] }));
    expect(plan).toMatchObject({ digest: true, aclIps: ['44.248.146.11'] });
    expect(plan.warnings.some((w) => w.includes('When to use Credentials vs ACL'))).toBe(true);
  });

  it('credentialsAlways adds no second decision when digest is already chosen', () => {
    const plan = decideAuth(input({ credentialsAlways: true }));
    expect(topic(plan.decisions, 'outbound-auth')).toHaveLength(1);
  });

  it.each([
    ['outbound', 'pstn', 'pstn', 'Outbound calls go straight to the phone network, so the number is mapped in pstn mode.'],
    ['inbound', 'pstn', 'pstn', 'Calls reach the trunk through a Connect applet (and go out to the phone network), so the number is mapped in pstn mode.'],
    ['both', 'pstn', 'pstn', 'Calls reach the trunk through a Connect applet (and go out to the phone network), so the number is mapped in pstn mode.'],
    ['inbound', 'flow', 'flow', 'Calls to this number go to a Voicebot / StreamKit applet, so the number is mapped in flow mode.'],
  ] as const)('%s with number mode %s -> %s', (direction, numberMode, mode, reason) => {
    const plan = decideAuth(input({ direction, numberMode, destinationHost: 'sip.retellai.com' }));
    expect(plan.mode).toBe(mode);
    expect(topic(plan.decisions, 'mode')).toEqual([{ topic: 'mode', choice: mode, reason }]);
  });
});

describe('explainRule', () => {
  it.each([1, 2, 3, 4, 5, 6, 7] as const)('rule %i is one plain paragraph', (n) => {
    const text = explainRule(n);
    expect(text.length).toBeGreaterThan(60);
    expect(text).not.toContain('\n');
  });
  it('states the key facts', () => {
    expect(explainRule(1)).toContain('mask 32');
    expect(explainRule(2)).toContain('18.98.16.120/30');
    expect(explainRule(4)).toContain('207 / 1002');
    expect(explainRule(5)).toContain('sip:<trunk_sid>');
    expect(explainRule(6)).toContain('flow');
    expect(explainRule(7)).toContain('200 bytes');
  });
  it('refuses a rule that does not exist', () => {
    expect(() => explainRule(8 as never)).toThrow(RangeError);
  });
});

describe('the default partner name', () => {
  it('reads well at the start of a sentence', () => {
    expect(decideAuth(input({ egress: retell })).decisions[0].reason).toMatch(/^The partner publishes IP ranges/);
    expect(decideAuth(input({ userIps: ['44.248.146.11'] })).decisions[0].reason).toMatch(/^The partner sends from a single static IP/);
  });
});

describe('the decision in one word (trunkAuth), made once by the rules', () => {
  const ips = { kind: 'static' as const, ips: ['44.248.146.11'], cidrs: [] };
  it('acl, digest, both and none follow the decisions, never a second derivation', () => {
    expect(decideAuth(input({ egress: ips })).trunkAuth).toBe('acl');
    expect(decideAuth(input({ egress: retell })).trunkAuth).toBe('digest');
    expect(decideAuth(input({ egress: ips, allowMixedAuth: true, wantDigestToo: true, mixConfirmed: true })).trunkAuth).toBe('both');
    expect(decideAuth(input({ direction: 'inbound', destinationHost: 'sip.retellai.com' })).trunkAuth).toBe('none');
    // digest with a destination IP whitelisted beside it is still digest: the mix was not approved, only warned about
    const d = decideAuth(input({ direction: 'both', egress: retell, destinationHost: '13.200.45.61' }));
    expect([d.trunkAuth, d.aclIps]).toEqual(['digest', ['13.200.45.61']]);
  });

  it("a recipe's own IPs: partner egress on an outbound leg, added after the decisions on an inbound-only trunk", () => {
    const own = { ips: ['3.7.1.1'], title: 'StreamKit (Voice AI via Exotel Flow)' };
    expect(decideAuth(input({ recipeAcl: own })).aclIps).toEqual(['3.7.1.1']);
    const inbound = decideAuth(input({ direction: 'inbound', numberMode: 'flow', recipeAcl: own }));
    expect(inbound.trunkAuth).toBe('acl');
    expect(topic(inbound.decisions, 'acl')[0]!.reason).toBe('StreamKit (Voice AI via Exotel Flow) needs these static IPs whitelisted on the trunk (mask 32) in every direction.');
    const mixed = decideAuth(input({ direction: 'inbound', numberMode: 'flow', recipeAcl: own, credentialsAlways: true, allowMixedAuth: true, wantDigestToo: true, mixConfirmed: true }));
    expect(mixed.trunkAuth).toBe('both');
    refusal(() => decideAuth(input({ direction: 'inbound', numberMode: 'flow', recipeAcl: own, credentialsAlways: true, allowMixedAuth: true, wantDigestToo: true })));
  });
});
